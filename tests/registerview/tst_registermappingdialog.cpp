// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "register/registerfixture.h"

#include "register/registerimport.h"
#include "register/registermappingstore.h"
#include "registerview/registermappingdialog.h"
#include "registerview/registerpanel.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>

using namespace GridDesk;

namespace {

const QString BIKES = QStringLiteral("youbike_sub_stn_1.geojson");

qint64 entriesOf(const Workspace &workspace, const QString &kind)
{
    return Test::scalar(workspace,
        QStringLiteral("SELECT count(*) FROM register_entries WHERE kind = '%1'").arg(kind))
        .toLongLong();
}

qint64 things(const Workspace &workspace)
{
    return entriesOf(workspace, QStringLiteral("thing"));
}

/// The source columns the table offers for a register field ("— none —" first).
QStringList offeredColumns(const RegisterMappingDialog &dialog, const QString &target)
{
    const auto *source = dialog.findChild<QComboBox *>(QStringLiteral("source_") + target);
    QStringList columns;
    for (int index = 1; source && index < source->count(); ++index)
        columns << source->itemData(index).toString();
    return columns;
}

/// The grids the last dry run would put each row in, in file order.
QStringList gridsOf(const RegisterMappingDialog &dialog)
{
    QStringList grids;
    for (const RegisterImportLine &line : dialog.lastReport()->lines)
        grids << line.grid;
    return grids;
}

/// The bike stations mapped in the dialog as the shipped mapping file maps them.
void mapBikes(RegisterMappingDialog &dialog)
{
    dialog.setKind(QStringLiteral("thing"));
    dialog.mapField(QStringLiteral("name"), QStringLiteral("stop_name"));
    dialog.mapField(QStringLiteral("district"), QStringLiteral("dist"));
    dialog.mapField(QStringLiteral("capacity"), QStringLiteral("capacity"));
    dialog.setValue(QStringLiteral("component_type"), QStringLiteral("public bike station"));
}

} // namespace

class TestRegisterMappingDialog : public QObject
{
    Q_OBJECT

private:
    Test::RegisterFixture m_fixture;

    std::unique_ptr<Workspace> taipei(const QString &name)
    {
        const QString path = m_fixture.taipeiCopy(name);
        auto workspace = path.isEmpty() ? std::nullopt : std::optional(Workspace::open(path));
        return workspace && *workspace ? std::move(**workspace) : nullptr;
    }

private Q_SLOTS:
    void mapsARealFileDryRunsAndImportsIt()
    {
        if (!QFile::exists(Test::taipeiRegistry(BIKES)))
            QSKIP("the shared data folder with Taipei's registers is not beside this checkout");
        auto ws = taipei(QStringLiteral("bikes.gpkg"));
        QVERIFY(ws);
        const qint64 before = things(*ws);
        RegisterMappingDialog dialog(*ws, QStringLiteral("Supervisor Li"));
        dialog.show();
        QVERIFY(dialog.openFile(Test::taipeiRegistry(BIKES)));

        // The file's columns beside the kind's fields, with the first row as a sample.
        dialog.setKind(QStringLiteral("thing"));
        QTableWidget *fields = dialog.fieldsTable();
        QVERIFY(fields->rowCount() > 7);
        auto *nameSource = qobject_cast<QComboBox *>(fields->cellWidget(1, 1));
        QVERIFY(nameSource);
        QCOMPARE(nameSource->count(), 5); // none, stop_name, dist, capacity, sum_cor

        // Nothing named like "name": the dry run says what to map, and writes nothing.
        QVERIFY(!dialog.dryRun());
        QVERIFY2(
            dialog.message().contains(QLatin1String("\"name\"")), qPrintable(dialog.message()));

        mapBikes(dialog);
        QCOMPARE(fields->item(1, 3)->text(), QStringLiteral("捷運科技大樓站"));
        QVERIFY(dialog.dryRun());
        QCOMPARE(things(*ws), before);

        // The same counts as the mapping file shipped for these stations gives.
        auto shipped =
            RegisterMapping::load(Test::taipeiMapping(QStringLiteral("youbike_sub_stn_1.json")));
        QVERIFY(shipped.has_value());
        RegisterImportOptions options;
        options.kind = QStringLiteral("thing");
        options.mapping = *shipped;
        options.dryRun = true;
        options.importedBy = QStringLiteral("test");
        auto expected = importRegister(*ws, Test::taipeiRegistry(BIKES), options);
        QVERIFY2(expected.has_value(), Test::why(expected).constData());
        const RegisterImportReport &report = *dialog.lastReport();
        QCOMPARE(report.features, 1226);
        QCOMPARE(report.created, expected->created);
        QCOMPARE(report.refused, expected->refused);
        QCOMPARE(dialog.previewTable()->rowCount(), 1226);
        QVERIFY(dialog.summary().contains(QString::number(expected->created)));

        const QString folder = QStringLiteral(GRIDDESK_SCREENSHOT_DIR);
        QVERIFY(QDir().mkpath(folder));
        QVERIFY(dialog.grab().save(QDir(folder).filePath(QStringLiteral("register-mapping.png"))));

        // The import writes in one go and remembers the mapping for files named alike.
        dialog.setPattern(QStringLiteral("youbike_*.geojson"));
        if (report.refused > 0)
            dialog.findChild<QCheckBox *>(QStringLiteral("skipRefused"))->setChecked(true);
        QSignalSpy imported(&dialog, &RegisterMappingDialog::imported);
        QVERIFY2(dialog.importFile(), qPrintable(dialog.message()));
        QCOMPARE(imported.count(), 1);
        QCOMPARE(things(*ws), before + expected->created);

        const QString copy = m_fixture.filePath(QStringLiteral("youbike_sub_stn_2.geojson"));
        QFile::remove(copy);
        QVERIFY(QFile::copy(Test::taipeiRegistry(BIKES), copy));
        RegisterMappingDialog again(*ws, QStringLiteral("Supervisor Li"));
        QVERIFY(again.openFile(copy));
        QCOMPARE(again.kind(), QStringLiteral("thing"));
        QVERIFY2(again.message().contains(QLatin1String("youbike_*.geojson")),
            qPrintable(again.message()));
        QCOMPARE(again.mapping().sourcesOf(QStringLiteral("name")),
            QStringList({QStringLiteral("stop_name")}));
        QCOMPARE(again.mapping().values.value(QStringLiteral("component_type")).toString(),
            QStringLiteral("public bike station"));
        // Imported again, the stations are all there already.
        QVERIFY(again.dryRun());
        QCOMPARE(again.lastReport()->created, 0);
    }

