// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "domain/posts.h"
#include "org/orgchart.h"

#include "storage/workspace.h"
#include "support/testsupport.h"
#include "workflow/workflowsetup.h"

#include <QSqlQuery>
#include <QTemporaryDir>

#include <limits>

using namespace GridDesk;

namespace {

ChartUnit unit(const QString &code, int tier, const QString &parent = {})
{
    ChartUnit made;
    made.code = code;
    made.name = QStringLiteral("Unit ") + code;
    made.tier = tier;
    made.parentCode = parent;
    return made;
}

Person person(const QString &name, Post post, const QString &unitCode)
{
    Person made;
    made.name = name;
    made.post = postKey(post);
    made.unitCode = unitCode;
    return made;
}

/// city (1) → district D1 (2) → street S1 (3) → community C1 (4); district D2 (2); street S2
/// (3) directly under the city, skipping tier 2.
OrgChart sample()
{
    OrgChart chart;
    for (const ChartUnit &made : {unit("CITY", 1), unit("D1", 2, "CITY"), unit("S1", 3, "D1"),
             unit("C1", 4, "S1"), unit("D2", 2, "CITY"), unit("S2", 3, "CITY")}) {
        if (!chart.putUnit(made))
            qFatal("sample chart refused");
    }
    return chart;
}

} // namespace

