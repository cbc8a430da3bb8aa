// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "workcalendar.h"

#include "calendarcsv.h"
#include "logging.h"
#include "walltime.h"

#include <QCoreApplication>
#include <QFile>
#include <QIODevice>

#include <algorithm>
#include <bit>
#include <cmath>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::WorkCalendar)
};

constexpr qint64 MSECS_PER_DAY = WallTime::MSECS_PER_DAY;
// Far beyond any time limit, and far from overflowing once counted in milliseconds.
constexpr qint64 MAX_SECONDS = qint64(1) << 40;

int weekdayBit(Qt::DayOfWeek day)
{
    return 1 << (int(day) - 1);
}

/// Qt::DayOfWeek of date; QDate::dayOfWeek() asks the calendar system and costs more.
int dayOfWeek(const QDate &date)
{
    // Julian day 0 was a Monday.
    return int((date.toJulianDay() % 7 + 7) % 7) + 1;
}

bool isDayOfWeek(int day)
{
    return day >= Qt::Monday && day <= Qt::Sunday;
}

const auto BY_DATE = [](const CalendarDay &day, const QDate &date) {
    return day.date < date;
};

} // namespace

WorkCalendar::WorkCalendar()
{
    const auto standardHours =
        setWorkingHours({{QTime(9, 0), QTime(12, 0)}, {QTime(13, 30), QTime(17, 30)}});
    Q_ASSERT(standardHours);
    setWeekend({Qt::Saturday, Qt::Sunday});
}

WorkCalendar WorkCalendar::china()
{
    // Read once per process; copies share the list of days.
    static const WorkCalendar calendar = [] {
        WorkCalendar loaded;
        QFile file(QStringLiteral(":/calendar/cn_holidays.csv"));
        if (!file.open(QIODevice::ReadOnly)) {
            qCCritical(lcWorktime) << "Bundled holiday schedule missing:" << file.fileName();
            return loaded;
        }
        const auto read = loaded.readCsv(file, file.fileName());
        if (!read) {
            qCCritical(lcWorktime)
                << "Bundled holiday schedule unreadable:" << read.error().message;
        }
        return loaded;
    }();
    return calendar;
}

QList<std::pair<QTime, QTime>> WorkCalendar::workingHours() const
{
    return m_workingHours;
}

Result<void> WorkCalendar::setWorkingHours(const QList<std::pair<QTime, QTime>> &periods)
{
    if (periods.isEmpty()) {
        return fail(
            ErrorCode::InvalidArgument, Tr::tr("A working day needs at least one working period."));
    }

    QList<std::pair<qint64, qint64>> msecs;
    for (const auto &[start, end] : periods) {
        const QString text = QStringLiteral("%1–%2").arg(
            start.toString(QStringLiteral("HH:mm")), end.toString(QStringLiteral("HH:mm")));
        if (!start.isValid() || !end.isValid() || start >= end) {
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("The working period %1 does not start before it ends.").arg(text));
        }
        if (!msecs.isEmpty() && start.msecsSinceStartOfDay() < msecs.last().second) {
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("The working period %1 starts before the previous one ends.").arg(text));
        }
        msecs.append({start.msecsSinceStartOfDay(), end.msecsSinceStartOfDay()});
    }

    m_workingHours = periods;
    m_periods = msecs;
    m_msecsPerDay = workingMsecs(0, MSECS_PER_DAY);
    return {};
}

QList<Qt::DayOfWeek> WorkCalendar::weekend() const
{
    QList<Qt::DayOfWeek> days;
    for (int day = Qt::Monday; day <= Qt::Sunday; ++day) {
        if (m_weekendMask & weekdayBit(Qt::DayOfWeek(day)))
            days << Qt::DayOfWeek(day);
    }
    return days;
}

void WorkCalendar::setWeekend(const QList<Qt::DayOfWeek> &days)
{
    m_weekendMask = 0;
    for (const Qt::DayOfWeek day : days) {
        if (isDayOfWeek(day))
            m_weekendMask |= weekdayBit(day);
    }
    m_workingWeekdays = 7 - std::popcount(m_weekendMask);
}

