// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "grideditor.h"

#include "editionsdialog.h"
#include "gridattributespanel.h"
#include "gridchanges.h"
#include "grideditsession.h"
#include "gridfiledialogs.h"
#include "logging.h"
#include "publishdialog.h"
#include "subdividedialog.h"
#include "topologypanel.h"

#include "maprender/exportstyle.h"
#include "mapview/mapcanvas.h"

#include <QAction>
#include <QActionGroup>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>
#include <QToolBar>
#include <QUndoStack>
#include <QUndoView>
#include <QtConcurrent/QtConcurrentRun>

namespace GridDesk {

GridEditor::GridEditor(QMainWindow *window, MapCanvas *canvas)
    : QObject(window)
    , m_window(window)
    , m_canvas(canvas)
    , m_session(new GridEditSession(this))
    , m_tool(new GridEditTool(m_session, canvas, this))
    , m_toolBar(new QToolBar(tr("Grid editing"), window))
    , m_attributes(new GridAttributesPanel(m_session))
    , m_topology(new TopologyPanel(m_session))
    , m_history(new QUndoView(m_session->undoStack()))
{
    m_history->setEmptyLabel(tr("(draft when editing began)"));
    createActions();
    createToolBar();
    createDocks(window);

    connect(m_session, &GridEditSession::opened, this, &GridEditor::onSessionOpened);
    connect(m_session, &GridEditSession::openFailed, this, [this](const QString &why) {
        m_wantsEditing = false;
        updateActions();
        Q_EMIT message(tr("The grid map cannot be edited: %1").arg(why));
    });
    connect(m_session, &GridEditSession::gridsChanged, this, [this](const QStringList &codes) {
        m_undrawn.unite(QSet<QString>(codes.cbegin(), codes.cend()));
        m_tool->setUndrawn(m_undrawn.values());
        rebuildScene();
    });
    connect(m_session, &GridEditSession::draftReset, this, [this] {
        if (m_editing)
            rebuildScene();
    });
    connect(m_session, &GridEditSession::editFailed, this, &GridEditor::message);
    connect(m_session, &GridEditSession::selectionChanged, this, [this](const QStringList &codes) {
        m_canvas->setSelectedGrid(codes.size() == 1 ? codes.first() : QString());
        updateActions();
    });
    connect(m_session->undoStack(), &QUndoStack::indexChanged, this, &GridEditor::updateActions);
    connect(m_tool, &GridEditTool::message, this, &GridEditor::message);
    connect(m_attributes, &GridAttributesPanel::message, this, &GridEditor::message);
    connect(m_topology, &TopologyPanel::message, this, &GridEditor::message);
    connect(m_topology, &TopologyPanel::zoomRequested, m_canvas, &MapCanvas::zoomToExtent);
    connect(m_topology, &TopologyPanel::findingHighlighted, m_tool, &GridEditTool::setHighlight);
    connect(
        &m_sceneBuilder, &QFutureWatcher<SceneResult>::finished, this, &GridEditor::onSceneBuilt);
    updateActions();
}

GridEditor::~GridEditor()
{
    m_sceneBuilder.waitForFinished();
    if (m_canvas && m_canvas->tool() == m_tool)
        m_canvas->setTool(nullptr);
}

SubdivideDialog *GridEditor::subdivideDialog() const
{
    return m_subdivideDialog;
}

PublishDialog *GridEditor::publishDialog() const
{
    return m_publishDialog;
}

EditionsDialog *GridEditor::editionsDialog() const
{
    return m_editionsDialog;
}

void GridEditor::createActions()
{
    m_editAction = new QAction(tr("&Edit grids"), this);
    m_editAction->setObjectName(QStringLiteral("editGridsAction"));
    m_editAction->setCheckable(true);
    // Ctrl+Shift and a letter are the case actions'.
    m_editAction->setShortcut(Qt::CTRL | Qt::ALT | Qt::Key_E);
    m_editAction->setToolTip(tr("Edit the boundaries and attributes of the grids in a draft"));
    connect(m_editAction, &QAction::toggled, this, &GridEditor::setEditing);

    m_undoAction = new QAction(tr("&Undo"), this);
    m_undoAction->setIconText(tr("Undo"));
    m_undoAction->setShortcuts(QKeySequence::Undo);
    connect(m_undoAction, &QAction::triggered, m_session->undoStack(), &QUndoStack::undo);
    m_redoAction = new QAction(tr("&Redo"), this);
    m_redoAction->setIconText(tr("Redo"));
    m_redoAction->setShortcuts(QKeySequence::Redo);
    connect(m_redoAction, &QAction::triggered, m_session->undoStack(), &QUndoStack::redo);

    createToolActions();
    createSelectionActions();
    createEditionActions();
}

void GridEditor::createToolActions()
{
    m_toolGroup = new QActionGroup(this);
    const std::pair<GridEditTool::Mode, QString> tools[] = {
        {GridEditTool::Mode::Select, tr("Select")},
        {GridEditTool::Mode::MoveVertex, tr("Move vertex")},
        {GridEditTool::Mode::AddVertex, tr("Add vertex")},
        {GridEditTool::Mode::DeleteVertex, tr("Delete vertex")},
        {GridEditTool::Mode::Reshape, tr("Reshape")},
        {GridEditTool::Mode::Split, tr("Split")},
        {GridEditTool::Mode::DrawGrid, tr("Draw grid")},
    };
    const QString tips[] = {
        tr("Click a grid to select it; shift-click adds or removes one"),
        tr("Drag a vertex; a vertex shared with neighbours moves for all of them"),
        tr("Click an edge to add a vertex there (on both sides of a shared edge)"),
        tr("Click a vertex to remove it from every grid that has it"),
        tr("Select a grid, then draw its new boundary from one point of it to another; Enter "
           "finishes"),
        tr("Draw a line across a grid; Enter or a double-click splits it"),
        tr("Click the corners of a new base grid; Enter or a double-click finishes"),
    };
    // One key each while the map has the focus: Select, moVe, Add, Delete, Reshape, Line, New.
    const Qt::Key keys[] = {
        Qt::Key_S, Qt::Key_V, Qt::Key_A, Qt::Key_D, Qt::Key_R, Qt::Key_L, Qt::Key_N};
    for (int i = 0; i < int(GridEditTool::Mode::Count); ++i) {
        const auto &[mode, name] = tools[i];
        QAction *action = m_toolGroup->addAction(name);
        action->setCheckable(true);
        action->setToolTip(tips[i]);
        action->setShortcut(keys[i]);
        action->setShortcutContext(Qt::WidgetShortcut);
        m_canvas->addAction(action);
        action->setObjectName(QStringLiteral("gridTool%1").arg(i));
        connect(action, &QAction::triggered, this, [this, mode] { m_tool->setMode(mode); });
        m_toolActions.insert(mode, action);
    }
    m_toolActions.value(GridEditTool::Mode::Select)->setChecked(true);
    connect(m_tool, &GridEditTool::modeChanged, this,
        [this](GridEditTool::Mode mode) { m_toolActions.value(mode)->setChecked(true); });
}

void GridEditor::createSelectionActions()
{
    m_mergeAction = new QAction(tr("&Merge"), this);
    m_mergeAction->setToolTip(tr("Merge the selected adjacent grids into the first selected"));
    connect(m_mergeAction, &QAction::triggered, this, &GridEditor::mergeSelected);
    m_deleteAction = new QAction(tr("&Delete grid"), this);
    m_deleteAction->setShortcut(QKeySequence::Delete);
    m_deleteAction->setShortcutContext(Qt::WidgetShortcut);
    m_canvas->addAction(m_deleteAction);
    connect(m_deleteAction, &QAction::triggered, this, &GridEditor::deleteSelected);
    m_subdivideAction = new QAction(tr("S&ubdivide…"), this);
    m_subdivideAction->setToolTip(tr("Cut the selected base grid into fine grids"));
    connect(m_subdivideAction, &QAction::triggered, this, &GridEditor::subdivideSelected);
}

void GridEditor::createEditionActions()
{
    m_checkAction = new QAction(tr("&Check topology"), this);
    connect(m_checkAction, &QAction::triggered, m_topology, &TopologyPanel::checkAll);
    m_publishAction = new QAction(tr("&Publish…"), this);
    connect(m_publishAction, &QAction::triggered, this, &GridEditor::openPublishDialog);
    m_discardAction = new QAction(tr("D&iscard draft…"), this);
    connect(m_discardAction, &QAction::triggered, this, &GridEditor::discardDraft);
    m_editionsAction = new QAction(tr("Editi&ons…"), this);
    connect(m_editionsAction, &QAction::triggered, this, &GridEditor::openEditionsDialog);
    m_importAction = new QAction(tr("&Import grids into the draft…"), this);
    connect(m_importAction, &QAction::triggered, this, &GridEditor::importGrids);
    m_exportAction = new QAction(tr("E&xport grids…"), this);
    connect(m_exportAction, &QAction::triggered, this, &GridEditor::exportGrids);
    m_currentMapAction = new QAction(tr("Back to the &current map"), this);
    connect(m_currentMapAction, &QAction::triggered, this, &GridEditor::showCurrentMap);
}

void GridEditor::createToolBar()
{
    m_toolBar->setObjectName(QStringLiteral("gridEditToolBar"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_toolBar->addActions(m_toolGroup->actions());
    m_toolBar->addSeparator();
    m_toolBar->addActions({m_mergeAction, m_subdivideAction, m_deleteAction});
    m_toolBar->addSeparator();
    m_toolBar->addActions({m_undoAction, m_redoAction});
    m_toolBar->addSeparator();
    m_toolBar->addActions({m_checkAction, m_publishAction});
    m_window->addToolBar(Qt::TopToolBarArea, m_toolBar);
    m_toolBar->hide();
}

void GridEditor::createDocks(QMainWindow *window)
{
    m_attributesDock = new QDockWidget(tr("Grid attributes"), window);
    m_attributesDock->setObjectName(QStringLiteral("gridAttributesDock"));
    m_attributesDock->setWidget(m_attributes);
    m_findingsDock = new QDockWidget(tr("Topology findings"), window);
    m_findingsDock->setObjectName(QStringLiteral("topologyFindingsDock"));
    m_findingsDock->setWidget(m_topology);
    m_historyDock = new QDockWidget(tr("Edit history"), window);
    m_historyDock->setObjectName(QStringLiteral("editHistoryDock"));
    m_historyDock->setWidget(m_history);
    window->addDockWidget(Qt::LeftDockWidgetArea, m_attributesDock);
    window->addDockWidget(Qt::LeftDockWidgetArea, m_historyDock);
    window->addDockWidget(Qt::BottomDockWidgetArea, m_findingsDock);
    showDocks(false);
}

void GridEditor::populateMenu(QMenu *menu)
{
    menu->addAction(m_editAction);
    menu->addSeparator();
    menu->addActions({m_undoAction, m_redoAction});
    QMenu *tools = menu->addMenu(tr("&Tools"));
    tools->addActions(m_toolGroup->actions());
    menu->addActions({m_mergeAction, m_subdivideAction, m_deleteAction});
    menu->addSeparator();
    menu->addActions({m_checkAction, m_publishAction, m_discardAction});
    menu->addSeparator();
    menu->addActions({m_importAction, m_exportAction});
    menu->addSeparator();
    menu->addActions({m_editionsAction, m_currentMapAction});
    menu->addSeparator();
    for (QDockWidget *dock : {m_attributesDock, m_findingsDock, m_historyDock})
        menu->addAction(dock->toggleViewAction());
}

void GridEditor::showDocks(bool shown)
{
    m_toolBar->setVisible(shown);
    for (QDockWidget *dock : {m_attributesDock, m_findingsDock, m_historyDock}) {
        dock->setVisible(shown);
        dock->toggleViewAction()->setEnabled(shown);
    }
}

void GridEditor::setWorkspace(const QString &path)
{
    // The canvas shows the new workspace's map already; the old one must not come back.
    m_publishedScene.reset();
    setEditing(false);
    m_sceneBuilder.waitForFinished();
    m_session->close();
    m_topology->clear();
    m_path = path;
    m_shownEdition = 0;
    m_publishedScene.reset();
    updateActions();
}

void GridEditor::setActor(const QString &name, bool mayPublish)
{
    m_session->setActor(name);
    m_mayPublish = mayPublish;
    updateActions();
}

void GridEditor::setEditing(bool editing)
{
    if (editing == (m_editing || m_wantsEditing)) {
        m_editAction->setChecked(editing);
        return;
    }
    m_editAction->setChecked(editing);
    if (!editing) {
        m_wantsEditing = false;
        m_editing = false;
        m_tool->cancelDrawing();
        m_canvas->setTool(nullptr);
        showDocks(false);
        if (m_publishedScene)
            m_canvas->replaceScene(m_publishedScene);
        m_sceneCurrent = true;
        m_undrawn.clear();
        m_drawing.clear();
        m_tool->setUndrawn({});
        updateActions();
        Q_EMIT editingChanged(false);
        return;
    }

    if (m_path.isEmpty()) {
        m_editAction->setChecked(false);
        Q_EMIT message(tr("Open a workspace to edit its grids."));
        return;
    }
    if (m_shownEdition > 0)
        showCurrentMap();
    m_wantsEditing = true;
    if (m_session->isOpen())
        return enterEditing();
    Q_EMIT message(tr("Reading the grid map for editing…"));
    updateActions();
    m_session->open(m_path);
}

void GridEditor::onSessionOpened()
{
    if (m_wantsEditing && !m_editing)
        enterEditing();
}

void GridEditor::enterEditing()
{
    m_wantsEditing = false;
    m_editing = true;
    m_publishedScene = m_canvas->scene();
    takeCasesOf(m_publishedScene);
    m_canvas->setTool(m_tool);
    showDocks(true);
    rebuildScene();
    m_topology->checkAll();
    updateActions();
    Q_EMIT message(m_session->hasDraftEdits()
            ? tr("Editing the draft of the grid map (%n grids changed so far).", nullptr,
                int(m_session->draftCodes().size()))
            : tr("Editing the grid map; edits collect in a draft until it is published."));
    Q_EMIT editingChanged(true);
}

void GridEditor::takeCases(const QList<CaseRecord> &records)
{
    // Out of editing and editions the map is the canvas's own, taken again on the way in.
    const bool keptAside = m_editing || m_shownEdition > 0;
    if (!m_publishedScene || !keptAside)
        return;
    m_publishedScene = m_publishedScene->withCases(records);
    if (m_editing)
        takeCasesOf(m_publishedScene);
}

void GridEditor::takeCasesOf(const std::shared_ptr<const MapScene> &scene)
{
    m_cases = {};
    if (!scene)
        return;
    m_cases.points = scene->cases();
    for (const MapScene::CasePoint &point : m_cases.points) {
        const GeoPoint location = WebMercator::toLonLat(point.position);
        m_cases.extent.expand(location.lon, location.lat);
    }
}

void GridEditor::rebuildScene()
{
    if (!m_editing)
        return;
    m_sceneCurrent = false;
    if (m_building) {
        m_rebuildPending = true;
        return;
    }
    const QList<Grid> grids = m_session->grids();
    m_building = true;
    m_drawing = std::exchange(m_undrawn, {});
    m_sceneBuilder.setFuture(QtConcurrent::run([grids, cases = m_cases]() mutable {
        QElapsedTimer timer;
        timer.start();
        auto scene = MapScene::createFromLayer(grids, std::move(cases));
        qCDebug(lcGridEdit) << "draft scene of" << grids.size() << "grids built in"
                            << timer.elapsed() << "ms";
        return scene;
    }));
}

void GridEditor::onSceneBuilt()
{
    m_building = false;
    const SceneResult scene = m_sceneBuilder.result();
    if (m_rebuildPending) {
        // The next build draws these too.
        m_undrawn.unite(std::exchange(m_drawing, {}));
        m_rebuildPending = false;
        return rebuildScene();
    }
    if (!m_editing)
        return;
    if (!scene) {
        qCWarning(lcGridEdit) << "drawing the draft failed:" << scene.error().message;
        Q_EMIT message(tr("The edited map cannot be drawn: %1").arg(scene.error().message));
        return;
    }
    m_canvas->replaceScene(*scene);
    m_sceneCurrent = true;
    m_drawing.clear();
    m_tool->setUndrawn({});
    Q_EMIT sceneRebuilt();
}

void GridEditor::updateActions()
{
    const bool open = !m_path.isEmpty();
    const qsizetype selected = m_session->selection().size();
    const bool single = selected == 1;
    const auto grid = single ? m_session->grid(m_session->selection().first()) : std::nullopt;
    const bool canSubdivide = grid && grid->level == GridLevel::Base;

    m_editAction->setEnabled(open && !m_wantsEditing);
    for (QAction *action : m_toolGroup->actions())
        action->setEnabled(m_editing);
    m_undoAction->setEnabled(m_editing && m_session->undoStack()->canUndo());
    m_redoAction->setEnabled(m_editing && m_session->undoStack()->canRedo());
    //: %1 names the edit to undo, e.g. "Move vertex"
    m_undoAction->setText(m_undoAction->isEnabled()
            ? tr("&Undo %1").arg(m_session->undoStack()->undoText())
            : tr("&Undo"));
    m_redoAction->setText(m_redoAction->isEnabled()
            ? tr("&Redo %1").arg(m_session->undoStack()->redoText())
            : tr("&Redo"));
    m_mergeAction->setEnabled(m_editing && selected >= 2);
    m_deleteAction->setEnabled(m_editing && selected >= 1);
    m_subdivideAction->setEnabled(m_editing && canSubdivide);
    m_checkAction->setEnabled(m_editing);
    m_publishAction->setEnabled(m_editing && m_mayPublish);
    m_publishAction->setToolTip(m_mayPublish
            ? tr("Publish the draft as a new edition of the grid map")
            : tr("Editions are published by a supervisor or a leader; run as one to publish"));
    m_discardAction->setEnabled(m_editing);
    m_editionsAction->setEnabled(open && !m_wantsEditing);
    m_importAction->setEnabled(m_editing);
    m_exportAction->setEnabled(m_editing);
    m_currentMapAction->setEnabled(m_shownEdition > 0);
}

void GridEditor::importGrids()
{
    ImportGridsDialog dialog(m_window);
    const QString chosen = QFileDialog::getOpenFileName(m_window, tr("Import grids"), QString(),
        tr("Grid files (*.gpkg *.shp *.geojson *.json *.kml *.csv);;All files (*)"));
    if (chosen.isEmpty())
        return;
    dialog.setPath(chosen);
    if (dialog.exec() == QDialog::Accepted)
        importFile(dialog.path(), dialog.options());
}

bool GridEditor::importFile(const QString &path, const GridImportOptions &options)
{
    const auto change = m_session->importing(path, options);
    if (!change) {
        Q_EMIT message(change.error().message);
        return false;
    }
    if (change->after.isEmpty()) {
        Q_EMIT message(tr("Every grid in %1 is in the draft as it is already; nothing changed.")
                           .arg(QFileInfo(path).fileName()));
        return true;
    }
    if (!m_session->edit(*change))
        return false;
    //: %1 is a file name
    Q_EMIT message(tr("%n grid(s) of %1 brought into the draft; Undo takes them out again.",
        nullptr, int(change->after.size()))
                       .arg(QFileInfo(path).fileName()));
    return true;
}

void GridEditor::exportGrids()
{
    ExportGridsDialog dialog(m_window);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const auto written = exportTo(dialog.path(), dialog.level(), dialog.options());
    if (!written)
        return Q_EMIT message(written.error().message);
    //: %1 is a file name, %2 its coordinate system
    Q_EMIT message(tr("%n grid(s) written to %1 (%2).", nullptr, int(written->count))
                       .arg(written->path, written->crs));
}

Result<GridExportSummary> GridEditor::exportTo(
    const QString &path, std::optional<GridLevel> level, const GridExportOptions &options)
{
    QList<Grid> grids;
    for (const Grid &grid : m_session->grids()) {
        if (!level || grid.level == *level)
            grids << grid;
    }
    if (grids.isEmpty())
        return fail(ErrorCode::NotFound, tr("The draft has no grids of this level to export."));
    GridExportOptions styled = options;
    styled.style = exportStyle(MapStyle());
    return GridDesk::exportGrids(grids, path, styled);
}

void GridEditor::mergeSelected()
{
    const auto change = GridChanges::merge(*m_session, m_session->selection());
    if (!change)
        return Q_EMIT message(change.error().message);
    const QString kept = change->after.first().code;
    if (m_session->edit(*change)) {
        m_session->setSelection({kept});
        Q_EMIT message(change->description);
    }
}

void GridEditor::deleteSelected()
{
    if (!m_editing)
        return;
    const auto change = GridChanges::deleteGrids(*m_session, m_session->selection());
    if (!change)
        return Q_EMIT message(change.error().message);
    if (m_session->edit(*change))
        Q_EMIT message(change->description);
}

void GridEditor::subdivideSelected()
{
    const QStringList selected = m_session->selection();
    const auto grid = selected.size() == 1 ? m_session->grid(selected.first()) : std::nullopt;
    if (!grid || grid->level != GridLevel::Base)
        return Q_EMIT message(tr("Select one base grid to subdivide."));
    if (m_subdivideDialog)
        m_subdivideDialog->close();
    m_subdivideDialog = new SubdivideDialog(*grid, m_window);
    m_subdivideDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_subdivideDialog, &QDialog::accepted, this,
        [this, code = grid->code, dialog = m_subdivideDialog.data()] {
            subdivide(code, dialog->target());
        });
    m_subdivideDialog->open();
}

bool GridEditor::subdivide(const QString &code, const GridEdits::SubdivideTarget &target)
{
    const auto change = GridChanges::subdivide(*m_session, code, target);
    if (!change) {
        Q_EMIT message(change.error().message);
        return false;
    }
    if (!m_session->edit(*change))
        return false;
    Q_EMIT message(change->description);
    return true;
}

void GridEditor::openPublishDialog()
{
    if (!m_mayPublish)
        return Q_EMIT message(tr("Editions are published by a supervisor or a leader."));
    if (!m_session->hasDraftEdits())
        return Q_EMIT message(tr("The draft has no edits to publish."));
    const auto impact = m_session->previewImpact();
    if (!impact)
        return Q_EMIT message(
            tr("The impact of publishing cannot be worked out: %1").arg(impact.error().message));
    if (m_publishDialog)
        m_publishDialog->close();
    m_publishDialog = new PublishDialog(
        *impact, [this](const QString &note) { return m_session->publish(note); }, m_window);
    m_publishDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_publishDialog, &QDialog::accepted, this, [this, dialog = m_publishDialog.data()] {
        const GridEdition edition = *dialog->edition();
        if (edition.sent) {
            Q_EMIT message(tr("The draft went to the server, which publishes it once its "
                              "topology checks pass; the edition comes back with the next sync."));
            Q_EMIT editionSent();
            return;
        }
        //: %1 is the number of the edition, %n how many grids it changed
        Q_EMIT message(
            tr("Edition %1 published with %n changed grids.", nullptr, edition.changedCount)
                .arg(edition.number));
        Q_EMIT published(edition);
    });
    m_publishDialog->open();
}

void GridEditor::discardDraft()
{
    if (!m_session->hasDraftEdits())
        return Q_EMIT message(tr("The draft has no edits to discard."));
    const auto answer = QMessageBox::question(m_window, tr("Discard draft"),
        tr("Throw away the draft's changes to %n grid(s)? The grid map goes back to the "
           "published edition; this cannot be undone.",
            nullptr, int(m_session->draftCodes().size())),
        QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer == QMessageBox::Discard)
        discardDraftNow();
}

bool GridEditor::discardDraftNow()
{
    if (const auto discarded = m_session->discard(); !discarded) {
        Q_EMIT message(tr("The draft was not discarded: %1").arg(discarded.error().message));
        return false;
    }
    Q_EMIT message(tr("Draft discarded; the map is the published edition again."));
    return true;
}

void GridEditor::openEditionsDialog()
{
    if (!m_session->isOpen()) {
        if (const auto opened = m_session->openNow(m_path); !opened)
            return Q_EMIT message(opened.error().message);
    }
    const auto editions = m_session->editions();
    if (!editions)
        return Q_EMIT message(tr("The editions cannot be read: %1").arg(editions.error().message));
    if (m_editionsDialog)
        m_editionsDialog->close();
    m_editionsDialog = new EditionsDialog(*editions, m_window);
    m_editionsDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_editionsDialog, &EditionsDialog::showOnMapRequested, this, &GridEditor::showEdition);
    m_editionsDialog->open();
}

bool GridEditor::showEdition(int edition)
{
    const auto grids = m_session->editionGrids(edition);
    if (!grids) {
        Q_EMIT message(tr("Edition %1 cannot be read: %2").arg(edition).arg(grids.error().message));
        return false;
    }
    const auto scene = MapScene::create(*grids, {});
    if (!scene) {
        Q_EMIT message(
            tr("Edition %1 cannot be drawn: %2").arg(edition).arg(scene.error().message));
        return false;
    }
    setEditing(false);
    if (m_shownEdition == 0)
        m_publishedScene = m_canvas->scene();
    m_shownEdition = edition;
    m_canvas->replaceScene(*scene);
    updateActions();
    Q_EMIT message(tr("Showing edition %1 of the grid map, read-only; Map → Back to the current "
                      "map returns.")
                       .arg(edition));
    return true;
}

void GridEditor::showCurrentMap()
{
    if (m_shownEdition == 0)
        return;
    m_shownEdition = 0;
    if (m_publishedScene)
        m_canvas->replaceScene(m_publishedScene);
    updateActions();
}

} // namespace GridDesk
