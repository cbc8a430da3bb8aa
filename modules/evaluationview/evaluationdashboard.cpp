// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "evaluationdashboard.h"

#include "indicatormap.h"
#include "logging.h"

#include "evaluation/evaluator.h"
#include "storage/workspace.h"

#include <QBarSeries>
#include <QBarSet>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QFutureWatcher>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrentRun>

namespace GridDesk {

namespace {

/// The indicators shown as tiles and as columns of the group table.
const QList<Indicator> &tileIndicators()
{
    static const QList<Indicator> indicators {Indicator::Received, Indicator::Closed,
        Indicator::ClosureRate, Indicator::OnTimeClosureRate, Indicator::ReworkRate,
        Indicator::SupervisionRate, Indicator::FirstDiscoveryRate, Indicator::Satisfaction,
        Indicator::HotlineReceived, Indicator::HotlineResolutionRate};
    return indicators;
}

QString shown(Indicator indicator, const IndicatorValue &value)
{
    if (!value.value)
        return QStringLiteral("–");
    if (isRate(indicator))
        return QStringLiteral("%1%").arg(*value.value * 100.0, 0, 'f', 1);
    if (hasDenominator(indicator))
        return QString::number(*value.value, 'f', 2);
    return QString::number(value.numerator);
}

} // namespace

EvaluationDashboard::EvaluationDashboard(QWidget *parent)
    : QWidget(parent)
    , m_fromCheck(new QCheckBox(tr("From"), this))
    , m_from(new QDateEdit(this))
    , m_toCheck(new QCheckBox(tr("To"), this))
    , m_to(new QDateEdit(this))
    , m_grouping(new QComboBox(this))
    , m_period(new QComboBox(this))
    , m_summary(new QLabel(this))
    , m_tileLayout(new QGridLayout)
    , m_trendView(new QChartView(this))
    , m_rankingView(new QChartView(this))
    , m_map(new IndicatorMap(this))
    , m_groupTable(new QTableWidget(this))
    , m_notes(new QLabel(this))
{
    setWindowTitle(tr("Evaluation"));
    setObjectName(QStringLiteral("evaluationDashboard"));
    m_summary->setWordWrap(true);
    m_notes->setWordWrap(true);
    m_trendView->setObjectName(QStringLiteral("trendChart"));
    m_rankingView->setObjectName(QStringLiteral("rankingChart"));
    m_groupTable->setObjectName(QStringLiteral("groupTable"));
    m_groupTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_groupTable->setToolTip(tr("Double-click a number to open its cases in the queue"));
    m_trendView->setRenderHint(QPainter::Antialiasing);
    m_rankingView->setRenderHint(QPainter::Antialiasing);
    createTiles();

    auto *charts = new QSplitter(Qt::Horizontal, this);
    charts->addWidget(m_trendView);
    charts->addWidget(m_rankingView);
    charts->addWidget(m_map);
    // Charts and map share the width: the map gets as much as both charts.
    charts->setStretchFactor(0, 1);
    charts->setStretchFactor(1, 1);
    charts->setStretchFactor(2, 2);
    charts->setSizes({320, 320, 640});
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(createFilterBar());
    layout->addWidget(m_summary);
    layout->addLayout(m_tileLayout);
    layout->addWidget(charts, 3);
    layout->addWidget(m_groupTable, 2);
    layout->addWidget(m_notes);
    resize(1280, 900);

    connect(
        m_groupTable, &QTableWidget::cellDoubleClicked, this, &EvaluationDashboard::requestCell);
    connect(m_map, &IndicatorMap::casesRequested, this, &EvaluationDashboard::casesRequested);
}

EvaluationDashboard::~EvaluationDashboard() = default;

QWidget *EvaluationDashboard::createFilterBar()
{
    auto *bar = new QWidget(this);
    for (QDateEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        edit->setDate(QDate::currentDate());
        edit->setEnabled(false);
    }
    m_grouping->addItem(tr("All cases"), int(Grouping::None));
    m_grouping->addItem(tr("By unit"), int(Grouping::Unit));
    m_grouping->addItem(tr("By grid"), int(Grouping::Grid));
    m_grouping->addItem(tr("By category"), int(Grouping::Category));
    m_grouping->addItem(tr("By channel"), int(Grouping::Source));
    m_period->addItem(tr("Per day"), int(Period::Day));
    m_period->addItem(tr("Per week"), int(Period::Week));
    m_period->addItem(tr("Per month"), int(Period::Month));
    m_period->addItem(tr("Per quarter"), int(Period::Quarter));
    m_period->setToolTip(tr("The steps of the trend chart"));
    auto *refreshButton = new QPushButton(tr("Refresh"), bar);

    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    for (QWidget *widget : std::initializer_list<QWidget *> {
             m_fromCheck, m_from, m_toCheck, m_to, m_grouping, m_period, refreshButton})
        layout->addWidget(widget);
    layout->addStretch();

    connect(m_fromCheck, &QCheckBox::toggled, m_from, &QWidget::setEnabled);
    connect(m_toCheck, &QCheckBox::toggled, m_to, &QWidget::setEnabled);
    auto changed = [this] {
        if (!m_settingFilter && !m_path.isEmpty())
            refresh();
    };
    connect(m_fromCheck, &QCheckBox::toggled, this, changed);
    connect(m_toCheck, &QCheckBox::toggled, this, changed);
    connect(m_from, &QDateEdit::dateChanged, this, changed);
    connect(m_to, &QDateEdit::dateChanged, this, changed);
    connect(m_grouping, &QComboBox::currentIndexChanged, this, changed);
    connect(m_period, &QComboBox::currentIndexChanged, this, changed);
    connect(refreshButton, &QPushButton::clicked, this, &EvaluationDashboard::refresh);
    return bar;
}

void EvaluationDashboard::createTiles()
{
    const QList<Indicator> &indicators = tileIndicators();
    for (int i = 0; i < indicators.size(); ++i) {
        const Indicator indicator = indicators.at(i);
        auto *tile = new QToolButton(this);
        tile->setObjectName(QStringLiteral("tile_%1").arg(indicatorKey(indicator)));
        tile->setToolButtonStyle(Qt::ToolButtonTextOnly);
        tile->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
        tile->setMinimumHeight(56);
        //: %1 is an indicator such as "Closure rate", %2 the clause of the standard
        tile->setToolTip(tr("%1 (clause %2): click to open its cases in the queue")
                             .arg(indicatorName(indicator), indicatorClause(indicator)));
        connect(tile, &QToolButton::clicked, this, [this, indicator] {
            if (!m_report)
                return;
            Q_EMIT casesRequested(m_report->total.value(indicator).cases, indicatorName(indicator));
        });
        m_tileLayout->addWidget(tile, i / 5, i % 5);
    }
}

QWidget *EvaluationDashboard::tile(Indicator indicator) const
{
    return findChild<QToolButton *>(QStringLiteral("tile_%1").arg(indicatorKey(indicator)));
}

Result<void> EvaluationDashboard::open(const QString &path, const QString &userName)
{
    // Opened here once to say at once when it cannot be; the figures open it again where they
    // are made.
    auto workspace = Workspace::open(path);
    if (!workspace)
        return std::unexpected(workspace.error());
    m_path = path;
    m_user = userName;
    if (auto grids = m_map->setWorkspace(**workspace); !grids)
        qCWarning(lcEvaluationView) << "the grid map cannot be drawn:" << grids.error().message;
    m_settingFilter = true;
    m_grouping->setCurrentIndex(m_grouping->findData(int(Grouping::Unit)));
    m_period->setCurrentIndex(m_period->findData(int(Period::Month)));
    m_settingFilter = false;
    refresh();
    return {};
}

void EvaluationDashboard::setUser(const QString &userName)
{
    m_user = userName;
    if (!m_path.isEmpty())
        refresh();
}

EvaluationFilter EvaluationDashboard::filter() const
{
    EvaluationFilter filter;
    if (m_fromCheck->isChecked())
        filter.from = m_from->date();
    if (m_toCheck->isChecked())
        filter.to = m_to->date();
    filter.groupBy = Grouping(m_grouping->currentData().toInt());
    filter.period = Period(m_period->currentData().toInt());
    filter.user = m_user;
    return filter;
}

void EvaluationDashboard::setFilter(const EvaluationFilter &filter)
{
    m_settingFilter = true;
    m_fromCheck->setChecked(filter.from.has_value());
    if (filter.from)
        m_from->setDate(*filter.from);
    m_toCheck->setChecked(filter.to.has_value());
    if (filter.to)
        m_to->setDate(*filter.to);
    m_grouping->setCurrentIndex(m_grouping->findData(int(filter.groupBy)));
    const int period = m_period->findData(int(filter.period));
    m_period->setCurrentIndex(period >= 0 ? period : m_period->findData(int(Period::Month)));
    m_settingFilter = false;
    refresh();
}

QString EvaluationDashboard::errorText() const
{
    return m_report ? QString() : m_summary->text();
}

struct EvaluationDashboard::Figures
{
    Result<EvaluationReport> report;
    Result<EvaluationReport> trend;
    Result<EvaluationReport> byGrid; ///< for the map
};

void EvaluationDashboard::refresh()
{
    if (m_path.isEmpty())
        return;
    // The table groups by the chosen grouping; the trend chart by the chosen step alone.
    EvaluationFilter grouped = filter();
    const Period step = grouped.period;
    grouped.period = Period::None;
    EvaluationFilter trendFilter = filter();
    trendFilter.groupBy = Grouping::None;
    trendFilter.period = step;

    // The map needs the figures per grid: the table's own when it groups by grid.
    EvaluationFilter gridFilter = grouped;
    gridFilter.groupBy = Grouping::Grid;

    const quint64 generation = ++m_generation;
    m_computing = true;
    m_summary->setText(tr("Counting the cases for %1…").arg(grouped.describe()));
    // A workspace connection belongs to the thread that opened it: the figures open their own.
    auto future = QtConcurrent::run([path = m_path, grouped, trendFilter, gridFilter]() -> Figures {
        auto workspace = Workspace::open(path);
        if (!workspace) {
            return {std::unexpected(workspace.error()), std::unexpected(workspace.error()),
                std::unexpected(workspace.error())};
        }
        auto report = Evaluator::run(**workspace, grouped);
        auto trend = report ? Evaluator::run(**workspace, trendFilter) : report;
        auto byGrid = !trend || grouped.groupBy == Grouping::Grid
            ? report
            : Evaluator::run(**workspace, gridFilter);
        return {std::move(report), std::move(trend), std::move(byGrid)};
    });
    // The watcher goes with the window: figures that come after it closed are dropped.
    auto *watcher = new QFutureWatcher<Figures>(this);
    connect(watcher, &QFutureWatcher<Figures>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        takeFigures(generation, watcher->result());
    });
    watcher->setFuture(future);
}

