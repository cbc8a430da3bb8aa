// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "gis/wkb.h"
#include "storage/workspace.h"

#include "support/testsupport.h"

#include <gdal.h>
#include <ogr_api.h>

#include <QCoreApplication>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUuid>

using namespace GridDesk;

namespace {

QByteArray square(double west, double south, double size)
{
    return Test::squareWkb(west, south, size);
}

Grid makeGrid(const QString &code, GridLevel level, double west, double south, double size,
    const QString &parent = {})
{
    Grid grid;
    grid.code = code;
    grid.name = QStringLiteral("Grid ") + code;
    grid.level = level;
    grid.parentCode = parent;
    grid.wkb = square(west, south, size);
    return grid;
}

/// Runs one query on the file through a separate plain connection.
QVariant scalar(const QString &path, const QString &sql)
{
    const QString name = QUuid::createUuid().toString();
    QVariant value;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.open();
        QSqlQuery query(db);
        if (query.exec(sql) && query.next())
            value = query.value(0);
    }
    QSqlDatabase::removeDatabase(name);
    return value;
}

} // namespace

class TestWorkspace : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString freshPath()
    {
        return m_dir.filePath(QUuid::createUuid().toString(QUuid::Id128) + ".gpkg");
    }

    std::unique_ptr<Workspace> filled(const QString &path)
    {
        auto workspace = Workspace::open(path);
        if (!workspace)
            return nullptr;
        auto saved = (*workspace)->transaction([&]() -> Result<void> {
            return (*workspace)
                ->saveGrids({makeGrid("1", GridLevel::District, 0, 0, 10),
                    makeGrid("101", GridLevel::Base, 0, 0, 5, "1")});
        });
        if (!saved)
            return nullptr;
        return std::move(*workspace);
    }

