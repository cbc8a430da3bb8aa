// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "casebook.h"

#include "logging.h"
#include "stageclock.h"
#include "transitions.h"

#include "storage/statement.h"
#include "storage/workspace.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QMimeDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <cmath>
#include <numbers>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::CaseBook)
};

Error queryError(const QSqlQuery &query, const QString &doing)
{
    return Error {ErrorCode::Database,
        Tr::tr("%1 failed: %2").arg(doing, query.lastError().text().trimmed())};
}

constexpr const char *LOAD_EVENTS_SQL =
    "SELECT case_id, sequence, action, actor, role, unit, at, from_state, to_state, reason, "
    "data FROM case_events WHERE case_id = ?1 ORDER BY sequence";
constexpr const char *INSERT_EVENT_SQL =
    "INSERT INTO case_events (case_id, sequence, action, actor, role, unit, at, from_state, "
    "to_state, reason, data) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
constexpr const char *UPDATE_STATE_SQL =
    "UPDATE cases SET state = ?1, version = ?2, lead_unit = ?3, stage_started = ?4, deadline "
    "= ?5, suspended = ?6, case_types = ?7, dispatch_rule = ?8, category = coalesce(?9, "
    "category), co_units = ?11, extension_pending = ?12 WHERE fid = ?10";

/// Text for a NOT NULL column: Qt binds a null QString as SQL NULL.
QString notNull(const QString &text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

QString isoOrEmpty(const QDateTime &wall)
{
    return wall.isValid() ? wall.toString(Qt::ISODate).left(19) : QString();
}

/// Whether event can follow the history in file: a history written by another program is
/// read only when every step is one the loop allows, in time order.
Result<void> checkFollows(const CaseFile &file, const CaseEvent &event)
{
    QString problem;
    if (!file.exists()) {
        const bool report =
            event.action == CaseAction::Report && !event.from && event.to == CaseState::Reported;
        if (!report)
            problem = Tr::tr("a history must begin with the report");
    } else if (event.from != file.state()) {
        problem = Tr::tr("it starts from another state than the case was in");
    } else if (Transitions::target(file.state(), event.action) != event.to) {
        problem = Tr::tr("the loop does not lead there by that action");
    } else if (file.events().last().at.secondsTo(event.at) < 0) {
        problem = Tr::tr("it is dated before the event before it");
    }
    if (problem.isEmpty())
        return {};
    return fail(ErrorCode::InvalidRow,
        Tr::tr("Event %1 of case %2 does not follow from the history: %3.")
            .arg(event.sequence)
            .arg(event.caseId)
            .arg(problem));
}

} // namespace

/// The statements a long run of history writes uses, prepared once.
struct HistoryStatements
{
    Statement load;
    Statement insert;
    Statement update;

    static Result<HistoryStatements> prepare(const Workspace &workspace)
    {
        auto load = Statement::prepare(workspace, LOAD_EVENTS_SQL);
        auto insert = Statement::prepare(workspace, INSERT_EVENT_SQL);
        auto update = Statement::prepare(workspace, UPDATE_STATE_SQL);
        for (auto *statement : {&load, &insert, &update}) {
            if (!*statement)
                return std::unexpected(statement->error());
        }
        return HistoryStatements {std::move(*load), std::move(*insert), std::move(*update)};
    }
};

QString caseTypeKeys(const CaseFile &file)
{
    QStringList keys;
    for (CaseType type : file.types())
        keys << caseTypeKey(type);
    return keys.join(u',');
}

CaseBook::CaseBook(Workspace &workspace, WorkflowSetup setup)
    : m_workspace(workspace)
    , m_setup(std::move(setup))
    , m_engine(m_setup.units)
{ }

void CaseBook::setSetup(WorkflowSetup setup)
{
    m_setup = std::move(setup);
    m_engine = WorkflowEngine(m_setup.units);
}

Result<CaseFile> CaseBook::file(qint64 caseId) const
{
    auto file = loadFile(caseId);
    if (file && !file->exists())
        return fail(ErrorCode::NotFound, Tr::tr("There is no case %1.").arg(caseId));
    return file;
}

CaseBook::StatementScope::StatementScope(const CaseBook &book)
    : m_book(book)
{
    if (m_book.m_scopes++ > 0)
        return;
    // A statement that cannot be prepared now is prepared, and its failure told, where it is
    // used.
    if (auto prepared = HistoryStatements::prepare(m_book.m_workspace))
        m_book.m_statements = std::make_shared<HistoryStatements>(std::move(*prepared));
}

