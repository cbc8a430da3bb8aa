// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "clicontext.h"

#include "storage/workspace.h"
#include "workflow/casebook.h"
#include "workflow/dispatchdryrun.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace GridDesk::Cli {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Cli)
};

const QString TIME_FORMAT = QStringLiteral("HH:mm");

Result<QJsonDocument> readJsonFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(
            ErrorCode::FileNotFound, Tr::tr("%1 cannot be read: %2").arg(path, file.errorString()));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError) {
        return fail(ErrorCode::UnreadableFile,
            Tr::tr("%1 is not valid JSON at byte %2: %3")
                .arg(path)
                .arg(error.offset)
                .arg(error.errorString()));
    }
    return document;
}

Result<QList<OrgUnit>> unitsFromJson(const QJsonArray &array)
{
    QList<OrgUnit> units;
    QSet<QString> codes;
    for (qsizetype index = 0; index < array.size(); ++index) {
        const QJsonObject object = array.at(index).toObject();
        const OrgUnit unit {object.value(QLatin1String("code")).toString().trimmed(),
            object.value(QLatin1String("name")).toString().trimmed(),
            object.value(QLatin1String("tier")).toInt(),
            object.value(QLatin1String("parent")).toString().trimmed()};
        const QString where = Tr::tr("unit %1").arg(index + 1);
        if (unit.code.isEmpty() || unit.name.isEmpty())
            return fail(ErrorCode::MissingField,
                Tr::tr("%1: \"code\" and \"name\" are needed.").arg(where));
        if (codes.contains(unit.code))
            return fail(
                ErrorCode::InvalidArgument, Tr::tr("%1: %2 appears twice.").arg(where, unit.code));
        codes.insert(unit.code);
        units << unit;
    }
    return units;
}

const QStringList SETUP_SECTIONS {QStringLiteral("units"), QStringLiteral("users"),
    QStringLiteral("categories"), QStringLiteral("rules"), QStringLiteral("settings"),
    QStringLiteral("calendar")};

Error wrongType(const QString &key, const QString &wanted)
{
    return Error {ErrorCode::InvalidArgument, Tr::tr("\"%1\" must be %2.").arg(key, wanted)};
}

/// The array under key, or nothing when the section is absent.
Result<std::optional<QJsonArray>> arrayField(const QJsonObject &json, const QString &key)
{
    if (!json.contains(key))
        return std::optional<QJsonArray>();
    if (!json.value(key).isArray())
        return std::unexpected(wrongType(key, Tr::tr("a list")));
    return std::optional(json.value(key).toArray());
}

Result<void> readUsers(const QJsonArray &array, WorkflowSetup &setup)
{
    setup.users.clear();
    for (const QJsonValue &value : array) {
        const QJsonObject object = value.toObject();
        const LocalUser user {object.value(QLatin1String("name")).toString().trimmed(),
            object.value(QLatin1String("role")).toString().trimmed(),
            object.value(QLatin1String("unit")).toString().trimmed()};
        if (user.name.isEmpty())
            return fail(ErrorCode::MissingField, Tr::tr("a user has no \"name\"."));
        setup.users << user;
    }
    return {};
}

Result<void> readSettings(const QJsonObject &settings, WorkflowSetup &setup)
{
    const QString fractionsKey = QStringLiteral("warning_fractions");
    if (settings.contains(fractionsKey)) {
        if (!settings.value(fractionsKey).isArray())
            return std::unexpected(wrongType(fractionsKey, Tr::tr("a list of numbers")));
        setup.warningFractions.clear();
        for (const QJsonValue &fraction : settings.value(fractionsKey).toArray())
            setup.warningFractions << fraction.toDouble(-1);
    }
    for (const auto &[key, target] : {std::pair("on_handling_overdue", &setup.onHandlingOverdue),
             std::pair("on_supervision_overdue", &setup.onSupervisionOverdue)}) {
        if (!settings.contains(QLatin1String(key)))
            continue;
        const QString text = settings.value(QLatin1String(key)).toString();
        const auto action = caseActionFromKey(text);
        if (text == QLatin1String("none"))
            target->reset();
        else if (action)
            *target = action;
        else
            return std::unexpected(
                wrongType(QLatin1String(key), Tr::tr("supervise, escalate or none")));
    }
    return {};
}

