// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "queuefilter.h"

#include "domain/error.h"
#include "workflow/workflowsetup.h"

#include <QDialog>
#include <QPointer>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTabWidget;

namespace GridDesk {

class CalendarEditor;
class CategoriesEditor;
class DryRunDialog;
class RulesEditor;
class Workspace;

/// The administrator's view of a workspace's workflow setup: categories and their limits, the
/// dispatch rule table (with a dry run on past cases), the working calendar, and the deadline
/// settings. Saving checks the whole setup first and writes nothing when a part is wrong; then
/// it saves the setup and recomputes the deadlines of open cases in one transaction. Anyone
/// may look; only a leader may save. The workspace must outlive the dialog.
class WorkflowSetupDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Tab { Categories, Rules, Calendar, Deadlines, Count };

    WorkflowSetupDialog(
        Workspace &workspace, WorkflowSetup setup, const DeskUser &user, QWidget *parent = nullptr);

    bool hasUnsavedChanges() const { return m_dirty; }
    /// Checks the setup as edited and saves it; false (with a message shown) when the user may
    /// not save, a part is wrong or the workspace refused.
    bool save();
    /// Closes without asking, dropping unsaved changes (the workspace is going away).
    void discard();

    QTabWidget *tabs() const { return m_tabs; }
    CategoriesEditor *categoriesEditor() const { return m_categories; }
    RulesEditor *rulesEditor() const { return m_rules; }
    CalendarEditor *calendarEditor() const { return m_calendar; }
    DryRunDialog *dryRunDialog() const;

public Q_SLOTS:
    /// Asks before dropping unsaved changes.
    void reject() override;

Q_SIGNALS:
    /// The setup was saved; the desk works with it from now on.
    void setupSaved(const GridDesk::WorkflowSetup &setup);

private:
    QWidget *createDeadlinesTab();
    Result<WorkflowSetup> editedSetup() const;
    Result<QList<double>> warningFractions() const;
    Tab tabOfInvalidUnit(const WorkflowSetup &setup) const;
    void tryRules();
    void markChanged();
    void showMessage(const QString &text, bool problem);

    Workspace &m_workspace;
    WorkflowSetup m_setup; ///< as last saved
    DeskUser m_user;
    bool m_dirty = false;
    QTabWidget *m_tabs;
    CategoriesEditor *m_categories;
    RulesEditor *m_rules;
    CalendarEditor *m_calendar;
    QLineEdit *m_fractions = nullptr;
    QComboBox *m_onHandling = nullptr;
    QComboBox *m_onSupervision = nullptr;
    QPushButton *m_save;
    QLabel *m_message;
    QPointer<DryRunDialog> m_dryRun;
    /// Where editedSetup() found its problem; shown when saving fails.
    mutable Tab m_problemTab = Tab::Categories;
};

} // namespace GridDesk
