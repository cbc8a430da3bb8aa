// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "gridedittool.h"

#include "gridchanges.h"
#include "grideditsession.h"

#include "mapview/mapcanvas.h"

#include <QKeyEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace GridDesk {

namespace {

const QColor SELECTION_COLOR(0, 102, 204);
const QColor SNAP_COLOR(214, 0, 110);
const QColor DRAWING_COLOR(230, 110, 0);
const QColor HIGHLIGHT_COLOR(220, 30, 30);
constexpr qsizetype MAX_VERTICES_DRAWN = 20000; // beyond this only outlines are drawn
constexpr double VERTEX_SIZE = 6.0;
constexpr double MIN_DRAG_PIXELS = 1.0;

bool samePoint(const GeoPoint &a, const GeoPoint &b, double tolerance)
{
    return std::abs(a.lon - b.lon) <= tolerance && std::abs(a.lat - b.lat) <= tolerance;
}

} // namespace

GridEditTool::GridEditTool(GridEditSession *session, MapCanvas *canvas, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_canvas(canvas)
{
    connect(m_session, &GridEditSession::selectionChanged, m_canvas, qOverload<>(&QWidget::update));
    connect(m_session, &GridEditSession::gridsChanged, m_canvas, qOverload<>(&QWidget::update));
}

void GridEditTool::setMode(Mode mode)
{
    if (mode == m_mode)
        return;
    cancelDrawing();
    m_dragFrom.reset();
    m_mode = mode;
    m_snap.reset();
    m_canvas->update();
    Q_EMIT modeChanged(mode);
}

bool GridEditTool::isLineMode() const
{
    return m_mode == Mode::Reshape || m_mode == Mode::Split || m_mode == Mode::DrawGrid;
}

double GridEditTool::toleranceAt(const QPointF &pixel) const
{
    const MapViewport viewport = m_canvas->viewport();
    const GeoPoint here = viewport.toLonLat(pixel);
    const GeoPoint across = viewport.toLonLat(pixel + QPointF(SNAP_PIXELS, SNAP_PIXELS));
    return std::max(std::abs(across.lon - here.lon), std::abs(across.lat - here.lat));
}

void GridEditTool::setHighlight(const QByteArray &wkb)
{
    m_highlight = wkb;
    m_canvas->update();
}

void GridEditTool::setUndrawn(const QStringList &codes)
{
    m_undrawn = codes;
    m_canvas->update();
}

std::optional<GridEdits::Snap> GridEditTool::snapAt(const MapMouseEvent &event) const
{
    const double tolerance = toleranceAt(event.pixel);
    const BoundingBox reach {event.point.lon - tolerance, event.point.lat - tolerance,
        event.point.lon + tolerance, event.point.lat + tolerance};
    const QList<Grid> near = m_session->gridsIn(reach);
    if (near.isEmpty())
        return std::nullopt;
    return GridEdits::snap(near, event.point, tolerance);
}

GeoPoint GridEditTool::snappedPoint(const MapMouseEvent &event) const
{
    const auto snap = snapAt(event);
    return snap ? snap->point : event.point;
}

void GridEditTool::selectAt(const MapMouseEvent &event)
{
    const auto code = m_session->gridAt(event.point);
    if (event.modifiers & Qt::ShiftModifier) {
        if (code)
            m_session->toggleSelected(*code);
        return;
    }
    m_session->setSelection(code ? QStringList {*code} : QStringList());
}

void GridEditTool::takeChange(const Result<GridChange> &change)
{
    if (!change) {
        Q_EMIT message(change.error().message);
        return;
    }
    if (m_session->edit(*change))
        Q_EMIT message(change->description);
}

bool GridEditTool::mousePressed(const MapMouseEvent &event)
{
    if (m_mode != Mode::MoveVertex || event.button != Qt::LeftButton)
        return false;
    const auto snap = snapAt(event);
    if (!snap || snap->kind != GridEdits::Snap::Kind::Vertex)
        return false;

    m_dragFrom = snap->point;
    m_dragTo = snap->point;
    collectDragNeighbours(snap->point);
    return true;
}

void GridEditTool::collectDragNeighbours(const GeoPoint &vertex)
{
    m_dragNeighbours.clear();
    const double reach = GridChanges::SHARED_VERTEX_TOLERANCE;
    const BoundingBox box {
        vertex.lon - reach, vertex.lat - reach, vertex.lon + reach, vertex.lat + reach};
    for (const Grid &grid : m_session->gridsIn(box)) {
        for (const QList<GeoPoint> &ring : m_session->outline(grid.code).rings) {
            // Rings are closed: the last point repeats the first.
            const qsizetype count = ring.size() - 1;
            for (qsizetype i = 0; i < count; ++i) {
                if (!samePoint(ring[i], vertex, reach))
                    continue;
                m_dragNeighbours.append(ring[(i + count - 1) % count]);
                m_dragNeighbours.append(ring[(i + 1) % count]);
            }
        }
    }
}

bool GridEditTool::mouseMoved(const MapMouseEvent &event)
{
    m_cursor = event.pixel;
    if (m_dragFrom) {
        // The vertex being moved must not snap to itself.
        const auto snap = snapAt(event);
        const double reach = GridChanges::SHARED_VERTEX_TOLERANCE;
        const bool toItself = snap && samePoint(snap->point, *m_dragFrom, reach);
        m_snap = toItself ? std::nullopt : snap;
        m_dragTo = m_snap ? m_snap->point : event.point;
        return true;
    }
    const bool snaps = m_mode != Mode::Select;
    m_snap = snaps && event.buttons == Qt::NoButton ? snapAt(event) : std::nullopt;
    return false;
}

bool GridEditTool::mouseReleased(const MapMouseEvent &event)
{
    if (!m_dragFrom)
        return false;
    mouseMoved(event);
    const GeoPoint from = *m_dragFrom;
    m_dragFrom.reset();
    m_dragNeighbours.clear();

    const MapViewport viewport = m_canvas->viewport();
    const double moved = QLineF(viewport.toPixel(from), viewport.toPixel(m_dragTo)).length();
    if (moved < MIN_DRAG_PIXELS)
        return true;
    takeChange(GridChanges::moveVertex(*m_session, from, m_dragTo));
    return true;
}

bool GridEditTool::clicked(const MapMouseEvent &event)
{
    if (event.button != Qt::LeftButton)
        return false;
    if (isLineMode()) {
        m_points.append(snappedPoint(event));
        return true;
    }

    const auto snap = snapAt(event);
    const bool onVertex = snap && snap->kind == GridEdits::Snap::Kind::Vertex;
    if (m_mode == Mode::AddVertex && snap && !onVertex)
        takeChange(GridChanges::insertVertex(*m_session, snap->point));
    else if (m_mode == Mode::DeleteVertex && onVertex)
        takeChange(GridChanges::deleteVertex(*m_session, snap->point));
    else
        selectAt(event);
    return true;
}

bool GridEditTool::mouseDoubleClicked(const MapMouseEvent &event)
{
    if (!isLineMode() || event.button != Qt::LeftButton)
        return false;
    finishDrawing();
    return true;
}

bool GridEditTool::keyPressed(QKeyEvent *event)
{
    if (m_dragFrom && event->key() == Qt::Key_Escape) {
        m_dragFrom.reset();
        m_dragNeighbours.clear();
        return true;
    }
    if (!isDrawing()) {
        if (event->key() != Qt::Key_Escape || m_session->selection().isEmpty())
            return false;
        m_session->setSelection({});
        return true;
    }
    switch (event->key()) {
    case Qt::Key_Backspace:
        m_points.removeLast();
        return true;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        finishDrawing();
        return true;
    case Qt::Key_Escape:
        cancelDrawing();
        return true;
    default:
        return false;
    }
}

void GridEditTool::cursorLeft()
{
    m_cursor.reset();
    m_snap.reset();
}

void GridEditTool::cancelDrawing()
{
    m_points.clear();
    m_canvas->update();
}

QString GridEditTool::gridToSplit() const
{
    const QStringList selected = m_session->selection();
    if (selected.size() == 1)
        return selected.first();
    // Otherwise the grid the middle of the line runs through.
    const qsizetype middle = (m_points.size() - 1) / 2;
    const GeoPoint &a = m_points[middle];
    const GeoPoint &b = m_points[middle + 1];
    return m_session->gridAt({(a.lon + b.lon) / 2, (a.lat + b.lat) / 2}).value_or(QString());
}

void GridEditTool::finishDrawing()
{
    const QList<GeoPoint> points = m_points;
    const bool isPolygon = m_mode == Mode::DrawGrid;
    if (points.size() < (isPolygon ? 3 : 2)) {
        Q_EMIT message(isPolygon ? tr("A grid needs at least three corners.")
                                 : tr("A line needs at least two points."));
        return;
    }
    m_points.clear();

    if (m_mode == Mode::DrawGrid)
        return takeChange(GridChanges::drawNew(*m_session, points, GridLevel::Base));
    if (m_mode == Mode::Split) {
        const QString code = gridToSplit();
        if (code.isEmpty())
            return Q_EMIT message(tr("Draw the line across a grid to split it."));
        return takeChange(GridChanges::split(*m_session, code, points));
    }
    const QStringList selected = m_session->selection();
    if (selected.size() != 1)
        return Q_EMIT message(tr("Select the one grid to reshape, then draw the new boundary."));
    const double tolerance = toleranceAt(m_canvas->viewport().toPixel(points.first()));
    takeChange(GridChanges::reshape(*m_session, selected.first(), points, tolerance));
}

void GridEditTool::paint(QPainter &painter, const MapViewport &viewport)
{
    painter.setRenderHint(QPainter::Antialiasing);
    if (!m_highlight.isEmpty()) {
        const QPainterPath area = GridOutline::fromWkb(m_highlight).path(viewport);
        painter.setPen(QPen(HIGHLIGHT_COLOR, 2, Qt::DashLine));
        painter.setBrush(QBrush(HIGHLIGHT_COLOR, Qt::BDiagPattern));
        painter.drawPath(area);
    }
    paintUndrawn(painter, viewport);
    paintSelection(painter, viewport);
    paintDrag(painter, viewport);
    paintDrawing(painter, viewport);
    paintSnap(painter);
}

void GridEditTool::paintUndrawn(QPainter &painter, const MapViewport &viewport) const
{
    painter.setPen(QPen(DRAWING_COLOR, 1.5));
    painter.setBrush(Qt::NoBrush);
    for (const QString &code : m_undrawn) {
        // A grid the edit deleted has no outline any more.
        const GridOutline outline = m_session->outline(code);
        if (!outline.isEmpty())
            painter.drawPath(outline.path(viewport));
    }
}

void GridEditTool::paintSelection(QPainter &painter, const MapViewport &viewport) const
{
    qsizetype vertices = 0;
    QList<GridOutline> outlines;
    for (const QString &code : m_session->selection()) {
        outlines.append(m_session->outline(code));
        vertices += outlines.last().vertexCount();
    }

    QColor fill = SELECTION_COLOR;
    fill.setAlpha(40);
    painter.setPen(QPen(SELECTION_COLOR, 2.5));
    painter.setBrush(fill);
    for (const GridOutline &outline : outlines)
        painter.drawPath(outline.path(viewport));
    if (vertices > MAX_VERTICES_DRAWN)
        return;

    painter.setPen(QPen(SELECTION_COLOR, 1.2));
    painter.setBrush(Qt::white);
    const QRectF square(-VERTEX_SIZE / 2, -VERTEX_SIZE / 2, VERTEX_SIZE, VERTEX_SIZE);
    for (const GridOutline &outline : outlines) {
        for (const QList<GeoPoint> &ring : outline.rings) {
            for (const GeoPoint &point : ring)
                painter.drawRect(square.translated(viewport.toPixel(point)));
        }
    }
}

void GridEditTool::paintDrag(QPainter &painter, const MapViewport &viewport) const
{
    if (!m_dragFrom)
        return;
    const QPointF target = viewport.toPixel(m_dragTo);
    painter.setPen(QPen(DRAWING_COLOR, 2, Qt::DashLine));
    for (const GeoPoint &neighbour : m_dragNeighbours)
        painter.drawLine(viewport.toPixel(neighbour), target);
    painter.setPen(QPen(DRAWING_COLOR, 1.5));
    painter.setBrush(Qt::white);
    painter.drawEllipse(target, VERTEX_SIZE / 2 + 1, VERTEX_SIZE / 2 + 1);
}

void GridEditTool::paintDrawing(QPainter &painter, const MapViewport &viewport) const
{
    if (m_points.isEmpty())
        return;
    QPolygonF line;
    for (const GeoPoint &point : m_points)
        line.append(viewport.toPixel(point));
    const QPointF next = m_snap ? viewport.toPixel(m_snap->point) : m_cursor.value_or(line.last());

    if (m_mode == Mode::DrawGrid) {
        QColor fill = DRAWING_COLOR;
        fill.setAlpha(50);
        painter.setPen(Qt::NoPen);
        painter.setBrush(fill);
        painter.drawPolygon(QPolygonF(line) << next);
    }
    painter.setPen(QPen(DRAWING_COLOR, 2.5));
    painter.setBrush(Qt::NoBrush);
    painter.drawPolyline(line);
    painter.setPen(QPen(DRAWING_COLOR, 1.5, Qt::DashLine));
    painter.drawLine(line.last(), next);
    if (m_mode == Mode::DrawGrid)
        painter.drawLine(next, line.first());

    painter.setPen(QPen(DRAWING_COLOR, 1.5));
    painter.setBrush(Qt::white);
    for (const QPointF &point : std::as_const(line))
        painter.drawEllipse(point, VERTEX_SIZE / 2, VERTEX_SIZE / 2);
}

void GridEditTool::paintSnap(QPainter &painter) const
{
    const bool showsTolerance = m_cursor && m_mode != Mode::Select;
    if (!showsTolerance)
        return;
    painter.setPen(QPen(QColor(60, 60, 60, 160), 1, Qt::DotLine));
    painter.setBrush(Qt::NoBrush);
    painter.drawEllipse(*m_cursor, SNAP_PIXELS, SNAP_PIXELS);
    if (!m_snap)
        return;

    const QPointF at = m_canvas->viewport().toPixel(m_snap->point);
    painter.setPen(QPen(SNAP_COLOR, 2));
    if (m_snap->kind == GridEdits::Snap::Kind::Vertex) {
        painter.setBrush(SNAP_COLOR);
        painter.drawRect(QRectF(at - QPointF(5, 5), QSizeF(10, 10)));
        return;
    }
    painter.setBrush(Qt::NoBrush);
    painter.drawEllipse(at, 6, 6);
    painter.drawLine(at - QPointF(4, 4), at + QPointF(4, 4));
    painter.drawLine(at - QPointF(4, -4), at + QPointF(4, -4));
}

} // namespace GridDesk
