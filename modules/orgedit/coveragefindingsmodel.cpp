// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "coveragefindingsmodel.h"

namespace GridDesk {

CoverageFindingsModel::CoverageFindingsModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void CoverageFindingsModel::setFindings(const QList<CoverageFinding> &findings)
{
    beginResetModel();
    m_findings = findings;
    endResetModel();
}

QString CoverageFindingsModel::kindName(CoverageKind kind)
{
    switch (kind) {
    case CoverageKind::GridWithoutCollector:
        return tr("Grid without an information collector");
    case CoverageKind::GridWithoutSupervisor:
        return tr("Grid without a supervisor");
    case CoverageKind::UnitWithoutHead:
        return tr("Unit without a head");
    case CoverageKind::GridOutsideJurisdiction:
        return tr("Grid outside the unit's jurisdiction");
    case CoverageKind::UnitWithoutParent:
        return tr("Unit whose parent is missing");
    case CoverageKind::UnitInCircle:
        return tr("Unit within itself");
    case CoverageKind::PersonWithoutUnit:
        return tr("Person whose unit is missing");
    case CoverageKind::Count:
        break;
    }
    return {};
}

int CoverageFindingsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_findings.size());
}

int CoverageFindingsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(Column::Count);
}

QVariant CoverageFindingsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CoverageFinding &finding = m_findings[index.row()];
    if (role == int(Role::Key))
        return coverageKindKey(finding.kind);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (Column(index.column())) {
    case Column::Kind:
        return kindName(finding.kind);
    case Column::Codes:
        return finding.codes.join(QStringLiteral(", "));
    case Column::Detail:
        return finding.detail;
    case Column::Count:
        break;
    }
    return {};
}

QVariant CoverageFindingsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Column::Kind:
        return tr("Finding");
    case Column::Codes:
        return tr("Grid, unit, person");
    case Column::Detail:
        return tr("Detail");
    case Column::Count:
        break;
    }
    return {};
}

} // namespace GridDesk
