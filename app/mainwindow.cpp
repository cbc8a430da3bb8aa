// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "mainwindow.h"

#include "casedesk.h"
#include "deskaids.h"
#include "deskwindows.h"
#include "logging.h"
#include "synccontrols.h"

#include "cases/caseactions.h"
#include "cases/casedetailpanel.h"
#include "cases/casefilterproxymodel.h"
#include "cases/casequeuewidget.h"
#include "cases/casetablemodel.h"
#include "desksync/syncstatusbar.h"
#include "evaluationview/evaluationdashboard.h"
#include "gridedit/grideditor.h"
#include "ingest/samples.h"
#include "mapview/mapcanvas.h"
#include "orgedit/orgeditor.h"
#include "patrolview/patrolspanel.h"
#include "registerview/registerpanel.h"
#include "standardsedit/standardsbrowser.h"

#include <QAction>
#include <QCloseEvent>
#include <QCoreApplication>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>

namespace GridDesk {

namespace {
const auto GEOMETRY_KEY = QStringLiteral("mainWindow/geometry");
const auto STATE_KEY = QStringLiteral("mainWindow/state");
const auto LAST_WORKSPACE_KEY = QStringLiteral("workspace/last");

void removeWorkspaceFiles(const QString &path)
{
    for (const char *suffix : {"", "-wal", "-shm", "-journal"})
        QFile::remove(path + QLatin1String(suffix));
}
} // namespace

MainWindow::MainWindow(const QDir &mapsDir, QWidget *parent)
    : QMainWindow(parent)
    , m_mapsDir(mapsDir)
    , m_loader(new WorkspaceLoader(this))
    , m_canvas(new MapCanvas(this))
    , m_queue(new CaseQueueWidget(this))
    , m_queueDock(new QDockWidget(tr("Case queue"), this))
    , m_detail(new CaseDetailPanel(this))
    , m_detailDock(new QDockWidget(tr("Case"), this))
    , m_actions(new CaseActions(this))
    , m_caseToolBar(new QToolBar(tr("Case actions"), this))
    , m_desk(new CaseDesk(this, m_queue, m_detail, m_canvas, m_actions))
    , m_sync(new SyncControls(this, m_desk))
    , m_gridEditor(new GridEditor(this, m_canvas))
    , m_registerPanel(new RegisterPanel(this))
    , m_registerDock(new QDockWidget(tr("Grid register"), this))
    , m_userButton(new QToolButton(this))
    , m_countsLabel(new QLabel(this))
    , m_busyBar(new QProgressBar(this))
{
    setWindowTitle(tr("GridDesk"));
    setCentralWidget(m_canvas);

    m_queueDock->setObjectName(QStringLiteral("caseQueueDock"));
    m_queueDock->setWidget(m_queue);
    addDockWidget(Qt::RightDockWidgetArea, m_queueDock);
    m_detailDock->setObjectName(QStringLiteral("caseDetailDock"));
    m_detailDock->setWidget(m_detail);
    addDockWidget(Qt::RightDockWidgetArea, m_detailDock);
    splitDockWidget(m_queueDock, m_detailDock, Qt::Vertical);
    m_caseToolBar->setObjectName(QStringLiteral("caseToolBar"));
    m_caseToolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    addToolBar(Qt::TopToolBarArea, m_caseToolBar);

    // The editor's toolbar gets a row of its own below the case actions; its docks share the
    // case docks' place, so that the map keeps its room.
    removeToolBar(m_gridEditor->toolBar());
    addToolBarBreak(Qt::TopToolBarArea);
    addToolBar(Qt::TopToolBarArea, m_gridEditor->toolBar());
    tabifyDockWidget(m_queueDock, m_gridEditor->attributesDock());
    tabifyDockWidget(m_detailDock, m_gridEditor->historyDock());
    // The register of the grid chosen on the map, beside the case queue.
    m_registerDock->setObjectName(QStringLiteral("registerDock"));
    m_registerDock->setWidget(m_registerPanel);
    tabifyDockWidget(m_queueDock, m_registerDock);
    m_queueDock->raise();
    // Rejected commands come up when asked for, below the map.
    addDockWidget(Qt::BottomDockWidgetArea, m_sync->rejectedDock());
    m_sync->rejectedDock()->hide();
    createPatrolsDock();

    createMenus();
    createStatusBar();
    restoreLayout();
    createDeskWindows();
    // The editing mode's bars come with the mode, not with the layout of the last session.
    m_gridEditor->toolBar()->hide();
    for (QDockWidget *dock :
        {m_gridEditor->attributesDock(), m_gridEditor->findingsDock(), m_gridEditor->historyDock()})
        dock->hide();

    connect(m_loader, &WorkspaceLoader::loadStarted, this, &MainWindow::onLoadStarted);
    connect(m_loader, &WorkspaceLoader::loadFinished, this, &MainWindow::onLoadFinished);
    connect(m_loader, &WorkspaceLoader::loadFailed, this, &MainWindow::onLoadFailed);
    connect(m_queue, &CaseQueueWidget::caseSelected, this, &MainWindow::onCaseSelectedInQueue);
    connect(m_queue, &CaseQueueWidget::caseSelected, m_desk, &CaseDesk::showCase);
    connect(m_desk, &CaseDesk::caseChanged, this, &MainWindow::takeChangedCase);
    connect(m_desk, &CaseDesk::message, this,
        [this](const QString &text) { statusBar()->showMessage(text, 10000); });
    connect(m_sync, &SyncControls::message, this,
        [this](const QString &text) { statusBar()->showMessage(text, 10000); });
    connect(m_desk, &CaseDesk::userChanged, this, &MainWindow::showDeskUser);
    connect(m_desk, &CaseDesk::userChanged, this, &MainWindow::takeGridEditor);
    connect(m_desk, &CaseDesk::userChanged, this,
        [this](const DeskUser &user) { m_registerPanel->setUser(user.name, roleKey(user.role)); });
    connect(m_registerPanel, &RegisterPanel::caseRequested, this, &MainWindow::onCaseSelectedOnMap);
    connect(m_registerPanel, &RegisterPanel::message, this,
        [this](const QString &text) { statusBar()->showMessage(text, 10000); });
    connect(m_gridEditor, &GridEditor::message, this,
        [this](const QString &text) { statusBar()->showMessage(text, 10000); });
    connect(m_gridEditor, &GridEditor::published, this, &MainWindow::onGridEditionPublished);
    connect(m_gridEditor, &GridEditor::editionSent, m_sync, &SyncControls::syncSoon);
    connect(m_sync, &SyncControls::gridEditionsTaken, this, [this](int count) {
        // Said once the map is read again, so that the loading messages do not hide it.
        //: %n is how many grid editions came from the server
        m_messageAfterLoad = tr(
            "%n new grid edition(s) came from the server; the map shows them now.", nullptr, count);
        onGridEditionPublished();
    });
    connect(m_sync, &SyncControls::registerTaken, m_registerPanel, &RegisterPanel::refresh);
    connect(m_registerPanel, &RegisterPanel::registerChanged, m_sync, &SyncControls::syncSoon);
    connect(m_sync, &SyncControls::orgChartRedone, this, [this] {
        if (OrgEditor *editor = orgEditor())
            editor->takeChartFromServer();
        if (auto reloaded = m_desk->reloadOrganisation(); !reloaded)
            statusBar()->showMessage(
                tr("The desk still works with the units it had: %1").arg(reloaded.error().message),
                10000);
    });
    connect(m_sync, &SyncControls::orgChartTaken, this, [this](qint64 revision) {
        if (OrgEditor *editor = orgEditor())
            editor->takeChartFromServer();
        if (auto reloaded = m_desk->reloadOrganisation(); !reloaded) {
            statusBar()->showMessage(
                tr("The desk still works with the units it had: %1").arg(reloaded.error().message),
                10000);
            return;
        }
        //: %1 is the server's revision number of the org chart
        statusBar()->showMessage(
            tr("Revision %1 of the org chart came from the server; the desk works with it now.")
                .arg(revision),
            10000);
    });
    connect(m_gridEditor, &GridEditor::editingChanged, this, [this](bool editing) {
        if (!editing)
            return;
        m_gridEditor->attributesDock()->raise();
        m_gridEditor->historyDock()->raise();
        // The findings list starts low, below the map, the first time.
        if (!std::exchange(m_gridDocksPlaced, true))
            resizeDocks({m_gridEditor->findingsDock()}, {200}, Qt::Vertical);
    });
    connect(m_queue, &CaseQueueWidget::viewCountsChanged, this, [this] {
        if (m_gridCount > 0 || m_queue->model()->rowCount() > 0)
            updateCountsLabel();
    });
    connect(m_queue, &CaseQueueWidget::gridFilterCleared, this, [this] {
        m_canvas->setSelectedGrid({});
        m_patrols->setCurrentGrid({});
    });
    connect(m_canvas, &MapCanvas::caseSelected, this, &MainWindow::onCaseSelectedOnMap);
    connect(m_canvas, &MapCanvas::gridSelected, this, &MainWindow::onGridSelectedOnMap);
}

MainWindow::~MainWindow()
{
    // Panels in windows of their own come home before the main window deletes its children.
    delete m_windows;
}

void MainWindow::createDeskWindows()
{
    DeskWindows::Panels panels;
    panels.map = m_canvas;
    panels.caseQueue = m_queueDock;
    panels.caseDetail = m_detailDock;
    panels.openOrgChart = [this] {
        openOrgEditor();
    };
    panels.openStandards = [this] {
        openStandardsBrowser();
    };
    panels.openEvaluation = [this] {
        openEvaluationDashboard();
    };
    m_windows = new DeskWindows(this, panels);
    // Before Help, the last menu.
    auto *menu = new QMenu(tr("&Window"), menuBar());
    menu->setObjectName(QStringLiteral("windowMenu"));
    const QList<QAction *> menus = menuBar()->actions();
    menuBar()->insertMenu(menus.isEmpty() ? nullptr : menus.last(), menu);
    m_windows->populateMenu(menu);

    connect(m_windows, &DeskWindows::caseSelected, this, &MainWindow::onCaseSelectedOnMap);
    connect(m_windows, &DeskWindows::gridSelected, this, &MainWindow::onGridSelectedOnMap);
    connect(m_windows, &DeskWindows::message, this,
        [this](const QString &text) { statusBar()->showMessage(text, 10000); });
    connect(m_queue, &CaseQueueWidget::caseSelected, m_windows, &DeskWindows::showSelectedCase);
    connect(this, &MainWindow::workspaceLoaded, m_windows,
        [this] { m_windows->takeWorkspace(m_workspacePath); });
    connect(m_aids, &DeskAids::mapStyleChanged, m_windows, &DeskWindows::followMainMapStyle);
    m_windows->restoreSession();
}

QString MainWindow::defaultWorkspacePath(const QString &sampleKey)
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return folder + QLatin1Char('/') + sampleKey + QStringLiteral(".gpkg");
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open workspace…"), this, &MainWindow::chooseWorkspace);
    open->setShortcut(QKeySequence::Open);
    createSampleMenu(file->addMenu(tr("&New workspace from sample")));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    createCaseMenu();
    createMapMenu();
    createOrganisationMenu();
    m_sync->populateMenu(menuBar()->addMenu(tr("&Sync")));

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *full =
        view->addAction(tr("Zoom to &full extent"), m_canvas, &MapCanvas::zoomToFullExtent);
    full->setShortcut(Qt::CTRL | Qt::Key_0);
    QAction *selection =
        view->addAction(tr("Zoom to &selection"), this, &MainWindow::zoomToSelection);
    selection->setShortcut(Qt::CTRL | Qt::Key_E);
    QAction *goTo = view->addAction(tr("&Go to grid…"), this, &MainWindow::goToGrid);
    goTo->setShortcut(Qt::CTRL | Qt::Key_G);
    QAction *find = view->addAction(tr("&Find in queue"), this, [this] {
        m_queueDock->show();
        m_queue->filterEdit()->setFocus();
        m_queue->filterEdit()->selectAll();
    });
    find->setShortcut(QKeySequence::Find);
    QMenu *queues = view->addMenu(tr("&Queue"));
    queues->addActions(m_queue->viewActions());
    view->addSeparator();
    view->addAction(m_queueDock->toggleViewAction());
    view->addAction(m_detailDock->toggleViewAction());
    view->addAction(m_registerDock->toggleViewAction());
    view->addAction(m_sync->rejectedDock()->toggleViewAction());
    view->addAction(m_patrolsDock->toggleViewAction());
    view->addAction(m_caseToolBar->toggleViewAction());

