// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "standardsdocument.h"

#include "logging.h"

#include "standards/standardsstore.h"
#include "storage/workspace.h"

#include <QFile>
#include <QFileInfo>
#include <QUndoCommand>
#include <QUndoStack>

namespace GridDesk {

namespace {

class SnapshotCommand : public QUndoCommand
{
public:
    SnapshotCommand(StandardsDocument *document, const QString &text,
        StandardsDocument::State before, StandardsDocument::State after)
        : QUndoCommand(text)
        , m_document(document)
        , m_before(std::move(before))
        , m_after(std::move(after))
    { }

    void undo() override { m_document->restore(m_before); }
    void redo() override { m_document->restore(m_after); }

private:
    StandardsDocument *m_document;
    StandardsDocument::State m_before;
    StandardsDocument::State m_after;
};

/// What identifies a saved tree: its nodes with their places and texts and the ids of its
/// attached standards. Two reads of an unchanged workspace give the same text.
QString fingerprint(const StandardsTree &tree)
{
    QStringList parts;
    for (qint64 id : tree.preorder()) {
        const StandardNode &node = *tree.node(id);
        parts << QStringLiteral("%1/%2/%3/%4/%5/%6/%7/%8")
                     .arg(node.id)
                     .arg(node.parentId)
                     .arg(node.number)
                     .arg(node.clause, node.titleZh, node.titleEn, node.summaryZh, node.summaryEn);
    }
    QList<qint64> attached;
    for (const AttachedStandard &standard : tree.allAttached())
        attached << standard.id;
    std::sort(attached.begin(), attached.end());
    for (qint64 id : attached)
        parts << QString::number(id);
    return parts.join(u'\n');
}

Result<void> checkDocument(const QString &path)
{
    const QFileInfo info(path);
    if (!info.isFile())
        return fail(ErrorCode::FileNotFound, StandardsDocument::tr("%1 does not exist.").arg(path));
    if (info.size() > StandardsStore::MAX_DOCUMENT_SIZE)
        //: %1 file name, %2 its size in MB, %3 the largest size in MB
        return fail(ErrorCode::InvalidArgument,
            StandardsDocument::tr("%1 is %2 MB; a document kept in the workspace may be at most "
                                  "%3 MB.")
                .arg(info.fileName())
                .arg(double(info.size()) / (1024 * 1024), 0, 'f', 1)
                .arg(StandardsStore::MAX_DOCUMENT_SIZE / (1024 * 1024)));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::UnreadableFile,
            StandardsDocument::tr("%1 cannot be read: %2").arg(path, file.errorString()));
    return {};
}

Result<void> checkStandard(const StandardsTree &tree, qint64 nodeId, const AttachedStandard &one)
{
    if (one.number.isEmpty() || one.title.isEmpty())
        return fail(ErrorCode::InvalidArgument,
            StandardsDocument::tr("A standard needs a number and a title."));
    for (const AttachedStandard &other : tree.attached(nodeId)) {
        if (other.number.compare(one.number, Qt::CaseInsensitive) == 0)
            return fail(ErrorCode::Conflict,
                StandardsDocument::tr("%1 is already attached to %2.")
                    .arg(other.number, tree.node(nodeId)->code));
    }
    const bool inverted =
        one.published.isValid() && one.implemented.isValid() && one.implemented < one.published;
    if (inverted)
        //: %1 standard number, %2 and %3 dates
        return fail(ErrorCode::InvalidArgument,
            StandardsDocument::tr("%1 cannot be implemented (%2) before it is published (%3).")
                .arg(one.number, one.implemented.toString(Qt::ISODate),
                    one.published.toString(Qt::ISODate)));
    return {};
}

} // namespace

bool mayEditStandards(const QString &role)
{
    const QString key = role.trimmed().toLower();
    return key == QLatin1String("leader") || key == QLatin1String("administrator");
}

StandardsDocument::StandardsDocument(QObject *parent)
    : QObject(parent)
    , m_undo(new QUndoStack(this))
{
    connect(m_undo, &QUndoStack::cleanChanged, this,
        [this](bool clean) { Q_EMIT modifiedChanged(!clean); });
}

StandardsDocument::~StandardsDocument() = default;

Result<void> StandardsDocument::open(const QString &path)
{
    auto workspace = Workspace::open(path);
    if (!workspace)
        return std::unexpected(workspace.error());
    auto tree = StandardsStore::load(**workspace);
    if (!tree)
        return std::unexpected(tree.error());

    m_workspace = std::move(*workspace);
    m_path = path;
    qCInfo(lcStandardsEdit) << "opened the standards tree of" << path << "with" << tree->size()
                            << "categories";
    startFrom(std::move(*tree));
    return {};
}

