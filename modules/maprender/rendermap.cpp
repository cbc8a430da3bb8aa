// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "rendermap.h"

#include "logging.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace GridDesk {

namespace {

constexpr double DOT_SIZE = 2.0; // pixels: smaller grids are drawn as one dot
constexpr double VERTEX_SPACING = 0.5; // pixels: closer vertices are skipped
constexpr double LABEL_MIN_WIDTH = 24.0;
/// Visible cases above which each pixel is drawn once instead of a circle per case.
constexpr std::size_t DENSE_CASES = 50000;
constexpr int CANCEL_CHECK_INTERVAL = 512;

/// One render: the painter, the transform from scene coordinates to pixels and the scratch
/// buffers reused from grid to grid.
class MapPainter
{
public:
    MapPainter(const MapScene &scene, const MapViewport &viewport, const MapStyle &style,
        const std::function<bool()> &isCancelled, QImage &image)
        : m_scene(scene)
        , m_viewport(viewport)
        , m_style(style)
        , m_isCancelled(isCancelled)
        , m_painter(&image)
    {
        const QRectF world = viewport.mercatorExtent();
        m_scaleX = viewport.size.width() / world.width();
        m_scaleY = viewport.size.height() / world.height();
        m_offsetX = scene.origin().x() - world.left();
        m_offsetY = world.bottom() - scene.origin().y();
        m_painter.setRenderHint(QPainter::Antialiasing);
        m_painter.setRenderHint(QPainter::TextAntialiasing);
    }

    void paint();
    bool wasCancelled() const { return m_cancelled; }

private:
    bool cancelled();
    std::vector<std::vector<quint32>> visibleGridsByLevel() const;
    QRectF screenRect(const QRectF &mercator) const;
    QPointF screenPoint(float x, float y) const
    {
        return {(x + m_offsetX) * m_scaleX, (m_offsetY - y) * m_scaleY};
    }
    const QPolygonF &ringPolygon(quint32 ring);
    void drawGridLevel(GridLevel level, const std::vector<quint32> &grids);
    void drawFills(const GridLevelStyle &style, const std::vector<quint32> &grids);
    void drawOutlines(const std::vector<quint32> &grids);
    void drawSelectedGrid();
    void drawLabels(const std::vector<std::vector<quint32>> &gridsByLevel);
    bool placeLabel(quint32 index, const QFontMetricsF &metrics);
    bool insideGrid(quint32 index, const QRectF &label) const;
    void drawCases();
    void drawDenseCases(const std::vector<quint32> &visible);
    void drawSelectedCase();

