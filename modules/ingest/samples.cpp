// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "samples.h"

#include "caseimporter.h"
#include "gridimporter.h"
#include "logging.h"
#include "workflowseed.h"

#include "org/boundaryimport.h"
#include "org/orgchart.h"
#include "storage/workspace.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Samples)
};

Result<QJsonObject> readDescription(const QDir &mapsDir, const QString &key)
{
    QFile file(mapsDir.filePath(key + QStringLiteral("/sample.json")));
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::NotFound,
            Tr::tr("There is no sample \"%1\" in %2.").arg(key, mapsDir.absolutePath()));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    if (!document.isObject())
        return fail(ErrorCode::UnreadableFile,
            Tr::tr("%1 is not valid JSON: %2").arg(file.fileName(), error.errorString()));
    return document.object();
}

Result<GridImportOptions> gridOptions(const QJsonObject &layer, const QString &where)
{
    GridImportOptions options;
    const auto level = gridLevelFromKey(layer.value(QStringLiteral("level")).toString());
    if (!level)
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("%1: unknown grid level; use one of %2.").arg(where, gridLevelKeys()));
    options.level = *level;
    options.codeField = layer.value(QStringLiteral("code_field")).toString();
    options.nameField = layer.value(QStringLiteral("name_field")).toString();
    options.parentField = layer.value(QStringLiteral("parent_field")).toString();
    if (layer.contains(QStringLiteral("source_crs")))
        options.sourceCrs = layer.value(QStringLiteral("source_crs")).toString();
    options.repairInvalid = layer.value(QStringLiteral("repair_invalid")).toBool();
    if (layer.contains(QStringLiteral("encoding")))
        options.encoding = layer.value(QStringLiteral("encoding")).toString();
    return options;
}

/// How many unit handlers a sample workspace gets.
constexpr int SAMPLE_HANDLERS = 3;

/// The city's units and categories for a sample without cases: a command centre per
/// district grid, the standard's category trees; handlers for the first districts.
Result<QList<std::pair<QString, QString>>> seedDistricts(Workspace &workspace, WorkflowSetup &setup)
{
    auto districts = workspace.grids(GridLevel::District, false);
    if (!districts)
        return std::unexpected(districts.error());
    WorkflowSeed::ensureCommandCentres(
        setup, *districts, workspace.metadata(QStringLiteral("title")));
    if (auto roots = WorkflowSeed::ensureStandardRoots(setup); !roots)
        return std::unexpected(roots.error());
    QList<std::pair<QString, QString>> handlers;
    for (const Grid &district : districts->mid(0, SAMPLE_HANDLERS)) {
        const QString name = district.name.isEmpty() ? district.code : district.name;
        handlers << std::pair(district.code, name);
    }
    return handlers;
}

/// For a sample with cases: starter dispatch rules from them, and handlers for the units
/// that handled most of them.
Result<QList<std::pair<QString, QString>>> seedFromCases(Workspace &workspace, WorkflowSetup &setup)
{
    auto tally = WorkflowSeed::tallyCases(workspace);
    if (!tally)
        return std::unexpected(tally.error());
    WorkflowSeed::ensureCity(setup, workspace.metadata(QStringLiteral("title")));
    if (auto rules = WorkflowSeed::ensureStarterRules(setup, *tally); !rules)
        return std::unexpected(rules.error());
    QList<std::pair<QString, QString>> handlers;
    for (const QString &unit : WorkflowSeed::topUnits(*tally, SAMPLE_HANDLERS))
        handlers << std::pair(unit, unit);
    return handlers;
}

