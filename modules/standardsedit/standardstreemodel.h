// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "standards/standardstree.h"

#include <QAbstractItemModel>

namespace GridDesk {

/// The standards tree as an item model: one row per category with its code, clause, title in
/// the interface language, the number of standards attached and the number of GridDesk's parts
/// that implement its clause. Categories nothing implements are italic and grey with a tooltip
/// saying so. Node ids are the indexes' internal ids; the model keeps its own copy of the tree
/// and is reset by setTree().
class StandardsTreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum class Column { Code, Clause, Title, Standards, ImplementedBy, Count };
    enum class Role {
        NodeId = Qt::UserRole + 1, ///< qint64
        SearchText, ///< codes, titles, summaries and attached standards, lower case
    };

    explicit StandardsTreeModel(QObject *parent = nullptr);

    void setTree(const StandardsTree &tree);
    const StandardsTree &tree() const { return m_tree; }
    /// Titles in Chinese (true) or English; by default the interface language's.
    void setChinese(bool chinese);
    bool isChinese() const { return m_chinese; }

    QModelIndex indexOf(qint64 nodeId, int column = 0) const;
    static qint64 nodeId(const QModelIndex &index);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    QVariant display(const StandardNode &node, Column column) const;
    QVariant toolTip(const StandardNode &node, Column column) const;
    QString searchText(const StandardNode &node) const;

    StandardsTree m_tree;
    QHash<qint64, QStringList> m_implementedBy; ///< names of the parts, by node id
    bool m_chinese;
};

} // namespace GridDesk
