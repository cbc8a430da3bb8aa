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

Result<void> readSetupJson(const QJsonObject &json, WorkflowSetup &setup)
{
    if (json.contains(QLatin1String("units"))) {
        auto units = unitsFromJson(json.value(QLatin1String("units")).toArray());
        if (!units)
            return std::unexpected(units.error());
        setup.units = OrgDirectory(*units);
    }
    if (json.contains(QLatin1String("users"))) {
        setup.users.clear();
        for (const QJsonValue &value : json.value(QLatin1String("users")).toArray()) {
            const QJsonObject object = value.toObject();
            const LocalUser user {object.value(QLatin1String("name")).toString().trimmed(),
                object.value(QLatin1String("role")).toString().trimmed(),
                object.value(QLatin1String("unit")).toString().trimmed()};
            if (user.name.isEmpty())
                return fail(ErrorCode::MissingField, Tr::tr("a user has no \"name\"."));
            setup.users << user;
        }
    }
    if (json.contains(QLatin1String("categories"))) {
        auto categories = CategoryTree::fromJson(json.value(QLatin1String("categories")).toArray());
        if (!categories)
            return std::unexpected(categories.error());
        setup.categories = std::move(*categories);
    }
    if (json.contains(QLatin1String("rules"))) {
        auto rules = DispatchRules::fromJson(json.value(QLatin1String("rules")).toArray());
        if (!rules)
            return std::unexpected(rules.error());
        setup.rules = std::move(*rules);
    }
    const QJsonObject settings = json.value(QLatin1String("settings")).toObject();
    if (settings.contains(QLatin1String("warning_fractions"))) {
        setup.warningFractions.clear();
        for (const QJsonValue &fraction :
            settings.value(QLatin1String("warning_fractions")).toArray()) {
            const double value = fraction.toDouble(-1);
            if (value <= 0 || value >= 1)
                return fail(ErrorCode::InvalidArgument,
                    Tr::tr("warning fractions lie between 0 and 1, such as 0.5 and 0.8."));
            setup.warningFractions << value;
        }
    }
    for (const auto &[key, target] : {std::pair("on_handling_overdue", &setup.onHandlingOverdue),
             std::pair("on_supervision_overdue", &setup.onSupervisionOverdue)}) {
        if (!settings.contains(QLatin1String(key)))
            continue;
        const QString text = settings.value(QLatin1String(key)).toString();
        const auto action = caseActionFromKey(text);
        if (text == QLatin1String("none"))
            target->reset();
        else if (action == CaseAction::Supervise || action == CaseAction::Escalate)
            *target = action;
        else
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("%1 must be supervise, escalate or none.").arg(QLatin1String(key)));
    }
    return setup.validate();
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
    return QJsonObject {{QStringLiteral("units"), units}, {QStringLiteral("users"), users},
        {QStringLiteral("categories"), setup.categories.toJson()},
        {QStringLiteral("rules"), setup.rules.toJson()}, {QStringLiteral("settings"), settings}};
}

/// Saves setup and brings every open case's deadline in line with it, in one transaction.
Result<qint64> saveSetup(Workspace &workspace, const WorkflowSetup &setup)
{
    return workspace.transaction<qint64>([&]() -> Result<qint64> {
        if (auto saved = setup.save(workspace); !saved)
            return std::unexpected(saved.error());
        CaseBook book(workspace, setup);
        return book.refreshDeadlines();
    });
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
        auto tried = DispatchRules::fromJson(document->array());
        if (!tried)
            return failWith(context, tried.error().at(context.value("rules")));
        rules = std::move(*tried);
    }
    auto from = dateOption(context, "from");
    auto to = dateOption(context, "to");
    if (!from || !to)
        return usageError(context, (!from ? from.error() : to.error()).message);

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
    if (auto read = readSetupJson(document->object(), setup); !read)
        return failWith(context, read.error().at(context.positional.at(3)));
    auto refreshed = saveSetup(*workspace, setup);
    if (!refreshed)
        return failWith(context, refreshed.error());
    context.out << Tr::tr("%1 org units, %2 users, %3 categories, %4 dispatch rules; deadlines of "
                          "%5 open cases recomputed.")
                       .arg(setup.units.size())
                       .arg(setup.users.size())
                       .arg(setup.categories.size())
                       .arg(setup.rules.rules().size())
                       .arg(*refreshed)
                << '\n';
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
    auto read = setup.calendar.readCsv(file, path);
    if (!read)
        return failWith(context, read.error());
    auto refreshed = saveSetup(*workspace, setup);
    if (!refreshed)
        return failWith(context, refreshed.error());
    context.out << Tr::tr("%1 calendar days read; deadlines of %2 open cases recomputed.")
                       .arg(*read)
                       .arg(*refreshed)
                << '\n';
    return OK;
}

} // namespace GridDesk::Cli
