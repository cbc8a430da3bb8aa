// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "registerfixture.h"

#include "gis/geoscontext.h"
#include "register/registerbook.h"
#include "register/registerimport.h"

#include <QCoreApplication>
#include <QSaveFile>

using namespace GridDesk;

namespace {

const QDateTime AT(QDate(2026, 3, 1), QTime(9, 0), Qt::UTC);

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.commit();
}

RegisterImportOptions options(const QString &kind, const QString &mappingFile = {})
{
    RegisterImportOptions options;
    options.kind = kind;
    options.importedBy = QStringLiteral("Supervisor Li");
    options.at = AT;
    if (!mappingFile.isEmpty()) {
        auto mapping = RegisterMapping::load(mappingFile);
        if (mapping)
            options.mapping = *mapping;
    }
    return options;
}

/// What a workspace holds of the register and its import log, to tell that nothing changed.
QString registerState(const Workspace &ws)
{
    return QStringLiteral("%1/%2/%3")
        .arg(Test::scalar(ws, QStringLiteral("SELECT count(*) FROM register_entries")).toInt())
        .arg(Test::scalar(ws, QStringLiteral("SELECT count(*) FROM register_history")).toInt())
        .arg(Test::scalar(ws, QStringLiteral("SELECT count(*) FROM griddesk_imports")).toInt());
}

/// A few residents as a UTF-8 CSV with coordinates, two sharing one ID number.
QByteArray residentsCsv(const QString &lastPhone = QStringLiteral("0933000003"))
{
    return QStringLiteral("name,address,id_number,phone,care_group,lon,lat\n"
                          "王小明,忠孝西路一段49號5樓,A123456789,0912000001,elderly living alone,"
                          "121.505,25.005\n"
                          "林美華,忠孝西路一段50號,B223456789,0922000002,,121.515,25.005\n"
                          "陳大文,忠孝西路一段51號,C123456789,%1,people with disabilities,"
                          "121.5155,25.0055\n"
                          "王曉明,忠孝西路二段1號,A123456789,0944000004,,121.506,25.006\n")
        .arg(lastPhone)
        .toUtf8();
}

} // namespace

class TestRegisterImport : public QObject
{
    Q_OBJECT

private:
    Test::RegisterFixture m_fixture;

private Q_SLOTS:
    void initTestCase()
    {
        if (!QFile::exists(Test::taipeiRegistry(QStringLiteral("youbike_sub_stn_1.geojson"))))
            QSKIP("the shared data folder with Taipei's registers is not beside this checkout");
    }

