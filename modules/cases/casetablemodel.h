// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/caserecord.h"
#include "domain/compactcaselist.h"

#include <QAbstractTableModel>
#include <QList>

#include <memory>
#include <optional>

namespace GridDesk {

/// The cases of a workspace as a table, one row per case, for the case queue.
class CaseTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Column { Id, Category, Status, Created, Grid, Agency, Flags, Count };
    enum class Role {
        /// Raw value to sort by: the id as a number, the created time as a QDateTime.
        Sort = Qt::UserRole + 1,
        /// The case id (qint64) on every column.
        CaseId,
        /// The grid code of the case, empty when it has none.
        GridCode,
    };

    explicit CaseTableModel(QObject *parent = nullptr);

    /// Shows cases, which the model shares with whoever else holds them.
    void setCaseList(std::shared_ptr<const CompactCaseList> cases);
    void setCases(const QList<CaseRecord> &cases);
    const CompactCaseList &cases() const { return *m_cases; }

    /// The row of the case with id, if present.
    std::optional<int> rowOf(qint64 id) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(int row, Column column) const;
    QVariant sortValue(int row, Column column) const;
    QVariant toolTip(int row, Column column) const;

    std::shared_ptr<const CompactCaseList> m_cases;
};

} // namespace GridDesk
