// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "walltime.h"

namespace GridDesk {

WallTime WallTime::of(const QDateTime &dateTime)
{
    return WallTime {dateTime.date(), dateTime.time().msecsSinceStartOfDay()};
}

QDateTime WallTime::toDateTime(const QDateTime &like) const
{
    // A copy keeps the spec, zone or offset of like whichever of them it carries.
    QDateTime result = like;
    result.setDate(date);
    result.setTime(QTime::fromMSecsSinceStartOfDay(int(msecs)));
    return result;
}

WallTime WallTime::plus(qint64 msecs) const
{
    const qint64 total = this->msecs + msecs;
    qint64 days = total / MSECS_PER_DAY;
    qint64 rest = total % MSECS_PER_DAY;
    if (rest < 0) {
        rest += MSECS_PER_DAY;
        --days;
    }
    return WallTime {date.addDays(days), rest};
}

qint64 WallTime::msecsTo(const WallTime &other) const
{
    return date.daysTo(other.date) * MSECS_PER_DAY + other.msecs - msecs;
}

std::strong_ordering WallTime::operator<=>(const WallTime &other) const
{
    if (const auto byDay = date.toJulianDay() <=> other.date.toJulianDay(); byDay != 0)
        return byDay;
    return msecs <=> other.msecs;
}

} // namespace GridDesk
