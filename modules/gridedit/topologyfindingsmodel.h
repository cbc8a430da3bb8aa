// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "editions/griddraft.h"
#include "topology/topologycheck.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace GridDesk {

/// The findings of the topology check as a table: kind, grids, area, detail, and the reason
/// of an accepted finding, which is shown greyed.
class TopologyFindingsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Column { Kind, Grids, Area, Detail, Accepted, Count };
    enum class Role { Key = Qt::UserRole + 1, IsAccepted, Count };

    explicit TopologyFindingsModel(QObject *parent = nullptr);

    /// Shows findings in place of all shown before.
    void setFindings(const QList<TopologyFinding> &findings);
    /// Takes the findings of a check around the grids of touched, whose parents are parents:
    /// the findings shown before that concern any of touched, and the gaps in any of parents,
    /// go; the new ones come.
    void replaceAround(const QStringList &touched, const QStringList &parents,
        const QList<TopologyFinding> &findings);
    void setAccepted(const QList<AcceptedFinding> &accepted);

    const QList<TopologyFinding> &findings() const { return m_findings; }
    const TopologyFinding &finding(int row) const { return m_findings.at(row); }
    std::optional<AcceptedFinding> acceptance(int row) const;
    int openCount() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString displayText(int row, Column column) const;

    QList<TopologyFinding> m_findings;
    QHash<QString, AcceptedFinding> m_accepted;
};

} // namespace GridDesk
