// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "cli.h"

#include "clicontext.h"

#include "domain/error.h"
#include "domain/gridlevel.h"
#include "editions/griddraft.h"
#include "editions/grideditions.h"
#include "evaluation/evaluationfilter.h"
#include "ingest/caseimporter.h"
#include "ingest/gridimporter.h"
#include "maprender/mapscene.h"
#include "maprender/mapviewport.h"
#include "maprender/rendermap.h"
#include "storage/workspace.h"
#include "topology/topologycheck.h"
#include "workflow/terms.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace GridDesk::Cli {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Cli)
};

} // namespace

QString deskActionKeys()
{
    QStringList keys = caseActionKeys().split(QStringLiteral(", "));
    keys.removeIf([](const QString &key) {
        const CaseAction action = *caseActionFromKey(key);
        return isRecordedOnly(action) || isEntryLink(action);
    });
    return keys.join(QStringLiteral(", "));
}

QString usage()
{
    return Tr::tr(
        "Usage:\n"
        "  griddesk-cli import-grids WORKSPACE FILE --level LEVEL [--layer L] [--code-field F]\n"
        "      [--name-field F] [--parent-field F] [--source-crs CRS|gcj02] [--encoding ENC]\n"
        "      [--repair-invalid]\n"
        "  griddesk-cli import-cases WORKSPACE FILE [--profile auto|nyc311|la311]\n"
        "  griddesk-cli grids WORKSPACE [--level LEVEL] --json\n"
        "  griddesk-cli cases WORKSPACE [--grid CODE] --json\n"
        "  griddesk-cli render WORKSPACE OUT.png [--size WxH] [--bbox W,S,E,N]\n"
        "  griddesk-cli export-grids WORKSPACE OUT.gpkg|.shp|.geojson|.json|.kml [--level LEVEL]\n"
        "      [--crs CRS] [--encoding UTF-8|GBK] [--overwrite]\n"
        "\n"
        "The closed loop:\n"
        "  griddesk-cli report WORKSPACE --as USER --category C [--descriptor D] [--address A]\n"
        "      [--lon X --lat Y] [--channel CH] [--entry CODE]… [--reporter CODE] [--at TIME]\n"
        "      [--json]   (the entries offered: register WORKSPACE --near LON,LAT --address A)\n"
        "  griddesk-cli case-link WORKSPACE ID CODE --as USER [--link-role concerns|reporter]\n"
        "      [--remove] [--json]\n"
        "  griddesk-cli case WORKSPACE ID [--as USER --reveal --reason TEXT] [--json]\n"
        "      (the reporter's contact masked unless revealed by a leader or administrator)\n"
        "  griddesk-cli act WORKSPACE ID ACTION --as USER [--role ROLE] [--unit U] [--co-unit U]…\n"
        "      [--reason R] [--result TEXT] [--satisfaction 1-5] [--limit 2d] [--promised TIME]\n"
        "      [--into ID] [--person ID] [--file PATH] [--based-on VERSION] [--at TIME]\n"
        "      [--json]\n"
        "  griddesk-cli deadlines WORKSPACE [--apply] [--at TIME] [--json]\n"
        "  griddesk-cli rules WORKSPACE list|export|import FILE|dry-run [--rules FILE]\n"
        "      [--from DATE] [--to DATE] [--json]\n"
        "  griddesk-cli setup WORKSPACE export|import FILE\n"
        "  griddesk-cli calendar WORKSPACE export [--year YEAR] | import FILE.csv\n"
        "\n"
        "Evaluation (the cases reported from --from to --to, as USER may see them):\n"
        "  griddesk-cli evaluation WORKSPACE [--from DATE --to DATE | --last week|month|quarter]\n"
        "      [--on DATE] [--by unit|grid|category|source] [--period day|week|month|quarter]\n"
        "      [--as USER] [--json | --csv OUT.csv | --pdf OUT.pdf] [--overwrite]\n"
        "      (--last: the whole period before the one --on, or today, falls in; {period} in\n"
        "      OUT becomes its key: 2026-11, 2026-W48, 2026-Q4)\n"
        "  griddesk-cli evaluation-weights WORKSPACE [--set INDICATOR=WEIGHT]…\n"
        "      [--minimum-cases N] [--json]\n"
        "\n"
        "Patrols (tracks from GPX or NMEA logs, the grids they saw, the cases found on them):\n"
        "  griddesk-cli patrol-import WORKSPACE FILE --person USER [--sight METRES] [--json]\n"
        "  griddesk-cli patrols WORKSPACE [--grid CODE] [--from DATE --to DATE] [--json]\n"
        "  griddesk-cli patrol-plan WORKSPACE add --grid CODE --tasks TEXT --times N\n"
        "      --per day|week|month (--person NAME | --post POST) [--min-share 0-1] [--json]\n"
        "  griddesk-cli patrol-plan WORKSPACE edit ID [--grid CODE] [--tasks TEXT] [--times N]\n"
        "      [--per day|week|month] [--person NAME | --post POST] [--min-share 0-1] [--json]\n"
        "  griddesk-cli patrol-plan WORKSPACE list [--grid CODE] [--json] | remove ID\n"
        "\n"
        "The grid map:\n"
        "  griddesk-cli validate WORKSPACE [--level LEVEL] [--json]   (exit 1 on open findings)\n"
        "  griddesk-cli subdivide WORKSPACE CODE --parts N | --target-area M2\n"
        "  griddesk-cli publish WORKSPACE --as USER --note TEXT\n"
        "  griddesk-cli editions WORKSPACE [--json]\n"
        "\n"
        "The organisation:\n"
        "  griddesk-cli import-org WORKSPACE FILE --format divisions|csv [--root-code CODE]\n"
        "  griddesk-cli import-org WORKSPACE FILE --format boundaries --code-field F --tier N\n"
        "      [--name-field F] [--parent-field F|F/N|left(F,N) | --root-code CODE\n"
        "      [--root-name NAME]] [--layer L] [--encoding ENC] [--as USER]\n"
        "  griddesk-cli org WORKSPACE [--json]\n"
        "  griddesk-cli org-check WORKSPACE [--json]   (exit 1 on findings)\n"
        "  griddesk-cli org-move WORKSPACE CODE --parent CODE (blank: to the top) [--as USER]\n"
        "  griddesk-cli org-merge WORKSPACE CODE --into CODE [--as USER]\n"
        "  griddesk-cli org-retire WORKSPACE CODE [--as USER]\n"
        "  griddesk-cli org-export WORKSPACE OUT.csv --people|--units [--overwrite]\n"
        "  griddesk-cli org-history WORKSPACE [CODE] [--json]\n"
        "  griddesk-cli reveal WORKSPACE PERSON_ID --field phone|id_number --reason TEXT\n"
        "      --as USER\n"
        "\n"
        "The standards tree:\n"
        "  griddesk-cli standards WORKSPACE [--json]\n"
        "  griddesk-cli standards-export WORKSPACE OUT.csv|OUT.pdf [--detail] [--overwrite]\n"
        "  griddesk-cli standards-attach WORKSPACE CODE --number N --title T --level L\n"
        "      --status S [--published DATE] [--implemented DATE] [--file PATH] --as USER\n"
        "  griddesk-cli standards-detach WORKSPACE ID --as USER\n"
        "  griddesk-cli standards-add WORKSPACE PARENT_CODE --title-zh T --title-en T\n"
        "      [--summary-zh S] [--summary-en S] --as USER\n"
        "  griddesk-cli standards-remove WORKSPACE CODE --as USER\n"
        "  griddesk-cli standards-move WORKSPACE CODE --parent CODE --as USER\n"
        "  griddesk-cli standards-renumber WORKSPACE CODE NEW_CODE --as USER\n"
        "  griddesk-cli standards-history WORKSPACE [CODE] [--json]\n"
        "  (standard levels: national, industry, local, group, internal; statuses: in_force,\n"
        "  draft, revised, withdrawn)\n"
        "\n"
        "The grid register (kinds: person, place, thing, event, situation, organisation):\n"
        "  griddesk-cli import-register WORKSPACE FILE --kind KIND [--mapping FILE]\n"
        "      [--layer L] [--encoding UTF-8|GBK|Big5] [--source-crs EPSG:N]\n"
        "      [--dry-run] [--skip-refused] [--as USER] [--json]\n"
        "  griddesk-cli register WORKSPACE [--grid CODE] [--kind KIND] [--code CODE]\n"
        "      [--stale [--stale-days N] [--at TIME]] [--counts] [--near LON,LAT [--within M]]\n"
        "      [--address A] [--search TEXT]   (names and addresses beginning with TEXT)\n"
        "      [--as USER [--reveal --reason TEXT]] [--json]\n"
        "      (--stale: the entries due a visit, grid by grid; --stale-days: one period for\n"
        "      every kind instead of each kind's own)\n"
        "      (personal data masked unless revealed by a leader or administrator)\n"
        "  griddesk-cli register-entry WORKSPACE CODE [--json]   (the entry and its cases)\n"
        "  griddesk-cli register-history WORKSPACE CODE [--json]\n"
        "  griddesk-cli register-verify WORKSPACE CODE --as USER [--at TIME]\n"
        "  griddesk-cli register-merge WORKSPACE CODE --into CODE --as USER\n"
        "  griddesk-cli register-field WORKSPACE KIND KEY [--type text|integer|number|date]\n"
        "      [--personal name|id_number|phone|address] [--identifying] [--title T]\n"
        "      [--title-zh T]\n"
        "\n"
        "Sync with the central server (griddesk-server):\n"
        "  griddesk-cli sync WORKSPACE --server https://HOST:PORT --user USER\n"
        "      [--password-file F] [--ca FILE] [--json]   (exit 1 when refused or unreachable)\n"
        "  griddesk-cli outbox WORKSPACE [--state S] [--json]\n"
        "  griddesk-cli outbox-redo WORKSPACE ID --as USER\n"
        "  griddesk-cli outbox-discard WORKSPACE ID --as USER\n"
        "  (states: queued, sent, applied, rejected, discarded, redone)\n"
        "\n"
        "Actions: %2.\n"
        "Roles: %3.\n"
        "\n"
        "The workspace (a GeoPackage file) is created when it does not exist.\n"
        "Levels: %1.\n")
        .arg(gridLevelKeys(), deskActionKeys(),
            QStringLiteral("operator, supervisor, unit_handler, leader"));
}

