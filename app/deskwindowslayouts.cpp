// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "deskwindows.h"

#include "deskpanel.h"

#include "layoutsdialog.h"
#include "logging.h"

#include "mapview/mapcanvas.h"

#include <QAction>
#include <QInputDialog>
#include <QMainWindow>
#include <QMessageBox>
#include <QScreen>
#include <QTimer>

namespace GridDesk {

namespace {
const auto MAIN_WINDOW_KEY = QStringLiteral("main");
const auto SESSION_NAME = QStringLiteral("session");

WindowPlace placeOf(const QWidget *window)
{
    WindowPlace place;
    const bool stateful = window->isMaximized() || window->isFullScreen();
    place.geometry = stateful ? window->normalGeometry() : window->geometry();
    if (const QScreen *screen = window->screen()) {
        place.screenName = screen->name();
        place.screenGeometry = screen->geometry();
    }
    place.maximized = window->isMaximized();
    place.fullScreen = window->isFullScreen();
    return place;
}
} // namespace

QWidget *DeskWindows::topLevelOf(const QString &key) const
{
    if (key == MAIN_WINDOW_KEY)
        return m_main;
    return panelWindow(key);
}

DeskLayout DeskWindows::capture(const QString &name) const
{
    DeskLayout layout;
    layout.name = name;
    layout.mainWindow = placeOf(m_main);
    layout.dockState = m_main->saveState();
    for (const auto &entry : m_panelList) {
        PanelLayout panelLayout;
        panelLayout.key = entry->key;
        panelLayout.place = place(entry->key);
        if (entry->window && (entry->inWindow || entry->window->isVisible()))
            panelLayout.window = placeOf(entry->window);
        if (const MapCanvas *canvas = mapCanvas(entry->key);
            canvas && canvas->viewport().isValid()) {
            panelLayout.extent = canvas->viewport().extent;
            panelLayout.mapSize = canvas->viewport().size;
        }
        layout.panels << panelLayout;
    }
    return layout;
}

void DeskWindows::apply(const DeskLayout &layout)
{
    const bool guard = std::exchange(m_applying, true);
    m_displaced.clear();

    // Further maps: the layout's, no more and no less; their docks exist before the dock state
    // is restored, so that it places them.
    for (const QString &key : mapKeys()) {
        if (!layout.panel(key))
            removeMapPanel(key);
    }
    for (const PanelLayout &entry : layout.panels) {
        const bool furtherMap = entry.key.startsWith(MAP) && entry.key.mid(MAP.size()).toInt() > 1;
        if (furtherMap && !panel(entry.key) && entry.place != PanelPlace::Hidden)
            addMapPanel(entry.key);
    }
    if (!layout.dockState.isEmpty())
        m_main->restoreState(layout.dockState);

    for (const PanelLayout &entry : layout.panels) {
        Panel *found = panel(entry.key);
        if (!found) {
            qCInfo(lcApp) << "Layout" << layout.name << "names the unknown panel" << entry.key;
            continue;
        }
        if (found->kind == Panel::Kind::Workspace && !found->content) {
            found->wanted = entry.place == PanelPlace::Hidden ? PanelPlace::Window : entry.place;
            found->openPending = entry.place != PanelPlace::Hidden;
            continue;
        }
        if (entry.place == PanelPlace::Window)
            moveToWindow(*found);
        else if (entry.place == PanelPlace::Docked)
            moveToDock(*found);
        else
            hidePanel(*found);
        if (found->dock && found->kind != Panel::Kind::FurtherMap)
            found->dock->setVisible(entry.place == PanelPlace::Docked);
        if (found->kind == Panel::Kind::FurtherMap && found->dock)
            found->dock->setVisible(entry.place == PanelPlace::Docked);
        if (entry.extent) {
            m_pendingExtents.insert(entry.key, entry);
            applyExtent(entry.key);
        }
    }

    if (layout.mainWindow.geometry.isValid())
        placeWindow(MAIN_WINDOW_KEY, m_main, layout.mainWindow);
    for (const PanelLayout &entry : layout.panels) {
        Panel *found = panel(entry.key);
        if (!found || !found->inWindow || !found->window)
            continue;
        if (entry.window)
            placeWindow(entry.key, found->window, *entry.window);
        else
            found->window->show();
    }
    m_applying = guard;

    m_currentLayout = layout.name;
    for (QAction *action : std::as_const(m_layoutActions))
        action->setChecked(action->text() == layout.name);
    refreshMenuChecks();
    // Extents are set again once the windows have their sizes.
    QTimer::singleShot(0, this, [this] {
        for (const QString &key : m_pendingExtents.keys())
            applyExtent(key);
    });
    if (!m_workspacePath.isEmpty()) {
        for (const auto &entry : m_panelList) {
            if (std::exchange(entry->openPending, false) && !entry->content && entry->open)
                entry->open();
        }
    }
}

void DeskWindows::placeWindow(const QString &key, QWidget *window, const WindowPlace &place)
{
    const ScreenChoice choice = placeOnScreens(place, currentScreens());
    if (QScreen *screen = screenAt(choice.screen); screen && window->screen() != screen)
        window->setScreen(screen);
    if (choice.moved) {
        // Back where it was when that monitor is there again.
        m_displaced.insert(key, place);
        qCInfo(lcApp) << "Window" << key << "wanted on monitor" << place.screenName
                      << place.screenGeometry << "goes to" << choice.geometry;
    }
    window->setWindowState(Qt::WindowNoState);
    window->setGeometry(choice.geometry);
    const bool show = window != m_main || m_main->isVisible();
    if (place.fullScreen)
        show ? window->showFullScreen() : window->setWindowState(Qt::WindowFullScreen);
    else if (place.maximized)
        show ? window->showMaximized() : window->setWindowState(Qt::WindowMaximized);
    else if (show)
        window->show();
}

void DeskWindows::applyExtent(const QString &key)
{
    MapCanvas *canvas = mapCanvas(key);
    if (!canvas) {
        m_pendingExtents.remove(key);
        return;
    }
    // Without the workspace drawn, loading it would show the whole city over the extent.
    if (!canvas->scene())
        return;
    const PanelLayout entry = m_pendingExtents.take(key);
    if (!entry.extent)
        return;
    MapViewport viewport;
    viewport.extent = *entry.extent;
    viewport.size = entry.mapSize.isValid() ? entry.mapSize : canvas->size();
    // The same centre and scale in the map's size now; the same extent at the same size.
    canvas->setViewport(viewport.resized(canvas->size()));
}

void DeskWindows::onScreenRemoved(QScreen *screen)
{
    // Qt moves the windows of a monitor that went to the primary one, where they may lie
    // outside it: they go to the nearest monitor, inside it, and back when it returns.
    QStringList keys {MAIN_WINDOW_KEY};
    for (const auto &entry : m_panelList)
        keys << entry->key;
    QHash<QString, WindowPlace> moved;
    for (const QString &key : std::as_const(keys)) {
        QWidget *window = topLevelOf(key);
        if (window && window->isVisible() && window->screen() == screen)
            moved.insert(key, placeOf(window));
    }
    if (moved.isEmpty())
        return;
    QTimer::singleShot(0, this, [this, moved] {
        for (auto it = moved.cbegin(); it != moved.cend(); ++it) {
            if (QWidget *window = topLevelOf(it.key()))
                placeWindow(it.key(), window, it.value());
        }
        Q_EMIT message(tr("A monitor was disconnected; its windows were moved to another one."));
    });
}

void DeskWindows::onScreenAdded(QScreen *screen)
{
    QHash<QString, WindowPlace> back;
    for (auto it = m_displaced.cbegin(); it != m_displaced.cend(); ++it) {
        if (it.value().screenName == screen->name())
            back.insert(it.key(), it.value());
    }
    if (back.isEmpty())
        return;
    // Its geometry settles after the signal; the windows go back a moment later.
    QTimer::singleShot(0, this, [this, back] {
        for (auto it = back.cbegin(); it != back.cend(); ++it) {
            m_displaced.remove(it.key());
            if (QWidget *window = topLevelOf(it.key()))
                placeWindow(it.key(), window, it.value());
        }
    });
}

void DeskWindows::saveLayout(const QString &name)
{
    m_book.store(capture(name));
    m_currentLayout = name;
    rebuildLayoutsMenu();
}

Result<void> DeskWindows::switchTo(const QString &name)
{
    auto layout = m_book.layout(name);
    if (!layout)
        return std::unexpected(layout.error());
    apply(*layout);
    //: %1 is the name of a window layout
    Q_EMIT message(tr("Layout \"%1\" applied.").arg(name));
    return {};
}

void DeskWindows::restoreSession()
{
    const auto session = m_book.session();
    if (!session)
        return;
    if (!*session) {
        qCWarning(lcApp) << "Windows of the last session not restored:" << session->error().message;
        Q_EMIT message(session->error().message);
        return;
    }
    DeskLayout layout = **session;
    const QString name = layout.name;
    apply(layout);
    m_currentLayout = name == SESSION_NAME ? QString() : name;
    rebuildLayoutsMenu();
}

bool DeskWindows::closeForQuit()
{
    m_book.storeSession(capture(m_currentLayout.isEmpty() ? SESSION_NAME : m_currentLayout));
    // Panels with unsaved work ask first; the others' windows close with the desk.
    for (const auto &entry : m_panelList) {
        if (entry->kind == Panel::Kind::Workspace && entry->content && !entry->content->close())
            return false;
    }
    for (const auto &entry : m_panelList) {
        if (entry->window)
            entry->window->hide();
    }
    return true;
}

void DeskWindows::askSaveLayout()
{
    bool accepted = false;
    const QString name = QInputDialog::getText(m_main, tr("Save layout"),
        tr("Name of the layout (windows, their monitors and the maps' extents):"),
        QLineEdit::Normal, m_currentLayout, &accepted)
                             .trimmed();
    if (!accepted)
        return;
    if (name.isEmpty()) {
        QMessageBox::warning(m_main, tr("Layout not saved"), tr("A layout needs a name."));
        return;
    }
    if (m_book.names().contains(name) && name != m_currentLayout) {
        const auto answer = QMessageBox::question(m_main, tr("Replace layout"),
            tr("A layout is already saved as \"%1\". Replace it?").arg(name));
        if (answer != QMessageBox::Yes)
            return;
    }
    saveLayout(name);
    Q_EMIT message(tr("Layout \"%1\" saved.").arg(name));
}

void DeskWindows::manageLayouts()
{
    LayoutsDialog dialog(m_book, m_main);
    connect(&dialog, &LayoutsDialog::renamed, this, [this](const QString &from, const QString &to) {
        if (m_currentLayout == from)
            m_currentLayout = to;
        rebuildLayoutsMenu();
    });
    connect(&dialog, &LayoutsDialog::removed, this, [this](const QString &name) {
        if (m_currentLayout == name)
            m_currentLayout.clear();
        rebuildLayoutsMenu();
    });
    dialog.exec();
}

} // namespace GridDesk
