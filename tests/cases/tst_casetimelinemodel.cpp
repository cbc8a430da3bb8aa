// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "cases/casetimelinemodel.h"

#include "casefixture.h"
#include "support/testsupport.h"

#include <QAbstractItemModelTester>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonObject>

using namespace GridDesk;
using Column = CaseTimelineModel::Column;

class TestCaseTimelineModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void passesModelTester();
    void dump();
    void detailsInWords_data();
    void detailsInWords();
    void anAlarmShowsHowItCameInAndWhatCameAgain();
};

namespace {

CaseEvent event(int sequence, CaseAction action, const char *actor, Role role, const char *unit,
    std::optional<CaseState> from, CaseState to, QTime time)
{
    CaseEvent made;
    made.caseId = 7;
    made.sequence = sequence;
    made.action = action;
    made.actor = QString::fromUtf8(actor);
    made.role = role;
    made.unit = QString::fromUtf8(unit);
    made.at = CaseTime::naive(QDate(2026, 3, 4), time);
    made.from = from;
    made.to = to;
    return made;
}

QList<CaseEvent> history()
{
    using S = CaseState;
    QList<CaseEvent> events {
        event(1, CaseAction::Report, "Wang Fang", Role::Operator, "city", std::nullopt, S::Reported,
            QTime(9, 0)),
        event(2, CaseAction::Register, "Wang Fang", Role::Operator, "city", S::Reported,
            S::Registered, QTime(9, 5)),
        event(3, CaseAction::Dispatch, "Wang Fang", Role::Operator, "city", S::Registered,
            S::Dispatched, QTime(9, 10)),
        event(4, CaseAction::RequestExtension, "Li Lei", Role::UnitHandler, "street-1",
            S::Dispatched, S::Dispatched, QTime(10, 0)),
        event(5, CaseAction::Return, "Li Lei", Role::UnitHandler, "street-1", S::Dispatched,
            S::Returned, QTime(10, 30)),
    };
    events[0].data.insert(QStringLiteral("channel"), QStringLiteral("hotline"));
    events[2].data.insert(QStringLiteral("unit"), QStringLiteral("street-1"));
    events[2].data.insert(QStringLiteral("co_units"), QJsonArray {QStringLiteral("street-2")});
    events[2].data.insert(QStringLiteral("rule"), QStringLiteral("R1"));
    events[2].data.insert(
        QStringLiteral("rule_reason"), QStringLiteral("Rule R1 \"Roads\" (category road)"));
    events[3].reason = QStringLiteral("Parts are on order");
    events[3].data.insert(QStringLiteral("limit"), QStringLiteral("2d"));
    events[4].reason = QStringLiteral("Not our street");
    return events;
}

} // namespace

void TestCaseTimelineModel::passesModelTester()
{
    CaseTimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setEvents(history(), Test::fixtureSetup().units);
    model.setEvents({}, {});
    model.setEvents(history(), {});
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.index(2, 0).data(int(CaseTimelineModel::Role::Sequence)).toInt(), 3);
    QCOMPARE(model.index(2, 0).data(int(CaseTimelineModel::Role::Action)).toInt(),
        int(CaseAction::Dispatch));
}

void TestCaseTimelineModel::dump()
{
    CaseTimelineModel model;
    model.setEvents(history(), Test::fixtureSetup().units);
    const QString expected = QStringLiteral(
        "When|Action|Who|Role|Unit|State|Reason|Details\n"
        "2026-03-04 09:00|Report|Wang Fang|Operator|City centre|Reported||Channel: 12345 hotline.\n"
        "2026-03-04 09:05|Register|Wang Fang|Operator|City centre|Reported → Registered||\n"
        "2026-03-04 09:10|Dispatch|Wang Fang|Operator|City centre|Registered → Dispatched||"
        "Lead unit: Street one. Jointly with Street two. Proposed by Rule R1 \"Roads\" "
        "(category road).\n"
        "2026-03-04 10:00|Request extension|Li Lei|Unit handler|Street one||Parts are on order|"
        "Asked for 2d more.\n"
        "2026-03-04 10:30|Return|Li Lei|Unit handler|Street one|Dispatched → Returned|"
        "Not our street|");
    QCOMPARE(Test::dumpModel(model), expected);
}

