// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "terms.h"

#include <QList>

#include <optional>

namespace GridDesk::Transitions {

/// The state action leads to from state, or nothing when the loop does not allow it there.
/// Actions that pause, extend, promise or attach lead back to the same state.
std::optional<CaseState> target(CaseState from, CaseAction action);

/// Whether role may take action at all (whether the case's state allows it is target()'s
/// question).
bool roleMay(Role role, CaseAction action);

/// Whether action needs a reason from the person taking it.
bool needsReason(CaseAction action);

/// The roles that may take action, for messages.
QList<Role> rolesFor(CaseAction action);

} // namespace GridDesk::Transitions