CaseBook::StatementScope::~StatementScope()
{
    if (--m_book.m_scopes == 0)
        m_book.m_statements.reset();
}

Result<CaseFile> CaseBook::loadFile(qint64 caseId) const
{
    if (m_statements)
        return loadFile(m_statements->load, caseId);
    auto load = Statement::prepare(m_workspace, LOAD_EVENTS_SQL);
    if (!load)
        return std::unexpected(load.error());
    return loadFile(*load, caseId);
}

Result<CaseRecord> CaseBook::record(qint64 caseId) const
{
    CaseQuery query;
    query.caseId = caseId;
    std::optional<CaseRecord> found;
    auto read = m_workspace.forEachCase(query, [&](const CaseRecord &record) { found = record; });
    if (!read)
        return std::unexpected(read.error());
    if (!found)
        return fail(ErrorCode::NotFound, Tr::tr("There is no case %1.").arg(caseId));
    return *found;
}

Result<QHash<qint64, CaseRecord>> CaseBook::records(const QList<qint64> &caseIds) const
{
    QHash<qint64, CaseRecord> found;
    if (caseIds.isEmpty())
        return found;
    CaseQuery query;
    query.caseIds = caseIds;
    found.reserve(caseIds.size());
    auto read = m_workspace.forEachCase(
        query, [&](const CaseRecord &record) { found.insert(record.id, record); });
    if (!read)
        return std::unexpected(read.error());
    return found;
}

Result<std::optional<DispatchProposal>> CaseBook::proposeDispatch(const CaseRecord &record) const
{
    if (!m_gridParents) {
        auto grids = m_workspace.grids(std::nullopt, false);
        if (!grids)
            return std::unexpected(grids.error());
        m_gridParents.emplace();
        for (const Grid &grid : *grids)
            m_gridParents->insert(grid.code, grid.parentCode);
    }
    QStringList gridPath;
    for (QString code = record.gridCode; !code.isEmpty() && !gridPath.contains(code);
         code = m_gridParents->value(code))
        gridPath << code;

    const DispatchInput input {m_setup.categories.path(record.category), gridPath,
        record.created.wallTime().time(), record.source};
    if (auto proposal = m_setup.rules.propose(input))
        return proposal;
    const QString unit = m_setup.categories.defaultUnit(record.category);
    if (unit.isEmpty())
        return std::optional<DispatchProposal>();
    return DispatchProposal {
        unit, {}, QString(), Tr::tr("The default unit of category %1").arg(record.category)};
}

Result<void> CaseBook::append(const CaseEvent &event)
{
    if (m_statements)
        return insertEvent(m_statements->insert, event);
    auto insert = Statement::prepare(m_workspace, INSERT_EVENT_SQL);
    if (!insert)
        return std::unexpected(insert.error());
    return insertEvent(*insert, event);
}

Result<void> CaseBook::writeState(const CaseFile &file)
{
    if (m_statements)
        return updateState(m_statements->update, file);
    auto update = Statement::prepare(m_workspace, UPDATE_STATE_SQL);
    if (!update)
        return std::unexpected(update.error());
    return updateState(*update, file);
}

Result<CaseEvent> CaseBook::decideAndWrite(CaseFile &file, const ActionRequest &request)
{
    auto event = m_engine.decide(file, request);
    if (!event)
        return event;
    if (auto written = append(*event); !written)
        return std::unexpected(written.error());
    file.apply(*event);
    if (auto state = writeState(file); !state)
        return std::unexpected(state.error());
    return event;
}

Result<CaseEvent> CaseBook::act(qint64 caseId, const ActionRequest &request)
{
    if (isRecordedOnly(request.action)) {
        return fail(ErrorCode::NotAllowed,
            Tr::tr("\"%1\" is recorded by the desk itself, not taken as an action.")
                .arg(caseActionName(request.action)));
    }

    if (auto when = checkNotAhead(request.at); !when)
        return std::unexpected(when.error());

    return m_workspace.transaction<CaseEvent>([&]() -> Result<CaseEvent> {
        auto file = this->file(caseId);
        if (!file)
            return std::unexpected(file.error());
        ActionRequest current = request;
        if (current.basedOnVersion == ActionRequest::CURRENT_VERSION)
            current.basedOnVersion = file->version();
        auto event = decideAndWrite(*file, current);
        if (!event)
            return event;
        if (event->action == CaseAction::Merge) {
            if (auto merged = recordMerge(*event, current); !merged)
                return std::unexpected(merged.error());
        }
        if (auto told = tellJournal(caseId, current, *event); !told)
            return std::unexpected(told.error());
        qCInfo(lcWorkflow) << "case" << caseId << caseActionKey(event->action) << "->"
                           << caseStateKey(event->to) << "version" << event->sequence;
        return event;
    });
}

