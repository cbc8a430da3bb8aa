// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/caserecord.h"
#include "workflow/workflowengine.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace GridDesk {

/// What a hotline export says about a case's course beyond the case record: how it came in,
/// who worked on it, when and with what result.
struct FeedCourse
{
    QString channel; ///< how it was reported ("Call", "Mobile App", "PHONE"); may be empty
    QString crew; ///< the crew the agency gave it to; may be empty
    CaseTime serviced; ///< when the unit reported its work done; invalid when not given
    QString result; ///< what the unit did, in the feed's words; may be empty
    CaseTime due; ///< when the agency meant to be done; invalid when not given
    /// The row the case came from, as an intake channel keeps it with the report event (file,
    /// time received, the row's fields); empty when the import does not keep rows.
    QJsonObject intake;
};

/// How a feed's status ends a case's history.
enum class FeedOutcome {
    Open, ///< waiting for the agency: the history stops at the dispatch
    Assigned, ///< the agency or a crew took it: the history stops at the acceptance
    Closed, ///< handled and closed: fed back, then verified
    Referred, ///< handed on to someone outside the city: closed with that as its result
    Cancelled, ///< withdrawn: cancelled with the feed's status as the reason
};

/// Rebuilds case histories from the timestamps of hotline exports: reported and registered
/// when created, dispatched to the agency, accepted by its crew, fed back when serviced,
/// verified when closed, or cancelled. Events never go back in time: one whose feed time
/// lies before the event it follows takes that event's time and keeps its own in data
/// "feed_time"; one for which the feed gives no time is marked "time_unknown".
class HistoryBuilder
{
public:
    /// source names the feed ("la311") and makes the import actor ("import: la311"); now is
    /// the time given to a report whose feed has no time at all.
    HistoryBuilder(const QString &source, const CaseTime &now);

    /// The actions, in order, that take the case from its report to where the feed leaves
    /// it. Dispatches go to the unit coded as the record's agency (unitFor()); crews act for
    /// the unit crewUnitFor() names.
    QList<ActionRequest> build(const CaseRecord &record, const FeedCourse &course) const;

    /// The user the import acts as.
    QString actor() const { return m_actor; }

    /// How status (matched without regard to case: "Closed", "Cancelled", "Referred Out",
    /// "Pending" …) ends the history; an unknown or empty status is closed when the feed
    /// gives a closing time and open otherwise.
    static FeedOutcome outcome(const QString &status, bool closedKnown, bool hasCrew);

    /// The org unit that handles a case of agency: the agency's own text, or UNASSIGNED_UNIT
    /// when the feed names none.
    static QString unitFor(const QString &agency);
    /// The org unit of a crew of agency ("BOS/NC"); empty when crew is empty.
    static QString crewUnitFor(const QString &agency, const QString &crew);

    /// The unit cases without an agency are dispatched to.
    static constexpr auto UNASSIGNED_UNIT = "unassigned";
    /// The unit the import verifies and cancels for: the city supervision centre.
    static constexpr auto CITY_UNIT = "city";

private:
    /// Report, register and dispatch.
    void appendOpening(
        QList<ActionRequest> &requests, const CaseRecord &record, const FeedCourse &course) const;
    /// Accept, then feed back and verify, or cancel, as far as end says.
    void appendHandling(QList<ActionRequest> &requests, const CaseRecord &record,
        const FeedCourse &course, FeedOutcome end) const;
    /// The feed's result, or a sentence saying what is known.
    static QString resultText(const CaseRecord &record, const FeedCourse &course, FeedOutcome end);

    QString m_source;
    QString m_actor;
    CaseTime m_now;
};

} // namespace GridDesk
