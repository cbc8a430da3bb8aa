// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/compactcaselist.h"
#include "workflow/orgdirectory.h"
#include "workflow/terms.h"

#include <QDateTime>
#include <QString>

#include <array>
#include <vector>

namespace GridDesk {

/// The queues of the desk. Each is a filter over all cases; a case may be in several.
enum class QueueView {
    MyInbox, ///< what the acting user's role and unit must act on
    ToRegister,
    ToDispatch, ///< registered, returned and escalated cases
    InHandling, ///< dispatched and in handling
    AwaitingVerification,
    Supervised,
    Overdue, ///< open cases past their stage's deadline, clock running
    All,
    Count
};

QString queueViewName(QueueView view);

/// The person the workstation acts as.
struct DeskUser
{
    QString name;
    Role role = Role::Operator;
    QString unit; ///< an org unit code; may be empty for command-centre roles

    bool isValid() const { return !name.isEmpty(); }
};

/// Which queues each case of a list is in. Built once for a list, a user and a moment; after
/// that a row is placed by comparing shared text indices and numbers only, with no string
/// work. Rebuild it when the user or the moment changes, or when the list gained texts.
class QueueFilter
{
public:
    using Counts = std::array<qsizetype, std::size_t(QueueView::Count)>;

    QueueFilter() = default;
    /// now is a wall time of the city, compared with the deadlines the list keeps.
    QueueFilter(const CompactCaseList &cases, const DeskUser &user, const OrgDirectory &units,
        const QDateTime &now);

    static constexpr quint32 bit(QueueView view) { return 1u << int(view); }

    /// The views row of cases is in, as bits; cases must be the list the filter was built for.
    quint32 views(const CompactCaseList &cases, qsizetype row) const;
    bool accepts(const CompactCaseList &cases, qsizetype row, QueueView view) const
    {
        return views(cases, row) & bit(view);
    }

    /// How many cases each view holds, in one pass over the list.
    Counts count(const CompactCaseList &cases) const;

    /// The number of shared texts the list had when the filter was built.
    qsizetype textCount() const { return qsizetype(m_textFlags.size()); }

private:
    // What a shared text means to the filter, by text index.
    enum TextFlag : quint32 {
        HANDLER_STATE = 1u << 16, ///< a state in which the lead unit works on the case
        CAN_BE_OVERDUE = 1u << 17, ///< an open state with a stage deadline
        PENDING_STATE = 1u << 18, ///< a state in which an extension can wait for a decision
        OWN_UNIT = 1u << 19, ///< as lead unit: the user's unit or one it belongs to
        OWN_CO_UNITS = 1u << 20, ///< as co-units: a list naming the user's unit
        VIEW_BITS = 0xffffu,
    };

    quint32 flags(quint32 index) const
    {
        return index < m_textFlags.size() ? m_textFlags[index] : 0;
    }
    void markStates(const CompactCaseList &cases, const DeskUser &user);
    void markUnits(const CompactCaseList &cases, const DeskUser &user, const OrgDirectory &units);

    std::vector<quint32> m_textFlags;
    qint64 m_nowMsecs = 0;
    bool m_unitInbox = false;
    bool m_leaderInbox = false;
};

} // namespace GridDesk
