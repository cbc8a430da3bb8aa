// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "register/registerentry.h"
#include "register/registerschema.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>

namespace GridDesk {

/// Register entries as a table: code, kind, name, address, grid, last verified. Shows what it
/// is given; the panel decides whether that is masked.
class RegisterTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Column { Code, Kind, Name, Address, Grid, Verified, Count };
    enum class Role { Code = Qt::UserRole + 1, Stale };

    explicit RegisterTableModel(QObject *parent = nullptr);

    /// Replaces the rows. stale holds the codes of entries due a visit (shown in bold).
    void setEntries(const QList<RegisterEntry> &entries, const RegisterSchema &schema,
        const QSet<QString> &stale);
    const QList<RegisterEntry> &entries() const { return m_entries; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString kindTitle(const QString &kind) const;

    QList<RegisterEntry> m_entries;
    QList<RegisterKind> m_kinds;
    QSet<QString> m_stale;
};

} // namespace GridDesk
