// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors

// griddesk-bench-assign: clears the grid of every case in a workspace and assigns them all
// again with relocateCases, then has SpatiaLite do the same assignment with SQL over the
// GeoPackage's R-tree on a copy of the file; prints both times and checks they agree.

#include "benchsupport.h"
#include "comparison.h"

#include "ingest/caseimporter.h"
#include "storage/sqlfunctions.h"
#include "storage/workspace.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTextStream>
#include <QUuid>

using namespace GridDesk;

namespace {

/// Runs statements on the GeoPackage through a connection of its own, outside Workspace;
/// returns the first column of the last row of the last statement.
Result<QVariant> runSql(const QString &path, const QStringList &statements)
{
    const QString name = QUuid::createUuid().toString();
    QVariant value;
    QString failure;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        // The GeoPackage triggers call the ST_ functions, even for updates they do not affect.
        if (!db.open())
            failure = db.lastError().text();
        else if (auto registered = SqlFunctions::registerGeoPackageFunctions(db); !registered)
            failure = registered.error().message;
        QSqlQuery query(db);
        for (const QString &statement : statements) {
            if (!failure.isEmpty())
                break;
            if (!query.exec(statement)) {
                failure = statement + QStringLiteral(": ") + query.lastError().text();
                break;
            }
            while (query.next())
                value = query.value(0);
        }
        query.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    if (!failure.isEmpty())
        return fail(ErrorCode::Database, failure);
    return value;
}

/// The same rule as GridLocator: the deepest level whose grid contains (or touches) the point,
/// the smaller grid on a tie; candidates come from the GeoPackage R-tree of the grids.
QString levelLookup(const QString &level)
{
    return QStringLiteral(
        "(SELECT g.code FROM grids g WHERE g.level = '%1' AND g.fid IN (SELECT id FROM "
        "rtree_grids_geom WHERE minx <= p.x AND maxx >= p.x AND miny <= p.y AND maxy >= p.y) "
        "AND ST_Intersects(GeomFromGPB(g.geom), MakePoint(p.x, p.y, 4326)) = 1 "
        "ORDER BY g.area_m2 LIMIT 1)")
        .arg(level);
}

QByteArray spatialiteScript()
{
    QStringList lookups;
    for (const char *level : {"fine", "base", "community", "street", "district"})
        lookups << levelLookup(QLatin1String(level));
    const QString sql =
        QStringLiteral("BEGIN;\n"
                       "CREATE TEMP TABLE p AS SELECT fid, ST_X(GeomFromGPB(geom)) AS x, "
                       "ST_Y(GeomFromGPB(geom)) AS y FROM cases WHERE geom IS NOT NULL;\n"
                       "CREATE TEMP TABLE assigned (fid INTEGER PRIMARY KEY, code TEXT);\n"
                       "INSERT INTO assigned SELECT p.fid, COALESCE(%1) FROM p;\n"
                       "UPDATE cases SET grid_code = (SELECT code FROM assigned a WHERE a.fid = "
                       "cases.fid) WHERE fid IN (SELECT fid FROM assigned);\n"
                       "COMMIT;\n"
                       "SELECT count(*) FROM cases WHERE grid_code IS NOT NULL;\n")
            .arg(lookups.join(QStringLiteral(", ")));
    return sql.toUtf8();
}

Result<double> timeOurAssignment(const QString &path, qint64 &moved)
{
    auto workspace = Workspace::open(path);
    if (!workspace)
        return std::unexpected(workspace.error());
    QElapsedTimer timer;
    timer.start();
    auto done = (*workspace)->transaction([&]() -> Result<void> {
        auto changed = relocateCases(**workspace);
        if (!changed)
            return std::unexpected(changed.error());
        moved = *changed;
        return {};
    });
    const double elapsed = double(timer.nsecsElapsed()) / 1e6;
    if (!done)
        return std::unexpected(done.error());
    return elapsed;
}

struct Setup
{
    QString workspace;
    QString peerCopy;
    qint64 located = 0;
};

/// Clears every case's grid, then copies the file for SpatiaLite.
Result<Setup> prepare(const QString &workspace, const QDir &work)
{
    Setup setup {workspace, work.filePath(QStringLiteral("assign_spatialite.gpkg"))};
    auto located = runSql(workspace,
        {QStringLiteral("UPDATE cases SET grid_code = NULL"),
            QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"),
            QStringLiteral("SELECT count(*) FROM cases WHERE geom IS NOT NULL")});
    if (!located)
        return std::unexpected(located.error());
    setup.located = located->toLongLong();
    for (const char *suffix : {"", "-wal", "-shm"})
        QFile::remove(setup.peerCopy + QLatin1String(suffix));
    if (!QFile::copy(workspace, setup.peerCopy))
        return fail(ErrorCode::UnreadableFile, QStringLiteral("cannot copy %1").arg(workspace));
    return setup;
}

int run(const QStringList &arguments, QTextStream &out)
{
    const QString workspace = Bench::option(arguments, QStringLiteral("--workspace"));
    const QDir work(Bench::option(arguments, QStringLiteral("--work"), QStringLiteral(".")));
    const bool smoke = Bench::isSmoke(arguments);
    if (workspace.isEmpty()) {
        out << "usage: griddesk-bench-assign --workspace GPKG --work DIR [--smoke]\n";
        return 2;
    }
    const QString spatialite = Bench::findProgram(QStringLiteral("spatialite"));
    if (spatialite.isEmpty() && !smoke) {
        out << "griddesk-bench-assign: spatialite is not installed (apt-get install "
               "spatialite-bin)\n";
        return 1;
    }
    auto setup = prepare(workspace, work);
    if (!setup) {
        out << "griddesk-bench-assign: " << setup.error().message << '\n';
        return 1;
    }

    qint64 moved = 0;
    auto ours = timeOurAssignment(workspace, moved);
    if (!ours) {
        out << "griddesk-bench-assign: " << ours.error().message << '\n';
        return 1;
    }
    out << "GridDesk assigned " << moved << " of " << setup->located << " located cases\n";
    if (moved < setup->located * 99 / 100) {
        out << "griddesk-bench-assign: fewer than 99% of the cases found a grid\n";
        return 1;
    }

    Bench::Comparison comparison {
        QStringLiteral("assign %1 cases").arg(setup->located), QStringLiteral("ms"), *ours};
    comparison.peerName = QStringLiteral("SpatiaLite");
    comparison.maxRatio = 0.5;
    if (spatialite.isEmpty()) {
        comparison.skipReason = QStringLiteral("smoke mode, spatialite not installed");
        out << comparison.line() << '\n';
        return 0;
    }
    QString failure;
    const auto peer = Bench::runPeer(spatialite, {setup->peerCopy}, spatialiteScript(), failure);
    if (!peer) {
        out << "griddesk-bench-assign: " << failure << '\n';
        return 1;
    }
    comparison.peer = peer->elapsedMs;

    auto differing = runSql(workspace,
        {QStringLiteral("ATTACH DATABASE '%1' AS peer").arg(setup->peerCopy),
            QStringLiteral("SELECT count(*) FROM cases c JOIN peer.cases q ON q.fid = c.fid "
                           "WHERE c.grid_code IS NOT q.grid_code")});
    if (!differing) {
        out << "griddesk-bench-assign: " << differing.error().message << '\n';
        return 1;
    }
    out << "SpatiaLite assigned " << peer->output.trimmed() << " cases; " << differing->toLongLong()
        << " cases got a different grid from the two\n";
    out << comparison.line() << '\n';
    // A point on a shared edge may go either way; more than that means the two disagree.
    return differing->toLongLong() * 1000 > setup->located ? 1 : 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    return run(QCoreApplication::arguments(), out);
}
