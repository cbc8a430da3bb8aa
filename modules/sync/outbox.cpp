// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "outbox.h"

#include "feedapplier.h"

#include "domain/text.h"
#include "editions/griddraft.h"
#include "logging.h"
#include "org/personaldata.h"
#include "storage/workspace.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace GridDesk::Sync {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Sync)
};

constexpr std::pair<OutboxState, const char *> STATE_KEYS[] = {
    {OutboxState::Queued, "queued"},
    {OutboxState::Sent, "sent"},
    {OutboxState::Applied, "applied"},
    {OutboxState::Rejected, "rejected"},
    {OutboxState::Discarded, "discarded"},
    {OutboxState::Redone, "redone"},
};
static_assert(std::size(STATE_KEYS) == std::size_t(OutboxState::Count));

const QString SERVER_KEY = QStringLiteral("sync_server");
const QString CURSOR_KEY = QStringLiteral("sync_cursor");
const QString ACCOUNT_KEY = QStringLiteral("sync_account");
const QString LAST_SYNC_KEY = QStringLiteral("sync_last");

constexpr const char *ENTRY_COLUMNS =
    "id, command_id, case_id, case_source, case_external_id, action, based_on, event_sequence, "
    "body, made_by, made_at, state, attempts, reason_code, reason, answered_at, kind";

Result<void> run(QSqlQuery &query, const QString &doing)
{
    if (query.exec())
        return {};
    return fail(ErrorCode::Database, Tr::tr("%1: %2").arg(doing, query.lastError().text()));
}

/// The revision of the server's org chart the workspace holds.
const QString SERVER_ORG_REVISION = QStringLiteral("org_server_revision");
/// Set while the org chart here holds a change the server refused.
const QString ORG_CHART_REFUSED = QStringLiteral("org_chart_refused");

/// The outbox's kind column: a case's command keeps its own kind there ("report", "act").
constexpr const char *COMMAND_KIND_KEYS[] = {"case", "edition", "org", "register"};
static_assert(std::size(COMMAND_KIND_KEYS) == std::size_t(CommandKind::Count));

QString commandKindKey(CommandKind kind)
{
    return QLatin1String(COMMAND_KIND_KEYS[int(kind)]);
}

CommandKind commandKindFromKey(const QString &key)
{
    for (int kind = 0; kind < int(CommandKind::Count); ++kind) {
        if (key == QLatin1String(COMMAND_KIND_KEYS[kind]))
            return CommandKind(kind);
    }
    return CommandKind::Case;
}

OutboxEntry entryFrom(const QSqlQuery &query)
{
    OutboxEntry entry;
    entry.id = query.value(0).toLongLong();
    entry.commandId = query.value(1).toString();
    entry.caseId = query.value(2).toLongLong();
    entry.key = CaseKey {query.value(3).toString(), query.value(4).toString()};
    entry.action = caseActionFromKey(query.value(5).toString()).value_or(CaseAction::Report);
    entry.basedOn = query.value(6).toInt();
    entry.eventSequence = query.value(7).toInt();
    entry.body = QJsonDocument::fromJson(query.value(8).toString().toUtf8()).object();
    entry.madeBy = query.value(9).toString();
    entry.madeAt = query.value(10).toString();
    entry.state = outboxStateFromKey(query.value(11).toString()).value_or(OutboxState::Queued);
    entry.attempts = query.value(12).toInt();
    entry.refusal = query.value(13).toString();
    entry.reason = query.value(14).toString();
    entry.answeredAt = query.value(15).toString();
    entry.kind = commandKindFromKey(query.value(16).toString());
    return entry;
}

QString nowText()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
}

} // namespace

QString outboxStateKey(OutboxState state)
{
    for (const auto &[value, key] : STATE_KEYS) {
        if (value == state)
            return QLatin1String(key);
    }
    return {};
}

std::optional<OutboxState> outboxStateFromKey(const QString &key)
{
    for (const auto &[value, text] : STATE_KEYS) {
        if (key == QLatin1String(text))
            return value;
    }
    return std::nullopt;
}

