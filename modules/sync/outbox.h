// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "protocol.h"

#include "workflow/casebook.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QUrl>

namespace GridDesk {
class Workspace;
}

namespace GridDesk::Sync {

/// Where a command stands between the desk and the server.
enum class OutboxState {
    Queued, ///< made at the desk, not yet sent
    Sent, ///< sent; no answer read yet (the connection dropped, or the desk stopped)
    Applied,
    Rejected, ///< waits for the person who made it: redo on the new state, or discard
    Discarded,
    Redone, ///< a rejected command made again on the case as the server left it
    Count
};

QString outboxStateKey(OutboxState state);
std::optional<OutboxState> outboxStateFromKey(const QString &key);
QString outboxStateName(OutboxState state);

/// What a command changes: a case, the grid map (an edition), the org chart, or an entry of
/// the grid register.
enum class CommandKind { Case, Edition, Org, Register, Count };

struct OutboxEntry
{
    qint64 id = 0;
    QString commandId;
    qint64 caseId = 0;
    CaseKey key;
    CaseAction action = CaseAction::Report;
    int basedOn = 0;
    int eventSequence = 0; ///< the event the command wrote at the desk
    QJsonObject body; ///< the command as it is sent
    QString madeBy;
    QString madeAt;
    OutboxState state = OutboxState::Queued;
    int attempts = 0;
    QString refusal; ///< a refusal key, when rejected
    QString reason;
    QString answeredAt;
    CommandKind kind = CommandKind::Case;
};

struct OutboxCounts
{
    int queued = 0;
    int sent = 0;
    int applied = 0;
    int rejected = 0;
    int discarded = 0;
};

/// The desk's outbox in the workspace file. As the book's journal it writes each action a
/// person takes as a command, in the action's own transaction, so that no action is left out
/// of sync and none is sent that was rolled back.
class Outbox : public CaseActionJournal
{
public:
    explicit Outbox(Workspace &workspace);

    Result<void> record(
        const CaseRecord &record, const ActionRequest &request, const CaseEvent &event) override;
    /// Queues a grid edition for the server to publish. Call inside a transaction.
    Result<void> recordEdition(const EditionCommand &command);
    /// Queues the org chart as saved here for the server to take. Call inside a transaction.
    Result<void> recordOrg(const OrgCommand &command);
    /// Queues a change of the grid register for the server. Call inside a transaction.
    Result<void> recordRegister(const RegisterCommand &command);
    /// The commands of kind still waiting for the server's answer (queued or sent), oldest first.
    Result<QList<OutboxEntry>> waiting(CommandKind kind) const;
    /// The ids of every command of kind this desk made, whatever became of them.
    Result<QSet<QString>> commandIds(CommandKind kind) const;

    /// All entries, oldest first; only those in state when given.
    Result<QList<OutboxEntry>> entries(std::optional<OutboxState> state = std::nullopt) const;
    Result<OutboxEntry> entry(qint64 id) const;
    /// The next commands to send, oldest first: queued ones, and sent ones never answered.
    Result<QList<OutboxEntry>> toSend(int limit) const;
    Result<OutboxCounts> counts() const;
    /// The id of the command that wrote each of caseId's events at this desk, by sequence:
    /// commands waiting or applied. A rejected command's event is, or will be, replaced by the
    /// server's, so it says nothing about the event now at its place.
    Result<QHash<int, QString>> commandsOf(qint64 caseId) const;
    /// The sequences of caseId's events whose commands still wait for the server's answer.
    Result<QSet<int>> pendingEvents(qint64 caseId) const;
    /// What commandsOf() and pendingEvents() say of one case.
    struct CaseCommands
    {
        QHash<int, QString> commands;
        QSet<int> pending;
    };
    /// commandsOf() and pendingEvents() of many cases read at once (a page of the feed); cases
    /// without such commands are left out.
    Result<QHash<qint64, CaseCommands>> commandsOfCases(const QList<qint64> &caseIds) const;

