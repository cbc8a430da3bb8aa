// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "workflowsetup.h"

#include "storage/workspace.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::WorkflowSetup)
};

const QString HOURS_KEY = QStringLiteral("calendar.hours");
const QString WEEKEND_KEY = QStringLiteral("calendar.weekend");
const QString CALENDAR_SAVED_KEY = QStringLiteral("calendar.saved");
const QString WARNINGS_KEY = QStringLiteral("workflow.warning_fractions");
const QString HANDLING_OVERDUE_KEY = QStringLiteral("workflow.on_handling_overdue");
const QString SUPERVISION_OVERDUE_KEY = QStringLiteral("workflow.on_supervision_overdue");
const QString TIME_FORMAT = QStringLiteral("HH:mm");

Error queryError(const QSqlQuery &query, const QString &doing)
{
    return Error {ErrorCode::Database,
        Tr::tr("%1 failed: %2").arg(doing, query.lastError().text().trimmed())};
}

Result<QSqlQuery> select(const Workspace &workspace, const QString &sql, const QString &doing)
{
    QSqlQuery query(workspace.database());
    query.setForwardOnly(true);
    if (!query.exec(sql))
        return std::unexpected(queryError(query, doing));
    return query;
}

Result<void> execute(QSqlQuery &query, const QString &doing)
{
    if (!query.exec())
        return std::unexpected(queryError(query, doing));
    return {};
}

