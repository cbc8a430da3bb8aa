// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "indicator.h"

#include <QCoreApplication>

#include <array>

namespace GridDesk {

namespace {

struct Definition
{
    const char *key;
    const char *name;
    const char *clause;
    bool rate;
};

constexpr std::array<Definition, std::size_t(Indicator::Count)> DEFINITIONS {{
    {"received", QT_TRANSLATE_NOOP("GridDesk::Evaluation", "Cases received"), "6.4.6.1", false},
    {"registered", QT_TRANSLATE_NOOP("GridDesk::Evaluation", "Cases registered"), "6.4.6.1", false},
    {"dispatched", QT_TRANSLATE_NOOP("GridDesk::Evaluation", "Cases dispatched"), "6.4.6.1", false},
    {"closed", QT_TRANSLATE_NOOP("GridDesk::Evaluation", "Cases closed"), "6.4.6.1", false},
    {"closure_rate", QT_TRANSLATE_NOOP("GridDesk::Evaluation", "Closure rate"), "7.8.2.4", true},
    {"on_time_closure_rate", QT_TRANSLATE_NOOP("GridDesk::Evaluation", "On-time closure rate"),
        "7.8.2.4", true},
    {"rework_rate", QT_TRANSLATE_NOOP("GridDesk::Evaluation", "Rework rate"), "7.8.2.4", true},
    {"returns", QT_TRANSLATE_NOOP("GridDesk::Evaluation", "Returns by units"), "6.4.6.1", false},
    {"failed_verifications", QT_TRANSLATE_NOOP("GridDesk::Evaluation", "Failed verifications"),
        "6.4.6.1", false},
    {"supervisions", QT_TRANSLATE_NOOP("GridDesk::Evaluation", "Supervisions"), "6.4.6.1", false},
    {"supervision_rate", QT_TRANSLATE_NOOP("GridDesk::Evaluation", "Supervision rate"), "6.4.6.1",
        true},
    {"first_discovery_rate", QT_TRANSLATE_NOOP("GridDesk::Evaluation", "First-discovery rate"),
        "7.8.2.4", true},
    {"satisfaction", QT_TRANSLATE_NOOP("GridDesk::Evaluation", "Satisfaction (1 to 5)"), "7.9.1",
        false},
    {"evaluated", QT_TRANSLATE_NOOP("GridDesk::Evaluation", "Cases evaluated"), "7.9.1", false},
    {"hotline_received", QT_TRANSLATE_NOOP("GridDesk::Evaluation", "Hotline cases received"),
        "7.8.2.5", false},
    {"hotline_first_contact_rate",
        QT_TRANSLATE_NOOP("GridDesk::Evaluation", "Hotline reporters contacted first"), "7.8.2.5",
        true},
    {"hotline_on_time_rate",
        QT_TRANSLATE_NOOP("GridDesk::Evaluation", "Hotline cases closed on time"), "7.8.2.5", true},
    {"hotline_resolution_rate",
        QT_TRANSLATE_NOOP("GridDesk::Evaluation", "Hotline requests resolved"), "7.8.2.5", true},
    {"hotline_satisfaction",
        QT_TRANSLATE_NOOP("GridDesk::Evaluation", "Hotline satisfaction (1 to 5)"), "7.8.2.5",
        false},
}};

} // namespace

QString indicatorKey(Indicator indicator)
{
    return QString::fromLatin1(DEFINITIONS.at(std::size_t(indicator)).key);
}

std::optional<Indicator> indicatorFromKey(const QString &key)
{
    const QString wanted = key.trimmed().toLower().replace(u'-', u'_');
    for (std::size_t i = 0; i < DEFINITIONS.size(); ++i) {
        if (wanted == QLatin1String(DEFINITIONS[i].key))
            return Indicator(i);
    }
    return std::nullopt;
}

QString indicatorName(Indicator indicator)
{
    return QCoreApplication::translate(
        "GridDesk::Evaluation", DEFINITIONS.at(std::size_t(indicator)).name);
}

QString indicatorClause(Indicator indicator)
{
    return QString::fromLatin1(DEFINITIONS.at(std::size_t(indicator)).clause);
}

bool isRate(Indicator indicator)
{
    return DEFINITIONS.at(std::size_t(indicator)).rate;
}

bool hasDenominator(Indicator indicator)
{
    return isRate(indicator) || indicator == Indicator::Satisfaction
        || indicator == Indicator::HotlineSatisfaction;
}

QList<Indicator> allIndicators()
{
    QList<Indicator> indicators;
    for (int i = 0; i < int(Indicator::Count); ++i)
        indicators << Indicator(i);
    return indicators;
}

QList<Indicator> scoredIndicators()
{
    return {Indicator::ClosureRate, Indicator::OnTimeClosureRate, Indicator::ReworkRate,
        Indicator::SupervisionRate, Indicator::FirstDiscoveryRate, Indicator::Satisfaction};
}

std::optional<double> indicatorScore(Indicator indicator, std::optional<double> value)
{
    if (!value)
        return std::nullopt;

    switch (indicator) {
    case Indicator::ReworkRate:
    case Indicator::SupervisionRate:
        return 1.0 - *value;
    case Indicator::Satisfaction:
    case Indicator::HotlineSatisfaction:
        return (*value - 1.0) / 4.0;
    default:
        return isRate(indicator) ? std::optional(*value) : std::nullopt;
    }
}

} // namespace GridDesk
