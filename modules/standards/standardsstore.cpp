// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "standardsstore.h"

#include "logging.h"

#include "domain/text.h"
#include "storage/workspace.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Standards)
};

Result<void> run(QSqlQuery &query, const QString &doing)
{
    if (query.exec())
        return {};
    qCWarning(lcStandards) << doing << "failed:" << query.lastError().text();
    return fail(ErrorCode::Database, Tr::tr("%1 failed: %2").arg(doing, query.lastError().text()));
}

QVariant dateValue(const QDate &date)
{
    return date.isValid() ? QVariant(date.toString(Qt::ISODate)) : QVariant();
}

QString orEmpty(const QString &text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

Result<QList<StandardNode>> readNodes(const Workspace &workspace)
{
    QSqlQuery query(workspace.database());
    query.prepare(QStringLiteral("SELECT id, parent_id, number, clause, root_code, title_zh, "
                                 "title_en, summary_zh, summary_en FROM standards_nodes"));
    if (auto done = run(query, Tr::tr("Reading the standards tree")); !done)
        return std::unexpected(done.error());
    QList<StandardNode> nodes;
    while (query.next()) {
        StandardNode node;
        node.id = query.value(0).toLongLong();
        node.parentId = query.value(1).toLongLong();
        node.number = query.value(2).toInt();
        node.clause = query.value(3).toString();
        node.code = query.value(4).toString();
        node.titleZh = query.value(5).toString();
        node.titleEn = query.value(6).toString();
        node.summaryZh = query.value(7).toString();
        node.summaryEn = query.value(8).toString();
        nodes << node;
    }
    return nodes;
}

Result<QList<AttachedStandard>> readAttached(const Workspace &workspace)
{
    QSqlQuery query(workspace.database());
    query.prepare(QStringLiteral("SELECT id, node_id, number, title, level, status, published, "
                                 "implemented, file_name, file_size, added_by, added_at FROM "
                                 "standards_attached ORDER BY id"));
    if (auto done = run(query, Tr::tr("Reading the attached standards")); !done)
        return std::unexpected(done.error());
    QList<AttachedStandard> standards;
    while (query.next()) {
        AttachedStandard standard;
        standard.id = query.value(0).toLongLong();
        standard.nodeId = query.value(1).toLongLong();
        standard.number = query.value(2).toString();
        standard.title = query.value(3).toString();
        standard.level =
            standardLevelFromKey(query.value(4).toString()).value_or(StandardLevel::Internal);
        standard.status =
            standardStatusFromKey(query.value(5).toString()).value_or(StandardStatus::InForce);
        standard.published = QDate::fromString(query.value(6).toString(), Qt::ISODate);
        standard.implemented = QDate::fromString(query.value(7).toString(), Qt::ISODate);
        standard.fileName = query.value(8).toString();
        standard.fileSize = query.value(9).toLongLong();
        standard.addedBy = query.value(10).toString();
        standard.addedAt = QDateTime::fromString(query.value(11).toString(), Qt::ISODateWithMs);
        standards << standard;
    }
    return standards;
}

Result<void> writeNodes(Workspace &workspace, const StandardsTree &tree)
{
    QSqlQuery clear(workspace.database());
    clear.prepare(QStringLiteral("DELETE FROM standards_nodes"));
    if (auto done = run(clear, Tr::tr("Saving the standards tree")); !done)
        return done;
    QSqlQuery row(workspace.database());
    row.prepare(QStringLiteral(
        "INSERT INTO standards_nodes (id, parent_id, number, clause, root_code, title_zh, "
        "title_en, summary_zh, summary_en) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (qint64 id : tree.preorder()) {
        const StandardNode &node = *tree.node(id);
        row.addBindValue(node.id);
        row.addBindValue(node.parentId == 0 ? QVariant() : QVariant(node.parentId));
        row.addBindValue(node.number);
        row.addBindValue(orEmpty(node.clause));
        row.addBindValue(node.parentId == 0 ? node.code : QStringLiteral(""));
        row.addBindValue(node.titleZh);
        row.addBindValue(node.titleEn);
        row.addBindValue(orEmpty(node.summaryZh));
        row.addBindValue(orEmpty(node.summaryEn));
        if (auto done = run(row, Tr::tr("Saving the standards tree")); !done)
            return done;
    }
    return {};
}

Result<void> writeHistory(
    Workspace &workspace, const QList<StandardsChange> &changes, const QString &by)
{
    QSqlQuery row(workspace.database());
    row.prepare(QStringLiteral("INSERT INTO standards_history (at, by, action, node_id, code, "
                               "detail) VALUES (?, ?, ?, ?, ?, ?)"));
    for (const StandardsChange &change : changes) {
        row.addBindValue(change.at.toUTC().toString(Qt::ISODateWithMs));
        row.addBindValue(by.isEmpty() ? QStringLiteral("?") : by);
        row.addBindValue(change.action);
        row.addBindValue(change.nodeId > 0 ? QVariant(change.nodeId) : QVariant());
        row.addBindValue(orEmpty(change.code));
        row.addBindValue(orEmpty(change.detail));
        if (auto done = run(row, Tr::tr("Recording the standards history")); !done)
            return done;
    }
    return {};
}

/// Nodes the file holds standards for that tree no longer has: saving would orphan them.
Result<void> checkNoOrphans(const Workspace &workspace, const StandardsTree &tree)
{
    auto standards = readAttached(workspace);
    if (!standards)
        return std::unexpected(standards.error());
    for (const AttachedStandard &standard : *standards) {
        if (!tree.node(standard.nodeId))
            return fail(ErrorCode::Conflict,
                Tr::tr("The standards tree was not saved: %1 is attached to a category it "
                       "would drop.")
                    .arg(standard.number));
    }
    return {};
}

/// Standards the file holds for a category its tree lacks: the file was changed outside GridDesk.
Result<void> checkAttachedNodes(const StandardsTree &tree, const QList<AttachedStandard> &standards)
{
    for (const AttachedStandard &standard : standards) {
        if (!tree.node(standard.nodeId))
            return fail(ErrorCode::InvalidRow,
                Tr::tr("The standard %1 (#%2) is attached to the standards node %3, which the "
                       "tree does not have.")
                    .arg(standard.number)
                    .arg(standard.id)
                    .arg(standard.nodeId));
    }
    return {};
}

Result<QByteArray> readDocument(const QString &path)
{
    const QFileInfo info(path);
    if (info.isDir())
        return fail(
            ErrorCode::InvalidArgument, Tr::tr("%1 is a folder, not a document.").arg(path));
    if (!info.isFile())
        return fail(ErrorCode::FileNotFound, Tr::tr("%1 does not exist.").arg(path));
    if (info.size() > StandardsStore::MAX_DOCUMENT_SIZE)
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("%1 is %2 bytes; a document kept in the workspace may be at most %3 MB (%4 "
                   "bytes).")
                .arg(info.fileName())
                .arg(info.size())
                .arg(StandardsStore::MAX_DOCUMENT_SIZE / (1024 * 1024))
                .arg(StandardsStore::MAX_DOCUMENT_SIZE));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::UnreadableFile,
            Tr::tr("%1 could not be read: %2").arg(path, file.errorString()));
    return file.readAll();
}

