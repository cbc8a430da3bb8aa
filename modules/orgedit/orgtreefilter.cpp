// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "orgtreefilter.h"

#include "orgtreemodel.h"

namespace GridDesk {

OrgTreeFilter::OrgTreeFilter(QObject *parent)
    : QSortFilterProxyModel(parent)
{ }

void OrgTreeFilter::setShowRetired(bool show)
{
    if (show == m_showRetired)
        return;
    m_showRetired = show;
    invalidateFilter();
}

bool OrgTreeFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_showRetired)
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    return !index.data(int(OrgTreeModel::Role::Retired)).toBool();
}

} // namespace GridDesk
