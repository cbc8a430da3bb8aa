// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "gridedits.h"

#include "logging.h"
#include "shapes.h"

#include "gis/geoscontext.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace GridDesk::GridEdits {

using namespace Topology;

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Topology)
};

constexpr double SLIVER_SHARE = 1.0 / 3.0;
/// A count within this share of the one asked for is close enough (a lattice cannot hit every
/// count); below ten parts only the exact count is.
constexpr double COUNT_TOLERANCE = 0.1;
/// Lattices tried, each sized between the last too fine and the last too coarse one.
constexpr int MAX_ATTEMPTS = 8;
/// More fine grids than this in one base grid is a slip of the finger, not a plan.
constexpr int MAX_PARTS = 10'000;

/// One piece of the lattice clipped to the parent; row and column of its cell count from the
/// north-west corner.
struct Piece
{
    Geometry::Ptr shape;
    BoundingBox box;
    double area = 0.0;
    qint64 row = 0;
    qint64 column = 0;
    bool alive = true;
};

/// The lattice: cells of width by height degrees from the parent's north-west corner. In an
/// equirectangular projection centred on the parent, metres are degrees scaled by a constant
/// per axis, so cells square in that projection are rectangles in degrees and clipping them in
/// degrees keeps the parent's own vertices exact. Across a grid of a few kilometres the scale
/// changes by less than a thousandth, well below what matters for fine grids.
struct Lattice
{
    double west = 0.0;
    double north = 0.0;
    double width = 0.0;
    double height = 0.0;
};

std::vector<Piece> cutPieces(
    const Geometry &g, const GEOSGeometry *parent, const BoundingBox &box, const Lattice &lattice)
{
    const GEOSContextHandle_t handle = g.handle();
    const GEOSPreparedGeometry *prepared = GEOSPrepare_r(handle, parent);
    const auto rows = qint64(std::ceil((lattice.north - box.south) / lattice.height));
    const auto columns = qint64(std::ceil((box.east - lattice.west) / lattice.width));

    std::vector<Piece> pieces;
    for (qint64 row = 0; row < rows; ++row) {
        const double north = lattice.north - double(row) * lattice.height;
        const double south = lattice.north - double(row + 1) * lattice.height;
        for (qint64 column = 0; column < columns; ++column) {
            const double west = lattice.west + double(column) * lattice.width;
            const double east = lattice.west + double(column + 1) * lattice.width;
            Geometry::Ptr cell =
                g.adopt(GEOSGeom_createRectangle_r(handle, west, south, east, north));
            if (GEOSPreparedContains_r(handle, prepared, cell.get()) == 1) {
                const double area = g.area(cell.get());
                pieces.push_back({std::move(cell), {west, south, east, north}, area, row, column});
                continue;
            }
            if (GEOSPreparedIntersects_r(handle, prepared, cell.get()) != 1)
                continue;
            Geometry::Ptr clipped =
                g.polygonal(g.adopt(GEOSIntersection_r(handle, cell.get(), parent)));
            for (Geometry::Ptr &part : g.parts(clipped.get())) {
                const double area = g.area(part.get());
                const BoundingBox partBox = g.envelope(part.get());
                if (area > 0.0)
                    pieces.push_back({std::move(part), partBox, area, row, column});
            }
        }
    }
    GEOSPreparedGeom_destroy_r(handle, prepared);
    return pieces;
}

/// The piece a sliver joins: the one sharing the longest edge with it, else the nearest.
std::optional<std::size_t> partnerOf(
    const Geometry &g, const std::vector<Piece> &pieces, std::size_t sliver)
{
    std::optional<std::size_t> best;
    double bestShared = 0.0;
    for (std::size_t i = 0; i < pieces.size(); ++i) {
        if (i == sliver || !pieces[i].alive || !pieces[i].box.intersects(pieces[sliver].box))
            continue;
        const double shared = g.sharedBoundary(pieces[sliver].shape.get(), pieces[i].shape.get());
        if (shared > bestShared) {
            bestShared = shared;
            best = i;
        }
    }
    if (best)
        return best;

    // An island of the parent smaller than a third of a cell: it joins the nearest piece.
    double nearest = std::numeric_limits<double>::max();
    for (std::size_t i = 0; i < pieces.size(); ++i) {
        double d = 0.0;
        if (i == sliver || !pieces[i].alive
            || GEOSDistance_r(g.handle(), pieces[sliver].shape.get(), pieces[i].shape.get(), &d)
                != 1)
            continue;
        if (d < nearest) {
            nearest = d;
            best = i;
        }
    }
    return best;
}

void mergeSlivers(const Geometry &g, std::vector<Piece> &pieces, double cellArea)
{
    std::vector<std::size_t> slivers;
    for (std::size_t i = 0; i < pieces.size(); ++i) {
        if (pieces[i].area < SLIVER_SHARE * cellArea)
            slivers.push_back(i);
    }
    std::sort(slivers.begin(), slivers.end(),
        [&](std::size_t a, std::size_t b) { return pieces[a].area < pieces[b].area; });

    for (const std::size_t sliver : slivers) {
        // A sliver that took in smaller ones may have grown into a proper piece.
        if (!pieces[sliver].alive || pieces[sliver].area >= SLIVER_SHARE * cellArea)
            continue;
        const std::optional<std::size_t> partner = partnerOf(g, pieces, sliver);
        if (!partner)
            continue; // the parent is this one sliver
        Piece &into = pieces[*partner];
        into.shape = g.polygonal(
            g.adopt(GEOSUnion_r(g.handle(), into.shape.get(), pieces[sliver].shape.get())));
        into.area = g.area(into.shape.get());
        into.box.expand(pieces[sliver].box);
        pieces[sliver].alive = false;
    }
    std::erase_if(pieces, [](const Piece &piece) { return !piece.alive; });
}

