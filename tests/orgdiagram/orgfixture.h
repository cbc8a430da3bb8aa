// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "org/divisionimport.h"
#include "org/orgchart.h"

#include "support/testsupport.h"

namespace GridDesk::Test {

/// A small chart with every case the diagram draws differently:
///
///     1000 city (tier 1)
///     ├── 1100 district (2) ── 1110 street (3) ── 1111, 1112 communities (4)
///     │                     ├── 1120 street (3)
///     │                     └── 1130 street (3), retired
///     ├── 1200 district (2) ── 1210 street (3)
///     │                     └── 1290 grid supervisor (6): tiers 3 to 5 skipped
///     └── 1900 joint-handling unit (2), linked to 1100 and 1210
inline OrgChart smallChart()
{
    OrgChart chart;
    const auto check = [](const auto &result) {
        if (!result.has_value())
            qFatal("the test chart was refused: %s", why(result).constData());
    };
    const auto put = [&chart, &check](const QString &code, const QString &name, int tier,
                         const QString &parent, UnitKind kind = UnitKind::Tier,
                         QStringList linked = {}) {
        ChartUnit unit;
        unit.code = code;
        unit.name = name;
        unit.tier = tier;
        unit.parentCode = parent;
        unit.kind = kind;
        unit.linkedUnits = linked;
        check(chart.putUnit(unit));
    };
    put("1000", QStringLiteral("市城市运行管理中心"), 1, {});
    put("1100", QStringLiteral("福田区指挥中心"), 2, "1000");
    put("1110", QStringLiteral("园岭街道分中心"), 3, "1100");
    put("1111", QStringLiteral("红荔社区工作站"), 4, "1110");
    put("1112", QStringLiteral("百花社区工作站"), 4, "1110");
    put("1120", QStringLiteral("华富街道分中心"), 3, "1100");
    put("1130", QStringLiteral("旧街道分中心"), 3, "1100");
    put("1200", QStringLiteral("罗湖区指挥中心"), 2, "1000");
    put("1210", QStringLiteral("桂园街道分中心"), 3, "1200");
    put("1290", QStringLiteral("直属网格监督员"), 6, "1200");
    put("1900", QStringLiteral("城管联动中心"), 2, "1000", UnitKind::Joint, {"1100", "1210"});
    check(chart.retireUnit("1130", QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC)));

    for (const char *name : {"张伟", "王芳", "李娜"}) {
        Person person;
        person.name = QString::fromUtf8(name);
        person.post = QStringLiteral("grid_supervisor");
        person.unitCode = QStringLiteral("1111");
        check(chart.putPerson(person));
    }
    return chart;
}

/// Shenzhen from the division code tables: the city, 9 districts, 79 streets, 788 communities.
inline OrgChart shenzhenChart()
{
    OrgChart chart;
    const auto tree = readDivisionTree(dataPath(QStringLiteral("org/divisions")));
    if (!tree.has_value()) {
        qWarning() << why(tree);
        return chart;
    }
    const auto imported = importDivisionTree(chart, *tree);
    if (!imported.has_value())
        qWarning() << why(imported);
    return chart;
}

} // namespace GridDesk::Test
