// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "panelwindow.h"

#include <QCloseEvent>
#include <QVBoxLayout>

namespace GridDesk {

PanelWindow::PanelWindow(const QString &key, QWidget *parent)
    : QWidget(parent, Qt::Window)
{
    setObjectName(key + QLatin1String("Window"));
    setAttribute(Qt::WA_QuitOnClose, false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
}

void PanelWindow::setContent(QWidget *content, bool contentCloses)
{
    if (m_content == content)
        return;
    if (m_content)
        takeContent();
    m_content = content;
    m_contentCloses = contentCloses;
    content->setParent(this);
    layout()->addWidget(content);
    content->show();
}

QWidget *PanelWindow::takeContent()
{
    QWidget *content = m_content;
    m_content = nullptr;
    if (!content)
        return nullptr;
    layout()->removeWidget(content);
    content->hide();
    content->setParent(nullptr);
    return content;
}

void PanelWindow::closeEvent(QCloseEvent *event)
{
    // A panel with unsaved work asks before it goes; a refusal keeps the window open.
    if (m_content && m_contentCloses && !m_content->close()) {
        event->ignore();
        return;
    }
    event->accept();
    Q_EMIT closed();
}

} // namespace GridDesk
