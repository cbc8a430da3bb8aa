// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "evaluationcharts.h"

#include "domain/error.h"
#include "evaluation/evaluationreport.h"

#include <QWidget>

#include <memory>
#include <optional>

QT_BEGIN_NAMESPACE
class QChartView;
class QCheckBox;
class QComboBox;
class QDateEdit;
class QGridLayout;
class QLabel;
class QTableWidget;
QT_END_NAMESPACE

namespace GridDesk {

class IndicatorMap;
class Workspace;

/// The evaluation dashboard of a workspace: a filter bar (period, grouping, period steps),
/// tiles with the main indicators, received and closed cases over time, the unit ranking, the
/// grids coloured by an indicator and a table of the groups, all made by Evaluator::run() for
/// the desk's user. The figures are computed off the GUI thread, on a connection of their own,
/// so the desk stays usable while a city's history is counted; a newer filter supersedes
/// figures still being made. Clicking a tile, a bar, a grid or a table cell asks for the cases
/// behind it with casesRequested().
class EvaluationDashboard : public QWidget
{
    Q_OBJECT

public:
    explicit EvaluationDashboard(QWidget *parent = nullptr);
    ~EvaluationDashboard() override;

    /// Opens the workspace at path, for userName's jurisdiction (empty: every case), and
    /// starts the figures of every case by unit and month. Fails when the workspace cannot be
    /// opened; a report that cannot be made is shown in the window.
    Result<void> open(const QString &path, const QString &userName);
    void setUser(const QString &userName);

    EvaluationFilter filter() const;
    /// Puts filter (but its user) into the controls and shows its figures.
    void setFilter(const EvaluationFilter &filter);
    /// The report shown; empty before the first one or after a failure.
    const std::optional<EvaluationReport> &report() const { return m_report; }
    /// What the last refresh failed with, empty when it did not.
    QString errorText() const;
    /// Whether figures are being made; figuresShown() follows.
    bool isComputing() const { return m_computing; }

    QChartView *trendView() const { return m_trendView; }
    QChartView *rankingView() const { return m_rankingView; }
    QTableWidget *groupTable() const { return m_groupTable; }
    IndicatorMap *indicatorMap() const { return m_map; }
    /// The tile of indicator, if the dashboard shows one.
    QWidget *tile(Indicator indicator) const;

public Q_SLOTS:
    /// Starts the figures again for the filter in the controls.
    void refresh();

Q_SIGNALS:
    /// The figures of the newest filter are shown, or what kept them from being made.
    void figuresShown();
    /// The cases behind a number were asked for; label says which number.
    void casesRequested(const QList<qint64> &ids, const QString &label);

private:
    QWidget *createFilterBar();
    void createTiles();
    void showReport(const EvaluationReport &report, const EvaluationReport &trend);
    void showTiles(const EvaluationReport &report);
    void showGroups(const EvaluationReport &report);
    void showCharts(const EvaluationReport &report, const EvaluationReport &trend);
    void requestCell(int row, int column);
    struct Figures;
    void takeFigures(quint64 generation, const Figures &figures);

    QString m_path;
    quint64 m_generation = 0; ///< of the newest refresh; older figures are dropped
    bool m_computing = false;
    QString m_user;
    std::optional<EvaluationReport> m_report;
    QCheckBox *m_fromCheck;
    QDateEdit *m_from;
    QCheckBox *m_toCheck;
    QDateEdit *m_to;
    QComboBox *m_grouping;
    QComboBox *m_period;
    QLabel *m_summary;
    QGridLayout *m_tileLayout;
    QChartView *m_trendView;
    QChartView *m_rankingView;
    IndicatorMap *m_map;
    QTableWidget *m_groupTable;
    QLabel *m_notes;
    QList<QList<ChartBar>> m_trendBars;
    QList<ChartBar> m_rankingBars;
    bool m_settingFilter = false;
};

} // namespace GridDesk
