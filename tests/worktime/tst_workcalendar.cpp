// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "worktime/workcalendar.h"

#include "support/testsupport.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTimeZone>

#include <algorithm>

using namespace GridDesk;

Q_DECLARE_METATYPE(GridDesk::ErrorCode)

namespace {

using Periods = QList<std::pair<QTime, QTime>>;

constexpr qint64 HOUR = 3600;
constexpr qint64 DAY = 7 * HOUR; // the standard working day, 09:00–12:00 and 13:30–17:30

/// A wall time written "2026-02-13T16:00:00", as a plain local QDateTime (TZ=UTC in tests).
QDateTime at(const QString &text)
{
    const QDateTime time = QDateTime::fromString(text, Qt::ISODate);
    Q_ASSERT(time.isValid());
    return time;
}

QString text(const QDateTime &time)
{
    return time.toString(Qt::ISODate);
}

QByteArray officialCsv()
{
    QFile file(Test::dataPath(QStringLiteral("calendar/cn_holidays.csv")));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

Result<int> readCsv(WorkCalendar &calendar, const QByteArray &csv)
{
    QBuffer buffer;
    buffer.setData(csv);
    buffer.open(QIODevice::ReadOnly);
    return calendar.readCsv(buffer, QStringLiteral("test.csv"));
}

/// True when time is the end of a working second: inside a working period of a working day, or
/// at its end.
bool endsWorkingSecond(const WorkCalendar &calendar, const QDateTime &time)
{
    if (!calendar.isWorkingDay(time.date()))
        return false;
    for (const auto &[start, end] : calendar.workingHours()) {
        if (start < time.time() && time.time() <= end)
            return true;
    }
    return false;
}

/// Working seconds counted one minute at a time, for minute-aligned times.
qint64 workingSecondsByMinute(const WorkCalendar &calendar, QDateTime from, const QDateTime &to)
{
    qint64 seconds = 0;
    for (; from < to; from = from.addSecs(60)) {
        if (!calendar.isWorkingDay(from.date()))
            continue;
        for (const auto &[start, end] : calendar.workingHours()) {
            if (start <= from.time() && from.time() < end)
                seconds += 60;
        }
    }
    return seconds;
}

} // namespace

class TestWorkCalendar : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void standardCalendar()
    {
        const WorkCalendar calendar;
        const Periods hours {{QTime(9, 0), QTime(12, 0)}, {QTime(13, 30), QTime(17, 30)}};
        QCOMPARE(calendar.workingHours(), hours);
        QCOMPARE(calendar.weekend(), QList<Qt::DayOfWeek>({Qt::Saturday, Qt::Sunday}));
        QCOMPARE(calendar.workingSecondsPerDay(), DAY);
        QVERIFY(calendar.days().isEmpty());
        QVERIFY(calendar.isWorkingDay(QDate(2026, 10, 1))); // National Day, but no schedule
    }

    void isWorkingDay_data()
    {
        QTest::addColumn<QDate>("date");
        QTest::addColumn<bool>("working");
        QTest::newRow("ordinary monday") << QDate(2026, 3, 2) << true;
        QTest::newRow("ordinary saturday") << QDate(2026, 3, 7) << false;
        QTest::newRow("adjusted saturday before spring festival") << QDate(2026, 2, 14) << true;
        QTest::newRow("spring festival sunday") << QDate(2026, 2, 15) << false;
        QTest::newRow("spring festival monday") << QDate(2026, 2, 16) << false;
        QTest::newRow("spring festival saturday") << QDate(2026, 2, 21) << false;
        QTest::newRow("back to work") << QDate(2026, 2, 24) << true;
        QTest::newRow("adjusted saturday after spring festival") << QDate(2026, 2, 28) << true;
        QTest::newRow("adjusted sunday before national day") << QDate(2026, 9, 20) << true;
        QTest::newRow("national day") << QDate(2026, 10, 1) << false;
        QTest::newRow("adjusted saturday after national day") << QDate(2026, 10, 10) << true;
        QTest::newRow("new year 2025") << QDate(2025, 1, 1) << false;
        QTest::newRow("beyond the schedule") << QDate(2027, 1, 1) << true;
        QTest::newRow("before the schedule") << QDate(2024, 12, 31) << true;
        QTest::newRow("invalid date") << QDate() << false;
    }
    void isWorkingDay()
    {
        QFETCH(QDate, date);
        QFETCH(bool, working);
        QCOMPARE(WorkCalendar::china().isWorkingDay(date), working);
    }

