// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "org/orgchart.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QStringList>

namespace GridDesk {

class OrgDocument;

/// The unit hierarchy of an org document as a tree: a row per unit under its parent, in code
/// order. Names are edited in place and units dragged onto their new parent, both as undoable
/// steps of the document; a drop that breaks the tier rule is refused before it is made, with
/// the reason in dropRefusal(). Retired units are shown grey. Rebuilt when the chart changes.
class OrgTreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum class Column { Name, Code, Tier, Kind, People, Status, Count };
    enum class Role {
        Code = Qt::UserRole + 1, ///< the unit's code (QString) on every column
        Retired, ///< bool
        Tier, ///< int
        Count
    };

    explicit OrgTreeModel(OrgDocument *document, QObject *parent = nullptr);

    /// The MIME type of dragged units: their codes, one per line, UTF-8.
    static QString mimeType();
    /// What the Tier column shows for a unit of tier and kind.
    static QString tierLabel(int tier, UnitKind kind);

    /// The index of the unit (column 0), invalid when the chart has no such unit.
    QModelIndex indexOf(const QString &code) const;
    QString codeAt(const QModelIndex &index) const;
    /// Why the last drop checked by canDropMimeData() was refused; empty when it was allowed.
    QString dropRefusal() const { return m_dropRefusal; }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
        const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
        const QModelIndex &parent) override;
    Qt::DropActions supportedDropActions() const override;
    Qt::DropActions supportedDragActions() const override;

Q_SIGNALS:
    /// A rename or drop the chart refused, with the reason.
    void editRefused(const QString &reason);

private:
    struct Node
    {
        QString code;
        int parent = -1; ///< node number, -1 for the top
        int row = 0;
        QList<int> children;
    };

    void rebuild();
    void addSubtree(const QString &code, int parentNode, int row);
    const Node *nodeOf(const QModelIndex &index) const;
    static QStringList codesOf(const QMimeData *data);
    QString displayText(const QString &code, Column column) const;

    OrgDocument *m_document;
    QList<Node> m_nodes;
    QList<int> m_top;
    QHash<QString, int> m_nodeOf;
    mutable QString m_dropRefusal;
    mutable QString m_checkedDrop; ///< the codes and target the refusal above belongs to
};

} // namespace GridDesk
