// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "indicator.h"

#include "domain/error.h"

#include <QJsonObject>
#include <QMap>

namespace GridDesk {

class Workspace;

/// How much each scored indicator counts in a unit's composite score, and how many cases a
/// unit needs to be ranked. Kept in the workspace's metadata as JSON (key
/// "evaluation.weights"), each weight with the clause of the standard it answers to, so the
/// file says what the numbers mean on its own.
struct EvaluationWeights
{
    QMap<Indicator, double> weights; ///< only scoredIndicators(); 0 leaves one out
    int minimumCases = DEFAULT_MINIMUM_CASES;

    static constexpr int DEFAULT_MINIMUM_CASES = 30;
    static constexpr double MAX_WEIGHT = 1000;

    /// The weights a workspace starts with: closure and on-time closure 25 each, rework and
    /// satisfaction 15 each, supervision and first discovery 10 each.
    static EvaluationWeights defaults();

    /// The weights kept in workspace, or defaults() when none were saved. Fails, naming the
    /// entry, when what is kept cannot be read.
    static Result<EvaluationWeights> load(const Workspace &workspace);
    /// Keeps these weights in workspace; fails without writing when they are not valid.
    Result<void> save(Workspace &workspace) const;

    /// Sets the weight of the indicator named key ("closure_rate") from text ("30").
    Result<void> set(const QString &key, const QString &text);
    /// Fails when a weight is negative, above MAX_WEIGHT or not a number, all are zero, or
    /// minimumCases is below 1.
    Result<void> validate() const;

    double total() const;
    QJsonObject toJson() const;
    static Result<EvaluationWeights> fromJson(const QJsonObject &json);

    static constexpr auto METADATA_KEY = "evaluation.weights";
};

} // namespace GridDesk
