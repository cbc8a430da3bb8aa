// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "gridchanges.h"

#include "grideditsession.h"

#include <QCoreApplication>
#include <QSet>

namespace GridDesk::GridChanges {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::GridChanges)
};

/// The end of a lineage link that has no grid (the source of an added grid, the target of a
/// deleted one): empty, but not null, which the draft's lineage table would refuse.
const QString NO_GRID = QStringLiteral("");

BoundingBox around(const GeoPoint &point, double radius)
{
    return {point.lon - radius, point.lat - radius, point.lon + radius, point.lat + radius};
}

BoundingBox boxOf(std::span<const GeoPoint> points)
{
    BoundingBox box;
    for (const GeoPoint &point : points)
        box.expand(point.lon, point.lat);
    return box;
}

/// The draft's present state of the grids named in changed, for a change's before list.
QList<Grid> presentStateOf(const GridEditSession &session, const QList<Grid> &changed)
{
    QList<Grid> before;
    for (const Grid &grid : changed) {
        if (const auto present = session.grid(grid.code))
            before.append(*present);
    }
    return before;
}

QList<LineageLink> reshapeLinks(const QList<Grid> &grids)
{
    QList<LineageLink> links;
    for (const Grid &grid : grids)
        links.append({grid.code, grid.code, LineageLink::Kind::Reshape});
    return links;
}

/// A change of the boundaries of grids that keep their codes.
Result<GridChange> boundaryChange(
    const GridEditSession &session, const QString &description, const Result<QList<Grid>> &edited)
{
    if (!edited)
        return std::unexpected(edited.error());
    if (edited->isEmpty())
        return fail(ErrorCode::InvalidArgument, Tr::tr("There is no boundary there to change."));
    GridChange change;
    change.description = description;
    change.before = presentStateOf(session, *edited);
    change.after = *edited;
    change.lineage = reshapeLinks(*edited);
    return change;
}

QString describeCodes(const QStringList &codes)
{
    return codes.join(QStringLiteral(", "));
}

/// Every grid nested in the grids of codes, at any depth, not already in codes.
QStringList descendantsOf(const GridEditSession &session, const QStringList &codes)
{
    QSet<QString> parents(codes.cbegin(), codes.cend());
    QStringList found;
    bool grew = true;
    while (grew) {
        grew = false;
        for (const Grid &grid : session.grids()) {
            const bool nested = parents.contains(grid.parentCode) && !parents.contains(grid.code);
            if (nested) {
                parents.insert(grid.code);
                found.append(grid.code);
                grew = true;
            }
        }
    }
    return found;
}

QStringList childrenOf(const GridEditSession &session, const QString &code)
{
    QStringList children;
    for (const Grid &grid : session.grids()) {
        if (grid.parentCode == code)
            children.append(grid.code);
    }
    return children;
}

/// count free codes for new grids next to grid: siblings below its parent, or its own code
/// with a suffix when it has no parent.
QStringList freeCodesBeside(const GridEditSession &session, const Grid &grid, int count)
{
    const QStringList taken = session.codes();
    if (!grid.parentCode.isEmpty())
        return GridEdits::nextChildCodes(grid.parentCode, taken, count);
    QStringList codes;
    for (int suffix = 2; codes.size() < count; ++suffix) {
        const QString code = QStringLiteral("%1-%2").arg(grid.code).arg(suffix);
        if (!taken.contains(code))
            codes.append(code);
    }
    return codes;
}

} // namespace

Result<GridChange> moveVertex(
    const GridEditSession &session, const GeoPoint &from, const GeoPoint &to)
{
    const QList<Grid> near = session.gridsIn(around(from, SHARED_VERTEX_TOLERANCE));
    return boundaryChange(session, Tr::tr("Move vertex"),
        GridEdits::moveVertex(near, from, to, SHARED_VERTEX_TOLERANCE));
}

Result<GridChange> insertVertex(const GridEditSession &session, const GeoPoint &at)
{
    const QList<Grid> near = session.gridsIn(around(at, SHARED_VERTEX_TOLERANCE));
    return boundaryChange(
        session, Tr::tr("Add vertex"), GridEdits::insertVertex(near, at, SHARED_VERTEX_TOLERANCE));
}

Result<GridChange> deleteVertex(const GridEditSession &session, const GeoPoint &at)
{
    const QList<Grid> near = session.gridsIn(around(at, SHARED_VERTEX_TOLERANCE));
    return boundaryChange(session, Tr::tr("Delete vertex"),
        GridEdits::deleteVertex(near, at, SHARED_VERTEX_TOLERANCE));
}

