// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"
#include "domain/grid.h"

#include <QList>
#include <QString>

#include <optional>
#include <span>

namespace GridDesk::GridEdits {

/// The boundary edits a supervisor makes on the map, as plain functions over grids given with
/// their boundaries (Grid::wkb, WGS84 lon/lat, polygon or multipolygon). Each returns the grids
/// it changed, with new wkb, bbox and areaM2, and never the ones it left alone; the caller
/// stores them (in the draft) and can undo by storing the old ones back.
///
/// Edits are topological: a vertex or edge that several grids share moves, gains or loses a
/// vertex in all of them, so no gap or sliver opens between neighbours. An edit whose result
/// would be invalid (self-intersecting, a ring of fewer than four points, empty) fails with a
/// message naming the grid and saying why, and changes nothing.
///
/// Tolerances are in degrees, the unit of the coordinates: the map converts its snapping
/// distance in pixels at the place of the edit.

/// Where a point snaps to: a vertex of some grid, a point on an edge, or nothing near.
struct Snap
{
    enum class Kind { Vertex, Edge };
    Kind kind = Kind::Vertex;
    GeoPoint point;
    QString gridCode; ///< one grid that has the vertex or edge
};

/// The nearest vertex within tolerance of point, else the nearest point on an edge within it.
std::optional<Snap> snap(const QList<Grid> &grids, const GeoPoint &point, double tolerance);

/// Moves every vertex lying within tolerance of from to to, in every grid that has one there.
Result<QList<Grid>> moveVertex(
    const QList<Grid> &grids, const GeoPoint &from, const GeoPoint &to, double tolerance);

/// Adds a vertex at the point of every edge passing within tolerance of at (a shared edge gets
/// it on both sides).
Result<QList<Grid>> insertVertex(const QList<Grid> &grids, const GeoPoint &at, double tolerance);

/// Removes the vertex within tolerance of at from every grid that has it. Fails when a ring
/// would be left with fewer than three distinct points.
Result<QList<Grid>> deleteVertex(const QList<Grid> &grids, const GeoPoint &at, double tolerance);

/// Reshapes grid code with a line drawn from one point of its boundary to another (both
/// ends within tolerance of it): the part of the boundary between the ends is replaced by the
/// line, on the side that keeps the larger share of the old area unless the line runs outside
/// the grid, in which case the grid grows. Area the grid gains is taken from the neighbours of
/// its level it overlaps; area it loses goes to the neighbour of its level that shared the
/// replaced boundary (so no gap opens inside the coverage), or is left uncovered when the
/// replaced boundary was the outer edge.
Result<QList<Grid>> reshape(const QList<Grid> &grids, const QString &code,
    std::span<const GeoPoint> line, double tolerance);

/// Splits grid code with a line that crosses it. Returns the parts, largest first; the first
/// keeps the grid's code and attributes, the others have empty codes for the caller to give.
/// Fails when the line does not cut the grid into at least two parts.
Result<QList<Grid>> split(const Grid &grid, std::span<const GeoPoint> line);

/// Merges adjacent grids (sharing an edge, not just a point) into one, which keeps the
/// attributes of the first. Fails when they are not all of one level or do not form one
/// connected area.
Result<Grid> merge(const QList<Grid> &grids);

/// A polygon drawn as a new grid of level, clipped so that it does not overlap the grids of
/// that level it crosses (they keep their area). Fails when nothing is left of it.
Result<Grid> drawNew(const QList<Grid> &grids, std::span<const GeoPoint> ring, GridLevel level);

/// How to cut a base grid into fine grids: into about this many parts, or parts of about this
/// area.
struct SubdivideTarget
{
    std::optional<int> parts;
    std::optional<double> areaM2;
};

/// Cuts parent into fine grids: a regular lattice of squares in a local metric projection,
/// sized to the target, clipped to the parent; pieces smaller than a third of a cell are
/// merged into the neighbour they share the longest edge with. The fine grids cover the parent
/// exactly, with codes parentCode + a three-digit sequence (001, 002 … in rows from the
/// north-west), level Fine, parentCode set and names "<parent name> <sequence>".
Result<QList<Grid>> subdivide(const Grid &parent, const SubdivideTarget &target);

/// The next count unused child codes below parentCode: parentCode followed by a sequence of
/// the width its existing children use (three digits when it has none), not in taken.
QStringList nextChildCodes(const QString &parentCode, const QStringList &taken, int count);

/// Recomputes bbox and areaM2 from wkb. Fails when wkb is not a polygon or multipolygon.
Result<void> refreshMeasures(Grid &grid);

} // namespace GridDesk::GridEdits
