// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "actiondialog.h"

#include "unitchooser.h"

#include "domain/displaytime.h"
#include "domain/posts.h"
#include "workflow/transitions.h"
#include "worktime/timelimit.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace GridDesk {

namespace {

const QString ISO_SECONDS = QStringLiteral("yyyy-MM-ddTHH:mm:ss");

QPlainTextEdit *textBox(const QString &name, const QString &placeholder, QWidget *parent)
{
    auto *box = new QPlainTextEdit(parent);
    box->setObjectName(name);
    box->setPlaceholderText(placeholder);
    box->setTabChangesFocus(true);
    box->setMaximumHeight(box->fontMetrics().height() * 5);
    return box;
}

QString caseLabel(const CaseRecord &record, qint64 id)
{
    return record.externalId.isEmpty() ? QString::number(id) : record.externalId;
}

} // namespace

ActionDialog::ActionDialog(CaseAction action, const ActionContext &context, QWidget *parent)
    : QDialog(parent)
    , m_action(action)
    , m_context(context)
    , m_heading(new QLabel(this))
    , m_message(new QLabel(this))
    , m_submit(new QPushButton(caseActionName(action), this))
    , m_reload(new QPushButton(tr("Reload case"), this))
{
    setObjectName(QStringLiteral("actionDialog"));
    m_heading->setObjectName(QStringLiteral("heading"));
    m_heading->setWordWrap(true);
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("QLabel { color: #9b1010; }"));
    m_message->setVisible(false);
    m_submit->setObjectName(QStringLiteral("submit"));
    m_submit->setDefault(true);
    m_reload->setObjectName(QStringLiteral("reload"));
    m_reload->setVisible(false);

    auto *form = new QFormLayout;
    buildFields(form);
    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_reload, QDialogButtonBox::ResetRole);
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancel"));
    buttons->addButton(m_submit, QDialogButtonBox::AcceptRole);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    updateHeading();
    resize(qMax(sizeHint().width(), 520), sizeHint().height());

    connect(m_submit, &QPushButton::clicked, this, &ActionDialog::submit);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_reload, &QPushButton::clicked, this, &ActionDialog::reloadRequested);
}

void ActionDialog::buildFields(QFormLayout *form)
{
    switch (m_action) {
    case CaseAction::Register:
        addCategory(form);
        addDuplicates(form);
        break;
    case CaseAction::Merge:
        addDuplicates(form);
        break;
    case CaseAction::Dispatch:
        addDispatch(form);
        break;
    case CaseAction::Escalate:
        addEscalation(form);
        break;
    case CaseAction::Verify:
    case CaseAction::FailVerification:
        addOnSiteCheck(form);
        break;
    case CaseAction::FeedBack:
    case CaseAction::CloseImmediately:
        m_result =
            textBox(QStringLiteral("result"), tr("What was done, and what is the outcome"), this);
        form->addRow(tr("Result:"), m_result);
        break;
    case CaseAction::Evaluate:
    case CaseAction::ReturnVisit:
        addEvaluation(form);
        break;
    case CaseAction::ContactReporter:
        m_result = textBox(
            QStringLiteral("result"), tr("What the reporter was told, and what they said"), this);
        form->addRow(tr("Call:"), m_result);
        break;
    case CaseAction::RequestExtension:
    case CaseAction::ApproveExtension:
        m_limit = new QLineEdit(m_context.file.pendingExtension().value_or(QString()), this);
        m_limit->setObjectName(QStringLiteral("limit"));
        m_limit->setPlaceholderText(tr("e.g. 4h, 2d or 48ch (calendar hours)"));
        form->addRow(tr("More time:"), m_limit);
        break;
    case CaseAction::Promise:
        m_promisedAt =
            new QDateTimeEdit(QDateTime(m_context.now.date().addDays(1), QTime(17, 0)), this);
        m_promisedAt->setObjectName(QStringLiteral("promisedAt"));
        m_promisedAt->setCalendarPopup(true);
        m_promisedAt->setDisplayFormat(displayDateTimeFormat());
        form->addRow(tr("Promised for:"), m_promisedAt);
        break;
    default:
        break;
    }
    addReason(form);
}

