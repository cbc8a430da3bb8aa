// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "evaluationfilter.h"
#include "evaluationgroup.h"
#include "evaluationweights.h"

#include <QDateTime>
#include <QList>
#include <QStringList>

#include <functional>
#include <optional>

namespace GridDesk {

/// A unit's composite score: the weighted mean of the scores of its scored indicators
/// (indicatorScore()), over the indicators that have a value and a weight above 0, from 0 to
/// 100.
struct UnitScore
{
    QString unit;
    QString unitName;
    qint64 cases = 0;
    QList<qint64> caseIds; ///< the unit's cases the score was made from, in id order
    std::optional<double> score; ///< empty when no weighted indicator has a value
    QStringList missing; ///< weighted indicators left out for want of cases (keys)
    std::optional<int> rank; ///< 1 for the best; empty for units not ranked
};

/// What an evaluation run found: the filter it ran with, the totals, the groups asked for,
/// each unit's composite score and the ranking. Made by Evaluator::run().
struct EvaluationReport
{
    EvaluationFilter filter;
    QString jurisdiction; ///< who the figures were made for, in words
    QString workspaceTitle;
    QDateTime madeAt; ///< UTC
    EvaluationWeights weights;
    EvaluationGroup total;
    QList<EvaluationGroup> groups; ///< ordered by key, then period
    QList<UnitScore> ranking; ///< ranked units in rank order
    QList<UnitScore> unranked; ///< units below weights.minimumCases, by code
    QStringList notes; ///< what the reader must know: what was left out and why

    /// The group with key and period, if the report has it.
    const EvaluationGroup *group(const QString &key, const QString &period = {}) const;

    /// The label of a group's key: "(not dispatched)" for cases without a unit, "(no grid)" …
    static QString keyLabel(Grouping grouping, const QString &key);
};

/// Scores each unit of groups (made by unit) and ranks those with at least
/// weights.minimumCases cases; names maps unit codes to names.
void rankUnits(EvaluationReport &report, const QList<EvaluationGroup> &units,
    const std::function<QString(const QString &)> &names);

} // namespace GridDesk
