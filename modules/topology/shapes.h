// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"
#include "domain/grid.h"
#include "gis/geoscontext.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <span>
#include <vector>

// Helpers shared by the edits and the checks; not part of the module's interface.
namespace GridDesk::Topology {

using Ring = std::vector<GeoPoint>; ///< closed: the last point repeats the first
using PolygonRings = std::vector<Ring>; ///< the shell, then the holes

/// A polygon or multipolygon as plain rings, for edits that move single vertices.
struct Shape
{
    std::vector<PolygonRings> polygons;
    bool multi = false; ///< written back as a multipolygon even with one polygon
};

/// Reads a polygon or multipolygon; fails for other types and unreadable bytes.
Result<Shape> readShape(QByteArrayView wkb);
/// 2D little-endian WKB.
QByteArray writeShape(const Shape &shape);

double distance(const GeoPoint &a, const GeoPoint &b);
/// "lon, lat" with six decimals, for messages.
QString coordinates(const GeoPoint &point);
/// The point of segment a-b nearest to p.
GeoPoint nearestOnSegment(const GeoPoint &p, const GeoPoint &a, const GeoPoint &b);

/// Square metres in a square degree at latitude (equirectangular scale, for thresholds only).
double squareMetresPerSquareDegree(double latitude);

/// A point inside a geometry, a polygon part list and other small GEOS chores on one context.
class Geometry
{
public:
    using Ptr = GeosContext::GeometryPtr;

    explicit Geometry(const GeosContext &geos)
        : m_geos(geos)
        , m_handle(geos.handle())
    { }

    const GeosContext &geos() const { return m_geos; }
    GEOSContextHandle_t handle() const { return m_handle; }

    Ptr adopt(GEOSGeometry *geometry) const { return m_geos.adopt(geometry); }
    Ptr clone(const GEOSGeometry *geometry) const;
    /// The polygons of an overlay result (dropping lines and points where shapes only touch)
    /// as one polygon or multipolygon; an empty polygon when there are none.
    Ptr polygonal(Ptr geometry) const;
    /// The polygons of a polygon or multipolygon, cloned.
    std::vector<Ptr> parts(const GEOSGeometry *geometry) const;
    Ptr collect(std::vector<Ptr> polygons) const;
    Ptr lineString(std::span<const GeoPoint> points) const;
    Ptr polygon(std::span<const GeoPoint> ring) const;

    double area(const GEOSGeometry *geometry) const;
    double length(const GEOSGeometry *geometry) const;
    bool isEmpty(const GEOSGeometry *geometry) const;
    BoundingBox envelope(const GEOSGeometry *geometry) const;
    /// Length of boundary both geometries have, allowing for coordinates that differ by
    /// rounding noise.
    double sharedBoundary(const GEOSGeometry *a, const GEOSGeometry *b) const;
    /// Whether polygon's boundary runs along line (not just touching it at a point), allowing
    /// for noding that moved the line's vertices by rounding noise.
    bool runsAlong(const GEOSGeometry *polygon, const GEOSGeometry *line) const;
    /// Area in square metres on the ellipsoid.
    double areaM2(const GEOSGeometry *geometry) const;
    /// Reads wkb, repairing an invalid geometry so that overlays can use it.
    Result<Ptr> readRepaired(QByteArrayView wkb) const;

private:
    const GeosContext &m_geos;
    GEOSContextHandle_t m_handle;
};

/// Writes geometry into grid.wkb and refreshes bbox and areaM2.
Result<void> storeGeometry(Grid &grid, const Geometry &geometry, const GEOSGeometry *polygonal);

} // namespace GridDesk::Topology
