// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "cases/deadlinetext.h"

#include "support/testsupport.h"

#include "worktime/workcalendar.h"

#include <QGuiApplication>

using namespace GridDesk;

Q_DECLARE_METATYPE(GridDesk::DeadlineState)

class TestDeadlineText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void describes_data();
    void describes();
    void durations_data();
    void durations();
    void coloursDifferButWordsCarryTheState();
};

namespace {
QDateTime at(int day, int hour, int minute = 0)
{
    return QDateTime(QDate(2026, 3, day), QTime(hour, minute), Qt::UTC);
}
} // namespace

void TestDeadlineText::describes_data()
{
    QTest::addColumn<QDateTime>("now");
    QTest::addColumn<bool>("suspended");
    QTest::addColumn<bool>("workingTime");
    QTest::addColumn<DeadlineState>("state");
    QTest::addColumn<QString>("text");

    // A stage from Monday 09:00 to Wednesday 17:30: 21 working hours.
    QTest::newRow("fresh") << at(2, 10) << false << true << DeadlineState::OnTime
                           << QStringLiteral("Due in 20 h");
    QTest::newRow("half used") << at(3, 14, 30) << false << true << DeadlineState::Warning
                               << QStringLiteral("Due in 10 h (50 %)");
    QTest::newRow("80 % used") << at(4, 13, 30) << false << true << DeadlineState::Warning
                               << QStringLiteral("Due in 4 h (80 %)");
    QTest::newRow("last minutes") << at(4, 17, 20) << false << true << DeadlineState::Warning
                                  << QStringLiteral("Due in 10 min (80 %)");
    QTest::newRow("overdue by the wall clock")
        << at(5, 9, 30) << false << true << DeadlineState::Overdue
        << QStringLiteral("Overdue 16 h");
    QTest::newRow("overdue for days") << at(9, 20) << false << true << DeadlineState::Overdue
                                      << QStringLiteral("Overdue 5 d 2 h");
    QTest::newRow("clock stopped")
        << at(9, 20) << true << true << DeadlineState::None << QStringLiteral("Clock stopped");
    // Counted on the wall clock, Monday 10:00 leaves 2 days 7.5 hours.
    QTest::newRow("calendar hours")
        << at(2, 10) << false << false << DeadlineState::OnTime << QStringLiteral("Due in 2 d 7 h");
}

void TestDeadlineText::describes()
{
    QFETCH(QDateTime, now);
    QFETCH(bool, suspended);
    QFETCH(bool, workingTime);
    QFETCH(DeadlineState, state);
    QFETCH(QString, text);
    const DeadlineShown shown = describeDeadline(
        WorkCalendar(), {0.5, 0.8}, at(2, 9), at(4, 17, 30), now, suspended, workingTime);
    QCOMPARE(shown.state, state);
    QCOMPARE(shown.text, text);
    QCOMPARE(shown.suspended, suspended);
    QVERIFY(shown.toolTip.contains(QLatin1String("2026-03-04 17:30")));
}

void TestDeadlineText::durations_data()
{
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<QString>("text");
    QTest::newRow("under a minute") << qint64(20) << QStringLiteral("1 min");
    QTest::newRow("minutes") << qint64(45 * 60) << QStringLiteral("45 min");
    QTest::newRow("hours") << qint64(3 * 3600 + 59 * 60) << QStringLiteral("3 h");
    QTest::newRow("a day and more, in hours") << qint64(47 * 3600) << QStringLiteral("47 h");
    QTest::newRow("days and hours") << qint64(50 * 3600) << QStringLiteral("2 d 2 h");
    QTest::newRow("whole days") << qint64(3 * 86400) << QStringLiteral("3 d");
    QTest::newRow("many days") << qint64(12 * 86400 + 5 * 3600) << QStringLiteral("12 d");
    QTest::newRow("negative") << qint64(-5) << QStringLiteral("1 min");
}

void TestDeadlineText::durations()
{
    QFETCH(qint64, seconds);
    QFETCH(QString, text);
    QCOMPARE(durationText(seconds), text);
}

void TestDeadlineText::coloursDifferButWordsCarryTheState()
{
    const auto shown = [](const QDateTime &now, bool suspended) {
        return describeDeadline(
            WorkCalendar(), {0.5, 0.8}, at(2, 9), at(4, 17, 30), now, suspended);
    };
    const DeadlineShown onTime = shown(at(2, 10), false);
    const DeadlineShown warning = shown(at(4, 13, 30), false);
    const DeadlineShown overdue = shown(at(5, 9), false);
    const DeadlineShown stopped = shown(at(5, 9), true);
    QVERIFY(onTime.foreground() != warning.foreground());
    QVERIFY(warning.foreground() != overdue.foreground());
    QVERIFY(!onTime.background().isValid());
    QVERIFY(overdue.background().isValid());
    QVERIFY(stopped.background() != overdue.background());
    // The same colours never stand for two states without different words.
    QVERIFY(onTime.text.startsWith(QLatin1String("Due in")));
    QVERIFY(!onTime.text.contains(u'%'));
    QVERIFY(warning.text.contains(QLatin1String("%")));
    QVERIFY(overdue.text.startsWith(QLatin1String("Overdue")));
    QCOMPARE(describeDeadline(WorkCalendar(), {}, at(2, 9), QDateTime(), at(3, 9), false).text,
        QString());
}

GRIDDESK_TEST_MAIN(TestDeadlineText, QGuiApplication)

#include "tst_deadlinetext.moc"
