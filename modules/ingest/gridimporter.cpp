// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "gridimporter.h"

#include "caseimporter.h"
#include "logging.h"

#include "domain/grid.h"
#include "gis/geoscontext.h"
#include "gis/gridlocator.h"
#include "gis/vectorfile.h"
#include "gis/vectorreader.h"
#include "gis/wkb.h"
#include "storage/workspace.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QHash>
#include <QSet>
#include <QThread>
#include <QtEndian>

#include <algorithm>
#include <cstring>
#include <thread>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::GridImporter)
};

constexpr int MAX_LISTED_PROBLEMS = 5;
constexpr qsizetype MIN_FEATURES_PER_WORKER = 256;

Result<void> checkFields(const VectorData &data, const GridImportOptions &options)
{
    const std::pair<QString, const char *> wanted[] = {
        {options.codeField, "--code-field"},
        {options.nameField, "--name-field"},
        {options.parentField, "--parent-field"},
    };
    for (const auto &[field, flag] : wanted) {
        if (field.isEmpty() || data.fields.contains(field))
            continue;
        return fail(ErrorCode::MissingField,
            Tr::tr("%1 has no field \"%2\" (given with %3); its fields are: %4.")
                .arg(QFileInfo(data.path).fileName(), field, QLatin1String(flag),
                    data.fields.join(QStringLiteral(", "))));
    }
    return {};
}

/// A polygon's WKB wrapped as a one-part multipolygon, so the grids table holds one type.
QByteArray asMultiPolygon(const QByteArray &polygon)
{
    QByteArray multi;
    multi.reserve(polygon.size() + 9);
    multi.append(char(1));
    const quint32 type = qToLittleEndian(quint32(Wkb::Type::MultiPolygon));
    const quint32 count = qToLittleEndian(quint32(1));
    multi.append(reinterpret_cast<const char *>(&type), 4);
    multi.append(reinterpret_cast<const char *>(&count), 4);
    multi.append(polygon);
    return multi;
}

/// A valid polygonal version of an invalid geometry (GEOS MakeValid, structure method, parts
/// that collapse to lines dropped); empty when nothing with an area is left.
std::optional<QByteArray> repaired(const GeosContext &geos, const GEOSGeometry *geometry)
{
    const GEOSContextHandle_t handle = geos.handle();
    GEOSMakeValidParams *params = GEOSMakeValidParams_create_r(handle);
    GEOSMakeValidParams_setMethod_r(handle, params, GEOS_MAKE_VALID_STRUCTURE);
    GEOSMakeValidParams_setKeepCollapsed_r(handle, params, 0);
    GeosContext::GeometryPtr valid =
        geos.adopt(GEOSMakeValidWithParams_r(handle, geometry, params));
    GEOSMakeValidParams_destroy_r(handle, params);
    if (!valid)
        return std::nullopt;
    const int type = GEOSGeomTypeId_r(handle, valid.get());
    if (type == GEOS_POLYGON)
        return asMultiPolygon(geos.toWkb(valid.get()));
    if (type == GEOS_MULTIPOLYGON)
        return geos.toWkb(valid.get());
    return std::nullopt;
}

struct Candidate
{
    Grid grid;
    qint64 featureNumber = 0;
};

QString featurePlace(const QString &file, qint64 number)
{
    return Tr::tr("%1, feature %2").arg(file).arg(number);
}

/// What the geometry checks found for one feature: the grid's multipolygon with its area and
/// bounds, or the problem that keeps it out; and the repair made on the way, if any.
struct GeometryCheck
{
    QByteArray wkb;
    double areaM2 = 0.0;
    BoundingBox bbox;
    QString problem;
    QString repair;
    bool repairable = false; ///< the problem is an invalid polygon that repair could mend
};

