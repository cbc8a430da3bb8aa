// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "ingest/caseimporter.h"
#include "ingest/gridimporter.h"
#include "storage/workspace.h"

#include "support/testsupport.h"
#include "workspacefixture.h"

#include <QCoreApplication>
#include <QFile>
#include <QTemporaryDir>

using namespace GridDesk;

namespace {
qsizetype countFlag(const QList<CaseRecord> &cases, const char *flag)
{
    return std::count_if(cases.begin(), cases.end(),
        [flag](const CaseRecord &record) { return record.hasFlag(flag); });
}
} // namespace

class TestCaseImporter : public QObject
{
    Q_OBJECT

private:
    Test::WorkspaceFixture m_workspaces;

    std::unique_ptr<Workspace> freshWorkspace() { return m_workspaces.fresh(); }

    std::unique_ptr<Workspace> newYork()
    {
        auto workspace = freshWorkspace();
        GridImportOptions boroughs;
        boroughs.level = GridLevel::District;
        boroughs.codeField = QStringLiteral("borough_code");
        boroughs.nameField = QStringLiteral("name");
        GridImportOptions districts;
        districts.level = GridLevel::Base;
        districts.codeField = QStringLiteral("boro_cd");
        districts.nameField = QStringLiteral("name");
        if (!importGrids(
                *workspace, Test::mapsPath(QStringLiteral("nyc/nyc_boroughs.geojson")), boroughs)
            || !importGrids(*workspace,
                Test::mapsPath(QStringLiteral("nyc/nyc_community_districts.geojson")), districts))
            return nullptr;
        return workspace;
    }

private Q_SLOTS:
    void newYork311()
    {
        auto workspace = newYork();
        QVERIFY(workspace);
        auto summary =
            importCases(*workspace, Test::dataPath(QStringLiteral("nyc/nyc311_sample_300.csv")));
        QVERIFY2(summary.has_value(), Test::why(summary).constData());
        QCOMPARE(summary->read, 300);
        QCOMPARE(summary->imported, 300);
        QCOMPARE(summary->located + summary->unlocated, 300);

        const auto cases = workspace->cases();
        QCOMPARE(cases->size(), 300);
        QCOMPARE(countFlag(*cases, CaseFlags::NO_LOCATION), 171);
        QCOMPARE(summary->unlocated,
            countFlag(*cases, CaseFlags::NO_LOCATION)
                + countFlag(*cases, CaseFlags::OUTSIDE_GRIDS));

        const CaseRecord &first = cases->first();
        QCOMPARE(first.externalId, QStringLiteral("19937896"));
        QCOMPARE(first.source, QStringLiteral("nyc311"));
        QCOMPARE(first.category, QStringLiteral("DOF Property - Payment Issue"));
        QCOMPARE(first.agency, QStringLiteral("DOF"));
        QCOMPARE(first.created.toIso(), QStringLiteral("2011-03-01T14:27:57"));
        QCOMPARE(first.closed.toIso(), QStringLiteral("2011-03-14T15:59:20"));
        QVERIFY(!first.location);

        // 186 25 Street, Brooklyn lies in Brooklyn Community District 7.
        const auto located = std::find_if(cases->begin(), cases->end(),
            [](const CaseRecord &c) { return c.externalId == QLatin1String("19937901"); });
        QVERIFY(located != cases->end());
        QCOMPARE(located->gridCode, QStringLiteral("307"));
        QVERIFY(qAbs(located->location->lat - 40.660811976282695) < 1e-12);
    }

    void losAngelesKeepsDirtyRowsAndFlagsThem()
    {
        auto workspace = freshWorkspace();
        GridImportOptions councils;
        councils.level = GridLevel::Base;
        councils.codeField = QStringLiteral("nc_id");
        councils.nameField = QStringLiteral("name");
        auto grids = importGrids(*workspace,
            Test::dataPath(QStringLiteral("los-angeles/la_neighborhood_councils_2019.geojson")),
            councils);
        QVERIFY2(grids.has_value(), Test::why(grids).constData());
        QCOMPARE(grids->imported, 99);

        auto summary = importCases(*workspace,
            Test::dataPath(QStringLiteral("los-angeles/myla311_2018_sample.csv")),
            QStringLiteral("la311"));
        QVERIFY2(summary.has_value(), Test::why(summary).constData());
        QCOMPARE(summary->read, 439);
        QCOMPARE(summary->imported, 439);

        const auto cases = workspace->cases();
        QCOMPARE(countFlag(*cases, CaseFlags::CLOSED_BEFORE_CREATED), 13);
        QVERIFY(countFlag(*cases, CaseFlags::NO_LOCATION) >= 30);
        QCOMPARE(summary->flagged,
            std::count_if(cases->begin(), cases->end(),
                [](const CaseRecord &c) { return !c.flags.isEmpty(); }));
        const CaseRecord &first = cases->first();
        QCOMPARE(first.externalId, QStringLiteral("1-870704814"));
        QCOMPARE(first.category, QStringLiteral("Bulky Items"));
        QCOMPARE(first.created.toIso(), QStringLiteral("2018-01-01T00:00:09"));
        // 356 S Berendo St lies in the Wilshire Center - Koreatown council (nc_id 55).
        QCOMPARE(first.gridCode, QStringLiteral("55"));
    }

