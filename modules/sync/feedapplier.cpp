// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "feedapplier.h"

#include "logging.h"

#include "storage/workspace.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace GridDesk::Sync {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Sync)
};

/// The same event at both ends. The server writes the id of the command an event came from
/// into it; the desk knows which command wrote each event it made itself. Where both say, the ids
/// decide; otherwise (histories imported on both sides) the action, the state it led to and
/// the time must agree.
bool sameEvent(const CaseEvent &local, const QString &localCommand, const CaseEvent &server)
{
    if (local.sequence != server.sequence)
        return false;
    const QString serverCommand = server.data.value(COMMAND_KEY).toString();
    const QString serverOrigin = server.data.value(ORIGIN_COMMAND_KEY).toString();
    // An event taken from the server carries its command; one made here is the outbox's.
    const QString carried = local.data.value(COMMAND_KEY).toString();
    const QString ownCommand = carried.isEmpty() ? localCommand : carried;
    if (!serverCommand.isEmpty() || !ownCommand.isEmpty())
        return serverCommand == ownCommand
            || (!serverOrigin.isEmpty() && serverOrigin == ownCommand);
    return local.action == server.action && local.to == server.to
        && local.at.secondsTo(server.at) == 0;
}

/// How many events from the start the two histories share.
int sharedLength(const QList<CaseEvent> &local, const QHash<int, QString> &localCommands,
    const QList<CaseEvent> &server)
{
    int shared = 0;
    while (shared < local.size() && shared < server.size()
        && sameEvent(
            local.at(shared), localCommands.value(local.at(shared).sequence), server.at(shared)))
        ++shared;
    return shared;
}

bool isLinkEvent(const CaseEvent &event)
{
    return event.action == CaseAction::LinkEntry || event.action == CaseAction::UnlinkEntry;
}

/// Writes a case's links to register entries as its history (the server's) leaves them: each
/// link event adds its link, each unlink event takes it away.
Result<void> relinkEntries(Workspace &workspace, qint64 caseId, const QList<CaseEvent> &events)
{
    struct Link
    {
        QString code;
        QString role;
        QString by;
        QString at;
    };
    QList<Link> links;
    for (const CaseEvent &event : events) {
        if (!isLinkEvent(event))
            continue;
        const QString code = event.data.value(QLatin1String("entry")).toString();
        const QString role = event.data.value(QLatin1String("role")).toString();
        links.removeIf([&](const Link &link) { return link.code == code && link.role == role; });
        if (event.action == CaseAction::LinkEntry)
            links << Link {code, role, event.actor, event.at.toIso()};
    }
    QSqlQuery clear(workspace.database());
    clear.prepare(QStringLiteral("DELETE FROM case_entry_links WHERE case_id = ?"));
    clear.addBindValue(caseId);
    const QString doing = Tr::tr("Writing the register links of case %1").arg(caseId);
    if (!clear.exec())
        return fail(ErrorCode::Database, Tr::tr("%1: %2").arg(doing, clear.lastError().text()));
    QSqlQuery insert(workspace.database());
    insert.prepare(QStringLiteral("INSERT INTO case_entry_links (case_id, entry_code, "
                                  "role, linked_by, linked_at) VALUES (?, ?, ?, ?, ?)"));
    for (const Link &link : std::as_const(links)) {
        for (const QVariant &value : {QVariant(caseId), QVariant(link.code), QVariant(link.role),
                 QVariant(link.by), QVariant(link.at)})
            insert.addBindValue(value);
        if (!insert.exec())
            return fail(
                ErrorCode::Database, Tr::tr("%1: %2").arg(doing, insert.lastError().text()));
    }
    return {};
}

} // namespace

Result<std::optional<qint64>> caseIdOf(Workspace &workspace, const CaseKey &key)
{
    QSqlQuery query(workspace.database());
    query.prepare(QStringLiteral("SELECT fid FROM cases WHERE source = ? AND external_id = ?"));
    query.addBindValue(key.source);
    query.addBindValue(key.externalId);
    if (!query.exec()) {
        return fail(ErrorCode::Database,
            Tr::tr("Finding case %1 %2: %3")
                .arg(key.source, key.externalId, query.lastError().text()));
    }
    if (!query.next())
        return std::optional<qint64>();
    return std::optional<qint64>(query.value(0).toLongLong());
}

