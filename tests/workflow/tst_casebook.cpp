// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "support/testsupport.h"
#include "workflowfixture.h"

#include "ingest/workspacefixture.h"
#include "storage/migrations.h"
#include "storage/sqlfunctions.h"
#include "workflow/casebook.h"
#include "workflow/dispatchdryrun.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryFile>
#include <QTest>

using namespace GridDesk;
using namespace GridDesk::Test;

namespace {

WorkflowSetup sampleSetup()
{
    WorkflowSetup setup;
    setup.units = sampleUnits();
    setup.calendar = WorkCalendar();
    return setup;
}

CaseRecord sampleCase(const QString &externalId, double lon, double lat, const QDateTime &created)
{
    CaseRecord record;
    record.source = QStringLiteral("hotline");
    record.externalId = externalId;
    record.category = QStringLiteral("Illegal dumping");
    record.descriptor = QStringLiteral("Mattress on the pavement");
    record.created = CaseTime::naive(created.date(), created.time());
    record.location = GeoPoint {lon, lat};
    return record;
}

ActionRequest by(const Person &person, CaseAction action, int version, const CaseTime &when)
{
    ActionRequest request;
    request.action = action;
    request.basedOnVersion = version;
    request.actor = person.name;
    request.role = person.role;
    request.actorUnit = person.unit;
    request.at = when;
    return request;
}

CaseTime minute(int n)
{
    return CaseTime::naive(QDate(2026, 3, 2), QTime(9, 0).addSecs(60 * n));
}

/// Registers a reported case and dispatches it to unit, at 09:01 and 09:02.
bool dispatchTo(CaseBook &book, qint64 id, const QString &unit)
{
    ActionRequest dispatch = by(OPERATOR, CaseAction::Dispatch, 2, minute(2));
    dispatch.unit = unit;
    return book.act(id, by(OPERATOR, CaseAction::Register, 1, minute(1))).has_value()
        && book.act(id, dispatch).has_value();
}

/// Writes an event into the file as another program would, past the case book; returns
/// SQLite's refusal, empty when the row went in.
QString plantEvent(const Workspace &workspace, qint64 caseId, int sequence, const QString &action,
    const QString &from, const QString &to, const QString &verb = QStringLiteral("INSERT"))
{
    QSqlQuery query(workspace.database());
    query.prepare(verb
        + QStringLiteral(" INTO case_events (case_id, sequence, action, actor, role, at, "
                         "from_state, to_state) VALUES (?, ?, ?, 'x', 'system', "
                         "'2026-03-02T10:00:00', ?, ?)"));
    for (const QVariant &value : {QVariant(caseId), QVariant(sequence), QVariant(action),
             from.isEmpty() ? QVariant() : QVariant(from), QVariant(to)})
        query.addBindValue(value);
    return query.exec() ? QString() : query.lastError().text();
}

} // namespace

class TestCaseBook : public QObject
{
    Q_OBJECT

private:
    WorkspaceFixture m_fixture;

    /// A workspace with the sample units saved and one reported case; returns its id.
    std::unique_ptr<Workspace> workspaceWithCase(qint64 &caseId)
    {
        auto workspace = m_fixture.fresh();
        if (!workspace)
            return nullptr;
        const WorkflowSetup setup = sampleSetup();
        auto saved = workspace->transaction([&] { return setup.save(*workspace); });
        if (!saved) {
            qWarning("setup not saved: %s", qPrintable(saved.error().message));
            return nullptr;
        }
        CaseBook book(*workspace, setup);
        CaseRecord record =
            sampleCase("A-1", 116.40, 39.90, QDateTime(QDate(2026, 3, 2), QTime(9, 0)));
        auto reported = book.report(record, by(OPERATOR, CaseAction::Report, 0, minute(0)));
        if (!reported) {
            qWarning("case not reported: %s", qPrintable(reported.error().message));
            return nullptr;
        }
        caseId = record.id;
        return workspace;
    }

private Q_SLOTS:
    void reportToCloseSurvivesReopening()
    {
        qint64 id = 0;
        auto workspace = workspaceWithCase(id);
        QVERIFY(workspace);
        {
            CaseBook book(*workspace, sampleSetup());
            QVERIFY(dispatchTo(book, id, QStringLiteral("sanitation")));
            QVERIFY(book.act(id, by(HANDLER, CaseAction::Accept, 3, minute(3))));
            ActionRequest feedBack = by(HANDLER, CaseAction::FeedBack, 4, minute(4));
            feedBack.data.insert(QStringLiteral("result"), QStringLiteral("Collected"));
            QVERIFY(book.act(id, feedBack));
            auto closed = book.act(id, by(SUPERVISOR, CaseAction::Verify, 5, minute(5)));
            QVERIFY2(closed, Test::why(closed));
        }
        const QString path = workspace->path();
        workspace.reset();

        auto reopened = Workspace::open(path);
        QVERIFY2(reopened, Test::why(reopened));
        auto setup = WorkflowSetup::load(**reopened);
        QVERIFY2(setup, Test::why(setup));
        QCOMPARE(setup->units.size(), sampleUnits().size());
        CaseBook book(**reopened, *setup);
        auto file = book.file(id);
        QVERIFY2(file, Test::why(file));
        QCOMPARE(file->state(), CaseState::Closed);
        QCOMPARE(file->version(), 6);
        QCOMPARE(file->events().at(4).data.value("result").toString(), QStringLiteral("Collected"));

        auto record = book.record(id);
        QVERIFY2(record, Test::why(record));
        QCOMPARE(record->state, QStringLiteral("closed"));
        QCOMPARE(record->version, 6);
        QCOMPARE(record->leadUnit, QStringLiteral("sanitation"));
        QVERIFY(record->deadline.isValid()); // the evaluation stage's
    }

