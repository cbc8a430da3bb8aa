// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "gridedits.h"

#include "logging.h"
#include "shapes.h"

#include "gis/geoscontext.h"
#include "gis/wkb.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <algorithm>
#include <functional>

namespace GridDesk::GridEdits {

using namespace Topology;

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Topology)
};

/// Points closer than this are one point, in degrees.
constexpr double SAME_POINT = 1e-12;
/// Holes smaller than this left by a union are the seams between neighbours whose shared
/// boundary was digitised twice, not real holes; the check's sliver threshold.
constexpr double SEAM_HOLE_M2 = 1.0;

/// polygonal without the holes smaller than SEAM_HOLE_M2.
Geometry::Ptr withoutSeamHoles(
    const Geometry &g, GEOSContextHandle_t handle, Geometry::Ptr polygonal)
{
    std::vector<Geometry::Ptr> cleaned;
    for (Geometry::Ptr &part : g.parts(polygonal.get())) {
        const int holes = GEOSGetNumInteriorRings_r(handle, part.get());
        if (holes <= 0) {
            cleaned.push_back(std::move(part));
            continue;
        }
        std::vector<GEOSGeometry *> kept;
        for (int index = 0; index < holes; ++index) {
            const GEOSGeometry *ring = GEOSGetInteriorRingN_r(handle, part.get(), index);
            GEOSGeometry *asShell =
                GEOSGeom_createPolygon_r(handle, GEOSGeom_clone_r(handle, ring), nullptr, 0);
            const Geometry::Ptr hole = g.adopt(asShell);
            if (g.areaM2(hole.get()) >= SEAM_HOLE_M2)
                kept.push_back(GEOSGeom_clone_r(handle, ring));
        }
        GEOSGeometry *shell = GEOSGeom_clone_r(handle, GEOSGetExteriorRing_r(handle, part.get()));
        cleaned.push_back(g.adopt(GEOSGeom_createPolygon_r(
            handle, shell, kept.empty() ? nullptr : kept.data(), unsigned(kept.size()))));
    }
    return g.collect(std::move(cleaned));
}

BoundingBox grown(const BoundingBox &box, double margin)
{
    return {box.west - margin, box.south - margin, box.east + margin, box.north + margin};
}

bool near(const Grid &grid, const GeoPoint &point, double tolerance)
{
    return grown(grid.bbox.isEmpty() ? Wkb::envelope(grid.wkb).value_or(BoundingBox {}) : grid.bbox,
        tolerance)
        .contains(point.lon, point.lat);
}

/// The edge of ring nearest to point: index of its first vertex, the point on it, distance.
struct EdgeHit
{
    std::size_t index = 0;
    GeoPoint point;
    double distance = std::numeric_limits<double>::max();
};

EdgeHit nearestEdge(const Ring &ring, const GeoPoint &point)
{
    EdgeHit best;
    for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
        const GeoPoint onEdge = nearestOnSegment(point, ring[i], ring[i + 1]);
        const double d = distance(point, onEdge);
        if (d < best.distance)
            best = {i, onEdge, d};
    }
    return best;
}

bool hasVertexNear(const Ring &ring, const GeoPoint &point, double tolerance)
{
    return std::any_of(ring.begin(), ring.end(),
        [&](const GeoPoint &vertex) { return distance(vertex, point) <= tolerance; });
}

/// Drops repeated consecutive points and keeps the ring closed.
void tidy(Ring &ring)
{
    Ring kept;
    kept.reserve(ring.size());
    for (const GeoPoint &point : ring) {
        if (kept.empty() || distance(kept.back(), point) > SAME_POINT)
            kept.push_back(point);
    }
    if (kept.size() > 1 && distance(kept.front(), kept.back()) > SAME_POINT)
        kept.push_back(kept.front());
    ring = std::move(kept);
}

/// Applies edit to every ring of every grid near point; returns the grids it changed, checked
/// for validity. edit returns whether it changed the ring, or fails.
Result<QList<Grid>> editRings(const QList<Grid> &grids, const GeoPoint &point, double tolerance,
    const std::function<Result<bool>(Ring &, const Grid &)> &edit)
{
    GeosContext geos;
    QList<Grid> changed;
    for (const Grid &grid : grids) {
        if (!near(grid, point, tolerance))
            continue;
        auto shape = readShape(grid.wkb);
        if (!shape)
            return std::unexpected(shape.error().at(Tr::tr("grid %1").arg(grid.code)));

        bool touched = false;
        for (PolygonRings &polygon : shape->polygons) {
            for (Ring &ring : polygon) {
                auto edited = edit(ring, grid);
                if (!edited)
                    return std::unexpected(edited.error());
                touched = touched || *edited;
            }
        }
        if (!touched)
            continue;

        Grid result = grid;
        result.wkb = writeShape(*shape);
        auto geometry = geos.fromWkb(result.wkb);
        if (!geometry)
            return fail(ErrorCode::InvalidGeometry,
                Tr::tr("Grid %1 would lose its shape: %2")
                    .arg(grid.code, geometry.error().message));
        const QString reason = geos.invalidityReason(geometry->get());
        if (!reason.isEmpty())
            return fail(ErrorCode::InvalidGeometry,
                Tr::tr("Grid %1 would be invalid: %2").arg(grid.code, reason));
        auto refreshed = refreshMeasures(result);
        if (!refreshed)
            return std::unexpected(refreshed.error());
        changed << result;
    }
    return changed;
}

