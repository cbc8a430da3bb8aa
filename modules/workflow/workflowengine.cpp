// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "workflowengine.h"

#include "transitions.h"

#include "domain/text.h"

#include "worktime/timelimit.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <algorithm>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::WorkflowEngine)
};

QString roleList(CaseAction action)
{
    QStringList names;
    for (Role role : Transitions::rolesFor(action))
        names << roleName(role);
    return names.join(QStringLiteral(", "));
}

/// Who asked for the extension that waits for a decision.
QString pendingRequester(const CaseFile &file)
{
    for (auto event = file.events().crbegin(); event != file.events().crend(); ++event) {
        if (event->action == CaseAction::RequestExtension)
            return event->actor;
    }
    return {};
}

QString text(const ActionRequest &request, const char *key)
{
    return request.data.value(QLatin1String(key)).toString().trimmed();
}

} // namespace

WorkflowEngine::WorkflowEngine(OrgDirectory units)
    : m_units(std::move(units))
{ }

Result<CaseEvent> WorkflowEngine::decide(const CaseFile &file, const ActionRequest &request) const
{
    if (request.action == CaseAction::Report && file.exists()) {
        return fail(
            ErrorCode::NotAllowed, Tr::tr("Case %1 has already been reported.").arg(file.caseId()));
    }
    if (request.action != CaseAction::Report && !file.exists())
        return fail(ErrorCode::NotFound, Tr::tr("There is no such case."));
    if (!Transitions::roleMay(request.role, request.action)) {
        return fail(ErrorCode::Forbidden,
            Tr::tr("The %1 role may not take \"%2\"; it is for: %3.")
                .arg(roleName(request.role), caseActionName(request.action),
                    roleList(request.action)));
    }
    if (request.basedOnVersion != file.version()) {
        return fail(ErrorCode::Conflict,
            Tr::tr("Case %1 has changed since you opened it (it is at version %2, you saw "
                   "version %3). Look at it again and decide anew.")
                .arg(file.caseId())
                .arg(file.version())
                .arg(request.basedOnVersion));
    }

    const CaseState from = file.exists() ? file.state() : CaseState::Reported;
    const std::optional<CaseState> to = request.action == CaseAction::Report
        ? std::optional(CaseState::Reported)
        : Transitions::target(from, request.action);
    if (!to) {
        return fail(ErrorCode::NotAllowed,
            Tr::tr("Case %1 is %2: \"%3\" is not possible in that state.")
                .arg(file.caseId())
                .arg(caseStateName(from).toLower(), caseActionName(request.action)));
    }

    if (auto actor = checkActor(file, request); !actor)
        return std::unexpected(actor.error());
    if (auto input = checkInput(file, request); !input)
        return std::unexpected(input.error());

    CaseEvent event;
    event.caseId = file.caseId();
    event.sequence = file.version() + 1;
    event.action = request.action;
    event.actor = request.actor.trimmed();
    event.role = request.role;
    event.unit = request.actorUnit;
    event.at = request.at;
    if (file.exists())
        event.from = from;
    event.to = *to;
    event.reason = request.reason.trimmed();
    event.data = request.data;
    if (!request.unit.isEmpty())
        event.data.insert(QStringLiteral("unit"), request.unit);
    if (!request.coUnits.isEmpty())
        event.data.insert(QStringLiteral("co_units"), QJsonArray::fromStringList(request.coUnits));
    // An approval without a limit of its own grants what was asked for.
    const bool grantsRequest = request.action == CaseAction::ApproveExtension
        && text(request, "limit").isEmpty() && file.pendingExtension();
    if (grantsRequest)
        event.data.insert(QStringLiteral("limit"), *file.pendingExtension());
    // The history names the people it refers to as the org chart knew them then.
    for (const auto &[idKey, nameKey] :
        {std::pair {"handler", "handler_name"}, std::pair {"checked_by", "checked_by_name"}}) {
        const QJsonValue id = event.data.value(QLatin1String(idKey));
        if (const auto member = m_units.staffMember(id.toInteger(0)); member && !id.isUndefined())
            event.data.insert(QLatin1String(nameKey), member->name);
    }
    return event;
}

