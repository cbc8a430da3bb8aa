// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "deadlinetext.h"

#include "domain/caserecord.h"
#include "domain/compactcaselist.h"
#include "workflow/workflowsetup.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>

#include <array>
#include <memory>
#include <optional>
#include <vector>

namespace GridDesk {

/// The cases of a workspace as a table, one row per case, for the case queue. Reads a
/// CompactCaseList and keeps it up to date as the closed loop changes cases.
class CaseTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Column {
        Id,
        State,
        Channel,
        Deadline,
        Category,
        LeadUnit,
        Created,
        Grid,
        Status,
        Agency,
        Flags,
        Count
    };
    enum class Role {
        /// Raw value to sort by: the id as a number, times as QDateTime.
        Sort = Qt::UserRole + 1,
        /// The case id (qint64) on every column.
        CaseId,
        /// The grid code of the case, empty when it has none.
        GridCode,
        /// The state key of the case ("in_handling" …).
        StateKey,
        /// The DeadlineState of the case's stage, as an int.
        DeadlineState,
    };

    explicit CaseTableModel(QObject *parent = nullptr);

    /// Shows cases; the model updates them in place when told of changes.
    void setCaseList(std::shared_ptr<CompactCaseList> cases);
    void setCases(const QList<CaseRecord> &cases);
    const CompactCaseList &cases() const { return *m_cases; }

    /// Unit names, the calendar, the limits and warning fractions used to show deadlines.
    void setSetup(const WorkflowSetup &setup);
    const WorkflowSetup &setup() const { return m_setup; }
    /// The wall time deadlines are measured at; the deadline column changes with it.
    void setNow(const QDateTime &now);
    QDateTime now() const { return m_now; }

    /// Takes over the loop's changes to a listed case, or adds the case when it is new.
    /// Returns its row.
    int updateCase(const CaseRecord &record);

    /// Tells views that row changed, so that filters place it again.
    void rowChanged(int row);

    /// The row of the case with id, if present.
    std::optional<int> rowOf(qint64 id) const;

    /// How the deadline of row is shown at now().
    DeadlineShown deadline(int row) const;
    /// The text row shows in column, as the filter box searches it.
    QString displayText(int row, Column column) const;
    /// What row sorts by in column, as a number: ids and times as they are, texts by their
    /// rank among the list's texts (states in the order of the loop, units by name).
    qint64 sortKey(int row, Column column) const;
    bool rowLessThan(int row, int other, Column column) const
    {
        return sortKey(row, column) < sortKey(other, column);
    }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant sortValue(int row, Column column) const;
    QVariant toolTip(int row, Column column) const;
    QVariant foreground(int row, Column column) const;
    QVariant background(int row, Column column) const;
    std::optional<CaseState> state(int row) const;
    bool showsDeadline(int row) const;
    qint64 idSortKey(int row) const;
    qint64 deadlineSortKey(int row) const;
    const std::vector<quint32> &ranks(Column column) const;
    QString rankText(Column column, const QString &text) const;
    void dropRanks();

    std::shared_ptr<CompactCaseList> m_cases;
    WorkflowSetup m_setup;
    QDateTime m_now;
    // Sort ranks of the shared texts, by column, built on first use after the texts changed.
    mutable std::array<std::vector<quint32>, std::size_t(Column::Count)> m_ranks;
    mutable std::vector<qint64> m_idKeys;
    mutable std::vector<qint8> m_stateOfText; // CaseState by shared text index, -1: none
};

} // namespace GridDesk
