// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "caseimporter.h"

#include "feedtime.h"
#include "historyimport.h"
#include "logging.h"

#include "gis/gridlocator.h"
#include "gis/vectorreader.h"
#include "gis/wkb.h"
#include "storage/workspace.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <algorithm>
#include <span>
#include <thread>
#include <vector>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::CaseImporter)
};

/// Where a profile's columns are in a file: indexes into the feature values, -1 if absent.
struct Columns
{
    int id = -1;
    int created = -1;
    int closed = -1;
    int category = -1;
    int descriptor = -1;
    int status = -1;
    int agency = -1;
    int address = -1;
    int channel = -1;
    int crew = -1;
    int serviced = -1;
    int result = -1;
    int due = -1;

    Columns(const CaseProfile &profile, const QStringList &fields)
        : id(int(fields.indexOf(profile.idField)))
        , created(int(fields.indexOf(profile.createdField)))
        , closed(int(fields.indexOf(profile.closedField)))
        , category(int(fields.indexOf(profile.categoryField)))
        , descriptor(int(fields.indexOf(profile.descriptorField)))
        , status(int(fields.indexOf(profile.statusField)))
        , agency(int(fields.indexOf(profile.agencyField)))
        , address(int(fields.indexOf(profile.addressField)))
        , channel(column(fields, profile.channelField))
        , crew(column(fields, profile.crewField))
        , serviced(column(fields, profile.servicedField))
        , result(column(fields, profile.resultField))
        , due(column(fields, profile.dueField))
    { }

    /// -1 for a profile without the column, so that an empty name never matches a field.
    static int column(const QStringList &fields, const QString &name)
    {
        return name.isEmpty() ? -1 : int(fields.indexOf(name));
    }
};

QString text(const VectorFeature &feature, int column)
{
    return feature.values.value(column).toString().trimmed();
}

std::optional<GeoPoint> location(const VectorFeature &feature)
{
    if (feature.wkb.isEmpty())
        return std::nullopt;
    auto box = Wkb::envelope(feature.wkb);
    if (!box || box->isEmpty())
        return std::nullopt;
    // Exports write 0,0 for "not geocoded"; nobody reports from the Gulf of Guinea.
    if (box->west == 0.0 && box->south == 0.0)
        return std::nullopt;
    return GeoPoint {box->west, box->south};
}

void readTimes(CaseRecord &record, const VectorFeature &feature, const Columns &columns)
{
    const QString created = text(feature, columns.created);
    const QString closed = text(feature, columns.closed);
    if (created.isEmpty()) {
        record.addFlag(CaseFlags::NO_CREATED_DATE);
    } else if (const auto time = FeedTime::parse(created)) {
        record.created = *time;
    } else {
        record.addFlag(CaseFlags::BAD_CREATED_DATE);
    }
    if (!closed.isEmpty()) {
        if (const auto time = FeedTime::parse(closed))
            record.closed = *time;
        else
            record.addFlag(CaseFlags::BAD_CLOSED_DATE);
    }
    const bool bothKnown = record.created.isValid() && record.closed.isValid();
    if (bothKnown && record.created.secondsTo(record.closed) < 0)
        record.addFlag(CaseFlags::CLOSED_BEFORE_CREATED);
}

CaseRecord toCase(const VectorFeature &feature, const QString &source, const Columns &columns)
{
    CaseRecord record;
    record.source = source;
    record.externalId = text(feature, columns.id);
    if (record.externalId.isEmpty())
        record.externalId = QStringLiteral("row-%1").arg(feature.number);
    record.category = text(feature, columns.category);
    record.descriptor = text(feature, columns.descriptor);
    record.status = text(feature, columns.status);
    record.agency = text(feature, columns.agency);
    record.address = text(feature, columns.address);
    readTimes(record, feature, columns);
    record.location = location(feature);
    return record;
}

/// A time the feed gives, or an invalid one when it gives none it can read.
CaseTime optionalTime(const VectorFeature &feature, int column)
{
    const QString value = text(feature, column);
    return value.isEmpty() ? CaseTime() : FeedTime::parse(value).value_or(CaseTime());
}

FeedCourse toCourse(const VectorFeature &feature, const Columns &columns)
{
    FeedCourse course;
    course.channel = text(feature, columns.channel);
    course.crew = text(feature, columns.crew);
    course.serviced = optionalTime(feature, columns.serviced);
    course.result = text(feature, columns.result);
    course.due = optionalTime(feature, columns.due);
    return course;
}

constexpr qsizetype CASE_BATCH = 20000;