    void eachTaipeiRegisterImports_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("distinct"); // GDAL SQL counting the entries to expect
        QTest::newRow("condemned buildings")
            << "condemned_building"
            << "place"
            << R"(SELECT count(DISTINCT trim("地址")) FROM condemned_building)";
        QTest::newRow("idle public buildings")
            << "building_unsued_public"
            << "place"
            << R"(SELECT count(DISTINCT trim("門牌")) FROM building_unsued_public)";
        QTest::newRow("idle public land") << "building_unsued_land"
                                          << "place"
                                          << "SELECT count(*) FROM building_unsued_land";
        QTest::newRow("social-welfare organisations")
            << "socl_welfare_organization_plc"
            << "organisation"
            << "SELECT count(DISTINCT trim(name) || '|' || trim(address)) FROM "
               "socl_welfare_organization_plc";
        QTest::newRow("floodgate pumping stations") << "patrol_rain_floodgate"
                                                    << "thing"
                                                    << "SELECT count(*) FROM patrol_rain_floodgate";
        QTest::newRow("public bike stations") << "youbike_sub_stn_1"
                                              << "thing"
                                              << "SELECT count(*) FROM youbike_sub_stn_1";
    }

    void eachTaipeiRegisterImports()
    {
        QFETCH(QString, file);
        QFETCH(QString, kind);
        QFETCH(QString, distinct);
        const QString source = Test::taipeiRegistry(file + QStringLiteral(".geojson"));
        const qint64 features =
            Test::ogrCount(source, QStringLiteral("SELECT count(*) FROM %1").arg(file));
        const qint64 expected = Test::ogrCount(source, distinct);
        QVERIFY(features > 0 && expected > 0);

        const QString path = m_fixture.taipeiCopy(file + QStringLiteral(".gpkg"));
        QVERIFY(!path.isEmpty());
        auto ws = Workspace::open(path);
        RegisterImportOptions import =
            options(kind, Test::taipeiMapping(file + QStringLiteral(".json")));
        QVERIFY(import.mapping);
        import.skipRefused = true;
        auto report = importRegister(**ws, source, import);
        QVERIFY2(report.has_value(), Test::why(report).constData());
        QVERIFY(report->written);
        QCOMPARE(report->encoding, QStringLiteral("UTF-8"));
        QCOMPARE(report->features, features);
        QCOMPARE(report->created, expected);
        QCOMPARE(report->refused, features - expected);
        for (const RegisterImportLine &line : report->lines) {
            if (line.action == RegisterImportLine::Action::Refused)
                QVERIFY2(line.reason.contains(QStringLiteral("duplicates feature")),
                    qPrintable(line.reason));
        }

        // Read back, and every entry in a grid lies in that grid's boundary.
        const QString ofKind =
            QStringLiteral("FROM register_entries WHERE kind = '%1' AND source = "
                           "'%2'")
                .arg(kind, import.mapping->source);
        QCOMPARE(
            Test::scalar(**ws, QStringLiteral("SELECT count(*) ") + ofKind).toLongLong(), expected);
        QCOMPARE(Test::scalar(**ws,
                     QStringLiteral("SELECT count(*) ") + ofKind
                         + QStringLiteral(" AND grid_code = '' AND geom IS NOT NULL"))
                     .toLongLong(),
            report->outsideGrids);
        QVERIFY(report->outsideGrids < expected / 10 + 3);
        auto book = RegisterBook::load(**ws);
        RegisterQuery query;
        query.kind = kind;
        auto entries = book->entries(query);
        auto grids = (*ws)->grids();
        QHash<QString, Grid> byCode;
        for (const Grid &grid : *grids)
            byCode.insert(grid.code, grid);
        GeosContext geos;
        for (const RegisterEntry &entry : *entries) {
            if (entry.gridCode.isEmpty())
                continue;
            QVERIFY2(byCode.contains(entry.gridCode), qPrintable(entry.code));
            QCOMPARE(byCode.value(entry.gridCode).level, GridLevel::Base);
            auto boundary = geos.fromWkb(byCode.value(entry.gridCode).wkb);
            auto anchor = geos.fromWkb(Wkb::point(*entry.anchor()));
            QVERIFY2(GEOSIntersects_r(geos.handle(), boundary->get(), anchor->get()) == 1,
                qPrintable(entry.code));
        }

        // The same file again changes nothing.
        auto again = importRegister(**ws, source, import);
        QVERIFY2(again.has_value(), Test::why(again).constData());
        QCOMPARE(again->created, 0);
        QCOMPARE(again->updated, 0);
        QCOMPARE(again->unchanged, expected);
    }

    void refusalsStopTheImportUnlessSkipped()
    {
        const QString path = m_fixture.taipeiCopy(QStringLiteral("refusals.gpkg"));
        auto ws = Workspace::open(path);
        const QString before = registerState(**ws);
        auto report =
            importRegister(**ws, Test::taipeiRegistry(QStringLiteral("condemned_building.geojson")),
                options(QStringLiteral("place"),
                    Test::taipeiMapping(QStringLiteral("condemned_building.json"))));
        QVERIFY2(report.has_value(), Test::why(report).constData());
        QVERIFY(!report->written);
        QVERIFY(report->refused > 0);
        QCOMPARE(registerState(**ws), before);
    }

    void aDryRunChangesNothing()
    {
        const QString path = m_fixture.taipeiCopy(QStringLiteral("dryrun.gpkg"));
        auto ws = Workspace::open(path);
        const QString before = registerState(**ws);
        RegisterImportOptions dry = options(QStringLiteral("thing"),
            Test::taipeiMapping(QStringLiteral("patrol_rain_floodgate.json")));
        dry.dryRun = true;
        const QString source =
            Test::taipeiRegistry(QStringLiteral("patrol_rain_floodgate.geojson"));
        auto report = importRegister(**ws, source, dry);
        QVERIFY2(report.has_value(), Test::why(report).constData());
        QVERIFY(!report->written);
        QCOMPARE(report->created, 74);
        QCOMPARE(report->lines.size(), 74);
        QCOMPARE(report->lines.first().code, QStringLiteral("TH-000001"));
        QCOMPARE(registerState(**ws), before);
        ws->reset();
        const QByteArray hash = Test::fileHash(path);

        auto reopened = Workspace::open(path);
        QVERIFY(importRegister(**reopened, source, dry));
        reopened->reset();
        QCOMPARE(Test::fileHash(path), hash);

        // The dry run's codes are the ones the import then gives.
        reopened = Workspace::open(path);
        RegisterImportOptions real = dry;
        real.dryRun = false;
        auto imported = importRegister(**reopened, source, real);
        QVERIFY(imported && imported->written);
        for (qsizetype i = 0; i < report->lines.size(); ++i)
            QCOMPARE(imported->lines.at(i).code, report->lines.at(i).code);
    }

    void badInputLeavesTheWorkspaceAsItWas_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QByteArray>("mapping");
        QTest::addColumn<QString>("expected");

        QFile condemned(Test::taipeiRegistry(QStringLiteral("condemned_building.geojson")));
        condemned.open(QIODevice::ReadOnly);
        QTest::newRow("corrupt file")
            << "corrupt.geojson" << condemned.read(700) << QByteArray() << "corrupt.geojson";
        // 王小明 in GBK, read as the mapping says: UTF-8.
        const QByteArray gbk = QByteArray("name,lon,lat\n") + QByteArray::fromHex("cdf5d0a1c3f7")
            + ",121.505,25.005\n";
        QTest::newRow("wrong encoding")
            << "gbk.csv" << gbk
            << QByteArray(R"({"encoding": "UTF-8", "fields": {"name": "name"}})") << "feature 1";
        QTest::newRow("missing mapping field")
            << "residents.csv" << residentsCsv()
            << QByteArray(R"({"fields": {"full_name": "name", "address": "address"}})")
            << "full_name";
        QTest::newRow("mapping to a field the kind lacks")
            << "residents.csv" << residentsCsv()
            << QByteArray(R"({"fields": {"name": "name", "phone": "mobile"}})") << "mobile";
        QTest::newRow("mapping not JSON")
            << "residents.csv" << residentsCsv() << QByteArray("{fields: name}") << "not JSON";
        const QByteArray bowtie = R"({"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {"name": "Good"},
             "geometry": {"type": "Point", "coordinates": [121.505, 25.005]}},
            {"type": "Feature", "properties": {"name": "Bow tie"},
             "geometry": {"type": "Polygon", "coordinates": [[[121.501, 25.001],
                 [121.503, 25.003], [121.503, 25.001], [121.501, 25.003], [121.501, 25.001]]]}}
            ]})";
        QTest::newRow("bad geometry")
            << "bowtie.geojson" << bowtie << QByteArray() << "feature 2: the geometry is not valid";
        QTest::newRow("nothing for the name")
            << "residents.csv" << residentsCsv()
            << QByteArray(R"({"fields": {"address": "address"}})") << "name";
    }

    void badInputLeavesTheWorkspaceAsItWas()
    {
        QFETCH(QString, fileName);
        QFETCH(QByteArray, content);
        QFETCH(QByteArray, mapping);
        QFETCH(QString, expected);
        const QString tag = QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-');
        const QString source = m_fixture.filePath(tag + u'-' + fileName);
        QVERIFY(writeFile(source, content));
        auto ws = m_fixture.squares(tag + QStringLiteral(".gpkg"));
        QVERIFY(ws);
        // Something already in the register that must survive.
        QVERIFY(writeFile(m_fixture.filePath(QStringLiteral("seed.csv")), residentsCsv()));
        RegisterImportOptions seed = options(QStringLiteral("person"));
        seed.skipRefused = true;
        QVERIFY(importRegister(*ws, m_fixture.filePath(QStringLiteral("seed.csv")), seed));
        const QString before = registerState(*ws);

        RegisterImportOptions import = options(QStringLiteral("person"));
        QString message;
        if (!mapping.isEmpty()) {
            auto parsed = RegisterMapping::fromJson(mapping, QStringLiteral("mapping.json"));
            if (parsed)
                import.mapping = *parsed;
            else
                message = parsed.error().message;
        }
        if (message.isEmpty()) {
            auto report = importRegister(*ws, source, import);
            if (!report) {
                message = report.error().message;
            } else {
                QVERIFY(!report->written);
                for (const RegisterImportLine &line : report->lines) {
                    if (line.action == RegisterImportLine::Action::Refused)
                        message +=
                            QStringLiteral("feature %1: %2\n").arg(line.feature).arg(line.reason);
                }
            }
        }
        QVERIFY2(message.contains(expected), qPrintable(message));
        QCOMPARE(registerState(*ws), before);
    }

    void csvWithPersonalDataAndReimportKeepsHistory()
    {
        auto ws = m_fixture.squares(QStringLiteral("residents.gpkg"));
        const QString csv = m_fixture.filePath(QStringLiteral("residents-first.csv"));
        QVERIFY(writeFile(csv, residentsCsv()));
        RegisterImportOptions import = options(QStringLiteral("person"));
        auto blocked = importRegister(*ws, csv, import);
        QVERIFY(blocked && !blocked->written);
        QCOMPARE(blocked->refused, 1);
        QCOMPARE(blocked->lines.at(3).reason, QStringLiteral("duplicates feature 1 of the file"));

        import.skipRefused = true;
        auto report = importRegister(*ws, csv, import);
        QVERIFY2(report.has_value(), Test::why(report).constData());
        QCOMPARE(report->created, 3);
        QCOMPARE(report->lines.at(0).grid, QStringLiteral("SQ-W"));
        QCOMPARE(report->lines.at(1).grid, QStringLiteral("SQ-E"));
        QCOMPARE(report->lines.at(2).grid, QStringLiteral("SQ-E"));

        // A changed phone number updates the entry found by its ID number, keeping the old one.
        QVERIFY(writeFile(csv, residentsCsv(QStringLiteral("0955000005"))));
        auto second = importRegister(*ws, csv, import);
        QVERIFY2(second.has_value(), Test::why(second).constData());
        QCOMPARE(second->created, 0);
        QCOMPARE(second->updated, 1);
        QCOMPARE(second->unchanged, 2);
        const QString code = second->lines.at(2).code;
        auto book = RegisterBook::load(*ws);
        auto history = book->history(code);
        QCOMPARE(history->size(), 2);
        QCOMPARE(history->last().before->fields.value(QStringLiteral("phone")).toString(),
            QStringLiteral("0933000003"));
        QCOMPARE((*book->entry(code))->fields.value(QStringLiteral("phone")).toString(),
            QStringLiteral("0955000005"));
    }

    void spreadsheetsImportThroughGdal()
    {
        GDALAllRegister();
        GDALDriverH driver = GDALGetDriverByName("XLSX");
        if (!driver)
            QSKIP("this GDAL has no XLSX driver");
        const QString path = m_fixture.filePath(QStringLiteral("organisations.xlsx"));
        GDALDatasetH dataset =
            GDALCreate(driver, QFile::encodeName(path).constData(), 0, 0, 0, GDT_Unknown, nullptr);
        QVERIFY(dataset);
        OGRLayerH layer =
            GDALDatasetCreateLayer(dataset, "organisations", nullptr, wkbNone, nullptr);
        for (const char *name : {"name", "address", "grid", "credit_code"}) {
            OGRFieldDefnH field = OGR_Fld_Create(name, OFTString);
            OGR_L_CreateField(layer, field, TRUE);
            OGR_Fld_Destroy(field);
        }
        const QList<QStringList> rows {
            {QStringLiteral("社區發展協會"), QStringLiteral("1 Square Road"),
                QStringLiteral("SQ-W"), QStringLiteral("91310000MA1FL00001")},
            {QStringLiteral("Neighbourhood Watch"), QStringLiteral("2 Square Road"),
                QStringLiteral("SQ-E"), QStringLiteral("91310000MA1FL00002")}};
        for (const QStringList &row : rows) {
            OGRFeatureH feature = OGR_F_Create(OGR_L_GetLayerDefn(layer));
            for (int i = 0; i < row.size(); ++i)
                OGR_F_SetFieldString(feature, i, row.at(i).toUtf8().constData());
            QCOMPARE(OGR_L_CreateFeature(layer, feature), OGRERR_NONE);
            OGR_F_Destroy(feature);
        }
        GDALClose(dataset);

        auto ws = m_fixture.squares(QStringLiteral("spreadsheet.gpkg"));
        auto report = importRegister(*ws, path, options(QStringLiteral("organisation")));
        QVERIFY2(report.has_value(), Test::why(report).constData());
        QCOMPARE(report->driver, QStringLiteral("XLSX"));
        QCOMPARE(report->created, 2);
        auto book = RegisterBook::load(*ws);
        RegisterQuery west;
        west.gridCode = QStringLiteral("SQ-W");
        auto entries = book->entries(west);
        QCOMPARE(entries->size(), 1);
        QCOMPARE(entries->first().name, QStringLiteral("社區發展協會"));
        QCOMPARE(entries->first().fields.value(QStringLiteral("credit_code")).toString(),
            QStringLiteral("91310000MA1FL00001"));
    }
};

GRIDDESK_TEST_MAIN(TestRegisterImport, QCoreApplication)
#include "tst_registerimport.moc"
