// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors

// The desk's side of sync without a server: the outbox written with each action or not at all,
// the protocol's messages read back, and a feed's histories taken in.

#include "syncfixture.h"

#include "sync/feedapplier.h"

#include <QJsonArray>
#include <QSqlError>
#include <QTemporaryDir>

using namespace GridDesk;
using namespace GridDesk::Test;

class TestOutbox : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_base;
    int m_copies = 0;

    Desk fresh()
    {
        const QString path = m_dir.filePath(QStringLiteral("desk-%1.gpkg").arg(++m_copies));
        QFile::copy(m_base, path);
        return Desk::open(path);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_base = m_dir.filePath(QStringLiteral("nyc.gpkg"));
        auto workspace = Workspace::open(m_base);
        QVERIFY2(workspace.has_value(), why(workspace).constData());
        auto imported = importSample(**workspace, QDir(mapsPath()), QStringLiteral("nyc"));
        QVERIFY2(imported.has_value(), why(imported).constData());
    }

    void eachActionIsQueuedAsACommandThatReadsBack()
    {
        Desk desk = fresh();
        const qint64 id = desk.report(-73.98, 40.75, QStringLiteral("Broken bench"));
        QVERIFY(id > 0);
        ActionRequest request = desk.as(QStringLiteral("Operator Chen"), CaseAction::Register, 1);
        request.reason = QStringLiteral("seen on patrol");
        QVERIFY(desk.book->act(id, request));
        auto entries = desk.outbox->entries();
        QCOMPARE(entries->size(), 2);
        const Sync::OutboxEntry &reported = entries->at(0);
        const Sync::OutboxEntry &registered = entries->at(1);
        QCOMPARE(reported.state, Sync::OutboxState::Queued);
        QCOMPARE(reported.action, CaseAction::Report);
        QCOMPARE(registered.basedOn, 1);
        QCOMPARE(registered.eventSequence, 2);
        QCOMPARE(registered.madeBy, QStringLiteral("Operator Chen"));

        auto report = Sync::commandFromJson(reported.body);
        QVERIFY2(report.has_value(), why(report).constData());
        QCOMPARE(report->kind, Sync::Command::Kind::Report);
        QCOMPARE(report->record.descriptor, QStringLiteral("Broken bench"));
        QVERIFY(report->record.location.has_value());
        QCOMPARE(report->record.location->lon, -73.98);
        auto act = Sync::commandFromJson(registered.body);
        QVERIFY2(act.has_value(), why(act).constData());
        QCOMPARE(act->request.action, CaseAction::Register);
        QCOMPARE(act->request.reason, QStringLiteral("seen on patrol"));
        QCOMPARE(act->key, report->key);
        QVERIFY(Sync::isCommandId(act->id));
    }

    void aRefusedActionQueuesNothingAndAFailedQueueUndoesTheAction()
    {
        Desk desk = fresh();
        const qint64 id = desk.report(-73.98, 40.75, QStringLiteral("Noise"));
        // The engine refuses: dispatching a case not yet registered.
        ActionRequest dispatch = desk.as(QStringLiteral("Operator Chen"), CaseAction::Dispatch, 1);
        dispatch.unit = QStringLiteral("DSNY");
        QVERIFY(!desk.book->act(id, dispatch));
        QCOMPARE(desk.outbox->entries()->size(), 1);

        // The outbox cannot be written: the action is not kept either.
        QSqlQuery query(desk.workspace->database());
        QVERIFY(query.exec(
            QStringLiteral("CREATE TRIGGER outbox_full BEFORE INSERT ON sync_outbox BEGIN SELECT "
                           "RAISE(ABORT, 'disk full'); END")));
        auto kept =
            desk.book->act(id, desk.as(QStringLiteral("Operator Chen"), CaseAction::Register, 1));
        QVERIFY(!kept.has_value());
        QVERIFY2(kept.error().message.contains(QLatin1String("disk full")),
            qPrintable(kept.error().message));
        QCOMPARE(desk.version(id), 1);
    }

    void malformedCommandsAreRefusedNamingTheField()
    {
        const QJsonObject good {{QStringLiteral("id"), QStringLiteral("0123456789abcdef")},
            {QStringLiteral("kind"), QStringLiteral("act")},
            {QStringLiteral("case"),
                QJsonObject {{QStringLiteral("source"), QStringLiteral("NYC311")},
                    {QStringLiteral("external_id"), QStringLiteral("1")}}},
            {QStringLiteral("action"), QStringLiteral("register")}, {QStringLiteral("based_on"), 1},
            {QStringLiteral("at"), QStringLiteral("2026-12-05T09:00:00+08:00")}};
        QVERIFY(Sync::commandFromJson(good).has_value());
        const QList<std::pair<QString, QJsonValue>> broken {
            {QStringLiteral("id"), QStringLiteral("../../etc")},
            {QStringLiteral("kind"), QStringLiteral("delete")},
            {QStringLiteral("action"), QStringLiteral("explode")},
            {QStringLiteral("based_on"), -1},
            {QStringLiteral("based_on"), 1.5},
            {QStringLiteral("at"), QStringLiteral("soon")},
            {QStringLiteral("case"), QJsonObject {{QStringLiteral("source"), QStringLiteral("x")}}},
            {QStringLiteral("reason"), QString(5000, u'x')},
            {QStringLiteral("data"), QJsonArray {1}},
        };
        for (const auto &[field, value] : broken) {
            QJsonObject command = good;
            command.insert(field, value);
            auto read = Sync::commandFromJson(command);
            QVERIFY2(!read.has_value(), qPrintable(field));
            QVERIFY2(read.error().message.contains(QStringLiteral("\"%1\"").arg(
                         field == QLatin1String("case") ? QStringLiteral("external_id") : field)),
                qPrintable(read.error().message));
        }
        QJsonObject report = good;
        report.insert(QStringLiteral("kind"), QStringLiteral("report"));
        report.insert(QStringLiteral("action"), QStringLiteral("report"));
        report.insert(QStringLiteral("report"),
            QJsonObject {{QStringLiteral("location"), QJsonArray {200, 40}}});
        auto far = Sync::commandFromJson(report);
        QVERIFY(!far.has_value());
        QVERIFY(far.error().message.contains(QLatin1String("WGS84")));
    }

    void aFeedAddsExtendsAndReplacesHistoriesKeepingWhatWaits()
    {
        Desk server = fresh();
        Desk desk = fresh();
        const qint64 onServer = server.report(-73.98, 40.75, QStringLiteral("Leak"));
        const CaseRecord record = server.record(onServer);
        auto snapshot = [&]() {
            Sync::CaseSnapshot made;
            made.key = {record.source, record.externalId};
            made.record = server.record(onServer);
            made.events = server.book->file(onServer)->events();
            return made;
        };

        // New at the desk.
        auto added = Sync::applySnapshots(*desk.book, *desk.outbox, {snapshot()});
        QVERIFY2(added.has_value(), why(added).constData());
        QCOMPARE(added->added, 1);
        const qint64 local = **Sync::caseIdOf(*desk.workspace, {record.source, record.externalId});
        QCOMPARE(desk.version(local), 1);

        // The desk acts; the server has nothing newer: the desk's waiting event stays.
        QVERIFY(desk.book->act(
            local, desk.as(QStringLiteral("Operator Chen"), CaseAction::Register, 1)));
        auto waiting = Sync::applySnapshots(*desk.book, *desk.outbox, {snapshot()});
        QCOMPARE(waiting->unchanged, 1);
        QCOMPARE(desk.version(local), 2);

        // Another desk's action reached the server first: the desk's is set aside and its
        // command rejected here, at once.
        ActionRequest reject = server.as(QStringLiteral("Operator Chen"), CaseAction::Reject, 1);
        reject.reason = QStringLiteral("not ours");
        QVERIFY(server.book->act(onServer, reject));
        auto replaced = Sync::applySnapshots(*desk.book, *desk.outbox, {snapshot()});
        QVERIFY2(replaced.has_value(), why(replaced).constData());
        QCOMPARE(replaced->superseded, 1);
        QCOMPARE(replaced->rejectedHere, 1);
        QCOMPARE(desk.record(local).state, QStringLiteral("rejected"));
        QCOMPARE(desk.outbox->entries(Sync::OutboxState::Rejected)->size(), 1);
        QCOMPARE(scalar(*desk.workspace,
                     QStringLiteral("SELECT action FROM case_events_superseded WHERE case_id = %1")
                         .arg(local))
                     .toString(),
            QStringLiteral("register"));

        // Taken in twice, the same history changes nothing.
        auto again = Sync::applySnapshots(*desk.book, *desk.outbox, {snapshot()});
        QCOMPARE(again->unchanged, 1);
        QCOMPARE(again->superseded, 0);
    }

    void onlyARejectedCommandIsDiscardedOrRedone()
    {
        Desk desk = fresh();
        desk.report(-73.98, 40.75, QStringLiteral("Sign"));
        const qint64 entry = desk.outbox->entries()->first().id;
        auto discarded = desk.outbox->discard(entry);
        QVERIFY(!discarded.has_value());
        QCOMPARE(discarded.error().code, ErrorCode::NotAllowed);
        auto redone = Sync::redoRejected(*desk.book, *desk.outbox, entry,
            desk.as(QStringLiteral("Operator Chen"), CaseAction::Report, 0));
        QVERIFY(!redone.has_value());

        Sync::CommandResult refusal;
        refusal.id = desk.outbox->entries()->first().commandId;
        refusal.refusal = Sync::Refusal::OutsideJurisdiction;
        refusal.reason = QStringLiteral("not this district's");
        QVERIFY(desk.outbox->answer(refusal));
        // A refused report cannot simply be made again: it says what to do instead.
        auto report = Sync::redoRejected(*desk.book, *desk.outbox, entry,
            desk.as(QStringLiteral("Operator Chen"), CaseAction::Report, 0));
        QVERIFY(!report.has_value());
        QVERIFY(report.error().message.contains(QLatin1String("report it again")));
        QVERIFY(desk.outbox->discard(entry));
        QCOMPARE(desk.outbox->entry(entry)->state, Sync::OutboxState::Discarded);
        QCOMPARE(desk.outbox->counts()->rejected, 0);
    }

    void aPageTakenInAtOnceEndsAsItsCasesTakenInOneByOne()
    {
        // A feed page is written with statements and outbox reads shared by its cases; the
        // desk must end exactly as if each case had come on a page of its own, also when a
        // page names a case twice (the answers of one push may).
        Desk server = fresh();
        const qint64 first = server.report(-73.98, 40.75, QStringLiteral("Leak"));
        const qint64 second = server.report(-73.95, 40.78, QStringLiteral("Pothole"));
        const qint64 third = server.report(-73.99, 40.72, QStringLiteral("Graffiti"));
        const auto snapshot = [&](qint64 id) {
            Sync::CaseSnapshot made;
            made.record = server.record(id);
            made.key = {made.record.source, made.record.externalId};
            made.events = server.book->file(id)->events();
            return made;
        };
        Desk atOnce = fresh();
        Desk oneByOne = fresh();
        for (Desk *desk : {&atOnce, &oneByOne}) {
            QVERIFY(Sync::applySnapshots(*desk->book, *desk->outbox, {snapshot(first)}));
            const qint64 local = **Sync::caseIdOf(
                *desk->workspace, {snapshot(first).key.source, snapshot(first).key.externalId});
            QVERIFY(desk->book->act(
                local, desk->as(QStringLiteral("Operator Chen"), CaseAction::Register, 1)));
        }
        ActionRequest reject = server.as(QStringLiteral("Operator Chen"), CaseAction::Reject, 1);
        reject.reason = QStringLiteral("not ours");
        QVERIFY(server.book->act(first, reject));

        const QList<Sync::CaseSnapshot> page {
            snapshot(first), snapshot(second), snapshot(third), snapshot(first)};
        auto whole = Sync::applySnapshots(*atOnce.book, *atOnce.outbox, page);
        QVERIFY2(whole.has_value(), why(whole).constData());
        Sync::FeedSummary single;
        for (const Sync::CaseSnapshot &each : page) {
            auto taken = Sync::applySnapshots(*oneByOne.book, *oneByOne.outbox, {each});
            QVERIFY2(taken.has_value(), why(taken).constData());
            single.added += taken->added;
            single.updated += taken->updated;
            single.unchanged += taken->unchanged;
            single.superseded += taken->superseded;
            single.rejectedHere += taken->rejectedHere;
        }
        QCOMPARE(whole->added, 2);
        QCOMPARE(whole->updated, 1);
        QCOMPARE(whole->unchanged, 1);
        QCOMPARE(whole->superseded, 1);
        QCOMPARE(whole->rejectedHere, 1);
        QCOMPARE(single.added, whole->added);
        QCOMPARE(single.updated, whole->updated);
        QCOMPARE(single.unchanged, whole->unchanged);
        QCOMPARE(single.superseded, whole->superseded);
        QCOMPARE(single.rejectedHere, whole->rejectedHere);

        // The same histories, rows and outbox at both desks.
        const QString histories = QStringLiteral(
            "SELECT group_concat(c.source || ':' || c.external_id || ':' || e.sequence || ':' || "
            "e.action || ':' || e.to_state || ':' || c.state || ':' || c.version, ';') FROM "
            "(SELECT * FROM case_events ORDER BY case_id, sequence) e JOIN cases c ON c.fid = "
            "e.case_id");
        const QString outbox = QStringLiteral(
            "SELECT group_concat(case_source || ':' || case_external_id || ':' || action || ':' "
            "|| state || ':' || reason_code, ';') FROM (SELECT * FROM sync_outbox ORDER BY id)");
        QCOMPARE(scalar(*atOnce.workspace, histories).toString(),
            scalar(*oneByOne.workspace, histories).toString());
        QCOMPARE(scalar(*atOnce.workspace, outbox).toString(),
            scalar(*oneByOne.workspace, outbox).toString());
        QVERIFY(scalar(*atOnce.workspace, outbox).toString().contains(QLatin1String("rejected")));
    }

    void theCommandsOfManyCasesAreThoseOfEachCase()
    {
        Desk desk = fresh();
        const qint64 answered = desk.report(-73.98, 40.75, QStringLiteral("Leak"));
        const qint64 waiting = desk.report(-73.95, 40.78, QStringLiteral("Pothole"));
        QVERIFY(desk.book->act(
            waiting, desk.as(QStringLiteral("Operator Chen"), CaseAction::Register, 1)));
        Sync::CommandResult applied;
        applied.id = desk.outbox->entries()->first().commandId;
        applied.applied = true;
        applied.version = 1;
        QVERIFY(desk.outbox->answer(applied));

        const qint64 absent = 999'999;
        auto many = desk.outbox->commandsOfCases({answered, waiting, absent});
        QVERIFY2(many.has_value(), why(many).constData());
        QCOMPARE(many->size(), 2);
        QVERIFY(!many->contains(absent));
        for (const qint64 id : {answered, waiting}) {
            QCOMPARE(many->value(id).commands, *desk.outbox->commandsOf(id));
            QCOMPARE(many->value(id).pending, *desk.outbox->pendingEvents(id));
        }
        QCOMPARE(many->value(answered).commands.size(), 1);
        QVERIFY(many->value(answered).pending.isEmpty());
        QCOMPARE(many->value(waiting).pending, (QSet<int> {1, 2}));
        QVERIFY(desk.outbox->commandsOfCases({})->isEmpty());

        // The case rows read in one go are those read one by one; an id without a case is
        // left out.
        auto rows = desk.book->records({waiting, absent, answered});
        QVERIFY2(rows.has_value(), why(rows).constData());
        QCOMPARE(rows->size(), 2);
        for (const qint64 id : {answered, waiting}) {
            const CaseRecord one = desk.record(id);
            const CaseRecord &batch = rows->value(id);
            QCOMPARE(batch.externalId, one.externalId);
            QCOMPARE(batch.descriptor, one.descriptor);
            QCOMPARE(batch.state, one.state);
            QCOMPARE(batch.version, one.version);
            QCOMPARE(batch.gridCode, one.gridCode);
        }
    }
};

GRIDDESK_TEST_MAIN(TestOutbox, QCoreApplication)

#include "tst_outbox.moc"
