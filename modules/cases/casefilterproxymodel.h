// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "queuefilter.h"

#include <QAbstractProxyModel>
#include <QSet>
#include <QStringList>

#include <optional>
#include <vector>

namespace GridDesk {

class CaseTableModel;

/// The rows of a CaseTableModel a queue shows: filtered by queue view, by free text and by
/// grid, and sorted by raw values (times as times, ids as numbers, states in the order of the
/// loop). Made for a million cases: the filters compare shared text indices and numbers, the
/// sort orders precomputed keys, and a changed case moves on its own without the rest being
/// filtered or sorted again. A new filter or view resets the model; a new sort keeps the
/// current row.
class CaseFilterProxyModel : public QAbstractProxyModel
{
    Q_OBJECT

public:
    explicit CaseFilterProxyModel(QObject *parent = nullptr);

    /// Must be a CaseTableModel.
    void setSourceModel(QAbstractItemModel *model) override;

    /// Keeps rows where a column's text contains text, ignoring case (the deadline column is
    /// not searched; the overdue view finds late cases); empty text keeps all.
    void setFilterText(const QString &text);
    QString filterText() const { return m_text; }

    /// Keeps only cases whose grid is one of codes: pass a grid together with its
    /// descendants to see everything inside it. An empty list keeps nothing.
    void setGridFilter(const QStringList &codes);
    void clearGridFilter();
    bool hasGridFilter() const { return m_gridCodes.has_value(); }

    /// Keeps only the cases with these ids (the cases behind a number of the evaluation).
    void setCaseFilter(const QSet<qint64> &ids);
    void clearCaseFilter();
    bool hasCaseFilter() const { return m_caseIds.has_value(); }

    /// Keeps only the cases in view, as filter places them.
    void setQueueView(QueueView view);
    QueueView queueView() const { return m_view; }
    /// Places cases with filter from now on. With refilter false the rows shown stay until
    /// they change: for a filter rebuilt because the list gained texts, which places every
    /// listed case as before.
    void setQueueFilter(const QueueFilter &filter, bool refilter = true);

    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QModelIndex mapToSource(const QModelIndex &proxyIndex) const override;
    QModelIndex mapFromSource(const QModelIndex &sourceIndex) const override;

private:
    bool accepts(int sourceRow) const;
    bool matchesText(int sourceRow) const;
    bool matchesGrid(int sourceRow) const;
    void matchTexts() const;
    bool before(int sourceRow, int otherRow) const;
    void sortRows(std::vector<int> &rows) const;
    int insertionPoint(int sourceRow) const;
    void renumberFrom(std::size_t first);

    void refilter();
    void onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight);
    void onRowsInserted(const QModelIndex &parent, int first, int last);
    void placeRow(int sourceRow);

    CaseTableModel *m_cases = nullptr;
    std::vector<int> m_rows; // source row of each proxy row
    std::vector<int> m_proxyRows; // proxy row of each source row, -1 when filtered out
    QString m_text;
    bool m_textMayBeTime = false;
    // By shared text index, what the filter text is found in: the text itself, the state it
    // names, the unit it names. Grown as the list gains texts.
    mutable std::vector<quint8> m_textMatches;
    QueueView m_view = QueueView::All;
    QueueFilter m_filter;
    std::optional<QStringList> m_gridCodes;
    std::optional<QSet<qint64>> m_caseIds;
    // By shared text index: whether the grid filter keeps a case in that grid.
    mutable std::vector<bool> m_gridAccepted;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
};

} // namespace GridDesk