GeometryCheck checkGeometry(const GeosContext &geos, const VectorFeature &feature,
    const QString &file, const QString &code, bool repairInvalid)
{
    GeometryCheck check;
    auto geometry = geos.fromWkb(feature.wkb);
    if (!geometry) {
        check.problem = geometry.error().at(featurePlace(file, feature.number)).message;
        return check;
    }
    const int type = GEOSGeomTypeId_r(geos.handle(), geometry->get());
    if (type != GEOS_POLYGON && type != GEOS_MULTIPOLYGON) {
        check.problem = Tr::tr("%1: the geometry is a %2; grids must be polygons.")
                            .arg(featurePlace(file, feature.number),
                                QString::fromUtf8(GEOSGeomType_r(geos.handle(), geometry->get())));
        return check;
    }
    check.wkb = type == GEOS_POLYGON ? asMultiPolygon(feature.wkb) : feature.wkb;
    if (const QString reason = geos.invalidityReason(geometry->get()); !reason.isEmpty()) {
        const QString where = featurePlace(file, feature.number);
        const QString shownCode = code.isEmpty() ? Tr::tr("no code") : code;
        const std::optional<QByteArray> mended =
            repairInvalid ? repaired(geos, geometry->get()) : std::nullopt;
        if (!mended) {
            check.problem = Tr::tr("%1 (%2): invalid polygon: %3.").arg(where, shownCode, reason);
            check.repairable = !repairInvalid;
            return check;
        }
        check.repair = Tr::tr("%1 (%2): repaired %3.").arg(where, shownCode, reason);
        check.wkb = *mended;
    }
    check.areaM2 = Wkb::geodesicAreaM2(check.wkb).value_or(0.0);
    check.bbox = Wkb::envelope(check.wkb).value_or(BoundingBox());
    return check;
}

/// The geometry checks of every feature, in file order. GEOS validity and geodesic areas are
/// most of an import's computing, so the features are split among one worker per core, each
/// with its own GEOS context.
std::vector<GeometryCheck> checkGeometries(const VectorData &data, const GridImportOptions &options)
{
    const QString file = QFileInfo(data.path).fileName();
    const qsizetype count = data.features.size();
    std::vector<GeometryCheck> checks(static_cast<std::size_t>(count));
    const qsizetype workers = std::clamp<qsizetype>(
        QThread::idealThreadCount(), 1, std::max<qsizetype>(1, count / MIN_FEATURES_PER_WORKER));
    const qsizetype share = (count + workers - 1) / workers;
    const qsizetype codeColumn =
        options.codeField.isEmpty() ? -1 : data.fields.indexOf(options.codeField);
    const auto work = [&](qsizetype first) {
        const GeosContext geos;
        for (qsizetype i = first; i < std::min(count, first + share); ++i) {
            const VectorFeature &feature = data.features[i];
            const QString code = attributeText(feature.values.value(codeColumn));
            checks[std::size_t(i)] =
                checkGeometry(geos, feature, file, code, options.repairInvalid);
        }
    };
    std::vector<std::thread> threads;
    for (qsizetype worker = 1; worker < workers; ++worker)
        threads.emplace_back(work, worker * share);
    work(0);
    for (std::thread &thread : threads)
        thread.join();
    return checks;
}

/// Turns features into grids: codes, names, multipolygon geometry, area; checks validity.
Result<QList<Candidate>> toCandidates(
    const VectorData &data, const GridImportOptions &options, QStringList &repairs)
{
    const QString file = QFileInfo(data.path).fileName();
    std::vector<GeometryCheck> checks = checkGeometries(data, options);
    QList<Candidate> candidates;
    candidates.reserve(data.features.size());
    QStringList problems;
    QHash<QString, qint64> seenCodes;
    bool offerRepair = false;
    const auto column = [&data](const QString &field) {
        return field.isEmpty() ? qsizetype(-1) : data.fields.indexOf(field);
    };
    const qsizetype codeColumn = column(options.codeField);
    const qsizetype nameColumn = column(options.nameField);
    const qsizetype parentColumn = column(options.parentField);

    for (qsizetype i = 0; i < data.features.size(); ++i) {
        const VectorFeature &feature = data.features[i];
        GeometryCheck &check = checks[std::size_t(i)];
        Candidate candidate {Grid {}, feature.number};
        Grid &grid = candidate.grid;
        grid.level = options.level;
        if (!options.codeField.isEmpty()) {
            grid.code = attributeText(feature.values.value(codeColumn));
            if (grid.code.isEmpty()) {
                problems << Tr::tr("%1: the code field \"%2\" is empty.")
                                .arg(featurePlace(file, feature.number), options.codeField);
                continue;
            }
            if (seenCodes.contains(grid.code)) {
                problems << Tr::tr("%1: the code %2 is already used by feature %3.")
                                .arg(featurePlace(file, feature.number), grid.code)
                                .arg(seenCodes.value(grid.code));
                continue;
            }
            seenCodes.insert(grid.code, feature.number);
        }
        if (!options.nameField.isEmpty())
            grid.name = attributeText(feature.values.value(nameColumn));
        if (!options.parentField.isEmpty())
            grid.parentCode = attributeText(feature.values.value(parentColumn));

        if (!check.problem.isEmpty()) {
            problems << check.problem;
            offerRepair = offerRepair || check.repairable;
            continue;
        }
        if (!check.repair.isEmpty())
            repairs << check.repair;
        grid.wkb = std::move(check.wkb);
        grid.areaM2 = check.areaM2;
        grid.bbox = check.bbox;
        candidates << std::move(candidate);
    }

    if (!problems.isEmpty()) {
        QStringList listed = problems.mid(0, MAX_LISTED_PROBLEMS);
        if (problems.size() > MAX_LISTED_PROBLEMS)
            listed << Tr::tr(
                "… and %n more problem(s).", nullptr, int(problems.size() - MAX_LISTED_PROBLEMS));
        const QString hint = !offerRepair
            ? QString()
            : Tr::tr("\nInvalid polygons can be mended on import with "
                     "--repair-invalid.");
        return fail(ErrorCode::InvalidGeometry,
            Tr::tr("%n feature(s) of %1 cannot be imported, so nothing was imported:\n%2", nullptr,
                int(problems.size()))
                    .arg(file, listed.join(u'\n'))
                + hint);
    }
    return candidates;
}

