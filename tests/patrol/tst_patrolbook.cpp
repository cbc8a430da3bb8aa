// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "patrol/patrolbook.h"

#include "patrolfixture.h"
#include "support/testsupport.h"

#include "evaluation/evaluator.h"
#include "ingest/gridimporter.h"
#include "storage/workspace.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUuid>

using namespace GridDesk;

namespace {

const QString NEIHU_WALK = QStringLiteral("tw_taipei_neihu_walk_qstarz_bl-1000.gpx");
const QString NEIHU = QStringLiteral("6301000");

QDateTime utc(int day, int hour, int minute = 0)
{
    return QDateTime(QDate(2026, 3, day), QTime(hour, minute), Qt::UTC);
}

qint64 count(const Workspace &workspace, const char *table)
{
    QSqlQuery query(workspace.database());
    if (!query.exec(QStringLiteral("SELECT count(*) FROM %1").arg(QLatin1String(table))))
        return -1;
    return query.next() ? query.value(0).toLongLong() : -1;
}

} // namespace

class TestPatrolBook : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    /// A workspace with two 0.01° squares at the equator, SQ and NEXT east of it, the user
    /// lee and two people of the org chart: Wang Fang, a grid patroller, and Zhao Min, an
    /// information collector.
    std::unique_ptr<Workspace> squares(QString name = {})
    {
        if (name.isEmpty())
            name = QUuid::createUuid().toString(QUuid::Id128) + QStringLiteral(".gpkg");
        auto opened = Workspace::open(m_dir.filePath(name));
        if (!opened)
            return nullptr;
        std::unique_ptr<Workspace> workspace = std::move(*opened);
        const QList<Grid> grids {Test::rectangleGrid(QStringLiteral("SQ"), 0.0, 0.0, 0.01, 0.01),
            Test::rectangleGrid(QStringLiteral("NEXT"), 0.01, 0.0, 0.02, 0.01)};
        auto saved = workspace->transaction([&] { return workspace->saveGrids(grids); });
        const bool people = Test::addUser(*workspace, QStringLiteral("lee"))
            && Test::addPerson(
                *workspace, QStringLiteral("Wang Fang"), QStringLiteral("grid_patroller"))
            && Test::addPerson(
                *workspace, QStringLiteral("Zhao Min"), QStringLiteral("information_collector"));
        if (!saved || !people)
            return nullptr;
        return workspace;
    }

    /// Writes a walk west to east across SQ along latitude 0.005, 20 minutes from start.
    QString walkAcross(const QDateTime &start)
    {
        const QString path = m_dir.filePath(
            QStringLiteral("walk-%1.gpx").arg(start.toString(QStringLiteral("yyyyMMddhhmm"))));
        Test::writeGpx(path, Test::walk(-0.002, 0.005, 0.008, 0.005, 20, start));
        return path;
    }