void ActionDialog::addReason(QFormLayout *form)
{
    const bool needed = Transitions::needsReason(m_action);
    m_reason = textBox(QStringLiteral("reason"),
        needed ? tr("Required: why, in a sentence the history will keep")
               : tr("Optional note for the history"),
        this);
    form->addRow(needed ? tr("Reason:") : tr("Note:"), m_reason);
}

void ActionDialog::addCategory(QFormLayout *form)
{
    m_category = new QComboBox(this);
    m_category->setObjectName(QStringLiteral("category"));
    const QString current = m_context.record.category;
    if (!m_context.categories.contains(current))
        m_category->addItem(current, current);
    for (const Category &category : m_context.categories.categories()) {
        const QString name = category.name.isEmpty() ? category.code : category.name;
        m_category->addItem(tr("%1 (%2)").arg(name, category.code), category.code);
    }
    m_category->setCurrentIndex(m_category->findData(current));
    form->addRow(tr("Category:"), m_category);
}

void ActionDialog::addDuplicates(QFormLayout *form)
{
    m_duplicates = new DuplicatePicker(m_context.findDuplicates, this);
    form->addRow(tr("Possible duplicates:"), m_duplicates);
    if (m_action != CaseAction::Register)
        return;
    auto *merge = new QPushButton(tr("Merge into the chosen case instead"), this);
    merge->setObjectName(QStringLiteral("mergeInstead"));
    merge->setEnabled(false);
    form->addRow(QString(), merge);
    connect(m_duplicates, &DuplicatePicker::chosenChanged, merge,
        [this, merge] { merge->setEnabled(m_duplicates->chosen().has_value()); });
    connect(merge, &QPushButton::clicked, this, &ActionDialog::mergeInstead);
}

void ActionDialog::addDispatch(QFormLayout *form)
{
    m_units = new UnitChooser(m_context.units, true, {}, this);
    m_proposal = new QLabel(m_context.proposalText, this);
    m_proposal->setObjectName(QStringLiteral("proposal"));
    m_proposal->setWordWrap(true);
    if (m_context.proposal) {
        m_units->setUnit(m_context.proposal->unit);
        m_units->setCoUnits(m_context.proposal->coUnits);
    }
    form->addRow(tr("Proposed:"), m_proposal);
    form->addRow(tr("Lead unit:"), m_units);

    // The people of the lead unit, from the org chart; the unit may also decide itself.
    m_person = new QComboBox(this);
    m_person->setObjectName(QStringLiteral("handler"));
    form->addRow(tr("Handled by:"), m_person);
    fillHandlers(m_units->unit());
    connect(m_units, &UnitChooser::unitChanged, this, &ActionDialog::fillHandlers);
}

void ActionDialog::fillHandlers(const QString &unitCode)
{
    const qint64 chosen = m_person->currentData().toLongLong();
    m_person->clear();
    m_person->addItem(tr("Whoever the unit assigns"), 0);
    const QList<StaffMember> staff =
        unitCode.isEmpty() ? QList<StaffMember>() : m_context.units.staffWithin(unitCode);
    for (const StaffMember &member : staff)
        m_person->addItem(staffEntry(member), member.id);
    m_person->setCurrentIndex(std::max(0, m_person->findData(chosen)));
    m_person->setEnabled(!staff.isEmpty());
    m_person->setToolTip(staff.isEmpty() && !unitCode.isEmpty()
            ? tr("The org chart has nobody in %1 yet.").arg(m_context.units.displayName(unitCode))
            : QString());
}

void ActionDialog::addOnSiteCheck(QFormLayout *form)
{
    // Grid staff of the case's grid first, as clause 6.4.6.1 has the grid check on site.
    m_person = new QComboBox(this);
    m_person->setObjectName(QStringLiteral("checkedBy"));
    m_person->addItem(tr("Not recorded"), 0);
    for (const StaffMember &member : m_context.units.staffInGrid(m_context.record.gridCode))
        m_person->addItem(staffEntry(member), member.id);
    if (m_person->count() == 1)
        m_person->setToolTip(
            tr("The org chart assigns nobody to grid %1.").arg(m_context.record.gridCode));
    form->addRow(tr("Checked on site by:"), m_person);
}

QString ActionDialog::staffEntry(const StaffMember &member) const
{
    const std::optional<Post> post = postFromKey(member.post);
    //: a person in a list: name, post and unit, e.g. "Li Na – grid supervisor, Street one"
    return tr("%1 – %2, %3")
        .arg(member.name, post ? postName(*post).toLower() : member.post,
            m_context.units.displayName(member.unitCode));
}

