// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include <QString>

#include <optional>

namespace GridDesk {

/// The levels a grid can have. The first five nest inside each other in this order; business
/// grids (police areas, environment grids …) are a separate layer mapped onto the others.
enum class GridLevel { District, Street, Community, Base, Fine, Business, Count };

/// The stable key stored in workspaces and used on the command line ("district", "base" …).
QString gridLevelKey(GridLevel level);

/// Parses a key made by gridLevelKey(); case-insensitive. Empty when the key is unknown.
std::optional<GridLevel> gridLevelFromKey(QString key);

/// The level's name for people, in the interface language ("Base grid", "基础网格" …).
QString gridLevelName(GridLevel level);

/// Every key, in nesting order, for messages that list the accepted values.
QString gridLevelKeys();

/// Depth in the nesting order (district 0 … fine 4); business grids have no depth.
std::optional<int> gridLevelDepth(GridLevel level);

} // namespace GridDesk
