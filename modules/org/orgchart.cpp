// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "orgchart.h"

#include "logging.h"
#include "posts.h"

#include "domain/text.h"
#include "storage/workspace.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Org)
};

Error queryError(const QSqlQuery &query, const QString &doing)
{
    qCWarning(lcOrg) << doing << "failed:" << query.lastError().text();
    return Error {
        ErrorCode::Database, Tr::tr("%1 failed: %2").arg(doing, query.lastError().text())};
}

QString notNull(const QString &text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

QString joined(const QStringList &codes)
{
    return codes.join(u';');
}

QStringList splitCodes(const QString &text)
{
    QStringList codes;
    for (const QString &part : text.split(u';', Qt::SkipEmptyParts)) {
        if (!part.trimmed().isEmpty())
            codes << part.trimmed();
    }
    return codes;
}

QString unitLabel(const ChartUnit &unit)
{
    return Tr::tr("%1 %2 (tier %3)").arg(unit.code, unit.name).arg(unit.tier);
}

Result<void> run(QSqlQuery &query, const QString &doing)
{
    if (!query.exec())
        return std::unexpected(queryError(query, doing));
    return {};
}

} // namespace

QString unitKindKey(UnitKind kind)
{
    return kind == UnitKind::Joint ? QStringLiteral("joint") : QStringLiteral("tier");
}

std::optional<UnitKind> unitKindFromKey(const QString &key)
{
    const QString lower = key.trimmed().toLower();
    if (lower.isEmpty() || lower == QLatin1String("tier"))
        return UnitKind::Tier;
    if (lower == QLatin1String("joint"))
        return UnitKind::Joint;
    return std::nullopt;
}

Result<OrgChart> OrgChart::load(const Workspace &workspace)
{
    OrgChart chart;
    QSqlQuery units(workspace.database());
    units.setForwardOnly(true);
    if (!units.exec(QStringLiteral(
            "SELECT u.code, u.name, u.tier, u.parent_code, d.kind, d.contact, d.jurisdiction, "
            "d.retired, d.retired_at FROM org_units u LEFT JOIN org_unit_details d USING (code)")))
        return std::unexpected(queryError(units, Tr::tr("Reading org units")));
    while (units.next()) {
        ChartUnit unit {units.value(0).toString(), units.value(1).toString(),
            units.value(2).toInt(), units.value(3).toString(),
            unitKindFromKey(units.value(4).toString()).value_or(UnitKind::Tier),
            units.value(5).toString(), splitCodes(units.value(6).toString()),
            units.value(7).toInt() != 0,
            QDateTime::fromString(units.value(8).toString(), Qt::ISODate)};
        chart.m_units.insert(unit.code, unit);
    }

    QSqlQuery people(workspace.database());
    people.setForwardOnly(true);
    if (!people.exec(QStringLiteral("SELECT id, name, post, unit_code, grid_codes, phone, "
                                    "id_number, retired FROM people")))
        return std::unexpected(queryError(people, Tr::tr("Reading people")));
    while (people.next()) {
        Person person {people.value(0).toLongLong(), people.value(1).toString(),
            people.value(2).toString(), people.value(3).toString(),
            splitCodes(people.value(4).toString()), people.value(5).toString(),
            people.value(6).toString(), people.value(7).toInt() != 0};
        chart.m_people.insert(person.id, person);
    }
    return chart;
}

