// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "evaluationreport.h"

#include <QCoreApplication>

#include <algorithm>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Evaluation)
};

UnitScore scoreOf(const EvaluationGroup &unit, const EvaluationWeights &weights)
{
    UnitScore score;
    score.unit = unit.key();
    score.caseIds = unit.value(Indicator::Received).cases;
    score.cases = score.caseIds.size();
    double weighted = 0;
    double weightSum = 0;
    for (auto it = weights.weights.constBegin(); it != weights.weights.constEnd(); ++it) {
        if (it.value() <= 0)
            continue;
        const std::optional<double> part = indicatorScore(it.key(), unit.value(it.key()).value);
        if (!part) {
            score.missing << indicatorKey(it.key());
            continue;
        }
        weighted += it.value() * *part;
        weightSum += it.value();
    }
    if (weightSum > 0)
        score.score = 100.0 * weighted / weightSum;
    return score;
}

} // namespace

const EvaluationGroup *EvaluationReport::group(const QString &key, const QString &period) const
{
    for (const EvaluationGroup &candidate : groups) {
        if (candidate.key() == key && candidate.period() == period)
            return &candidate;
    }
    return nullptr;
}

QString EvaluationReport::keyLabel(Grouping grouping, const QString &key)
{
    if (!key.isEmpty())
        return key;
    switch (grouping) {
    case Grouping::Unit:
        return Tr::tr("(not dispatched)");
    case Grouping::Grid:
        return Tr::tr("(no grid)");
    case Grouping::Category:
        return Tr::tr("(no category)");
    case Grouping::Source:
        return Tr::tr("(channel not recorded)");
    case Grouping::None:
    case Grouping::Count:
        break;
    }
    return Tr::tr("all cases");
}

void rankUnits(EvaluationReport &report, const QList<EvaluationGroup> &units,
    const std::function<QString(const QString &)> &names)
{
    const int minimum = report.weights.minimumCases;
    for (const EvaluationGroup &unit : units) {
        // Cases never dispatched have no unit to answer for them.
        if (unit.key().isEmpty())
            continue;
        UnitScore score = scoreOf(unit, report.weights);
        score.unitName = names(unit.key());
        const bool rankable = score.cases >= minimum && score.score.has_value();
        (rankable ? report.ranking : report.unranked) << score;
    }

    std::sort(report.ranking.begin(), report.ranking.end(), [](const auto &a, const auto &b) {
        if (*a.score != *b.score)
            return *a.score > *b.score;
        return a.unit < b.unit;
    });
    for (int i = 0; i < report.ranking.size(); ++i)
        report.ranking[i].rank = i + 1;

    if (!report.unranked.isEmpty()) {
        report.notes << Tr::tr("%n unit(s) with fewer than %1 cases, or with no weighted "
                               "indicator to score, are not ranked; their scores are listed "
                               "apart.",
            nullptr, int(report.unranked.size()))
                            .arg(minimum);
    }
}

} // namespace GridDesk
