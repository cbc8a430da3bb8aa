// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "standardstree.h"

#include "logging.h"

#include "domain/text.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Standards)
};

/// The highest number a child may have where its number is one digit of the code (the
/// second and third levels); deeper levels append "-N" and have no such limit.
constexpr int ONE_DIGIT_MAX = 9;

/// The code a child with this number gets under a parent with this code and depth, or
/// nothing when the number does not fit the code's pattern.
std::optional<QString> childCode(const QString &parentCode, int parentDepth, int number)
{
    if (number < 1)
        return std::nullopt;
    if (parentDepth <= 2 && number > ONE_DIGIT_MAX)
        return std::nullopt;
    if (parentDepth == 1)
        return parentCode.left(3) + QString::number(number) + u'0';
    if (parentDepth == 2)
        return parentCode.left(4) + QString::number(number);
    return parentCode + u'-' + QString::number(number);
}

Error shapeError(const QString &message)
{
    return Error {ErrorCode::InvalidArgument, message};
}

void readJsonNode(const QJsonObject &object, qint64 parentId, qint64 &nextId,
    QList<StandardNode> &nodes, QHash<qint64, QString> &declaredCodes)
{
    StandardNode node;
    node.id = nextId++;
    node.parentId = parentId;
    node.clause = object.value(QLatin1String("clause")).toString();
    node.number = node.clause.section(u'.', -1).toInt();
    if (parentId == 0)
        node.number = node.clause.toInt() - 4;
    node.code = object.value(QLatin1String("code")).toString();
    const QJsonObject title = object.value(QLatin1String("title")).toObject();
    const QJsonObject summary = object.value(QLatin1String("summary")).toObject();
    node.titleZh = title.value(QLatin1String("zh")).toString();
    node.titleEn = title.value(QLatin1String("en")).toString();
    node.summaryZh = summary.value(QLatin1String("zh")).toString();
    node.summaryEn = summary.value(QLatin1String("en")).toString();
    declaredCodes.insert(node.id, node.code);
    nodes << node;
    const qint64 id = node.id;
    for (const QJsonValue &child : object.value(QLatin1String("children")).toArray())
        readJsonNode(child.toObject(), id, nextId, nodes, declaredCodes);
}

/// The nodes not in reached, by clause (or id when they have none), for a message.
QString unreachedNodes(const QHash<qint64, StandardNode> &nodes, const QSet<qint64> &reached)
{
    QStringList names;
    for (auto it = nodes.cbegin(); it != nodes.cend(); ++it) {
        if (!reached.contains(it.key()))
            names << (it->clause.isEmpty() ? u'#' + QString::number(it.key()) : it->clause);
    }
    names.sort();
    return names.join(QStringLiteral(", "));
}

} // namespace

bool StandardsTree::isWellFormedCode(const QString &code)
{
    static const QRegularExpression pattern(
        QStringLiteral("^(JC1|TG2|GL2|GZ3)(00|[1-9]0|[1-9][1-9](-[1-9][0-9]*)*)$"));
    return pattern.match(code).hasMatch();
}

Result<StandardsTree> StandardsTree::shipped()
{
    QFile file(QStringLiteral(":/standards/standard-system.json"));
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::UnreadableFile,
            Tr::tr("The shipped standard system could not be read: %1").arg(file.errorString()));
    return fromJson(file.readAll());
}

Result<StandardsTree> StandardsTree::fromJson(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (!document.isObject())
        return fail(ErrorCode::UnreadableFile,
            Tr::tr("The standard system is not valid JSON: %1").arg(parseError.errorString()));

    QList<StandardNode> nodes;
    QHash<qint64, QString> declaredCodes;
    qint64 nextId = 1;
    for (const QJsonValue &root : document.object().value(QLatin1String("nodes")).toArray())
        readJsonNode(root.toObject(), 0, nextId, nodes, declaredCodes);
    auto tree = fromNodes(nodes);
    if (!tree)
        return tree;

    for (auto it = declaredCodes.cbegin(); it != declaredCodes.cend(); ++it) {
        const StandardNode *node = tree->node(it.key());
        if (node->code != it.value())
            return fail(ErrorCode::InvalidRow,
                Tr::tr("Clause %1 is coded %2 but its place in the tree gives %3.")
                    .arg(node->clause, it.value(), node->code));
    }
    qCDebug(lcStandards) << "standard system read:" << tree->size() << "nodes";
    return tree;
}