    QMenu *tools = menuBar()->addMenu(tr("&Tools"));
    m_workflowSetupAction =
        tools->addAction(tr("&Workflow setup…"), m_desk, &CaseDesk::openWorkflowSetup);
    m_workflowSetupAction->setObjectName(QStringLiteral("workflowSetupAction"));
    m_workflowSetupAction->setEnabled(false);
    m_standardsAction =
        tools->addAction(tr("&Standard system…"), this, &MainWindow::openStandardsBrowser);
    m_standardsAction->setObjectName(QStringLiteral("standardsAction"));
    m_standardsAction->setShortcut(Qt::CTRL | Qt::ALT | Qt::Key_S);
    m_standardsAction->setEnabled(false);
    m_evaluationAction =
        tools->addAction(tr("&Evaluation…"), this, &MainWindow::openEvaluationDashboard);
    m_evaluationAction->setObjectName(QStringLiteral("evaluationAction"));
    m_evaluationAction->setShortcut(Qt::CTRL | Qt::ALT | Qt::Key_V);
    m_evaluationAction->setEnabled(false);
    m_patrolsAction = tools->addAction(tr("&Patrols…"), this, &MainWindow::showPatrols);
    m_patrolsAction->setObjectName(QStringLiteral("patrolsAction"));
    m_patrolsAction->setShortcut(Qt::CTRL | Qt::ALT | Qt::Key_P);
    m_patrolsAction->setEnabled(false);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About GridDesk"), this, &MainWindow::showAbout);

