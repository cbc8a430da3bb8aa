// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"
#include "domain/grid.h"

#include <QLatin1StringView>

class QSqlQuery;

/// The grid columns that the draft (grid_draft) and the editions (grid_versions) share, with
/// the boundary kept as plain WKB.
namespace GridDesk::GridRows {

inline constexpr QLatin1StringView COLUMNS {
    "code, name, level, parent_code, supervisor, households, population, area_m2, wkb"};
inline constexpr QLatin1StringView PLACEHOLDERS {"?, ?, ?, ?, ?, ?, ?, ?, ?"};
/// How many columns COLUMNS names: the index of the first column a query selects after them.
inline constexpr int COLUMN_COUNT = 9;

/// The grid in the current row of a query that selected COLUMNS first.
Result<Grid> read(const QSqlQuery &query);
/// Adds the grid's values for COLUMNS, in order, to a prepared query.
void bind(QSqlQuery &query, const Grid &grid);
/// Whether two grids have the same code, attributes and boundary.
bool same(const Grid &a, const Grid &b);

} // namespace GridDesk::GridRows
