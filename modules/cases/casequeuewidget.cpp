// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "casequeuewidget.h"

#include "casefilterproxymodel.h"
#include "casetablemodel.h"
#include "logging.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace GridDesk {

CaseQueueWidget::CaseQueueWidget(QWidget *parent)
    : QWidget(parent)
    , m_model(new CaseTableModel(this))
    , m_proxy(new CaseFilterProxyModel(this))
    , m_filterEdit(new QLineEdit(this))
    , m_gridBar(new QWidget(this))
    , m_gridLabel(new QLabel(m_gridBar))
    , m_clearGridButton(new QToolButton(m_gridBar))
    , m_countLabel(new QLabel(this))
    , m_view(new QTableView(this))
{
    m_proxy->setSourceModel(m_model);
    m_filterEdit->setPlaceholderText(tr("Filter cases (id, category, status, grid, agency…)"));
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

    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(int(CaseTableModel::Column::Created), Qt::DescendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->setVisible(false);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(true);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_filterEdit);
    layout->addWidget(m_gridBar);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_countLabel);

    connect(m_filterEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterText(text);
        updateCountLabel();
    });
    connect(m_clearGridButton, &QToolButton::clicked, this, [this] {
        clearGridFilter();
        Q_EMIT gridFilterCleared();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &CaseQueueWidget::onCurrentRowChanged);
    updateCountLabel();
}

void CaseQueueWidget::setCaseList(std::shared_ptr<const CompactCaseList> cases)
{
    m_model->setCaseList(std::move(cases));
    m_view->resizeColumnsToContents();
    updateCountLabel();
}

void CaseQueueWidget::setCases(const QList<CaseRecord> &cases)
{
    setCaseList(std::make_shared<const CompactCaseList>(CompactCaseList::fromRecords(cases)));
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
    m_proxy->setGridFilter(codes);
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
    m_countLabel->setText(
        tr("%1 of %n case(s) shown", nullptr, m_model->rowCount()).arg(m_proxy->rowCount()));
}

} // namespace GridDesk
