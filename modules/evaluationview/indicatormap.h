// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"
#include "domain/grid.h"
#include "evaluation/evaluationreport.h"
#include "mapview/mapoverlay.h"

#include <QColor>
#include <QCoreApplication>
#include <QHash>
#include <QPolygonF>
#include <QWidget>

#include <memory>
#include <optional>

QT_BEGIN_NAMESPACE
class QComboBox;
QT_END_NAMESPACE

namespace GridDesk {

class MapCanvas;
class Workspace;

/// One class of a choropleth's legend: the values from lower to upper and their colour.
struct LegendClass
{
    double lower = 0.0;
    double upper = 0.0;
    QColor colour;
};

/// Grids filled by the value one indicator takes in each, in five classes of equal width from
/// the smallest value to the largest (pale to dark), with a legend in the corner; grids
/// without a value (no cases, or none the indicator is taken over) are left unfilled.
class ChoroplethOverlay : public MapOverlay
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::ChoroplethOverlay)

public:
    static constexpr int CLASS_COUNT = 5;

    /// The boundaries to fill, by grid code (WKB, WGS84).
    void setGrids(const QList<Grid> &grids);
    /// The values to show, by grid code, and how to name them in the legend.
    void setValues(const QString &title, bool rate, const QHash<QString, double> &values);

    QList<LegendClass> legend() const { return m_legend; }
    /// The colour grid code is filled with; empty when it has no value.
    std::optional<QColor> colourOf(const QString &code) const;

    void paint(QPainter &painter, const MapViewport &viewport) override;
    QString toolTipAt(const QPointF &pixel, const MapViewport &viewport) const override;

private:
    QString valueText(double value) const;
    void paintLegend(QPainter &painter, const MapViewport &viewport) const;

    QHash<QString, QList<QPolygonF>> m_rings; ///< lon/lat rings by grid code
    QHash<QString, double> m_values;
    QList<LegendClass> m_legend;
    QString m_title;
    bool m_rate = false;
};

/// The dashboard's map: the grids of the workspace coloured by the indicator chosen above it,
/// from a report grouped by grid. Clicking a grid asks for the cases behind its number.
class IndicatorMap : public QWidget
{
    Q_OBJECT

public:
    explicit IndicatorMap(QWidget *parent = nullptr);
    ~IndicatorMap() override;

    /// Reads the grids of workspace to draw. Fails when they cannot be read.
    Result<void> setWorkspace(Workspace &workspace);
    /// Shows report, which must be grouped by grid.
    void setReport(const EvaluationReport &report);

    Indicator indicator() const;
    void setIndicator(Indicator indicator);
    MapCanvas *canvas() const { return m_canvas; }
    const ChoroplethOverlay &overlay() const { return m_overlay; }

Q_SIGNALS:
    /// The cases behind a grid's number were asked for; label says which number.
    void casesRequested(const QList<qint64> &ids, const QString &label);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void showIndicator();
    void requestGrid(const QString &code);

    QComboBox *m_indicators;
    MapCanvas *m_canvas;
    ChoroplethOverlay m_overlay;
    std::optional<EvaluationReport> m_report;
    bool m_fitted = false; ///< the whole city was fitted into the map once it had its size
};

} // namespace GridDesk
