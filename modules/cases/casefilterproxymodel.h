// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include <QSet>
#include <QSortFilterProxyModel>
#include <QStringList>

#include <optional>

namespace GridDesk {

/// Filters a CaseTableModel by free text and by grid, and sorts it by raw values (times as
/// times, ids as numbers).
class CaseFilterProxyModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit CaseFilterProxyModel(QObject *parent = nullptr);

    /// Keeps rows where any column contains text, ignoring case; empty text keeps all.
    void setFilterText(const QString &text);
    QString filterText() const { return m_text; }

    /// Keeps only cases whose grid is one of codes: pass a grid together with its
    /// descendants to see everything inside it. An empty list keeps nothing.
    void setGridFilter(const QStringList &codes);
    void clearGridFilter();
    bool hasGridFilter() const { return m_gridCodes.has_value(); }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool matchesText(int sourceRow, const QModelIndex &sourceParent) const;
    bool matchesGrid(int sourceRow, const QModelIndex &sourceParent) const;

    QString m_text;
    std::optional<QSet<QString>> m_gridCodes;
};

} // namespace GridDesk