/// Text for a NOT NULL column: Qt binds a null QString as SQL NULL.
QString notNull(const QString &text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

Result<void> clear(Workspace &workspace, const QString &table)
{
    QSqlQuery query(workspace.database());
    if (!query.exec(QStringLiteral("DELETE FROM %1").arg(table)))
        return std::unexpected(queryError(query, Tr::tr("Clearing %1").arg(table)));
    return {};
}

QString overdueKey(std::optional<CaseAction> action)
{
    return action ? caseActionKey(*action) : QStringLiteral("none");
}

std::optional<CaseAction> overdueAction(const QString &text, CaseAction fallback)
{
    if (text.isEmpty())
        return fallback;
    const std::optional<CaseAction> action = caseActionFromKey(text);
    const bool usable = action == CaseAction::Supervise || action == CaseAction::Escalate;
    return usable ? action : std::nullopt;
}

Result<void> loadUnits(const Workspace &workspace, WorkflowSetup &setup)
{
    auto query = select(workspace,
        QStringLiteral("SELECT u.code, u.name, u.tier, u.parent_code, coalesce(d.retired, 0) FROM "
                       "org_units u LEFT JOIN org_unit_details d USING (code)"),
        Tr::tr("Reading org units"));
    if (!query)
        return std::unexpected(query.error());
    QList<OrgUnit> units;
    while (query->next()) {
        units << OrgUnit {query->value(0).toString(), query->value(1).toString(),
            query->value(2).toInt(), query->value(3).toString(), query->value(4).toInt() != 0};
    }
    auto people = select(workspace,
        QStringLiteral(
            "SELECT id, name, post, unit_code, grid_codes FROM people WHERE retired = 0"),
        Tr::tr("Reading people"));
    if (!people)
        return std::unexpected(people.error());
    QList<StaffMember> staff;
    while (people->next()) {
        staff << StaffMember {people->value(0).toLongLong(), people->value(1).toString(),
            people->value(2).toString(), people->value(3).toString(),
            people->value(4).toString().split(u';', Qt::SkipEmptyParts)};
    }
    setup.units = OrgDirectory(units, staff);

    auto users = select(workspace,
        QStringLiteral("SELECT name, role, unit_code FROM local_users ORDER BY name"),
        Tr::tr("Reading users"));
    if (!users)
        return std::unexpected(users.error());
    while (users->next()) {
        setup.users << LocalUser {
            users->value(0).toString(), users->value(1).toString(), users->value(2).toString()};
    }
    return {};
}

Result<void> loadCategories(const Workspace &workspace, WorkflowSetup &setup)
{
    auto query = select(workspace,
        QStringLiteral("SELECT code, parent_code, kind, name, default_unit, limits FROM "
                       "case_categories"),
        Tr::tr("Reading categories"));
    if (!query)
        return std::unexpected(query.error());
    QJsonArray array;
    while (query->next()) {
        QJsonObject object {{QStringLiteral("code"), query->value(0).toString()},
            {QStringLiteral("parent"), query->value(1).toString()},
            {QStringLiteral("kind"), query->value(2).toString()},
            {QStringLiteral("name"), query->value(3).toString()},
            {QStringLiteral("unit"), query->value(4).toString()},
            {QStringLiteral("limits"),
                QJsonDocument::fromJson(query->value(5).toByteArray()).object()}};
        array << object;
    }
    auto tree = CategoryTree::fromJson(array);
    if (!tree)
        return std::unexpected(tree.error());
    setup.categories = std::move(*tree);
    return {};
}

Result<void> loadRules(const Workspace &workspace, WorkflowSetup &setup)
{
    auto query = select(workspace,
        QStringLiteral("SELECT id, name, enabled, category, grid_code, time_from, time_to, "
                       "channel, unit, co_units FROM dispatch_rules ORDER BY position"),
        Tr::tr("Reading dispatch rules"));
    if (!query)
        return std::unexpected(query.error());
    QList<DispatchRule> rules;
    while (query->next()) {
        DispatchRule rule;
        rule.id = query->value(0).toString();
        rule.name = query->value(1).toString();
        rule.enabled = query->value(2).toBool();
        rule.category = query->value(3).toString();
        rule.gridCode = query->value(4).toString();
        rule.from = QTime::fromString(query->value(5).toString(), TIME_FORMAT);
        rule.to = QTime::fromString(query->value(6).toString(), TIME_FORMAT);
        rule.channel = query->value(7).toString();
        rule.unit = query->value(8).toString();
        const QString coUnits = query->value(9).toString();
        rule.coUnits = coUnits.isEmpty() ? QStringList() : coUnits.split(u',');
        rules << rule;
    }
    auto table = DispatchRules::build(rules);
    if (!table)
        return std::unexpected(table.error());
    setup.rules = std::move(*table);
    return {};
}

Result<void> loadCalendar(const Workspace &workspace, WorkflowSetup &setup)
{
    if (workspace.metadata(CALENDAR_SAVED_KEY).isEmpty()) {
        setup.calendar = WorkCalendar::china();
        return {};
    }

    QList<std::pair<QTime, QTime>> periods;
    for (const QString &period : workspace.metadata(HOURS_KEY).split(u',', Qt::SkipEmptyParts)) {
        const QStringList ends = period.split(u'-');
        if (ends.size() == 2) {
            periods << std::pair(QTime::fromString(ends.at(0), TIME_FORMAT),
                QTime::fromString(ends.at(1), TIME_FORMAT));
        }
    }
    if (auto hours = setup.calendar.setWorkingHours(periods); !hours)
        return std::unexpected(hours.error().at(Tr::tr("working hours of the workspace")));
    QList<Qt::DayOfWeek> weekend;
    for (const QString &day : workspace.metadata(WEEKEND_KEY).split(u',', Qt::SkipEmptyParts))
        weekend << Qt::DayOfWeek(day.toInt());
    setup.calendar.setWeekend(weekend);

    auto query = select(workspace, QStringLiteral("SELECT date, kind, name FROM calendar_days"),
        Tr::tr("Reading the calendar"));
    if (!query)
        return std::unexpected(query.error());
    while (query->next()) {
        const QDate date = QDate::fromString(query->value(0).toString(), Qt::ISODate);
        const auto kind = query->value(1).toString() == QLatin1String("workday")
            ? CalendarDayKind::AdjustedWorkday
            : CalendarDayKind::Holiday;
        setup.calendar.setDay(CalendarDay {date, kind, query->value(2).toString()});
    }
    return {};
}

void loadSettings(const Workspace &workspace, WorkflowSetup &setup)
{
    const QStringList fractions = workspace.metadata(WARNINGS_KEY).split(u',', Qt::SkipEmptyParts);
    if (!fractions.isEmpty()) {
        setup.warningFractions.clear();
        for (const QString &fraction : fractions)
            setup.warningFractions << fraction.toDouble();
    }
    setup.onHandlingOverdue =
        overdueAction(workspace.metadata(HANDLING_OVERDUE_KEY), CaseAction::Supervise);
    setup.onSupervisionOverdue =
        overdueAction(workspace.metadata(SUPERVISION_OVERDUE_KEY), CaseAction::Escalate);
}

} // namespace