Result<void> CaseBook::tellJournal(
    qint64 caseId, const ActionRequest &request, const CaseEvent &event)
{
    if (!m_journal)
        return {};
    auto record = this->record(caseId);
    if (!record)
        return std::unexpected(record.error());
    return m_journal->record(*record, request, event);
}

Result<QList<CaseEvent>> CaseBook::adoptHistory(
    qint64 caseId, int keep, const QList<CaseEvent> &events, const QString &why)
{
    auto file = loadFile(caseId); // a case row just made has no history yet
    if (!file)
        return std::unexpected(file.error());
    if (keep < 0 || keep > file->version() || keep > events.size()) {
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("Case %1 cannot keep %2 events of its history.").arg(caseId).arg(keep));
    }
    const QList<CaseEvent> superseded = file->events().mid(keep);
    if (!superseded.isEmpty()) {
        QSqlQuery move(m_workspace.database());
        move.prepare(QStringLiteral(
            "INSERT INTO case_events_superseded (event_id, case_id, sequence, action, actor, "
            "role, unit, at, from_state, to_state, reason, data, recorded_at, superseded_at, "
            "why) SELECT id, case_id, sequence, action, actor, role, unit, at, from_state, "
            "to_state, reason, data, recorded_at, %1, ? FROM case_events WHERE case_id = ? AND "
            "sequence > ?")
                         .arg(m_workspace.nowSql()));
        move.addBindValue(why);
        move.addBindValue(caseId);
        move.addBindValue(keep);
        QSqlQuery remove(m_workspace.database());
        remove.prepare(
            QStringLiteral("DELETE FROM case_events WHERE case_id = ? AND sequence > ?"));
        remove.addBindValue(caseId);
        remove.addBindValue(keep);
        for (QSqlQuery *query : {&move, &remove}) {
            if (!query->exec()) {
                return fail(ErrorCode::Database,
                    Tr::tr("Setting aside the history of case %1: %2")
                        .arg(caseId)
                        .arg(query->lastError().text()));
            }
        }
    }

    CaseFile adopted = CaseFile::replay(file->events().mid(0, keep));
    for (CaseEvent event : events.mid(keep)) {
        event.caseId = caseId;
        if (event.sequence != adopted.version() + 1) {
            return fail(ErrorCode::InvalidRow,
                Tr::tr("The history of case %1 has a gap before event %2.")
                    .arg(caseId)
                    .arg(event.sequence));
        }
        if (auto follows = checkFollows(adopted, event); !follows)
            return std::unexpected(follows.error());
        if (auto written = append(event); !written)
            return std::unexpected(written.error());
        adopted.apply(event);
    }
    if (auto state = writeState(adopted); !state)
        return std::unexpected(state.error());
    return superseded;
}

Result<void> CaseBook::addAdoptedCases(
    QList<CaseRecord> &records, const QList<QList<CaseEvent>> &histories)
{
    Q_ASSERT(records.size() == histories.size());
    QList<CaseStateColumns> states;
    states.reserve(records.size());
    for (qsizetype index = 0; index < records.size(); ++index) {
        CaseFile adopted;
        for (const CaseEvent &event : histories.at(index)) {
            if (event.sequence != adopted.version() + 1) {
                return fail(ErrorCode::InvalidRow,
                    Tr::tr("The history of case %1 has a gap before event %2.")
                        .arg(records.at(index).externalId)
                        .arg(event.sequence));
            }
            if (auto follows = checkFollows(adopted, event); !follows)
                return std::unexpected(follows.error());
            adopted.apply(event);
        }
        // The row holds what the history adds up to, as writeState() would write it.
        if (!adopted.category().isEmpty())
            records[index].category = adopted.category();
        states << stateColumns(adopted);
    }
    return m_workspace.addCases(records, states);
}

Result<void> CaseBook::appendAdopted(qint64 caseId, const QList<CaseEvent> &events)
{
    for (CaseEvent event : events) {
        event.caseId = caseId;
        if (auto written = append(event); !written)
            return written;
    }
    return {};
}

