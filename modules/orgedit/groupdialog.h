// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "org/orgchart.h"

#include <QDialog>

class QComboBox;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;

namespace GridDesk {

/// Sets up or edits a coordination or leading group of a unit: its name, kind, remit and the
/// units and people sitting in it. Offered as members: the unit, the units above and below it,
/// the joint-handling units linked to it, and the people of all of these.
class GroupDialog : public QDialog
{
    Q_OBJECT

public:
    GroupDialog(const OrgChart &chart, const OrgGroup &group, QWidget *parent = nullptr);

    OrgGroup group() const;
    QLineEdit *nameEdit() const { return m_name; }
    QListWidget *unitList() const { return m_units; }
    QListWidget *peopleList() const { return m_people; }

private:
    void offerUnits(const OrgChart &chart);
    void offerPeople(const OrgChart &chart);

    OrgGroup m_group;
    QLineEdit *m_name;
    QComboBox *m_kind;
    QPlainTextEdit *m_remit;
    QListWidget *m_units;
    QListWidget *m_people;
};

} // namespace GridDesk