QList<CaseAction> WorkflowEngine::available(const CaseFile &file, Role role)
{
    QList<CaseAction> actions;
    if (!file.exists())
        return actions;
    for (int index = 0; index < int(CaseAction::Count); ++index) {
        const auto action = CaseAction(index);
        if (isRecordedOnly(action) || isEntryLink(action))
            continue;
        if (!Transitions::roleMay(role, action) || !Transitions::target(file.state(), action))
            continue;
        const bool suspended = file.isSuspended();
        if (action == CaseAction::RequestSupplement && suspended)
            continue;
        if (action == CaseAction::ProvideSupplement && !suspended)
            continue;
        const bool pending = file.pendingExtension().has_value();
        if (action == CaseAction::RequestExtension && pending)
            continue;
        const bool decidesExtension =
            action == CaseAction::ApproveExtension || action == CaseAction::DenyExtension;
        if (decidesExtension && !pending)
            continue;
        actions << action;
    }
    return actions;
}

Result<void> WorkflowEngine::checkActor(const CaseFile &file, const ActionRequest &request) const
{
    if (isBlankText(request.actor))
        return fail(ErrorCode::InvalidArgument, Tr::tr("Every action needs the person taking it."));
    if (!request.at.isValid())
        return fail(
            ErrorCode::InvalidArgument, Tr::tr("Every action needs the time it was taken."));
    if (file.exists() && request.at.secondsTo(file.events().last().at) > 0) {
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("The action's time %1 is before the case's last event (%2).")
                .arg(request.at.toIso(), file.events().last().at.toIso()));
    }

    // A unit acts on the cases dispatched to it, not on another unit's.
    const bool unitAction = request.role == Role::UnitHandler
        && (request.action == CaseAction::Accept || request.action == CaseAction::Return
            || request.action == CaseAction::FeedBack
            || request.action == CaseAction::RequestExtension
            || request.action == CaseAction::RequestSupplement
            || request.action == CaseAction::ProvideSupplement);
    const bool ownCase = m_units.isWithin(request.actorUnit, file.leadUnit())
        || file.coUnits().contains(request.actorUnit);
    if (unitAction && !ownCase) {
        return fail(ErrorCode::Forbidden,
            Tr::tr("Case %1 is with %2; %3 of %4 cannot act on it.")
                .arg(file.caseId())
                .arg(m_units.displayName(file.leadUnit()), request.actor,
                    m_units.displayName(request.actorUnit)));
    }

    const bool decidesExtension = request.action == CaseAction::ApproveExtension
        || request.action == CaseAction::DenyExtension;
    if (decidesExtension && request.actor.trimmed() == pendingRequester(file)) {
        return fail(ErrorCode::Forbidden,
            Tr::tr("%1 asked for this extension and cannot decide on it; another leader must.")
                .arg(request.actor.trimmed()));
    }

    const bool verifies =
        request.action == CaseAction::Verify || request.action == CaseAction::FailVerification;
    return verifies ? checkVerifier(file, request) : Result<void>();
}

Result<void> WorkflowEngine::checkVerifier(const CaseFile &file, const ActionRequest &request) const
{
    if (file.handlers().contains(request.actor.trimmed())) {
        return fail(ErrorCode::Forbidden,
            Tr::tr("%1 handled case %2 and cannot verify it; another supervisor must.")
                .arg(request.actor)
                .arg(file.caseId()));
    }
    QStringList handlingUnits = file.handlerUnits();
    handlingUnits << file.leadUnit() << file.coUnits();
    // Neither a unit that handled the case nor one above it in the same chain verifies it; the
    // top of the organisation (the city's supervision centre) is above everyone and may.
    const std::optional<OrgUnit> verifier = m_units.unit(request.actorUnit);
    const bool atTheTop = verifier && verifier->parentCode.isEmpty();
    for (const QString &unit : std::as_const(handlingUnits)) {
        const bool sameChain = m_units.isWithin(request.actorUnit, unit)
            || (!atTheTop && m_units.isWithin(unit, request.actorUnit));
        if (!unit.isEmpty() && !request.actorUnit.isEmpty() && sameChain) {
            return fail(ErrorCode::Forbidden,
                Tr::tr("Case %1 was handled by %2, which cannot verify it; the grid's "
                       "supervisor must.")
                    .arg(file.caseId())
                    .arg(m_units.displayName(unit)));
        }
    }
    return {};
}