private Q_SLOTS:
    void theNeihuWalkIsKeptWithItsTimesAndCoverage()
    {
        const QString log = Test::trackPath(NEIHU_WALK);
        if (!QFile::exists(log))
            QSKIP("The shared tracks are not beside this checkout.");
        const QString path = m_dir.filePath(QStringLiteral("taipei.gpkg"));
        {
            auto workspace = Workspace::open(path);
            QVERIFY2(workspace, Test::why(workspace));
            GridImportOptions districts;
            districts.codeField = QStringLiteral("CPTID");
            districts.nameField = QStringLiteral("TNAME");
            auto grids = importGrids(**workspace,
                Test::dataPath(QStringLiteral("taipei/taipei_districts.geojson")), districts);
            QVERIFY2(grids, Test::why(grids));
            QVERIFY(Test::addUser(**workspace, QStringLiteral("lee")));

            PatrolBook book(**workspace);
            auto imported = book.importTrack(log, QStringLiteral("lee"));
            QVERIFY2(imported, Test::why(imported));
            QCOMPARE(imported->track.pointCount, 32);
            QVERIFY(std::abs(imported->track.lengthMetres - 358.0) < 3.0);
            QCOMPARE(imported->coverage.size(), 1);
            const GridCoverage &neihu = imported->coverage.first();
            QCOMPARE(neihu.gridCode, NEIHU);
            // No more than a strip 60 m wide along the path with round ends, no less than the
            // circle around one fix; and a small part of a district of 31 km².
            const double strip = 60.0 * 358.0 + M_PI * 900.0;
            QVERIFY2(
                neihu.coveredSquareMetres <= strip && neihu.coveredSquareMetres >= M_PI * 900.0,
                qPrintable(QString::number(neihu.coveredSquareMetres)));
            QVERIFY2(neihu.gridSquareMetres > 30e6 && neihu.gridSquareMetres < 32e6,
                qPrintable(QString::number(neihu.gridSquareMetres)));
        }

        // Reopened: the track, its fixes with their times, its coverage are all there.
        auto workspace = Workspace::open(path);
        QVERIFY2(workspace, Test::why(workspace));
        PatrolBook book(**workspace);
        auto tracks = book.tracks({}, true);
        QVERIFY2(tracks, Test::why(tracks));
        QCOMPARE(tracks->size(), 1);
        const PatrolTrack &track = tracks->first();
        QCOMPARE(track.person, QStringLiteral("lee"));
        QCOMPARE(track.sourceFile, NEIHU_WALK);
        QCOMPARE(track.startedAt, QDateTime(QDate(2020, 2, 19), QTime(1, 25, 10), Qt::UTC));
        QCOMPARE(track.endedAt, QDateTime(QDate(2020, 2, 19), QTime(1, 29, 13), Qt::UTC));
        QCOMPARE(track.points.size(), 32);
        QCOMPARE(track.points.constLast().time, track.endedAt);
        auto covered = book.coverage(track.id);
        QVERIFY2(covered && covered->size() == 1, "the coverage is kept");
        QCOMPARE(book.tracks({NEIHU, {}, {}})->size(), 1);
        QCOMPARE(book.tracks({QStringLiteral("6300100"), {}, {}})->size(), 0);
        QCOMPARE(book.tracks({{}, QDate(2020, 2, 20), {}})->size(), 0);
        // The layers QGIS reads: lines and points with their extents in gpkg_contents.
        QSqlQuery query((*workspace)->database());
        QVERIFY(query.exec(QStringLiteral(
            "SELECT c.table_name, g.geometry_type_name, c.min_x, c.max_y FROM gpkg_contents c "
            "JOIN gpkg_geometry_columns g USING (table_name) WHERE c.table_name LIKE 'patrol%' "
            "ORDER BY 1")));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toString(), QStringLiteral("patrol_points"));
        QCOMPARE(query.value(1).toString(), QStringLiteral("POINT"));
        QVERIFY(std::abs(query.value(2).toDouble() - 121.591294) < 1e-5);
        QVERIFY(query.next());
        QCOMPARE(query.value(1).toString(), QStringLiteral("MULTILINESTRING"));
        // The R-tree keeps single precision, rounded outwards.
        QVERIFY(std::abs(query.value(3).toDouble() - 25.068749) < 1e-5);
        // Times are GeoPackage DATETIME columns, which GIS programs read as times.
        QVERIFY(query.exec(QStringLiteral(
            "SELECT type FROM pragma_table_info('patrol_points') WHERE name = 'at'")));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toString(), QStringLiteral("DATETIME"));
    }

    void badInputLosesNothing_data()
    {
        QTest::addColumn<QString>("what");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown person") << "person"
                                        << "is neither a user";
        QTest::newRow("cut gpx") << "cut"
                                 << "XML parsing of GPX file failed";
        QTest::newRow("never in a grid") << "outside"
                                         << "never comes within 30 m of a grid";
        QTest::newRow("twice") << "twice"
                               << "was already imported as lee's patrol track";
        QTest::newRow("no times") << "untimed"
                                  << "has no times";
        QTest::newRow("no fix") << "nofix"
                                << "holds no position fix";
    }

    void badInputLosesNothing()
    {
        QFETCH(QString, what);
        QFETCH(QString, message);
        auto workspace = squares();
        QVERIFY(workspace);
        PatrolBook book(*workspace);
        const QString first = walkAcross(utc(2, 9));
        QVERIFY2(book.importTrack(first, QStringLiteral("lee")), "the first walk");
        const qint64 tracks = count(*workspace, "patrol_tracks");
        const qint64 points = count(*workspace, "patrol_points");
        const qint64 coverage = count(*workspace, "patrol_coverage");
        const qint64 imports = count(*workspace, "griddesk_imports");

        QString path = walkAcross(utc(3, 9));
        QString person = QStringLiteral("lee");
        if (what == QLatin1String("person")) {
            person = QStringLiteral("nobody");
        } else if (what == QLatin1String("cut")) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadWrite));
            file.resize(file.size() / 2);
        } else if (what == QLatin1String("outside")) {
            Test::writeGpx(path, Test::walk(5.0, 5.0, 5.01, 5.0, 5, utc(3, 9)));
        } else if (what == QLatin1String("twice")) {
            path = first;
        } else if (what == QLatin1String("untimed")) {
            Test::writeGpx(path, {{0.005, 0.005, {}}, {0.006, 0.005, {}}});
        } else {
            path = m_dir.filePath(QStringLiteral("nofix.nmea"));
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("$GPRMC,090000.000,V,,,,,,,020326,,,N*4B\n");
        }
        auto imported = book.importTrack(path, person);
        QVERIFY(!imported);
        QVERIFY2(imported.error().message.contains(message), qPrintable(imported.error().message));
        QCOMPARE(count(*workspace, "patrol_tracks"), tracks);
        QCOMPARE(count(*workspace, "patrol_points"), points);
        QCOMPARE(count(*workspace, "patrol_coverage"), coverage);
        QCOMPARE(count(*workspace, "griddesk_imports"), imports);
    }

    void plansAreMetOrNot()
    {
        auto workspace = squares();
        QVERIFY(workspace);
        PatrolBook book(*workspace);
        // lee: Monday 2 and Thursday 5 March, Tuesday 10 March; Wang Fang: Tuesday 3 March.
        for (const QDateTime &start : {utc(2, 9), utc(5, 9), utc(10, 9)})
            QVERIFY2(book.importTrack(walkAcross(start), QStringLiteral("lee")), "lee's walk");
        auto wang = book.importTrack(walkAcross(utc(3, 14)), QStringLiteral("Wang Fang"));
        QVERIFY2(wang, Test::why(wang));

        const QString tasks = QStringLiteral("Litter, broken street lights");
        auto twiceAWeek = book.addPlan(
            {0, QStringLiteral("SQ"), tasks, 2, PlanPeriod::Week, QStringLiteral("lee"), {}, 0.0});
        QVERIFY2(twiceAWeek, Test::why(twiceAWeek));
        QVERIFY(book.addPlan({0, QStringLiteral("SQ"), tasks, 1, PlanPeriod::Day, {},
            QStringLiteral("grid_patroller"), 0.0}));
        QVERIFY(book.addPlan(
            {0, QStringLiteral("SQ"), tasks, 1, PlanPeriod::Week, QStringLiteral("lee"), {}, 0.5}));
        QVERIFY(book.addPlan({0, QStringLiteral("NEXT"), tasks, 1, PlanPeriod::Week,
            QStringLiteral("lee"), {}, 0.0}));

        auto firstWeek = book.summary({QStringLiteral("SQ"), QDate(2026, 3, 2), QDate(2026, 3, 8)});
        QVERIFY2(firstWeek, Test::why(firstWeek));
        QCOMPARE(firstWeek->tracks.size(), 3);
        QCOMPARE(firstWeek->plans.size(), 3);
        QCOMPARE(firstWeek->plans.at(0).met(), std::optional<bool>(true));
        QCOMPARE(firstWeek->plans.at(0).slots.first().done, 2);
        // Daily by any grid patroller: only Tuesday had one.
        QCOMPARE(firstWeek->plans.at(1).slots.size(), 7);
        QCOMPARE(firstWeek->plans.at(1).slotsMet(), 1);
        QCOMPARE(firstWeek->plans.at(1).slots.at(1).done, 1);
        QCOMPARE(firstWeek->plans.at(1).met(), std::optional<bool>(false));
        // Half the grid: a strip 60 m wide across it is about 5 %.
        QCOMPARE(firstWeek->plans.at(2).slots.first().done, 0);
        QCOMPARE(firstWeek->plans.at(2).met(), std::optional<bool>(false));

        auto twoWeeks = book.summary({QStringLiteral("SQ"), QDate(2026, 3, 2), QDate(2026, 3, 15)});
        QVERIFY2(twoWeeks, Test::why(twoWeeks));
        QCOMPARE(twoWeeks->plans.at(0).slots.size(), 2);
        QCOMPARE(twoWeeks->plans.at(0).slotsMet(), 1);
        QCOMPARE(twoWeeks->plans.at(0).met(), std::optional<bool>(false));

        // A period without a whole week cannot judge the weekly plans.
        auto partial = book.summary({QStringLiteral("SQ"), QDate(2026, 3, 3), QDate(2026, 3, 6)});
        QVERIFY2(partial, Test::why(partial));
        QVERIFY(!partial->plans.at(0).met().has_value());

        // NEXT was never entered: its plan fails, and removing it leaves three.
        auto next = book.summary({QStringLiteral("NEXT"), QDate(2026, 3, 2), QDate(2026, 3, 8)});
        QVERIFY2(next && next->tracks.isEmpty(), "no track saw NEXT");
        QCOMPARE(next->plans.first().met(), std::optional<bool>(false));
        QVERIFY(book.removePlan(next->plans.first().plan.id));
        QCOMPARE(book.plans()->size(), 3);
        auto gone = book.removePlan(next->plans.first().plan.id);
        QVERIFY(!gone);
        QCOMPARE(gone.error().code, ErrorCode::NotFound);

        auto unknownGrid = book.addPlan(
            {0, QStringLiteral("NOPE"), tasks, 1, PlanPeriod::Week, QStringLiteral("lee"), {}, 0});
        QVERIFY(!unknownGrid);
        QVERIFY2(unknownGrid.error().message.contains(QLatin1String("no grid NOPE")),
            qPrintable(unknownGrid.error().message));
    }

    void plansAreCheckedEditedAndKept()
    {
        const QString path = m_dir.filePath(QStringLiteral("plans.gpkg"));
        qint64 id = 0;
        {
            auto workspace = squares(QStringLiteral("plans.gpkg"));
            QVERIFY(workspace);
            PatrolBook book(*workspace);
            PatrolPlan plan {0, QStringLiteral("SQ"), QStringLiteral("Litter"), 2, PlanPeriod::Week,
                {}, QStringLiteral("grid_patroller"), 0.0};
            QVERIFY2(book.checkPlan(plan), Test::why(book.checkPlan(plan)));
            auto added = book.addPlan(plan);
            QVERIFY2(added, Test::why(added));
            id = *added;

            // What checkPlan() refuses, updatePlan() refuses too, changing nothing.
            PatrolPlan wrong = plan;
            wrong.id = id;
            wrong.gridCode = QStringLiteral("NOPE");
            QVERIFY(!book.checkPlan(wrong));
            auto refused = book.updatePlan(wrong);
            QVERIFY(!refused);
            QCOMPARE(refused.error().message, book.checkPlan(wrong).error().message);
            wrong = plan;
            wrong.post.clear();
            wrong.person = QStringLiteral("nobody");
            QVERIFY2(book.checkPlan(wrong).error().message.contains(QLatin1String("\"nobody\"")),
                qPrintable(book.checkPlan(wrong).error().message));
            QCOMPARE(book.plans()->first().gridCode, QStringLiteral("SQ"));

            PatrolPlan edited {id, QStringLiteral("NEXT"), QStringLiteral("Street lights"), 3,
                PlanPeriod::Month, QStringLiteral("Zhao Min"), {}, 0.25};
            auto updated = book.updatePlan(edited);
            QVERIFY2(updated, Test::why(updated));
            edited.id = id + 100;
            auto missing = book.updatePlan(edited);
            QVERIFY(!missing);
            QCOMPARE(missing.error().code, ErrorCode::NotFound);
        }

        // Reopened, as after a restart: the edited plan, in place of the first one.
        auto workspace = Workspace::open(path);
        QVERIFY2(workspace, Test::why(workspace));
        auto plans = PatrolBook(**workspace).plans();
        QVERIFY2(plans, Test::why(plans));
        QCOMPARE(plans->size(), 1);
        const PatrolPlan &kept = plans->first();
        QCOMPARE(kept.id, id);
        QCOMPARE(kept.gridCode, QStringLiteral("NEXT"));
        QCOMPARE(kept.tasks, QStringLiteral("Street lights"));
        QCOMPARE(kept.times, 3);
        QCOMPARE(kept.per, PlanPeriod::Month);
        QCOMPARE(kept.person, QStringLiteral("Zhao Min"));
        QVERIFY(kept.post.isEmpty());
        QCOMPARE(kept.minimumShare, 0.25);
    }

    void plansAreJudgedOverTheDaysAsked()
    {
        auto workspace = squares();
        QVERIFY(workspace);
        PatrolBook book(*workspace);
        for (const QDateTime &start : {utc(2, 9), utc(5, 9), utc(10, 9)})
            QVERIFY2(book.importTrack(walkAcross(start), QStringLiteral("lee")), "lee's walk");
        QVERIFY(book.addPlan({0, QStringLiteral("SQ"), QStringLiteral("Litter"), 2,
            PlanPeriod::Week, QStringLiteral("lee"), {}, 0.0}));
        QVERIFY(book.addPlan({0, QStringLiteral("NEXT"), QStringLiteral("Lights"), 1,
            PlanPeriod::Day, QStringLiteral("lee"), {}, 0.0}));

        // The same judgement as summary() makes for the same days, for every grid at once.
        const QDate first(2026, 3, 2), last(2026, 3, 15);
        auto judged = book.judgePlans(first, last);
        QVERIFY2(judged, Test::why(judged));
        QCOMPARE(judged->size(), 2);
        for (const PlanStatus &status : *judged) {
            auto summary = book.summary({status.plan.gridCode, first, last});
            QVERIFY2(summary, Test::why(summary));
            QCOMPARE(summary->plans.size(), 1);
            QCOMPARE(status.slotsMet(), summary->plans.first().slotsMet());
            QCOMPARE(status.slots.size(), summary->plans.first().slots.size());
        }
        QCOMPARE(judged->at(0).slotsMet(), 1);
        QCOMPARE(judged->at(0).slots.size(), 2);
        QCOMPARE(judged->at(1).slots.size(), 14);

        // The first week alone: met; the second alone: not; days without a whole week: not
        // judged.
        QCOMPARE(book.judgePlans(first, QDate(2026, 3, 8))->at(0).met(), std::optional(true));
        QCOMPARE(book.judgePlans(QDate(2026, 3, 9), last)->at(0).met(), std::optional(false));
        QCOMPARE(book.judgePlans(QDate(2026, 3, 3), QDate(2026, 3, 8))->at(0).met(),
            std::optional<bool>());
        QCOMPARE(book.judgePlans(QDate(2026, 3, 9), last, QStringLiteral("NEXT"))->size(), 1);
    }

    void aStoppedImportKeepsNothing_data()
    {
        QTest::addColumn<int>("stageNumber");
        QTest::addColumn<int>("calls");
        QTest::newRow("while reading") << int(ImportStage::Reading) << 1;
        QTest::newRow("before analysing") << int(ImportStage::Analysing) << 1;
        QTest::newRow("while saving") << int(ImportStage::Saving) << 2;
    }

    void aStoppedImportKeepsNothing()
    {
        QFETCH(int, stageNumber);
        QFETCH(int, calls);
        const auto stage = ImportStage(stageNumber);
        auto workspace = squares();
        QVERIFY(workspace);
        PatrolBook book(*workspace);
        QVERIFY2(book.importTrack(walkAcross(utc(2, 9)), QStringLiteral("lee")), "a first walk");
        const qint64 tracks = count(*workspace, "patrol_tracks");
        const qint64 points = count(*workspace, "patrol_points");
        const qint64 imports = count(*workspace, "griddesk_imports");
        // Long enough for a few reports of progress while reading and saving.
        const QString path = m_dir.filePath(QStringLiteral("long.gpx"));
        QVERIFY(Test::writeGpx(path, Test::walk(-0.002, 0.004, 0.008, 0.006, 7000, utc(3, 9))));

        int told = 0;
        QList<ImportStage> stages;
        auto stopped = book.importTrack(
            path, QStringLiteral("lee"), 30.0, [&](ImportStage at, qint64, qint64) {
                stages << at;
                return at != stage || ++told < calls;
            });
        QVERIFY(!stopped);
        QCOMPARE(stopped.error().code, ErrorCode::Cancelled);
        QVERIFY2(stopped.error().message.contains(QLatin1String("long.gpx was cancelled")),
            qPrintable(stopped.error().message));
        QCOMPARE(stages.last(), stage);
        QCOMPARE(count(*workspace, "patrol_tracks"), tracks);
        QCOMPARE(count(*workspace, "patrol_points"), points);
        QCOMPARE(count(*workspace, "griddesk_imports"), imports);

        // Not stopped, the same log is kept whole, and the stages came in order.
        stages.clear();
        auto imported = book.importTrack(
            path, QStringLiteral("lee"), 30.0, [&](ImportStage at, qint64, qint64) {
                stages << at;
                return true;
            });
        QVERIFY2(imported, Test::why(imported));
        QCOMPARE(count(*workspace, "patrol_points"), points + 7001);
        QVERIFY(std::is_sorted(stages.cbegin(), stages.cend()));
        QCOMPARE(stages.first(), ImportStage::Reading);
        QCOMPARE(stages.last(), ImportStage::Saving);
    }

    void casesFoundOnAPatrolAreCreditedAndCountAsFirstDiscovered()
    {
        auto workspace = squares();
        QVERIFY(workspace);
        const double lat = 0.005;
        auto near = [&](double metres) {
            return GeoPoint {0.004, Test::northOf(0.004, lat, metres)};
        };
        auto report = [&](const QString &actor, const QString &channel, const QString &at,
                          const GeoPoint &location) {
            return Test::reportCase(*workspace, QStringLiteral("SQ"), location, actor, channel, at);
        };
        const qint64 own = report(QStringLiteral("lee"), QStringLiteral("hotline"),
            QStringLiteral("2026-03-02T09:10:00+00:00"), near(10));
        const qint64 staff = report(QStringLiteral("desk"), QStringLiteral("grid_staff"),
            QStringLiteral("2026-03-02T09:05:00+00:00"), near(20));
        const qint64 citizen = report(QStringLiteral("desk"), QStringLiteral("hotline"),
            QStringLiteral("2026-03-02T09:05:00+00:00"), near(5));
        const qint64 late = report(QStringLiteral("lee"), QStringLiteral("hotline"),
            QStringLiteral("2026-03-02T10:30:00+00:00"), near(5));
        const qint64 far = report(QStringLiteral("lee"), QStringLiteral("hotline"),
            QStringLiteral("2026-03-02T09:10:00+00:00"), near(200));
        const qint64 beijing = report(QStringLiteral("lee"), QStringLiteral("app"),
            QStringLiteral("2026-03-02T17:10:00+08:00"), near(-15));
        QVERIFY(own && staff && citizen && late && far && beijing);

        auto before = Evaluator::run(*workspace, {});
        QVERIFY2(before, Test::why(before));
        QCOMPARE(before->total.value(Indicator::FirstDiscoveryRate).cases, QList<qint64> {staff});

        PatrolBook book(*workspace);
        QVERIFY2(book.importTrack(walkAcross(utc(2, 9)), QStringLiteral("lee")), "the walk");
        auto summary = book.summary({});
        QVERIFY2(summary, Test::why(summary));
        QList<qint64> credited;
        for (const PatrolCredit &credit : summary->credits) {
            credited << credit.caseId;
            QCOMPARE(credit.trackId, summary->tracks.first().id);
        }
        QCOMPARE(credited, (QList<qint64> {own, staff, beijing}));
        QVERIFY(std::abs(summary->credits.first().distanceMetres - 10.0) < 0.1);
        QCOMPARE(*PatrolBook::creditedCaseIds(*workspace), (QSet<qint64> {own, staff, beijing}));

        // The evaluation's one rule of first discovery now counts the credited cases.
        auto after = Evaluator::run(*workspace, {});
        QVERIFY2(after, Test::why(after));
        QList<qint64> found = after->total.value(Indicator::FirstDiscoveryRate).cases;
        std::sort(found.begin(), found.end());
        QCOMPARE(found, (QList<qint64> {own, staff, beijing}));
        QCOMPARE(after->total.value(Indicator::FirstDiscoveryRate).denominator, 6);
        // A report of that day alone looks at that day's patrols and finds the same.
        EvaluationFilter thatDay;
        thatDay.from = QDate(2026, 3, 2);
        thatDay.to = QDate(2026, 3, 2);
        auto day = Evaluator::run(*workspace, thatDay);
        QVERIFY2(day, Test::why(day));
        QCOMPARE(day->total.value(Indicator::FirstDiscoveryRate).numerator, 3);
        QCOMPARE(*PatrolBook::creditedCaseIds(*workspace, QDate(2026, 3, 4), QDate(2026, 3, 9)),
            QSet<qint64> {});
    }
};

GRIDDESK_TEST_MAIN(TestPatrolBook, QCoreApplication)
#include "tst_patrolbook.moc"