Result<GridChange> reshape(const GridEditSession &session, const QString &code,
    std::span<const GeoPoint> line, double tolerance)
{
    const auto grid = session.grid(code);
    if (!grid)
        return fail(ErrorCode::NotFound, Tr::tr("Grid %1 is not on the map.").arg(code));
    BoundingBox reach = boxOf(line);
    reach.expand(grid->bbox);
    const QList<Grid> near = session.gridsIn(reach);
    //: %1 is a grid code
    return boundaryChange(
        session, Tr::tr("Reshape %1").arg(code), GridEdits::reshape(near, code, line, tolerance));
}

Result<GridChange> split(
    const GridEditSession &session, const QString &code, std::span<const GeoPoint> line)
{
    const auto grid = session.grid(code);
    if (!grid)
        return fail(ErrorCode::NotFound, Tr::tr("Grid %1 is not on the map.").arg(code));
    auto parts = GridEdits::split(*grid, line);
    if (!parts)
        return std::unexpected(parts.error());

    const QStringList codes = freeCodesBeside(session, *grid, int(parts->size()) - 1);
    GridChange change;
    change.description = Tr::tr("Split %1").arg(code);
    change.before = {*grid};
    for (qsizetype i = 0; i < parts->size(); ++i) {
        Grid part = parts->at(i);
        if (i > 0) {
            part.code = codes.at(i - 1);
            //: A part split off a grid: %1 is the grid's name, %2 the number of the part
            part.name = Tr::tr("%1 (part %2)").arg(grid->name).arg(i + 1);
        }
        change.after.append(part);
        change.lineage.append({code, part.code, LineageLink::Kind::Split});
    }
    return change;
}

Result<GridChange> merge(const GridEditSession &session, const QStringList &codes)
{
    if (codes.size() < 2)
        return fail(ErrorCode::InvalidArgument, Tr::tr("Select at least two adjacent grids."));
    QList<Grid> grids;
    for (const QString &code : codes) {
        const auto grid = session.grid(code);
        if (!grid)
            return fail(ErrorCode::NotFound, Tr::tr("Grid %1 is not on the map.").arg(code));
        grids.append(*grid);
    }
    auto merged = GridEdits::merge(grids);
    if (!merged)
        return std::unexpected(merged.error());

    GridChange change;
    change.description = Tr::tr("Merge %1").arg(describeCodes(codes));
    change.before = grids;
    change.after = {*merged};
    for (const Grid &grid : grids)
        change.lineage.append({grid.code, merged->code, LineageLink::Kind::Merge});

    // Fine grids of the merged grids now lie in the one that remains.
    for (const QString &child : descendantsOf(session, codes)) {
        Grid moved = *session.grid(child);
        if (!codes.contains(moved.parentCode) || moved.parentCode == merged->code)
            continue;
        change.before.append(moved);
        moved.parentCode = merged->code;
        change.after.append(moved);
    }
    return change;
}

Result<GridChange> drawNew(
    const GridEditSession &session, std::span<const GeoPoint> ring, GridLevel level)
{
    if (ring.size() < 3)
        return fail(ErrorCode::InvalidArgument, Tr::tr("A grid needs at least three corners."));
    QList<GeoPoint> closed(ring.begin(), ring.end());
    if (closed.first().lon != closed.last().lon || closed.first().lat != closed.last().lat)
        closed.append(closed.first());

    QList<Grid> sameLevel;
    for (const Grid &grid : session.gridsIn(boxOf(closed))) {
        if (grid.level == level)
            sameLevel.append(grid);
    }
    auto drawn = GridEdits::drawNew(sameLevel, closed, level);
    if (!drawn)
        return std::unexpected(drawn.error());

    // The parent is the deepest coarser grid around the middle of what was drawn.
    const GeoPoint middle {
        (drawn->bbox.west + drawn->bbox.east) / 2, (drawn->bbox.south + drawn->bbox.north) / 2};
    const Grid *parent = nullptr;
    for (const Grid &grid : session.grids()) {
        const bool coarser = int(grid.level) < int(level) && grid.level != GridLevel::Business;
        if (!coarser || !grid.bbox.contains(middle.lon, middle.lat)
            || !session.outline(grid.code).contains(middle))
            continue;
        if (!parent || int(grid.level) > int(parent->level))
            parent = &grid;
    }
    drawn->parentCode = parent ? parent->code : QString();
    const QString prefix = parent ? parent->code : QStringLiteral("N");
    drawn->code = GridEdits::nextChildCodes(prefix, session.codes(), 1).value(0);
    if (drawn->name.isEmpty())
        drawn->name = Tr::tr("New grid %1").arg(drawn->code);

    GridChange change;
    change.description = Tr::tr("Draw grid %1").arg(drawn->code);
    change.after = {*drawn};
    change.lineage = {{NO_GRID, drawn->code, LineageLink::Kind::Added}};
    return change;
}

