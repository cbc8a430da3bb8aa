// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
//
// The organisation's commands: import-org, org, org-check, org-move, org-merge, org-retire,
// org-export, org-history and reveal.

#include "clicontext.h"

#include "org/boundaryimport.h"
#include "org/coveragecheck.h"
#include "org/divisionimport.h"
#include "org/orgchart.h"
#include "org/orgcsv.h"
#include "org/personaldata.h"
#include "storage/workspace.h"
#include "sync/outbox.h"
#include "workflow/workflowsetup.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QSaveFile>
#include <QSet>

#include <functional>

namespace GridDesk::Cli {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Cli)
};

Result<QByteArray> readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(
            ErrorCode::FileNotFound, Tr::tr("%1 cannot be read: %2").arg(path, file.errorString()));
    return file.readAll();
}

/// Units or people, by the file's header: people files name a post.
Result<OrgImportReport> importCsv(OrgChart &chart, const QString &path)
{
    auto content = readFile(path);
    if (!content)
        return std::unexpected(content.error());
    const QString file = QFileInfo(path).fileName();
    auto records = parseCsv(*content);
    if (!records)
        return std::unexpected(records.error().at(file));
    const bool people = !records->isEmpty()
        && records->first().fields.contains(QStringLiteral("post"), Qt::CaseInsensitive);
    auto report = people ? importPeopleCsv(chart, *content) : importUnitsCsv(chart, *content);
    if (!report)
        return std::unexpected(report.error().at(file));
    return report;
}

/// What a refused row or feature is called in the report.
enum class Place { Line, Feature };

void printReport(
    Context &context, const QString &file, const OrgImportReport &report, Place place = Place::Line)
{
    context.out << Tr::tr("%1: %2 added, %3 updated, %4 refused")
                       .arg(file)
                       .arg(report.added)
                       .arg(report.updated)
                       .arg(report.refused.size())
                << '\n';
    for (const RefusedRow &row : report.refused) {
        context.err << (place == Place::Line
                ? Tr::tr("  line %1: %2").arg(row.line).arg(row.reason)
                : Tr::tr("  feature %1: %2").arg(row.line).arg(row.reason))
                    << '\n';
    }
}

/// Who the chart's history names for a change: --as, else the account running the command.
QString actingUser(const Context &context)
{
    if (context.isSet("as"))
        return context.value("as").trimmed();
    for (const char *variable : {"USER", "USERNAME", "LOGNAME"}) {
        const QString name = qEnvironmentVariable(variable).trimmed();
        if (!name.isEmpty())
            return name;
    }
    return {};
}

/// The options of --format boundaries, or the usage mistake in them.
std::expected<BoundaryImportOptions, QString> boundaryOptions(
    const Context &context, const Workspace &workspace)
{
    BoundaryImportOptions options;
    if (!context.isSet("code-field") || !context.isSet("tier"))
        return std::unexpected(
            Tr::tr("--format boundaries needs --code-field and --tier (1 to 6)."));
    bool numeric = false;
    options.tier = context.value("tier").toInt(&numeric);
    if (!numeric || options.tier < 1 || options.tier > 6)
        return std::unexpected(Tr::tr("--tier must be a number from 1 to 6."));
    if (context.isSet("parent-field") && context.isSet("root-code"))
        return std::unexpected(
            Tr::tr("give the parent with --parent-field or --root-code, not both."));
    options.codeField = context.value("code-field");
    options.nameField = context.value("name-field");
    options.parentField = context.value("parent-field");
    options.rootCode = context.value("root-code");
    options.layer = context.value("layer");
    if (context.isSet("encoding"))
        options.encoding = context.value("encoding");
    const QString title = workspace.metadata(QStringLiteral("title"));
    //: The top unit made for a boundary import; %1 is the city's name
    options.rootName = context.isSet("root-name") ? context.value("root-name")
        : title.isEmpty()                         ? Tr::tr("City supervision centre")
                                                  : Tr::tr("%1 supervision centre").arg(title);
    return options;
}

/// A note when units answer for grid codes the workspace does not have: their coverage
/// checks would find nothing to check.
void noteMissingGrids(Context &context, const Workspace &workspace, const OrgChart &chart,
    const OrgImportReport &report)
{
    auto grids = workspace.grids(std::nullopt, false);
    if (!grids || report.added + report.updated == 0)
        return;
    QSet<QString> codes;
    for (const Grid &grid : std::as_const(*grids))
        codes.insert(grid.code);
    int missing = 0;
    for (const ChartUnit &unit : chart.units()) {
        for (const QString &code : unit.jurisdiction)
            missing += codes.contains(code) ? 0 : 1;
    }
    if (missing > 0)
        context.out << Tr::tr("  %n grid code(s) in the units' jurisdictions are not grids of this "
                              "workspace (yet); import the file as grids with the same code "
                              "field.",
            nullptr, missing)
                    << '\n';
}

