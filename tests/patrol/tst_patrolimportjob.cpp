// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "patrol/patrolimportjob.h"

#include "patrolfixture.h"
#include "support/testsupport.h"

#include "storage/workspace.h"

#include <QCoreApplication>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>

using namespace GridDesk;

namespace {

qint64 count(const Workspace &workspace, const char *table)
{
    QSqlQuery query(workspace.database());
    if (!query.exec(QStringLiteral("SELECT count(*) FROM %1").arg(QLatin1String(table))))
        return -1;
    return query.next() ? query.value(0).toLongLong() : -1;
}

} // namespace

class TestPatrolImportJob : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<Workspace> m_workspace;

    /// A walk of fixes a second apart across the square, from start.
    QString walk(const QString &name, int fixes, const QDateTime &start)
    {
        QList<Test::Fix> points;
        for (int i = 0; i < fixes; ++i)
            points << Test::Fix {-0.001 + 0.012 * i / fixes, 0.005, start.addSecs(i)};
        const QString path = m_dir.filePath(name);
        return Test::writeGpx(path, points) ? path : QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_path = m_dir.filePath(QStringLiteral("square.gpkg"));
        auto opened = Workspace::open(m_path);
        QVERIFY2(opened, Test::why(opened));
        m_workspace = std::move(*opened);
        const Grid grid = Test::rectangleGrid(QStringLiteral("SQ"), 0.0, 0.0, 0.01, 0.01);
        QVERIFY(m_workspace->transaction([&] { return m_workspace->saveGrids({grid}); }));
        QVERIFY(Test::addUser(*m_workspace, QStringLiteral("lee")));
    }

    void theLogIsImportedOnAWorkerAndSeenHere()
    {
        const QString log =
            walk(QStringLiteral("walk.gpx"), 5000, QDateTime(QDate(2026, 3, 2), {9, 0}, Qt::UTC));
        PatrolImportJob job(m_path, log, QStringLiteral("lee"), 30.0);
        QThread *worker = nullptr;
        connect(
            &job, &PatrolImportJob::importProgressed, this,
            [&worker] { worker = QThread::currentThread(); }, Qt::DirectConnection);
        QSignalSpy started(&job, &PatrolImportJob::importStarted);
        QSignalSpy progressed(&job, &PatrolImportJob::importProgressed);
        QSignalSpy finished(&job, &PatrolImportJob::importFinished);
        QSignalSpy failed(&job, &PatrolImportJob::importFailed);

        job.start();
        QCOMPARE(started.size(), 1);
        QVERIFY(job.isRunning());
        QVERIFY(finished.wait(60000));
        QVERIFY(failed.isEmpty());
        QVERIFY(!job.isRunning());
        QVERIFY(worker && worker != QThread::currentThread());
        // Reading, analysing and saving were each told, in that order, the saving to the end.
        QList<ImportStage> stages;
        for (const QList<QVariant> &told : std::as_const(progressed))
            stages << told.at(0).value<ImportStage>();
        QVERIFY(stages.contains(ImportStage::Reading) && stages.contains(ImportStage::Analysing));
        QVERIFY(std::is_sorted(stages.cbegin(), stages.cend()));
        QCOMPARE(progressed.last().at(1).toLongLong(), 5000);
        QCOMPARE(progressed.last().at(2).toLongLong(), 5000);

        // Committed on the worker's connection, read on this one.
        const auto import = finished.first().first().value<PatrolImport>();
        QCOMPARE(import.track.pointCount, 5000);
        QCOMPARE(count(*m_workspace, "patrol_points"), 5000);
        QCOMPARE(count(*m_workspace, "patrol_tracks"), 1);
    }

    void aFailureIsToldAndKeepsNothing()
    {
        PatrolImportJob job(
            m_path, m_dir.filePath(QStringLiteral("walk.gpx")), QStringLiteral("lee"), 30.0);
        QSignalSpy failed(&job, &PatrolImportJob::importFailed);
        job.start();
        QVERIFY(failed.wait(60000));
        const auto error = failed.first().first().value<Error>();
        QCOMPARE(error.code, ErrorCode::Conflict);
        QVERIFY2(
            error.message.contains(QLatin1String("already imported")), qPrintable(error.message));
        QCOMPARE(count(*m_workspace, "patrol_tracks"), 1);
    }

    void aJobGoneWhileRunningStopsAndKeepsNothing()
    {
        const QString log =
            walk(QStringLiteral("long.gpx"), 40000, QDateTime(QDate(2026, 3, 3), {9, 0}, Qt::UTC));
        {
            PatrolImportJob job(m_path, log, QStringLiteral("lee"), 30.0);
            job.start();
            QVERIFY(job.isRunning());
        }
        QCOMPARE(count(*m_workspace, "patrol_tracks"), 1);
        QCOMPARE(count(*m_workspace, "patrol_points"), 5000);
    }
};

GRIDDESK_TEST_MAIN(TestPatrolImportJob, QCoreApplication)
#include "tst_patrolimportjob.moc"
