// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "editions/griddraft.h"
#include "mapview/maptool.h"
#include "topology/gridedits.h"

#include <QList>
#include <QObject>
#include <QPointF>

#include <optional>

namespace GridDesk {

class GridEditSession;
class MapCanvas;

/// The editing tools of the map, one active at a time. Every tool selects the grid under a
/// click that it has no other use for (shift-click adds to or takes from the selection);
/// drag on empty ground pans. Vertex tools snap to the vertices and edges of nearby grids
/// within SNAP_PIXELS of the cursor, shown as a circle with the snapped point marked. Line
/// and polygon tools take a point per click (snapped when near a boundary); Backspace takes
/// the last one back, Enter or a double-click finishes, Esc cancels. The selected grids are
/// drawn with their vertices over the map.
class GridEditTool : public QObject, public MapTool
{
    Q_OBJECT

public:
    enum class Mode {
        Select,
        MoveVertex,
        AddVertex,
        DeleteVertex,
        Reshape, ///< a line from the boundary of the selected grid back to it
        Split, ///< a line across the selected grid (or the grid it crosses)
        DrawGrid, ///< a polygon for a new base grid
        Count
    };
    Q_ENUM(Mode)

    static constexpr double SNAP_PIXELS = 10.0;

    GridEditTool(GridEditSession *session, MapCanvas *canvas, QObject *parent = nullptr);

    Mode mode() const { return m_mode; }
    void setMode(Mode mode);
    bool isDrawing() const { return !m_points.isEmpty(); }
    QList<GeoPoint> drawnPoints() const { return m_points; }
    /// Where the cursor snaps now, if anywhere.
    std::optional<GridEdits::Snap> currentSnap() const { return m_snap; }
    /// The snapping distance in degrees at pixel of the canvas's viewport.
    double toleranceAt(const QPointF &pixel) const;

    /// A problem area to outline over the map (a topology finding's); empty for none.
    void setHighlight(const QByteArray &wkb);
    /// Grids whose edit the map image does not show yet (it is being drawn again): their
    /// boundaries are drawn over it meanwhile.
    void setUndrawn(const QStringList &codes);

    /// Finishes or cancels the line or polygon being drawn.
    void finishDrawing();
    void cancelDrawing();

    bool mousePressed(const MapMouseEvent &event) override;
    bool mouseMoved(const MapMouseEvent &event) override;
    bool mouseReleased(const MapMouseEvent &event) override;
    bool clicked(const MapMouseEvent &event) override;
    bool mouseDoubleClicked(const MapMouseEvent &event) override;
    bool keyPressed(QKeyEvent *event) override;
    void cursorLeft() override;
    void paint(QPainter &painter, const MapViewport &viewport) override;

Q_SIGNALS:
    void modeChanged(GridDesk::GridEditTool::Mode mode);
    /// A message for the status bar.
    void message(const QString &text);

private:
    bool isLineMode() const;
    std::optional<GridEdits::Snap> snapAt(const MapMouseEvent &event) const;
    GeoPoint snappedPoint(const MapMouseEvent &event) const;
    void selectAt(const MapMouseEvent &event);
    void takeChange(const Result<GridChange> &change);
    void collectDragNeighbours(const GeoPoint &vertex);
    QString gridToSplit() const;
    void paintSelection(QPainter &painter, const MapViewport &viewport) const;
    void paintDrawing(QPainter &painter, const MapViewport &viewport) const;
    void paintDrag(QPainter &painter, const MapViewport &viewport) const;
    void paintSnap(QPainter &painter) const;
    void paintUndrawn(QPainter &painter, const MapViewport &viewport) const;

    GridEditSession *m_session;
    MapCanvas *m_canvas;
    Mode m_mode = Mode::Select;
    std::optional<QPointF> m_cursor;
    std::optional<GridEdits::Snap> m_snap;
    QList<GeoPoint> m_points;
    std::optional<GeoPoint> m_dragFrom;
    GeoPoint m_dragTo;
    QList<GeoPoint> m_dragNeighbours; ///< vertices joined to the dragged one by an edge
    QByteArray m_highlight;
    QStringList m_undrawn;
};

} // namespace GridDesk