    /// Notes that entries went out once more. Call before sending them.
    Result<void> markSent(const QList<OutboxEntry> &entries);
    /// Writes the server's answer. Answers to commands the outbox does not hold are ignored.
    Result<void> answer(const CommandResult &result);
    /// The answers to a whole push, in order, with the update prepared once. Call inside
    /// Workspace::transaction().
    Result<void> answer(const QList<CommandResult> &results);
    /// Rejects, at the desk, the unanswered commands of caseId that wrote events after keep:
    /// the server's history, read from the feed, replaced those events.
    Result<int> rejectSuperseded(qint64 caseId, int keep, const QString &reason);
    /// Sets a rejected command aside for good.
    Result<void> discard(qint64 id);
    /// The rejected command id, of kind; refused with a message when it is not that.
    Result<OutboxEntry> rejected(qint64 id, CommandKind kind) const;
    /// Marks a rejected command as made again (by redoRejected()).
    Result<void> markRedone(qint64 id);

    /// The server this workspace syncs with, and where its feed was last read.
    QUrl server() const;
    Result<void> setServer(const QUrl &server);
    /// The account the feed was last read as: another account may see other cases.
    QString account() const;
    Result<void> setAccount(const QString &account);
    qint64 cursor() const;
    Result<void> setCursor(qint64 cursor);
    QDateTime lastSync() const;
    Result<void> setLastSync(const QDateTime &at);

private:
    /// Queues a command that changes something other than a case.
    Result<void> recordWhole(CommandKind kind, const QString &commandId, qint64 basedOn,
        const QJsonObject &body, const QString &madeBy, const QString &doing,
        const QString &subject = {});

    Workspace &m_workspace;
};

/// Makes a rejected command again on the case as it is now, through book (whose journal is
/// the outbox, so the new action becomes a new command), and marks the old one redone.
/// request gives who acts now; the action, unit, reason and data come from the command.
Result<CaseEvent> redoRejected(
    CaseBook &book, Outbox &outbox, qint64 entryId, ActionRequest request);

/// Sends the draft to be published: in a workspace that syncs, the server publishes the grid
/// map's editions, after its own topology checks, and the edition comes back in the editions
/// feed (GridEditions::adopt()); the draft stays here until then. Queues the command in one
/// transaction. Fails when the draft is empty, note or by is blank, or an edition sent before
/// still waits for the server's answer.
Result<EditionCommand> submitEdition(Workspace &ws, Outbox &outbox, const GridDraft &draft,
    const QString &by, const QString &note, const QDateTime &at);

/// The revision of the server's org chart this workspace holds (0: none taken in yet).
qint64 serverOrgRevision(const Workspace &ws);
/// Whether the server refused an org chart change made here: the server's chart is taken in
/// again, at the revision held too, with the next sync.
bool orgChartRefused(const Workspace &ws);

/// Saves chart and queues it for the server, in one transaction: the server takes it as the
/// city's chart when nobody changed that since the revision this workspace holds (none before
/// its first sync), and sends it to every desk. Refused as OrgChart::save() refuses, and when
/// nothing changed.
Result<OrgCommand> submitOrgChart(
    Workspace &ws, Outbox &outbox, OrgChart &chart, const QString &by, const QDateTime &at);

/// Makes a rejected org command again on the chart as the server left it (taken in since it
/// refused the command): every unit, person and group the command's changes name is put as the
/// command had it (or taken out, when the command had removed it), the rest stays the server's,
/// and the result goes out as a new org command; the old one is marked redone. Refused with a
/// message when the server's chart has not been taken in yet, and when the result breaks a rule
/// of the chart. An empty command (id blank) means nothing was left to change.
Result<OrgCommand> redoRejectedOrg(
    Workspace &ws, Outbox &outbox, qint64 entryId, const QString &by, const QDateTime &at);

/// Saves chart as a desk does: with changes, through submitOrgChart(), whether the workspace
/// syncs yet or not (as every case action goes to the outbox); without, with OrgChart::save().
/// Returns whether the workspace syncs, so that the change goes to its server.
Result<bool> saveOrgChart(Workspace &ws, OrgChart &chart, const QString &by);

/// Takes the server's chart in: replaces the chart here (keeping the clear personal numbers
/// this desk holds where the server's masked ones match them), records the server's changes
/// that did not come from here, and notes the server's revision. Left for later, returning
/// false, while an org command from here waits for its answer. Returns whether the chart here
/// changed.
Result<bool> adoptOrgChart(Workspace &ws, Outbox &outbox, const OrgRevision &server);

} // namespace GridDesk::Sync
