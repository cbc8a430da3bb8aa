// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "standardsfilter.h"

#include "standardstreemodel.h"

namespace GridDesk {

StandardsFilter::StandardsFilter(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setRecursiveFilteringEnabled(true);
}

void StandardsFilter::setSearch(const QString &text)
{
    const QStringList words = text.toLower().split(u' ', Qt::SkipEmptyParts);
    if (words == m_words)
        return;
    m_words = words;
    invalidateFilter();
}

bool StandardsFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_words.isEmpty())
        return true;

    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    const QString text = index.data(int(StandardsTreeModel::Role::SearchText)).toString();
    return std::all_of(m_words.cbegin(), m_words.cend(),
        [&text](const QString &word) { return text.contains(word); });
}

} // namespace GridDesk
