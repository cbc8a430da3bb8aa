// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "workflow/casefile.h"

#include <QDateTime>
#include <QList>
#include <QStringList>

#include <optional>

namespace GridDesk {

class CategoryTree;
class WorkCalendar;

/// How long one stage of a case lasted, from entering its state to leaving it, in seconds of
/// wall-clock time (nights and holidays included).
struct StageSpan
{
    Stage stage = Stage::Register;
    qint64 seconds = 0;
};

/// What one case's history adds up to for evaluation: the facts every indicator is counted
/// from. This is the one place the indicators' per-case rules live.
struct CaseFacts
{
    /// How soon after the report the hotline's first call to the reporter counts as first
    /// contact (clause 7.8.2.5): within the day.
    static constexpr int FIRST_CONTACT_HOURS = 24;

    qint64 caseId = 0;
    QDateTime reportedAt; ///< wall time of the report that created the case
    QString channel; ///< how it was reported: a desk channel key or the feed's own word
    bool hotline = false; ///< came in through the citizen hotline (isHotlineReport())
    QString category;
    QString gridCode;
    QString leadUnit; ///< the unit of the last dispatch; empty when never dispatched
    QStringList coUnits;

    bool registered = false; ///< registered, or closed on the spot
    bool dispatched = false;
    bool closed = false; ///< closed or evaluated
    bool closedOnTime = false; ///< closed, and no stage before the closing ended late
    bool withdrawn = false; ///< cancelled, or merged into another case
    bool mergedAway = false; ///< merged into another case as its duplicate
    bool referred = false; ///< the last feedback handed the request on to someone else
    int returns = 0; ///< times a unit returned it
    int failedVerifications = 0;
    int supervisions = 0; ///< times it was put under supervision (failed or late)
    std::optional<int> satisfaction; ///< the evaluation or return visit in force, 1 to 5
    /// The reporter was called ("contact_reporter") within FIRST_CONTACT_HOURS of the report.
    bool contactedFirst = false;
    bool patrolCredited = false; ///< found on a patrol (PatrolBook::credits())
    bool firstDiscovered = false; ///< see isFirstDiscovery()
    QList<StageSpan> stages; ///< the stages that ended, in order

    /// Registered cases that were not withdrawn: the ones that should be closed.
    bool isDueToClose() const { return registered && !withdrawn; }
    bool isRework() const { return returns > 0 || failedVerifications > 0; }

    /// The facts of file, with its stage deadlines from categories and calendar (the same
    /// clocks the queue shows). gridCode and a category the history does not name are the
    /// case row's; patrolCredited says whether a patrol was credited with finding it.
    static CaseFacts of(const CaseFile &file, const CategoryTree &categories,
        const WorkCalendar &calendar, const QString &gridCode, const QString &rowCategory,
        bool patrolCredited = false);
    /// The same for the file events make (one case's, in sequence order), replayed once.
    static CaseFacts of(const QList<CaseEvent> &events, const CategoryTree &categories,
        const WorkCalendar &calendar, const QString &gridCode, const QString &rowCategory,
        bool patrolCredited = false);

    /// The one rule of first discovery: the case was found by the city's own people before
    /// anyone reported it, because it came in through one of their channels
    /// (isFirstDiscoveryChannel()) or a patrol was credited with finding it, and it was not
    /// merged into another case as a duplicate (someone else had reported it first).
    static bool isFirstDiscovery(const QString &channel, bool patrolCredited, bool mergedAway);

    /// Whether a report through channel counts as found first by the city's own people:
    /// "grid_staff" (grid staff on their rounds), "video" (the centre's video patrol) and
    /// "Driver Self Report" (how the LA311 feed names a city crew reporting what it found on
    /// its route), matched without regard to case. Citizens' channels, IoT alarms and
    /// unknown channels do not count.
    static bool isFirstDiscoveryChannel(const QString &channel);
    static QStringList firstDiscoveryChannels();

    /// Whether report came in through the citizen hotline: its channel is "hotline" (12345 at
    /// the desk), or it was imported from a hotline's export (311 feeds), which the report
    /// records as its "source".
    static bool isHotlineReport(const CaseEvent &report);
};

} // namespace GridDesk
