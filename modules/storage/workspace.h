// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/caserecord.h"
#include "domain/error.h"
#include "domain/grid.h"

#include <QSqlDatabase>
#include <QString>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

struct sqlite3;
typedef struct pg_conn PGconn;

namespace GridDesk {

class Statement;

/// Which cases to read from a workspace.
struct CaseQuery
{
    std::optional<QString> gridCode; ///< only cases assigned to this grid (or its descendants)
    bool includeDescendants = true; ///< with gridCode: also cases in grids nested below it
    int limit = -1; ///< -1 for all
    std::optional<qint64> caseId; ///< just this case
    QList<qint64> caseIds; ///< when not empty, just these cases (and not caseId)
};

/// Where a case is and which grid it was given: what re-homing cases needs, without the rest
/// of the record.
struct CaseLocation
{
    qint64 id = 0;
    std::optional<GeoPoint> location;
    QString gridCode;
    QStringList flags;
};

/// A case's state columns as the workflow module writes them, as stored: what its history adds
/// up to.
struct CaseStateColumns
{
    QString state; ///< a state key
    int version = 0;
    QString leadUnit;
    QString stageStarted; ///< ISO 8601, or null
    QString deadline; ///< ISO 8601, or null when the stage has none
    bool suspended = false;
    QString caseTypes; ///< keys joined with ","
    QString dispatchRule;
    QString coUnits; ///< codes joined with ","
    bool extensionPending = false;
};

/// One workspace: a GeoPackage file (SQLite in WAL mode) holding the grids and cases of a
/// city. Grids and cases are GeoPackage feature tables with R-tree spatial indexes, so the
/// file opens as it is in QGIS or with GDAL. The schema is brought up to date by numbered
/// migrations when the file is opened.
///
/// A Workspace owns one SQLite connection and must be used from the thread that opened it;
/// open a second Workspace on the same file for another thread.
class Workspace
{
public:
    /// The schema version this build writes. A file with a newer version is refused.
    static constexpr int SCHEMA_VERSION = 16;

    /// Opens the GeoPackage at path, creating it when it does not exist, and migrates it. A
    /// path that is a PostgreSQL address (postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE, see
    /// isPostgresAddress()) opens that database instead, as a server's store: same tables, same
    /// numbered schema, with PostGIS shapes beside the GeoPackage geometry.
    static Result<std::unique_ptr<Workspace>> open(const QString &path);
    ~Workspace();

    Workspace(const Workspace &) = delete;
    Workspace &operator=(const Workspace &) = delete;

    /// The file's path, or for PostgreSQL the address without its password.
    QString path() const { return m_path; }
    /// Whether text names a PostgreSQL database (postgresql:// or postgres://) rather than a
    /// file.
    static bool isPostgresAddress(const QString &text);
    bool isPostgres() const { return m_postgres; }
    int schemaVersion() const;

    /// Runs work inside one transaction: committed when it succeeds, rolled back (leaving the
    /// file as it was) when it fails. Called inside another transaction (the server applying a
    /// command with its bookkeeping), it becomes a savepoint of that one: a failure rolls back
    /// only its own work, and nothing is committed before the outer transaction is.
    Result<void> transaction(const std::function<Result<void>()> &work);

    /// The same for work that produces a value, returned when the transaction committed.
    template<typename T>
    Result<T> transaction(const std::function<Result<T>()> &work)
    {
        std::optional<T> value;
        auto done = transaction([&]() -> Result<void> {
            Result<T> produced = work();
            if (!produced)
                return std::unexpected(produced.error());
            value = std::move(*produced);
            return {};
        });
        if (!done)
            return std::unexpected(done.error());
        return std::move(*value);
    }

    /// Grids, all levels or one, ordered by level then code. Geometry (WKB, WGS84) is read
    /// only when withGeometry is set.
    Result<QList<Grid>> grids(std::optional<GridLevel> level = {}, bool withGeometry = true) const;
    Result<std::optional<Grid>> grid(const QString &code) const;
    Result<qint64> gridCount() const;

    /// Inserts grids, replacing those with the same code. Call inside transaction().
    Result<void> saveGrids(const QList<Grid> &grids);
    /// Deletes the grids with these codes (and their R-tree entries). Call inside transaction().
    Result<void> deleteGrids(const QStringList &codes);

    /// Cases ordered by id. Cases without a location have an empty CaseRecord::location.
    Result<QList<CaseRecord>> cases(const CaseQuery &query = {}) const;

