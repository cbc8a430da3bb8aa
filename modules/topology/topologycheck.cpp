// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "topologycheck.h"

#include "coveragecheck.h"
#include "logging.h"
#include "shapes.h"

#include "gis/geoscontext.h"
#include "gis/wkb.h"

#include <QCoreApplication>
#include <QSet>

#include <algorithm>
#include <array>
#include <cmath>

namespace GridDesk {

using namespace Topology;

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Topology)
};

using Kind = TopologyFinding::Kind;

constexpr std::array<const char *, int(Kind::Count)> KIND_KEYS {"invalid-geometry", "overlap",
    "gap", "outside-parent", "duplicate-code", "malformed-code", "no-supervisor"};

/// Degrees rounded to about a metre, so that a key survives recomputation noise.
QString rounded(double degrees)
{
    return QString::number(std::round(degrees * 1e5) / 1e5 + 0.0, 'f', 5);
}

bool findingBefore(const TopologyFinding &a, const TopologyFinding &b)
{
    if (a.kind != b.kind)
        return a.kind < b.kind;
    const QString codesA = a.codes.join(u',');
    const QString codesB = b.codes.join(u',');
    if (codesA != codesB)
        return codesA < codesB;
    if (a.location.lon != b.location.lon)
        return a.location.lon < b.location.lon;
    return a.location.lat < b.location.lat;
}

const Grid *findGrid(const QList<Grid> &grids, const QString &code)
{
    const auto found = std::find_if(
        grids.begin(), grids.end(), [&](const Grid &grid) { return grid.code == code; });
    return found == grids.end() ? nullptr : &*found;
}

/// The codes an edit of changed can concern: the changed grids, their parents, and the grids
/// of their levels, parents' children and own children that their boxes reach.
QSet<QString> neighbourhood(const QList<Grid> &grids, const QSet<QString> &changed)
{
    QSet<QString> parents;
    BoundingBox reach;
    for (const Grid &grid : grids) {
        if (!changed.contains(grid.code))
            continue;
        if (!grid.parentCode.isEmpty())
            parents.insert(grid.parentCode);
        reach.expand(
            grid.bbox.isEmpty() ? Wkb::envelope(grid.wkb).value_or(BoundingBox {}) : grid.bbox);
    }
    QSet<QString> codes = changed + parents;
    for (const Grid &grid : grids) {
        const BoundingBox box =
            grid.bbox.isEmpty() ? Wkb::envelope(grid.wkb).value_or(BoundingBox {}) : grid.bbox;
        const bool family = parents.contains(grid.parentCode) || changed.contains(grid.parentCode);
        if (family || box.intersects(reach))
            codes.insert(grid.code);
    }
    return codes;
}

bool concerns(
    const TopologyFinding &finding, const QSet<QString> &changed, const QSet<QString> &parents)
{
    switch (finding.kind) {
    case Kind::Gap:
        return std::any_of(finding.codes.begin(), finding.codes.end(),
            [&](const QString &code) { return changed.contains(code) || parents.contains(code); });
    case Kind::DuplicateCode:
    case Kind::MalformedCode:
    case Kind::InvalidGeometry:
    case Kind::NoSupervisor:
    case Kind::Overlap:
    case Kind::OutsideParent:
    case Kind::Count:
        break;
    }
    return std::any_of(finding.codes.begin(), finding.codes.end(),
        [&](const QString &code) { return changed.contains(code); });
}
} // namespace

QString TopologyFinding::key() const
{
    QStringList sorted = codes;
    sorted.sort();
    return QStringLiteral("%1|%2|%3,%4")
        .arg(
            topologyKindKey(kind), sorted.join(u','), rounded(location.lon), rounded(location.lat));
}

QString topologyKindKey(TopologyFinding::Kind kind)
{
    if (kind >= Kind::Count)
        return {};
    return QString::fromLatin1(KIND_KEYS[std::size_t(kind)]);
}

std::optional<TopologyFinding::Kind> topologyKindFromKey(const QString &key)
{
    for (int i = 0; i < int(Kind::Count); ++i) {
        if (key.compare(QLatin1String(KIND_KEYS[std::size_t(i)]), Qt::CaseInsensitive) == 0)
            return Kind(i);
    }
    return std::nullopt;
}

QString topologyKindName(TopologyFinding::Kind kind)
{
    switch (kind) {
    case Kind::InvalidGeometry:
        return Tr::tr("Invalid geometry");
    case Kind::Overlap:
        return Tr::tr("Overlap");
    case Kind::Gap:
        return Tr::tr("Gap");
    case Kind::OutsideParent:
        return Tr::tr("Outside its parent");
    case Kind::DuplicateCode:
        return Tr::tr("Duplicate code");
    case Kind::MalformedCode:
        return Tr::tr("Malformed code");
    case Kind::NoSupervisor:
        return Tr::tr("No grid supervisor");
    case Kind::Count:
        break;
    }
    return {};
}

Result<QList<TopologyFinding>> checkTopology(
    const QList<Grid> &grids, const TopologyOptions &options)
{
    auto findings = checkCoverage(grids, options);
    if (!findings)
        return findings;
    std::sort(findings->begin(), findings->end(), findingBefore);
    return findings;
}