int failWith(Context &context, const Error &error)
{
    context.err << Tr::tr("griddesk-cli: %1").arg(error.message) << '\n';
    return FAILED;
}

int usageError(Context &context, const QString &message)
{
    context.err << Tr::tr("griddesk-cli: %1").arg(message) << "\n\n" << usage();
    return USAGE;
}

void printJson(Context &context, const QJsonValue &value)
{
    const QJsonDocument document =
        value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    context.out << document.toJson(QJsonDocument::Indented);
}

Result<std::unique_ptr<Workspace>> openWorkspace(const QString &path)
{
    return Workspace::open(path);
}

Result<std::unique_ptr<Workspace>> openExistingWorkspace(const QString &path)
{
    const QFileInfo file(path);
    if (!file.exists())
        return fail(ErrorCode::NotFound, Tr::tr("%1 does not exist.").arg(path));
    if (file.isFile() && file.size() == 0)
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("%1 is empty: it is not a workspace (yet). Import grids into it first.")
                .arg(path));
    return openWorkspace(path);
}

Result<void> readDayOptions(Context &context, std::optional<QDate> &from, std::optional<QDate> &to)
{
    for (const char *option : {"from", "to"}) {
        if (!context.isSet(option))
            continue;
        auto day = EvaluationFilter::parseDate(
            context.value(option), QStringLiteral("--%1").arg(QLatin1String(option)));
        if (!day)
            return std::unexpected(day.error());
        (qstrcmp(option, "from") == 0 ? from : to) = *day;
    }
    return {};
}

