// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "sync/outbox.h"

#include <QAbstractTableModel>

#include <optional>

namespace GridDesk {

/// The commands of the outbox the server rejected, a row each: the case, the action, who made
/// it and when, the refusal and the server's reason.
class RejectedCommandsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Column { Case, Action, MadeBy, MadeAt, Refusal, Reason, Count };
    enum class Role { EntryId = Qt::UserRole + 1, Count };

    explicit RejectedCommandsModel(QObject *parent = nullptr);

    void setEntries(const QList<Sync::OutboxEntry> &entries);
    const QList<Sync::OutboxEntry> &entries() const { return m_entries; }
    std::optional<int> rowOf(qint64 entryId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString text(const Sync::OutboxEntry &entry, Column column) const;

    QList<Sync::OutboxEntry> m_entries;
};

} // namespace GridDesk
