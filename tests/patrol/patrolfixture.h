// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/grid.h"
#include "storage/workspace.h"
#include "support/testsupport.h"

#include <geodesic.h>

#include <QDateTime>
#include <QFile>
#include <QList>
#include <QSqlQuery>
#include <QString>
#include <QUuid>

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

/// Geodesic distance in metres between two lon/lat points, straight from PROJ's geodesic
/// library: the tests' own measure, apart from the projection the patrol module uses.
inline double metresBetween(double lon0, double lat0, double lon1, double lat1)
{
    geod_geodesic wgs84;
    geod_init(&wgs84, 6378137.0, 1.0 / 298.257223563);
    double metres = 0.0;
    geod_inverse(&wgs84, lat0, lon0, lat1, lon1, &metres, nullptr, nullptr);
    return metres;
}

/// The latitude metres north of lat along the meridian lon (south when metres < 0).
inline double northOf(double lon, double lat, double metres)
{
    geod_geodesic wgs84;
    geod_init(&wgs84, 6378137.0, 1.0 / 298.257223563);
    double lat2 = 0.0, lon2 = 0.0;
    geod_direct(&wgs84, lat, lon, 0.0, metres, &lat2, &lon2, nullptr);
    return lat2;
}

/// Records in workspace a case at location in grid, reported by actor through channel at
/// (ISO text, as the history keeps it), with only its report in its history. Returns its
/// id, 0 when it could not be saved.
inline qint64 reportCase(Workspace &workspace, const QString &grid, const GeoPoint &location,
    const QString &actor, const QString &channel, const QString &at)
{
    QList<CaseRecord> records(1);
    records[0].source = QStringLiteral("desk");
    records[0].externalId = QUuid::createUuid().toString(QUuid::Id128);
    records[0].category = QStringLiteral("litter");
    records[0].location = location;
    records[0].gridCode = grid;
    if (!workspace.transaction([&] { return workspace.saveCases(records); }))
        return 0;
    QSqlQuery query(workspace.database());
    query.prepare(QStringLiteral(
        "INSERT INTO case_events (case_id, sequence, action, actor, role, at, to_state, data) "
        "VALUES (?, 1, 'report', ?, 'operator', ?, 'reported', ?)"));
    query.addBindValue(records[0].id);
    query.addBindValue(actor);
    query.addBindValue(at);
    query.addBindValue(QStringLiteral("{\"channel\":\"%1\",\"category\":\"litter\"}").arg(channel));
    return query.exec() ? records[0].id : 0;
}

/// Adds a local user of role operator to workspace; false when it could not.
inline bool addUser(Workspace &workspace, const QString &name)
{
    QSqlQuery query(workspace.database());
    query.prepare(QStringLiteral("INSERT INTO local_users (name, role) VALUES (?, 'operator')"));
    query.addBindValue(name);
    return query.exec();
}

/// Adds a person holding post to the org chart of workspace; false when it could not.
inline bool addPerson(Workspace &workspace, const QString &name, const QString &post)
{
    QSqlQuery query(workspace.database());
    query.prepare(QStringLiteral("INSERT INTO people (name, post) VALUES (?, ?)"));
    query.addBindValue(name);
    query.addBindValue(post);
    return query.exec();
}

} // namespace GridDesk::Test
