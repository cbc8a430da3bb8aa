// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "deskwindows.h"
#include "panelwindow.h"

#include <QAction>
#include <QDockWidget>
#include <QMenu>

namespace GridDesk {

/// A panel and where it is. The main map lives in the middle of the main window or in its own
/// window; the other panels in a dock or their own window.
struct DeskWindows::Panel
{
    enum class Kind { MainMap, FurtherMap, Fixed, Workspace };

    QString key;
    QString title;
    Kind kind = Kind::Fixed;
    QPointer<QWidget> content;
    QPointer<QDockWidget> dock; ///< none for the main map
    QPointer<PanelWindow> window;
    bool inWindow = false;
    PanelPlace wanted = PanelPlace::Hidden; ///< for a workspace panel not open yet
    std::function<void()> open;
    bool openPending = false; ///< a layout wants it open once the workspace is loaded
    QMenu *menu = nullptr;
    QAction *hiddenAction = nullptr;
    QAction *dockedAction = nullptr;
    QAction *windowAction = nullptr;

    bool closesItself() const { return kind == Kind::Workspace; }
};

} // namespace GridDesk
