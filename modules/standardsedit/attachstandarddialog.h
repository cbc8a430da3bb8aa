// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "standards/attachedstandard.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace GridDesk {

/// Asks for a standard to attach to a category: number, title, level, status, the publication
/// and implementation dates (either may be unknown; implemented never before published) and an
/// optional document no larger than the workspace keeps. OK stays off while something is wrong,
/// and the line below the fields says what.
class AttachStandardDialog : public QDialog
{
    Q_OBJECT

public:
    /// code and title name the category in the dialog's heading.
    AttachStandardDialog(const QString &code, const QString &title, QWidget *parent = nullptr);

    AttachedStandard standard() const;
    QString documentPath() const;

    QLineEdit *numberEdit() const { return m_number; }
    QLineEdit *titleEdit() const { return m_title; }
    QComboBox *levelBox() const { return m_level; }
    QComboBox *statusBox() const { return m_status; }
    QCheckBox *publishedKnown() const { return m_publishedKnown; }
    QDateEdit *publishedEdit() const { return m_published; }
    QCheckBox *implementedKnown() const { return m_implementedKnown; }
    QDateEdit *implementedEdit() const { return m_implemented; }
    QLineEdit *documentEdit() const { return m_document; }
    QLabel *problemLabel() const { return m_problem; }
    /// What is wrong with the fields, or empty when OK may be pressed.
    QString problem() const;

private:
    void chooseDocument();
    void check();

    QLineEdit *m_number;
    QLineEdit *m_title;
    QComboBox *m_level;
    QComboBox *m_status;
    QCheckBox *m_publishedKnown;
    QDateEdit *m_published;
    QCheckBox *m_implementedKnown;
    QDateEdit *m_implemented;
    QLineEdit *m_document;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
};

} // namespace GridDesk