QString outboxStateName(OutboxState state)
{
    switch (state) {
    case OutboxState::Queued:
        return Tr::tr("queued");
    case OutboxState::Sent:
        return Tr::tr("sent");
    case OutboxState::Applied:
        return Tr::tr("applied");
    case OutboxState::Rejected:
        return Tr::tr("rejected");
    case OutboxState::Discarded:
        return Tr::tr("discarded");
    case OutboxState::Redone:
        return Tr::tr("redone");
    case OutboxState::Count:
        break;
    }
    return {};
}

Outbox::Outbox(Workspace &workspace)
    : m_workspace(workspace)
{ }

Result<void> Outbox::record(
    const CaseRecord &record, const ActionRequest &request, const CaseEvent &event)
{
    Command command;
    command.id = newCommandId();
    command.kind = event.action == CaseAction::Report ? Command::Kind::Report : Command::Kind::Act;
    command.key = CaseKey {record.source, record.externalId};
    command.request = request;
    command.request.action = event.action;
    command.request.basedOnVersion = event.sequence - 1;
    command.record = record;
    if (event.action == CaseAction::Merge) {
        // The case it went into, by key: row ids differ between machines.
        QSqlQuery into(m_workspace.database());
        into.prepare(QStringLiteral("SELECT source, external_id FROM cases WHERE fid = ?"));
        into.addBindValue(request.data.value(QLatin1String("into")).toInteger());
        if (auto read = run(into, Tr::tr("Reading the case merged into")); !read)
            return read;
        if (into.next())
            command.into = CaseKey {into.value(0).toString(), into.value(1).toString()};
        command.request.data.remove(QStringLiteral("into"));
    }
    // An attachment is known by its SHA-256 on the server: the row id is the desk's own.
    if (event.action == CaseAction::Attach)
        command.request.data.remove(QStringLiteral("attachment"));

    QSqlQuery insert(m_workspace.database());
    insert.prepare(QStringLiteral(
        "INSERT INTO sync_outbox (command_id, kind, case_id, case_source, case_external_id, "
        "action, based_on, event_sequence, body, made_by, made_at) VALUES (?, ?, ?, ?, ?, ?, ?, "
        "?, ?, ?, ?)"));
    const QJsonObject body = commandJson(command);
    insert.addBindValue(command.id);
    insert.addBindValue(body.value(QLatin1String("kind")).toString());
    insert.addBindValue(record.id);
    insert.addBindValue(record.source);
    insert.addBindValue(record.externalId);
    insert.addBindValue(caseActionKey(event.action));
    insert.addBindValue(command.request.basedOnVersion);
    insert.addBindValue(event.sequence);
    insert.addBindValue(QString::fromUtf8(QJsonDocument(body).toJson(QJsonDocument::Compact)));
    insert.addBindValue(request.actor.isNull() ? QStringLiteral("") : request.actor);
    insert.addBindValue(nowText());
    return run(insert, Tr::tr("Queueing the action for the server"));
}

Result<void> Outbox::recordEdition(const EditionCommand &command)
{
    return recordWhole(CommandKind::Edition, command.id, command.basedOn,
        editionCommandJson(command), command.madeBy,
        Tr::tr("Queueing the grid edition for the server"));
}

Result<void> Outbox::recordOrg(const OrgCommand &command)
{
    return recordWhole(CommandKind::Org, command.id, command.basedOn, orgCommandJson(command),
        command.madeBy, Tr::tr("Queueing the org chart for the server"));
}

Result<void> Outbox::recordRegister(const RegisterCommand &command)
{
    return recordWhole(CommandKind::Register, command.id, command.basedOn,
        registerCommandJson(command), command.madeBy,
        Tr::tr("Queuing the change of register entry %1").arg(command.entry.code),
        command.entry.code);
}

