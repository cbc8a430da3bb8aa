// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "timelimit.h"

#include "domain/error.h"

#include <QByteArray>
#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QTime>

#include <optional>
#include <utility>

QT_BEGIN_NAMESPACE
class QIODevice;
QT_END_NAMESPACE

namespace GridDesk {

/// What a day listed in a holiday schedule does to the normal week.
enum class CalendarDayKind {
    Holiday, ///< no work, even on a weekday
    AdjustedWorkday, ///< work, even on a weekend day (a day given back for a long holiday)
};

/// One day a holiday schedule lists.
struct CalendarDay
{
    QDate date;
    CalendarDayKind kind = CalendarDayKind::Holiday;
    QString name; ///< the holiday it belongs to, e.g. "春节 Spring Festival"

    bool operator==(const CalendarDay &other) const = default;
};

/// A working-time calendar: the working periods of a day, the weekend days and the days a
/// holiday schedule makes holidays or working days. Answers when a time limit ends and how much
/// working time lies between two moments.
///
/// Times are wall-clock times: a QDateTime's time spec is only a container, its date and time
/// are read as they show, and results carry the spec (and zone or offset) of the input.
/// A value type, cheap to copy (implicitly shared lists); const members may be called from any
/// number of threads at once.
class WorkCalendar
{
public:
    /// Monday to Friday, 09:00–12:00 and 13:30–17:30, no holidays.
    WorkCalendar();

    /// The standard calendar with China's official holiday schedule (2025 and 2026) loaded
    /// from the bundled :/calendar/cn_holidays.csv.
    static WorkCalendar china();

    /// The working periods of a working day, in order; each runs from its start up to (not
    /// including) its end.
    QList<std::pair<QTime, QTime>> workingHours() const;

    /// Replaces the working periods. Fails, keeping the old ones, unless there is at least one,
    /// all times are valid, each starts before it ends, and each starts no earlier than the
    /// previous one ends.
    Result<void> setWorkingHours(const QList<std::pair<QTime, QTime>> &periods);

    /// The days of the week that are not working days unless the schedule says otherwise,
    /// in order from Monday.
    QList<Qt::DayOfWeek> weekend() const;

    /// Replaces the weekend days (Saturday and Sunday by default). A weekend of all seven days
    /// leaves only adjusted workdays to work on.
    void setWeekend(const QList<Qt::DayOfWeek> &days);

    /// Lists day in the schedule, replacing what was listed for its date. Ignores invalid dates.
    void setDay(const CalendarDay &day);

    /// Takes date out of the schedule, so it follows the normal week again.
    void removeDay(const QDate &date);

    /// Every listed day, sorted by date.
    QList<CalendarDay> days() const;

    /// The listed days whose date falls in year, sorted by date.
    QList<CalendarDay> days(int year) const;

    /// What the schedule lists for date; empty when the date follows the normal week.
    std::optional<CalendarDay> day(const QDate &date) const;

    /// True for adjusted workdays, even on the weekend; false for holidays; otherwise true
    /// unless the date falls on the weekend. False for an invalid date.
    bool isWorkingDay(const QDate &date) const;

    /// The length of all working periods of one working day, in seconds.
    qint64 workingSecondsPerDay() const;

    /// The moment seconds of working time after start. A start outside working time counts
    /// from the next working period; the result is the end of the last working second used,
    /// so a limit that uses a period up to its end gives that end, not the next period's start.
    /// Returns start for seconds <= 0, and an invalid QDateTime when start is invalid, when
    /// seconds exceeds 2^40 (some 35,000 years), or when no working day follows start (a
    /// weekend of seven days with no adjusted workday ahead).
    QDateTime addWorkingSeconds(const QDateTime &start, qint64 seconds) const;

    /// The working time from from to to, in whole seconds; 0 when to is not after from.
    /// For whole-second times, the inverse of addWorkingSeconds().
    qint64 workingSecondsBetween(const QDateTime &from, const QDateTime &to) const;

    /// When limit ends for a case started at start: WorkingHours count amount × 3600 working
    /// seconds, WorkingDays amount × workingSecondsPerDay(), CalendarHours amount × 3600
    /// seconds of the wall clock, whatever the calendar says (each rounded to a second).
    /// Returns an invalid QDateTime for an invalid start or limit, or one too long to count.
    QDateTime deadline(const QDateTime &start, const TimeLimit &limit) const;

    /// Reads a holiday schedule: UTF-8 CSV (a BOM is allowed) with the header
    /// `date,kind,name,year` (columns in any order), dates as YYYY-MM-DD, kind `holiday` or
    /// `workday`, year the year of the date (or the next year, for a December day that belongs
    /// to the next year's New Year holiday). Empty lines are skipped. The days read are added,
    /// replacing what was listed for their dates; on failure nothing is changed and the error
    /// names sourceName, the line and what is wrong with it. Returns how many days were read.
    /// The device must be open for reading.
    Result<int> readCsv(QIODevice &device, const QString &sourceName);

    /// The listed days (of year only, when given) in the format readCsv() reads, sorted by
    /// date, with CRLF line ends and no BOM; the year column is the year of each date.
    QByteArray toCsv(std::optional<int> year = {}) const;

private:
    bool isWeekend(const QDate &date) const;
    QList<CalendarDay>::const_iterator firstDayFrom(const QDate &date) const;
    bool hasAdjustedWorkdayFrom(const QDate &date) const;
    qint64 workingMsecs(qint64 from, qint64 to) const;
    qint64 workingMsecsOn(const QDate &date, qint64 from, qint64 to) const;
    qint64 landing(qint64 from, qint64 msecs) const;
    qint64 workingDaysIn(const QDate &first, const QDate &last) const;
    QDate skipWholeWeeks(const QDate &date, qint64 &remaining) const;

    QList<std::pair<QTime, QTime>> m_workingHours;
    QList<std::pair<qint64, qint64>> m_periods; // the same in ms since midnight
    qint64 m_msecsPerDay = 0;
    quint8 m_weekendMask = 0; // bit n-1 for Qt::DayOfWeek n
    int m_workingWeekdays = 0;
    QList<CalendarDay> m_days; // sorted by date, one per date
};

} // namespace GridDesk
