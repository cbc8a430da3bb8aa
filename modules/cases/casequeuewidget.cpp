// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "casequeuewidget.h"

#include "casefilterproxymodel.h"
#include "casetablemodel.h"
#include "logging.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace GridDesk {

namespace {
constexpr int VIEW_ROLE = Qt::UserRole + 1;
constexpr int SIZE_COLUMNS_BELOW = 1000;
constexpr int LONG_LIST = 200'000;
constexpr int FILTER_DELAY_MS = 250;
constexpr int MAX_COLUMN_CHARACTERS = 32;
} // namespace

CaseQueueWidget::CaseQueueWidget(QWidget *parent)
    : QWidget(parent)
    , m_model(new CaseTableModel(this))
    , m_proxy(new CaseFilterProxyModel(this))
    , m_viewList(new QListWidget(this))
    , m_filterEdit(new QLineEdit(this))
    , m_gridBar(new QWidget(this))
    , m_gridLabel(new QLabel(m_gridBar))
    , m_clearGridButton(new QToolButton(m_gridBar))
    , m_countLabel(new QLabel(this))
    , m_view(new QTableView(this))
    , m_filterDelay(new QTimer(this))
{
    m_proxy->setSourceModel(m_model);
    m_filterEdit->setPlaceholderText(tr("Filter cases (id, state, category, unit, grid…)"));
    m_filterEdit->setClearButtonEnabled(true);
    m_filterEdit->setObjectName(QStringLiteral("caseFilter"));

    m_clearGridButton->setText(tr("Clear"));
    m_clearGridButton->setToolTip(tr("Show the cases of every grid again"));
    m_clearGridButton->setObjectName(QStringLiteral("clearGridFilter"));
    auto *gridLayout = new QHBoxLayout(m_gridBar);
    gridLayout->setContentsMargins(0, 0, 0, 0);
    gridLayout->addWidget(m_gridLabel, 1);
    gridLayout->addWidget(m_clearGridButton);
    m_gridBar->setVisible(false);

    createTable();
    createViewList();

    auto *tableSide = new QVBoxLayout;
    tableSide->addWidget(m_filterEdit);
    tableSide->addWidget(m_gridBar);
    tableSide->addWidget(m_view, 1);
    tableSide->addWidget(m_countLabel);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_viewList);
    layout->addLayout(tableSide, 1);

    connectParts();
    rebuildFilter(true);
}

void CaseQueueWidget::createTable()
{
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(int(CaseTableModel::Column::Created), Qt::DescendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_view->verticalHeader()->setVisible(false);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(true);
    // Long categories and flags are cut short rather than pushing the deadline out of sight.
    m_view->horizontalHeader()->setMaximumSectionSize(
        m_view->fontMetrics().averageCharWidth() * MAX_COLUMN_CHARACTERS);
}

void CaseQueueWidget::connectParts()
{
    // A long list is filtered once typing pauses, not at every key.
    m_filterDelay->setSingleShot(true);
    m_filterDelay->setInterval(FILTER_DELAY_MS);
    connect(m_filterDelay, &QTimer::timeout, this, &CaseQueueWidget::applyFilterText);
    connect(m_filterEdit, &QLineEdit::textChanged, this, [this] {
        if (m_model->rowCount() < LONG_LIST)
            applyFilterText();
        else
            m_filterDelay->start();
    });
    connect(m_clearGridButton, &QToolButton::clicked, this, [this] {
        if (m_proxy->hasCaseFilter()) {
            clearCaseFilter();
            return;
        }
        clearGridFilter();
        Q_EMIT gridFilterCleared();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &CaseQueueWidget::onCurrentRowChanged);
    // A new view or filter resets the rows: the current case stays current when still shown.
    connect(m_proxy, &QAbstractItemModel::modelAboutToBeReset, this,
        [this] { m_keptCase = currentCaseId(); });
    connect(m_proxy, &QAbstractItemModel::modelReset, this, [this] {
        if (m_keptCase)
            selectCase(*m_keptCase);
        m_keptCase.reset();
    });
}

void CaseQueueWidget::applyFilterText()
{
    m_filterDelay->stop();
    m_proxy->setFilterText(m_filterEdit->text());
    updateCountLabel();
}

void CaseQueueWidget::createViewList()
{
    m_viewList->setObjectName(QStringLiteral("queueViews"));
    m_viewList->setSelectionMode(QAbstractItemView::SingleSelection);
    m_viewList->setToolTip(tr("Queues: Ctrl+1 to Ctrl+8"));
    m_viewList->setMaximumWidth(m_viewList->fontMetrics().averageCharWidth() * 28);
    for (int index = 0; index < int(QueueView::Count); ++index) {
        const auto view = QueueView(index);
        auto *item = new QListWidgetItem(queueViewName(view), m_viewList);
        item->setData(VIEW_ROLE, index);

        auto *action = new QAction(queueViewName(view), this);
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + index)));
        action->setObjectName(QStringLiteral("queueView%1").arg(index + 1));
        connect(action, &QAction::triggered, this, [this, view] {
            setQueueView(view);
            m_view->setFocus();
        });
        m_viewActions << action;
    }
    m_viewList->setCurrentRow(int(QueueView::All));
    connect(m_viewList, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row < 0)
            return;
        m_proxy->setQueueView(QueueView(row));
        updateCountLabel();
        Q_EMIT queueViewChanged(QueueView(row));
    });
    updateViewList();
}