Result<FeedSummary> applySnapshots(CaseBook &book, Outbox &outbox,
    const QList<CaseSnapshot> &snapshots, std::optional<qint64> cursor)
{
    Workspace &workspace = book.workspace();
    return workspace.transaction<FeedSummary>([&]() -> Result<FeedSummary> {
        FeedSummary summary;
        // The statements every case of the page uses, prepared once for the page.
        const CaseBook::StatementScope statements(book);
        QSqlQuery find(workspace.database());
        find.setForwardOnly(true);
        find.prepare(QStringLiteral("SELECT fid FROM cases WHERE source = ? AND external_id = ?"));
        const auto findCase = [&](const CaseKey &key) -> Result<std::optional<qint64>> {
            find.addBindValue(key.source);
            find.addBindValue(key.externalId);
            if (!find.exec()) {
                return fail(ErrorCode::Database,
                    Tr::tr("Finding case %1 %2: %3")
                        .arg(key.source, key.externalId, find.lastError().text()));
            }
            std::optional<qint64> found;
            if (find.next())
                found = find.value(0).toLongLong();
            find.finish();
            return found;
        };

        // The rows first, so that events naming another case of the page find it; the new
        // ones in one go.
        QList<qint64> ids;
        QList<bool> fresh;
        QList<CaseRecord> added;
        QList<qsizetype> addedAt;
        QList<qint64> known;
        for (const CaseSnapshot &snapshot : snapshots) {
            auto id = findCase(snapshot.key);
            if (!id)
                return std::unexpected(id.error());
            ids << id->value_or(0);
            fresh << !id->has_value();
            if (*id) {
                known << **id;
                continue;
            }
            added << snapshot.record;
            added.last().id = 0;
            addedAt << ids.size() - 1;
        }
        // The server places cases in its grids, which may be an edition ahead.
        auto locals = book.records(known);
        if (!locals)
            return std::unexpected(locals.error());
        std::vector<CaseLocation> moved;
        for (qsizetype index = 0; index < snapshots.size(); ++index) {
            if (fresh.at(index))
                continue;
            const CaseRecord &server = snapshots.at(index).record;
            auto local = locals->constFind(ids.at(index)) != locals->constEnd()
                ? Result<CaseRecord>(locals->value(ids.at(index)))
                : book.record(ids.at(index)); // says what is wrong
            if (!local)
                return std::unexpected(local.error());
            if (local->gridCode != server.gridCode || local->flags != server.flags)
                moved.push_back({local->id, local->location, server.gridCode, server.flags});
        }
        if (!moved.empty()) {
            if (auto placed = workspace.setCaseGrids(moved); !placed)
                return std::unexpected(placed.error());
        }
        // New cases are written once, each row with the state its history leads to, and their
        // events below. A page naming a new case twice (no server sends one) takes the way
        // known cases go: the row saved, then the history adopted and the state written.
        QSet<std::pair<QString, QString>> addedKeys;
        for (const CaseRecord &record : std::as_const(added))
            addedKeys.insert({record.source, record.externalId});
        const bool writtenOnce = addedKeys.size() == added.size();
        if (!added.isEmpty()) {
            QList<QList<CaseEvent>> histories;
            for (const qsizetype at : std::as_const(addedAt))
                histories << snapshots.at(at).events;
            auto saved =
                writtenOnce ? book.addAdoptedCases(added, histories) : workspace.saveCases(added);
            if (!saved)
                return std::unexpected(saved.error());
            for (qsizetype index = 0; index < added.size(); ++index)
                ids[addedAt.at(index)] = added.at(index).id;
        }

        // What the outbox holds for the page's cases, read at once. A case whose commands
        // change below (a push's answers may name one case twice) is read again on its own.
        auto outboxed = outbox.commandsOfCases(ids);
        if (!outboxed)
            return std::unexpected(outboxed.error());
        QSet<qint64> reread;
        for (qsizetype index = 0; index < snapshots.size(); ++index) {
            const CaseSnapshot &snapshot = snapshots.at(index);
            const qint64 caseId = ids.at(index);
            const bool cached = !reread.contains(caseId);
            const Outbox::CaseCommands commandsHere = outboxed->value(caseId);
            QList<CaseEvent> events = snapshot.events;
            for (CaseEvent &event : events) {
                for (const char *link : CASE_LINK_KEYS) {
                    const QJsonValue placeholder = event.data.value(QLatin1String(link));
                    if (placeholder.isUndefined())
                        continue;
                    const CaseKey key = snapshot.linked.value(placeholder.toInteger());
                    auto linked = findCase(key);
                    if (!linked)
                        return std::unexpected(linked.error());
                    if (*linked)
                        event.data.insert(QLatin1String(link), **linked);
                    else
                        event.data.remove(QLatin1String(link));
                }
            }

            QList<CaseEvent> local;
            QHash<int, QString> localCommands;
            if (!fresh.at(index)) {
                auto file = book.file(caseId);
                if (!file)
                    return std::unexpected(file.error());
                local = file->events();
                if (cached) {
                    localCommands = commandsHere.commands;
                } else {
                    auto commands = outbox.commandsOf(caseId);
                    if (!commands)
                        return std::unexpected(commands.error());
                    localCommands = *commands;
                }
            }
            const int shared = sharedLength(local, localCommands, events);
            if (shared == events.size()) {
                // The desk has all the server has. Its later events stay while their commands
                // wait to be sent; one the server refused, or one never sent, goes with all
                // after it, which were based on it.
                auto pending =
                    cached ? Result<QSet<int>>(commandsHere.pending) : outbox.pendingEvents(caseId);
                if (!pending)
                    return std::unexpected(pending.error());
                bool waiting = true;
                for (qsizetype later = shared; later < local.size() && waiting; ++later)
                    waiting = pending->contains(local.at(later).sequence);
                if (waiting) {
                    ++summary.unchanged;
                    continue;
                }
            }
            const auto why = [shared] {
                return Tr::tr("The server's history of the case differs from event %1 on: "
                              "another desk acted first, or the server refused the action.")
                    .arg(shared + 1);
            };
            // Only commands still waiting, of events after the shared ones, are rejected:
            // where the outbox holds none, there is nothing to write.
            const bool waitingAfter = !cached
                || std::any_of(commandsHere.pending.cbegin(), commandsHere.pending.cend(),
                    [shared](int sequence) { return sequence > shared; });
            auto rejected =
                waitingAfter ? outbox.rejectSuperseded(caseId, shared, why()) : Result<int>(0);
            if (!rejected)
                return std::unexpected(rejected.error());
            reread.insert(caseId);
            Result<QList<CaseEvent>> superseded = QList<CaseEvent>();
            if (fresh.at(index) && writtenOnce) {
                if (auto written = book.appendAdopted(caseId, events); !written)
                    superseded = std::unexpected(written.error());
            } else {
                superseded = book.adoptHistory(caseId, shared, events, why());
            }
            if (!superseded) {
                return std::unexpected(
                    superseded.error().at(Tr::tr("Case %1 %2 from the server")
                                              .arg(snapshot.key.source, snapshot.key.externalId)));
            }
            const bool links = std::any_of(events.cbegin() + shared, events.cend(), isLinkEvent)
                || std::any_of(superseded->cbegin(), superseded->cend(), isLinkEvent);
            if (links) {
                if (auto relinked = relinkEntries(workspace, caseId, events); !relinked)
                    return std::unexpected(relinked.error());
            }
            summary.rejectedHere += *rejected;
            summary.superseded += int(superseded->size());
            if (fresh.at(index))
                ++summary.added;
            else
                ++summary.updated;
        }
        if (cursor) {
            if (auto moved = outbox.setCursor(*cursor); !moved)
                return std::unexpected(moved.error());
        }
        qCInfo(lcSync) << "feed page:" << summary.added << "added," << summary.updated << "updated,"
                       << summary.superseded << "events superseded";
        return summary;
    });
}

} // namespace GridDesk::Sync