Result<void> Outbox::recordWhole(CommandKind kind, const QString &commandId, qint64 basedOn,
    const QJsonObject &body, const QString &madeBy, const QString &doing, const QString &subject)
{
    QSqlQuery insert(m_workspace.database());
    insert.prepare(QStringLiteral(
        "INSERT INTO sync_outbox (command_id, kind, case_id, case_source, case_external_id, "
        "action, based_on, event_sequence, body, made_by, made_at) VALUES (?, ?, 0, ?, ?, ?, "
        "?, 0, ?, ?, ?)"));
    insert.addBindValue(commandId);
    insert.addBindValue(commandKindKey(kind));
    // A register command names its entry where a case command names its case.
    insert.addBindValue(subject.isEmpty() ? QStringLiteral("") : commandKindKey(kind));
    insert.addBindValue(subject.isEmpty() ? QStringLiteral("") : subject);
    insert.addBindValue(kind == CommandKind::Edition ? QStringLiteral("publish_edition")
            : kind == CommandKind::Org               ? QStringLiteral("save_org_chart")
                                                     : QStringLiteral("change_register"));
    insert.addBindValue(basedOn);
    insert.addBindValue(QString::fromUtf8(QJsonDocument(body).toJson(QJsonDocument::Compact)));
    insert.addBindValue(madeBy.isNull() ? QStringLiteral("") : madeBy);
    insert.addBindValue(nowText());
    return run(insert, doing);
}

Result<QSet<QString>> Outbox::commandIds(CommandKind kind) const
{
    QSqlQuery query(m_workspace.database());
    query.prepare(QStringLiteral("SELECT command_id FROM sync_outbox WHERE kind = ?"));
    query.addBindValue(commandKindKey(kind));
    if (auto read = run(query, Tr::tr("Reading the outbox")); !read)
        return std::unexpected(read.error());
    QSet<QString> ids;
    while (query.next())
        ids.insert(query.value(0).toString());
    return ids;
}

Result<QList<OutboxEntry>> Outbox::waiting(CommandKind kind) const
{
    QSqlQuery query(m_workspace.database());
    query.prepare(QStringLiteral("SELECT %1 FROM sync_outbox WHERE kind = ? AND state IN "
                                 "('queued', 'sent') ORDER BY id")
                      .arg(QLatin1String(ENTRY_COLUMNS)));
    query.addBindValue(commandKindKey(kind));
    if (auto read = run(query, Tr::tr("Reading the outbox")); !read)
        return std::unexpected(read.error());
    QList<OutboxEntry> found;
    while (query.next())
        found << entryFrom(query);
    return found;
}

Result<QList<OutboxEntry>> Outbox::entries(std::optional<OutboxState> state) const
{
    QSqlQuery query(m_workspace.database());
    QString sql = QStringLiteral("SELECT %1 FROM sync_outbox").arg(QLatin1String(ENTRY_COLUMNS));
    if (state)
        sql += QStringLiteral(" WHERE state = ?");
    query.prepare(sql + QStringLiteral(" ORDER BY id"));
    if (state)
        query.addBindValue(outboxStateKey(*state));
    if (auto read = run(query, Tr::tr("Reading the outbox")); !read)
        return std::unexpected(read.error());
    QList<OutboxEntry> result;
    while (query.next())
        result << entryFrom(query);
    return result;
}

Result<OutboxEntry> Outbox::entry(qint64 id) const
{
    QSqlQuery query(m_workspace.database());
    query.prepare(QStringLiteral("SELECT %1 FROM sync_outbox WHERE id = ?")
                      .arg(QLatin1String(ENTRY_COLUMNS)));
    query.addBindValue(id);
    if (auto read = run(query, Tr::tr("Reading the outbox")); !read)
        return std::unexpected(read.error());
    if (!query.next())
        return fail(ErrorCode::NotFound, Tr::tr("The outbox has no command %1.").arg(id));
    return entryFrom(query);
}

Result<QList<OutboxEntry>> Outbox::toSend(int limit) const
{
    QSqlQuery query(m_workspace.database());
    query.prepare(QStringLiteral("SELECT %1 FROM sync_outbox WHERE state IN ('queued', 'sent') "
                                 "ORDER BY id LIMIT ?")
                      .arg(QLatin1String(ENTRY_COLUMNS)));
    query.addBindValue(limit);
    if (auto read = run(query, Tr::tr("Reading the outbox")); !read)
        return std::unexpected(read.error());
    QList<OutboxEntry> result;
    while (query.next())
        result << entryFrom(query);
    return result;
}

