// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "standards/standardstree.h"

#include <QDialog>

class QDialogButtonBox;
class QLineEdit;
class QPlainTextEdit;

namespace GridDesk {

/// Asks for a new category: its Chinese and English titles (both required) and summaries.
class CategoryDialog : public QDialog
{
    Q_OBJECT

public:
    /// parentCode names the category the new one goes under.
    explicit CategoryDialog(const QString &parentCode, QWidget *parent = nullptr);

    NewCategory category() const;

    QLineEdit *titleZhEdit() const { return m_titleZh; }
    QLineEdit *titleEnEdit() const { return m_titleEn; }
    QPlainTextEdit *summaryZhEdit() const { return m_summaryZh; }
    QPlainTextEdit *summaryEnEdit() const { return m_summaryEn; }

private:
    void check();

    QLineEdit *m_titleZh;
    QLineEdit *m_titleEn;
    QPlainTextEdit *m_summaryZh;
    QPlainTextEdit *m_summaryEn;
    QDialogButtonBox *m_buttons;
};

} // namespace GridDesk
