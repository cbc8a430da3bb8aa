// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "outbox.h"
#include "protocol.h"

namespace GridDesk {
class Workspace;
}

// The grid register between a desk and its server. Every change of the register writes a line
// of its history in the change's own transaction; a sync turns the lines made here since the
// last one into commands of the outbox (one per change, each based on the version before it)
// and takes in the server's lines and entries from the register feed.
namespace GridDesk::Sync {

/// Queues, in one transaction, the register changes made here since the last call as commands
/// of the outbox; the re-homing a grid edition brings is the server's own and is not sent. A
/// workspace syncing for the first time sends nothing of what its register held before: that
/// register came with the workspace. Returns how many commands were queued.
Result<int> queueRegisterChanges(Workspace &ws, Outbox &outbox);

/// Takes in entries as the server has them (a page of the register feed, or the entries of
/// rejected commands), in the caller's transaction or one of its own. An entry with a change
/// of this desk still on its way (queued, sent or not yet queued) keeps the desk's version
/// until the server answers; its history still takes the server's lines. A line the desk
/// holds already (the same entry, version, action and time: its own change, applied) is not
/// written twice. Returns how many entries changed here.
Result<int> adoptRegisterItems(Workspace &ws, Outbox &outbox, const QList<RegisterItem> &items);

/// Makes a rejected register change again on the entry as it is here now (the server's, taken
/// in with the refusal): the entry changed to what the command made of it, verified, or merged,
/// as a new change that goes out with the next sync; the old command is marked redone. A
/// refused new entry cannot be made again so; refused with a message saying what to do.
Result<RegisterEntry> redoRejectedRegister(
    Workspace &ws, Outbox &outbox, qint64 entryId, const QString &by, const QDateTime &at);

/// Where the register feed was last read.
qint64 registerCursor(const Workspace &ws);
Result<void> setRegisterCursor(Workspace &ws, qint64 cursor);

} // namespace GridDesk::Sync
