// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "deadlinestate.h"

#include "walltime.h"
#include "workcalendar.h"

#include <algorithm>

namespace GridDesk {

namespace {

std::optional<double> largestReached(const QList<double> &fractions, double elapsed)
{
    std::optional<double> reached;
    for (const double fraction : fractions) {
        if (elapsed >= fraction && (!reached || fraction > *reached))
            reached = fraction;
    }
    return reached;
}

} // namespace

DeadlineStatus deadlineStatus(const WorkCalendar &calendar, const QDateTime &start,
    const QDateTime &deadline, const QDateTime &now, const QList<double> &warningFractions,
    bool workingTime)
{
    if (!start.isValid() || !deadline.isValid() || !now.isValid())
        return {};

    // Seconds of the chosen kind from a to b, 0 when b is not after a.
    const auto measure = [&](const QDateTime &a, const QDateTime &b) -> qint64 {
        if (workingTime)
            return calendar.workingSecondsBetween(a, b);
        return std::max<qint64>(0, WallTime::of(a).msecsTo(WallTime::of(b)) / 1000);
    };
    const bool overdue = WallTime::of(now) > WallTime::of(deadline);
    const qint64 allowed = measure(start, deadline);
    const qint64 used = measure(start, now);

    DeadlineStatus status;
    if (allowed > 0)
        status.elapsedFraction = double(used) / double(allowed);
    else
        status.elapsedFraction = WallTime::of(now) >= WallTime::of(deadline) ? 1.0 : 0.0;
    status.secondsLeft = overdue ? -measure(deadline, now) : measure(now, deadline);
    status.passedFraction = largestReached(warningFractions, status.elapsedFraction);

    if (overdue)
        status.state = DeadlineState::Overdue;
    else if (status.passedFraction)
        status.state = DeadlineState::Warning;
    else
        status.state = DeadlineState::OnTime;
    return status;
}

} // namespace GridDesk