/// Finds parents by containment among the coarser grids already saved.
Result<int> assignParents(Workspace &workspace, QList<Candidate> &candidates, GridLevel level)
{
    auto existing = workspace.grids();
    if (!existing)
        return std::unexpected(existing.error());
    QList<Grid> coarser;
    const std::optional<int> depth = gridLevelDepth(level);
    for (Grid &grid : *existing) {
        const std::optional<int> otherDepth = gridLevelDepth(grid.level);
        const bool isCoarser = otherDepth && (!depth || *otherDepth < *depth);
        if (isCoarser)
            coarser << std::move(grid);
    }
    if (coarser.isEmpty())
        return 0;

    GridLocator locator;
    if (auto built = locator.build(coarser); !built)
        return std::unexpected(built.error());
    int found = 0;
    for (Candidate &candidate : candidates) {
        auto geometry = locator.geos().fromWkb(candidate.grid.wkb);
        if (!geometry)
            continue;
        if (const auto parent = locator.parentOf(geometry->get(), level)) {
            candidate.grid.parentCode = *parent;
            ++found;
        }
    }
    return found;
}

/// Whether a grid of level child may have a parent of level parent: nesting levels sit in
/// coarser ones (which also rules out cycles), business grids in any nesting level.
bool nestsIn(GridLevel child, GridLevel parent)
{
    const std::optional<int> childDepth = gridLevelDepth(child);
    const std::optional<int> parentDepth = gridLevelDepth(parent);
    if (!parentDepth)
        return false;
    return !childDepth || *parentDepth < *childDepth;
}

Result<void> checkParentsExist(
    Workspace &workspace, const QList<Candidate> &candidates, const QString &file)
{
    auto existing = workspace.grids(std::nullopt, false);
    if (!existing)
        return std::unexpected(existing.error());
    QSet<QString> known;
    QHash<QString, GridLevel> levels;
    for (const Grid &grid : *existing) {
        known.insert(grid.code);
        levels.insert(grid.code, grid.level);
    }
    for (const Candidate &candidate : candidates)
        known.insert(candidate.grid.code);
    for (const Candidate &candidate : candidates) {
        const Grid &grid = candidate.grid;
        // Importing a code again updates that grid; it must not turn a grid of another level
        // (a district, say) into this one and lose it.
        const auto saved = levels.constFind(grid.code);
        if (saved != levels.constEnd() && *saved != grid.level)
            return fail(ErrorCode::InvalidRow,
                Tr::tr("%1, feature %2: the code %3 already belongs to a %4 grid in the "
                       "workspace; codes must be unique across levels.")
                    .arg(file)
                    .arg(candidate.featureNumber)
                    .arg(grid.code, gridLevelKey(*saved)));
        if (!grid.parentCode.isEmpty() && grid.parentCode == grid.code)
            return fail(ErrorCode::InvalidRow,
                Tr::tr("%1, feature %2: the grid %3 names itself as its parent.")
                    .arg(file)
                    .arg(candidate.featureNumber)
                    .arg(grid.code));
    }
    for (const Candidate &candidate : candidates) {
        const QString &parent = candidate.grid.parentCode;
        if (parent.isEmpty())
            continue;
        if (!known.contains(parent))
            return fail(ErrorCode::InvalidRow,
                Tr::tr("%1, feature %2: the parent grid %3 is neither in the workspace "
                       "nor in the file; import the parent level first.")
                    .arg(file)
                    .arg(candidate.featureNumber)
                    .arg(parent));
        // A parent not saved yet comes from this file, so it has this file's level.
        const GridLevel parentLevel = levels.value(parent, candidate.grid.level);
        if (!nestsIn(candidate.grid.level, parentLevel))
            return fail(ErrorCode::InvalidRow,
                Tr::tr("%1, feature %2: the parent grid %3 is a %4 grid; a %5 grid must have a "
                       "parent of a coarser level.")
                    .arg(file)
                    .arg(candidate.featureNumber)
                    .arg(parent, gridLevelKey(parentLevel), gridLevelKey(candidate.grid.level)));
    }
    return {};
}

