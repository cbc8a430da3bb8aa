// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "patrolbook.h"

#include "logging.h"
#include "trackreader.h"

#include "domain/casetime.h"
#include "gis/wkb.h"
#include "storage/geopackageblob.h"
#include "storage/workspace.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Patrol)
};

/// The report channel grid staff use on their rounds.
const QString GRID_STAFF_CHANNEL = QStringLiteral("grid_staff");

Error databaseError(const QSqlQuery &query, const QString &doing)
{
    return Error {
        ErrorCode::Database, Tr::tr("%1 failed: %2").arg(doing, query.lastError().text())};
}

Result<void> run(QSqlQuery &query, const QString &doing)
{
    if (!query.exec())
        return std::unexpected(databaseError(query, doing));
    return {};
}

QString timeText(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime timeFrom(const QString &text)
{
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        time = QDateTime::fromString(text, Qt::ISODate);
    return time.toUTC();
}

/// A case's report time on the UTC clock of the tracks. A time the source gave without an
/// offset is read as UTC: the feeds that write such times give no better guess.
QDateTime reportInstant(const QString &text)
{
    const std::optional<CaseTime> time = CaseTime::fromIso(text);
    if (!time)
        return {};
    if (!time->hasOffset())
        return QDateTime(time->wallTime().date(), time->wallTime().time(), Qt::UTC);
    return QDateTime::fromString(time->toIso(), Qt::ISODate).toUTC();
}

Result<QByteArray> fileHash(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(ErrorCode::UnreadableFile,
            Tr::tr("%1 cannot be read: %2").arg(path, file.errorString()));
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result().toHex();
}

PatrolTrack trackFrom(const QSqlQuery &query)
{
    PatrolTrack track;
    track.id = query.value(0).toLongLong();
    track.person = query.value(1).toString();
    track.sourceFile = query.value(2).toString();
    track.format = query.value(3).toString();
    track.startedAt = timeFrom(query.value(4).toString());
    track.endedAt = timeFrom(query.value(5).toString());
    track.pointCount = query.value(6).toInt();
    track.lengthMetres = query.value(7).toDouble();
    track.sightMetres = query.value(8).toDouble();
    return track;
}

PatrolPlan planFrom(const QSqlQuery &query)
{
    PatrolPlan plan;
    plan.id = query.value(0).toLongLong();
    plan.gridCode = query.value(1).toString();
    plan.tasks = query.value(2).toString();
    plan.times = query.value(3).toInt();
    plan.per = planPeriodFromKey(query.value(4).toString()).value_or(PlanPeriod::Week);
    plan.person = query.value(5).toString();
    plan.post = query.value(6).toString();
    plan.minimumShare = query.value(7).toDouble();
    return plan;
}

/// How many fixes are saved between two reports of progress.
constexpr qsizetype SAVE_PROGRESS_STEP = 2000;

Error cancelledImport(const QString &path)
{
    return Error {ErrorCode::Cancelled,
        Tr::tr("The import of %1 was cancelled; nothing was kept.")
            .arg(QFileInfo(path).fileName())};
}

/// Binds the columns of plan the insert and the update share, in the order grid_code, tasks,
/// times, per, person, post, min_share.
void bindPlan(QSqlQuery &query, const PatrolPlan &plan)
{
    query.addBindValue(plan.gridCode);
    query.addBindValue(plan.tasks.trimmed());
    query.addBindValue(plan.times);
    query.addBindValue(planPeriodKey(plan.per));
    // A null string would bind NULL; the columns hold '' for "not this one".
    query.addBindValue(plan.person.isEmpty() ? QStringLiteral("") : plan.person.trimmed());
    query.addBindValue(plan.post.isEmpty() ? QStringLiteral("") : plan.post.trimmed().toLower());
    query.addBindValue(plan.minimumShare);
}

/// A reported case that may have been found on a patrol.
struct Candidate
{
    qint64 caseId = 0;
    QString reporter;
    QString channel;
    QDateTime reportedAt;
    GeoPoint location;
};

/// Whether credit, found on a patrol by person, beats best: the patroller's own report first,
/// then the nearer path.
bool better(const PatrolCredit &credit, bool own, const PatrolCredit &best, bool bestOwn)
{
    if (own != bestOwn)
        return own;
    return credit.distanceMetres < best.distanceMetres;
}

/// The track a log's reading makes as person's patrol, before the workspace keeps it.
PatrolTrack trackOf(
    const TrackReading &reading, const QString &person, const QString &file, double sightMetres)
{
    PatrolTrack track;
    track.person = person;
    track.sourceFile = file;
    track.format = reading.format;
    track.sightMetres = sightMetres;
    track.points = reading.points;
    track.pointCount = int(track.points.size());
    track.lengthMetres = PatrolTrack::lengthOf(track.points);
    const auto [earliest, latest] = std::minmax_element(track.points.cbegin(), track.points.cend(),
        [](const auto &a, const auto &b) { return a.time < b.time; });
    track.startedAt = earliest->time;
    track.endedAt = latest->time;
    return track;
}

} // namespace