void CaseQueueWidget::setCaseList(std::shared_ptr<CompactCaseList> cases)
{
    m_model->setCaseList(std::move(cases));
    rebuildFilter(true);
    m_view->resizeColumnsToContents();
    updateCountLabel();
}

void CaseQueueWidget::setCases(const QList<CaseRecord> &cases)
{
    setCaseList(std::make_shared<CompactCaseList>(CompactCaseList::fromRecords(cases)));
}

void CaseQueueWidget::setSetup(const WorkflowSetup &setup)
{
    m_model->setSetup(setup);
    rebuildFilter(true);
}

void CaseQueueWidget::setDeskUser(const DeskUser &user)
{
    m_user = user;
    rebuildFilter(true);
}

void CaseQueueWidget::setNow(const QDateTime &now)
{
    m_model->setNow(now);
    // Only the overdue view changes with the time; the others keep their rows.
    rebuildFilter(queueView() == QueueView::Overdue);
}

void CaseQueueWidget::updateCase(const CaseRecord &record)
{
    const CompactCaseList &cases = m_model->cases();
    const auto before = m_model->rowOf(record.id);
    const quint32 left = before ? m_filter.views(cases, *before) : 0;

    const int row = m_model->updateCase(record);
    // A short list that grows shows its columns in full; a long one keeps the widths it has.
    if (m_model->rowCount() < SIZE_COLUMNS_BELOW)
        m_view->resizeColumnsToContents();
    if (m_filter.textCount() != cases.sharedTextCount()) {
        // The change brought a text the filter has not seen (the first case in a state, say):
        // a filter that knows it places the row again; every other row stays where it is.
        m_filter = QueueFilter(cases, m_user, m_model->setup().units, m_model->now());
        m_proxy->setQueueFilter(m_filter, false);
        m_model->rowChanged(row);
    }
    const quint32 entered = m_filter.views(cases, row);
    for (std::size_t view = 0; view < m_counts.size(); ++view)
        m_counts[view] += qsizetype((entered >> view) & 1u) - qsizetype((left >> view) & 1u);
    updateViewList();
    updateCountLabel();
    Q_EMIT viewCountsChanged();
}

void CaseQueueWidget::rebuildFilter(bool refilter)
{
    m_filter = QueueFilter(m_model->cases(), m_user, m_model->setup().units, m_model->now());
    m_proxy->setQueueFilter(m_filter, refilter);
    recount();
}

void CaseQueueWidget::recount()
{
    m_counts = m_filter.count(m_model->cases());
    updateViewList();
    updateCountLabel();
    Q_EMIT viewCountsChanged();
}

