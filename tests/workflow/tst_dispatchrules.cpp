// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "support/testsupport.h"

#include "workflow/dispatchrules.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QTest>

using namespace GridDesk;

namespace {

const char *const RULES = R"([
    {"id": "R1", "name": "Night noise to police", "category": "NOISE", "from": "22:00",
     "to": "06:00", "unit": "police"},
    {"id": "R2", "name": "Old town dumping", "category": "DUMP", "grid": "OLD", "unit": "crew-old",
     "co_units": ["police"]},
    {"id": "R3", "name": "Switched off", "enabled": false, "unit": "nobody"},
    {"id": "R4", "name": "Hotline noise", "category": "NOISE", "channel": "hotline",
     "unit": "environment"},
    {"id": "R5", "name": "Dumping anywhere", "category": "DUMP", "unit": "sanitation"}
])";

DispatchRules rules()
{
    auto table = DispatchRules::fromJson(QJsonDocument::fromJson(RULES).array());
    Q_ASSERT(table);
    return *table;
}

} // namespace

class TestDispatchRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void firstMatchingRuleDecides_data()
    {
        QTest::addColumn<QStringList>("categories");
        QTest::addColumn<QStringList>("grids");
        QTest::addColumn<QTime>("time");
        QTest::addColumn<QString>("channel");
        QTest::addColumn<QString>("rule");
        QTest::addColumn<QString>("unit");

        const QStringList noise {"NOISE.BAR", "NOISE"};
        const QStringList dump {"DUMP"};
        const QStringList oldTown {"OLD-3", "OLD", "CITY"};
        const QStringList newTown {"NEW-1", "NEW", "CITY"};
        QTest::newRow("night noise, before midnight")
            << noise << newTown << QTime(23, 10) << "hotline"
            << "R1"
            << "police";
        QTest::newRow("night noise, after midnight") << noise << newTown << QTime(5, 59) << "app"
                                                     << "R1"
                                                     << "police";
        QTest::newRow("day noise by hotline") << noise << newTown << QTime(6, 0) << "HOTLINE"
                                              << "R4"
                                              << "environment";
        QTest::newRow("day noise by app") << noise << newTown << QTime(12, 0) << "app"
                                          << ""
                                          << "";
        QTest::newRow("dumping in a grid inside the old town")
            << dump << oldTown << QTime(12, 0) << "app"
            << "R2"
            << "crew-old";
        QTest::newRow("dumping elsewhere") << dump << newTown << QTime(12, 0) << "app"
                                           << "R5"
                                           << "sanitation";
    }

    void firstMatchingRuleDecides()
    {
        QFETCH(QStringList, categories);
        QFETCH(QStringList, grids);
        QFETCH(QTime, time);
        QFETCH(QString, channel);
        QFETCH(QString, rule);
        QFETCH(QString, unit);

        const auto proposal = rules().propose(DispatchInput {categories, grids, time, channel});
        QCOMPARE(proposal.has_value(), !rule.isEmpty());
        if (!proposal)
            return;
        QCOMPARE(proposal->ruleId, rule);
        QCOMPARE(proposal->unit, unit);
        QVERIFY2(proposal->reason.contains(rule), qPrintable(proposal->reason));
    }

    void coUnitsAndReasonTravelWithTheProposal()
    {
        const auto proposal =
            rules().propose(DispatchInput {{"DUMP"}, {"OLD"}, QTime(9, 0), QStringLiteral("app")});
        QVERIFY(proposal);
        QCOMPARE(proposal->coUnits, QStringList {QStringLiteral("police")});
        QVERIFY2(
            proposal->reason.contains(QLatin1String("grid OLD")), qPrintable(proposal->reason));
    }

    void disabledRulesNeverDecide()
    {
        const auto proposal =
            rules().propose(DispatchInput {{"OTHER"}, {}, QTime(9, 0), QStringLiteral("app")});
        QVERIFY(!proposal);
    }

    void jsonRoundTrip()
    {
        const DispatchRules table = rules();
        auto again = DispatchRules::fromJson(table.toJson());
        QVERIFY2(again, Test::why(again));
        QCOMPARE(again->toJson(), table.toJson());
        QCOMPARE(again->rules().size(), 5);
        QVERIFY(!again->rules().at(2).enabled);
    }

    void badTablesAreNamed_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("no id") << QByteArray(R"([{"unit": "a"}])") << "rule 1";
        QTest::newRow("same id") << QByteArray(
            R"([{"id": "A", "unit": "a"}, {"id": "A", "unit": "b"}])")
                                 << "rule 2";
        QTest::newRow("no unit") << QByteArray(R"([{"id": "A"}])") << "unit";
        QTest::newRow("bad time") << QByteArray(
            R"([{"id": "A", "unit": "a", "from": "25:00", "to": "01:00"}])")
                                  << "25:00";
        QTest::newRow("half window")
            << QByteArray(R"([{"id": "A", "unit": "a", "from": "22:00"}])") << "both";
    }

    void badTablesAreNamed()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        auto table = DispatchRules::fromJson(QJsonDocument::fromJson(json).array());
        QVERIFY(!table);
        QVERIFY2(table.error().message.contains(message), qPrintable(table.error().message));
    }
};

GRIDDESK_TEST_MAIN(TestDispatchRules, QCoreApplication)
#include "tst_dispatchrules.moc"
