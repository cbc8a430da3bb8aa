// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "queuefilter.h"

#include <QSortFilterProxyModel>
#include <QStringList>

#include <optional>
#include <vector>

namespace GridDesk {

class CaseTableModel;

/// Filters a CaseTableModel by queue view, by free text and by grid, and sorts it by raw values
/// (times as times, ids as numbers, states in the order of the loop). The view and grid
/// filters compare shared text indices, so switching views does no string work per case.
class CaseFilterProxyModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit CaseFilterProxyModel(QObject *parent = nullptr);

    /// Must be a CaseTableModel.
    void setSourceModel(QAbstractItemModel *model) override;

    /// Keeps rows where any column contains text, ignoring case; empty text keeps all.
    void setFilterText(const QString &text);
    QString filterText() const { return m_text; }

    /// Keeps only cases whose grid is one of codes: pass a grid together with its
    /// descendants to see everything inside it. An empty list keeps nothing.
    void setGridFilter(const QStringList &codes);
    void clearGridFilter();
    bool hasGridFilter() const { return m_gridCodes.has_value(); }

    /// Keeps only the cases in view, as filter places them.
    void setQueueView(QueueView view);
    QueueView queueView() const { return m_view; }
    /// Places cases with filter from now on. With refilter false the rows shown stay until
    /// they change: for a filter rebuilt because the list gained texts, which places every
    /// listed case as before.
    void setQueueFilter(const QueueFilter &filter, bool refilter = true);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    bool matchesText(int sourceRow) const;
    bool matchesGrid(int sourceRow) const;
    void resolveGridCodes() const;

    CaseTableModel *m_cases = nullptr;
    QString m_text;
    QueueView m_view = QueueView::All;
    QueueFilter m_filter;
    std::optional<QStringList> m_gridCodes;
    // By shared text index: whether the grid filter keeps a case in that grid.
    mutable std::vector<bool> m_gridAccepted;
};

} // namespace GridDesk