/// Makes a sample workspace ready to run the loop: units, people to act as, categories and
/// starter rules. Inside the import's transaction.
Result<void> seedWorkflow(Workspace &workspace, bool hasCases)
{
    auto setup = WorkflowSetup::load(workspace);
    if (!setup)
        return std::unexpected(setup.error());
    auto handlers = hasCases ? seedFromCases(workspace, *setup) : seedDistricts(workspace, *setup);
    if (!handlers)
        return std::unexpected(handlers.error());
    WorkflowSeed::ensureUsers(*setup, *handlers);

    for (auto part : {&WorkflowSetup::saveUnits, &WorkflowSetup::saveUsers,
             &WorkflowSetup::saveCategories, &WorkflowSetup::saveRules}) {
        if (auto saved = ((*setup).*part)(workspace); !saved)
            return saved;
    }
    return {};
}

Result<BoundaryImportOptions> boundaryOptions(const QJsonObject &layer, const QString &where)
{
    BoundaryImportOptions options;
    options.layer = layer.value(QStringLiteral("layer")).toString();
    options.codeField = layer.value(QStringLiteral("code_field")).toString();
    options.nameField = layer.value(QStringLiteral("name_field")).toString();
    options.parentField = layer.value(QStringLiteral("parent_field")).toString();
    options.rootCode = layer.value(QStringLiteral("root_code")).toString();
    options.rootName = layer.value(QStringLiteral("root_name")).toString();
    options.tier = layer.value(QStringLiteral("tier")).toInt();
    if (layer.contains(QStringLiteral("encoding")))
        options.encoding = layer.value(QStringLiteral("encoding")).toString();
    if (options.tier < 1 || options.tier > 6)
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("%1: an org layer needs a tier from 1 to 6.").arg(where));
    return options;
}

/// The agencies the workflow seed made from the sample's cases (DSNY, NYPD …) handle cases
/// across the city: joint-handling departments serving the units of the first boundary layer,
/// not command centres of a tier of their own.
Result<void> makeAgenciesJoint(OrgChart &chart, const QStringList &agencies, const QString &top)
{
    QStringList served;
    for (const ChartUnit &unit : chart.children(top)) {
        if (!agencies.contains(unit.code))
            served << unit.code;
    }
    for (const QString &code : agencies) {
        ChartUnit agency = *chart.unit(code);
        agency.kind = UnitKind::Joint;
        agency.linkedUnits = served;
        if (auto put = chart.putUnit(agency, true); !put)
            return put;
    }
    return {};
}

/// The sample's org tree, tier by tier from its boundary files, on the units the workflow seed
/// made (the city among them, and the agencies of the cases, which become joint-handling
/// units). Built in memory inside the import's transaction, so a bundled file that does not
/// import fails the whole sample.
Result<std::optional<OrgChart>> buildOrgTree(const Workspace &workspace,
    const QJsonObject &description, const QDir &sampleDir, bool hasCases)
{
    const QJsonArray layers = description.value(QStringLiteral("org")).toArray();
    if (layers.isEmpty())
        return std::nullopt;
    auto chart = OrgChart::load(workspace);
    if (!chart)
        return std::unexpected(chart.error());
    QString top;
    QStringList agencies;
    for (const ChartUnit &unit : chart->units()) {
        if (unit.parentCode.isEmpty())
            top = unit.code;
        else if (hasCases && chart->childCodes(unit.code).isEmpty())
            agencies << unit.code;
    }
    for (const QJsonValue &value : layers) {
        const QJsonObject layer = value.toObject();
        const QString file = sampleDir.filePath(layer.value(QStringLiteral("file")).toString());
        auto options = boundaryOptions(layer, file);
        if (!options)
            return std::unexpected(options.error());
        auto report = importBoundaries(*chart, file, *options);
        if (!report)
            return std::unexpected(report.error());
        if (!report->refused.isEmpty()) {
            const RefusedRow &first = report->refused.first();
            return fail(ErrorCode::InvalidRow,
                Tr::tr("%1, feature %2: %3").arg(file).arg(first.line).arg(first.reason));
        }
    }
    if (auto joint = makeAgenciesJoint(*chart, agencies, top); !joint)
        return std::unexpected(joint.error());
    return std::optional<OrgChart>(std::move(*chart));
}