void ActionDialog::addEscalation(QFormLayout *form)
{
    // Only units of a higher tier than the lead unit's can take a case over.
    const std::optional<OrgUnit> lead = m_context.units.unit(m_context.file.leadUnit());
    const int below = lead && lead->tier > 0 ? lead->tier : 7;
    m_units = new UnitChooser(
        m_context.units, false, [below](const OrgUnit &unit) { return unit.tier < below; }, this);
    if (lead)
        m_units->setUnit(lead->parentCode);
    form->addRow(tr("Taken over by:"), m_units);
}

void ActionDialog::addEvaluation(QFormLayout *form)
{
    m_satisfaction = new QComboBox(this);
    m_satisfaction->setObjectName(QStringLiteral("satisfaction"));
    m_satisfaction->addItem(tr("Choose…"), 0);
    m_satisfaction->addItem(tr("5 – very satisfied"), 5);
    m_satisfaction->addItem(tr("4 – satisfied"), 4);
    m_satisfaction->addItem(tr("3 – neither"), 3);
    m_satisfaction->addItem(tr("2 – dissatisfied"), 2);
    m_satisfaction->addItem(tr("1 – very dissatisfied"), 1);
    m_returnVisit = new QLineEdit(this);
    m_returnVisit->setObjectName(QStringLiteral("returnVisit"));
    m_returnVisit->setPlaceholderText(tr("What the reporter said when called back"));
    form->addRow(tr("Satisfaction:"), m_satisfaction);
    form->addRow(tr("Return visit:"), m_returnVisit);
}

void ActionDialog::updateHeading()
{
    const CaseFile &file = m_context.file;
    //: %1 is an action, %2 a case, %3 its state, %4 its version (number of events)
    m_heading->setText(tr("<b>%1 – case %2</b><br>Now %3, version %4.")
                           .arg(caseActionName(m_action).toHtmlEscaped(),
                               caseLabel(m_context.record, file.caseId()).toHtmlEscaped(),
                               caseStateName(file.state()).toLower().toHtmlEscaped())
                           .arg(file.version()));
    setWindowTitle(caseActionName(m_action));
}

ActionInput ActionDialog::input() const
{
    ActionInput input;
    input.action = m_action;
    input.basedOnVersion = m_context.file.version();
    input.reason = m_reason ? m_reason->toPlainText().trimmed() : QString();
    if (m_units) {
        input.unit = m_units->unit();
        input.coUnits = m_units->coUnits();
    }
    const auto &proposal = m_context.proposal;
    if (proposal && !proposal->ruleId.isEmpty() && input.unit == proposal->unit) {
        input.data.insert(QStringLiteral("rule"), proposal->ruleId);
        input.data.insert(QStringLiteral("rule_reason"), proposal->reason);
    }
    if (m_result)
        input.data.insert(QStringLiteral("result"), m_result->toPlainText().trimmed());
    if (m_satisfaction) {
        input.data.insert(QStringLiteral("satisfaction"), m_satisfaction->currentData().toInt());
        input.data.insert(QStringLiteral("return_visit"), m_returnVisit->text().trimmed());
    }
    if (m_limit && !m_limit->text().trimmed().isEmpty())
        input.data.insert(QStringLiteral("limit"), m_limit->text().trimmed());
    if (m_promisedAt)
        input.data.insert(
            QStringLiteral("promised_at"), m_promisedAt->dateTime().toString(ISO_SECONDS));
    if (m_category && m_category->currentData().toString() != m_context.record.category)
        input.data.insert(QStringLiteral("category"), m_category->currentData().toString());
    if (m_duplicates && m_action == CaseAction::Merge && m_duplicates->chosen())
        input.data.insert(QStringLiteral("into"), *m_duplicates->chosen());
    if (m_person && m_person->currentData().toLongLong() > 0) {
        // The workflow engine writes the person's name into the history beside the id.
        const bool dispatching = m_action == CaseAction::Dispatch;
        input.data.insert(dispatching ? QStringLiteral("handler") : QStringLiteral("checked_by"),
            m_person->currentData().toLongLong());
    }
    return input;
}

