// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "coveragecheck.h"

#include "domain/posts.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>

#include <algorithm>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Org)
};

/// The jurisdiction a unit answers for: its own, or its nearest ancestor's.
QStringList jurisdictionOf(const OrgChart &chart, const QString &code)
{
    const ChartUnit *unit = chart.unit(code);
    for (int steps = 0; unit && steps < 8; ++steps) {
        if (!unit->jurisdiction.isEmpty())
            return unit->jurisdiction;
        unit = chart.unit(unit->parentCode);
    }
    return {};
}

bool covers(const QStringList &jurisdiction, const QString &grid,
    const QHash<QString, QString> &gridParents)
{
    QString current = grid;
    for (qsizetype steps = 0; !current.isEmpty() && steps <= gridParents.size(); ++steps) {
        if (jurisdiction.contains(current))
            return true;
        current = gridParents.value(current);
    }
    return false;
}

void checkGrids(const OrgChart &chart, const QList<Grid> &grids, QList<CoverageFinding> &found)
{
    QHash<QString, QSet<Post>> posts;
    for (const Person &person : chart.people()) {
        const std::optional<Post> post = postFromKey(person.post);
        if (person.retired || !post)
            continue;
        for (const QString &grid : person.gridCodes)
            posts[grid].insert(*post);
    }
    for (const Grid &grid : grids) {
        if (grid.level != GridLevel::Base)
            continue;
        const QSet<Post> here = posts.value(grid.code);
        if (!here.contains(Post::InformationCollector))
            found << CoverageFinding {CoverageKind::GridWithoutCollector, {grid.code},
                Tr::tr("Base grid %1 %2 has no information collector.").arg(grid.code, grid.name)};
        if (!here.contains(Post::GridSupervisor))
            found << CoverageFinding {CoverageKind::GridWithoutSupervisor, {grid.code},
                Tr::tr("Base grid %1 %2 has no grid supervisor.").arg(grid.code, grid.name)};
    }
}

void checkHeads(const OrgChart &chart, QList<CoverageFinding> &found)
{
    QSet<QString> headed;
    for (const Person &person : chart.people()) {
        const std::optional<Post> post = postFromKey(person.post);
        if (!person.retired && post && isHeadPost(*post))
            headed.insert(person.unitCode);
    }
    for (const ChartUnit &unit : chart.units()) {
        const bool needsHead = !unit.retired && unit.tier <= 5;
        if (needsHead && !headed.contains(unit.code))
            found << CoverageFinding {CoverageKind::UnitWithoutHead, {unit.code},
                Tr::tr("Unit %1 %2 has nobody in a decision or management post.")
                    .arg(unit.code, unit.name)};
    }
}

void checkJurisdiction(
    const OrgChart &chart, const QList<Grid> &grids, QList<CoverageFinding> &found)
{
    QHash<QString, QString> gridParents;
    for (const Grid &grid : grids)
        gridParents.insert(grid.code, grid.parentCode);
    for (const Person &person : chart.people()) {
        if (person.retired)
            continue;
        const QStringList jurisdiction = jurisdictionOf(chart, person.unitCode);
        for (const QString &grid : person.gridCodes) {
            if (covers(jurisdiction, grid, gridParents))
                continue;
            found << CoverageFinding {CoverageKind::GridOutsideJurisdiction,
                {grid, person.unitCode, QString::number(person.id)},
                Tr::tr("%1 (person %2) is assigned to grid %3, outside the jurisdiction of unit "
                       "%4.")
                    .arg(person.name)
                    .arg(person.id)
                    .arg(grid, person.unitCode)};
        }
    }
}

void sortFindings(QList<CoverageFinding> &found)
{
    std::stable_sort(
        found.begin(), found.end(), [](const CoverageFinding &a, const CoverageFinding &b) {
            return std::tie(a.kind, a.codes) < std::tie(b.kind, b.codes);
        });
}

void checkParents(const OrgChart &chart, QList<CoverageFinding> &found)
{
    for (const ChartUnit &unit : chart.units()) {
        if (unit.parentCode.isEmpty())
            continue;
        if (!chart.unit(unit.parentCode)) {
            found << CoverageFinding {CoverageKind::UnitWithoutParent, {unit.code, unit.parentCode},
                Tr::tr("Unit %1 %2 names parent %3, which is not in the chart; move it under a "
                       "unit of the chart or to the top.")
                    .arg(unit.code, unit.name, unit.parentCode)};
        } else if (chart.isWithin(unit.parentCode, unit.code)) {
            found << CoverageFinding {CoverageKind::UnitInCircle, {unit.code, unit.parentCode},
                Tr::tr("Unit %1 %2 lies within itself: its parents, from %3 on, go round in a "
                       "circle; move one of them to the top or under another unit.")
                    .arg(unit.code, unit.name, unit.parentCode)};
        }
    }
}

} // namespace

QString coverageKindKey(CoverageKind kind)
{
    switch (kind) {
    case CoverageKind::GridWithoutCollector:
        return QStringLiteral("grid_without_collector");
    case CoverageKind::GridWithoutSupervisor:
        return QStringLiteral("grid_without_supervisor");
    case CoverageKind::UnitWithoutHead:
        return QStringLiteral("unit_without_head");
    case CoverageKind::GridOutsideJurisdiction:
        return QStringLiteral("grid_outside_jurisdiction");
    case CoverageKind::UnitWithoutParent:
        return QStringLiteral("unit_without_parent");
    case CoverageKind::UnitInCircle:
        return QStringLiteral("unit_in_circle");
    case CoverageKind::PersonWithoutUnit:
        return QStringLiteral("person_without_unit");
    case CoverageKind::Count:
        break;
    }
    return {};
}

QList<CoverageFinding> checkCoverage(const OrgChart &chart, const QList<Grid> &grids)
{
    QList<CoverageFinding> found;
    checkGrids(chart, grids, found);
    checkHeads(chart, found);
    checkJurisdiction(chart, grids, found);
    found << checkStructure(chart);
    sortFindings(found);
    return found;
}

QList<CoverageFinding> checkStructure(const OrgChart &chart)
{
    QList<CoverageFinding> found;
    checkParents(chart, found);
    for (const Person &person : chart.people()) {
        if (!chart.unit(person.unitCode))
            found << CoverageFinding {CoverageKind::PersonWithoutUnit,
                {QString::number(person.id), person.unitCode},
                Tr::tr("%1 (person %2) belongs to unit %3, which is not in the chart; give them "
                       "a unit of the chart.")
                    .arg(person.name)
                    .arg(person.id)
                    .arg(person.unitCode)};
    }
    sortFindings(found);
    return found;
}

} // namespace GridDesk
