// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "casefacts.h"

#include "workflow/categorytree.h"
#include "workflow/stageclock.h"
#include "worktime/workcalendar.h"

namespace GridDesk {

namespace {

void countAction(CaseFacts &facts, const CaseEvent &event)
{
    switch (event.action) {
    case CaseAction::Register:
    case CaseAction::CloseImmediately:
        facts.registered = true;
        break;
    case CaseAction::Dispatch:
        facts.dispatched = true;
        break;
    case CaseAction::Return:
        ++facts.returns;
        break;
    case CaseAction::FailVerification:
        ++facts.failedVerifications;
        break;
    case CaseAction::FeedBack:
        facts.referred = event.data.value(QLatin1String("referred")).toBool();
        break;
    default:
        break;
    }
}

/// On time when every stage the case went through before its closing ended by its deadline;
/// the evaluation stage after the closing does not count.
bool endedOnTime(const QList<StageClock> &clocks)
{
    for (const StageClock &clock : clocks) {
        if (clock.stage != Stage::Evaluate && clock.endedLate())
            return false;
    }
    return true;
}

/// The facts of file, whose stage clocks are clocks.
CaseFacts factsOf(const CaseFile &file, const QList<StageClock> &clocks, const QString &gridCode,
    const QString &rowCategory, bool patrolCredited)
{
    CaseFacts facts;
    facts.caseId = file.caseId();
    facts.gridCode = gridCode;
    if (!file.exists())
        return facts;

    const CaseEvent &report = file.events().constFirst();
    facts.reportedAt = report.at.wallTime();
    facts.channel = report.data.value(QLatin1String("channel")).toString();
    facts.hotline = CaseFacts::isHotlineReport(report);
    facts.category = file.category().isEmpty() ? rowCategory : file.category();
    facts.leadUnit = file.leadUnit();
    facts.coUnits = file.coUnits();

    for (const CaseEvent &event : file.events())
        countAction(facts, event);
    const CaseState state = file.state();
    facts.closed = state == CaseState::Closed || state == CaseState::Evaluated;
    facts.mergedAway = state == CaseState::Merged;
    facts.withdrawn = facts.mergedAway || state == CaseState::Cancelled;
    facts.supervisions = file.supervisions();
    facts.satisfaction = file.satisfaction();
    const CaseTime contacted = file.firstContact();
    facts.contactedFirst = contacted.isValid()
        && report.at.wallTime().secsTo(contacted.wallTime())
            <= CaseFacts::FIRST_CONTACT_HOURS * 3600;
    facts.patrolCredited = patrolCredited;
    facts.firstDiscovered =
        CaseFacts::isFirstDiscovery(facts.channel, patrolCredited, facts.mergedAway);

    for (const StageClock &clock : clocks) {
        if (clock.ended.isValid())
            facts.stages << StageSpan {clock.stage, clock.started.secsTo(clock.ended)};
    }
    facts.closedOnTime = facts.closed && endedOnTime(clocks);
    return facts;
}

} // namespace

CaseFacts CaseFacts::of(const CaseFile &file, const CategoryTree &categories,
    const WorkCalendar &calendar, const QString &gridCode, const QString &rowCategory,
    bool patrolCredited)
{
    if (!file.exists())
        return factsOf(file, {}, gridCode, rowCategory, patrolCredited);
    return factsOf(file, StageClocks::history(file, categories, calendar), gridCode, rowCategory,
        patrolCredited);
}

CaseFacts CaseFacts::of(const QList<CaseEvent> &events, const CategoryTree &categories,
    const WorkCalendar &calendar, const QString &gridCode, const QString &rowCategory,
    bool patrolCredited)
{
    CaseFile file;
    const QList<StageClock> clocks = StageClocks::replay(events, categories, calendar, file);
    return factsOf(file, clocks, gridCode, rowCategory, patrolCredited);
}

QStringList CaseFacts::firstDiscoveryChannels()
{
    return {QStringLiteral("grid_staff"), QStringLiteral("video"),
        QStringLiteral("Driver Self Report")};
}

bool CaseFacts::isFirstDiscovery(const QString &channel, bool patrolCredited, bool mergedAway)
{
    return (isFirstDiscoveryChannel(channel) || patrolCredited) && !mergedAway;
}

bool CaseFacts::isFirstDiscoveryChannel(const QString &channel)
{
    static const QStringList channels = firstDiscoveryChannels();
    return channels.contains(channel.trimmed(), Qt::CaseInsensitive);
}

bool CaseFacts::isHotlineReport(const CaseEvent &report)
{
    const bool desk =
        report.data.value(QLatin1String("channel")).toString() == QLatin1String("hotline");
    return desk || !report.data.value(QLatin1String("source")).toString().isEmpty();
}

} // namespace GridDesk
