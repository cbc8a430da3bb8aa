// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "cases/actiondialog.h"
#include "cases/queuefilter.h"
#include "cases/reportdialog.h"
#include "cases/runasdialog.h"
#include "cases/workflowsetupdialog.h"
#include "sync/outbox.h"
#include "workflow/casebook.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>
#include <optional>

class QTimer;

namespace GridDesk {

class CaseActions;
class CaseDetailPanel;
class CaseQueueWidget;
class DeskRegister;
class MapCanvas;
class Workspace;

/// The closed loop at the desk: runs the workstation as a local user, keeps the case panel
/// and the actions in step with the current case, opens the dialog of each action and takes
/// the action through the workspace's case book, reports new cases, and applies the deadline
/// rules every minute. Lives on the GUI thread with its own connection to the workspace.
class CaseDesk : public QObject
{
    Q_OBJECT

public:
    CaseDesk(QWidget *window, CaseQueueWidget *queue, CaseDetailPanel *panel, MapCanvas *canvas,
        CaseActions *actions);
    ~CaseDesk() override;

    /// Works on the workspace at path from now on, with its setup as the loader read it. Asks
    /// who the desk runs as unless this workspace remembers it.
    void open(const QString &path, const WorkflowSetup &setup);
    /// Reads the units and people of the workspace again (after the org chart was saved), so
    /// dialogs opened from now on offer them; the queue and the current case stay as they are.
    Result<void> reloadOrganisation();
    bool isOpen() const { return m_book != nullptr; }

    /// The wall time the desk acts at and measures deadlines against (the system clock unless
    /// a test sets another).
    void setClock(std::function<QDateTime()> clock);
    QDateTime now() const;

    DeskUser user() const { return m_user; }
    /// Acts as user from now on and remembers the choice for this workspace.
    void runAs(const LocalUser &user);
    /// Adds a local user to the workspace (for the Run as dialog).
    Result<void> addUser(const LocalUser &user);
    /// Shows the current case's reporter's contact unmasked after recording who asked and
    /// why; false (saying why in message()) when the role may not, the reason is blank or the
    /// record cannot be written.
    bool revealContactWith(const QString &reason);

    CaseBook *caseBook() const { return m_book.get(); }
    Sync::Outbox *outbox() const { return m_outbox.get(); }
    std::optional<qint64> currentCaseId() const { return m_caseId; }
    ActionDialog *actionDialog() const { return m_dialog; }
    ReportDialog *reportDialog() const { return m_reportDialog; }
    RunAsDialog *runAsDialog() const { return m_runAsDialog; }
    WorkflowSetupDialog *workflowSetupDialog() const { return m_setupDialog; }

public Q_SLOTS:
    /// Shows the case in the panel and offers the actions the user may take on it.
    void showCase(qint64 id);
    /// Reads the case again from the workspace (after someone else changed it): the case of
    /// the open action dialog, which then offers it as it is now, or else the current case.
    void reloadCase();
    /// Opens the dialog of action for the current case.
    void startAction(GridDesk::CaseAction action);
    void startReport();
    void chooseUser();
    /// Opens the workflow setup of the workspace; the desk takes the setup once it is saved.
    void openWorkflowSetup();
    /// Keeps the file at path with the current case.
    bool attachFile(const QString &path);
    /// Applies the deadline rules now, takes in the cases other programs changed since the last
    /// look, and brings the queue's deadlines up to date.
    void applyDeadlineRules();
    /// Shows the cases whose history grew in the workspace since the last look: what the sync
    /// wrote through its own connection, another desk or the command line.
    void takeInOtherChanges();

Q_SIGNALS:
    void userChanged(const GridDesk::DeskUser &user);
    /// The person reported a case or took an action on it: a command waits in the outbox.
    void actionTaken(qint64 caseId);
    /// The queue took in record: a case reported or acted on at this desk, or one that came in
    /// or changed elsewhere (a sync, another program on the workspace).
    void caseChanged(const GridDesk::CaseRecord &record);
    /// A message for the status bar.
    void message(const QString &text);
    /// Deadlines are to be measured at at: a workspace was opened, or a minute passed and the
    /// deadline rules are about to act (a case late now is still in the stage it is late in).
    void deadlinesDue(const QDateTime &at);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    ActionContext contextFor(const CaseFile &file, const CaseRecord &record) const;
    void proposeDispatch(ActionContext &context) const;
    QList<CaseAction> availableActions(const CaseFile &file) const;
    ActionRequest request(CaseAction action) const;
    void takeAction(const ActionInput &input);
    void takeReport(CaseRecord record);
    void refreshCase(qint64 id);
    void updateActions();
    void chooseAttachment(qint64 caseId);
    void openAttachment(qint64 attachmentId, const QString &name);
    void saveAttachment(qint64 attachmentId, const QString &name);
    void showOnMap(qint64 caseId);
    void chooseEntryToLink(qint64 caseId);
    void unlinkEntry(qint64 caseId, const QString &code, bool reporter);
    /// Asks why the reporter's contact of caseId is needed, then reveals it.
    void askContactReveal(qint64 caseId);
    /// The contact the report of the current case keeps; empty without one.
    QJsonObject reporterContactOfCurrent() const;
    QString settingsKey() const;
    void readGridPaths();
    void takeSetup(const WorkflowSetup &setup);

    QWidget *m_window;
    CaseQueueWidget *m_queue;
    CaseDetailPanel *m_panel;
    MapCanvas *m_canvas;
    CaseActions *m_actions;
    QTimer *m_deadlineTimer;
    qint64 m_lastEventSeen = 0; ///< the newest event the queue has taken in
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<CaseBook> m_book;
    std::unique_ptr<Sync::Outbox> m_outbox; ///< the book's journal: every action waits there
    std::unique_ptr<DeskRegister> m_register; ///< empty when the register cannot be read
    QString m_path;
    /// Each grid's code with the codes of the grids it lies in, innermost first.
    QHash<QString, QStringList> m_gridPaths;
    DeskUser m_user;
    std::function<QDateTime()> m_clock;
    std::optional<qint64> m_caseId;
    std::optional<qint64> m_contactShownFor; ///< the case whose reporter's contact is revealed
    std::optional<CaseFile> m_file; ///< the current case as last read
    QPointer<ActionDialog> m_dialog;
    QPointer<ReportDialog> m_reportDialog;
    QPointer<RunAsDialog> m_runAsDialog;
    QPointer<WorkflowSetupDialog> m_setupDialog;
    /// Input of dialogs closed without taking their action, by case and action.
    QHash<std::pair<qint64, int>, ActionInput> m_drafts;
    bool m_picking = false;
};

} // namespace GridDesk