Result<QList<TopologyFinding>> checkTopologyAround(
    const QList<Grid> &grids, const QStringList &changed, const TopologyOptions &options)
{
    const QSet<QString> changedCodes(changed.begin(), changed.end());
    const QSet<QString> codes = neighbourhood(grids, changedCodes);
    QSet<QString> parents;
    QList<Grid> around;
    for (const Grid &grid : grids) {
        if (changedCodes.contains(grid.code) && !grid.parentCode.isEmpty())
            parents.insert(grid.parentCode);
        if (codes.contains(grid.code))
            around << grid;
    }

    auto findings = checkTopology(around, options);
    if (!findings)
        return findings;
    findings->removeIf(
        [&](const TopologyFinding &finding) { return !concerns(finding, changedCodes, parents); });

    // A changed code may repeat one far away, outside the neighbourhood.
    for (const QString &code : changed) {
        const auto count = std::count_if(
            grids.begin(), grids.end(), [&](const Grid &grid) { return grid.code == code; });
        const auto nearCount = std::count_if(
            around.begin(), around.end(), [&](const Grid &grid) { return grid.code == code; });
        if (count < 2 || nearCount >= 2 || code.isEmpty())
            continue;
        const Grid *grid = findGrid(grids, code);
        TopologyFinding finding;
        finding.kind = Kind::DuplicateCode;
        finding.codes = {code};
        finding.extent = grid->bbox;
        finding.location = {
            (grid->bbox.west + grid->bbox.east) / 2, (grid->bbox.south + grid->bbox.north) / 2};
        finding.detail = Tr::tr("%n grids have the code %1.", nullptr, int(count)).arg(code);
        findings->append(finding);
    }
    std::sort(findings->begin(), findings->end(), findingBefore);
    return findings;
}

Result<QList<Grid>> closeGap(const QList<Grid> &grids, const TopologyFinding &gap)
{
    if (gap.kind != Kind::Gap || gap.codes.isEmpty() || gap.wkb.isEmpty())
        return fail(ErrorCode::InvalidArgument, Tr::tr("Only a gap with its area can be closed."));
    GeosContext geos;
    const Geometry g(geos);
    auto hole = geos.fromWkb(gap.wkb);
    if (!hole)
        return std::unexpected(hole.error());

    // The child sharing the longest boundary with the gap takes it.
    const QString &parentCode = gap.codes.front();
    const Grid *best = nullptr;
    Geometry::Ptr bestShape;
    double bestShared = 0.0;
    for (const Grid &grid : grids) {
        if (grid.parentCode != parentCode)
            continue;
        auto shape = g.readRepaired(grid.wkb);
        if (!shape)
            continue;
        const double shared = g.sharedBoundary(hole->get(), shape->get());
        if (shared > bestShared) {
            bestShared = shared;
            best = &grid;
            bestShape = std::move(*shape);
        }
    }
    if (!best)
        return fail(ErrorCode::NotFound,
            Tr::tr("No child of grid %1 borders the gap near %2, %3.")
                .arg(parentCode)
                .arg(gap.location.lon, 0, 'f', 6)
                .arg(gap.location.lat, 0, 'f', 6));

    Grid closed = *best;
    Geometry::Ptr grown =
        g.polygonal(g.adopt(GEOSUnion_r(geos.handle(), bestShape.get(), hole->get())));
    auto stored = storeGeometry(closed, g, grown.get());
    if (!stored)
        return std::unexpected(stored.error());
    qCDebug(lcTopology) << "gap in" << parentCode << "given to" << closed.code;
    return QList<Grid> {closed};
}

Result<QList<Grid>> clipOverlap(
    const QList<Grid> &grids, const TopologyFinding &overlap, const QString &keepCode)
{
    const bool clippable = overlap.kind == Kind::Overlap || overlap.kind == Kind::OutsideParent;
    if (!clippable || overlap.codes.size() != 2)
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("Only an overlap or a grid outside its parent can be clipped."));

    // Outside a parent, the parent always keeps the area; in an overlap, keepCode does.
    QString keep = keepCode;
    if (overlap.kind == Kind::OutsideParent)
        keep = overlap.codes.at(1);
    if (!overlap.codes.contains(keep))
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("Grid %1 is not one of %2 and %3.")
                .arg(keep, overlap.codes.at(0), overlap.codes.at(1)));
    const QString clippedCode =
        overlap.codes.at(0) == keep ? overlap.codes.at(1) : overlap.codes.at(0);
    const Grid *kept = findGrid(grids, keep);
    const Grid *clipped = findGrid(grids, clippedCode);
    if (!kept || !clipped)
        return fail(ErrorCode::NotFound,
            Tr::tr("Grid %1 is not among the grids given.").arg(kept ? clippedCode : keep));

    GeosContext geos;
    const Geometry g(geos);
    auto keptShape = g.readRepaired(kept->wkb);
    auto clippedShape = g.readRepaired(clipped->wkb);
    if (!keptShape || !clippedShape)
        return std::unexpected((keptShape ? clippedShape.error() : keptShape.error()));
    Geometry::Ptr rest = overlap.kind == Kind::OutsideParent
        ? g.adopt(GEOSIntersection_r(geos.handle(), clippedShape->get(), keptShape->get()))
        : g.adopt(GEOSDifference_r(geos.handle(), clippedShape->get(), keptShape->get()));
    rest = g.polygonal(std::move(rest));

    Grid result = *clipped;
    auto stored = storeGeometry(result, g, rest.get());
    if (!stored)
        return std::unexpected(stored.error());
    return QList<Grid> {result};
}

} // namespace GridDesk
