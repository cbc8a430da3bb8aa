// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "testsupport.h"

#include <gdal.h>

#include <QAbstractItemModel>
#include <QLocale>

namespace GridDesk::Test {

QByteArray squareWkb(double west, double south, double size)
{
    QByteArray wkb;
    auto u32 = [&wkb](quint32 v) {
        wkb.append(reinterpret_cast<const char *>(&v), 4);
    };
    auto f64 = [&wkb](double v) {
        wkb.append(reinterpret_cast<const char *>(&v), 8);
    };
    wkb.append(char(1));
    u32(6); // multipolygon
    u32(1);
    wkb.append(char(1));
    u32(3); // polygon
    u32(1);
    u32(5);
    const double xs[] = {west, west + size, west + size, west, west};
    const double ys[] = {south, south, south + size, south + size, south};
    for (int i = 0; i < 5; ++i) {
        f64(xs[i]);
        f64(ys[i]);
    }
    return wkb;
}

void initialiseEnvironment()
{
    // A test that needs another platform, or offscreen with several monitors, names it.
    const QByteArray platform = qgetenv("GRIDDESK_TEST_PLATFORM");
    qputenv("QT_QPA_PLATFORM", platform.isEmpty() ? QByteArray("offscreen") : platform);
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

QString dumpModel(const QAbstractItemModel &model)
{
    QStringList lines;
    QStringList header;
    for (int column = 0; column < model.columnCount(); ++column)
        header << model.headerData(column, Qt::Horizontal).toString();
    lines << header.join(QLatin1Char('|'));
    for (int row = 0; row < model.rowCount(); ++row) {
        QStringList cells;
        for (int column = 0; column < model.columnCount(); ++column)
            cells << model.index(row, column).data().toString();
        lines << cells.join(QLatin1Char('|'));
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace GridDesk::Test
