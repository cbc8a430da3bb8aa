// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "casetablemodel.h"

#include <QBrush>
#include <QColor>

namespace GridDesk {

namespace {
QString createdText(const CaseTime &time)
{
    if (!time.isValid())
        return {};
    return time.wallTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

bool isClosed(const CaseRecord &record)
{
    return record.status.trimmed().compare(QLatin1String("closed"), Qt::CaseInsensitive) == 0;
}
} // namespace

CaseTableModel::CaseTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void CaseTableModel::setCases(QList<CaseRecord> cases)
{
    beginResetModel();
    m_cases = std::move(cases);
    m_rowById.clear();
    m_rowById.reserve(m_cases.size());
    for (int row = 0; row < m_cases.size(); ++row)
        m_rowById.insert(m_cases.at(row).id, row);
    endResetModel();
}

std::optional<int> CaseTableModel::rowOf(qint64 id) const
{
    const auto found = m_rowById.constFind(id);
    if (found == m_rowById.cend())
        return std::nullopt;
    return *found;
}

int CaseTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_cases.size());
}

int CaseTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(Column::Count);
}

QVariant CaseTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};

    const CaseRecord &record = m_cases.at(index.row());
    const auto column = Column(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return display(record, column);
    case Qt::ToolTipRole:
        return toolTip(record, column);
    case Qt::ForegroundRole:
        if (column == Column::Status && !isClosed(record))
            return QBrush(QColor(0xb0, 0x1c, 0x14));
        return {};
    case int(Role::Sort):
        return sortValue(record, column);
    case int(Role::CaseId):
        return record.id;
    case int(Role::GridCode):
        return record.gridCode;
    default:
        return {};
    }
}

QVariant CaseTableModel::display(const CaseRecord &record, Column column) const
{
    switch (column) {
    case Column::Id:
        return record.externalId.isEmpty() ? QString::number(record.id) : record.externalId;
    case Column::Category:
        return record.category;
    case Column::Status:
        return record.status;
    case Column::Created:
        return createdText(record.created);
    case Column::Grid:
        return record.gridCode;
    case Column::Agency:
        return record.agency;
    case Column::Flags:
        return record.flags.join(QStringLiteral(", "));
    case Column::Count:
        break;
    }
    return {};
}

QVariant CaseTableModel::sortValue(const CaseRecord &record, Column column) const
{
    switch (column) {
    case Column::Id: {
        // The column shows the source's id when there is one; sort by it as a number then.
        bool numeric = false;
        const qint64 external = record.externalId.toLongLong(&numeric);
        return numeric ? external : record.id;
    }
    case Column::Created:
        // Cases without a date sort before every dated case.
        return record.created.isValid() ? record.created.wallTime() : QDateTime();
    default:
        return display(record, column);
    }
}

QVariant CaseTableModel::toolTip(const CaseRecord &record, Column column) const
{
    if (column == Column::Category && !record.descriptor.isEmpty())
        return record.descriptor;
    if (column == Column::Id && !record.address.isEmpty())
        return record.address;
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
