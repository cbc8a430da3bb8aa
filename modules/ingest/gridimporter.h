// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "importsummary.h"

#include "domain/error.h"
#include "domain/grid.h"
#include "domain/gridlevel.h"

#include <QString>

#include <optional>

namespace GridDesk {

class Workspace;

/// How to take grids from a file.
struct GridImportOptions
{
    GridLevel level = GridLevel::Base;
    QString layer;
    QString codeField; ///< empty: codes are made from the parent's code and a number
    QString nameField; ///< empty: the name is the code
    QString parentField; ///< empty: the parent is found by containment
    std::optional<QString> sourceCrs;
    std::optional<QString> encoding;
    bool repairInvalid = false; ///< mend invalid polygons (GEOS MakeValid) instead of failing
};

/// Imports the polygons of a vector file as grids of one level, in one transaction: either
/// every grid is saved or the workspace stays as it was. Geometries are checked with GEOS and
/// an invalid one fails the import naming the feature and the reason, unless repairInvalid is
/// set, when it is mended and the repair is listed in the summary's notes. Parents are taken from
/// a field or found by containment among the coarser grids already in the workspace. Cases
/// already imported are assigned again to the innermost grid containing them.
Result<ImportSummary> importGrids(
    Workspace &workspace, const QString &path, const GridImportOptions &options);

/// Grids read and checked from a file, not saved yet, with what the import found.
struct PreparedGrids
{
    QList<Grid> grids;
    ImportSummary summary;
};

/// Reads and checks the grids of a file as importGrids() does (parents found among the grids
/// in the workspace, codes made), without saving them: for importing into a grid draft.
Result<PreparedGrids> prepareGridImport(
    Workspace &workspace, const QString &path, const GridImportOptions &options);

/// The same, for callers that already hold a transaction (sample import).
Result<ImportSummary> importGridsInTransaction(
    Workspace &workspace, const QString &path, const GridImportOptions &options);

} // namespace GridDesk