Result<OutboxCounts> Outbox::counts() const
{
    QSqlQuery query(m_workspace.database());
    query.prepare(QStringLiteral("SELECT state, count(*) FROM sync_outbox GROUP BY state"));
    if (auto read = run(query, Tr::tr("Reading the outbox")); !read)
        return std::unexpected(read.error());
    OutboxCounts counts;
    while (query.next()) {
        const int count = query.value(1).toInt();
        switch (outboxStateFromKey(query.value(0).toString()).value_or(OutboxState::Count)) {
        case OutboxState::Queued:
            counts.queued = count;
            break;
        case OutboxState::Sent:
            counts.sent = count;
            break;
        case OutboxState::Applied:
            counts.applied = count;
            break;
        case OutboxState::Rejected:
            counts.rejected = count;
            break;
        case OutboxState::Discarded:
        case OutboxState::Redone:
            counts.discarded += count;
            break;
        case OutboxState::Count:
            break;
        }
    }
    return counts;
}

Result<QHash<int, QString>> Outbox::commandsOf(qint64 caseId) const
{
    QSqlQuery query(m_workspace.database());
    query.prepare(QStringLiteral(
        "SELECT event_sequence, command_id FROM sync_outbox WHERE case_id = ? AND state IN "
        "('queued', 'sent', 'applied') ORDER BY id"));
    query.addBindValue(caseId);
    if (auto read = run(query, Tr::tr("Reading the outbox")); !read)
        return std::unexpected(read.error());
    QHash<int, QString> commands;
    while (query.next())
        commands.insert(query.value(0).toInt(), query.value(1).toString());
    return commands;
}

Result<QSet<int>> Outbox::pendingEvents(qint64 caseId) const
{
    QSqlQuery query(m_workspace.database());
    query.prepare(QStringLiteral("SELECT event_sequence FROM sync_outbox WHERE case_id = ? AND "
                                 "state IN ('queued', 'sent')"));
    query.addBindValue(caseId);
    if (auto read = run(query, Tr::tr("Reading the outbox")); !read)
        return std::unexpected(read.error());
    QSet<int> pending;
    while (query.next())
        pending.insert(query.value(0).toInt());
    return pending;
}

Result<QHash<qint64, Outbox::CaseCommands>> Outbox::commandsOfCases(
    const QList<qint64> &caseIds) const
{
    QHash<qint64, CaseCommands> found;
    if (caseIds.isEmpty())
        return found;
    QStringList ids;
    ids.reserve(caseIds.size());
    for (const qint64 id : caseIds)
        ids << QString::number(id);
    QSqlQuery query(m_workspace.database());
    query.setForwardOnly(true);
    // The same rows as commandsOf() and pendingEvents(), in the same order.
    query.prepare(QStringLiteral("SELECT case_id, event_sequence, command_id, state FROM "
                                 "sync_outbox WHERE case_id IN (%1) AND state IN ('queued', "
                                 "'sent', 'applied') ORDER BY id")
                      .arg(ids.join(u',')));
    if (auto read = run(query, Tr::tr("Reading the outbox")); !read)
        return std::unexpected(read.error());
    while (query.next()) {
        CaseCommands &commands = found[query.value(0).toLongLong()];
        const int sequence = query.value(1).toInt();
        commands.commands.insert(sequence, query.value(2).toString());
        if (query.value(3).toString() != QLatin1String("applied"))
            commands.pending.insert(sequence);
    }
    return found;
}

Result<void> Outbox::markSent(const QList<OutboxEntry> &entries)
{
    return m_workspace.transaction([&]() -> Result<void> {
        QSqlQuery update(m_workspace.database());
        update.prepare(QStringLiteral("UPDATE sync_outbox SET state = 'sent', attempts = "
                                      "attempts + 1 WHERE id = ? AND state IN ('queued', 'sent')"));
        for (const OutboxEntry &entry : entries) {
            update.addBindValue(entry.id);
            if (auto done = run(update, Tr::tr("Updating the outbox")); !done)
                return done;
        }
        return {};
    });
}

