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
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>

using namespace GridDesk;

namespace {

const QString BIKES = QStringLiteral("youbike_sub_stn_1.geojson");

qint64 things(const Workspace &workspace)
{
    return Test::scalar(
        workspace, QStringLiteral("SELECT count(*) FROM register_entries WHERE kind = 'thing'"))
        .toLongLong();
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
    void initTestCase()
    {
        if (!QFile::exists(Test::taipeiRegistry(BIKES)))
            QSKIP("the shared data folder with Taipei's registers is not beside this checkout");
    }

    void mapsARealFileDryRunsAndImportsIt()
    {
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