void TestCaseTimelineModel::detailsInWords_data()
{
    QTest::addColumn<CaseAction>("action");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("words");
    QTest::newRow("feed back") << CaseAction::FeedBack << "result"
                               << "Filled the hole"
                               << "Result: Filled the hole";
    QTest::newRow("escalate") << CaseAction::Escalate << "unit"
                              << "district-1"
                              << "Taken over by District one.";
    QTest::newRow("promise") << CaseAction::Promise << "promised_at"
                             << "2026-03-10T17:00:00"
                             << "Promised for 2026-03-10 17:00.";
    QTest::newRow("merge") << CaseAction::Merge << "into"
                           << "12"
                           << "Merged into case 12.";
    QTest::newRow("approve") << CaseAction::ApproveExtension << "limit"
                             << "1d"
                             << "Granted 1d more.";
    QTest::newRow("nothing to say") << CaseAction::Accept << ""
                                    << ""
                                    << "";
}

void TestCaseTimelineModel::detailsInWords()
{
    QFETCH(CaseAction, action);
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, words);
    CaseEvent made;
    made.action = action;
    if (!key.isEmpty())
        made.data.insert(
            key, key == QLatin1String("into") ? QJsonValue(value.toLongLong()) : QJsonValue(value));
    QCOMPARE(CaseTimelineModel::details(made, Test::fixtureSetup().units), words);

    CaseEvent evaluation;
    evaluation.action = CaseAction::Evaluate;
    evaluation.data.insert(QStringLiteral("satisfaction"), 4);
    evaluation.data.insert(QStringLiteral("return_visit"), QStringLiteral("Happy with it"));
    QCOMPARE(CaseTimelineModel::details(evaluation, {}),
        QStringLiteral("Satisfaction 4 of 5. Return visit: Happy with it"));
}

void TestCaseTimelineModel::anAlarmShowsHowItCameInAndWhatCameAgain()
{
    using S = CaseState;
    QList<CaseEvent> events {
        ::event(1, CaseAction::Report, "alarm:city-vms", Role::System, "city", std::nullopt,
            S::Reported, QTime(9, 0)),
        ::event(2, CaseAction::Recur, "alarm:city-vms", Role::System, "city", S::Reported,
            S::Reported, QTime(9, 6)),
    };
    const QJsonObject intake {{QStringLiteral("client"), QStringLiteral("city-vms")},
        {QStringLiteral("received_at"), QStringLiteral("2026-03-04T09:00:02Z")},
        {QStringLiteral("payload"), QStringLiteral("{\"device_id\":\"CAM-0001\"}")}};
    for (CaseEvent &alarm : events) {
        alarm.data.insert(QStringLiteral("alarm_type"), QStringLiteral("illegal_parking"));
        alarm.data.insert(QStringLiteral("level"), 2);
        alarm.data.insert(QStringLiteral("device"), QStringLiteral("CAM-0001"));
        alarm.data.insert(QStringLiteral("intake"), intake);
    }
    events[0].data.insert(QStringLiteral("channel"), QStringLiteral("video"));
    events[1].data.insert(QStringLiteral("alarms"), 2);
    CaseTimelineModel model;
    model.setEvents(events, OrgDirectory());

    const QString report = model.index(0, int(Column::Details)).data().toString();
    QVERIFY2(report.startsWith(QStringLiteral("Channel: Video patrol. Alarm illegal_parking, "
                                              "level 2, from device CAM-0001. Received ")),
        qPrintable(report));
    QVERIFY(report.endsWith(QStringLiteral(" from city-vms.")));
    QCOMPARE(model.index(1, int(Column::Details)).data().toString(),
        QStringLiteral(
            "Alarm illegal_parking, level 2, from device CAM-0001. Came again: 2 alarms in all."));
    // The payload as received is in the tooltip, not in the row.
    const QString tip = model.index(0, int(Column::Details)).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QStringLiteral("As received:\n{\"device_id\":\"CAM-0001\"}")),
        qPrintable(tip));
    QVERIFY(!report.contains(QStringLiteral("device_id")));
}

GRIDDESK_TEST_MAIN(TestCaseTimelineModel, QGuiApplication)

#include "tst_casetimelinemodel.moc"
