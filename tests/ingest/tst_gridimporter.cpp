// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "gis/gcj02.h"
#include "gis/wkb.h"
#include "ingest/gridimporter.h"
#include "storage/workspace.h"

#include "support/testsupport.h"
#include "workspacefixture.h"

#include <gdal_utils.h>

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

using namespace GridDesk;

namespace {
QString taipei(const QString &file)
{
    return Test::dataPath(QStringLiteral("taipei/") + file);
}

GridImportOptions districts()
{
    GridImportOptions options;
    options.level = GridLevel::District;
    options.codeField = QStringLiteral("CPTID");
    options.nameField = QStringLiteral("TNAME");
    return options;
}

GridImportOptions villages()
{
    GridImportOptions options;
    options.level = GridLevel::Base;
    options.codeField = QStringLiteral("CPTVID");
    options.nameField = QStringLiteral("VNAME");
    return options;
}

/// Moves every coordinate of a GeoJSON geometry array with f.
QJsonArray shifted(const QJsonArray &coordinates, const std::function<GeoPoint(GeoPoint)> &f)
{
    QJsonArray result;
    const bool isPosition = !coordinates.isEmpty() && coordinates.first().isDouble();
    if (isPosition) {
        const GeoPoint moved =
            f(GeoPoint {coordinates.at(0).toDouble(), coordinates.at(1).toDouble()});
        return QJsonArray {moved.lon, moved.lat};
    }
    for (const QJsonValue &value : coordinates)
        result << shifted(value.toArray(), f);
    return result;
}
} // namespace

class TestGridImporter : public QObject
{
    Q_OBJECT

private:
    Test::WorkspaceFixture m_workspaces;

