// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"
#include "domain/grid.h"
#include "editions/griddraft.h"
#include "topology/gridedits.h"
#include "topology/topologycheck.h"

#include <QList>
#include <QStringList>

#include <span>

namespace GridDesk {

class GridEditSession;

/// The edits of the map as draft changes: each runs the boundary edit on the session's grids
/// and returns what it would change (before, after, lineage, a description for the undo
/// history) without changing anything. Fails with a translated message when the edit cannot
/// be made.
namespace GridChanges {

/// Vertices closer than this (degrees, about a centimetre) are one vertex shared by grids.
inline constexpr double SHARED_VERTEX_TOLERANCE = 1e-7;

Result<GridChange> moveVertex(
    const GridEditSession &session, const GeoPoint &from, const GeoPoint &to);
Result<GridChange> insertVertex(const GridEditSession &session, const GeoPoint &at);
Result<GridChange> deleteVertex(const GridEditSession &session, const GeoPoint &at);
Result<GridChange> reshape(const GridEditSession &session, const QString &code,
    std::span<const GeoPoint> line, double tolerance);
/// The parts after the first get free codes next to the grid's (children of its parent, or
/// the grid's code with a suffix when it has no parent).
Result<GridChange> split(
    const GridEditSession &session, const QString &code, std::span<const GeoPoint> line);
Result<GridChange> merge(const GridEditSession &session, const QStringList &codes);
/// A new grid of level drawn as ring, given the parent whose area its centre lies in and the
/// next free code below it.
Result<GridChange> drawNew(
    const GridEditSession &session, std::span<const GeoPoint> ring, GridLevel level);
/// Deletes the grids and the grids nested in them.
Result<GridChange> deleteGrids(const GridEditSession &session, const QStringList &codes);
/// Fine grids in place of code's present children.
Result<GridChange> subdivide(
    const GridEditSession &session, const QString &code, const GridEdits::SubdivideTarget &target);
/// New attributes for a grid; a new code is carried to its children's parent codes.
Result<GridChange> attributes(const GridEditSession &session, const QString &code, Grid edited);
Result<GridChange> closeGap(const GridEditSession &session, const TopologyFinding &gap);
Result<GridChange> clipOverlap(
    const GridEditSession &session, const TopologyFinding &finding, const QString &keepCode);

} // namespace GridChanges

} // namespace GridDesk
