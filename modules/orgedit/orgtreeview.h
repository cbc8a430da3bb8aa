// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include <QTreeView>

namespace GridDesk {

class OrgTreeModel;

/// The org tree, with units dragged onto their new parent. While a drag hovers over a place the
/// tier rule refuses, the view says why (dropRefused) and shows the reason as a tooltip.
class OrgTreeView : public QTreeView
{
    Q_OBJECT

public:
    explicit OrgTreeView(QWidget *parent = nullptr);

    /// The tree model behind the view (through its proxy, if any).
    void setTreeModel(OrgTreeModel *model) { m_treeModel = model; }

Q_SIGNALS:
    void dropRefused(const QString &reason);

protected:
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void reportRefusal(const QPoint &position);

    OrgTreeModel *m_treeModel = nullptr;
    QString m_shownRefusal;
};

} // namespace GridDesk