const QStringList &boundaryOnlyOptions()
{
    static const QStringList options {QStringLiteral("code-field"), QStringLiteral("name-field"),
        QStringLiteral("parent-field"), QStringLiteral("tier"), QStringLiteral("root-name"),
        QStringLiteral("layer"), QStringLiteral("encoding")};
    return options;
}

} // namespace

int importOrgCommand(Context &context)
{
    if (context.positional.size() != 3)
        return usageError(context, Tr::tr("import-org needs a WORKSPACE and a FILE."));
    const QString format = context.value("format");
    const bool boundaries = format == QLatin1String("boundaries");
    if (format != QLatin1String("divisions") && format != QLatin1String("csv") && !boundaries)
        return usageError(
            context, Tr::tr("import-org needs --format divisions, csv or boundaries."));
    if (context.isSet("root-code") && format == QLatin1String("csv"))
        return usageError(
            context, Tr::tr("--root-code applies to --format divisions and boundaries only."));
    for (const QString &option : boundaryOnlyOptions()) {
        if (!boundaries && context.parser.isSet(option))
            return usageError(
                context, Tr::tr("--%1 applies to --format boundaries only.").arg(option));
    }
    const QString source = context.positional.at(2);
    if (!QFileInfo::exists(source))
        return failWith(
            context, Error {ErrorCode::FileNotFound, Tr::tr("%1 does not exist.").arg(source)});

    auto workspace = openWorkspace(context.positional.at(1));
    if (!workspace)
        return failWith(context, workspace.error());
    auto chart = OrgChart::load(**workspace);
    if (!chart)
        return failWith(context, chart.error());

    Result<OrgImportReport> report;
    if (boundaries) {
        auto options = boundaryOptions(context, **workspace);
        if (!options)
            return usageError(context, options.error());
        report = importBoundaries(*chart, source, *options);
    } else if (format == QLatin1String("divisions")) {
        auto tree = readDivisionTree(source, context.value("root-code"));
        if (!tree)
            return failWith(context, tree.error());
        report = importDivisionTree(*chart, *tree);
    } else {
        report = importCsv(*chart, source);
    }
    if (!report)
        return failWith(context, report.error());
    auto saved = Sync::saveOrgChart(**workspace, *chart, actingUser(context));
    if (!saved)
        return failWith(context, saved.error());
    if (*saved)
        context.err << Tr::tr("The chart goes to the server with the next sync.") << '\n';
    printReport(
        context, QFileInfo(source).fileName(), *report, boundaries ? Place::Feature : Place::Line);
    if (boundaries)
        noteMissingGrids(context, **workspace, *chart, *report);
    return report->refused.isEmpty() ? OK : FAILED;
}

int orgCommand(Context &context)
{
    if (context.positional.size() != 2)
        return usageError(context, Tr::tr("org needs a WORKSPACE."));
    auto workspace = openExistingWorkspace(context.positional.at(1));
    auto chart = workspace ? OrgChart::load(**workspace) : std::unexpected(workspace.error());
    if (!chart)
        return failWith(context, chart.error());

    // A chart damaged by another program still lists; what is wrong with it is said first.
    for (const CoverageFinding &finding : checkStructure(*chart))
        context.err << Tr::tr("warning: %1").arg(finding.detail) << '\n';

    QHash<QString, int> people;
    for (const Person &person : chart->people())
        people[person.unitCode] += person.retired ? 0 : 1;
    QHash<QString, int> children;
    for (const ChartUnit &unit : chart->units())
        children[unit.parentCode] += unit.retired ? 0 : 1;

    QJsonArray array;
    for (const ChartUnit &unit : chart->units()) {
        if (!context.isSet("json")) {
            context.out << QStringLiteral("%1%2 %3 (tier %4)%5\n")
                               .arg(QString(2 * (unit.tier - 1), u' '), unit.code, unit.name)
                               .arg(unit.tier)
                               .arg(unit.retired ? Tr::tr(", retired") : QString());
            continue;
        }
        array << QJsonObject {{QStringLiteral("code"), unit.code},
            {QStringLiteral("name"), unit.name}, {QStringLiteral("tier"), unit.tier},
            {QStringLiteral("parent"), unit.parentCode},
            {QStringLiteral("kind"), unitKindKey(unit.kind)},
            {QStringLiteral("retired"), unit.retired},
            {QStringLiteral("people"), people.value(unit.code)},
            {QStringLiteral("children"), children.value(unit.code)}};
    }
    if (context.isSet("json"))
        printJson(context, array);
    return OK;
}