Result<GridChange> deleteGrids(const GridEditSession &session, const QStringList &codes)
{
    if (codes.isEmpty())
        return fail(ErrorCode::InvalidArgument, Tr::tr("Select the grids to delete."));
    GridChange change;
    change.description = Tr::tr("Delete %1").arg(describeCodes(codes));
    for (const QString &code : codes + descendantsOf(session, codes)) {
        const auto grid = session.grid(code);
        if (!grid)
            return fail(ErrorCode::NotFound, Tr::tr("Grid %1 is not on the map.").arg(code));
        change.before.append(*grid);
        change.lineage.append({code, NO_GRID, LineageLink::Kind::Deleted});
    }
    return change;
}

Result<GridChange> subdivide(
    const GridEditSession &session, const QString &code, const GridEdits::SubdivideTarget &target)
{
    const auto parent = session.grid(code);
    if (!parent)
        return fail(ErrorCode::NotFound, Tr::tr("Grid %1 is not on the map.").arg(code));
    auto fine = GridEdits::subdivide(*parent, target);
    if (!fine)
        return std::unexpected(fine.error());

    GridChange change;
    //: %1 is a grid code, %n the number of fine grids made
    change.description =
        Tr::tr("Subdivide %1 into %n fine grids", nullptr, int(fine->size())).arg(code);
    const QStringList replaced = childrenOf(session, code);
    for (const QString &child : replaced + descendantsOf(session, replaced)) {
        change.before.append(*session.grid(child));
        change.lineage.append({child, NO_GRID, LineageLink::Kind::Deleted});
    }
    for (const Grid &grid : *fine) {
        change.after.append(grid);
        change.lineage.append({code, grid.code, LineageLink::Kind::Subdivide});
    }

    // A code of an old child that a new one takes again is a change, not a deletion.
    QSet<QString> newCodes;
    for (const Grid &grid : *fine)
        newCodes.insert(grid.code);
    change.lineage.removeIf([&newCodes](const LineageLink &link) {
        return link.kind == LineageLink::Kind::Deleted && newCodes.contains(link.fromCode);
    });
    return change;
}

Result<GridChange> attributes(const GridEditSession &session, const QString &code, Grid edited)
{
    const auto grid = session.grid(code);
    if (!grid)
        return fail(ErrorCode::NotFound, Tr::tr("Grid %1 is not on the map.").arg(code));
    edited.code = edited.code.trimmed();
    if (edited.code.isEmpty())
        return fail(ErrorCode::InvalidArgument, Tr::tr("A grid needs a code."));
    const bool renamed = edited.code != code;
    if (renamed && session.grid(edited.code))
        return fail(ErrorCode::Conflict, Tr::tr("Another grid has the code %1.").arg(edited.code));

    GridChange change;
    change.description = Tr::tr("Edit attributes of %1").arg(code);
    change.before = {*grid};
    change.after = {edited};
    if (!renamed)
        return change;

    change.lineage = {{code, edited.code, LineageLink::Kind::Reshape}};
    for (const QString &child : childrenOf(session, code)) {
        Grid moved = *session.grid(child);
        change.before.append(moved);
        moved.parentCode = edited.code;
        change.after.append(moved);
    }
    return change;
}

Result<GridChange> closeGap(const GridEditSession &session, const TopologyFinding &gap)
{
    BoundingBox reach = gap.extent;
    for (const QString &code : gap.codes) {
        if (const auto grid = session.grid(code))
            reach.expand(grid->bbox);
    }
    const QList<Grid> near = session.gridsIn(reach);
    return boundaryChange(session, Tr::tr("Close gap in %1").arg(describeCodes(gap.codes)),
        GridDesk::closeGap(near, gap));
}

Result<GridChange> clipOverlap(
    const GridEditSession &session, const TopologyFinding &finding, const QString &keepCode)
{
    BoundingBox reach = finding.extent;
    for (const QString &code : finding.codes) {
        if (const auto grid = session.grid(code))
            reach.expand(grid->bbox);
    }
    if (const auto kept = session.grid(keepCode))
        reach.expand(kept->bbox);
    const QList<Grid> near = session.gridsIn(reach);
    //: %1 is the grid that keeps an overlapping area
    return boundaryChange(session, Tr::tr("Clip overlap, %1 keeps it").arg(keepCode),
        GridDesk::clipOverlap(near, finding, keepCode));
}

} // namespace GridDesk::GridChanges