    m_aids = new DeskAids(this, m_desk, m_queue, m_canvas);
    m_aids->populateMenus(view, tools, help);
    connect(m_aids, &DeskAids::caseRequested, this, [this](qint64 id) {
        onCaseSelectedOnMap(id);
        if (!m_canvas->zoomToCase(id))
            m_canvas->setSelectedCase(std::nullopt);
    });
    connect(m_aids, &DeskAids::gridRequested, this, [this](const QString &code) {
        if (m_canvas->zoomToGrid(code))
            onGridSelectedOnMap(code);
    });
    connect(m_aids, &DeskAids::message, this,
        [this](const QString &text) { statusBar()->showMessage(text, 10000); });
}

void MainWindow::createCaseMenu()
{
    QMenu *menu = menuBar()->addMenu(tr("&Case"));
    m_actions->populate(menu, m_caseToolBar);
    // The shortcuts work wherever the focus is in the window, also while the menu bar is busy.
    addActions(m_queue->viewActions());
}

void MainWindow::createMapMenu()
{
    QMenu *menu = menuBar()->addMenu(tr("&Map"));
    m_gridEditor->populateMenu(menu);
}

void MainWindow::createOrganisationMenu()
{
    QMenu *menu = menuBar()->addMenu(tr("&Organisation"));
    m_orgChartAction = menu->addAction(tr("&Org chart…"), this, &MainWindow::openOrgEditor);
    m_orgChartAction->setObjectName(QStringLiteral("orgChartAction"));
    m_orgChartAction->setShortcut(Qt::CTRL | Qt::ALT | Qt::Key_O);
    m_orgChartAction->setEnabled(false);
}

