// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "accounts.h"

#include "sync/protocol.h"
#include "workflow/casebook.h"

#include <QHash>
#include <QJsonArray>
#include <QSet>

#include <functional>
#include <memory>

namespace GridDesk {

class GridLocator;
class RegisterBook;
class Workspace;

/// The server's cases: commands from desks applied through the same workflow engine as at the
/// desk, answered once per command id, and the feed of changed cases each account may see.
/// An account sees a case when its unit is the top of the chart, when the case's grid lies in
/// the jurisdiction of its unit or a unit below it, or when its unit or one below leads or
/// shares the case. Use on the store's thread.
class ServerBook
{
public:
    static Result<std::unique_ptr<ServerBook>> open(Workspace &store);
    ~ServerBook();

    /// Reads the setup, the grids and the org chart again, after an administrator changed them.
    Result<void> reload();
    /// Reads them again when the store holds a newer grid edition or org chart revision than
    /// those read: what another server process on the same store published.
    Result<void> followStore();

    /// Applies one command for account, or answers it as it was answered before. Fails only
    /// when the store cannot be written; every refusal is an answer.
    Result<Sync::CommandResult> apply(const Account &account, const QJsonValue &command);

    struct FeedPage
    {
        QByteArray cases; ///< the snapshots as JSON, with commas between them, without brackets
        int count = 0; ///< how many cases
        qint64 cursor = 0;
        bool more = false;
    };
    /// The cases account may see whose history grew after cursor after, at most limit of them.
    Result<FeedPage> feed(const Account &account, qint64 after, int limit) const;
    /// An attachment's file, kept under its SHA-256 until the attach command that names it.
    Result<void> keepFile(const Account &account, const QString &sha256, const QByteArray &content);
    struct File
    {
        QByteArray content;
        QString mimeType;
    };
    /// The file with sha256 when it belongs to a case account may see.
    Result<std::optional<File>> file(const Account &account, const QString &sha256) const;
    /// Whether text is a SHA-256 in lower-case hex.
    static bool isFileHash(const QString &text);

    /// The newest event's number: the feed's end.
    Result<qint64> lastEventId() const;

    struct EditionsPage
    {
        QJsonArray editions;
        bool more = false;
    };
    /// The grid editions published after edition after, oldest first, at most limit. Every
    /// account gets the whole map: the desks place cases in it.
    Result<EditionsPage> editions(int after, int limit);

    /// The key of the case with row id caseId; nullopt when there is none.
    std::optional<Sync::CaseKey> keyOf(qint64 caseId) const;

    /// Whether account may see record.
    bool sees(const Account &account, const CaseRecord &record) const;

    /// Saves a report that came through an intake channel (Open311, an alarm, a hotline feed)
    /// as a new case filed for unitCode, placed in the server's newest grids as a pushed report
    /// is; its id is written back into record. Refused (Forbidden) when the place lies outside
    /// the unit's jurisdiction; a report without a place is taken for the unit to sort out.
    Result<CaseEvent> fileReport(
        const QString &unitCode, CaseRecord &record, const ActionRequest &request);

    /// Runs the deadline rules at now (supervision, escalation) on the server, the one place
    /// that decides them for every desk.
    Result<int> applyDeadlineRules(const CaseTime &now);

    CaseBook &book() { return *m_book; }

    /// While one lives, the commands applied (a push) share statements prepared once: the
    /// answers given before, the answers written, the cases looked up by key and the
    /// histories. Let it end before the store closes.
    class PushScope
    {
    public:
        explicit PushScope(ServerBook &book);
        ~PushScope();
        PushScope(const PushScope &) = delete;
        PushScope &operator=(const PushScope &) = delete;

    private:
        ServerBook &m_book;
        CaseBook::StatementScope m_histories;
        bool m_owner = false;
    };

    /// The server's org chart when its revision is newer than after (or always), with personal
    /// numbers masked and the changes since after; its revision alone otherwise. Every account gets
    /// the whole chart: desks dispatch to units everywhere.
    Result<Sync::OrgRevision> orgRevision(qint64 after, bool always = false) const;

