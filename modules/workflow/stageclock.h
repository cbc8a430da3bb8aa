// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "casefile.h"
#include "categorytree.h"

#include "worktime/workcalendar.h"

#include <QDateTime>
#include <QList>

#include <optional>

namespace GridDesk {

/// The clock of one stage of a case: when it started, when its time runs out (with pauses
/// and approved extensions added, or the promised date for promised handling) and, for past
/// stages, when it ended. Times are wall-clock times of the city.
struct StageClock
{
    Stage stage = Stage::Register;
    QDateTime started;
    QDateTime deadline;
    QDateTime ended; ///< invalid for the current stage
    QString limit; ///< the limit that applied, as text ("3d")
    bool suspended = false; ///< the clock stands still until material arrives

    /// For an ended stage: whether it ended after its deadline.
    bool endedLate() const { return ended.isValid() && deadline.isValid() && ended > deadline; }
};

/// Stage clocks of a case, computed from its history, its category's limits and the calendar.
namespace StageClocks {

/// The clock of the stage file is in, if its state has a time limit.
std::optional<StageClock> current(
    const CaseFile &file, const CategoryTree &categories, const WorkCalendar &calendar);

/// Every stage the case has passed through, in order, the current one last.
QList<StageClock> history(
    const CaseFile &file, const CategoryTree &categories, const WorkCalendar &calendar);

/// Replays events (one case's, in sequence order) into file, which must be empty, and returns
/// what history() returns for the file they make: one replay where CaseFile::replay() and
/// history() would make two.
QList<StageClock> replay(const QList<CaseEvent> &events, const CategoryTree &categories,
    const WorkCalendar &calendar, CaseFile &file);

} // namespace StageClocks

} // namespace GridDesk
