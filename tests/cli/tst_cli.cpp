// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "clirunner.h"
#include "support/testsupport.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

namespace {

using GridDesk::Test::cli;
using GridDesk::Test::Run;

QJsonArray json(const Run &run)
{
    return QJsonDocument::fromJson(run.out).array();
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_workspace;

    QString nyc(const QString &file)
    {
        return GridDesk::Test::mapsPath(QStringLiteral("nyc/") + file);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_workspace = m_dir.filePath(QStringLiteral("city.gpkg"));
        Run run = cli({"import-grids", m_workspace, nyc("nyc_boroughs.geojson"), "--level",
            "district", "--code-field", "borough_code", "--name-field", "name"});
        QVERIFY2(run.status == 0, qPrintable(run.err));
        QVERIFY(run.out.contains("read 5, imported 5"));
        run = cli({"import-grids", m_workspace, nyc("nyc_community_districts.geojson"), "--level",
            "base", "--code-field", "boro_cd", "--name-field", "name"});
        QVERIFY2(run.status == 0, qPrintable(run.err));
        QVERIFY(run.out.contains("59 parents found by containment"));
        run = cli({"import-cases", m_workspace, nyc("nyc311_subset_2000rows_tuplex.csv"),
            "--profile", "nyc311"});
        QVERIFY2(run.status == 0, qPrintable(run.err));
        QVERIFY2(
            run.out.contains("read 2000, imported 2000, located 1400, unlocated 600, flagged 601"),
            run.out.constData());
        QVERIFY(QFileInfo::exists(m_workspace));
    }

    void gridsAsJson()
    {
        const Run run = cli({"grids", m_workspace, "--level", "base", "--json"});
        QCOMPARE(run.status, 0);
        const QJsonArray grids = json(run);
        QCOMPARE(grids.size(), 59);
        const QJsonObject first = grids.first().toObject();
        QCOMPARE(first.value("code").toString(), QStringLiteral("101"));
        QCOMPARE(first.value("level").toString(), QStringLiteral("base"));
        QCOMPARE(first.value("parent").toString(), QStringLiteral("1"));
        QCOMPARE(first.value("name").toString(), QStringLiteral("Manhattan Community District 1"));
        const QJsonArray bbox = first.value("bbox").toArray();
        QCOMPARE(bbox.size(), 4);
        QVERIFY(bbox.at(0).toDouble() < bbox.at(2).toDouble());
        QVERIFY(bbox.at(0).toDouble() > -74.3 && bbox.at(3).toDouble() < 41.0);
        // The dataset's own shape_area (square feet) for district 101, within 1 %.
        const double expected = 41697039.426 * 0.09290304;
        QVERIFY(qAbs(first.value("area_m2").toDouble() / expected - 1.0) < 0.01);
    }

    void casesOfOneGridAsJson()
    {
        const Run run = cli({"cases", m_workspace, "--grid", "307", "--json"});
        QCOMPARE(run.status, 0);
        const QJsonArray cases = json(run);
        QVERIFY(!cases.isEmpty());
        bool sawKnownCase = false;
        for (const QJsonValue &value : cases) {
            const QJsonObject record = value.toObject();
            QCOMPARE(record.value("grid").toString(), QStringLiteral("307"));
            if (record.value("external_id").toString() == QLatin1String("19937901")) {
                sawKnownCase = true;
                QCOMPARE(record.value("created").toString(), QStringLiteral("2011-03-01T10:41:13"));
                QCOMPARE(record.value("closed").toString(), QStringLiteral("2011-03-15T16:14:19"));
                QCOMPARE(record.value("status").toString(), QStringLiteral("Closed"));
                QVERIFY(qAbs(record.value("lon").toDouble() + 73.99859430999363) < 1e-9);
            }
        }
        QVERIFY(sawKnownCase);

        // A borough includes the cases of its community districts.
        const Run borough = cli({"cases", m_workspace, "--grid", "3", "--json"});
        QVERIFY(json(borough).size() > cases.size());
    }

    void allCasesKeepTheirFlags()
    {
        const QJsonArray cases = json(cli({"cases", m_workspace, "--json"}));
        QCOMPARE(cases.size(), 2000);
        int unlocated = 0;
        for (const QJsonValue &value : cases) {
            const QJsonObject record = value.toObject();
            if (record.value("grid").isNull()) {
                ++unlocated;
                QVERIFY(!record.value("flags").toArray().isEmpty());
            }
        }
        QCOMPARE(unlocated, 600);
    }

    void renderDrawsTheMap()
    {
        const QString png = m_dir.filePath(QStringLiteral("map.png"));
        const Run run = cli({"render", m_workspace, png, "--size", "800x600"});
        QVERIFY2(run.status == 0, qPrintable(run.err));
        const QImage image(png);
        QCOMPARE(image.size(), QSize(800, 600));
        // Not a blank canvas: the map draws in more than a handful of colours.
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 7) {
            for (int x = 0; x < image.width(); x += 7)
                colours.insert(image.pixel(x, y));
        }
        QVERIFY(colours.size() > 10);

        const Run zoomed = cli({"render", m_workspace, png, "--bbox", "-74.02,40.70,-73.97,40.75"});
        QVERIFY2(zoomed.status == 0, qPrintable(zoomed.err));
        QCOMPARE(QImage(png).size(), QSize(1600, 1200));
    }

    void badInputFailsClearly_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
        const QString ws = QStringLiteral("%WS%");
        QTest::newRow("no command") << QStringList {} << 2 << "Usage";
        QTest::newRow("unknown command") << QStringList {"explode"} << 2 << "unknown command";
        QTest::newRow("unknown level")
            << QStringList {"import-grids", ws, "x.geojson", "--level", "planet"} << 2 << "planet";
        QTest::newRow("missing file") << QStringList {"import-grids", ws, "/nonexistent/x.shp",
            "--level", "base"} << 1 << "does not exist";
        QTest::newRow("bad size") << QStringList {"render", ws, "x.png", "--size", "big"} << 2
                                  << "--size";
        QTest::newRow("bad bbox") << QStringList {"render", ws, "x.png", "--bbox", "1,2,0,3"} << 2
                                  << "--bbox";
        QTest::newRow("json required") << QStringList {"grids", ws} << 2 << "--json";
        QTest::newRow("unknown grid")
            << QStringList {"cases", ws, "--grid", "999", "--json"} << 1 << "999";
        QTest::newRow("unknown profile")
            << QStringList {"import-cases", ws, "x.csv", "--profile", "xyz"} << 1 << "xyz";
    }
    void badInputFailsClearly()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, status);
        QFETCH(QString, message);
        arguments.replaceInStrings(QStringLiteral("%WS%"), m_workspace);
        const Run run = cli(arguments);
        QCOMPARE(run.status, status);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
    }

    void notAWorkspace()
    {
        const Run run = cli({"grids", nyc("nyc_boroughs.geojson"), "--json"});
        QCOMPARE(run.status, 1);
        QVERIFY2(run.err.contains(QLatin1String("not a GridDesk workspace")), qPrintable(run.err));
    }
};

GRIDDESK_TEST_MAIN(TestCli, QCoreApplication)
#include "tst_cli.moc"