Result<void> OrgChart::save(Workspace &workspace) const
{
    return workspace.transaction([&]() -> Result<void> {
        QSqlQuery clear(workspace.database());
        for (const char *table : {"org_units", "org_unit_details", "people"}) {
            clear.prepare(QStringLiteral("DELETE FROM %1").arg(QLatin1String(table)));
            if (auto done = run(clear, Tr::tr("Clearing %1").arg(QLatin1String(table))); !done)
                return done;
        }

        QSqlQuery unitRow(workspace.database());
        unitRow.prepare(QStringLiteral(
            "INSERT INTO org_units (code, name, tier, parent_code) VALUES (?, ?, ?, ?)"));
        QSqlQuery details(workspace.database());
        details.prepare(QStringLiteral("INSERT INTO org_unit_details VALUES (?, ?, ?, ?, ?, ?)"));
        for (const ChartUnit &unit : m_units) {
            unitRow.addBindValue(unit.code);
            unitRow.addBindValue(notNull(unit.name));
            unitRow.addBindValue(unit.tier);
            unitRow.addBindValue(
                unit.parentCode.isEmpty() ? QVariant() : QVariant(unit.parentCode));
            if (auto done = run(unitRow, Tr::tr("Saving org unit %1").arg(unit.code)); !done)
                return done;
            details.addBindValue(unit.code);
            details.addBindValue(unitKindKey(unit.kind));
            details.addBindValue(notNull(unit.contact));
            details.addBindValue(notNull(joined(unit.jurisdiction)));
            details.addBindValue(unit.retired ? 1 : 0);
            details.addBindValue(unit.retiredAt.isValid()
                    ? QVariant(unit.retiredAt.toUTC().toString(Qt::ISODate))
                    : QVariant());
            if (auto done = run(details, Tr::tr("Saving org unit %1").arg(unit.code)); !done)
                return done;
        }

        QSqlQuery personRow(workspace.database());
        personRow.prepare(QStringLiteral("INSERT INTO people VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
        for (const Person &person : m_people) {
            personRow.addBindValue(person.id);
            personRow.addBindValue(notNull(person.name));
            personRow.addBindValue(notNull(person.post));
            personRow.addBindValue(notNull(person.unitCode));
            personRow.addBindValue(notNull(joined(person.gridCodes)));
            personRow.addBindValue(notNull(person.phone));
            personRow.addBindValue(notNull(person.idNumber));
            personRow.addBindValue(person.retired ? 1 : 0);
            if (auto done = run(personRow, Tr::tr("Saving person %1").arg(person.id)); !done)
                return done;
        }
        qCInfo(lcOrg) << "saved" << m_units.size() << "units and" << m_people.size() << "people";
        return {};
    });
}

const ChartUnit *OrgChart::unit(const QString &code) const
{
    const auto found = m_units.constFind(code);
    return found == m_units.constEnd() ? nullptr : &found.value();
}

QList<ChartUnit> OrgChart::children(const QString &code) const
{
    QList<ChartUnit> found;
    for (const ChartUnit &unit : m_units) {
        if (unit.parentCode == code)
            found << unit;
    }
    return found;
}

const Person *OrgChart::person(qint64 id) const
{
    const auto found = m_people.constFind(id);
    return found == m_people.constEnd() ? nullptr : &found.value();
}

QList<Person> OrgChart::peopleOf(const QString &unitCode) const
{
    QList<Person> found;
    for (const Person &person : m_people) {
        if (person.unitCode == unitCode && !person.retired)
            found << person;
    }
    return found;
}

bool OrgChart::isWithin(const QString &code, const QString &ancestor) const
{
    QString current = code;
    // Bounded by the number of units, so a cycle written by another program cannot hang us.
    for (qsizetype steps = 0; !current.isEmpty() && steps <= m_units.size(); ++steps) {
        if (current == ancestor)
            return true;
        const ChartUnit *found = unit(current);
        current = found ? found->parentCode : QString();
    }
    return false;
}

Result<void> OrgChart::checkPlacement(const ChartUnit &unit) const
{
    if (unit.code.trimmed().isEmpty() || unit.code != unit.code.trimmed())
        return fail(ErrorCode::InvalidArgument, Tr::tr("A unit needs a code without spaces."));
    if (unit.tier < 1 || unit.tier > 6)
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("Unit %1 has tier %2; tiers run from 1 to 6.").arg(unit.code).arg(unit.tier));

    if (!unit.parentCode.isEmpty()) {
        const ChartUnit *parent = this->unit(unit.parentCode);
        if (!parent)
            return fail(ErrorCode::NotFound,
                Tr::tr("Unit %1 names parent %2, which is not in the chart.")
                    .arg(unit.code, unit.parentCode));
        if (parent->retired && !unit.retired)
            return fail(ErrorCode::NotAllowed,
                Tr::tr("%1 cannot sit under %2: that unit is retired.")
                    .arg(unitLabel(unit), unitLabel(*parent)));
        if (isWithin(unit.parentCode, unit.code))
            return fail(ErrorCode::NotAllowed,
                Tr::tr("%1 cannot sit under %2, which lies within it.")
                    .arg(unitLabel(unit), unitLabel(*parent)));
        if (parent->tier >= unit.tier)
            return fail(ErrorCode::NotAllowed,
                Tr::tr("%1 cannot sit under %2: a unit's tier must be below its parent's "
                       "(tiers may be skipped, never inverted).")
                    .arg(unitLabel(unit), unitLabel(*parent)));
    }

    for (const ChartUnit &child : children(unit.code)) {
        if (child.tier <= unit.tier)
            return fail(ErrorCode::NotAllowed,
                Tr::tr("%1 cannot sit under %2: a unit's tier must be below its parent's "
                       "(tiers may be skipped, never inverted).")
                    .arg(unitLabel(child), unitLabel(unit)));
    }
    return {};
}

Result<void> OrgChart::putUnit(const ChartUnit &unit, bool replace)
{
    if (!replace && m_units.contains(unit.code))
        return fail(ErrorCode::Conflict, Tr::tr("The chart already has a unit %1.").arg(unit.code));
    if (auto placed = checkPlacement(unit); !placed)
        return placed;
    m_units.insert(unit.code, unit);
    return {};
}

Result<void> OrgChart::moveUnit(const QString &code, const QString &parentCode)
{
    const ChartUnit *found = unit(code);
    if (!found)
        return fail(ErrorCode::NotFound, Tr::tr("The chart has no unit %1.").arg(code));
    ChartUnit moved = *found;
    moved.parentCode = parentCode;
    return putUnit(moved, true);
}

Result<void> OrgChart::mergeUnit(
    const QString &retiring, const QString &survivor, const QDateTime &at)
{
    const ChartUnit *from = unit(retiring);
    const ChartUnit *into = unit(survivor);
    if (!from || !into)
        return fail(ErrorCode::NotFound,
            Tr::tr("The chart has no unit %1.").arg(from ? survivor : retiring));
    if (retiring == survivor || isWithin(survivor, retiring))
        return fail(ErrorCode::NotAllowed,
            Tr::tr("%1 cannot be merged into %2, which lies within it.")
                .arg(unitLabel(*from), unitLabel(*into)));
    if (into->retired)
        return fail(ErrorCode::NotAllowed,
            Tr::tr("%1 cannot be merged into %2: that unit is retired.")
                .arg(unitLabel(*from), unitLabel(*into)));

    // Check every child before changing anything, so a refused merge leaves the chart whole.
    const QList<ChartUnit> moving = children(retiring);
    for (const ChartUnit &child : moving) {
        if (child.tier <= into->tier)
            return fail(ErrorCode::NotAllowed,
                Tr::tr("%1 cannot be merged into %2: its unit %3 would sit under a unit of "
                       "its own tier or below.")
                    .arg(unitLabel(*from), unitLabel(*into), unitLabel(child)));
    }

    ChartUnit survivorUnit = *into;
    for (const QString &grid : from->jurisdiction) {
        if (!survivorUnit.jurisdiction.contains(grid))
            survivorUnit.jurisdiction << grid;
    }
    m_units.insert(survivor, survivorUnit);
    for (const ChartUnit &child : moving)
        m_units[child.code].parentCode = survivor;
    for (Person &person : m_people) {
        if (person.unitCode == retiring)
            person.unitCode = survivor;
    }
    ChartUnit &retired = m_units[retiring];
    retired.retired = true;
    retired.retiredAt = at;
    qCInfo(lcOrg) << "merged unit" << retiring << "into" << survivor;
    return {};
}

Result<void> OrgChart::retireUnit(const QString &code, const QDateTime &at)
{
    const ChartUnit *found = unit(code);
    if (!found)
        return fail(ErrorCode::NotFound, Tr::tr("The chart has no unit %1.").arg(code));
    int activeChildren = 0;
    for (const ChartUnit &child : children(code))
        activeChildren += child.retired ? 0 : 1;
    const qsizetype activePeople = peopleOf(code).size();
    if (activeChildren > 0 || activePeople > 0)
        return fail(ErrorCode::NotAllowed,
            Tr::tr("%1 still has %2 active unit(s) and %3 person(s); move or merge them first.")
                .arg(unitLabel(*found))
                .arg(activeChildren)
                .arg(activePeople));
    ChartUnit &retired = m_units[code];
    retired.retired = true;
    retired.retiredAt = at;
    return {};
}

Result<qint64> OrgChart::putPerson(Person person)
{
    if (isBlankText(person.name))
        return fail(ErrorCode::InvalidArgument, Tr::tr("A person needs a name."));
    if (!postFromKey(person.post))
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("Unknown post \"%1\"; use one of %2.").arg(person.post, postKeys()));
    person.post = postKey(*postFromKey(person.post));
    const ChartUnit *home = unit(person.unitCode);
    if (!home)
        return fail(ErrorCode::NotFound,
            Tr::tr("Person %1 names unit %2, which is not in the chart.")
                .arg(person.name, person.unitCode));
    if (home->retired && !person.retired)
        return fail(ErrorCode::NotAllowed,
            Tr::tr("Person %1 cannot join %2: that unit is retired.")
                .arg(person.name, unitLabel(*home)));
    if (person.id <= 0)
        person.id = m_people.isEmpty() ? 1 : m_people.lastKey() + 1;
    m_people.insert(person.id, person);
    return person.id;
}

} // namespace GridDesk