Result<void> Outbox::answer(const CommandResult &result)
{
    return answer(QList<CommandResult> {result});
}

Result<void> Outbox::answer(const QList<CommandResult> &results)
{
    QSqlQuery update(m_workspace.database());
    update.prepare(QStringLiteral(
        "UPDATE sync_outbox SET state = ?, reason_code = ?, reason = ?, answered_at = ? WHERE "
        "command_id = ? AND state IN ('queued', 'sent')"));
    const QString now = nowText();
    for (const CommandResult &result : results) {
        update.addBindValue(
            result.applied ? QStringLiteral("applied") : QStringLiteral("rejected"));
        update.addBindValue(result.refusal ? refusalKey(*result.refusal) : QStringLiteral(""));
        update.addBindValue(result.reason.isNull() ? QStringLiteral("") : result.reason);
        update.addBindValue(now);
        update.addBindValue(result.id);
        if (auto done = run(update, Tr::tr("Writing the server's answer")); !done)
            return done;
        if (result.applied || update.numRowsAffected() == 0)
            continue;
        // The chart here holds a change the server refused: the server's is taken in again.
        QSqlQuery kind(m_workspace.database());
        kind.prepare(QStringLiteral("SELECT kind FROM sync_outbox WHERE command_id = ?"));
        kind.addBindValue(result.id);
        if (auto read = run(kind, Tr::tr("Reading the outbox")); !read)
            return read;
        if (kind.next() && commandKindFromKey(kind.value(0).toString()) == CommandKind::Org) {
            if (auto marked = m_workspace.setMetadata(ORG_CHART_REFUSED, QStringLiteral("1"));
                !marked)
                return marked;
        }
    }
    return {};
}

Result<int> Outbox::rejectSuperseded(qint64 caseId, int keep, const QString &reason)
{
    QSqlQuery update(m_workspace.database());
    update.prepare(QStringLiteral(
        "UPDATE sync_outbox SET state = 'rejected', reason_code = 'conflict', reason = ?, "
        "answered_at = ? WHERE case_id = ? AND event_sequence > ? AND state IN ('queued', "
        "'sent')"));
    update.addBindValue(reason);
    update.addBindValue(nowText());
    update.addBindValue(caseId);
    update.addBindValue(keep);
    if (auto done = run(update, Tr::tr("Updating the outbox")); !done)
        return std::unexpected(done.error());
    return update.numRowsAffected();
}

Result<void> Outbox::discard(qint64 id)
{
    auto current = entry(id);
    if (!current)
        return std::unexpected(current.error());
    if (current->state != OutboxState::Rejected) {
        return fail(ErrorCode::NotAllowed,
            Tr::tr("Command %1 is %2; only a rejected command can be discarded.")
                .arg(id)
                .arg(outboxStateName(current->state)));
    }
    QSqlQuery update(m_workspace.database());
    update.prepare(QStringLiteral(
        "UPDATE sync_outbox SET state = 'discarded' WHERE id = ? AND state = 'rejected'"));
    update.addBindValue(id);
    return run(update, Tr::tr("Updating the outbox"));
}

Result<OutboxEntry> Outbox::rejected(qint64 id, CommandKind kind) const
{
    auto found = entry(id);
    if (!found)
        return std::unexpected(found.error());
    if (found->state != OutboxState::Rejected)
        return fail(ErrorCode::NotAllowed,
            Tr::tr("Command %1 is %2; only a rejected command can be made again.")
                .arg(id)
                .arg(outboxStateName(found->state)));
    if (found->kind != kind)
        return fail(
            ErrorCode::InvalidArgument, Tr::tr("Command %1 is not of the kind asked for.").arg(id));
    return found;
}

Result<void> Outbox::markRedone(qint64 id)
{
    QSqlQuery update(m_workspace.database());
    update.prepare(QStringLiteral(
        "UPDATE sync_outbox SET state = 'redone' WHERE id = ? AND state = 'rejected'"));
    update.addBindValue(id);
    return run(update, Tr::tr("Updating the outbox"));
}

QUrl Outbox::server() const
{
    return QUrl(m_workspace.metadata(SERVER_KEY));
}

