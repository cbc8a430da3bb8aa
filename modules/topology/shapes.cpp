// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "shapes.h"

#include "gis/wkb.h"

#include <QCoreApplication>
#include <QtEndian>

#include <cmath>
#include <cstring>
#include <numbers>

namespace GridDesk::Topology {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Topology)
};

constexpr double EARTH_RADIUS_M = 6371008.8;
/// How far apart two copies of one boundary may lie and still count as shared, in degrees
/// (about a millimetre).
constexpr double SHARED_EDGE_SLACK = 1e-8;
/// Boundary shared over less than this (about ten centimetres) is a touch at a point that the
/// slack above drew out.
constexpr double SHARED_EDGE_MINIMUM = 1e-6;

/// The geometry type of WKB without Z/M offsets; 0 when unreadable.
quint32 wkbType(QByteArrayView wkb)
{
    if (wkb.size() < 5)
        return 0;
    quint32 type = 0;
    std::memcpy(&type, wkb.data() + 1, 4);
    type = wkb[0] == 1 ? qFromLittleEndian(type) : qFromBigEndian(type);
    return (type & 0xffffu) % 1000;
}

void appendUInt32(QByteArray &bytes, quint32 value)
{
    const quint32 little = qToLittleEndian(value);
    bytes.append(reinterpret_cast<const char *>(&little), 4);
}

void appendDouble(QByteArray &bytes, double value)
{
    quint64 bits = 0;
    std::memcpy(&bits, &value, 8);
    bits = qToLittleEndian(bits);
    bytes.append(reinterpret_cast<const char *>(&bits), 8);
}

void appendPolygon(QByteArray &bytes, const PolygonRings &polygon)
{
    bytes.append(char(1));
    appendUInt32(bytes, quint32(Wkb::Type::Polygon));
    appendUInt32(bytes, quint32(polygon.size()));
    for (const Ring &ring : polygon) {
        appendUInt32(bytes, quint32(ring.size()));
        for (const GeoPoint &point : ring) {
            appendDouble(bytes, point.lon);
            appendDouble(bytes, point.lat);
        }
    }
}
} // namespace

Result<Shape> readShape(QByteArrayView wkb)
{
    const quint32 type = wkbType(wkb);
    if (type != quint32(Wkb::Type::Polygon) && type != quint32(Wkb::Type::MultiPolygon))
        return fail(ErrorCode::InvalidGeometry, Tr::tr("The boundary is not a polygon."));

    Shape shape;
    shape.multi = type == quint32(Wkb::Type::MultiPolygon);
    auto walked = Wkb::forEachRing(wkb, [&shape](const Wkb::RingRef &ring) {
        if (std::size_t(ring.part) >= shape.polygons.size())
            shape.polygons.resize(std::size_t(ring.part) + 1);
        shape.polygons[std::size_t(ring.part)].emplace_back(ring.points.begin(), ring.points.end());
    });
    if (!walked)
        return std::unexpected(walked.error());
    return shape;
}

QByteArray writeShape(const Shape &shape)
{
    QByteArray bytes;
    if (!shape.multi && shape.polygons.size() == 1) {
        appendPolygon(bytes, shape.polygons.front());
        return bytes;
    }
    bytes.append(char(1));
    appendUInt32(bytes, quint32(Wkb::Type::MultiPolygon));
    appendUInt32(bytes, quint32(shape.polygons.size()));
    for (const PolygonRings &polygon : shape.polygons)
        appendPolygon(bytes, polygon);
    return bytes;
}

QString coordinates(const GeoPoint &point)
{
    return QStringLiteral("%1, %2").arg(point.lon, 0, 'f', 6).arg(point.lat, 0, 'f', 6);
}

double distance(const GeoPoint &a, const GeoPoint &b)
{
    return std::hypot(a.lon - b.lon, a.lat - b.lat);
}

GeoPoint nearestOnSegment(const GeoPoint &p, const GeoPoint &a, const GeoPoint &b)
{
    const double dx = b.lon - a.lon;
    const double dy = b.lat - a.lat;
    const double squared = dx * dx + dy * dy;
    if (squared <= 0.0)
        return a;
    const double t = std::clamp(((p.lon - a.lon) * dx + (p.lat - a.lat) * dy) / squared, 0.0, 1.0);
    return {a.lon + t * dx, a.lat + t * dy};
}