/// Keeps the sample's title and attribution in the workspace; the importers name the city's
/// unit after the title.
Result<void> saveDescription(
    Workspace &workspace, const QJsonObject &description, const QString &key)
{
    for (const QString &field :
        {QStringLiteral("title"), QStringLiteral("title_zh"), QStringLiteral("attribution")}) {
        auto saved = workspace.setMetadata(field, description.value(field).toString());
        if (!saved)
            return saved;
    }
    return workspace.setMetadata(QStringLiteral("sample"), key);
}

} // namespace

QList<Sample> availableSamples(const QDir &mapsDir)
{
    QList<Sample> samples;
    const QStringList folders = mapsDir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &key : folders) {
        auto description = readDescription(mapsDir, key);
        if (!description)
            continue;
        const bool chinese = QLocale().language() == QLocale::Chinese;
        const QString title =
            description->value(chinese ? QStringLiteral("title_zh") : QStringLiteral("title"))
                .toString();
        samples << Sample {key, title.isEmpty() ? key : title,
            description->value(QStringLiteral("attribution")).toString()};
    }
    return samples;
}

QDir bundledMapsDir()
{
    const QByteArray fromEnvironment = qgetenv("GRIDDESK_MAPS_DIR");
    if (!fromEnvironment.isEmpty())
        return QDir(QString::fromLocal8Bit(fromEnvironment));
    const QDir appDir(QCoreApplication::applicationDirPath());
    for (const QString &relative :
        {QStringLiteral("../share/griddesk/maps"), QStringLiteral("../../share/griddesk/maps")}) {
        if (appDir.exists(relative))
            return QDir(appDir.filePath(relative));
    }
    return QDir(QStringLiteral(GRIDDESK_SOURCE_MAPS_DIR));
}

Result<ImportSummary> importSample(Workspace &workspace, const QDir &mapsDir, const QString &key)
{
    auto description = readDescription(mapsDir, key);
    if (!description)
        return std::unexpected(description.error());
    const QDir sampleDir(mapsDir.filePath(key));

    ImportSummary total;
    auto done = workspace.transaction([&]() -> Result<void> {
        if (auto saved = saveDescription(workspace, *description, key); !saved)
            return saved;
        const QJsonArray grids = description->value(QStringLiteral("grids")).toArray();
        for (const QJsonValue &value : grids) {
            const QJsonObject layer = value.toObject();
            const QString file = sampleDir.filePath(layer.value(QStringLiteral("file")).toString());
            auto options = gridOptions(layer, file);
            if (!options)
                return std::unexpected(options.error());
            auto imported = importGridsInTransaction(workspace, file, *options);
            if (!imported)
                return std::unexpected(imported.error());
            total += *imported;
        }
        const QJsonArray cases = description->value(QStringLiteral("cases")).toArray();
        for (const QJsonValue &value : cases) {
            const QJsonObject layer = value.toObject();
            const QString file = sampleDir.filePath(layer.value(QStringLiteral("file")).toString());
            auto imported = importCasesInTransaction(workspace, file,
                layer.value(QStringLiteral("profile")).toString(QStringLiteral("auto")));
            if (!imported)
                return std::unexpected(imported.error());
            total += *imported;
        }
        if (auto seeded = seedWorkflow(workspace, !cases.isEmpty()); !seeded)
            return seeded;
        auto tree = buildOrgTree(workspace, *description, sampleDir, !cases.isEmpty());
        if (!tree)
            return std::unexpected(tree.error());
        if (!*tree)
            return {};
        //: Who the history says built a sample workspace's org tree; %1 is the sample's key
        return (*tree)->saveWithin(workspace, Tr::tr("sample %1").arg(key));
    });
    if (!done)
        return std::unexpected(done.error());
    qCInfo(lcIngest) << "workspace" << workspace.path() << "filled from sample" << key;
    return total;
}

} // namespace GridDesk