Result<void> Outbox::setServer(const QUrl &server)
{
    return m_workspace.setMetadata(SERVER_KEY, server.toString());
}

QString Outbox::account() const
{
    return m_workspace.metadata(ACCOUNT_KEY);
}

Result<void> Outbox::setAccount(const QString &account)
{
    return m_workspace.setMetadata(ACCOUNT_KEY, account);
}

qint64 Outbox::cursor() const
{
    return m_workspace.metadata(CURSOR_KEY).toLongLong();
}

Result<void> Outbox::setCursor(qint64 cursor)
{
    return m_workspace.setMetadata(CURSOR_KEY, QString::number(cursor));
}

QDateTime Outbox::lastSync() const
{
    return QDateTime::fromString(m_workspace.metadata(LAST_SYNC_KEY), Qt::ISODate);
}

Result<void> Outbox::setLastSync(const QDateTime &at)
{
    return m_workspace.setMetadata(LAST_SYNC_KEY, at.toUTC().toString(Qt::ISODate));
}

Result<CaseEvent> redoRejected(
    CaseBook &book, Outbox &outbox, qint64 entryId, ActionRequest request)
{
    auto entry = outbox.rejected(entryId, CommandKind::Case);
    if (!entry)
        return std::unexpected(entry.error());
    if (entry->action == CaseAction::Report) {
        return fail(ErrorCode::NotAllowed,
            Tr::tr("Command %1 reported case %2 %3, which the server refused; report it again "
                   "with what the server needs, or discard the command.")
                .arg(entryId)
                .arg(entry->key.source, entry->key.externalId));
    }
    auto command = commandFromJson(entry->body);
    if (!command)
        return std::unexpected(command.error());
    request.action = command->request.action;
    request.basedOnVersion = ActionRequest::CURRENT_VERSION;
    request.unit = command->request.unit;
    request.coUnits = command->request.coUnits;
    request.reason = command->request.reason;
    request.data = command->request.data;
    if (command->into) {
        auto into = caseIdOf(book.workspace(), *command->into);
        if (!into)
            return std::unexpected(into.error());
        if (!*into) {
            return fail(ErrorCode::NotFound,
                Tr::tr("The case to merge into, %1 %2, is not in this workspace.")
                    .arg(command->into->source, command->into->externalId));
        }
        request.data.insert(QStringLiteral("into"), **into);
    }
    return book.workspace().transaction<CaseEvent>([&]() -> Result<CaseEvent> {
        auto event = book.act(entry->caseId, request);
        if (!event)
            return event;
        if (auto marked = outbox.markRedone(entryId); !marked)
            return std::unexpected(marked.error());
        return event;
    });
}

Result<EditionCommand> submitEdition(Workspace &ws, Outbox &outbox, const GridDraft &draft,
    const QString &by, const QString &note, const QDateTime &at)
{
    if (draft.isEmpty())
        return fail(ErrorCode::InvalidArgument, Tr::tr("The draft has no changes to publish."));
    if (isBlankText(note))
        return fail(ErrorCode::InvalidArgument, Tr::tr("Say what this edition changes."));
    if (isBlankText(by))
        return fail(ErrorCode::InvalidArgument, Tr::tr("Say who publishes this edition."));
    EditionCommand command;
    auto queued = ws.transaction([&]() -> Result<void> {
        auto waiting = outbox.waiting(CommandKind::Edition);
        if (!waiting)
            return std::unexpected(waiting.error());
        if (!waiting->isEmpty()) {
            return fail(ErrorCode::Conflict,
                Tr::tr("A grid edition sent from this workspace still waits for the server's "
                       "answer; sync first."));
        }
        auto editions = GridEditions::list(ws);
        if (!editions)
            return std::unexpected(editions.error());
        command.id = newCommandId();
        command.basedOn = editions->isEmpty() ? 1 : editions->last().number;
        command.at = CaseTime::withOffset(at.toUTC().date(), at.toUTC().time(), 0);
        command.madeBy = by.trimmed();
        command.changes.edition.note = note.trimmed();
        command.changes.edition.lineage = draft.lineage();
        command.changes.deleted = draft.deletedCodes();
        for (const QString &code : draft.changedCodes()) {
            if (const auto grid = draft.grid(code))
                command.changes.grids << *grid;
        }
        auto accepted = acceptedFindings(ws);
        if (!accepted)
            return std::unexpected(accepted.error());
        command.accepted = *accepted;
        return outbox.recordEdition(command);
    });
    if (!queued)
        return std::unexpected(queued.error());
    return command;
}

