// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "workflowseed.h"

#include "historybuilder.h"

#include "storage/workspace.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace GridDesk::WorkflowSeed {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::WorkflowSeed)
};

/// Tiers of the standard's six: city supervision centre, district command centre, internal
/// business department.
constexpr int CITY_TIER = 1;
constexpr int COMMAND_CENTRE_TIER = 2;
constexpr int DEPARTMENT_TIER = 5;

/// Adds units to setup's directory, skipping codes it has; true when any was added.
bool addUnits(WorkflowSetup &setup, const QList<OrgUnit> &candidates)
{
    QList<OrgUnit> units = setup.units.units();
    bool added = false;
    for (const OrgUnit &unit : candidates) {
        const bool known = std::any_of(units.cbegin(), units.cend(),
            [&unit](const OrgUnit &existing) { return existing.code == unit.code; });
        if (known)
            continue;
        units << unit;
        added = true;
    }
    if (added)
        setup.units = OrgDirectory(units);
    return added;
}

QString city()
{
    return QString::fromLatin1(HistoryBuilder::CITY_UNIT);
}

/// Puts categories into setup's tree: each one replaces the category with its code.
Result<void> putCategories(WorkflowSetup &setup, const QList<Category> &changed)
{
    QList<Category> categories = setup.categories.categories();
    for (const Category &category : changed) {
        const auto same = [&category](const Category &c) {
            return c.code == category.code;
        };
        categories.removeIf(same);
        categories << category;
    }
    auto tree = CategoryTree::build(categories);
    if (!tree)
        return std::unexpected(tree.error());
    setup.categories = std::move(*tree);
    return {};
}

/// Sorts keys by their count, most first, then by key, and keeps the first count.
QStringList mostFirst(const QHash<QString, qint64> &counts, int count)
{
    QStringList keys = counts.keys();
    std::sort(keys.begin(), keys.end(), [&counts](const QString &a, const QString &b) {
        const qint64 countA = counts.value(a);
        const qint64 countB = counts.value(b);
        return countA != countB ? countA > countB : a < b;
    });
    return keys.mid(0, count);
}

} // namespace

bool ensureCity(WorkflowSetup &setup, const QString &title)
{
    //: The top unit of a workspace; %1 is the city's name
    const QString name = title.isEmpty() ? Tr::tr("City supervision centre")
                                         : Tr::tr("%1 supervision centre").arg(title);
    return addUnits(setup, {OrgUnit {city(), name, CITY_TIER, {}}});
}

bool ensureHandlingUnits(WorkflowSetup &setup,
    const QList<std::pair<QString, QString>> &agencyCrews, const QString &title)
{
    bool added = ensureCity(setup, title);
    QList<OrgUnit> units;
    for (const auto &[agency, crew] : agencyCrews) {
        //: The unit for cases a hotline export gives no agency for
        const QString name = agency == QLatin1String(HistoryBuilder::UNASSIGNED_UNIT)
            ? Tr::tr("No agency given")
            : agency;
        units << OrgUnit {agency, name, COMMAND_CENTRE_TIER, city()};
        if (!crew.isEmpty()) {
            //: A crew of an agency in a hotline export: %1 is the agency, %2 the crew
            units << OrgUnit {HistoryBuilder::crewUnitFor(agency, crew),
                Tr::tr("%1 crew %2").arg(agency, crew), DEPARTMENT_TIER, agency};
        }
    }
    return addUnits(setup, units) || added;
}

bool ensureCommandCentres(WorkflowSetup &setup, const QList<Grid> &districts, const QString &title)
{
    bool added = ensureCity(setup, title);
    QList<OrgUnit> units;
    for (const Grid &district : districts) {
        const QString name = district.name.isEmpty() ? district.code : district.name;
        //: %1 is the name of a district
        units << OrgUnit {
            district.code, Tr::tr("%1 command centre").arg(name), COMMAND_CENTRE_TIER, city()};
    }
    return addUnits(setup, units) || added;
}