    void versionOneWorkspacesGetTheReportOfEveryCase()
    {
        // A workspace as the first release wrote it: schema 1, cases without histories.
        const QString path = m_fixture.filePath(QStringLiteral("version1.gpkg"));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), "v1");
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QVERIFY(SqlFunctions::registerGeoPackageFunctions(db));
            QSqlQuery query(db);
            QVERIFY(query.exec("CREATE TABLE griddesk_schema (version INTEGER PRIMARY KEY, "
                               "summary TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT '')"));
            for (const QString &statement : Migrations::all().first().statements)
                QVERIFY2(query.exec(statement), qPrintable(query.lastError().text()));
            QVERIFY(query.exec("INSERT INTO griddesk_schema (version, summary) VALUES (1, 'v1')"));
            QVERIFY(query.exec("INSERT INTO cases (source, external_id, category, created) "
                               "VALUES ('nyc311', '42', 'Noise', '2011-05-01T10:00:00')"));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("v1"));

        auto workspace = Workspace::open(path);
        QVERIFY2(workspace, Test::why(workspace));
        QCOMPARE((*workspace)->schemaVersion(), Workspace::SCHEMA_VERSION);
        CaseBook book(**workspace, sampleSetup());
        auto file = book.file(1);
        QVERIFY2(file, Test::why(file));
        QCOMPARE(file->version(), 1);
        QCOMPARE(file->state(), CaseState::Reported);
        QCOMPARE(file->category(), QStringLiteral("Noise"));
        QCOMPARE(file->events().first().at.toIso(), QStringLiteral("2011-05-01T10:00:00"));
        QCOMPARE(book.record(1)->version, 1);
        auto registered = book.act(1, by(OPERATOR, CaseAction::Register, 1, minute(0)));
        QVERIFY2(registered, Test::why(registered));
    }

    void caseRowCarriesCoUnitsAndPendingExtensions()
    {
        qint64 id = 0;
        auto workspace = workspaceWithCase(id);
        QVERIFY(workspace);
        CaseBook book(*workspace, sampleSetup());
        QVERIFY(book.act(id, by(OPERATOR, CaseAction::Register, 1, minute(1))));
        ActionRequest joint = by(OPERATOR, CaseAction::Dispatch, 2, minute(2));
        joint.unit = QStringLiteral("sanitation");
        joint.coUnits = {QStringLiteral("roads")};
        QVERIFY(book.act(id, joint));
        QVERIFY(book.act(id, by(HANDLER, CaseAction::Accept, 3, minute(3))));
        ActionRequest ask = by(HANDLER, CaseAction::RequestExtension, 4, minute(4));
        ask.reason = QStringLiteral("Waiting for a skip");
        ask.data.insert(QStringLiteral("limit"), QStringLiteral("1d"));
        QVERIFY(book.act(id, ask));

        auto record = book.record(id);
        QCOMPARE(record->coUnits, QStringList {QStringLiteral("roads")});
        QVERIFY(record->extensionPending);
        QVERIFY(record->caseTypes.contains(QLatin1String("joint")));
        QVERIFY(book.act(id, by(LEADER, CaseAction::DenyExtension, 5, minute(5)))
                    .error()
                    .message.contains(QLatin1String("reason")));
        QVERIFY(book.act(id, by(LEADER, CaseAction::ApproveExtension, 5, minute(5))));
        QVERIFY(!book.record(id)->extensionPending);
    }

    void historyCannotBeEditedAway()
    {
        qint64 id = 0;
        auto workspace = workspaceWithCase(id);
        QVERIFY(workspace);
        QSqlQuery query(workspace->database());
        QVERIFY(!query.exec(QStringLiteral("UPDATE case_events SET actor = 'someone else'")));
        QVERIFY2(query.lastError().text().contains(QLatin1String("cannot be changed")),
            qPrintable(query.lastError().text()));
        QVERIFY(!query.exec(QStringLiteral("DELETE FROM case_events")));
        QVERIFY(query.exec(QStringLiteral("SELECT count(*) FROM case_events")) && query.next());
        QCOMPARE(query.value(0).toInt(), 1);
    }

    void damagedHistoryIsReportedNotGuessed()
    {
        qint64 id = 0;
        auto workspace = workspaceWithCase(id);
        QVERIFY(workspace);
        // Another program appends an event GridDesk does not know.
        QCOMPARE(plantEvent(*workspace, id, 2, "teleport", {}, "closed"), QString());
        CaseBook book(*workspace, sampleSetup());
        auto unknown = book.file(id);
        QVERIFY(!unknown);
        QVERIFY2(unknown.error().message.contains(QLatin1String("Event 2 of case")),
            qPrintable(unknown.error().message));
        auto refused = book.act(id, by(OPERATOR, CaseAction::Register, 1, minute(1)));
        QVERIFY(!refused);

        // Nor can it insert out of order, or replace an event in place.
        const QString gap = plantEvent(*workspace, id, 5, "register", "reported", "registered");
        QVERIFY2(gap.contains(QLatin1String("in order")), qPrintable(gap));
        QVERIFY(!plantEvent(*workspace, id, 1, "cancel", {}, "cancelled", "REPLACE").isEmpty());
    }

    void plantedStepsAreRefusedAndSkipped()
    {
        qint64 id = 0;
        auto workspace = workspaceWithCase(id);
        QVERIFY(workspace);
        // A well-formed event the loop does not allow: a reported case "verified".
        QCOMPARE(plantEvent(*workspace, id, 2, "verify", "reported", "closed"), QString());
        CaseBook book(*workspace, sampleSetup());
        auto planted = book.file(id);
        QVERIFY(!planted);
        QVERIFY2(planted.error().message.contains(QLatin1String("does not follow")),
            qPrintable(planted.error().message));

        // The unreadable case stops neither the recomputing of deadlines nor the rules.
        CaseRecord other =
            sampleCase("C-1", 116.3, 39.8, QDateTime(QDate(2026, 3, 2), QTime(9, 0)));
        QVERIFY(book.report(other, by(OPERATOR, CaseAction::Report, 0, minute(0))));
        auto refreshed = workspace->transaction<qint64>([&] { return book.refreshDeadlines(); });
        QVERIFY2(refreshed, Test::why(refreshed));
        QVERIFY(book.applyDeadlineRules(minute(10)));
    }

    void refusalsWriteNothing()
    {
        qint64 id = 0;
        auto workspace = workspaceWithCase(id);
        QVERIFY(workspace);
        CaseBook book(*workspace, sampleSetup());
        QVERIFY(book.act(id, by(OPERATOR, CaseAction::Register, 1, minute(1))));

        auto stale = book.act(id, by(OPERATOR, CaseAction::Register, 1, minute(2)));
        QVERIFY(!stale);
        QCOMPARE(stale.error().code, ErrorCode::Conflict);
        auto forbidden = book.act(id, by(HANDLER, CaseAction::Cancel, 2, minute(2)));
        QCOMPARE(forbidden.error().code, ErrorCode::Forbidden);
        auto missing = book.act(id + 100, by(OPERATOR, CaseAction::Register, 1, minute(2)));
        QCOMPARE(missing.error().code, ErrorCode::NotFound);

        QCOMPARE(book.file(id)->version(), 2);
        QCOMPARE(book.record(id)->state, QStringLiteral("registered"));
    }

    void mergingKeepsBothHistories()
    {
        qint64 first = 0;
        auto workspace = workspaceWithCase(first);
        QVERIFY(workspace);
        CaseBook book(*workspace, sampleSetup());
        CaseRecord again =
            sampleCase("A-2", 116.4003, 39.9001, QDateTime(QDate(2026, 3, 2), QTime(9, 20)));
        QVERIFY(book.report(again, by(OPERATOR, CaseAction::Report, 0, minute(20))));
        CaseRecord far =
            sampleCase("A-3", 116.50, 39.90, QDateTime(QDate(2026, 3, 2), QTime(9, 25)));
        QVERIFY(book.report(far, by(OPERATOR, CaseAction::Report, 0, minute(25))));

        auto duplicates = book.possibleDuplicates(again.id, 100, 24);
        QVERIFY2(duplicates, Test::why(duplicates));
        QCOMPARE(duplicates->size(), 1);
        QCOMPARE(duplicates->first().id, first);

        ActionRequest merge = by(OPERATOR, CaseAction::Merge, 1, minute(30));
        merge.data.insert(QStringLiteral("into"), first);
        auto merged = book.act(again.id, merge);
        QVERIFY2(merged, Test::why(merged));
        QCOMPARE(book.file(again.id)->state(), CaseState::Merged);
        const auto target = book.file(first);
        QCOMPARE(target->version(), 2);
        QCOMPARE(target->mergedFrom(), QList<qint64> {again.id});
        QCOMPARE(target->events().last().action, CaseAction::Absorb);

        // Merged cases are no longer offered as duplicates.
        QCOMPARE(book.possibleDuplicates(first, 100, 24)->size(), 0);
    }

    void mergingIntoAFinishedCaseIsRefused()
    {
        qint64 first = 0;
        auto workspace = workspaceWithCase(first);
        QVERIFY(workspace);
        CaseBook book(*workspace, sampleSetup());
        ActionRequest reject = by(OPERATOR, CaseAction::Reject, 1, minute(1));
        reject.reason = QStringLiteral("Private land");
        QVERIFY(book.act(first, reject));
        CaseRecord again =
            sampleCase("A-2", 116.40, 39.90, QDateTime(QDate(2026, 3, 2), QTime(9, 5)));
        QVERIFY(book.report(again, by(OPERATOR, CaseAction::Report, 0, minute(5))));

        ActionRequest merge = by(OPERATOR, CaseAction::Merge, 1, minute(6));
        merge.data.insert(QStringLiteral("into"), first);
        auto refused = book.act(again.id, merge);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::NotAllowed);
        QCOMPARE(book.file(again.id)->state(), CaseState::Reported); // rolled back
    }

    void attachmentsAreKeptInTheWorkspace()
    {
        qint64 id = 0;
        auto workspace = workspaceWithCase(id);
        QVERIFY(workspace);
        CaseBook book(*workspace, sampleSetup());
        QTemporaryFile photo(QDir::tempPath() + QStringLiteral("/scene-XXXXXX.png"));
        QVERIFY(photo.open());
        const QByteArray bytes("\x89PNG\r\n\x1a\n-not-really-an-image", 29);
        photo.write(bytes);
        photo.close();

        auto attached =
            book.attach(id, photo.fileName(), by(OPERATOR, CaseAction::Attach, 1, minute(1)));
        QVERIFY2(attached, Test::why(attached));
        QCOMPARE(attached->to, CaseState::Reported);
        auto list = book.attachments(id);
        QCOMPARE(list->size(), 1);
        QCOMPARE(list->first().mimeType, QStringLiteral("image/png"));
        QCOMPARE(book.attachmentContent(list->first().id).value(), bytes);

        auto missing = book.attach(id, QStringLiteral("/nonexistent/photo.jpg"),
            by(OPERATOR, CaseAction::Attach, 2, minute(2)));
        QVERIFY(!missing);
        QVERIFY(missing.error().message.contains(QLatin1String("/nonexistent/photo.jpg")));
        QCOMPARE(book.attachments(id)->size(), 1);
    }

    void deadlineRulesSuperviseThenEscalate()
    {
        qint64 id = 0;
        auto workspace = workspaceWithCase(id);
        QVERIFY(workspace);
        CaseBook book(*workspace, sampleSetup());
        QVERIFY(dispatchTo(book, id, QStringLiteral("sanitation")));
        QVERIFY(book.act(id, by(HANDLER, CaseAction::Accept, 3, minute(3))));

        // Three working days later the handling time has not run out yet …
        const CaseTime thursdayMorning = CaseTime::naive(QDate(2026, 3, 5), QTime(9, 0));
        QCOMPARE(book.applyDeadlineRules(thursdayMorning)->size(), 0);
        // … by Thursday noon it has: the case is supervised by the rules.
        const CaseTime thursdayNoon = CaseTime::naive(QDate(2026, 3, 5), QTime(12, 0));
        auto supervised = book.applyDeadlineRules(thursdayNoon);
        QVERIFY2(supervised, Test::why(supervised));
        QCOMPARE(supervised->size(), 1);
        QCOMPARE(supervised->first().action, CaseAction::Supervise);
        QCOMPARE(supervised->first().role, Role::System);

        // Supervision (two working days) runs out too: escalated above the department.
        const CaseTime nextWeek = CaseTime::naive(QDate(2026, 3, 9), QTime(15, 0));
        auto escalated = book.applyDeadlineRules(nextWeek);
        QCOMPARE(escalated->size(), 1);
        QCOMPARE(escalated->first().action, CaseAction::Escalate);
        QCOMPARE(book.file(id)->escalatedTo(), QStringLiteral("district"));
        QCOMPARE(book.applyDeadlineRules(nextWeek)->size(), 0);
    }

    void dryRunComparesWithWhatHappened()
    {
        qint64 id = 0;
        auto workspace = workspaceWithCase(id);
        QVERIFY(workspace);
        CaseBook book(*workspace, sampleSetup());
        QVERIFY(dispatchTo(book, id, QStringLiteral("roads")));
        CaseRecord other =
            sampleCase("B-1", 116.3, 39.8, QDateTime(QDate(2026, 3, 3), QTime(23, 0)));
        QVERIFY(book.report(other,
            by(OPERATOR, CaseAction::Report, 0, CaseTime::naive(QDate(2026, 3, 3), QTime(23, 0)))));

        auto rules = DispatchRules::fromJson(QJsonDocument::fromJson(R"([
            {"id": "N", "name": "Nights", "from": "22:00", "to": "06:00", "unit": "district"},
            {"id": "D", "name": "Dumping", "category": "Illegal dumping", "unit": "sanitation"}
        ])")
                                                 .array());
        QVERIFY2(rules, Test::why(rules));
        auto report = dryRunDispatch(*workspace, book.setup(), *rules, std::nullopt, std::nullopt);
        QVERIFY2(report, Test::why(report));
        QCOMPARE(report->cases, 2);
        QCOMPARE(report->proposed, 2);
        QCOMPARE(report->differing, 1);
        QCOMPARE(report->notDispatched, 1);
        QCOMPARE(report->rules.at(1).differing, 1);
        QCOMPARE(report->differences.first().actualUnit, QStringLiteral("roads"));
        QCOMPARE(report->differences.first().proposedUnit, QStringLiteral("sanitation"));

        auto firstDay =
            dryRunDispatch(*workspace, book.setup(), *rules, QDate(2026, 3, 2), QDate(2026, 3, 2));
        QCOMPARE(firstDay->cases, 1);
        // Nothing was changed by either run.
        QCOMPARE(book.file(id)->leadUnit(), QStringLiteral("roads"));
    }

    void setupRoundTrips()
    {
        auto workspace = m_fixture.fresh();
        QVERIFY(workspace);
        auto fresh = WorkflowSetup::load(*workspace);
        QVERIFY2(fresh, Test::why(fresh));
        QVERIFY2(!fresh->calendar.days(2026).isEmpty(), "a new workspace gets China's holidays");

        WorkflowSetup setup = sampleSetup();
        setup.users << LocalUser {
            QStringLiteral("Chen"), QStringLiteral("operator"), QStringLiteral("district")};
        setup.calendar.setDay(
            CalendarDay {QDate(2026, 3, 3), CalendarDayKind::Holiday, QStringLiteral("Test day")});
        setup.warningFractions = {0.75};
        setup.onSupervisionOverdue.reset();
        auto categories = CategoryTree::fromJson(QJsonDocument::fromJson(
            R"([{"code": "EV", "limits": {"handle": "2d"}},
                {"code": "EV.A", "parent": "EV", "unit": "roads"}])")
                                                     .array());
        setup.categories = *categories;
        QVERIFY(workspace->transaction([&] { return setup.save(*workspace); }));

        auto loaded = WorkflowSetup::load(*workspace);
        QVERIFY2(loaded, Test::why(loaded));
        QCOMPARE(loaded->users.size(), 1);
        QCOMPARE(loaded->user(QStringLiteral("Chen"))->unitCode, QStringLiteral("district"));
        QVERIFY(!loaded->calendar.isWorkingDay(QDate(2026, 3, 3)));
        QVERIFY(loaded->calendar.days(2025).isEmpty());
        QCOMPARE(loaded->warningFractions, QList<double> {0.75});
        QVERIFY(!loaded->onSupervisionOverdue);
        QCOMPARE(loaded->onHandlingOverdue, CaseAction::Supervise);
        QCOMPARE(loaded->categories.limit(QStringLiteral("EV.A"), Stage::Handle).toText(), "2d");
        QCOMPARE(loaded->categories.defaultUnit(QStringLiteral("EV.A")), QStringLiteral("roads"));
    }
};

GRIDDESK_TEST_MAIN(TestCaseBook, QCoreApplication)
#include "tst_casebook.moc"
