// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "gridoutline.h"

#include "gis/wkb.h"
#include "maprender/mapviewport.h"

namespace GridDesk {

GridOutline GridOutline::fromWkb(QByteArrayView wkb)
{
    GridOutline outline;
    const auto read = Wkb::forEachRing(wkb, [&outline](const Wkb::RingRef &ring) {
        outline.rings.append(QList<GeoPoint>(ring.points.begin(), ring.points.end()));
    });
    if (!read)
        return {};
    return outline;
}

qsizetype GridOutline::vertexCount() const
{
    qsizetype count = 0;
    for (const QList<GeoPoint> &ring : rings)
        count += ring.size();
    return count;
}

bool GridOutline::contains(const GeoPoint &point) const
{
    bool inside = false;
    for (const QList<GeoPoint> &ring : rings) {
        for (qsizetype i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
            const GeoPoint &a = ring[i];
            const GeoPoint &b = ring[j];
            const bool crosses = (a.lat > point.lat) != (b.lat > point.lat);
            if (crosses
                && point.lon < (b.lon - a.lon) * (point.lat - a.lat) / (b.lat - a.lat) + a.lon)
                inside = !inside;
        }
    }
    return inside;
}

QPainterPath GridOutline::path(const MapViewport &viewport) const
{
    QPainterPath path;
    path.setFillRule(Qt::OddEvenFill);
    for (const QList<GeoPoint> &ring : rings) {
        if (ring.isEmpty())
            continue;
        path.moveTo(viewport.toPixel(ring.first()));
        for (qsizetype i = 1; i < ring.size(); ++i)
            path.lineTo(viewport.toPixel(ring[i]));
        path.closeSubpath();
    }
    return path;
}

} // namespace GridDesk