OrgEditor *MainWindow::orgEditor() const
{
    return m_orgEditors.value(m_workspacePath);
}

void MainWindow::openOrgEditor()
{
    if (m_workspacePath.isEmpty())
        return;
    if (orgEditor()) {
        m_windows->present(DeskWindows::ORG_CHART);
        return;
    }
    const DeskUser user = m_desk->user();
    auto *editor = new OrgEditor(this);
    editor->setWindowFlag(Qt::Window);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    if (auto opened = editor->open(m_workspacePath, user.name, roleKey(user.role)); !opened) {
        delete editor;
        QMessageBox::warning(this, tr("Org chart"),
            tr("The org chart of this workspace cannot be opened: %1").arg(opened.error().message));
        return;
    }
    const QString path = m_workspacePath;
    connect(editor, &OrgEditor::chartSaved, this, [this, path] { onOrgChartSaved(path); });
    connect(m_desk, &CaseDesk::userChanged, editor, [editor](const DeskUser &changed) {
        editor->setUser(changed.name, roleKey(changed.role));
    });
    m_orgEditors.insert(path, editor);
    m_windows->adopt(DeskWindows::ORG_CHART, editor);
}

StandardsBrowser *MainWindow::standardsBrowser() const
{
    return m_standardsBrowsers.value(m_workspacePath);
}

