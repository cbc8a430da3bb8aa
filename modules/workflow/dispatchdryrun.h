// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "dispatchrules.h"
#include "workflowsetup.h"

#include <QDate>
#include <QJsonObject>
#include <QList>

#include <optional>

namespace GridDesk {

class Workspace;

/// What one rule would have done to the past cases it matched first.
struct DryRunRule
{
    QString ruleId;
    QString name;
    qint64 cases = 0; ///< cases this rule would have decided
    qint64 agreeing = 0; ///< of those, dispatched to the unit the rule proposes
    qint64 differing = 0; ///< dispatched elsewhere
};

/// A case the rules would have sent somewhere else than it went.
struct DryRunDifference
{
    qint64 caseId = 0;
    QString externalId;
    QString category;
    QString actualUnit;
    QString proposedUnit;
    QString ruleId;
};

/// What a rule table would have done to the cases reported in a period, against the units
/// those cases were actually dispatched to.
struct DryRunReport
{
    std::optional<QDate> from;
    std::optional<QDate> to;
    qint64 cases = 0; ///< cases reported in the period
    qint64 proposed = 0; ///< cases some rule matched
    qint64 agreeing = 0;
    qint64 differing = 0;
    qint64 notDispatched = 0; ///< matched, but the case never went to a unit
    qint64 unmatched = 0; ///< no rule matched
    QList<DryRunRule> rules; ///< in table order, unmatched rules included
    QList<DryRunDifference> differences; ///< the first MAX_DIFFERENCES
    static constexpr int MAX_DIFFERENCES = 50;

    QJsonObject toJson() const;
    QString toText() const;
};

/// Runs rules over the cases of workspace reported between from and to (inclusive dates, either
/// open), without changing anything. The actual unit of a case is the lead unit of its last
/// dispatch or, for cases imported without one, the agency the feed named.
Result<DryRunReport> dryRunDispatch(const Workspace &workspace, const WorkflowSetup &setup,
    const DispatchRules &rules, std::optional<QDate> from, std::optional<QDate> to);

} // namespace GridDesk
