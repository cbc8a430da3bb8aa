// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "workflowsetupdialog.h"

#include "calendareditor.h"
#include "categorieseditor.h"
#include "dryrundialog.h"
#include "logging.h"
#include "ruleseditor.h"

#include "storage/workspace.h"
#include "workflow/casebook.h"
#include "workflow/dispatchdryrun.h"

#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

namespace GridDesk {

namespace {

const QString NONE_KEY = QStringLiteral("none");

QComboBox *overdueCombo(const QString &name, std::optional<CaseAction> current, QWidget *parent)
{
    auto *combo = new QComboBox(parent);
    combo->setObjectName(name);
    combo->addItem(
        WorkflowSetupDialog::tr("Supervise the case"), caseActionKey(CaseAction::Supervise));
    combo->addItem(
        WorkflowSetupDialog::tr("Escalate the case"), caseActionKey(CaseAction::Escalate));
    combo->addItem(WorkflowSetupDialog::tr("Nothing (only show it as overdue)"), NONE_KEY);
    combo->setCurrentIndex(combo->findData(current ? caseActionKey(*current) : NONE_KEY));
    return combo;
}

std::optional<CaseAction> overdueAction(const QComboBox *combo)
{
    return caseActionFromKey(combo->currentData().toString());
}

QString fractionsText(const QList<double> &fractions)
{
    QStringList parts;
    for (double fraction : fractions)
        parts << QString::number(fraction * 100, 'g', 4) + QStringLiteral(" %");
    return parts.join(QStringLiteral(", "));
}

} // namespace

WorkflowSetupDialog::WorkflowSetupDialog(
    Workspace &workspace, WorkflowSetup setup, const DeskUser &user, QWidget *parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_setup(std::move(setup))
    , m_user(user)
    , m_tabs(new QTabWidget(this))
    , m_categories(new CategoriesEditor(m_setup.categories, m_setup.units, this))
    , m_rules(new RulesEditor(m_setup.rules.rules(), this))
    , m_calendar(new CalendarEditor(m_setup.calendar, this))
    , m_save(new QPushButton(tr("&Save"), this))
    , m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("workflowSetupDialog"));
    setWindowTitle(tr("Workflow setup[*]"));
    m_tabs->setObjectName(QStringLiteral("tabs"));
    m_tabs->addTab(m_categories, tr("Cate&gories"));
    m_tabs->addTab(m_rules, tr("Dispatch ru&les"));
    m_tabs->addTab(m_calendar, tr("Calen&dar"));
    m_tabs->addTab(createDeadlinesTab(), tr("Deadl&ines"));
    m_categories->setRuleUsing(
        [this](const QString &code) { return m_rules->ruleUsingCategory(code); });
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    m_message->setVisible(false);

    auto *buttons = new QDialogButtonBox(this);
    m_save->setObjectName(QStringLiteral("save"));
    buttons->addButton(m_save, QDialogButtonBox::ApplyRole);
    QPushButton *close = buttons->addButton(QDialogButtonBox::Close);
    close->setObjectName(QStringLiteral("close"));
    auto *saveAction = new QAction(this);
    saveAction->setShortcut(QKeySequence::Save);
    saveAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(saveAction);

    const bool leader = m_user.role == Role::Leader && m_user.isValid();
    m_save->setEnabled(leader);
    m_save->setToolTip(leader ? tr("Check and save the setup (Ctrl+S)")
                              : tr("Only a leader may change the workflow setup; you act as %1.")
                                    .arg(m_user.isValid() ? roleName(m_user.role) : tr("nobody")));
    if (!leader)
        showMessage(tr("You may look at the setup; only a leader may save changes."), false);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    resize(980, 640);