Result<CaseEvent> CaseBook::rehome(qint64 caseId, const QString &toGrid, int edition,
    const QString &publishedBy, const CaseTime &at)
{
    auto record = this->record(caseId);
    if (!record)
        return std::unexpected(record.error());
    auto file = this->file(caseId);
    if (!file)
        return std::unexpected(file.error());
    ActionRequest request;
    request.action = CaseAction::Rehome;
    request.basedOnVersion = file->version();
    request.actor = publishedBy;
    request.role = Role::System;
    request.at = at;
    request.data = QJsonObject {{QStringLiteral("from"), record->gridCode},
        {QStringLiteral("to"), toGrid}, {QStringLiteral("edition"), edition}};
    auto event = decideAndWrite(*file, request);
    if (!event)
        return event;
    QSqlQuery update(m_workspace.database());
    update.prepare(QStringLiteral("UPDATE cases SET grid_code = ? WHERE fid = ?"));
    update.addBindValue(toGrid);
    update.addBindValue(caseId);
    if (!update.exec()) {
        return fail(ErrorCode::Database,
            Tr::tr("Case %1 could not be moved to grid %2: %3")
                .arg(caseId)
                .arg(toGrid, update.lastError().text()));
    }
    return event;
}

Result<CaseEvent> CaseBook::recordRecurrence(qint64 caseId, ActionRequest request)
{
    if (auto when = checkNotAhead(request.at); !when)
        return std::unexpected(when.error());
    return m_workspace.transaction<CaseEvent>([&]() -> Result<CaseEvent> {
        auto file = this->file(caseId);
        if (!file)
            return std::unexpected(file.error());
        request.action = CaseAction::Recur;
        request.basedOnVersion = file->version();
        return decideAndWrite(*file, request);
    });
}

Result<void> CaseBook::recordMerge(const CaseEvent &merge, const ActionRequest &request)
{
    const qint64 into = merge.data.value(QLatin1String("into")).toInteger();
    auto target = file(into);
    if (!target)
        return std::unexpected(target.error());
    if (isFinished(target->state())) {
        return fail(ErrorCode::NotAllowed,
            Tr::tr("Case %1 is %2; a duplicate can only be merged into an open case.")
                .arg(into)
                .arg(caseStateName(target->state()).toLower()));
    }

    ActionRequest absorb = request;
    absorb.action = CaseAction::Absorb;
    absorb.basedOnVersion = target->version();
    absorb.data = QJsonObject {{QStringLiteral("from"), merge.caseId}};
    auto recorded = decideAndWrite(*target, absorb);
    if (!recorded)
        return std::unexpected(recorded.error());
    return {};
}

Result<void> CaseBook::checkNotAhead(const CaseTime &at)
{
    // The desk's clock may run a little ahead of the server's, but an action a day ahead is
    // a typing error, and it would lock the case: no later action could come before it.
    const QDateTime now = QDateTime::currentDateTime();
    const CaseTime latest =
        CaseTime::withOffset(now.date().addDays(1), now.time(), now.offsetFromUtc());
    if (at.isValid() && at.secondsTo(latest) < 0) {
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("%1 lies in the future; actions are recorded when they are taken.")
                .arg(at.toIso()));
    }
    return {};
}

Result<CaseEvent> CaseBook::report(CaseRecord &record, ActionRequest request)
{
    if (auto when = checkNotAhead(request.at); !when)
        return std::unexpected(when.error());

    return m_workspace.transaction<CaseEvent>([&]() -> Result<CaseEvent> {
        QList<CaseRecord> rows {record};
        if (auto saved = m_workspace.saveCases(rows); !saved)
            return std::unexpected(saved.error());
        record.id = rows.first().id;

        CaseFile file;
        request.action = CaseAction::Report;
        request.basedOnVersion = 0;
        request.data.insert(QStringLiteral("channel"), record.source);
        if (!record.category.isEmpty())
            request.data.insert(QStringLiteral("category"), record.category);
        auto event = m_engine.decide(file, request);
        if (!event)
            return event;
        event->caseId = record.id;
        if (auto written = append(*event); !written)
            return std::unexpected(written.error());
        file.apply(*event);
        if (auto state = writeState(file); !state)
            return std::unexpected(state.error());
        if (auto told = tellJournal(record.id, request, *event); !told)
            return std::unexpected(told.error());
        return event;
    });
}

namespace {

QString textOf(const Statement &statement, int column)
{
    return statement.columnText(column);
}

} // namespace