Result<StandardsTree> StandardsTree::fromNodes(const QList<StandardNode> &nodes)
{
    StandardsTree tree;
    for (const StandardNode &node : nodes) {
        if (node.id <= 0 || tree.m_nodes.contains(node.id))
            return std::unexpected(
                shapeError(Tr::tr("Standards node %1 is missing or repeated.").arg(node.id)));
        tree.m_nodes.insert(node.id, node);
    }
    for (const StandardNode &node : nodes) {
        if (node.parentId != 0 && !tree.m_nodes.contains(node.parentId))
            return std::unexpected(
                shapeError(Tr::tr("Standards node %1 names an unknown parent %2.")
                               .arg(node.id)
                               .arg(node.parentId)));
        tree.m_children[node.parentId] << node.id;
    }
    for (auto it = tree.m_children.begin(); it != tree.m_children.end(); ++it)
        tree.sortChildren(it.key());
    if (auto coded = tree.recode(); !coded)
        return std::unexpected(coded.error());
    return tree;
}

void StandardsTree::sortChildren(qint64 parentId)
{
    QList<qint64> &ids = m_children[parentId];
    std::sort(ids.begin(), ids.end(),
        [this](qint64 a, qint64 b) { return m_nodes[a].number < m_nodes[b].number; });
}

Result<void> StandardsTree::recode()
{
    m_byCode.clear();
    QList<qint64> stack;
    for (qint64 root : children(0)) {
        StandardNode &node = m_nodes[root];
        node.depth = 1;
        if (!isWellFormedCode(node.code) || !node.code.endsWith(QLatin1String("00")))
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("\"%1\" is not the code of a sub-system.").arg(node.code));
        stack << root;
    }
    QSet<qint64> visited;
    while (!stack.isEmpty()) {
        const StandardNode parent = m_nodes.value(stack.takeLast());
        visited.insert(parent.id);
        if (m_byCode.contains(parent.code))
            return fail(ErrorCode::Conflict, Tr::tr("The code %1 is used twice.").arg(parent.code));
        m_byCode.insert(parent.code, parent.id);
        for (qint64 id : children(parent.id)) {
            StandardNode &child = m_nodes[id];
            const auto code = childCode(parent.code, parent.depth, child.number);
            if (!code)
                return fail(ErrorCode::InvalidArgument,
                    Tr::tr("Under %1 a category cannot have the number %2: the code has one "
                           "digit for it (1 to 9).")
                        .arg(parent.code)
                        .arg(child.number));
            child.code = *code;
            child.depth = parent.depth + 1;
            stack << id;
        }
    }
    if (visited.size() != m_nodes.size())
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("%n standards node(s) cannot be reached from a sub-system (their parents form a "
                   "loop): %1.",
                nullptr, int(m_nodes.size() - visited.size()))
                .arg(unreachedNodes(m_nodes, visited)));
    return {};
}

const QList<qint64> &StandardsTree::children(qint64 id) const
{
    static const QList<qint64> none;
    const auto it = m_children.constFind(id);
    return it == m_children.cend() ? none : *it;
}

const StandardNode *StandardsTree::node(qint64 id) const
{
    const auto it = m_nodes.constFind(id);
    return it == m_nodes.cend() ? nullptr : &*it;
}

const StandardNode *StandardsTree::nodeByCode(const QString &code) const
{
    return node(m_byCode.value(code.trimmed().toUpper(), 0));
}

const StandardNode *StandardsTree::nodeByClause(const QString &clause) const
{
    for (const StandardNode &candidate : m_nodes) {
        if (candidate.clause == clause)
            return &candidate;
    }
    return nullptr;
}

int StandardsTree::row(qint64 id) const
{
    const StandardNode *found = node(id);
    return found ? int(children(found->parentId).indexOf(id)) : -1;
}

QList<qint64> StandardsTree::subtree(qint64 id) const
{
    QList<qint64> ids {id};
    for (qint64 child : children(id))
        ids << subtree(child);
    return ids;
}

QList<qint64> StandardsTree::preorder() const
{
    QList<qint64> ids;
    for (qint64 root : roots())
        ids << subtree(root);
    return ids;
}

QStringList StandardsTree::path(qint64 id) const
{
    QStringList codes;
    for (const StandardNode *at = node(id); at; at = node(at->parentId))
        codes.prepend(at->code);
    return codes;
}

const QList<AttachedStandard> &StandardsTree::attached(qint64 nodeId) const
{
    static const QList<AttachedStandard> none;
    const auto it = m_attached.constFind(nodeId);
    return it == m_attached.cend() ? none : *it;
}

QList<AttachedStandard> StandardsTree::allAttached() const
{
    QList<AttachedStandard> all;
    for (qint64 id : preorder())
        all << attached(id);
    return all;
}