Result<void> readCalendar(const QJsonObject &calendar, WorkflowSetup &setup)
{
    if (calendar.contains(QLatin1String("hours"))) {
        QList<std::pair<QTime, QTime>> periods;
        for (const QJsonValue &value : calendar.value(QLatin1String("hours")).toArray()) {
            const QStringList ends = value.toString().split(u'-');
            periods << std::pair(QTime::fromString(ends.value(0).trimmed(), TIME_FORMAT),
                QTime::fromString(ends.value(1).trimmed(), TIME_FORMAT));
        }
        if (auto hours = setup.calendar.setWorkingHours(periods); !hours)
            return std::unexpected(hours.error().at(QStringLiteral("calendar.hours")));
    }
    if (calendar.contains(QLatin1String("weekend"))) {
        QList<Qt::DayOfWeek> weekend;
        for (const QJsonValue &value : calendar.value(QLatin1String("weekend")).toArray()) {
            const int day = value.toInt(0);
            if (day < 1 || day > 7)
                return std::unexpected(wrongType(
                    QStringLiteral("calendar.weekend"), Tr::tr("days 1 (Monday) to 7 (Sunday)")));
            weekend << Qt::DayOfWeek(day);
        }
        setup.calendar.setWeekend(weekend);
    }
    return {};
}

Result<void> readSetupJson(const QJsonObject &json, WorkflowSetup &setup)
{
    for (auto key = json.begin(); key != json.end(); ++key) {
        if (!SETUP_SECTIONS.contains(key.key())) {
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("unknown section \"%1\"; a setup has %2.")
                    .arg(key.key(), SETUP_SECTIONS.join(QStringLiteral(", "))));
        }
    }
    QList<std::optional<QJsonArray>> sections;
    for (const char *key : {"units", "users", "categories", "rules"}) {
        auto section = arrayField(json, QLatin1String(key));
        if (!section)
            return std::unexpected(section.error());
        sections << *section;
    }
    for (const char *key : {"settings", "calendar"}) {
        if (json.contains(QLatin1String(key)) && !json.value(QLatin1String(key)).isObject())
            return std::unexpected(wrongType(QLatin1String(key), Tr::tr("an object")));
    }

    if (const auto &units = sections.at(0)) {
        auto read = unitsFromJson(*units);
        if (!read)
            return std::unexpected(read.error());
        setup.units = OrgDirectory(*read);
    }
    if (const auto &users = sections.at(1)) {
        if (auto read = readUsers(*users, setup); !read)
            return read;
    }
    if (const auto &categories = sections.at(2)) {
        auto tree = CategoryTree::fromJson(*categories);
        if (!tree)
            return std::unexpected(tree.error());
        setup.categories = std::move(*tree);
    }
    if (const auto &rules = sections.at(3)) {
        auto table = DispatchRules::fromJson(*rules);
        if (!table)
            return std::unexpected(table.error());
        setup.rules = std::move(*table);
    }
    if (auto read = readSettings(json.value(QLatin1String("settings")).toObject(), setup); !read)
        return read;
    return readCalendar(json.value(QLatin1String("calendar")).toObject(), setup);
}

QJsonObject setupJson(const WorkflowSetup &setup)
{
    QJsonArray units;
    for (const OrgUnit &unit : setup.units.units()) {
        QJsonObject object {{QStringLiteral("code"), unit.code},
            {QStringLiteral("name"), unit.name}, {QStringLiteral("tier"), unit.tier}};
        if (!unit.parentCode.isEmpty())
            object.insert(QStringLiteral("parent"), unit.parentCode);
        units << object;
    }
    QJsonArray users;
    for (const LocalUser &user : setup.users) {
        users << QJsonObject {{QStringLiteral("name"), user.name},
            {QStringLiteral("role"), user.role}, {QStringLiteral("unit"), user.unitCode}};
    }
    QJsonArray fractions;
    for (double fraction : setup.warningFractions)
        fractions << fraction;
    auto overdue = [](std::optional<CaseAction> action) {
        return action ? caseActionKey(*action) : QStringLiteral("none");
    };
    const QJsonObject settings {{QStringLiteral("warning_fractions"), fractions},
        {QStringLiteral("on_handling_overdue"), overdue(setup.onHandlingOverdue)},
        {QStringLiteral("on_supervision_overdue"), overdue(setup.onSupervisionOverdue)}};
    QJsonArray hours;
    for (const auto &[from, to] : setup.calendar.workingHours())
        hours << from.toString(TIME_FORMAT) + u'-' + to.toString(TIME_FORMAT);
    QJsonArray weekend;
    for (Qt::DayOfWeek day : setup.calendar.weekend())
        weekend << int(day);
    const QJsonObject calendar {
        {QStringLiteral("hours"), hours}, {QStringLiteral("weekend"), weekend}};
    return QJsonObject {{QStringLiteral("units"), units}, {QStringLiteral("users"), users},
        {QStringLiteral("calendar"), calendar},
        {QStringLiteral("categories"), setup.categories.toJson()},
        {QStringLiteral("rules"), setup.rules.toJson()}, {QStringLiteral("settings"), settings}};
}

