// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "categorydialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>

namespace GridDesk {

CategoryDialog::CategoryDialog(const QString &parentCode, QWidget *parent)
    : QDialog(parent)
    , m_titleZh(new QLineEdit)
    , m_titleEn(new QLineEdit)
    , m_summaryZh(new QPlainTextEdit)
    , m_summaryEn(new QPlainTextEdit)
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel))
{
    //: %1 is the code of the category the new one goes under
    setWindowTitle(tr("New category under %1").arg(parentCode));
    for (QPlainTextEdit *summary : {m_summaryZh, m_summaryEn})
        summary->setMaximumHeight(80);

    auto *form = new QFormLayout(this);
    form->addRow(tr("Title (&Chinese):"), m_titleZh);
    form->addRow(tr("Title (&English):"), m_titleEn);
    form->addRow(tr("Summary (C&hinese):"), m_summaryZh);
    form->addRow(tr("Summary (E&nglish):"), m_summaryEn);
    form->addRow(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_titleZh, &QLineEdit::textChanged, this, &CategoryDialog::check);
    connect(m_titleEn, &QLineEdit::textChanged, this, &CategoryDialog::check);
    check();
}

NewCategory CategoryDialog::category() const
{
    return {m_titleZh->text().trimmed(), m_titleEn->text().trimmed(),
        m_summaryZh->toPlainText().trimmed(), m_summaryEn->toPlainText().trimmed()};
}

void CategoryDialog::check()
{
    const bool complete =
        !m_titleZh->text().trimmed().isEmpty() && !m_titleEn->text().trimmed().isEmpty();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(complete);
}

} // namespace GridDesk
