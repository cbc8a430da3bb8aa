// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "maprender/mapviewport.h"

#include <QPointF>

class QKeyEvent;
class QPainter;

namespace GridDesk {

/// A mouse event on the map: where it happened in pixels and on the ground.
struct MapMouseEvent
{
    QPointF pixel;
    GeoPoint point; ///< WGS84 lon/lat under pixel
    Qt::MouseButton button = Qt::NoButton;
    Qt::MouseButtons buttons;
    Qt::KeyboardModifiers modifiers;
};

/// Something that works on the map with the mouse and keyboard and draws over it (a
/// measuring or editing tool). The canvas offers each event to its tool first; a handler that
/// returns true takes the event, and the canvas does nothing else with it. Events a tool
/// leaves alone get the canvas's own behaviour (drag pans, a click selects, keys zoom and pan).
/// The canvas does not own its tool.
class MapTool
{
public:
    virtual ~MapTool() = default;

    /// A button went down; taking it makes the tool own the drag that may follow.
    virtual bool mousePressed(const MapMouseEvent &) { return false; }
    /// The mouse moved, pressed or not (hovering is reported too).
    virtual bool mouseMoved(const MapMouseEvent &) { return false; }
    /// A button the tool took with mousePressed went up.
    virtual bool mouseReleased(const MapMouseEvent &) { return false; }
    /// A press the tool did not take was released without dragging; taking it stops the
    /// canvas from selecting what is under the cursor.
    virtual bool clicked(const MapMouseEvent &) { return false; }
    virtual bool mouseDoubleClicked(const MapMouseEvent &) { return false; }
    virtual bool keyPressed(QKeyEvent *) { return false; }
    /// The cursor left the map.
    virtual void cursorLeft() { }
    /// Draws over the map image; viewport is what the canvas shows now.
    virtual void paint(QPainter &, const MapViewport &) { }
};

} // namespace GridDesk
