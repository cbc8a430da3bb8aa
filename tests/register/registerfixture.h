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
#include <ogr_srs_api.h>

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

/// A point of a test file: a name, a second text field, and x, y in the layer's units.
struct TestPoint
{
    const char *name;
    const char *other;
    double x;
    double y;
};

/// Adds a point layer of two text fields ("name" and otherField) to a dataset, its points as
/// given and its CRS said to be EPSG:epsg. False when GDAL refuses a step.
inline bool addPointLayer(GDALDatasetH dataset, const char *layerName, const char *otherField,
    int epsg, const QList<TestPoint> &points)
{
    OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
    OSRImportFromEPSG(srs, epsg);
    OSRSetAxisMappingStrategy(srs, OAMS_TRADITIONAL_GIS_ORDER);
    OGRLayerH layer = GDALDatasetCreateLayer(dataset, layerName, srs, wkbPoint, nullptr);
    OSRRelease(srs);
    if (!layer)
        return false;
    for (const char *name : {"name", otherField}) {
        OGRFieldDefnH field = OGR_Fld_Create(name, OFTString);
        const bool made = OGR_L_CreateField(layer, field, TRUE) == OGRERR_NONE;
        OGR_Fld_Destroy(field);
        if (!made)
            return false;
    }
    for (const TestPoint &point : points) {
        OGRFeatureH feature = OGR_F_Create(OGR_L_GetLayerDefn(layer));
        OGR_F_SetFieldString(feature, 0, point.name);
        OGR_F_SetFieldString(feature, 1, point.other);
        OGRGeometryH geometry = OGR_G_CreateGeometry(wkbPoint);
        OGR_G_SetPoint_2D(geometry, 0, point.x, point.y);
        OGR_F_SetGeometryDirectly(feature, geometry);
        const bool made = OGR_L_CreateFeature(layer, feature) == OGRERR_NONE;
        OGR_F_Destroy(feature);
        if (!made)
            return false;
    }
    return true;
}

/// A GeoPackage of two point layers, written with GDAL: "lamps" (fields name, lamp_code), two
/// street lamps in longitude/latitude, one at Taipei Main Station (121.5170°E, 25.0478°N), one
/// at Taipei City Hall (121.5645°E, 25.0340°N); and "shelters" (fields name, address), a
/// shelter at each of the same spots whose coordinates are TWD97 / TM2 metres (EPSG:3826)
/// although the layer says WGS84, as a file saved with the wrong CRS does. False when GDAL
/// could not write it.
inline bool writeTwoLayerGeoPackage(const QString &path)
{
    GDALAllRegister();
    QFile::remove(path);
    GDALDriverH driver = GDALGetDriverByName("GPKG");
    GDALDatasetH dataset = driver
        ? GDALCreate(driver, QFile::encodeName(path).constData(), 0, 0, 0, GDT_Unknown, nullptr)
        : nullptr;
    if (!dataset)
        return false;
    const bool written = addPointLayer(dataset, "lamps", "lamp_code", 4326,
                             {{"Station lamp", "L-001", 121.5170, 25.0478},
                                 {"City hall lamp", "L-002", 121.5645, 25.0340}})
        && addPointLayer(dataset, "shelters", "address", 4326,
            {{"Station shelter", "Zhongxiao West Road 49", 302166.227, 2771171.641},
                {"City hall shelter", "Shifu Road 1", 306965.533, 2769662.224}});
    GDALClose(dataset);
    return written;
}

/// A CSV of two city components (name, lon, lat) whose names are GBK, Simplified Chinese, and
/// which declares no encoding: a lamp, 北京东路路灯, at Taipei Main Station and a hydrant,
/// 人民广场消防栓, at Taipei City Hall. False when it could not be written.
inline bool writeGbkCsv(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    const QByteArray text = "name,lon,lat\n" + QByteArray::fromHex("b1b1bea9b6abc2b7c2b7b5c6")
        + ",121.5170,25.0478\n" + QByteArray::fromHex("c8cbc3f1b9e3b3a1cffbb7c0cba8")
        + ",121.5645,25.0340\n";
    return file.write(text) == text.size();
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
