// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "workspaceloader.h"

#include "domain/caserecord.h"

#include <QDir>
#include <QHash>
#include <QMainWindow>
#include <QPointer>

class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QProgressBar;
class QToolBar;
class QToolButton;

namespace GridDesk {

class CaseActions;
class CaseDesk;
class CaseDetailPanel;
class DeskAids;
class CaseQueueWidget;
class DeskWindows;
class GridEditor;
class MapCanvas;
class OrgEditor;
class RegisterPanel;
class StandardsBrowser;
class EvaluationDashboard;
class PatrolsPanel;
class SyncControls;
struct DeskUser;

/// The workstation window: the map in the middle, the case queue and the case panel in docks
/// beside it, the actions of the closed loop in the Case menu and a toolbar. Picking a case in
/// the queue shows it on the map and in the panel; picking a grid on the map narrows the queue
/// to that grid and the grids inside it. Map → Edit grids turns the map into the supervisor's
/// grid editor. Window layout is kept between sessions.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(const QDir &mapsDir, QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Loads path in the background, importing sampleKey first when the workspace is empty.
    void openWorkspace(const QString &path, const QString &sampleKey = {});
    QString workspacePath() const { return m_workspacePath; }

    /// Where a workspace made from a sample is kept unless the user says otherwise.
    static QString defaultWorkspacePath(const QString &sampleKey);

    MapCanvas *mapCanvas() const { return m_canvas; }
    CaseQueueWidget *caseQueue() const { return m_queue; }
    QDockWidget *caseQueueDock() const { return m_queueDock; }
    CaseDetailPanel *caseDetail() const { return m_detail; }
    QDockWidget *caseDetailDock() const { return m_detailDock; }
    CaseActions *caseActions() const { return m_actions; }
    CaseDesk *caseDesk() const { return m_desk; }
    /// The Sync menu, the sync status area and the rejected commands.
    SyncControls *syncControls() const { return m_sync; }
    QAction *workflowSetupAction() const { return m_workflowSetupAction; }
    GridEditor *gridEditor() const { return m_gridEditor; }
    RegisterPanel *registerPanel() const { return m_registerPanel; }
    QDockWidget *registerDock() const { return m_registerDock; }
    QAction *orgChartAction() const { return m_orgChartAction; }
    /// The org chart editor of the open workspace, if it is open.
    OrgEditor *orgEditor() const;
    QAction *standardsAction() const { return m_standardsAction; }
    /// The standards browser of the open workspace, if it is open.
    StandardsBrowser *standardsBrowser() const;
    QAction *evaluationAction() const { return m_evaluationAction; }
    QAction *patrolsAction() const { return m_patrolsAction; }
    PatrolsPanel *patrolsPanel() const { return m_patrols; }
    QDockWidget *patrolsDock() const { return m_patrolsDock; }
    /// The evaluation dashboard of the open workspace, if it is open.
    EvaluationDashboard *evaluationDashboard() const;
    /// The Window menu: panels in docks or windows of their own, map windows, named layouts.
    DeskWindows *deskWindows() const { return m_windows; }
    /// The alerts, the command palette, the shortcut help and the preferences.
    DeskAids *deskAids() const { return m_aids; }

public Q_SLOTS:
    /// Opens the org chart editor of the open workspace, or raises it when it is open.
    void openOrgEditor();
    /// Opens the standards browser of the open workspace, or raises it when it is open.
    void openStandardsBrowser();
    void openEvaluationDashboard();
    void showPatrols();
    void showCasesOfNumber(const QList<qint64> &ids, const QString &label);

Q_SIGNALS:
    void workspaceLoaded();
    void workspaceFailed(const QString &message);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void createPatrolsDock();
    void createDeskWindows();
    void createSampleMenu(QMenu *menu);
    void createStatusBar();
    void createCaseMenu();
    void createMapMenu();
    void createOrganisationMenu();
    /// The desk takes the units of a chart saved in the editor of the workspace at path.
    void onOrgChartSaved(const QString &path);
    void onGridEditionPublished();
    /// The grid editor edits as user; supervisors and leaders publish.
    void takeGridEditor(const DeskUser &user);
    void showDeskUser(const DeskUser &user);
    void updateCountsLabel();
    void restoreLayout();
    void onLoadStarted(const QString &path, bool importing);
    void onLoadFinished(const LoadedWorkspace &workspace);
    void onLoadFailed(const QString &message);
    void onCaseSelectedInQueue(qint64 id);
    /// Keeps record to be drawn on the map with the other cases changed meanwhile.
    void takeChangedCase(const GridDesk::CaseRecord &record);
    /// Draws the cases kept by takeChangedCase() on the map, all in one new scene.
    void drawChangedCases();
    void onCaseSelectedOnMap(qint64 id);
    void onGridSelectedOnMap(const QString &code);
    void chooseWorkspace();
    void newWorkspaceFromSample(const QString &key);
    void showAbout();
    void goToGrid();
    void zoomToSelection();
    void setBusy(bool busy, const QString &message = {});

    QDir m_mapsDir;
    QString m_workspacePath;
    WorkspaceLoader *m_loader;
    MapCanvas *m_canvas;
    CaseQueueWidget *m_queue;
    QDockWidget *m_queueDock;
    CaseDetailPanel *m_detail;
    QDockWidget *m_detailDock;
    CaseActions *m_actions;
    QToolBar *m_caseToolBar;
    CaseDesk *m_desk;
    SyncControls *m_sync;
    GridEditor *m_gridEditor;
    RegisterPanel *m_registerPanel;
    QDockWidget *m_registerDock;
    QString m_messageAfterLoad; ///< for the status bar once the workspace being opened is loaded
    bool m_resumeGridEditing = false; ///< reopening after a publish returns to the editor
    bool m_gridDocksPlaced = false;
    QAction *m_workflowSetupAction = nullptr;
    QAction *m_orgChartAction = nullptr;
    /// One org chart editor per workspace path, while it is open.
    QHash<QString, QPointer<OrgEditor>> m_orgEditors;
    QAction *m_standardsAction = nullptr;
    /// One standards browser per workspace path, while it is open.
    QHash<QString, QPointer<StandardsBrowser>> m_standardsBrowsers;
    QAction *m_evaluationAction = nullptr;
    QAction *m_patrolsAction = nullptr;
    PatrolsPanel *m_patrols = nullptr;
    QDockWidget *m_patrolsDock = nullptr;
    /// One evaluation dashboard per workspace path, while it is open.
    QHash<QString, QPointer<EvaluationDashboard>> m_evaluationDashboards;
    QToolButton *m_userButton;
    QLabel *m_countsLabel;
    qint64 m_gridCount = 0;
    qsizetype m_locatedCount = 0;
    QHash<qint64, GridDesk::CaseRecord> m_changedCases; ///< waiting for drawChangedCases()
    QProgressBar *m_busyBar;
    DeskWindows *m_windows = nullptr;
    DeskAids *m_aids = nullptr;
};

} // namespace GridDesk
