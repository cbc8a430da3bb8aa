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
};

GRIDDESK_TEST_MAIN(TestOutbox, QCoreApplication)

#include "tst_outbox.moc"
