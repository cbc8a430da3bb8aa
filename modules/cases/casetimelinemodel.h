// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "workflow/caseevent.h"
#include "workflow/orgdirectory.h"

#include <QAbstractTableModel>
#include <QList>

namespace GridDesk {

/// The history of one case, one row per event, oldest first: who acted, in which role and
/// unit, when, from which state to which, why, and what the action carried, in words.
class CaseTimelineModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Column { When, Action, Actor, Role, Unit, Change, Reason, Details, Count };
    enum class Role {
        /// The event's sequence number in the case's history.
        Sequence = Qt::UserRole + 1,
        /// The CaseAction of the event, as an int.
        Action,
    };

    explicit CaseTimelineModel(QObject *parent = nullptr);

    /// Shows events; units name the org units they mention.
    void setEvents(const QList<CaseEvent> &events, const OrgDirectory &units);
    const QList<CaseEvent> &events() const { return m_events; }

    /// What event carried, as a sentence or two: the unit dispatched to, the result fed back,
    /// the satisfaction recorded …; empty when it carried nothing worth saying.
    static QString details(const CaseEvent &event, const OrgDirectory &units);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString display(const CaseEvent &event, Column column) const;

    QList<CaseEvent> m_events;
    OrgDirectory m_units;
};

} // namespace GridDesk
