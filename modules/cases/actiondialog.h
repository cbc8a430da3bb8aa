// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "duplicatepicker.h"

#include "domain/caserecord.h"
#include "domain/error.h"
#include "workflow/casefile.h"
#include "workflow/categorytree.h"
#include "workflow/dispatchrules.h"
#include "workflow/orgdirectory.h"

#include <QDateTime>
#include <QDialog>
#include <QJsonObject>

#include <optional>

class QComboBox;
class QDateTimeEdit;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace GridDesk {

class UnitChooser;

/// What the desk knows of the case an action is taken on, for its dialog to offer.
struct ActionContext
{
    CaseFile file; ///< as the person saw it: the action is based on its version
    CaseRecord record;
    OrgDirectory units;
    CategoryTree categories;
    QDateTime now; ///< wall time of the city
    /// Dispatch: the unit the rule table or the category proposes, and in words why.
    std::optional<DispatchProposal> proposal;
    QString proposalText;
    /// Register and merge: open cases of the same category near the case.
    DuplicatePicker::Finder findDuplicates;
};

/// What a person entered for an action: the part of an ActionRequest a dialog asks for.
struct ActionInput
{
    CaseAction action = CaseAction::Register;
    int basedOnVersion = -1;
    QString reason;
    QString unit;
    QStringList coUnits;
    QJsonObject data; ///< "result", "satisfaction", "limit", "promised_at", "into", "rule" …
};

/// The dialog of one action on one case. It checks what it can (a reason where one is needed,
/// a unit that exists, a result, a satisfaction, a time limit, a date ahead) before it emits
/// submitted(); the desk then takes the action and either closes the dialog or shows why the
/// action was refused, keeping everything entered for another try.
class ActionDialog : public QDialog
{
    Q_OBJECT

public:
    ActionDialog(CaseAction action, const ActionContext &context, QWidget *parent = nullptr);

    CaseAction action() const { return m_action; }
    qint64 caseId() const { return m_context.file.caseId(); }

    /// What is entered now, whether or not it is complete.
    ActionInput input() const;
    /// Puts back what was entered before (a draft kept when the dialog was closed).
    void restore(const ActionInput &input);
    /// What is missing or wrong in the input, in words; empty when it can be submitted.
    QString problem() const;

    /// Shows why the desk could not take the action; a conflict offers to reload the case.
    void showRefusal(const Error &error);
    /// Takes the case as it is now (after a reload), keeping everything entered.
    void setContext(const ActionContext &context);

public Q_SLOTS:
    /// Checks the input and emits submitted() when it is complete.
    void submit();

Q_SIGNALS:
    void submitted(const GridDesk::ActionInput &input);
    void reloadRequested();

private:
    void buildFields(QFormLayout *form);
    void addReason(QFormLayout *form);
    void addDispatch(QFormLayout *form);
    void addEscalation(QFormLayout *form);
    void addOnSiteCheck(QFormLayout *form);
    void fillHandlers(const QString &unitCode);
    QString staffEntry(const StaffMember &member) const;
    void addEvaluation(QFormLayout *form);
    void addDuplicates(QFormLayout *form);
    void addCategory(QFormLayout *form);
    void showProblem(const QString &message);
    void updateHeading();
    void mergeInstead();
    QString unitProblem() const;

    CaseAction m_action;
    ActionContext m_context;
    QLabel *m_heading;
    QLabel *m_message;
    QPushButton *m_submit;
    QPushButton *m_reload;
    QPlainTextEdit *m_reason = nullptr;
    QPlainTextEdit *m_result = nullptr;
    UnitChooser *m_units = nullptr;
    QComboBox *m_person = nullptr; ///< dispatch: who handles; verification: who checked on site
    QLabel *m_proposal = nullptr;
    QComboBox *m_satisfaction = nullptr;
    QLineEdit *m_returnVisit = nullptr;
    QLineEdit *m_limit = nullptr;
    QDateTimeEdit *m_promisedAt = nullptr;
    QComboBox *m_category = nullptr;
    DuplicatePicker *m_duplicates = nullptr;
};

} // namespace GridDesk

Q_DECLARE_METATYPE(GridDesk::ActionInput)