    void chinaListsTheOfficialDays()
    {
        const WorkCalendar china = WorkCalendar::china();
        QCOMPARE(china.days().size(), 72);
        QCOMPARE(china.days(2025).size(), 33);
        QCOMPARE(china.days(2026).size(), 39);
        QVERIFY(china.days(2027).isEmpty());
        QVERIFY(std::ranges::is_sorted(
            china.days(), {}, [](const CalendarDay &day) { return day.date.toJulianDay(); }));

        const auto festival = china.day(QDate(2026, 2, 17));
        QVERIFY(festival.has_value());
        QCOMPARE(festival->kind, CalendarDayKind::Holiday);
        QCOMPARE(festival->name, QStringLiteral("春节 Spring Festival"));
        QCOMPARE(china.day(QDate(2026, 9, 20))->kind, CalendarDayKind::AdjustedWorkday);
        QVERIFY(!china.day(QDate(2026, 3, 2)).has_value());
    }

    void setAndRemoveDays()
    {
        WorkCalendar calendar;
        const QDate monday(2026, 3, 2);
        const QDate saturday(2026, 3, 7);
        calendar.setDay({saturday, CalendarDayKind::AdjustedWorkday, QStringLiteral("make-up")});
        calendar.setDay({monday, CalendarDayKind::Holiday, QStringLiteral("local holiday")});
        calendar.setDay({QDate(), CalendarDayKind::Holiday, QStringLiteral("ignored")});
        QCOMPARE(calendar.days().size(), 2);
        QCOMPARE(calendar.days().first().date, monday);
        QVERIFY(!calendar.isWorkingDay(monday));
        QVERIFY(calendar.isWorkingDay(saturday));

        calendar.setDay({monday, CalendarDayKind::AdjustedWorkday, QStringLiteral("revoked")});
        QCOMPARE(calendar.days().size(), 2);
        QCOMPARE(calendar.day(monday)->name, QStringLiteral("revoked"));

        calendar.removeDay(saturday);
        calendar.removeDay(QDate(2026, 3, 8)); // not listed: nothing happens
        QCOMPARE(calendar.days().size(), 1);
        QVERIFY(!calendar.isWorkingDay(saturday));
    }

    void setWorkingHours_data()
    {
        QTest::addColumn<Periods>("periods");
        QTest::addColumn<bool>("accepted");
        QTest::addColumn<qint64>("secondsPerDay");
        QTest::newRow("one period") << Periods {{QTime(8, 0), QTime(20, 0)}} << true << 12 * HOUR;
        QTest::newRow("touching periods")
            << Periods {{QTime(9, 0), QTime(12, 0)}, {QTime(12, 0), QTime(18, 0)}} << true
            << 9 * HOUR;
        QTest::newRow("whole day")
            << Periods {{QTime(0, 0), QTime(23, 59, 59)}} << true << 24 * HOUR - 1;
        QTest::newRow("none") << Periods {} << false << DAY;
        QTest::newRow("empty period") << Periods {{QTime(9, 0), QTime(9, 0)}} << false << DAY;
        QTest::newRow("backwards") << Periods {{QTime(17, 0), QTime(9, 0)}} << false << DAY;
        QTest::newRow("overlapping")
            << Periods {{QTime(9, 0), QTime(12, 0)}, {QTime(11, 0), QTime(14, 0)}} << false << DAY;
        QTest::newRow("unsorted") << Periods {{QTime(13, 30), QTime(17, 30)},
            {QTime(9, 0), QTime(12, 0)}}
                                  << false << DAY;
        QTest::newRow("invalid time") << Periods {{QTime(), QTime(12, 0)}} << false << DAY;
    }
    void setWorkingHours()
    {
        QFETCH(Periods, periods);
        QFETCH(bool, accepted);
        QFETCH(qint64, secondsPerDay);

        WorkCalendar calendar;
        const Periods before = calendar.workingHours();
        const auto result = calendar.setWorkingHours(periods);
        QCOMPARE(result.has_value(), accepted);
        QCOMPARE(calendar.workingHours(), accepted ? periods : before);
        QCOMPARE(calendar.workingSecondsPerDay(), secondsPerDay);
        if (!accepted)
            QCOMPARE(result.error().code, ErrorCode::InvalidArgument);
    }

