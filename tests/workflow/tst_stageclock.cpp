// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "support/testsupport.h"
#include "workflowfixture.h"

#include "workflow/stageclock.h"

#include <QCoreApplication>
#include <QTest>
#include <QTimeZone>

using namespace GridDesk;
using namespace GridDesk::Test;

namespace {

QDateTime wall(int year, int month, int day, int hour, int minute)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute), Qt::UTC);
}

ActionRequest at(ActionRequest request, const QDateTime &when)
{
    request.at = CaseTime::naive(when.date(), when.time());
    return request;
}

/// A case accepted by sanitation at accepted; its handling clock starts then.
bool acceptedAt(Flow &flow, const QDateTime &accepted)
{
    return flow.dispatched() && flow.apply(at(flow.request(HANDLER, CaseAction::Accept), accepted));
}

} // namespace

class TestStageClock : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void eachStageRunsOnItsOwnLimit()
    {
        Flow flow;
        QVERIFY(flow.apply(OPERATOR, CaseAction::Report));
        QVERIFY(flow.apply(OPERATOR, CaseAction::Register)); // Monday 2026-03-02 09:01
        const auto clock = StageClocks::current(flow.file(), CategoryTree(), WorkCalendar());
        QVERIFY(clock);
        QCOMPARE(clock->stage, Stage::Dispatch);
        QCOMPARE(clock->limit, QStringLiteral("1h"));
        QCOMPARE(clock->deadline, wall(2026, 3, 2, 10, 1));
    }

    void handlingCrossesNationalDay()
    {
        // Wednesday 30 September 2026, 10:00: six working hours left that day, 1–7 October
        // are holidays, Saturday 10 October is a working day given back.
        Flow flow;
        QVERIFY(
            flow.apply(at(flow.request(OPERATOR, CaseAction::Report), wall(2026, 9, 30, 9, 0))));
        QVERIFY(
            flow.apply(at(flow.request(OPERATOR, CaseAction::Register), wall(2026, 9, 30, 9, 1))));
        QVERIFY(flow.apply(at(
            flow.withUnit(OPERATOR, CaseAction::Dispatch, "sanitation"), wall(2026, 9, 30, 9, 2))));
        QVERIFY(
            flow.apply(at(flow.request(HANDLER, CaseAction::Accept), wall(2026, 9, 30, 10, 0))));

        const auto clock = StageClocks::current(flow.file(), CategoryTree(), WorkCalendar::china());
        QVERIFY(clock);
        QCOMPARE(clock->stage, Stage::Handle);
        QCOMPARE(clock->limit, QStringLiteral("3d"));
        QCOMPARE(clock->deadline, wall(2026, 10, 10, 10, 0));

        const auto plain = StageClocks::current(flow.file(), CategoryTree(), WorkCalendar());
        QCOMPARE(plain->deadline, wall(2026, 10, 5, 10, 0));
    }

    void waitingForMaterialDoesNotCount()
    {
        Flow flow;
        QVERIFY(acceptedAt(flow, wall(2026, 3, 2, 9, 30)));
        const QDateTime before =
            StageClocks::current(flow.file(), CategoryTree(), WorkCalendar())->deadline;
        QCOMPARE(before, wall(2026, 3, 5, 9, 30));

        ActionRequest ask =
            at(flow.request(HANDLER, CaseAction::RequestSupplement), wall(2026, 3, 2, 10, 0));
        ask.reason = QStringLiteral("Photo needed");
        QVERIFY(flow.apply(ask));
        const auto paused = StageClocks::current(flow.file(), CategoryTree(), WorkCalendar());
        QVERIFY(paused->suspended);

        // 10:00–12:00 and 13:30–14:00: two and a half working hours of waiting.
        QVERIFY(flow.apply(
            at(flow.request(OPERATOR, CaseAction::ProvideSupplement), wall(2026, 3, 2, 14, 0))));
        const auto resumed = StageClocks::current(flow.file(), CategoryTree(), WorkCalendar());
        QVERIFY(!resumed->suspended);
        QCOMPARE(resumed->deadline, wall(2026, 3, 5, 12, 0));
    }

    void approvedExtensionsAddTime()
    {
        Flow flow;
        QVERIFY(acceptedAt(flow, wall(2026, 3, 2, 9, 30)));
        ActionRequest ask =
            at(flow.request(HANDLER, CaseAction::RequestExtension), wall(2026, 3, 3, 9, 0));
        ask.reason = QStringLiteral("Parts on order");
        ask.data.insert(QStringLiteral("limit"), QStringLiteral("2d"));
        QVERIFY(flow.apply(ask));
        QCOMPARE(StageClocks::current(flow.file(), CategoryTree(), WorkCalendar())->deadline,
            wall(2026, 3, 5, 9, 30));

        QVERIFY(flow.apply(
            at(flow.request(LEADER, CaseAction::ApproveExtension), wall(2026, 3, 3, 10, 0))));
        QCOMPARE(StageClocks::current(flow.file(), CategoryTree(), WorkCalendar())->deadline,
            wall(2026, 3, 9, 9, 30));
    }

    void promisedCasesRunToThePromise()
    {
        Flow flow;
        QVERIFY(flow.apply(OPERATOR, CaseAction::Report));
        QVERIFY(flow.apply(OPERATOR, CaseAction::Register));
        ActionRequest promise = flow.request(OPERATOR, CaseAction::Promise);
        promise.data.insert(QStringLiteral("promised_at"), QStringLiteral("2026-03-20T17:00:00"));
        QVERIFY(flow.apply(promise));
        QVERIFY(flow.apply(flow.withUnit(OPERATOR, CaseAction::Dispatch, "sanitation")));
        QVERIFY(flow.apply(HANDLER, CaseAction::Accept));
        QCOMPARE(StageClocks::current(flow.file(), CategoryTree(), WorkCalendar())->deadline,
            wall(2026, 3, 20, 17, 0));
    }

    void historyMarksLateStages()
    {
        Flow flow;
        QVERIFY(flow.apply(at(flow.request(OPERATOR, CaseAction::Report), wall(2026, 3, 2, 9, 0))));
        // Registered three working hours later, against a limit of one.
        QVERIFY(
            flow.apply(at(flow.request(OPERATOR, CaseAction::Register), wall(2026, 3, 2, 14, 30))));
        QVERIFY(flow.apply(at(flow.withUnit(OPERATOR, CaseAction::Dispatch, "sanitation"),
            wall(2026, 3, 2, 14, 40))));

        const QList<StageClock> history =
            StageClocks::history(flow.file(), CategoryTree(), WorkCalendar());
        QCOMPARE(history.size(), 3);
        QCOMPARE(history.at(0).stage, Stage::Register);
        QVERIFY(history.at(0).endedLate());
        QCOMPARE(history.at(1).stage, Stage::Dispatch);
        QVERIFY(!history.at(1).endedLate());
        QCOMPARE(history.at(2).stage, Stage::Accept);
        QVERIFY(!history.at(2).ended.isValid());
    }

    void finishedCasesHaveNoClock()
    {
        Flow flow;
        QVERIFY(flow.apply(OPERATOR, CaseAction::Report));
        ActionRequest reject = flow.request(OPERATOR, CaseAction::Reject);
        reject.reason = QStringLiteral("Not a city matter");
        QVERIFY(flow.apply(reject));
        QVERIFY(!StageClocks::current(flow.file(), CategoryTree(), WorkCalendar()));
    }
};

GRIDDESK_TEST_MAIN(TestStageClock, QCoreApplication)
#include "tst_stageclock.moc"
