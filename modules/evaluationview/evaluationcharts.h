// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "evaluation/evaluationreport.h"

#include <QList>
#include <QString>

QT_BEGIN_NAMESPACE
class QChart;
QT_END_NAMESPACE

namespace GridDesk {

/// What a bar of a chart stands for: the cases behind it and a label for them.
struct ChartBar
{
    QList<qint64> cases;
    QString label;
};

/// The charts of the evaluation dashboard, built from reports; each chart's bars in the order
/// of their sets and categories, so a click on a bar finds its cases.
namespace EvaluationCharts {

/// Received and closed cases per period of trend (a report grouped by period only). bars
/// gets, per set (received, closed) and period, what each bar stands for.
QChart *trend(const EvaluationReport &trend, QList<QList<ChartBar>> &bars);

/// The composite score of each ranked unit of report, best on top.
QChart *ranking(const EvaluationReport &report, QList<ChartBar> &bars);

} // namespace EvaluationCharts

} // namespace GridDesk