Result<WorkflowSetup> WorkflowSetup::load(const Workspace &workspace)
{
    WorkflowSetup setup;
    if (auto units = loadUnits(workspace, setup); !units)
        return std::unexpected(units.error());
    if (auto categories = loadCategories(workspace, setup); !categories)
        return std::unexpected(categories.error());
    if (auto rules = loadRules(workspace, setup); !rules)
        return std::unexpected(rules.error());
    if (auto calendar = loadCalendar(workspace, setup); !calendar)
        return std::unexpected(calendar.error());
    loadSettings(workspace, setup);
    return setup;
}

Result<void> WorkflowSetup::save(Workspace &workspace) const
{
    if (auto saved = saveUnits(workspace); !saved)
        return saved;
    return saveExceptUnits(workspace);
}

Result<void> WorkflowSetup::saveExceptUnits(Workspace &workspace) const
{
    for (auto part :
        {&WorkflowSetup::saveUsers, &WorkflowSetup::saveCategories, &WorkflowSetup::saveRules,
            &WorkflowSetup::saveCalendar, &WorkflowSetup::saveSettings}) {
        if (auto saved = (this->*part)(workspace); !saved)
            return saved;
    }
    return {};
}

Result<void> WorkflowSetup::saveUnits(Workspace &workspace) const
{
    if (auto cleared = clear(workspace, QStringLiteral("org_units")); !cleared)
        return cleared;
    QSqlQuery insert(workspace.database());
    insert.prepare(QStringLiteral("INSERT INTO org_units VALUES (?, ?, ?, ?)"));
    for (const OrgUnit &unit : units.units()) {
        insert.addBindValue(unit.code);
        insert.addBindValue(notNull(unit.name));
        insert.addBindValue(unit.tier);
        insert.addBindValue(unit.parentCode.isEmpty() ? QVariant() : QVariant(unit.parentCode));
        if (auto done = execute(insert, Tr::tr("Saving org unit %1").arg(unit.code)); !done)
            return done;
    }
    const QString revisionKey = QStringLiteral("org_revision");
    return workspace.setMetadata(
        revisionKey, QString::number(workspace.metadata(revisionKey).toLongLong() + 1));
}

Result<void> WorkflowSetup::saveUsers(Workspace &workspace) const
{
    if (auto cleared = clear(workspace, QStringLiteral("local_users")); !cleared)
        return cleared;
    QSqlQuery insert(workspace.database());
    insert.prepare(QStringLiteral("INSERT INTO local_users VALUES (?, ?, ?)"));
    for (const LocalUser &user : users) {
        insert.addBindValue(user.name);
        insert.addBindValue(user.role);
        insert.addBindValue(notNull(user.unitCode));
        if (auto done = execute(insert, Tr::tr("Saving user %1").arg(user.name)); !done)
            return done;
    }
    return {};
}

Result<void> WorkflowSetup::saveCategories(Workspace &workspace) const
{
    if (auto cleared = clear(workspace, QStringLiteral("case_categories")); !cleared)
        return cleared;
    QSqlQuery insert(workspace.database());
    insert.prepare(QStringLiteral("INSERT INTO case_categories VALUES (?, ?, ?, ?, ?, ?)"));
    for (const QJsonValue &value : categories.toJson()) {
        const QJsonObject object = value.toObject();
        const QString code = object.value(QLatin1String("code")).toString();
        insert.addBindValue(code);
        const QString parent = object.value(QLatin1String("parent")).toString();
        insert.addBindValue(parent.isEmpty() ? QVariant() : QVariant(parent));
        insert.addBindValue(object.value(QLatin1String("kind")).toString());
        insert.addBindValue(notNull(object.value(QLatin1String("name")).toString()));
        insert.addBindValue(object.value(QLatin1String("unit")).toString(QStringLiteral("")));
        const QJsonObject limits = object.value(QLatin1String("limits")).toObject();
        insert.addBindValue(
            QString::fromUtf8(QJsonDocument(limits).toJson(QJsonDocument::Compact)));
        if (auto done = execute(insert, Tr::tr("Saving category %1").arg(code)); !done)
            return done;
    }
    return {};
}

