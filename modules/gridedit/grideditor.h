// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "gridedittool.h"

#include "domain/error.h"
#include "editions/grideditions.h"
#include "gis/gridexport.h"
#include "ingest/gridimporter.h"
#include "maprender/mapscene.h"
#include "topology/gridedits.h"

#include <QFutureWatcher>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <memory>

class QAction;
class QActionGroup;
class QDockWidget;
class QMainWindow;
class QMenu;
class QToolBar;
class QUndoView;

namespace GridDesk {

class EditionsDialog;
class GridAttributesPanel;
class GridEditSession;
class MapCanvas;
class PublishDialog;
class SubdivideDialog;
class TopologyPanel;

/// The editing mode of the map for supervisors, added to a main window around its map
/// canvas: a toolbar of editing tools and edits of the selection, docks for the selected
/// grid's attributes, the topology findings and the undo history, and the actions of the
/// Map menu (edit, undo, redo, check, publish, discard, editions). While editing, the map
/// shows the draft and is redrawn (off the GUI thread) after every edit; outside it, the map
/// shows the published grids, or a past edition when one is shown.
class GridEditor : public QObject
{
    Q_OBJECT

public:
    GridEditor(QMainWindow *window, MapCanvas *canvas);
    ~GridEditor() override;

    /// Works on the workspace at path from now on, whose published map the canvas shows now
    /// (set it on the canvas first). Leaves the editing mode.
    void setWorkspace(const QString &path);
    /// Who edits, accepts findings and publishes, and whether they may publish (supervisors
    /// and leaders may; everyone may edit the draft and look at the editions).
    void setActor(const QString &name, bool mayPublish);
    bool isEditing() const { return m_editing; }
    /// Whether the canvas shows a past edition.
    bool isShowingEdition() const { return m_shownEdition > 0; }
    /// Takes cases that came in or changed into the current map it keeps aside while editing or
    /// showing an edition, and into the draft's case layer, so that neither drops them.
    void takeCases(const QList<GridDesk::CaseRecord> &records);

    /// Adds the editing actions to menu.
    void populateMenu(QMenu *menu);

    GridEditSession *session() const { return m_session; }
    GridEditTool *tool() const { return m_tool; }
    QToolBar *toolBar() const { return m_toolBar; }
    QDockWidget *attributesDock() const { return m_attributesDock; }
    QDockWidget *findingsDock() const { return m_findingsDock; }
    QDockWidget *historyDock() const { return m_historyDock; }
    GridAttributesPanel *attributesPanel() const { return m_attributes; }
    TopologyPanel *topologyPanel() const { return m_topology; }
    QUndoView *historyView() const { return m_history; }
    QAction *editAction() const { return m_editAction; }
    QAction *undoAction() const { return m_undoAction; }
    QAction *redoAction() const { return m_redoAction; }
    QAction *toolAction(GridEditTool::Mode mode) const { return m_toolActions.value(mode); }
    QAction *mergeAction() const { return m_mergeAction; }
    QAction *deleteAction() const { return m_deleteAction; }
    QAction *subdivideAction() const { return m_subdivideAction; }
    QAction *publishAction() const { return m_publishAction; }
    QAction *discardAction() const { return m_discardAction; }
    QAction *editionsAction() const { return m_editionsAction; }
    QAction *importAction() const { return m_importAction; }
    QAction *exportAction() const { return m_exportAction; }

