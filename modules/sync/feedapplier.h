// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "outbox.h"
#include "protocol.h"

namespace GridDesk::Sync {

/// What a page of the server's feed changed at the desk.
struct FeedSummary
{
    int added = 0; ///< cases the desk did not have
    int updated = 0; ///< cases whose history grew or was replaced
    int unchanged = 0;
    int superseded = 0; ///< the desk's own events the server's history replaced
    int rejectedHere = 0; ///< unanswered commands whose events were replaced
};

/// Brings the desk's copies of the cases to the server's histories, in one transaction:
/// new cases are added; a history is extended where the server's continues the desk's; where
/// they part, the desk's later events are set aside (case_events_superseded) and the commands
/// that wrote them, if still unanswered, rejected at the desk. Events the desk has and the
/// server does not yet (commands still waiting to go) are kept. With cursor, the feed's
/// cursor is moved there in the same transaction.
Result<FeedSummary> applySnapshots(CaseBook &book, Outbox &outbox,
    const QList<CaseSnapshot> &snapshots, std::optional<qint64> cursor = std::nullopt);

/// The desk's row id of the case with key; nullopt when the workspace does not have it.
Result<std::optional<qint64>> caseIdOf(Workspace &workspace, const CaseKey &key);

} // namespace GridDesk::Sync