Result<void> ensureCategories(WorkflowSetup &setup, const CaseTally &tally)
{
    QList<Category> changed;
    for (auto it = tally.cbegin(); it != tally.cend(); ++it) {
        const std::optional<Category> existing = setup.categories.category(it.key());
        if (existing && !existing->defaultUnit.isEmpty())
            continue;
        Category category =
            existing.value_or(Category {it.key(), {}, CategoryKind::Event, it.key(), {}, {}});
        category.defaultUnit = topUnit(tally, it.key());
        changed << category;
    }
    return putCategories(setup, changed);
}

Result<void> ensureStandardRoots(WorkflowSetup &setup)
{
    QList<Category> roots;
    if (!setup.categories.contains(QStringLiteral("component"))) {
        //: The standard's tree of problems with city components (manhole covers, lamps …)
        roots << Category {QStringLiteral("component"), {}, CategoryKind::Component,
            Tr::tr("City components"), {}, {}};
    }
    if (!setup.categories.contains(QStringLiteral("event"))) {
        //: The standard's tree of problems that are events (dumping, noise …)
        roots << Category {
            QStringLiteral("event"), {}, CategoryKind::Event, Tr::tr("Events"), {}, {}};
    }
    return putCategories(setup, roots);
}

void ensureUsers(WorkflowSetup &setup, const QList<std::pair<QString, QString>> &handlers)
{
    //: Names of the people a sample workspace can be run as; plain family names
    QList<LocalUser> wanted {
        {Tr::tr("Operator Chen"), roleKey(Role::Operator), city()},
        {Tr::tr("Supervisor Li"), roleKey(Role::Supervisor), city()},
        {Tr::tr("Leader Wang"), roleKey(Role::Leader), city()},
    };
    for (const auto &[unit, word] : handlers) {
        //: A person handling cases for a unit; %1 names the unit ("DSNY handler")
        wanted << LocalUser {Tr::tr("%1 handler").arg(word), roleKey(Role::UnitHandler), unit};
    }
    for (const LocalUser &user : std::as_const(wanted)) {
        if (!setup.user(user.name))
            setup.users << user;
    }
}

Result<void> ensureStarterRules(WorkflowSetup &setup, const CaseTally &tally, int count)
{
    if (!setup.rules.isEmpty())
        return {};
    QList<DispatchRule> rules;
    for (const QString &category : topCategories(tally, count)) {
        DispatchRule rule;
        rule.id = QStringLiteral("R%1").arg(rules.size() + 1);
        rule.category = category;
        rule.unit = topUnit(tally, category);
        //: A starter dispatch rule: %1 is a category, %2 the unit that handled most of its cases
        rule.name = Tr::tr("%1 to %2, which handled most of these cases").arg(category, rule.unit);
        rules << rule;
    }
    auto table = DispatchRules::build(rules);
    if (!table)
        return std::unexpected(table.error());
    setup.rules = std::move(*table);
    return {};
}

QString topUnit(const CaseTally &tally, const QString &category)
{
    return mostFirst(tally.value(category), 1).value(0);
}

QStringList topCategories(const CaseTally &tally, int count)
{
    QHash<QString, qint64> totals;
    for (auto it = tally.cbegin(); it != tally.cend(); ++it) {
        for (qint64 cases : it.value())
            totals[it.key()] += cases;
    }
    return mostFirst(totals, count);
}

QStringList topUnits(const CaseTally &tally, int count)
{
    QHash<QString, qint64> totals;
    for (const QHash<QString, qint64> &units : tally) {
        for (auto it = units.cbegin(); it != units.cend(); ++it)
            totals[it.key()] += it.value();
    }
    return mostFirst(totals, count);
}

Result<CaseTally> tallyCases(const Workspace &workspace)
{
    QSqlQuery query(workspace.database());
    query.setForwardOnly(true);
    const bool read = query.exec(QStringLiteral(
        "SELECT category, agency, count(*) FROM cases WHERE category != '' GROUP BY 1, 2"));
    if (!read) {
        return fail(ErrorCode::Database,
            Tr::tr("Counting the cases of each category failed: %1")
                .arg(query.lastError().text().trimmed()));
    }
    CaseTally tally;
    while (query.next()) {
        const QString unit = HistoryBuilder::unitFor(query.value(1).toString());
        tally[query.value(0).toString()][unit] += query.value(2).toLongLong();
    }
    return tally;
}

} // namespace GridDesk::WorkflowSeed
