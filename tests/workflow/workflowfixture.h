// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "workflow/casefile.h"
#include "workflow/workflowengine.h"

#include <QDateTime>

namespace GridDesk::Test {

/// A small org chart: a city centre, a district centre, two departments and a grid
/// workstation with its supervisor post.
inline OrgDirectory sampleUnits()
{
    return OrgDirectory({
        {QStringLiteral("city"), QStringLiteral("City supervision centre"), 1, {}},
        {QStringLiteral("district"), QStringLiteral("District command centre"), 2,
            QStringLiteral("city")},
        {QStringLiteral("sanitation"), QStringLiteral("Sanitation department"), 5,
            QStringLiteral("district")},
        {QStringLiteral("sanitation/crew1"), QStringLiteral("Sanitation crew 1"), 6,
            QStringLiteral("sanitation")},
        {QStringLiteral("roads"), QStringLiteral("Roads department"), 5,
            QStringLiteral("district")},
        {QStringLiteral("grid-station"), QStringLiteral("Grid workstation"), 4,
            QStringLiteral("district")},
    });
}

/// Someone acting on cases in a test: who, in which role and unit.
struct Person
{
    QString name;
    Role role;
    QString unit;
};

inline const Person OPERATOR {QStringLiteral("Chen"), Role::Operator, QStringLiteral("district")};
inline const Person HANDLER {
    QStringLiteral("Zhao"), Role::UnitHandler, QStringLiteral("sanitation")};
inline const Person SUPERVISOR {
    QStringLiteral("Li"), Role::Supervisor, QStringLiteral("grid-station")};
inline const Person LEADER {QStringLiteral("Wang"), Role::Leader, QStringLiteral("district")};

/// Drives one case through the engine, minute by minute from a fixed start.
class Flow
{
public:
    explicit Flow(qint64 caseId = 7, const OrgDirectory &units = sampleUnits())
        : m_engine(units)
        , m_caseId(caseId)
    { }

    ActionRequest request(const Person &person, CaseAction action) const
    {
        ActionRequest request;
        request.action = action;
        request.basedOnVersion = m_file.version();
        request.actor = person.name;
        request.role = person.role;
        request.actorUnit = person.unit;
        request.at = CaseTime::naive(QDate(2026, 3, 2), QTime(9, 0).addSecs(60 * m_file.version()));
        return request;
    }

    Result<CaseEvent> decide(const ActionRequest &request) const
    {
        return m_engine.decide(m_file, request);
    }

    /// Decides and applies request; fails the calling test when the engine refuses it.
    bool apply(const ActionRequest &request)
    {
        auto event = m_engine.decide(m_file, request);
        if (!event) {
            qWarning("refused: %s", qPrintable(event.error().message));
            return false;
        }
        event->caseId = m_caseId;
        m_file.apply(*event);
        return true;
    }

    bool apply(const Person &person, CaseAction action) { return apply(request(person, action)); }

    /// Reports, registers and dispatches to sanitation.
    bool dispatched()
    {
        return apply(OPERATOR, CaseAction::Report) && apply(OPERATOR, CaseAction::Register)
            && apply(withUnit(OPERATOR, CaseAction::Dispatch, QStringLiteral("sanitation")));
    }

    /// ... then accepted and fed back by the sanitation handler.
    bool fedBack()
    {
        if (!dispatched() || !apply(HANDLER, CaseAction::Accept))
            return false;
        ActionRequest feedBack = request(HANDLER, CaseAction::FeedBack);
        feedBack.data.insert(QStringLiteral("result"), QStringLiteral("Swept and cleared."));
        return apply(feedBack);
    }

    ActionRequest withUnit(const Person &person, CaseAction action, const QString &unit) const
    {
        ActionRequest made = request(person, action);
        made.unit = unit;
        return made;
    }

    const CaseFile &file() const { return m_file; }

private:
    WorkflowEngine m_engine;
    qint64 m_caseId;
    CaseFile m_file;
};

} // namespace GridDesk::Test