    connect(m_save, &QPushButton::clicked, this, &WorkflowSetupDialog::save);
    connect(saveAction, &QAction::triggered, this, &WorkflowSetupDialog::save);
    connect(close, &QPushButton::clicked, this, &WorkflowSetupDialog::reject);
    connect(m_categories, &CategoriesEditor::changed, this, &WorkflowSetupDialog::markChanged);
    connect(m_rules, &RulesEditor::changed, this, &WorkflowSetupDialog::markChanged);
    connect(m_rules, &RulesEditor::dryRunRequested, this, &WorkflowSetupDialog::tryRules);
    connect(m_calendar, &CalendarEditor::changed, this, &WorkflowSetupDialog::markChanged);
}

QWidget *WorkflowSetupDialog::createDeadlinesTab()
{
    auto *tab = new QWidget(this);
    m_fractions = new QLineEdit(fractionsText(m_setup.warningFractions), tab);
    m_fractions->setObjectName(QStringLiteral("warningFractions"));
    m_fractions->setPlaceholderText(tr("50 %, 80 %"));
    m_onHandling =
        overdueCombo(QStringLiteral("onHandlingOverdue"), m_setup.onHandlingOverdue, tab);
    m_onSupervision =
        overdueCombo(QStringLiteral("onSupervisionOverdue"), m_setup.onSupervisionOverdue, tab);

    auto *form = new QFormLayout(tab);
    auto *intro = new QLabel(tr("A case is shown as running late once it has used these shares "
                                "of its stage's time. The deadline rules run every minute at the "
                                "desk and act on cases whose time ran out."),
        tab);
    intro->setWordWrap(true);
    form->addRow(intro);
    form->addRow(tr("&Warn after:"), m_fractions);
    form->addRow(tr("When &handling time runs out:"), m_onHandling);
    form->addRow(tr("When su&pervision time runs out:"), m_onSupervision);

    connect(m_fractions, &QLineEdit::textEdited, this, &WorkflowSetupDialog::markChanged);
    for (QComboBox *combo : {m_onHandling, m_onSupervision})
        connect(combo, &QComboBox::currentIndexChanged, this, &WorkflowSetupDialog::markChanged);
    return tab;
}

Result<QList<double>> WorkflowSetupDialog::warningFractions() const
{
    QList<double> fractions;
    for (const QString &part : m_fractions->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        QString number = part.trimmed();
        number.remove(QLatin1Char('%'));
        bool isNumber = false;
        const double percent = number.trimmed().toDouble(&isNumber);
        if (!isNumber || percent <= 0 || percent >= 100) {
            return fail(ErrorCode::InvalidArgument,
                tr("Warning at \"%1\": give percentages between 0 and 100, such as 50 %, 80 %.")
                    .arg(part.trimmed()));
        }
        fractions << percent / 100;
    }
    std::sort(fractions.begin(), fractions.end());
    return fractions;
}

Result<WorkflowSetup> WorkflowSetupDialog::editedSetup() const
{
    const auto problem = [this](Tab tab, const Error &error) {
        m_problemTab = tab;
        return std::unexpected(error);
    };
    WorkflowSetup setup = m_setup;
    const auto categories = m_categories->categories();
    if (!categories)
        return problem(Tab::Categories, categories.error());
    auto tree = CategoryTree::build(*categories);
    if (!tree)
        return problem(Tab::Categories, tree.error());
    setup.categories = std::move(*tree);

    const auto rules = m_rules->rules();
    if (!rules)
        return problem(Tab::Rules, rules.error());
    auto table = DispatchRules::build(*rules);
    if (!table)
        return problem(Tab::Rules, table.error());
    setup.rules = std::move(*table);

    auto calendar = m_calendar->calendar();
    if (!calendar)
        return problem(Tab::Calendar, calendar.error());
    setup.calendar = std::move(*calendar);

    auto fractions = warningFractions();
    if (!fractions)
        return problem(Tab::Deadlines, fractions.error());
    setup.warningFractions = *fractions;
    setup.onHandlingOverdue = overdueAction(m_onHandling);
    setup.onSupervisionOverdue = overdueAction(m_onSupervision);

    if (auto valid = setup.validate(); !valid)
        return problem(tabOfInvalidUnit(setup), valid.error());
    return setup;
}

