// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "workspace.h"

#include "geopackageblob.h"
#include "logging.h"
#include "migrations.h"
#include "rtreebulkload.h"
#include "sqlfunctions.h"
#include "statement.h"

#include "gis/wkb.h"

#include <libpq-fe.h>
#include <sqlite3.h>

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSet>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QUrlQuery>
#include <QUuid>
#include <QVariant>

#include <limits>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Workspace)
};

Error databaseError(const QSqlError &error, const QString &doing)
{
    return Error {ErrorCode::Database, Tr::tr("%1 failed: %2").arg(doing, error.text().trimmed())};
}

/// Runs one statement; fails with what it was doing and SQLite's message.
Result<void> run(QSqlQuery &query, const QString &doing)
{
    if (!query.exec())
        return std::unexpected(databaseError(query.lastError(), doing));
    return {};
}

Result<void> runText(const QSqlDatabase &db, const QString &sql, const QString &doing)
{
    QSqlQuery query(db);
    if (!query.exec(sql))
        return std::unexpected(databaseError(query.lastError(), doing));
    return {};
}

/// Text for a NOT NULL column: Qt binds a null QString as SQL NULL.
QString notNull(const QString &text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

void bindOptional(Statement &statement, int index, const std::optional<qint64> &value)
{
    if (value)
        statement.bindInt(index, *value);
    else
        statement.bindNull(index);
}

CaseTime timeFromColumn(const Statement &statement, int column)
{
    if (statement.columnIsNull(column))
        return {};
    return CaseTime::fromIso(statement.columnText(column)).value_or(CaseTime());
}

/// Fills record from a row of the columns Workspace::forEachCase selects. Every field is
/// written, so one record can be reused for all rows.
void readCase(const Statement &statement, CaseRecord &record)
{
    record.id = statement.columnInt(0);
    record.source = statement.columnText(1);
    record.externalId = statement.columnText(2);
    record.category = statement.columnText(3);
    record.descriptor = statement.columnText(4);
    record.status = statement.columnText(5);
    record.agency = statement.columnText(6);
    record.address = statement.columnText(7);
    record.created = timeFromColumn(statement, 8);
    record.closed = timeFromColumn(statement, 9);
    record.gridCode = statement.columnText(10);
    const QString flags = statement.columnText(11);
    record.flags = flags.isEmpty() ? QStringList() : flags.split(u',');

    record.state = statement.columnText(13);
    record.version = int(statement.columnInt(14));
    record.leadUnit = statement.columnText(15);
    record.stageStarted = timeFromColumn(statement, 16);
    record.deadline = timeFromColumn(statement, 17);
    record.suspended = statement.columnInt(18) != 0;
    record.caseTypes = statement.columnText(19);
    const QString coUnits = statement.columnText(20);
    record.coUnits = coUnits.isEmpty() ? QStringList() : coUnits.split(u',');
    record.extensionPending = statement.columnInt(21) != 0;

    record.location.reset();
    const QByteArrayView blob = statement.columnBlob(12);
    if (blob.isEmpty())
        return;
    const auto decoded = GeoPackageBlob::decode(blob);
    if (decoded && !decoded->empty && !decoded->envelope.isEmpty())
        record.location = GeoPoint {decoded->envelope.west, decoded->envelope.south};
}

} // namespace

Workspace::Workspace(const QString &path, const QString &connectionName)
    : m_path(path)
    , m_connectionName(connectionName)
{ }

Workspace::~Workspace()
{
    m_saveCase.reset(); // finalised before its connection closes
    m_addCase.reset();
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

QSqlDatabase Workspace::database() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

bool Workspace::isPostgresAddress(const QString &text)
{
    return text.startsWith(QLatin1String("postgresql://"))
        || text.startsWith(QLatin1String("postgres://"));
}

Result<std::unique_ptr<Workspace>> Workspace::open(const QString &path)
{
    if (isPostgresAddress(path))
        return openPostgres(path);
    const QFileInfo file(path);
    if (file.exists() && !file.isFile())
        return fail(ErrorCode::InvalidArgument, Tr::tr("%1 is not a file.").arg(path));
    if (!file.absoluteDir().exists())
        return fail(ErrorCode::FileNotFound,
            Tr::tr("The folder %1 does not exist.").arg(file.absolutePath()));

    const QString connection =
        QStringLiteral("griddesk-workspace-") + QUuid::createUuid().toString(QUuid::Id128);
    std::unique_ptr<Workspace> workspace(new Workspace(file.absoluteFilePath(), connection));
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
    db.setDatabaseName(workspace->m_path);
    if (!db.open())
        return std::unexpected(
            databaseError(db.lastError(), Tr::tr("Opening the workspace %1").arg(path)));

    if (auto ready = workspace->initialise(); !ready)
        return std::unexpected(ready.error().at(file.fileName()));
    qCInfo(lcStorage) << "opened workspace" << workspace->m_path << "schema"
                      << workspace->schemaVersion();
    return workspace;
}

Result<std::unique_ptr<Workspace>> Workspace::openPostgres(const QString &address)
{
    const QUrl url(address, QUrl::StrictMode);
    const QString database = url.path().mid(1);
    if (!url.isValid() || url.host().isEmpty() || database.isEmpty() || database.contains(u'/'))
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("%1 is not a PostgreSQL address; write "
                   "postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE.")
                .arg(url.toString(QUrl::RemovePassword)));
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
        return fail(ErrorCode::Database,
            Tr::tr("this GridDesk cannot reach PostgreSQL: Qt's PostgreSQL driver is not "
                   "installed (Debian package libqt6sql6-psql)."));

    const QString shown = url.toString(QUrl::RemovePassword);
    const QString connection =
        QStringLiteral("griddesk-store-") + QUuid::createUuid().toString(QUuid::Id128);
    std::unique_ptr<Workspace> workspace(new Workspace(shown, connection));
    workspace->m_postgres = true;
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
    db.setHostName(url.host());
    db.setPort(url.port(5432));
    db.setDatabaseName(database);
    if (!url.userName().isEmpty())
        db.setUserName(url.userName());
    if (!url.password().isEmpty())
        db.setPassword(url.password());
    // The rest of the address (sslmode, sslrootcert, connect_timeout …) goes to libpq as it is.
    QStringList options {QStringLiteral("connect_timeout=10")};
    const auto items = QUrlQuery(url).queryItems(QUrl::FullyDecoded);
    for (const auto &[key, value] : items)
        options << key + u'=' + value;
    db.setConnectOptions(options.join(u';'));
    if (!db.open())
        return std::unexpected(
            databaseError(db.lastError(), Tr::tr("Connecting to the store %1").arg(shown)));
    if (auto ready = workspace->initialisePostgres(); !ready)
        return std::unexpected(ready.error().at(shown));
    qCInfo(lcStorage) << "opened store" << shown << "schema" << workspace->schemaVersion();
    return workspace;
}