void StandardsDocument::setTree(const StandardsTree &tree)
{
    startFrom(tree);
}

void StandardsDocument::startFrom(StandardsTree tree)
{
    m_undo->clear();
    m_fingerprint = fingerprint(tree);
    m_state = State {std::move(tree), {}, {}, {}};
    Q_EMIT treeChanged();
}

void StandardsDocument::setUser(const QString &name, const QString &role)
{
    m_user = name;
    m_role = role;
}

bool StandardsDocument::mayEdit() const
{
    return !m_user.isEmpty() && mayEditStandards(m_role);
}

QString StandardsDocument::readOnlyReason() const
{
    if (m_user.isEmpty())
        return tr("Read only: the desk acts as nobody. Choose a user to edit the standards tree.");
    if (!mayEditStandards(m_role))
        //: %1 is a person, %2 their role key
        return tr("Read only: %1 acts in the role \"%2\"; only leaders and administrators change "
                  "the standards tree.")
            .arg(m_user, m_role);
    return {};
}

bool StandardsDocument::isModified() const
{
    return !m_undo->isClean();
}

void StandardsDocument::push(const QString &text, State after)
{
    // The command's first redo puts the new state in place and tells the views.
    m_undo->push(new SnapshotCommand(this, text, m_state, std::move(after)));
}

void StandardsDocument::restore(const State &state)
{
    m_state = state;
    Q_EMIT treeChanged();
}

Result<void> StandardsDocument::apply(const QString &text, const Change &change)
{
    if (!mayEdit())
        return fail(ErrorCode::Forbidden, readOnlyReason());

    State after = m_state;
    if (auto done = change(after.tree); !done)
        return done;
    push(text, std::move(after));
    return {};
}

Result<qint64> StandardsDocument::attach(
    qint64 nodeId, AttachedStandard standard, const QString &documentPath)
{
    if (!mayEdit())
        return fail(ErrorCode::Forbidden, readOnlyReason());
    const StandardNode *node = m_state.tree.node(nodeId);
    if (!node)
        return fail(ErrorCode::NotFound, tr("The category to attach to no longer exists."));

    standard.number = standard.number.trimmed();
    standard.title = standard.title.trimmed();
    if (auto checked = checkStandard(m_state.tree, nodeId, standard); !checked)
        return std::unexpected(checked.error());
    if (!documentPath.isEmpty()) {
        if (auto readable = checkDocument(documentPath); !readable)
            return std::unexpected(readable.error());
        standard.fileName = QFileInfo(documentPath).fileName();
        standard.fileSize = QFileInfo(documentPath).size();
    }

    // Standards not saved yet have negative ids, so they never meet a saved one.
    QList<AttachedStandard> all = m_state.tree.allAttached();
    qint64 id = -1;
    for (const AttachedStandard &other : all)
        id = std::min(id, other.id - 1);
    standard.id = id;
    standard.nodeId = nodeId;
    standard.addedBy = m_user;
    standard.addedAt = QDateTime::currentDateTimeUtc();
    all << standard;

    State after = m_state;
    after.tree.setAttached(all);
    if (!documentPath.isEmpty())
        after.documents.insert(id, documentPath);
    after.records << StandardsChange {0, standard.addedAt, m_user, QStringLiteral("attach"), nodeId,
        node->code, tr("Attached %1 %2.").arg(standard.number, standard.title)};
    push(tr("Attach %1 to %2").arg(standard.number, node->code), std::move(after));
    return id;
}

Result<void> StandardsDocument::detach(qint64 attachedId)
{
    if (!mayEdit())
        return fail(ErrorCode::Forbidden, readOnlyReason());
    const AttachedStandard *found = attachedById(attachedId);
    if (!found)
        return fail(ErrorCode::NotFound, tr("That standard is no longer attached."));

    const AttachedStandard standard = *found;
    const StandardNode *node = m_state.tree.node(standard.nodeId);
    QList<AttachedStandard> all = m_state.tree.allAttached();
    all.removeIf([attachedId](const AttachedStandard &one) { return one.id == attachedId; });
    State after = m_state;
    after.tree.setAttached(all);
    after.documents.remove(attachedId);
    if (attachedId > 0)
        after.detached << attachedId;
    after.records << StandardsChange {0, QDateTime::currentDateTimeUtc(), m_user,
        QStringLiteral("detach"), standard.nodeId, node->code,
        tr("Detached %1 %2.").arg(standard.number, standard.title)};
    push(tr("Detach %1 from %2").arg(standard.number, node->code), std::move(after));
    return {};
}