    std::unique_ptr<Workspace> freshWorkspace() { return m_workspaces.fresh(); }

private Q_SLOTS:
    void villagesFindTheirDistrictByContainment_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("GeoJSON, UTF-8") << "wenshan_villages.geojson";
        QTest::newRow("Shapefile, Big5 without .cpg") << "wenshan_big5.shp";
        QTest::newRow("Shapefile, GBK without .cpg") << "wenshan_gbk.shp";
        QTest::newRow("Web Mercator") << "wenshan_3857.geojson";
    }
    void villagesFindTheirDistrictByContainment()
    {
        QFETCH(QString, file);
        auto workspace = freshWorkspace();
        auto summary = importGrids(
            *workspace, taipei(QStringLiteral("taipei_districts.geojson")), districts());
        QVERIFY2(summary.has_value(), Test::why(summary).constData());
        QCOMPARE(summary->imported, 12);

        summary = importGrids(*workspace, taipei(file), villages());
        QVERIFY2(summary.has_value(), Test::why(summary).constData());
        QCOMPARE(summary->read, 43);
        QCOMPARE(summary->imported, 43);

        const auto grids = workspace->grids(GridLevel::Base);
        QCOMPARE(grids->size(), 43);
        for (const Grid &grid : *grids) {
            QCOMPARE(grid.parentCode, QStringLiteral("6300800"));
            QVERIFY(grid.code.startsWith(grid.parentCode));
            QVERIFY(grid.name.endsWith(QStringLiteral("里")));
            QVERIFY2(grid.areaM2 > 50'000 && grid.areaM2 < 20'000'000,
                qPrintable(QString::number(grid.areaM2)));
        }
        const auto wenshan = workspace->grid(QStringLiteral("6300800"));
        QCOMPARE((*wenshan)->name, QStringLiteral("文山區"));
    }

    void layerOfAGeoPackageIsChosenByName()
    {
        // A GeoPackage with two layers, as another GIS would hand it over.
        const QString gpkg = m_workspaces.filePath(QStringLiteral("taipei_layers.gpkg"));
        for (const auto &[source, layer] :
            {std::pair {QStringLiteral("taipei_districts.geojson"), "districts"},
                std::pair {QStringLiteral("wenshan_villages.geojson"), "villages"}}) {
            const QByteArray input = QFile::encodeName(taipei(source));
            GDALDatasetH in =
                GDALOpenEx(input.constData(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr);
            QVERIFY(in);
            const bool exists = QFile::exists(gpkg);
            QByteArray name(layer);
            char *arguments[] = {const_cast<char *>("-nln"), name.data(),
                const_cast<char *>(exists ? "-update" : "-f"),
                const_cast<char *>(exists ? "-update" : "GPKG"), nullptr};
            GDALVectorTranslateOptions *options = GDALVectorTranslateOptionsNew(arguments, nullptr);
            int failed = 0;
            GDALDatasetH out = GDALVectorTranslate(
                QFile::encodeName(gpkg).constData(), nullptr, 1, &in, options, &failed);
            GDALVectorTranslateOptionsFree(options);
            QVERIFY(out && !failed);
            GDALClose(out);
            GDALClose(in);
        }

        auto workspace = freshWorkspace();
        GridImportOptions options = districts();
        options.layer = QStringLiteral("districts");
        QVERIFY(importGrids(*workspace, gpkg, options));
        options = villages();
        options.layer = QStringLiteral("villages");
        auto summary = importGrids(*workspace, gpkg, options);
        QVERIFY2(summary.has_value(), Test::why(summary).constData());
        QCOMPARE(summary->imported, 43);
        QCOMPARE(workspace->grids(GridLevel::Base)->first().parentCode, QStringLiteral("6300800"));

        options.layer = QStringLiteral("parcels");
        summary = importGrids(*workspace, gpkg, options);
        QVERIFY(!summary.has_value());
        QVERIFY(summary.error().message.contains(QLatin1String("districts, villages")));
    }

    void parentMustBeOfACoarserLevel()
    {
        // Two fine grids naming each other as parents: a cycle, and parents of the same level.
        const QString path = m_workspaces.filePath(QStringLiteral("cycle.geojson"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"type": "FeatureCollection", "features": [
 {"type": "Feature", "properties": {"code": "A", "parent": "B"}, "geometry": {"type": "Polygon",
  "coordinates": [[[121.0, 25.0], [121.1, 25.0], [121.1, 25.1], [121.0, 25.0]]]}},
 {"type": "Feature", "properties": {"code": "B", "parent": "A"}, "geometry": {"type": "Polygon",
  "coordinates": [[[121.2, 25.0], [121.3, 25.0], [121.3, 25.1], [121.2, 25.0]]]}}]})");
        file.close();
        auto workspace = freshWorkspace();
        GridImportOptions options;
        options.level = GridLevel::Fine;
        options.codeField = QStringLiteral("code");
        options.parentField = QStringLiteral("parent");
        auto summary = importGrids(*workspace, path, options);
        QVERIFY(!summary.has_value());
        QVERIFY2(summary.error().message.contains(QLatin1String("coarser level")),
            qPrintable(summary.error().message));
        QCOMPARE(*workspace->gridCount(), 0);
    }

    void unreadablePrjIsNamed()
    {
        QTemporaryDir dir;
        for (const char *suffix : {"shp", "shx", "dbf"}) {
            const QString name = QStringLiteral("wenshan_gbk.") + QLatin1String(suffix);
            QVERIFY(QFile::copy(taipei(name), dir.filePath(name)));
        }
        QFile prj(dir.filePath(QStringLiteral("wenshan_gbk.prj")));
        QVERIFY(prj.open(QIODevice::WriteOnly));
        prj.write("GEOGCS[\"garbage");
        prj.close();
        auto workspace = freshWorkspace();
        auto summary =
            importGrids(*workspace, dir.filePath(QStringLiteral("wenshan_gbk.shp")), villages());
        QVERIFY(!summary.has_value());
        QVERIFY2(
            summary.error().message.contains(QLatin1String("The .prj file of wenshan_gbk.shp")),
            qPrintable(summary.error().message));
    }

    void pointsAreRefusedWithoutTheRepairHint()
    {
        auto workspace = freshWorkspace();
        GridImportOptions options;
        options.level = GridLevel::Base;
        const QString path = m_workspaces.filePath(QStringLiteral("points.geojson"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"type": "FeatureCollection", "features": [{"type": "Feature",
 "properties": {"code": "P"}, "geometry": {"type": "Point", "coordinates": [121.0, 25.0]}}]})");
        file.close();
        auto summary = importGrids(*workspace, path, options);
        QVERIFY(!summary.has_value());
        QVERIFY(summary.error().message.contains(QLatin1String("grids must be polygons")));
        QVERIFY(!summary.error().message.contains(QLatin1String("--repair-invalid")));
    }

    void invalidPolygonFailsTheWholeImport()
    {
        auto workspace = freshWorkspace();
        GridImportOptions options;
        options.level = GridLevel::Base;
        options.codeField = QStringLiteral("code");
        auto summary = importGrids(
            *workspace, Test::dataPath(QStringLiteral("nyc/bowtie_grids.geojson")), options);
        QVERIFY(!summary.has_value());
        const QString message = summary.error().message;
        QVERIFY2(message.contains(QLatin1String("feature 2")), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("T2")), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("Self-intersection")), qPrintable(message));
        QCOMPARE(*workspace->gridCount(), 0);
    }

    void invalidPolygonIsRepairedWhenAsked()
    {
        auto workspace = freshWorkspace();
        GridImportOptions options;
        options.level = GridLevel::Base;
        options.codeField = QStringLiteral("code");
        options.repairInvalid = true;
        auto summary = importGrids(
            *workspace, Test::dataPath(QStringLiteral("nyc/bowtie_grids.geojson")), options);
        QVERIFY2(summary.has_value(), Test::why(summary).constData());
        QCOMPARE(summary->imported, 2);
        QVERIFY(summary->notes.join(u' ').contains(QLatin1String("feature 2 (T2): repaired")));
        // The bow tie becomes two triangles, half the area of its bounding square.
        const auto bowTie = workspace->grid(QStringLiteral("T2"));
        const auto square = workspace->grid(QStringLiteral("T1"));
        QVERIFY(qAbs((*bowTie)->areaM2 / (*square)->areaM2 - 0.5) < 0.01);
    }

    void failedImportKeepsWhatWasThere()
    {
        auto workspace = freshWorkspace();
        QVERIFY(importGrids(
            *workspace, taipei(QStringLiteral("taipei_districts.geojson")), districts()));
        GridImportOptions options = villages();
        options.codeField = QStringLiteral("VILLAGE_CODE");
        auto summary =
            importGrids(*workspace, taipei(QStringLiteral("wenshan_villages.geojson")), options);
        QVERIFY(!summary.has_value());
        QCOMPARE(summary.error().code, ErrorCode::MissingField);
        QVERIFY(summary.error().message.contains(QLatin1String("VILLAGE_CODE")));
        QVERIFY(summary.error().message.contains(QLatin1String("CPTVID")));
        QCOMPARE(*workspace->gridCount(), 12);
    }

    void unknownParentCodeIsRefused()
    {
        auto workspace = freshWorkspace();
        GridImportOptions options = villages();
        options.parentField = QStringLiteral("CPTID");
        auto summary =
            importGrids(*workspace, taipei(QStringLiteral("wenshan_villages.geojson")), options);
        QVERIFY(!summary.has_value());
        QVERIFY(summary.error().message.contains(QLatin1String("6300800")));
        QCOMPARE(*workspace->gridCount(), 0);
    }

    void parentFieldIsUsedWhenGiven()
    {
        auto workspace = freshWorkspace();
        QVERIFY(importGrids(
            *workspace, taipei(QStringLiteral("taipei_districts.geojson")), districts()));
        GridImportOptions options = villages();
        options.parentField = QStringLiteral("CPTID");
        auto summary =
            importGrids(*workspace, taipei(QStringLiteral("wenshan_villages.geojson")), options);
        QVERIFY2(summary.has_value(), Test::why(summary).constData());
        QVERIFY(!summary->notes.join(u' ').contains(QLatin1String("containment")));
        QCOMPARE(workspace->grids(GridLevel::Base)->first().parentCode, QStringLiteral("6300800"));
    }

    void reimportReplacesByCode()
    {
        auto workspace = freshWorkspace();
        QVERIFY(importGrids(
            *workspace, taipei(QStringLiteral("taipei_districts.geojson")), districts()));
        QVERIFY(importGrids(
            *workspace, taipei(QStringLiteral("taipei_districts.geojson")), districts()));
        QCOMPARE(*workspace->gridCount(), 12);
    }

    void codeOfAnotherLevelIsRefused()
    {
        auto workspace = freshWorkspace();
        QVERIFY(importGrids(
            *workspace, taipei(QStringLiteral("taipei_districts.geojson")), districts()));
        GridImportOptions options = districts();
        options.level = GridLevel::Base;
        auto summary =
            importGrids(*workspace, taipei(QStringLiteral("taipei_districts.geojson")), options);
        QVERIFY(!summary.has_value());
        QVERIFY2(summary.error().message.contains(QLatin1String("district")),
            Test::why(summary).constData());
        QCOMPARE(*workspace->gridCount(), 12);
        QCOMPARE(workspace->grids(GridLevel::District)->size(), 12);
    }

    void gridThatIsItsOwnParentIsRefused()
    {
        auto workspace = freshWorkspace();
        GridImportOptions options = districts();
        options.parentField = QStringLiteral("CPTID");
        auto summary =
            importGrids(*workspace, taipei(QStringLiteral("taipei_districts.geojson")), options);
        QVERIFY(!summary.has_value());
        QVERIFY2(summary.error().message.contains(QLatin1String("6301200")),
            Test::why(summary).constData());
        QCOMPARE(*workspace->gridCount(), 0);
    }

    void missingPrjNeedsSourceCrs()
    {
        auto workspace = freshWorkspace();
        auto summary =
            importGrids(*workspace, taipei(QStringLiteral("wenshan_noprj.shp")), villages());
        QVERIFY(!summary.has_value());
        QCOMPARE(summary.error().code, ErrorCode::MissingCrs);
        GridImportOptions options = villages();
        options.sourceCrs = QStringLiteral("EPSG:4326");
        QVERIFY(importGrids(*workspace, taipei(QStringLiteral("wenshan_noprj.shp")), options));
        QCOMPARE(*workspace->gridCount(), 43);
    }

    void gcj02FileLandsOnTheWgs84Grids()
    {
        // The villages as a mainland map service would publish them: shifted to GCJ-02.
        QFile original(taipei(QStringLiteral("wenshan_villages.geojson")));
        QVERIFY(original.open(QIODevice::ReadOnly));
        QJsonObject collection = QJsonDocument::fromJson(original.readAll()).object();
        QJsonArray features = collection.value(QStringLiteral("features")).toArray();
        for (qsizetype i = 0; i < features.size(); ++i) {
            QJsonObject feature = features.at(i).toObject();
            QJsonObject geometry = feature.value(QStringLiteral("geometry")).toObject();
            geometry.insert(QStringLiteral("coordinates"),
                shifted(
                    geometry.value(QStringLiteral("coordinates")).toArray(), &Gcj02::fromWgs84));
            feature.insert(QStringLiteral("geometry"), geometry);
            features.replace(i, feature);
        }
        collection.insert(QStringLiteral("features"), features);
        QFile gcj(m_workspaces.filePath(QStringLiteral("wenshan_gcj02.geojson")));
        QVERIFY(gcj.open(QIODevice::WriteOnly));
        gcj.write(QJsonDocument(collection).toJson(QJsonDocument::Compact));
        gcj.close();

        auto reference = freshWorkspace();
        QVERIFY(importGrids(*reference, original.fileName(), villages()));
        auto converted = freshWorkspace();
        GridImportOptions options = villages();
        options.sourceCrs = QStringLiteral("gcj02");
        QVERIFY(importGrids(*converted, gcj.fileName(), options));
        auto unconverted = freshWorkspace();
        QVERIFY(importGrids(*unconverted, gcj.fileName(), villages()));

        const auto want = reference->grids(GridLevel::Base);
        const auto got = converted->grids(GridLevel::Base);
        const auto off = unconverted->grids(GridLevel::Base);
        for (qsizetype i = 0; i < want->size(); ++i) {
            QCOMPARE(got->at(i).code, want->at(i).code);
            QVERIFY(qAbs(got->at(i).bbox.west - want->at(i).bbox.west) < 1e-7);
            QVERIFY(qAbs(got->at(i).bbox.north - want->at(i).bbox.north) < 1e-7);
            // Without the option the offset (hundreds of metres) stays in the data.
            QVERIFY(qAbs(off->at(i).bbox.west - want->at(i).bbox.west) > 1e-3);
        }
    }

    void codesAreMadeWhenTheFileHasNone()
    {
        auto workspace = freshWorkspace();
        QVERIFY(importGrids(
            *workspace, taipei(QStringLiteral("taipei_districts.geojson")), districts()));
        GridImportOptions options;
        options.level = GridLevel::Business;
        options.nameField = QStringLiteral("VNAME");
        auto summary =
            importGrids(*workspace, taipei(QStringLiteral("wenshan_villages.geojson")), options);
        QVERIFY2(summary.has_value(), Test::why(summary).constData());
        const auto business = workspace->grids(GridLevel::Business);
        QCOMPARE(business->size(), 43);
        QCOMPARE(business->first().code, QStringLiteral("6300800-001"));
        QCOMPARE(business->first().parentCode, QStringLiteral("6300800"));
    }
};

GRIDDESK_TEST_MAIN(TestGridImporter, QCoreApplication)
#include "tst_gridimporter.moc"