double squareMetresPerSquareDegree(double latitude)
{
    const double metresPerDegree = EARTH_RADIUS_M * std::numbers::pi / 180.0;
    return metresPerDegree * metresPerDegree * std::cos(latitude * std::numbers::pi / 180.0);
}

Geometry::Ptr Geometry::clone(const GEOSGeometry *geometry) const
{
    return adopt(GEOSGeom_clone_r(m_handle, geometry));
}

Geometry::Ptr Geometry::polygonal(Ptr geometry) const
{
    if (!geometry)
        return adopt(GEOSGeom_createEmptyPolygon_r(m_handle));
    const int type = GEOSGeomTypeId_r(m_handle, geometry.get());
    if (type == GEOS_POLYGON || type == GEOS_MULTIPOLYGON)
        return geometry;

    std::vector<Ptr> polygons;
    for (int i = 0; i < GEOSGetNumGeometries_r(m_handle, geometry.get()); ++i) {
        const GEOSGeometry *part = GEOSGetGeometryN_r(m_handle, geometry.get(), i);
        const int partType = GEOSGeomTypeId_r(m_handle, part);
        if (partType == GEOS_POLYGON && GEOSisEmpty_r(m_handle, part) != 1) {
            polygons.push_back(clone(part));
        } else if (partType == GEOS_MULTIPOLYGON) {
            for (Ptr &polygon : parts(part))
                polygons.push_back(std::move(polygon));
        }
    }
    return collect(std::move(polygons));
}

std::vector<Geometry::Ptr> Geometry::parts(const GEOSGeometry *geometry) const
{
    std::vector<Ptr> polygons;
    const int type = GEOSGeomTypeId_r(m_handle, geometry);
    if (type == GEOS_POLYGON) {
        if (GEOSisEmpty_r(m_handle, geometry) != 1)
            polygons.push_back(clone(geometry));
        return polygons;
    }
    for (int i = 0; i < GEOSGetNumGeometries_r(m_handle, geometry); ++i) {
        const GEOSGeometry *part = GEOSGetGeometryN_r(m_handle, geometry, i);
        if (GEOSGeomTypeId_r(m_handle, part) == GEOS_POLYGON && GEOSisEmpty_r(m_handle, part) != 1)
            polygons.push_back(clone(part));
    }
    return polygons;
}

Geometry::Ptr Geometry::collect(std::vector<Ptr> polygons) const
{
    if (polygons.empty())
        return adopt(GEOSGeom_createEmptyPolygon_r(m_handle));
    if (polygons.size() == 1)
        return std::move(polygons.front());
    std::vector<GEOSGeometry *> raw;
    raw.reserve(polygons.size());
    for (Ptr &polygon : polygons)
        raw.push_back(polygon.release());
    return adopt(
        GEOSGeom_createCollection_r(m_handle, GEOS_MULTIPOLYGON, raw.data(), unsigned(raw.size())));
}

Geometry::Ptr Geometry::lineString(std::span<const GeoPoint> points) const
{
    GEOSCoordSequence *sequence = GEOSCoordSeq_create_r(m_handle, unsigned(points.size()), 2);
    for (std::size_t i = 0; i < points.size(); ++i)
        GEOSCoordSeq_setXY_r(m_handle, sequence, unsigned(i), points[i].lon, points[i].lat);
    return adopt(GEOSGeom_createLineString_r(m_handle, sequence));
}

Geometry::Ptr Geometry::polygon(std::span<const GeoPoint> ring) const
{
    std::vector<GeoPoint> closed(ring.begin(), ring.end());
    if (!closed.empty() && distance(closed.front(), closed.back()) > 0.0)
        closed.push_back(closed.front());
    if (closed.size() < 4)
        return adopt(nullptr);
    GEOSCoordSequence *sequence = GEOSCoordSeq_create_r(m_handle, unsigned(closed.size()), 2);
    for (std::size_t i = 0; i < closed.size(); ++i)
        GEOSCoordSeq_setXY_r(m_handle, sequence, unsigned(i), closed[i].lon, closed[i].lat);
    GEOSGeometry *shell = GEOSGeom_createLinearRing_r(m_handle, sequence);
    if (!shell)
        return adopt(nullptr);
    return adopt(GEOSGeom_createPolygon_r(m_handle, shell, nullptr, 0));
}

