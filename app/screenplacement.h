// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include <QList>
#include <QRect>
#include <QString>

class QScreen;

namespace GridDesk {

/// A monitor as the window layouts see it: its name, its whole geometry in the virtual desktop
/// and the part of it windows may use (without panels and docks of the desktop).
struct ScreenArea
{
    QString name;
    QRect geometry;
    QRect available;
};

/// Where a window was: its geometry without the frame, the monitor it was on then, and
/// whether it was maximised or full screen.
struct WindowPlace
{
    QRect geometry;
    QString screenName;
    QRect screenGeometry;
    bool maximized = false;
    bool fullScreen = false;
};

/// Where a window goes on the monitors there are now.
struct ScreenChoice
{
    int screen = -1; ///< index into the monitors given; -1 when there were none
    QRect geometry; ///< wholly inside that monitor's available area
    bool moved = false; ///< the window's monitor is missing or changed its size
};

/// Places a window saved at place on screens (the primary first). Its monitor is the one with
/// the same name and geometry, else the same name, else the same geometry (a monitor plugged
/// into another port), else the one nearest to where it was (the primary when several are as
/// near). On a monitor that moved or changed its size, the window keeps its relative offset
/// within the monitor; it is shrunk to fit and moved until it lies wholly inside the
/// monitor's available area, so it is never off-screen. A pure function of its arguments.
ScreenChoice placeOnScreens(const WindowPlace &place, const QList<ScreenArea> &screens);

/// The monitors of the running application, the primary first.
QList<ScreenArea> currentScreens();
/// The QScreen of an entry of currentScreens(), or nullptr when it has gone meanwhile.
QScreen *screenAt(int index);

/// Moves and shrinks rect until it lies wholly inside area.
QRect fitInto(const QRect &rect, const QRect &area);

} // namespace GridDesk