    void badInputGetsAClearMessageAndWritesNothing()
    {
        if (!QFile::exists(Test::taipeiRegistry(BIKES)))
            QSKIP("the shared data folder with Taipei's registers is not beside this checkout");
        auto ws = taipei(QStringLiteral("bad.gpkg"));
        QVERIFY(ws);
        const qint64 before = things(*ws);
        RegisterMappingDialog dialog(*ws, QStringLiteral("Supervisor Li"));
        QVERIFY(!dialog.importFile());
        QVERIFY(!dialog.message().isEmpty());

        QVERIFY(!dialog.openFile(Test::dataPath(QStringLiteral("../../README.md"))));
        QVERIFY2(
            dialog.message().contains(QLatin1String("README.md")), qPrintable(dialog.message()));

        // A fixed value not of its field's type refuses every row; nothing is imported.
        QVERIFY(dialog.openFile(Test::taipeiRegistry(BIKES)));
        mapBikes(dialog);
        dialog.mapField(QStringLiteral("capacity"), {});
        dialog.setValue(QStringLiteral("capacity"), QStringLiteral("many"));
        QVERIFY(!dialog.importFile());
        QCOMPARE(dialog.lastReport()->refused, 1226);
        QVERIFY2(dialog.message().contains(QLatin1String("Nothing was imported")),
            qPrintable(dialog.message()));
        QVERIFY(dialog.previewTable()->item(0, 5)->text().contains(QLatin1String("capacity")));
        QCOMPARE(things(*ws), before);
        auto remembered = RegisterMappingStore::all(*ws);
        QVERIFY(remembered.has_value());
        QVERIFY(remembered->isEmpty());
    }