void EvaluationDashboard::takeFigures(quint64 generation, const Figures &figures)
{
    // A newer filter came while these were made: its figures follow.
    if (generation != m_generation)
        return;
    m_computing = false;
    if (!figures.report || !figures.trend || !figures.byGrid) {
        const Error error = !figures.report ? figures.report.error()
            : !figures.trend                ? figures.trend.error()
                                            : figures.byGrid.error();
        m_report.reset();
        m_summary->setText(tr("The figures cannot be made: %1").arg(error.message));
        qCWarning(lcEvaluationView) << "evaluation refused:" << error.message;
    } else {
        showReport(*figures.report, *figures.trend);
        m_map->setReport(*figures.byGrid);
    }
    Q_EMIT figuresShown();
}

void EvaluationDashboard::showReport(const EvaluationReport &report, const EvaluationReport &trend)
{
    m_report = report;
    // Without a user the filter's description already says that every case counts.
    m_summary->setText(report.filter.user.isEmpty()
            ? tr("%1.").arg(report.filter.describe())
            //: %1 describes the filter, %2 whose cases they are
            : tr("%1: %2.").arg(report.filter.describe(), report.jurisdiction));
    showTiles(report);
    showCharts(report, trend);
    showGroups(report);
    m_notes->setText(report.notes.join(u'\n'));
}

