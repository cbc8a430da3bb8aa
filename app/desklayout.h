// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "screenplacement.h"

#include "domain/error.h"
#include "domain/grid.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QSize>
#include <QString>

#include <optional>

namespace GridDesk {

/// Where a panel of the desk is: not shown, in the main window (a dock, or the middle for the
/// main map) or in a top-level window of its own.
enum class PanelPlace { Hidden, Docked, Window };

/// One panel of a layout: the main map ("map"), a further map ("map2", "map3" …), the case
/// queue, the case panel, the org chart, the standards tree or the evaluation dashboard.
struct PanelLayout
{
    QString key;
    PanelPlace place = PanelPlace::Hidden;
    std::optional<WindowPlace> window; ///< where its own window was, when it had one
    std::optional<BoundingBox> extent; ///< what a map showed (WGS84)
    QSize mapSize; ///< the map's size in pixels then, to keep its scale
};

/// A named arrangement of the desk's windows: the main window, the state of its docks and
/// toolbars, and every panel with its place, its window and, for maps, their extents.
struct DeskLayout
{
    QString name;
    WindowPlace mainWindow;
    QByteArray dockState; ///< QMainWindow::saveState()
    QList<PanelLayout> panels;

    const PanelLayout *panel(const QString &key) const;

    QJsonObject toJson() const;
    /// The layout in json; a missing or malformed field is named in the error.
    static Result<DeskLayout> fromJson(const QJsonObject &json);
};

} // namespace GridDesk