    /// Calls visit with each case query selects, ordered by id, without keeping them: the
    /// record passed is valid only during the call. Fails, after the rows visited so far,
    /// when a row cannot be read.
    Result<void> forEachCase(
        const CaseQuery &query, const std::function<void(const CaseRecord &)> &visit) const;

    Result<qint64> caseCount() const;

    /// Inserts cases, replacing those with the same source and external id, and writes back
    /// the id each case got. Call inside transaction().
    Result<void> saveCases(QList<CaseRecord> &cases);

    /// Inserts new cases with their state, each row written once, and writes back the id each
    /// got: cases whose history is decided already (a sync feed's), states[i] for cases[i]. A
    /// case whose source and external id the workspace holds already is refused. Call inside
    /// transaction().
    Result<void> addCases(QList<CaseRecord> &cases, const QList<CaseStateColumns> &states);

    /// Id, location, grid and flags of every case, in id order.
    Result<std::vector<CaseLocation>> caseLocations() const;

    /// Sets the grid and flags of existing cases, by id. Call inside transaction().
    Result<void> setCaseGrids(const std::vector<CaseLocation> &cases);

    /// Appends to the import log kept in the file. Call inside the import's transaction().
    Result<void> logImport(const QString &kind, const QString &file, const QString &summary);

    /// Small settings kept in the file: "title", "sample", "attribution" …
    QString metadata(const QString &key) const;
    Result<void> setMetadata(const QString &key, const QString &value);

    /// The connection, for modules that keep their own tables in the file (the workflow's
    /// events, units, categories …). Same thread rules as the Workspace itself.
    QSqlDatabase database() const;
    /// The SQLite connection; only for a workspace that is not isPostgres().
    sqlite3 *connection() const;
    /// The libpq connection under database(); only for a workspace that isPostgres().
    PGconn *postgresConnection() const;
    /// SQL for the time now as the schema writes it (2026-12-05T10:00:00Z), in this store's
    /// dialect.
    QString nowSql() const;

private:
    explicit Workspace(const QString &path, const QString &connectionName);
    Result<void> initialise();
    Result<void> migrate();
    static Result<std::unique_ptr<Workspace>> openPostgres(const QString &address);
    Result<void> initialisePostgres();
    Result<void> migratePostgres(const QStringList &existing);
    /// Makes the schema table with createTable; the version the store is at, refused when newer
    /// than this build's.
    Result<int> currentSchema(const QString &createTable);
    /// Runs one numbered step's statements in a transaction of its own, and records the step.
    Result<void> applyStep(
        int version, const char *summary, const std::function<Result<void>()> &statements);
    /// The advisory lock every write transaction on a PostgreSQL store holds.
    static constexpr qint64 WRITE_LOCK_KEY = 0x4744'534b; // "GDSK"
    /// Grids whose column (a fixed name, "level" or "code") equals value; all when column is
    /// empty. Ordered as grids() promises.
    Result<QList<Grid>> readGrids(
        const QString &column, const QString &value, bool withGeometry) const;
    Result<void> updateContentsExtent(const QString &table);
    /// Grows the extent kept for the cases table by the places of cases just saved.
    Result<void> growCaseExtent(const QList<CaseRecord> &cases);
    Result<void> writeCaseGrids(const std::vector<CaseLocation> &cases);
    /// error, or a plain statement that another program holds the write lock.
    Error lockAware(const Error &error) const;
    Result<void> bulkWrite(const QStringList &indexes, const std::function<Result<void>()> &work);

    /// Row counts above which bulk writes get a larger page cache.
    static constexpr std::size_t LARGE_UPDATE = 50'000;
    /// New grids from which the R-tree is rebuilt in one pass rather than grown row by row.
    static constexpr std::size_t BULK_INDEX_MIN = 1'000;
    /// A grid row written by insertGrids() that the R-tree does not hold yet.
    struct NewGrid
    {
        qint64 fid = 0;
        BoundingBox bbox;
    };
    Result<std::vector<NewGrid>> insertGrids(const QList<Grid> &grids, qint64 lastFid);
    Result<void> indexGrids(const std::vector<NewGrid> &added);

    QString m_path;
    QString m_connectionName;
    int m_transactionDepth = 0;
    bool m_postgres = false;
    // saveCases()'s insert, prepared once: its upsert compiles the R-tree triggers, which cost
    // more than the row itself when cases come one at a time (a server taking reports).
    std::unique_ptr<Statement> m_saveCase;
    std::unique_ptr<Statement> m_addCase; // addCases()'s insert, for the same reason
};

} // namespace GridDesk
