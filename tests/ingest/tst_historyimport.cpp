// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "ingest/caseimporter.h"
#include "storage/workspace.h"
#include "workflow/casebook.h"

#include "support/testsupport.h"
#include "workspacefixture.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QSqlQuery>

using namespace GridDesk;

namespace {

const QString LA_EXCERPT = QStringLiteral("los-angeles/myla311_2018_history.csv");
/// The shared data folder beside the checkout, as tests/data/README.md describes it.
const QString LA_WHOLE =
    QStringLiteral("../../../shared/data/los-angeles/myla311_2018_mini_10k.csv");

qint64 number(const Workspace &workspace, const QString &sql)
{
    QSqlQuery query(workspace.database());
    if (!query.exec(sql) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

qint64 eventCount(const Workspace &workspace)
{
    return number(workspace, QStringLiteral("SELECT count(*) FROM case_events"));
}

/// Cases whose version column differs from the number of events in their history.
qint64 versionMismatches(const Workspace &workspace)
{
    return number(workspace,
        QStringLiteral("SELECT count(*) FROM cases c WHERE version != (SELECT count(*) FROM "
                       "case_events e WHERE e.case_id = c.fid)"));
}

/// The state the closed loop must show for a feed's status.
QString expectedState(const QString &status)
{
    if (status == QLatin1String("Cancelled"))
        return QStringLiteral("cancelled");
    if (status == QLatin1String("Closed") || status == QLatin1String("Referred Out"))
        return QStringLiteral("closed");
    if (status == QLatin1String("Assigned"))
        return QStringLiteral("in_handling");
    return QStringLiteral("dispatched");
}

/// The machine's wall time to the second, as the import takes it.
CaseTime wallNow()
{
    const QDateTime now = QDateTime::currentDateTime();
    const QTime time = now.time();
    return CaseTime::naive(now.date(), QTime(time.hour(), time.minute(), time.second()));
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

const QByteArray NYC_HEADER = "Unique Key,Created Date,Closed Date,Agency,Complaint Type,Status,"
                              "Resolution Description,Resolution Action Updated Date\n";

} // namespace

class TestHistoryImport : public QObject
{
    Q_OBJECT

private:
    Test::WorkspaceFixture m_workspaces;

    /// Checks every case of workspace against its feed row and the loop's rules; returns the
    /// first problem found, or nothing.
    QString checkHistories(Workspace &workspace)
    {
        auto setup = WorkflowSetup::load(workspace);
        if (!setup)
            return setup.error().message;
        CaseBook book(workspace, *setup);
        const auto cases = workspace.cases();
        for (const CaseRecord &record : *cases) {
            auto file = book.file(record.id);
            if (!file)
                return QStringLiteral("%1: %2").arg(record.externalId, file.error().message);
            if (record.state != expectedState(record.status))
                return QStringLiteral("%1 is %2 but its feed says %3")
                    .arg(record.externalId, record.state, record.status);
            if (record.version != file->version())
                return QStringLiteral("%1: version %2, %3 events")
                    .arg(record.externalId)
                    .arg(record.version)
                    .arg(file->version());
            if (auto problem = checkEvents(*file); !problem.isEmpty())
                return QStringLiteral("%1: %2").arg(record.externalId, problem);
        }
        return {};
    }

    static QString checkEvents(const CaseFile &file)
    {
        const QList<CaseEvent> &events = file.events();
        QStringList handlers;
        QStringList handlerUnits;
        for (qsizetype i = 0; i < events.size(); ++i) {
            const CaseEvent &event = events.at(i);
            if (i > 0 && events.at(i - 1).at.secondsTo(event.at) < 0)
                return QStringLiteral("event %1 goes back in time").arg(event.sequence);
            if (event.action == CaseAction::Accept || event.action == CaseAction::FeedBack) {
                handlers << event.actor;
                handlerUnits << event.unit;
            }
            const bool selfVerified = event.action == CaseAction::Verify
                && (handlers.contains(event.actor) || handlerUnits.contains(event.unit));
            if (selfVerified)
                return QStringLiteral("verified by its handler %1").arg(event.actor);
        }
        return {};
    }

private Q_SLOTS:
    void losAngelesHistories()
    {
        auto workspace = m_workspaces.fresh();
        QVERIFY(workspace);
        auto summary = importCases(*workspace, Test::dataPath(LA_EXCERPT), QStringLiteral("la311"));
        QVERIFY2(summary.has_value(), Test::why(summary).constData());
        QCOMPARE(summary->imported, 430);
        QCOMPARE(summary->histories, 430);
        // 3 opening events each; 4 more for each closed or referred case, 1 or 2 for each
        // cancelled one (2 when the feed names the crew that had it).
        QCOMPARE(summary->events, 2508);
        QCOMPARE(eventCount(*workspace), 2508);
        QVERIFY2(summary->toText().contains(QLatin1String("2508 events in 430 case histories")),
            qPrintable(summary->toText()));
        QVERIFY2(summary->notes.filter(QLatin1String("refused")).isEmpty(),
            qPrintable(summary->notes.join(u'\n')));

        const QString problem = checkHistories(*workspace);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QCOMPARE(versionMismatches(*workspace), 0);
        QCOMPARE(number(*workspace,
                     QStringLiteral("SELECT count(*) FROM cases WHERE state = 'cancelled'")),
            58);
    }

    void losAngelesDirtyRowsKeepTheirFeedTimes()
    {
        auto workspace = m_workspaces.fresh();
        QVERIFY(importCases(*workspace, Test::dataPath(LA_EXCERPT), QStringLiteral("la311")));
        CaseBook book(*workspace, *WorkflowSetup::load(*workspace));

        // Closed before it was created: verified when it was created, with the feed's time kept.
        const auto cases = workspace->cases();
        const auto early = std::find_if(cases->begin(), cases->end(),
            [](const CaseRecord &c) { return c.externalId == QLatin1String("1-872435501"); });
        QVERIFY(early != cases->end());
        QVERIFY(early->hasFlag(CaseFlags::CLOSED_BEFORE_CREATED));
        const CaseEvent verify = book.file(early->id)->events().last();
        QCOMPARE(verify.action, CaseAction::Verify);
        QCOMPARE(verify.at.toIso(), QStringLiteral("2018-01-02T16:21:58"));
        QCOMPARE(verify.data.value(QLatin1String("feed_time")).toString(),
            QStringLiteral("2018-01-02T00:00:00"));
        QCOMPARE(early->state, QStringLiteral("closed"));
        QCOMPARE(early->leadUnit, QStringLiteral("BSL"));

        // Rows without coordinates still have their whole history.
        const auto unlocated = std::count_if(cases->begin(), cases->end(),
            [](const CaseRecord &c) { return c.hasFlag(CaseFlags::NO_LOCATION); });
        QCOMPARE(unlocated, 34);
        for (const CaseRecord &record : *cases) {
            if (record.hasFlag(CaseFlags::NO_LOCATION))
                QVERIFY2(record.version >= 4, qPrintable(record.externalId));
        }
    }

    void unitsAndCategoriesAreCreated()
    {
        auto workspace = m_workspaces.fresh();
        QVERIFY(importCases(*workspace, Test::dataPath(LA_EXCERPT), QStringLiteral("la311")));
        const auto setup = WorkflowSetup::load(*workspace);
        QVERIFY2(setup.has_value(), Test::why(setup).constData());

        const auto city = setup->units.unit(QStringLiteral("city"));
        QVERIFY(city);
        QCOMPARE(city->tier, 1);
        const auto sanitation = setup->units.unit(QStringLiteral("BOS"));
        QVERIFY(sanitation);
        QCOMPARE(sanitation->tier, 2);
        QCOMPARE(sanitation->parentCode, QStringLiteral("city"));
        const auto crew = setup->units.unit(QStringLiteral("BOS/NC"));
        QVERIFY(crew);
        QCOMPARE(crew->tier, 5);
        QCOMPARE(crew->parentCode, QStringLiteral("BOS"));
        // The city, 6 agencies and the 25 crews the excerpt names.
        QCOMPARE(setup->units.size(), 1 + 6 + 25);

        QCOMPARE(setup->categories.size(), 12);
        QCOMPARE(setup->categories.defaultUnit(QStringLiteral("Bulky Items")), "BOS");
        QCOMPARE(setup->categories.defaultUnit(QStringLiteral("Graffiti Removal")), "OCB");
        QCOMPARE(setup->categories.defaultUnit(QStringLiteral("Single Streetlight Issue")), "BSL");
        // "Other" comes from ITA 30 times and from BOS 5 times.
        QCOMPARE(setup->categories.defaultUnit(QStringLiteral("Other")), "ITA");
    }

    void reimportAppendsNothing()
    {
        auto workspace = m_workspaces.fresh();
        const QString file = Test::dataPath(LA_EXCERPT);
        QVERIFY(importCases(*workspace, file, QStringLiteral("la311")));
        const qint64 events = eventCount(*workspace);
        const auto unitsBefore = WorkflowSetup::load(*workspace)->units.size();

        auto again = importCases(*workspace, file, QStringLiteral("la311"));
        QVERIFY2(again.has_value(), Test::why(again).constData());
        QCOMPARE(again->imported, 430);
        QCOMPARE(again->histories, 0);
        QCOMPARE(again->events, 0);
        const QString notes = again->notes.join(u'\n');
        QVERIFY2(
            !notes.contains(QLatin1String("refused")) && !notes.contains(QLatin1String("kept")),
            qPrintable(notes));
        QCOMPARE(eventCount(*workspace), events);
        QCOMPARE(versionMismatches(*workspace), 0);
        QCOMPARE(WorkflowSetup::load(*workspace)->units.size(), unitsBefore);
    }

    void newYorkOpenCasesStayOpen()
    {
        auto workspace = m_workspaces.fresh();
        auto summary = importCases(
            *workspace, Test::dataPath(QStringLiteral("nyc/nyc311_sample_300.csv")), "nyc311");
        QVERIFY2(summary.has_value(), Test::why(summary).constData());
        QCOMPARE(summary->histories, 300);
        const QString problem = checkHistories(*workspace);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QCOMPARE(number(*workspace,
                     QStringLiteral("SELECT count(*) FROM cases WHERE state = 'in_handling'")),
            4);

        // The agency's own words are the result, and its due date is kept with the dispatch.
        CaseBook book(*workspace, *WorkflowSetup::load(*workspace));
        const auto events = book.file(workspace->cases()->first().id)->events();
        QCOMPARE(events.at(0).data.value(QLatin1String("channel")).toString(), "PHONE");
        QCOMPARE(events.at(2).data.value(QLatin1String("due_at")).toString(),
            QStringLiteral("2011-03-22T14:27:57"));
        QCOMPARE(events.at(4).data.value(QLatin1String("result")).toString(),
            QStringLiteral("The Department of Finance resolved this issue."));
        QCOMPARE(events.at(4).at.toIso(), QStringLiteral("2011-03-14T15:59:20"));
    }

    void laterExportContinuesOnlyUntouchedHistories()
    {
        auto workspace = m_workspaces.fresh();
        const QString first = m_workspaces.filePath(QStringLiteral("first.csv"));
        QVERIFY(writeFile(first,
            NYC_HEADER
                + "501,01/02/2018 10:00:00 AM,,DOT,Street Condition,Assigned,,\n"
                  "502,01/02/2018 11:00:00 AM,,DOT,Street Condition,Pending,,\n"));
        QVERIFY(importCases(*workspace, first, QStringLiteral("nyc311")));

        // An operator withdraws 502 at the desk after the import.
        CaseBook book(*workspace, *WorkflowSetup::load(*workspace));
        const auto cases = *workspace->cases();
        ActionRequest cancel;
        cancel.action = CaseAction::Cancel;
        cancel.basedOnVersion = cases.at(1).version;
        cancel.actor = QStringLiteral("Operator Chen");
        cancel.actorUnit = QStringLiteral("city");
        cancel.at = CaseTime::naive(QDate(2018, 1, 3), QTime(9, 0));
        cancel.reason = QStringLiteral("Reported twice by phone");
        QVERIFY(book.act(cases.at(1).id, cancel));

        const QString later = m_workspaces.filePath(QStringLiteral("later.csv"));
        QVERIFY(writeFile(later,
            NYC_HEADER
                + "501,01/02/2018 10:00:00 AM,01/05/2018 04:00:00 PM,DOT,Street Condition,Closed,"
                  "The pothole was repaired.,01/05/2018 03:00:00 PM\n"
                  "502,01/02/2018 11:00:00 AM,01/04/2018 04:00:00 PM,DOT,Street Condition,Closed,"
                  "Repaired.,01/04/2018 03:00:00 PM\n"));
        auto summary = importCases(*workspace, later, QStringLiteral("nyc311"));
        QVERIFY2(summary.has_value(), Test::why(summary).constData());
        QCOMPARE(summary->histories, 1);
        QCOMPARE(summary->events, 2);
        QVERIFY2(summary->notes.join(u' ').contains(QLatin1String("kept as it was")),
            qPrintable(summary->notes.join(u'\n')));

        const auto after = *workspace->cases();
        QCOMPARE(after.at(0).state, QStringLiteral("closed"));
        QCOMPARE(after.at(0).version, 6);
        QCOMPARE(book.file(after.at(0).id)->events().at(4).data.value(QLatin1String("result")),
            QStringLiteral("The pothole was repaired."));
        QCOMPARE(after.at(1).state, QStringLiteral("cancelled"));
        QCOMPARE(after.at(1).version, 4);
        QCOMPARE(versionMismatches(*workspace), 0);
    }

    void refusedStepsAreReportedWithTheCaseId()
    {
        auto workspace = m_workspaces.fresh();
        const QString first = m_workspaces.filePath(QStringLiteral("pending.csv"));
        QVERIFY(writeFile(
            first, NYC_HEADER + "601,01/02/2018 10:00:00 AM,,DOT,Street Condition,Pending,,\n"));
        QVERIFY(importCases(*workspace, first, QStringLiteral("nyc311")));

        // The later export moved the creation an hour back: the rest of the history would
        // start before what is already recorded, which the workflow refuses.
        const QString corrected = m_workspaces.filePath(QStringLiteral("corrected.csv"));
        QVERIFY(writeFile(corrected,
            NYC_HEADER
                + "601,01/02/2018 09:00:00 AM,01/02/2018 09:30:00 AM,DOT,Street Condition,"
                  "Closed,Repaired.,\n"));
        auto summary = importCases(*workspace, corrected, QStringLiteral("nyc311"));
        QVERIFY2(summary.has_value(), Test::why(summary).constData());
        const QStringList refused = summary->notes.filter(QLatin1String("refused"));
        QCOMPARE(refused.size(), 1);
        QVERIFY2(refused.first().contains(QLatin1String("601:")), qPrintable(refused.first()));
        QCOMPARE(summary->events, 0);
        QCOMPARE(workspace->cases()->first().state, QStringLiteral("dispatched"));
    }

    void rowsWithoutCreationTimeStillGetAHistory()
    {
        auto workspace = m_workspaces.fresh();
        const QString file = m_workspaces.filePath(QStringLiteral("timeless.csv"));
        QVERIFY(writeFile(file,
            NYC_HEADER
                + "701,,01/05/2018 10:00:00 AM,DSNY,Dirty Conditions,Closed,Cleaned.,\n"
                  "702,yesterday,,DSNY,Dirty Conditions,Cancelled,,\n"));
        const CaseTime before = wallNow();
        auto summary = importCases(*workspace, file, QStringLiteral("nyc311"));
        QVERIFY2(summary.has_value(), Test::why(summary).constData());
        QCOMPARE(summary->histories, 2);
        QVERIFY2(summary->notes.join(u' ').contains(QLatin1String("2 case(s) have no readable")),
            qPrintable(summary->notes.join(u'\n')));

        CaseBook book(*workspace, *WorkflowSetup::load(*workspace));
        const auto cases = *workspace->cases();
        const auto closed = book.file(cases.at(0).id)->events();
        QCOMPARE(cases.at(0).state, QStringLiteral("closed"));
        QCOMPARE(closed.first().at.toIso(), QStringLiteral("2018-01-05T10:00:00"));
        QVERIFY(closed.first().data.value(QLatin1String("time_unknown")).toBool());

        const auto cancelled = book.file(cases.at(1).id)->events();
        QCOMPARE(cases.at(1).state, QStringLiteral("cancelled"));
        QVERIFY(cases.at(1).hasFlag(CaseFlags::BAD_CREATED_DATE));
        // Nothing in the row says when: the history starts when it was imported.
        const CaseTime reported = cancelled.first().at;
        QVERIFY2(before.secondsTo(reported) >= 0 && reported.secondsTo(wallNow()) >= 0,
            qPrintable(reported.toIso()));
        QVERIFY(cancelled.first().data.value(QLatin1String("time_unknown")).toBool());
    }

    void wholeLosAngelesFile()
    {
        const QString path = Test::dataPath(LA_WHOLE);
        if (!QFile::exists(path))
            QSKIP("The shared Los Angeles data is not beside this checkout.");
        auto workspace = m_workspaces.fresh();
        auto summary = importCases(*workspace, path, QStringLiteral("la311"));
        QVERIFY2(summary.has_value(), Test::why(summary).constData());
        QCOMPARE(summary->imported, 10000);
        QCOMPARE(summary->histories, 10000);
        QCOMPARE(summary->events, 59653);
        QVERIFY2(summary->notes.filter(QLatin1String("refused")).isEmpty(),
            qPrintable(summary->notes.join(u'\n')));
        QCOMPARE(versionMismatches(*workspace), 0);
        QCOMPARE(
            number(*workspace, QStringLiteral("SELECT count(*) FROM cases WHERE state = 'closed'")),
            9711 + 9);
        QCOMPARE(number(*workspace,
                     QStringLiteral("SELECT count(*) FROM cases WHERE state = 'cancelled'")),
            280);
        QCOMPARE(
            number(*workspace, QStringLiteral("SELECT count(*) FROM org_units WHERE tier = 5")),
            32);
        QCOMPARE(number(*workspace,
                     QStringLiteral("SELECT count(*) FROM case_events e JOIN "
                                    "case_events f ON f.case_id = e.case_id AND "
                                    "f.sequence = e.sequence + 1 WHERE f.at < "
                                    "e.at")),
            0);
    }
};

GRIDDESK_TEST_MAIN(TestHistoryImport, QCoreApplication)
#include "tst_historyimport.moc"
