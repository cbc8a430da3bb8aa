// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "registersync.h"

#include "logging.h"

#include "storage/workspace.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>

namespace GridDesk::Sync {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Sync)
};

/// The last line of the register's history turned into a command (or, before the first sync,
/// the last line of the register the workspace came with).
const QString QUEUED_KEY = QStringLiteral("register_queued_history");
const QString CURSOR_KEY = QStringLiteral("register_cursor");
/// Four letters the entries numbered at this desk carry in their codes (RegisterBook::nextCode).
const QString TAG_KEY = QStringLiteral("register_code_tag");

Result<void> run(QSqlQuery &query, const QString &doing)
{
    if (query.exec())
        return {};
    return fail(ErrorCode::Database, Tr::tr("%1: %2").arg(doing, query.lastError().text()));
}

QString newTag()
{
    // Letters and digits that cannot be read as one another.
    static const QString letters = QStringLiteral("ABCDEFGHJKLMNPQRSTUVWXYZ23456789");
    QString tag;
    for (int i = 0; i < 4; ++i)
        tag += letters.at(int(QRandomGenerator::system()->bounded(quint32(letters.size()))));
    return tag;
}

} // namespace

qint64 registerCursor(const Workspace &ws)
{
    return ws.metadata(CURSOR_KEY).toLongLong();
}

Result<void> setRegisterCursor(Workspace &ws, qint64 cursor)
{
    return ws.setMetadata(CURSOR_KEY, QString::number(cursor));
}

Result<int> queueRegisterChanges(Workspace &ws, Outbox &outbox)
{
    return ws.transaction<int>([&]() -> Result<int> {
        if (ws.metadata(TAG_KEY).isEmpty()) {
            if (auto tagged = ws.setMetadata(TAG_KEY, newTag()); !tagged)
                return std::unexpected(tagged.error());
        }
        const QString mark = ws.metadata(QUEUED_KEY);
        if (mark.isEmpty()) {
            QSqlQuery last(ws.database());
            last.prepare(QStringLiteral("SELECT coalesce(max(id), 0) FROM register_history"));
            if (auto read = run(last, Tr::tr("Reading the register's history")); !read)
                return std::unexpected(read.error());
            last.next();
            if (auto marked = ws.setMetadata(QUEUED_KEY, last.value(0).toString()); !marked)
                return std::unexpected(marked.error());
            return 0;
        }
        auto book = RegisterBook::load(ws);
        if (!book)
            return std::unexpected(book.error());
        auto lines = book->historyAfter(mark.toLongLong(), 0, true);
        if (!lines)
            return std::unexpected(lines.error());
        if (lines->isEmpty())
            return 0;

        int queued = 0;
        for (qsizetype i = 0; i < lines->size(); ++i) {
            const RegisterChange &line = lines->at(i);
            // Re-homing follows a grid edition, which the server applies itself; the entry
            // merged away goes with the merge's line on the entry kept.
            if (line.action == QLatin1String("rehomed")
                || line.data.contains(QLatin1String("into")))
                continue;
            // The entry after this change: as the next change of it found it, or as it is now.
            std::optional<RegisterEntry> after;
            for (qsizetype next = i + 1; next < lines->size() && !after; ++next) {
                if (lines->at(next).code == line.code)
                    after = lines->at(next).before;
            }
            if (!after) {
                auto now = book->entry(line.code);
                if (!now)
                    return std::unexpected(now.error());
                after = *now;
            }
            if (!after)
                continue;
            RegisterCommand command;
            command.id = newCommandId();
            command.action = line.action;
            command.basedOn = std::max(0, line.version - 1);
            command.at = line.changedAt;
            command.madeBy = line.changedBy;
            command.note = line.note;
            command.entry = *after;
            command.gone = line.data.value(QLatin1String("with")).toString();
            if (auto recorded = outbox.recordRegister(command); !recorded)
                return std::unexpected(recorded.error());
            ++queued;
        }
        if (auto marked = ws.setMetadata(QUEUED_KEY, QString::number(lines->last().id)); !marked)
            return std::unexpected(marked.error());
        qCInfo(lcSync) << queued << "register changes queued for the server";
        return queued;
    });
}

