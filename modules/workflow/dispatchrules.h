// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"

#include <QJsonArray>
#include <QList>
#include <QStringList>
#include <QTime>

#include <optional>

namespace GridDesk {

/// One line of the auto-dispatch table: when a case matches every condition set, the rule
/// proposes its unit. Empty conditions match anything.
struct DispatchRule
{
    QString id; ///< stable, quoted in the history of every case the rule dispatched
    QString name;
    bool enabled = true;
    QString category; ///< matches this category and every category below it
    QString gridCode; ///< matches cases in this grid and every grid inside it
    QTime from; ///< time window of the report; may wrap past midnight (22:00–06:00)
    QTime to;
    QString channel; ///< the report's source channel ("nyc311", "hotline" …)
    QString unit;
    QStringList coUnits;
};

/// What a case brings to the rule table.
struct DispatchInput
{
    QStringList categoryPath; ///< the case's category and its ancestors, innermost first
    QStringList gridPath; ///< the case's grid and the grids it lies in, innermost first
    QTime time; ///< wall-clock time of the report
    QString channel;
};

/// What the table proposes, and why, in words an operator can check.
struct DispatchProposal
{
    QString unit;
    QStringList coUnits;
    QString ruleId;
    QString reason;
};

/// The ordered rule table: the first enabled rule that matches decides.
class DispatchRules
{
public:
    DispatchRules() = default;
    /// Fails, naming the rule, on a duplicate id, a missing unit or half a time window.
    static Result<DispatchRules> build(const QList<DispatchRule> &rules);

    /// Reads [{id, name, enabled, category, grid, from "22:00", to "06:00", channel, unit,
    /// co_units: []}]; errors name the rule and field.
    static Result<DispatchRules> fromJson(const QJsonArray &array);
    QJsonArray toJson() const;

    const QList<DispatchRule> &rules() const { return m_rules; }
    bool isEmpty() const { return m_rules.isEmpty(); }

    /// The first enabled matching rule's proposal; nothing when none matches.
    std::optional<DispatchProposal> propose(const DispatchInput &input) const;

    /// Whether rule matches input, whether or not it is enabled.
    static bool matches(const DispatchRule &rule, const DispatchInput &input);

private:
    QList<DispatchRule> m_rules;
};

} // namespace GridDesk
