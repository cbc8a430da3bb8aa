// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "attachedstandardsmodel.h"

#include <QLocale>

namespace GridDesk {

namespace {

QString dateText(const QDate &date)
{
    return date.isValid() ? date.toString(Qt::ISODate) : QString();
}

} // namespace

AttachedStandardsModel::AttachedStandardsModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void AttachedStandardsModel::setStandards(const QList<AttachedStandard> &standards)
{
    beginResetModel();
    m_standards = standards;
    endResetModel();
}

int AttachedStandardsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_standards.size());
}

int AttachedStandardsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(Column::Count);
}

QVariant AttachedStandardsModel::headerData(
    int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Column::Number:
        return tr("Number");
    case Column::Title:
        return tr("Title");
    case Column::Level:
        return tr("Level");
    case Column::Status:
        return tr("Status");
    case Column::Published:
        return tr("Published");
    case Column::Implemented:
        return tr("Implemented");
    case Column::Document:
        return tr("Document");
    case Column::Count:
        break;
    }
    return {};
}

QVariant AttachedStandardsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const AttachedStandard &standard = m_standards.at(index.row());
    if (role == Qt::DisplayRole)
        return display(standard, Column(index.column()));
    if (role == int(Role::AttachedId))
        return standard.id;
    if (role == Qt::ToolTipRole && standard.id < 0)
        return tr("Attached in this session; Save keeps it in the workspace.");
    if (role == Qt::ToolTipRole && Column(index.column()) == Column::Document
        && !standard.fileName.isEmpty())
        return tr("Double-click to open the document.");
    return {};
}

QVariant AttachedStandardsModel::display(const AttachedStandard &standard, Column column) const
{
    switch (column) {
    case Column::Number:
        return standard.number;
    case Column::Title:
        return standard.title;
    case Column::Level:
        return standardLevelName(standard.level);
    case Column::Status:
        return standardStatusName(standard.status);
    case Column::Published:
        return dateText(standard.published);
    case Column::Implemented:
        return dateText(standard.implemented);
    case Column::Document:
        if (standard.fileName.isEmpty())
            return QString();
        //: %1 file name, %2 its size such as "1.2 MB"
        return tr("%1 (%2)").arg(standard.fileName, QLocale().formattedDataSize(standard.fileSize));
    case Column::Count:
        break;
    }
    return {};
}

} // namespace GridDesk
