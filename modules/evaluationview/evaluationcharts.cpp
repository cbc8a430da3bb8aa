// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "evaluationcharts.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QCoreApplication>
#include <QHorizontalBarSeries>
#include <QValueAxis>

#include <algorithm>

namespace GridDesk::EvaluationCharts {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::EvaluationView)
};

QString title(Period period)
{
    switch (period) {
    case Period::Day:
        return Tr::tr("Cases received and closed per day");
    case Period::Week:
        return Tr::tr("Cases received and closed per week");
    case Period::Quarter:
        return Tr::tr("Cases received and closed per quarter");
    case Period::Month:
    case Period::None:
    case Period::Count:
        break;
    }
    return Tr::tr("Cases received and closed per month");
}

} // namespace

QChart *trend(const EvaluationReport &trend, QList<QList<ChartBar>> &bars)
{
    auto *chart = new QChart;
    chart->setTitle(title(trend.filter.period));
    auto *series = new QBarSeries(chart);
    const QList<Indicator> shown {Indicator::Received, Indicator::Closed};
    QStringList periods;
    bars.clear();
    double highest = 0;
    for (Indicator indicator : shown) {
        auto *set = new QBarSet(indicatorName(indicator), series);
        QList<ChartBar> setBars;
        for (const EvaluationGroup &group : trend.groups) {
            const IndicatorValue value = group.value(indicator);
            *set << double(value.numerator);
            highest = std::max(highest, double(value.numerator));
            //: %1 is an indicator, %2 a period such as 2018-01
            setBars << ChartBar {
                value.cases, Tr::tr("%1, %2").arg(indicatorName(indicator), group.period())};
            if (indicator == shown.first())
                periods << group.period();
        }
        series->append(set);
        bars << setBars;
    }
    chart->addSeries(series);
    auto *axisX = new QBarCategoryAxis(chart);
    axisX->append(periods);
    chart->addAxis(axisX, Qt::AlignBottom);
    series->attachAxis(axisX);
    auto *axisY = new QValueAxis(chart);
    axisY->setLabelFormat(QStringLiteral("%d"));
    chart->addAxis(axisY, Qt::AlignLeft);
    series->attachAxis(axisY);
    axisY->setRange(0, std::max(highest, 1.0));
    axisY->applyNiceNumbers();
    chart->legend()->setAlignment(Qt::AlignBottom);
    return chart;
}

QChart *ranking(const EvaluationReport &report, QList<ChartBar> &bars)
{
    auto *chart = new QChart;
    chart->setTitle(Tr::tr(
        "Unit ranking (units with at least %n case(s))", nullptr, report.weights.minimumCases));
    auto *series = new QHorizontalBarSeries(chart);
    auto *set = new QBarSet(Tr::tr("Composite score"), series);
    QStringList units;
    bars.clear();
    // The axis lists from the bottom: the best unit goes last to stand on top.
    for (auto it = report.ranking.crbegin(); it != report.ranking.crend(); ++it) {
        *set << it->score.value_or(0);
        units << QStringLiteral("%1. %2").arg(*it->rank).arg(it->unit);
        bars << ChartBar {it->caseIds, Tr::tr("Unit %1").arg(it->unit)};
    }
    series->append(set);
    chart->addSeries(series);
    auto *axisY = new QBarCategoryAxis(chart);
    axisY->append(units);
    chart->addAxis(axisY, Qt::AlignLeft);
    series->attachAxis(axisY);
    auto *axisX = new QValueAxis(chart);
    axisX->setRange(0, 100);
    chart->addAxis(axisX, Qt::AlignBottom);
    series->attachAxis(axisX);
    chart->legend()->hide();
    return chart;
}

} // namespace GridDesk::EvaluationCharts
