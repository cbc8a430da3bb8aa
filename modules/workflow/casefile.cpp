// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "casefile.h"

#include <QJsonArray>

namespace GridDesk {

namespace {

QStringList textList(const QJsonValue &value)
{
    QStringList texts;
    for (const QJsonValue &item : value.toArray())
        texts << item.toString();
    return texts;
}

void appendOnce(QStringList &list, const QString &text)
{
    if (!text.isEmpty() && !list.contains(text))
        list << text;
}

} // namespace

CaseFile CaseFile::replay(const QList<CaseEvent> &events)
{
    CaseFile file;
    for (const CaseEvent &event : events)
        file.apply(event);
    return file;
}

QList<CaseType> CaseFile::types() const
{
    QList<CaseType> present;
    for (int type = 0; type < int(CaseType::Count); ++type) {
        if (hasType(CaseType(type)))
            present << CaseType(type);
    }
    return present;
}

void CaseFile::apply(const CaseEvent &event)
{
    Q_ASSERT(event.sequence == version() + 1);
    m_caseId = event.caseId;
    m_events << event;

    const CaseState previous = m_state;
    m_state = event.to;
    if (!event.from || previous != m_state)
        startStage(event);

    auto mark = [this](CaseType type) {
        m_types |= 1u << int(type);
    };
    switch (event.action) {
    case CaseAction::Report:
    case CaseAction::Register:
        if (event.data.contains(QLatin1String("category")))
            m_category = event.data.value(QLatin1String("category")).toString();
        break;
    case CaseAction::Reject:
        mark(CaseType::Rejected);
        break;
    case CaseAction::Dispatch:
        applyDispatch(event);
        if (!m_coUnits.isEmpty())
            mark(CaseType::JointHandling);
        break;
    case CaseAction::Accept:
    case CaseAction::FeedBack:
        appendOnce(m_handlers, event.actor);
        appendOnce(m_handlerUnits, event.unit);
        break;
    case CaseAction::Return:
        mark(CaseType::Returned);
        break;
    case CaseAction::FailVerification:
    case CaseAction::Supervise:
        ++m_supervisions;
        break;
    case CaseAction::Escalate:
        m_escalatedTo = event.data.value(QLatin1String("unit")).toString();
        mark(CaseType::Escalated);
        break;
    case CaseAction::Evaluate:
        m_satisfaction = event.data.value(QLatin1String("satisfaction")).toInt();
        break;
    case CaseAction::ReturnVisit:
        // What the reporter said on the return visit stands over the evaluation before it.
        m_satisfaction = event.data.value(QLatin1String("satisfaction")).toInt();
        ++m_returnVisits;
        break;
    case CaseAction::ContactReporter:
        if (!m_firstContact.isValid())
            m_firstContact = event.at;
        break;
    case CaseAction::Reopen:
        m_satisfaction.reset();
        break;
    case CaseAction::CloseImmediately:
        mark(CaseType::Immediate);
        break;
    case CaseAction::MarkSpecial:
        mark(CaseType::Special);
        break;
    case CaseAction::Merge:
        m_mergedInto = event.data.value(QLatin1String("into")).toInteger();
        break;
    case CaseAction::Absorb:
        m_mergedFrom << event.data.value(QLatin1String("from")).toInteger();
        break;
    default:
        applyAside(event);
        break;
    }
}

void CaseFile::startStage(const CaseEvent &event)
{
    m_stageStarted = event.at;
    m_pauses.clear();
    m_extensions.clear();
    m_pendingExtension.reset();
}

void CaseFile::applyDispatch(const CaseEvent &event)
{
    m_leadUnit = event.data.value(QLatin1String("unit")).toString();
    m_coUnits = textList(event.data.value(QLatin1String("co_units")));
    m_dispatchRule = event.data.value(QLatin1String("rule")).toString();
    m_dispatchReason = event.data.value(QLatin1String("rule_reason")).toString();
    // A new dispatch starts a new round of handling: whoever verifies it next must not have
    // handled this round, and earlier rounds' handlers may verify it.
    m_handlers.clear();
    m_handlerUnits.clear();
}

/// Actions that leave the state as it is: pauses, extensions, promises, attachments.
void CaseFile::applyAside(const CaseEvent &event)
{
    switch (event.action) {
    case CaseAction::RequestSupplement:
        m_pauses << Pause {event.at, {}};
        m_types |= 1u << int(CaseType::Supplementary);
        break;
    case CaseAction::ProvideSupplement:
        if (isSuspended())
            m_pauses.last().to = event.at;
        break;
    case CaseAction::RequestExtension:
        m_pendingExtension = event.data.value(QLatin1String("limit")).toString();
        break;
    case CaseAction::ApproveExtension:
        m_extensions << event.data.value(QLatin1String("limit")).toString();
        m_pendingExtension.reset();
        break;
    case CaseAction::DenyExtension:
        m_pendingExtension.reset();
        break;
    case CaseAction::Promise:
        m_promisedAt = CaseTime::fromIso(event.data.value(QLatin1String("promised_at")).toString());
        m_types |= 1u << int(CaseType::Promised);
        break;
    default:
        break;
    }
}

} // namespace GridDesk
