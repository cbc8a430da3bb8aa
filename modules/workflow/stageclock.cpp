// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "stageclock.h"

namespace GridDesk::StageClocks {

namespace {

/// Moves deadline later by span, counted the way the limit counts time.
QDateTime extend(const WorkCalendar &calendar, const QDateTime &deadline, const QDateTime &from,
    const QDateTime &to, bool workingTime)
{
    if (workingTime)
        return calendar.addWorkingSeconds(deadline, calendar.workingSecondsBetween(from, to));
    return deadline.addSecs(from.secsTo(to));
}

} // namespace

std::optional<StageClock> current(
    const CaseFile &file, const CategoryTree &categories, const WorkCalendar &calendar)
{
    if (!file.exists())
        return std::nullopt;
    const std::optional<Stage> stage = stageOf(file.state());
    if (!stage)
        return std::nullopt;

    StageClock clock;
    clock.stage = *stage;
    clock.started = file.stageStarted().wallTime();
    clock.suspended = file.isSuspended();
    const TimeLimit limit = categories.limit(file.category(), *stage);
    clock.limit = limit.toText();
    const bool workingTime = limit.unit != TimeLimit::Unit::CalendarHours;

    const bool promised = *stage == Stage::Handle && file.promisedAt();
    clock.deadline =
        promised ? file.promisedAt()->wallTime() : calendar.deadline(clock.started, limit);
    for (const QString &text : file.extensions()) {
        if (const auto extension = TimeLimit::parse(text))
            clock.deadline = calendar.deadline(clock.deadline, *extension);
    }
    // Time spent waiting for material does not count against the unit.
    for (const Pause &pause : file.pauses()) {
        if (pause.to.isValid()) {
            clock.deadline = extend(
                calendar, clock.deadline, pause.from.wallTime(), pause.to.wallTime(), workingTime);
        }
    }
    return clock;
}

QList<StageClock> history(
    const CaseFile &file, const CategoryTree &categories, const WorkCalendar &calendar)
{
    CaseFile replayed;
    return replay(file.events(), categories, calendar, replayed);
}

QList<StageClock> replay(const QList<CaseEvent> &events, const CategoryTree &categories,
    const WorkCalendar &calendar, CaseFile &file)
{
    Q_ASSERT(!file.exists());
    QList<StageClock> clocks;
    for (const CaseEvent &event : events) {
        const bool leavesState = file.exists() && event.to != file.state();
        if (leavesState) {
            if (auto clock = current(file, categories, calendar)) {
                clock->ended = event.at.wallTime();
                clocks << std::move(*clock);
            }
        }
        file.apply(event);
    }
    if (auto clock = current(file, categories, calendar))
        clocks << std::move(*clock);
    return clocks;
}

} // namespace GridDesk::StageClocks