private Q_SLOTS:
    void createsAGeoPackageInWalMode()
    {
        const QString path = freshPath();
        auto workspace = Workspace::open(path);
        QVERIFY2(workspace.has_value(), Test::why(workspace).constData());
        QCOMPARE((*workspace)->schemaVersion(), Workspace::SCHEMA_VERSION);
        QCOMPARE(scalar(path, "PRAGMA journal_mode").toString(), QStringLiteral("wal"));
        QCOMPARE(scalar(path, "PRAGMA application_id").toLongLong(), 0x47504B47LL);
        // Every feature table has its R-tree: grids, cases and the register's entries.
        QCOMPARE(scalar(path,
                     "SELECT group_concat(table_name, ',') FROM (SELECT table_name FROM "
                     "gpkg_extensions WHERE extension_name = 'gpkg_rtree_index' ORDER BY "
                     "table_name)")
                     .toString(),
            QStringLiteral("cases,grids,patrol_points,patrol_tracks,register_entries"));
    }

    void gdalReadsItWithSpatialIndexes()
    {
        const QString path = freshPath();
        auto workspace = filled(path);
        QVERIFY(workspace);
        QList<CaseRecord> cases(2);
        cases[0].source = QStringLiteral("test");
        cases[0].externalId = QStringLiteral("A");
        cases[0].location = GeoPoint {1.0, 1.0};
        cases[1].source = QStringLiteral("test");
        cases[1].externalId = QStringLiteral("B");
        QVERIFY(workspace->transaction([&] { return workspace->saveCases(cases); }));
        workspace.reset();

        GDALDatasetH dataset = GDALOpenEx(QFile::encodeName(path).constData(),
            GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
        QVERIFY(dataset);
        QCOMPARE(QString::fromUtf8(GDALGetDriverShortName(GDALGetDatasetDriver(dataset))),
            QStringLiteral("GPKG"));
        OGRLayerH grids = GDALDatasetGetLayerByName(dataset, "grids");
        OGRLayerH casesLayer = GDALDatasetGetLayerByName(dataset, "cases");
        QVERIFY(grids && casesLayer);
        QCOMPARE(OGR_L_GetFeatureCount(grids, 1), 2);
        QCOMPARE(OGR_L_GetFeatureCount(casesLayer, 1), 2);
        QVERIFY(OGR_L_TestCapability(grids, OLCFastSpatialFilter));
        QVERIFY(OGR_L_TestCapability(casesLayer, OLCFastSpatialFilter));

        // The R-tree answers a spatial filter: only the district reaches x = 8.
        OGR_L_SetSpatialFilterRect(grids, 7.9, 7.9, 8.1, 8.1);
        QCOMPARE(OGR_L_GetFeatureCount(grids, 1), 1);
        OGREnvelope extent;
        QCOMPARE(OGR_L_GetExtent(grids, &extent, 0), OGRERR_NONE);
        QCOMPARE(extent.MaxX, 10.0);
        GDALClose(dataset);
    }

    void editsByGdalKeepTheIndexAndAreSeen()
    {
        const QString path = freshPath();
        filled(path).reset();

        GDALDatasetH dataset = GDALOpenEx(QFile::encodeName(path).constData(),
            GDAL_OF_VECTOR | GDAL_OF_UPDATE, nullptr, nullptr, nullptr);
        QVERIFY(dataset);
        OGRLayerH grids = GDALDatasetGetLayerByName(dataset, "grids");
        OGRFeatureH feature = OGR_F_Create(OGR_L_GetLayerDefn(grids));
        OGR_F_SetFieldString(feature, OGR_F_GetFieldIndex(feature, "code"), "102");
        OGR_F_SetFieldString(feature, OGR_F_GetFieldIndex(feature, "level"), "base");
        OGR_F_SetFieldString(feature, OGR_F_GetFieldIndex(feature, "parent_code"), "1");
        OGRGeometryH geometry = nullptr;
        const QByteArray wkb = square(5, 5, 5);
        OGR_G_CreateFromWkb(wkb.constData(), nullptr, &geometry, int(wkb.size()));
        OGR_F_SetGeometryDirectly(feature, geometry);
        QCOMPARE(OGR_L_CreateFeature(grids, feature), OGRERR_NONE);
        OGR_F_Destroy(feature);
        GDALClose(dataset);

        auto workspace = Workspace::open(path);
        QVERIFY2(workspace.has_value(), Test::why(workspace).constData());
        QCOMPARE(*(*workspace)->gridCount(), 3);
        auto added = (*workspace)->grid(QStringLiteral("102"));
        QVERIFY(added && added->has_value());
        QCOMPARE((*added)->bbox.west, 5.0);
        QCOMPARE(scalar(path, "SELECT count(*) FROM rtree_grids_geom WHERE minx >= 5").toInt(), 1);
    }

    void failedTransactionLeavesTheFileAsItWas()
    {
        const QString path = freshPath();
        auto workspace = filled(path);
        QVERIFY(workspace);
        auto result = workspace->transaction([&]() -> Result<void> {
            auto saved = workspace->saveGrids({makeGrid("102", GridLevel::Base, 5, 0, 5, "1")});
            if (!saved)
                return saved;
            return fail(ErrorCode::InvalidRow, QStringLiteral("row 7 is broken"));
        });
        QVERIFY(!result.has_value());
        QCOMPARE(result.error().message, QStringLiteral("row 7 is broken"));
        QCOMPARE(*workspace->gridCount(), 2);
        QCOMPARE(scalar(path, "SELECT count(*) FROM rtree_grids_geom").toInt(), 2);
    }

    void savingGridsKeepsTheIndexAndItsTriggers()
    {
        // saveGrids fills the R-tree in bulk with the insert trigger paused; afterwards the
        // index must match the table, also for updated grids, and the trigger must be back.
        const QString path = freshPath();
        auto workspace = filled(path);
        QVERIFY(workspace);
        auto saved = workspace->transaction([&]() -> Result<void> {
            return workspace->saveGrids({makeGrid("1", GridLevel::District, 20, 0, 10),
                makeGrid("103", GridLevel::Base, 30, 0, 5, "1")});
        });
        QVERIFY2(saved.has_value(), Test::why(saved).constData());
        QCOMPARE(scalar(path, "SELECT count(*) FROM rtree_grids_geom").toInt(), 3);
        QCOMPARE(scalar(path,
                     "SELECT count(*) FROM grids g JOIN rtree_grids_geom r ON r.id = g.fid "
                     "WHERE r.minx = 20 AND g.code = '1'")
                     .toInt(),
            1);
        QCOMPARE(scalar(path, "SELECT count(*) FROM rtree_grids_geom WHERE minx = 30").toInt(), 1);
        QCOMPARE(scalar(path,
                     "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = "
                     "'rtree_grids_geom_insert'")
                     .toInt(),
            1);

        // A second batch finds the trigger and pauses it again (GDAL's edit in another test
        // shows the restored trigger indexing rows written by another program).
        auto more = workspace->transaction([&]() -> Result<void> {
            return workspace->saveGrids({makeGrid("104", GridLevel::Base, 40, 0, 5, "1")});
        });
        QVERIFY(more.has_value());
        QCOMPARE(scalar(path, "SELECT count(*) FROM rtree_grids_geom").toInt(), 4);
    }

    void casesOfAGridIncludeItsDescendants()
    {
        auto workspace = filled(freshPath());
        QList<CaseRecord> cases(3);
        for (int i = 0; i < 3; ++i) {
            cases[i].source = QStringLiteral("test");
            cases[i].externalId = QString::number(i);
        }
        cases[0].gridCode = QStringLiteral("101");
        cases[1].gridCode = QStringLiteral("1");
        cases[1].created = CaseTime::withOffset(QDate(2025, 1, 2), QTime(3, 4, 5), 8 * 3600);
        QVERIFY(workspace->transaction([&] { return workspace->saveCases(cases); }));
        QVERIFY(cases[2].id > 0);

        CaseQuery query;
        query.gridCode = QStringLiteral("1");
        QCOMPARE(workspace->cases(query)->size(), 2);
        query.includeDescendants = false;
        QCOMPARE(workspace->cases(query)->size(), 1);
        QCOMPARE(workspace->cases(query)->first().created.toIso(),
            QStringLiteral("2025-01-02T03:04:05+08:00"));
        query.gridCode = QStringLiteral("101");
        QCOMPARE(workspace->cases(query)->first().externalId, QStringLiteral("0"));
    }

    void forEachCaseLeavesNothingOfOneRowInTheNext()
    {
        // One record is reused for every row: a field a row lacks must not keep the value of
        // the row before.
        auto workspace = filled(freshPath());
        QList<CaseRecord> cases(2);
        cases[0].source = QStringLiteral("test");
        cases[0].externalId = QStringLiteral("a");
        cases[0].category = QStringLiteral("Noise");
        cases[0].address = QStringLiteral("1 Main St");
        cases[0].gridCode = QStringLiteral("101");
        cases[0].location = GeoPoint {1.5, 2.5};
        cases[0].created = CaseTime::naive(QDate(2024, 1, 2), QTime(3, 4));
        cases[0].closed = CaseTime::naive(QDate(2024, 1, 3), QTime(3, 4));
        cases[0].addFlag(CaseFlags::OUTSIDE_GRIDS);
        cases[1].source = QStringLiteral("test");
        cases[1].externalId = QStringLiteral("b");
        QVERIFY(workspace->transaction([&] { return workspace->saveCases(cases); }));

        QList<CaseRecord> seen;
        QVERIFY(workspace->forEachCase({}, [&](const CaseRecord &record) { seen << record; }));
        QCOMPARE(seen.size(), 2);
        QCOMPARE(seen[0].id, cases[0].id);
        QCOMPARE(seen[0].address, QStringLiteral("1 Main St"));
        QCOMPARE(seen[0].location->lat, 2.5);
        QCOMPARE(seen[0].flags, QStringList {QStringLiteral("outside_grids")});
        QCOMPARE(seen[1].id, cases[1].id);
        QCOMPARE(seen[1].externalId, QStringLiteral("b"));
        QVERIFY(seen[1].category.isEmpty());
        QVERIFY(seen[1].address.isEmpty());
        QVERIFY(seen[1].gridCode.isEmpty());
        QVERIFY(!seen[1].location);
        QVERIFY(!seen[1].created.isValid());
        QVERIFY(!seen[1].closed.isValid());
        QVERIFY(seen[1].flags.isEmpty());
    }

    void savingTheSameCaseTwiceUpdatesIt()
    {
        auto workspace = filled(freshPath());
        QList<CaseRecord> cases(1);
        cases[0].source = QStringLiteral("nyc311");
        cases[0].externalId = QStringLiteral("19937896");
        cases[0].status = QStringLiteral("Open");
        QVERIFY(workspace->transaction([&] { return workspace->saveCases(cases); }));
        const qint64 id = cases[0].id;
        cases[0].status = QStringLiteral("Closed");
        QVERIFY(workspace->transaction([&] { return workspace->saveCases(cases); }));
        QCOMPARE(cases[0].id, id);
        QCOMPARE(*workspace->caseCount(), 1);
        QCOMPARE(workspace->cases()->first().status, QStringLiteral("Closed"));
    }

    void savedCasesGrowTheLayerExtent()
    {
        const QString path = freshPath();
        auto workspace = filled(path);
        const auto extent = [&] {
            return QStringList {
                scalar(path, "SELECT min_x FROM gpkg_contents WHERE table_name = 'cases'")
                    .toString(),
                scalar(path, "SELECT min_y FROM gpkg_contents WHERE table_name = 'cases'")
                    .toString(),
                scalar(path, "SELECT max_x FROM gpkg_contents WHERE table_name = 'cases'")
                    .toString(),
                scalar(path, "SELECT max_y FROM gpkg_contents WHERE table_name = 'cases'")
                    .toString()};
        };
        QList<CaseRecord> cases(2);
        for (int index = 0; index < 2; ++index) {
            cases[index].source = QStringLiteral("desk");
            cases[index].externalId = QString::number(index);
        }
        cases[0].location = GeoPoint {2.0, 3.0};
        cases[1].location = GeoPoint {4.0, 1.0};
        auto saved = workspace->transaction([&] { return workspace->saveCases(cases); });
        QVERIFY2(saved.has_value(), Test::why(saved).constData());
        QCOMPARE(extent(), QStringList({"2", "1", "4", "3"}));
        // A case further out grows it; one without a place leaves it.
        QList<CaseRecord> more(2);
        more[0].source = more[1].source = QStringLiteral("desk");
        more[0].externalId = QStringLiteral("far");
        more[0].location = GeoPoint {-1.5, 5.0};
        more[1].externalId = QStringLiteral("nowhere");
        QVERIFY(workspace->transaction([&] { return workspace->saveCases(more); }));
        QCOMPARE(extent(), QStringList({"-1.5", "1", "4", "5"}));
    }

    void manyGridsGetAValidRtree()
    {
        // Enough grids for the one-pass R-tree build, then a few more grown row by row.
        const QString path = freshPath();
        auto workspace = filled(path);
        QList<Grid> lattice;
        for (int row = 0; row < 80; ++row) {
            for (int column = 0; column < 80; ++column) {
                lattice << makeGrid(QStringLiteral("F%1-%2").arg(row).arg(column), GridLevel::Fine,
                    column * 0.125, row * 0.125, 0.125, QStringLiteral("101"));
            }
        }
        QVERIFY(workspace->transaction([&] { return workspace->saveGrids(lattice); }));
        QCOMPARE(
            scalar(path, "SELECT rtreecheck('rtree_grids_geom')").toString(), QStringLiteral("ok"));
        QCOMPARE(scalar(path, "SELECT count(*) FROM rtree_grids_geom").toInt(), 6402);
        QVERIFY(workspace->transaction([&] {
            return workspace->saveGrids({makeGrid("X1", GridLevel::Fine, 20, 20, 1, "1"),
                makeGrid("X2", GridLevel::Fine, 21, 20, 1, "1")});
        }));
        QCOMPARE(
            scalar(path, "SELECT rtreecheck('rtree_grids_geom')").toString(), QStringLiteral("ok"));

        // A window over columns 16…26 and rows 49…56 of the lattice (cells of 0.125°), and
        // the district under them: the index must find exactly those.
        const int expected = 11 * 8 + 1;
        QCOMPARE(scalar(path,
                     "SELECT count(*) FROM rtree_grids_geom WHERE minx <= 3.3 AND maxx "
                     ">= 2.1 AND miny <= 7.05 AND maxy >= 6.2")
                     .toInt(),
            expected);
        workspace.reset();

        GDALDatasetH dataset = GDALOpenEx(QFile::encodeName(path).constData(),
            GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
        OGRLayerH grids = GDALDatasetGetLayerByName(dataset, "grids");
        OGR_L_SetSpatialFilterRect(grids, 2.1, 6.2, 3.3, 7.05);
        QCOMPARE(OGR_L_GetFeatureCount(grids, 1), expected);
        GDALClose(dataset);
    }

    void largeGridUpdateKeepsTheGridIndex()
    {
        // Enough cases for the bulk path, which rebuilds the grid index after the update.
        const QString path = freshPath();
        auto workspace = filled(path);
        QList<CaseRecord> cases(60'000);
        for (qsizetype i = 0; i < cases.size(); ++i) {
            cases[i].source = QStringLiteral("bulk");
            cases[i].externalId = QString::number(i);
            cases[i].location = GeoPoint {1.0 + double(i % 7), 1.0};
        }
        QVERIFY(workspace->transaction([&] { return workspace->saveCases(cases); }));
        auto locations = workspace->caseLocations();
        QVERIFY(locations.has_value());
        QCOMPARE(locations->size(), std::size_t(cases.size()));
        for (CaseLocation &entry : *locations) {
            entry.gridCode =
                entry.location->lon < 5.0 ? QStringLiteral("101") : QStringLiteral("1");
            entry.flags = QStringList {QStringLiteral("checked")};
        }
        QVERIFY(workspace->transaction([&] { return workspace->setCaseGrids(*locations); }));

        QCOMPARE(
            scalar(path, "SELECT count(*) FROM sqlite_master WHERE name = 'cases_grid'").toInt(),
            1);
        QCOMPARE(
            scalar(path, "SELECT count(*) FROM cases INDEXED BY cases_grid WHERE grid_code = '101'")
                .toInt(),
            qsizetype(std::count_if(cases.begin(), cases.end(),
                [](const CaseRecord &c) { return c.location->lon < 5.0; })));
        QCOMPARE(workspace->caseLocations()->back().flags, QStringList {QStringLiteral("checked")});
    }

    void secondWriterIsToldTheWorkspaceIsBusy()
    {
        const QString path = freshPath();
        auto first = filled(path);
        auto second = Workspace::open(path);
        QVERIFY(second.has_value());
        // While the first connection writes, the second waits for its busy timeout and then
        // gives up without changing anything.
        Result<void> secondResult;
        auto firstResult = first->transaction([&]() -> Result<void> {
            secondResult = (*second)->transaction([&]() -> Result<void> {
                return (*second)->saveGrids({makeGrid("102", GridLevel::Base, 5, 0, 5, "1")});
            });
            return {};
        });
        QVERIFY(firstResult.has_value());
        QVERIFY(!secondResult.has_value());
        QVERIFY2(secondResult.error().message.contains(QLatin1String("another program")),
            qPrintable(secondResult.error().message));
        QCOMPARE(*first->gridCount(), 2);
    }

    void schemaSixKeepsTheStandardsTree()
    {
        const QString path = freshPath();
        auto workspace = Workspace::open(path);
        QVERIFY2(workspace.has_value(), Test::why(workspace).constData());
        QCOMPARE(scalar(path,
                     "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN "
                     "('standards_nodes', 'standards_attached', 'standards_history')")
                     .toInt(),
            3);
        QCOMPARE(
            scalar(path, "SELECT count(*) FROM gpkg_contents WHERE table_name LIKE 'standards_%'")
                .toInt(),
            3);
        QCOMPARE(scalar(path, "SELECT summary FROM griddesk_schema WHERE version = 6")
                     .toString()
                     .left(18),
            QStringLiteral("The standards tree"));
    }

    void schemaSevenKeepsTheServerAccounts()
    {
        const QString path = freshPath();
        auto workspace = Workspace::open(path);
        QVERIFY2(workspace.has_value(), Test::why(workspace).constData());
        QCOMPARE(scalar(path,
                     "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN "
                     "('server_users', 'server_sessions', 'server_audit')")
                     .toInt(),
            3);
        QCOMPARE(scalar(path,
                     "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = "
                     "'server_audit'")
                     .toInt(),
            2);
        QCOMPARE(scalar(path, "SELECT summary FROM griddesk_schema WHERE version = 7")
                     .toString()
                     .left(18),
            QStringLiteral("The central server"));
    }

    void schemaEightKeepsTheOutboxAndLetsOnlySupersededEventsGo()
    {
        const QString path = freshPath();
        auto workspace = Workspace::open(path);
        QVERIFY2(workspace.has_value(), Test::why(workspace).constData());
        QCOMPARE(scalar(path, "SELECT count(*) FROM sqlite_master WHERE name = 'sync_outbox_case'")
                     .toInt(),
            1);
        QCOMPARE(scalar(path,
                     "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN "
                     "('sync_outbox', 'case_events_superseded', 'server_commands')")
                     .toInt(),
            3);
        QSqlQuery query((*workspace)->database());
        QVERIFY(query.exec(QStringLiteral(
            "INSERT INTO case_events (case_id, sequence, action, actor, role, at, to_state) "
            "VALUES (7, 1, 'report', 'desk', 'operator', '2026-12-04T09:00:00', 'reported')")));
        const qint64 eventId = query.lastInsertId().toLongLong();
        // Not set aside: the history keeps it.
        QVERIFY(!query.exec(QStringLiteral("DELETE FROM case_events WHERE case_id = 7")));
        QVERIFY(query.lastError().text().contains(QLatin1String("cannot be deleted")));
        QVERIFY(query.exec(QStringLiteral(
            "INSERT INTO case_events_superseded SELECT id, case_id, sequence, action, actor, "
            "role, unit, at, from_state, to_state, reason, data, recorded_at, 'now', 'test' FROM "
            "case_events WHERE id = %1")
                               .arg(eventId)));
        QVERIFY2(query.exec(QStringLiteral("DELETE FROM case_events WHERE case_id = 7")),
            qPrintable(query.lastError().text()));
        // The copy set aside stays for good.
        QVERIFY(!query.exec(QStringLiteral("DELETE FROM case_events_superseded")));
        QVERIFY(!query.exec(QStringLiteral("UPDATE case_events_superseded SET why = 'x'")));
    }

    void reopeningKeepsEverything()
    {
        const QString path = freshPath();
        {
            auto workspace = filled(path);
            QVERIFY(workspace->setMetadata(QStringLiteral("title"), QStringLiteral("纽约市")));
        }
        auto workspace = Workspace::open(path);
        QVERIFY(workspace.has_value());
        QCOMPARE(*(*workspace)->gridCount(), 2);
        QCOMPARE((*workspace)->metadata(QStringLiteral("title")), QStringLiteral("纽约市"));
        QCOMPARE(scalar(path, "SELECT count(*) FROM griddesk_schema").toInt(),
            Workspace::SCHEMA_VERSION);
        const auto grids = (*workspace)->grids(GridLevel::Base);
        QCOMPARE(grids->size(), 1);
        QCOMPARE(grids->first().parentCode, QStringLiteral("1"));
        QCOMPARE(grids->first().bbox.east, 5.0);
    }

    void corruptFileIsRefusedAndKept()
    {
        const QString path = freshPath();
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        const QByteArray garbage(8192, '\x5a');
        file.write(garbage);
        file.close();

        auto workspace = Workspace::open(path);
        QVERIFY(!workspace.has_value());
        QVERIFY(workspace.error().message.contains(QLatin1String("not a GridDesk workspace")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), garbage);
    }

    void foreignGeoPackageIsRefused()
    {
        const QString path = freshPath();
        GDALDriverH driver = GDALGetDriverByName("GPKG");
        GDALDatasetH dataset =
            GDALCreate(driver, QFile::encodeName(path).constData(), 0, 0, 0, GDT_Unknown, nullptr);
        QVERIFY(dataset);
        GDALDatasetCreateLayer(dataset, "parcels", nullptr, wkbPolygon, nullptr);
        GDALClose(dataset);

        auto workspace = Workspace::open(path);
        QVERIFY(!workspace.has_value());
        QVERIFY(workspace.error().message.contains(QLatin1String("import-grids")));
    }

    void newerSchemaIsRefused()
    {
        const QString path = freshPath();
        filled(path).reset();
        const QString name = QStringLiteral("bump");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral(
                "INSERT INTO griddesk_schema (version, summary) VALUES (99, 'future')")));
        }
        QSqlDatabase::removeDatabase(name);
        auto workspace = Workspace::open(path);
        QVERIFY(!workspace.has_value());
        QCOMPARE(workspace.error().code, ErrorCode::SchemaTooNew);
    }

    void missingFolderIsReported()
    {
        auto workspace = Workspace::open(QStringLiteral("/nonexistent-folder/ws.gpkg"));
        QVERIFY(!workspace.has_value());
        QCOMPARE(workspace.error().code, ErrorCode::FileNotFound);
    }
};

GRIDDESK_TEST_MAIN(TestWorkspace, QCoreApplication)
#include "tst_workspace.moc"