/// Inserts at after the nearest edge of ring when that edge passes within tolerance and ring has
/// no vertex on the spot already.
bool insertOnNearestEdge(Ring &ring, const GeoPoint &at, double tolerance)
{
    if (hasVertexNear(ring, at, SAME_POINT))
        return false;
    const EdgeHit hit = nearestEdge(ring, at);
    if (hit.distance > tolerance)
        return false;
    ring.insert(ring.begin() + std::ptrdiff_t(hit.index) + 1, at);
    return true;
}
} // namespace

std::optional<Snap> snap(const QList<Grid> &grids, const GeoPoint &point, double tolerance)
{
    std::optional<Snap> vertex;
    std::optional<Snap> edge;
    double vertexDistance = tolerance;
    double edgeDistance = tolerance;
    for (const Grid &grid : grids) {
        if (!near(grid, point, tolerance))
            continue;
        auto shape = readShape(grid.wkb);
        if (!shape)
            continue;
        for (const PolygonRings &polygon : shape->polygons) {
            for (const Ring &ring : polygon) {
                for (const GeoPoint &candidate : ring) {
                    const double d = distance(candidate, point);
                    if (d <= vertexDistance) {
                        vertexDistance = d;
                        vertex = Snap {Snap::Kind::Vertex, candidate, grid.code};
                    }
                }
                const EdgeHit hit = nearestEdge(ring, point);
                if (hit.distance <= edgeDistance) {
                    edgeDistance = hit.distance;
                    edge = Snap {Snap::Kind::Edge, hit.point, grid.code};
                }
            }
        }
    }
    return vertex ? vertex : edge;
}

Result<QList<Grid>> moveVertex(
    const QList<Grid> &grids, const GeoPoint &from, const GeoPoint &to, double tolerance)
{
    auto changed = editRings(grids, from, tolerance, [&](Ring &ring, const Grid &) -> Result<bool> {
        // A neighbour whose edge runs through the vertex without a vertex of its own gets one
        // first, or moving it would open a gap or an overlap along that edge.
        if (!hasVertexNear(ring, from, tolerance) && !insertOnNearestEdge(ring, from, tolerance))
            return false;
        for (GeoPoint &vertex : ring) {
            if (distance(vertex, from) <= tolerance)
                vertex = to;
        }
        tidy(ring);
        return true;
    });
    if (changed && changed->isEmpty())
        return fail(ErrorCode::NotFound,
            Tr::tr("No grid has a vertex at %1, %2.")
                .arg(from.lon, 0, 'f', 6)
                .arg(from.lat, 0, 'f', 6));
    return changed;
}

Result<QList<Grid>> insertVertex(const QList<Grid> &grids, const GeoPoint &at, double tolerance)
{
    // Every edge gets the same point, the one on the nearest edge, so shared edges stay shared.
    const std::optional<Snap> onEdge = snap(grids, at, tolerance);
    if (!onEdge)
        return fail(ErrorCode::NotFound,
            Tr::tr("No grid edge passes near %1, %2.")
                .arg(at.lon, 0, 'f', 6)
                .arg(at.lat, 0, 'f', 6));
    const GeoPoint point = onEdge->point;
    auto changed =
        editRings(grids, point, tolerance, [&](Ring &ring, const Grid &) -> Result<bool> {
            return insertOnNearestEdge(ring, point, tolerance);
        });
    if (changed && changed->isEmpty())
        return fail(ErrorCode::NotFound,
            Tr::tr("Every grid near %1, %2 already has a vertex there.")
                .arg(at.lon, 0, 'f', 6)
                .arg(at.lat, 0, 'f', 6));
    return changed;
}

