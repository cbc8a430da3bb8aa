// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "orgchart.h"

#include "domain/posts.h"
#include "logging.h"

#include "domain/text.h"
#include "storage/workspace.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <limits>

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

QString joinedIds(const QList<qint64> &ids)
{
    QStringList parts;
    for (qint64 id : ids)
        parts << QString::number(id);
    return parts.join(u';');
}

QList<qint64> splitIds(const QString &text)
{
    QList<qint64> ids;
    for (const QString &part : splitCodes(text)) {
        bool ok = false;
        const qint64 id = part.toLongLong(&ok);
        if (ok)
            ids << id;
    }
    return ids;
}

/// Names without blanks or repeats, trimmed, in the order given.
QStringList cleanNames(const QStringList &names)
{
    QStringList clean;
    for (const QString &name : names) {
        const QString trimmed = printableText(name).trimmed();
        if (!trimmed.isEmpty() && !clean.contains(trimmed))
            clean << trimmed;
    }
    return clean;
}

/// Whether a code can be stored in the ";"-joined lists (jurisdictions, linked units, group
/// members) and printed on one line.
bool isOneWord(const QString &code)
{
    return std::none_of(code.begin(), code.end(),
        [](QChar c) { return c.isSpace() || c == u';' || c.category() == QChar::Other_Control; });
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

/// What changed from before to after, in words, for the history.
QStringList unitDifferences(const ChartUnit &before, const ChartUnit &after)
{
    QStringList what;
    if (before.name != after.name)
        what << Tr::tr("name %1 → %2").arg(before.name, after.name);
    if (before.tier != after.tier)
        what << Tr::tr("tier %1 → %2").arg(before.tier).arg(after.tier);
    if (before.parentCode != after.parentCode)
        what << Tr::tr("parent %1 → %2").arg(before.parentCode, after.parentCode);
    if (before.kind != after.kind)
        what << Tr::tr("kind %1 → %2").arg(unitKindKey(before.kind), unitKindKey(after.kind));
    if (before.contact != after.contact)
        what << Tr::tr("contact %1 → %2").arg(before.contact, after.contact);
    if (before.jurisdiction != after.jurisdiction)
        what << Tr::tr("jurisdiction %1 → %2")
                    .arg(joined(before.jurisdiction), joined(after.jurisdiction));
    if (before.departments != after.departments)
        what << Tr::tr("departments %1 → %2")
                    .arg(joined(before.departments), joined(after.departments));
    if (before.linkedUnits != after.linkedUnits)
        what << Tr::tr("linked units %1 → %2")
                    .arg(joined(before.linkedUnits), joined(after.linkedUnits));
    if (before.retired != after.retired)
        what << (after.retired ? Tr::tr("retired") : Tr::tr("back in service"));
    return what;
}

/// What changed from before to after, in words; personal numbers only as "changed".
QStringList personDifferences(const Person &before, const Person &after)
{
    QStringList what;
    if (before.name != after.name)
        what << Tr::tr("name %1 → %2").arg(before.name, after.name);
    if (before.post != after.post)
        what << Tr::tr("post %1 → %2").arg(before.post, after.post);
    if (before.unitCode != after.unitCode)
        what << Tr::tr("unit %1 → %2").arg(before.unitCode, after.unitCode);
    if (before.gridCodes != after.gridCodes)
        what << Tr::tr("grids %1 → %2").arg(joined(before.gridCodes), joined(after.gridCodes));
    // Personal numbers go into the history only as "changed", never as values.
    if (before.phone != after.phone)
        what << Tr::tr("phone changed");
    if (before.idNumber != after.idNumber)
        what << Tr::tr("ID number changed");
    if (before.retired != after.retired)
        what << (after.retired ? Tr::tr("left the organisation") : Tr::tr("back in service"));
    return what;
}

} // namespace

QString unitKindKey(UnitKind kind)
{
    return kind == UnitKind::Joint ? QStringLiteral("joint") : QStringLiteral("tier");
}

QString tierName(int tier)
{
    switch (tier) {
    case 1:
        return Tr::tr("City supervision centre");
    case 2:
        return Tr::tr("District command centre");
    case 3:
        return Tr::tr("Street sub-centre");
    case 4:
        return Tr::tr("Community workstation");
    case 5:
        return Tr::tr("Business department");
    case 6:
        return Tr::tr("Grid supervisor");
    default:
        return Tr::tr("Tier %1").arg(tier);
    }
}

