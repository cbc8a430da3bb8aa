// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "indicatormap.h"

#include "gis/wkb.h"
#include "maprender/mapscene.h"
#include "mapview/mapcanvas.h"
#include "storage/workspace.h"

#include <QComboBox>
#include <QFontMetricsF>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QVBoxLayout>

namespace GridDesk {

namespace {

/// Pale yellow to dark red: more of the indicator, darker.
const QList<QColor> &classColours()
{
    static const QList<QColor> colours {QColor(255, 255, 178), QColor(254, 204, 92),
        QColor(253, 141, 60), QColor(240, 59, 32), QColor(189, 0, 38)};
    return colours;
}

QPainterPath pathOf(const QList<QPolygonF> &rings, const MapViewport &viewport)
{
    QPainterPath path;
    path.setFillRule(Qt::OddEvenFill);
    for (const QPolygonF &ring : rings) {
        QPolygonF pixels;
        pixels.reserve(ring.size());
        for (const QPointF &point : ring)
            pixels << viewport.toPixel({point.x(), point.y()});
        path.addPolygon(pixels);
        path.closeSubpath();
    }
    return path;
}

/// The number a grid shows for indicator: the rate or mean when it has one, else the count.
std::optional<double> mapped(Indicator indicator, const IndicatorValue &value)
{
    if (hasDenominator(indicator))
        return value.value;
    return double(value.numerator);
}

} // namespace

void ChoroplethOverlay::setGrids(const QList<Grid> &grids)
{
    m_rings.clear();
    for (const Grid &grid : grids) {
        QList<QPolygonF> rings;
        auto walked = Wkb::forEachRing(grid.wkb, [&rings](const Wkb::RingRef &ring) {
            QPolygonF polygon;
            for (const GeoPoint &point : ring.points)
                polygon << QPointF(point.lon, point.lat);
            rings << polygon;
        });
        if (walked)
            m_rings.insert(grid.code, rings);
    }
}

void ChoroplethOverlay::setValues(
    const QString &title, bool rate, const QHash<QString, double> &values)
{
    m_title = title;
    m_rate = rate;
    m_values = values;
    m_legend.clear();
    if (values.isEmpty())
        return;
    const auto [low, high] = std::minmax_element(values.cbegin(), values.cend());
    const double width = (*high - *low) / CLASS_COUNT;
    for (int i = 0; i < CLASS_COUNT; ++i) {
        m_legend << LegendClass {*low + i * width, *low + (i + 1) * width, classColours().at(i)};
        if (width <= 0.0)
            break;
    }
}

std::optional<QColor> ChoroplethOverlay::colourOf(const QString &code) const
{
    const auto found = m_values.constFind(code);
    if (found == m_values.cend() || m_legend.isEmpty())
        return std::nullopt;
    for (const LegendClass &entry : m_legend) {
        if (*found <= entry.upper)
            return entry.colour;
    }
    return m_legend.constLast().colour;
}

QString ChoroplethOverlay::valueText(double value) const
{
    return m_rate ? QStringLiteral("%1%").arg(value * 100.0, 0, 'f', 1)
                  : QString::number(value, 'f', value == std::floor(value) ? 0 : 2);
}

void ChoroplethOverlay::paint(QPainter &painter, const MapViewport &viewport)
{
    painter.setPen(QPen(QColor(90, 90, 90), 1));
    for (auto it = m_rings.cbegin(); it != m_rings.cend(); ++it) {
        const std::optional<QColor> colour = colourOf(it.key());
        if (!colour)
            continue;
        QColor fill = *colour;
        fill.setAlpha(215);
        painter.setBrush(fill);
        painter.drawPath(pathOf(it.value(), viewport));
    }
    paintLegend(painter, viewport);
}

void ChoroplethOverlay::paintLegend(QPainter &painter, const MapViewport &viewport) const
{
    if (m_legend.isEmpty())
        return;
    const QFontMetricsF metrics(painter.font());
    const double line = metrics.height() + 4;
    QStringList texts {m_title};
    for (const LegendClass &entry : m_legend)
        texts << tr("%1 to %2").arg(valueText(entry.lower), valueText(entry.upper));
    texts << tr("no value");
    double width = 0.0;
    for (const QString &text : std::as_const(texts))
        width = std::max(width, metrics.horizontalAdvance(text));
    const QRectF box(viewport.size.width() - width - 44, 10, width + 34, line * texts.size() + 8);

    painter.setPen(QPen(QColor(120, 120, 120), 1));
    painter.setBrush(QColor(255, 255, 255, 235));
    painter.drawRoundedRect(box, 4, 4);
    painter.setPen(QColor(30, 30, 30));
    painter.drawText(QPointF(box.left() + 8, box.top() + 4 + metrics.ascent()), m_title);
    for (int i = 1; i < texts.size(); ++i) {
        const double top = box.top() + 4 + i * line;
        const QRectF swatch(box.left() + 8, top + 2, 16, line - 6);
        painter.setPen(QPen(QColor(90, 90, 90), 1));
        painter.setBrush(
            i <= m_legend.size() ? m_legend.at(i - 1).colour : QColor(Qt::transparent));
        painter.drawRect(swatch);
        painter.setPen(QColor(30, 30, 30));
        painter.drawText(QPointF(swatch.right() + 6, top + metrics.ascent()), texts.at(i));
    }
}

QString ChoroplethOverlay::toolTipAt(const QPointF &pixel, const MapViewport &viewport) const
{
    for (auto it = m_values.cbegin(); it != m_values.cend(); ++it) {
        const auto rings = m_rings.constFind(it.key());
        if (rings != m_rings.cend() && pathOf(*rings, viewport).contains(pixel)) {
            //: %1 an indicator, %2 a grid code, %3 its value
            return tr("%1 in grid %2: %3").arg(m_title, it.key(), valueText(it.value()));
        }
    }
    return {};
}

IndicatorMap::IndicatorMap(QWidget *parent)
    : QWidget(parent)
    , m_indicators(new QComboBox(this))
    , m_canvas(new MapCanvas(this))
{
    setObjectName(QStringLiteral("indicatorMap"));
    for (Indicator indicator : allIndicators())
        m_indicators->addItem(indicatorName(indicator), int(indicator));
    m_indicators->setToolTip(tr("The indicator the grids are coloured by"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_indicators);
    layout->addWidget(m_canvas, 1);
    m_canvas->addOverlay(&m_overlay);
    m_canvas->setToolTip(tr("Click a grid to open the cases behind its number in the queue"));

    connect(m_indicators, &QComboBox::currentIndexChanged, this, &IndicatorMap::showIndicator);
    connect(m_canvas, &MapCanvas::gridSelected, this, &IndicatorMap::requestGrid);
}

IndicatorMap::~IndicatorMap()
{
    m_canvas->removeOverlay(&m_overlay);
}

Result<void> IndicatorMap::setWorkspace(Workspace &workspace)
{
    auto grids = workspace.grids();
    if (!grids)
        return std::unexpected(grids.error());
    auto scene = MapScene::create(*grids, {});
    if (!scene)
        return std::unexpected(scene.error());
    m_overlay.setGrids(*grids);
    m_canvas->setScene(*scene);
    m_fitted = isVisible();
    return {};
}

void IndicatorMap::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // A map given its grids while hidden fitted them into the size it had then.
    if (!std::exchange(m_fitted, true) && m_canvas->scene())
        m_canvas->zoomToFullExtent();
}

Indicator IndicatorMap::indicator() const
{
    return Indicator(m_indicators->currentData().toInt());
}

void IndicatorMap::setIndicator(Indicator indicator)
{
    m_indicators->setCurrentIndex(m_indicators->findData(int(indicator)));
}

void IndicatorMap::setReport(const EvaluationReport &report)
{
    m_report = report;
    showIndicator();
}

void IndicatorMap::showIndicator()
{
    if (!m_report)
        return;
    const Indicator shown = indicator();
    QHash<QString, double> values;
    for (const EvaluationGroup &group : std::as_const(m_report->groups)) {
        const std::optional<double> value = mapped(shown, group.value(shown));
        if (value && !group.key().isEmpty())
            values.insert(group.key(), *value);
    }
    m_overlay.setValues(indicatorName(shown), isRate(shown), values);
    m_canvas->update();
}

void IndicatorMap::requestGrid(const QString &code)
{
    if (!m_report || code.isEmpty())
        return;
    const Indicator shown = indicator();
    for (const EvaluationGroup &group : std::as_const(m_report->groups)) {
        if (group.key() != code)
            continue;
        //: %1 is an indicator, %2 a grid code
        Q_EMIT casesRequested(
            group.value(shown).cases, tr("%1, grid %2").arg(indicatorName(shown), code));
        return;
    }
}

} // namespace GridDesk