void ActionDialog::restore(const ActionInput &input)
{
    if (m_reason)
        m_reason->setPlainText(input.reason);
    if (m_units) {
        m_units->setUnit(input.unit);
        m_units->setCoUnits(input.coUnits);
    }
    const auto text = [&input](const char *key) {
        return input.data.value(QLatin1String(key)).toString();
    };
    if (m_result)
        m_result->setPlainText(text("result"));
    if (m_satisfaction) {
        m_satisfaction->setCurrentIndex(
            m_satisfaction->findData(input.data.value(QLatin1String("satisfaction")).toInt()));
        m_returnVisit->setText(text("return_visit"));
    }
    if (m_limit && !text("limit").isEmpty())
        m_limit->setText(text("limit"));
    if (m_promisedAt && !text("promised_at").isEmpty())
        m_promisedAt->setDateTime(QDateTime::fromString(text("promised_at"), ISO_SECONDS));
    if (m_category && !text("category").isEmpty())
        m_category->setCurrentIndex(m_category->findData(text("category")));
    if (m_person) {
        const QJsonValue person =
            input.data.value(m_action == CaseAction::Dispatch ? QLatin1String("handler")
                                                              : QLatin1String("checked_by"));
        m_person->setCurrentIndex(std::max(0, m_person->findData(person.toInteger(0))));
    }
}

QString ActionDialog::unitProblem() const
{
    if (!m_units || !m_units->unit().isEmpty())
        return {};
    const QString typed = m_units->unitCombo()->currentText().trimmed();
    if (typed.isEmpty())
        return tr("Choose a unit from the list.");
    return tr("\"%1\" is not an org unit of this workspace; choose one from the list.").arg(typed);
}

QString ActionDialog::problem() const
{
    const ActionInput entered = input();
    if (Transitions::needsReason(m_action) && entered.reason.isEmpty())
        return tr("Give a reason; the case's history keeps it.");
    if (const QString units = unitProblem(); !units.isEmpty())
        return units;
    if (m_result && entered.data.value(QLatin1String("result")).toString().isEmpty()) {
        return m_action == CaseAction::ContactReporter
            ? tr("Say what the reporter was told and what they said.")
            : tr("Say how the case was handled.");
    }
    if (m_satisfaction && m_satisfaction->currentData().toInt() == 0)
        return tr("Choose the reporter's satisfaction, from 1 to 5.");
    if (m_limit) {
        const QString limit = m_limit->text().trimmed();
        const bool required = m_action == CaseAction::RequestExtension;
        if (required || !limit.isEmpty()) {
            if (const auto parsed = TimeLimit::parse(limit); !parsed)
                return parsed.error().message;
        }
    }
    const bool past = m_promisedAt && m_context.now.isValid()
        && m_promisedAt->dateTime() <= QDateTime(m_context.now.date(), m_context.now.time());
    if (past)
        return tr("The promised date must lie ahead.");
    if (m_action == CaseAction::Merge && !entered.data.contains(QLatin1String("into")))
        return tr("Choose the case this one repeats.");
    return {};
}

void ActionDialog::submit()
{
    if (const QString missing = problem(); !missing.isEmpty()) {
        showProblem(missing);
        return;
    }
    m_message->setVisible(false);
    Q_EMIT submitted(input());
}

void ActionDialog::mergeInstead()
{
    if (!m_duplicates->chosen())
        return;
    ActionInput merge = input();
    merge.action = CaseAction::Merge;
    merge.data = QJsonObject {{QStringLiteral("into"), *m_duplicates->chosen()}};
    Q_EMIT submitted(merge);
}

void ActionDialog::showProblem(const QString &message)
{
    m_message->setText(message);
    m_message->setVisible(true);
}

void ActionDialog::showRefusal(const Error &error)
{
    QString message = error.message;
    if (error.code == ErrorCode::Conflict) {
        message +=
            u'\n' + tr("Reload the case, check it, and submit again: what you entered is kept.");
    }
    m_reload->setVisible(error.code == ErrorCode::Conflict);
    showProblem(message);
}

void ActionDialog::setContext(const ActionContext &context)
{
    m_context = context;
    m_reload->setVisible(false);
    updateHeading();
    if (m_duplicates)
        m_duplicates->search();
    //: %1 is the case's state after a reload
    showProblem(tr("Reloaded: the case is now %1. Check what you entered and submit again.")
                    .arg(caseStateName(context.file.state()).toLower()));
}

} // namespace GridDesk
