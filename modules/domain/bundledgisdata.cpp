// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "bundledgisdata.h"

#include "logging.h"

#include <QDir>
#include <QFileInfo>

namespace GridDesk {

namespace {

/// Sets name to path unless it is set already; records the assignment in made.
void setUnlessSet(const char *name, const QString &path, QStringList &made)
{
    if (qEnvironmentVariableIsSet(name))
        return;
    qputenv(name, QFile::encodeName(QDir::toNativeSeparators(path)));
    made << QStringLiteral("%1=%2").arg(QLatin1String(name), path);
}

} // namespace

QStringList useBundledGisData(const QString &programDir)
{
    const QDir prefix(QDir::cleanPath(programDir + QStringLiteral("/..")));
    QStringList made;

    const QString proj = prefix.filePath(QStringLiteral("share/proj"));
    if (QFileInfo::exists(proj + QStringLiteral("/proj.db"))) {
        setUnlessSet("PROJ_DATA", proj, made);
        setUnlessSet("PROJ_LIB", proj, made);
    }

    const QString gdalData = prefix.filePath(QStringLiteral("share/gdal"));
    if (QFileInfo(gdalData).isDir())
        setUnlessSet("GDAL_DATA", gdalData, made);

    const QString gdalPlugins = prefix.filePath(QStringLiteral("lib/gdalplugins"));
    if (QFileInfo(gdalPlugins).isDir())
        setUnlessSet("GDAL_DRIVER_PATH", gdalPlugins, made);

    if (!made.isEmpty())
        qCInfo(lcDomain).noquote() << "GIS data beside the program:" << made.join(QLatin1Char(' '));
    return made;
}

} // namespace GridDesk
