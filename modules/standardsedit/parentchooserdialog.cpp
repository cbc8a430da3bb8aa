// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "parentchooserdialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace GridDesk {

ParentChooserDialog::ParentChooserDialog(
    const QString &moving, const QList<QPair<QString, QString>> &choices, QWidget *parent)
    : QDialog(parent)
    , m_search(new QLineEdit)
    , m_list(new QListWidget)
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel))
{
    //: %1 is the code of the category being moved
    setWindowTitle(tr("Move %1 under…").arg(moving));
    m_search->setPlaceholderText(tr("Filter by code or title"));
    m_search->setClearButtonEnabled(true);
    for (const auto &[code, title] : choices) {
        auto *item = new QListWidgetItem(QStringLiteral("%1  %2").arg(code, title), m_list);
        item->setData(Qt::UserRole, code);
    }

    auto *layout = new QVBoxLayout(this);
    //: %1 is the code of the category being moved
    auto *hint = new QLabel(tr("%1 goes to the end of the category chosen; its sub-categories "
                               "move with it and are coded anew.")
                                .arg(moving));
    hint->setWordWrap(true);
    layout->addWidget(hint);
    layout->addWidget(m_search);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_buttons);
    resize(480, 420);

    connect(m_search, &QLineEdit::textChanged, this, &ParentChooserDialog::filter);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QListWidget::itemDoubleClicked, this, &QDialog::accept);
    connect(m_list, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *current) {
        m_buttons->button(QDialogButtonBox::Ok)->setEnabled(current != nullptr);
    });
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
}

QString ParentChooserDialog::chosen() const
{
    const QListWidgetItem *item = m_list->currentItem();
    return item ? item->data(Qt::UserRole).toString() : QString();
}

bool ParentChooserDialog::choose(const QString &code)
{
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->data(Qt::UserRole).toString() == code) {
            m_list->setCurrentRow(row);
            return true;
        }
    }
    return false;
}

void ParentChooserDialog::filter(const QString &text)
{
    for (int row = 0; row < m_list->count(); ++row) {
        QListWidgetItem *item = m_list->item(row);
        item->setHidden(!item->text().contains(text.trimmed(), Qt::CaseInsensitive));
    }
}

} // namespace GridDesk
