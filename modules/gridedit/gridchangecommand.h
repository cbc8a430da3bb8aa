// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "editions/griddraft.h"

#include <QUndoCommand>

namespace GridDesk {

class GridEditSession;

/// One edit of the draft on the undo stack. Redo applies the change through the session's
/// draft, undo applies its reverse. The session applies the change once before pushing the
/// command, so the first redo (QUndoStack::push calls it) does nothing.
class GridChangeCommand : public QUndoCommand
{
public:
    GridChangeCommand(GridEditSession *session, GridChange change);

    void redo() override;
    void undo() override;

    const GridChange &change() const { return m_change; }

private:
    GridEditSession *m_session;
    GridChange m_change;
    bool m_applied = true; ///< the change is in the draft now
};

} // namespace GridDesk
