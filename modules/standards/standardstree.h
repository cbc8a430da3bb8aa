// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "standards/attachedstandard.h"

#include "domain/error.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

namespace GridDesk {

/// One category of the standard system: a sub-system (JC100 general basics, TG200 service
/// provision, GL200 service management, GZ300 post work), one of their subsystems or clauses,
/// or a category the organisation added.
struct StandardNode
{
    qint64 id = 0; ///< stable across moves and renumbering; attached standards refer to it
    qint64 parentId = 0; ///< 0 for the four sub-systems
    int number = 0; ///< place among its siblings, from 1; the last digit of its code
    int depth = 1; ///< 1 for a sub-system
    QString code; ///< "TG246", "GL251-3-1": follows from the numbers of the node and its ancestors
    QString
        clause; ///< the standard's clause ("6.4.6"); empty for a category the organisation added
    QString titleZh;
    QString titleEn;
    QString summaryZh;
    QString summaryEn;
};

/// One recorded change of the standards tree or of the standards attached to it.
struct StandardsChange
{
    qint64 id = 0; ///< 0 until saved
    QDateTime at;
    QString by;
    QString action; ///< "add", "remove", "move", "renumber", "attach", "detach"
    qint64 nodeId = 0;
    QString code; ///< the node's code when the change was made
    QString detail; ///< what changed, in words
};

/// What a new category holds. Both titles are required; summaries may follow later.
struct NewCategory
{
    QString titleZh;
    QString titleEn;
    QString summaryZh;
    QString summaryEn;
};

/// The standard system as a tree in memory: the shipped one or a workspace's copy (see
/// StandardsStore), with the standards attached to its nodes. Nodes are addressed by id, as
/// an item model would address them: roots(), children(), parentId and row() give the shape.
///
/// Edits (clause 4.4.2: categories may be added and removed) change the tree in memory, keep
/// every code unique and well-formed, refuse with the reason when they cannot, and queue a
/// StandardsChange each; StandardsStore::save() writes them. A tree is a plain value: copy it
/// to try an edit. Not thread-safe; use it from one thread.
class StandardsTree
{
public:
    /// The standard system as GridDesk ships it (clauses 5–8 of the standard), from the
    /// compiled-in resource. Ids are given in tree order from 1.
    static Result<StandardsTree> shipped();
    /// Reads the shipped format: {"nodes": [{code, clause, title: {zh, en}, summary: {zh, en},
    /// children: [...]}]}. Fails when a code is not the one the clause numbering gives.
    static Result<StandardsTree> fromJson(const QByteArray &json);
    /// A tree of given nodes (ids, parents, numbers and texts; codes are worked out), as a
    /// workspace stores it. Fails on a broken shape: unknown parents, cycles, clashing numbers.
    static Result<StandardsTree> fromNodes(const QList<StandardNode> &nodes);

    /// Whether code is a well-formed code: JC100, TG240, GL259, GL251-3-1 …
    static bool isWellFormedCode(const QString &code);

    int size() const { return int(m_nodes.size()); }
    /// The four sub-systems, in order.
    const QList<qint64> &roots() const { return children(0); }
    /// A node's children ordered by number; the roots for 0.
    const QList<qint64> &children(qint64 id) const;
    /// The node with this id, or nullptr.
    const StandardNode *node(qint64 id) const;
    const StandardNode *nodeByCode(const QString &code) const;
    /// The node taken from the standard's clause, or nullptr (also when it was removed).
    const StandardNode *nodeByClause(const QString &clause) const;
    /// Where the node sits among its siblings, from 0; -1 for an unknown id.
    int row(qint64 id) const;
    /// Every node id in tree order (a parent before its children, siblings by number).
    QList<qint64> preorder() const;
    /// The node and everything below it, in tree order.
    QList<qint64> subtree(qint64 id) const;
    /// The codes from the sub-system down to the node: breadcrumbs.
    QStringList path(qint64 id) const;

    /// The standards attached to a node, ordered by number.
    const QList<AttachedStandard> &attached(qint64 nodeId) const;
    /// Every attached standard, nodes in tree order.
    QList<AttachedStandard> allAttached() const;
    /// Replaces the attached standards (as StandardsStore reads them).
    void setAttached(const QList<AttachedStandard> &standards);

    /// Adds a category as the last child of parentCode, or with the given number. Returns the
    /// new node's id.
    Result<qint64> addCategory(const QString &parentCode, const NewCategory &category,
        std::optional<int> number = std::nullopt);
    /// Removes a category; refused for a sub-system, for a node with children and for a node
    /// with attached standards.
    Result<void> removeCategory(const QString &code);
    /// Moves a category (with its subtree) to the end of another parent's children.
    Result<void> moveCategory(const QString &code, const QString &newParentCode);
    /// Gives a category another number among its siblings, so that its code becomes newCode;
    /// its subtree is re-coded. newCode must be free and have the same parent.
    Result<void> renumber(const QString &code, const QString &newCode);

    /// The changes made since the tree was read or last saved, oldest first.
    const QList<StandardsChange> &pendingChanges() const { return m_pending; }
    void clearPendingChanges() { m_pending.clear(); }
    /// Whether this is a workspace's own copy (as opposed to the shipped tree).
    bool isWorkspaceCopy() const { return m_workspaceCopy; }
    void setWorkspaceCopy(bool copy) { m_workspaceCopy = copy; }
    /// How many times the workspace's tree had been written when this one was read; a store
    /// refuses to write over a newer one (see StandardsStore).
    qint64 revision() const { return m_revision; }
    void setRevision(qint64 revision) { m_revision = revision; }
    /// The largest id in use, for StandardsStore.
    qint64 maxId() const;

private:
    /// Works out depth and code of every node from the numbers; fails on an ill-formed or
    /// duplicate code, naming it.
    Result<void> recode();
    Result<const StandardNode *> existing(const QString &code) const;
    Result<void> commit(StandardsTree &&candidate, StandardsChange change);
    int freeNumber(qint64 parentId) const;
    void sortChildren(qint64 parentId);

    QHash<qint64, StandardNode> m_nodes;
    QHash<qint64, QList<qint64>> m_children;
    QHash<QString, qint64> m_byCode;
    QHash<qint64, QList<AttachedStandard>> m_attached;
    QList<StandardsChange> m_pending;
    bool m_workspaceCopy = false;
    qint64 m_revision = 0;
};

} // namespace GridDesk
