// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "support/testsupport.h"

#include "ingest/gridimporter.h"
#include "storage/workspace.h"
#include "workflow/workflowsetup.h"

namespace GridDesk::Test {

/// Wenshan district of Taipei with its villages as base grids, and a loop set up around it:
/// a city centre, the district, two streets, a works department and a grid supervisor post;
/// an operator, a unit handler in each street, two supervisors (one of them in street A) and
/// a leader; road damage categories whose potholes in Wenshan rule R1 sends to street A.
inline Result<void> makeDeskWorkspace(const QString &path)
{
    auto workspace = Workspace::open(path);
    if (!workspace)
        return std::unexpected(workspace.error());
    GridImportOptions districts;
    districts.level = GridLevel::District;
    districts.codeField = QStringLiteral("CPTID");
    districts.nameField = QStringLiteral("TNAME");
    if (auto done = importGrids(
            **workspace, dataPath(QStringLiteral("taipei/taipei_districts.geojson")), districts);
        !done)
        return std::unexpected(done.error());
    GridImportOptions villages;
    villages.level = GridLevel::Base;
    villages.codeField = QStringLiteral("CPTVID");
    villages.nameField = QStringLiteral("VNAME");
    if (auto done = importGrids(
            **workspace, dataPath(QStringLiteral("taipei/wenshan_villages.geojson")), villages);
        !done)
        return std::unexpected(done.error());

    WorkflowSetup setup;
    setup.calendar = WorkCalendar();
    setup.units = OrgDirectory({
        {QStringLiteral("city"), QStringLiteral("City centre"), 1, {}},
        {QStringLiteral("wenshan"), QStringLiteral("Wenshan command centre"), 2,
            QStringLiteral("city")},
        {QStringLiteral("street-a"), QStringLiteral("Street A"), 3, QStringLiteral("wenshan")},
        {QStringLiteral("street-b"), QStringLiteral("Street B"), 3, QStringLiteral("wenshan")},
        {QStringLiteral("works-a"), QStringLiteral("Works department A"), 5,
            QStringLiteral("street-a")},
        {QStringLiteral("grid-sup"), QStringLiteral("Grid supervisors"), 6,
            QStringLiteral("wenshan")},
    });
    setup.users = {
        {QStringLiteral("Wang Fang"), QStringLiteral("operator"), QStringLiteral("city")},
        {QStringLiteral("Li Lei"), QStringLiteral("unit_handler"), QStringLiteral("street-a")},
        {QStringLiteral("Ma Li"), QStringLiteral("unit_handler"), QStringLiteral("street-b")},
        {QStringLiteral("Zhao Min"), QStringLiteral("supervisor"), QStringLiteral("grid-sup")},
        {QStringLiteral("Sun Qiang"), QStringLiteral("supervisor"), QStringLiteral("street-a")},
        {QStringLiteral("Chen Jie"), QStringLiteral("leader"), QStringLiteral("city")},
    };
    auto categories = CategoryTree::build({
        {QStringLiteral("road"), {}, CategoryKind::Event, QStringLiteral("Road damage"),
            QStringLiteral("street-b"), {}},
        {QStringLiteral("road.pothole"), QStringLiteral("road"), CategoryKind::Event,
            QStringLiteral("Pothole"), {}, {}},
        {QStringLiteral("noise"), {}, CategoryKind::Event, QStringLiteral("Noise"), {}, {}},
    });
    if (!categories)
        return std::unexpected(categories.error());
    setup.categories = *categories;
    DispatchRule rule;
    rule.id = QStringLiteral("R1");
    rule.name = QStringLiteral("Wenshan roads");
    rule.category = QStringLiteral("road");
    rule.gridCode = QStringLiteral("6300800");
    rule.unit = QStringLiteral("street-a");
    auto rules = DispatchRules::build({rule});
    if (!rules)
        return std::unexpected(rules.error());
    setup.rules = *rules;
    return (*workspace)->transaction([&]() { return setup.save(**workspace); });
}

} // namespace GridDesk::Test