Result<void> Workspace::initialisePostgres()
{
    // The stored texts (times, codes) are compared as they are written, in UTC; the server's
    // notices (an extension already there) are not the user's business.
    for (const QString &setting : {QStringLiteral("SET TIME ZONE 'UTC'"),
             QStringLiteral("SET client_min_messages = warning")}) {
        if (auto done = runText(database(), setting, setting); !done)
            return done;
    }
    return migrate();
}

Result<void> Workspace::initialise()
{
    QSqlDatabase db = database();
    QSqlQuery probe(db);
    const bool readable = probe.exec(QStringLiteral("SELECT count(*) FROM sqlite_master"));
    if (!readable && probe.lastError().text().contains(QLatin1String("readonly")))
        return fail(ErrorCode::UnreadableFile,
            Tr::tr("the workspace or its folder is read-only; GridDesk needs to write the file "
                   "and its journal next to it."));
    if (!readable)
        return fail(ErrorCode::UnreadableFile,
            Tr::tr("this is not a GridDesk workspace: the file is not an SQLite or "
                   "GeoPackage database (%1).")
                .arg(probe.lastError().text().trimmed()));
    probe.finish();

    for (const QString &pragma :
        {QStringLiteral("PRAGMA journal_mode = WAL"), QStringLiteral("PRAGMA synchronous = NORMAL"),
            QStringLiteral("PRAGMA foreign_keys = ON"),
            // Every row an import upserts opens a statement journal (the row's triggers may
            // fail it); in a temporary file that costs a dozen system calls per row.
            QStringLiteral("PRAGMA temp_store = MEMORY"),
            QStringLiteral("PRAGMA busy_timeout = 5000")}) {
        if (auto done = runText(db, pragma, pragma); !done)
            return done;
    }
    if (auto registered = SqlFunctions::registerGeoPackageFunctions(db); !registered)
        return registered;
    return migrate();
}

int Workspace::schemaVersion() const
{
    QSqlQuery query(database());
    if (!query.exec(QStringLiteral("SELECT max(version) FROM griddesk_schema")) || !query.next())
        return 0;
    return query.value(0).toInt();
}

Result<void> Workspace::migrate()
{
    QSqlDatabase db = database();
    QSqlQuery tables(db);
    tables.exec(m_postgres
            ? QStringLiteral("SELECT table_name FROM information_schema.tables WHERE "
                             "table_schema = current_schema() AND table_name NOT IN "
                             "('spatial_ref_sys', 'geography_columns', 'geometry_columns')")
            : QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table'"));
    QStringList existing;
    while (tables.next())
        existing << tables.value(0).toString();
    if (m_postgres)
        return migratePostgres(existing);

    const bool foreignGeoPackage = existing.contains(QLatin1String("gpkg_contents"))
        && !existing.contains(QLatin1String("griddesk_schema"));
    if (foreignGeoPackage)
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("this GeoPackage was not made by GridDesk; import its layers into a "
                   "workspace with import-grids instead of opening it."));
    const bool foreignDatabase =
        !existing.isEmpty() && !existing.contains(QLatin1String("griddesk_schema"));
    if (foreignDatabase)
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("this SQLite database is not a GridDesk workspace."));

    auto current = currentSchema(
        QStringLiteral("CREATE TABLE IF NOT EXISTS griddesk_schema (version INTEGER PRIMARY KEY, "
                       "summary TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT "
                       "(strftime('%Y-%m-%dT%H:%M:%SZ','now')))"));
    if (!current)
        return std::unexpected(current.error());
    for (const Migrations::Migration &migration : Migrations::all()) {
        if (migration.version <= *current)
            continue;
        auto applied = applyStep(migration.version, migration.summary, [&]() -> Result<void> {
            for (const QString &statement : migration.statements) {
                if (auto done =
                        runText(db, statement, Tr::tr("Migration %1").arg(migration.version));
                    !done)
                    return done;
            }
            return {};
        });
        if (!applied)
            return applied;
    }
    return {};
}

