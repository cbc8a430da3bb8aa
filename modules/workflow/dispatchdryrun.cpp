// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "dispatchdryrun.h"

#include "storage/workspace.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::DispatchDryRun)
};

/// The chain of grids each grid lies in, innermost first.
class GridAncestry
{
public:
    explicit GridAncestry(const QList<Grid> &grids)
    {
        for (const Grid &grid : grids)
            m_parents.insert(grid.code, grid.parentCode);
    }

    QStringList path(const QString &code) const
    {
        QStringList path;
        QString current = code;
        while (!current.isEmpty() && path.size() <= m_parents.size() && !path.contains(current)) {
            path << current;
            current = m_parents.value(current);
        }
        return path;
    }

private:
    QHash<QString, QString> m_parents;
};

bool inPeriod(const CaseRecord &record, std::optional<QDate> from, std::optional<QDate> to)
{
    if (!from && !to)
        return true;
    if (!record.created.isValid())
        return false;
    const QDate day = record.created.wallTime().date();
    return (!from || day >= *from) && (!to || day <= *to);
}

QJsonValue dateJson(std::optional<QDate> date)
{
    return date ? QJsonValue(date->toString(Qt::ISODate)) : QJsonValue(QJsonValue::Null);
}

} // namespace

Result<DryRunReport> dryRunDispatch(const Workspace &workspace, const WorkflowSetup &setup,
    const DispatchRules &rules, std::optional<QDate> from, std::optional<QDate> to)
{
    auto grids = workspace.grids(std::nullopt, false);
    if (!grids)
        return std::unexpected(grids.error());
    const GridAncestry ancestry(*grids);

    DryRunReport report;
    report.from = from;
    report.to = to;
    QHash<QString, qsizetype> ruleIndex;
    for (const DispatchRule &rule : rules.rules()) {
        ruleIndex.insert(rule.id, report.rules.size());
        report.rules << DryRunRule {rule.id, rule.name};
    }

    auto visit = [&](const CaseRecord &record) {
        if (!inPeriod(record, from, to))
            return;
        ++report.cases;
        const DispatchInput input {setup.categories.path(record.category),
            ancestry.path(record.gridCode), record.created.wallTime().time(), record.source};
        const std::optional<DispatchProposal> proposal = rules.propose(input);
        if (!proposal) {
            ++report.unmatched;
            return;
        }
        ++report.proposed;
        DryRunRule &rule = report.rules[ruleIndex.value(proposal->ruleId)];
        ++rule.cases;

        const QString actual = record.leadUnit.isEmpty() ? record.agency : record.leadUnit;
        if (actual.isEmpty()) {
            ++report.notDispatched;
            return;
        }
        if (actual == proposal->unit) {
            ++report.agreeing;
            ++rule.agreeing;
            return;
        }
        ++report.differing;
        ++rule.differing;
        if (report.differences.size() < DryRunReport::MAX_DIFFERENCES) {
            report.differences << DryRunDifference {record.id, record.externalId, record.category,
                actual, proposal->unit, proposal->ruleId};
        }
    };
    if (auto read = workspace.forEachCase({}, visit); !read)
        return std::unexpected(read.error());
    return report;
}

QJsonObject DryRunReport::toJson() const
{
    QJsonArray ruleArray;
    for (const DryRunRule &rule : rules) {
        ruleArray << QJsonObject {{QStringLiteral("id"), rule.ruleId},
            {QStringLiteral("name"), rule.name}, {QStringLiteral("cases"), rule.cases},
            {QStringLiteral("agreeing"), rule.agreeing},
            {QStringLiteral("differing"), rule.differing}};
    }
    QJsonArray differenceArray;
    for (const DryRunDifference &difference : differences) {
        differenceArray << QJsonObject {{QStringLiteral("case"), difference.caseId},
            {QStringLiteral("external_id"), difference.externalId},
            {QStringLiteral("category"), difference.category},
            {QStringLiteral("actual_unit"), difference.actualUnit},
            {QStringLiteral("proposed_unit"), difference.proposedUnit},
            {QStringLiteral("rule"), difference.ruleId}};
    }
    return QJsonObject {{QStringLiteral("from"), dateJson(from)},
        {QStringLiteral("to"), dateJson(to)}, {QStringLiteral("cases"), cases},
        {QStringLiteral("proposed"), proposed}, {QStringLiteral("agreeing"), agreeing},
        {QStringLiteral("differing"), differing}, {QStringLiteral("not_dispatched"), notDispatched},
        {QStringLiteral("unmatched"), unmatched}, {QStringLiteral("rules"), ruleArray},
        {QStringLiteral("differences"), differenceArray}};
}

QString DryRunReport::toText() const
{
    QStringList lines;
    lines << Tr::tr("%n case(s) tried.", nullptr, int(cases)) + u' '
            + Tr::tr("Matched a rule: %1 (to the unit they went to: %2, elsewhere: %3, never "
                     "dispatched: %4). Matched none: %5.")
                  .arg(proposed)
                  .arg(agreeing)
                  .arg(differing)
                  .arg(notDispatched)
                  .arg(unmatched);
    for (const DryRunRule &rule : rules) {
        lines << Tr::tr("  %1 %2: %n case(s), %3 agreeing, %4 differing", nullptr, int(rule.cases))
                     .arg(rule.ruleId, rule.name)
                     .arg(rule.agreeing)
                     .arg(rule.differing);
    }
    return lines.join(u'\n');
}

} // namespace GridDesk