    void aLayerOfAGeoPackageIsChosenWithItsSourceCrs()
    {
        auto ws = taipei(QStringLiteral("layers.gpkg"));
        QVERIFY(ws);
        const QString file = m_fixture.filePath(QStringLiteral("patrol_points.gpkg"));
        QVERIFY(Test::writeTwoLayerGeoPackage(file));
        const qint64 before = entriesOf(*ws, QStringLiteral("place"));
        RegisterMappingDialog dialog(*ws, QStringLiteral("Supervisor Li"));
        dialog.show();
        QVERIFY2(dialog.openFile(file), qPrintable(dialog.message()));

        // The first layer at first; the other offered beside it. A GeoPackage's text is UTF-8.
        QCOMPARE(
            dialog.layers(), QStringList({QStringLiteral("lamps"), QStringLiteral("shelters")}));
        QCOMPARE(dialog.layer(), QStringLiteral("lamps"));
        QVERIFY(dialog.findChild<QComboBox *>(QStringLiteral("layer"))->isEnabled());
        QVERIFY(!dialog.findChild<QComboBox *>(QStringLiteral("encoding"))->isEnabled());
        QCOMPARE(offeredColumns(dialog, QStringLiteral("name")),
            QStringList({QStringLiteral("name"), QStringLiteral("lamp_code")}));
        dialog.setKind(QStringLiteral("thing"));
        QVERIFY2(dialog.dryRun(), qPrintable(dialog.message()));
        const QStringList lampGrids = gridsOf(dialog);
        QCOMPARE(lampGrids.size(), 2);
        QVERIFY(!lampGrids.at(0).isEmpty() && !lampGrids.at(1).isEmpty());
        QVERIFY(lampGrids.at(0) != lampGrids.at(1));

        // A layer that is not there is named, with those that are.
        QVERIFY(!dialog.setLayer(QStringLiteral("benches")));
        QVERIFY2(dialog.message().contains(QLatin1String("\"benches\""))
                && dialog.message().contains(QLatin1String("lamps, shelters")),
            qPrintable(dialog.message()));
        QCOMPARE(dialog.layer(), QStringLiteral("lamps"));

        // The shelters' layer says WGS84 but holds metres: the first row already shows it, and
        // neither the dry run nor the import takes it.
        QVERIFY(!dialog.setLayer(QStringLiteral("shelters")));
        QCOMPARE(dialog.layer(), QStringLiteral("shelters"));
        QCOMPARE(offeredColumns(dialog, QStringLiteral("name")),
            QStringList({QStringLiteral("name"), QStringLiteral("address")}));
        QVERIFY2(
            dialog.message().contains(QLatin1String("Source CRS")), qPrintable(dialog.message()));
        dialog.setKind(QStringLiteral("place"));
        QVERIFY(!dialog.dryRun());
        QVERIFY2(dialog.message().contains(QLatin1String("not longitude/latitude")),
            qPrintable(dialog.message()));
        QVERIFY(!dialog.importFile());
        QCOMPARE(entriesOf(*ws, QStringLiteral("place")), before);

        // An EPSG code PROJ does not know is named, and nothing is read with it.
        QVERIFY(!dialog.setSourceCrs(QStringLiteral("999999")));
        QVERIFY2(
            dialog.message().contains(QLatin1String("EPSG:999999")), qPrintable(dialog.message()));
        QVERIFY(!dialog.importFile());
        QVERIFY(dialog.message().contains(QLatin1String("EPSG:999999")));
        QCOMPARE(entriesOf(*ws, QStringLiteral("place")), before);

        // TWD97 / TM2 puts each shelter in the grid of the lamp at the same spot.
        QVERIFY2(dialog.setSourceCrs(QStringLiteral("3826")), qPrintable(dialog.message()));
        QCOMPARE(dialog.sourceCrs(), QStringLiteral("EPSG:3826"));
        QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("sourceCrsRead"))
                    ->text()
                    .contains(QLatin1String("TWD97")));
        QVERIFY2(dialog.dryRun(), qPrintable(dialog.message()));
        QCOMPARE(dialog.lastReport()->created, 2);
        QCOMPARE(gridsOf(dialog), lampGrids);
        QCOMPARE(entriesOf(*ws, QStringLiteral("place")), before);

        const QString folder = QStringLiteral(GRIDDESK_SCREENSHOT_DIR);
        QVERIFY(QDir().mkpath(folder));
        QVERIFY(dialog.grab().save(
            QDir(folder).filePath(QStringLiteral("register-mapping-layer.png"))));

        dialog.setPattern(QStringLiteral("patrol_points*.gpkg"));
        QVERIFY2(dialog.importFile(), qPrintable(dialog.message()));
        QCOMPARE(entriesOf(*ws, QStringLiteral("place")), before + 2);
        auto remembered = RegisterMappingStore::all(*ws);
        QVERIFY(remembered.has_value());
        QCOMPARE(remembered->size(), 1);
        QCOMPARE(remembered->first().mapping.layer, QStringLiteral("shelters"));
        QCOMPARE(
            remembered->first().mapping.sourceCrs.value_or(QString()), QStringLiteral("EPSG:3826"));
        QVERIFY(!remembered->first().mapping.encoding);

        // The next file of the kind opens at the layer and with the CRS remembered.
        const QString next = m_fixture.filePath(QStringLiteral("patrol_points_2.gpkg"));
        QVERIFY(Test::writeTwoLayerGeoPackage(next));
        RegisterMappingDialog again(*ws, QStringLiteral("Supervisor Li"));
        QVERIFY(again.openFile(next));
        QCOMPARE(again.layer(), QStringLiteral("shelters"));
        QCOMPARE(again.sourceCrs(), QStringLiteral("EPSG:3826"));
        QCOMPARE(again.kind(), QStringLiteral("place"));
        QVERIFY2(again.dryRun(), qPrintable(again.message()));
        QCOMPARE(again.lastReport()->created, 0);
        QCOMPARE(again.lastReport()->updated + again.lastReport()->unchanged, 2);
    }

    void theTextEncodingOfACsvIsChosen()
    {
        auto ws = taipei(QStringLiteral("gbk.gpkg"));
        QVERIFY(ws);
        const QString file = m_fixture.filePath(QStringLiteral("components_gbk.csv"));
        QVERIFY(Test::writeGbkCsv(file));
        const qint64 before = things(*ws);
        RegisterMappingDialog dialog(*ws, QStringLiteral("Supervisor Li"));
        QVERIFY2(dialog.openFile(file), qPrintable(dialog.message()));
        dialog.setKind(QStringLiteral("thing"));
        QCOMPARE(dialog.layers().size(), 1);
        QCOMPARE(dialog.layer(), QString());
        QVERIFY(!dialog.findChild<QComboBox *>(QStringLiteral("layer"))->isEnabled());
        QVERIFY(dialog.findChild<QComboBox *>(QStringLiteral("encoding"))->isEnabled());

        // Read as UTF-8 the names do not decode: said at once, naming the row and the column,
        // and the import takes nothing.
        QVERIFY(!dialog.setEncoding(QStringLiteral("UTF-8")));
        QVERIFY2(dialog.message().contains(QLatin1String("feature 1"))
                && dialog.message().contains(QLatin1String("name")),
            qPrintable(dialog.message()));
        QVERIFY(!dialog.importFile());
        QVERIFY(dialog.message().contains(QLatin1String("feature 1")));
        QCOMPARE(things(*ws), before);
        QVERIFY(!dialog.setEncoding(QStringLiteral("Shift_JIS")));
        QVERIFY(dialog.message().contains(QLatin1String("Shift_JIS")));
        QCOMPARE(dialog.encoding(), QStringLiteral("UTF-8"));

        QVERIFY2(dialog.setEncoding(QStringLiteral("GB18030")), qPrintable(dialog.message()));
        QCOMPARE(dialog.encoding(), QStringLiteral("GBK"));
        QCOMPARE(dialog.fieldsTable()->item(1, 3)->text(), QStringLiteral("北京东路路灯"));
        QVERIFY2(dialog.importFile(), qPrintable(dialog.message()));
        QCOMPARE(things(*ws), before + 2);
        QCOMPARE(Test::scalar(*ws,
                     QStringLiteral("SELECT count(*) FROM register_entries WHERE name IN "
                                    "('北京东路路灯', '人民广场消防栓')"))
                     .toLongLong(),
            2);
        auto remembered = RegisterMappingStore::forFile(*ws, file);
        QVERIFY(remembered && *remembered);
        QCOMPARE((*remembered)->mapping.encoding.value_or(QString()), QStringLiteral("GBK"));
        QVERIFY((*remembered)->mapping.layer.isEmpty());
    }

    void aShapefileWithoutItsPrjIsGivenItsCrs()
    {
        auto ws = taipei(QStringLiteral("noprj.gpkg"));
        QVERIFY(ws);
        const qint64 before = entriesOf(*ws, QStringLiteral("place"));
        RegisterMappingDialog dialog(*ws, QStringLiteral("Supervisor Li"));
        QVERIFY(dialog.openFile(Test::dataPath(QStringLiteral("taipei/wenshan_noprj.shp"))));
        QVERIFY2(
            dialog.message().contains(QLatin1String("Source CRS")), qPrintable(dialog.message()));
        QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("sourceCrsRead"))
                    ->text()
                    .contains(QLatin1String("no coordinate system")));
        dialog.setKind(QStringLiteral("place"));
        dialog.mapField(QStringLiteral("name"), QStringLiteral("VNAME"));
        QVERIFY(!dialog.dryRun());
        QVERIFY2(dialog.message().contains(QLatin1String("EPSG")), qPrintable(dialog.message()));

        QVERIFY2(dialog.setSourceCrs(QStringLiteral("EPSG:4326")), qPrintable(dialog.message()));
        QVERIFY2(dialog.dryRun(), qPrintable(dialog.message()));
        QCOMPARE(dialog.lastReport()->features, 43);
        QCOMPARE(dialog.lastReport()->created, 43);
        QCOMPARE(dialog.lastReport()->outsideGrids, 0);
        QCOMPARE(entriesOf(*ws, QStringLiteral("place")), before);
    }

    void theRegisterDockOpensIt()
    {
        const QString path = m_fixture.taipeiCopy(QStringLiteral("dock.gpkg"));
        RegisterPanel panel;
        panel.setWorkspace(path);
        panel.setUser(QStringLiteral("Supervisor Li"), QStringLiteral("supervisor"));
        QTest::mouseClick(
            panel.findChild<QPushButton *>(QStringLiteral("registerImport")), Qt::LeftButton);
        QVERIFY(panel.importDialog());
        QVERIFY(panel.importDialog()->isVisible());
    }
};

GRIDDESK_TEST_MAIN(TestRegisterMappingDialog, QApplication)
#include "tst_registermappingdialog.moc"