    void addWorkingSeconds_data()
    {
        QTest::addColumn<QString>("start");
        QTest::addColumn<qint64>("seconds");
        QTest::addColumn<QString>("expected");
        // Ordinary weeks.
        QTest::newRow("across the lunch break")
            << "2026-03-02T11:30:00" << HOUR << "2026-03-02T14:00:00";
        QTest::newRow("start in the lunch break")
            << "2026-03-02T12:30:00" << HOUR << "2026-03-02T14:30:00";
        QTest::newRow("start before opening")
            << "2026-03-02T07:00:00" << HOUR << "2026-03-02T10:00:00";
        QTest::newRow("start after closing")
            << "2026-03-02T18:00:00" << HOUR << "2026-03-03T10:00:00";
        QTest::newRow("friday evening to monday")
            << "2026-03-06T18:00:00" << HOUR << "2026-03-09T10:00:00";
        QTest::newRow("start on a sunday")
            << "2026-03-08T10:00:00" << HOUR << "2026-03-09T10:00:00";
        QTest::newRow("lands at noon, not after lunch")
            << "2026-03-02T09:00:00" << 3 * HOUR << "2026-03-02T12:00:00";
        QTest::newRow("lands at closing, not next morning")
            << "2026-03-02T09:00:00" << DAY << "2026-03-02T17:30:00";
        QTest::newRow("start at noon") << "2026-03-02T12:00:00" << 1LL << "2026-03-02T13:30:01";
        QTest::newRow("start at closing") << "2026-03-02T17:30:00" << 1LL << "2026-03-03T09:00:01";
        QTest::newRow("last second of the day")
            << "2026-03-02T17:29:59" << 1LL << "2026-03-02T17:30:00";
        QTest::newRow("zero seconds stay put")
            << "2026-02-18T10:00:00" << 0LL << "2026-02-18T10:00:00";
        // The 2026 schedule.
        QTest::newRow("3 days before spring festival end after it")
            << "2026-02-13T16:00:00" << 3 * DAY << "2026-02-25T16:00:00";
        QTest::newRow("start on a spring festival holiday")
            << "2026-02-18T10:00:00" << HOUR << "2026-02-24T10:00:00";
        QTest::newRow("adjusted saturday before spring festival counts")
            << "2026-02-13T17:00:00" << 2 * HOUR << "2026-02-14T10:30:00";
        QTest::newRow("adjusted saturday after spring festival counts")
            << "2026-02-27T17:00:00" << 2 * HOUR << "2026-02-28T10:30:00";
        QTest::newRow("3 days over national day land at closing")
            << "2026-09-30T09:00:00" << 3 * DAY << "2026-10-09T17:30:00";
        QTest::newRow("adjusted sunday before mid-autumn counts")
            << "2026-09-19T10:00:00" << HOUR << "2026-09-20T10:00:00";
        QTest::newRow("mid-autumn long weekend")
            << "2026-09-24T17:00:00" << HOUR << "2026-09-28T09:30:00";
        QTest::newRow("adjusted saturday after national day counts")
            << "2026-10-09T17:00:00" << DAY << "2026-10-10T17:00:00";
        QTest::newRow("new year into the adjusted sunday")
            << "2025-12-31T17:00:00" << HOUR << "2026-01-04T09:30:00";
        // Long spans (checked against a day-by-day count of the schedule).
        QTest::newRow("all of 2026") << "2026-01-01T00:00:00" << 248 * DAY << "2026-12-31T17:30:00";
        QTest::newRow("200 working days")
            << "2026-01-05T09:00:00" << 200 * DAY << "2026-10-27T17:30:00";
        QTest::newRow("100 days beyond the schedule")
            << "2027-01-01T09:00:00" << 100 * DAY << "2027-05-20T17:30:00";
        QTest::newRow("1000 days into and beyond the schedule")
            << "2025-01-02T09:00:00" << 1000 * DAY << "2028-12-06T17:30:00";
    }
    void addWorkingSeconds()
    {
        QFETCH(QString, start);
        QFETCH(qint64, seconds);
        QFETCH(QString, expected);

        const WorkCalendar china = WorkCalendar::china();
        const QDateTime end = china.addWorkingSeconds(at(start), seconds);
        QCOMPARE(text(end), expected);
        QCOMPARE(china.workingSecondsBetween(at(start), end), seconds);
    }

