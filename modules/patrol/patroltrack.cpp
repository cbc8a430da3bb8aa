// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "patroltrack.h"

#include <geodesic.h>

namespace GridDesk {

double PatrolTrack::lengthOf(const QList<TrackPoint> &points)
{
    geod_geodesic wgs84;
    geod_init(&wgs84, 6378137.0, 1.0 / 298.257223563);
    double total = 0.0;
    for (qsizetype i = 1; i < points.size(); ++i) {
        const TrackPoint &from = points.at(i - 1);
        const TrackPoint &to = points.at(i);
        if (from.segment != to.segment)
            continue;
        double metres = 0.0;
        geod_inverse(&wgs84, from.position.lat, from.position.lon, to.position.lat, to.position.lon,
            &metres, nullptr, nullptr);
        total += metres;
    }
    return total;
}

BoundingBox PatrolTrack::boxOf(const QList<TrackPoint> &points)
{
    BoundingBox box;
    for (const TrackPoint &point : points)
        box.expand(point.position.lon, point.position.lat);
    return box;
}

} // namespace GridDesk
