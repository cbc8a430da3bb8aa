// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include <QAbstractTableModel>
#include <QList>

namespace GridDesk {

class OrgDocument;

/// The active people of one unit, or of the whole chart, as a table. Phone and ID numbers show
/// masked unless they were revealed in this session through the document's recorded reveal.
class PeopleModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Column { Name, Post, Unit, Grids, Phone, IdNumber, Count };
    enum class Role {
        PersonId = Qt::UserRole + 1, ///< qint64 on every column
        Revealed, ///< bool on the number columns: shown unmasked
        Count
    };

    explicit PeopleModel(OrgDocument *document, QObject *parent = nullptr);

    /// Shows the people of the unit; an empty code shows everyone.
    void setUnit(const QString &code);
    QString unit() const { return m_unit; }
    qint64 personAt(int row) const;
    int rowOf(qint64 personId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void reread();
    QVariant number(qint64 personId, Column column, int role) const;

    OrgDocument *m_document;
    QString m_unit;
    QList<qint64> m_ids;
};

} // namespace GridDesk