void StandardsTree::setAttached(const QList<AttachedStandard> &standards)
{
    m_attached.clear();
    for (const AttachedStandard &standard : standards)
        m_attached[standard.nodeId] << standard;
    for (QList<AttachedStandard> &list : m_attached)
        std::sort(list.begin(), list.end(),
            [](const auto &a, const auto &b) { return a.number < b.number; });
}

qint64 StandardsTree::maxId() const
{
    qint64 largest = 0;
    for (auto it = m_nodes.cbegin(); it != m_nodes.cend(); ++it)
        largest = std::max(largest, it.key());
    return largest;
}

Result<const StandardNode *> StandardsTree::existing(const QString &code) const
{
    const StandardNode *found = nodeByCode(code);
    if (!found)
        return fail(
            ErrorCode::NotFound, Tr::tr("The standards tree has no category %1.").arg(code));
    return found;
}

int StandardsTree::freeNumber(qint64 parentId) const
{
    int number = 0;
    for (qint64 id : children(parentId))
        number = std::max(number, m_nodes[id].number);
    return number + 1;
}

Result<void> StandardsTree::commit(StandardsTree &&candidate, StandardsChange change)
{
    if (auto coded = candidate.recode(); !coded)
        return coded;
    change.at = QDateTime::currentDateTimeUtc();
    candidate.m_pending << change;
    *this = std::move(candidate);
    return {};
}

Result<qint64> StandardsTree::addCategory(
    const QString &parentCode, const NewCategory &category, std::optional<int> number)
{
    auto parent = existing(parentCode);
    if (!parent)
        return std::unexpected(parent.error());
    if (category.titleZh.trimmed().isEmpty() || category.titleEn.trimmed().isEmpty())
        return fail(
            ErrorCode::InvalidArgument, Tr::tr("A category needs a Chinese and an English title."));
    const QString titleZh = category.titleZh.trimmed();
    const QString titleEn = category.titleEn.trimmed();
    const bool oneLine = printableText(titleZh) == titleZh && printableText(titleEn) == titleEn;
    if (!oneLine)
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("A category's titles must each be one line of text, without line breaks or "
                   "control characters."));
    const int chosen = number.value_or(freeNumber((*parent)->id));
    for (qint64 sibling : children((*parent)->id)) {
        if (m_nodes[sibling].number == chosen)
            return fail(ErrorCode::Conflict,
                Tr::tr("%1 already has a category numbered %2 (%3).")
                    .arg((*parent)->code)
                    .arg(chosen)
                    .arg(m_nodes[sibling].code));
    }

    StandardsTree candidate = *this;
    StandardNode node;
    node.id = maxId() + 1;
    node.parentId = (*parent)->id;
    node.number = chosen;
    node.titleZh = category.titleZh.trimmed();
    node.titleEn = category.titleEn.trimmed();
    node.summaryZh = category.summaryZh.trimmed();
    node.summaryEn = category.summaryEn.trimmed();
    candidate.m_nodes.insert(node.id, node);
    candidate.m_children[node.parentId] << node.id;
    candidate.sortChildren(node.parentId);
    const qint64 id = node.id;
    if (auto coded = candidate.recode(); !coded)
        return std::unexpected(coded.error());
    const QString code = candidate.m_nodes[id].code;
    auto done = commit(std::move(candidate),
        {0, {}, {}, QStringLiteral("add"), id, code,
            Tr::tr("Added %1 %2 / %3 under %4.")
                .arg(code, node.titleZh, node.titleEn, (*parent)->code)});
    if (!done)
        return std::unexpected(done.error());
    return id;
}

Result<void> StandardsTree::removeCategory(const QString &code)
{
    auto found = existing(code);
    if (!found)
        return std::unexpected(found.error());
    const StandardNode &node = **found;
    if (node.parentId == 0)
        return fail(ErrorCode::NotAllowed,
            Tr::tr("%1 is one of the four sub-systems and cannot be removed.").arg(node.code));
    if (!children(node.id).isEmpty())
        return fail(ErrorCode::NotAllowed,
            Tr::tr("%1 cannot be removed: it has %n sub-categories; remove or move them first.",
                nullptr, int(children(node.id).size()))
                .arg(node.code));
    if (!attached(node.id).isEmpty())
        return fail(ErrorCode::NotAllowed,
            Tr::tr("%1 cannot be removed: %n standard(s) are attached to it; detach them first.",
                nullptr, int(attached(node.id).size()))
                .arg(node.code));

    StandardsTree candidate = *this;
    candidate.m_children[node.parentId].removeOne(node.id);
    candidate.m_nodes.remove(node.id);
    return commit(std::move(candidate),
        {0, {}, {}, QStringLiteral("remove"), node.id, node.code,
            Tr::tr("Removed %1 %2 / %3.").arg(node.code, node.titleZh, node.titleEn)});
}

