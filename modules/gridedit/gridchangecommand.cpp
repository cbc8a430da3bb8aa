// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "gridchangecommand.h"

#include "grideditsession.h"

namespace GridDesk {

GridChangeCommand::GridChangeCommand(GridEditSession *session, GridChange change)
    : QUndoCommand(change.description)
    , m_session(session)
    , m_change(std::move(change))
{ }

void GridChangeCommand::redo()
{
    if (m_applied)
        return;
    m_applied = m_session->applyToDraft(m_change);
}

void GridChangeCommand::undo()
{
    if (!m_applied)
        return;
    m_applied = !m_session->applyToDraft(m_change.reversed());
}

} // namespace GridDesk