WorkflowSetupDialog::Tab WorkflowSetupDialog::tabOfInvalidUnit(const WorkflowSetup &setup) const
{
    for (const DispatchRule &rule : setup.rules.rules()) {
        for (const QString &unit : QStringList {rule.unit} + rule.coUnits) {
            if (!setup.units.contains(unit))
                return Tab::Rules;
        }
    }
    return Tab::Categories;
}

bool WorkflowSetupDialog::save()
{
    if (m_user.role != Role::Leader || !m_user.isValid()) {
        showMessage(m_save->toolTip(), true);
        return false;
    }

    const auto setup = editedSetup();
    if (!setup) {
        m_tabs->setCurrentIndex(int(m_problemTab));
        showMessage(tr("Nothing was saved. %1").arg(setup.error().message), true);
        return false;
    }

    const auto recomputed = m_workspace.transaction<qint64>([&]() -> Result<qint64> {
        if (auto saved = setup->saveExceptUnits(m_workspace); !saved)
            return std::unexpected(saved.error());
        CaseBook book(m_workspace, *setup);
        return book.refreshDeadlines();
    });
    if (!recomputed) {
        qCWarning(lcCases).noquote() << "workflow setup not saved:" << recomputed.error().message;
        showMessage(tr("Nothing was saved. %1").arg(recomputed.error().message), true);
        return false;
    }

    m_setup = *setup;
    m_categories->markSaved();
    m_dirty = false;
    setWindowModified(false);
    qCInfo(lcCases) << "workflow setup saved; deadlines of" << *recomputed
                    << "open cases recomputed";
    showMessage(
        tr("Saved. Deadlines of %n open case(s) recomputed.", nullptr, int(*recomputed)), false);
    Q_EMIT setupSaved(m_setup);
    return true;
}

void WorkflowSetupDialog::tryRules()
{
    const auto rules = m_rules->rules();
    if (!rules) {
        showMessage(tr("The rules cannot be tried yet. %1").arg(rules.error().message), true);
        return;
    }
    auto table = DispatchRules::build(*rules);
    if (!table) {
        showMessage(tr("The rules cannot be tried yet. %1").arg(table.error().message), true);
        return;
    }
    // Categories as edited, when they hold together, so new subcategories count.
    WorkflowSetup setup = m_setup;
    if (const auto categories = m_categories->categories()) {
        if (auto tree = CategoryTree::build(*categories))
            setup.categories = std::move(*tree);
    }
    if (m_dryRun)
        m_dryRun->close();
    auto *dialog = new DryRunDialog(
        [this, setup, rules = *table](std::optional<QDate> from, std::optional<QDate> to) {
            return dryRunDispatch(m_workspace, setup, rules, from, to);
        },
        this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dryRun = dialog;
    dialog->open();
}

DryRunDialog *WorkflowSetupDialog::dryRunDialog() const
{
    return m_dryRun;
}

void WorkflowSetupDialog::reject()
{
    if (!m_dirty) {
        QDialog::reject();
        return;
    }
    auto *question = new QMessageBox(QMessageBox::Question, tr("Unsaved changes"),
        tr("The workflow setup has changes that are not saved. Close and drop them?"),
        QMessageBox::Discard | QMessageBox::Cancel, this);
    question->setObjectName(QStringLiteral("discardQuestion"));
    question->setDefaultButton(QMessageBox::Cancel);
    question->setAttribute(Qt::WA_DeleteOnClose);
    connect(question, &QMessageBox::buttonClicked, this, [this, question](QAbstractButton *button) {
        if (question->standardButton(button) == QMessageBox::Discard)
            discard();
    });
    question->open();
}

void WorkflowSetupDialog::discard()
{
    m_dirty = false;
    QDialog::reject();
}

void WorkflowSetupDialog::markChanged()
{
    m_dirty = true;
    setWindowModified(true);
}

void WorkflowSetupDialog::showMessage(const QString &text, bool problem)
{
    m_message->setText(text);
    m_message->setStyleSheet(problem ? QStringLiteral("QLabel { color: #9b1010; }") : QString());
    m_message->setVisible(true);
}

} // namespace GridDesk