Result<void> checkStandard(
    const StandardsTree &tree, const StandardNode &node, const AttachedStandard &standard)
{
    if (standard.number.trimmed().isEmpty() || standard.title.trimmed().isEmpty())
        return fail(ErrorCode::InvalidArgument, Tr::tr("A standard needs a number and a title."));
    // Listings print one standard a line: a line break or a terminal escape would forge lines.
    const bool oneLine = printableText(standard.number) == standard.number
        && printableText(standard.title) == standard.title;
    if (!oneLine)
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("A standard's number and title must each be one line of text, without line "
                   "breaks or control characters."));
    for (const AttachedStandard &other : tree.attached(node.id)) {
        if (other.number.compare(standard.number.trimmed(), Qt::CaseInsensitive) == 0)
            return fail(ErrorCode::Conflict,
                Tr::tr("%1 is already attached to %2.").arg(other.number, node.code));
    }
    const bool datesInverted = standard.published.isValid() && standard.implemented.isValid()
        && standard.implemented < standard.published;
    if (datesInverted)
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("%1 cannot be implemented (%2) before it is published (%3).")
                .arg(standard.number, standard.implemented.toString(Qt::ISODate),
                    standard.published.toString(Qt::ISODate)));
    return {};
}

Result<qint64> insertStandard(
    Workspace &workspace, const AttachedStandard &standard, const QByteArray &content)
{
    QSqlQuery row(workspace.database());
    row.prepare(QStringLiteral(
        "INSERT INTO standards_attached (node_id, number, title, level, status, published, "
        "implemented, file_name, file_size, content, added_by, added_at) VALUES (?, ?, ?, ?, ?, "
        "?, ?, ?, ?, ?, ?, ?)"));
    row.addBindValue(standard.nodeId);
    row.addBindValue(standard.number);
    row.addBindValue(standard.title);
    row.addBindValue(standardLevelKey(standard.level));
    row.addBindValue(standardStatusKey(standard.status));
    row.addBindValue(dateValue(standard.published));
    row.addBindValue(dateValue(standard.implemented));
    row.addBindValue(orEmpty(standard.fileName));
    row.addBindValue(standard.fileSize);
    row.addBindValue(standard.fileName.isEmpty() ? QVariant() : QVariant(content));
    row.addBindValue(standard.addedBy);
    row.addBindValue(standard.addedAt.toUTC().toString(Qt::ISODateWithMs));
    if (auto done = run(row, Tr::tr("Attaching %1").arg(standard.number)); !done)
        return std::unexpected(done.error());
    return row.lastInsertId().toLongLong();
}

