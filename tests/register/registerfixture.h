// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/grid.h"
#include "gis/wkb.h"
#include "ingest/samples.h"
#include "storage/workspace.h"

#include "support/testsupport.h"

#include <gdal.h>
#include <ogr_api.h>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <memory>

namespace GridDesk::Test {

/// The real registers of Taipei the register is tried on, in the shared data folder beside the
/// checkout (as tests/data/README.md describes it).
inline QString taipeiRegistry(const QString &file)
{
    return QDir::cleanPath(
        dataPath(QStringLiteral("../../../shared/data/taipei/registry/") + file));
}

/// The mapping shipped for one of those files.
inline QString taipeiMapping(const QString &file)
{
    return mapsPath(QStringLiteral("taipei/register/") + file);
}

/// Workspaces for the register's tests: the Taipei sample made once (as the workstation makes
/// it from maps/), copied for each test that changes it.
class RegisterFixture
{
public:
    /// A copy of the Taipei sample workspace under name; empty when it could not be made.
    QString taipeiCopy(const QString &name)
    {
        if (m_taipei.isEmpty() && !makeTaipei())
            return {};
        const QString path = m_dir.filePath(name);
        QFile::remove(path);
        return QFile::copy(m_taipei, path) ? path : QString();
    }

    QString filePath(const QString &name) const { return m_dir.filePath(name); }

    /// A workspace of two square base grids side by side, west "SQ-W" and east "SQ-E", each
    /// 0.01° wide, from 121.50°E, 25.00°N.
    std::unique_ptr<Workspace> squares(const QString &name)
    {
        auto opened = Workspace::open(m_dir.filePath(name));
        if (!opened)
            return nullptr;
        QList<Grid> grids {
            square(QStringLiteral("SQ-W"), 121.50), square(QStringLiteral("SQ-E"), 121.51)};
        auto saved = (*opened)->transaction([&]() { return (*opened)->saveGrids(grids); });
        return saved ? std::move(*opened) : nullptr;
    }

    static Grid square(const QString &code, double west)
    {
        Grid grid;
        grid.code = code;
        grid.name = code;
        grid.level = GridLevel::Base;
        const double east = west + 0.01;
        grid.bbox = BoundingBox {west, 25.00, east, 25.01};
        // A little-endian WKB multipolygon of one ring, written by hand.
        QByteArray wkb;
        QDataStream stream(&wkb, QIODevice::WriteOnly);
        stream.setByteOrder(QDataStream::LittleEndian);
        stream.setFloatingPointPrecision(QDataStream::DoublePrecision);
        stream << quint8(1) << quint32(6) << quint32(1) << quint8(1) << quint32(3) << quint32(1)
               << quint32(5);
        for (const auto &[x, y] :
            {std::pair {west, 25.00}, {east, 25.00}, {east, 25.01}, {west, 25.01}, {west, 25.00}})
            stream << x << y;
        grid.wkb = wkb;
        return grid;
    }

private:
    bool makeTaipei()
    {
        const QString path = m_dir.filePath(QStringLiteral("taipei-sample.gpkg"));
        auto workspace = Workspace::open(path);
        if (!workspace)
            return false;
        auto imported = importSample(**workspace, QDir(mapsPath()), QStringLiteral("taipei"));
        if (!imported)
            qWarning() << imported.error().message;
        workspace->reset();
        if (!imported)
            return false;
        m_taipei = path;
        return true;
    }

    QTemporaryDir m_dir;
    QString m_taipei;
};

/// One number a query gives, read with GDAL's own SQL over a vector file: a count made apart
/// from GridDesk's reader.
inline qint64 ogrCount(const QString &path, const QString &sql)
{
    GDALAllRegister();
    GDALDatasetH dataset = GDALOpenEx(QFile::encodeName(path).constData(),
        GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
    if (!dataset)
        return -1;
    OGRLayerH result = GDALDatasetExecuteSQL(dataset, sql.toUtf8().constData(), nullptr, "SQLITE");
    qint64 count = -1;
    if (result) {
        OGRFeatureH feature = OGR_L_GetNextFeature(result);
        if (feature) {
            count = OGR_F_GetFieldAsInteger64(feature, 0);
            OGR_F_Destroy(feature);
        }
        GDALDatasetReleaseResultSet(dataset, result);
    }
    GDALClose(dataset);
    return count;
}

/// The first column of the first row a query gives in a workspace.
inline QVariant scalar(const Workspace &workspace, const QString &sql)
{
    QSqlQuery query(workspace.database());
    if (!query.exec(sql) || !query.next())
        return {};
    return query.value(0);
}

/// The SHA-256 of a file: whether it changed at all.
inline QByteArray fileHash(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

} // namespace GridDesk::Test
