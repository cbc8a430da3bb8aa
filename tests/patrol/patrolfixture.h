// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/grid.h"
#include "support/testsupport.h"

#include <QDateTime>
#include <QFile>
#include <QList>
#include <QString>

namespace GridDesk::Test {

/// The real GPS logs of the shared data folder beside the checkout (tests only, never
/// bundled), with the figures tracks_stats.csv gives for them.
inline QString trackPath(const QString &name)
{
    return dataPath(QStringLiteral("../../../shared/data/tracks/") + name);
}

/// One fix of a hand-made log.
struct Fix
{
    double lon = 0.0;
    double lat = 0.0;
    QDateTime time; ///< invalid: the point is written without a time
};

/// Writes fixes as a GPX 1.1 track of one segment to path; false when it cannot be written.
inline bool writeGpx(const QString &path, const QList<Fix> &fixes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    QByteArray text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<gpx version=\"1.1\" creator=\"GridDesk tests\" "
                      "xmlns=\"http://www.topografix.com/GPX/1/1\">\n<trk><trkseg>\n";
    for (const Fix &fix : fixes) {
        text += QStringLiteral("<trkpt lat=\"%1\" lon=\"%2\">")
                    .arg(fix.lat, 0, 'f', 8)
                    .arg(fix.lon, 0, 'f', 8)
                    .toUtf8();
        if (fix.time.isValid())
            text += "<time>" + fix.time.toUTC().toString(Qt::ISODate).toUtf8() + "</time>";
        text += "</trkpt>\n";
    }
    text += "</trkseg></trk>\n</gpx>\n";
    return file.write(text) == text.size();
}

/// A straight walk from (lon0, lat0) to (lon1, lat1) in steps fixes, a minute apart from start.
inline QList<Fix> walk(
    double lon0, double lat0, double lon1, double lat1, int steps, const QDateTime &start)
{
    QList<Fix> fixes;
    for (int i = 0; i <= steps; ++i) {
        const double t = double(i) / steps;
        fixes << Fix {lon0 + t * (lon1 - lon0), lat0 + t * (lat1 - lat0), start.addSecs(60 * i)};
    }
    return fixes;
}

/// A rectangle as the workspace keeps a grid boundary: a multipolygon in WKB (little-endian,
/// lon/lat degrees).
inline QByteArray rectangleWkb(double west, double south, double east, double north)
{
    QByteArray wkb;
    auto put32 = [&wkb](quint32 value) {
        for (int i = 0; i < 4; ++i)
            wkb.append(char((value >> (8 * i)) & 0xff));
    };
    auto putDouble = [&wkb](double value) {
        wkb.append(reinterpret_cast<const char *>(&value), sizeof value);
    };
    wkb.append(char(1));
    put32(6);
    put32(1);
    wkb.append(char(1));
    put32(3);
    put32(1);
    put32(5);
    for (const auto &[x, y] : {std::pair {west, south}, std::pair {east, south},
             std::pair {east, north}, std::pair {west, north}, std::pair {west, south}}) {
        putDouble(x);
        putDouble(y);
    }
    return wkb;
}

inline Grid rectangleGrid(const QString &code, double west, double south, double east, double north,
    GridLevel level = GridLevel::Base)
{
    Grid grid;
    grid.code = code;
    grid.name = code;
    grid.level = level;
    grid.bbox = BoundingBox {west, south, east, north};
    grid.wkb = rectangleWkb(west, south, east, north);
    return grid;
}

} // namespace GridDesk::Test