Result<void> WorkflowSetup::saveRules(Workspace &workspace) const
{
    if (auto cleared = clear(workspace, QStringLiteral("dispatch_rules")); !cleared)
        return cleared;
    QSqlQuery insert(workspace.database());
    insert.prepare(QStringLiteral("INSERT INTO dispatch_rules VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
                                  "?, ?)"));
    int position = 0;
    for (const DispatchRule &rule : rules.rules()) {
        insert.addBindValue(++position);
        insert.addBindValue(rule.id);
        insert.addBindValue(notNull(rule.name));
        insert.addBindValue(rule.enabled ? 1 : 0);
        insert.addBindValue(notNull(rule.category));
        insert.addBindValue(notNull(rule.gridCode));
        insert.addBindValue(
            rule.from.isValid() ? QVariant(rule.from.toString(TIME_FORMAT)) : QVariant());
        insert.addBindValue(
            rule.to.isValid() ? QVariant(rule.to.toString(TIME_FORMAT)) : QVariant());
        insert.addBindValue(notNull(rule.channel));
        insert.addBindValue(rule.unit);
        insert.addBindValue(notNull(rule.coUnits.join(u',')));
        if (auto done = execute(insert, Tr::tr("Saving dispatch rule %1").arg(rule.id)); !done)
            return done;
    }
    return {};
}

Result<void> WorkflowSetup::saveCalendar(Workspace &workspace) const
{
    if (auto cleared = clear(workspace, QStringLiteral("calendar_days")); !cleared)
        return cleared;
    QSqlQuery insert(workspace.database());
    insert.prepare(QStringLiteral("INSERT INTO calendar_days VALUES (?, ?, ?)"));
    for (const CalendarDay &day : calendar.days()) {
        insert.addBindValue(day.date.toString(Qt::ISODate));
        const bool workday = day.kind == CalendarDayKind::AdjustedWorkday;
        insert.addBindValue(workday ? QStringLiteral("workday") : QStringLiteral("holiday"));
        insert.addBindValue(notNull(day.name));
        if (auto done = execute(
                insert, Tr::tr("Saving calendar day %1").arg(day.date.toString(Qt::ISODate)));
            !done)
            return done;
    }

    QStringList periods;
    for (const auto &[from, to] : calendar.workingHours())
        periods << from.toString(TIME_FORMAT) + u'-' + to.toString(TIME_FORMAT);
    QStringList weekend;
    for (Qt::DayOfWeek day : calendar.weekend())
        weekend << QString::number(int(day));
    for (const auto &[key, value] :
        {std::pair(HOURS_KEY, periods.join(u',')), std::pair(WEEKEND_KEY, weekend.join(u',')),
            std::pair(CALENDAR_SAVED_KEY, QStringLiteral("1"))}) {
        if (auto set = workspace.setMetadata(key, value); !set)
            return set;
    }
    return {};
}

Result<void> WorkflowSetup::saveSettings(Workspace &workspace) const
{
    QStringList fractions;
    for (double fraction : warningFractions)
        fractions << QString::number(fraction);
    for (const auto &[key, value] : {std::pair(WARNINGS_KEY, fractions.join(u',')),
             std::pair(HANDLING_OVERDUE_KEY, overdueKey(onHandlingOverdue)),
             std::pair(SUPERVISION_OVERDUE_KEY, overdueKey(onSupervisionOverdue))}) {
        if (auto set = workspace.setMetadata(key, value); !set)
            return set;
    }
    return {};
}

