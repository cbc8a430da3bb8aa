// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "mapcanvas.h"

#include "logging.h"

#include "maprender/maprenderer.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <QWheelEvent>

#include <cmath>

namespace GridDesk {

namespace {
constexpr double KEY_ZOOM_FACTOR = 1.5;
constexpr double WHEEL_ZOOM_FACTOR = 1.25;
constexpr double DRAG_THRESHOLD = 4.0; // pixels before a press becomes a drag
constexpr double CASE_PICK_TOLERANCE = 6.0; // pixels
constexpr double STREET_LEVEL = 3.0; // Mercator metres per pixel when showing a case
constexpr double FIT_MARGIN = 0.05;

/// A round length (1, 2 or 5 times a power of ten) no longer than metres.
double roundLength(double metres)
{
    const double power = std::pow(10.0, std::floor(std::log10(metres)));
    for (const double step : {5.0, 2.0, 1.0}) {
        if (step * power <= metres)
            return step * power;
    }
    return power;
}
} // namespace

MapCanvas::MapCanvas(QWidget *parent)
    : QWidget(parent)
    , m_renderer(new MapRenderer(this))
{
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMinimumSize(200, 150);
    setAccessibleName(tr("Map"));
    connect(m_renderer, &MapRenderer::renderFinished, this, &MapCanvas::onRenderFinished);
}

MapCanvas::~MapCanvas() = default;

void MapCanvas::setScene(std::shared_ptr<const MapScene> scene)
{
    m_scene = std::move(scene);
    m_renderer->setScene(m_scene);
    m_image = {};
    m_style.selectedGridCode.clear();
    m_style.selectedCaseId.reset();
    zoomToFullExtent();
}

void MapCanvas::replaceScene(std::shared_ptr<const MapScene> scene)
{
    if (!m_viewport.isValid())
        return setScene(std::move(scene));
    m_scene = std::move(scene);
    m_renderer->setScene(m_scene);
    requestRender();
}

void MapCanvas::setTool(MapTool *tool)
{
    m_tool = tool;
    m_toolPressed = false;
    update();
}

void MapCanvas::addOverlay(MapOverlay *overlay)
{
    if (!overlay || m_overlays.contains(overlay))
        return;
    m_overlays << overlay;
    update();
}

void MapCanvas::removeOverlay(MapOverlay *overlay)
{
    if (m_overlays.removeAll(overlay) > 0)
        update();
}

bool MapCanvas::event(QEvent *event)
{
    if (event->type() != QEvent::ToolTip)
        return QWidget::event(event);
    const auto *help = static_cast<QHelpEvent *>(event);
    for (auto it = m_overlays.crbegin(); it != m_overlays.crend(); ++it) {
        const QString text = (*it)->toolTipAt(help->pos(), m_viewport);
        if (!text.isEmpty()) {
            QToolTip::showText(help->globalPos(), text, this);
            return true;
        }
    }
    // Nothing drawn over the map here: the canvas's own tooltip, if it has one.
    return QWidget::event(event);
}

bool MapCanvas::isRendering() const
{
    return m_renderer->isBusy();
}

void MapCanvas::setViewport(const MapViewport &viewport)
{
    if (!viewport.isValid())
        return;
    m_viewport = viewport;
    requestRender();
    update();
    Q_EMIT viewportChanged(m_viewport);
}

void MapCanvas::requestRender()
{
    if (!m_scene || !m_viewport.isValid())
        return;
    m_renderer->requestRender(m_viewport, m_style);
}

void MapCanvas::onRenderFinished(const QImage &image, const MapViewport &viewport)
{
    m_image = image;
    m_imageViewport = viewport;
    update();
    Q_EMIT imageChanged();
}

void MapCanvas::zoomToFullExtent()
{
    if (!m_scene || m_scene->extent().isEmpty() || size().isEmpty())
        return;
    setViewport(MapViewport::fitted(m_scene->extent(), size(), FIT_MARGIN));
}

void MapCanvas::zoomToExtent(const BoundingBox &extent)
{
    if (extent.isEmpty() || size().isEmpty())
        return;
    const GeoPoint centre {(extent.west + extent.east) / 2, (extent.south + extent.north) / 2};
    const bool isPoint = extent.width() <= 0.0 || extent.height() <= 0.0;
    if (isPoint && m_viewport.isValid()) {
        MapViewport target = m_viewport.centredOn(centre);
        const double perPixel = target.mercatorPerPixel();
        if (perPixel > STREET_LEVEL) {
            const QPointF middle(target.size.width() / 2.0, target.size.height() / 2.0);
            target = target.zoomed(perPixel / STREET_LEVEL, middle);
        }
        return setViewport(target);
    }
    setViewport(MapViewport::fitted(extent, size(), FIT_MARGIN));
}

bool MapCanvas::zoomToGrid(const QString &code)
{
    const auto extent = m_scene ? m_scene->gridExtent(code) : std::nullopt;
    if (!extent)
        return false;
    m_style.selectedGridCode = code;
    setViewport(MapViewport::fitted(*extent, size(), FIT_MARGIN));
    return true;
}

bool MapCanvas::zoomToCase(qint64 id)
{
    const auto location = m_scene ? m_scene->caseLocation(id) : std::nullopt;
    if (!location || !m_viewport.isValid())
        return false;

    m_style.selectedCaseId = id;
    MapViewport target = m_viewport.centredOn(*location);
    const double perPixel = target.mercatorPerPixel();
    if (perPixel > STREET_LEVEL) {
        const QPointF centre(target.size.width() / 2.0, target.size.height() / 2.0);
        target = target.zoomed(perPixel / STREET_LEVEL, centre);
    }
    setViewport(target);
    return true;
}

void MapCanvas::setMapStyle(const MapStyle &style)
{
    const QString selectedGrid = m_style.selectedGridCode;
    const std::optional<qint64> selectedCase = m_style.selectedCaseId;
    m_style = style;
    m_style.selectedGridCode = selectedGrid;
    m_style.selectedCaseId = selectedCase;
    requestRender();
    update();
}

void MapCanvas::setSelectedGrid(const QString &code)
{
    if (m_style.selectedGridCode == code)
        return;
    m_style.selectedGridCode = code;
    requestRender();
}

void MapCanvas::setSelectedCase(std::optional<qint64> id)
{
    if (m_style.selectedCaseId == id)
        return;
    m_style.selectedCaseId = id;
    requestRender();
}

void MapCanvas::selectAt(const QPointF &pixel)
{
    if (!m_scene || !m_viewport.isValid())
        return;

    if (const auto found = m_scene->caseNear(pixel, m_viewport, CASE_PICK_TOLERANCE)) {
        setSelectedCase(*found);
        Q_EMIT caseSelected(*found);
        return;
    }

    const auto grid = m_scene->gridAt(m_viewport.toLonLat(pixel));
    setSelectedCase(std::nullopt);
    setSelectedGrid(grid.value_or(QString()));
    if (grid)
        Q_EMIT gridSelected(*grid);
}

void MapCanvas::zoomBy(double factor, const QPointF &anchor)
{
    if (!m_viewport.isValid())
        return;
    setViewport(m_viewport.zoomed(factor, anchor));
}

void MapCanvas::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), m_style.background);
    if (!m_scene) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter, tr("No workspace is open."));
        return;
    }

    if (!m_image.isNull() && m_imageViewport.isValid()) {
        // While a render runs, show the last image where its extent lies in the new view.
        const BoundingBox &shown = m_imageViewport.extent;
        const QPointF topLeft = m_viewport.toPixel({shown.west, shown.north});
        const QPointF bottomRight = m_viewport.toPixel({shown.east, shown.south});
        painter.setRenderHint(QPainter::SmoothPixmapTransform);
        painter.drawImage(QRectF(topLeft, bottomRight), m_image);
    }

    painter.setRenderHint(QPainter::Antialiasing);
    for (MapOverlay *overlay : std::as_const(m_overlays)) {
        painter.save();
        overlay->paint(painter, m_viewport);
        painter.restore();
    }
    if (m_tool) {
        painter.save();
        m_tool->paint(painter, m_viewport);
        painter.restore();
    }
    paintScaleBar(painter);
    paintCoordinates(painter);
}