Result<QList<std::pair<qint64, Error>>> CaseBook::appendHistories(
    const QList<CaseHistory> &histories)
{
    auto statements = HistoryStatements::prepare(m_workspace);
    if (!statements)
        return std::unexpected(statements.error());

    QList<std::pair<qint64, Error>> refused;
    for (const CaseHistory &history : histories) {
        auto file = loadFile(statements->load, history.caseId);
        if (!file)
            return std::unexpected(file.error());
        for (ActionRequest request : history.actions) {
            request.basedOnVersion = file->version();
            auto event = m_engine.decide(*file, request);
            if (!event) {
                refused << std::pair(history.caseId, event.error());
                break;
            }
            event->caseId = history.caseId;
            if (auto written = insertEvent(statements->insert, *event); !written)
                return std::unexpected(written.error());
            file->apply(*event);
        }
        if (file->exists()) {
            if (auto state = updateState(statements->update, *file); !state)
                return std::unexpected(state.error());
        }
    }
    return refused;
}

Result<CaseFile> CaseBook::loadFile(Statement &load, qint64 caseId) const
{
    load.reset();
    load.bindInt(1, caseId);
    CaseFile file;
    while (true) {
        auto row = load.step(Tr::tr("Reading the history of case %1").arg(caseId));
        if (!row)
            return std::unexpected(row.error());
        if (!*row)
            return file;
        CaseEvent event;
        event.caseId = load.columnInt(0);
        event.sequence = int(load.columnInt(1));
        const auto action = caseActionFromKey(textOf(load, 2));
        const auto role = roleFromKey(textOf(load, 4));
        const auto at = CaseTime::fromIso(textOf(load, 6));
        const auto to = caseStateFromKey(textOf(load, 8));
        if (!action || !role || !at || !to) {
            return fail(ErrorCode::InvalidRow,
                Tr::tr("Event %1 of case %2 cannot be read.").arg(event.sequence).arg(caseId));
        }
        if (event.sequence != file.version() + 1) {
            return fail(ErrorCode::InvalidRow,
                Tr::tr("The history of case %1 has a gap before event %2.")
                    .arg(caseId)
                    .arg(event.sequence));
        }
        event.action = *action;
        event.actor = textOf(load, 3);
        event.role = *role;
        event.unit = textOf(load, 5);
        event.at = *at;
        if (!load.columnIsNull(7))
            event.from = caseStateFromKey(textOf(load, 7));
        event.to = *to;
        event.reason = textOf(load, 9);
        event.data = QJsonDocument::fromJson(textOf(load, 10).toUtf8()).object();
        if (auto follows = checkFollows(file, event); !follows)
            return std::unexpected(follows.error());
        file.apply(event);
    }
}

Result<void> CaseBook::insertEvent(Statement &insert, const CaseEvent &event)
{
    insert.reset();
    insert.bindInt(1, event.caseId);
    insert.bindInt(2, event.sequence);
    insert.bindText(3, caseActionKey(event.action));
    insert.bindText(4, event.actor);
    insert.bindText(5, roleKey(event.role));
    insert.bindText(6, notNull(event.unit));
    insert.bindText(7, event.at.toIso());
    if (event.from)
        insert.bindText(8, caseStateKey(*event.from));
    else
        insert.bindNull(8);
    insert.bindText(9, caseStateKey(event.to));
    insert.bindText(10, notNull(event.reason));
    insert.bindText(
        11, QString::fromUtf8(QJsonDocument(event.data).toJson(QJsonDocument::Compact)));
    auto done = insert.step(
        Tr::tr("Recording \"%1\" on case %2").arg(caseActionName(event.action)).arg(event.caseId));
    if (!done)
        return std::unexpected(done.error());
    return {};
}

CaseStateColumns CaseBook::stateColumns(const CaseFile &file) const
{
    const auto clock = StageClocks::current(file, m_setup.categories, m_setup.calendar);
    CaseStateColumns columns;
    columns.state = caseStateKey(file.state());
    columns.version = file.version();
    columns.leadUnit = notNull(file.leadUnit());
    columns.stageStarted = file.stageStarted().isValid() ? file.stageStarted().toIso() : QString();
    columns.deadline = clock ? isoOrEmpty(clock->deadline) : QString();
    columns.suspended = file.isSuspended();
    columns.caseTypes = notNull(caseTypeKeys(file));
    columns.dispatchRule = notNull(file.dispatchRule());
    columns.coUnits = notNull(file.coUnits().join(u','));
    columns.extensionPending = file.pendingExtension().has_value();
    return columns;
}

Result<void> CaseBook::updateState(Statement &update, const CaseFile &file)
{
    const CaseStateColumns columns = stateColumns(file);
    update.reset();
    update.bindText(1, columns.state);
    update.bindInt(2, columns.version);
    update.bindText(3, columns.leadUnit);
    update.bindText(4, columns.stageStarted);
    update.bindText(5, columns.deadline);
    update.bindInt(6, columns.suspended ? 1 : 0);
    update.bindText(7, columns.caseTypes);
    update.bindText(8, columns.dispatchRule);
    update.bindText(9, file.category().isEmpty() ? QString() : file.category());
    update.bindInt(10, file.caseId());
    update.bindText(11, columns.coUnits);
    update.bindInt(12, columns.extensionPending ? 1 : 0);
    auto done = update.step(Tr::tr("Updating case %1").arg(file.caseId()));
    if (!done)
        return std::unexpected(done.error());
    return {};
}

