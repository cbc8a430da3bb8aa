// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"
#include "domain/grid.h"

#include <QString>

#include <vector>

struct sqlite3;

namespace GridDesk {

/// One entry of a two-dimensional SQLite R-tree: a row id and its box.
struct RtreeEntry
{
    qint64 id = 0;
    BoundingBox box;
};

/// Replaces the whole content of the SQLite R-tree virtual table `table` (two dimensions, as
/// GeoPackage's rtree_<t>_<g>) with entries, packed bottom-up in Hilbert order and written
/// straight into the table's node, rowid and parent tables. Building a tree this way takes one
/// write per node where inserting row by row rewrites a node for every entry; the result is
/// an ordinary R-tree that SQLite (and rtreecheck()) accepts. Call inside a transaction, on
/// the connection's thread.
Result<void> bulkLoadRtree(
    sqlite3 *connection, const QString &table, std::vector<RtreeEntry> entries);

} // namespace GridDesk
