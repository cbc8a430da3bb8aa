// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "casefile.h"
#include "workflowengine.h"
#include "workflowsetup.h"

#include "domain/caserecord.h"
#include "domain/error.h"

#include <QByteArray>
#include <QHash>
#include <QList>

#include <functional>
#include <memory>
#include <optional>

namespace GridDesk {

class Statement;
class Workspace;
struct CaseStateColumns;
struct HistoryStatements;

/// A file kept with a case: a photo of the scene, a letter, a report.
struct CaseAttachment
{
    qint64 id = 0;
    qint64 caseId = 0;
    QString name;
    QString mimeType;
    qint64 size = 0;
    QString addedBy;
    CaseTime addedAt;
};

/// A case's history and the rules it must follow.
struct CaseHistory
{
    qint64 caseId = 0;
    QList<ActionRequest> actions; ///< in order; each is based on the version the one before left
};

/// Told of each action a person takes through a CaseBook (reports included, the deadline rules,
/// imports and grid editions not), inside the action's transaction: what it writes commits or
/// rolls back with the action. The desk's sync outbox is one.
class CaseActionJournal
{
public:
    virtual ~CaseActionJournal() = default;
    /// record is the case as the action left it; request the action with its version resolved.
    virtual Result<void> record(
        const CaseRecord &record, const ActionRequest &request, const CaseEvent &event) = 0;
};

/// The cases of a workspace as the closed loop sees them: each action goes through the
/// workflow engine and is written as an event, in the same transaction as the case row's
/// state, so the row never disagrees with the history. Use on the workspace's thread.
class CaseBook
{
public:
    CaseBook(Workspace &workspace, WorkflowSetup setup);

    const WorkflowSetup &setup() const { return m_setup; }
    /// Takes a new setup (units, categories, calendar …) for the actions that follow.
    void setSetup(WorkflowSetup setup);
    const WorkflowEngine &engine() const { return m_engine; }
    Workspace &workspace() const { return m_workspace; }
    /// journal (not owned; may be null) is told of every act() and report() from now on.
    void setJournal(CaseActionJournal *journal) { m_journal = journal; }

    /// While one lives, the book keeps the statements that read and write histories prepared,
    /// instead of preparing them again for every case: for many cases in one go (a page of
    /// the feed, a push of reports). Scopes nest; the statements go with the outermost one.
    /// Let it end before the workspace closes.
    class StatementScope
    {
    public:
        explicit StatementScope(const CaseBook &book);
        ~StatementScope();
        StatementScope(const StatementScope &) = delete;
        StatementScope &operator=(const StatementScope &) = delete;

    private:
        const CaseBook &m_book;
    };

    /// The case's history replayed; NotFound when there is no such case.
    Result<CaseFile> file(qint64 caseId) const;
    /// The case row, with its state as the history left it.
    Result<CaseRecord> record(qint64 caseId) const;
    /// The rows of many cases read at once, by id; ids without a case are left out.
    Result<QHash<qint64, CaseRecord>> records(const QList<qint64> &caseIds) const;

    /// The unit the dispatch rules propose for record, or failing a rule, its category's
    /// default unit; with the rule's id and the reason in words. Empty when neither says.
    Result<std::optional<DispatchProposal>> proposeDispatch(const CaseRecord &record) const;

    /// Applies request to the case in one transaction and returns the event written. Merging
    /// also records the duplicate on the case it was merged into. Fails without writing
    /// anything when the engine refuses the request, or when its time lies more than a day
    /// ahead of this machine's clock.
    Result<CaseEvent> act(qint64 caseId, const ActionRequest &request);

    /// Saves a new case reported at the desk (its id is written back into record) with the
    /// report as its first event. request gives who, when and how.
    Result<CaseEvent> report(CaseRecord &record, ActionRequest request);

    /// Writes whole histories, such as those an import rebuilds from a feed's timestamps. Each
    /// action goes through the engine; a case whose history the engine refuses keeps the
    /// events before the refusal, and the refusal is returned for it. Call inside
    /// Workspace::transaction().
    Result<QList<std::pair<qint64, Error>>> appendHistories(const QList<CaseHistory> &histories);

    /// Cases whose id in their source feed is externalId (a 311 number, a hotline ticket).
    Result<QList<qint64>> casesWithExternalId(const QString &externalId) const;

    /// Cases that gained events after the event numbered after, written by this or any other
    /// program (another desk, the command line), and the newest event's number now, to pass
    /// next time. Pass 0 for every case.
    Result<std::pair<QList<qint64>, qint64>> changedSince(qint64 after) const;

