// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "casefacts.h"
#include "indicator.h"

#include <QList>
#include <QString>

#include <array>
#include <optional>
#include <utility>
#include <vector>

namespace GridDesk {

/// One number of a report with the cases behind it, so that any view can open them.
struct IndicatorValue
{
    std::optional<double> value; ///< empty when the denominator is 0
    qint64 numerator = 0; ///< for counts, the count itself
    qint64 denominator = 0; ///< 0 for counts
    QList<qint64> cases; ///< the cases counted in the numerator, in id order
    QList<qint64> denominatorCases; ///< for rates and means: the cases it was taken over
};

/// How long a stage took across a group's cases, in hours of wall-clock time.
struct StageTime
{
    qint64 count = 0; ///< stages that ended (a case may pass a stage more than once)
    std::optional<double> meanHours;
    std::optional<double> medianHours;
    QList<qint64> cases; ///< the cases whose stages were counted, each once, in id order
};

/// The tallies of the cases that fall in one group of a report (one unit, one grid, one
/// month …, or all of them), from which every indicator is computed.
class EvaluationGroup
{
public:
    EvaluationGroup() = default;
    EvaluationGroup(QString key, QString period);

    QString key() const { return m_key; } ///< the unit, grid, category or source; may be empty
    QString period() const { return m_period; } ///< the period key; empty when not by period

    /// Counts one case; cases must come in id order.
    void add(const CaseFacts &facts);

    qint64 caseCount() const { return m_received.size(); }
    IndicatorValue value(Indicator indicator) const;
    StageTime stageTime(Stage stage) const;

private:
    static IndicatorValue rate(const QList<qint64> &cases, const QList<qint64> &over);
    static IndicatorValue mean(qint64 sum, const QList<qint64> &over);
    static IndicatorValue count(const QList<qint64> &cases, qint64 events = -1);

    QString m_key;
    QString m_period;
    QList<qint64> m_received;
    QList<qint64> m_registered;
    QList<qint64> m_dispatched;
    QList<qint64> m_dueToClose;
    QList<qint64> m_closed;
    QList<qint64> m_closedOnTime;
    QList<qint64> m_rework;
    QList<qint64> m_returned;
    QList<qint64> m_failedVerification;
    QList<qint64> m_supervised;
    QList<qint64> m_firstDiscovered;
    QList<qint64> m_evaluated;
    QList<qint64> m_hotline;
    QList<qint64> m_hotlineDispatched;
    QList<qint64> m_hotlineContacted;
    QList<qint64> m_hotlineClosed;
    QList<qint64> m_hotlineOnTime;
    QList<qint64> m_hotlineDue;
    QList<qint64> m_hotlineResolved;
    QList<qint64> m_hotlineEvaluated;
    qint64 m_returns = 0;
    qint64 m_failedVerifications = 0;
    qint64 m_supervisions = 0;
    qint64 m_satisfactionSum = 0;
    qint64 m_hotlineSatisfactionSum = 0;
    /// Per stage: seconds each ended stage took, with its case.
    std::array<std::vector<std::pair<qint64, qint64>>, std::size_t(Stage::Count)> m_stageSeconds;
};

} // namespace GridDesk
