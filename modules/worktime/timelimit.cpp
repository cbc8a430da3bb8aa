// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "timelimit.h"

#include <QCoreApplication>
#include <QLocale>
#include <QRegularExpression>

#include <cmath>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::WorkCalendar)
};

QString suffix(TimeLimit::Unit unit)
{
    switch (unit) {
    case TimeLimit::Unit::WorkingHours:
        return QStringLiteral("h");
    case TimeLimit::Unit::WorkingDays:
        return QStringLiteral("d");
    case TimeLimit::Unit::CalendarHours:
        return QStringLiteral("ch");
    }
    return {};
}

TimeLimit::Unit unitOf(QStringView suffix)
{
    if (suffix == u"d")
        return TimeLimit::Unit::WorkingDays;
    if (suffix == u"ch")
        return TimeLimit::Unit::CalendarHours;
    return TimeLimit::Unit::WorkingHours;
}

} // namespace

bool TimeLimit::isValid() const
{
    return std::isfinite(amount) && amount > 0;
}

QString TimeLimit::toText() const
{
    if (!isValid())
        return {};
    // Whole amounts, nearly all of them, are written as integers, which is what the shortest
    // form below gives for them, at a fraction of its cost: every stage clock writes its limit.
    constexpr double EXACT_INTEGERS = 9007199254740992.0; // 2^53
    if (amount < EXACT_INTEGERS && amount == std::trunc(amount))
        return QString::number(qint64(amount)) + suffix(unit);
    // Shortest digits that read back to the same double, never in exponent notation.
    return QString::number(amount, 'f', QLocale::FloatingPointShortest) + suffix(unit);
}

Result<TimeLimit> TimeLimit::parse(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d+(?:\\.\\d+)?)(h|d|ch)$"));
    const QRegularExpressionMatch match = pattern.match(text.trimmed());
    if (!match.hasMatch()) {
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("\"%1\" is not a time limit: write a number and a unit, h for working hours, "
                   "d for working days or ch for calendar hours (for example 4h, 1.5d or 48ch).")
                .arg(text));
    }

    const TimeLimit limit {match.captured(1).toDouble(), unitOf(match.capturedView(2))};
    if (!limit.isValid()) {
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("\"%1\" is not a time limit: the amount must be greater than zero.").arg(text));
    }
    if (limit.amount > MAX_AMOUNT) {
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("\"%1\" is too long a time limit: the amount may be at most %2.")
                .arg(text)
                .arg(MAX_AMOUNT));
    }
    return limit;
}

} // namespace GridDesk