    /// Keeps file at filePath with the case, as an "attach" event. Files over
    /// MAX_ATTACHMENT_BYTES are refused.
    Result<CaseEvent> attach(qint64 caseId, const QString &filePath, ActionRequest request);
    /// The same for content already read (a file a desk sent to the server). The event's data
    /// names the attachment's row, name, size, type and SHA-256.
    Result<CaseEvent> attachContent(qint64 caseId, const QString &name, const QString &mimeType,
        const QByteArray &content, ActionRequest request);
    /// Keeps content with the case without an event of its own: the file of an "attach" event
    /// that came from the server. Its row id.
    Result<qint64> keepAttachment(qint64 caseId, const QString &name, const QString &mimeType,
        const QByteArray &content, const QString &addedBy, const CaseTime &addedAt);
    /// How attachments are known across machines: the SHA-256 of the content, in hex.
    static QString attachmentHash(const QByteArray &content);
    Result<QList<CaseAttachment>> attachments(qint64 caseId) const;
    Result<QByteArray> attachmentContent(qint64 attachmentId) const;
    static constexpr qint64 MAX_ATTACHMENT_BYTES = 64 * 1024 * 1024;

    /// Applies the deadline rules at now: cases whose handling ran out are supervised, cases
    /// whose supervision ran out escalated, as the setup says. Returns the events written.
    Result<QList<CaseEvent>> applyDeadlineRules(const CaseTime &now);

    /// Cases of the same category as caseId, reported within metres and hours of it, that
    /// are still open: candidates for merging.
    Result<QList<CaseRecord>> possibleDuplicates(qint64 caseId, double metres, double hours) const;

    /// Records that grid edition edition put the open case's location in grid toGrid: a
    /// Rehome event (from the case's grid until now, to toGrid) and the case's new grid. Call
    /// inside Workspace::transaction(); fails for a finished case.
    Result<CaseEvent> rehome(qint64 caseId, const QString &toGrid, int edition,
        const QString &publishedBy, const CaseTime &at);

    /// Records that an alarm came again while the case it was filed as is open: a "recur"
    /// event by request's actor (an intake channel), with the alarm in request's data. Fails for
    /// a finished case.
    Result<CaseEvent> recordRecurrence(qint64 caseId, ActionRequest request);

    /// Makes the case's history the one another book decided (the sync server's): keeps the
    /// first keep events, moves the later ones of this file to case_events_superseded with
    /// why, and writes events after keep as they are, without deciding them again (this
    /// book's setup may lag behind the one that decided them). Each must follow from the one
    /// before. Call inside Workspace::transaction(). Returns the superseded events.
    Result<QList<CaseEvent>> adoptHistory(
        qint64 caseId, int keep, const QList<CaseEvent> &events, const QString &why);

    /// Adds cases this workspace does not have yet, each row written once with the state the
    /// history another book decided (the sync server's) leaves it in; histories[i] is the whole
    /// history of records[i], checked as adoptHistory() checks it. The id each case got is
    /// written back into its record; write the events with appendAdopted() then (their data may
    /// name other cases added here). Call inside Workspace::transaction().
    Result<void> addAdoptedCases(
        QList<CaseRecord> &records, const QList<QList<CaseEvent>> &histories);
    /// Writes the history of a case addAdoptedCases() added, events as they are.
    Result<void> appendAdopted(qint64 caseId, const QList<CaseEvent> &events);

    /// Recomputes the stored deadline of every open case, after the calendar or the limits
    /// changed. Call inside Workspace::transaction().
    Result<qint64> refreshDeadlines();

private:
    static Result<void> checkNotAhead(const CaseTime &at);
    Result<CaseFile> loadFile(qint64 caseId) const;
    Result<CaseFile> loadFile(Statement &load, qint64 caseId) const;
    Result<void> insertEvent(Statement &insert, const CaseEvent &event);
    CaseStateColumns stateColumns(const CaseFile &file) const;
    Result<void> updateState(Statement &update, const CaseFile &file);
    Result<void> append(const CaseEvent &event);
    Result<void> writeState(const CaseFile &file);
    Result<CaseEvent> decideAndWrite(CaseFile &file, const ActionRequest &request);
    Result<void> recordMerge(const CaseEvent &merge, const ActionRequest &request);
    Result<void> tellJournal(qint64 caseId, const ActionRequest &request, const CaseEvent &event);

    Workspace &m_workspace;
    WorkflowSetup m_setup;
    WorkflowEngine m_engine;
    mutable std::optional<QHash<QString, QString>> m_gridParents; // read when first needed
    CaseActionJournal *m_journal = nullptr;
    // Kept while a StatementScope lives (shared_ptr: the type is complete only in the .cpp).
    mutable std::shared_ptr<HistoryStatements> m_statements;
    mutable int m_scopes = 0;
};

/// The keys of the case types file has gained, joined with ",", as the case row keeps them.
QString caseTypeKeys(const CaseFile &file);

} // namespace GridDesk
