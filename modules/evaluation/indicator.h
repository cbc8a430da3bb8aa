// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace GridDesk {

/// The evaluation indicators, each defined once (in CaseFacts and EvaluationGroup) and used
/// alike by the exports, the command line and any view. Counts are numbers of cases unless
/// said otherwise; rates are shares between 0 and 1 of the denominator their definition
/// names; every value keeps the ids of the cases it was counted from.
///
/// Satisfaction is the one in force on each case: its evaluation, or the return visit after it.
enum class Indicator {
    Received, ///< cases reported
    Registered, ///< cases registered, or closed on the spot (registered and closed at once)
    Dispatched, ///< cases dispatched to a unit at least once
    Closed, ///< cases closed (verified, or evaluated after closing) when the report ends
    ClosureRate, ///< closed ÷ registered cases not cancelled or merged away
    OnTimeClosureRate, ///< closed with no stage ended after its deadline ÷ closed
    ReworkRate, ///< dispatched cases returned or failing verification ÷ dispatched
    Returns, ///< returns by units (events)
    FailedVerifications, ///< failed verifications (events)
    Supervisions, ///< times cases were put under supervision (events), cases supervised
    SupervisionRate, ///< supervised cases ÷ dispatched
    FirstDiscoveryRate, ///< found by grid staff or patrols, not merged away ÷ received
    Satisfaction, ///< mean satisfaction (1 to 5) of the evaluated cases
    Evaluated, ///< closed cases with a satisfaction recorded
    HotlineReceived, ///< cases that came in through the citizen hotline
    /// dispatched hotline cases whose reporter the handling side called within
    /// CaseFacts::FIRST_CONTACT_HOURS of the report ÷ dispatched hotline cases
    HotlineFirstContactRate,
    HotlineOnTimeRate, ///< hotline cases closed on time ÷ hotline cases closed
    HotlineResolutionRate, ///< hotline cases closed by the unit itself, not referred ÷ due
    HotlineSatisfaction, ///< mean satisfaction of evaluated hotline cases
    Count
};

/// Stable key, as in exports and weight settings ("closure_rate").
QString indicatorKey(Indicator indicator);
std::optional<Indicator> indicatorFromKey(const QString &key);
/// The name for people, in the interface language.
QString indicatorName(Indicator indicator);
/// The clause of the standard the indicator answers to ("7.8.2.4").
QString indicatorClause(Indicator indicator);
/// True for shares between 0 and 1; false for counts and the satisfaction means.
bool isRate(Indicator indicator);
/// True for rates and means: values taken over a denominator of cases.
bool hasDenominator(Indicator indicator);
/// Every indicator, in order.
QList<Indicator> allIndicators();

/// The indicators a unit's composite score weighs, each turned into a score between 0 and 1
/// where 1 is best: rates of good outcomes as they are, rework and supervision rates as one
/// minus the rate, satisfaction as (mean − 1) ÷ 4.
QList<Indicator> scoredIndicators();
/// The indicator's score between 0 and 1 for value; empty when value is empty.
std::optional<double> indicatorScore(Indicator indicator, std::optional<double> value);

} // namespace GridDesk