void MainWindow::openStandardsBrowser()
{
    if (m_workspacePath.isEmpty())
        return;
    if (standardsBrowser()) {
        m_windows->present(DeskWindows::STANDARDS);
        return;
    }
    const DeskUser user = m_desk->user();
    auto *browser = new StandardsBrowser(this);
    browser->setWindowFlag(Qt::Window);
    browser->setAttribute(Qt::WA_DeleteOnClose);
    if (auto opened = browser->open(m_workspacePath, user.name, roleKey(user.role)); !opened) {
        delete browser;
        QMessageBox::warning(this, tr("Standard system"),
            tr("The standards tree of this workspace cannot be opened: %1")
                .arg(opened.error().message));
        return;
    }
    connect(m_desk, &CaseDesk::userChanged, browser, [browser](const DeskUser &changed) {
        browser->setUser(changed.name, roleKey(changed.role));
    });
    m_standardsBrowsers.insert(m_workspacePath, browser);
    m_windows->adopt(DeskWindows::STANDARDS, browser);
}

EvaluationDashboard *MainWindow::evaluationDashboard() const
{
    return m_evaluationDashboards.value(m_workspacePath);
}

void MainWindow::openEvaluationDashboard()
{
    if (m_workspacePath.isEmpty())
        return;
    if (evaluationDashboard()) {
        m_windows->present(DeskWindows::EVALUATION);
        return;
    }
    auto *dashboard = new EvaluationDashboard(this);
    dashboard->setWindowFlag(Qt::Window);
    dashboard->setAttribute(Qt::WA_DeleteOnClose);
    // The figures are the desk user's: the cases of their unit and grids.
    if (auto opened = dashboard->open(m_workspacePath, m_desk->user().name); !opened) {
        delete dashboard;
        QMessageBox::warning(this, tr("Evaluation"),
            tr("The evaluation of this workspace cannot be opened: %1")
                .arg(opened.error().message));
        return;
    }
    connect(m_desk, &CaseDesk::userChanged, dashboard,
        [dashboard](const DeskUser &changed) { dashboard->setUser(changed.name); });
    connect(dashboard, &EvaluationDashboard::casesRequested, this, &MainWindow::showCasesOfNumber);
    m_evaluationDashboards.insert(m_workspacePath, dashboard);
    m_windows->adopt(DeskWindows::EVALUATION, dashboard);
}

void MainWindow::createPatrolsDock()
{
    m_patrols = new PatrolsPanel(this);
    m_patrolsDock = new QDockWidget(tr("Patrols"), this);
    m_patrolsDock->setObjectName(QStringLiteral("patrolsDock"));
    m_patrolsDock->setWidget(m_patrols);
    addDockWidget(Qt::LeftDockWidgetArea, m_patrolsDock);
    m_patrolsDock->hide();
    m_canvas->addOverlay(m_patrols->overlay());
    connect(m_patrols, &PatrolsPanel::tracksChanged, m_canvas, qOverload<>(&QWidget::update));
    connect(m_patrols, &PatrolsPanel::trackChosen, this,
        [this](qint64, const BoundingBox &extent) { m_canvas->zoomToExtent(extent); });
    connect(m_patrols, &PatrolsPanel::gridRequested, m_canvas, &MapCanvas::zoomToGrid);
    // A new patrol plan is offered for the grid chosen on the map.
    connect(m_canvas, &MapCanvas::gridSelected, m_patrols, &PatrolsPanel::setCurrentGrid);
    connect(m_patrols, &PatrolsPanel::caseRequested, this, [this](qint64 id) {
        //: The queue's filter label: %1 is a case number
        showCasesOfNumber({id}, tr("case %1, found on a patrol").arg(id));
        m_canvas->zoomToCase(id);
    });
    connect(m_desk, &CaseDesk::userChanged, m_patrols,
        [this](const DeskUser &changed) { m_patrols->setUser(changed.name); });
}

void MainWindow::showPatrols()
{
    m_patrolsDock->show();
    m_patrolsDock->raise();
}

