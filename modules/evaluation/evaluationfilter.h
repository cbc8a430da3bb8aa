// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"

#include <QDate>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace GridDesk {

/// What the cases of a report are grouped by besides the period.
enum class Grouping { None, Unit, Grid, Category, Source, Count };
/// The period each case is counted in, by the day it was reported.
enum class Period { None, Day, Week, Month, Quarter, Count };

QString groupingKey(Grouping grouping);
std::optional<Grouping> groupingFromKey(const QString &key);
/// Every grouping key but "none", joined with "|" for messages.
QString groupingKeys();
QString periodKey(Period period);
std::optional<Period> periodFromKey(const QString &key);
QString periodKeys();

/// Which cases a report counts and how it groups them. A case belongs to the report when it
/// was reported on a day from from to to (both included) and the user may see it; its
/// history counts as it stood at the end of day to, so a report made again later gives the
/// same figures.
struct EvaluationFilter
{
    std::optional<QDate> from;
    std::optional<QDate> to;
    Grouping groupBy = Grouping::None;
    Period period = Period::None;
    QString user; ///< a local user of the workspace; empty: every case, no jurisdiction

    /// Reads a day written YYYY-MM-DD; what names the option in the message.
    static Result<QDate> parseDate(const QString &text, const QString &what);
    /// Fails when from lies after to.
    Result<void> validate() const;

    /// The period key of a day: "2018-01-04", "2018-W01", "2018-01", "2018-Q1"; empty when
    /// the report is not grouped by period.
    QString periodOf(const QDate &day) const;
    /// The first wall-clock moment after the report's end, as the ISO text events are stored
    /// with; empty when the report runs to now.
    QString cutoffText() const;

    /// The last whole week (Monday to Sunday), month or quarter before the one day falls in,
    /// as its first and last day: what a periodic report counts. Day gives the day before,
    /// None day alone.
    static std::pair<QDate, QDate> periodBefore(Period period, const QDate &day);
    /// The key of the period day falls in, as periodOf() writes it for that period.
    static QString periodKeyOf(Period period, const QDate &day);

    /// The filter as it is written into every export.
    QJsonObject toJson() const;
    /// One line for people: "2018-01-01 to 2018-01-31, by unit, per month, as user chen".
    QString describe() const;
};

} // namespace GridDesk
