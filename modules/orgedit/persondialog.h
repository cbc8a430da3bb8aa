// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "org/orgchart.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;

namespace GridDesk {

/// Adds or edits a person: name, post (every post of the clause-8 families), unit, grids,
/// phone and ID number. An existing person's numbers are shown masked; left masked, the
/// numbers on file are kept.
class PersonDialog : public QDialog
{
    Q_OBJECT

public:
    PersonDialog(const OrgChart &chart, const Person &person, QWidget *parent = nullptr);

    /// The person as entered.
    Person person() const;

    QLineEdit *nameEdit() const { return m_name; }
    QComboBox *postCombo() const { return m_post; }
    QLineEdit *unitEdit() const { return m_unit; }
    QLineEdit *phoneEdit() const { return m_phone; }
    QLineEdit *idNumberEdit() const { return m_idNumber; }

private:
    void showUnitName();

    const OrgChart &m_chart;
    Person m_person;
    QLineEdit *m_name;
    QComboBox *m_post;
    QLineEdit *m_unit;
    QLabel *m_unitName;
    QLineEdit *m_grids;
    QLineEdit *m_phone;
    QLineEdit *m_idNumber;
};

} // namespace GridDesk
