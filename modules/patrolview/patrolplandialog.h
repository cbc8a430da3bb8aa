// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "patrol/patrolplan.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QRadioButton;
class QSpinBox;

namespace GridDesk {

class PatrolBook;

/// A grid with the name people know it by, for choosing one.
struct GridChoice
{
    QString code;
    QString name;
};

/// Adds or edits a patrol plan: the grid, what to check, how often (times a day, week or
/// month), by whom (a person of the org chart or a user, or anyone holding a post) and the
/// share of the grid a patrol must see. OK asks the patrol book whether it would keep the
/// plan; when not, the dialog says why and stays open.
class PatrolPlanDialog : public QDialog
{
    Q_OBJECT

public:
    /// Edits plan (a new one when its id is 0), checked with book. grids are offered in
    /// order, with offeredGrid (the grid chosen on the map, when there is one) first and
    /// chosen for a new plan; people are the names offered for "by whom".
    PatrolPlanDialog(const PatrolBook &book, const PatrolPlan &plan, const QList<GridChoice> &grids,
        const QString &offeredGrid, const QStringList &people, QWidget *parent = nullptr);

    /// The plan as entered, with the id it was opened with.
    PatrolPlan plan() const;
    /// Why the last OK was refused; empty when it was not.
    QString problem() const;

    void accept() override;

    QComboBox *gridCombo() const { return m_grid; }
    QLineEdit *tasksEdit() const { return m_tasks; }
    QSpinBox *timesSpin() const { return m_times; }
    QComboBox *perCombo() const { return m_per; }
    QRadioButton *personButton() const { return m_byPerson; }
    QComboBox *personCombo() const { return m_person; }
    QRadioButton *postButton() const { return m_byPost; }
    QComboBox *postCombo() const { return m_post; }
    QSpinBox *shareSpin() const { return m_share; }

private:
    void fillGrids(const QList<GridChoice> &grids, const QString &offeredGrid);
    QString chosenGrid() const;
    void showWho();

    const PatrolBook &m_book;
    PatrolPlan m_plan;
    QComboBox *m_grid;
    QLineEdit *m_tasks;
    QSpinBox *m_times;
    QComboBox *m_per;
    QRadioButton *m_byPerson;
    QComboBox *m_person;
    QRadioButton *m_byPost;
    QComboBox *m_post;
    QSpinBox *m_share;
    QLabel *m_problem;
};

} // namespace GridDesk
