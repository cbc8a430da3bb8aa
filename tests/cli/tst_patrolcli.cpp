// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "clirunner.h"
#include "patrolfixture.h"
#include "support/testsupport.h"

#include "storage/workspace.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>

using namespace GridDesk;

namespace {

QJsonObject jsonOf(const Test::Run &run)
{
    return QJsonDocument::fromJson(run.out).object();
}

} // namespace

class TestPatrolCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;

    QString walk(const QString &name, const QDateTime &start)
    {
        const QString path = m_dir.filePath(name);
        Test::writeGpx(path, Test::walk(-0.002, 0.005, 0.012, 0.005, 20, start));
        return path;
    }

    Test::Run cli(const QStringList &arguments) { return Test::cli(arguments); }

private Q_SLOTS:
    void initTestCase()
    {
        // A 0.01° square at the equator (the walks cross it west to east), a user and a grid
        // patroller, and one case lee reported during the first walk, on its path.
        m_path = m_dir.filePath(QStringLiteral("city.gpkg"));
        auto workspace = Workspace::open(m_path);
        QVERIFY2(workspace, Test::why(workspace));
        const QList<Grid> grids {Test::rectangleGrid(QStringLiteral("SQ"), 0.0, 0.0, 0.01, 0.01)};
        QVERIFY((*workspace)->transaction([&] { return (*workspace)->saveGrids(grids); }));
        QVERIFY(Test::addUser(**workspace, QStringLiteral("lee")));
        QVERIFY(Test::addPerson(
            **workspace, QStringLiteral("Wang Fang"), QStringLiteral("grid_patroller")));
        QVERIFY(Test::reportCase(**workspace, QStringLiteral("SQ"), {0.003, 0.005},
            QStringLiteral("lee"), QStringLiteral("hotline"),
            QStringLiteral("2026-03-02T09:08:00+00:00")));
    }

    void importPrintsTheTrackAndWhatItSaw()
    {
        const QDateTime monday(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC);
        const Test::Run run = cli(
            {QStringLiteral("patrol-import"), m_path, walk(QStringLiteral("monday.gpx"), monday),
                QStringLiteral("--person"), QStringLiteral("lee"), QStringLiteral("--json")});
        QVERIFY2(run.status == 0, qPrintable(run.err));
        const QJsonObject json = jsonOf(run);
        const QJsonObject track = json.value(QLatin1String("track")).toObject();
        QCOMPARE(track.value(QLatin1String("points")).toInt(), 21);
        QCOMPARE(track.value(QLatin1String("person")).toString(), QStringLiteral("lee"));
        QCOMPARE(track.value(QLatin1String("started_at")).toString(),
            QStringLiteral("2026-03-02T09:00:00.000Z"));
        QCOMPARE(track.value(QLatin1String("ended_at")).toString(),
            QStringLiteral("2026-03-02T09:20:00.000Z"));
        QCOMPARE(track.value(QLatin1String("sight_m")).toDouble(), 30.0);
        const QJsonArray coverage = json.value(QLatin1String("coverage")).toArray();
        QCOMPARE(coverage.size(), 1);
        const double share = coverage.first().toObject().value(QLatin1String("share")).toDouble();
        const double expected = 60.0 / Test::metresBetween(0.005, 0.0, 0.005, 0.01);
        QVERIFY2(std::abs(share - expected) < 0.003 * expected, qPrintable(QString::number(share)));

        // A wider sight, asked for on the command line, sees a wider strip.
        const Test::Run wide = cli({QStringLiteral("patrol-import"), m_path,
            walk(QStringLiteral("thursday.gpx"), monday.addDays(3)), QStringLiteral("--person"),
            QStringLiteral("Wang Fang"), QStringLiteral("--sight"), QStringLiteral("100")});
        QVERIFY2(wide.status == 0, qPrintable(wide.err));
        QVERIFY2(wide.out.contains("seeing 100 m to each side")
                && wide.out.contains("grid SQ: 18.1% seen"),
            wide.out.constData());
    }

    void badInputIsRefusedAndLosesNothing_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
        const QString cut = m_dir.filePath(QStringLiteral("cut.gpx"));
        QFile file(cut);
        if (file.open(QIODevice::WriteOnly))
            file.write("<?xml version=\"1.0\"?><gpx version=\"1.1\"><trk><trkseg><trkpt lat=\"0.0");
        QTest::newRow("cut") << QStringList {QStringLiteral("patrol-import"), m_path, cut,
            QStringLiteral("--person"), QStringLiteral("lee")}
                             << 1 << "cut.gpx is not a GPX file GDAL can read";
        QTest::newRow("no person")
            << QStringList {QStringLiteral("patrol-import"), m_path, cut} << 2 << "needs --person";
        QTest::newRow("bad sight") << QStringList {QStringLiteral("patrol-import"), m_path, cut,
            QStringLiteral("--person"), QStringLiteral("lee"), QStringLiteral("--sight"),
            QStringLiteral("-5")} << 2
                                   << "--sight takes a distance";
        QTest::newRow("dates reversed") << QStringList {QStringLiteral("patrols"), m_path,
            QStringLiteral("--from"), QStringLiteral("2026-03-09"), QStringLiteral("--to"),
            QStringLiteral("2026-03-02")}
                                        << 2 << "--from 2026-03-09 lies after --to 2026-03-02";
        QTest::newRow("bad period") << QStringList {QStringLiteral("patrol-plan"), m_path,
            QStringLiteral("add"), QStringLiteral("--grid"), QStringLiteral("SQ"),
            QStringLiteral("--tasks"), QStringLiteral("Litter"), QStringLiteral("--per"),
            QStringLiteral("fortnight"), QStringLiteral("--person"), QStringLiteral("lee")}
                                    << 2 << "unknown period \"fortnight\"";
        QTest::newRow("unknown grid")
            << QStringList {QStringLiteral("patrol-plan"), m_path, QStringLiteral("add"),
                   QStringLiteral("--grid"), QStringLiteral("XX"), QStringLiteral("--tasks"),
                   QStringLiteral("Litter"), QStringLiteral("--person"), QStringLiteral("lee")}
            << 1 << "There is no grid XX";
        QTest::newRow("no workspace") << QStringList {QStringLiteral("patrols"),
            m_dir.filePath(QStringLiteral("typo.gpkg")), QStringLiteral("--json")}
                                      << 1 << "typo.gpkg";
    }

    void badInputIsRefusedAndLosesNothing()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, status);
        QFETCH(QString, message);
        const Test::Run before = cli({QStringLiteral("patrols"), m_path, QStringLiteral("--json")});
        const Test::Run run = cli(arguments);
        QCOMPARE(run.status, status);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
        const Test::Run after = cli({QStringLiteral("patrols"), m_path, QStringLiteral("--json")});
        QCOMPARE(after.out, before.out);
    }

    void plansAndPatrolsAsAScriptReadsThem()
    {
        const Test::Run added = cli({QStringLiteral("patrol-plan"), m_path, QStringLiteral("add"),
            QStringLiteral("--grid"), QStringLiteral("SQ"), QStringLiteral("--tasks"),
            QStringLiteral("Litter, street lights"), QStringLiteral("--times"), QStringLiteral("2"),
            QStringLiteral("--per"), QStringLiteral("week"), QStringLiteral("--person"),
            QStringLiteral("lee"), QStringLiteral("--json")});
        QVERIFY2(added.status == 0, qPrintable(added.err));
        const qint64 lees = jsonOf(added).value(QLatin1String("id")).toInteger();
        const Test::Run post = cli({QStringLiteral("patrol-plan"), m_path, QStringLiteral("add"),
            QStringLiteral("--grid"), QStringLiteral("SQ"), QStringLiteral("--tasks"),
            QStringLiteral("Manholes"), QStringLiteral("--times"), QStringLiteral("1"),
            QStringLiteral("--per"), QStringLiteral("week"), QStringLiteral("--post"),
            QStringLiteral("grid_patroller")});
        QVERIFY2(post.status == 0, qPrintable(post.err));

        const Test::Run listed = cli({QStringLiteral("patrol-plan"), m_path, QStringLiteral("list"),
            QStringLiteral("--json")});
        QVERIFY2(listed.status == 0, qPrintable(listed.err));
        QCOMPARE(QJsonDocument::fromJson(listed.out).array().size(), 2);

        const Test::Run run = cli({QStringLiteral("patrols"), m_path, QStringLiteral("--grid"),
            QStringLiteral("SQ"), QStringLiteral("--from"), QStringLiteral("2026-03-02"),
            QStringLiteral("--to"), QStringLiteral("2026-03-08"), QStringLiteral("--json")});
        QVERIFY2(run.status == 0, qPrintable(run.err));
        const QJsonObject json = jsonOf(run);
        const QJsonArray tracks = json.value(QLatin1String("tracks")).toArray();
        QCOMPARE(tracks.size(), 2);
        QCOMPARE(
            tracks.at(0).toObject().value(QLatin1String("credited_cases")).toArray().size(), 1);
        QCOMPARE(json.value(QLatin1String("credits")).toArray().size(), 1);
        const QJsonObject credit =
            json.value(QLatin1String("credits")).toArray().first().toObject();
        QCOMPARE(credit.value(QLatin1String("reporter")).toString(), QStringLiteral("lee"));
        QCOMPARE(credit.value(QLatin1String("reported_at")).toString(),
            QStringLiteral("2026-03-02T09:08:00.000Z"));
        const QJsonArray plans = json.value(QLatin1String("plans")).toArray();
        QCOMPARE(plans.size(), 2);
        // lee patrolled once that week (Wang Fang's walk was the other): twice was asked.
        QCOMPARE(plans.at(0).toObject().value(QLatin1String("met")).toBool(true), false);
        QCOMPARE(plans.at(0)
                     .toObject()
                     .value(QLatin1String("slots"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QLatin1String("done"))
                     .toInt(),
            1);
        QCOMPARE(plans.at(1).toObject().value(QLatin1String("met")).toBool(false), true);

        const Test::Run text = cli({QStringLiteral("patrols"), m_path});
        QVERIFY2(text.status == 0, qPrintable(text.err));
        QVERIFY2(text.out.contains("found: reported by lee"), text.out.constData());

        const Test::Run removed = cli({QStringLiteral("patrol-plan"), m_path,
            QStringLiteral("remove"), QString::number(lees)});
        QVERIFY2(removed.status == 0, qPrintable(removed.err));
        const Test::Run again = cli({QStringLiteral("patrol-plan"), m_path,
            QStringLiteral("remove"), QString::number(lees)});
        QCOMPARE(again.status, 1);
        QVERIFY2(again.err.contains(QStringLiteral("There is no patrol plan %1").arg(lees)),
            qPrintable(again.err));
    }

    void aPlanIsEditedAsTheDeskEditsIt()
    {
        const Test::Run added = cli(
            {QStringLiteral("patrol-plan"), m_path, QStringLiteral("add"), QStringLiteral("--grid"),
                QStringLiteral("SQ"), QStringLiteral("--tasks"), QStringLiteral("Litter"),
                QStringLiteral("--person"), QStringLiteral("lee"), QStringLiteral("--json")});
        QVERIFY2(added.status == 0, qPrintable(added.err));
        const QString id = QString::number(jsonOf(added).value(QLatin1String("id")).toInteger());

        // Only what is given changes; a post replaces the person.
        const Test::Run edited = cli({QStringLiteral("patrol-plan"), m_path, QStringLiteral("edit"),
            id, QStringLiteral("--times"), QStringLiteral("3"), QStringLiteral("--per"),
            QStringLiteral("month"), QStringLiteral("--post"), QStringLiteral("grid_patroller"),
            QStringLiteral("--json")});
        QVERIFY2(edited.status == 0, qPrintable(edited.err));
        const QJsonObject plan = jsonOf(edited);
        QCOMPARE(plan.value(QLatin1String("tasks")).toString(), QStringLiteral("Litter"));
        QCOMPARE(plan.value(QLatin1String("times")).toInt(), 3);
        QCOMPARE(plan.value(QLatin1String("per")).toString(), QStringLiteral("month"));
        QCOMPARE(plan.value(QLatin1String("person")).toString(), QString());
        QCOMPARE(plan.value(QLatin1String("post")).toString(), QStringLiteral("grid_patroller"));

        // Refused as the desk's dialog refuses it, keeping the plan as it was.
        const Test::Run unknownGrid = cli({QStringLiteral("patrol-plan"), m_path,
            QStringLiteral("edit"), id, QStringLiteral("--grid"), QStringLiteral("XX")});
        QCOMPARE(unknownGrid.status, 1);
        QVERIFY2(unknownGrid.err.contains(QLatin1String("There is no grid XX")),
            qPrintable(unknownGrid.err));
        const Test::Run missing =
            cli({QStringLiteral("patrol-plan"), m_path, QStringLiteral("edit"),
                QStringLiteral("999"), QStringLiteral("--times"), QStringLiteral("2")});
        QCOMPARE(missing.status, 1);
        QVERIFY2(missing.err.contains(QLatin1String("There is no patrol plan 999")),
            qPrintable(missing.err));
        const Test::Run listed = cli({QStringLiteral("patrol-plan"), m_path, QStringLiteral("list"),
            QStringLiteral("--grid"), QStringLiteral("SQ"), QStringLiteral("--json")});
        QVERIFY2(listed.status == 0, qPrintable(listed.err));
        const QJsonObject kept = QJsonDocument::fromJson(listed.out).array().last().toObject();
        QCOMPARE(kept.value(QLatin1String("id")).toInteger(), id.toLongLong());
        QCOMPARE(kept.value(QLatin1String("grid")).toString(), QStringLiteral("SQ"));
        QCOMPARE(kept.value(QLatin1String("times")).toInt(), 3);
    }

    void realNmeaLogThroughTheCommandLine()
    {
        const QString log =
            Test::trackPath(QStringLiteral("us_stanford_campus_walk_pixel6_android.nmea"));
        if (!QFile::exists(log))
            QSKIP("The shared tracks are not beside this checkout.");
        const QString path = m_dir.filePath(QStringLiteral("stanford.gpkg"));
        {
            auto workspace = Workspace::open(path);
            QVERIFY2(workspace, Test::why(workspace));
            const QList<Grid> grids {
                Test::rectangleGrid(QStringLiteral("CAMPUS"), -122.18, 37.42, -122.17, 37.43)};
            QVERIFY((*workspace)->transaction([&] { return (*workspace)->saveGrids(grids); }));
            QVERIFY(Test::addUser(**workspace, QStringLiteral("lee")));
        }
        const Test::Run run = cli({QStringLiteral("patrol-import"), path, log,
            QStringLiteral("--person"), QStringLiteral("lee"), QStringLiteral("--json")});
        QVERIFY2(run.status == 0, qPrintable(run.err));
        const QJsonObject track = jsonOf(run).value(QLatin1String("track")).toObject();
        QCOMPARE(track.value(QLatin1String("format")).toString(), QStringLiteral("nmea"));
        QCOMPARE(track.value(QLatin1String("points")).toInt(), 48);
        QCOMPARE(track.value(QLatin1String("started_at")).toString(),
            QStringLiteral("2023-11-07T23:42:57.000Z"));
        QCOMPARE(track.value(QLatin1String("ended_at")).toString(),
            QStringLiteral("2023-11-07T23:52:21.000Z"));
        QVERIFY(std::abs(track.value(QLatin1String("length_m")).toDouble() - 614.0) < 4.0);
    }
};

GRIDDESK_TEST_MAIN(TestPatrolCli, QCoreApplication)
#include "tst_patrolcli.moc"
