// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "trackshape.h"

#include <QCoreApplication>

#include <cmath>
#include <vector>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Patrol)
};

/// Segments of a quarter circle in the strip's round ends: 8 keeps the area within 0.3 %.
constexpr int QUADRANT_SEGMENTS = 8;
constexpr double METRES_PER_DEGREE = 111'320.0;

/// The stretches of points, each as a list of interleaved coordinates.
std::vector<std::vector<double>> stretches(const QList<TrackPoint> &points)
{
    std::vector<std::vector<double>> lines;
    int segment = -1;
    for (const TrackPoint &point : points) {
        if (lines.empty() || point.segment != segment) {
            lines.emplace_back();
            segment = point.segment;
        }
        lines.back().push_back(point.position.lon);
        lines.back().push_back(point.position.lat);
    }
    for (std::vector<double> &line : lines) {
        if (line.size() == 2) {
            line.push_back(line[0]);
            line.push_back(line[1]);
        }
    }
    return lines;
}

GEOSGeometry *multiLine(GEOSContextHandle_t handle, const std::vector<std::vector<double>> &lines)
{
    std::vector<GEOSGeometry *> parts;
    for (const std::vector<double> &line : lines) {
        GEOSCoordSequence *sequence = GEOSCoordSeq_create_r(handle, unsigned(line.size() / 2), 2);
        for (std::size_t i = 0; i < line.size() / 2; ++i)
            GEOSCoordSeq_setXY_r(handle, sequence, unsigned(i), line[2 * i], line[2 * i + 1]);
        parts.push_back(GEOSGeom_createLineString_r(handle, sequence));
    }
    return GEOSGeom_createCollection_r(
        handle, GEOS_MULTILINESTRING, parts.data(), unsigned(parts.size()));
}

} // namespace

TrackShape::TrackShape(TrackShape &&) noexcept = default;
TrackShape::~TrackShape() = default;

Result<TrackShape> TrackShape::of(const QList<TrackPoint> &points, double sightMetres)
{
    if (points.isEmpty())
        return fail(ErrorCode::InvalidArgument, Tr::tr("A patrol track needs at least one fix."));
    if (!(sightMetres > 0.0)) {
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("The sight distance must be more than 0 metres, not %1.").arg(sightMetres));
    }
    TrackShape shape;
    shape.m_sightMetres = sightMetres;
    shape.m_geos = std::make_unique<GeosContext>();
    const BoundingBox box = PatrolTrack::boxOf(points);
    auto frame = MetricFrame::around({(box.west + box.east) / 2, (box.south + box.north) / 2});
    if (!frame)
        return std::unexpected(frame.error());
    shape.m_frame.emplace(std::move(*frame));

    GEOSContextHandle_t handle = shape.m_geos->handle();
    std::vector<std::vector<double>> lines = stretches(points);
    shape.m_pathWkb = shape.m_geos->toWkb(shape.m_geos->adopt(multiLine(handle, lines)).get());
    for (std::vector<double> &line : lines) {
        if (!shape.m_frame->project(line)) {
            return fail(ErrorCode::InvalidGeometry,
                Tr::tr("The track could not be projected to metres around its centre."));
        }
    }
    shape.m_path = shape.m_geos->adopt(multiLine(handle, lines));
    shape.m_strip = shape.m_geos->adopt(
        GEOSBuffer_r(handle, shape.m_path.get(), sightMetres, QUADRANT_SEGMENTS));
    if (!shape.m_strip) {
        return fail(ErrorCode::InvalidGeometry,
            Tr::tr("The strip along the track could not be made: %1")
                .arg(shape.m_geos->lastError()));
    }

    // Degrees of longitude shrink towards the poles; a generous margin costs only a few more
    // grids to test.
    const double latitude = std::max(std::abs(box.south), std::abs(box.north));
    const double cosine = std::max(0.01, std::cos(latitude * M_PI / 180.0));
    const double marginLat = 2.0 * sightMetres / METRES_PER_DEGREE;
    const double marginLon = marginLat / cosine;
    shape.m_reach = {
        box.west - marginLon, box.south - marginLat, box.east + marginLon, box.north + marginLat};
    return shape;
}

Result<QList<GridCoverage>> TrackShape::coverage(const QList<Grid> &grids) const
{
    GEOSContextHandle_t handle = m_geos->handle();
    QList<GridCoverage> covered;
    for (const Grid &grid : grids) {
        if (grid.wkb.isEmpty() || !grid.bbox.intersects(m_reach))
            continue;
        auto projected = m_frame->project(grid.wkb);
        if (!projected)
            return std::unexpected(projected.error().at(Tr::tr("grid %1").arg(grid.code)));
        auto boundary = m_geos->fromWkb(*projected);
        if (!boundary)
            return std::unexpected(boundary.error().at(Tr::tr("grid %1").arg(grid.code)));
        GeosContext::GeometryPtr area = std::move(*boundary);
        if (GEOSisValid_r(handle, area.get()) != 1)
            area = m_geos->adopt(GEOSMakeValid_r(handle, area.get()));
        if (!area)
            continue;
        if (GEOSIntersects_r(handle, area.get(), m_strip.get()) != 1)
            continue;
        GeosContext::GeometryPtr seen =
            m_geos->adopt(GEOSIntersection_r(handle, area.get(), m_strip.get()));
        GridCoverage item {grid.code};
        GEOSArea_r(handle, area.get(), &item.gridSquareMetres);
        if (seen)
            GEOSArea_r(handle, seen.get(), &item.coveredSquareMetres);
        if (item.coveredSquareMetres > 0.0)
            covered << item;
    }
    return covered;
}

double TrackShape::distanceMetres(const GeoPoint &point) const
{
    double xy[2] = {point.lon, point.lat};
    if (!m_frame->project(xy))
        return std::numeric_limits<double>::infinity();
    GEOSContextHandle_t handle = m_geos->handle();
    GeosContext::GeometryPtr location =
        m_geos->adopt(GEOSGeom_createPointFromXY_r(handle, xy[0], xy[1]));
    double distance = std::numeric_limits<double>::infinity();
    GEOSDistance_r(handle, m_path.get(), location.get(), &distance);
    return distance;
}

} // namespace GridDesk