    /// Brings the grids of a file into the draft as one undoable edit; false, with a message
    /// saying why, when the file cannot be read or the draft refuses the grids.
    bool importFile(const QString &path, const GridImportOptions &options);
    /// Writes the grids of the draft (all, or one level) to a file.
    Result<GridExportSummary> exportTo(
        const QString &path, std::optional<GridLevel> level, const GridExportOptions &options);
    /// The dialogs open now, if any.
    SubdivideDialog *subdivideDialog() const;
    PublishDialog *publishDialog() const;
    EditionsDialog *editionsDialog() const;
    /// Whether the map shows the draft as it is now.
    bool isSceneCurrent() const { return m_sceneCurrent; }

public Q_SLOTS:
    /// Enters or leaves the editing mode; entering reads the draft first when needed.
    void setEditing(bool editing);
    void mergeSelected();
    void deleteSelected();
    /// Opens the subdivide dialog for the one selected grid.
    void subdivideSelected();
    bool subdivide(const QString &code, const GridDesk::GridEdits::SubdivideTarget &target);
    void openPublishDialog();
    /// Asks, then throws the draft away.
    void discardDraft();
    bool discardDraftNow();
    void openEditionsDialog();
    /// Asks for a file and brings its grids into the draft.
    void importGrids();
    /// Asks for a file, a level and a coordinate system, and exports the draft's grids.
    void exportGrids();
    /// Shows a published edition on the map, read-only; the editing mode is left.
    bool showEdition(int edition);
    /// Back from a past edition to the map as it is.
    void showCurrentMap();

Q_SIGNALS:
    /// The draft went to the workspace's server to be published there.
    void editionSent();
    void editingChanged(bool editing);
    /// A message for the status bar.
    void message(const QString &text);
    /// The map shows the draft as it is after the last edit.
    void sceneRebuilt();
    /// A new edition was published: the workspace's grids and cases changed.
    void published(const GridDesk::GridEdition &edition);

private:
    using SceneResult = Result<std::shared_ptr<const MapScene>>;

    void createActions();
    void createToolActions();
    void createSelectionActions();
    void createEditionActions();
    void createToolBar();
    void createDocks(QMainWindow *window);
    void onSessionOpened();
    void enterEditing();
    void rebuildScene();
    void onSceneBuilt();
    void takeCasesOf(const std::shared_ptr<const MapScene> &scene);
    void updateActions();
    void showDocks(bool shown);

    QMainWindow *m_window;
    QPointer<MapCanvas> m_canvas; ///< may go before the editor, both children of the window
    GridEditSession *m_session;
    GridEditTool *m_tool;
    QToolBar *m_toolBar;
    GridAttributesPanel *m_attributes;
    TopologyPanel *m_topology;
    QUndoView *m_history;
    QDockWidget *m_attributesDock = nullptr;
    QDockWidget *m_findingsDock = nullptr;
    QDockWidget *m_historyDock = nullptr;
    QAction *m_editAction = nullptr;
    QAction *m_undoAction = nullptr;
    QAction *m_redoAction = nullptr;
    QActionGroup *m_toolGroup = nullptr;
    QMap<GridEditTool::Mode, QAction *> m_toolActions;
    QAction *m_mergeAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_subdivideAction = nullptr;
    QAction *m_checkAction = nullptr;
    QAction *m_publishAction = nullptr;
    QAction *m_discardAction = nullptr;
    QAction *m_editionsAction = nullptr;
    QAction *m_importAction = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_currentMapAction = nullptr;
    QPointer<SubdivideDialog> m_subdivideDialog;
    QPointer<PublishDialog> m_publishDialog;
    QPointer<EditionsDialog> m_editionsDialog;

    QString m_path;
    bool m_editing = false;
    bool m_mayPublish = false;
    bool m_wantsEditing = false; ///< entering waits for the draft to be read
    int m_shownEdition = 0;
    std::shared_ptr<const MapScene> m_publishedScene; ///< what the canvas showed before editing
    MapScene::CaseLayer m_cases; ///< the cases of the published map, drawn over the draft
    QFutureWatcher<SceneResult> m_sceneBuilder;
    bool m_building = false; ///< until the builder's finished signal has arrived
    bool m_rebuildPending = false;
    QSet<QString> m_undrawn; ///< grids changed since the last scene build started
    QSet<QString> m_drawing; ///< grids changed before the running build started
    bool m_sceneCurrent = true;
};

} // namespace GridDesk
