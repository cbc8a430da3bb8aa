// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "evaluationweights.h"

#include "storage/workspace.h"

#include <QCoreApplication>
#include <QJsonDocument>

#include <cmath>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Evaluation)
};

QString scoredKeys()
{
    QStringList keys;
    for (Indicator indicator : scoredIndicators())
        keys << indicatorKey(indicator);
    return keys.join(QStringLiteral(", "));
}

} // namespace

EvaluationWeights EvaluationWeights::defaults()
{
    EvaluationWeights weights;
    weights.weights = {
        {Indicator::ClosureRate, 25},
        {Indicator::OnTimeClosureRate, 25},
        {Indicator::ReworkRate, 15},
        {Indicator::SupervisionRate, 10},
        {Indicator::FirstDiscoveryRate, 10},
        {Indicator::Satisfaction, 15},
    };
    return weights;
}

Result<EvaluationWeights> EvaluationWeights::load(const Workspace &workspace)
{
    const QString text = workspace.metadata(QLatin1String(METADATA_KEY));
    if (text.isEmpty())
        return defaults();
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (!document.isObject()) {
        return fail(ErrorCode::InvalidRow,
            Tr::tr("The evaluation weights kept in the workspace cannot be read: %1.")
                .arg(error.errorString()));
    }
    return fromJson(document.object());
}

Result<void> EvaluationWeights::save(Workspace &workspace) const
{
    if (auto valid = validate(); !valid)
        return valid;
    const QByteArray text = QJsonDocument(toJson()).toJson(QJsonDocument::Compact);
    return workspace.setMetadata(QLatin1String(METADATA_KEY), QString::fromUtf8(text));
}

Result<void> EvaluationWeights::set(const QString &key, const QString &text)
{
    const std::optional<Indicator> indicator = indicatorFromKey(key);
    if (!indicator || !scoredIndicators().contains(*indicator)) {
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("\"%1\" is not a weighted indicator; use one of %2.").arg(key, scoredKeys()));
    }
    bool ok = false;
    const double weight = text.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(weight) || weight < 0 || weight > MAX_WEIGHT) {
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("The weight of %1 must be a number from 0 to %2, not \"%3\".")
                .arg(key)
                .arg(MAX_WEIGHT)
                .arg(text));
    }
    weights.insert(*indicator, weight);
    return {};
}

Result<void> EvaluationWeights::validate() const
{
    for (auto it = weights.constBegin(); it != weights.constEnd(); ++it) {
        const bool usable = std::isfinite(it.value()) && it.value() >= 0 && it.value() <= MAX_WEIGHT
            && scoredIndicators().contains(it.key());
        if (!usable) {
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("The weight of %1 must be a number from 0 to %2, not %3.")
                    .arg(indicatorKey(it.key()))
                    .arg(MAX_WEIGHT)
                    .arg(it.value()));
        }
    }
    if (total() <= 0) {
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("At least one weight must be above 0, or no unit can be scored."));
    }
    if (minimumCases < 1) {
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("A unit needs at least 1 case to be ranked, not %1.").arg(minimumCases));
    }
    return {};
}

double EvaluationWeights::total() const
{
    double sum = 0;
    for (double weight : weights)
        sum += weight;
    return sum;
}

QJsonObject EvaluationWeights::toJson() const
{
    QJsonObject indicators;
    for (auto it = weights.constBegin(); it != weights.constEnd(); ++it) {
        indicators.insert(indicatorKey(it.key()),
            QJsonObject {{QStringLiteral("weight"), it.value()},
                {QStringLiteral("clause"), indicatorClause(it.key())}});
    }
    return QJsonObject {
        {QStringLiteral("weights"), indicators},
        {QStringLiteral("minimum_cases"), minimumCases},
    };
}

Result<EvaluationWeights> EvaluationWeights::fromJson(const QJsonObject &json)
{
    EvaluationWeights result;
    const QJsonObject indicators = json.value(QLatin1String("weights")).toObject();
    for (auto it = indicators.constBegin(); it != indicators.constEnd(); ++it) {
        const QJsonValue weight = it.value().toObject().value(QLatin1String("weight"));
        if (!weight.isDouble()) {
            return fail(ErrorCode::InvalidRow,
                Tr::tr("The evaluation weight of %1 kept in the workspace is not a number.")
                    .arg(it.key()));
        }
        if (auto set = result.set(it.key(), QString::number(weight.toDouble(), 'g', 17)); !set)
            return std::unexpected(set.error());
    }
    result.minimumCases =
        json.value(QLatin1String("minimum_cases")).toInt(EvaluationWeights::DEFAULT_MINIMUM_CASES);
    if (auto valid = result.validate(); !valid)
        return std::unexpected(valid.error());
    return result;
}

} // namespace GridDesk
