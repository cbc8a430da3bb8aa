// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "deskwindows.h"
#include "deskpanel.h"

#include "paneldock.h"
#include "panelwindow.h"

#include "mapview/mapcanvas.h"

#include <QAction>
#include <QActionGroup>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QTimer>

namespace GridDesk {

const QString DeskWindows::MAP = QStringLiteral("map");
const QString DeskWindows::CASE_QUEUE = QStringLiteral("caseQueue");
const QString DeskWindows::CASE_DETAIL = QStringLiteral("caseDetail");
const QString DeskWindows::ORG_CHART = QStringLiteral("orgChart");
const QString DeskWindows::STANDARDS = QStringLiteral("standards");
const QString DeskWindows::EVALUATION = QStringLiteral("evaluation");

namespace {
constexpr int NUMBERED_LAYOUTS = 9; // Ctrl+Alt+1 … Ctrl+Alt+9
const QSize MAP_WINDOW_SIZE(960, 700);
} // namespace

DeskWindows::DeskWindows(QMainWindow *main, const Panels &panels)
    : QObject(main)
    , m_main(main)
    , m_panels(panels)
{
    Panel &map = addPanel(MAP, tr("Map"));
    map.kind = Panel::Kind::MainMap;
    map.content = panels.map;

    const struct
    {
        QString key;
        QString title;
        QDockWidget *dock;
    } fixed[] = {{CASE_QUEUE, tr("Case queue"), panels.caseQueue},
        {CASE_DETAIL, tr("Case"), panels.caseDetail}};
    for (const auto &entry : fixed) {
        Panel &panel = addPanel(entry.key, entry.title);
        panel.dock = entry.dock;
        panel.content = entry.dock->widget();
        connect(
            entry.dock, &QDockWidget::visibilityChanged, this, [this, key = entry.key](bool shown) {
                if (shown)
                    onDockShown(key);
            });
    }

    const struct
    {
        QString key;
        QString title;
        std::function<void()> open;
    } opened[] = {{ORG_CHART, tr("Org chart"), panels.openOrgChart},
        {STANDARDS, tr("Standard system"), panels.openStandards},
        {EVALUATION, tr("Evaluation"), panels.openEvaluation}};
    for (const auto &entry : opened) {
        Panel &panel = addPanel(entry.key, entry.title);
        panel.kind = Panel::Kind::Workspace;
        panel.open = entry.open;
        panel.wanted = PanelPlace::Window; // where these panels opened before there was a choice
        auto *dock = new PanelDock(entry.key, entry.title, m_main);
        dock->setContentCloses(true);
        m_main->addDockWidget(Qt::RightDockWidgetArea, dock);
        if (panels.caseQueue)
            m_main->tabifyDockWidget(panels.caseQueue, dock);
        dock->hide();
        panel.dock = dock;
    }
    if (panels.caseQueue)
        panels.caseQueue->raise();

    connect(m_main, &QWidget::windowTitleChanged, this, &DeskWindows::updateWindowTitles);
    connect(m_panels.map, &MapCanvas::imageChanged, this, &DeskWindows::followMainScene);
    connect(qApp, &QGuiApplication::screenRemoved, this, &DeskWindows::onScreenRemoved);
    connect(qApp, &QGuiApplication::screenAdded, this, &DeskWindows::onScreenAdded);
    qApp->installEventFilter(this);
}

DeskWindows::~DeskWindows()
{
    // The panels' windows have no parent: the main window's panels go back into it before the
    // windows go, so that the main window deletes them with itself.
    for (const auto &panel : m_panelList) {
        if (panel->content)
            panel->content->disconnect(this);
    }
    for (const auto &panel : m_panelList) {
        if (panel->inWindow && panel->kind != Panel::Kind::Workspace)
            moveToDock(*panel);
        delete panel->window;
    }
}

DeskWindows::Panel *DeskWindows::panel(const QString &key) const
{
    for (const auto &candidate : m_panelList) {
        if (candidate->key == key)
            return candidate.get();
    }
    return nullptr;
}

DeskWindows::Panel &DeskWindows::addPanel(const QString &key, const QString &title)
{
    auto panel = std::make_unique<Panel>();
    panel->key = key;
    panel->title = title;
    m_panelList.push_back(std::move(panel));
    return *m_panelList.back();
}

PanelPlace DeskWindows::place(const QString &key) const
{
    const Panel *found = panel(key);
    if (!found)
        return PanelPlace::Hidden;
    if (found->inWindow && found->window)
        return found->window->isHidden() ? PanelPlace::Hidden : PanelPlace::Window;
    if (found->kind == Panel::Kind::MainMap || found->kind == Panel::Kind::FurtherMap)
        return PanelPlace::Docked;
    const bool docked = found->content && found->dock && !found->dock->isHidden()
        && found->dock->widget() == found->content;
    return docked ? PanelPlace::Docked : PanelPlace::Hidden;
}

QWidget *DeskWindows::panelWindow(const QString &key) const
{
    const Panel *found = panel(key);
    return found && found->inWindow ? found->window.data() : nullptr;
}

MapCanvas *DeskWindows::mapCanvas(const QString &key) const
{
    const Panel *found = panel(key);
    const bool isMap =
        found && (found->kind == Panel::Kind::MainMap || found->kind == Panel::Kind::FurtherMap);
    return isMap ? qobject_cast<MapCanvas *>(found->content.data()) : nullptr;
}

QStringList DeskWindows::mapKeys() const
{
    QStringList keys;
    for (const auto &candidate : m_panelList) {
        if (candidate->kind == Panel::Kind::FurtherMap)
            keys << candidate->key;
    }
    return keys;
}

void DeskWindows::followMainMapStyle()
{
    for (const QString &key : mapKeys()) {
        if (MapCanvas *canvas = mapCanvas(key))
            canvas->setMapStyle(m_panels.map->mapStyle());
    }
}

void DeskWindows::setPlace(const QString &key, PanelPlace wanted)
{
    Panel *found = panel(key);
    if (!found || place(key) == wanted)
        return;
    if (found->kind == Panel::Kind::Workspace && !found->content) {
        if (wanted == PanelPlace::Hidden)
            return;
        // The main window opens it and hands it to adopt(), which puts it where it is wanted.
        found->wanted = wanted;
        if (found->open && !m_workspacePath.isEmpty())
            found->open();
        return;
    }
    if (wanted != PanelPlace::Hidden)
        found->wanted = wanted; // where it opens the next time
    switch (wanted) {
    case PanelPlace::Hidden:
        hidePanel(*found);
        break;
    case PanelPlace::Docked:
        moveToDock(*found);
        if (found->dock) {
            found->dock->show();
            found->dock->raise();
        }
        break;
    case PanelPlace::Window:
        moveToWindow(*found);
        found->window->show();
        found->window->raise();
        break;
    }
    refreshMenuChecks();
}

void DeskWindows::adopt(const QString &key, QWidget *content)
{
    Panel *found = panel(key);
    if (!found || !content)
        return;
    found->content = content;
    connect(content, &QObject::destroyed, this, [this, key] { onContentGone(key); });
    // The workspace panels were made as windows of the main window; they become panels.
    content->setWindowFlag(Qt::Window, false);
    if (found->wanted == PanelPlace::Docked) {
        setDockedShortcuts(*found, true);
        found->dock->setWidget(content);
        content->show();
        found->dock->show();
        found->dock->raise();
    } else {
        moveToWindow(*found);
        found->window->show();
        found->window->raise();
        found->window->activateWindow();
    }
    refreshMenuChecks();
}

void DeskWindows::present(const QString &key)
{
    Panel *found = panel(key);
    if (!found)
        return;
    if (found->inWindow && found->window) {
        found->window->show();
        found->window->raise();
        found->window->activateWindow();
        return;
    }
    if (found->dock) {
        found->dock->show();
        found->dock->raise();
    }
    m_main->activateWindow();
}

void DeskWindows::moveToWindow(Panel &panel)
{
    if (!panel.content)
        return;
    if (!panel.window) {
        panel.window = new PanelWindow(panel.key);
        panel.window->resize(
            panel.kind == Panel::Kind::FurtherMap ? MAP_WINDOW_SIZE : QSize(800, 600));
        connect(panel.window, &PanelWindow::closed, this,
            [this, key = panel.key] { onWindowClosed(key); });
    }
    if (panel.inWindow)
        return;

    const bool guard = std::exchange(m_applying, true);
    if (panel.kind == Panel::Kind::MainMap)
        m_main->takeCentralWidget();
    else if (panel.dock && panel.dock->widget() == panel.content)
        panel.dock->setWidget(nullptr);
    if (panel.dock)
        panel.dock->hide();
    setDockedShortcuts(panel, false);
    panel.window->setContent(panel.content, panel.closesItself());
    panel.inWindow = true;
    m_applying = guard;

    if (panel.kind != Panel::Kind::Workspace)
        shareShortcuts(panel.window);
    updateWindowTitles();
}

void DeskWindows::moveToDock(Panel &panel)
{
    if (!panel.inWindow || !panel.window)
        return;
    QWidget *content = panel.window->takeContent();
    panel.window->hide();
    panel.inWindow = false;
    if (!content)
        return;
    if (panel.kind == Panel::Kind::MainMap) {
        m_main->setCentralWidget(content);
        content->show();
        return;
    }
    if (panel.dock) {
        setDockedShortcuts(panel, true);
        panel.dock->setWidget(content);
        content->show();
    }
}

void DeskWindows::hidePanel(Panel &panel)
{
    switch (panel.kind) {
    case Panel::Kind::MainMap:
        moveToDock(panel); // the main map always has a place
        return;
    case Panel::Kind::FurtherMap:
        removeMapPanel(panel.key);
        return;
    case Panel::Kind::Workspace:
        // It asks about unsaved work, and goes (or stays) by itself.
        if (panel.content)
            panel.content->close();
        return;
    case Panel::Kind::Fixed:
        moveToDock(panel);
        if (panel.dock)
            panel.dock->hide();
        return;
    }
}

void DeskWindows::onWindowClosed(const QString &key)
{
    Panel *found = panel(key);
    if (!found)
        return;
    m_displaced.remove(key);
    // Closing a panel's window hands it back to the main window, hidden (the main map shown);
    // a further map window closes for good.
    if (found->kind == Panel::Kind::FurtherMap) {
        QTimer::singleShot(0, this, [this, key] { removeMapPanel(key); });
        return;
    }
    if (found->kind != Panel::Kind::Workspace)
        moveToDock(*found);
    refreshMenuChecks();
}

void DeskWindows::onContentGone(const QString &key)
{
    Panel *found = panel(key);
    if (!found)
        return;
    found->inWindow = false;
    // The content is being deleted: its window only forgets it.
    if (found->window) {
        found->window->forgetContent();
        found->window->hide();
    }
    if (found->dock)
        found->dock->hide();
    refreshMenuChecks();
}

void DeskWindows::onDockShown(const QString &key)
{
    if (m_applying)
        return;
    // Something asked for the dock (View menu, "show in queue") while the panel is in its own
    // window: that window comes to the front instead of an empty dock.
    QTimer::singleShot(0, this, [this, key] {
        Panel *found = panel(key);
        if (!found || !found->inWindow || !found->dock || found->dock->isHidden())
            return;
        const bool guard = std::exchange(m_applying, true);
        found->dock->hide();
        m_applying = guard;
        present(key);
    });
}

QString DeskWindows::newMapWindow()
{
    int number = 2;
    while (panel(QStringLiteral("map%1").arg(number)))
        ++number;
    const QString key = QStringLiteral("map%1").arg(number);
    addMapPanel(key);
    Panel *added = panel(key);
    auto *canvas = qobject_cast<MapCanvas *>(added->content.data());
    moveToWindow(*added);

    // A desk with more monitors opens it on one the main window is not on.
    QScreen *mainScreen = m_main->screen();
    QScreen *target = mainScreen;
    for (QScreen *screen : QGuiApplication::screens()) {
        if (screen != mainScreen) {
            target = screen;
            break;
        }
    }
    if (target) {
        const QRect area = target->availableGeometry();
        QRect wanted(area.topLeft() + QPoint(40, 40), MAP_WINDOW_SIZE);
        if (target == mainScreen)
            wanted.moveTopLeft(m_main->geometry().topLeft() + QPoint(60, 60));
        added->window->setScreen(target);
        added->window->setGeometry(fitInto(wanted, area));
    }
    added->window->show();
    added->window->raise();
    added->window->activateWindow();
    // It starts where the main map is and goes its own way from there.
    if (m_panels.map->viewport().isValid())
        canvas->setViewport(m_panels.map->viewport().resized(canvas->size()));
    refreshMenuChecks();
    return key;
}

void DeskWindows::addMapPanel(const QString &key)
{
    const int number = key.mid(MAP.size()).toInt();
    //: The title of a further map window; %1 is its number (2, 3 …)
    Panel &added = addPanel(key, tr("Map %1").arg(number));
    added.kind = Panel::Kind::FurtherMap;
    auto *canvas = new MapCanvas;
    canvas->setObjectName(key + QLatin1String("Canvas"));
    if (m_panels.map->scene())
        canvas->setScene(m_panels.map->scene());
    canvas->setMapStyle(m_panels.map->mapStyle());
    connect(canvas, &MapCanvas::caseSelected, this, &DeskWindows::caseSelected);
    connect(canvas, &MapCanvas::gridSelected, this, &DeskWindows::gridSelected);
    added.content = canvas;

    auto *dock = new PanelDock(key, added.title, m_main);
    connect(dock, &PanelDock::closed, this,
        [this, key] { QTimer::singleShot(0, this, [this, key] { removeMapPanel(key); }); });
    dock->setWidget(canvas);
    m_main->addDockWidget(Qt::LeftDockWidgetArea, dock);
    dock->hide();
    added.dock = dock;
    if (m_menu)
        createPanelMenu(added, m_menu);
}

void DeskWindows::removeMapPanel(const QString &key)
{
    const auto found = std::find_if(m_panelList.begin(), m_panelList.end(),
        [&](const auto &candidate) { return candidate->key == key; });
    if (found == m_panelList.end() || (*found)->kind != Panel::Kind::FurtherMap)
        return;
    std::unique_ptr<Panel> removed = std::move(*found);
    m_panelList.erase(found);
    m_displaced.remove(key);
    m_pendingExtents.remove(key);
    delete removed->menu; // and its entry in the Window menu
    delete removed->window; // with the canvas when it is in there
    if (removed->dock) {
        m_main->removeDockWidget(removed->dock);
        delete removed->dock;
    }
}

void DeskWindows::followMainScene()
{
    const auto scene = m_panels.map->scene();
    if (!scene)
        return;
    for (const auto &candidate : m_panelList) {
        auto *canvas = qobject_cast<MapCanvas *>(candidate->content.data());
        const bool further = candidate->kind == Panel::Kind::FurtherMap;
        if (further && canvas && canvas->scene() != scene)
            canvas->replaceScene(scene);
    }
}

void DeskWindows::showSelectedCase(qint64 id)
{
    for (const QString &key : mapKeys()) {
        if (MapCanvas *canvas = mapCanvas(key))
            canvas->setSelectedCase(id);
    }
}

void DeskWindows::takeWorkspace(const QString &path)
{
    const bool another = path != m_workspacePath;
    m_workspacePath = path;
    for (const QString &key : mapKeys()) {
        MapCanvas *canvas = mapCanvas(key);
        if (canvas && another)
            canvas->setScene(m_panels.map->scene());
    }
    for (const QString &key : m_pendingExtents.keys())
        applyExtent(key);

    // Panels a layout wanted that could not open before the workspace was there.
    for (const auto &candidate : m_panelList) {
        if (std::exchange(candidate->openPending, false) && !candidate->content && candidate->open)
            candidate->open();
    }
}

void DeskWindows::populateMenu(QMenu *menu)
{
    m_menu = menu;
    m_newMapAction = menu->addAction(tr("New &map window"), this, [this] { newMapWindow(); });
    m_newMapAction->setObjectName(QStringLiteral("newMapWindowAction"));
    m_newMapAction->setShortcut(Qt::CTRL | Qt::ALT | Qt::Key_M);
    m_newMapAction->setToolTip(tr("Another map of the open workspace, with an extent of its own"));

    m_layoutsMenu = menu->addMenu(tr("&Layouts"));
    m_layoutsMenu->setObjectName(QStringLiteral("layoutsMenu"));
    m_saveLayoutAction =
        m_layoutsMenu->addAction(tr("&Save layout as…"), this, &DeskWindows::askSaveLayout);
    m_saveLayoutAction->setObjectName(QStringLiteral("saveLayoutAction"));
    m_saveLayoutAction->setShortcut(Qt::CTRL | Qt::ALT | Qt::SHIFT | Qt::Key_L);
    m_manageLayoutsAction =
        m_layoutsMenu->addAction(tr("&Manage layouts…"), this, &DeskWindows::manageLayouts);
    m_manageLayoutsAction->setObjectName(QStringLiteral("manageLayoutsAction"));
    m_layoutsMenu->addSeparator();
    rebuildLayoutsMenu();

    menu->addSeparator();
    for (const auto &entry : m_panelList)
        createPanelMenu(*entry, menu);
    connect(menu, &QMenu::aboutToShow, this, &DeskWindows::refreshMenuChecks);
    refreshMenuChecks();
}

void DeskWindows::createPanelMenu(Panel &entry, QMenu *menu)
{
    entry.menu = menu->addMenu(entry.title);
    entry.menu->setObjectName(entry.key + QLatin1String("PlaceMenu"));
    auto *group = new QActionGroup(entry.menu);
    const auto make = [&](const QString &text, const char *suffix, PanelPlace where) {
        QAction *action = entry.menu->addAction(text);
        action->setObjectName(entry.key + QLatin1String(suffix));
        action->setCheckable(true);
        group->addAction(action);
        connect(action, &QAction::triggered, this,
            [this, key = entry.key, where] { setPlace(key, where); });
        return action;
    };
    const bool map = entry.kind == Panel::Kind::MainMap || entry.kind == Panel::Kind::FurtherMap;
    //: A panel of the desk is not shown (for a further map window: it is closed)
    if (entry.kind != Panel::Kind::MainMap) {
        entry.hiddenAction =
            make(entry.kind == Panel::Kind::FurtherMap ? tr("Closed") : tr("Hidden"),
                "HiddenAction", PanelPlace::Hidden);
    }
    //: A panel of the desk shown as a dock (for the main map: in the middle) of the main window
    entry.dockedAction =
        make(map && entry.kind == Panel::Kind::MainMap ? tr("In the main window")
                                                       : tr("Docked in the main window"),
            "DockedAction", PanelPlace::Docked);
    //: A panel of the desk shown as a top-level window of its own, placeable on any monitor
    entry.windowAction = make(tr("In its own window"), "WindowAction", PanelPlace::Window);
    // The first panels get keys: the main map, the queue and the case panel move with them.
    static const QHash<QString, int> keys {
        {MAP, Qt::Key_M}, {CASE_QUEUE, Qt::Key_Q}, {CASE_DETAIL, Qt::Key_C}};
    if (keys.contains(entry.key)) {
        QAction *toggle = entry.menu->addAction(tr("Move to its own window or back"));
        toggle->setObjectName(entry.key + QLatin1String("ToggleWindowAction"));
        toggle->setShortcut(Qt::CTRL | Qt::ALT | Qt::SHIFT | Qt::Key(keys.value(entry.key)));
        connect(toggle, &QAction::triggered, this, [this, key = entry.key] {
            setPlace(
                key, place(key) == PanelPlace::Window ? PanelPlace::Docked : PanelPlace::Window);
        });
    }
}

void DeskWindows::refreshMenuChecks()
{
    for (const auto &entry : m_panelList) {
        if (!entry->menu)
            continue;
        const PanelPlace now = place(entry->key);
        if (entry->hiddenAction)
            entry->hiddenAction->setChecked(now == PanelPlace::Hidden);
        entry->dockedAction->setChecked(now == PanelPlace::Docked);
        entry->windowAction->setChecked(now == PanelPlace::Window);
    }
}

void DeskWindows::rebuildLayoutsMenu()
{
    if (!m_layoutsMenu)
        return;
    qDeleteAll(std::exchange(m_layoutActions, {}));
    const QStringList names = m_book.names();
    for (qsizetype i = 0; i < names.size(); ++i) {
        QAction *action = m_layoutsMenu->addAction(names[i]);
        action->setObjectName(QStringLiteral("layout%1Action").arg(i + 1));
        action->setCheckable(true);
        action->setChecked(names[i] == m_currentLayout);
        if (i < NUMBERED_LAYOUTS)
            action->setShortcut(Qt::CTRL | Qt::ALT | Qt::Key(Qt::Key_1 + i));
        connect(action, &QAction::triggered, this, [this, name = names[i]] {
            if (auto switched = switchTo(name); !switched)
                QMessageBox::warning(m_main, tr("Layout not applied"), switched.error().message);
        });
        m_layoutActions << action;
    }
    if (names.isEmpty()) {
        QAction *none = m_layoutsMenu->addAction(tr("No layouts saved yet"));
        none->setObjectName(QStringLiteral("noLayoutsAction"));
        none->setEnabled(false);
        m_layoutActions << none;
    }
    for (const auto &entry : m_panelList) {
        if (entry->window && entry->kind != Panel::Kind::Workspace)
            shareShortcuts(entry->window);
    }
}

void DeskWindows::shareShortcuts(QWidget *window) const
{
    // The desk's commands keep their keys in the panels' own windows.
    QList<QAction *> actions = m_main->actions();
    QList<QMenu *> menus;
    for (QAction *top : m_main->menuBar()->actions()) {
        if (top->menu())
            menus << top->menu();
    }
    while (!menus.isEmpty()) {
        QMenu *menu = menus.takeFirst();
        for (QAction *action : menu->actions()) {
            if (action->menu())
                menus << action->menu();
            else if (!action->shortcut().isEmpty())
                actions << action;
        }
    }
    for (QAction *action : window->actions())
        window->removeAction(action);
    window->addActions(actions);
}

void DeskWindows::setDockedShortcuts(Panel &panel, bool docked)
{
    if (panel.kind != Panel::Kind::Workspace || !panel.content)
        return;
    // Docked, the panel's own keys (Find, Save, Undo …) would clash with the main window's:
    // they count only while the focus is in the panel, where eventFilter() gives them to it.
    const Qt::ShortcutContext from = docked ? Qt::WindowShortcut : Qt::WidgetWithChildrenShortcut;
    const Qt::ShortcutContext to = docked ? Qt::WidgetWithChildrenShortcut : Qt::WindowShortcut;
    for (QAction *action : panel.content->findChildren<QAction *>()) {
        if (action->shortcutContext() != from || action->shortcut().isEmpty())
            continue;
        action->setShortcutContext(to);
        if (docked && !panel.content->actions().contains(action))
            panel.content->addAction(action);
    }
}

QAction *DeskWindows::dockedPanelAction(const QWidget *focus, const QKeyEvent *event) const
{
    const QKeySequence pressed(event->keyCombination());
    for (const auto &entry : m_panelList) {
        const bool docked =
            entry->kind == Panel::Kind::Workspace && entry->content && !entry->inWindow;
        if (!docked || (focus != entry->content && !entry->content->isAncestorOf(focus)))
            continue;
        for (QAction *action : entry->content->findChildren<QAction *>()) {
            if (action->isEnabled() && action->shortcuts().contains(pressed))
                return action;
        }
    }
    return nullptr;
}

bool DeskWindows::eventFilter(QObject *watched, QEvent *event)
{
    const bool key = event->type() == QEvent::ShortcutOverride || event->type() == QEvent::KeyPress;
    if (!key || !watched->isWidgetType())
        return QObject::eventFilter(watched, event);
    QAction *own =
        dockedPanelAction(static_cast<QWidget *>(watched), static_cast<QKeyEvent *>(event));
    if (!own)
        return QObject::eventFilter(watched, event);
    // Taken as a key press by the focus widget, not as a shortcut of the main window.
    if (event->type() == QEvent::ShortcutOverride) {
        event->accept();
        return true;
    }
    own->trigger();
    return true;
}

void DeskWindows::updateWindowTitles()
{
    for (const auto &entry : m_panelList) {
        if (!entry->window)
            continue;
        if (entry->kind == Panel::Kind::Workspace && entry->content) {
            entry->window->setWindowTitle(entry->content->windowTitle());
            continue;
        }
        //: A panel's own window: %1 is the panel (Case queue, Map 2 …), %2 the main window title
        entry->window->setWindowTitle(tr("%1 — %2").arg(entry->title, m_main->windowTitle()));
    }
}

} // namespace GridDesk
