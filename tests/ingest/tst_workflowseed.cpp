// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "ingest/workflowseed.h"

#include "support/testsupport.h"

#include <QCoreApplication>

using namespace GridDesk;

namespace {

/// Cases per category and agency as in the MyLA311 excerpt of tests/data.
CaseTally losAngelesTally()
{
    CaseTally tally;
    tally[QStringLiteral("Bulky Items")][QStringLiteral("BOS")] = 163;
    tally[QStringLiteral("Graffiti Removal")][QStringLiteral("OCB")] = 113;
    tally[QStringLiteral("Other")][QStringLiteral("ITA")] = 30;
    tally[QStringLiteral("Other")][QStringLiteral("BOS")] = 5;
    tally[QStringLiteral("Illegal Dumping Pickup")][QStringLiteral("BOS")] = 27;
    tally[QStringLiteral("Dead Animal Removal")][QStringLiteral("BOS")] = 26;
    tally[QStringLiteral("Metal/Household Appliances")][QStringLiteral("BOS")] = 21;
    tally[QStringLiteral("Single Streetlight Issue")][QStringLiteral("BSL")] = 14;
    return tally;
}

} // namespace

class TestWorkflowSeed : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void handlingUnitsNestBelowTheCity()
    {
        WorkflowSetup setup;
        QVERIFY(WorkflowSeed::ensureHandlingUnits(setup,
            {{QStringLiteral("BOS"), QStringLiteral("NC")}, {QStringLiteral("ITA"), QString()}},
            QStringLiteral("Los Angeles")));
        QCOMPARE(setup.units.size(), 4);
        QCOMPARE(setup.units.displayName(QStringLiteral("city")),
            QStringLiteral("Los Angeles supervision centre"));
        QVERIFY(setup.units.isWithin(QStringLiteral("BOS/NC"), QStringLiteral("city")));
        QCOMPARE(setup.units.unit(QStringLiteral("ITA"))->tier, 2);

        // Nothing new: nothing to save.
        QVERIFY(!WorkflowSeed::ensureHandlingUnits(
            setup, {{QStringLiteral("BOS"), QStringLiteral("NC")}}, QStringLiteral("Los Angeles")));
    }

    void existingUnitsAreLeftAlone()
    {
        WorkflowSetup setup;
        setup.units =
            OrgDirectory({OrgUnit {QStringLiteral("city"), QStringLiteral("LA centre"), 1, {}},
                OrgUnit {QStringLiteral("BOS"), QStringLiteral("Sanitation"), 3,
                    QStringLiteral("city")}});
        WorkflowSeed::ensureHandlingUnits(
            setup, {{QStringLiteral("BOS"), QString()}}, QStringLiteral("Los Angeles"));
        QCOMPARE(setup.units.displayName(QStringLiteral("city")), QStringLiteral("LA centre"));
        QCOMPARE(setup.units.unit(QStringLiteral("BOS"))->tier, 3);
        QCOMPARE(setup.units.displayName(QStringLiteral("BOS")), QStringLiteral("Sanitation"));
    }

    void categoriesGetTheirMostFrequentUnit()
    {
        WorkflowSetup setup;
        auto tree = CategoryTree::build({Category {QStringLiteral("Other"), {}, CategoryKind::Event,
            QStringLiteral("Other"), QStringLiteral("BOS"), {}}});
        QVERIFY(tree);
        setup.categories = *tree;
        auto ensured = WorkflowSeed::ensureCategories(setup, losAngelesTally());
        QVERIFY2(ensured.has_value(), Test::why(ensured).constData());
        QCOMPARE(setup.categories.size(), 7);
        QCOMPARE(setup.categories.defaultUnit(QStringLiteral("Bulky Items")), "BOS");
        QCOMPARE(setup.categories.defaultUnit(QStringLiteral("Single Streetlight Issue")), "BSL");
        // Someone chose BOS for "Other"; the data's ITA does not overrule them.
        QCOMPARE(setup.categories.defaultUnit(QStringLiteral("Other")), "BOS");
        QCOMPARE(setup.categories.category(QStringLiteral("Graffiti Removal"))->kind,
            CategoryKind::Event);
    }

    void starterRulesFollowTheData()
    {
        WorkflowSetup setup;
        auto ensured = WorkflowSeed::ensureStarterRules(setup, losAngelesTally(), 3);
        QVERIFY2(ensured.has_value(), Test::why(ensured).constData());
        const QList<DispatchRule> &rules = setup.rules.rules();
        QCOMPARE(rules.size(), 3);
        QCOMPARE(rules.at(0).id, QStringLiteral("R1"));
        QCOMPARE(rules.at(0).category, QStringLiteral("Bulky Items"));
        QCOMPARE(rules.at(0).unit, QStringLiteral("BOS"));
        QVERIFY(rules.at(0).name.contains(QLatin1String("Bulky Items")));
        QCOMPARE(rules.at(1).unit, QStringLiteral("OCB"));
        QCOMPARE(rules.at(2).category, QStringLiteral("Other"));
        QCOMPARE(rules.at(2).unit, QStringLiteral("ITA"));

        // A table someone already has is not added to.
        auto again = WorkflowSeed::ensureStarterRules(setup, CaseTally {}, 5);
        QVERIFY(again.has_value());
        QCOMPARE(setup.rules.rules().size(), 3);
    }

    void usersAreAddedOnce()
    {
        WorkflowSetup setup;
        setup.users << LocalUser {
            QStringLiteral("Operator Chen"), QStringLiteral("leader"), QStringLiteral("city")};
        WorkflowSeed::ensureUsers(setup, {{QStringLiteral("DSNY"), QStringLiteral("DSNY")}});
        QCOMPARE(setup.users.size(), 4);
        QCOMPARE(setup.user(QStringLiteral("Operator Chen"))->role, QStringLiteral("leader"));
        const auto handler = setup.user(QStringLiteral("DSNY handler"));
        QVERIFY(handler);
        QCOMPARE(handler->role, QStringLiteral("unit_handler"));
        QCOMPARE(handler->unitCode, QStringLiteral("DSNY"));
        WorkflowSeed::ensureUsers(setup, {{QStringLiteral("DSNY"), QStringLiteral("DSNY")}});
        QCOMPARE(setup.users.size(), 4);
    }

    void tallyRanksWithTiesByCode()
    {
        CaseTally tally = losAngelesTally();
        tally[QStringLiteral("Feedback")][QStringLiteral("BSS")] = 1;
        tally[QStringLiteral("Feedback")][QStringLiteral("BOS")] = 1;
        QCOMPARE(WorkflowSeed::topUnit(tally, QStringLiteral("Feedback")), QStringLiteral("BOS"));
        QCOMPARE(WorkflowSeed::topUnit(tally, QStringLiteral("Nothing")), QString());
        QCOMPARE(WorkflowSeed::topUnits(tally, 2), QStringList({"BOS", "OCB"}));
        QCOMPARE(WorkflowSeed::topCategories(tally, 2),
            QStringList({"Bulky Items", "Graffiti Removal"}));
    }
};

GRIDDESK_TEST_MAIN(TestWorkflowSeed, QCoreApplication)
#include "tst_workflowseed.moc"
