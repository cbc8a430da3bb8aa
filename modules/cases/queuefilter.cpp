// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "queuefilter.h"

#include <QCoreApplication>

namespace GridDesk {

namespace {

using S = CaseState;
using V = QueueView;

/// The views a case is in by its state alone, before the acting user is considered.
quint32 stateViews(CaseState state)
{
    switch (state) {
    case S::Reported:
        return QueueFilter::bit(V::ToRegister);
    case S::Registered:
    case S::Returned:
    case S::Escalated:
        return QueueFilter::bit(V::ToDispatch);
    case S::Dispatched:
    case S::InHandling:
        return QueueFilter::bit(V::InHandling);
    case S::FedBack:
        return QueueFilter::bit(V::AwaitingVerification);
    case S::Supervised:
        return QueueFilter::bit(V::Supervised);
    default:
        return 0;
    }
}

/// The states that put a case in role's inbox whatever its units.
bool inboxOf(Role role, CaseState state)
{
    switch (role) {
    case Role::Operator:
        return state == S::Reported || state == S::Registered || state == S::Returned
            || state == S::Escalated;
    case Role::Supervisor:
        return state == S::FedBack || state == S::Supervised;
    case Role::Leader:
        return state == S::Escalated || state == S::Supervised;
    default:
        return false;
    }
}

} // namespace

QString queueViewName(QueueView view)
{
    switch (view) {
    case V::MyInbox:
        return QCoreApplication::translate("GridDesk::QueueView", "My inbox");
    case V::ToRegister:
        return QCoreApplication::translate("GridDesk::QueueView", "To register");
    case V::ToDispatch:
        return QCoreApplication::translate("GridDesk::QueueView", "To dispatch");
    case V::InHandling:
        return QCoreApplication::translate("GridDesk::QueueView", "In handling");
    case V::AwaitingVerification:
        return QCoreApplication::translate("GridDesk::QueueView", "Awaiting verification");
    case V::Supervised:
        return QCoreApplication::translate("GridDesk::QueueView", "Supervised");
    case V::Overdue:
        return QCoreApplication::translate("GridDesk::QueueView", "Overdue");
    case V::All:
        return QCoreApplication::translate("GridDesk::QueueView", "All cases");
    case V::Count:
        break;
    }
    return {};
}

QueueFilter::QueueFilter(const CompactCaseList &cases, const DeskUser &user,
    const OrgDirectory &units, const QDateTime &now)
    : m_textFlags(std::size_t(cases.sharedTextCount()), 0)
    , m_nowMsecs(CompactCaseList::toMsecs(now))
    , m_unitInbox(user.isValid() && user.role == Role::UnitHandler && !user.unit.isEmpty())
    , m_leaderInbox(user.isValid() && user.role == Role::Leader)
{
    markStates(cases, user);
    if (m_unitInbox)
        markUnits(cases, user, units);
}

void QueueFilter::markStates(const CompactCaseList &cases, const DeskUser &user)
{
    for (int value = 0; value < int(CaseState::Count); ++value) {
        const auto state = CaseState(value);
        const auto index = cases.findText(caseStateKey(state));
        if (!index)
            continue;

        quint32 flags = stateViews(state);
        if (user.isValid() && inboxOf(user.role, state))
            flags |= bit(V::MyInbox);
        if (state == S::Dispatched || state == S::InHandling || state == S::Supervised)
            flags |= HANDLER_STATE;
        // A closed case waits only for an optional evaluation; it is not late work.
        if (stageOf(state) && state != S::Closed)
            flags |= CAN_BE_OVERDUE;
        if (state == S::InHandling || state == S::Supervised)
            flags |= PENDING_STATE;
        m_textFlags[*index] |= flags;
    }
}

void QueueFilter::markUnits(
    const CompactCaseList &cases, const DeskUser &user, const OrgDirectory &units)
{
    // The engine lets a handler act for the lead unit it belongs to, so the lead unit may be
    // the user's own unit or any unit above it.
    // The depth bound ends the walk should the edited tree hold a cycle.
    QString code = user.unit;
    for (int depth = 0; !code.isEmpty() && depth <= units.size(); ++depth) {
        if (const auto index = cases.findText(code))
            m_textFlags[*index] |= OWN_UNIT;
        code = units.unit(code).value_or(OrgUnit()).parentCode;
    }

    // Co-unit lists are few distinct texts; find those that name the user's unit exactly.
    for (qsizetype index = 1; index < cases.sharedTextCount(); ++index) {
        const QString &text = cases.sharedText(quint32(index));
        if (!text.contains(user.unit))
            continue;
        if (text.split(u',').contains(user.unit))
            m_textFlags[std::size_t(index)] |= OWN_CO_UNITS;
    }
}

quint32 QueueFilter::views(const CompactCaseList &cases, qsizetype row) const
{
    using Text = CompactCaseList::Text;
    const quint32 state = flags(cases.textIndex(row, Text::State));
    quint32 views = bit(V::All) | (state & VIEW_BITS);

    if (m_unitInbox && (state & HANDLER_STATE)) {
        const bool own = (flags(cases.textIndex(row, Text::LeadUnit)) & OWN_UNIT)
            || (flags(cases.textIndex(row, Text::CoUnits)) & OWN_CO_UNITS);
        if (own)
            views |= bit(V::MyInbox);
    }
    if (m_leaderInbox && (state & PENDING_STATE) && cases.hasPendingExtension(row))
        views |= bit(V::MyInbox);

    const qint64 deadline = cases.deadlineMsecs(row);
    const bool overdue = (state & CAN_BE_OVERDUE) && deadline != CompactCaseList::NO_TIME
        && deadline < m_nowMsecs && !cases.isSuspended(row);
    if (overdue)
        views |= bit(V::Overdue);
    return views;
}

QueueFilter::Counts QueueFilter::count(const CompactCaseList &cases) const
{
    Counts counts {};
    for (qsizetype row = 0; row < cases.size(); ++row) {
        const quint32 in = views(cases, row);
        for (std::size_t view = 0; view < counts.size(); ++view)
            counts[view] += (in >> view) & 1u;
    }
    return counts;
}

} // namespace GridDesk