    const MapScene &m_scene;
    const MapViewport &m_viewport;
    const MapStyle &m_style;
    const std::function<bool()> &m_isCancelled;
    QPainter m_painter;
    double m_scaleX = 1.0;
    double m_scaleY = 1.0;
    double m_offsetX = 0.0;
    double m_offsetY = 0.0;
    int m_sinceCheck = 0;
    bool m_cancelled = false;
    QPolygonF m_polygon;
    std::vector<QRectF> m_labels;
};

bool MapPainter::cancelled()
{
    // Asks on the first call and then every CANCEL_CHECK_INTERVAL calls.
    if (m_cancelled || m_sinceCheck++ % CANCEL_CHECK_INTERVAL != 0)
        return m_cancelled;
    m_cancelled = m_isCancelled && m_isCancelled();
    return m_cancelled;
}

QRectF MapPainter::screenRect(const QRectF &mercator) const
{
    const QPointF topLeft = m_viewport.mercatorToPixel({mercator.left(), mercator.bottom()});
    const QPointF bottomRight = m_viewport.mercatorToPixel({mercator.right(), mercator.top()});
    return QRectF(topLeft, bottomRight);
}

std::vector<std::vector<quint32>> MapPainter::visibleGridsByLevel() const
{
    // A little beyond the image, so thick outlines just outside still show their edge.
    const double margin = 4 * m_viewport.mercatorPerPixel();
    const QRectF world = m_viewport.mercatorExtent().adjusted(-margin, -margin, margin, margin);
    std::vector<std::vector<quint32>> byLevel(std::size_t(GridLevel::Count));
    for (const quint32 index : m_scene.gridsIn(world))
        byLevel[std::size_t(m_scene.grids()[index].level)].push_back(index);
    for (auto &indexes : byLevel)
        std::sort(indexes.begin(), indexes.end());
    return byLevel;
}

const QPolygonF &MapPainter::ringPolygon(quint32 ring)
{
    m_polygon.clear();
    const std::span<const float> xy = m_scene.ringCoordinates(ring);
    const std::size_t count = xy.size() / 2;
    for (std::size_t i = 0; i < count; ++i) {
        const QPointF point = screenPoint(xy[2 * i], xy[2 * i + 1]);
        const bool isLast = i + 1 == count;
        if (!m_polygon.isEmpty() && !isLast) {
            const QPointF step = point - m_polygon.constLast();
            if (std::abs(step.x()) + std::abs(step.y()) < VERTEX_SPACING)
                continue;
        }
        m_polygon.append(point);
    }
    return m_polygon;
}

void MapPainter::drawFills(const GridLevelStyle &style, const std::vector<quint32> &grids)
{
    m_painter.setPen(Qt::NoPen);
    m_painter.setBrush(style.fill);
    for (const quint32 index : grids) {
        if (cancelled())
            return;
        const MapScene::GridShape &grid = m_scene.grids()[index];
        const QRectF screen = screenRect(grid.bounds);
        if (screen.width() < DOT_SIZE && screen.height() < DOT_SIZE)
            continue;

        QPainterPath path;
        path.setFillRule(Qt::OddEvenFill);
        for (quint32 ring = grid.firstRing; ring < grid.firstRing + grid.ringCount; ++ring)
            path.addPolygon(ringPolygon(ring));
        m_painter.drawPath(path);
    }
}

void MapPainter::drawOutlines(const std::vector<quint32> &grids)
{
    for (const quint32 index : grids) {
        if (cancelled())
            return;
        const MapScene::GridShape &grid = m_scene.grids()[index];
        const QRectF screen = screenRect(grid.bounds);
        if (screen.width() < DOT_SIZE && screen.height() < DOT_SIZE) {
            m_painter.drawPoint(screen.center());
            continue;
        }
        for (quint32 ring = grid.firstRing; ring < grid.firstRing + grid.ringCount; ++ring) {
            const QPolygonF &polygon = ringPolygon(ring);
            // An islet that collapsed to under a pixel still shows as a dot.
            if (polygon.size() < 3 && !polygon.isEmpty())
                m_painter.drawPoint(polygon.first());
            else
                m_painter.drawPolygon(polygon);
        }
    }
}

void MapPainter::drawGridLevel(GridLevel level, const std::vector<quint32> &grids)
{
    const GridLevelStyle &style = m_style.level(level);
    if (style.fill.alpha() > 0)
        drawFills(style, grids);

    QPen pen(style.stroke, style.strokeWidth, style.penStyle);
    pen.setJoinStyle(Qt::RoundJoin);
    m_painter.setPen(pen);
    m_painter.setBrush(Qt::NoBrush);
    drawOutlines(grids);
}

void MapPainter::drawSelectedGrid()
{
    const auto index = m_scene.gridIndex(m_style.selectedGridCode);
    if (m_style.selectedGridCode.isEmpty() || !index)
        return;

    QPen pen(m_style.highlight, m_style.highlightWidth);
    pen.setJoinStyle(Qt::RoundJoin);
    m_painter.setPen(pen);
    QColor tint = m_style.highlight;
    tint.setAlpha(40);
    m_painter.setBrush(tint);
    const MapScene::GridShape &grid = m_scene.grids()[*index];
    QPainterPath path;
    path.setFillRule(Qt::OddEvenFill);
    for (quint32 ring = grid.firstRing; ring < grid.firstRing + grid.ringCount; ++ring)
        path.addPolygon(ringPolygon(ring));
    m_painter.drawPath(path);
}

bool MapPainter::insideGrid(quint32 index, const QRectF &label) const
{
    // The corners and the centre: enough to keep a label off its own grid's boundary.
    for (const QPointF &pixel : {label.center(), label.topLeft(), label.topRight(),
             label.bottomLeft(), label.bottomRight()}) {
        const QPointF mercator = WebMercator::fromLonLat(m_viewport.toLonLat(pixel));
        if (!m_scene.gridContains(index, mercator))
            return false;
    }
    return true;
}

bool MapPainter::placeLabel(quint32 index, const QFontMetricsF &metrics)
{
    const MapScene::GridShape &grid = m_scene.grids()[index];
    const QRectF screen = screenRect(grid.bounds);
    if (screen.width() < LABEL_MIN_WIDTH)
        return false;

    const QString text = grid.name.isEmpty() ? grid.code : grid.name;
    QRectF label(QPointF(), metrics.size(Qt::TextSingleLine, text));
    label.moveCenter(m_viewport.mercatorToPixel(grid.labelAnchor));
    const bool fits = screen.adjusted(2, 2, -2, -2).contains(label);
    const auto collides = [&label](const QRectF &placed) {
        return placed.intersects(label);
    };
    if (!fits || std::any_of(m_labels.begin(), m_labels.end(), collides))
        return false;
    if (!insideGrid(index, label.adjusted(-2, -2, 2, 2)))
        return false;

    m_labels.push_back(label.adjusted(-2, -1, 2, 1));
    QPainterPath path;
    path.addText(label.left(), label.top() + metrics.ascent(), m_style.labelFont, text);
    m_painter.strokePath(
        path, QPen(m_style.labelHalo, 3.0, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    m_painter.fillPath(path, m_style.label);
    return true;
}

void MapPainter::drawLabels(const std::vector<std::vector<quint32>> &gridsByLevel)
{
    const QFontMetricsF metrics(m_style.labelFont);
    // Outer levels first: a district's name wins over the names of the grids inside it.
    for (int level = 0; level < int(GridLevel::Count); ++level) {
        if (!m_style.level(GridLevel(level)).labelled)
            continue;
        for (const quint32 index : gridsByLevel[std::size_t(level)]) {
            if (cancelled())
                return;
            placeLabel(index, metrics);
        }
    }
}

void MapPainter::drawCases()
{
    const double margin = (m_style.caseRadius + 1) * m_viewport.mercatorPerPixel();
    const QRectF world = m_viewport.mercatorExtent().adjusted(-margin, -margin, margin, margin);
    std::vector<quint32> visible = m_scene.casesIn(world);
    if (visible.size() > DENSE_CASES)
        return drawDenseCases(visible);
    // Closed cases first so that open work is drawn on top of it.
    const auto &cases = m_scene.cases();
    std::stable_sort(visible.begin(), visible.end(),
        [&cases](quint32 a, quint32 b) { return cases[a].closed > cases[b].closed; });

    const double radius = m_style.caseRadius;
    m_painter.setPen(QPen(m_style.caseOutline, 1.0));
    for (const quint32 index : visible) {
        if (cancelled())
            return;
        const MapScene::CasePoint &point = cases[index];
        m_painter.setBrush(point.closed ? m_style.closedCase : m_style.openCase);
        m_painter.drawEllipse(m_viewport.mercatorToPixel(point.position), radius, radius);
    }
}

void MapPainter::drawDenseCases(const std::vector<quint32> &visible)
{
    // Hundreds of thousands of dots on one screen would take seconds as circles and show
    // nothing more: each pixel is drawn once, as a small square, open work over closed.
    const QSize size = m_viewport.size;
    std::vector<quint8> marks(std::size_t(size.width()) * std::size_t(size.height()), 0);
    constexpr quint8 CLOSED = 1;
    constexpr quint8 OPEN = 2;
    const auto &cases = m_scene.cases();
    for (const quint32 index : visible) {
        const QPoint pixel = m_viewport.mercatorToPixel(cases[index].position).toPoint();
        if (pixel.x() < 0 || pixel.y() < 0 || pixel.x() >= size.width()
            || pixel.y() >= size.height())
            continue;
        marks[std::size_t(pixel.y()) * std::size_t(size.width()) + std::size_t(pixel.x())] |=
            cases[index].closed ? CLOSED : OPEN;
    }
    m_painter.setPen(Qt::NoPen);
    const int side = std::max(2, int(m_style.caseRadius));
    for (const quint8 kind : {CLOSED, OPEN}) {
        if (cancelled())
            return;
        const QColor colour = kind == OPEN ? m_style.openCase : m_style.closedCase;
        for (int y = 0; y < size.height(); ++y) {
            for (int x = 0; x < size.width(); ++x) {
                if (marks[std::size_t(y) * std::size_t(size.width()) + std::size_t(x)] & kind)
                    m_painter.fillRect(x - side / 2, y - side / 2, side, side, colour);
            }
        }
    }
}

void MapPainter::drawSelectedCase()
{
    if (!m_style.selectedCaseId)
        return;
    const auto index = m_scene.caseIndex(*m_style.selectedCaseId);
    if (!index)
        return;

    const QPointF centre = m_viewport.mercatorToPixel(m_scene.cases()[*index].position);
    const double radius = m_style.caseRadius + 4;
    m_painter.setBrush(Qt::NoBrush);
    m_painter.setPen(QPen(m_style.highlight, m_style.highlightWidth));
    m_painter.drawEllipse(centre, radius, radius);
}

void MapPainter::paint()
{
    const auto gridsByLevel = visibleGridsByLevel();
    for (const GridLevel level : gridDrawingOrder())
        drawGridLevel(level, gridsByLevel[std::size_t(level)]);
    drawSelectedGrid();

    // Names go over the case points so that a dense district keeps its name readable.
    drawCases();
    if (m_cancelled)
        return;
    drawLabels(gridsByLevel);
    drawSelectedCase();
}

} // namespace

QImage renderMap(const MapScene &scene, const MapViewport &viewport, const MapStyle &style)
{
    return renderMap(scene, viewport, style, {});
}

QImage renderMap(const MapScene &scene, const MapViewport &viewport, const MapStyle &style,
    const std::function<bool()> &isCancelled)
{
    if (!viewport.isValid())
        return {};

    QImage image(viewport.size, QImage::Format_ARGB32_Premultiplied);
    image.fill(style.background);
    bool cancelled = false;
    {
        MapPainter painter(scene, viewport, style, isCancelled, image);
        painter.paint();
        cancelled = painter.wasCancelled();
    }
    if (cancelled) {
        qCDebug(lcMapRender) << "render of" << viewport.size << "cancelled";
        return {};
    }
    return image;
}

} // namespace GridDesk