class TestOrgChart : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void skippedTiersAreAllowed()
    {
        OrgChart chart = sample();
        QVERIFY(chart.putUnit(unit("C9", 4, "CITY")).has_value());
        QCOMPARE(chart.children("CITY").size(), 4);
    }

    void invertedPlacementsAreRefused_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("parent");
        QTest::addColumn<QString>("inReason");
        QTest::newRow("street above its district") << "D1"
                                                   << "S2"
                                                   << "S2 Unit S2 (tier 3)";
        QTest::newRow("same tier") << "S1"
                                   << "S2"
                                   << "S1 Unit S1 (tier 3)";
        QTest::newRow("under its own descendant") << "D1"
                                                  << "C1"
                                                  << "which lies within it";
        QTest::newRow("unknown parent") << "S1"
                                        << "NOPE"
                                        << "NOPE";
    }

    void invertedPlacementsAreRefused()
    {
        QFETCH(QString, code);
        QFETCH(QString, parent);
        QFETCH(QString, inReason);
        OrgChart chart = sample();
        const QString before = chart.unit(code)->parentCode;
        auto moved = chart.moveUnit(code, parent);
        QVERIFY(!moved.has_value());
        QVERIFY2(moved.error().message.contains(inReason), qPrintable(moved.error().message));
        QCOMPARE(chart.unit(code)->parentCode, before);
    }

    void refusalNamesBothUnitsAndTiers()
    {
        OrgChart chart = sample();
        auto moved = chart.moveUnit("D2", "S1");
        QVERIFY(!moved.has_value());
        QCOMPARE(moved.error().message,
            QStringLiteral("D2 Unit D2 (tier 2) cannot sit under S1 Unit S1 (tier 3): a unit's "
                           "tier must be below its parent's (tiers may be skipped, never "
                           "inverted)."));
    }

    void aTierChangeMayNotInvertChildren()
    {
        OrgChart chart = sample();
        ChartUnit street = *chart.unit("S1");
        street.tier = 4;
        auto put = chart.putUnit(street, true);
        QVERIFY(!put.has_value());
        QVERIFY(put.error().message.contains(QStringLiteral("C1 Unit C1 (tier 4)")));
        QVERIFY(!chart.putUnit(unit("CITY", 1)).has_value()); // a duplicate code
    }

    void moveKeepsTheRule()
    {
        OrgChart chart = sample();
        QVERIFY(chart.moveUnit("S1", "D2").has_value());
        QCOMPARE(chart.unit("S1")->parentCode, QStringLiteral("D2"));
        QVERIFY(chart.isWithin("C1", "D2"));
        QVERIFY(!chart.isWithin("C1", "D1"));
    }

    void mergeMovesPeopleChildrenAndJurisdiction()
    {
        OrgChart chart = sample();
        ChartUnit d1 = *chart.unit("D1");
        d1.jurisdiction = {"G1", "G2"};
        QVERIFY(chart.putUnit(d1, true).has_value());
        ChartUnit d2 = *chart.unit("D2");
        d2.jurisdiction = {"G2", "G3"};
        QVERIFY(chart.putUnit(d2, true).has_value());
        const qint64 id = *chart.putPerson(person("Li Ming", Post::Management, "D1"));

        const QDateTime at(QDate(2026, 3, 1), QTime(8, 0), Qt::UTC);
        QVERIFY2(chart.mergeUnit("D1", "D2", at).has_value(), "merge refused");
        QCOMPARE(chart.unit("S1")->parentCode, QStringLiteral("D2"));
        QCOMPARE(chart.person(id)->unitCode, QStringLiteral("D2"));
        QCOMPARE(chart.unit("D2")->jurisdiction, QStringList({"G2", "G3", "G1"}));
        QVERIFY(chart.unit("D1")->retired);
        QCOMPARE(chart.unit("D1")->retiredAt, at);
        QVERIFY(chart.peopleOf("D1").isEmpty());
    }

    void mergeThatWouldInvertChangesNothing()
    {
        OrgChart chart = sample();
        // D1's street S1 cannot sit under street S2.
        auto merged = chart.mergeUnit("D1", "S2", QDateTime::currentDateTimeUtc());
        QVERIFY(!merged.has_value());
        QVERIFY(merged.error().message.contains(QStringLiteral("S1 Unit S1 (tier 3)")));
        QCOMPARE(chart.unit("S1")->parentCode, QStringLiteral("D1"));
        QVERIFY(!chart.unit("D1")->retired);
        QVERIFY(!chart.mergeUnit("D1", "C1", QDateTime::currentDateTimeUtc()).has_value());
    }

    void retireKeepsTheUnit()
    {
        OrgChart chart = sample();
        QVERIFY(!chart.retireUnit("S1", QDateTime::currentDateTimeUtc()).has_value());
        QVERIFY(chart.putPerson(person("Wang Fang", Post::GridSupervisor, "C1")).has_value());
        auto refused = chart.retireUnit("C1", QDateTime::currentDateTimeUtc());
        QVERIFY(!refused.has_value());
        QVERIFY(refused.error().message.contains(QStringLiteral("1 person(s)")));

        QVERIFY(chart.retireUnit("S2", QDateTime::currentDateTimeUtc()).has_value());
        QVERIFY(chart.unit("S2")->retired);
        QVERIFY(!chart.putUnit(unit("C7", 4, "S2")).has_value());
        QVERIFY(!chart.putPerson(person("Zhao Lei", Post::GridHead, "S2")).has_value());
    }

    void codesThatWouldCorruptListsAreRefused_data()
    {
        QTest::addColumn<QString>("code");
        QTest::newRow("semicolon") << QStringLiteral("A;B");
        QTest::newRow("inner space") << QStringLiteral("A B");
        QTest::newRow("line break") << QStringLiteral("A\nB");
        QTest::newRow("tab") << QStringLiteral("A\tB");
    }

    void codesThatWouldCorruptListsAreRefused()
    {
        // Jurisdictions, linked units and group members are stored joined with ";".
        QFETCH(QString, code);
        OrgChart chart = sample();
        auto refused = chart.putUnit(unit(code, 2, "CITY"));
        QVERIFY(!refused.has_value());
        QVERIFY2(refused.error().message.contains(code), qPrintable(refused.error().message));
        QVERIFY(chart.unit(code) == nullptr);
    }

    void aUnitUnderItselfIsNamedSo()
    {
        OrgChart chart = sample();
        auto refused = chart.moveUnit("D1", "D1");
        QVERIFY(!refused.has_value());
        QVERIFY2(refused.error().message.contains(QStringLiteral("itself")),
            qPrintable(refused.error().message));
        auto added = chart.putUnit(unit("S5", 3, "S5"));
        QVERIFY(!added.has_value());
        QVERIFY2(added.error().message.contains(QStringLiteral("itself")),
            qPrintable(added.error().message));
    }

    void aRetiredUnitIsNotRetiredOrMergedAgain()
    {
        OrgChart chart = sample();
        const QDateTime first(QDate(2024, 1, 1), QTime(8, 0), Qt::UTC);
        QVERIFY(chart.retireUnit("D2", first).has_value());
        const qsizetype changes = chart.pendingChanges().size();

        auto again = chart.retireUnit("D2", QDateTime::currentDateTimeUtc());
        QVERIFY(!again.has_value());
        QVERIFY2(again.error().message.contains(QStringLiteral("D2")),
            qPrintable(again.error().message));
        auto merged = chart.mergeUnit("D2", "D1", QDateTime::currentDateTimeUtc());
        QVERIFY(!merged.has_value());
        QVERIFY2(merged.error().message.contains(QStringLiteral("D2")),
            qPrintable(merged.error().message));
        QCOMPARE(chart.unit("D2")->retiredAt, first);
        QCOMPARE(chart.pendingChanges().size(), changes);
    }

    void theLastIdDoesNotOverflow()
    {
        OrgChart chart = sample();
        Person last = person("Max", Post::Decision, "CITY");
        last.id = std::numeric_limits<qint64>::max();
        QVERIFY(chart.putPerson(last).has_value());
        auto next = chart.putPerson(person("Next", Post::Management, "CITY"));
        QVERIFY(!next.has_value());
        QCOMPARE(chart.people().size(), 1);
    }

    void peopleNeedAKnownPostAndUnit()
    {
        OrgChart chart = sample();
        Person unknownPost = person("Chen Jie", Post::BigData, "D1");
        unknownPost.post = "astronaut";
        QVERIFY(!chart.putPerson(unknownPost).has_value());
        QVERIFY(!chart.putPerson(person("Chen Jie", Post::BigData, "NOPE")).has_value());
        QVERIFY(!chart.putPerson(person("  ", Post::BigData, "D1")).has_value());
        QCOMPARE(*chart.putPerson(person("Chen Jie", Post::BigData, "D1")), 1);
        QCOMPARE(*chart.putPerson(person("Zhou Min", Post::CoGovernance, "D1")), 2);
    }

    void postsHaveKeysAndNames()
    {
        QCOMPARE(int(Post::Count), 11);
        for (int i = 0; i < int(Post::Count); ++i) {
            QCOMPARE(postFromKey(postKey(Post(i))), Post(i));
            QVERIFY(!postName(Post(i)).isEmpty());
        }
        QCOMPARE(postFromKey("INFORMATION_COLLECTOR"), Post::InformationCollector);
        QVERIFY(!postFromKey("captain"));
        QVERIFY(isGridStaff(Post::GridAssistant));
        QVERIFY(!isGridStaff(Post::JointHandling));
        QVERIFY(isHeadPost(Post::Decision));
        QVERIFY(!isHeadPost(Post::GeneralManagement));
    }

    void survivesSaveAndTheWorkflowSetup()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("org.gpkg");
        {
            auto workspace = Workspace::open(path);
            QVERIFY2(workspace.has_value(), Test::why(workspace).constData());
            OrgChart chart = sample();
            ChartUnit joint = unit("PSB", 2, "CITY");
            joint.kind = UnitKind::Joint;
            joint.contact = "0755-110";
            joint.jurisdiction = {"G1", "G2"};
            QVERIFY(chart.putUnit(joint).has_value());
            Person officer = person("Liu Yang", Post::JointHandling, "PSB");
            officer.gridCodes = {"G1"};
            officer.phone = "13812345678";
            QVERIFY(chart.putPerson(officer).has_value());
            QVERIFY(
                chart.retireUnit("S2", QDateTime(QDate(2026, 1, 2), QTime(), Qt::UTC)).has_value());
            auto saved = chart.save(**workspace);
            QVERIFY2(saved.has_value(), Test::why(saved).constData());

            // The workflow reads and rewrites org_units; the chart's details stay.
            auto setup = WorkflowSetup::load(**workspace);
            QVERIFY2(setup.has_value(), Test::why(setup).constData());
            QCOMPARE(setup->units.size(), 7);
            QVERIFY(setup->save(**workspace).has_value());
        }
        auto workspace = Workspace::open(path);
        QVERIFY(workspace.has_value());
        auto chart = OrgChart::load(**workspace);
        QVERIFY2(chart.has_value(), Test::why(chart).constData());
        QCOMPARE(chart->units().size(), 7);
        const ChartUnit *psb = chart->unit("PSB");
        QCOMPARE(psb->kind, UnitKind::Joint);
        QCOMPARE(psb->contact, QStringLiteral("0755-110"));
        QCOMPARE(psb->jurisdiction, QStringList({"G1", "G2"}));
        QVERIFY(chart->unit("S2")->retired);
        QCOMPARE(chart->unit("S2")->retiredAt.date(), QDate(2026, 1, 2));
        QCOMPARE(chart->people().size(), 1);
        QCOMPARE(chart->people().first().gridCodes, QStringList({"G1"}));
        QCOMPARE(chart->people().first().phone, QStringLiteral("13812345678"));
    }

    void jointUnitsServeSeveralTiers()
    {
        OrgChart chart = sample();
        ChartUnit cityManagement = unit("CM", 2, "CITY");
        cityManagement.kind = UnitKind::Joint;
        cityManagement.linkedUnits = {"D1", "S1", "C1", "D1"};
        cityManagement.departments = {" 市容科 ", "", "执法队"};
        QVERIFY(chart.putUnit(cityManagement).has_value());
        QCOMPARE(chart.unit("CM")->linkedUnits, QStringList({"D1", "S1", "C1"}));
        QCOMPARE(chart.unit("CM")->departments, QStringList({"市容科", "执法队"}));
        QCOMPARE(chart.jointUnitsFor("S1").size(), 1);
        QCOMPARE(chart.jointUnitsFor("D2").size(), 0);

        ChartUnit plain = unit("D3", 2, "CITY");
        plain.linkedUnits = {"S1"};
        auto refused = chart.putUnit(plain);
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains("not a joint-handling unit"),
            qPrintable(refused.error().message));

        ChartUnit toJoint = unit("PSB", 2, "CITY");
        toJoint.kind = UnitKind::Joint;
        toJoint.linkedUnits = {"CM"};
        QVERIFY(!chart.putUnit(toJoint));
        toJoint.linkedUnits = {"NOPE"};
        refused = chart.putUnit(toJoint);
        QVERIFY(!refused);
        QVERIFY(refused.error().message.contains("NOPE"));
    }

    void mergeCarriesLinksAndGroups()
    {
        OrgChart chart = sample();
        ChartUnit joint = unit("CM", 2, "CITY");
        joint.kind = UnitKind::Joint;
        joint.linkedUnits = {"S1", "D1"};
        QVERIFY(chart.putUnit(joint).has_value());
        auto leader = chart.putPerson(person("Chen Jing", Post::Decision, "D1"));
        QVERIFY(leader.has_value());
        OrgGroup group;
        group.name = "网格化治理工作领导小组";
        group.kind = GroupKind::Leading;
        group.unitCode = "S1";
        group.memberUnits = {"S1", "CM"};
        group.memberPeople = {*leader, *leader};
        auto groupId = chart.putGroup(group);
        QVERIFY2(groupId.has_value(), Test::why(groupId).constData());
        QCOMPARE(chart.group(*groupId)->memberPeople.size(), 1);

        QVERIFY(chart.putUnit(unit("S3", 3, "D1")).has_value());
        QVERIFY(chart.mergeUnit("S1", "S3", QDateTime::currentDateTimeUtc()).has_value());
        QCOMPARE(chart.unit("CM")->linkedUnits, QStringList({"S3", "D1"}));
        QCOMPARE(chart.group(*groupId)->unitCode, QStringLiteral("S3"));
        QCOMPARE(chart.group(*groupId)->memberUnits, QStringList({"CM", "S3"}));
        QCOMPARE(chart.childCodes("S3"), QStringList({"C1"}));

        OrgGroup unknown = group;
        unknown.id = 0;
        unknown.memberPeople = {999};
        QVERIFY(!chart.putGroup(unknown));
        unknown.memberPeople.clear();
        unknown.unitCode = "S1"; // retired by the merge
        QVERIFY(!chart.putGroup(unknown));
        QVERIFY(chart.dissolveGroup(*groupId).has_value());
        QVERIFY(chart.group(*groupId)->dissolved);
    }

    void lookupsFollowChanges()
    {
        OrgChart chart = sample();
        QCOMPARE(chart.childCodes("CITY"), QStringList({"D1", "D2", "S2"}));
        QCOMPARE(chart.activePeopleCount("D1"), 0);
        QVERIFY(chart.putPerson(person("Wang Fang", Post::Management, "D1")).has_value());
        QCOMPARE(chart.activePeopleCount("D1"), 1);
        QVERIFY(chart.moveUnit("S1", "CITY").has_value());
        QCOMPARE(chart.childCodes("CITY"), QStringList({"D1", "D2", "S1", "S2"}));
        QCOMPARE(chart.childCodes("D1"), QStringList());
        QCOMPARE(chart.findUnits("unit s"), QStringList({"S1", "S2"}));
        QCOMPARE(chart.findUnits("  "), QStringList());
        QCOMPARE(chart.findPeople("FANG").size(), 1);
    }

    void historyRecordsWhoDidWhat()
    {
        QTemporaryDir dir;
        auto workspace = Workspace::open(dir.filePath("history.gpkg"));
        QVERIFY2(workspace.has_value(), Test::why(workspace).constData());
        OrgChart chart = sample();
        QVERIFY(chart.moveUnit("S2", "D2").has_value());
        Person officer = person("Liu Yang", Post::GridSupervisor, "C1");
        officer.idNumber = "440301199001011234";
        auto id = chart.putPerson(officer);
        QVERIFY(id.has_value());
        officer.id = *id;
        officer.idNumber = "440301199001015678";
        QVERIFY(chart.putPerson(officer).has_value());
        QCOMPARE(chart.pendingChanges().size(), 9);
        auto saved = chart.save(**workspace, "zhang.wei");
        QVERIFY2(saved.has_value(), Test::why(saved).constData());
        QVERIFY(chart.pendingChanges().isEmpty());

        auto all = OrgChart::history(**workspace);
        QVERIFY2(all.has_value(), Test::why(all).constData());
        QCOMPARE(all->size(), 9);
        QCOMPARE(all->first().by, QStringLiteral("zhang.wei"));
        auto ofS2 = OrgChart::history(**workspace, "S2");
        QVERIFY(ofS2.has_value());
        QCOMPARE(ofS2->size(), 2);
        QCOMPARE(ofS2->last().action, QStringLiteral("move"));
        QVERIFY2(ofS2->last().detail.contains("CITY") && ofS2->last().detail.contains("D2"),
            qPrintable(ofS2->last().detail));
        // The ID number's change is recorded, never its value.
        for (const OrgChange &change : *all)
            QVERIFY2(!change.detail.contains("1234") && !change.detail.contains("5678"),
                qPrintable(change.detail));

        QCOMPARE(orgChangeName(ofS2->last().action), QStringLiteral("Moved"));
        QCOMPARE(orgChangeName("something new"), QStringLiteral("something new"));

        QSqlQuery tamper((*workspace)->database());
        QVERIFY(!tamper.exec("DELETE FROM org_history"));
        QVERIFY(!tamper.exec("UPDATE org_history SET by = 'someone else'"));
    }

    void aSecondDeskCannotOverwriteUnseen()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("two-desks.gpkg");
        auto first = Workspace::open(path);
        QVERIFY2(first.has_value(), Test::why(first).constData());
        OrgChart start = sample();
        QVERIFY(start.save(**first, "admin").has_value());

        auto second = Workspace::open(path);
        QVERIFY2(second.has_value(), Test::why(second).constData());
        auto mine = OrgChart::load(**first);
        auto theirs = OrgChart::load(**second);
        QVERIFY(mine.has_value() && theirs.has_value());
        QVERIFY(theirs->putUnit(unit("D9", 2, "CITY")).has_value());
        QVERIFY(theirs->save(**second, "li.na").has_value());

        QVERIFY(mine->moveUnit("S2", "D1").has_value());
        auto refused = mine->save(**first, "zhang.wei");
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::Conflict);
        QCOMPARE(mine->pendingChanges().size(), 1);

        auto reloaded = OrgChart::load(**first);
        QVERIFY(reloaded.has_value());
        QVERIFY(reloaded->unit("D9") != nullptr);
        QCOMPARE(reloaded->unit("S2")->parentCode, QStringLiteral("CITY"));

        // The workflow's own unit save counts as a save of the chart too.
        auto setup = WorkflowSetup::load(**second);
        QVERIFY(setup.has_value());
        QVERIFY((*second)->transaction([&] { return setup->saveUnits(**second); }).has_value());
        QVERIFY(reloaded->moveUnit("S2", "D1").has_value());
        QVERIFY(!reloaded->save(**first));
    }
};

GRIDDESK_TEST_MAIN(TestOrgChart, QCoreApplication)
#include "tst_orgchart.moc"
