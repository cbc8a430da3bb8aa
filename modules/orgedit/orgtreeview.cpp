// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "orgtreeview.h"

#include "orgtreemodel.h"

#include <QDragMoveEvent>
#include <QDropEvent>
#include <QToolTip>

namespace GridDesk {

OrgTreeView::OrgTreeView(QWidget *parent)
    : QTreeView(parent)
{
    setDragEnabled(true);
    setAcceptDrops(true);
    setDropIndicatorShown(true);
    setDragDropMode(QAbstractItemView::DragDrop);
    setDefaultDropAction(Qt::MoveAction);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setUniformRowHeights(true);
    setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::SelectedClicked);
}

void OrgTreeView::dragMoveEvent(QDragMoveEvent *event)
{
    QTreeView::dragMoveEvent(event);
    if (event->isAccepted()) {
        m_shownRefusal.clear();
        QToolTip::hideText();
        return;
    }
    reportRefusal(event->position().toPoint());
}

void OrgTreeView::dropEvent(QDropEvent *event)
{
    QTreeView::dropEvent(event);
    if (!event->isAccepted())
        reportRefusal(event->position().toPoint());
    m_shownRefusal.clear();
}

void OrgTreeView::reportRefusal(const QPoint &position)
{
    const QString reason = m_treeModel ? m_treeModel->dropRefusal() : QString();
    if (reason.isEmpty() || reason == m_shownRefusal)
        return;
    m_shownRefusal = reason;
    QToolTip::showText(viewport()->mapToGlobal(position), reason, viewport());
    Q_EMIT dropRefused(reason);
}

} // namespace GridDesk
