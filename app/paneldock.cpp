// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "paneldock.h"

#include <QCloseEvent>

namespace GridDesk {

PanelDock::PanelDock(const QString &key, const QString &title, QWidget *parent)
    : QDockWidget(title, parent)
{
    setObjectName(key + QLatin1String("Dock"));
}

void PanelDock::closeEvent(QCloseEvent *event)
{
    if (widget() && m_contentCloses && !widget()->close()) {
        event->ignore();
        return;
    }
    QDockWidget::closeEvent(event);
    if (event->isAccepted())
        Q_EMIT closed();
}

} // namespace GridDesk