PatrolBook::PatrolBook(Workspace &workspace)
    : m_workspace(workspace)
    , m_writable(&workspace)
{ }

PatrolBook::PatrolBook(const Workspace &workspace)
    : m_workspace(workspace)
{ }

Result<Workspace *> PatrolBook::writable()
{
    if (!m_writable)
        return fail(ErrorCode::NotAllowed, Tr::tr("This view of the patrols only reads."));
    return m_writable;
}

Result<QString> PatrolBook::knownPerson(const QString &person) const
{
    const QString name = person.trimmed();
    if (name.isEmpty())
        return fail(ErrorCode::MissingField, Tr::tr("Say who patrolled (a user or a person)."));
    QSqlQuery query(m_workspace.database());
    query.prepare(QStringLiteral(
        "SELECT (SELECT count(*) FROM local_users WHERE name = ?) + (SELECT count(*) FROM people "
        "WHERE name = ? AND retired = 0)"));
    query.addBindValue(name);
    query.addBindValue(name);
    if (!query.exec() || !query.next())
        return std::unexpected(databaseError(query, Tr::tr("Looking up %1").arg(name)));
    if (query.value(0).toInt() == 0) {
        return fail(ErrorCode::NotFound,
            Tr::tr("\"%1\" is neither a user of this workspace nor a person of its org chart.")
                .arg(name));
    }
    return name;
}

Result<void> PatrolBook::checkNotImported(
    const QString &path, const QString &person, const QByteArray &sha256) const
{
    QSqlQuery existing(m_workspace.database());
    existing.prepare(
        QStringLiteral("SELECT fid FROM patrol_tracks WHERE sha256 = ? AND person = ?"));
    existing.addBindValue(QString::fromLatin1(sha256));
    existing.addBindValue(person);
    if (!existing.exec())
        return std::unexpected(databaseError(existing, Tr::tr("Looking for earlier imports")));
    if (existing.next()) {
        return fail(ErrorCode::Conflict,
            Tr::tr("%1 was already imported as %2's patrol track %3.")
                .arg(QFileInfo(path).fileName(), person)
                .arg(existing.value(0).toLongLong()));
    }
    return {};
}

Result<QList<GridCoverage>> PatrolBook::gridsSeen(
    const QString &path, const TrackShape &shape, const QList<TrackPoint> &points) const
{
    auto grids = m_workspace.grids();
    if (!grids)
        return std::unexpected(grids.error());
    auto covered = shape.coverage(*grids);
    if (!covered || !covered->isEmpty())
        return covered;
    const BoundingBox box = PatrolTrack::boxOf(points);
    return fail(ErrorCode::InvalidArgument,
        Tr::tr("%1 never comes within %2 m of a grid of this workspace: its fixes lie between "
               "longitude %3 and %4, latitude %5 and %6. Nothing was imported.")
            .arg(QFileInfo(path).fileName())
            .arg(shape.sightMetres())
            .arg(box.west, 0, 'f', 5)
            .arg(box.east, 0, 'f', 5)
            .arg(box.south, 0, 'f', 5)
            .arg(box.north, 0, 'f', 5));
}