void CaseQueueWidget::updateViewList()
{
    for (int index = 0; index < m_viewList->count(); ++index) {
        QListWidgetItem *item = m_viewList->item(index);
        const auto view = QueueView(item->data(VIEW_ROLE).toInt());
        const qsizetype count = m_counts[std::size_t(view)];
        //: a queue and how many cases it holds, e.g. "Overdue  12"
        item->setText(tr("%1  %2").arg(queueViewName(view), QLocale().toString(count)));
        const bool alarm = view == QueueView::Overdue && count > 0;
        QFont font = item->font();
        font.setBold(alarm || (view == QueueView::MyInbox && count > 0));
        item->setFont(font);
        item->setForeground(alarm ? QBrush(QColor(0x9b, 0x10, 0x10)) : QBrush());
    }
}

QueueView CaseQueueWidget::queueView() const
{
    return m_proxy->queueView();
}

void CaseQueueWidget::setQueueView(QueueView view)
{
    m_viewList->setCurrentRow(int(view));
}

void CaseQueueWidget::setContextActions(const QList<QAction *> &actions)
{
    for (QAction *action : m_view->actions())
        m_view->removeAction(action);
    m_view->addActions(actions);
}

std::optional<qint64> CaseQueueWidget::currentCaseId() const
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid())
        return std::nullopt;
    return current.data(int(CaseTableModel::Role::CaseId)).toLongLong();
}

void CaseQueueWidget::setGridFilter(const QStringList &codes, const QString &label)
{
    m_proxy->clearCaseFilter();
    m_proxy->setGridFilter(codes);
    m_clearGridButton->setToolTip(tr("Show the cases of every grid again"));
    //: %1 is the name and code of a grid chosen on the map
    m_gridLabel->setText(tr("Filtered by grid %1").arg(label));
    m_gridBar->setVisible(true);
    updateCountLabel();
    qCDebug(lcCases) << "grid filter with" << codes.size() << "grids," << m_proxy->rowCount()
                     << "cases shown";
}

void CaseQueueWidget::clearGridFilter()
{
    m_proxy->clearGridFilter();
    m_gridBar->setVisible(false);
    updateCountLabel();
}

void CaseQueueWidget::setCaseFilter(const QList<qint64> &ids, const QString &label)
{
    // One filter bar: the cases of a number replace a grid chosen on the map.
    if (m_proxy->hasGridFilter()) {
        m_proxy->clearGridFilter();
        Q_EMIT gridFilterCleared();
    }
    setQueueView(QueueView::All);
    m_proxy->setCaseFilter(QSet<qint64>(ids.begin(), ids.end()));
    //: %1 says which number of the evaluation the cases are behind
    m_gridLabel->setText(tr("The %n case(s) of %1", nullptr, int(ids.size())).arg(label));
    m_clearGridButton->setToolTip(tr("Show every case again"));
    m_gridBar->setVisible(true);
    updateCountLabel();
}

void CaseQueueWidget::clearCaseFilter()
{
    m_proxy->clearCaseFilter();
    m_gridBar->setVisible(false);
    updateCountLabel();
}

bool CaseQueueWidget::selectCase(qint64 id)
{
    const auto row = m_model->rowOf(id);
    if (!row)
        return false;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(*row, 0));
    if (!index.isValid())
        return false;

    m_selecting = true;
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
    m_selecting = false;
    return true;
}

void CaseQueueWidget::onCurrentRowChanged(const QModelIndex &current)
{
    if (m_selecting || !current.isValid())
        return;
    Q_EMIT caseSelected(current.data(int(CaseTableModel::Role::CaseId)).toLongLong());
}

void CaseQueueWidget::updateCountLabel()
{
    m_countLabel->setText(tr("%1 of %Ln case(s) shown", nullptr, m_model->rowCount())
                              .arg(QLocale().toString(m_proxy->rowCount())));
}

} // namespace GridDesk
