// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "terms.h"

#include "domain/casetime.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace GridDesk {

/// One action applied to a case: who did it, in which role and unit, when, from which state to
/// which, why and with what data. Events are never changed once written; a case's state is
/// what its events add up to.
struct CaseEvent
{
    qint64 caseId = 0;
    int sequence = 0; ///< 1 for the report; the case's version once this event is applied
    CaseAction action = CaseAction::Report;
    QString actor;
    Role role = Role::Operator;
    QString unit; ///< the unit the actor acted for
    CaseTime at;
    std::optional<CaseState> from; ///< empty for the report that created the case
    CaseState to = CaseState::Reported;
    QString reason;
    QJsonObject data; ///< action-specific: "unit", "co_units", "rule", "satisfaction" …
};

} // namespace GridDesk