Result<void> WorkflowEngine::checkInput(const CaseFile &file, const ActionRequest &request) const
{
    if (Transitions::needsReason(request.action) && isBlankText(request.reason)) {
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("\"%1\" needs a reason.").arg(caseActionName(request.action)));
    }

    switch (request.action) {
    case CaseAction::Dispatch:
        return checkDispatch(request);
    case CaseAction::FeedBack:
    case CaseAction::CloseImmediately:
        if (isBlankText(text(request, "result")))
            return fail(ErrorCode::InvalidArgument, Tr::tr("Say how the case was handled."));
        return {};
    case CaseAction::ContactReporter:
        if (isBlankText(text(request, "result")))
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("Say what the reporter was told and what they said."));
        return {};
    case CaseAction::Escalate:
        return checkEscalation(file, request);
    case CaseAction::Verify:
    case CaseAction::FailVerification:
        return checkOnSite(request);
    case CaseAction::Evaluate:
    case CaseAction::ReturnVisit: {
        const int satisfaction = request.data.value(QLatin1String("satisfaction")).toInt(0);
        if (satisfaction < 1 || satisfaction > 5) {
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("Satisfaction must be a whole number from 1 (very dissatisfied) to 5 "
                       "(very satisfied)."));
        }
        return {};
    }
    case CaseAction::Merge: {
        const qint64 into = request.data.value(QLatin1String("into")).toInteger(0);
        if (into <= 0)
            return fail(ErrorCode::InvalidArgument, Tr::tr("Name the case to merge into."));
        if (into == file.caseId())
            return fail(ErrorCode::InvalidArgument, Tr::tr("A case cannot be merged into itself."));
        return {};
    }
    default:
        return checkAside(file, request);
    }
}

Result<void> WorkflowEngine::checkDispatch(const ActionRequest &request) const
{
    if (request.unit.isEmpty())
        return fail(ErrorCode::InvalidArgument, Tr::tr("Choose the unit that leads the handling."));
    if (!m_units.contains(request.unit)) {
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("There is no org unit \"%1\" in this workspace.").arg(request.unit));
    }
    QStringList seen {request.unit};
    for (const QString &unit : request.coUnits) {
        if (!m_units.contains(unit)) {
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("There is no org unit \"%1\" in this workspace.").arg(unit));
        }
        if (seen.contains(unit)) {
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("%1 is named twice among the handling units.").arg(unit));
        }
        seen << unit;
    }
    for (const QString &unit : std::as_const(seen)) {
        if (m_units.unit(unit)->retired)
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("%1 is retired and takes no new cases.").arg(m_units.displayName(unit)));
    }
    if (!request.data.contains(QLatin1String("handler")))
        return {};
    const qint64 handler = request.data.value(QLatin1String("handler")).toInteger(0);
    const std::optional<StaffMember> member = m_units.staffMember(handler);
    if (!member)
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("Person %1 is not an active member of the organisation.").arg(handler));
    if (!m_units.isWithin(member->unitCode, request.unit))
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("%1 works for %2, not for the lead unit %3.")
                .arg(member->name, m_units.displayName(member->unitCode),
                    m_units.displayName(request.unit)));
    return {};
}

Result<void> WorkflowEngine::checkOnSite(const ActionRequest &request) const
{
    if (!request.data.contains(QLatin1String("checked_by")))
        return {};
    const qint64 id = request.data.value(QLatin1String("checked_by")).toInteger(0);
    if (!m_units.staffMember(id))
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("Person %1 is not an active member of the organisation.").arg(id));
    return {};
}