Result<void> WorkflowSetup::validate() const
{
    const bool handlingRule = !onHandlingOverdue || onHandlingOverdue == CaseAction::Supervise;
    const bool supervisionRule =
        !onSupervisionOverdue || onSupervisionOverdue == CaseAction::Escalate;
    if (!handlingRule || !supervisionRule) {
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("When handling time runs out a case can be supervised, and when supervision "
                   "time runs out escalated; nothing else follows from the loop."));
    }
    for (double fraction : warningFractions) {
        if (!(fraction > 0 && fraction < 1)) {
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("Warnings come at fractions of a stage's time between 0 and 1, such as "
                       "0.5 and 0.8; %1 is not one.")
                    .arg(fraction));
        }
    }
    for (const OrgUnit &unit : units.units()) {
        if (unit.tier < 1 || unit.tier > 6) {
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("Org unit %1 has tier %2; tiers run from 1 (city) to 6 (grid).")
                    .arg(unit.code)
                    .arg(unit.tier));
        }
        if (unit.parentCode.isEmpty())
            continue;
        const std::optional<OrgUnit> parent = units.unit(unit.parentCode);
        if (!parent) {
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("Org unit %1 names a parent %2 that does not exist.")
                    .arg(unit.code, unit.parentCode));
        }
        if (parent->tier >= unit.tier) {
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("Org unit %1 (tier %2) cannot sit under %3 (tier %4): tiers run downwards.")
                    .arg(unit.code)
                    .arg(unit.tier)
                    .arg(parent->code)
                    .arg(parent->tier));
        }
    }
    for (const DispatchRule &rule : rules.rules()) {
        for (const QString &unit : QStringList {rule.unit} + rule.coUnits) {
            if (!units.contains(unit)) {
                return fail(ErrorCode::InvalidArgument,
                    Tr::tr("Rule %1 names org unit \"%2\", which does not exist.")
                        .arg(rule.id, unit));
            }
        }
    }
    for (const Category &category : categories.categories()) {
        if (!category.defaultUnit.isEmpty() && !units.contains(category.defaultUnit)) {
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("Category %1 names org unit \"%2\", which does not exist.")
                    .arg(category.code, category.defaultUnit));
        }
    }
    QSet<QString> names;
    for (const LocalUser &user : users) {
        if (names.contains(user.name))
            return fail(
                ErrorCode::InvalidArgument, Tr::tr("User %1 appears twice.").arg(user.name));
        names.insert(user.name);
        const std::optional<Role> role = roleFromKey(user.role);
        if (!role || *role == Role::System) {
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("User %1 has the role \"%2\"; desk roles are operator, supervisor, "
                       "unit_handler and leader.")
                    .arg(user.name, user.role));
        }
        if (!user.unitCode.isEmpty() && !units.contains(user.unitCode)) {
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("User %1 belongs to org unit \"%2\", which does not exist.")
                    .arg(user.name, user.unitCode));
        }
    }
    return {};
}

Result<void> WorkflowSetup::validateFor(const Workspace &workspace) const
{
    if (auto valid = validate(); !valid)
        return valid;
    auto query = select(workspace,
        QStringLiteral("SELECT lead_unit, count(*) FROM cases WHERE lead_unit != '' AND state "
                       "NOT IN ('closed', 'evaluated', 'rejected', 'cancelled', 'merged') GROUP "
                       "BY lead_unit"),
        Tr::tr("Finding the units of open cases"));
    if (!query)
        return std::unexpected(query.error());
    while (query->next()) {
        const QString unit = query->value(0).toString();
        if (!units.contains(unit)) {
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("Org unit %1 leads %n open case(s); keep it, or dispatch its cases "
                       "elsewhere first.",
                    nullptr, query->value(1).toInt())
                    .arg(unit));
        }
    }
    return {};
}

std::optional<LocalUser> WorkflowSetup::user(const QString &name) const
{
    for (const LocalUser &user : users) {
        if (user.name == name)
            return user;
    }
    return std::nullopt;
}

} // namespace GridDesk