void MapCanvas::paintScaleBar(QPainter &painter) const
{
    const double metresPerPixel = m_viewport.groundMetresPerPixel();
    if (metresPerPixel <= 0.0)
        return;

    const double metres = roundLength(metresPerPixel * 120);
    const double length = metres / metresPerPixel;
    const QString text = metres >= 1000 ? tr("%1 km").arg(metres / 1000) : tr("%1 m").arg(metres);
    const QPointF origin(12, height() - 14);

    painter.setPen(QPen(QColor(40, 40, 40), 2));
    painter.drawLine(origin, origin + QPointF(length, 0));
    painter.drawLine(origin, origin + QPointF(0, -6));
    painter.drawLine(origin + QPointF(length, 0), origin + QPointF(length, -6));
    painter.drawText(QRectF(origin.x() + 4, origin.y() - 20, length + 80, 16),
        Qt::AlignLeft | Qt::AlignVCenter, text);
}

void MapCanvas::paintCoordinates(QPainter &painter) const
{
    if (!m_cursor)
        return;
    const GeoPoint point = m_viewport.toLonLat(*m_cursor);
    //: Longitude and latitude of the mouse cursor, in degrees
    const QString text = tr("%1, %2").arg(point.lon, 0, 'f', 5).arg(point.lat, 0, 'f', 5);
    const QRectF box(width() - 190, height() - 24, 182, 18);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(255, 255, 255, 190));
    painter.drawRoundedRect(box, 3, 3);
    painter.setPen(QColor(40, 40, 40));
    painter.drawText(box, Qt::AlignCenter, text);
}