void MainWindow::showCasesOfNumber(const QList<qint64> &ids, const QString &label)
{
    m_queue->setCaseFilter(ids, label);
    m_queueDock->show();
    m_queueDock->raise();
    activateWindow();
}

void MainWindow::onOrgChartSaved(const QString &path)
{
    if (path != m_workspacePath)
        return;
    // The desk keeps the units and people in its workflow setup and reads them again; the queue,
    // the current case and an open action dialog stay.
    if (auto reloaded = m_desk->reloadOrganisation(); !reloaded) {
        statusBar()->showMessage(
            tr("The desk still works with the units it had: %1").arg(reloaded.error().message),
            10000);
        return;
    }
    statusBar()->showMessage(tr("The desk works with the saved org chart."), 10000);
    m_sync->syncSoon();
}

void MainWindow::takeGridEditor(const DeskUser &user)
{
    const bool mayPublish = user.role == Role::Supervisor || user.role == Role::Leader;
    m_gridEditor->setActor(user.name, mayPublish);
}

void MainWindow::onGridEditionPublished()
{
    // Publishing re-homed open cases and replaced the grids: read the workspace again, and
    // come back to the editor once it is loaded.
    m_resumeGridEditing = m_gridEditor->isEditing();
    openWorkspace(m_workspacePath);
}

void MainWindow::updateCountsLabel()
{
    const QLocale locale;
    m_countsLabel->setText(
        tr("%1 grids · %2 cases · %3 with a location")
            .arg(locale.toString(m_gridCount), locale.toString(m_queue->model()->rowCount()),
                locale.toString(m_locatedCount)));
}

void MainWindow::showDeskUser(const DeskUser &user)
{
    if (!user.isValid()) {
        m_userButton->setText(tr("Not acting as anyone – choose a user"));
        return;
    }
    //: %1 is a person, %2 their role, %3 their unit, as shown in the status bar
    const QString text = user.unit.isEmpty()
        ? tr("Acting as %1 (%2)").arg(user.name, roleName(user.role))
        : tr("Acting as %1 (%2, %3)")
              .arg(user.name, roleName(user.role),
                  m_desk->caseBook() ? m_desk->caseBook()->setup().units.displayName(user.unit)
                                     : user.unit);
    m_userButton->setText(text);
}

void MainWindow::zoomToSelection()
{
    if (const auto id = m_canvas->selectedCaseId(); id && m_canvas->zoomToCase(*id))
        return;
    if (const QString code = m_canvas->selectedGridCode(); !code.isEmpty())
        m_canvas->zoomToGrid(code);
}

void MainWindow::goToGrid()
{
    const auto scene = m_canvas->scene();
    if (!scene)
        return;
    QStringList choices;
    for (const MapScene::GridShape &grid : scene->grids())
        choices << QStringLiteral("%1  %2").arg(grid.code, grid.name);
    choices.sort();

    bool accepted = false;
    const QString choice = QInputDialog::getItem(
        this, tr("Go to grid"), tr("Grid code or name:"), choices, 0, true, &accepted);
    if (!accepted || choice.trimmed().isEmpty())
        return;
    // Typed text may be a code, a name, or a whole entry from the list.
    const QString wanted = choice.trimmed();
    for (const MapScene::GridShape &grid : scene->grids()) {
        const bool matches = wanted == grid.code || wanted == grid.name
            || wanted == QStringLiteral("%1  %2").arg(grid.code, grid.name);
        if (matches && m_canvas->zoomToGrid(grid.code)) {
            onGridSelectedOnMap(grid.code);
            return;
        }
    }
    statusBar()->showMessage(tr("No grid has the code or name \"%1\".").arg(wanted), 5000);
}

void MainWindow::createSampleMenu(QMenu *menu)
{
    const QList<Sample> samples = availableSamples(m_mapsDir);
    for (const Sample &sample : samples) {
        menu->addAction(
            sample.title, this, [this, key = sample.key] { newWorkspaceFromSample(key); });
    }
    if (samples.isEmpty())
        menu->addAction(tr("No samples found in %1").arg(m_mapsDir.path()))->setEnabled(false);
}

