// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "transitions.h"

namespace GridDesk::Transitions {

namespace {

using S = CaseState;
using A = CaseAction;

bool isOpen(CaseState state)
{
    return !isFinished(state);
}

/// States in which a unit is working on the case.
bool isWithUnit(CaseState state)
{
    return state == S::Dispatched || state == S::InHandling || state == S::Supervised;
}

/// Actions that keep the state: where each is allowed.
bool allowsAside(CaseState from, CaseAction action)
{
    switch (action) {
    case A::RequestSupplement:
    case A::ProvideSupplement:
        return from == S::Reported || from == S::InHandling || from == S::Supervised;
    case A::RequestExtension:
    case A::ApproveExtension:
    case A::DenyExtension:
        return from == S::InHandling || from == S::Supervised;
    case A::Promise:
        return from == S::Registered || isWithUnit(from) || from == S::Returned;
    case A::MarkSpecial:
    case A::Absorb:
    case A::Rehome:
    case A::Recur:
        return isOpen(from);
    case A::Attach:
    case A::LinkEntry:
    case A::UnlinkEntry:
        return from != S::Merged;
    case A::ContactReporter:
        return from == S::Registered || isWithUnit(from) || from == S::Returned
            || from == S::Escalated;
    case A::ReturnVisit:
        return from == S::Closed || from == S::Evaluated;
    default:
        return false;
    }
}

} // namespace

std::optional<CaseState> target(CaseState from, CaseAction action)
{
    if (allowsAside(from, action))
        return from;

    switch (action) {
    case A::Register:
        return from == S::Reported ? std::optional(S::Registered) : std::nullopt;
    case A::Reject:
        return from == S::Reported ? std::optional(S::Rejected) : std::nullopt;
    case A::Dispatch: {
        const bool dispatchable =
            from == S::Registered || from == S::Returned || from == S::Escalated;
        return dispatchable ? std::optional(S::Dispatched) : std::nullopt;
    }
    case A::Accept:
        return from == S::Dispatched ? std::optional(S::InHandling) : std::nullopt;
    case A::Return:
        return from == S::Dispatched || from == S::InHandling ? std::optional(S::Returned)
                                                              : std::nullopt;
    case A::FeedBack:
        return from == S::InHandling || from == S::Supervised ? std::optional(S::FedBack)
                                                              : std::nullopt;
    case A::Verify:
        return from == S::FedBack ? std::optional(S::Closed) : std::nullopt;
    case A::FailVerification:
        return from == S::FedBack ? std::optional(S::Supervised) : std::nullopt;
    case A::Supervise:
        return from == S::Dispatched || from == S::InHandling ? std::optional(S::Supervised)
                                                              : std::nullopt;
    case A::Escalate:
        return from == S::Supervised ? std::optional(S::Escalated) : std::nullopt;
    case A::Evaluate:
        return from == S::Closed ? std::optional(S::Evaluated) : std::nullopt;
    case A::Reopen: {
        const bool reopenable = from == S::Closed || from == S::Evaluated || from == S::Rejected;
        return reopenable ? std::optional(S::Registered) : std::nullopt;
    }
    case A::Cancel:
        return isOpen(from) && from != S::FedBack ? std::optional(S::Cancelled) : std::nullopt;
    case A::CloseImmediately:
        return from == S::Reported || from == S::Registered ? std::optional(S::Closed)
                                                            : std::nullopt;
    case A::Merge:
        return from == S::Reported || from == S::Registered ? std::optional(S::Merged)
                                                            : std::nullopt;
    default:
        return std::nullopt;
    }
}

bool roleMay(Role role, CaseAction action)
{
    if (role == Role::System)
        return true;

    switch (action) {
    case A::Report:
    case A::Register:
    case A::Reject:
    case A::Dispatch:
    case A::Promise:
    case A::CloseImmediately:
    case A::Merge:
        return role == Role::Operator;
    case A::Accept:
    case A::Return:
    case A::FeedBack:
    case A::RequestExtension:
        return role == Role::UnitHandler;
    case A::RequestSupplement:
    case A::ProvideSupplement:
        return role == Role::Operator || role == Role::UnitHandler;
    case A::Verify:
    case A::FailVerification:
        return role == Role::Supervisor;
    case A::Supervise:
    case A::Escalate:
    case A::Reopen:
        return role == Role::Supervisor || role == Role::Leader;
    case A::ApproveExtension:
    case A::DenyExtension:
    case A::MarkSpecial:
        return role == Role::Leader;
    case A::Evaluate:
    case A::Cancel:
    case A::ReturnVisit:
        return role == Role::Operator || role == Role::Leader;
    case A::ContactReporter:
        return role == Role::Operator || role == Role::UnitHandler;
    case A::Attach:
        return true;
    case A::LinkEntry:
    case A::UnlinkEntry: // those who take reports and watch over cases
        return role == Role::Operator || role == Role::Supervisor || role == Role::Leader;
    case A::Absorb: // recorded with the merge that causes it, by whoever merged
        return role == Role::Operator;
    case A::Rehome: // only a published grid edition moves cases
    case A::Recur: // only an intake channel folds a repeated alarm
        return false;
    case A::Count:
        return false;
    }
    return false;
}

bool needsReason(CaseAction action)
{
    switch (action) {
    case A::Reject:
    case A::Return:
    case A::FailVerification:
    case A::Supervise:
    case A::Escalate:
    case A::Reopen:
    case A::Cancel:
    case A::RequestSupplement:
    case A::RequestExtension:
    case A::DenyExtension:
    case A::MarkSpecial:
        return true;
    default:
        return false;
    }
}

QList<Role> rolesFor(CaseAction action)
{
    QList<Role> roles;
    for (int role = 0; role < int(Role::System); ++role) {
        if (roleMay(Role(role), action))
            roles << Role(role);
    }
    return roles;
}

} // namespace GridDesk::Transitions