void count(const CaseRecord &record, ImportSummary &summary)
{
    ++summary.read;
    if (record.gridCode.isEmpty())
        ++summary.unlocated;
    else
        ++summary.located;
    if (!record.flags.isEmpty())
        ++summary.flagged;
}

/// Sets grid and location flags from a locator; true when the grid changed.
bool locate(const std::optional<GeoPoint> &location, QString &gridCode, QStringList &flags,
    const GridLocator &locator)
{
    const QString before = gridCode;
    flags.removeAll(QLatin1String(CaseFlags::NO_LOCATION));
    flags.removeAll(QLatin1String(CaseFlags::OUTSIDE_GRIDS));
    gridCode.clear();
    if (!location) {
        flags << QLatin1String(CaseFlags::NO_LOCATION);
    } else if (const auto grid = locator.locate(*location)) {
        gridCode = *grid;
    } else {
        flags << QLatin1String(CaseFlags::OUTSIDE_GRIDS);
    }
    return gridCode != before;
}

bool locate(CaseRecord &record, const GridLocator &locator)
{
    return locate(record.location, record.gridCode, record.flags, locator);
}

/// Locates a share of the cases on a thread of its own, with its own locator (prepared
/// geometries may not be shared between threads). Keeps the entries that changed.
Result<std::vector<CaseLocation>> locateShare(
    const QList<Grid> &grids, std::span<CaseLocation> share)
{
    GridLocator locator;
    if (auto built = locator.build(grids); !built)
        return std::unexpected(built.error());
    std::vector<CaseLocation> changed;
    for (CaseLocation &entry : share) {
        const QStringList flagsBefore = entry.flags;
        const bool moved = locate(entry.location, entry.gridCode, entry.flags, locator);
        if (moved || entry.flags != flagsBefore)
            changed.push_back(entry);
    }
    return changed;
}

Result<std::unique_ptr<GridLocator>> buildLocator(Workspace &workspace)
{
    auto grids = workspace.grids();
    if (!grids)
        return std::unexpected(grids.error());
    auto locator = std::make_unique<GridLocator>();
    if (auto built = locator->build(*grids); !built)
        return std::unexpected(built.error());
    return locator;
}

} // namespace

QList<CaseProfile> CaseProfile::known()
{
    return {
        CaseProfile {
            .key = QStringLiteral("nyc311"),
            .idField = QStringLiteral("Unique Key"),
            .createdField = QStringLiteral("Created Date"),
            .closedField = QStringLiteral("Closed Date"),
            .categoryField = QStringLiteral("Complaint Type"),
            .descriptorField = QStringLiteral("Descriptor"),
            .statusField = QStringLiteral("Status"),
            .agencyField = QStringLiteral("Agency"),
            .addressField = QStringLiteral("Incident Address"),
            .channelField = QStringLiteral("Open Data Channel Type"),
            .servicedField = QStringLiteral("Resolution Action Updated Date"),
            .resultField = QStringLiteral("Resolution Description"),
            .dueField = QStringLiteral("Due Date"),
        },
        // MyLA311's ActionTaken only ever says "SR Created": it names the creation, not what
        // the crew did, so it is no result.
        CaseProfile {
            .key = QStringLiteral("la311"),
            .idField = QStringLiteral("SRNumber"),
            .createdField = QStringLiteral("CreatedDate"),
            .closedField = QStringLiteral("ClosedDate"),
            .categoryField = QStringLiteral("RequestType"),
            .descriptorField = QStringLiteral("RequestSource"),
            .statusField = QStringLiteral("Status"),
            .agencyField = QStringLiteral("Owner"),
            .addressField = QStringLiteral("Address"),
            .channelField = QStringLiteral("RequestSource"),
            .crewField = QStringLiteral("AssignTo"),
            .servicedField = QStringLiteral("ServiceDate"),
        },
    };
}

std::optional<CaseProfile> CaseProfile::detect(const QStringList &fields)
{
    for (const CaseProfile &profile : known()) {
        const bool matches = fields.contains(profile.idField)
            && fields.contains(profile.createdField) && fields.contains(profile.categoryField);
        if (matches)
            return profile;
    }
    return std::nullopt;
}

