// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "desklayout.h"
#include "layoutbook.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>
#include <vector>

class QAction;
class QDockWidget;
class QKeyEvent;
class QMainWindow;
class QMenu;
class QScreen;

namespace GridDesk {

class MapCanvas;
class PanelDock;
class PanelWindow;

/// The windows of a dispatch desk spread over several monitors. Each panel — the main map,
/// the case queue, the case panel, the org chart, the standards tree and the evaluation
/// dashboard — is shown in the main window or in a top-level window of its own; further map
/// windows show the loaded workspace with extents of their own. Named layouts record which
/// windows are open, where, on which monitor, the main window's docks and every map's extent;
/// the layout the desk closed with comes back at the next start. A window whose monitor is
/// missing goes to the nearest one, inside it, and back when its monitor returns.
class DeskWindows : public QObject
{
    Q_OBJECT

public:
    /// The panels of the main window, and how to open those that need the workspace.
    struct Panels
    {
        MapCanvas *map = nullptr;
        QDockWidget *caseQueue = nullptr;
        QDockWidget *caseDetail = nullptr;
        std::function<void()> openOrgChart;
        std::function<void()> openStandards;
        std::function<void()> openEvaluation;
    };

    static const QString MAP; ///< the main map
    static const QString CASE_QUEUE;
    static const QString CASE_DETAIL;
    static const QString ORG_CHART;
    static const QString STANDARDS;
    static const QString EVALUATION;

    DeskWindows(QMainWindow *main, const Panels &panels);
    /// Puts the panels back into the main window and closes their windows.
    ~DeskWindows() override;

    /// Fills the Window menu: the panels, new map windows and the layouts.
    void populateMenu(QMenu *menu);

    /// Shows content, a panel the main window opened on the workspace (ORG_CHART, STANDARDS,
    /// EVALUATION), where the desk wants it: a dock or a window of its own.
    void adopt(const QString &key, QWidget *content);
    /// Shows the panel and brings its window to the front.
    void present(const QString &key);

    PanelPlace place(const QString &key) const;
    /// Moves the panel; a panel needing the workspace is opened when it is not yet.
    void setPlace(const QString &key, PanelPlace place);
    /// The panel's own window while it is in one.
    QWidget *panelWindow(const QString &key) const;
    /// The map of key: the main map (MAP) or a further map window ("map2" …).
    MapCanvas *mapCanvas(const QString &key) const;
    /// The keys of the further map windows, in the order they were opened.
    QStringList mapKeys() const;
    /// The further maps take the main map's colours and sizes (after the preferences changed).
    void followMainMapStyle();
    /// Opens a further map window on the loaded workspace, showing what the main map shows;
    /// its key.
    QString newMapWindow();

    LayoutBook &layouts() { return m_book; }
    /// The desk's windows as they are now.
    DeskLayout capture(const QString &name) const;
    /// Arranges the desk's windows as layout says, on the monitors there are now.
    void apply(const DeskLayout &layout);
    /// Saves the windows as they are under name, replacing a layout of that name.
    void saveLayout(const QString &name);
    /// Applies the layout saved as name; fails when there is none or it cannot be read.
    Result<void> switchTo(const QString &name);
    QString currentLayoutName() const { return m_currentLayout; }

    /// The main window loaded the workspace at path: further maps show it, and panels and
    /// extents a layout asked for before it was loaded come now.
    void takeWorkspace(const QString &path);

    /// Brings back the windows the desk closed with; called once the main window is built.
    void restoreSession();
    /// Records the windows for the next start and closes the panels' windows; false when a
    /// panel with unsaved work stays open.
    bool closeForQuit();

Q_SIGNALS:
    /// A case or a grid was picked on a further map window.
    void caseSelected(qint64 id);
    void gridSelected(const QString &code);
    /// Something the user should read in the status bar.
    void message(const QString &text);

protected:
    /// Gives the keys of a docked org chart or standards tree to it while it has the focus.
    bool eventFilter(QObject *watched, QEvent *event) override;

public Q_SLOTS:
    /// Marks the case chosen elsewhere on the further maps, without moving them.
    void showSelectedCase(qint64 id);

private:
    struct Panel;

    Panel *panel(const QString &key) const;
    Panel &addPanel(const QString &key, const QString &title);
    void addMapPanel(const QString &key);
    void removeMapPanel(const QString &key);
    void createPanelMenu(Panel &panel, QMenu *menu);
    void refreshMenuChecks();
    void rebuildLayoutsMenu();
    void moveToWindow(Panel &panel);
    void moveToDock(Panel &panel);
    void hidePanel(Panel &panel);
    void onWindowClosed(const QString &key);
    void onContentGone(const QString &key);
    void onDockShown(const QString &key);
    void followMainScene();
    void shareShortcuts(QWidget *window) const;
    void setDockedShortcuts(Panel &panel, bool docked);
    QAction *dockedPanelAction(const QWidget *focus, const QKeyEvent *event) const;
    void updateWindowTitles();
    void placeWindow(const QString &key, QWidget *window, const WindowPlace &place);
    void applyExtent(const QString &key);
    void onScreenRemoved(QScreen *screen);
    void onScreenAdded(QScreen *screen);
    QWidget *topLevelOf(const QString &key) const;
    void askSaveLayout();
    void manageLayouts();

    QMainWindow *m_main;
    Panels m_panels;
    std::vector<std::unique_ptr<Panel>> m_panelList;
    LayoutBook m_book;
    QString m_currentLayout;
    QString m_workspacePath;
    QMenu *m_menu = nullptr;
    QMenu *m_layoutsMenu = nullptr;
    QList<QAction *> m_layoutActions;
    QAction *m_newMapAction = nullptr;
    QAction *m_saveLayoutAction = nullptr;
    QAction *m_manageLayoutsAction = nullptr;
    bool m_applying = false;
    /// Map extents waiting for the workspace to be drawn: extent and size in pixels.
    QHash<QString, PanelLayout> m_pendingExtents;
    /// Where windows moved off a missing monitor want to go back to, by panel key ("main"
    /// for the main window).
    QHash<QString, WindowPlace> m_displaced;
};

} // namespace GridDesk
