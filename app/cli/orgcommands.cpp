// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
//
// The organisation's commands: import-org, org, org-check.

#include "clicontext.h"

#include "org/coveragecheck.h"
#include "org/divisionimport.h"
#include "org/orgchart.h"
#include "org/orgcsv.h"
#include "storage/workspace.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>

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
    auto records = parseCsv(*content);
    if (!records)
        return std::unexpected(records.error());
    const bool people = !records->isEmpty()
        && records->first().fields.contains(QStringLiteral("post"), Qt::CaseInsensitive);
    return people ? importPeopleCsv(chart, *content) : importUnitsCsv(chart, *content);
}

void printReport(Context &context, const QString &file, const OrgImportReport &report)
{
    context.out << Tr::tr("%1: %2 added, %3 updated, %4 refused")
                       .arg(file)
                       .arg(report.added)
                       .arg(report.updated)
                       .arg(report.refused.size())
                << '\n';
    for (const RefusedRow &row : report.refused)
        context.err << Tr::tr("  line %1: %2").arg(row.line).arg(row.reason) << '\n';
}

} // namespace

int importOrgCommand(Context &context)
{
    if (context.positional.size() != 3)
        return usageError(context, Tr::tr("import-org needs a WORKSPACE and a FILE."));
    const QString format = context.value("format");
    if (format != QLatin1String("divisions") && format != QLatin1String("csv"))
        return usageError(context, Tr::tr("import-org needs --format divisions or --format csv."));
    if (context.isSet("root-code") && format != QLatin1String("divisions"))
        return usageError(context, Tr::tr("--root-code applies to --format divisions only."));
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
    if (format == QLatin1String("divisions")) {
        auto tree = readDivisionTree(source, context.value("root-code"));
        if (!tree)
            return failWith(context, tree.error());
        report = importDivisionTree(*chart, *tree);
    } else {
        report = importCsv(*chart, source);
    }
    if (!report)
        return failWith(context, report.error());
    if (auto saved = chart->save(**workspace); !saved)
        return failWith(context, saved.error());
    printReport(context, QFileInfo(source).fileName(), *report);
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

} // namespace GridDesk::Cli
