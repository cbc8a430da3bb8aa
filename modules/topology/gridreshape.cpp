// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "gridedits.h"

#include "logging.h"
#include "shapes.h"

#include "gis/geoscontext.h"
#include "gis/wkb.h"

#include <QCoreApplication>

#include <algorithm>
#include <map>

namespace GridDesk::GridEdits {

using namespace Topology;

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Topology)
};

/// How close a vertex inserted for the line's ends must lie to an edge, in degrees.
constexpr double ON_EDGE = 1e-9;

/// Where a line's end meets grid's boundary: a vertex of it within tolerance, else the
/// nearest point of an edge.
std::optional<GeoPoint> onBoundary(const Grid &grid, const GeoPoint &point, double tolerance)
{
    const std::optional<Snap> snapped = snap({grid}, point, tolerance);
    if (!snapped)
        return std::nullopt;
    return snapped->point;
}

/// The faces the line cuts out of the grid and around it.
struct Faces
{
    std::vector<Geometry::Ptr> inside; ///< pieces of the grid along the line
    std::vector<Geometry::Ptr> untouched; ///< pieces the line does not reach
    std::vector<Geometry::Ptr> outside; ///< areas the line encloses outside the grid
};

Faces cutFaces(const Geometry &g, const GEOSGeometry *shape, const GEOSGeometry *line)
{
    const GEOSContextHandle_t handle = g.handle();
    Geometry::Ptr outline = g.adopt(GEOSBoundary_r(handle, shape));
    Geometry::Ptr noded = g.adopt(GEOSUnion_r(handle, outline.get(), line));
    const GEOSGeometry *input = noded.get();
    Geometry::Ptr polygons = g.adopt(GEOSPolygonize_r(handle, &input, 1));

    Faces faces;
    if (!polygons)
        return faces;
    const GEOSPreparedGeometry *prepared = GEOSPrepare_r(handle, shape);
    for (Geometry::Ptr &face : g.parts(polygons.get())) {
        const std::optional<GeoPoint> inside = g.geos().pointOnSurface(face.get());
        if (!inside)
            continue;
        Geometry::Ptr point =
            g.adopt(GEOSGeom_createPointFromXY_r(handle, inside->lon, inside->lat));
        const bool isInside = GEOSPreparedContains_r(handle, prepared, point.get()) == 1;
        const bool onLine = g.runsAlong(face.get(), line);
        if (isInside)
            (onLine ? faces.inside : faces.untouched).push_back(std::move(face));
        else if (onLine)
            faces.outside.push_back(std::move(face)); // holes of the grid are skipped
    }
    GEOSPreparedGeom_destroy_r(handle, prepared);
    return faces;
}

Geometry::Ptr unionOf(const Geometry &g, std::vector<Geometry::Ptr> polygons)
{
    Geometry::Ptr all = g.collect(std::move(polygons));
    return g.polygonal(g.adopt(GEOSUnaryUnion_r(g.handle(), all.get())));
}
} // namespace