int orgCheckCommand(Context &context)
{
    if (context.positional.size() != 2)
        return usageError(context, Tr::tr("org-check needs a WORKSPACE."));
    auto workspace = openExistingWorkspace(context.positional.at(1));
    auto chart = workspace ? OrgChart::load(**workspace) : std::unexpected(workspace.error());
    if (!chart)
        return failWith(context, chart.error());
    auto grids = (*workspace)->grids(std::nullopt, false);
    if (!grids)
        return failWith(context, grids.error());

    const QList<CoverageFinding> findings = checkCoverage(*chart, *grids);
    QJsonArray array;
    for (const CoverageFinding &finding : findings) {
        if (!context.isSet("json")) {
            context.out << finding.detail << '\n';
            continue;
        }
        array << QJsonObject {{QStringLiteral("kind"), coverageKindKey(finding.kind)},
            {QStringLiteral("codes"), QJsonArray::fromStringList(finding.codes)},
            {QStringLiteral("detail"), finding.detail}};
    }
    if (context.isSet("json"))
        printJson(context, array);
    return findings.isEmpty() ? OK : FAILED;
}

namespace {

/// Loads the chart of an existing workspace, applies one edit and saves it in the name of the
/// acting user. A refused edit prints its reason and changes nothing.
int editChart(Context &context, const std::function<Result<QString>(OrgChart &)> &edit)
{
    const QString by = actingUser(context);
    if (by.isEmpty())
        return usageError(context, Tr::tr("say who makes the change with --as USER."));
    auto workspace = openExistingWorkspace(context.positional.at(1));
    auto chart = workspace ? OrgChart::load(**workspace) : std::unexpected(workspace.error());
    if (!chart)
        return failWith(context, chart.error());
    auto done = edit(*chart);
    if (!done)
        return failWith(context, done.error());
    auto saved = Sync::saveOrgChart(**workspace, *chart, by);
    if (!saved)
        return failWith(context, saved.error());
    context.out << *done << '\n';
    if (*saved)
        context.err << Tr::tr("The chart goes to the server with the next sync.") << '\n';
    return OK;
}

QString unitText(const OrgChart &chart, const QString &code)
{
    const ChartUnit *unit = chart.unit(code);
    return unit ? Tr::tr("%1 %2").arg(unit->code, unit->name) : code;
}

QJsonObject changeJson(const OrgChange &change)
{
    return QJsonObject {{QStringLiteral("id"), change.id},
        {QStringLiteral("at"), change.at.toUTC().toString(Qt::ISODate)},
        {QStringLiteral("by"), change.by}, {QStringLiteral("unit"), change.unitCode},
        {QStringLiteral("person"), change.personId == 0 ? QJsonValue() : change.personId},
        {QStringLiteral("group"), change.groupId == 0 ? QJsonValue() : change.groupId},
        {QStringLiteral("action"), change.action}, {QStringLiteral("detail"), change.detail}};
}

Result<void> writeFile(const QString &path, const QByteArray &content)
{
    QSaveFile file(path);
    const bool written =
        file.open(QIODevice::WriteOnly) && file.write(content) == content.size() && file.commit();
    if (!written)
        return fail(ErrorCode::UnreadableFile,
            Tr::tr("%1 cannot be written: %2").arg(path, file.errorString()));
    return {};
}

} // namespace

int orgMoveCommand(Context &context)
{
    if (context.positional.size() != 3 || !context.isSet("parent"))
        return usageError(context,
            Tr::tr("org-move needs a WORKSPACE, a unit CODE and --parent CODE (blank: to the "
                   "top)."));
    const QString code = context.positional.at(2);
    const QString parent = context.value("parent").trimmed();
    return editChart(context, [&](OrgChart &chart) -> Result<QString> {
        if (auto moved = chart.moveUnit(code, parent); !moved)
            return std::unexpected(moved.error());
        return parent.isEmpty()
            ? Tr::tr("%1 now sits at the top.").arg(unitText(chart, code))
            : Tr::tr("%1 now sits under %2.").arg(unitText(chart, code), unitText(chart, parent));
    });
}

int orgMergeCommand(Context &context)
{
    if (context.positional.size() != 3 || context.value("into").trimmed().isEmpty())
        return usageError(context,
            Tr::tr("org-merge needs a WORKSPACE, the unit CODE to retire and --into CODE."));
    const QString code = context.positional.at(2);
    const QString into = context.value("into").trimmed();
    return editChart(context, [&](OrgChart &chart) -> Result<QString> {
        auto merged = chart.mergeUnit(code, into, QDateTime::currentDateTimeUtc());
        if (!merged)
            return std::unexpected(merged.error());
        return Tr::tr("%1 is merged into %2 and retired.")
            .arg(unitText(chart, code), unitText(chart, into));
    });
}