Result<qint64> relocateCases(Workspace &workspace)
{
    QElapsedTimer timer;
    timer.start();
    auto cases = workspace.caseLocations();
    if (!cases)
        return std::unexpected(cases.error());
    // A grid import into a workspace without cases would otherwise build locators for nothing.
    if (cases->empty())
        return 0;
    auto grids = workspace.grids();
    if (!grids)
        return std::unexpected(grids.error());

    // One share of the cases per core, located in parallel; the writes stay on this thread,
    // which owns the connection.
    const std::size_t workers = std::clamp<std::size_t>(
        std::thread::hardware_concurrency(), 1, std::max<std::size_t>(1, cases->size() / 1000));
    const std::size_t shareSize = (cases->size() + workers - 1) / workers;
    std::vector<Result<std::vector<CaseLocation>>> results(workers);
    {
        std::vector<std::jthread> threads;
        for (std::size_t i = 0; i < workers; ++i) {
            const std::size_t begin = std::min(cases->size(), i * shareSize);
            const std::size_t end = std::min(cases->size(), begin + shareSize);
            const std::span<CaseLocation> share(cases->data() + begin, end - begin);
            threads.emplace_back(
                [&results, &grids, share, i] { results[i] = locateShare(*grids, share); });
        }
    }

    const qint64 located = timer.elapsed();
    std::vector<CaseLocation> changed;
    for (auto &result : results) {
        if (!result)
            return std::unexpected(result.error());
        changed.insert(changed.end(), std::make_move_iterator(result->begin()),
            std::make_move_iterator(result->end()));
    }
    if (auto written = workspace.setCaseGrids(changed); !written)
        return std::unexpected(written.error());
    qCInfo(lcIngest) << "relocated" << cases->size() << "cases with" << workers
                     << "workers:" << located << "ms to read and locate,"
                     << timer.elapsed() - located << "ms to write" << changed.size() << "changes";
    return qint64(changed.size());
}

namespace {

/// The profile named by key, or for "auto" the known one whose columns the file has.
Result<CaseProfile> chooseProfile(const QString &key, const VectorData &header)
{
    std::optional<CaseProfile> profile;
    if (key == QLatin1String("auto"))
        profile = CaseProfile::detect(header.fields);
    for (const CaseProfile &known : CaseProfile::known()) {
        if (known.key == key)
            profile = known;
    }
    const QString file = QFileInfo(header.path).fileName();
    if (!profile)
        return fail(ErrorCode::MissingField,
            Tr::tr("%1 does not look like a known hotline export (nyc311 or la311): its "
                   "columns are %2.")
                .arg(file, header.fields.mid(0, 12).join(QStringLiteral(", "))));
    for (const QString &field : {profile->idField, profile->createdField, profile->categoryField}) {
        if (!header.fields.contains(field))
            return fail(ErrorCode::MissingField,
                Tr::tr("%1 has no column \"%2\", which the %3 profile needs.")
                    .arg(file, field, profile->key));
    }
    return *profile;
}

/// The ids of a file met more than once: an id met again updates the first row, as a second
/// import would, so the rows are counted once and the repeat is reported.
struct RepeatedIds
{
    QSet<QString> seen;
    qint64 repeated = 0;
    QString first;

