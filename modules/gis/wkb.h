// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"
#include "domain/grid.h"

#include <QByteArray>
#include <QList>

#include <functional>
#include <span>

namespace GridDesk::Wkb {

/// Geometry type codes of (ISO) WKB, without Z/M offsets.
enum class Type : quint32 {
    Point = 1,
    LineString = 2,
    Polygon = 3,
    MultiPoint = 4,
    MultiLineString = 5,
    MultiPolygon = 6,
    GeometryCollection = 7,
};

/// One ring or line of a geometry, as met in a walk over its WKB. `part` counts the polygons
/// (or lines, or points) of the geometry from 0, `ring` the rings within a polygon (0 is the
/// shell). A point is a ring of one point.
struct RingRef
{
    int part = 0;
    int ring = 0;
    std::span<const GeoPoint> points;
};

/// Walks every ring of a WKB geometry (either byte order, 2D/Z/M/ZM; Z and M are dropped) in
/// order. Fails with a message when the bytes are not WKB or are truncated.
Result<void> forEachRing(QByteArrayView wkb, const std::function<void(const RingRef &)> &visit);

/// The envelope of a WKB geometry; empty for an empty geometry.
Result<BoundingBox> envelope(QByteArrayView wkb);

/// Writes 2D little-endian WKB.
QByteArray point(const GeoPoint &point);

/// Applies transform to every coordinate of a 2D little-endian WKB geometry in place (as
/// written by GDAL with wkbNDR after flattening). transform gets interleaved x,y pairs.
Result<void> transformInPlace(
    QByteArray &wkb, const std::function<bool(std::span<double> xy)> &transform);

/// The geodesic area in square metres (WGS84 ellipsoid) of a polygon or multipolygon given
/// in lon/lat degrees; holes are subtracted. 0 for other types.
Result<double> geodesicAreaM2(QByteArrayView wkb);

} // namespace GridDesk::Wkb