std::vector<Piece> cutAndMerge(
    const Geometry &g, const GEOSGeometry *parent, const BoundingBox &box, double cellDegrees)
{
    // Square in the projection: width * shrink == height and width * height == cellDegrees.
    const double shrink = std::cos((box.north + box.south) / 2 * std::numbers::pi / 180);
    const double height = std::sqrt(cellDegrees * shrink);
    const double width = height / shrink;
    std::vector<Piece> pieces = cutPieces(g, parent, box, {box.west, box.north, width, height});
    mergeSlivers(g, pieces, width * height);
    return pieces;
}
} // namespace

Result<QList<Grid>> subdivide(const Grid &parent, const SubdivideTarget &target)
{
    const bool byParts = target.parts.has_value();
    const double area = target.areaM2.value_or(0.0);
    if ((byParts && *target.parts < 1) || (!byParts && !(area > 0.0 && std::isfinite(area))))
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("Say into how many parts, or into parts of what area, to cut grid %1.")
                .arg(parent.code));
    if (byParts && *target.parts > MAX_PARTS)
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("Grid %1 can be cut into at most %2 parts.").arg(parent.code).arg(MAX_PARTS));
    GeosContext geos;
    const Geometry g(geos);
    auto shape = geos.fromWkb(parent.wkb);
    if (!shape)
        return std::unexpected(shape.error().at(Tr::tr("grid %1").arg(parent.code)));
    const QString invalid = geos.invalidityReason(shape->get());
    if (!invalid.isEmpty())
        return fail(ErrorCode::InvalidGeometry,
            Tr::tr("Grid %1 cannot be cut while it is invalid: %2").arg(parent.code, invalid));
    const BoundingBox box = g.envelope(shape->get());
    const double parentM2 = g.areaM2(shape->get());
    if (box.isEmpty() || parentM2 <= 0.0)
        return fail(ErrorCode::InvalidGeometry, Tr::tr("Grid %1 has no area.").arg(parent.code));

    if (!byParts) {
        const double implied = parentM2 / area;
        if (implied > MAX_PARTS)
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("Parts of %1 m² would cut grid %2 (%3 m²) into about %4 parts; at most %5 "
                       "are made. Choose a larger area.")
                    .arg(area, 0, 'f', 0)
                    .arg(parent.code)
                    .arg(parentM2, 0, 'f', 0)
                    .arg(implied, 0, 'f', 0)
                    .arg(MAX_PARTS));
        if (implied < 2.0)
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("Grid %1 has %2 m²: parts of %3 m² would not cut it. Choose an area below "
                       "half of it.")
                    .arg(parent.code)
                    .arg(parentM2, 0, 'f', 0)
                    .arg(area, 0, 'f', 0));
    }

    // Cells are sized in square degrees of the parent's own projection, so that the parts of a
    // parent come out equal however the ellipsoid's area differs from the projection's.
    const double parentDegrees = g.area(shape->get());
    double cell = byParts ? parentDegrees / *target.parts : area * parentDegrees / parentM2;
    std::vector<Piece> pieces = cutAndMerge(g, shape->get(), box, cell);
    if (byParts) {
        // Larger cells make fewer pieces. The cell size is narrowed between the last lattice
        // that made too many and the last that made too few; the closest count is kept.
        const int wanted = *target.parts;
        const auto missBy = [&](std::size_t count) {
            return std::abs(int(count) - wanted);
        };
        const int goodEnough = wanted < 10 ? 0 : int(wanted * COUNT_TOLERANCE);
        double tooFine = 0.0;
        double tooCoarse = std::numeric_limits<double>::infinity();
        std::size_t lastCount = pieces.size();
        std::vector<Piece> best = std::move(pieces);
        for (int attempt = 1;
             attempt < MAX_ATTEMPTS && lastCount > 0 && missBy(best.size()) > goodEnough;
             ++attempt) {
            if (int(lastCount) > wanted)
                tooFine = std::max(tooFine, cell);
            else
                tooCoarse = std::min(tooCoarse, cell);
            cell = tooFine > 0.0 && std::isfinite(tooCoarse)
                ? std::sqrt(tooFine * tooCoarse)
                : cell * double(lastCount) / double(wanted);
            std::vector<Piece> tried = cutAndMerge(g, shape->get(), box, cell);
            lastCount = tried.size();
            if (missBy(tried.size()) < missBy(best.size()))
                best = std::move(tried);
        }
        pieces = std::move(best);
    }

    std::sort(pieces.begin(), pieces.end(), [](const Piece &a, const Piece &b) {
        return a.row != b.row ? a.row < b.row : a.column < b.column;
    });
    const int width = std::max(3, int(QString::number(pieces.size()).size()));
    QList<Grid> fine;
    for (std::size_t i = 0; i < pieces.size(); ++i) {
        const QString sequence =
            QStringLiteral("%1").arg(qint64(i + 1), width, 10, QLatin1Char('0'));
        Grid grid;
        grid.code = parent.code + sequence;
        grid.name = parent.name + u' ' + sequence;
        grid.level = GridLevel::Fine;
        grid.parentCode = parent.code;
        auto stored = storeGeometry(grid, g, pieces[i].shape.get());
        if (!stored)
            return std::unexpected(stored.error());
        fine << grid;
    }
    qCDebug(lcTopology) << "cut" << parent.code << "into" << fine.size() << "fine grids";
    return fine;
}

} // namespace GridDesk::GridEdits