Result<QList<qint64>> CaseBook::casesWithExternalId(const QString &externalId) const
{
    QSqlQuery query(m_workspace.database());
    query.prepare(QStringLiteral("SELECT fid FROM cases WHERE external_id = ? ORDER BY fid"));
    query.addBindValue(externalId);
    if (!query.exec())
        return std::unexpected(queryError(query, Tr::tr("Looking for case %1").arg(externalId)));
    QList<qint64> found;
    while (query.next())
        found << query.value(0).toLongLong();
    return found;
}

Result<std::pair<QList<qint64>, qint64>> CaseBook::changedSince(qint64 after) const
{
    QSqlQuery query(m_workspace.database());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT case_id, max(id) FROM case_events WHERE id > ? GROUP BY "
                                 "case_id"));
    query.addBindValue(after);
    if (!query.exec())
        return std::unexpected(queryError(query, Tr::tr("Looking for changed cases")));
    std::pair<QList<qint64>, qint64> changed {{}, after};
    while (query.next()) {
        changed.first << query.value(0).toLongLong();
        changed.second = std::max(changed.second, query.value(1).toLongLong());
    }
    return changed;
}

Result<CaseEvent> CaseBook::attach(qint64 caseId, const QString &filePath, ActionRequest request)
{
    if (auto when = checkNotAhead(request.at); !when)
        return std::unexpected(when.error());
    // Only plain files: a pipe or a device would block the desk or never end.
    const QFileInfo info(filePath);
    if (!info.exists())
        return fail(ErrorCode::FileNotFound, Tr::tr("%1 does not exist.").arg(filePath));
    if (!info.isFile())
        return fail(ErrorCode::InvalidArgument, Tr::tr("%1 is not a file.").arg(filePath));
    if (info.size() == 0)
        return fail(ErrorCode::InvalidArgument, Tr::tr("%1 is empty.").arg(filePath));
    QFile source(filePath);
    if (!source.open(QIODevice::ReadOnly))
        return fail(ErrorCode::FileNotFound,
            Tr::tr("%1 cannot be read: %2").arg(filePath, source.errorString()));
    if (source.size() > MAX_ATTACHMENT_BYTES) {
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("%1 is %2 MB; attachments may be at most %3 MB.")
                .arg(filePath)
                .arg(source.size() / (1024 * 1024))
                .arg(MAX_ATTACHMENT_BYTES / (1024 * 1024)));
    }
    const QByteArray content = source.read(MAX_ATTACHMENT_BYTES + 1);
    if (content.size() > MAX_ATTACHMENT_BYTES) // it grew while being read
        return fail(ErrorCode::InvalidArgument, Tr::tr("%1 keeps growing.").arg(filePath));
    const QString name = info.fileName();
    const QString mime = QMimeDatabase().mimeTypeForFileNameAndData(name, content).name();
    return attachContent(caseId, name, mime, content, std::move(request));
}

QString CaseBook::attachmentHash(const QByteArray &content)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex());
}

Result<CaseEvent> CaseBook::attachContent(qint64 caseId, const QString &name,
    const QString &mimeType, const QByteArray &content, ActionRequest request)
{
    if (auto when = checkNotAhead(request.at); !when)
        return std::unexpected(when.error());
    if (content.isEmpty() || content.size() > MAX_ATTACHMENT_BYTES) {
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("An attachment has 1 byte to %1 MB, not %2 bytes.")
                .arg(MAX_ATTACHMENT_BYTES / (1024 * 1024))
                .arg(content.size()));
    }
    return m_workspace.transaction<CaseEvent>([&]() -> Result<CaseEvent> {
        auto file = this->file(caseId);
        if (!file)
            return std::unexpected(file.error());
        const QString sha256 = attachmentHash(content);
        auto kept = keepAttachment(caseId, name, mimeType, content, request.actor, request.at);
        if (!kept)
            return std::unexpected(kept.error());

        request.action = CaseAction::Attach;
        if (request.basedOnVersion == ActionRequest::CURRENT_VERSION)
            request.basedOnVersion = file->version();
        // What the caller put in the data (the server's command id) stays.
        request.data.insert(QStringLiteral("attachment"), *kept);
        request.data.insert(QStringLiteral("name"), name);
        request.data.insert(QStringLiteral("size"), qint64(content.size()));
        request.data.insert(QStringLiteral("mime"), mimeType);
        request.data.insert(QStringLiteral("sha256"), sha256);
        auto event = decideAndWrite(*file, request);
        if (!event)
            return event;
        // A desk that syncs sends the attachment on (its file goes ahead of the command).
        if (auto told = tellJournal(caseId, request, *event); !told)
            return std::unexpected(told.error());
        return event;
    });
}