void WorkCalendar::setDay(const CalendarDay &day)
{
    if (!day.date.isValid())
        return;

    const auto at = std::lower_bound(m_days.begin(), m_days.end(), day.date, BY_DATE);
    if (at != m_days.end() && at->date == day.date)
        *at = day;
    else
        m_days.insert(at, day);
}

void WorkCalendar::removeDay(const QDate &date)
{
    const auto at = firstDayFrom(date);
    if (at != m_days.cend() && at->date == date)
        m_days.erase(at);
}

QList<CalendarDay> WorkCalendar::days() const
{
    return m_days;
}

QList<CalendarDay> WorkCalendar::days(int year) const
{
    const auto first = firstDayFrom(QDate(year, 1, 1));
    const auto end = firstDayFrom(QDate(year + 1, 1, 1));
    return QList<CalendarDay>(first, end);
}

std::optional<CalendarDay> WorkCalendar::day(const QDate &date) const
{
    const auto at = firstDayFrom(date);
    if (at == m_days.cend() || at->date != date)
        return std::nullopt;
    return *at;
}

bool WorkCalendar::isWorkingDay(const QDate &date) const
{
    if (!date.isValid())
        return false;

    // Most dates lie outside the schedule's years; they need no search.
    const bool mayBeListed =
        !m_days.isEmpty() && m_days.first().date <= date && date <= m_days.last().date;
    if (mayBeListed) {
        const auto at = firstDayFrom(date);
        if (at->date == date)
            return at->kind == CalendarDayKind::AdjustedWorkday;
    }
    return !isWeekend(date);
}

qint64 WorkCalendar::workingSecondsPerDay() const
{
    return m_msecsPerDay / 1000;
}

QDateTime WorkCalendar::addWorkingSeconds(const QDateTime &start, qint64 seconds) const
{
    if (!start.isValid() || seconds > MAX_SECONDS)
        return {};
    if (seconds <= 0)
        return start;

    qint64 remaining = seconds * 1000;
    WallTime at = WallTime::of(start);
    for (;;) {
        if (isWorkingDay(at.date)) {
            const qint64 available = workingMsecs(at.msecs, MSECS_PER_DAY);
            if (remaining <= available)
                return WallTime {at.date, landing(at.msecs, remaining)}.toDateTime(start);
            remaining -= available;
        } else if (m_workingWeekdays == 0 && !hasAdjustedWorkdayFrom(at.date)) {
            return {};
        }

        at = WallTime {skipWholeWeeks(at.date.addDays(1), remaining), 0};
    }
}

qint64 WorkCalendar::workingSecondsBetween(const QDateTime &from, const QDateTime &to) const
{
    if (!from.isValid() || !to.isValid())
        return 0;
    const WallTime begin = WallTime::of(from);
    const WallTime end = WallTime::of(to);
    if (end <= begin)
        return 0;

    if (begin.date == end.date)
        return workingMsecsOn(begin.date, begin.msecs, end.msecs) / 1000;

    const qint64 firstDay = workingMsecsOn(begin.date, begin.msecs, MSECS_PER_DAY);
    const qint64 wholeDays = workingDaysIn(begin.date.addDays(1), end.date.addDays(-1));
    const qint64 lastDay = workingMsecsOn(end.date, 0, end.msecs);
    return (firstDay + wholeDays * m_msecsPerDay + lastDay) / 1000;
}

QDateTime WorkCalendar::deadline(const QDateTime &start, const TimeLimit &limit) const
{
    if (!start.isValid() || !limit.isValid())
        return {};

    const bool workingDays = limit.unit == TimeLimit::Unit::WorkingDays;
    const double unitSeconds = workingDays ? double(workingSecondsPerDay()) : 3600.0;
    const double seconds = std::round(limit.amount * unitSeconds);
    if (seconds > double(MAX_SECONDS))
        return {};

    if (limit.unit == TimeLimit::Unit::CalendarHours)
        return WallTime::of(start).plus(qint64(seconds) * 1000).toDateTime(start);
    return addWorkingSeconds(start, qint64(seconds));
}

