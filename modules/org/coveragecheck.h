// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "orgchart.h"

#include "domain/grid.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace GridDesk {

/// What a coverage check found.
enum class CoverageKind {
    GridWithoutCollector, ///< a base grid no active information collector is assigned to
    GridWithoutSupervisor, ///< a base grid no active grid supervisor is assigned to
    UnitWithoutHead, ///< an active unit of tiers 1–5 with nobody in a decision or management post
    GridOutsideJurisdiction, ///< a person assigned to a grid their unit does not cover
    // The chart itself is damaged, as only another program writing its tables can leave it:
    UnitWithoutParent, ///< a unit naming a parent that is not in the chart
    UnitInCircle, ///< a unit that lies within itself, its parents going round in a circle
    PersonWithoutUnit, ///< a person naming a unit that is not in the chart
    Count
};

/// The stable key of a kind ("grid_without_collector" …).
QString coverageKindKey(CoverageKind kind);

/// One finding: its kind, the codes involved (grid, unit, person id) and a sentence for people.
struct CoverageFinding
{
    CoverageKind kind = CoverageKind::Count;
    QStringList codes;
    QString detail;
};

/// Checks the chart's active units and people against the grids. A unit covers the grids of
/// its jurisdiction and the grids nested in them; a unit without a jurisdiction of its own
/// covers its nearest ancestor's. Findings are ordered by kind, then by codes.
/// The chart's damage is found too: see checkStructure().
QList<CoverageFinding> checkCoverage(const OrgChart &chart, const QList<Grid> &grids);

/// The damage only another program writing the workspace's tables can do, which the chart's
/// own operations refuse: units naming a missing parent or lying within themselves, people
/// naming a missing unit. Ordered as checkCoverage() orders its findings.
QList<CoverageFinding> checkStructure(const OrgChart &chart);

} // namespace GridDesk
