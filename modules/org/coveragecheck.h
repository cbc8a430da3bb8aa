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
QList<CoverageFinding> checkCoverage(const OrgChart &chart, const QList<Grid> &grids);

} // namespace GridDesk