    void workingSecondsBetween_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<qint64>("seconds");
        QTest::newRow("same day across lunch") << "2026-03-02T11:00:00"
                                               << "2026-03-02T14:00:00" << HOUR + HOUR / 2;
        QTest::newRow("equal") << "2026-03-02T11:00:00"
                               << "2026-03-02T11:00:00" << 0LL;
        QTest::newRow("backwards") << "2026-03-03T11:00:00"
                                   << "2026-03-02T11:00:00" << 0LL;
        QTest::newRow("over a weekend") << "2026-03-06T17:00:00"
                                        << "2026-03-09T09:30:00" << HOUR;
        QTest::newRow("inside national day") << "2026-10-02T10:00:00"
                                             << "2026-10-05T10:00:00" << 0LL;
        QTest::newRow("over spring festival") << "2026-02-13T09:00:00"
                                              << "2026-02-24T09:00:00" << 2 * DAY;
        QTest::newRow("all of 2025") << "2025-01-01T00:00:00"
                                     << "2026-01-01T00:00:00" << 248 * DAY;
        QTest::newRow("all of 2026") << "2026-01-01T00:00:00"
                                     << "2027-01-01T00:00:00" << 248 * DAY;
        QTest::newRow("an ordinary year") << "2027-01-01T00:00:00"
                                          << "2028-01-01T00:00:00" << 261 * DAY;
    }
    void workingSecondsBetween()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(qint64, seconds);
        QCOMPARE(WorkCalendar::china().workingSecondsBetween(at(from), at(to)), seconds);
    }

    void betweenIsTheInverseOfAdd()
    {
        const WorkCalendar china = WorkCalendar::china();
        QRandomGenerator random(20260214);
        const QDateTime origin = at(QStringLiteral("2024-12-01T00:00:00"));
        for (int sample = 0; sample < 5000; ++sample) {
            const QDateTime start = origin.addSecs(random.bounded(qint64(800) * 24 * HOUR));
            const qint64 seconds = 1 + random.bounded(40 * DAY);
            const QDateTime end = china.addWorkingSeconds(start, seconds);
            const QByteArray where =
                (text(start) + QStringLiteral(" + %1 s").arg(seconds)).toUtf8();
            QVERIFY2(end > start, where.constData());
            QVERIFY2(endsWorkingSecond(china, end), where.constData());
            QVERIFY2(china.workingSecondsBetween(start, end) == seconds, where.constData());

            // And the other way round: all working time up to some moment is used up before it.
            const QDateTime later = start.addSecs(random.bounded(60 * 24 * HOUR));
            const qint64 between = china.workingSecondsBetween(start, later);
            if (between == 0)
                continue;
            const QDateTime reached = china.addWorkingSeconds(start, between);
            QVERIFY2(reached <= later, where.constData());
            QVERIFY2(china.workingSecondsBetween(reached, later) == 0, where.constData());
        }
    }

    void betweenMatchesMinuteByMinuteCount()
    {
        const WorkCalendar china = WorkCalendar::china();
        QRandomGenerator random(20261001);
        const QDateTime origin = at(QStringLiteral("2025-01-01T00:00:00"));
        for (int sample = 0; sample < 100; ++sample) {
            const QDateTime from = origin.addSecs(60 * random.bounded(700 * 24 * 60));
            const QDateTime to = from.addSecs(60 * random.bounded(9 * 24 * 60));
            QVERIFY2(
                china.workingSecondsBetween(from, to) == workingSecondsByMinute(china, from, to),
                qPrintable(text(from) + QStringLiteral(" to ") + text(to)));
        }
    }

    void otherWeekendsAndHours()
    {
        WorkCalendar calendar;
        QVERIFY(calendar.setWorkingHours({{QTime(8, 0), QTime(20, 0)}}));
        calendar.setWeekend({Qt::Saturday, Qt::Friday, Qt::Friday});
        QCOMPARE(calendar.weekend(), QList<Qt::DayOfWeek>({Qt::Friday, Qt::Saturday}));
        QVERIFY(calendar.isWorkingDay(QDate(2026, 3, 8))); // a Sunday

        const QDateTime thursdayEvening = at(QStringLiteral("2026-03-05T19:00:00"));
        QCOMPARE(text(calendar.addWorkingSeconds(thursdayEvening, 2 * HOUR)),
            QStringLiteral("2026-03-08T09:00:00"));
        QCOMPARE(calendar.workingSecondsBetween(
                     thursdayEvening, at(QStringLiteral("2026-03-09T00:00:00"))),
            13 * HOUR);
    }

    void weekendOfSevenDays()
    {
        WorkCalendar calendar;
        calendar.setWeekend({Qt::Monday, Qt::Tuesday, Qt::Wednesday, Qt::Thursday, Qt::Friday,
            Qt::Saturday, Qt::Sunday});
        const QDateTime start = at(QStringLiteral("2026-03-01T10:00:00"));
        QVERIFY(!calendar.addWorkingSeconds(start, 1).isValid());

        calendar.setDay({QDate(2026, 3, 10), CalendarDayKind::AdjustedWorkday, {}});
        QCOMPARE(
            text(calendar.addWorkingSeconds(start, HOUR)), QStringLiteral("2026-03-10T10:00:00"));
        QVERIFY(!calendar.addWorkingSeconds(start, DAY + 1).isValid());
        QCOMPARE(
            calendar.workingSecondsBetween(start, at(QStringLiteral("2027-01-01T00:00:00"))), DAY);
    }

    void deadline_data()
    {
        QTest::addColumn<QString>("start");
        QTest::addColumn<QString>("limit");
        QTest::addColumn<QString>("expected");
        QTest::newRow("working hours overnight") << "2026-03-02T15:00:00"
                                                 << "4h"
                                                 << "2026-03-03T10:30:00";
        QTest::newRow("half a working day") << "2026-03-02T13:30:00"
                                            << "0.5d"
                                            << "2026-03-02T17:00:00";
        QTest::newRow("one and a half working days") << "2026-03-02T09:00:00"
                                                     << "1.5d"
                                                     << "2026-03-03T14:00:00";
        QTest::newRow("3 working days over spring festival") << "2026-02-13T16:00:00"
                                                             << "3d"
                                                             << "2026-02-25T16:00:00";
        QTest::newRow("calendar hours ignore the holidays") << "2026-02-14T10:00:00"
                                                            << "48ch"
                                                            << "2026-02-16T10:00:00";
        QTest::newRow("calendar hours ignore the working hours") << "2026-02-18T23:00:00"
                                                                 << "1.5ch"
                                                                 << "2026-02-19T00:30:00";
        QTest::newRow("calendar hours over a weekend night") << "2026-03-06T18:00:00"
                                                             << "0.25ch"
                                                             << "2026-03-06T18:15:00";
    }
    void deadline()
    {
        QFETCH(QString, start);
        QFETCH(QString, limit);
        QFETCH(QString, expected);
        const auto parsed = TimeLimit::parse(limit);
        QVERIFY2(parsed, Test::why(parsed));
        QCOMPARE(text(WorkCalendar::china().deadline(at(start), *parsed)), expected);
    }

    void noDeadlineWithoutALimit()
    {
        const WorkCalendar calendar;
        const QDateTime start = at(QStringLiteral("2026-03-02T09:00:00"));
        QVERIFY(!calendar.deadline(start, TimeLimit {}).isValid());
        QVERIFY(!calendar.deadline(start, {-2, TimeLimit::Unit::WorkingDays}).isValid());
        QVERIFY(!calendar.deadline(QDateTime(), {2, TimeLimit::Unit::WorkingDays}).isValid());
        QVERIFY(!calendar.deadline(start, {1e300, TimeLimit::Unit::CalendarHours}).isValid());
    }

    void resultsKeepTheTimeSpec_data()
    {
        QTest::addColumn<QDateTime>("start");
        const QDate monday(2026, 3, 2);
        const QTime morning(11, 30);
        QTest::newRow("local") << QDateTime(monday, morning, Qt::LocalTime);
        QTest::newRow("utc") << QDateTime(monday, morning, Qt::UTC);
        QTest::newRow("beijing offset") << QDateTime(monday, morning, Qt::OffsetFromUTC, 8 * 3600);
        QTest::newRow("new york offset")
            << QDateTime(monday, morning, Qt::OffsetFromUTC, -5 * 3600);
        QTest::newRow("shanghai zone")
            << QDateTime(monday, morning, QTimeZone(QByteArrayLiteral("Asia/Shanghai")));
    }
    void resultsKeepTheTimeSpec()
    {
        QFETCH(QDateTime, start);
        const WorkCalendar calendar;
        for (const TimeLimit &limit : {TimeLimit {1, TimeLimit::Unit::WorkingHours},
                 TimeLimit {1, TimeLimit::Unit::CalendarHours}}) {
            const QDateTime end = calendar.deadline(start, limit);
            QCOMPARE(end.timeSpec(), start.timeSpec());
            QCOMPARE(end.offsetFromUtc(), start.offsetFromUtc());
            QCOMPARE(end.timeZone(), start.timeZone());
            QCOMPARE(end.date(), start.date());
        }
        QCOMPARE(calendar.addWorkingSeconds(start, HOUR).time(), QTime(14, 0));
        QCOMPARE(calendar.workingSecondsBetween(start, start.addSecs(3 * HOUR)), HOUR + HOUR / 2);
    }

    void longLimitsAreCheap()
    {
        // A queue computes one deadline per case; a loop per working second would take hours.
        const WorkCalendar china = WorkCalendar::china();
        const QDateTime start = at(QStringLiteral("2025-01-02T10:00:00"));
        QElapsedTimer timer;
        timer.start();
        qint64 total = 0;
        for (int i = 0; i < 100'000; ++i)
            total +=
                china.deadline(start.addSecs(i), {200, TimeLimit::Unit::WorkingDays}).date().day();
        QVERIFY(total > 0);
        QVERIFY2(timer.elapsed() < 20'000, qPrintable(QString::number(timer.elapsed())));
    }

    // The holiday schedule file.

    void readsTheOfficialSchedule()
    {
        const QByteArray csv = officialCsv();
        QVERIFY(!csv.isEmpty());
        WorkCalendar calendar;
        const auto read = readCsv(calendar, csv);
        QVERIFY2(read, Test::why(read));
        QCOMPARE(*read, 72);
        QCOMPARE(calendar.days(), WorkCalendar::china().days());
    }

    void writesTheOfficialSchedule()
    {
        const QByteArray csv = officialCsv();
        QCOMPARE(WorkCalendar::china().toCsv(), csv);

        QByteArray only2026 = "date,kind,name,year\r\n";
        for (const QByteArray &line : csv.split('\n')) {
            if (line.startsWith("2026-"))
                only2026 += line + '\n';
        }
        QCOMPARE(WorkCalendar::china().toCsv(2026), only2026);
        QCOMPARE(WorkCalendar::china().toCsv(2030), QByteArray("date,kind,name,year\r\n"));
    }

    void csvRoundTrip()
    {
        WorkCalendar calendar;
        calendar.setDay(
            {QDate(2026, 5, 1), CalendarDayKind::Holiday, QStringLiteral("劳动节, \"May Day\"")});
        calendar.setDay({QDate(2026, 4, 26), CalendarDayKind::AdjustedWorkday, {}});
        calendar.setDay(
            {QDate(2025, 12, 31), CalendarDayKind::Holiday, QStringLiteral("元旦 New Year's Eve")});

        WorkCalendar copy;
        const auto read = readCsv(copy, calendar.toCsv());
        QVERIFY2(read, Test::why(read));
        QCOMPARE(*read, 3);
        QCOMPARE(copy.days(), calendar.days());
    }

    void csvVariantsAreRead_data()
    {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<int>("count");
        QTest::newRow("byte order mark")
            << QByteArray("\xEF\xBB\xBF"
                          "date,kind,name,year\r\n2026-02-14,workday,春节,2026\r\n")
            << 1;
        QTest::newRow("unix line ends and blank lines") << QByteArray(
            "date,kind,name,year\n\n2026-02-14,workday,x,2026\n  \n"
            "2026-02-15,holiday,x,2026\n\n") << 2;
        QTest::newRow("columns in another order")
            << QByteArray("name,year,date,kind\nx,2026,2026-02-14,workday\n") << 1;
        QTest::newRow("quoted name with a comma")
            << QByteArray("date,kind,name,year\n2026-10-01,holiday,\"国庆节, National Day\",2026\n")
            << 1;
        QTest::newRow("december day of next year's new year")
            << QByteArray("date,kind,name,year\n2018-12-29,workday,元旦,2019\n") << 1;
        QTest::newRow("header only") << QByteArray("date,kind,name,year\r\n") << 0;
    }
    void csvVariantsAreRead()
    {
        QFETCH(QByteArray, csv);
        QFETCH(int, count);
        WorkCalendar calendar;
        const auto read = readCsv(calendar, csv);
        QVERIFY2(read, Test::why(read));
        QCOMPARE(*read, count);
        QCOMPARE(calendar.days().size(), count);
    }

    void csvErrorsNameTheLine_data()
    {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("what");
        QTest::addColumn<ErrorCode>("code");
        const auto add = [](const char *tag, const QByteArray &csv, int line, const char *what,
                             ErrorCode code) {
            QTest::newRow(tag) << csv << line << QString::fromUtf8(what) << code;
        };
        const QByteArray header = "date,kind,name,year\r\n";
        const QByteArray good = "2026-02-14,workday,春节,2026\r\n";
        using enum ErrorCode;

        add("header missing", good + good, 1, "header date,kind,name,year", MissingField);
        add("column missing", "date,kind,name\r\n2026-02-14,workday,春节\r\n", 1, "\"year\"",
            MissingField);
        add("impossible date", header + good + "2026-02-30,holiday,x,2026\r\n", 3, "\"2026-02-30\"",
            InvalidRow);
        add("slashed date", header + "2026/02/14,workday,x,2026\r\n", 2, "\"2026/02/14\"",
            InvalidRow);
        add("unknown kind", header + good + "2026-02-15,vacation,春节,2026\r\n", 3, "\"vacation\"",
            InvalidRow);
        add("year of another date", header + "2026-02-14,workday,x,2025\r\n", 2,
            "says 2025, but 2026-02-14 is in 2026", InvalidRow);
        add("year not a number", header + "2026-02-14,workday,x,twenty\r\n", 2, "\"twenty\"",
            InvalidRow);
        add("missing field", header + "2026-02-14,workday,2026\r\n", 2, "3 fields", InvalidRow);
        add("unquoted comma in a name", header + "2026-10-01,holiday,国庆节, National Day,2026\r\n",
            2, "5 fields", InvalidRow);
        add("unclosed quote", header + "2026-10-01,holiday,\"国庆节,2026\r\n", 2, "quote",
            InvalidRow);
        add("date twice", header + good + good, 3, "first on line 2", InvalidRow);
        add("blank lines are counted", header + "\r\n\r\n2026-13-01,holiday,x,2026\r\n", 4,
            "\"2026-13-01\"", InvalidRow);
    }
    void csvErrorsNameTheLine()
    {
        QFETCH(QByteArray, csv);
        QFETCH(int, line);
        QFETCH(QString, what);
        QFETCH(ErrorCode, code);

        WorkCalendar calendar = WorkCalendar::china();
        const auto read = readCsv(calendar, csv);
        QVERIFY(!read);
        const QString message = read.error().message;
        QVERIFY2(message.startsWith(QStringLiteral("test.csv, line %1: ").arg(line)),
            qPrintable(message));
        QVERIFY2(message.contains(what), qPrintable(message));
        QCOMPARE(read.error().code, code);
        QCOMPARE(calendar.days(), WorkCalendar::china().days()); // nothing half-read
    }

    void csvThatIsNoText()
    {
        WorkCalendar calendar;
        const auto empty = readCsv(calendar, {});
        QVERIFY(!empty);
        QVERIFY2(empty.error().message.contains(QStringLiteral("test.csv")), Test::why(empty));

        const auto latin1 =
            readCsv(calendar, "date,kind,name,year\n2026-02-14,workday,f\xEAte,2026\n");
        QVERIFY(!latin1);
        QCOMPARE(latin1.error().code, ErrorCode::UnknownEncoding);

        QBuffer closed;
        const auto unopened = calendar.readCsv(closed, QStringLiteral("closed.csv"));
        QVERIFY(!unopened);
        QCOMPARE(unopened.error().code, ErrorCode::UnreadableFile);
    }
};

GRIDDESK_TEST_MAIN(TestWorkCalendar, QCoreApplication)
#include "tst_workcalendar.moc"