double Geometry::area(const GEOSGeometry *geometry) const
{
    double value = 0.0;
    if (!geometry || GEOSArea_r(m_handle, geometry, &value) != 1)
        return 0.0;
    return value;
}

double Geometry::length(const GEOSGeometry *geometry) const
{
    double value = 0.0;
    if (!geometry || GEOSLength_r(m_handle, geometry, &value) != 1)
        return 0.0;
    return value;
}

bool Geometry::isEmpty(const GEOSGeometry *geometry) const
{
    return !geometry || GEOSisEmpty_r(m_handle, geometry) != 0;
}

BoundingBox Geometry::envelope(const GEOSGeometry *geometry) const
{
    BoundingBox box;
    if (isEmpty(geometry))
        return box;
    GEOSGeom_getXMin_r(m_handle, geometry, &box.west);
    GEOSGeom_getYMin_r(m_handle, geometry, &box.south);
    GEOSGeom_getXMax_r(m_handle, geometry, &box.east);
    GEOSGeom_getYMax_r(m_handle, geometry, &box.north);
    return box;
}

double Geometry::sharedBoundary(const GEOSGeometry *a, const GEOSGeometry *b) const
{
    if (isEmpty(a) || isEmpty(b))
        return 0.0;
    if (!envelope(a).intersects(envelope(b)))
        return 0.0;
    Ptr boundaryA = adopt(GEOSBoundary_r(m_handle, a));
    Ptr boundaryB = adopt(GEOSBoundary_r(m_handle, b));
    if (!boundaryA || !boundaryB)
        return 0.0;

    // Exact first: most neighbours share their vertices bit for bit.
    Ptr exact = adopt(GEOSIntersection_r(m_handle, boundaryA.get(), boundaryB.get()));
    const double exactLength = length(exact.get());
    if (exactLength > 0.0)
        return exactLength;

    Ptr corridor = adopt(GEOSBuffer_r(m_handle, boundaryB.get(), SHARED_EDGE_SLACK, 2));
    if (!corridor)
        return 0.0;
    Ptr near = adopt(GEOSIntersection_r(m_handle, boundaryA.get(), corridor.get()));
    const double nearLength = length(near.get());
    return nearLength < SHARED_EDGE_MINIMUM ? 0.0 : nearLength;
}

bool Geometry::runsAlong(const GEOSGeometry *polygon, const GEOSGeometry *line) const
{
    Ptr rim = adopt(GEOSBoundary_r(m_handle, polygon));
    Ptr corridor = adopt(GEOSBuffer_r(m_handle, line, SHARED_EDGE_SLACK, 2));
    if (!rim || !corridor)
        return false;
    Ptr along = adopt(GEOSIntersection_r(m_handle, rim.get(), corridor.get()));
    return length(along.get()) >= SHARED_EDGE_MINIMUM;
}

double Geometry::areaM2(const GEOSGeometry *geometry) const
{
    if (isEmpty(geometry))
        return 0.0;
    return Wkb::geodesicAreaM2(m_geos.toWkb(geometry)).value_or(0.0);
}

Result<Geometry::Ptr> Geometry::readRepaired(QByteArrayView wkb) const
{
    auto geometry = m_geos.fromWkb(wkb);
    if (!geometry)
        return geometry;
    if (GEOSisValid_r(m_handle, geometry->get()) == 1)
        return geometry;
    return polygonal(adopt(GEOSMakeValid_r(m_handle, geometry->get())));
}

Result<void> storeGeometry(Grid &grid, const Geometry &geometry, const GEOSGeometry *polygonal)
{
    if (geometry.isEmpty(polygonal))
        return fail(
            ErrorCode::InvalidGeometry, Tr::tr("Nothing would be left of grid %1.").arg(grid.code));
    grid.wkb = geometry.geos().toWkb(polygonal);
    auto area = Wkb::geodesicAreaM2(grid.wkb);
    if (!area)
        return std::unexpected(area.error());
    grid.areaM2 = *area;
    grid.bbox = geometry.envelope(polygonal);
    return {};
}

} // namespace GridDesk::Topology
