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
    m_gridCodes = QSet<QString>(codes.cbegin(), codes.cend());
    invalidateRowsFilter();
}

void CaseFilterProxyModel::clearGridFilter()
{
    if (!m_gridCodes)
        return;
    m_gridCodes.reset();
    invalidateRowsFilter();
}

bool CaseFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    return matchesGrid(sourceRow, sourceParent) && matchesText(sourceRow, sourceParent);
}

bool CaseFilterProxyModel::matchesText(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_text.isEmpty())
        return true;
    const QAbstractItemModel *model = sourceModel();
    for (int column = 0; column < model->columnCount(sourceParent); ++column) {
        const QString value = model->index(sourceRow, column, sourceParent).data().toString();
        if (value.contains(m_text, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

bool CaseFilterProxyModel::matchesGrid(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_gridCodes)
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    return m_gridCodes->contains(index.data(int(CaseTableModel::Role::GridCode)).toString());
}

} // namespace GridDesk