void MainWindow::createStatusBar()
{
    m_busyBar->setRange(0, 0);
    m_busyBar->setMaximumWidth(160);
    m_busyBar->setVisible(false);
    statusBar()->addPermanentWidget(m_busyBar);
    statusBar()->addPermanentWidget(m_sync->statusArea());
    statusBar()->addPermanentWidget(m_countsLabel);
    m_userButton->setObjectName(QStringLiteral("deskUser"));
    m_userButton->setAutoRaise(true);
    m_userButton->setToolTip(tr("Who the desk acts as; click to run as someone else"));
    connect(m_userButton, &QToolButton::clicked, m_desk, &CaseDesk::chooseUser);
    statusBar()->addPermanentWidget(m_userButton);
    showDeskUser({});
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    restoreGeometry(settings.value(GEOMETRY_KEY).toByteArray());
    if (restoreState(settings.value(STATE_KEY).toByteArray()))
        return;
    // First start: give the queue room for its columns next to the map.
    resize(1400, 900);
    resizeDocks({m_queueDock}, {760}, Qt::Horizontal);
    resizeDocks({m_queueDock, m_detailDock}, {480, 360}, Qt::Vertical);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_windows->closeForQuit()) {
        event->ignore();
        return;
    }
    QSettings settings;
    settings.setValue(GEOMETRY_KEY, saveGeometry());
    settings.setValue(STATE_KEY, saveState());
    QMainWindow::closeEvent(event);
}

void MainWindow::openWorkspace(const QString &path, const QString &sampleKey)
{
    if (!m_loader->load(path, sampleKey, m_mapsDir))
        statusBar()->showMessage(tr("Another workspace is still loading."), 5000);
}

void MainWindow::setBusy(bool busy, const QString &message)
{
    m_busyBar->setVisible(busy);
    menuBar()->setEnabled(!busy);
    if (busy)
        statusBar()->showMessage(message);
    else
        statusBar()->clearMessage();
}

void MainWindow::onLoadStarted(const QString &path, bool importing)
{
    const QString name = QFileInfo(path).fileName();
    setBusy(true,
        importing ? tr("Creating workspace %1 from the bundled sample…").arg(name)
                  : tr("Opening workspace %1…").arg(name));
}

