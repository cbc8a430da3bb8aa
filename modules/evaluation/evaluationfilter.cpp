// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "evaluationfilter.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <array>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Evaluation)
};

constexpr std::array<const char *, std::size_t(Grouping::Count)> GROUPINGS {
    "none", "unit", "grid", "category", "source"};
constexpr std::array<const char *, std::size_t(Period::Count)> PERIODS {
    "none", "day", "week", "month", "quarter"};

template<typename Enum, std::size_t N>
std::optional<Enum> fromKey(const std::array<const char *, N> &keys, const QString &key)
{
    const QString wanted = key.trimmed().toLower();
    for (std::size_t i = 0; i < N; ++i) {
        if (wanted == QLatin1String(keys[i]))
            return Enum(i);
    }
    return std::nullopt;
}

template<std::size_t N>
QString keysWithoutNone(const std::array<const char *, N> &keys)
{
    QStringList list;
    for (std::size_t i = 1; i < N; ++i)
        list << QString::fromLatin1(keys[i]);
    return list.join(u'|');
}

/// What the cases are grouped by, in words for sentences.
QString groupingWords(Grouping grouping)
{
    switch (grouping) {
    case Grouping::Unit:
        return Tr::tr("unit");
    case Grouping::Grid:
        return Tr::tr("grid");
    case Grouping::Category:
        return Tr::tr("category");
    case Grouping::Source:
        return Tr::tr("channel");
    case Grouping::None:
    case Grouping::Count:
        break;
    }
    return {};
}

QString periodWords(Period period)
{
    switch (period) {
    case Period::Day:
        return Tr::tr("day");
    case Period::Week:
        return Tr::tr("week");
    case Period::Month:
        return Tr::tr("month");
    case Period::Quarter:
        return Tr::tr("quarter");
    case Period::None:
    case Period::Count:
        break;
    }
    return {};
}

} // namespace

QString groupingKey(Grouping grouping)
{
    return QString::fromLatin1(GROUPINGS.at(std::size_t(grouping)));
}

std::optional<Grouping> groupingFromKey(const QString &key)
{
    return fromKey<Grouping>(GROUPINGS, key);
}

QString groupingKeys()
{
    return keysWithoutNone(GROUPINGS);
}

QString periodKey(Period period)
{
    return QString::fromLatin1(PERIODS.at(std::size_t(period)));
}

std::optional<Period> periodFromKey(const QString &key)
{
    return fromKey<Period>(PERIODS, key);
}

QString periodKeys()
{
    return keysWithoutNone(PERIODS);
}

Result<QDate> EvaluationFilter::parseDate(const QString &text, const QString &what)
{
    static const QRegularExpression pattern(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    const QString trimmed = text.trimmed();
    const QDate date = QDate::fromString(trimmed, Qt::ISODate);
    if (!pattern.match(trimmed).hasMatch() || !date.isValid()) {
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("%1 \"%2\" is not a day; write it as YYYY-MM-DD, for example 2018-01-31.")
                .arg(what, text));
    }
    return date;
}

Result<void> EvaluationFilter::validate() const
{
    if (from && to && *from > *to) {
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("The period starts on %1, after it ends on %2.")
                .arg(from->toString(Qt::ISODate), to->toString(Qt::ISODate)));
    }
    return {};
}

QString EvaluationFilter::periodOf(const QDate &day) const
{
    return periodKeyOf(period, day);
}

std::pair<QDate, QDate> EvaluationFilter::periodBefore(Period period, const QDate &day)
{
    switch (period) {
    case Period::Week: {
        const QDate monday = day.addDays(1 - day.dayOfWeek());
        return {monday.addDays(-7), monday.addDays(-1)};
    }
    case Period::Month: {
        const QDate first(day.year(), day.month(), 1);
        return {first.addMonths(-1), first.addDays(-1)};
    }
    case Period::Quarter: {
        const QDate first(day.year(), (day.month() - 1) / 3 * 3 + 1, 1);
        return {first.addMonths(-3), first.addDays(-1)};
    }
    case Period::Day:
        return {day.addDays(-1), day.addDays(-1)};
    case Period::None:
    case Period::Count:
        break;
    }
    return {day, day};
}

QString EvaluationFilter::periodKeyOf(Period period, const QDate &day)
{
    switch (period) {
    case Period::Day:
        return day.toString(Qt::ISODate);
    case Period::Week: {
        int year = 0;
        const int week = day.weekNumber(&year);
        return QStringLiteral("%1-W%2").arg(year).arg(week, 2, 10, QLatin1Char('0'));
    }
    case Period::Month:
        return day.toString(QStringLiteral("yyyy-MM"));
    case Period::Quarter:
        return QStringLiteral("%1-Q%2").arg(day.year()).arg((day.month() - 1) / 3 + 1);
    case Period::None:
    case Period::Count:
        break;
    }
    return {};
}

QString EvaluationFilter::cutoffText() const
{
    if (!to)
        return {};
    return to->addDays(1).toString(Qt::ISODate) + QStringLiteral("T00:00:00");
}

QJsonObject EvaluationFilter::toJson() const
{
    auto day = [](const std::optional<QDate> &date) {
        return date ? QJsonValue(date->toString(Qt::ISODate)) : QJsonValue(QJsonValue::Null);
    };
    return QJsonObject {
        {QStringLiteral("from"), day(from)},
        {QStringLiteral("to"), day(to)},
        {QStringLiteral("by"), groupingKey(groupBy)},
        {QStringLiteral("period"), periodKey(period)},
        {QStringLiteral("user"), user.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(user)},
    };
}

QString EvaluationFilter::describe() const
{
    const QString first = from ? from->toString(Qt::ISODate) : Tr::tr("the first case");
    const QString last = to ? to->toString(Qt::ISODate) : Tr::tr("now");
    QString text = Tr::tr("Cases reported from %1 to %2").arg(first, last);
    if (groupBy != Grouping::None)
        text += Tr::tr(", by %1").arg(groupingWords(groupBy));
    if (period != Period::None)
        text += Tr::tr(", per %1").arg(periodWords(period));
    text += user.isEmpty() ? Tr::tr(", every case of the workspace (no user given)")
                           : Tr::tr(", as seen by user %1").arg(user);
    return text;
}

} // namespace GridDesk