/// Saves setup and brings every open case's deadline in line with it, in one transaction.
Result<qint64> saveSetup(Workspace &workspace, const WorkflowSetup &setup)
{
    if (auto valid = setup.validateFor(workspace); !valid)
        return std::unexpected(valid.error());
    return workspace.transaction<qint64>([&]() -> Result<qint64> {
        if (auto saved = setup.save(workspace); !saved)
            return std::unexpected(saved.error());
        CaseBook book(workspace, setup);
        return book.refreshDeadlines();
    });
}

QString recomputed(qint64 cases)
{
    return Tr::tr("Deadlines of %n case(s) recomputed.", nullptr, int(cases));
}

Result<std::optional<QDate>> dateOption(Context &context, const char *option)
{
    if (!context.isSet(option))
        return std::optional<QDate>();
    const QDate date = QDate::fromString(context.value(option), Qt::ISODate);
    if (!date.isValid()) {
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("--%1 must be a date such as 2018-01-02, not \"%2\".")
                .arg(QLatin1String(option), context.value(option)));
    }
    return std::optional(date);
}

int dryRun(Context &context, Workspace &workspace, const WorkflowSetup &setup)
{
    DispatchRules rules = setup.rules;
    if (context.isSet("rules")) {
        auto document = readJsonFile(context.value("rules"));
        if (!document)
            return failWith(context, document.error());
        if (!document->isArray())
            return failWith(context, wrongType(context.value("rules"), Tr::tr("a list of rules")));
        auto tried = DispatchRules::fromJson(document->array());
        if (!tried)
            return failWith(context, tried.error().at(context.value("rules")));
        rules = std::move(*tried);
    }
    auto from = dateOption(context, "from");
    auto to = dateOption(context, "to");
    if (!from || !to)
        return usageError(context, (!from ? from.error() : to.error()).message);
    if (*from && *to && **from > **to)
        return usageError(context, Tr::tr("--from comes after --to."));
    WorkflowSetup trial = setup;
    trial.rules = rules;
    if (auto valid = trial.validate(); !valid)
        return failWith(context, valid.error());

    auto report = dryRunDispatch(workspace, setup, rules, *from, *to);
    if (!report)
        return failWith(context, report.error());
    if (context.isSet("json"))
        printJson(context, report->toJson());
    else
        context.out << report->toText() << '\n';
    return OK;
}

/// A workspace opened with its workflow setup, for the commands that read or change it.
struct SetupSession
{
    std::unique_ptr<Workspace> workspace;
    WorkflowSetup setup;
};

Result<SetupSession> openSetup(const QString &path)
{
    auto workspace = openWorkspace(path);
    if (!workspace)
        return std::unexpected(workspace.error());
    auto setup = WorkflowSetup::load(**workspace);
    if (!setup)
        return std::unexpected(setup.error());
    return SetupSession {std::move(*workspace), std::move(*setup)};
}

/// "export" or "import FILE" after the workspace: whether it is an import; nothing when the
/// arguments are neither.
std::optional<bool> isImport(const Context &context)
{
    const QString verb = context.positional.value(2);
    if (verb == QLatin1String("export") && context.positional.size() == 3)
        return false;
    if (verb == QLatin1String("import") && context.positional.size() == 4)
        return true;
    return std::nullopt;
}

} // namespace

