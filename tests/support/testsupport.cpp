// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "testsupport.h"

#include <gdal.h>

#include <QLocale>

namespace GridDesk::Test {

void initialiseEnvironment()
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    qputenv("QT_ENABLE_HIGHDPI_SCALING", "0");
    qputenv("TZ", "UTC");
    QLocale::setDefault(QLocale::c());
    GDALAllRegister();
}

QString dataPath(const QString &relative)
{
    return QStringLiteral(GRIDDESK_TEST_DATA_DIR "/") + relative;
}

QString mapsPath(const QString &relative)
{
    return QStringLiteral(GRIDDESK_SOURCE_MAPS_DIR "/") + relative;
}

} // namespace GridDesk::Test
