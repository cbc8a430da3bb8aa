// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "org/coveragecheck.h"

#include <QAbstractTableModel>

namespace GridDesk {

/// The coverage findings of an org chart: what kind, which grid, unit or person, and why.
class CoverageFindingsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Column { Kind, Codes, Detail, Count };
    enum class Role { Key = Qt::UserRole + 1, Count };

    explicit CoverageFindingsModel(QObject *parent = nullptr);

    void setFindings(const QList<CoverageFinding> &findings);
    const QList<CoverageFinding> &findings() const { return m_findings; }

    static QString kindName(CoverageKind kind);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<CoverageFinding> m_findings;
};

} // namespace GridDesk