Result<PatrolImport> PatrolBook::importTrack(
    const QString &path, const QString &person, double sightMetres, const ImportProgress &progress)
{
    auto workspace = writable();
    if (!workspace)
        return std::unexpected(workspace.error());
    auto name = knownPerson(person);
    if (!name)
        return std::unexpected(name.error());
    auto hash = fileHash(path);
    if (!hash)
        return std::unexpected(hash.error());
    if (auto fresh = checkNotImported(path, *name, *hash); !fresh)
        return std::unexpected(fresh.error());

    TrackReader::Progress reported;
    if (progress) {
        reported = [&progress](qint64 done, qint64 total) {
            return progress(ImportStage::Reading, done, total);
        };
    }
    auto reading = TrackReader::read(path, reported);
    if (!reading && reading.error().code == ErrorCode::Cancelled)
        return std::unexpected(cancelledImport(path));
    if (!reading)
        return std::unexpected(reading.error());

    if (progress && !progress(ImportStage::Analysing, 0, 0))
        return std::unexpected(cancelledImport(path));
    auto shape = TrackShape::of(reading->points, sightMetres);
    if (!shape)
        return std::unexpected(shape.error());
    auto covered = gridsSeen(path, *shape, reading->points);
    if (!covered)
        return std::unexpected(covered.error());

    PatrolImport import {trackOf(*reading, *name, QFileInfo(path).fileName(), sightMetres),
        *covered, reading->notes};
    auto saved = (*workspace)->transaction([&]() -> Result<void> {
        // Checked again inside the transaction: another import of the same log may have
        // been saved while this one was read.
        if (auto fresh = checkNotImported(path, *name, *hash); !fresh)
            return fresh;
        return saveTrack(import, *hash, *shape, progress);
    });
    if (!saved && saved.error().code == ErrorCode::Cancelled)
        return std::unexpected(cancelledImport(path));
    if (!saved)
        return std::unexpected(saved.error());
    qCInfo(lcPatrol) << "imported patrol track" << import.track.id << "of"
                     << import.track.pointCount << "fixes covering" << import.coverage.size()
                     << "grids";
    return import;
}