namespace {

std::optional<QString> optionalValue(const QCommandLineParser &parser, const QString &name)
{
    if (!parser.isSet(name))
        return std::nullopt;
    return parser.value(name);
}

void printSummary(Context &context, const QString &file, const ImportSummary &summary)
{
    context.out << Tr::tr("%1: %2").arg(file, summary.toText()) << '\n';
    if (!summary.encoding.isEmpty())
        context.out << Tr::tr("  encoding: %1").arg(summary.encoding) << '\n';
    for (const QString &note : summary.notes)
        context.out << "  " << note << '\n';
}

/// Once the grid map has editions, an import is an edit like any other: it goes into the
/// draft, is checked, and changes nothing published until the draft is.
int importGridsIntoDraft(Context &context, Workspace &ws, const GridImportOptions &options)
{
    const QString file = context.positional.at(2);
    auto prepared = prepareGridImport(ws, file, options);
    if (!prepared)
        return failWith(context, prepared.error());
    auto draft = GridDraft::load(ws);
    if (!draft)
        return failWith(context, draft.error());
    auto importing =
        draft->importing(prepared->grids, Tr::tr("Import %1").arg(QFileInfo(file).fileName()));
    if (!importing)
        return failWith(context, importing.error().at(file));
    const GridChange &change = *importing;
    if (auto applied = draft->apply(ws, change); !applied)
        return failWith(context, applied.error());
    printSummary(context, file, prepared->summary);
    QStringList touched;
    for (const Grid &grid : change.after)
        touched << grid.code;
    auto findings = checkTopologyAround(draft->grids(), touched);
    if (!findings)
        return failWith(context, findings.error());
    context.out << Tr::tr(
        "  into the draft: %n grid(s) added or changed", nullptr, int(change.after.size()))
                << "; " << Tr::tr("%n finding(s) around them", nullptr, int(findings->size()))
                << "; " << Tr::tr("publish the draft to make them an edition.") << '\n';
    return OK;
}

int importGridsCommand(Context &context)
{
    if (context.positional.size() != 3)
        return usageError(context, Tr::tr("import-grids needs a WORKSPACE and a FILE."));
    const QCommandLineParser &parser = context.parser;
    if (!parser.isSet(QStringLiteral("level")))
        return usageError(context, Tr::tr("import-grids needs --level (%1).").arg(gridLevelKeys()));
    const auto level = gridLevelFromKey(parser.value(QStringLiteral("level")));
    if (!level)
        return usageError(context,
            Tr::tr("unknown level \"%1\"; use one of %2.")
                .arg(parser.value(QStringLiteral("level")), gridLevelKeys()));

    GridImportOptions options;
    options.level = *level;
    options.layer = parser.value(QStringLiteral("layer"));
    options.codeField = parser.value(QStringLiteral("code-field"));
    options.nameField = parser.value(QStringLiteral("name-field"));
    options.parentField = parser.value(QStringLiteral("parent-field"));
    options.sourceCrs = optionalValue(parser, QStringLiteral("source-crs"));
    options.encoding = optionalValue(parser, QStringLiteral("encoding"));
    options.repairInvalid = parser.isSet(QStringLiteral("repair-invalid"));

    auto workspace = openWorkspace(context.positional.at(1));
    if (!workspace)
        return failWith(context, workspace.error());
    auto published = GridEditions::isPublished(**workspace);
    if (!published)
        return failWith(context, published.error());
    if (*published)
        return importGridsIntoDraft(context, **workspace, options);
    auto summary = importGrids(**workspace, context.positional.at(2), options);
    if (!summary)
        return failWith(context, summary.error());
    printSummary(context, context.positional.at(2), *summary);
    return OK;
}

int importCasesCommand(Context &context)
{
    if (context.positional.size() != 3)
        return usageError(context, Tr::tr("import-cases needs a WORKSPACE and a FILE."));
    auto workspace = openWorkspace(context.positional.at(1));
    if (!workspace)
        return failWith(context, workspace.error());
    const QString profile = context.parser.isSet(QStringLiteral("profile"))
        ? context.parser.value(QStringLiteral("profile"))
        : QStringLiteral("auto");
    auto summary = importCases(**workspace, context.positional.at(2), profile);
    if (!summary)
        return failWith(context, summary.error());
    printSummary(context, context.positional.at(2), *summary);
    return OK;
}

QJsonValue nullable(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QJsonObject gridJson(const Grid &grid)
{
    return QJsonObject {
        {QStringLiteral("code"), grid.code},
        {QStringLiteral("name"), grid.name},
        {QStringLiteral("level"), gridLevelKey(grid.level)},
        {QStringLiteral("parent"), nullable(grid.parentCode)},
        {QStringLiteral("area_m2"), std::round(grid.areaM2 * 10.0) / 10.0},
        {QStringLiteral("bbox"),
            QJsonArray {grid.bbox.west, grid.bbox.south, grid.bbox.east, grid.bbox.north}},
    };
}

QJsonObject caseJson(const CaseRecord &record)
{
    QJsonObject object {
        {QStringLiteral("id"), record.id},
        {QStringLiteral("external_id"), record.externalId},
        {QStringLiteral("category"), record.category},
        {QStringLiteral("status"), record.status},
        {QStringLiteral("created"), nullable(record.created.toIso())},
        {QStringLiteral("closed"), nullable(record.closed.toIso())},
        {QStringLiteral("lon"), record.location ? QJsonValue(record.location->lon) : QJsonValue()},
        {QStringLiteral("lat"), record.location ? QJsonValue(record.location->lat) : QJsonValue()},
        {QStringLiteral("grid"), nullable(record.gridCode)},
        {QStringLiteral("flags"), QJsonArray::fromStringList(record.flags)},
    };
    return object;
}

int gridsCommand(Context &context)
{
    if (context.positional.size() != 2)
        return usageError(context, Tr::tr("grids needs a WORKSPACE."));
    if (!context.parser.isSet(QStringLiteral("json")))
        return usageError(context, Tr::tr("grids prints JSON only; add --json."));
    std::optional<GridLevel> level;
    if (context.parser.isSet(QStringLiteral("level"))) {
        level = gridLevelFromKey(context.parser.value(QStringLiteral("level")));
        if (!level)
            return usageError(context,
                Tr::tr("unknown level \"%1\"; use one of %2.")
                    .arg(context.parser.value(QStringLiteral("level")), gridLevelKeys()));
    }
    auto workspace = openWorkspace(context.positional.at(1));
    if (!workspace)
        return failWith(context, workspace.error());
    auto grids = (*workspace)->grids(level, false);
    if (!grids)
        return failWith(context, grids.error());
    QJsonArray array;
    for (const Grid &grid : *grids)
        array << gridJson(grid);
    printJson(context, array);
    return OK;
}

int casesCommand(Context &context)
{
    if (context.positional.size() != 2)
        return usageError(context, Tr::tr("cases needs a WORKSPACE."));
    if (!context.parser.isSet(QStringLiteral("json")))
        return usageError(context, Tr::tr("cases prints JSON only; add --json."));
    auto workspace = openWorkspace(context.positional.at(1));
    if (!workspace)
        return failWith(context, workspace.error());
    CaseQuery query;
    if (context.parser.isSet(QStringLiteral("grid"))) {
        const QString code = context.parser.value(QStringLiteral("grid"));
        auto grid = (*workspace)->grid(code);
        if (!grid)
            return failWith(context, grid.error());
        if (!*grid)
            return failWith(context,
                Error {ErrorCode::NotFound, Tr::tr("the workspace has no grid %1.").arg(code)});
        query.gridCode = code;
    }
    auto cases = (*workspace)->cases(query);
    if (!cases)
        return failWith(context, cases.error());
    QJsonArray array;
    for (const CaseRecord &record : *cases)
        array << caseJson(record);
    printJson(context, array);
    return OK;
}

std::optional<QSize> parseSize(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d{1,5})[xX](\\d{1,5})$"));
    const auto match = pattern.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    const QSize size(match.captured(1).toInt(), match.captured(2).toInt());
    if (size.width() < 16 || size.height() < 16 || size.width() > 16384 || size.height() > 16384)
        return std::nullopt;
    return size;
}

std::optional<BoundingBox> parseBox(const QString &text)
{
    const QStringList parts = text.split(u',');
    if (parts.size() != 4)
        return std::nullopt;
    double values[4];
    for (int i = 0; i < 4; ++i) {
        bool ok = false;
        values[i] = parts.at(i).trimmed().toDouble(&ok);
        if (!ok)
            return std::nullopt;
    }
    BoundingBox box {values[0], values[1], values[2], values[3]};
    const bool sane = box.west < box.east && box.south < box.north && box.west >= -180.0
        && box.east <= 180.0 && box.south >= -90.0 && box.north <= 90.0;
    if (!sane)
        return std::nullopt;
    return box;
}

int renderCommand(Context &context)
{
    if (context.positional.size() != 3)
        return usageError(context, Tr::tr("render needs a WORKSPACE and an OUT.png."));
    QSize size(1600, 1200);
    if (context.parser.isSet(QStringLiteral("size"))) {
        const auto parsed = parseSize(context.parser.value(QStringLiteral("size")));
        if (!parsed)
            return usageError(context,
                Tr::tr("--size must be WIDTHxHEIGHT, 16 to 16384 pixels "
                       "each, for example 1600x1200."));
        size = *parsed;
    }
    std::optional<BoundingBox> box;
    if (context.parser.isSet(QStringLiteral("bbox"))) {
        box = parseBox(context.parser.value(QStringLiteral("bbox")));
        if (!box)
            return usageError(context,
                Tr::tr("--bbox must be WEST,SOUTH,EAST,NORTH in degrees "
                       "with west < east and south < north."));
    }

    auto workspace = openWorkspace(context.positional.at(1));
    if (!workspace)
        return failWith(context, workspace.error());
    auto scene = MapScene::load(**workspace);
    if (!scene)
        return failWith(context, scene.error());
    const BoundingBox extent = box ? *box : (*scene)->extent();
    if (extent.isEmpty())
        return failWith(context,
            Error {ErrorCode::NotFound,
                Tr::tr("the workspace has nothing to draw; import grids "
                       "first.")});
    const MapViewport viewport = MapViewport::fitted(extent, size, box ? 0.0 : 0.03);
    const QImage image = renderMap(**scene, viewport);
    const QString target = context.positional.at(2);
    if (!image.save(target, "PNG"))
        return failWith(context,
            Error {ErrorCode::InvalidArgument,
                Tr::tr("the image could not be written to %1.").arg(target)});
    context.out << Tr::tr("%1: %2x%3 pixels, extent %4,%5,%6,%7")
                       .arg(target)
                       .arg(size.width())
                       .arg(size.height())
                       .arg(viewport.extent.west, 0, 'f', 6)
                       .arg(viewport.extent.south, 0, 'f', 6)
                       .arg(viewport.extent.east, 0, 'f', 6)
                       .arg(viewport.extent.north, 0, 'f', 6)
                << '\n';
    return OK;
}

void addOptions(QCommandLineParser &parser)
{
    const QList<QCommandLineOption> options {
        {QStringLiteral("level"), Tr::tr("Grid level."), QStringLiteral("LEVEL")},
        {QStringLiteral("layer"), Tr::tr("Layer to read."), QStringLiteral("L")},
        {QStringLiteral("code-field"), Tr::tr("Field holding grid codes."), QStringLiteral("F")},
        {QStringLiteral("name-field"), Tr::tr("Field holding grid names."), QStringLiteral("F")},
        {QStringLiteral("parent-field"), Tr::tr("Field holding parent codes."),
            QStringLiteral("F")},
        {QStringLiteral("source-crs"), Tr::tr("CRS of the file, or gcj02."), QStringLiteral("CRS")},
        {QStringLiteral("encoding"), Tr::tr("Text encoding of the attributes."),
            QStringLiteral("ENC")},
        {QStringLiteral("profile"), Tr::tr("Case import profile."), QStringLiteral("P")},
        {QStringLiteral("grid"), Tr::tr("Only cases in this grid and below."),
            QStringLiteral("CODE")},
        {QStringLiteral("json"), Tr::tr("Print JSON.")},
        {QStringLiteral("repair-invalid"), Tr::tr("Mend invalid polygons instead of failing.")},
        {QStringLiteral("size"), Tr::tr("Image size."), QStringLiteral("WxH")},
        {QStringLiteral("bbox"), Tr::tr("Extent to draw."), QStringLiteral("W,S,E,N")},
        {QStringLiteral("crs"), Tr::tr("CRS to export in (default EPSG:4326)."),
            QStringLiteral("CRS")},
        {QStringLiteral("overwrite"), Tr::tr("Replace an existing output file.")},
        {QStringLiteral("as"), Tr::tr("The local user taking the action."), QStringLiteral("USER")},
        {QStringLiteral("role"), Tr::tr("The role acted in."), QStringLiteral("ROLE")},
        {QStringLiteral("unit"), Tr::tr("Lead unit (dispatch) or unit taking over (escalate)."),
            QStringLiteral("U")},
        {QStringLiteral("co-unit"), Tr::tr("A co-handling unit; repeat for several."),
            QStringLiteral("U")},
        {QStringLiteral("reason"), Tr::tr("Why."), QStringLiteral("R")},
        {QStringLiteral("result"), Tr::tr("How the case was handled."), QStringLiteral("TEXT")},
        {QStringLiteral("satisfaction"), Tr::tr("Satisfaction, 1 to 5."), QStringLiteral("N")},
        {QStringLiteral("limit"), Tr::tr("Extra time asked for, such as 2d or 4h."),
            QStringLiteral("L")},
        {QStringLiteral("promised"), Tr::tr("The promised date."), QStringLiteral("TIME")},
        {QStringLiteral("into"), Tr::tr("The case a duplicate is merged into."),
            QStringLiteral("ID")},
        {QStringLiteral("person"),
            Tr::tr("Who handles a dispatched case, or who checked a case on site: a person id of "
                   "the org chart. For patrols: who patrolled, or whom a patrol plan names, by "
                   "name (a user or a person of the org chart)."),
            QStringLiteral("ID")},
        {QStringLiteral("sight"),
            Tr::tr("How far a patroller sees to each side of the track, in metres (default 30)."),
            QStringLiteral("METRES")},
        {QStringLiteral("tasks"), Tr::tr("What a patrol plan has checked."),
            QStringLiteral("TEXT")},
        {QStringLiteral("times"), Tr::tr("Patrols a plan asks for in each period."),
            QStringLiteral("N")},
        {QStringLiteral("per"), Tr::tr("The period of a patrol plan: day, week or month."),
            QStringLiteral("P")},
        {QStringLiteral("post"), Tr::tr("The post whose holders a patrol plan names."),
            QStringLiteral("POST")},
        {QStringLiteral("min-share"),
            Tr::tr("The share of the grid (0 to 1) a patrol must see to count for a plan."),
            QStringLiteral("S")},
        {QStringLiteral("file"), Tr::tr("File to attach."), QStringLiteral("PATH")},
        {QStringLiteral("based-on"), Tr::tr("The case version the action was decided on."),
            QStringLiteral("VERSION")},
        {QStringLiteral("at"), Tr::tr("When the action was taken (default: now)."),
            QStringLiteral("TIME")},
        {QStringLiteral("apply"), Tr::tr("Apply the deadline rules.")},
        {QStringLiteral("rules"), Tr::tr("A rule table to try instead of the saved one."),
            QStringLiteral("FILE")},
        {QStringLiteral("from"), Tr::tr("First day, YYYY-MM-DD."), QStringLiteral("DATE")},
        {QStringLiteral("to"), Tr::tr("Last day, YYYY-MM-DD."), QStringLiteral("DATE")},
        {QStringLiteral("year"), Tr::tr("Only this year."), QStringLiteral("YEAR")},
        {QStringLiteral("category"), Tr::tr("Case category."), QStringLiteral("C")},
        {QStringLiteral("descriptor"), Tr::tr("What was seen."), QStringLiteral("D")},
        {QStringLiteral("address"), Tr::tr("Where."), QStringLiteral("A")},
        {QStringLiteral("lon"), Tr::tr("Longitude, WGS84."), QStringLiteral("X")},
        {QStringLiteral("lat"), Tr::tr("Latitude, WGS84."), QStringLiteral("Y")},
        {QStringLiteral("channel"), Tr::tr("Source channel of a report."), QStringLiteral("CH")},
        {QStringLiteral("parts"), Tr::tr("How many fine grids to cut."), QStringLiteral("N")},
        {QStringLiteral("target-area"), Tr::tr("Area of each fine grid, in square metres."),
            QStringLiteral("M2")},
        {QStringLiteral("note"), Tr::tr("What a grid edition changes."), QStringLiteral("TEXT")},
        {QStringLiteral("format"), Tr::tr("What an org file holds: divisions, csv or boundaries."),
            QStringLiteral("F")},
        {QStringLiteral("root-code"),
            Tr::tr("Division code of the subtree to import, or the unit boundaries sit under."),
            QStringLiteral("CODE")},
        {QStringLiteral("root-name"), Tr::tr("Name of the root unit when it is made."),
            QStringLiteral("NAME")},
        {QStringLiteral("tier"), Tr::tr("Tier of the units a boundary file makes, 1 to 6."),
            QStringLiteral("N")},
        {QStringLiteral("parent"), Tr::tr("The unit to move under (blank: the top)."),
            QStringLiteral("CODE")},
        {QStringLiteral("people"), Tr::tr("Export the people.")},
        {QStringLiteral("units"), Tr::tr("Export the units.")},
        {QStringLiteral("field"), Tr::tr("The personal number to reveal: phone or id_number."),
            QStringLiteral("F")},
        {QStringLiteral("number"), Tr::tr("A standard's number, such as GB/T 34300-2017."),
            QStringLiteral("N")},
        {QStringLiteral("title"), Tr::tr("A standard's title."), QStringLiteral("T")},
        {QStringLiteral("status"), Tr::tr("A standard's status."), QStringLiteral("S")},
        {QStringLiteral("published"), Tr::tr("Publication date, YYYY-MM-DD."),
            QStringLiteral("DATE")},
        {QStringLiteral("implemented"), Tr::tr("Implementation date, YYYY-MM-DD."),
            QStringLiteral("DATE")},
        {QStringLiteral("title-zh"), Tr::tr("A category's Chinese title."), QStringLiteral("T")},
        {QStringLiteral("title-en"), Tr::tr("A category's English title."), QStringLiteral("T")},
        {QStringLiteral("summary-zh"), Tr::tr("A category's Chinese summary."),
            QStringLiteral("S")},
        {QStringLiteral("summary-en"), Tr::tr("A category's English summary."),
            QStringLiteral("S")},
        {QStringLiteral("detail"), Tr::tr("Export the standard detail list.")},
        {QStringLiteral("state"), Tr::tr("Only outbox commands in this state."),
            QStringLiteral("S")},
        {QStringLiteral("server"), Tr::tr("The sync server, https://HOST:PORT."),
            QStringLiteral("URL")},
        {QStringLiteral("user"), Tr::tr("The account on the sync server."), QStringLiteral("USER")},
        {QStringLiteral("password-file"), Tr::tr("A file whose first line is the password."),
            QStringLiteral("FILE")},
        {QStringLiteral("ca"),
            Tr::tr("The city's CA certificate (PEM) to trust besides the "
                   "system's."),
            QStringLiteral("FILE")},
        {QStringLiteral("by"), Tr::tr("What an evaluation report groups cases by."),
            QStringLiteral("G")},
        {QStringLiteral("period"),
            Tr::tr("Group an evaluation report per day, week, month or quarter."),
            QStringLiteral("P")},
        {QStringLiteral("last"),
            Tr::tr("Report on the last whole week, month or quarter (a periodic report)."),
            QStringLiteral("P")},
        {QStringLiteral("on"),
            Tr::tr("With --last: the day the periodic report is made on (default today)."),
            QStringLiteral("DATE")},
        {QStringLiteral("csv"), Tr::tr("Write the evaluation report as CSV to this file."),
            QStringLiteral("OUT")},
        {QStringLiteral("pdf"), Tr::tr("Write the evaluation report as PDF to this file."),
            QStringLiteral("OUT")},
        {QStringLiteral("set"),
            Tr::tr("An evaluation weight, INDICATOR=WEIGHT; repeat for several."),
            QStringLiteral("I=W")},
        {QStringLiteral("minimum-cases"), Tr::tr("Cases a unit needs to be ranked."),
            QStringLiteral("N")},
        {QStringLiteral("kind"), Tr::tr("The kind of register entries."), QStringLiteral("KIND")},
        {QStringLiteral("mapping"), Tr::tr("A JSON file mapping source fields to register fields."),
            QStringLiteral("FILE")},
        {QStringLiteral("dry-run"), Tr::tr("Report what an import would do, write nothing.")},
        {QStringLiteral("skip-refused"), Tr::tr("Import the rest when features are refused.")},
        {QStringLiteral("code"), Tr::tr("Only the register entry with this code."),
            QStringLiteral("CODE")},
        {QStringLiteral("stale"), Tr::tr("Only register entries due a visit, grid by grid.")},
        {QStringLiteral("stale-days"),
            Tr::tr("Due a visit after this many days without one (default: each kind's own)."),
            QStringLiteral("N")},
        {QStringLiteral("counts"), Tr::tr("Count register entries per kind.")},
        {QStringLiteral("near"), Tr::tr("Register entries near this point, nearest first."),
            QStringLiteral("LON,LAT")},
        {QStringLiteral("within"), Tr::tr("How near, in metres (default 50)."),
            QStringLiteral("M")},
        {QStringLiteral("reveal"), Tr::tr("Show personal data unmasked; the reveal is recorded.")},
        {QStringLiteral("entry"), Tr::tr("A register entry the case concerns; repeat for several."),
            QStringLiteral("CODE")},
        {QStringLiteral("reporter"),
            Tr::tr("The register entry of the person who reported the case."),
            QStringLiteral("CODE")},
        {QStringLiteral("remove"), Tr::tr("Remove the link instead of making it.")},
        {QStringLiteral("search"),
            Tr::tr("Register entries whose name or address begins with this."),
            QStringLiteral("TEXT")},
        {QStringLiteral("link-role"),
            Tr::tr("What the entry is to the case: concerns (default) or reporter."),
            QStringLiteral("ROLE")},
        {QStringLiteral("type"), Tr::tr("The type of a register field."), QStringLiteral("T")},
        {QStringLiteral("personal"), Tr::tr("The class of personal data a register field holds."),
            QStringLiteral("CLASS")},
        {QStringLiteral("identifying"),
            Tr::tr("Entries with the same value in this field are duplicates.")},
        {{QStringLiteral("h"), QStringLiteral("help")}, Tr::tr("Show this help.")},
        {QStringLiteral("version"), Tr::tr("Show the version of griddesk-cli.")},
    };
    parser.addOptions(options);
}

} // namespace