Result<void> WorkflowEngine::checkEscalation(
    const CaseFile &file, const ActionRequest &request) const
{
    if (request.unit.isEmpty())
        return fail(
            ErrorCode::InvalidArgument, Tr::tr("Choose the unit that takes the case over."));
    const std::optional<OrgUnit> higher = m_units.unit(request.unit);
    if (!higher) {
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("There is no org unit \"%1\" in this workspace.").arg(request.unit));
    }
    if (higher->retired)
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("%1 is retired and takes no new cases.").arg(higher->name));
    const std::optional<OrgUnit> lead = m_units.unit(file.leadUnit());
    const bool above =
        lead && higher->code != lead->code && m_units.isWithin(lead->code, higher->code);
    if (lead && !above) {
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("A case escalates to a higher tier of its own chain: %1 is not above %2.")
                .arg(higher->name, lead->name));
    }
    return {};
}

/// Input checks of the actions that keep the state.
Result<void> WorkflowEngine::checkAside(const CaseFile &file, const ActionRequest &request) const
{
    switch (request.action) {
    case CaseAction::RequestSupplement:
        if (file.isSuspended())
            return fail(ErrorCode::NotAllowed, Tr::tr("Material has already been requested."));
        return {};
    case CaseAction::ProvideSupplement:
        if (!file.isSuspended())
            return fail(ErrorCode::NotAllowed, Tr::tr("No material is waited for."));
        return {};
    case CaseAction::RequestExtension: {
        if (file.pendingExtension())
            return fail(
                ErrorCode::NotAllowed, Tr::tr("An extension is already waiting for a decision."));
        const auto limit = TimeLimit::parse(text(request, "limit"));
        if (!limit)
            return std::unexpected(limit.error());
        return {};
    }
    case CaseAction::ApproveExtension: {
        if (!file.pendingExtension())
            return fail(ErrorCode::NotAllowed, Tr::tr("No extension has been requested."));
        const QString limit = text(request, "limit");
        if (!limit.isEmpty()) {
            if (auto parsed = TimeLimit::parse(limit); !parsed)
                return std::unexpected(parsed.error());
        }
        return {};
    }
    case CaseAction::DenyExtension:
        if (!file.pendingExtension())
            return fail(ErrorCode::NotAllowed, Tr::tr("No extension has been requested."));
        return {};
    case CaseAction::Promise: {
        const auto promised = CaseTime::fromIso(text(request, "promised_at"));
        if (!promised) {
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("The promised date must be given as 2026-12-04T17:00:00."));
        }
        if (request.at.secondsTo(*promised) <= 0)
            return fail(
                ErrorCode::InvalidArgument, Tr::tr("The promised date has already passed."));
        return {};
    }
    case CaseAction::Absorb:
        if (request.data.value(QLatin1String("from")).toInteger(0) <= 0)
            return fail(ErrorCode::InvalidArgument, Tr::tr("Name the duplicate that was merged."));
        return {};
    case CaseAction::Rehome:
        // An empty grid is allowed: the new edition may leave the location outside every grid.
        if (!request.data.contains(QLatin1String("to")))
            return fail(ErrorCode::InvalidArgument, Tr::tr("Name the grid the case moves to."));
        return {};
    case CaseAction::Attach:
        if (text(request, "name").isEmpty())
            return fail(ErrorCode::InvalidArgument, Tr::tr("An attachment needs a file name."));
        return {};
    case CaseAction::LinkEntry:
    case CaseAction::UnlinkEntry: {
        const QString role = text(request, "role");
        if (text(request, "entry").isEmpty())
            return fail(ErrorCode::InvalidArgument, Tr::tr("Name the register entry."));
        if (role != QLatin1String("concerns") && role != QLatin1String("reporter"))
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("A case concerns a register entry or has it as its reporter, not \"%1\".")
                    .arg(role));
        return {};
    }
    default:
        return {};
    }
}

} // namespace GridDesk
