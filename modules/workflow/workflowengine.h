// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "casefile.h"
#include "orgdirectory.h"

#include "domain/error.h"

#include <QJsonObject>
#include <QStringList>

namespace GridDesk {

/// An action someone wants to take on a case, as the desk, the command line or the server
/// received it.
struct ActionRequest
{
    CaseAction action = CaseAction::Register;
    /// The case version the person saw when deciding; a different current version is a
    /// conflict, so the same action is never applied twice. CaseBook::act() also takes
    /// CURRENT_VERSION, for callers that act on the case as it is when the action is written.
    int basedOnVersion = -1;
    static constexpr int CURRENT_VERSION = -2;
    QString actor;
    Role role = Role::Operator;
    QString actorUnit;
    CaseTime at;
    QString reason;
    QString unit; ///< dispatch: the lead unit; escalate: the unit taking the case over
    QStringList coUnits; ///< dispatch: units handling a joint case with the lead unit
    QJsonObject data; ///< "result", "satisfaction", "limit", "promised_at", "into" …
};

/// The rules of the closed loop. Pure: it reads a case file and a request and says which
/// event the request becomes, or why it is refused. Shared by the desk and the server.
class WorkflowEngine
{
public:
    explicit WorkflowEngine(OrgDirectory units);

    /// The event request becomes when applied to file, or the reason it may not be applied:
    /// NotAllowed (the state does not allow it), Forbidden (the role or person may not),
    /// Conflict (file is at another version) or InvalidArgument (a reason, unit or value is
    /// missing or wrong).
    Result<CaseEvent> decide(const CaseFile &file, const ActionRequest &request) const;

    /// The actions role may take on file in its current state, for menus and toolbars.
    /// Checks of the action's own input (reasons, units) come later, in decide().
    static QList<CaseAction> available(const CaseFile &file, Role role);

    const OrgDirectory &units() const { return m_units; }

private:
    Result<void> checkActor(const CaseFile &file, const ActionRequest &request) const;
    Result<void> checkInput(const CaseFile &file, const ActionRequest &request) const;
    Result<void> checkDispatch(const ActionRequest &request) const;
    Result<void> checkOnSite(const ActionRequest &request) const;
    Result<void> checkVerifier(const CaseFile &file, const ActionRequest &request) const;
    Result<void> checkEscalation(const CaseFile &file, const ActionRequest &request) const;
    Result<void> checkAside(const CaseFile &file, const ActionRequest &request) const;

    OrgDirectory m_units;
};

} // namespace GridDesk