    struct RegisterPage
    {
        QJsonArray entries;
        qint64 cursor = 0;
        bool more = false;
    };
    /// The register's history lines after cursor after (at most limit), grouped by entry, each
    /// entry as it is now (or gone), for the entries account may see: those in the grids its
    /// unit answers for. Personal values are masked for roles that may not reveal them.
    Result<RegisterPage> registerFeed(const Account &account, qint64 after, int limit);

    /// The server's register, read once and again after the grids change: where register
    /// commands and the intake channels' devices are looked up.
    Result<RegisterBook *> registerBook();

    /// A server that syncs up to another takes its grid map and org chart from there: it
    /// refuses edition and org commands, naming the server (the upstream's address) that
    /// takes them.
    void setCentralServer(const QString &upstream) { m_centralServer = upstream; }

private:
    explicit ServerBook(Workspace &store);
    /// Runs decision for a command not answered before, and writes its answer; a command
    /// answered before gets that answer again.
    Result<Sync::CommandResult> answerOnce(const Account &account, const QString &commandId,
        const QString &kind, const Sync::CaseKey &key,
        const std::function<Result<Sync::CommandResult>()> &decision);
    /// Keeps the uploaded file an attach command names with the case, as its event.
    Result<CaseEvent> attachUploaded(qint64 caseId, ActionRequest request);
    Result<Sync::CommandResult> applyEdition(
        const Account &account, const Sync::EditionCommand &command);
    Result<Sync::CommandResult> applyOrg(const Account &account, const Sync::OrgCommand &command);
    Result<Sync::CommandResult> applyRegister(
        const Account &account, const Sync::RegisterCommand &command);
    /// The entry with code as account may see it, with no history lines; none when it may not.
    Result<std::optional<Sync::RegisterItem>> registerItem(
        const Account &account, const QString &code);
    /// The units, people and groups the command changes that lie outside the account's units
    /// (its own unit and those below it), in words; empty when there are none.
    QStringList orgChangesOutside(
        const Account &account, const OrgChart &before, const OrgChart &after) const;
    /// Whether unitCode answers for gridCode: the grid, or one it lies in, is in the unit's
    /// jurisdiction or a unit's below it, or the unit is the top of the chart.
    bool answersFor(const QString &unitCode, const QString &gridCode) const;
    Result<Sync::CommandResult> decide(const Account &account, const Sync::Command &command);
    /// Who acts for command: the account itself, or, for an account relaying another server's
    /// desks (role system), the person who acted there.
    Result<ActionRequest> actingFor(const Account &account, const Sync::Command &command) const;
    /// Writes a command refused for the account's jurisdiction to the audit trail.
    void auditRefusal(const Account &account, const Sync::Command &command, const QString &what);
    /// Writes a refused command to the audit trail, detail saying which and why.
    void auditRefused(const Account &account, const QString &detail);
    /// The case with key as it is now, when account may see it.
    Result<std::optional<Sync::CaseSnapshot>> current(
        const Account &account, const Sync::CaseKey &key) const;
    Result<Sync::CaseSnapshot> snapshot(const CaseRecord &record) const;
    Result<Sync::CommandResult> applyReport(const Account &account, const Sync::Command &command);
    /// Puts record in the deepest grid of the server's map holding its location, flagging a
    /// record without one or outside every grid.
    void place(CaseRecord &record) const;
    Result<Sync::CommandResult> applyAction(const Account &account, const Sync::Command &command);
    const QSet<QString> &gridsOf(const QString &unitCode) const;
    bool isTop(const QString &unitCode) const;
    /// The row id of the case with key, through the push's statement while a PushScope lives.
    Result<std::optional<qint64>> caseIdOf(const Sync::CaseKey &key) const;

    struct PushStatements;
    Workspace &m_store;
    std::unique_ptr<PushStatements> m_push; ///< while a PushScope lives
    std::unique_ptr<CaseBook> m_book;
    std::unique_ptr<GridLocator> m_locator;
    std::unique_ptr<RegisterBook> m_register;
    QHash<QString, QString> m_gridParents;
    QHash<QString, QStringList> m_jurisdictions; ///< unit code → grid codes it answers for
    mutable QHash<QString, QSet<QString>> m_unitGrids; ///< built when an account first asks
    QString m_centralServer;
    /// The newest grid edition and org chart revision when the book was last read.
    std::pair<qint64, qint64> m_readAt {-1, -1};
};

} // namespace GridDesk
