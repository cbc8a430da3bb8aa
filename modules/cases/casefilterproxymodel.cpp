// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "casefilterproxymodel.h"

#include "casetablemodel.h"

namespace GridDesk {

CaseFilterProxyModel::CaseFilterProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(int(CaseTableModel::Role::Sort));
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void CaseFilterProxyModel::setSourceModel(QAbstractItemModel *model)
{
    m_cases = qobject_cast<CaseTableModel *>(model);
    Q_ASSERT(m_cases || !model);
    m_gridAccepted.clear();
    QSortFilterProxyModel::setSourceModel(model);
}

void CaseFilterProxyModel::setFilterText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_text)
        return;
    m_text = trimmed;
    invalidateRowsFilter();
}

void CaseFilterProxyModel::setGridFilter(const QStringList &codes)
{
    m_gridCodes = codes;
    m_gridAccepted.clear();
    invalidateRowsFilter();
}

void CaseFilterProxyModel::clearGridFilter()
{
    if (!m_gridCodes)
        return;
    m_gridCodes.reset();
    m_gridAccepted.clear();
    invalidateRowsFilter();
}

void CaseFilterProxyModel::setQueueView(QueueView view)
{
    if (view == m_view)
        return;
    m_view = view;
    invalidateRowsFilter();
}

void CaseFilterProxyModel::setQueueFilter(const QueueFilter &filter, bool refilter)
{
    m_filter = filter;
    if (refilter && m_view != QueueView::All)
        invalidateRowsFilter();
}

bool CaseFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_cases || sourceParent.isValid())
        return false;
    const bool inView =
        m_view == QueueView::All || m_filter.accepts(m_cases->cases(), sourceRow, m_view);
    return inView && matchesGrid(sourceRow) && matchesText(sourceRow);
}

bool CaseFilterProxyModel::matchesText(int sourceRow) const
{
    if (m_text.isEmpty())
        return true;
    for (int column = 0; column < int(CaseTableModel::Column::Count); ++column) {
        const QString value = m_cases->displayText(sourceRow, CaseTableModel::Column(column));
        if (value.contains(m_text, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

void CaseFilterProxyModel::resolveGridCodes() const
{
    const CompactCaseList &cases = m_cases->cases();
    m_gridAccepted.assign(std::size_t(cases.sharedTextCount()), false);
    for (const QString &code : *m_gridCodes) {
        if (const auto index = cases.findText(code))
            m_gridAccepted[*index] = true;
    }
}

bool CaseFilterProxyModel::matchesGrid(int sourceRow) const
{
    if (!m_gridCodes)
        return true;
    const CompactCaseList &cases = m_cases->cases();
    // Texts added since the codes were resolved (a case reported into a new grid) need them
    // resolved again.
    if (qsizetype(m_gridAccepted.size()) != cases.sharedTextCount())
        resolveGridCodes();
    return m_gridAccepted[cases.textIndex(sourceRow, CompactCaseList::Text::Grid)];
}

bool CaseFilterProxyModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (!m_cases)
        return QSortFilterProxyModel::lessThan(left, right);
    return m_cases->rowLessThan(left.row(), right.row(), CaseTableModel::Column(left.column()));
}

} // namespace GridDesk
