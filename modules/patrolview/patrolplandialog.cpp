// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "patrolplandialog.h"

#include "domain/posts.h"
#include "patrol/patrolbook.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QSpinBox>

#include <cmath>

namespace GridDesk {

namespace {

QString gridText(const GridChoice &grid)
{
    //: a grid in a list: %1 is its code, %2 its name
    return grid.name.isEmpty() || grid.name == grid.code
        ? grid.code
        : PatrolPlanDialog::tr("%1 — %2").arg(grid.code, grid.name);
}

QComboBox *searchableCombo(QWidget *parent)
{
    auto *combo = new QComboBox(parent);
    combo->setEditable(true);
    combo->setInsertPolicy(QComboBox::NoInsert);
    combo->completer()->setCompletionMode(QCompleter::PopupCompletion);
    combo->completer()->setFilterMode(Qt::MatchContains);
    combo->completer()->setCaseSensitivity(Qt::CaseInsensitive);
    return combo;
}

} // namespace

PatrolPlanDialog::PatrolPlanDialog(const PatrolBook &book, const PatrolPlan &plan,
    const QList<GridChoice> &grids, const QString &offeredGrid, const QStringList &people,
    QWidget *parent)
    : QDialog(parent)
    , m_book(book)
    , m_plan(plan)
    , m_grid(searchableCombo(this))
    , m_tasks(new QLineEdit(plan.tasks, this))
    , m_times(new QSpinBox(this))
    , m_per(new QComboBox(this))
    , m_byPerson(new QRadioButton(tr("A &person:"), this))
    , m_person(searchableCombo(this))
    , m_byPost(new QRadioButton(tr("Anyone in p&ost:"), this))
    , m_post(new QComboBox(this))
    , m_share(new QSpinBox(this))
    , m_problem(new QLabel(this))
{
    setObjectName(QStringLiteral("patrolPlanDialog"));
    setWindowTitle(plan.id == 0 ? tr("Add patrol plan") : tr("Edit patrol plan %1").arg(plan.id));
    fillGrids(grids, plan.id == 0 && !offeredGrid.isEmpty() ? offeredGrid : plan.gridCode);
    m_tasks->setPlaceholderText(tr("e.g. litter, street lights, manhole covers"));
    m_times->setRange(1, 999);
    m_times->setValue(std::max(1, plan.times));
    for (int per = 0; per < int(PlanPeriod::Count); ++per)
        m_per->addItem(tr("a %1").arg(planPeriodName(PlanPeriod(per))), int(per));
    m_per->setCurrentIndex(m_per->findData(int(plan.per)));

    m_person->addItems(people);
    m_person->setCurrentText(plan.person);
    m_person->lineEdit()->setPlaceholderText(tr("a user or a person of the org chart"));
    for (int post = 0; post < int(Post::Count); ++post)
        m_post->addItem(postName(Post(post)), postKey(Post(post)));
    const int post = m_post->findData(plan.post.trimmed().toLower());
    m_post->setCurrentIndex(post >= 0 ? post : m_post->findData(postKey(Post::GridPatroller)));
    auto *who = new QButtonGroup(this);
    who->addButton(m_byPerson);
    who->addButton(m_byPost);
    (plan.post.isEmpty() ? m_byPerson : m_byPost)->setChecked(true);

    m_share->setRange(0, 100);
    m_share->setSuffix(tr(" %"));
    m_share->setSpecialValueText(tr("any part"));
    m_share->setValue(int(std::lround(plan.minimumShare * 100.0)));
    m_share->setToolTip(tr("How much of the grid a patrol must see to count for the plan."));
    m_problem->setObjectName(QStringLiteral("planProblem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b00020;"));

    auto *often = new QHBoxLayout;
    often->addWidget(m_times);
    //: between the number of patrols and the period: "2 × a week"
    often->addWidget(new QLabel(tr("×"), this));
    often->addWidget(m_per, 1);
    auto *form = new QFormLayout(this);
    form->addRow(tr("&Grid:"), m_grid);
    form->addRow(tr("&What to check:"), m_tasks);
    form->addRow(tr("&How often:"), often);
    form->addRow(m_byPerson, m_person);
    form->addRow(m_byPost, m_post);
    form->addRow(tr("&Seen at least:"), m_share);
    form->addRow(m_problem);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    form->addRow(buttons);
    // The label of the "how often" row names the spin box, which comes first.
    qobject_cast<QLabel *>(form->labelForField(often))->setBuddy(m_times);

    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_byPerson, &QRadioButton::toggled, this, &PatrolPlanDialog::showWho);
    // A complaint about the plan goes once the plan is changed.
    for (QComboBox *combo : {m_grid, m_person, m_per, m_post})
        connect(combo, &QComboBox::currentTextChanged, m_problem, &QLabel::clear);
    connect(m_tasks, &QLineEdit::textChanged, m_problem, &QLabel::clear);
    connect(m_byPerson, &QRadioButton::toggled, m_problem, &QLabel::clear);
    showWho();
    setMinimumWidth(480);
}

void PatrolPlanDialog::fillGrids(const QList<GridChoice> &grids, const QString &chosen)
{
    // The grid chosen on the map (or the plan's own) leads the list: it is the likely one.
    for (const GridChoice &grid : grids) {
        if (grid.code == chosen)
            m_grid->addItem(gridText(grid), grid.code);
    }
    for (const GridChoice &grid : grids) {
        if (grid.code != chosen)
            m_grid->addItem(gridText(grid), grid.code);
    }
    const int index = m_grid->findData(chosen);
    m_grid->setCurrentIndex(index);
    if (index < 0)
        m_grid->setCurrentText(chosen);
}

void PatrolPlanDialog::showWho()
{
    m_person->setEnabled(m_byPerson->isChecked());
    m_post->setEnabled(m_byPost->isChecked());
}

QString PatrolPlanDialog::chosenGrid() const
{
    // A code typed rather than picked counts as it is; a picked entry by the code it stands
    // for, not the name shown with it.
    const QString text = m_grid->currentText().trimmed();
    const int index = m_grid->findText(text, Qt::MatchFixedString);
    if (index >= 0)
        return m_grid->itemData(index).toString();
    return text;
}

PatrolPlan PatrolPlanDialog::plan() const
{
    PatrolPlan plan = m_plan;
    plan.gridCode = chosenGrid();
    plan.tasks = m_tasks->text().trimmed();
    plan.times = m_times->value();
    plan.per = PlanPeriod(m_per->currentData().toInt());
    plan.person = m_byPerson->isChecked() ? m_person->currentText().trimmed() : QString();
    plan.post = m_byPost->isChecked() ? m_post->currentData().toString() : QString();
    plan.minimumShare = m_share->value() / 100.0;
    return plan;
}

QString PatrolPlanDialog::problem() const
{
    return m_problem->text();
}

void PatrolPlanDialog::accept()
{
    auto checked = m_book.checkPlan(plan());
    if (!checked) {
        m_problem->setText(checked.error().message);
        // Grown to show the whole message, which may take more than one line.
        adjustSize();
        return;
    }
    m_problem->clear();
    QDialog::accept();
}

} // namespace GridDesk
