// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "standards/attachedstandard.h"

#include <QAbstractTableModel>

namespace GridDesk {

/// The standards attached to one category, a row each: number, title, level, status, dates and
/// the document kept with it. Standards not saved yet say so in their tooltip.
class AttachedStandardsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Column { Number, Title, Level, Status, Published, Implemented, Document, Count };
    enum class Role { AttachedId = Qt::UserRole + 1 };

    explicit AttachedStandardsModel(QObject *parent = nullptr);

    void setStandards(const QList<AttachedStandard> &standards);
    const QList<AttachedStandard> &standards() const { return m_standards; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const AttachedStandard &standard, Column column) const;

    QList<AttachedStandard> m_standards;
};

} // namespace GridDesk