void MapCanvas::resizeEvent(QResizeEvent *)
{
    if (!m_scene)
        return;
    if (!m_viewport.isValid()) {
        zoomToFullExtent();
        return;
    }
    setViewport(m_viewport.resized(size()));
}

void MapCanvas::wheelEvent(QWheelEvent *event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0.0)
        return;
    zoomBy(std::pow(WHEEL_ZOOM_FACTOR, steps), event->position());
    event->accept();
}

MapMouseEvent MapCanvas::mapEvent(const QMouseEvent *event) const
{
    MapMouseEvent mapped;
    mapped.pixel = event->position();
    mapped.point = m_viewport.toLonLat(event->position());
    mapped.button = event->button();
    mapped.buttons = event->buttons();
    mapped.modifiers = event->modifiers();
    return mapped;
}

void MapCanvas::mousePressEvent(QMouseEvent *event)
{
    const bool toolTakes = m_tool && m_viewport.isValid() && m_tool->mousePressed(mapEvent(event));
    if (toolTakes) {
        m_toolPressed = true;
        m_pressed = false;
        update();
        return event->accept();
    }
    if (event->button() != Qt::LeftButton)
        return QWidget::mousePressEvent(event);
    m_pressed = true;
    m_dragging = false;
    m_pressPosition = event->position();
    m_lastPosition = event->position();
}

void MapCanvas::mouseMoveEvent(QMouseEvent *event)
{
    m_cursor = event->position();
    update();
    if (m_tool && m_viewport.isValid() && m_tool->mouseMoved(mapEvent(event)))
        return;
    if (!m_pressed)
        return;

    const QPointF travelled = event->position() - m_pressPosition;
    if (!m_dragging && travelled.manhattanLength() < DRAG_THRESHOLD)
        return;
    m_dragging = true;
    setCursor(Qt::ClosedHandCursor);
    setViewport(m_viewport.panned(event->position() - m_lastPosition));
    m_lastPosition = event->position();
}

void MapCanvas::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_toolPressed && m_tool) {
        m_toolPressed = false;
        m_tool->mouseReleased(mapEvent(event));
        update();
        return event->accept();
    }
    if (event->button() != Qt::LeftButton || !m_pressed)
        return QWidget::mouseReleaseEvent(event);
    m_pressed = false;
    unsetCursor();
    const bool wasClick = !m_dragging;
    m_dragging = false;
    if (!wasClick)
        return;
    if (m_tool && m_viewport.isValid() && m_tool->clicked(mapEvent(event))) {
        update();
        return;
    }
    selectAt(event->position());
}

void MapCanvas::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (m_tool && m_viewport.isValid() && m_tool->mouseDoubleClicked(mapEvent(event))) {
        update();
        return event->accept();
    }
    // The first click of the pair already selected the grid; the second brings it into view.
    if (event->button() != Qt::LeftButton || !m_scene)
        return QWidget::mouseDoubleClickEvent(event);
    const auto code = m_scene->gridAt(m_viewport.toLonLat(event->position()));
    if (code)
        zoomToGrid(*code);
}

void MapCanvas::keyPressEvent(QKeyEvent *event)
{
    if (m_tool && m_tool->keyPressed(event)) {
        update();
        return event->accept();
    }
    const QPointF centre(width() / 2.0, height() / 2.0);
    const double stepX = width() / 4.0;
    const double stepY = height() / 4.0;
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        return zoomBy(KEY_ZOOM_FACTOR, centre);
    case Qt::Key_Minus:
        return zoomBy(1.0 / KEY_ZOOM_FACTOR, centre);
    case Qt::Key_Left:
        return setViewport(m_viewport.panned({stepX, 0}));
    case Qt::Key_Right:
        return setViewport(m_viewport.panned({-stepX, 0}));
    case Qt::Key_Up:
        return setViewport(m_viewport.panned({0, stepY}));
    case Qt::Key_Down:
        return setViewport(m_viewport.panned({0, -stepY}));
    case Qt::Key_Home:
        return zoomToFullExtent();
    default:
        QWidget::keyPressEvent(event);
    }
}

void MapCanvas::leaveEvent(QEvent *)
{
    m_cursor.reset();
    if (m_tool)
        m_tool->cursorLeft();
    update();
}

} // namespace GridDesk
