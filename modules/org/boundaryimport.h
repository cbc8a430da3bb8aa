// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "orgchart.h"
#include "orgcsv.h"

#include "domain/error.h"

#include <QString>

#include <optional>

namespace GridDesk {

/// How org units are taken from the features of a boundary file: one unit per feature, all of
/// one tier, coded by a field. Give the parent as a field or expression, as a fixed root unit,
/// or neither (the units sit at the top).
struct BoundaryImportOptions
{
    QString layer; ///< empty: the first layer
    QString codeField; ///< required: the field holding each unit's code
    QString nameField; ///< empty: units are named by their codes
    /// Each unit's parent: FIELD (the field holds the parent's code), FIELD/N (a whole number
    /// divided by N, the remainder dropped: boro_cd/100 makes 101 a child of 1) or
    /// left(FIELD,N) (the first N characters). Empty: every unit sits under rootCode.
    QString parentField;
    /// The parent of every unit when parentField is empty. When the chart has no such unit it
    /// is made, at tier 1, named rootName (or its code).
    QString rootCode;
    QString rootName;
    int tier = 0; ///< 1–6, the tier of every unit from the file
    std::optional<QString> encoding; ///< overrides the declared or detected text encoding
};

/// Puts a unit for each feature of the boundary file at path into chart. A unit's jurisdiction
/// lists its own code: the code the same feature gets as a grid when the file is imported as
/// grids with the same code field, so coverage checks see which unit answers for which grid.
/// A code already in the chart is updated (name, tier, parent; its code added to the
/// jurisdiction) and keeps its other details.
///
/// Features are refused one by one, with their number and the reason in the report (no code,
/// a code used by an earlier feature, a parent not in the chart, a parent value the expression
/// cannot use, a place that breaks the tier rule); the others are kept. Fails as a whole,
/// leaving chart unchanged, when the options are wrong, the file cannot be read, a field is
/// missing or a text does not decode: the message names the file and the field.
Result<OrgImportReport> importBoundaries(
    OrgChart &chart, const QString &path, const BoundaryImportOptions &options);

} // namespace GridDesk