Result<int> adoptRegisterItems(Workspace &ws, Outbox &outbox, const QList<RegisterItem> &items)
{
    if (items.isEmpty())
        return 0;
    return ws.transaction<int>([&]() -> Result<int> {
        auto book = RegisterBook::load(ws);
        if (!book)
            return std::unexpected(book.error());

        // Entries with a change of this desk on its way keep the desk's version for now.
        QSet<QString> pending;
        auto waiting = outbox.waiting(CommandKind::Register);
        if (!waiting)
            return std::unexpected(waiting.error());
        for (const OutboxEntry &entry : std::as_const(*waiting)) {
            pending.insert(entry.key.externalId);
            pending.insert(entry.body.value(QLatin1String("gone")).toString());
        }
        const QString mark = ws.metadata(QUEUED_KEY);
        if (!mark.isEmpty()) {
            auto unqueued = book->historyAfter(mark.toLongLong(), 0, true);
            if (!unqueued)
                return std::unexpected(unqueued.error());
            for (const RegisterChange &line : std::as_const(*unqueued))
                pending.insert(line.code);
        }

        QSqlQuery held(ws.database());
        held.prepare(QStringLiteral(
            "SELECT version, action, changed_at FROM register_history WHERE entry_code = ?"));
        int changed = 0;
        for (const RegisterItem &item : items) {
            held.addBindValue(item.code);
            if (auto read = run(held, Tr::tr("Reading the history of %1").arg(item.code)); !read)
                return std::unexpected(read.error());
            const auto lineKey = [](int version, const QString &action, const QString &at) {
                return QStringLiteral("%1|%2|%3").arg(version).arg(action, at);
            };
            QSet<QString> known;
            while (held.next())
                known.insert(lineKey(
                    held.value(0).toInt(), held.value(1).toString(), held.value(2).toString()));
            held.finish();
            QList<RegisterChange> fresh;
            for (const RegisterChange &change : item.changes) {
                if (!known.contains(lineKey(change.version, change.action,
                        change.changedAt.toUTC().toString(Qt::ISODate))))
                    fresh << change;
            }
            auto here = book->entry(item.code);
            if (!here)
                return std::unexpected(here.error());
            std::optional<RegisterEntry> taken = item.entry;
            if (pending.contains(item.code)) {
                taken = *here;
            } else {
                const bool same = taken && *here && taken->sameContent(**here)
                    && taken->version == (*here)->version;
                if (!same && (taken || *here))
                    ++changed;
            }
            if (!taken && !*here && fresh.isEmpty())
                continue;
            if (auto adopted = book->adopt(item.code, taken, fresh); !adopted)
                return std::unexpected(adopted.error());
        }
        return changed;
    });
}

Result<RegisterEntry> redoRejectedRegister(
    Workspace &ws, Outbox &outbox, qint64 entryId, const QString &by, const QDateTime &at)
{
    auto entry = outbox.rejected(entryId, CommandKind::Register);
    if (!entry)
        return std::unexpected(entry.error());
    auto command = registerCommandFromJson(entry->body);
    if (!command)
        return std::unexpected(command.error());
    if (command->action == QLatin1String("created"))
        return fail(ErrorCode::NotAllowed,
            Tr::tr("Command %1 added the entry %2, which the server refused; add it again with "
                   "what the server needs (or merge it with the entry it duplicates), or discard "
                   "the command.")
                .arg(entryId)
                .arg(command->entry.code));
    auto book = RegisterBook::load(ws);
    if (!book)
        return std::unexpected(book.error());
    return ws.transaction<RegisterEntry>([&]() -> Result<RegisterEntry> {
        const auto makeAgain = [&]() -> Result<RegisterEntry> {
            if (command->action == QLatin1String("merged"))
                return book->merge(command->entry.code, command->gone, by, at);
            if (command->action == QLatin1String("verified"))
                return book->verify(command->entry.code, by, at);
            auto current = book->entry(command->entry.code);
            if (!current)
                return std::unexpected(current.error());
            if (!*current)
                return fail(ErrorCode::NotFound,
                    Tr::tr("The register has no entry %1 any more.").arg(command->entry.code));
            return book->update(command->entry, (*current)->version, by, at, command->note);
        };
        auto made = makeAgain();
        if (!made)
            return made;
        if (auto marked = outbox.markRedone(entryId); !marked)
            return std::unexpected(marked.error());
        return made;
    });
}

} // namespace GridDesk::Sync