Result<int> Workspace::currentSchema(const QString &createTable)
{
    if (auto created = runText(database(), createTable, Tr::tr("Creating the schema table"));
        !created)
        return std::unexpected(created.error());
    const int current = schemaVersion();
    if (current <= SCHEMA_VERSION)
        return current;
    return fail(ErrorCode::SchemaTooNew,
        (m_postgres ? Tr::tr("the store has schema version %1, newer than this GridDesk (%2) "
                             "understands; use a newer GridDesk.")
                    : Tr::tr("the workspace has schema version %1, newer than this GridDesk (%2) "
                             "understands; use a newer GridDesk."))
            .arg(current)
            .arg(SCHEMA_VERSION));
}

Result<void> Workspace::applyStep(
    int version, const char *summary, const std::function<Result<void>()> &statements)
{
    auto applied = transaction([&]() -> Result<void> {
        if (auto done = statements(); !done)
            return done;
        QSqlQuery record(database());
        record.prepare(
            QStringLiteral("INSERT INTO griddesk_schema (version, summary) VALUES (?, ?)"));
        record.addBindValue(version);
        record.addBindValue(QString::fromUtf8(summary));
        return run(record, Tr::tr("Recording migration %1").arg(version));
    });
    if (applied)
        qCInfo(lcStorage) << "migrated" << m_path << "to schema" << version;
    return applied;
}

Result<void> Workspace::migratePostgres(const QStringList &existing)
{
    if (!existing.isEmpty() && !existing.contains(QLatin1String("griddesk_schema")))
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("this PostgreSQL database holds tables that are not GridDesk's; give the "
                   "server a database of its own."));
    auto current = currentSchema(
        QStringLiteral("CREATE TABLE IF NOT EXISTS griddesk_schema (version BIGINT PRIMARY KEY, "
                       "summary TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT "
                       "(to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')))"));
    if (!current)
        return std::unexpected(current.error());
    for (const Migrations::PostgresStep &step : Migrations::postgres()) {
        if (step.version <= *current)
            continue;
        auto applied = applyStep(step.version, step.summary, [&]() -> Result<void> {
            // One text of many statements, run as it is (function bodies hold semicolons).
            const QByteArray sql = step.sql();
            PGresult *result = PQexec(postgresConnection(), sql.constData());
            const bool done = PQresultStatus(result) == PGRES_COMMAND_OK
                || PQresultStatus(result) == PGRES_TUPLES_OK;
            const QString message = QString::fromUtf8(PQresultErrorMessage(result)).trimmed();
            PQclear(result);
            if (done)
                return {};
            const QString hint = message.contains(QLatin1String("postgis"))
                ? Tr::tr(" The store needs PostGIS: a database administrator runs CREATE "
                         "EXTENSION postgis in it once.")
                : QString();
            return fail(ErrorCode::Database,
                Tr::tr("Migration %1 failed: %2").arg(step.version).arg(message) + hint);
        });
        if (!applied)
            return applied;
    }
    return {};
}

Result<void> Workspace::transaction(const std::function<Result<void>()> &work)
{
    QSqlDatabase db = database();
    if (m_transactionDepth > 0) {
        const QString savepoint = QStringLiteral("griddesk_%1").arg(m_transactionDepth);
        if (auto begun = runText(db, QStringLiteral("SAVEPOINT %1").arg(savepoint),
                Tr::tr("Starting a transaction"));
            !begun)
            return std::unexpected(begun.error());
        ++m_transactionDepth;
        Result<void> result = work();
        --m_transactionDepth;
        if (!result)
            runText(db, QStringLiteral("ROLLBACK TO %1").arg(savepoint),
                Tr::tr("Starting a transaction"));
        runText(db, QStringLiteral("RELEASE %1").arg(savepoint), Tr::tr("Committing"));
        return result;
    }

    // IMMEDIATE takes the write lock at the start, so a second writer waits (busy_timeout)
    // instead of failing half-way through its work. PostgreSQL: every server process on the
    // store takes one advisory lock for the transaction, so commands are applied one after
    // another across processes as they are within one, each seeing what the last committed.
    if (auto begun =
            runText(db, m_postgres ? QStringLiteral("BEGIN") : QStringLiteral("BEGIN IMMEDIATE"),
                Tr::tr("Starting a transaction"));
        !begun)
        return std::unexpected(lockAware(begun.error()));
    if (m_postgres) {
        if (auto locked =
                runText(db, QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(WRITE_LOCK_KEY),
                    Tr::tr("Starting a transaction"));
            !locked) {
            runText(db, QStringLiteral("ROLLBACK"), Tr::tr("Starting a transaction"));
            return std::unexpected(locked.error());
        }
    }
    ++m_transactionDepth;
    Result<void> result = work();
    --m_transactionDepth;
    if (!result) {
        runText(db, QStringLiteral("ROLLBACK"), Tr::tr("Starting a transaction"));
        qCWarning(lcStorage) << "rolled back a transaction on" << m_path << ":"
                             << result.error().message;
        return std::unexpected(lockAware(result.error()));
    }
    if (auto committed = runText(db, QStringLiteral("COMMIT"), Tr::tr("Committing")); !committed) {
        runText(db, QStringLiteral("ROLLBACK"), Tr::tr("Committing"));
        return std::unexpected(lockAware(committed.error()));
    }
    return {};
}

