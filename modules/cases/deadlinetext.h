// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "worktime/deadlinestate.h"

#include <QColor>
#include <QDateTime>
#include <QList>
#include <QString>

namespace GridDesk {

class WorkCalendar;

/// Where a case stands against its stage deadline, as the desk shows it: a colour, and always
/// words, so that nothing depends on telling colours apart.
struct DeadlineShown
{
    DeadlineState state = DeadlineState::None;
    bool suspended = false;
    QString text; ///< "Overdue 2 h", "Due in 3 h (80 %)", "Clock stopped"; empty: no deadline
    QString toolTip; ///< the deadline itself, as a date and time

    QColor foreground() const;
    /// Invalid when the row keeps its normal background.
    QColor background() const;
};

/// Describes the deadline of a stage that started at started, at now. Time left is counted
/// in working time when workingTime is set (as the stage's limit counts it); time past the
/// deadline on the wall clock, which is how late the case is for the person who reported it.
DeadlineShown describeDeadline(const WorkCalendar &calendar, const QList<double> &warningFractions,
    const QDateTime &started, const QDateTime &deadline, const QDateTime &now, bool suspended,
    bool workingTime = true);

/// A span of time in the largest unit that says it well: "45 min", "3 h", "2 d 4 h".
QString durationText(qint64 seconds);

} // namespace GridDesk
