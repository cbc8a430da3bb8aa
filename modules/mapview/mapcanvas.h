// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "mapoverlay.h"
#include "maptool.h"

#include "maprender/mapscene.h"
#include "maprender/mapstyle.h"
#include "maprender/mapviewport.h"

#include <QImage>
#include <QWidget>

#include <memory>
#include <optional>

namespace GridDesk {

class MapRenderer;

/// The map of the workstation: shows the image the renderer made last, re-rendering off the
/// GUI thread whenever the view changes. Drag pans, the wheel zooms around the cursor, the
/// keyboard zooms (+/-), pans (arrows) and returns to the whole city (Home). A click selects
/// the case under the cursor, or else the innermost grid there. A MapTool set on the canvas
/// gets every event first and draws over the map.
class MapCanvas : public QWidget
{
    Q_OBJECT

public:
    explicit MapCanvas(QWidget *parent = nullptr);
    ~MapCanvas() override;

    /// Shows scene from its whole extent, with nothing selected.
    void setScene(std::shared_ptr<const MapScene> scene);
    /// Shows scene in place of the one shown (a new state of the same map), keeping the view
    /// and the selection; the old image stays until the new one is rendered.
    void replaceScene(std::shared_ptr<const MapScene> scene);
    std::shared_ptr<const MapScene> scene() const { return m_scene; }

    MapViewport viewport() const { return m_viewport; }
    void setViewport(const MapViewport &viewport);
    /// The viewport of the image shown now; differs from viewport() while a render runs.
    MapViewport imageViewport() const { return m_imageViewport; }
    QImage image() const { return m_image; }
    bool isRendering() const;

    /// The tool that gets mouse and key events first and paints over the map; none by
    /// default. Not owned; unset it before it goes.
    void setTool(MapTool *tool);
    MapTool *tool() const { return m_tool; }

    /// Adds an overlay drawn over the map (not owned; remove it before it goes) and repaints.
    /// Call update() when an overlay changes.
    void addOverlay(MapOverlay *overlay);
    void removeOverlay(MapOverlay *overlay);

    /// Draws the map with style's colours and sizes from now on, keeping the selection.
    void setMapStyle(const MapStyle &style);
    const MapStyle &mapStyle() const { return m_style; }

    QString selectedGridCode() const { return m_style.selectedGridCode; }
    std::optional<qint64> selectedCaseId() const { return m_style.selectedCaseId; }

    QSize sizeHint() const override { return {800, 600}; }

public Q_SLOTS:
    void zoomToFullExtent();
    /// Fits a WGS84 box into view; a box of no size is shown at street level around it.
    void zoomToExtent(const GridDesk::BoundingBox &extent);
    /// Fits the grid into view and selects it; false when the scene has no such grid.
    bool zoomToGrid(const QString &code);
    /// Centres the case (zooming in to street level if needed) and selects it; false when the
    /// case has no location on the map.
    bool zoomToCase(qint64 id);
    void setSelectedGrid(const QString &code);
    void setSelectedCase(std::optional<qint64> id);
    /// What a click at pixel does: selects and reports a case near it, else the grid there.
    void selectAt(const QPointF &pixel);

Q_SIGNALS:
    void gridSelected(const QString &code);
    void caseSelected(qint64 id);
    void viewportChanged(const GridDesk::MapViewport &viewport);
    /// A new image is shown.
    void imageChanged();

protected:
    bool event(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    void requestRender();
    void onRenderFinished(const QImage &image, const MapViewport &viewport);
    void paintScaleBar(QPainter &painter) const;
    void paintCoordinates(QPainter &painter) const;
    void zoomBy(double factor, const QPointF &anchor);
    MapMouseEvent mapEvent(const QMouseEvent *event) const;

    MapRenderer *m_renderer;
    MapTool *m_tool = nullptr;
    QList<MapOverlay *> m_overlays;
    std::shared_ptr<const MapScene> m_scene;
    MapViewport m_viewport;
    MapStyle m_style;
    QImage m_image;
    MapViewport m_imageViewport;
    QPointF m_pressPosition;
    QPointF m_lastPosition;
    std::optional<QPointF> m_cursor;
    bool m_pressed = false;
    bool m_dragging = false;
    bool m_toolPressed = false; ///< the tool took the press and owns the drag
};

} // namespace GridDesk
