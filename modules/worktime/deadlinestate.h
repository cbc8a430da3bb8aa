// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include <QDateTime>
#include <QList>

#include <optional>

namespace GridDesk {

class WorkCalendar;

/// How a case stands against its deadline.
enum class DeadlineState {
    None, ///< no deadline to measure against (an invalid time)
    OnTime, ///< less time used than the first warning fraction
    Warning, ///< a warning fraction reached, deadline not yet passed
    Overdue, ///< the deadline has passed
};

/// Where a moment stands between a case's start and its deadline.
struct DeadlineStatus
{
    DeadlineState state = DeadlineState::None;
    /// Time used from start to now over time allowed from start to deadline: 0 before start,
    /// 1 at the deadline, above 1 once overdue.
    double elapsedFraction = 0;
    /// Time from now to the deadline in seconds; zero or negative once overdue (minus the time
    /// since the deadline, which for working time stays 0 until the next working period).
    qint64 secondsLeft = 0;
    /// The largest warning fraction elapsedFraction has reached; empty when none.
    std::optional<double> passedFraction;
};

/// Measures now against the span from start to deadline, in working seconds of calendar when
/// workingTime is true and in wall-clock seconds otherwise (for CalendarHours limits). The state
/// is Overdue when now is after the deadline, Warning when elapsedFraction has reached any of
/// warningFractions (e.g. {0.5, 0.8}), else OnTime. A span with no time in it counts as used up
/// from its deadline on. None, with the rest zero, when a time is invalid.
/// Cheap enough to run for every case of a queue: no loop over days.
DeadlineStatus deadlineStatus(const WorkCalendar &calendar, const QDateTime &start,
    const QDateTime &deadline, const QDateTime &now, const QList<double> &warningFractions,
    bool workingTime = true);

} // namespace GridDesk