Result<void> PatrolBook::saveTrack(PatrolImport &import, const QByteArray &sha256,
    const TrackShape &shape, const ImportProgress &progress)
{
    PatrolTrack &track = import.track;
    QSqlQuery query(m_workspace.database());
    query.prepare(QStringLiteral(
        "INSERT INTO patrol_tracks (geom, person, source_file, sha256, format, started_at, "
        "ended_at, point_count, length_m, sight_m) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    query.addBindValue(GeoPackageBlob::encode(shape.pathWkb()));
    for (const QVariant &value : {QVariant(track.person), QVariant(track.sourceFile),
             QVariant(QString::fromLatin1(sha256)), QVariant(track.format),
             QVariant(timeText(track.startedAt)), QVariant(timeText(track.endedAt)),
             QVariant(track.pointCount), QVariant(track.lengthMetres), QVariant(track.sightMetres)})
        query.addBindValue(value);
    if (auto done = run(query, Tr::tr("Saving the patrol track")); !done)
        return done;
    track.id = query.lastInsertId().toLongLong();
    if (auto saved = savePoints(track, progress); !saved)
        return saved;

    query.prepare(QStringLiteral("INSERT INTO patrol_coverage (track_id, grid_code, grid_m2, "
                                 "covered_m2) VALUES (?, ?, ?, ?)"));
    for (const GridCoverage &grid : import.coverage) {
        query.addBindValue(track.id);
        query.addBindValue(grid.gridCode);
        query.addBindValue(grid.gridSquareMetres);
        query.addBindValue(grid.coveredSquareMetres);
        if (auto done = run(query, Tr::tr("Saving the coverage of grid %1").arg(grid.gridCode));
            !done)
            return done;
    }

    // Keep the layers' extents current so that GIS programs zoom to the tracks.
    for (const char *table : {"patrol_tracks", "patrol_points"}) {
        query.prepare(QStringLiteral(
            "UPDATE gpkg_contents SET min_x = (SELECT min(minx) FROM rtree_%1_geom), min_y = "
            "(SELECT min(miny) FROM rtree_%1_geom), max_x = (SELECT max(maxx) FROM "
            "rtree_%1_geom), max_y = (SELECT max(maxy) FROM rtree_%1_geom), last_change = "
            "strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE table_name = '%1'")
                          .arg(QLatin1String(table)));
        if (auto done = run(query, Tr::tr("Updating the extent of the patrol layers")); !done)
            return done;
    }
    return (*writable())
        ->logImport(QStringLiteral("patrol"), track.sourceFile,
            Tr::tr("%n fix(es) by %1, %2 grid(s) seen", nullptr, track.pointCount)
                .arg(track.person)
                .arg(import.coverage.size()));
}

Result<void> PatrolBook::savePoints(const PatrolTrack &track, const ImportProgress &progress)
{
    QSqlQuery query(m_workspace.database());
    query.prepare(QStringLiteral("INSERT INTO patrol_points (geom, track_id, sequence, segment, "
                                 "at) VALUES (?, ?, ?, ?, ?)"));
    const qsizetype total = track.points.size();
    for (qsizetype i = 0; i < total; ++i) {
        const bool report = progress && i % SAVE_PROGRESS_STEP == 0;
        if (report && !progress(ImportStage::Saving, i, total))
            return fail(ErrorCode::Cancelled, Tr::tr("Saving the patrol track was cancelled."));

        const TrackPoint &point = track.points.at(i);
        query.addBindValue(GeoPackageBlob::encode(Wkb::point(point.position)));
        query.addBindValue(track.id);
        query.addBindValue(qint64(i + 1));
        query.addBindValue(point.segment);
        query.addBindValue(timeText(point.time));
        if (auto done = run(query, Tr::tr("Saving fix %1 of the patrol track").arg(i + 1)); !done)
            return done;
    }
    if (progress && !progress(ImportStage::Saving, total, total))
        return fail(ErrorCode::Cancelled, Tr::tr("Saving the patrol track was cancelled."));
    return {};
}

Result<QList<PatrolTrack>> PatrolBook::tracks(const PatrolFilter &filter, bool withPoints) const
{
    QString sql = QStringLiteral(
        "SELECT fid, person, source_file, format, started_at, ended_at, point_count, length_m, "
        "sight_m FROM patrol_tracks WHERE 1");
    QVariantList values;
    if (filter.from) {
        sql += QStringLiteral(" AND substr(started_at, 1, 10) >= ?");
        values << filter.from->toString(Qt::ISODate);
    }
    if (filter.to) {
        sql += QStringLiteral(" AND substr(started_at, 1, 10) <= ?");
        values << filter.to->toString(Qt::ISODate);
    }
    if (!filter.gridCode.isEmpty()) {
        sql += QStringLiteral(" AND fid IN (SELECT track_id FROM patrol_coverage WHERE "
                              "grid_code = ?)");
        values << filter.gridCode;
    }
    sql += QStringLiteral(" ORDER BY started_at, fid");
    QSqlQuery query(m_workspace.database());
    query.prepare(sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec())
        return std::unexpected(databaseError(query, Tr::tr("Reading the patrol tracks")));
    QList<PatrolTrack> list;
    while (query.next())
        list << trackFrom(query);
    if (!withPoints)
        return list;
    for (PatrolTrack &track : list) {
        auto read = points(track.id);
        if (!read)
            return std::unexpected(read.error());
        track.points = std::move(*read);
    }
    return list;
}

Result<QList<TrackPoint>> PatrolBook::points(qint64 trackId) const
{
    QSqlQuery query(m_workspace.database());
    query.prepare(QStringLiteral(
        "SELECT geom, segment, at FROM patrol_points WHERE track_id = ? ORDER BY sequence"));
    query.addBindValue(trackId);
    if (!query.exec())
        return std::unexpected(
            databaseError(query, Tr::tr("Reading patrol track %1").arg(trackId)));
    QList<TrackPoint> list;
    while (query.next()) {
        const QByteArray blob = query.value(0).toByteArray();
        auto decoded = GeoPackageBlob::decode(blob);
        if (!decoded || decoded->empty) {
            return fail(ErrorCode::InvalidGeometry,
                Tr::tr("Fix %1 of patrol track %2 has no readable position.")
                    .arg(list.size() + 1)
                    .arg(trackId));
        }
        list << TrackPoint {{decoded->envelope.west, decoded->envelope.south},
            timeFrom(query.value(2).toString()), query.value(1).toInt()};
    }
    return list;
}

Result<QList<GridCoverage>> PatrolBook::coverage(qint64 trackId) const
{
    QSqlQuery query(m_workspace.database());
    query.prepare(QStringLiteral("SELECT grid_code, grid_m2, covered_m2 FROM patrol_coverage "
                                 "WHERE track_id = ? ORDER BY grid_code"));
    query.addBindValue(trackId);
    if (!query.exec()) {
        return std::unexpected(
            databaseError(query, Tr::tr("Reading the coverage of patrol track %1").arg(trackId)));
    }
    QList<GridCoverage> list;
    while (query.next()) {
        list << GridCoverage {
            query.value(0).toString(), query.value(1).toDouble(), query.value(2).toDouble()};
    }
    return list;
}

Result<QList<PatrolCredit>> PatrolBook::credits(const QList<PatrolTrack> &tracks) const
{
    // Each case goes to one track; the winner so far and whether it was the reporter's own.
    QHash<qint64, std::pair<PatrolCredit, bool>> best;
    QSqlQuery query(m_workspace.database());
    query.prepare(QStringLiteral(
        "SELECT e.case_id, e.actor, e.at, json_extract(e.data, '$.channel'), c.geom FROM "
        "case_events e JOIN cases c ON c.fid = e.case_id WHERE e.sequence = 1 AND c.fid IN "
        "(SELECT id FROM rtree_cases_geom WHERE maxx >= ? AND minx <= ? AND maxy >= ? AND miny "
        "<= ?)"));
    for (const PatrolTrack &track : tracks) {
        if (track.points.isEmpty())
            continue;
        auto shape = TrackShape::of(track.points, track.sightMetres);
        if (!shape)
            return std::unexpected(shape.error());
        const BoundingBox reach = shape->reach();
        for (double value : {reach.west, reach.east, reach.south, reach.north})
            query.addBindValue(value);
        if (!query.exec())
            return std::unexpected(databaseError(query, Tr::tr("Reading the reported cases")));
        while (query.next()) {
            const QDateTime at = reportInstant(query.value(2).toString());
            if (!at.isValid() || at < track.startedAt || at > track.endedAt)
                continue;
            const QString reporter = query.value(1).toString();
            const QString channel = query.value(3).toString();
            const bool own = reporter == track.person;
            if (!own && channel.trimmed().compare(GRID_STAFF_CHANNEL, Qt::CaseInsensitive) != 0)
                continue;
            auto decoded = GeoPackageBlob::decode(query.value(4).toByteArray());
            if (!decoded || decoded->empty)
                continue;
            const GeoPoint location {decoded->envelope.west, decoded->envelope.south};
            const double distance = shape->distanceMetres(location);
            if (distance > track.sightMetres)
                continue;
            const PatrolCredit credit {
                query.value(0).toLongLong(), track.id, reporter, channel, at, distance};
            auto found = best.find(credit.caseId);
            if (found == best.end() || better(credit, own, found->first, found->second))
                best.insert(credit.caseId, {credit, own});
        }
    }
    QList<PatrolCredit> list;
    for (const auto &[credit, own] : std::as_const(best))
        list << credit;
    std::sort(list.begin(), list.end(),
        [](const PatrolCredit &a, const PatrolCredit &b) { return a.caseId < b.caseId; });
    return list;
}

Result<void> PatrolBook::checkPlan(const PatrolPlan &plan) const
{
    if (auto valid = plan.validate(); !valid)
        return valid;

    auto grid = m_workspace.grid(plan.gridCode);
    if (!grid)
        return std::unexpected(grid.error());
    if (!*grid) {
        return fail(ErrorCode::NotFound,
            Tr::tr("There is no grid %1 in this workspace.").arg(plan.gridCode));
    }

    if (!plan.person.isEmpty()) {
        if (auto known = knownPerson(plan.person); !known)
            return std::unexpected(known.error());
    }
    return {};
}

Result<qint64> PatrolBook::addPlan(const PatrolPlan &plan)
{
    auto workspace = writable();
    if (!workspace)
        return std::unexpected(workspace.error());
    if (auto checked = checkPlan(plan); !checked)
        return std::unexpected(checked.error());
    return (*workspace)->transaction<qint64>([&]() -> Result<qint64> {
        QSqlQuery query(m_workspace.database());
        query.prepare(QStringLiteral("INSERT INTO patrol_plans (grid_code, tasks, times, per, "
                                     "person, post, min_share) VALUES (?, ?, ?, ?, ?, ?, ?)"));
        bindPlan(query, plan);
        if (auto done = run(query, Tr::tr("Saving the patrol plan")); !done)
            return std::unexpected(done.error());
        return query.lastInsertId().toLongLong();
    });
}

Result<void> PatrolBook::updatePlan(const PatrolPlan &plan)
{
    auto workspace = writable();
    if (!workspace)
        return std::unexpected(workspace.error());
    if (auto checked = checkPlan(plan); !checked)
        return checked;
    return (*workspace)->transaction([&]() -> Result<void> {
        QSqlQuery query(m_workspace.database());
        query.prepare(
            QStringLiteral("UPDATE patrol_plans SET grid_code = ?, tasks = ?, times = "
                           "?, per = ?, person = ?, post = ?, min_share = ? WHERE id = ?"));
        bindPlan(query, plan);
        query.addBindValue(plan.id);
        if (auto done = run(query, Tr::tr("Saving patrol plan %1").arg(plan.id)); !done)
            return done;
        if (query.numRowsAffected() == 0)
            return fail(ErrorCode::NotFound, Tr::tr("There is no patrol plan %1.").arg(plan.id));
        return {};
    });
}

Result<void> PatrolBook::removePlan(qint64 id)
{
    auto workspace = writable();
    if (!workspace)
        return std::unexpected(workspace.error());
    return (*workspace)->transaction([&]() -> Result<void> {
        QSqlQuery query(m_workspace.database());
        query.prepare(QStringLiteral("DELETE FROM patrol_plans WHERE id = ?"));
        query.addBindValue(id);
        if (auto done = run(query, Tr::tr("Removing patrol plan %1").arg(id)); !done)
            return done;
        if (query.numRowsAffected() == 0)
            return fail(ErrorCode::NotFound, Tr::tr("There is no patrol plan %1.").arg(id));
        return {};
    });
}

Result<QList<PatrolPlan>> PatrolBook::plans(const QString &gridCode) const
{
    QSqlQuery query(m_workspace.database());
    const QString where = gridCode.isEmpty() ? QString() : QStringLiteral(" WHERE grid_code = ?");
    query.prepare(QStringLiteral("SELECT id, grid_code, tasks, times, per, person, post, "
                                 "min_share FROM patrol_plans%1 ORDER BY id")
                      .arg(where));
    if (!gridCode.isEmpty())
        query.addBindValue(gridCode);
    if (!query.exec())
        return std::unexpected(databaseError(query, Tr::tr("Reading the patrol plans")));
    QList<PatrolPlan> list;
    while (query.next())
        list << planFrom(query);
    return list;
}

Result<QHash<QString, QString>> PatrolBook::postsByName() const
{
    QSqlQuery query(m_workspace.database());
    if (!query.exec(QStringLiteral("SELECT name, post FROM people WHERE retired = 0")))
        return std::unexpected(databaseError(query, Tr::tr("Reading the people's posts")));
    QHash<QString, QString> posts;
    while (query.next())
        posts.insert(query.value(0).toString(), query.value(1).toString().toLower());
    return posts;
}

Result<PatrolSummary> PatrolBook::summary(const PatrolFilter &filter, bool withPoints) const
{
    PatrolSummary summary;
    summary.filter = filter;
    auto tracks = this->tracks(filter, true);
    if (!tracks)
        return std::unexpected(tracks.error());
    for (const PatrolTrack &track : *tracks) {
        auto covered = coverage(track.id);
        if (!covered)
            return std::unexpected(covered.error());
        summary.coverage.insert(track.id, *covered);
    }
    auto credited = credits(*tracks);
    if (!credited)
        return std::unexpected(credited.error());
    summary.credits = *credited;

    summary.first =
        filter.from.value_or(tracks->isEmpty() ? QDate() : tracks->constFirst().startedAt.date());
    summary.last =
        filter.to.value_or(tracks->isEmpty() ? QDate() : tracks->constLast().startedAt.date());
    auto plans = this->plans(filter.gridCode);
    if (!plans)
        return std::unexpected(plans.error());
    auto judged = judge(*plans, *tracks, summary.coverage, summary.first, summary.last);
    if (!judged)
        return std::unexpected(judged.error());
    summary.plans = std::move(*judged);

    for (PatrolTrack &track : *tracks) {
        if (!withPoints)
            track.points.clear();
    }
    summary.tracks = std::move(*tracks);
    return summary;
}

Result<QList<PlanStatus>> PatrolBook::judgePlans(
    const QDate &first, const QDate &last, const QString &gridCode) const
{
    auto tracks = this->tracks({gridCode, first, last});
    if (!tracks)
        return std::unexpected(tracks.error());
    QHash<qint64, QList<GridCoverage>> seen;
    for (const PatrolTrack &track : *tracks) {
        auto covered = coverage(track.id);
        if (!covered)
            return std::unexpected(covered.error());
        seen.insert(track.id, *covered);
    }
    auto plans = this->plans(gridCode);
    if (!plans)
        return std::unexpected(plans.error());
    return judge(*plans, *tracks, seen, first, last);
}

Result<QList<PlanStatus>> PatrolBook::judge(const QList<PatrolPlan> &plans,
    const QList<PatrolTrack> &tracks, const QHash<qint64, QList<GridCoverage>> &coverage,
    const QDate &first, const QDate &last) const
{
    auto posts = postsByName();
    if (!posts)
        return std::unexpected(posts.error());
    QList<PlanStatus> statuses;
    for (const PatrolPlan &plan : plans) {
        PlanStatus status {plan, wholeSlots(plan.per, first, last)};
        for (const PatrolTrack &track : tracks) {
            const bool byWhom = plan.person.isEmpty() ? posts->value(track.person) == plan.post
                                                      : track.person == plan.person;
            const auto &seen = coverage.value(track.id);
            const bool sawEnough = std::any_of(seen.cbegin(), seen.cend(), [&](const auto &grid) {
                return grid.gridCode == plan.gridCode && grid.share() >= plan.minimumShare;
            });
            if (!byWhom || !sawEnough)
                continue;
            const QDate day = track.startedAt.date();
            for (PlanSlot &slot : status.slots)
                slot.done += day >= slot.first && day <= slot.last ? 1 : 0;
        }
        statuses << status;
    }
    return statuses;
}

Result<QSet<qint64>> PatrolBook::creditedCaseIds(
    const Workspace &workspace, std::optional<QDate> from, std::optional<QDate> to)
{
    // Report days are wall-clock days and start days UTC: a day either side covers both.
    PatrolFilter filter;
    if (from)
        filter.from = from->addDays(-1);
    if (to)
        filter.to = to->addDays(1);
    PatrolBook book(workspace);
    auto tracks = book.tracks(filter, true);
    if (!tracks)
        return std::unexpected(tracks.error());
    auto credited = book.credits(*tracks);
    if (!credited)
        return std::unexpected(credited.error());
    QSet<qint64> ids;
    for (const PatrolCredit &credit : *credited)
        ids.insert(credit.caseId);
    return ids;
}

} // namespace GridDesk
