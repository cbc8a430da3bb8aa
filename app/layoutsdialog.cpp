// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "layoutsdialog.h"

#include "layoutbook.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace GridDesk {

LayoutsDialog::LayoutsDialog(LayoutBook &book, QWidget *parent)
    : QDialog(parent)
    , m_book(book)
    , m_list(new QListWidget(this))
    , m_renameButton(new QPushButton(tr("&Rename…"), this))
    , m_removeButton(new QPushButton(tr("&Delete"), this))
{
    setWindowTitle(tr("Window layouts"));
    setObjectName(QStringLiteral("layoutsDialog"));
    m_list->setObjectName(QStringLiteral("layoutList"));
    m_renameButton->setObjectName(QStringLiteral("renameLayoutButton"));
    m_removeButton->setObjectName(QStringLiteral("deleteLayoutButton"));

    auto *buttons = new QVBoxLayout;
    buttons->addWidget(m_renameButton);
    buttons->addWidget(m_removeButton);
    buttons->addStretch();
    auto *row = new QHBoxLayout;
    row->addWidget(m_list, 1);
    row->addLayout(buttons);
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(
        tr("The first nine layouts are switched to with Ctrl+Alt+1 … Ctrl+Alt+9."), this));
    layout->addLayout(row);
    layout->addWidget(close);

    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_renameButton, &QPushButton::clicked, this, &LayoutsDialog::askRename);
    connect(m_removeButton, &QPushButton::clicked, this, &LayoutsDialog::askRemove);
    connect(m_list, &QListWidget::currentRowChanged, this, &LayoutsDialog::updateButtons);
    connect(m_list, &QListWidget::itemDoubleClicked, this, &LayoutsDialog::askRename);
    fill();
}

void LayoutsDialog::fill(const QString &current)
{
    m_list->clear();
    m_list->addItems(m_book.names());
    const auto found = m_list->findItems(current, Qt::MatchExactly);
    m_list->setCurrentRow(found.isEmpty() ? 0 : m_list->row(found.first()));
    updateButtons();
}

void LayoutsDialog::updateButtons()
{
    const bool chosen = m_list->currentItem() != nullptr;
    m_renameButton->setEnabled(chosen);
    m_removeButton->setEnabled(chosen);
}

bool LayoutsDialog::renameCurrent(const QString &name)
{
    const QListWidgetItem *item = m_list->currentItem();
    if (!item)
        return false;
    const QString from = item->text();
    if (auto done = m_book.rename(from, name); !done) {
        QMessageBox::warning(this, tr("Layout not renamed"), done.error().message);
        return false;
    }
    fill(name.trimmed());
    Q_EMIT renamed(from, name.trimmed());
    return true;
}

void LayoutsDialog::removeCurrent()
{
    const QListWidgetItem *item = m_list->currentItem();
    if (!item)
        return;
    const QString name = item->text();
    m_book.remove(name);
    fill();
    Q_EMIT removed(name);
}

void LayoutsDialog::askRename()
{
    const QListWidgetItem *item = m_list->currentItem();
    if (!item)
        return;
    bool accepted = false;
    const QString name = QInputDialog::getText(
        this, tr("Rename layout"), tr("New name:"), QLineEdit::Normal, item->text(), &accepted);
    if (accepted)
        renameCurrent(name);
}

void LayoutsDialog::askRemove()
{
    const QListWidgetItem *item = m_list->currentItem();
    if (!item)
        return;
    const auto answer = QMessageBox::question(
        this, tr("Delete layout"), tr("Delete the layout \"%1\"?").arg(item->text()));
    if (answer == QMessageBox::Yes)
        removeCurrent();
}

} // namespace GridDesk