Result<QList<Grid>> reshape(
    const QList<Grid> &grids, const QString &code, std::span<const GeoPoint> line, double tolerance)
{
    const auto target = std::find_if(
        grids.begin(), grids.end(), [&](const Grid &grid) { return grid.code == code; });
    if (target == grids.end())
        return fail(ErrorCode::NotFound, Tr::tr("There is no grid %1 to reshape.").arg(code));
    if (line.size() < 2)
        return fail(ErrorCode::InvalidArgument, Tr::tr("A reshape line needs two points or more."));
    const std::optional<GeoPoint> start = onBoundary(*target, line.front(), tolerance);
    const std::optional<GeoPoint> end = onBoundary(*target, line.back(), tolerance);
    if (!start || !end)
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("The line must start and end on the boundary of grid %1.").arg(code));

    // The level's grids, with the line's ends made vertices of every edge they fall on, so
    // that what one grid gives up fits its neighbour exactly.
    std::map<QString, Grid> level;
    for (const Grid &grid : grids) {
        if (grid.level != target->level)
            continue;
        Grid copy = grid;
        if (copy.bbox.isEmpty())
            copy.bbox = Wkb::envelope(copy.wkb).value_or(BoundingBox {});
        level.emplace(copy.code, copy);
    }
    QStringList touched {code};
    for (const GeoPoint &end : {*start, *end}) {
        QList<Grid> current;
        for (const auto &[key, grid] : level)
            current << grid;
        auto withVertex = insertVertex(current, end, ON_EDGE);
        if (!withVertex)
            continue; // every grid there has the vertex already
        for (const Grid &grid : *withVertex) {
            level[grid.code] = grid;
            touched << grid.code;
        }
    }

    GeosContext geos;
    const Geometry g(geos);
    const GEOSContextHandle_t handle = geos.handle();
    std::vector<GeoPoint> path(line.begin(), line.end());
    path.front() = *start;
    path.back() = *end;
    Geometry::Ptr cutter = g.lineString(path);
    auto shape = geos.fromWkb(level[code].wkb);
    if (!shape)
        return std::unexpected(shape.error().at(Tr::tr("grid %1").arg(code)));
    Faces faces = cutFaces(g, shape->get(), cutter.get());
    if (faces.inside.empty() && faces.outside.empty())
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("The line does not change the boundary of grid %1.").arg(code));

    // The largest piece along the line stays; the others are given away.
    std::sort(faces.inside.begin(), faces.inside.end(),
        [&](const auto &a, const auto &b) { return g.area(a.get()) > g.area(b.get()); });
    std::vector<Geometry::Ptr> lost;
    for (std::size_t i = 1; i < faces.inside.size(); ++i)
        lost.push_back(std::move(faces.inside[i]));
    if (!faces.inside.empty())
        faces.untouched.push_back(std::move(faces.inside.front()));
    Geometry::Ptr gained = unionOf(g, std::move(faces.outside));
    std::vector<Geometry::Ptr> kept = std::move(faces.untouched);
    kept.push_back(g.clone(gained.get()));
    Geometry::Ptr reshaped = unionOf(g, std::move(kept));

    std::map<QString, Geometry::Ptr> changed;
    changed.emplace(code, std::move(reshaped));
    auto current = [&](const QString &key) -> Result<const GEOSGeometry *> {
        auto found = changed.find(key);
        if (found != changed.end())
            return found->second.get();
        auto read = g.readRepaired(level[key].wkb);
        if (!read)
            return std::unexpected(read.error().at(Tr::tr("grid %1").arg(key)));
        return changed.emplace(key, std::move(*read)).first->second.get();
    };

    // Neighbours give up what the grid gained.
    const BoundingBox gainedBox = g.envelope(gained.get());
    for (const auto &[key, grid] : level) {
        if (key == code || g.isEmpty(gained.get()) || !grid.bbox.intersects(gainedBox))
            continue;
        auto neighbour = current(key);
        if (!neighbour)
            return std::unexpected(neighbour.error());
        Geometry::Ptr overlap = g.adopt(GEOSIntersection_r(handle, *neighbour, gained.get()));
        if (g.area(overlap.get()) <= 0.0)
            continue;
        changed[key] = g.polygonal(g.adopt(GEOSDifference_r(handle, *neighbour, gained.get())));
        touched << key;
    }

    // What the grid lost goes to the neighbour that shared most of the replaced boundary.
    for (Geometry::Ptr &piece : lost) {
        QString best;
        double bestLength = 0.0;
        const BoundingBox pieceBox = g.envelope(piece.get());
        for (const auto &[key, grid] : level) {
            if (key == code || !grid.bbox.intersects(pieceBox))
                continue;
            auto neighbour = current(key);
            if (!neighbour)
                return std::unexpected(neighbour.error());
            const double shared = g.sharedBoundary(piece.get(), *neighbour);
            if (shared > bestLength) {
                bestLength = shared;
                best = key;
            }
        }
        if (best.isEmpty())
            continue; // the outer edge of the coverage: the area is left uncovered
        changed[best] = g.polygonal(g.adopt(GEOSUnion_r(handle, changed[best].get(), piece.get())));
        touched << best;
    }

    QList<Grid> result;
    touched.removeDuplicates();
    for (const QString &key : touched) {
        Grid grid = level[key];
        auto found = changed.find(key);
        if (found != changed.end()) {
            const QString invalid = geos.invalidityReason(found->second.get());
            if (!invalid.isEmpty())
                return fail(ErrorCode::InvalidGeometry,
                    Tr::tr("Grid %1 would be invalid: %2").arg(key, invalid));
            auto stored = storeGeometry(grid, g, found->second.get());
            if (!stored)
                return std::unexpected(stored.error());
        }
        result << grid;
    }
    qCDebug(lcTopology) << "reshaped" << code << "changing" << touched;
    return result;
}

} // namespace GridDesk::GridEdits