int rulesCommand(Context &context)
{
    const QString verb = context.positional.value(2);
    const bool known = verb == QLatin1String("list") || verb == QLatin1String("export")
        || verb == QLatin1String("dry-run") || verb == QLatin1String("import");
    const qsizetype wanted = verb == QLatin1String("import") ? 4 : 3;
    if (!known || context.positional.size() != wanted)
        return usageError(
            context, Tr::tr("rules needs a WORKSPACE and list, export, import FILE or dry-run."));
    auto session = openSetup(context.positional.at(1));
    if (!session)
        return failWith(context, session.error());
    auto &[workspace, setup] = *session;

    if (verb == QLatin1String("dry-run"))
        return dryRun(context, *workspace, setup);
    if (verb == QLatin1String("import")) {
        auto document = readJsonFile(context.positional.at(3));
        if (!document)
            return failWith(context, document.error());
        if (!document->isArray()) {
            return failWith(
                context, wrongType(context.positional.at(3), Tr::tr("a list of rules")));
        }
        if (auto read =
                readSetupJson(QJsonObject {{QStringLiteral("rules"), document->array()}}, setup);
            !read)
            return failWith(context, read.error().at(context.positional.at(3)));
        auto saved = saveSetup(*workspace, setup);
        if (!saved)
            return failWith(context, saved.error());
        context.out << Tr::tr(
            "%n dispatch rule(s) in force.", nullptr, int(setup.rules.rules().size()))
                    << '\n';
        return OK;
    }
    if (verb == QLatin1String("export") || context.isSet("json")) {
        printJson(context, setup.rules.toJson());
        return OK;
    }
    for (const DispatchRule &rule : setup.rules.rules()) {
        context.out << QStringLiteral("%1\t%2\t%3\t%4")
                           .arg(rule.id, rule.enabled ? Tr::tr("on") : Tr::tr("off"), rule.unit,
                               rule.name)
                    << '\n';
    }
    return OK;
}

int setupCommand(Context &context)
{
    const std::optional<bool> import = isImport(context);
    if (!import)
        return usageError(context, Tr::tr("setup needs a WORKSPACE and export or import FILE."));
    auto session = openSetup(context.positional.at(1));
    if (!session)
        return failWith(context, session.error());
    auto &[workspace, setup] = *session;
    if (!*import) {
        printJson(context, setupJson(setup));
        return OK;
    }

    auto document = readJsonFile(context.positional.at(3));
    if (!document)
        return failWith(context, document.error());
    if (!document->isObject())
        return failWith(context, wrongType(context.positional.at(3), Tr::tr("an object")));
    if (auto read = readSetupJson(document->object(), setup); !read)
        return failWith(context, read.error().at(context.positional.at(3)));
    auto refreshed = saveSetup(*workspace, setup);
    if (!refreshed)
        return failWith(context, refreshed.error());
    context.out << Tr::tr("Org units: %1. Users: %2. Categories: %3. Dispatch rules: %4.")
                       .arg(setup.units.size())
                       .arg(setup.users.size())
                       .arg(setup.categories.size())
                       .arg(setup.rules.rules().size())
                << ' ' << recomputed(*refreshed) << '\n';
    return OK;
}

int calendarCommand(Context &context)
{
    const std::optional<bool> import = isImport(context);
    if (!import) {
        return usageError(
            context, Tr::tr("calendar needs a WORKSPACE and export or import FILE.csv."));
    }
    auto session = openSetup(context.positional.at(1));
    if (!session)
        return failWith(context, session.error());
    auto &[workspace, setup] = *session;

    if (!*import) {
        std::optional<int> year;
        if (context.isSet("year")) {
            bool ok = false;
            year = context.value("year").toInt(&ok);
            if (!ok)
                return usageError(context, Tr::tr("--year must be a year such as 2026."));
        }
        context.out << QString::fromUtf8(setup.calendar.toCsv(year));
        return OK;
    }

    const QString path = context.positional.at(3);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return failWith(context,
            Error {ErrorCode::FileNotFound,
                Tr::tr("%1 cannot be read: %2").arg(path, file.errorString())});
    // A schedule file states whole years: the years it covers are replaced, not merged, so
    // that a day taken out of a corrected schedule goes.
    WorkCalendar schedule;
    auto read = schedule.readCsv(file, path);
    if (!read)
        return failWith(context, read.error());
    QSet<int> years;
    for (const CalendarDay &day : schedule.days())
        years.insert(day.date.year());
    for (int year : std::as_const(years)) {
        for (const CalendarDay &day : setup.calendar.days(year))
            setup.calendar.removeDay(day.date);
    }
    for (const CalendarDay &day : schedule.days())
        setup.calendar.setDay(day);
    auto refreshed = saveSetup(*workspace, setup);
    if (!refreshed)
        return failWith(context, refreshed.error());
    context.out << Tr::tr("%n calendar day(s) read.", nullptr, *read) << ' '
                << recomputed(*refreshed) << '\n';
    return OK;
}

} // namespace GridDesk::Cli