Result<void> StandardsTree::moveCategory(const QString &code, const QString &newParentCode)
{
    auto found = existing(code);
    if (!found)
        return std::unexpected(found.error());
    auto parent = existing(newParentCode);
    if (!parent)
        return std::unexpected(parent.error());
    const StandardNode &node = **found;
    if (node.parentId == 0)
        return fail(ErrorCode::NotAllowed,
            Tr::tr("%1 is one of the four sub-systems and cannot be moved.").arg(node.code));
    if (subtree(node.id).contains((*parent)->id))
        return fail(ErrorCode::NotAllowed,
            Tr::tr("%1 cannot be moved under itself or its own sub-category %2.")
                .arg(node.code, (*parent)->code));
    if ((*parent)->id == node.parentId)
        return fail(ErrorCode::NotAllowed,
            Tr::tr("%1 is already under %2; renumber it to change its place.")
                .arg(node.code, (*parent)->code));

    StandardsTree candidate = *this;
    StandardNode &moved = candidate.m_nodes[node.id];
    candidate.m_children[node.parentId].removeOne(node.id);
    moved.number = freeNumber((*parent)->id);
    moved.parentId = (*parent)->id;
    candidate.m_children[moved.parentId] << node.id;
    const QString oldCode = node.code;
    auto coded = candidate.recode();
    if (!coded)
        return std::unexpected(Error {coded.error().code,
            Tr::tr("%1 cannot be moved under %2: %3")
                .arg(oldCode, (*parent)->code, coded.error().message)});
    const QString newCode = candidate.m_nodes[node.id].code;
    return commit(std::move(candidate),
        {0, {}, {}, QStringLiteral("move"), node.id, newCode,
            Tr::tr("Moved %1 under %2; it is now %3.").arg(oldCode, (*parent)->code, newCode)});
}

Result<void> StandardsTree::renumber(const QString &code, const QString &newCode)
{
    auto found = existing(code);
    if (!found)
        return std::unexpected(found.error());
    const StandardNode &node = **found;
    const QString wanted = newCode.trimmed().toUpper();
    if (node.parentId == 0)
        return fail(ErrorCode::NotAllowed,
            Tr::tr("%1 is one of the four sub-systems; its code is fixed.").arg(node.code));
    if (!isWellFormedCode(wanted))
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("\"%1\" is not a well-formed code (such as TG240, GL259 or GL251-3-1).")
                .arg(newCode));
    if (wanted == node.code)
        return fail(ErrorCode::InvalidArgument, Tr::tr("%1 is already %2.").arg(code, node.code));
    if (const StandardNode *taken = nodeByCode(wanted))
        return fail(ErrorCode::Conflict,
            Tr::tr("%1 is taken by %2 / %3.").arg(wanted, taken->titleZh, taken->titleEn));

    const StandardNode &parent = m_nodes[node.parentId];
    std::optional<int> number;
    for (int candidateNumber = 1; candidateNumber <= 999 && !number; ++candidateNumber) {
        if (childCode(parent.code, parent.depth, candidateNumber) == wanted)
            number = candidateNumber;
    }
    if (!number) {
        // Below the third level a code ends in "-N": one under the same parent whose number is
        // out of range is told so, rather than sent to move the category.
        const QString prefix = parent.code + u'-';
        bool isNumber = false;
        const qint64 asked = parent.depth >= 3 && wanted.startsWith(prefix)
            ? wanted.mid(prefix.size()).toLongLong(&isNumber)
            : 0;
        if (isNumber)
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("%1 cannot become %2: categories under %3 are numbered from 1 to 999, not "
                       "%4.")
                    .arg(node.code, wanted, parent.code)
                    .arg(asked));
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("%1 cannot become %2: renumbering keeps a category under its parent %3; "
                   "move it to change the parent.")
                .arg(node.code, wanted, parent.code));
    }

    StandardsTree candidate = *this;
    candidate.m_nodes[node.id].number = *number;
    candidate.sortChildren(node.parentId);
    return commit(std::move(candidate),
        {0, {}, {}, QStringLiteral("renumber"), node.id, wanted,
            Tr::tr("Renumbered %1 to %2 with its %n sub-categories.", nullptr,
                int(subtree(node.id).size()) - 1)
                .arg(node.code, wanted)});
}

} // namespace GridDesk