int run(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    Context context {{}, {}, out, err};
    addOptions(context.parser);
    if (!context.parser.parse(QStringList {QStringLiteral("griddesk-cli")} + arguments))
        return usageError(context, context.parser.errorText());
    context.positional = context.parser.positionalArguments();
    if (context.parser.isSet(QStringLiteral("version"))) {
        out << QStringLiteral("griddesk-cli %1\n").arg(QStringLiteral(GRIDDESK_VERSION));
        return OK;
    }
    if (context.parser.isSet(QStringLiteral("help")) || context.positional.isEmpty()) {
        (context.positional.isEmpty() && !context.parser.isSet(QStringLiteral("help")) ? err : out)
            << usage();
        return context.parser.isSet(QStringLiteral("help")) ? OK : USAGE;
    }

    const QString command = context.positional.first();
    if (command == QLatin1String("import-grids"))
        return importGridsCommand(context);
    if (command == QLatin1String("import-cases"))
        return importCasesCommand(context);
    if (command == QLatin1String("grids"))
        return gridsCommand(context);
    if (command == QLatin1String("cases"))
        return casesCommand(context);
    if (command == QLatin1String("render"))
        return renderCommand(context);
    if (command == QLatin1String("export-grids"))
        return exportGridsCommand(context);
    const QList<std::pair<const char *, int (*)(Context &)>> workflowCommands {
        {"report", reportCommand}, {"case", caseCommand}, {"act", actCommand},
        {"case-link", caseLinkCommand}, {"register-entry", registerEntryCommand},
        {"deadlines", deadlinesCommand}, {"rules", rulesCommand}, {"setup", setupCommand},
        {"calendar", calendarCommand}, {"validate", validateCommand},
        {"subdivide", subdivideCommand}, {"publish", publishCommand}, {"editions", editionsCommand},
        {"import-org", importOrgCommand}, {"org", orgCommand}, {"org-check", orgCheckCommand},
        {"org-move", orgMoveCommand}, {"org-merge", orgMergeCommand},
        {"org-retire", orgRetireCommand}, {"org-export", orgExportCommand},
        {"org-history", orgHistoryCommand}, {"reveal", revealCommand},
        {"standards", standardsCommand}, {"standards-export", standardsExportCommand},
        {"standards-attach", standardsAttachCommand}, {"standards-detach", standardsDetachCommand},
        {"standards-add", standardsAddCommand}, {"standards-remove", standardsRemoveCommand},
        {"standards-move", standardsMoveCommand}, {"standards-renumber", standardsRenumberCommand},
        {"standards-history", standardsHistoryCommand}, {"sync", syncCommand},
        {"outbox", outboxCommand}, {"outbox-discard", outboxDiscardCommand},
        {"outbox-redo", outboxRedoCommand}, {"evaluation", evaluationCommand},
        {"evaluation-weights", evaluationWeightsCommand}, {"patrol-import", patrolImportCommand},
        {"patrols", patrolsCommand}, {"patrol-plan", patrolPlanCommand},
        {"import-register", importRegisterCommand}, {"register", registerCommand},
        {"register-history", registerHistoryCommand}, {"register-verify", registerVerifyCommand},
        {"register-merge", registerMergeCommand}, {"register-field", registerFieldCommand}};
    for (const auto &[name, handler] : workflowCommands) {
        if (command == QLatin1String(name))
            return handler(context);
    }
    return usageError(context, Tr::tr("unknown command \"%1\".").arg(command));
}

} // namespace GridDesk::Cli
