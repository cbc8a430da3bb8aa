// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "org/coveragecheck.h"
#include "domain/posts.h"

#include "support/testsupport.h"

using namespace GridDesk;

namespace {

Grid grid(const QString &code, GridLevel level, const QString &parent = {})
{
    Grid made;
    made.code = code;
    made.name = code;
    made.level = level;
    made.parentCode = parent;
    return made;
}

QStringList summary(const QList<CoverageFinding> &findings)
{
    QStringList lines;
    for (const CoverageFinding &finding : findings)
        lines << coverageKindKey(finding.kind) + QLatin1Char(' ') + finding.codes.join(u',');
    return lines;
}

} // namespace

class TestCoverageCheck : public QObject
{
    Q_OBJECT

private:
    OrgChart m_chart;
    QList<Grid> m_grids;

    void addPerson(
        const QString &name, Post post, const QString &unitCode, const QStringList &grids)
    {
        Person person;
        person.name = name;
        person.post = postKey(post);
        person.unitCode = unitCode;
        person.gridCodes = grids;
        QVERIFY(m_chart.putPerson(person).has_value());
    }

private Q_SLOTS:
    void init()
    {
        m_chart = OrgChart();
        ChartUnit street {"S1", "Street", 3, {}, UnitKind::Tier, {}, {"ST1"}, false, {}};
        ChartUnit community {"C1", "Community", 4, "S1", UnitKind::Tier, {}, {}, false, {}};
        ChartUnit post {"P1", "Grid post", 6, "C1", UnitKind::Tier, {}, {}, false, {}};
        for (const ChartUnit &unit : {street, community, post})
            QVERIFY(m_chart.putUnit(unit).has_value());
        m_grids = {grid("ST1", GridLevel::Street), grid("B1", GridLevel::Base, "ST1"),
            grid("B2", GridLevel::Base, "ST1"), grid("F1", GridLevel::Fine, "B1"),
            grid("X9", GridLevel::Base)};
    }

    void aCoveredChartHasNoFindings()
    {
        addPerson("Head S", Post::Decision, "S1", {});
        addPerson("Head C", Post::Management, "C1", {});
        for (const char *base : {"B1", "B2", "X9"}) {
            addPerson("Collector", Post::InformationCollector, "P1", {QString::fromLatin1(base)});
            addPerson("Supervisor", Post::GridSupervisor, "P1", {QString::fromLatin1(base)});
        }
        const QList<CoverageFinding> found = checkCoverage(m_chart, m_grids);
        // X9 lies outside the street's jurisdiction: only the two people there are reported.
        QCOMPARE(summary(found),
            QStringList(
                {"grid_outside_jurisdiction X9,P1,7", "grid_outside_jurisdiction X9,P1,8"}));
        QVERIFY(found.first().detail.contains(QStringLiteral("outside the jurisdiction")));
    }

    void findsEveryGap()
    {
        addPerson("Head S", Post::Decision, "S1", {});
        addPerson("Collector", Post::InformationCollector, "C1", {"B1", "F1"});
        addPerson("Supervisor", Post::GridSupervisor, "C1", {"B2"});
        const QStringList expected {"grid_without_collector B2", "grid_without_collector X9",
            "grid_without_supervisor B1", "grid_without_supervisor X9", "unit_without_head C1"};
        QCOMPARE(summary(checkCoverage(m_chart, m_grids)), expected);
    }

    void retiredPeopleDoNotCover()
    {
        addPerson("Head S", Post::Decision, "S1", {});
        Person retired;
        retired.name = "Gone";
        retired.post = postKey(Post::Management);
        retired.unitCode = "C1";
        retired.retired = true;
        QVERIFY(m_chart.putPerson(retired).has_value());
        QVERIFY(summary(checkCoverage(m_chart, {})).contains("unit_without_head C1"));
    }
};

GRIDDESK_TEST_MAIN(TestCoverageCheck, QCoreApplication)
#include "tst_coveragecheck.moc"