/// Codes for files without a code field: the parent's code (or the level) and a number.
void generateCodes(QList<Candidate> &candidates, GridLevel level)
{
    QHash<QString, int> counters;
    for (Candidate &candidate : candidates) {
        Grid &grid = candidate.grid;
        const QString prefix =
            grid.parentCode.isEmpty() ? gridLevelKey(level).toUpper() : grid.parentCode;
        const int number = ++counters[prefix];
        grid.code = QStringLiteral("%1-%2").arg(prefix).arg(number, 3, 10, QLatin1Char('0'));
    }
}

} // namespace

Result<PreparedGrids> prepareGridImport(
    Workspace &workspace, const QString &path, const GridImportOptions &options)
{
    VectorReadOptions readOptions;
    readOptions.layer = options.layer;
    readOptions.encoding = options.encoding;
    readOptions.sourceCrs = options.sourceCrs;
    QElapsedTimer timer;
    timer.start();
    auto data = readVectorFile(path, readOptions);
    if (!data)
        return std::unexpected(data.error());
    if (auto checked = checkFields(*data, options); !checked)
        return std::unexpected(checked.error());

    const qint64 readMs = timer.elapsed();
    QStringList repairs;
    auto candidates = toCandidates(*data, options, repairs);
    const qint64 checkedMs = timer.elapsed();
    if (!candidates)
        return std::unexpected(candidates.error());

    ImportSummary summary;
    summary.read = data->features.size();
    summary.encoding = data->encoding;
    summary.notes = data->notes + repairs;
    if (options.parentField.isEmpty()) {
        auto found = assignParents(workspace, *candidates, options.level);
        if (!found)
            return std::unexpected(found.error());
        if (*found > 0)
            summary.notes << Tr::tr("%n parent(s) found by containment.", nullptr, *found);
    }
    const qint64 parentsMs = timer.elapsed();
    if (options.codeField.isEmpty())
        generateCodes(*candidates, options.level);
    const QString file = QFileInfo(path).fileName();
    if (auto checked = checkParentsExist(workspace, *candidates, file); !checked)
        return std::unexpected(checked.error());

    PreparedGrids prepared;
    prepared.grids.reserve(candidates->size());
    for (Candidate &candidate : *candidates) {
        if (candidate.grid.name.isEmpty())
            candidate.grid.name = candidate.grid.code;
        prepared.grids << std::move(candidate.grid);
    }
    summary.imported = prepared.grids.size();
    prepared.summary = std::move(summary);
    qCInfo(lcIngest) << "prepared" << prepared.grids.size() << gridLevelKey(options.level)
                     << "grids from" << path << "in" << timer.elapsed() << "ms: read" << readMs
                     << "checked" << checkedMs - readMs << "parents" << parentsMs - checkedMs;
    return prepared;
}

Result<ImportSummary> importGridsInTransaction(
    Workspace &workspace, const QString &path, const GridImportOptions &options)
{
    QElapsedTimer timer;
    timer.start();
    auto prepared = prepareGridImport(workspace, path, options);
    if (!prepared)
        return std::unexpected(prepared.error());
    ImportSummary summary = std::move(prepared->summary);
    const qint64 preparedMs = timer.elapsed();
    if (auto saved = workspace.saveGrids(prepared->grids); !saved)
        return std::unexpected(saved.error());
    const qint64 savedMs = timer.elapsed();

    auto moved = relocateCases(workspace);
    if (!moved)
        return std::unexpected(moved.error());
    if (*moved > 0)
        summary.notes << Tr::tr("%n case(s) assigned to a new grid.", nullptr, int(*moved));
    if (auto logged = workspace.logImport(QStringLiteral("grids"), path, summary.toJson()); !logged)
        return std::unexpected(logged.error());
    qCInfo(lcIngest) << "imported" << summary.imported << gridLevelKey(options.level)
                     << "grids from" << path << "in" << timer.elapsed() << "ms: prepared"
                     << preparedMs << "saved" << savedMs - preparedMs << "cases"
                     << timer.elapsed() - savedMs;
    return summary;
}

Result<ImportSummary> importGrids(
    Workspace &workspace, const QString &path, const GridImportOptions &options)
{
    return workspace.transaction<ImportSummary>(
        [&] { return importGridsInTransaction(workspace, path, options); });
}

} // namespace GridDesk