Error Workspace::lockAware(const Error &error) const
{
    const bool locked = error.code == ErrorCode::Database
        && error.message.contains(QLatin1String("database is locked"));
    if (!locked)
        return error;
    return Error {ErrorCode::Database,
        Tr::tr("%1 is being written by another program; nothing was changed. Try again when it "
               "has finished.")
            .arg(QFileInfo(m_path).fileName())};
}

Result<QList<Grid>> Workspace::grids(std::optional<GridLevel> level, bool withGeometry) const
{
    if (!level)
        return readGrids(QString(), QString(), withGeometry);
    return readGrids(QStringLiteral("level"), gridLevelKey(*level), withGeometry);
}

Result<std::optional<Grid>> Workspace::grid(const QString &code) const
{
    auto found = readGrids(QStringLiteral("code"), code, true);
    if (!found)
        return std::unexpected(found.error());
    if (found->isEmpty())
        return std::optional<Grid>();
    return std::optional<Grid>(found->takeFirst());
}

Result<QList<Grid>> Workspace::readGrids(
    const QString &column, const QString &value, bool withGeometry) const
{
    QSqlQuery query(database());
    query.setForwardOnly(true);
    QString sql = QStringLiteral("SELECT fid, code, name, level, parent_code, area_m2, geom, "
                                 "supervisor, households, population FROM grids");
    if (!column.isEmpty())
        sql += QStringLiteral(" WHERE %1 = ?").arg(column);
    sql += QStringLiteral(" ORDER BY CASE level WHEN 'district' THEN 0 WHEN 'street' THEN 1 WHEN "
                          "'community' THEN 2 WHEN 'base' THEN 3 WHEN 'fine' THEN 4 ELSE 5 END, "
                          "code");
    query.prepare(sql);
    if (!column.isEmpty())
        query.addBindValue(value);
    if (auto done = run(query, Tr::tr("Reading grids")); !done)
        return std::unexpected(done.error());

    QList<Grid> result;
    while (query.next()) {
        Grid grid;
        grid.id = query.value(0).toLongLong();
        grid.code = query.value(1).toString();
        grid.name = query.value(2).toString();
        grid.level = gridLevelFromKey(query.value(3).toString()).value_or(GridLevel::Base);
        grid.parentCode = query.value(4).toString();
        grid.areaM2 = query.value(5).toDouble();
        grid.supervisor = query.value(7).toString();
        if (!query.isNull(8))
            grid.households = query.value(8).toLongLong();
        if (!query.isNull(9))
            grid.population = query.value(9).toLongLong();
        const QByteArray blob = query.value(6).toByteArray();
        if (!blob.isEmpty()) {
            auto decoded = GeoPackageBlob::decode(blob);
            if (!decoded)
                return std::unexpected(decoded.error().at(Tr::tr("grid %1").arg(grid.code)));
            grid.bbox = decoded->envelope;
            if (withGeometry)
                grid.wkb = decoded->wkb.toByteArray();
        }
        result << std::move(grid);
    }
    return result;
}

Result<qint64> Workspace::gridCount() const
{
    QSqlQuery query(database());
    if (!query.exec(QStringLiteral("SELECT count(*) FROM grids")) || !query.next())
        return std::unexpected(databaseError(query.lastError(), Tr::tr("Counting grids")));
    return query.value(0).toLongLong();
}

Result<void> Workspace::saveGrids(const QList<Grid> &grids)
{
    if (grids.isEmpty())
        return {};
    // The R-tree is filled from here, in Hilbert order, rather than by its insert trigger row
    // by row in file order: neighbours go into the same leaf while it is still in the index's
    // cache. The trigger is dropped for the batch and put back from its own stored definition,
    // inside the caller's transaction, so a failure restores both.
    if (m_postgres) {
        // No R-tree to keep: the GiST index on the PostGIS shape follows every row.
        auto inserted = insertGrids(grids, std::numeric_limits<qint64>::max());
        if (!inserted)
            return std::unexpected(inserted.error());
        return {};
    }
    QSqlDatabase db = database();
    const QString doing = Tr::tr("Saving grid %1").arg(grids.first().code);
    QSqlQuery lookup(db);
    if (!lookup.exec(QStringLiteral("SELECT (SELECT coalesce(max(fid), 0) FROM grids), (SELECT "
                                    "sql FROM sqlite_master WHERE type = 'trigger' AND name = "
                                    "'rtree_grids_geom_insert')"))
        || !lookup.next())
        return std::unexpected(databaseError(lookup.lastError(), doing));
    const qint64 lastFid = lookup.value(0).toLongLong();
    const QString triggerSql = lookup.value(1).toString();
    lookup.finish();
    if (!triggerSql.isEmpty()) {
        if (auto dropped =
                runText(db, QStringLiteral("DROP TRIGGER rtree_grids_geom_insert"), doing);
            !dropped)
            return dropped;
    }

    auto insertAndIndex = [&]() -> Result<void> {
        auto inserted = insertGrids(grids, lastFid);
        if (!inserted)
            return std::unexpected(inserted.error());
        return indexGrids(*inserted);
    };
    const bool large = std::size_t(grids.size()) > LARGE_UPDATE;
    auto written = large
        ? bulkWrite({QStringLiteral("grids_level"), QStringLiteral("grids_parent")}, insertAndIndex)
        : insertAndIndex();
    if (!written)
        return written;

    if (!triggerSql.isEmpty()) {
        if (auto restored = runText(db, triggerSql, doing); !restored)
            return restored;
    }
    return updateContentsExtent(QStringLiteral("grids"));
}