void MainWindow::onLoadFinished(const LoadedWorkspace &workspace)
{
    setBusy(false);
    m_workspacePath = workspace.path;
    QSettings().setValue(LAST_WORKSPACE_KEY, workspace.path);
    //: %1 is the workspace title, e.g. "New York City"
    setWindowTitle(tr("%1 — GridDesk").arg(workspace.title));

    m_queue->clearGridFilter();
    m_queue->setCaseList(workspace.cases);
    m_canvas->setScene(workspace.scene);
    m_changedCases.clear();
    // The desk gives the queue the workspace's units, calendar and limits.
    m_desk->open(workspace.path, workspace.setup);
    m_gridEditor->setWorkspace(workspace.path);
    takeGridEditor(m_desk->user());
    m_registerPanel->setWorkspace(workspace.path);
    m_registerPanel->setUser(m_desk->user().name, roleKey(m_desk->user().role));
    m_registerPanel->showGrid({});
    if (std::exchange(m_resumeGridEditing, false))
        m_gridEditor->setEditing(true);
    m_workflowSetupAction->setEnabled(m_desk->isOpen());
    m_orgChartAction->setEnabled(m_desk->isOpen());
    m_standardsAction->setEnabled(m_desk->isOpen());
    m_evaluationAction->setEnabled(m_desk->isOpen());
    if (auto patrols = m_patrols->open(workspace.path); !patrols) {
        statusBar()->showMessage(
            tr("The patrols of this workspace cannot be shown: %1").arg(patrols.error().message));
    }
    m_patrols->setUser(m_desk->user().name);
    m_patrolsAction->setEnabled(m_desk->isOpen());
    m_sync->workspaceOpened(workspace.path);
    m_gridCount = workspace.gridCount;
    m_locatedCount = workspace.scene->locatedCaseCount();
    updateCountsLabel();
    if (workspace.imported)
        //: %1 grids, %2 cases, %3 cases in a grid, %4 without one, %5 flagged
        statusBar()->showMessage(tr("Sample imported: %1 grids, %2 cases (%3 in a grid, %4 "
                                    "without one, %5 flagged for review).")
                                     .arg(workspace.gridCount)
                                     .arg(workspace.cases->size())
                                     .arg(workspace.imported->located)
                                     .arg(workspace.imported->unlocated)
                                     .arg(workspace.imported->flagged));
    if (!m_messageAfterLoad.isEmpty())
        statusBar()->showMessage(std::exchange(m_messageAfterLoad, QString()), 15'000);
    Q_EMIT workspaceLoaded();
}

void MainWindow::onLoadFailed(const QString &message)
{
    setBusy(false);
    auto *box = new QMessageBox(QMessageBox::Critical, tr("Workspace not opened"),
        tr("The workspace could not be opened."), QMessageBox::Ok, this);
    box->setInformativeText(message);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    Q_EMIT workspaceFailed(message);
}

void MainWindow::onCaseSelectedInQueue(qint64 id)
{
    if (!m_canvas->zoomToCase(id)) {
        m_canvas->setSelectedCase(std::nullopt);
        statusBar()->showMessage(tr("This case is not on the map: it has no location."), 5000);
    }
}

void MainWindow::takeChangedCase(const CaseRecord &record)
{
    // A sync round refreshes its cases one by one: they are drawn together once it is done.
    if (m_changedCases.isEmpty())
        QTimer::singleShot(0, this, &MainWindow::drawChangedCases);
    m_changedCases.insert(record.id, record);
}

void MainWindow::drawChangedCases()
{
    const QList<CaseRecord> records = std::exchange(m_changedCases, {}).values();
    const auto scene = m_canvas->scene();
    if (records.isEmpty() || !scene)
        return;
    // An earlier edition shown read-only has no cases; the current map gets them when it
    // comes back, through the grid editor.
    m_gridEditor->takeCases(records);
    if (!m_gridEditor->isShowingEdition())
        m_canvas->replaceScene(scene->withCases(records));
    m_locatedCount = m_canvas->scene()->locatedCaseCount();
    updateCountsLabel();
}

void MainWindow::onCaseSelectedOnMap(qint64 id)
{
    m_desk->showCase(id);
    if (m_queue->selectCase(id))
        return;
    // The case may be hidden by a filter or the view; show it rather than select nothing.
    m_queue->clearGridFilter();
    m_queue->filterEdit()->clear();
    if (!m_queue->selectCase(id)) {
        m_queue->setQueueView(QueueView::All);
        m_queue->selectCase(id);
    }
}

void MainWindow::onGridSelectedOnMap(const QString &code)
{
    const auto scene = m_canvas->scene();
    const auto index = scene ? scene->gridIndex(code) : std::nullopt;
    if (!index)
        return;
    const QString name = scene->grids()[*index].name;
    //: %1 is a grid name, %2 its code
    const QString label = name.isEmpty() ? code : tr("%1 (%2)").arg(name, code);
    m_queue->setGridFilter(scene->gridWithDescendants(code), label);
    m_registerPanel->showGrid(code, label);
}

void MainWindow::chooseWorkspace()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open workspace"),
        QFileInfo(m_workspacePath).absolutePath(), tr("GridDesk workspaces (*.gpkg)"));
    if (!path.isEmpty())
        openWorkspace(path);
}

void MainWindow::newWorkspaceFromSample(const QString &key)
{
    const QString path = QFileDialog::getSaveFileName(this, tr("New workspace from sample"),
        defaultWorkspacePath(key), tr("GridDesk workspaces (*.gpkg)"));
    if (path.isEmpty())
        return;
    if (path == m_workspacePath) {
        QMessageBox::warning(
            this, tr("New workspace"), tr("%1 is open now; choose another file.").arg(path));
        return;
    }
    // The dialog has asked before overwriting; a new workspace starts from an empty file.
    removeWorkspaceFiles(path);
    openWorkspace(path, key);
}

void MainWindow::showAbout()
{
    QString text = tr("<h3>GridDesk %1</h3><p>Workstation for city grid governance.</p>")
                       .arg(QCoreApplication::applicationVersion());
    for (const Sample &sample : availableSamples(m_mapsDir)) {
        text += QStringLiteral("<p><b>%1</b><br>%2</p>")
                    .arg(sample.title.toHtmlEscaped(), sample.attribution.toHtmlEscaped());
    }
    QMessageBox::about(this, tr("About GridDesk"), text);
}

} // namespace GridDesk
