// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "casetablemodel.h"

#include <QBrush>
#include <QColor>

namespace GridDesk {

namespace {
QString createdText(const QDateTime &wallTime)
{
    if (!wallTime.isValid())
        return {};
    return wallTime.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

bool isClosed(const QString &status)
{
    return status.trimmed().compare(QLatin1String("closed"), Qt::CaseInsensitive) == 0;
}
} // namespace

CaseTableModel::CaseTableModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_cases(std::make_shared<const CompactCaseList>())
{ }

void CaseTableModel::setCaseList(std::shared_ptr<const CompactCaseList> cases)
{
    beginResetModel();
    m_cases = cases ? std::move(cases) : std::make_shared<const CompactCaseList>();
    endResetModel();
}

void CaseTableModel::setCases(const QList<CaseRecord> &cases)
{
    setCaseList(std::make_shared<const CompactCaseList>(CompactCaseList::fromRecords(cases)));
}

std::optional<int> CaseTableModel::rowOf(qint64 id) const
{
    const auto row = m_cases->rowOf(id);
    if (!row)
        return std::nullopt;
    return int(*row);
}

int CaseTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_cases->size());
}

int CaseTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(Column::Count);
}

QVariant CaseTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};

    const int row = index.row();
    const auto column = Column(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return display(row, column);
    case Qt::ToolTipRole:
        return toolTip(row, column);
    case Qt::ForegroundRole:
        if (column == Column::Status && !isClosed(m_cases->status(row)))
            return QBrush(QColor(0xb0, 0x1c, 0x14));
        return {};
    case int(Role::Sort):
        return sortValue(row, column);
    case int(Role::CaseId):
        return m_cases->id(row);
    case int(Role::GridCode):
        return m_cases->gridCode(row);
    default:
        return {};
    }
}

QVariant CaseTableModel::display(int row, Column column) const
{
    switch (column) {
    case Column::Id: {
        const QString external = m_cases->externalId(row);
        return external.isEmpty() ? QString::number(m_cases->id(row)) : external;
    }
    case Column::Category:
        return m_cases->category(row);
    case Column::Status:
        return m_cases->status(row);
    case Column::Created:
        return createdText(m_cases->createdWallTime(row));
    case Column::Grid:
        return m_cases->gridCode(row);
    case Column::Agency:
        return m_cases->agency(row);
    case Column::Flags:
        return m_cases->flagsText(row);
    case Column::Count:
        break;
    }
    return {};
}

QVariant CaseTableModel::sortValue(int row, Column column) const
{
    switch (column) {
    case Column::Id: {
        // The column shows the source's id when there is one; sort by it as a number then.
        bool numeric = false;
        const qint64 external = m_cases->externalId(row).toLongLong(&numeric);
        return numeric ? external : m_cases->id(row);
    }
    case Column::Created:
        // Cases without a date sort before every dated case (an invalid QDateTime).
        return m_cases->createdWallTime(row);
    default:
        return display(row, column);
    }
}

QVariant CaseTableModel::toolTip(int row, Column column) const
{
    if (column == Column::Category && !m_cases->descriptor(row).isEmpty())
        return m_cases->descriptor(row);
    if (column == Column::Id) {
        const QString address = m_cases->address(row);
        if (!address.isEmpty())
            return address;
    }
    return {};
}

QVariant CaseTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);

    switch (Column(section)) {
    case Column::Id:
        return tr("Case");
    case Column::Category:
        return tr("Category");
    case Column::Status:
        return tr("Status");
    case Column::Created:
        return tr("Created");
    case Column::Grid:
        return tr("Grid");
    case Column::Agency:
        return tr("Agency");
    case Column::Flags:
        return tr("Flags");
    case Column::Count:
        break;
    }
    return {};
}

} // namespace GridDesk
