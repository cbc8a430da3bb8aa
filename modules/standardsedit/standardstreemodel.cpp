// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "standardstreemodel.h"

#include "standards/traceability.h"

#include <QApplication>
#include <QColor>
#include <QFont>
#include <QLocale>
#include <QStyle>

namespace GridDesk {

namespace {

const QColor UNIMPLEMENTED_COLOUR(0x80, 0x80, 0x80);

} // namespace

StandardsTreeModel::StandardsTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_chinese(QLocale().language() == QLocale::Chinese)
{ }

void StandardsTreeModel::setTree(const StandardsTree &tree)
{
    beginResetModel();
    m_tree = tree;
    m_implementedBy.clear();
    for (qint64 id : m_tree.preorder()) {
        const StandardNode &node = *m_tree.node(id);
        if (node.clause.isEmpty())
            continue;
        QStringList names;
        for (const Implementation &part : implementationsOf(node.clause))
            names << part.name;
        if (!names.isEmpty())
            m_implementedBy.insert(id, names);
    }
    endResetModel();
}

void StandardsTreeModel::setChinese(bool chinese)
{
    if (chinese == m_chinese)
        return;
    beginResetModel();
    m_chinese = chinese;
    endResetModel();
}

qint64 StandardsTreeModel::nodeId(const QModelIndex &index)
{
    return index.isValid() ? qint64(index.internalId()) : 0;
}

QModelIndex StandardsTreeModel::indexOf(qint64 nodeId, int column) const
{
    const int row = m_tree.row(nodeId);
    if (row < 0)
        return {};
    return createIndex(row, column, quintptr(nodeId));
}

QModelIndex StandardsTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    return createIndex(row, column, quintptr(m_tree.children(nodeId(parent)).at(row)));
}

QModelIndex StandardsTreeModel::parent(const QModelIndex &child) const
{
    const StandardNode *node = m_tree.node(nodeId(child));
    if (!node || node->parentId == 0)
        return {};
    return indexOf(node->parentId);
}

int StandardsTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return int(m_tree.children(nodeId(parent)).size());
}

int StandardsTreeModel::columnCount(const QModelIndex &) const
{
    return int(Column::Count);
}

Qt::ItemFlags StandardsTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable;
}

QVariant StandardsTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Column::Code:
        return tr("Code");
    case Column::Clause:
        return tr("Clause");
    case Column::Title:
        return tr("Title");
    case Column::Standards:
        return tr("Standards");
    case Column::ImplementedBy:
        return tr("Implemented by");
    case Column::Count:
        break;
    }
    return {};
}

QVariant StandardsTreeModel::data(const QModelIndex &index, int role) const
{
    const StandardNode *node = m_tree.node(nodeId(index));
    if (!node)
        return {};
    const auto column = Column(index.column());
    const bool implemented = m_implementedBy.contains(node->id);

    switch (role) {
    case Qt::DisplayRole:
        return display(*node, column);
    case Qt::ToolTipRole:
        return toolTip(*node, column);
    case Qt::DecorationRole:
        if (column == Column::Standards && !m_tree.attached(node->id).isEmpty())
            return QApplication::style()->standardIcon(QStyle::SP_FileIcon);
        return {};
    case Qt::FontRole:
        if (implemented)
            return {};
        {
            QFont font;
            font.setItalic(true);
            return font;
        }
    case Qt::ForegroundRole:
        return implemented ? QVariant() : QVariant(UNIMPLEMENTED_COLOUR);
    case Qt::TextAlignmentRole:
        if (column == Column::Standards || column == Column::ImplementedBy)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case int(Role::NodeId):
        return node->id;
    case int(Role::SearchText):
        return searchText(*node);
    default:
        return {};
    }
}

QVariant StandardsTreeModel::display(const StandardNode &node, Column column) const
{
    switch (column) {
    case Column::Code:
        return node.code;
    case Column::Clause:
        return node.clause;
    case Column::Title:
        return m_chinese ? node.titleZh : node.titleEn;
    case Column::Standards:
        return int(m_tree.attached(node.id).size());
    case Column::ImplementedBy:
        return int(m_implementedBy.value(node.id).size());
    case Column::Count:
        break;
    }
    return {};
}

QVariant StandardsTreeModel::toolTip(const StandardNode &node, Column column) const
{
    switch (column) {
    case Column::Title:
        return m_chinese ? node.titleEn : node.titleZh;
    case Column::Standards: {
        QStringList numbers;
        for (const AttachedStandard &standard : m_tree.attached(node.id))
            numbers << standard.number;
        if (numbers.isEmpty())
            return tr("No standard is attached to this category.");
        return numbers.join(u'\n');
    }
    case Column::Code:
    case Column::Clause:
    case Column::ImplementedBy: {
        const QStringList names = m_implementedBy.value(node.id);
        if (names.isEmpty())
            return tr("Nothing in GridDesk implements this clause yet.");
        if (column != Column::ImplementedBy)
            return {};
        return names.join(u'\n');
    }
    case Column::Count:
        break;
    }
    return {};
}

QString StandardsTreeModel::searchText(const StandardNode &node) const
{
    QStringList parts {
        node.code, node.clause, node.titleZh, node.titleEn, node.summaryZh, node.summaryEn};
    for (const AttachedStandard &standard : m_tree.attached(node.id))
        parts << standard.number << standard.title;
    return parts.join(u'\n').toLower();
}

} // namespace GridDesk