Result<std::vector<Workspace::NewGrid>> Workspace::insertGrids(
    const QList<Grid> &grids, qint64 lastFid)
{
    // A grid already there (same code) is updated in place and its update triggers keep the
    // R-tree right; new rows come back for indexGrids(). New rows, the common case, go
    // through a plain insert, cheaper than the upsert.
    auto insert = Statement::prepare(*this,
        "INSERT INTO grids (geom, code, name, level, parent_code, area_m2, supervisor, "
        "households, population) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    auto upsert = Statement::prepare(*this,
        QStringLiteral(
            "INSERT INTO grids (geom, code, name, level, parent_code, area_m2, supervisor, "
            "households, population) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT(code) "
            "DO UPDATE SET geom = excluded.geom, name = excluded.name, level = excluded.level, "
            "parent_code = excluded.parent_code, area_m2 = excluded.area_m2, supervisor = "
            "excluded.supervisor, households = excluded.households, population = "
            "excluded.population, imported_at = %1")
            .arg(nowSql())
            .toUtf8()
            .constData());
    auto codes = Statement::prepare(*this, "SELECT code FROM grids");
    if (!insert || !upsert || !codes)
        return std::unexpected((!insert ? insert : !upsert ? upsert : codes).error());
    QSet<QString> saved;
    while (true) {
        auto row = codes->step();
        if (!row)
            return std::unexpected(row.error());
        if (!*row)
            break;
        saved.insert(codes->columnText(0));
    }

    std::vector<NewGrid> added;
    added.reserve(std::size_t(grids.size()));
    for (const Grid &grid : grids) {
        const BoundingBox box =
            grid.bbox.isEmpty() ? Wkb::envelope(grid.wkb).value_or(BoundingBox()) : grid.bbox;
        const QByteArray blob =
            grid.wkb.isEmpty() ? QByteArray() : GeoPackageBlob::encode(grid.wkb, box);
        const bool isNew = !saved.contains(grid.code);
        Statement &statement = isNew ? *insert : *upsert;
        statement.bindBlobInPlace(1, blob);
        statement.bindText(2, grid.code);
        statement.bindText(3, notNull(grid.name));
        statement.bindText(4, gridLevelKey(grid.level));
        statement.bindText(5, grid.parentCode.isEmpty() ? QString() : grid.parentCode);
        statement.bindDouble(6, grid.areaM2);
        statement.bindText(7, notNull(grid.supervisor));
        bindOptional(statement, 8, grid.households);
        bindOptional(statement, 9, grid.population);
        auto done = statement.step();
        statement.reset();
        if (!done)
            return std::unexpected(done.error().at(Tr::tr("Saving grid %1").arg(grid.code)));
        const qint64 fid = isNew ? statement.lastInsertId() : 0;
        if (fid > lastFid && !box.isEmpty())
            added.push_back(NewGrid {fid, box});
    }
    return added;
}

Result<void> Workspace::deleteGrids(const QStringList &codes)
{
    auto remove = Statement::prepare(*this, "DELETE FROM grids WHERE code = ?1");
    if (!remove)
        return std::unexpected(remove.error());
    for (const QString &code : codes) {
        remove->bindText(1, code);
        auto done = remove->step(Tr::tr("Deleting grid %1").arg(code));
        remove->reset();
        if (!done)
            return std::unexpected(done.error());
    }
    return updateContentsExtent(QStringLiteral("grids"));
}