const AttachedStandard *StandardsDocument::attachedById(qint64 attachedId) const
{
    for (qint64 id : m_state.tree.preorder()) {
        for (const AttachedStandard &standard : m_state.tree.attached(id)) {
            if (standard.id == attachedId)
                return &standard;
        }
    }
    return nullptr;
}

Result<QByteArray> StandardsDocument::document(qint64 attachedId) const
{
    if (attachedId < 0) {
        const QString path = m_state.documents.value(attachedId);
        QFile file(path);
        if (path.isEmpty() || !file.open(QIODevice::ReadOnly))
            return fail(ErrorCode::UnreadableFile,
                tr("The document chosen for this standard cannot be read: %1")
                    .arg(path.isEmpty() ? tr("none was chosen") : file.errorString()));
        return file.readAll();
    }
    if (!m_workspace)
        return fail(ErrorCode::NotFound, tr("No workspace is open."));
    return StandardsStore::document(*m_workspace, attachedId);
}

Result<void> StandardsDocument::checkUnchangedElsewhere() const
{
    auto current = StandardsStore::load(*m_workspace);
    if (!current)
        return std::unexpected(current.error());
    if (fingerprint(*current) != m_fingerprint)
        return fail(ErrorCode::Conflict,
            tr("The standards tree of this workspace was changed elsewhere since it was opened "
               "here; saving would overwrite those changes."));
    return {};
}

Result<void> StandardsDocument::save()
{
    if (!m_workspace)
        return fail(ErrorCode::NotFound, tr("No workspace is open."));
    if (!mayEdit())
        return fail(ErrorCode::Forbidden, readOnlyReason());
    if (auto unchanged = checkUnchangedElsewhere(); !unchanged)
        return unchanged;
    // A document that went away since it was chosen refuses before anything is written.
    for (const QString &path : std::as_const(m_state.documents)) {
        if (auto readable = checkDocument(path); !readable)
            return readable;
    }

    auto written = StandardsStore::load(*m_workspace);
    if (!written)
        return std::unexpected(written.error());
    for (qint64 id : std::as_const(m_state.detached)) {
        if (auto done = StandardsStore::detach(*m_workspace, *written, id, m_user); !done)
            return done;
    }
    const QList<AttachedStandard> kept = written->allAttached();
    StandardsTree tree = m_state.tree;
    tree.setAttached(kept);
    // The detaching above counted as writes; the tree goes on from the workspace's count.
    tree.setRevision(written->revision());
    if (!tree.pendingChanges().isEmpty()) {
        if (auto done = StandardsStore::save(*m_workspace, tree, m_user); !done)
            return done;
    }
    if (auto done = writeAttached(tree); !done)
        return done;

    qCInfo(lcStandardsEdit) << "saved the standards tree of" << m_path;
    startFrom(std::move(tree));
    Q_EMIT saved();
    return {};
}

Result<void> StandardsDocument::writeAttached(StandardsTree &written)
{
    for (AttachedStandard standard : m_state.tree.allAttached()) {
        if (standard.id > 0)
            continue;
        const QString code = written.node(standard.nodeId)->code;
        const QString path = m_state.documents.value(standard.id);
        standard.id = 0;
        auto done = StandardsStore::attach(*m_workspace, written, code, standard, path, m_user);
        if (!done)
            return std::unexpected(done.error());
    }
    return {};
}

Result<void> StandardsDocument::reload()
{
    if (!m_workspace)
        return fail(ErrorCode::NotFound, tr("No workspace is open."));
    auto tree = StandardsStore::load(*m_workspace);
    if (!tree)
        return std::unexpected(tree.error());
    startFrom(std::move(*tree));
    return {};
}

QList<StandardsChange> StandardsDocument::history(qint64 nodeId) const
{
    QList<StandardsChange> changes;
    if (m_workspace) {
        auto saved = StandardsStore::history(*m_workspace, nodeId);
        if (saved)
            changes = *saved;
        else
            qCWarning(lcStandardsEdit)
                << "reading the history of node" << nodeId << "failed:" << saved.error().message;
    }
    QList<StandardsChange> unsaved = m_state.tree.pendingChanges() + m_state.records;
    unsaved.removeIf([nodeId](const StandardsChange &change) { return change.nodeId != nodeId; });
    std::stable_sort(unsaved.begin(), unsaved.end(),
        [](const StandardsChange &a, const StandardsChange &b) { return a.at < b.at; });
    return changes + unsaved;
}

} // namespace GridDesk
