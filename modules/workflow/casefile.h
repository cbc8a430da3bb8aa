// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "caseevent.h"

#include <QList>
#include <QStringList>

#include <optional>

namespace GridDesk {

/// A span of wall-clock time during which a stage's clock stood still.
struct Pause
{
    CaseTime from;
    CaseTime to; ///< invalid while the pause lasts
};

/// What a case's history adds up to: its state and everything the next action is checked
/// against. Built only by replaying events, so nothing here can differ from the history.
class CaseFile
{
public:
    /// Replays events, which must be one case's, in sequence order.
    static CaseFile replay(const QList<CaseEvent> &events);

    /// Takes one more event into account; event.sequence must be version() + 1.
    void apply(const CaseEvent &event);

    qint64 caseId() const { return m_caseId; }
    /// The number of events so far; an action must name it to be applied.
    int version() const { return m_events.size(); }
    bool exists() const { return !m_events.isEmpty(); }
    CaseState state() const { return m_state; }
    const QList<CaseEvent> &events() const { return m_events; }

    QString category() const { return m_category; }
    QString leadUnit() const { return m_leadUnit; }
    QStringList coUnits() const { return m_coUnits; }
    /// The dispatch rule that chose the lead unit, and its explanation; empty when a person
    /// chose it.
    QString dispatchRule() const { return m_dispatchRule; }
    QString dispatchReason() const { return m_dispatchReason; }

    /// When the current stage started and its pauses and approved extensions.
    CaseTime stageStarted() const { return m_stageStarted; }
    const QList<Pause> &pauses() const { return m_pauses; }
    bool isSuspended() const { return !m_pauses.isEmpty() && !m_pauses.last().to.isValid(); }
    /// Extensions approved in the current stage, as limit texts ("2d").
    QStringList extensions() const { return m_extensions; }
    /// The limit text a unit asked for, while a manager has not decided.
    std::optional<QString> pendingExtension() const { return m_pendingExtension; }
    std::optional<CaseTime> promisedAt() const { return m_promisedAt; }

    bool hasType(CaseType type) const { return m_types & (1u << int(type)); }
    QList<CaseType> types() const;

    /// Who accepted or fed back since the last dispatch, and for which units: verification
    /// must come from someone else.
    QStringList handlers() const { return m_handlers; }
    QStringList handlerUnits() const { return m_handlerUnits; }
    int supervisions() const { return m_supervisions; }
    QString escalatedTo() const { return m_escalatedTo; }
    /// The satisfaction in force: the latest evaluation or return visit since the last reopening.
    std::optional<int> satisfaction() const { return m_satisfaction; }
    int returnVisits() const { return m_returnVisits; }
    /// When the reporter was first contacted by whoever handles the case; invalid when never.
    CaseTime firstContact() const { return m_firstContact; }
    std::optional<qint64> mergedInto() const { return m_mergedInto; }
    QList<qint64> mergedFrom() const { return m_mergedFrom; }

private:
    void startStage(const CaseEvent &event);
    void applyDispatch(const CaseEvent &event);
    void applyAside(const CaseEvent &event);

    qint64 m_caseId = 0;
    QList<CaseEvent> m_events;
    CaseState m_state = CaseState::Reported;
    QString m_category;
    QString m_leadUnit;
    QStringList m_coUnits;
    QString m_dispatchRule;
    QString m_dispatchReason;
    CaseTime m_stageStarted;
    QList<Pause> m_pauses;
    QStringList m_extensions;
    std::optional<QString> m_pendingExtension;
    std::optional<CaseTime> m_promisedAt;
    quint32 m_types = 0;
    QStringList m_handlers;
    QStringList m_handlerUnits;
    int m_supervisions = 0;
    QString m_escalatedTo;
    std::optional<int> m_satisfaction;
    int m_returnVisits = 0;
    CaseTime m_firstContact;
    std::optional<qint64> m_mergedInto;
    QList<qint64> m_mergedFrom;
};

} // namespace GridDesk
