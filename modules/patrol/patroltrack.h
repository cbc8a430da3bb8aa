// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/grid.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace GridDesk {

/// One recorded fix of a patrol: where and when (UTC), and the stretch of the log it belongs
/// to (a GPX track segment; an NMEA log is one stretch). No line joins two stretches.
struct TrackPoint
{
    GeoPoint position;
    QDateTime time;
    int segment = 0;
};

/// A patrol as walked or driven by one person of the grid staff, read from a GPS log.
struct PatrolTrack
{
    qint64 id = 0; ///< 0 until the workspace keeps it
    QString person; ///< who patrolled: a local user or a person of the org chart, by name
    QString sourceFile; ///< the file's name, without its folder
    QString format; ///< "gpx" or "nmea"
    double sightMetres = 0.0; ///< how far to each side the patroller is taken to see
    QDateTime startedAt; ///< UTC
    QDateTime endedAt; ///< UTC
    int pointCount = 0;
    double lengthMetres = 0.0;
    QList<TrackPoint> points; ///< empty when read without them

    /// The geodesic length (WGS84 ellipsoid) of points in metres, along each stretch; the gap
    /// between two stretches is not walked.
    static double lengthOf(const QList<TrackPoint> &points);
    /// The box around points, in degrees.
    static BoundingBox boxOf(const QList<TrackPoint> &points);
};

} // namespace GridDesk