Result<qint64> CaseBook::keepAttachment(qint64 caseId, const QString &name, const QString &mimeType,
    const QByteArray &content, const QString &addedBy, const CaseTime &addedAt)
{
    QSqlQuery insert(m_workspace.database());
    insert.prepare(QStringLiteral("INSERT INTO case_attachments (case_id, name, mime, size, "
                                  "content, added_by, added_at, sha256) VALUES (?, ?, ?, ?, ?, ?, "
                                  "?, ?)"));
    for (const QVariant &value :
        {QVariant(caseId), QVariant(name), QVariant(mimeType), QVariant(qint64(content.size())),
            QVariant(content), QVariant(addedBy.isNull() ? QStringLiteral("") : addedBy),
            QVariant(addedAt.toIso()), QVariant(attachmentHash(content))})
        insert.addBindValue(value);
    if (!insert.exec())
        return std::unexpected(
            queryError(insert, Tr::tr("Keeping %1 with case %2").arg(name).arg(caseId)));
    return insert.lastInsertId().toLongLong();
}

Result<QList<CaseAttachment>> CaseBook::attachments(qint64 caseId) const
{
    QSqlQuery query(m_workspace.database());
    query.prepare(QStringLiteral("SELECT id, case_id, name, mime, size, added_by, added_at FROM "
                                 "case_attachments WHERE case_id = ? ORDER BY id"));
    query.addBindValue(caseId);
    if (!query.exec())
        return std::unexpected(
            queryError(query, Tr::tr("Reading the attachments of case %1").arg(caseId)));
    QList<CaseAttachment> found;
    while (query.next()) {
        found << CaseAttachment {query.value(0).toLongLong(), query.value(1).toLongLong(),
            query.value(2).toString(), query.value(3).toString(), query.value(4).toLongLong(),
            query.value(5).toString(),
            CaseTime::fromIso(query.value(6).toString()).value_or(CaseTime())};
    }
    return found;
}

Result<QByteArray> CaseBook::attachmentContent(qint64 attachmentId) const
{
    QSqlQuery query(m_workspace.database());
    query.prepare(QStringLiteral("SELECT content FROM case_attachments WHERE id = ?"));
    query.addBindValue(attachmentId);
    if (!query.exec())
        return std::unexpected(
            queryError(query, Tr::tr("Reading attachment %1").arg(attachmentId)));
    if (!query.next())
        return fail(ErrorCode::NotFound, Tr::tr("There is no attachment %1.").arg(attachmentId));
    return query.value(0).toByteArray();
}

Result<QList<CaseEvent>> CaseBook::applyDeadlineRules(const CaseTime &now)
{
    QSqlQuery query(m_workspace.database());
    query.prepare(QStringLiteral("SELECT fid FROM cases WHERE state IN ('in_handling', "
                                 "'supervised') AND suspended = 0 AND deadline IS NOT NULL AND "
                                 "deadline < ? ORDER BY deadline"));
    query.addBindValue(isoOrEmpty(now.wallTime()));
    if (!query.exec())
        return std::unexpected(queryError(query, Tr::tr("Finding overdue cases")));
    QList<qint64> overdue;
    while (query.next())
        overdue << query.value(0).toLongLong();

    QList<CaseEvent> applied;
    for (qint64 caseId : std::as_const(overdue)) {
        // One case whose history cannot be read must not stop the rules for every other case.
        auto file = this->file(caseId);
        if (!file) {
            qCWarning(lcWorkflow).noquote()
                << "deadline rules skip case" << caseId << "-" << file.error().message;
            continue;
        }
        const bool handling = file->state() == CaseState::InHandling;
        const std::optional<CaseAction> action =
            handling ? m_setup.onHandlingOverdue : m_setup.onSupervisionOverdue;
        if (!action || !Transitions::target(file->state(), *action))
            continue;

        ActionRequest request;
        request.action = *action;
        request.basedOnVersion = file->version();
        // Kept in the history as a name, not a sentence: the same in every interface language.
        request.actor = QStringLiteral("deadline rules");
        request.role = Role::System;
        request.at = now;
        const auto clock = StageClocks::current(*file, m_setup.categories, m_setup.calendar);
        const QString deadline = clock ? isoOrEmpty(clock->deadline) : QString();
        request.reason = handling ? Tr::tr("The handling time ran out at %1.").arg(deadline)
                                  : Tr::tr("The supervision time ran out at %1.").arg(deadline);
        if (*action == CaseAction::Escalate)
            request.unit = m_engine.units().unit(file->leadUnit()).value_or(OrgUnit()).parentCode;
        auto event = act(caseId, request);
        if (event)
            applied << *event;
        else
            qCWarning(lcWorkflow) << "deadline rule on case" << caseId
                                  << "not applied:" << event.error().message;
    }
    return applied;
}

