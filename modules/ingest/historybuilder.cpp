// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "historybuilder.h"

#include <QCoreApplication>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::HistoryBuilder)
};

const QString FEED_TIME = QStringLiteral("feed_time");
const QString TIME_UNKNOWN = QStringLiteral("time_unknown");

/// Appends request at feedTime; at the previous request's time when feedTime is earlier
/// (keeping feedTime in its data) or unknown (saying so in its data).
void append(QList<ActionRequest> &requests, ActionRequest request, const CaseTime &feedTime)
{
    const CaseTime previous = requests.isEmpty() ? CaseTime() : requests.last().at;
    request.at = feedTime;
    if (!feedTime.isValid()) {
        request.at = previous;
        request.data.insert(TIME_UNKNOWN, true);
    } else if (previous.isValid() && feedTime.secondsTo(previous) > 0) {
        request.at = previous;
        request.data.insert(FEED_TIME, feedTime.toIso());
    }
    requests << request;
}

ActionRequest request(CaseAction action, const QString &actor, const QString &unit)
{
    ActionRequest request;
    request.action = action;
    request.actor = actor;
    request.role = Role::System;
    request.actorUnit = unit;
    return request;
}

bool startsWithAny(const QString &status, std::initializer_list<const char *> words)
{
    for (const char *word : words) {
        if (status.startsWith(QLatin1String(word), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

/// The earliest of the times the feed gives after the creation, for a case whose creation
/// time is missing.
CaseTime earliestKnown(const CaseRecord &record, const FeedCourse &course)
{
    const CaseTime &serviced = course.serviced;
    const CaseTime &closed = record.closed;
    if (!serviced.isValid())
        return closed;
    if (!closed.isValid())
        return serviced;
    return serviced.secondsTo(closed) < 0 ? closed : serviced;
}

} // namespace

HistoryBuilder::HistoryBuilder(const QString &source, const CaseTime &now)
    : m_source(source)
    , m_actor(QStringLiteral("import: %1").arg(source))
    , m_now(now)
{ }

FeedOutcome HistoryBuilder::outcome(const QString &status, bool closedKnown, bool hasCrew)
{
    const FeedOutcome waiting = hasCrew ? FeedOutcome::Assigned : FeedOutcome::Open;
    const QString text = status.trimmed();
    if (text.contains(QLatin1String("cancel"), Qt::CaseInsensitive))
        return FeedOutcome::Cancelled;
    if (startsWithAny(text, {"referred", "forward", "transferred"}))
        return closedKnown ? FeedOutcome::Referred : waiting;
    if (startsWithAny(text, {"closed", "resolved", "completed", "done"}))
        return FeedOutcome::Closed;
    if (startsWithAny(text, {"assigned", "in progress", "started", "accepted"}))
        return FeedOutcome::Assigned;
    if (startsWithAny(text, {"open", "pending", "new", "received"}))
        return waiting;
    return closedKnown ? FeedOutcome::Closed : waiting;
}

QString HistoryBuilder::unitFor(const QString &agency)
{
    return agency.isEmpty() ? QString::fromLatin1(UNASSIGNED_UNIT) : agency;
}

QString HistoryBuilder::crewUnitFor(const QString &agency, const QString &crew)
{
    return crew.isEmpty() ? QString() : unitFor(agency) + u'/' + crew;
}

QList<ActionRequest> HistoryBuilder::build(const CaseRecord &record, const FeedCourse &course) const
{
    QList<ActionRequest> requests;
    appendOpening(requests, record, course);
    const FeedOutcome end = outcome(record.status, record.closed.isValid(), !course.crew.isEmpty());
    if (end != FeedOutcome::Open)
        appendHandling(requests, record, course, end);
    return requests;
}

void HistoryBuilder::appendOpening(
    QList<ActionRequest> &requests, const CaseRecord &record, const FeedCourse &course) const
{
    const QString city = QString::fromLatin1(CITY_UNIT);
    ActionRequest report = request(CaseAction::Report, m_actor, city);
    report.data.insert(
        QStringLiteral("channel"), course.channel.isEmpty() ? m_source : course.channel);
    report.data.insert(QStringLiteral("source"), m_source);
    if (!course.intake.isEmpty())
        report.data.insert(QStringLiteral("intake"), course.intake);
    // Without a creation time the history starts at the first time the feed does give, and
    // without any time at all at the import's.
    const CaseTime known =
        record.created.isValid() ? record.created : earliestKnown(record, course);
    append(requests, report, known.isValid() ? known : m_now);
    if (!record.created.isValid())
        requests.last().data.insert(TIME_UNKNOWN, true);

    ActionRequest registration = request(CaseAction::Register, m_actor, city);
    if (!record.category.isEmpty())
        registration.data.insert(QStringLiteral("category"), record.category);
    append(requests, registration, record.created);

    ActionRequest dispatch = request(CaseAction::Dispatch, m_actor, city);
    dispatch.unit = unitFor(record.agency);
    if (course.due.isValid())
        dispatch.data.insert(QStringLiteral("due_at"), course.due.toIso());
    append(requests, dispatch, record.created);
}

void HistoryBuilder::appendHandling(QList<ActionRequest> &requests, const CaseRecord &record,
    const FeedCourse &course, FeedOutcome end) const
{
    const bool hasCrew = !course.crew.isEmpty();
    const QString handler =
        hasCrew ? crewUnitFor(record.agency, course.crew) : unitFor(record.agency);
    // A cancelled case was accepted only if the feed says who had it.
    if (end != FeedOutcome::Cancelled || hasCrew) {
        ActionRequest accept = request(CaseAction::Accept, handler, handler);
        if (end == FeedOutcome::Assigned && !course.result.isEmpty())
            accept.data.insert(QStringLiteral("note"), course.result);
        append(requests, accept, record.created);
    }
    if (end == FeedOutcome::Assigned)
        return;

    const QString city = QString::fromLatin1(CITY_UNIT);
    if (end == FeedOutcome::Cancelled) {
        ActionRequest cancel = request(CaseAction::Cancel, m_actor, city);
        cancel.reason =
            Tr::tr("Cancelled in the %1 feed (status \"%2\").").arg(m_source, record.status);
        append(requests, cancel, record.closed);
        return;
    }

    ActionRequest feedBack = request(CaseAction::FeedBack, handler, handler);
    feedBack.data.insert(QStringLiteral("result"), resultText(record, course, end));
    if (end == FeedOutcome::Referred)
        feedBack.data.insert(QStringLiteral("referred"), true);
    append(requests, feedBack, course.serviced.isValid() ? course.serviced : record.closed);
    append(requests, request(CaseAction::Verify, m_actor, city), record.closed);
}

QString HistoryBuilder::resultText(
    const CaseRecord &record, const FeedCourse &course, FeedOutcome end)
{
    if (!course.result.isEmpty())
        return course.result;
    if (end == FeedOutcome::Referred) {
        return Tr::tr("Referred to another agency (status \"%1\" in the feed).").arg(record.status);
    }
    if (!course.crew.isEmpty()) {
        return Tr::tr("Serviced by crew %1 of %2; the feed records no result.")
            .arg(course.crew, unitFor(record.agency));
    }
    return Tr::tr("Handled by %1; the feed records no result.").arg(unitFor(record.agency));
}

} // namespace GridDesk