void EvaluationDashboard::showTiles(const EvaluationReport &report)
{
    for (Indicator indicator : tileIndicators()) {
        auto *button = static_cast<QToolButton *>(tile(indicator));
        const IndicatorValue value = report.total.value(indicator);
        button->setText(
            QStringLiteral("%1\n%2").arg(indicatorName(indicator), shown(indicator, value)));
    }
}

void EvaluationDashboard::showCharts(const EvaluationReport &report, const EvaluationReport &trend)
{
    QChart *trendChart = EvaluationCharts::trend(trend, m_trendBars);
    QChart *rankingChart = EvaluationCharts::ranking(report, m_rankingBars);
    const auto trendSeries = trendChart->series();
    if (auto *bars = qobject_cast<QBarSeries *>(trendSeries.value(0))) {
        connect(bars, &QBarSeries::clicked, this, [this, bars](int index, QBarSet *set) {
            const auto bar = m_trendBars.value(bars->barSets().indexOf(set)).value(index);
            Q_EMIT casesRequested(bar.cases, bar.label);
        });
    }
    if (auto *bars = qobject_cast<QHorizontalBarSeries *>(rankingChart->series().value(0))) {
        connect(bars, &QHorizontalBarSeries::clicked, this, [this](int index, QBarSet *) {
            const ChartBar bar = m_rankingBars.value(index);
            Q_EMIT casesRequested(bar.cases, bar.label);
        });
    }
    // The views own their charts and delete the ones they showed before.
    QChart *oldTrend = m_trendView->chart();
    QChart *oldRanking = m_rankingView->chart();
    m_trendView->setChart(trendChart);
    m_rankingView->setChart(rankingChart);
    delete oldTrend;
    delete oldRanking;
}