const QString REVISION_KEY = QStringLiteral("standards_revision");

/// Inside a write transaction: refuses when the workspace's tree moved on since tree was read,
/// else counts this write.
Result<void> claimRevision(Workspace &workspace, const StandardsTree &tree)
{
    const qint64 stored = workspace.metadata(REVISION_KEY).toLongLong();
    if (stored != tree.revision())
        return fail(ErrorCode::Conflict,
            Tr::tr("The standards tree was changed elsewhere since it was opened here (written %1 "
                   "time(s) now, %2 when opened). Reload it and make the changes again.")
                .arg(stored)
                .arg(tree.revision()));
    return workspace.setMetadata(REVISION_KEY, QString::number(stored + 1));
}

} // namespace

Result<StandardsTree> StandardsStore::load(const Workspace &workspace)
{
    auto nodes = readNodes(workspace);
    if (!nodes)
        return std::unexpected(nodes.error());
    auto tree = nodes->isEmpty() ? StandardsTree::shipped() : StandardsTree::fromNodes(*nodes);
    if (!tree)
        return tree;
    tree->setWorkspaceCopy(!nodes->isEmpty());
    tree->setRevision(workspace.metadata(REVISION_KEY).toLongLong());
    auto standards = readAttached(workspace);
    if (!standards)
        return std::unexpected(standards.error());
    if (auto checked = checkAttachedNodes(*tree, *standards); !checked)
        return std::unexpected(checked.error());
    tree->setAttached(*standards);
    return tree;
}

Result<void> StandardsStore::save(Workspace &workspace, StandardsTree &tree, const QString &by)
{
    auto saved = workspace.transaction([&]() -> Result<void> {
        if (auto claimed = claimRevision(workspace, tree); !claimed)
            return claimed;
        if (auto checked = checkNoOrphans(workspace, tree); !checked)
            return checked;
        if (auto written = writeNodes(workspace, tree); !written)
            return written;
        return writeHistory(workspace, tree.pendingChanges(), by);
    });
    if (!saved)
        return saved;
    qCInfo(lcStandards) << "standards tree saved:" << tree.size() << "nodes,"
                        << tree.pendingChanges().size() << "changes";
    tree.clearPendingChanges();
    tree.setWorkspaceCopy(true);
    tree.setRevision(tree.revision() + 1);
    return {};
}