Result<QList<Grid>> deleteVertex(const QList<Grid> &grids, const GeoPoint &at, double tolerance)
{
    auto changed =
        editRings(grids, at, tolerance, [&](Ring &ring, const Grid &grid) -> Result<bool> {
            if (!hasVertexNear(ring, at, tolerance))
                return false;
            std::erase_if(ring, [&](const GeoPoint &v) { return distance(v, at) <= tolerance; });
            tidy(ring);
            if (ring.size() < 4)
                return fail(ErrorCode::InvalidGeometry,
                    Tr::tr("Grid %1 would keep a ring of fewer than three points.").arg(grid.code));
            return true;
        });
    if (changed && changed->isEmpty())
        return fail(ErrorCode::NotFound,
            Tr::tr("No grid has a vertex at %1, %2.")
                .arg(at.lon, 0, 'f', 6)
                .arg(at.lat, 0, 'f', 6));
    return changed;
}

Result<QList<Grid>> split(const Grid &grid, std::span<const GeoPoint> line)
{
    GeosContext geos;
    const Geometry g(geos);
    const GEOSContextHandle_t handle = geos.handle();
    if (line.size() < 2)
        return fail(ErrorCode::InvalidArgument, Tr::tr("A split line needs two points or more."));
    auto boundary = geos.fromWkb(grid.wkb);
    if (!boundary)
        return std::unexpected(boundary.error().at(Tr::tr("grid %1").arg(grid.code)));
    const QString invalid = geos.invalidityReason(boundary->get());
    if (!invalid.isEmpty())
        return fail(ErrorCode::InvalidGeometry,
            Tr::tr("Grid %1 cannot be split while it is invalid: %2").arg(grid.code, invalid));

    // Noding the outline with the line and polygonising gives the faces the line cuts.
    Geometry::Ptr cutter = g.lineString(line);
    Geometry::Ptr outline = g.adopt(GEOSBoundary_r(handle, boundary->get()));
    Geometry::Ptr noded = g.adopt(GEOSUnion_r(handle, outline.get(), cutter.get()));
    const GEOSGeometry *input = noded.get();
    Geometry::Ptr faces = g.adopt(GEOSPolygonize_r(handle, &input, 1));
    if (!faces)
        return fail(ErrorCode::InvalidGeometry,
            Tr::tr("Grid %1 could not be split: %2").arg(grid.code, geos.lastError()));

    const GEOSPreparedGeometry *prepared = GEOSPrepare_r(handle, boundary->get());
    std::vector<Geometry::Ptr> pieces;
    std::vector<Geometry::Ptr> untouched;
    for (Geometry::Ptr &face : g.parts(faces.get())) {
        const std::optional<GeoPoint> inside = geos.pointOnSurface(face.get());
        if (!inside)
            continue;
        Geometry::Ptr point =
            g.adopt(GEOSGeom_createPointFromXY_r(handle, inside->lon, inside->lat));
        if (GEOSPreparedContains_r(handle, prepared, point.get()) != 1)
            continue; // a hole of the grid
        if (g.runsAlong(face.get(), cutter.get()))
            pieces.push_back(std::move(face));
        else
            untouched.push_back(std::move(face));
    }
    GEOSPreparedGeom_destroy_r(handle, prepared);
    if (pieces.size() < 2)
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("The line does not cut grid %1 into two parts or more.").arg(grid.code));

    std::sort(pieces.begin(), pieces.end(),
        [&](const auto &a, const auto &b) { return g.area(a.get()) > g.area(b.get()); });
    // Parts of a multipolygon grid the line misses stay with the part that keeps the code.
    for (Geometry::Ptr &island : untouched) {
        pieces.front() =
            g.polygonal(g.adopt(GEOSUnion_r(handle, pieces.front().get(), island.get())));
    }

    QList<Grid> parts;
    for (std::size_t i = 0; i < pieces.size(); ++i) {
        Grid part = grid;
        if (i > 0) {
            part.id = 0;
            part.code.clear();
            part.name.clear();
            part.households.reset();
            part.population.reset();
        }
        auto stored = storeGeometry(part, g, pieces[i].get());
        if (!stored)
            return std::unexpected(stored.error());
        parts << part;
    }
    qCDebug(lcTopology) << "split" << grid.code << "into" << parts.size() << "parts";
    return parts;
}

