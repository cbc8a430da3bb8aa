// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "rejectedcommandsmodel.h"

#include "domain/displaytime.h"
#include "domain/text.h"
#include "workflow/terms.h"

#include <QDateTime>

namespace GridDesk {

RejectedCommandsModel::RejectedCommandsModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void RejectedCommandsModel::setEntries(const QList<Sync::OutboxEntry> &entries)
{
    beginResetModel();
    m_entries = entries;
    endResetModel();
}

std::optional<int> RejectedCommandsModel::rowOf(qint64 entryId) const
{
    for (int row = 0; row < m_entries.size(); ++row) {
        if (m_entries.at(row).id == entryId)
            return row;
    }
    return std::nullopt;
}

int RejectedCommandsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int RejectedCommandsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(Column::Count);
}

QString RejectedCommandsModel::text(const Sync::OutboxEntry &entry, Column column) const
{
    switch (column) {
    case Column::Case:
        if (entry.kind == Sync::CommandKind::Edition)
            //: %1 is the grid edition a draft was drawn on
            return tr("Grid map (drawn on edition %1)").arg(entry.basedOn);
        if (entry.kind == Sync::CommandKind::Org)
            //: %1 is the server's revision of the org chart the change was made on
            return tr("Org chart (made on revision %1)").arg(entry.basedOn);
        if (entry.kind == Sync::CommandKind::Register)
            //: %1 is a register entry's code, %2 the entry's version the change was made on
            return tr("Register entry %1 (made on version %2)")
                .arg(printableText(entry.key.externalId))
                .arg(entry.basedOn);
        //: a case's number at this desk, and its channel and id there
        return tr("%1 (%2 %3)")
            .arg(QString::number(entry.caseId), printableText(entry.key.source),
                printableText(entry.key.externalId));
    case Column::Action:
        switch (entry.kind) {
        case Sync::CommandKind::Edition:
            return tr("Publish grid edition");
        case Sync::CommandKind::Org:
            return tr("Change org chart");
        case Sync::CommandKind::Register:
            return tr("Change register entry");
        case Sync::CommandKind::Case:
        case Sync::CommandKind::Count:
            break;
        }
        return caseActionName(entry.action);
    case Column::MadeBy:
        return printableText(entry.madeBy);
    case Column::MadeAt: {
        const QDateTime at = QDateTime::fromString(entry.madeAt, Qt::ISODate);
        return at.isValid() ? displayDateTime(at.toLocalTime()) : printableText(entry.madeAt);
    }
    case Column::Refusal: {
        const auto refusal = Sync::refusalFromKey(entry.refusal);
        //: a refusal in words, and its code as the server sent it
        return refusal ? tr("%1 (%2)").arg(Sync::refusalName(*refusal), entry.refusal)
                       : printableText(entry.refusal);
    }
    case Column::Reason:
        return printableText(entry.reason);
    case Column::Count:
        break;
    }
    return {};
}

QVariant RejectedCommandsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Sync::OutboxEntry &entry = m_entries.at(index.row());
    const auto column = Column(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return text(entry, column);
    case Qt::ToolTipRole:
        return column == Column::Reason ? QVariant(printableText(entry.reason)) : QVariant();
    case int(Role::EntryId):
        return entry.id;
    default:
        return {};
    }
}

QVariant RejectedCommandsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Column::Case:
        return tr("Case");
    case Column::Action:
        return tr("Action");
    case Column::MadeBy:
        return tr("Made by");
    case Column::MadeAt:
        return tr("Made at");
    case Column::Refusal:
        return tr("Refusal");
    case Column::Reason:
        return tr("Reason");
    case Column::Count:
        break;
    }
    return {};
}

} // namespace GridDesk