qint64 serverOrgRevision(const Workspace &ws)
{
    return ws.metadata(SERVER_ORG_REVISION).toLongLong();
}

bool orgChartRefused(const Workspace &ws)
{
    return ws.metadata(ORG_CHART_REFUSED) == QLatin1String("1");
}

Result<OrgCommand> submitOrgChart(
    Workspace &ws, Outbox &outbox, OrgChart &chart, const QString &by, const QDateTime &at)
{
    if (chart.pendingChanges().isEmpty())
        return fail(ErrorCode::InvalidArgument, Tr::tr("The org chart has no changes to send."));
    OrgCommand command;
    // Saved on a copy: should the transaction roll back, the caller's chart is as it was.
    OrgChart saved = chart;
    auto queued = ws.transaction([&]() -> Result<void> {
        auto waiting = outbox.waiting(CommandKind::Org);
        if (!waiting)
            return std::unexpected(waiting.error());
        // A change made before the last one was answered builds on it: the server takes the
        // two in order, each making the next revision.
        command.basedOn = waiting->isEmpty() ? serverOrgRevision(ws) : waiting->last().basedOn + 1;
        command.id = newCommandId();
        command.at = CaseTime::withOffset(at.toUTC().date(), at.toUTC().time(), 0);
        command.madeBy = by.trimmed();
        command.changes = saved.pendingChanges();
        if (auto written = saved.saveWithin(ws, command.madeBy); !written)
            return written;
        command.chart = saved.parts();
        return outbox.recordOrg(command);
    });
    if (!queued)
        return std::unexpected(queued.error());
    chart = saved;
    return command;
}

namespace {

/// list with the item whose key is key as in ours: replaced, added, or taken out when ours
/// has none.
template<typename Item, typename Key, typename KeyOf>
void takeOurs(QList<Item> &list, const QList<Item> &ours, const Key &key, KeyOf keyOf)
{
    list.removeIf([&](const Item &item) { return keyOf(item) == key; });
    for (const Item &item : ours) {
        if (keyOf(item) == key)
            list << item;
    }
}

} // namespace

Result<OrgCommand> redoRejectedOrg(
    Workspace &ws, Outbox &outbox, qint64 entryId, const QString &by, const QDateTime &at)
{
    auto entry = outbox.rejected(entryId, CommandKind::Org);
    if (!entry)
        return std::unexpected(entry.error());
    if (orgChartRefused(ws))
        return fail(ErrorCode::NotAllowed,
            Tr::tr("The server's org chart has not been taken in since it refused command %1; "
                   "sync first, then make it again.")
                .arg(entryId));
    auto command = orgCommandFromJson(entry->body);
    if (!command)
        return std::unexpected(command.error());
    auto current = OrgChart::load(ws);
    if (!current)
        return std::unexpected(current.error());

    // The server's chart as it is now, with what the command changed as the command had it:
    // each unit, person and group its changes name, and nothing else.
    OrgParts parts = current->parts();
    const OrgParts &ours = command->chart;
    for (const OrgChange &change : std::as_const(command->changes)) {
        if (change.personId > 0)
            takeOurs(parts.people, ours.people, change.personId,
                [](const Person &person) { return person.id; });
        else if (change.groupId > 0)
            takeOurs(parts.groups, ours.groups, change.groupId,
                [](const OrgGroup &group) { return group.id; });
        else if (!change.unitCode.isEmpty())
            takeOurs(parts.units, ours.units, change.unitCode,
                [](const ChartUnit &unit) { return unit.code; });
    }
    auto redone = OrgChart::fromParts(parts, current->revision());
    if (!redone)
        return fail(redone.error().code,
            Tr::tr("The changes of command %1 do not fit the org chart as it is now: %2 Make "
                   "them again by hand in the org chart editor.")
                .arg(entryId)
                .arg(redone.error().message));
    const QList<OrgChange> changes = redone->changesSince(*current, at.toUTC());
    OrgCommand sent;
    auto done = ws.transaction([&]() -> Result<void> {
        if (!changes.isEmpty()) {
            redone->addChanges(changes);
            auto submitted = submitOrgChart(ws, outbox, *redone, by, at);
            if (!submitted)
                return std::unexpected(submitted.error());
            sent = *submitted;
        }
        return outbox.markRedone(entryId);
    });
    if (!done)
        return std::unexpected(done.error());
    return sent;
}

