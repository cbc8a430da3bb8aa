// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "clirunner.h"
#include "support/testsupport.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>

namespace {

using GridDesk::Test::cli;
using GridDesk::Test::Run;

QJsonArray gridsOf(const QString &workspace, const QString &level)
{
    return QJsonDocument::fromJson(cli({"grids", workspace, "--level", level, "--json"}).out)
        .array();
}

/// code → the grid's JSON, for comparing workspaces whatever their order.
QMap<QString, QJsonObject> byCode(const QJsonArray &grids)
{
    QMap<QString, QJsonObject> map;
    for (const QJsonValue &grid : grids)
        map.insert(grid.toObject().value("code").toString(), grid.toObject());
    return map;
}

/// Whether a run printed that it wrote count grids in format (plural forms come from the
/// translations, "grid(s)" without them).
bool wrote(const Run &run, int count, const QString &format)
{
    const QRegularExpression line(
        QStringLiteral(": %1 grid(s|\\(s\\))? written as %2").arg(count).arg(format));
    return line.match(QString::fromUtf8(run.out)).hasMatch();
}

/// The default QGIS style stored in an exported GeoPackage.
QString defaultStyleQml(const QString &gpkg)
{
    QString qml;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), gpkg);
        db.setDatabaseName(gpkg);
        if (db.open()) {
            QSqlQuery query(db);
            query.exec(QStringLiteral("SELECT styleQML FROM layer_styles WHERE f_table_name = "
                                      "'grids' AND useAsDefault"));
            if (query.next())
                qml = query.value(0).toString();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(gpkg);
    return qml;
}

} // namespace

class TestExportCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_nyc;
    QString m_taipei;

    QString nyc(const QString &file) const
    {
        return GridDesk::Test::mapsPath(QStringLiteral("nyc/") + file);
    }
    QString out(const QString &name) const { return m_dir.filePath(name); }

    /// Imports an exported file into a new workspace as griddesk-cli users would.
    void importInto(const QString &workspace, const QString &file, const QString &level,
        const QStringList &extra = {})
    {
        const Run run = cli(QStringList {"import-grids", workspace, file, "--level", level,
                                "--code-field", "code", "--name-field", "name"}
            + extra);
        QVERIFY2(run.status == 0, qPrintable(run.err));
    }

    void compareWorkspaces(const QString &left, const QString &right, const QString &level)
    {
        const QMap<QString, QJsonObject> a = byCode(gridsOf(left, level));
        const QMap<QString, QJsonObject> b = byCode(gridsOf(right, level));
        QVERIFY(!a.isEmpty());
        QCOMPARE(b.keys(), a.keys());
        for (const QString &code : a.keys()) {
            QCOMPARE(b[code].value("name").toString(), a[code].value("name").toString());
            QCOMPARE(b[code].value("parent"), a[code].value("parent"));
            const double area = a[code].value("area_m2").toDouble();
            QVERIFY2(qAbs(b[code].value("area_m2").toDouble() - area) <= area * 1e-6 + 0.1,
                qPrintable(QStringLiteral("%1: %2 m² back, %3 m² exported")
                               .arg(code)
                               .arg(b[code].value("area_m2").toDouble(), 0, 'f', 1)
                               .arg(area, 0, 'f', 1)));
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_nyc = out(QStringLiteral("nyc.gpkg"));
        Run run = cli({"import-grids", m_nyc, nyc("nyc_boroughs.geojson"), "--level", "district",
            "--code-field", "borough_code", "--name-field", "name"});
        QVERIFY2(run.status == 0, qPrintable(run.err));
        run = cli({"import-grids", m_nyc, nyc("nyc_community_districts.geojson"), "--level", "base",
            "--code-field", "boro_cd", "--name-field", "name"});
        QVERIFY2(run.status == 0, qPrintable(run.err));

        m_taipei = out(QStringLiteral("taipei.gpkg"));
        run = cli({"import-grids", m_taipei,
            GridDesk::Test::dataPath(QStringLiteral("taipei/wenshan_villages.geojson")), "--level",
            "base", "--code-field", "CPTVID", "--name-field", "VNAME"});
        QVERIFY2(run.status == 0, qPrintable(run.err));
    }

    void exportPrintsWhatItWrote()
    {
        const QString file = out(QStringLiteral("all.gpkg"));
        const Run run = cli({"export-grids", m_nyc, file, "--crs", "EPSG:4490"});
        QVERIFY2(run.status == 0, qPrintable(run.err));
        QVERIFY2(wrote(run, 64, QStringLiteral("GeoPackage")), run.out.constData());
        QVERIFY(run.out.contains("EPSG:4490"));
        QVERIFY(run.out.contains(QFileInfo(file).absoluteFilePath().toUtf8()));

        // The workstation's own colours: base grids filled, district outlines dark.
        const QString qml = defaultStyleQml(file);
        QVERIFY(qml.contains(QLatin1String("categorizedSymbol")));
        QVERIFY(qml.contains(QLatin1String("227,236,214,255")));
        QVERIFY(qml.contains(QLatin1String("47,47,58,255")));
    }

    void geoPackageRoundTrip_data()
    {
        QTest::addColumn<QString>("crs");
        QTest::newRow("WGS84") << "";
        QTest::newRow("New York Long Island, US feet") << "EPSG:2263";
    }
    void geoPackageRoundTrip()
    {
        QFETCH(QString, crs);
        const QString tag = crs.isEmpty() ? QStringLiteral("wgs84") : QStringLiteral("2263");
        const QString districts = out(QStringLiteral("districts_%1.gpkg").arg(tag));
        const QString base = out(QStringLiteral("base_%1.gpkg").arg(tag));
        QStringList crsOption;
        if (!crs.isEmpty())
            crsOption << "--crs" << crs;
        Run run =
            cli(QStringList {"export-grids", m_nyc, districts, "--level", "district"} + crsOption);
        QVERIFY2(run.status == 0, qPrintable(run.err));
        QVERIFY2(wrote(run, 5, QStringLiteral("GeoPackage")), run.out.constData());
        run = cli(QStringList {"export-grids", m_nyc, base, "--level", "base"} + crsOption);
        QVERIFY2(run.status == 0, qPrintable(run.err));
        QVERIFY2(wrote(run, 59, QStringLiteral("GeoPackage")), run.out.constData());

        const QString copy = out(QStringLiteral("copy_%1.gpkg").arg(tag));
        importInto(copy, districts, QStringLiteral("district"));
        importInto(copy, base, QStringLiteral("base"), {"--parent-field", "parent"});
        compareWorkspaces(m_nyc, copy, QStringLiteral("district"));
        compareWorkspaces(m_nyc, copy, QStringLiteral("base"));
    }

    void gbkShapefileRoundTrip()
    {
        const QString file = out(QStringLiteral("wenshan.shp"));
        const Run run =
            cli({"export-grids", m_taipei, file, "--encoding", "GBK", "--crs", "EPSG:3826"});
        QVERIFY2(run.status == 0, qPrintable(run.err));
        QVERIFY2(wrote(run, 43, QStringLiteral("ESRI Shapefile")), run.out.constData());
        QVERIFY(run.out.contains("GBK"));
        QFile cpg(out(QStringLiteral("wenshan.cpg")));
        QVERIFY(cpg.open(QIODevice::ReadOnly));
        QCOMPARE(cpg.readAll(), QByteArray("GBK"));

        const QString copy = out(QStringLiteral("taipei_copy.gpkg"));
        importInto(copy, file, QStringLiteral("base"));
        compareWorkspaces(m_taipei, copy, QStringLiteral("base"));
        QVERIFY(byCode(gridsOf(copy, QStringLiteral("base")))
                    .value(QStringLiteral("6300800034"))
                    .value("name")
                    .toString()
            == QStringLiteral("博嘉里"));
    }

    void existingOutputNeedsOverwrite()
    {
        const QString file = out(QStringLiteral("twice.geojson"));
        QCOMPARE(cli({"export-grids", m_taipei, file}).status, 0);
        const QDateTime first = QFileInfo(file).lastModified();
        const Run refused = cli({"export-grids", m_taipei, file});
        QCOMPARE(refused.status, 1);
        QVERIFY2(refused.err.contains(QLatin1String("--overwrite")), qPrintable(refused.err));
        QVERIFY(refused.err.contains(QLatin1String("twice.geojson")));
        QCOMPARE(QFileInfo(file).lastModified(), first);
        const Run replaced = cli({"export-grids", m_taipei, file, "--overwrite"});
        QVERIFY2(replaced.status == 0, qPrintable(replaced.err));
    }

    void mistakesAreNamed_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
        QTest::newRow("bad crs") << QStringList {"--crs", "EPSG:999999"} << 1 << "EPSG:999999";
        QTest::newRow("bad encoding") << QStringList {"--encoding", "Big5"} << 1 << "Big5";
        QTest::newRow("bad level") << QStringList {"--level", "planet"} << 2 << "planet";
        QTest::newRow("empty level")
            << QStringList {"--level", "fine"} << 1 << "no grids of this level (Fine grid)";
    }
    void mistakesAreNamed()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, status);
        QFETCH(QString, message);
        const QString file = out(QStringLiteral("mistake.shp"));
        const Run run = cli(QStringList {"export-grids", m_taipei, file} + arguments);
        QCOMPARE(run.status, status);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
        QVERIFY(!QFileInfo::exists(file));
    }

    void missingWorkspaceIsNotCreated()
    {
        const QString workspace = out(QStringLiteral("nowhere.gpkg"));
        const Run run = cli({"export-grids", workspace, out(QStringLiteral("x.gpkg"))});
        QCOMPARE(run.status, 1);
        QVERIFY(run.err.contains(QLatin1String("nowhere.gpkg")));
        QVERIFY(!QFileInfo::exists(workspace));
        QCOMPARE(cli({"export-grids", m_taipei}).status, 2);

        // Not even with --overwrite does an export replace the workspace it reads.
        const QDateTime modified = QFileInfo(m_taipei).lastModified();
        const Run itself = cli({"export-grids", m_taipei, m_taipei, "--overwrite"});
        QCOMPARE(itself.status, 2);
        QVERIFY2(itself.err.contains(QLatin1String("workspace itself")), qPrintable(itself.err));
        QCOMPARE(QFileInfo(m_taipei).lastModified(), modified);
        QCOMPARE(gridsOf(m_taipei, QStringLiteral("base")).size(), 43);
    }
};

GRIDDESK_TEST_MAIN(TestExportCli, QCoreApplication)
#include "tst_exportcli.moc"