    void largeExportIsImportedInBatches()
    {
        // More rows than one saving batch holds, half of them inside Manhattan CD 1.
        QTemporaryDir dir;
        QFile csv(dir.filePath(QStringLiteral("many.csv")));
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write("Unique Key,Created Date,Closed Date,Complaint Type,Latitude,Longitude\n");
        const int rows = 45'000;
        for (int i = 0; i < rows; ++i) {
            const bool inside = i % 2 == 0;
            csv.write(QStringLiteral("%1,01/02/2018 10:%2:00 AM,,Noise,%3,%4\n")
                          .arg(i)
                          .arg(i % 60, 2, 10, QLatin1Char('0'))
                          .arg(inside ? 40.7075 : 0.0)
                          .arg(inside ? -74.0110 : 0.0)
                          .toUtf8());
        }
        csv.close();

        auto workspace = newYork();
        auto summary = importCases(*workspace, csv.fileName(), QStringLiteral("nyc311"));
        QVERIFY2(summary.has_value(), Test::why(summary).constData());
        QCOMPARE(summary->read, rows);
        QCOMPARE(summary->imported, rows);
        QCOMPARE(summary->located, rows / 2);
        QCOMPARE(*workspace->caseCount(), rows);
        CaseQuery query;
        query.gridCode = QStringLiteral("101");
        QCOMPARE(workspace->cases(query)->size(), rows / 2);
    }

    void repeatedIdInOneFileIsReported()
    {
        QTemporaryDir dir;
        QFile csv(dir.filePath(QStringLiteral("repeat.csv")));
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write("Unique Key,Created Date,Closed Date,Complaint Type,Latitude,Longitude\n"
                  "1201,01/02/2018 10:00:00 AM,,Noise,40.7075,-74.0110\n"
                  "1202,01/02/2018 10:05:00 AM,,Graffiti,40.7075,-74.0110\n"
                  "1201,01/02/2018 11:00:00 AM,,Heating,40.7075,-74.0110\n");
        csv.close();
        auto workspace = newYork();
        auto summary = importCases(*workspace, csv.fileName(), QStringLiteral("nyc311"));
        QVERIFY2(summary.has_value(), Test::why(summary).constData());
        QCOMPARE(summary->read, 3);
        QCOMPARE(summary->imported, 2);
        const QString notes = summary->notes.join(u' ');
        QVERIFY2(notes.contains(QLatin1String("repeat")) && notes.contains(QLatin1String("1201")),
            qPrintable(notes));
        QCOMPARE(*workspace->caseCount(), 2);
        const CaseRecord repeated = workspace->cases()->first();
        QCOMPARE(repeated.category, QStringLiteral("Heating"));
        // One history, from the row that was kept: reported, registered, dispatched to the
        // unit of a case without an agency, as the file says nothing more.
        QCOMPARE(repeated.version, 3);
        QCOMPARE(repeated.state, QStringLiteral("dispatched"));
        QCOMPARE(repeated.created.toIso(), QStringLiteral("2018-01-02T11:00:00"));
    }

    void reimportDoesNotDuplicate()
    {
        auto workspace = newYork();
        const QString file = Test::dataPath(QStringLiteral("nyc/nyc311_sample_300.csv"));
        QVERIFY(importCases(*workspace, file));
        QVERIFY(importCases(*workspace, file));
        QCOMPARE(*workspace->caseCount(), 300);
    }

    void casesImportedBeforeGridsAreLocatedLater()
    {
        auto workspace = freshWorkspace();
        auto summary = importCases(*workspace,
            Test::dataPath(QStringLiteral("nyc/nyc311_sample_300.csv")), QStringLiteral("nyc311"));
        QVERIFY(summary.has_value());
        QCOMPARE(summary->located, 0);
        QCOMPARE(countFlag(*workspace->cases(), CaseFlags::OUTSIDE_GRIDS), 129);

        GridImportOptions districts;
        districts.level = GridLevel::Base;
        districts.codeField = QStringLiteral("boro_cd");
        auto grids = importGrids(*workspace,
            Test::mapsPath(QStringLiteral("nyc/nyc_community_districts.geojson")), districts);
        QVERIFY(grids.has_value());
        const auto cases = workspace->cases();
        // One point lies in a park between community districts, inside no base grid.
        QCOMPARE(countFlag(*cases, CaseFlags::OUTSIDE_GRIDS), 1);
        QCOMPARE(std::count_if(cases->begin(), cases->end(),
                     [](const CaseRecord &c) { return !c.gridCode.isEmpty(); }),
            128);
    }

    void unknownExportIsRefused()
    {
        auto workspace = freshWorkspace();
        auto summary =
            importCases(*workspace, Test::dataPath(QStringLiteral("nyc/squares_wkt.csv")));
        QVERIFY(!summary.has_value());
        QCOMPARE(summary.error().code, ErrorCode::MissingField);
        QVERIFY(summary.error().message.contains(QLatin1String("squares_wkt.csv")));

        summary = importCases(*workspace,
            Test::dataPath(QStringLiteral("nyc/nyc311_sample_300.csv")), QStringLiteral("la311"));
        QVERIFY(!summary.has_value());
        QVERIFY(summary.error().message.contains(QLatin1String("SRNumber")));
        QCOMPARE(*workspace->caseCount(), 0);
    }
};

GRIDDESK_TEST_MAIN(TestCaseImporter, QCoreApplication)
#include "tst_caseimporter.moc"
