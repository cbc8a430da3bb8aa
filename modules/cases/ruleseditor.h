// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"
#include "workflow/dispatchrules.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableWidget;

namespace GridDesk {

/// Edits the ordered dispatch rule table in place: one row per rule, the first enabled rule
/// that matches a case decides. Rows can be added, removed and moved; cells are read only by
/// rules(), which names the rule and the field of a cell that does not read.
class RulesEditor : public QWidget
{
    Q_OBJECT

public:
    enum class Column {
        Id,
        Name,
        Enabled,
        Category,
        Grid,
        From,
        To,
        Channel,
        Unit,
        CoUnits,
        Count
    };

    explicit RulesEditor(const QList<DispatchRule> &rules, QWidget *parent = nullptr);

    /// The rules in table order, as edited.
    Result<QList<DispatchRule>> rules() const;
    /// The id of the first rule whose category is code; empty when none is.
    QString ruleUsingCategory(const QString &code) const;

    QTableWidget *table() const { return m_table; }

Q_SIGNALS:
    void changed();
    /// The user asked to try the rules being edited on past cases.
    void dryRunRequested();

private:
    void addRow(const DispatchRule &rule, int row);
    void addRule();
    void removeRule();
    void moveRule(int offset);
    void updateButtons();
    QString text(int row, Column column) const;

    QTableWidget *m_table;
    QPushButton *m_remove;
    QPushButton *m_up;
    QPushButton *m_down;
    QLabel *m_message;
};

} // namespace GridDesk