Result<QList<CaseRecord>> CaseBook::possibleDuplicates(
    qint64 caseId, double metres, double hours) const
{
    auto original = record(caseId);
    if (!original)
        return std::unexpected(original.error());
    if (!original->location || !original->created.isValid())
        return QList<CaseRecord>();

    // A box a little larger than the circle, searched through the R-tree, then measured.
    const double degreesLat = metres / 111'000.0;
    const double degreesLon =
        degreesLat / std::max(0.01, std::cos(original->location->lat * std::numbers::pi / 180.0));
    const QDateTime created = original->created.wallTime();
    const qint64 span = qint64(hours * 3600);
    QSqlQuery query(m_workspace.database());
    // The same box through the R-tree of a GeoPackage or the GiST index of a PostgreSQL store.
    const QString inBox = m_workspace.isPostgres()
        ? QStringLiteral("FROM cases c WHERE c.shape && ST_MakeEnvelope(?, ?, ?, ?, 4326)")
        : QStringLiteral("FROM cases c JOIN rtree_cases_geom r ON r.id = c.fid WHERE r.minx <= ? "
                         "AND r.miny <= ? AND r.maxx >= ? AND r.maxy >= ?");
    query.prepare(
        QStringLiteral("SELECT c.fid %1 AND c.fid != ? AND c.category = ? AND c.state NOT "
                       "IN ('merged', 'cancelled', 'rejected') AND substr(c.created, 1, "
                       "19) BETWEEN ? AND ? ORDER BY c.created")
            .arg(inBox));
    const double west = original->location->lon - degreesLon;
    const double east = original->location->lon + degreesLon;
    const double south = original->location->lat - degreesLat;
    const double north = original->location->lat + degreesLat;
    const QList<QVariant> box = m_workspace.isPostgres()
        ? QList<QVariant> {west, south, east, north}
        : QList<QVariant> {east, north, west, south};
    for (const QVariant &value : box)
        query.addBindValue(value);
    for (const QVariant &value : {QVariant(caseId), QVariant(original->category),
             QVariant(isoOrEmpty(created.addSecs(-span))),
             QVariant(isoOrEmpty(created.addSecs(span)))})
        query.addBindValue(value);
    if (!query.exec())
        return std::unexpected(
            queryError(query, Tr::tr("Looking for duplicates of case %1").arg(caseId)));

    QList<CaseRecord> found;
    while (query.next()) {
        auto candidate = record(query.value(0).toLongLong());
        if (!candidate)
            return std::unexpected(candidate.error());
        const bool near = candidate->location
            && metresBetween(*candidate->location, *original->location) <= metres;
        if (near)
            found << *candidate;
    }
    return found;
}

Result<qint64> CaseBook::refreshDeadlines()
{
    QSqlQuery query(m_workspace.database());
    if (!query.exec(QStringLiteral("SELECT fid FROM cases WHERE state NOT IN ('evaluated', "
                                   "'rejected', 'cancelled', 'merged')")))
        return std::unexpected(queryError(query, Tr::tr("Finding open cases")));
    QList<qint64> open;
    while (query.next())
        open << query.value(0).toLongLong();
    auto statements = HistoryStatements::prepare(m_workspace);
    if (!statements)
        return std::unexpected(statements.error());
    for (qint64 caseId : std::as_const(open)) {
        auto file = loadFile(statements->load, caseId);
        if (!file) {
            // Its stored deadline stays as it was; the case itself reports what is wrong.
            qCWarning(lcWorkflow).noquote()
                << "deadline of case" << caseId << "not recomputed -" << file.error().message;
            continue;
        }
        if (!file->exists())
            continue;
        if (auto state = updateState(statements->update, *file); !state)
            return std::unexpected(state.error());
    }
    return qint64(open.size());
}

} // namespace GridDesk