void EvaluationDashboard::showGroups(const EvaluationReport &report)
{
    const QList<Indicator> &indicators = tileIndicators();
    const QList<EvaluationGroup> groups =
        report.groups.isEmpty() ? QList<EvaluationGroup> {report.total} : report.groups;
    m_groupTable->clear();
    m_groupTable->setRowCount(int(groups.size()));
    m_groupTable->setColumnCount(int(indicators.size()) + 1);
    QStringList headers {tr("Group")};
    for (Indicator indicator : indicators)
        headers << indicatorName(indicator);
    m_groupTable->setHorizontalHeaderLabels(headers);
    for (int row = 0; row < groups.size(); ++row) {
        const EvaluationGroup &group = groups.at(row);
        m_groupTable->setItem(row, 0,
            new QTableWidgetItem(EvaluationReport::keyLabel(report.filter.groupBy, group.key())));
        for (int column = 0; column < indicators.size(); ++column) {
            const Indicator indicator = indicators.at(column);
            auto *item = new QTableWidgetItem(shown(indicator, group.value(indicator)));
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_groupTable->setItem(row, column + 1, item);
        }
    }
    m_groupTable->resizeColumnsToContents();
}

void EvaluationDashboard::requestCell(int row, int column)
{
    const QList<Indicator> &indicators = tileIndicators();
    if (!m_report || column < 1 || column > indicators.size())
        return;
    const EvaluationGroup &group =
        m_report->groups.isEmpty() ? m_report->total : m_report->groups.at(row);
    const Indicator indicator = indicators.at(column - 1);
    //: %1 is an indicator, %2 a unit, grid, category or channel
    Q_EMIT casesRequested(group.value(indicator).cases,
        tr("%1, %2").arg(indicatorName(indicator),
            EvaluationReport::keyLabel(m_report->filter.groupBy, group.key())));
}

} // namespace GridDesk