Result<qint64> StandardsStore::attach(Workspace &workspace, StandardsTree &tree,
    const QString &code, AttachedStandard standard, const QString &documentPath, const QString &by)
{
    const StandardNode *node = tree.nodeByCode(code);
    if (!node)
        return fail(
            ErrorCode::NotFound, Tr::tr("The standards tree has no category %1.").arg(code));
    standard.number = standard.number.trimmed();
    standard.title = standard.title.trimmed();
    if (auto checked = checkStandard(tree, *node, standard); !checked)
        return std::unexpected(checked.error());
    QByteArray content;
    if (!documentPath.isEmpty()) {
        auto read = readDocument(documentPath);
        if (!read)
            return std::unexpected(read.error());
        content = *read;
        standard.fileName = QFileInfo(documentPath).fileName();
        standard.fileSize = content.size();
    }
    standard.nodeId = node->id;
    standard.addedBy = by.isEmpty() ? QStringLiteral("?") : by;
    standard.addedAt = QDateTime::currentDateTimeUtc();

    const StandardsChange change {0, standard.addedAt, by, QStringLiteral("attach"), node->id,
        node->code,
        Tr::tr("Attached %1 %2 (%3, %4).")
            .arg(standard.number, standard.title, standardLevelKey(standard.level),
                standardStatusKey(standard.status))};
    auto id = workspace.transaction<qint64>([&]() -> Result<qint64> {
        if (auto claimed = claimRevision(workspace, tree); !claimed)
            return std::unexpected(claimed.error());
        const bool seed = !tree.isWorkspaceCopy() || !tree.pendingChanges().isEmpty();
        if (seed) {
            if (auto written = writeNodes(workspace, tree); !written)
                return std::unexpected(written.error());
            if (auto logged = writeHistory(workspace, tree.pendingChanges(), by); !logged)
                return std::unexpected(logged.error());
        }
        auto inserted = insertStandard(workspace, standard, content);
        if (!inserted)
            return inserted;
        if (auto logged = writeHistory(workspace, {change}, by); !logged)
            return std::unexpected(logged.error());
        return inserted;
    });
    if (!id)
        return id;
    tree.clearPendingChanges();
    tree.setWorkspaceCopy(true);
    tree.setRevision(tree.revision() + 1);
    standard.id = *id;
    QList<AttachedStandard> all = tree.allAttached();
    all << standard;
    tree.setAttached(all);
    return id;
}

Result<void> StandardsStore::detach(
    Workspace &workspace, StandardsTree &tree, qint64 attachedId, const QString &by)
{
    QList<AttachedStandard> all = tree.allAttached();
    const auto it = std::find_if(all.begin(), all.end(),
        [attachedId](const AttachedStandard &standard) { return standard.id == attachedId; });
    if (it == all.end())
        return fail(
            ErrorCode::NotFound, Tr::tr("No standard with id %1 is attached.").arg(attachedId));
    const StandardNode *node = tree.node(it->nodeId);
    const StandardsChange change {0, QDateTime::currentDateTimeUtc(), by, QStringLiteral("detach"),
        it->nodeId, node ? node->code : QString(),
        Tr::tr("Detached %1 %2.").arg(it->number, it->title)};
    auto done = workspace.transaction([&]() -> Result<void> {
        if (auto claimed = claimRevision(workspace, tree); !claimed)
            return claimed;
        QSqlQuery remove(workspace.database());
        remove.prepare(QStringLiteral("DELETE FROM standards_attached WHERE id = ?"));
        remove.addBindValue(attachedId);
        if (auto removed = run(remove, Tr::tr("Detaching %1").arg(it->number)); !removed)
            return removed;
        return writeHistory(workspace, {change}, by);
    });
    if (!done)
        return done;
    tree.setRevision(tree.revision() + 1);
    all.erase(it);
    tree.setAttached(all);
    return {};
}

Result<QByteArray> StandardsStore::document(const Workspace &workspace, qint64 attachedId)
{
    QSqlQuery query(workspace.database());
    query.prepare(QStringLiteral("SELECT content FROM standards_attached WHERE id = ?"));
    query.addBindValue(attachedId);
    if (auto done = run(query, Tr::tr("Reading a standard's document")); !done)
        return std::unexpected(done.error());
    if (!query.next())
        return fail(
            ErrorCode::NotFound, Tr::tr("No standard with id %1 is attached.").arg(attachedId));
    return query.value(0).toByteArray();
}

Result<QList<StandardsChange>> StandardsStore::history(const Workspace &workspace, qint64 nodeId)
{
    QSqlQuery query(workspace.database());
    QString sql =
        QStringLiteral("SELECT id, at, by, action, node_id, code, detail FROM standards_history");
    if (nodeId > 0)
        sql += QStringLiteral(" WHERE node_id = ?");
    query.prepare(sql + QStringLiteral(" ORDER BY id"));
    if (nodeId > 0)
        query.addBindValue(nodeId);
    if (auto done = run(query, Tr::tr("Reading the standards history")); !done)
        return std::unexpected(done.error());
    QList<StandardsChange> changes;
    while (query.next()) {
        changes << StandardsChange {query.value(0).toLongLong(),
            QDateTime::fromString(query.value(1).toString(), Qt::ISODateWithMs),
            query.value(2).toString(), query.value(3).toString(), query.value(4).toLongLong(),
            query.value(5).toString(), query.value(6).toString()};
    }
    return changes;
}

} // namespace GridDesk
