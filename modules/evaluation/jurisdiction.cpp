// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "jurisdiction.h"

#include "storage/workspace.h"
#include "workflow/workflowsetup.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Evaluation)
};

Result<void> run(QSqlQuery &query, const QString &sql, const QString &doing)
{
    if (query.exec(sql))
        return {};
    return fail(ErrorCode::Database,
        Tr::tr("%1 failed: %2").arg(doing, query.lastError().text().trimmed()));
}

QStringList userNames(const WorkflowSetup &setup)
{
    QStringList names;
    for (const LocalUser &user : setup.users)
        names << user.name;
    return names;
}

} // namespace

Result<Jurisdiction> Jurisdiction::of(
    const Workspace &workspace, const WorkflowSetup &setup, const QString &userName)
{
    Jurisdiction jurisdiction;
    if (userName.trimmed().isEmpty())
        return jurisdiction;

    const std::optional<LocalUser> user = setup.user(userName.trimmed());
    if (!user) {
        const QStringList names = userNames(setup);
        return fail(ErrorCode::NotFound,
            Tr::tr("%1 is not a user of this workspace (its users: %2).")
                .arg(userName,
                    names.isEmpty() ? Tr::tr("none yet") : names.join(QStringLiteral(", "))));
    }
    const std::optional<OrgUnit> unit = setup.units.unit(user->unitCode);
    if (!unit) {
        return fail(ErrorCode::NotFound,
            Tr::tr("User %1 belongs to unit \"%2\", which is not in the org chart.")
                .arg(user->name, user->unitCode));
    }
    jurisdiction.m_unitCode = unit->code;
    jurisdiction.m_unitName = unit->name;
    jurisdiction.m_everything = unit->parentCode.isEmpty() && !unit->retired;
    if (jurisdiction.m_everything)
        return jurisdiction;
    jurisdiction.m_units = setup.units;

    QSqlQuery query(workspace.database());
    auto read = run(query, QStringLiteral("SELECT code, jurisdiction FROM org_unit_details"),
        Tr::tr("Reading the units' jurisdictions"));
    if (!read)
        return std::unexpected(read.error());
    for (const OrgUnit &below : setup.units.units()) {
        if (setup.units.isWithin(below.code, unit->code))
            jurisdiction.m_grids.insert(below.code); // a unit made from a boundary is its grid
    }
    while (query.next()) {
        if (!setup.units.isWithin(query.value(0).toString(), unit->code))
            continue;
        for (const QString &grid : query.value(1).toString().split(u';', Qt::SkipEmptyParts))
            jurisdiction.m_grids.insert(grid.trimmed());
    }

    read = run(query, QStringLiteral("SELECT code, parent_code FROM grids"),
        Tr::tr("Reading the grids' parents"));
    if (!read)
        return std::unexpected(read.error());
    while (query.next())
        jurisdiction.m_gridParents.insert(query.value(0).toString(), query.value(1).toString());
    return jurisdiction;
}

QString Jurisdiction::describe() const
{
    if (m_everything && m_unitCode.isEmpty())
        return Tr::tr("every case of the workspace");
    if (m_everything)
        return Tr::tr("every case (unit %1 %2 is the top of the chart)")
            .arg(m_unitCode, m_unitName);
    return Tr::tr("cases of unit %1 %2 and the units and grids below it")
        .arg(m_unitCode, m_unitName);
}

bool Jurisdiction::sees(
    const QString &leadUnit, const QStringList &coUnits, const QString &gridCode)
{
    if (m_everything)
        return true;
    if (!leadUnit.isEmpty() && unitVisible(leadUnit))
        return true;
    for (const QString &unit : coUnits) {
        if (unitVisible(unit))
            return true;
    }
    return gridVisible(gridCode);
}

bool Jurisdiction::unitVisible(const QString &unit)
{
    const auto known = m_unitAnswers.constFind(unit);
    if (known != m_unitAnswers.constEnd())
        return *known;
    const bool within = m_units.isWithin(unit, m_unitCode);
    m_unitAnswers.insert(unit, within);
    return within;
}

bool Jurisdiction::gridVisible(const QString &gridCode)
{
    if (gridCode.isEmpty())
        return false;
    const auto known = m_gridAnswers.constFind(gridCode);
    if (known != m_gridAnswers.constEnd())
        return *known;

    bool within = false;
    QString grid = gridCode;
    // Up the parents: a fine grid lies in its base grid's jurisdiction. The bound ends a
    // circle of parents another program may have written.
    for (int depth = 0; !grid.isEmpty() && depth < 32 && !within; ++depth) {
        within = m_grids.contains(grid);
        grid = m_gridParents.value(grid);
    }
    m_gridAnswers.insert(gridCode, within);
    return within;
}

} // namespace GridDesk