Result<Grid> merge(const QList<Grid> &grids)
{
    if (grids.size() < 2)
        return fail(ErrorCode::InvalidArgument, Tr::tr("Merging needs two grids or more."));
    for (const Grid &grid : grids) {
        if (grid.level != grids.front().level)
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("Grids %1 and %2 are of different levels and cannot be merged.")
                    .arg(grids.front().code, grid.code));
    }

    GeosContext geos;
    const Geometry g(geos);
    std::vector<Geometry::Ptr> shapes;
    for (const Grid &grid : grids) {
        auto geometry = g.readRepaired(grid.wkb);
        if (!geometry)
            return std::unexpected(geometry.error().at(Tr::tr("grid %1").arg(grid.code)));
        shapes.push_back(std::move(*geometry));
    }

    // Connected through shared edges: a walk from the first grid must reach every other.
    std::vector<bool> reached(shapes.size(), false);
    std::vector<std::size_t> frontier {0};
    reached[0] = true;
    while (!frontier.empty()) {
        const std::size_t current = frontier.back();
        frontier.pop_back();
        for (std::size_t other = 0; other < shapes.size(); ++other) {
            if (reached[other]
                || g.sharedBoundary(shapes[current].get(), shapes[other].get()) <= 0.0)
                continue;
            reached[other] = true;
            frontier.push_back(other);
        }
    }
    const auto unreached = std::find(reached.begin(), reached.end(), false);
    if (unreached != reached.end())
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("Grid %1 shares no edge with the other grids to merge.")
                .arg(grids[qsizetype(unreached - reached.begin())].code));

    std::vector<GEOSGeometry *> raw;
    for (Geometry::Ptr &shape : shapes)
        raw.push_back(shape.release());
    Geometry::Ptr all = g.adopt(GEOSGeom_createCollection_r(
        geos.handle(), GEOS_GEOMETRYCOLLECTION, raw.data(), unsigned(raw.size())));
    Geometry::Ptr merged = withoutSeamHoles(
        g, geos.handle(), g.polygonal(g.adopt(GEOSUnaryUnion_r(geos.handle(), all.get()))));

    Grid result = grids.front();
    auto stored = storeGeometry(result, g, merged.get());
    if (!stored)
        return std::unexpected(stored.error());
    return result;
}

Result<Grid> drawNew(const QList<Grid> &grids, std::span<const GeoPoint> ring, GridLevel level)
{
    GeosContext geos;
    const Geometry g(geos);
    Geometry::Ptr drawn = g.polygon(ring);
    if (!drawn)
        return fail(
            ErrorCode::InvalidGeometry, Tr::tr("A new grid needs a ring of three points or more."));
    const QString invalid = geos.invalidityReason(drawn.get());
    if (!invalid.isEmpty())
        return fail(ErrorCode::InvalidGeometry, Tr::tr("The new grid is invalid: %1").arg(invalid));

    const BoundingBox extent = g.envelope(drawn.get());
    for (const Grid &grid : grids) {
        if (grid.level != level
            || !Wkb::envelope(grid.wkb).value_or(BoundingBox {}).intersects(extent))
            continue;
        auto other = g.readRepaired(grid.wkb);
        if (!other)
            return std::unexpected(other.error().at(Tr::tr("grid %1").arg(grid.code)));
        drawn = g.polygonal(g.adopt(GEOSDifference_r(geos.handle(), drawn.get(), other->get())));
    }

    Grid result;
    result.level = level;
    if (g.isEmpty(drawn.get()) || g.area(drawn.get()) <= 0.0)
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("Nothing is left of the new grid: grids of its level cover all of it."));
    auto stored = storeGeometry(result, g, drawn.get());
    if (!stored)
        return std::unexpected(stored.error());
    return result;
}

QStringList nextChildCodes(const QString &parentCode, const QStringList &taken, int count)
{
    // Children already coded tell the width and where numbering goes on; codes of deleted
    // grids are not in taken, so numbering continues after the highest rather than filling
    // holes that a case may still name.
    int width = 3;
    qint64 highest = 0;
    static const QRegularExpression digits(QStringLiteral("^[0-9]+$"));
    for (const QString &code : taken) {
        if (!code.startsWith(parentCode) || code.size() <= parentCode.size())
            continue;
        const QString suffix = code.mid(parentCode.size());
        if (!digits.match(suffix).hasMatch())
            continue;
        width = int(suffix.size());
        highest = std::max(highest, suffix.toLongLong());
    }

    QStringList codes;
    for (qint64 number = highest + 1; codes.size() < count; ++number) {
        const QString code =
            parentCode + QStringLiteral("%1").arg(number, width, 10, QLatin1Char('0'));
        if (!taken.contains(code))
            codes << code;
    }
    return codes;
}

Result<void> refreshMeasures(Grid &grid)
{
    auto shape = readShape(grid.wkb);
    if (!shape)
        return std::unexpected(shape.error().at(Tr::tr("grid %1").arg(grid.code)));
    auto extent = Wkb::envelope(grid.wkb);
    if (!extent)
        return std::unexpected(extent.error());
    auto area = Wkb::geodesicAreaM2(grid.wkb);
    if (!area)
        return std::unexpected(area.error());
    grid.bbox = *extent;
    grid.areaM2 = *area;
    return {};
}

} // namespace GridDesk::GridEdits
