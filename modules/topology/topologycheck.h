// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"
#include "domain/grid.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace GridDesk {

/// One thing wrong with the grid coverage.
struct TopologyFinding
{
    enum class Kind {
        InvalidGeometry, ///< self-intersection, spike, ring of too few points, empty
        Overlap, ///< two grids of one level share area
        Gap, ///< area inside a parent that none of its children covers
        OutsideParent, ///< a child sticks out of its parent
        DuplicateCode, ///< two grids have one code
        MalformedCode, ///< a code that does not start with its parent's code, or is blank
        NoSupervisor, ///< a base or fine grid nobody is responsible for
        Count
    };

    Kind kind = Kind::InvalidGeometry;
    QStringList
        codes; ///< the grids concerned: one, or the two of an overlap, or the parent of a gap
    GeoPoint location; ///< where to look: a point inside the problem area, or on the spot
    BoundingBox extent; ///< what to zoom to
    double areaM2 = 0.0; ///< of a gap, an overlap or what sticks out; 0 otherwise
    QByteArray wkb; ///< the problem area itself (gap, overlap, part outside), when it has one
    QString detail; ///< what is wrong, in words, translated

    /// A stable key for this finding (kind, codes and rounded location), so that a finding
    /// accepted with a reason stays accepted while it does not change.
    QString key() const;
};

/// The stable key of a kind ("invalid-geometry", "overlap", "gap" …) and its translated name.
QString topologyKindKey(TopologyFinding::Kind kind);
std::optional<TopologyFinding::Kind> topologyKindFromKey(const QString &key);
QString topologyKindName(TopologyFinding::Kind kind);

struct TopologyOptions
{
    /// Only grids of this level (and, for gaps and nesting, their parents); all when empty.
    std::optional<GridLevel> level;
    /// Gaps and overlaps smaller than this are slivers of digitising noise and not reported.
    double minAreaM2 = 1.0;
    /// Report NoSupervisor for base and fine grids.
    bool requireSupervisor = true;
};

/// Checks a coverage of grids (with wkb): every grid's geometry and code, overlaps between
/// grids of one level, gaps inside each parent not covered by its children, children outside
/// their parent. Uses an STRtree so that 100 000 grids take seconds, not hours. Findings come
/// ordered by kind, then code.
Result<QList<TopologyFinding>> checkTopology(
    const QList<Grid> &grids, const TopologyOptions &options = {});

/// The same, limited to what an edit of the grids named in changed can have caused: their own
/// geometry and codes, overlaps with their neighbours, gaps and nesting in their parents and of
/// their children. For the check run after every edit.
Result<QList<TopologyFinding>> checkTopologyAround(
    const QList<Grid> &grids, const QStringList &changed, const TopologyOptions &options = {});

/// Fixes a gap: gives its area to the child of the gap's parent that shares the longest
/// boundary with it. Returns the grid changed.
Result<QList<Grid>> closeGap(const QList<Grid> &grids, const TopologyFinding &gap);

/// Fixes an overlap: the grid keepCode keeps the shared area, the other loses it. Fixes a part
/// sticking out of a parent the same way (the parent keeps it; the child is clipped).
Result<QList<Grid>> clipOverlap(
    const QList<Grid> &grids, const TopologyFinding &overlap, const QString &keepCode);

} // namespace GridDesk
