// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "evaluationgroup.h"

#include <algorithm>

namespace GridDesk {

namespace {

void addIf(QList<qint64> &list, bool condition, qint64 caseId)
{
    if (condition)
        list << caseId;
}

} // namespace

EvaluationGroup::EvaluationGroup(QString key, QString period)
    : m_key(std::move(key))
    , m_period(std::move(period))
{ }

void EvaluationGroup::add(const CaseFacts &facts)
{
    const qint64 id = facts.caseId;
    m_received << id;
    addIf(m_registered, facts.registered, id);
    addIf(m_dispatched, facts.dispatched, id);
    addIf(m_dueToClose, facts.isDueToClose(), id);
    addIf(m_closed, facts.closed, id);
    addIf(m_closedOnTime, facts.closedOnTime, id);
    addIf(m_rework, facts.dispatched && facts.isRework(), id);
    addIf(m_returned, facts.returns > 0, id);
    addIf(m_failedVerification, facts.failedVerifications > 0, id);
    addIf(m_supervised, facts.supervisions > 0, id);
    addIf(m_firstDiscovered, facts.firstDiscovered, id);
    addIf(m_evaluated, facts.closed && facts.satisfaction.has_value(), id);
    m_returns += facts.returns;
    m_failedVerifications += facts.failedVerifications;
    m_supervisions += facts.supervisions;
    if (facts.closed && facts.satisfaction)
        m_satisfactionSum += *facts.satisfaction;

    if (facts.hotline) {
        m_hotline << id;
        addIf(m_hotlineDispatched, facts.dispatched, id);
        addIf(m_hotlineContacted, facts.dispatched && facts.contactedFirst, id);
        addIf(m_hotlineClosed, facts.closed, id);
        addIf(m_hotlineOnTime, facts.closedOnTime, id);
        addIf(m_hotlineDue, facts.isDueToClose(), id);
        addIf(m_hotlineResolved, facts.closed && !facts.referred, id);
        addIf(m_hotlineEvaluated, facts.closed && facts.satisfaction.has_value(), id);
        if (facts.closed && facts.satisfaction)
            m_hotlineSatisfactionSum += *facts.satisfaction;
    }

    for (const StageSpan &span : facts.stages)
        m_stageSeconds[std::size_t(span.stage)].emplace_back(span.seconds, id);
}

IndicatorValue EvaluationGroup::rate(const QList<qint64> &cases, const QList<qint64> &over)
{
    IndicatorValue value;
    value.numerator = cases.size();
    value.denominator = over.size();
    value.cases = cases;
    value.denominatorCases = over;
    if (!over.isEmpty())
        value.value = double(cases.size()) / double(over.size());
    return value;
}

IndicatorValue EvaluationGroup::mean(qint64 sum, const QList<qint64> &over)
{
    IndicatorValue value;
    value.numerator = sum;
    value.denominator = over.size();
    value.cases = over;
    value.denominatorCases = over;
    if (!over.isEmpty())
        value.value = double(sum) / double(over.size());
    return value;
}

IndicatorValue EvaluationGroup::count(const QList<qint64> &cases, qint64 events)
{
    IndicatorValue value;
    value.numerator = events < 0 ? cases.size() : events;
    value.value = double(value.numerator);
    value.cases = cases;
    return value;
}

IndicatorValue EvaluationGroup::value(Indicator indicator) const
{
    switch (indicator) {
    case Indicator::Received:
        return count(m_received);
    case Indicator::Registered:
        return count(m_registered);
    case Indicator::Dispatched:
        return count(m_dispatched);
    case Indicator::Closed:
        return count(m_closed);
    case Indicator::ClosureRate:
        // Every closed case was registered and not withdrawn: the rate never exceeds 1.
        return rate(m_closed, m_dueToClose);
    case Indicator::OnTimeClosureRate:
        return rate(m_closedOnTime, m_closed);
    case Indicator::ReworkRate:
        return rate(m_rework, m_dispatched);
    case Indicator::Returns:
        return count(m_returned, m_returns);
    case Indicator::FailedVerifications:
        return count(m_failedVerification, m_failedVerifications);
    case Indicator::Supervisions:
        return count(m_supervised, m_supervisions);
    case Indicator::SupervisionRate:
        return rate(m_supervised, m_dispatched);
    case Indicator::FirstDiscoveryRate:
        return rate(m_firstDiscovered, m_received);
    case Indicator::Satisfaction:
        return mean(m_satisfactionSum, m_evaluated);
    case Indicator::Evaluated:
        return count(m_evaluated);
    case Indicator::HotlineReceived:
        return count(m_hotline);
    case Indicator::HotlineFirstContactRate:
        return rate(m_hotlineContacted, m_hotlineDispatched);
    case Indicator::HotlineOnTimeRate:
        return rate(m_hotlineOnTime, m_hotlineClosed);
    case Indicator::HotlineResolutionRate:
        return rate(m_hotlineResolved, m_hotlineDue);
    case Indicator::HotlineSatisfaction:
        return mean(m_hotlineSatisfactionSum, m_hotlineEvaluated);
    case Indicator::Count:
        break;
    }
    return {};
}

StageTime EvaluationGroup::stageTime(Stage stage) const
{
    StageTime time;
    std::vector<std::pair<qint64, qint64>> spans = m_stageSeconds.at(std::size_t(stage));
    time.count = qint64(spans.size());
    if (spans.empty())
        return time;

    double sum = 0;
    for (const auto &[seconds, caseId] : spans) {
        sum += double(seconds);
        time.cases << caseId;
    }
    time.meanHours = sum / double(spans.size()) / 3600.0;
    std::sort(time.cases.begin(), time.cases.end());
    time.cases.erase(std::unique(time.cases.begin(), time.cases.end()), time.cases.end());

    // The median of an even count is the mean of the middle two.
    const std::size_t middle = spans.size() / 2;
    auto byDuration = [](const auto &a, const auto &b) {
        return a.first < b.first;
    };
    std::nth_element(spans.begin(), spans.begin() + middle, spans.end(), byDuration);
    double median = double(spans[middle].first);
    if (spans.size() % 2 == 0) {
        const auto below = std::max_element(spans.begin(), spans.begin() + middle, byDuration);
        median = (median + double(below->first)) / 2.0;
    }
    time.medianHours = median / 3600.0;
    return time;
}

} // namespace GridDesk
