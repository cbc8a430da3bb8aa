// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "registertablemodel.h"

#include <QFont>

namespace GridDesk {

RegisterTableModel::RegisterTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void RegisterTableModel::setEntries(
    const QList<RegisterEntry> &entries, const RegisterSchema &schema, const QSet<QString> &stale)
{
    beginResetModel();
    m_entries = entries;
    m_kinds = schema.kinds();
    m_stale = stale;
    endResetModel();
}

int RegisterTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int RegisterTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(Column::Count);
}

QString RegisterTableModel::kindTitle(const QString &kind) const
{
    for (const RegisterKind &each : m_kinds) {
        if (each.key == kind)
            return tr("%1 %2", "a register kind in English, then in Chinese")
                .arg(each.title, each.titleZh);
    }
    return kind;
}

QVariant RegisterTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const RegisterEntry &entry = m_entries.at(index.row());
    if (role == int(Role::Code))
        return entry.code;
    if (role == int(Role::Stale))
        return m_stale.contains(entry.code);
    if (role == Qt::FontRole && m_stale.contains(entry.code)) {
        QFont font;
        font.setBold(true);
        return font;
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(index.column())) {
    case Column::Code:
        return entry.code;
    case Column::Kind:
        return kindTitle(entry.kind);
    case Column::Name:
        return entry.name;
    case Column::Address:
        return entry.address;
    case Column::Grid:
        return entry.gridCode;
    case Column::Verified:
        return entry.verifiedAt.isValid()
            ? tr("%1, %2").arg(entry.verifiedBy, entry.verifiedAt.date().toString(Qt::ISODate))
            : tr("never");
    case Column::Count:
        break;
    }
    return {};
}

QVariant RegisterTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Column::Code:
        return tr("Code");
    case Column::Kind:
        return tr("Kind");
    case Column::Name:
        return tr("Name");
    case Column::Address:
        return tr("Address");
    case Column::Grid:
        return tr("Grid");
    case Column::Verified:
        return tr("Last verified");
    case Column::Count:
        break;
    }
    return {};
}

} // namespace GridDesk