Result<int> WorkCalendar::readCsv(QIODevice &device, const QString &sourceName)
{
    if (!device.isReadable()) {
        return fail(
            ErrorCode::UnreadableFile, Tr::tr("%1 is not open for reading.").arg(sourceName));
    }

    const auto read = CalendarCsv::read(device.readAll(), sourceName);
    if (!read)
        return std::unexpected(read.error());

    for (const CalendarDay &day : *read)
        setDay(day);
    qCInfo(lcWorktime) << "Read" << read->size() << "calendar days from" << sourceName;
    return int(read->size());
}

QByteArray WorkCalendar::toCsv(std::optional<int> year) const
{
    return CalendarCsv::write(year ? days(*year) : m_days);
}

bool WorkCalendar::isWeekend(const QDate &date) const
{
    return m_weekendMask & weekdayBit(Qt::DayOfWeek(dayOfWeek(date)));
}

QList<CalendarDay>::const_iterator WorkCalendar::firstDayFrom(const QDate &date) const
{
    return std::lower_bound(m_days.cbegin(), m_days.cend(), date, BY_DATE);
}

bool WorkCalendar::hasAdjustedWorkdayFrom(const QDate &date) const
{
    return std::any_of(firstDayFrom(date), m_days.cend(),
        [](const CalendarDay &day) { return day.kind == CalendarDayKind::AdjustedWorkday; });
}

/// Working milliseconds of a working day between two times of day.
qint64 WorkCalendar::workingMsecs(qint64 from, qint64 to) const
{
    qint64 total = 0;
    for (const auto &[start, end] : m_periods)
        total += std::max<qint64>(0, std::min(end, to) - std::max(start, from));
    return total;
}

qint64 WorkCalendar::workingMsecsOn(const QDate &date, qint64 from, qint64 to) const
{
    return isWorkingDay(date) ? workingMsecs(from, to) : 0;
}

/// The time of day msecs of working time after from; the end of a period rather than the
/// start of the next when the time runs out exactly there.
qint64 WorkCalendar::landing(qint64 from, qint64 msecs) const
{
    for (const auto &[start, end] : m_periods) {
        const qint64 begin = std::max(start, from);
        if (begin >= end)
            continue;
        if (msecs <= end - begin)
            return begin + msecs;
        msecs -= end - begin;
    }
    return m_periods.last().second;
}

/// Working days from first to last, both included, without visiting each day.
qint64 WorkCalendar::workingDaysIn(const QDate &first, const QDate &last) const
{
    if (last < first)
        return 0;

    const qint64 weeks = (first.daysTo(last) + 1) / 7;
    qint64 count = weeks * m_workingWeekdays;
    for (QDate date = first.addDays(weeks * 7); date <= last; date = date.addDays(1))
        count += isWeekend(date) ? 0 : 1;

    for (auto at = firstDayFrom(first); at != m_days.cend() && at->date <= last; ++at) {
        const bool weekend = isWeekend(at->date);
        if (at->kind == CalendarDayKind::Holiday && !weekend)
            --count;
        else if (at->kind == CalendarDayKind::AdjustedWorkday && weekend)
            ++count;
    }
    return count;
}

/// Jumps over whole weeks from the start of date while more than a week of working time
/// remains, counting each stretch with workingDaysIn(); the last stretch is walked day by day.
QDate WorkCalendar::skipWholeWeeks(const QDate &date, qint64 &remaining) const
{
    const qint64 weekMsecs = m_msecsPerDay * m_workingWeekdays;
    if (weekMsecs == 0)
        return date;

    QDate at = date;
    qint64 weeks = (remaining - 1) / weekMsecs;
    while (weeks > 0) {
        const qint64 msecs = workingDaysIn(at, at.addDays(7 * weeks - 1)) * m_msecsPerDay;
        // Adjusted workdays can make a stretch longer than it looks: try a shorter one.
        if (msecs >= remaining) {
            weeks /= 2;
            continue;
        }
        remaining -= msecs;
        at = at.addDays(7 * weeks);
        weeks = (remaining - 1) / weekMsecs;
    }
    return at;
}

} // namespace GridDesk
