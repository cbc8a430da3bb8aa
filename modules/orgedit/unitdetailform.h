// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include <QWidget>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTreeWidget;

namespace GridDesk {

class OrgDocument;

/// The details of the selected unit: code, name, tier, kind, parent (changed by moving),
/// contact, jurisdiction, business departments, the tier units a joint-handling unit serves,
/// the groups it set up or sits in, and its history with this session's unsaved changes.
/// Apply makes the edited details one undoable step.
class UnitDetailForm : public QWidget
{
    Q_OBJECT

public:
    explicit UnitDetailForm(OrgDocument *document, QWidget *parent = nullptr);

    void setUnit(const QString &code);
    QString unit() const { return m_code; }

    /// Adds a tier unit to the ones the joint-handling unit serves (applied with the rest).
    void addLinkedUnit(const QString &code);
    /// Puts the edited details in the chart; false (with message) when refused.
    bool apply();

    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *contactEdit() const { return m_contact; }
    QLineEdit *jurisdictionEdit() const { return m_jurisdiction; }
    QListWidget *linkedList() const { return m_linked; }
    QListWidget *groupList() const { return m_groups; }
    QTreeWidget *historyTree() const { return m_history; }
    QPushButton *applyButton() const { return m_apply; }

Q_SIGNALS:
    void message(const QString &text);
    void groupActivated(qint64 id);
    /// The user asks to link a tier unit to the joint-handling unit.
    void linkRequested();

private:
    void reread();
    void showGroups();
    void showHistory();
    void updateEnabled();

    OrgDocument *m_document;
    QString m_code;
    QLabel *m_title;
    QLineEdit *m_codeEdit;
    QLineEdit *m_name;
    QSpinBox *m_tier;
    QComboBox *m_kind;
    QLineEdit *m_parent;
    QLineEdit *m_contact;
    QLineEdit *m_jurisdiction;
    QLineEdit *m_departments;
    QListWidget *m_linked;
    QPushButton *m_link;
    QPushButton *m_unlink;
    QListWidget *m_groups;
    QTreeWidget *m_history;
    QPushButton *m_apply;
    QFormLayout *m_form = nullptr;
};

} // namespace GridDesk