    void add(const QString &id)
    {
        if (!seen.contains(id)) {
            seen.insert(id);
            return;
        }
        ++repeated;
        if (first.isEmpty())
            first = id;
    }
};

/// Saves a batch of cases and, their ids known, writes their histories.
Result<void> saveBatch(Workspace &workspace, QList<CaseRecord> &batch,
    const QList<FeedCourse> &courses, HistoryImport &history)
{
    const auto lastId = history.lastCaseId();
    if (!lastId)
        return std::unexpected(lastId.error());
    if (auto saved = workspace.saveCases(batch); !saved)
        return saved;
    return history.addBatch(batch, courses, *lastId);
}

/// Reads, locates and saves every row and writes the histories. Rows go to the workspace in
/// batches, so a million-row export never sits in memory whole; the caller's transaction
/// keeps the import all or nothing.
/// The row of feature as the report event keeps it: see CaseImportOptions::keepRows.
QJsonObject keptRow(const VectorData &header, const VectorFeature &feature, const QString &file,
    const QString &receivedAt)
{
    QJsonObject fields;
    for (qsizetype i = 0; i < header.fields.size(); ++i) {
        const QVariant value = feature.values.value(i);
        if (!value.isNull())
            fields.insert(header.fields.at(i), QJsonValue::fromVariant(value));
    }
    QByteArray row = QJsonDocument(fields).toJson(QJsonDocument::Compact);
    QJsonObject kept {
        {QStringLiteral("client"), file},
        {QStringLiteral("received_at"), receivedAt},
        {QStringLiteral("content_type"),
            header.driver == QLatin1String("CSV") ? QStringLiteral("text/csv")
                                                  : QStringLiteral("application/json")},
        {QStringLiteral("row"), feature.number},
        {QStringLiteral("bytes"), qint64(row.size())},
    };
    if (row.size() > CaseImportOptions::MAX_KEPT_ROW_BYTES) {
        kept.insert(QStringLiteral("truncated"), true);
        row.truncate(CaseImportOptions::MAX_KEPT_ROW_BYTES);
        // Cut at a character's start, so the text stays UTF-8.
        while (!row.isEmpty() && (uchar(row.back()) & 0xC0) == 0x80)
            row.chop(1);
        if (!row.isEmpty() && uchar(row.back()) >= 0xC0)
            row.chop(1);
    }
    kept.insert(QStringLiteral("payload"), QString::fromUtf8(row));
    return kept;
}

Result<void> importRows(Workspace &workspace, VectorReader &reader, const CaseProfile &profile,
    ImportSummary &summary, HistoryImport &history, bool keepRows)
{
    const QString file = QFileInfo(reader.header().path).fileName();
    const QString receivedAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    const Columns columns(profile, reader.header().fields);
    auto locator = buildLocator(workspace);
    if (!locator)
        return std::unexpected(locator.error());

    QList<CaseRecord> batch;
    QList<FeedCourse> courses;
    batch.reserve(CASE_BATCH);
    courses.reserve(CASE_BATCH);
    RepeatedIds repeats;
    while (true) {
        auto feature = reader.next();
        if (!feature)
            return std::unexpected(feature.error());
        if (*feature) {
            CaseRecord record = toCase(**feature, profile.key, columns);
            locate(record, **locator);
            count(record, summary);
            repeats.add(record.externalId);
            batch << std::move(record);
            courses << toCourse(**feature, columns);
            if (keepRows)
                courses.last().intake = keptRow(reader.header(), **feature, file, receivedAt);
        }
        const bool flush = batch.size() >= CASE_BATCH || (!*feature && !batch.isEmpty());
        if (flush) {
            if (auto saved = saveBatch(workspace, batch, courses, history); !saved)
                return saved;
            summary.imported += batch.size();
            batch.clear();
            courses.clear();
        }
        if (!*feature)
            break;
    }
    if (repeats.repeated > 0) {
        summary.imported -= repeats.repeated;
        summary.notes << Tr::tr("%n row(s) repeat an id met earlier in the file (first: %1); "
                                "the later row was kept.",
            nullptr, int(repeats.repeated))
                             .arg(repeats.first);
    }
    return {};
}

} // namespace

Result<ImportSummary> importCasesInTransaction(
    Workspace &workspace, const QString &path, const QString &profileKey)
{
    CaseImportOptions options;
    options.profile = profileKey;
    return importCasesInTransaction(workspace, path, options);
}

Result<ImportSummary> importCasesInTransaction(
    Workspace &workspace, const QString &path, const CaseImportOptions &options)
{
    const QString &profileKey = options.profile;
    const QList<CaseProfile> known = CaseProfile::known();
    const bool knownKey = profileKey == QLatin1String("auto")
        || std::any_of(known.cbegin(), known.cend(),
            [&profileKey](const CaseProfile &profile) { return profile.key == profileKey; });
    if (!knownKey)
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("There is no case profile \"%1\"; use auto, nyc311 or la311.").arg(profileKey));

    VectorReadOptions readOptions;
    readOptions.requireGeometry = false;
    readOptions.rejectImplausible = false;
    auto reader = VectorReader::open(path, readOptions);
    if (!reader)
        return std::unexpected(reader.error());
    auto profile = chooseProfile(profileKey, (*reader)->header());
    if (!profile)
        return std::unexpected(profile.error());

    auto history = HistoryImport::open(workspace, profile->key);
    if (!history)
        return std::unexpected(history.error());

    ImportSummary summary;
    summary.encoding = (*reader)->header().encoding;
    summary.notes = (*reader)->header().notes;
    if (auto imported =
            importRows(workspace, **reader, *profile, summary, **history, options.keepRows);
        !imported)
        return std::unexpected(imported.error());
    if (auto finished = (*history)->finish(summary); !finished)
        return std::unexpected(finished.error());
    if ((*reader)->implausible() > 0)
        summary.notes << Tr::tr("%n row(s) had coordinates outside longitude/latitude and were "
                                "kept without a location.",
            nullptr, int((*reader)->implausible()));
    if (auto logged = workspace.logImport(QStringLiteral("cases"), path, summary.toJson()); !logged)
        return std::unexpected(logged.error());
    qCInfo(lcIngest) << "imported" << summary.imported << "cases from" << path << "profile"
                     << profile->key << "with" << summary.events << "events in" << summary.histories
                     << "histories";
    return summary;
}

Result<ImportSummary> importCases(Workspace &workspace, const QString &path, const QString &profile)
{
    return workspace.transaction<ImportSummary>(
        [&] { return importCasesInTransaction(workspace, path, profile); });
}

} // namespace GridDesk