Result<bool> saveOrgChart(Workspace &ws, OrgChart &chart, const QString &by)
{
    if (chart.pendingChanges().isEmpty()) {
        if (auto saved = chart.save(ws, by); !saved)
            return std::unexpected(saved.error());
        return false;
    }
    // Journaled as case actions are, whether the workspace syncs yet or not: one that syncs
    // later sends the change then, and a refusal is listed rather than lost.
    Outbox outbox(ws);
    auto sent = submitOrgChart(ws, outbox, chart, by, QDateTime::currentDateTimeUtc());
    if (!sent)
        return std::unexpected(sent.error());
    return !outbox.server().isEmpty();
}

Result<bool> adoptOrgChart(Workspace &ws, Outbox &outbox, const OrgRevision &server)
{
    const qint64 held = serverOrgRevision(ws);
    if (!server.chart || server.revision < held
        || (server.revision == held && !orgChartRefused(ws)))
        return false;
    auto waiting = outbox.waiting(CommandKind::Org);
    if (!waiting)
        return std::unexpected(waiting.error());
    if (!waiting->isEmpty()) {
        qCInfo(lcSync) << "the server's org chart" << server.revision
                       << "waits until the change sent from here is answered";
        return false;
    }
    return ws.transaction<bool>([&]() -> Result<bool> {
        auto current = OrgChart::load(ws);
        if (!current)
            return std::unexpected(current.error());
        OrgParts parts = *server.chart;
        keepClearNumbers(parts, *current);
        auto own = outbox.commandIds(CommandKind::Org);
        if (!own)
            return std::unexpected(own.error());
        // A change this desk made, or holds already (a desk made from the same sample as the
        // server has the sample's history), is not recorded twice.
        auto held = OrgChart::history(ws);
        if (!held)
            return std::unexpected(held.error());
        const auto key = [](const OrgChange &change) {
            return QStringList {change.at.toUTC().toString(Qt::ISODateWithMs), change.by,
                change.unitCode, QString::number(change.personId), QString::number(change.groupId),
                change.action, change.detail}
                .join(QChar(0x1f));
        };
        QSet<QString> known;
        for (const OrgChange &change : std::as_const(*held))
            known.insert(key(change));
        QList<OrgChange> foreign;
        for (const OrgChange &change : server.changes) {
            if (!change.command.isEmpty() && own->contains(change.command))
                continue;
            if (!known.contains(key(change)))
                foreign << change;
        }
        const bool same = orgPartsJson(parts) == orgPartsJson(current->parts());
        if (!same || !foreign.isEmpty()) {
            auto chart = OrgChart::fromParts(parts, current->revision());
            if (!chart)
                return std::unexpected(chart.error().at(Tr::tr("the server's org chart")));
            chart->addChanges(foreign);
            if (auto written = chart->saveWithin(ws); !written)
                return std::unexpected(written.error());
        }
        if (auto noted = ws.setMetadata(SERVER_ORG_REVISION, QString::number(server.revision));
            !noted)
            return std::unexpected(noted.error());
        if (orgChartRefused(ws)) {
            if (auto cleared = ws.setMetadata(ORG_CHART_REFUSED, QStringLiteral("0")); !cleared)
                return std::unexpected(cleared.error());
        }
        qCInfo(lcSync) << "took in revision" << server.revision << "of the server's org chart,"
                       << foreign.size() << "changes made elsewhere";
        return !same;
    });
}

} // namespace GridDesk::Sync