QString orgChangeName(const QString &action)
{
    static const QHash<QString, const char *> names {
        {QStringLiteral("add"), QT_TRANSLATE_NOOP("GridDesk::Org", "Added")},
        {QStringLiteral("change"), QT_TRANSLATE_NOOP("GridDesk::Org", "Changed")},
        {QStringLiteral("move"), QT_TRANSLATE_NOOP("GridDesk::Org", "Moved")},
        {QStringLiteral("merge"), QT_TRANSLATE_NOOP("GridDesk::Org", "Merged")},
        {QStringLiteral("retire"), QT_TRANSLATE_NOOP("GridDesk::Org", "Retired")},
        {QStringLiteral("remove"), QT_TRANSLATE_NOOP("GridDesk::Org", "Removed")},
        {QStringLiteral("person"), QT_TRANSLATE_NOOP("GridDesk::Org", "Person")},
        {QStringLiteral("group"), QT_TRANSLATE_NOOP("GridDesk::Org", "Group")}};
    const auto found = names.constFind(action);
    return found == names.constEnd() ? action : Tr::tr(found.value());
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

QString groupKindKey(GroupKind kind)
{
    return kind == GroupKind::Leading ? QStringLiteral("leading") : QStringLiteral("coordination");
}

std::optional<GroupKind> groupKindFromKey(const QString &key)
{
    const QString lower = key.trimmed().toLower();
    if (lower == QLatin1String("coordination"))
        return GroupKind::Coordination;
    if (lower == QLatin1String("leading"))
        return GroupKind::Leading;
    return std::nullopt;
}

QString groupKindName(GroupKind kind)
{
    return kind == GroupKind::Leading ? Tr::tr("Leading group") : Tr::tr("Coordination group");
}

Result<OrgChart> OrgChart::load(const Workspace &workspace)
{
    OrgChart chart;
    chart.m_revision = workspace.metadata(QStringLiteral("org_revision")).toLongLong();
    QSqlQuery units(workspace.database());
    units.setForwardOnly(true);
    if (!units.exec(QStringLiteral(
            "SELECT u.code, u.name, u.tier, u.parent_code, d.kind, d.contact, d.jurisdiction, "
            "d.retired, d.retired_at, d.departments, d.linked_units FROM org_units u LEFT JOIN "
            "org_unit_details d USING (code)")))
        return std::unexpected(queryError(units, Tr::tr("Reading org units")));
    while (units.next()) {
        ChartUnit unit {units.value(0).toString(), units.value(1).toString(),
            units.value(2).toInt(), units.value(3).toString(),
            unitKindFromKey(units.value(4).toString()).value_or(UnitKind::Tier),
            units.value(5).toString(), splitCodes(units.value(6).toString()),
            units.value(7).toInt() != 0,
            QDateTime::fromString(units.value(8).toString(), Qt::ISODate),
            splitCodes(units.value(9).toString()), splitCodes(units.value(10).toString())};
        chart.m_units.insert(unit.code, unit);
    }

    QSqlQuery groups(workspace.database());
    groups.setForwardOnly(true);
    if (!groups.exec(QStringLiteral("SELECT id, name, kind, unit_code, remit, member_units, "
                                    "member_people, dissolved FROM org_groups")))
        return std::unexpected(queryError(groups, Tr::tr("Reading org groups")));
    while (groups.next()) {
        OrgGroup group {groups.value(0).toLongLong(), groups.value(1).toString(),
            groupKindFromKey(groups.value(2).toString()).value_or(GroupKind::Coordination),
            groups.value(3).toString(), groups.value(4).toString(),
            splitCodes(groups.value(5).toString()), splitIds(groups.value(6).toString()),
            groups.value(7).toInt() != 0};
        chart.m_groups.insert(group.id, group);
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

Result<void> OrgChart::save(Workspace &workspace, const QString &by)
{
    auto saved = workspace.transaction([&] { return write(workspace, by); });
    if (saved) {
        ++m_revision;
        m_pending.clear();
    }
    return saved;
}

Result<void> OrgChart::saveWithin(Workspace &workspace, const QString &by)
{
    auto saved = write(workspace, by);
    if (saved) {
        ++m_revision;
        m_pending.clear();
    }
    return saved;
}

Result<void> OrgChart::write(Workspace &workspace, const QString &by) const
{
    const QString revisionKey = QStringLiteral("org_revision");
    // The caller's transaction holds the write lock, so no other desk can save between
    // this check and the writes below.
    const qint64 stored = workspace.metadata(revisionKey).toLongLong();
    if (stored != m_revision)
        return fail(ErrorCode::Conflict,
            Tr::tr("The org chart was saved elsewhere since it was opened here (saved %1 "
                   "time(s) now, %2 when opened). Reload it and make the changes again.")
                .arg(stored)
                .arg(m_revision));

    QSqlQuery clear(workspace.database());
    for (const char *table : {"org_units", "org_unit_details", "people", "org_groups"}) {
        clear.prepare(QStringLiteral("DELETE FROM %1").arg(QLatin1String(table)));
        if (auto done = run(clear, Tr::tr("Clearing %1").arg(QLatin1String(table))); !done)
            return done;
    }

    QSqlQuery unitRow(workspace.database());
    unitRow.prepare(QStringLiteral(
        "INSERT INTO org_units (code, name, tier, parent_code) VALUES (?, ?, ?, ?)"));
    QSqlQuery details(workspace.database());
    details.prepare(
        QStringLiteral("INSERT INTO org_unit_details (code, kind, contact, jurisdiction, retired, "
                       "retired_at, departments, linked_units) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const ChartUnit &unit : m_units) {
        unitRow.addBindValue(unit.code);
        unitRow.addBindValue(notNull(unit.name));
        unitRow.addBindValue(unit.tier);
        unitRow.addBindValue(unit.parentCode.isEmpty() ? QVariant() : QVariant(unit.parentCode));
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
        details.addBindValue(notNull(joined(unit.departments)));
        details.addBindValue(notNull(joined(unit.linkedUnits)));
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

    QSqlQuery groupRow(workspace.database());
    groupRow.prepare(QStringLiteral("INSERT INTO org_groups VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const OrgGroup &group : m_groups) {
        groupRow.addBindValue(group.id);
        groupRow.addBindValue(notNull(group.name));
        groupRow.addBindValue(groupKindKey(group.kind));
        groupRow.addBindValue(notNull(group.unitCode));
        groupRow.addBindValue(notNull(group.remit));
        groupRow.addBindValue(notNull(joined(group.memberUnits)));
        groupRow.addBindValue(notNull(joinedIds(group.memberPeople)));
        groupRow.addBindValue(group.dissolved ? 1 : 0);
        if (auto done = run(groupRow, Tr::tr("Saving group %1").arg(group.name)); !done)
            return done;
    }

    QSqlQuery historyRow(workspace.database());
    historyRow.prepare(QStringLiteral(
        "INSERT INTO org_history (at, by, unit_code, person_id, group_id, action, detail, "
        "revision, command) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const OrgChange &change : m_pending) {
        historyRow.addBindValue(change.at.toUTC().toString(Qt::ISODateWithMs));
        // A change made elsewhere keeps the name of whoever made it there.
        const QString who = change.by.isEmpty() ? by : change.by;
        historyRow.addBindValue(who.isEmpty() ? QStringLiteral("?") : who);
        historyRow.addBindValue(notNull(change.unitCode));
        historyRow.addBindValue(change.personId > 0 ? QVariant(change.personId) : QVariant());
        historyRow.addBindValue(change.groupId > 0 ? QVariant(change.groupId) : QVariant());
        historyRow.addBindValue(change.action);
        historyRow.addBindValue(notNull(change.detail));
        historyRow.addBindValue(m_revision + 1);
        historyRow.addBindValue(change.command.isEmpty() ? QVariant() : QVariant(change.command));
        if (auto done = run(historyRow, Tr::tr("Recording the org chart's history")); !done)
            return done;
    }
    if (auto done = workspace.setMetadata(revisionKey, QString::number(m_revision + 1)); !done)
        return done;
    qCInfo(lcOrg) << "saved" << m_units.size() << "units," << m_people.size() << "people,"
                  << m_groups.size() << "groups and" << m_pending.size() << "changes";
    return {};
}

namespace {

/// The history rows where (a condition on org_history, or nothing) holds, with its one value.
Result<QList<OrgChange>> readHistory(
    const Workspace &workspace, const QString &where, const QVariant &value)
{
    QSqlQuery query(workspace.database());
    query.setForwardOnly(true);
    QString sql = QStringLiteral("SELECT id, at, by, unit_code, person_id, group_id, action, "
                                 "detail, revision, command FROM org_history");
    if (!where.isEmpty())
        sql += QStringLiteral(" WHERE ") + where;
    query.prepare(sql + QStringLiteral(" ORDER BY id"));
    if (!where.isEmpty())
        query.addBindValue(value);
    if (!query.exec())
        return std::unexpected(queryError(query, Tr::tr("Reading the org chart's history")));
    QList<OrgChange> changes;
    while (query.next()) {
        changes << OrgChange {query.value(0).toLongLong(),
            QDateTime::fromString(query.value(1).toString(), Qt::ISODateWithMs),
            query.value(2).toString(), query.value(3).toString(), query.value(4).toLongLong(),
            query.value(5).toLongLong(), query.value(6).toString(), query.value(7).toString(),
            query.value(8).toLongLong(), query.value(9).toString()};
    }
    return changes;
}

} // namespace

Result<QList<OrgChange>> OrgChart::history(const Workspace &workspace, const QString &unitCode)
{
    if (unitCode.isEmpty())
        return readHistory(workspace, {}, {});
    return readHistory(workspace, QStringLiteral("unit_code = ?"), unitCode);
}

Result<QList<OrgChange>> OrgChart::historyAfter(const Workspace &workspace, qint64 after)
{
    return readHistory(workspace, QStringLiteral("revision > ?"), after);
}

Result<OrgChart> OrgChart::fromParts(const OrgParts &parts, qint64 revision)
{
    OrgChart chart;
    chart.m_revision = revision;
    for (const ChartUnit &unit : parts.units) {
        if (chart.m_units.contains(unit.code))
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("The chart names unit %1 twice.").arg(unit.code));
        chart.m_units.insert(unit.code, unit);
    }
    // Every unit is in place before any is checked: a parent may come after its children.
    for (const ChartUnit &unit : std::as_const(chart.m_units)) {
        if (auto placed = chart.checkPlacement(unit); !placed)
            return std::unexpected(placed.error());
        if (auto details = chart.checkDetails(unit); !details)
            return std::unexpected(details.error());
    }
    for (const Person &person : parts.people) {
        if (person.id <= 0 || chart.m_people.contains(person.id))
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("Person %1 has id %2, which is not a free id above 0.")
                    .arg(person.name)
                    .arg(person.id));
        if (auto checked = chart.checkPerson(person); !checked)
            return std::unexpected(checked.error());
        chart.m_people.insert(person.id, person);
    }
    for (const OrgGroup &group : parts.groups) {
        if (group.id <= 0 || chart.m_groups.contains(group.id))
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("Group %1 has id %2, which is not a free id above 0.")
                    .arg(group.name)
                    .arg(group.id));
        if (auto checked = chart.checkGroup(group); !checked)
            return std::unexpected(checked.error());
        chart.m_groups.insert(group.id, group);
    }
    return chart;
}

QList<OrgChange> OrgChart::changesSince(const OrgChart &before, const QDateTime &now) const
{
    QList<OrgChange> changes;
    const auto record = [&](const QString &action, const QString &unitCode, const QString &detail,
                            qint64 personId = 0, qint64 groupId = 0) {
        changes << OrgChange {0, now, QString(), unitCode, personId, groupId, action, detail};
    };
    QStringList codes = before.m_units.keys() + m_units.keys();
    codes.removeDuplicates();
    codes.sort();
    for (const QString &code : std::as_const(codes)) {
        const ChartUnit *was = before.unit(code);
        const ChartUnit *is = unit(code);
        if (!was)
            record(QStringLiteral("add"), code, Tr::tr("added %1").arg(unitLabel(*is)));
        else if (!is)
            record(QStringLiteral("remove"), code, Tr::tr("removed %1").arg(unitLabel(*was)));
        else if (const QStringList what = unitDifferences(*was, *is); !what.isEmpty())
            record(QStringLiteral("change"), code, what.join(QStringLiteral("; ")));
    }
    QList<qint64> people = before.m_people.keys() + m_people.keys();
    std::sort(people.begin(), people.end());
    people.erase(std::unique(people.begin(), people.end()), people.end());
    for (qint64 id : std::as_const(people)) {
        const Person *was = before.person(id);
        const Person *is = person(id);
        if (!was) {
            record(QStringLiteral("person"), is->unitCode,
                Tr::tr("added %1 (%2) in %3").arg(is->name, is->post, is->unitCode), id);
        } else if (!is) {
            record(
                QStringLiteral("person"), was->unitCode, Tr::tr("removed %1").arg(was->name), id);
        } else if (QStringList what = personDifferences(*was, *is); !what.isEmpty()) {
            what.prepend(is->name);
            record(QStringLiteral("person"), is->unitCode, what.join(QStringLiteral("; ")), id);
        }
    }
    QList<qint64> groups = before.m_groups.keys() + m_groups.keys();
    std::sort(groups.begin(), groups.end());
    groups.erase(std::unique(groups.begin(), groups.end()), groups.end());
    for (qint64 id : std::as_const(groups)) {
        const OrgGroup *was = before.group(id);
        const OrgGroup *is = group(id);
        if (was && is && *was == *is)
            continue;
        const OrgGroup &shown = is ? *is : *was;
        const QString detail = !was ? Tr::tr("set up %1 \"%2\" with %3 unit(s) and %4 person(s)")
                                          .arg(groupKindName(shown.kind), shown.name)
                                          .arg(shown.memberUnits.size())
                                          .arg(shown.memberPeople.size())
            : !is ? Tr::tr("removed %1").arg(shown.name)
                  : Tr::tr("changed %1 \"%2\": %3 unit(s) and %4 person(s)")
                        .arg(groupKindName(shown.kind), shown.name)
                        .arg(shown.memberUnits.size())
                        .arg(shown.memberPeople.size());
        record(QStringLiteral("group"), shown.unitCode, detail, 0, id);
    }
    return changes;
}

OrgParts OrgChart::parts() const
{
    return {m_units.values(), m_people.values(), m_groups.values()};
}

bool OrgChart::mayEdit(const QString &role)
{
    const QString key = role.trimmed().toLower();
    return key == QLatin1String("leader") || key == QLatin1String("supervisor")
        || key == QLatin1String("administrator");
}

const ChartUnit *OrgChart::unit(const QString &code) const
{
    const auto found = m_units.constFind(code);
    return found == m_units.constEnd() ? nullptr : &found.value();
}

const OrgChart::Index &OrgChart::index() const
{
    if (!m_index) {
        Index built;
        // m_units iterates in code order, so every list of children is in code order too.
        for (const ChartUnit &unit : m_units)
            built.children[unit.parentCode] << unit.code;
        for (const Person &person : m_people) {
            if (!person.retired)
                ++built.activePeople[person.unitCode];
        }
        m_index = std::move(built);
    }
    return *m_index;
}

QList<ChartUnit> OrgChart::children(const QString &code) const
{
    QList<ChartUnit> found;
    for (const QString &child : childCodes(code))
        found << m_units.value(child);
    return found;
}

QStringList OrgChart::childCodes(const QString &code) const
{
    return index().children.value(code);
}

int OrgChart::activePeopleCount(const QString &code) const
{
    return index().activePeople.value(code);
}

QList<ChartUnit> OrgChart::jointUnitsFor(const QString &tierUnitCode) const
{
    QList<ChartUnit> found;
    for (const ChartUnit &unit : m_units) {
        if (unit.kind == UnitKind::Joint && !unit.retired
            && unit.linkedUnits.contains(tierUnitCode))
            found << unit;
    }
    return found;
}

QStringList OrgChart::findUnits(const QString &text) const
{
    const QString needle = text.trimmed();
    QStringList found;
    if (needle.isEmpty())
        return found;
    for (const ChartUnit &unit : m_units) {
        if (unit.code.contains(needle, Qt::CaseInsensitive)
            || unit.name.contains(needle, Qt::CaseInsensitive))
            found << unit.code;
    }
    return found;
}

QList<qint64> OrgChart::findPeople(const QString &text) const
{
    const QString needle = text.trimmed();
    QList<qint64> found;
    if (needle.isEmpty())
        return found;
    for (const Person &person : m_people) {
        if (person.name.contains(needle, Qt::CaseInsensitive))
            found << person.id;
    }
    return found;
}

const OrgGroup *OrgChart::group(qint64 id) const
{
    const auto found = m_groups.constFind(id);
    return found == m_groups.constEnd() ? nullptr : &found.value();
}

void OrgChart::reparent(const QString &code, const std::optional<QString> &from, const QString &to)
{
    // Kept up to date rather than rebuilt, so importing thousands of units one by one stays
    // linear: each placement check reads the children of the unit being placed.
    if (!m_index)
        return;
    if (from)
        m_index->children[*from].removeOne(code);
    QStringList &siblings = m_index->children[to];
    siblings.insert(std::lower_bound(siblings.begin(), siblings.end(), code), code);
}

void OrgChart::changed(const QString &action, const QString &unitCode, const QString &detail,
    qint64 personId, qint64 groupId)
{
    m_pending << OrgChange {
        0, QDateTime::currentDateTimeUtc(), QString(), unitCode, personId, groupId, action, detail};
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
    if (!isOneWord(unit.code))
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("The unit code \"%1\" holds a space, a line break or \";\"; a code must be "
                   "one word.")
                .arg(unit.code));
    if (unit.tier < 1 || unit.tier > 6)
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("Unit %1 has tier %2; tiers run from 1 to 6.").arg(unit.code).arg(unit.tier));

    if (unit.parentCode == unit.code)
        return fail(
            ErrorCode::NotAllowed, Tr::tr("Unit %1 cannot sit under itself.").arg(unit.code));

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

Result<void> OrgChart::checkDetails(const ChartUnit &unit) const
{
    if (isBlankText(unit.name))
        return fail(ErrorCode::InvalidArgument, Tr::tr("Unit %1 needs a name.").arg(unit.code));
    if (unit.kind != UnitKind::Joint && !unit.linkedUnits.isEmpty())
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("%1 is not a joint-handling unit, so it cannot be linked to other units.")
                .arg(unitLabel(unit)));
    for (const QString &code : unit.linkedUnits) {
        const ChartUnit *linked = this->unit(code);
        if (!linked)
            return fail(ErrorCode::NotFound,
                Tr::tr("%1 is linked to unit %2, which is not in the chart.")
                    .arg(unitLabel(unit), code));
        if (code == unit.code || linked->kind == UnitKind::Joint)
            return fail(ErrorCode::NotAllowed,
                Tr::tr("%1 can be linked only to units of the tiers, not to %2.")
                    .arg(unitLabel(unit), unitLabel(*linked)));
        if (linked->retired && !unit.retired)
            return fail(ErrorCode::NotAllowed,
                Tr::tr("%1 cannot be linked to %2: that unit is retired.")
                    .arg(unitLabel(unit), unitLabel(*linked)));
    }
    return {};
}

Result<void> OrgChart::putUnit(const ChartUnit &given, bool replace)
{
    ChartUnit unit = given;
    unit.name = printableText(unit.name).trimmed();
    unit.departments = cleanNames(unit.departments);
    unit.linkedUnits = cleanNames(unit.linkedUnits);
    unit.jurisdiction = cleanNames(unit.jurisdiction);
    const ChartUnit *before = this->unit(unit.code);
    if (!replace && before)
        return fail(ErrorCode::Conflict, Tr::tr("The chart already has a unit %1.").arg(unit.code));
    if (auto placed = checkPlacement(unit); !placed)
        return placed;
    if (auto details = checkDetails(unit); !details)
        return details;

    QStringList what;
    if (!before) {
        what << Tr::tr("added %1").arg(unitLabel(unit));
    } else {
        what = unitDifferences(*before, unit);
    }
    if (what.isEmpty())
        return {};
    const bool added = before == nullptr;
    const QString oldParent = added ? QString() : before->parentCode;
    m_units.insert(unit.code, unit);
    if (added || oldParent != unit.parentCode)
        reparent(unit.code, added ? std::nullopt : std::optional(oldParent), unit.parentCode);
    changed(added ? QStringLiteral("add") : QStringLiteral("change"), unit.code,
        what.join(QStringLiteral("; ")));
    return {};
}

Result<void> OrgChart::moveUnit(const QString &code, const QString &parentCode)
{
    const ChartUnit *found = unit(code);
    if (!found)
        return fail(ErrorCode::NotFound, Tr::tr("The chart has no unit %1.").arg(code));
    if (found->parentCode == parentCode)
        return {};
    ChartUnit moved = *found;
    moved.parentCode = parentCode;
    if (auto placed = checkPlacement(moved); !placed)
        return placed;
    const QString from = found->parentCode;
    m_units.insert(code, moved);
    reparent(code, from, parentCode);
    changed(QStringLiteral("move"), code,
        Tr::tr("moved from %1 to %2")
            .arg(from.isEmpty() ? Tr::tr("the top") : from,
                parentCode.isEmpty() ? Tr::tr("the top") : parentCode));
    return {};
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
    if (from->retired)
        return fail(ErrorCode::NotAllowed,
            Tr::tr("%1 cannot be merged into %2: it is retired already.")
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
    survivorUnit.jurisdiction = cleanNames(survivorUnit.jurisdiction + from->jurisdiction);
    survivorUnit.departments = cleanNames(survivorUnit.departments + from->departments);
    if (survivorUnit.kind == UnitKind::Joint) {
        survivorUnit.linkedUnits = cleanNames(survivorUnit.linkedUnits + from->linkedUnits);
        survivorUnit.linkedUnits.removeAll(survivor);
    }
    const QString fromLabel = unitLabel(*from);
    const QString intoLabel = unitLabel(*into);
    m_units.insert(survivor, survivorUnit);
    for (const ChartUnit &child : moving)
        m_units[child.code].parentCode = survivor;
    int movedPeople = 0;
    for (Person &person : m_people) {
        if (person.unitCode == retiring) {
            person.unitCode = survivor;
            ++movedPeople;
        }
    }
    // Joint units that served the retiring unit now serve the survivor; groups it set up or sat
    // in carry on with the survivor.
    for (ChartUnit &unit : m_units) {
        if (unit.linkedUnits.contains(retiring)) {
            for (QString &code : unit.linkedUnits) {
                if (code == retiring)
                    code = survivor;
            }
            unit.linkedUnits = cleanNames(unit.linkedUnits);
            unit.linkedUnits.removeAll(unit.code);
        }
    }
    for (OrgGroup &group : m_groups) {
        if (group.unitCode == retiring)
            group.unitCode = survivor;
        if (group.memberUnits.contains(retiring)) {
            group.memberUnits.removeAll(retiring);
            if (!group.memberUnits.contains(survivor))
                group.memberUnits << survivor;
        }
    }
    ChartUnit &retired = m_units[retiring];
    retired.retired = true;
    retired.retiredAt = at;
    const QString detail = Tr::tr("%1 merged into %2: %3 unit(s) and %4 person(s) moved")
                               .arg(fromLabel, intoLabel)
                               .arg(moving.size())
                               .arg(movedPeople);
    m_index.reset();
    changed(QStringLiteral("merge"), retiring, detail);
    changed(QStringLiteral("merge"), survivor, detail);
    qCInfo(lcOrg) << "merged unit" << retiring << "into" << survivor;
    return {};
}

Result<void> OrgChart::retireUnit(const QString &code, const QDateTime &at)
{
    const ChartUnit *found = unit(code);
    if (!found)
        return fail(ErrorCode::NotFound, Tr::tr("The chart has no unit %1.").arg(code));
    // Retiring again would overwrite the date the unit really left service.
    if (found->retired)
        return fail(ErrorCode::NotAllowed,
            Tr::tr("%1 is retired already, since %2.")
                .arg(unitLabel(*found), found->retiredAt.toUTC().toString(Qt::ISODate)));
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
    changed(QStringLiteral("retire"), code, Tr::tr("retired %1").arg(unitLabel(retired)));
    return {};
}

Result<void> OrgChart::checkPerson(const Person &person) const
{
    if (isBlankText(person.name))
        return fail(ErrorCode::InvalidArgument, Tr::tr("A person needs a name."));
    if (!postFromKey(person.post))
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("Unknown post \"%1\"; use one of %2.").arg(person.post, postKeys()));
    const ChartUnit *home = unit(person.unitCode);
    if (!home)
        return fail(ErrorCode::NotFound,
            Tr::tr("Person %1 names unit %2, which is not in the chart.")
                .arg(person.name, person.unitCode));
    if (home->retired && !person.retired)
        return fail(ErrorCode::NotAllowed,
            Tr::tr("Person %1 cannot join %2: that unit is retired.")
                .arg(person.name, unitLabel(*home)));
    return {};
}

Result<qint64> OrgChart::putPerson(Person person)
{
    if (auto checked = checkPerson(person); !checked)
        return std::unexpected(checked.error());
    person.post = postKey(*postFromKey(person.post));
    person.name = printableText(person.name).trimmed();
    person.gridCodes = cleanNames(person.gridCodes);
    if (person.id <= 0 && !m_people.isEmpty()
        && m_people.lastKey() == std::numeric_limits<qint64>::max())
        return fail(ErrorCode::NotAllowed,
            Tr::tr("Person %1 cannot be given an id: the highest id there is is taken already.")
                .arg(person.name));
    if (person.id <= 0)
        person.id = m_people.isEmpty() ? 1 : m_people.lastKey() + 1;
    const Person *before = this->person(person.id);
    QStringList what;
    if (!before) {
        what << Tr::tr("added %1 (%2) in %3").arg(person.name, person.post, person.unitCode);
    } else {
        what = personDifferences(*before, person);
        if (what.isEmpty())
            return person.id;
        what.prepend(person.name);
    }
    if (m_index && before && !before->retired)
        --m_index->activePeople[before->unitCode];
    if (m_index && !person.retired)
        ++m_index->activePeople[person.unitCode];
    m_people.insert(person.id, person);
    changed(QStringLiteral("person"), person.unitCode, what.join(QStringLiteral("; ")), person.id);
    return person.id;
}

Result<void> OrgChart::checkGroup(const OrgGroup &group) const
{
    if (group.name.isEmpty())
        return fail(ErrorCode::InvalidArgument, Tr::tr("A group needs a name."));
    const ChartUnit *host = unit(group.unitCode);
    if (!host)
        return fail(ErrorCode::NotFound,
            Tr::tr("Group %1 names unit %2, which is not in the chart.")
                .arg(group.name, group.unitCode));
    if (host->retired && !group.dissolved)
        return fail(ErrorCode::NotAllowed,
            Tr::tr("Group %1 cannot be set up by %2: that unit is retired.")
                .arg(group.name, unitLabel(*host)));
    for (const QString &code : group.memberUnits) {
        if (!unit(code))
            return fail(ErrorCode::NotFound,
                Tr::tr("Group %1 names member unit %2, which is not in the chart.")
                    .arg(group.name, code));
    }
    for (qint64 id : group.memberPeople) {
        if (!person(id))
            return fail(ErrorCode::NotFound,
                Tr::tr("Group %1 names member %2, who is not in the chart.")
                    .arg(group.name)
                    .arg(id));
    }
    return {};
}

Result<qint64> OrgChart::putGroup(OrgGroup group)
{
    group.name = printableText(group.name).trimmed();
    group.memberUnits = cleanNames(group.memberUnits);
    if (auto checked = checkGroup(group); !checked)
        return std::unexpected(checked.error());
    QList<qint64> members;
    for (qint64 id : group.memberPeople) {
        if (!members.contains(id))
            members << id;
    }
    group.memberPeople = members;
    if (group.id <= 0)
        group.id = m_groups.isEmpty() ? 1 : m_groups.lastKey() + 1;
    const bool added = !m_groups.contains(group.id);
    m_groups.insert(group.id, group);
    changed(QStringLiteral("group"), group.unitCode,
        (added ? Tr::tr("set up %1 \"%2\" with %3 unit(s) and %4 person(s)")
               : Tr::tr("changed %1 \"%2\": %3 unit(s) and %4 person(s)"))
            .arg(groupKindName(group.kind), group.name)
            .arg(group.memberUnits.size())
            .arg(group.memberPeople.size()),
        0, group.id);
    return group.id;
}

Result<void> OrgChart::dissolveGroup(qint64 id)
{
    const auto found = m_groups.find(id);
    if (found == m_groups.end())
        return fail(ErrorCode::NotFound, Tr::tr("The chart has no group %1.").arg(id));
    if (found->dissolved)
        return {};
    found->dissolved = true;
    changed(QStringLiteral("group"), found->unitCode,
        Tr::tr("dissolved %1 \"%2\"").arg(groupKindName(found->kind), found->name), 0, id);
    return {};
}

} // namespace GridDesk
