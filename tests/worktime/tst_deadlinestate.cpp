// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "worktime/deadlinestate.h"

#include "worktime/workcalendar.h"

#include "support/testsupport.h"

#include <QCoreApplication>

using namespace GridDesk;

Q_DECLARE_METATYPE(GridDesk::DeadlineState)

namespace {

constexpr qint64 HOUR = 3600;
constexpr double NO_FRACTION = -1;

QDateTime at(const char *text)
{
    return QDateTime::fromString(QString::fromLatin1(text), Qt::ISODate);
}

/// One moment measured against one span.
struct Row
{
    const char *start;
    const char *deadline;
    const char *now;
    QList<double> fractions;
    bool workingTime;
    DeadlineState state;
    double elapsedFraction;
    qint64 secondsLeft;
    double passedFraction; ///< NO_FRACTION when none was passed
};

// Two working days from a Monday morning: 14 working hours, due Tuesday 17:30.
constexpr const char *MONDAY = "2026-03-02T09:00:00";
constexpr const char *TUESDAY_CLOSE = "2026-03-03T17:30:00";
const QList<double> WARNINGS {0.5, 0.8};

} // namespace

Q_DECLARE_METATYPE(Row)

class TestDeadlineState : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void deadlineStatus_data()
    {
        using enum DeadlineState;
        QTest::addColumn<Row>("row");
        const auto add = [](const char *tag, const Row &row) {
            QTest::newRow(tag) << row;
        };
        add("before the start",
            {MONDAY, TUESDAY_CLOSE, "2026-03-01T10:00:00", WARNINGS, true, OnTime, 0, 14 * HOUR,
                NO_FRACTION});
        add("first morning",
            {MONDAY, TUESDAY_CLOSE, "2026-03-02T12:00:00", WARNINGS, true, OnTime, 3.0 / 14,
                11 * HOUR, NO_FRACTION});
        add("half used",
            {MONDAY, TUESDAY_CLOSE, "2026-03-03T09:00:00", WARNINGS, true, Warning, 0.5, 7 * HOUR,
                0.5});
        add("half used, at night",
            {MONDAY, TUESDAY_CLOSE, "2026-03-02T20:00:00", WARNINGS, true, Warning, 0.5, 7 * HOUR,
                0.5});
        add("eighty percent used",
            {MONDAY, TUESDAY_CLOSE, "2026-03-03T14:42:00", WARNINGS, true, Warning, 0.8, 10080,
                0.8});
        add("warnings in any order",
            {MONDAY, TUESDAY_CLOSE, "2026-03-03T14:42:00", {0.8, 0.5}, true, Warning, 0.8, 10080,
                0.8});
        add("no warnings asked for",
            {MONDAY, TUESDAY_CLOSE, "2026-03-03T14:42:00", {}, true, OnTime, 0.8, 10080,
                NO_FRACTION});
        add("at the deadline",
            {MONDAY, TUESDAY_CLOSE, TUESDAY_CLOSE, WARNINGS, true, Warning, 1, 0, 0.8});
        add("evening after the deadline",
            {MONDAY, TUESDAY_CLOSE, "2026-03-03T18:00:00", WARNINGS, true, Overdue, 1, 0, 0.8});
        add("next morning",
            {MONDAY, TUESDAY_CLOSE, "2026-03-04T10:00:00", WARNINGS, true, Overdue, 15.0 / 14,
                -HOUR, 0.8});
        add("adjusted saturday before spring festival",
            {"2026-02-13T09:00:00", "2026-02-14T17:30:00", "2026-02-14T09:00:00", WARNINGS, true,
                Warning, 0.5, 7 * HOUR, 0.5});
        add("overdue during spring festival",
            {"2026-02-13T09:00:00", "2026-02-14T17:30:00", "2026-02-20T10:00:00", WARNINGS, true,
                Overdue, 1, 0, 0.8});
        add("overdue after spring festival",
            {"2026-02-13T09:00:00", "2026-02-14T17:30:00", "2026-02-24T10:00:00", WARNINGS, true,
                Overdue, 15.0 / 14, -HOUR, 0.8});
        add("calendar hours through spring festival",
            {"2026-02-14T10:00:00", "2026-02-16T10:00:00", "2026-02-15T10:00:00", WARNINGS, false,
                Warning, 0.5, 24 * HOUR, 0.5});
        add("calendar hours overdue",
            {"2026-02-14T10:00:00", "2026-02-16T10:00:00", "2026-02-16T11:00:00", WARNINGS, false,
                Overdue, 49.0 / 48, -HOUR, 0.8});
        add("span without working time, inside it",
            {"2026-03-07T10:00:00", "2026-03-08T10:00:00", "2026-03-07T12:00:00", WARNINGS, true,
                OnTime, 0, 0, NO_FRACTION});
        add("span without working time, at its end",
            {"2026-03-07T10:00:00", "2026-03-08T10:00:00", "2026-03-08T10:00:00", WARNINGS, true,
                Warning, 1, 0, 0.8});
    }
    void deadlineStatus()
    {
        QFETCH(Row, row);
        const DeadlineStatus status = GridDesk::deadlineStatus(WorkCalendar::china(), at(row.start),
            at(row.deadline), at(row.now), row.fractions, row.workingTime);
        QCOMPARE(status.state, row.state);
        QCOMPARE(status.elapsedFraction, row.elapsedFraction);
        QCOMPARE(status.secondsLeft, row.secondsLeft);
        QCOMPARE(status.passedFraction.value_or(NO_FRACTION), row.passedFraction);
    }

    void noStateWithoutTimes_data()
    {
        QTest::addColumn<QDateTime>("start");
        QTest::addColumn<QDateTime>("deadline");
        QTest::addColumn<QDateTime>("now");
        const QDateTime monday = at(MONDAY);
        const QDateTime tuesday = at(TUESDAY_CLOSE);
        QTest::newRow("no start") << QDateTime() << tuesday << monday;
        QTest::newRow("no deadline") << monday << QDateTime() << monday;
        QTest::newRow("no now") << monday << tuesday << QDateTime();
    }
    void noStateWithoutTimes()
    {
        QFETCH(QDateTime, start);
        QFETCH(QDateTime, deadline);
        QFETCH(QDateTime, now);
        const DeadlineStatus status =
            GridDesk::deadlineStatus(WorkCalendar(), start, deadline, now, WARNINGS);
        QCOMPARE(status.state, DeadlineState::None);
        QCOMPARE(status.secondsLeft, 0);
        QVERIFY(!status.passedFraction.has_value());
    }

    void followsTheCalendarsDeadline()
    {
        // What the workflow does: a deadline from a limit, then its state as time goes by.
        const WorkCalendar china = WorkCalendar::china();
        const QDateTime start = at("2026-09-30T16:30:00");
        const QDateTime due = china.deadline(start, *TimeLimit::parse(QStringLiteral("1d")));
        QCOMPARE(due, at("2026-10-08T16:30:00"));

        const auto state = [&](const char *now) {
            return GridDesk::deadlineStatus(china, start, due, at(now), WARNINGS).state;
        };
        QCOMPARE(state("2026-09-30T17:00:00"), DeadlineState::OnTime);
        QCOMPARE(state("2026-10-05T12:00:00"), DeadlineState::OnTime); // National Day
        QCOMPARE(state("2026-10-08T13:30:00"), DeadlineState::Warning);
        QCOMPARE(state("2026-10-08T16:30:01"), DeadlineState::Overdue);
    }
};

GRIDDESK_TEST_MAIN(TestDeadlineState, QCoreApplication)
#include "tst_deadlinestate.moc"
