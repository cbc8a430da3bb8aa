// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "org/orgchart.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace GridDesk {

/// Asks for a new unit under a parent in one go: code, name, tier (by default the tier below
/// the parent's) and kind. Checks as the user types by trying the unit on a copy of the chart,
/// so it says exactly what the chart would say; OK stays disabled, with the reason shown under
/// the fields, until the chart would take the unit.
class AddUnitDialog : public QDialog
{
    Q_OBJECT

public:
    /// A unit under parentCode (empty: at the top) of chart, which the dialog copies.
    AddUnitDialog(
        const OrgChart &chart, const QString &parentCode, UnitKind kind, QWidget *parent = nullptr);

    /// The unit as filled in, as the chart would be asked to add it.
    ChartUnit unit() const;
    /// Why OK is disabled; empty while the unit can be added.
    QString reason() const;

    QLineEdit *codeEdit() const { return m_code; }
    QLineEdit *nameEdit() const { return m_name; }
    QComboBox *tierBox() const { return m_tier; }
    QComboBox *kindBox() const { return m_kind; }
    QLabel *reasonLabel() const { return m_reason; }
    QPushButton *okButton() const { return m_ok; }

    /// A code for a new unit under parentCode that chart does not hold yet.
    static QString freeCode(const OrgChart &chart, const QString &parentCode);

private:
    void check();
    QString refusal() const;

    OrgChart m_chart;
    QString m_parentCode;
    QLineEdit *m_code;
    QLineEdit *m_name;
    QComboBox *m_tier;
    QComboBox *m_kind;
    QLabel *m_reason;
    QPushButton *m_ok = nullptr;
};

} // namespace GridDesk