int orgRetireCommand(Context &context)
{
    if (context.positional.size() != 3)
        return usageError(context, Tr::tr("org-retire needs a WORKSPACE and a unit CODE."));
    const QString code = context.positional.at(2);
    return editChart(context, [&](OrgChart &chart) -> Result<QString> {
        if (auto retired = chart.retireUnit(code, QDateTime::currentDateTimeUtc()); !retired)
            return std::unexpected(retired.error());
        return Tr::tr("%1 is retired.").arg(unitText(chart, code));
    });
}

int orgExportCommand(Context &context)
{
    const bool people = context.isSet("people");
    if (context.positional.size() != 3 || people == context.isSet("units"))
        return usageError(
            context, Tr::tr("org-export needs a WORKSPACE, an OUT.csv and --people or --units."));
    const QString target = context.positional.at(2);
    if (QFileInfo::exists(target) && !context.isSet("overwrite"))
        return failWith(context,
            Error {ErrorCode::Conflict,
                Tr::tr("%1 exists; add --overwrite to replace it.").arg(target)});
    auto workspace = openExistingWorkspace(context.positional.at(1));
    auto chart = workspace ? OrgChart::load(**workspace) : std::unexpected(workspace.error());
    if (!chart)
        return failWith(context, chart.error());

    const QByteArray content = people ? exportPeopleCsv(*chart) : exportUnitsCsv(*chart);
    if (auto written = writeFile(target, content); !written)
        return failWith(context, written.error());
    context.out << (people
            ? Tr::tr("%1: %n person(s), phone and ID numbers masked", nullptr,
                int(chart->people().size()))
                  .arg(target)
            : Tr::tr("%1: %n unit(s)", nullptr, int(chart->units().size())).arg(target))
                << '\n';
    return OK;
}

int orgHistoryCommand(Context &context)
{
    if (context.positional.size() < 2 || context.positional.size() > 3)
        return usageError(
            context, Tr::tr("org-history needs a WORKSPACE and, if you like, a CODE."));
    const QString code = context.positional.value(2);
    auto workspace = openExistingWorkspace(context.positional.at(1));
    auto chart = workspace ? OrgChart::load(**workspace) : std::unexpected(workspace.error());
    if (!chart)
        return failWith(context, chart.error());
    if (!code.isEmpty() && !chart->unit(code))
        return failWith(
            context, Error {ErrorCode::NotFound, Tr::tr("The chart has no unit %1.").arg(code)});
    auto history = OrgChart::history(**workspace, code);
    if (!history)
        return failWith(context, history.error());

    QJsonArray array;
    for (const OrgChange &change : std::as_const(*history)) {
        if (context.isSet("json")) {
            array << changeJson(change);
            continue;
        }
        //: One line of the org chart's history: time, who, action, unit, what changed
        context.out << Tr::tr("%1  %2  %3  %4  %5")
                           .arg(change.at.toUTC().toString(Qt::ISODate), change.by, change.action,
                               change.unitCode, change.detail)
                    << '\n';
    }
    if (context.isSet("json"))
        printJson(context, array);
    return OK;
}

int revealCommand(Context &context)
{
    bool numeric = false;
    const qint64 id = context.positional.value(2).toLongLong(&numeric);
    if (context.positional.size() != 3 || !numeric)
        return usageError(context, Tr::tr("reveal needs a WORKSPACE and a PERSON_ID (a number)."));
    const QString field = context.value("field");
    if (field != QLatin1String("phone") && field != QLatin1String("id_number"))
        return usageError(context, Tr::tr("reveal needs --field phone or --field id_number."));
    if (!context.isSet("reason") || !context.isSet("as"))
        return usageError(context,
            Tr::tr("reveal needs --reason TEXT and --as USER, a local user of the workspace."));

    auto workspace = openExistingWorkspace(context.positional.at(1));
    auto chart = workspace ? OrgChart::load(**workspace) : std::unexpected(workspace.error());
    if (!chart)
        return failWith(context, chart.error());
    auto setup = WorkflowSetup::load(**workspace);
    if (!setup)
        return failWith(context, setup.error());
    const QString who = context.value("as").trimmed();
    const std::optional<LocalUser> user = setup->user(who);
    if (!user)
        return failWith(context,
            Error {ErrorCode::Forbidden,
                Tr::tr("%1 is not a local user of this workspace.").arg(who)});
    const Person *person = chart->person(id);
    if (!person)
        return failWith(
            context, Error {ErrorCode::NotFound, Tr::tr("The chart has no person %1.").arg(id)});

    const PersonalField which =
        field == QLatin1String("phone") ? PersonalField::Phone : PersonalField::IdNumber;
    auto number =
        reveal(**workspace, *person, which, user->name, user->role, context.value("reason"));
    if (!number)
        return failWith(context, number.error());
    context.out << *number << '\n';
    return OK;
}

} // namespace GridDesk::Cli