Result<void> Workspace::indexGrids(const std::vector<NewGrid> &added)
{
    const QString doing = Tr::tr("Saving grid %1").arg(added.empty() ? 0 : added.front().fid);
    auto existing =
        Statement::prepare(*this, "SELECT id, minx, maxx, miny, maxy FROM rtree_grids_geom");
    if (!existing)
        return std::unexpected(existing.error());
    std::vector<RtreeEntry> entries;
    while (true) {
        auto row = existing->step(doing);
        if (!row)
            return std::unexpected(row.error());
        if (!*row)
            break;
        entries.push_back(RtreeEntry {existing->columnInt(0),
            BoundingBox {existing->columnDouble(1), existing->columnDouble(3),
                existing->columnDouble(2), existing->columnDouble(4)}});
    }

    // Many new grids: build the whole tree again in one pass. A few: insert them one by one.
    const bool rebuild = added.size() >= BULK_INDEX_MIN && added.size() >= entries.size();
    if (rebuild) {
        for (const NewGrid &grid : added)
            entries.push_back(RtreeEntry {grid.fid, grid.bbox});
        return bulkLoadRtree(connection(), QStringLiteral("rtree_grids_geom"), std::move(entries));
    }
    auto statement =
        Statement::prepare(*this, "INSERT INTO rtree_grids_geom VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!statement)
        return std::unexpected(statement.error());
    for (const NewGrid &grid : added) {
        statement->bindInt(1, grid.fid);
        statement->bindDouble(2, grid.bbox.west);
        statement->bindDouble(3, grid.bbox.east);
        statement->bindDouble(4, grid.bbox.south);
        statement->bindDouble(5, grid.bbox.north);
        auto done = statement->step(doing);
        statement->reset();
        if (!done)
            return std::unexpected(done.error());
    }
    return {};
}

Result<void> Workspace::updateContentsExtent(const QString &table)
{
    if (m_postgres)
        return {};
    QSqlQuery query(database());
    query.prepare(QStringLiteral(
        "UPDATE gpkg_contents SET min_x = (SELECT min(minx) FROM rtree_%1_geom), min_y = (SELECT "
        "min(miny) FROM rtree_%1_geom), max_x = (SELECT max(maxx) FROM rtree_%1_geom), max_y = "
        "(SELECT max(maxy) FROM rtree_%1_geom), last_change = "
        "strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE table_name = '%1'")
                      .arg(table));
    return run(query, Tr::tr("Updating the extent of %1").arg(table));
}

Result<QList<CaseRecord>> Workspace::cases(const CaseQuery &query) const
{
    QList<CaseRecord> result;
    auto read = forEachCase(query, [&](const CaseRecord &record) { result << record; });
    if (!read)
        return std::unexpected(read.error());
    return result;
}

Result<void> Workspace::forEachCase(
    const CaseQuery &caseQuery, const std::function<void(const CaseRecord &)> &visit) const
{
    QString sql = QStringLiteral("SELECT fid, source, external_id, category, descriptor, status, "
                                 "agency, address, created, closed, grid_code, flags, geom, state, "
                                 "version, lead_unit, stage_started, deadline, suspended, "
                                 "case_types, co_units, extension_pending FROM cases");
    if (!caseQuery.caseIds.isEmpty()) {
        QStringList ids;
        ids.reserve(caseQuery.caseIds.size());
        for (const qint64 id : caseQuery.caseIds)
            ids << QString::number(id);
        sql += QStringLiteral(" WHERE fid IN (%1)").arg(ids.join(u','));
    } else if (caseQuery.caseId) {
        sql += QStringLiteral(" WHERE fid = %1").arg(*caseQuery.caseId);
    } else if (caseQuery.gridCode && caseQuery.includeDescendants) {
        sql =
            QStringLiteral(
                "WITH RECURSIVE within(code) AS (SELECT CAST(?1 AS TEXT) UNION SELECT g.code FROM "
                "grids g JOIN within w ON g.parent_code = w.code) ")
            + sql + QStringLiteral(" WHERE grid_code IN (SELECT code FROM within)");
    } else if (caseQuery.gridCode) {
        sql += QStringLiteral(" WHERE grid_code = ?1");
    }
    sql += QStringLiteral(" ORDER BY fid");
    if (caseQuery.limit >= 0)
        sql += QStringLiteral(" LIMIT %1").arg(caseQuery.limit);

    auto statement = Statement::prepare(*this, sql.toUtf8().constData());
    if (!statement)
        return std::unexpected(statement.error());
    if (caseQuery.gridCode && !caseQuery.caseId && caseQuery.caseIds.isEmpty())
        statement->bindText(1, *caseQuery.gridCode);

    const QString doing = Tr::tr("Reading cases");
    CaseRecord record;
    while (true) {
        auto row = statement->step(doing);
        if (!row)
            return std::unexpected(row.error());
        if (!*row)
            return {};
        readCase(*statement, record);
        visit(record);
    }
}

Result<qint64> Workspace::caseCount() const
{
    QSqlQuery query(database());
    if (!query.exec(QStringLiteral("SELECT count(*) FROM cases")) || !query.next())
        return std::unexpected(databaseError(query.lastError(), Tr::tr("Counting cases")));
    return query.value(0).toLongLong();
}

Result<void> Workspace::saveCases(QList<CaseRecord> &cases)
{
    if (!m_saveCase) {
        auto prepared = Statement::prepare(*this,
            "INSERT INTO cases (geom, source, external_id, category, descriptor, status, agency, "
            "address, created, closed, grid_code, flags) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
            "?9, "
            "?10, ?11, ?12) ON CONFLICT(source, external_id) DO UPDATE SET geom = excluded.geom, "
            "category = excluded.category, descriptor = excluded.descriptor, status = "
            "excluded.status, agency = excluded.agency, address = excluded.address, created = "
            "excluded.created, closed = excluded.closed, grid_code = excluded.grid_code, flags = "
            "excluded.flags RETURNING fid");
        if (!prepared)
            return std::unexpected(prepared.error());
        m_saveCase = std::make_unique<Statement>(std::move(*prepared));
    }
    Statement *statement = m_saveCase.get();
    statement->reset();
    for (CaseRecord &record : cases) {
        const QByteArray point =
            record.location ? GeoPackageBlob::encode(Wkb::point(*record.location)) : QByteArray();
        statement->bindBlobInPlace(1, point);
        statement->bindText(2, notNull(record.source));
        statement->bindText(3, notNull(record.externalId));
        statement->bindText(4, notNull(record.category));
        statement->bindText(5, notNull(record.descriptor));
        statement->bindText(6, notNull(record.status));
        statement->bindText(7, notNull(record.agency));
        statement->bindText(8, notNull(record.address));
        statement->bindText(9, record.created.toIso());
        statement->bindText(10, record.closed.toIso());
        statement->bindText(11, record.gridCode.isEmpty() ? QString() : record.gridCode);
        statement->bindText(12, notNull(record.flags.join(u',')));
        auto row = statement->step();
        if (!row)
            return std::unexpected(row.error().at(Tr::tr("Saving case %1").arg(record.externalId)));
        if (*row)
            record.id = statement->columnInt(0);
        statement->reset();
    }
    return growCaseExtent(cases);
}

Result<void> Workspace::addCases(QList<CaseRecord> &cases, const QList<CaseStateColumns> &states)
{
    Q_ASSERT(cases.size() == states.size());
    if (!m_addCase) {
        auto prepared = Statement::prepare(*this,
            "INSERT INTO cases (geom, source, external_id, category, descriptor, status, agency, "
            "address, created, closed, grid_code, flags, state, version, lead_unit, "
            "stage_started, deadline, suspended, case_types, dispatch_rule, co_units, "
            "extension_pending) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
            "?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22) RETURNING fid");
        if (!prepared)
            return std::unexpected(prepared.error());
        m_addCase = std::make_unique<Statement>(std::move(*prepared));
    }
    Statement &insert = *m_addCase;
    for (qsizetype index = 0; index < cases.size(); ++index) {
        CaseRecord &record = cases[index];
        const CaseStateColumns &state = states.at(index);
        const QByteArray point =
            record.location ? GeoPackageBlob::encode(Wkb::point(*record.location)) : QByteArray();
        insert.reset();
        insert.bindBlobInPlace(1, point);
        const QString texts[] = {notNull(record.source), notNull(record.externalId),
            notNull(record.category), notNull(record.descriptor), notNull(record.status),
            notNull(record.agency), notNull(record.address), record.created.toIso(),
            record.closed.toIso(), record.gridCode.isEmpty() ? QString() : record.gridCode,
            notNull(record.flags.join(u',')), notNull(state.state)};
        for (int text = 0; text < int(std::size(texts)); ++text)
            insert.bindText(2 + text, texts[text]);
        insert.bindInt(14, state.version);
        insert.bindText(15, notNull(state.leadUnit));
        insert.bindText(16, state.stageStarted);
        insert.bindText(17, state.deadline);
        insert.bindInt(18, state.suspended ? 1 : 0);
        insert.bindText(19, notNull(state.caseTypes));
        insert.bindText(20, notNull(state.dispatchRule));
        insert.bindText(21, notNull(state.coUnits));
        insert.bindInt(22, state.extensionPending ? 1 : 0);
        auto row = insert.step();
        if (!row)
            return std::unexpected(row.error().at(Tr::tr("Saving case %1").arg(record.externalId)));
        if (*row)
            record.id = insert.columnInt(0);
    }
    insert.reset();
    return growCaseExtent(cases);
}

Result<void> Workspace::growCaseExtent(const QList<CaseRecord> &cases)
{
    if (m_postgres)
        return {};
    // The extent grows by the cases just saved: reading the whole R-tree again for each report
    // made every report cost as much as all the cases before it.
    BoundingBox added;
    for (const CaseRecord &record : cases) {
        if (record.location)
            added.expand(record.location->lon, record.location->lat);
    }
    QSqlQuery extent(database());
    if (added.isEmpty()) {
        extent.prepare(QStringLiteral("UPDATE gpkg_contents SET last_change = "
                                      "strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE table_name = "
                                      "'cases'"));
    } else {
        extent.prepare(QStringLiteral(
            "UPDATE gpkg_contents SET min_x = min(coalesce(min_x, ?), ?), min_y = "
            "min(coalesce(min_y, ?), ?), max_x = max(coalesce(max_x, ?), ?), max_y = "
            "max(coalesce(max_y, ?), ?), last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now') "
            "WHERE table_name = 'cases'"));
        for (const double bound : {added.west, added.south, added.east, added.north}) {
            extent.addBindValue(bound);
            extent.addBindValue(bound);
        }
    }
    return run(extent, Tr::tr("Updating the extent of %1").arg(QStringLiteral("cases")));
}

Result<std::vector<CaseLocation>> Workspace::caseLocations() const
{
    auto statement =
        Statement::prepare(*this, "SELECT fid, geom, grid_code, flags FROM cases ORDER BY fid");
    if (!statement)
        return std::unexpected(statement.error());
    std::vector<CaseLocation> result;
    const QString doing = Tr::tr("Reading cases");
    while (true) {
        auto row = statement->step(doing);
        if (!row)
            return std::unexpected(row.error());
        if (!*row)
            break;
        CaseLocation entry {statement->columnInt(0), std::nullopt, statement->columnText(2), {}};
        const QByteArrayView blob = statement->columnBlob(1);
        if (!blob.isEmpty()) {
            auto decoded = GeoPackageBlob::decode(blob);
            if (decoded && !decoded->empty && !decoded->envelope.isEmpty())
                entry.location = GeoPoint {decoded->envelope.west, decoded->envelope.south};
        }
        const QString flags = statement->columnText(3);
        if (!flags.isEmpty())
            entry.flags = flags.split(u',');
        result.push_back(std::move(entry));
    }
    return result;
}

Result<void> Workspace::setCaseGrids(const std::vector<CaseLocation> &cases)
{
    if (cases.size() <= LARGE_UPDATE || m_postgres)
        return writeCaseGrids(cases);
    return bulkWrite({QStringLiteral("cases_grid")}, [&] { return writeCaseGrids(cases); });
}

Result<void> Workspace::bulkWrite(
    const QStringList &indexes, const std::function<Result<void>()> &work)
{
    // Rewriting many rows thrashes SQLite's default 2 MB page cache, and secondary indexes are
    // cheaper to build again in one sorted pass than to update row by row: a larger cache for
    // the duration, the indexes dropped and made again from their stored definitions, all
    // inside the caller's transaction.
    QSqlDatabase db = database();
    const QString doing = Tr::tr("Committing");
    if (auto done = runText(db, QStringLiteral("PRAGMA cache_size = -262144"), doing); !done)
        return done;
    QStringList definitions;
    for (const QString &index : indexes) {
        QSqlQuery lookup(db);
        lookup.prepare(QStringLiteral("SELECT sql FROM sqlite_master WHERE type = 'index' AND "
                                      "name = ?"));
        lookup.addBindValue(index);
        if (!lookup.exec() || !lookup.next())
            continue;
        definitions << lookup.value(0).toString();
        lookup.finish();
        if (auto dropped = runText(db, QStringLiteral("DROP INDEX \"%1\"").arg(index), doing);
            !dropped)
            return dropped;
    }

    Result<void> result = work();
    for (const QString &definition : std::as_const(definitions)) {
        if (result)
            result = runText(db, definition, doing);
    }
    runText(db, QStringLiteral("PRAGMA cache_size = -2000"), doing);
    return result;
}

Result<void> Workspace::writeCaseGrids(const std::vector<CaseLocation> &cases)
{
    auto statement =
        Statement::prepare(*this, "UPDATE cases SET grid_code = ?1, flags = ?2 WHERE fid = ?3");
    if (!statement)
        return std::unexpected(statement.error());
    for (const CaseLocation &entry : cases) {
        statement->bindText(1, entry.gridCode.isEmpty() ? QString() : entry.gridCode);
        statement->bindText(2, notNull(entry.flags.join(u',')));
        statement->bindInt(3, entry.id);
        auto done = statement->step();
        if (!done)
            return std::unexpected(
                done.error().at(Tr::tr("Updating the grid of case %1").arg(entry.id)));
        statement->reset();
    }
    return {};
}

PGconn *Workspace::postgresConnection() const
{
    Q_ASSERT(m_postgres);
    const QVariant handle = database().driver()->handle();
    return *static_cast<PGconn *const *>(handle.data());
}

QString Workspace::nowSql() const
{
    return m_postgres ? QStringLiteral("griddesk_now()")
                      : QStringLiteral("strftime('%Y-%m-%dT%H:%M:%SZ','now')");
}

sqlite3 *Workspace::connection() const
{
    Q_ASSERT(!m_postgres);
    const QVariant handle = database().driver()->handle();
    return *static_cast<sqlite3 *const *>(handle.data());
}

QString Workspace::metadata(const QString &key) const
{
    QSqlQuery query(database());
    query.prepare(QStringLiteral("SELECT value FROM griddesk_metadata WHERE key = ?"));
    query.addBindValue(key);
    if (!query.exec() || !query.next())
        return {};
    return query.value(0).toString();
}

Result<void> Workspace::setMetadata(const QString &key, const QString &value)
{
    QSqlQuery query(database());
    query.prepare(QStringLiteral("INSERT INTO griddesk_metadata (key, value) VALUES (?, ?) ON "
                                 "CONFLICT(key) DO UPDATE SET value = excluded.value"));
    query.addBindValue(key);
    query.addBindValue(value);
    return run(query, Tr::tr("Saving the setting %1").arg(key));
}

Result<void> Workspace::logImport(const QString &kind, const QString &file, const QString &summary)
{
    QSqlQuery query(database());
    query.prepare(
        QStringLiteral("INSERT INTO griddesk_imports (kind, file, summary) VALUES (?, ?, ?)"));
    query.addBindValue(kind);
    query.addBindValue(file);
    query.addBindValue(summary);
    return run(query, Tr::tr("Recording the import of %1").arg(file));
}

} // namespace GridDesk
