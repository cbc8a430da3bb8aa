// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors

// Desks and a real griddesk-server over HTTPS on loopback, with a CA the test makes, on the New
// York sample: conflicts, offline work, servers and clients killed mid-sync, jurisdictions,
// certificates, tokens and hostile requests.

#include "syncfixture.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QThread>
#include <QUuid>

#include <atomic>

#include "editions/grideditions.h"
#include "gis/wkb.h"
#include "org/orgchart.h"
#include "org/personaldata.h"
#include "register/caselinks.h"
#include "register/registerbook.h"
#include "register/registerprivacy.h"
#include "sync/registersync.h"
#include "topology/gridedits.h"
#include "workflow/casefile.h"

using namespace GridDesk;
using namespace GridDesk::Test;

namespace {

// Inside Manhattan (community district 106).
constexpr double MANHATTAN_LON = -73.98;
constexpr double MANHATTAN_LAT = 40.75;

} // namespace

class TestSyncServer : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_base; ///< the sample every store and desk is copied from
    QString m_store;
    QString m_lastReported; ///< by pullHeldWhileAReportComes()
    std::unique_ptr<PostgresDatabase> m_postgres; ///< the store, in a PostgreSQL run
    QString m_caCertificate;
    QList<QSslCertificate> m_trusted;
    std::unique_ptr<ServerProcess> m_server;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    QString copyOfSample(const QString &name)
    {
        const QString target = path(name);
        QFile::remove(target);
        if (!QFile::copy(m_base, target))
            qFatal("cannot copy the sample to %s", qPrintable(target));
        return target;
    }

    Sync::SyncClient client(const QString &user, const QUrl &server = {})
    {
        Sync::ClientOptions options;
        options.server = server.isEmpty() ? m_server->url() : server;
        options.user = user;
        options.password = PASSWORD;
        options.caCertificates = m_trusted;
        options.timeoutMs = 20'000;
        return Sync::SyncClient(options);
    }

    Result<Sync::SyncReport> sync(Desk &desk, const QString &user, const QUrl &server = {})
    {
        auto session = client(user, server);
        return Sync::syncOnce(*desk.book, *desk.outbox, session);
    }

    /// The server's store, opened beside the running server (WAL lets both read).
    std::unique_ptr<Workspace> store() { return std::move(*Workspace::open(m_store)); }

    QStringList serverArguments(const QString &certificate, const QString &key) const
    {
        return {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--cert"),
            certificate, QStringLiteral("--key"), key, QStringLiteral("--db"), m_store,
            QStringLiteral("--log-level"), QStringLiteral("warning")};
    }

    QByteArray token(const QString &user)
    {
        const RawAnswer answer =
            rawRequest(m_server->url(), m_trusted, "POST", QStringLiteral("/v1/login"),
                QJsonDocument(QJsonObject {{QStringLiteral("user"), user},
                                  {QStringLiteral("password"), QString::fromUtf8(PASSWORD)}})
                    .toJson());
        return answer.json.value(QLatin1String("token")).toString().toLatin1();
    }

    /// griddesk-cli's arguments to sync deskPath with the server as chen.
    QStringList cliSync(const QString &deskPath)
    {
        QFile password(path(QStringLiteral("password")));
        if (!password.exists() && password.open(QIODevice::WriteOnly))
            password.write(PASSWORD + '\n');
        return {QStringLiteral("sync"), deskPath, QStringLiteral("--server"),
            m_server->url().toString(), QStringLiteral("--user"), QStringLiteral("chen"),
            QStringLiteral("--password-file"), password.fileName(), QStringLiteral("--ca"),
            m_caCertificate};
    }

    /// A pull as chen from cursor after, held by the server (the URL given, or the first) for
    /// up to 30 s, while zhang reports a case from a desk of its own (its external id in
    /// m_lastReported); the page the pull got, if it ended, and how long it was held.
    std::pair<std::optional<Result<Sync::SyncClient::Page>>, qint64> pullHeldWhileAReportComes(
        qint64 after, const QString &deskName, const QUrl &server = {})
    {
        std::optional<Result<Sync::SyncClient::Page>> page;
        qint64 waitedMs = 0;
        std::atomic<bool> pulling = false;
        std::unique_ptr<QThread> waiting(QThread::create([&] {
            auto session = client(QStringLiteral("chen"), server);
            if (!session.login())
                return;
            QElapsedTimer clock;
            clock.start();
            pulling = true;
            page = session.pull(after, Sync::MAX_CASES_PER_PAGE, 30);
            waitedMs = clock.elapsed();
        }));
        waiting->start();
        // The login (a memory-hard hash on the server) may take a while on a busy machine: the
        // report goes in once the pull is on its way and has had time to be held.
        QElapsedTimer loggingIn;
        loggingIn.start();
        while (!pulling && !waiting->isFinished() && loggingIn.elapsed() < 30'000)
            QTest::qWait(50);
        QTest::qWait(1'500);
        m_lastReported = reportThroughServer(QStringLiteral("zhang"), deskName);
        if (!waiting->wait(40'000))
            return {std::nullopt, waitedMs};
        return {std::move(page), waitedMs};
    }

    /// Reports a case in Manhattan through the server as user, from a desk of its own; the
    /// case's external id.
    QString reportThroughServer(const QString &user, const QString &deskName)
    {
        Desk desk = Desk::open(copyOfSample(deskName));
        const qint64 reported = desk.report(MANHATTAN_LON, MANHATTAN_LAT, QStringLiteral("Leak"));
        auto queued = desk.outbox->toSend(10);
        auto session = client(user);
        if (!queued || !session.login())
            return {};
        QList<QJsonObject> bodies;
        for (const auto &entry : *queued)
            bodies << entry.body;
        auto results = session.push(bodies);
        if (!results || results->isEmpty() || !results->first().applied)
            return {};
        return desk.record(reported).externalId;
    }

    /// Edits grid code in the draft of desk: renamed, or given the boundary of another grid.
    static bool editGrid(
        Desk &desk, const QString &code, const QString &name, const QString &boundaryOf = {})
    {
        auto draft = GridDraft::load(*desk.workspace);
        if (!draft)
            return false;
        const auto grid = draft->grid(code);
        if (!grid)
            return false;
        Grid changed = *grid;
        changed.name = name;
        if (!boundaryOf.isEmpty()) {
            const auto other = draft->grid(boundaryOf);
            if (!other)
                return false;
            changed.wkb = other->wkb;
            changed.bbox = other->bbox;
        }
        GridChange change;
        change.description = QStringLiteral("Edit %1").arg(code);
        change.before = {*grid};
        change.after = {changed};
        return draft->apply(*desk.workspace, change).has_value();
    }

    /// Sends desk's draft to be published, as user (who must be a supervisor or leader at the
    /// server), and syncs; the sync's report.
    Result<Sync::SyncReport> publishThroughServer(
        Desk &desk, const QString &user, const QString &note)
    {
        auto draft = GridDraft::load(*desk.workspace);
        if (!draft)
            return std::unexpected(draft.error());
        auto sent = Sync::submitEdition(*desk.workspace, *desk.outbox, *draft,
            QStringLiteral("Supervisor Li"), note, QDateTime::currentDateTimeUtc());
        if (!sent)
            return std::unexpected(sent.error());
        return sync(desk, user);
    }

    qint64 feedEnd()
    {
        auto server = store();
        return scalar(*server, QStringLiteral("SELECT max(id) FROM case_events")).toLongLong();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_base = path(QStringLiteral("nyc.gpkg"));
        const QString made = makeSampleWorkspace(m_base);
        QVERIFY2(made.isEmpty(), qPrintable(made));

        const TestCertificates certificates = makeTestCertificates(m_dir.path());
        QVERIFY(!certificates.certificate.isEmpty());
        m_caCertificate = path(QStringLiteral("city-ca.pem"));
        m_trusted = certificates.trusted;

        m_store = copyOfSample(QStringLiteral("store.gpkg"));
        if (PostgresDatabase::wanted()) {
            if (PostgresDatabase::cluster().isEmpty()) {
                if (PostgresDatabase::required())
                    QFAIL("GRIDDESK_TEST_POSTGRES is not set: no PostgreSQL cluster was started");
                QSKIP("no PostgreSQL cluster for the tests: run them with packaging/dev.sh test");
            }
            m_postgres = std::make_unique<PostgresDatabase>();
            // The store is loaded as an administrator would: griddesk-server load-store.
            const QString loaded = loadStore(QStringLiteral(GRIDDESK_SERVER), *m_postgres, m_store);
            QVERIFY2(loaded.isEmpty(), qPrintable(loaded));
            m_store = m_postgres->address();
        }
        {
            auto workspace = Workspace::open(m_store);
            Accounts accounts(**workspace);
            const QList<std::tuple<QString, Role, QString>> people {
                {QStringLiteral("chen"), Role::Operator, QStringLiteral("city")},
                {QStringLiteral("zhang"), Role::Operator, QStringLiteral("city")},
                {QStringLiteral("wang"), Role::Leader, QStringLiteral("city")},
                {QStringLiteral("manhattan"), Role::Operator, QStringLiteral("1")},
                {QStringLiteral("nypd"), Role::UnitHandler, QStringLiteral("NYPD")},
                {QStringLiteral("li"), Role::Supervisor, QStringLiteral("city")},
                {QStringLiteral("lin"), Role::Supervisor, QStringLiteral("1")},
            };
            for (const auto &[name, role, unit] : people) {
                auto added = accounts.addUser(name, role, unit, PASSWORD);
                QVERIFY2(added.has_value(), why(added).constData());
            }
        }
        m_server = std::make_unique<ServerProcess>(QStringLiteral(GRIDDESK_SERVER),
            serverArguments(
                path(QStringLiteral("server.pem")), path(QStringLiteral("server.key"))));
        QVERIFY2(m_server->start(), qPrintable(m_server->output()));
    }

    void conflictingActionsOneAppliedOneRejectedAndShown()
    {
        Desk a = Desk::open(copyOfSample(QStringLiteral("conflict-a.gpkg")));
        Desk b = Desk::open(copyOfSample(QStringLiteral("conflict-b.gpkg")));
        const qint64 reported =
            a.report(MANHATTAN_LON, MANHATTAN_LAT, QStringLiteral("Broken lamp"));
        QVERIFY(reported > 0);
        auto first = sync(a, QStringLiteral("chen"));
        QVERIFY2(first.has_value(), why(first).constData());
        QCOMPARE(first->applied, 1);
        auto fetched = sync(b, QStringLiteral("zhang"));
        QVERIFY2(fetched.has_value(), why(fetched).constData());
        QCOMPARE(fetched->received.added, 1);
        const CaseRecord atA = a.record(reported);
        auto atB = Sync::caseIdOf(*b.workspace, {atA.source, atA.externalId});
        QVERIFY(atB.has_value() && atB->has_value());
        const qint64 caseAtB = **atB;

        // Both desks register the same case, each on version 1.
        ActionRequest registerA = a.as(QStringLiteral("Operator Chen"), CaseAction::Register, 1);
        registerA.reason = QStringLiteral("desk A");
        QVERIFY(a.book->act(reported, registerA));
        ActionRequest markB = b.as(QStringLiteral("Leader Wang"), CaseAction::MarkSpecial, 1);
        markB.reason = QStringLiteral("a school is next to it");
        QVERIFY(b.book->act(caseAtB, markB));
        QCOMPARE(b.version(caseAtB), 2);

        auto applied = sync(a, QStringLiteral("chen"));
        QVERIFY2(applied.has_value(), why(applied).constData());
        QCOMPARE(applied->applied, 1);
        auto rejected = sync(b, QStringLiteral("wang"));
        QVERIFY2(rejected.has_value(), why(rejected).constData());
        QCOMPARE(rejected->rejected, 1);
        QCOMPARE(rejected->rejections.first().refusal, Sync::Refusal::Conflict);
        // B now holds the server's history; its own event is set aside, not lost.
        QCOMPARE(rejected->received.superseded, 1);
        auto bFile = b.book->file(caseAtB);
        QCOMPARE(bFile->events().at(1).action, CaseAction::Register);
        QCOMPARE(bFile->events().at(1).reason, QStringLiteral("desk A"));
        QCOMPARE(scalar(*b.workspace,
                     QStringLiteral("SELECT reason FROM case_events_superseded WHERE case_id = %1")
                         .arg(caseAtB))
                     .toString(),
            QStringLiteral("a school is next to it"));
        auto waiting = b.outbox->entries(Sync::OutboxState::Rejected);
        QCOMPARE(waiting->size(), 1);
        QCOMPARE(waiting->first().madeBy, QStringLiteral("Leader Wang"));
        QCOMPARE(waiting->first().refusal, QStringLiteral("conflict"));

        // Redone on the case as the server left it, the action goes through.
        auto redone = Sync::redoRejected(*b.book, *b.outbox, waiting->first().id,
            b.as(QStringLiteral("Leader Wang"), CaseAction::MarkSpecial, 0));
        QVERIFY2(redone.has_value(), why(redone).constData());
        QCOMPARE(redone->sequence, 3);
        auto again = sync(b, QStringLiteral("wang"));
        QVERIFY2(again.has_value(), why(again).constData());
        QCOMPARE(again->applied, 1);
        QCOMPARE(b.outbox->entry(waiting->first().id)->state, Sync::OutboxState::Redone);
        auto back = sync(a, QStringLiteral("chen"));
        QVERIFY2(back.has_value(), why(back).constData());
        QCOMPARE(a.version(reported), 3);
        QCOMPARE(a.book->file(reported)->events().last().action, CaseAction::MarkSpecial);
    }

    void aCommandSentTwiceIsAppliedOnce()
    {
        Desk desk = Desk::open(copyOfSample(QStringLiteral("twice.gpkg")));
        const qint64 reported = desk.report(MANHATTAN_LON, MANHATTAN_LAT, QStringLiteral("Leak"));
        QVERIFY(desk.book->act(
            reported, desk.as(QStringLiteral("Operator Chen"), CaseAction::Register, 1)));
        auto queued = desk.outbox->toSend(10);
        QCOMPARE(queued->size(), 2);
        QList<QJsonObject> bodies {queued->at(0).body, queued->at(1).body, queued->at(1).body};
        auto session = client(QStringLiteral("chen"));
        QVERIFY(session.login());
        auto results = session.push(bodies);
        QVERIFY2(results.has_value(), why(results).constData());
        QVERIFY(results->at(0).applied && results->at(1).applied);
        QVERIFY(results->at(2).applied && results->at(2).repeated);
        auto resent = session.push({queued->at(0).body});
        QVERIFY(resent->first().repeated);
        const CaseRecord record = desk.record(reported);
        auto server = store();
        QCOMPARE(scalar(*server,
                     QStringLiteral("SELECT version FROM cases WHERE source = '%1' AND "
                                    "external_id = '%2'")
                         .arg(record.source, record.externalId))
                     .toInt(),
            2);

        // Another account using the same id is not taken for a repeat.
        auto other = client(QStringLiteral("zhang"));
        QVERIFY(other.login());
        auto stolen = other.push({queued->at(1).body});
        QVERIFY(!stolen->first().applied);
        QCOMPARE(stolen->first().refusal, Sync::Refusal::IdInUse);
    }

    void offlineWorkIsKeptAndSentWhenTheServerIsBack()
    {
        Desk desk = Desk::open(copyOfSample(QStringLiteral("offline.gpkg")));
        m_server->stop();
        const qint64 reported =
            desk.report(MANHATTAN_LON, MANHATTAN_LAT, QStringLiteral("Pothole"));
        QVERIFY(desk.book->act(
            reported, desk.as(QStringLiteral("Operator Chen"), CaseAction::Register, 1)));
        auto offline = sync(desk, QStringLiteral("chen"));
        QVERIFY(!offline.has_value());
        QCOMPARE(offline.error().code, ErrorCode::Unavailable);
        QVERIFY2(offline.error().message.contains(QLatin1String("cannot be reached")),
            qPrintable(offline.error().message));
        QCOMPARE(desk.outbox->counts()->queued, 2);

        QVERIFY2(m_server->start(), qPrintable(m_server->output()));
        auto online = sync(desk, QStringLiteral("chen"));
        QVERIFY2(online.has_value(), why(online).constData());
        QCOMPARE(online->applied, 2);
        QCOMPARE(desk.outbox->counts()->queued, 0);
        QCOMPARE(desk.outbox->counts()->applied, 2);
    }

    void serverKilledMidPushLosesAndDoublesNothing()
    {
        const QString deskPath = copyOfSample(QStringLiteral("killed-server.gpkg"));
        QStringList keys;
        {
            Desk desk = Desk::open(deskPath);
            for (int index = 0; index < 300; ++index) {
                const qint64 id = desk.report(MANHATTAN_LON + index * 1e-5, MANHATTAN_LAT,
                    QStringLiteral("Graffiti %1").arg(index));
                QVERIFY(id > 0);
                keys << desk.record(id).externalId;
            }
        }
        const QStringList syncArguments = cliSync(deskPath);

        // The server dies while the desk pushes: wherever it stops, the desk keeps every
        // command and the server keeps what it committed.
        QProcess cli;
        cli.start(QStringLiteral(GRIDDESK_CLI), syncArguments);
        QVERIFY(cli.waitForStarted());
        QTest::qWait(400);
        m_server->kill();
        QVERIFY(cli.waitForFinished(30'000));
        QVERIFY2(cli.exitCode() != 0 || cli.readAllStandardOutput().contains("300 applied"),
            "a sync cut off by the server must not say it succeeded");

        QVERIFY2(m_server->start(), qPrintable(m_server->output()));
        QStringList resumed = syncArguments;
        resumed[3] = m_server->url().toString();
        // The desk is bound to the first address; the restarted server listens elsewhere.
        {
            auto workspace = Workspace::open(deskPath);
            QVERIFY((*workspace)->setMetadata(QStringLiteral("sync_server"), resumed[3]));
        }
        cli.start(QStringLiteral(GRIDDESK_CLI), resumed);
        QVERIFY(cli.waitForFinished(60'000));
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());

        auto server = store();
        QCOMPARE(scalar(*server,
                     QStringLiteral("SELECT count(*) FROM cases WHERE external_id IN ('%1')")
                         .arg(keys.join(QStringLiteral("', '"))))
                     .toInt(),
            300);
        QCOMPARE(scalar(*server,
                     QStringLiteral("SELECT count(*) FROM case_events e JOIN cases c ON c.fid = "
                                    "e.case_id WHERE c.external_id IN ('%1')")
                         .arg(keys.join(QStringLiteral("', '"))))
                     .toInt(),
            300);
        Desk desk = Desk::open(deskPath);
        QCOMPARE(desk.outbox->counts()->applied, 300);
        QCOMPARE(desk.outbox->counts()->queued + desk.outbox->counts()->sent, 0);
    }

    void clientKilledMidSyncResumesWithoutDuplicates()
    {
        const QString deskPath = copyOfSample(QStringLiteral("killed-client.gpkg"));
        {
            Desk desk = Desk::open(deskPath);
            for (int index = 0; index < 200; ++index)
                QVERIFY(desk.report(MANHATTAN_LON, MANHATTAN_LAT + index * 1e-5,
                            QStringLiteral("Noise %1").arg(index))
                    > 0);
        }
        const QStringList syncArguments = cliSync(deskPath);
        QProcess cli;
        cli.start(QStringLiteral(GRIDDESK_CLI), syncArguments);
        QVERIFY(cli.waitForStarted());
        QTest::qWait(300);
        cli.kill();
        cli.waitForFinished();
        cli.start(QStringLiteral(GRIDDESK_CLI), syncArguments);
        QVERIFY(cli.waitForFinished(60'000));
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
        Desk desk = Desk::open(deskPath);
        QCOMPARE(desk.outbox->counts()->applied, 200);
        auto server = store();
        QCOMPARE(scalar(*server,
                     QStringLiteral("SELECT count(*) FROM cases WHERE descriptor LIKE 'Noise %'"))
                     .toInt(),
            200);
    }

    void jurisdictionLimitsWhatAnAccountSeesAndTouches()
    {
        Desk city = Desk::open(copyOfSample(QStringLiteral("jurisdiction-city.gpkg")));
        // A place in Brooklyn (borough 3): where one of the sample's cases was reported.
        GeoPoint brooklynPoint;
        const auto locations = city.workspace->caseLocations();
        QVERIFY(locations.has_value());
        for (const CaseLocation &located : *locations) {
            if (located.location && located.gridCode.startsWith(u'3')
                && located.gridCode.size() == 3) {
                brooklynPoint = *located.location;
                break;
            }
        }
        const qint64 inBrooklyn =
            city.report(brooklynPoint.lon, brooklynPoint.lat, QStringLiteral("Flood"));
        const qint64 inManhattan =
            city.report(MANHATTAN_LON, MANHATTAN_LAT, QStringLiteral("Fallen tree"));
        QVERIFY(sync(city, QStringLiteral("chen")));
        const CaseRecord brooklyn = city.record(inBrooklyn);
        QVERIFY2(brooklyn.gridCode.startsWith(u'3'), qPrintable(brooklyn.gridCode));

        // The Manhattan operator's feed holds Manhattan's cases only.
        auto manhattan = client(QStringLiteral("manhattan"));
        QVERIFY(manhattan.login());
        auto page = manhattan.pull(0, Sync::MAX_CASES_PER_PAGE);
        QVERIFY2(page.has_value(), why(page).constData());
        QVERIFY(!page->cases.isEmpty());
        auto server = store();
        QHash<QString, QString> parents;
        QSqlQuery grids(server->database());
        QVERIFY(grids.exec(QStringLiteral("SELECT code, parent_code FROM grids")));
        while (grids.next())
            parents.insert(grids.value(0).toString(), grids.value(1).toString());
        bool sawOwnCase = false;
        while (true) {
            for (const Sync::CaseSnapshot &snapshot : page->cases) {
                const QString grid = snapshot.record.gridCode;
                const bool inDistrict =
                    grid == QLatin1String("1") || parents.value(grid) == QLatin1String("1");
                QVERIFY2(inDistrict,
                    qPrintable(
                        QStringLiteral("case %1 in grid %2").arg(snapshot.key.externalId, grid)));
                sawOwnCase |= snapshot.key.externalId == city.record(inManhattan).externalId;
            }
            if (!page->more)
                break;
            page = manhattan.pull(page->cursor, Sync::MAX_CASES_PER_PAGE);
            QVERIFY2(page.has_value(), why(page).constData());
        }
        QVERIFY(sawOwnCase);

        // Acting on a Brooklyn case or reporting one is refused, and the refusal audited.
        Desk desk = Desk::open(copyOfSample(QStringLiteral("jurisdiction-manhattan.gpkg")));
        QVERIFY(sync(desk, QStringLiteral("chen")));
        auto brooklynHere = Sync::caseIdOf(*desk.workspace, {brooklyn.source, brooklyn.externalId});
        QVERIFY(desk.book->act(
            **brooklynHere, desk.as(QStringLiteral("Operator Chen"), CaseAction::Register, 1)));
        desk.report(brooklynPoint.lon, brooklynPoint.lat, QStringLiteral("Another flood"));
        auto refused = sync(desk, QStringLiteral("manhattan"));
        QVERIFY2(refused.has_value(), why(refused).constData());
        QCOMPARE(refused->rejected, 2);
        // A case outside is answered as one the server does not have: nothing about it leaks.
        QVERIFY(refused->rejections.at(0).refusal == Sync::Refusal::UnknownCase);
        QCOMPARE(refused->rejections.at(0).version, 0);
        QVERIFY(!refused->rejections.at(0).current.has_value());
        QVERIFY(refused->rejections.at(1).refusal == Sync::Refusal::OutsideJurisdiction);
        QVERIFY(scalar(*server,
                    QStringLiteral("SELECT count(*) FROM server_audit WHERE user_name = "
                                   "'manhattan' AND what = 'command_refused'"))
                    .toInt()
            >= 2);
    }

    void registerChangesTravelBetweenDesks()
    {
        Desk a = Desk::open(copyOfSample(QStringLiteral("register-a.gpkg")));
        Desk b = Desk::open(copyOfSample(QStringLiteral("register-b.gpkg")));
        Desk c = Desk::open(copyOfSample(QStringLiteral("register-c.gpkg")));
        // The register each desk came with stays where it is: the first sync sends none of it.
        for (auto [desk, user] :
            {std::pair {&a, "chen"}, std::pair {&b, "wang"}, std::pair {&c, "zhang"}}) {
            auto first = sync(*desk, QString::fromLatin1(user));
            QVERIFY2(first.has_value(), why(first).constData());
            QCOMPARE(first->sent, 0);
        }
        const QDateTime now = QDateTime::currentDateTimeUtc().addSecs(-60);
        auto bookA = RegisterBook::load(*a.workspace);
        QVERIFY(bookA.has_value());
        RegisterEntry person;
        person.kind = QStringLiteral("person");
        person.name = QStringLiteral("Liu Fang");
        person.address = QStringLiteral("350 Fifth Avenue, flat 12");
        person.wkb = Wkb::point(GeoPoint {MANHATTAN_LON, MANHATTAN_LAT});
        person.fields.insert(QStringLiteral("phone"), QStringLiteral("13812345678"));
        person.source = QStringLiteral("desk");
        auto added = bookA->add(person, QStringLiteral("Operator Chen"), now);
        QVERIFY2(added.has_value(), why(added).constData());
        const QString code = added->code;
        // Numbered under the desk's own tag, so that two desks never make the same code.
        QVERIFY2(code.count(u'-') == 2, qPrintable(code));

        auto sent = sync(a, QStringLiteral("chen"));
        QVERIFY2(sent.has_value(), why(sent).constData());
        QCOMPARE(sent->applied, 1);
        QCOMPARE(sent->rejected, 0);
        {
            auto server = store();
            QCOMPARE(
                scalar(*server,
                    QStringLiteral("SELECT name FROM register_entries WHERE code = '%1'").arg(code))
                    .toString(),
                QStringLiteral("Liu Fang"));
            QCOMPARE(scalar(*server,
                         QStringLiteral("SELECT changed_by FROM register_history WHERE "
                                        "entry_code = '%1'")
                             .arg(code))
                         .toString(),
                QStringLiteral("chen"));
        }
        // Sent once: syncing again sends nothing more, and the desk's history holds one line.
        auto again = sync(a, QStringLiteral("chen"));
        QVERIFY2(again.has_value(), why(again).constData());
        QCOMPARE(again->sent, 0);
        QCOMPARE(bookA->history(code)->size(), 1);

        // A leader's desk gets the entry whole; an operator's gets its personal values masked.
        auto atB = sync(b, QStringLiteral("wang"));
        QVERIFY2(atB.has_value(), why(atB).constData());
        QVERIFY(atB->registerEntries >= 1);
        auto bookB = RegisterBook::load(*b.workspace);
        auto entryB = bookB->entry(code);
        QVERIFY(entryB.has_value() && entryB->has_value());
        QCOMPARE((*entryB)->name, QStringLiteral("Liu Fang"));
        QCOMPARE((*entryB)->version, 1);
        auto atC = sync(c, QStringLiteral("zhang"));
        QVERIFY2(atC.has_value(), why(atC).constData());
        auto bookC = RegisterBook::load(*c.workspace);
        auto entryC = bookC->entry(code);
        QVERIFY(entryC.has_value() && entryC->has_value());
        QCOMPARE((*entryC)->name, QStringLiteral("L*******"));
        QVERIFY((*entryC)->fields.value(QStringLiteral("phone")).toString().contains(u'*'));

        // The operator's desk changes what is not personal; the server keeps the clear values.
        RegisterEntry careful = **entryC;
        careful.fields.insert(QStringLiteral("care_group"), QStringLiteral("elderly alone"));
        auto changedC = bookC->update(careful, 1, QStringLiteral("Operator Zhang"), now.addSecs(5));
        QVERIFY2(changedC.has_value(), why(changedC).constData());
        auto sentC = sync(c, QStringLiteral("zhang"));
        QVERIFY2(sentC.has_value(), why(sentC).constData());
        QCOMPARE(sentC->applied, 1);
        {
            auto server = store();
            auto serverBook = RegisterBook::load(*server);
            auto held = serverBook->entry(code);
            QCOMPARE((*held)->name, QStringLiteral("Liu Fang"));
            QCOMPARE((*held)->fields.value(QStringLiteral("phone")).toString(),
                QStringLiteral("13812345678"));
            QCOMPARE((*held)->fields.value(QStringLiteral("care_group")).toString(),
                QStringLiteral("elderly alone"));
            QCOMPARE((*held)->version, 2);
        }

        // Two desks change the entry on one version: the later is rejected and shown, and its
        // desk holds the server's entry again.
        QVERIFY(sync(b, QStringLiteral("wang")));
        RegisterEntry movedB = **bookB->entry(code);
        QCOMPARE(movedB.version, 2);
        movedB.address = QStringLiteral("350 Fifth Avenue, flat 14");
        QVERIFY(bookB->update(movedB, 2, QStringLiteral("Leader Wang"), now.addSecs(10)));
        QVERIFY(sync(a, QStringLiteral("chen")));
        RegisterEntry renamedA = **bookA->entry(code);
        QCOMPARE(renamedA.version, 2);
        renamedA.name = QStringLiteral("Liu Fangfang");
        QVERIFY(bookA->update(renamedA, 2, QStringLiteral("Operator Chen"), now.addSecs(12)));
        auto appliedB = sync(b, QStringLiteral("wang"));
        QVERIFY2(appliedB.has_value(), why(appliedB).constData());
        QCOMPARE(appliedB->applied, 1);
        auto rejectedA = sync(a, QStringLiteral("chen"));
        QVERIFY2(rejectedA.has_value(), why(rejectedA).constData());
        QCOMPARE(rejectedA->rejected, 1);
        QCOMPARE(rejectedA->rejections.first().refusal, Sync::Refusal::Conflict);
        // (as an operator's desk holds it: masked)
        auto nowA = bookA->entry(code);
        QCOMPARE((*nowA)->name, maskPersonal(PersonalClass::Name, QStringLiteral("Liu Fang")));
        QCOMPARE((*nowA)->address,
            maskPersonal(PersonalClass::Address, QStringLiteral("350 Fifth Avenue, flat 14")));
        QCOMPARE((*nowA)->version, 3);
        auto waiting = a.outbox->entries(Sync::OutboxState::Rejected);
        QCOMPARE(waiting->size(), 1);
        QCOMPARE(waiting->first().kind, Sync::CommandKind::Register);
        QCOMPARE(waiting->first().key.externalId, code);
        QCOMPARE(waiting->first().madeBy, QStringLiteral("Operator Chen"));
        // The history at A holds A's change (refused) and the server's, each once.
        QCOMPARE(scalar(*a.workspace,
                     QStringLiteral("SELECT count(*) FROM register_history WHERE entry_code = "
                                    "'%1' AND version = 3")
                         .arg(code))
                     .toInt(),
            2);

        // A case linked to the entry at one desk is linked at the other after a sync.
        const qint64 reported = a.report(MANHATTAN_LON, MANHATTAN_LAT, QStringLiteral("Fall"));
        CaseLinks linksA(*bookA, *a.book);
        auto linked = linksA.link(reported, {code, LinkRole::Reporter},
            a.as(QStringLiteral("Operator Chen"), CaseAction::LinkEntry, 0));
        QVERIFY2(linked.has_value(), why(linked).constData());
        auto linkSent = sync(a, QStringLiteral("chen"));
        QVERIFY2(linkSent.has_value(), why(linkSent).constData());
        QCOMPARE(linkSent->rejected, 0);
        QVERIFY(sync(b, QStringLiteral("wang")));
        const CaseRecord atA = a.record(reported);
        auto caseAtB = Sync::caseIdOf(*b.workspace, {atA.source, atA.externalId});
        QVERIFY(caseAtB.has_value() && caseAtB->has_value());
        QCOMPARE(scalar(*b.workspace,
                     QStringLiteral("SELECT entry_code || ' ' || role FROM case_entry_links "
                                    "WHERE case_id = %1")
                         .arg(**caseAtB))
                     .toString(),
            code + QStringLiteral(" reporter"));
    }

    void registerChangesAreCheckedOnTheServer()
    {
        Desk manhattan = Desk::open(copyOfSample(QStringLiteral("register-manhattan.gpkg")));
        QVERIFY(sync(manhattan, QStringLiteral("manhattan")));
        auto book = RegisterBook::load(*manhattan.workspace);
        const QDateTime now = QDateTime::currentDateTimeUtc().addSecs(-60);
        RegisterEntry hydrant;
        hydrant.kind = QStringLiteral("thing");
        hydrant.name = QStringLiteral("Hydrant by Prospect Park");
        hydrant.wkb = Wkb::point(GeoPoint {-73.969, 40.662});
        hydrant.fields.insert(QStringLiteral("asset_code"), QStringLiteral("HY-BK-0001"));
        QVERIFY(book->add(hydrant, QStringLiteral("Operator M"), now));
        auto refused = sync(manhattan, QStringLiteral("manhattan"));
        QVERIFY2(refused.has_value(), why(refused).constData());
        QCOMPARE(refused->rejected, 1);
        QCOMPARE(refused->rejections.first().refusal, Sync::Refusal::OutsideJurisdiction);

        // Unit handlers work cases, not the register.
        Desk handler = Desk::open(copyOfSample(QStringLiteral("register-nypd.gpkg")));
        QVERIFY(sync(handler, QStringLiteral("nypd")));
        auto handlerBook = RegisterBook::load(*handler.workspace);
        RegisterEntry lamp;
        lamp.kind = QStringLiteral("thing");
        lamp.name = QStringLiteral("Lamp on 34th Street");
        lamp.wkb = Wkb::point(GeoPoint {MANHATTAN_LON, MANHATTAN_LAT});
        lamp.fields.insert(QStringLiteral("asset_code"), QStringLiteral("LP-MN-0034"));
        QVERIFY(handlerBook->add(lamp, QStringLiteral("Officer N"), now));
        auto forbidden = sync(handler, QStringLiteral("nypd"));
        QVERIFY2(forbidden.has_value(), why(forbidden).constData());
        QCOMPARE(forbidden->rejections.size(), 1);
        QCOMPARE(forbidden->rejections.first().refusal, Sync::Refusal::Forbidden);

        // Hostile and malformed register commands are refused one by one, naming the field.
        const QByteArray session = token(QStringLiteral("chen"));
        QJsonObject bad {{QStringLiteral("id"), QStringLiteral("register-bad-0001")},
            {QStringLiteral("kind"), QStringLiteral("register")},
            {QStringLiteral("action"), QStringLiteral("created")}, {QStringLiteral("based_on"), 0},
            {QStringLiteral("at"), QStringLiteral("2026-12-05T10:00:00Z")},
            {QStringLiteral("entry"),
                QJsonObject {{QStringLiteral("code"), QStringLiteral("TH-X-1")},
                    {QStringLiteral("kind"), QStringLiteral("thing")},
                    {QStringLiteral("name"), QStringLiteral("x")},
                    {QStringLiteral("fields"),
                        QJsonObject {{QStringLiteral("asset_code"), QJsonArray {1, 2}}}}}}};
        QJsonObject unknownKind = bad;
        unknownKind[QStringLiteral("id")] = QStringLiteral("register-bad-0002");
        unknownKind[QStringLiteral("entry")] =
            QJsonObject {{QStringLiteral("code"), QStringLiteral("ZZ-1")},
                {QStringLiteral("kind"), QStringLiteral("dragon")},
                {QStringLiteral("name"), QStringLiteral("x")}};
        const RawAnswer answer = rawRequest(m_server->url(), m_trusted, "POST",
            QStringLiteral("/v1/push"),
            QJsonDocument(QJsonObject {{QStringLiteral("commands"), QJsonArray {bad, unknownKind}}})
                .toJson(),
            session);
        QCOMPARE(answer.status, 200);
        const QJsonArray results = answer.json.value(QLatin1String("results")).toArray();
        QCOMPARE(results.size(), 2);
        for (const QJsonValue &result : results)
            QCOMPARE(result[QLatin1String("code")].toString(), QStringLiteral("invalid"));
        QVERIFY2(
            results.at(0)[QLatin1String("reason")].toString().contains(QLatin1String("asset_code")),
            qPrintable(results.at(0)[QLatin1String("reason")].toString()));
        QVERIFY2(
            results.at(1)[QLatin1String("reason")].toString().contains(QLatin1String("dragon")),
            qPrintable(results.at(1)[QLatin1String("reason")].toString()));

        // The register feed of an account in Manhattan holds nothing outside Manhattan.
        auto client = this->client(QStringLiteral("manhattan"));
        QVERIFY(client.login());
        auto page = client.registerFeed(0);
        QVERIFY2(page.has_value(), why(page).constData());
        for (const Sync::RegisterItem &item : page->entries) {
            if (item.entry)
                QVERIFY2(item.entry->gridCode.startsWith(u'1'), qPrintable(item.entry->gridCode));
        }
    }

    void theRoleDecidesWhatMayBeDone()
    {
        Desk desk = Desk::open(copyOfSample(QStringLiteral("roles.gpkg")));
        const qint64 reported =
            desk.report(MANHATTAN_LON, MANHATTAN_LAT, QStringLiteral("Sign down"));
        QVERIFY(sync(desk, QStringLiteral("chen")));
        QVERIFY(desk.book->act(
            reported, desk.as(QStringLiteral("Operator Chen"), CaseAction::Register, 1)));
        // The desk's user may register; the account it syncs as, a supervisor, may not.
        auto refused = sync(desk, QStringLiteral("li"));
        QVERIFY2(refused.has_value(), why(refused).constData());
        QCOMPARE(refused->rejected, 1);
        QVERIFY2(refused->rejections.first().refusal == Sync::Refusal::Forbidden,
            qPrintable(refused->rejections.first().reason));
        // The desk now holds the server's history again.
        QCOMPARE(desk.version(reported), 1);

        // A unit handler sees the cases its unit handles, not every case of the boroughs its
        // agency serves.
        auto handler = client(QStringLiteral("nypd"));
        QVERIFY(handler.login());
        auto page = handler.pull(0, Sync::MAX_CASES_PER_PAGE);
        QVERIFY2(page.has_value(), why(page).constData());
        for (const Sync::CaseSnapshot &snapshot : page->cases) {
            const CaseFile file = CaseFile::replay(snapshot.events);
            const bool handles = file.leadUnit() == QLatin1String("NYPD")
                || file.coUnits().contains(QStringLiteral("NYPD"));
            QVERIFY2(handles, qPrintable(snapshot.key.externalId));
        }
    }

    void untrustedCertificatesAreRefusedNeverIgnored()
    {
        // Without the city's CA the system store does not know the server.
        Sync::ClientOptions options;
        options.server = m_server->url();
        options.user = QStringLiteral("chen");
        options.password = PASSWORD;
        Sync::SyncClient stranger(options);
        auto refused = stranger.login();
        QVERIFY(!refused.has_value());
        QVERIFY2(refused.error().message.contains(QLatin1String("not trusted")),
            qPrintable(refused.error().message));

        // The certificate names 127.0.0.1, not localhost.
        options.caCertificates = m_trusted;
        options.server.setHost(QStringLiteral("localhost"));
        Sync::SyncClient wrongName(options);
        auto mismatch = wrongName.login();
        QVERIFY(!mismatch.has_value());
        QVERIFY2(mismatch.error().message.contains(QLatin1String("not trusted")),
            qPrintable(mismatch.error().message));

        // http:// is not spoken at all.
        options.server = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server->url().port()));
        Sync::SyncClient plain(options);
        auto notTls = plain.login();
        QVERIFY(!notTls.has_value());
        QCOMPARE(notTls.error().code, ErrorCode::InvalidArgument);
    }

    void aServerWithAnExpiredCertificateDoesNotStart()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QVERIFY(writeIssuedCertificate(m_caCertificate, path(QStringLiteral("city-ca.key")),
            path(QStringLiteral("old.pem")), path(QStringLiteral("old.key")),
            {QStringLiteral("127.0.0.1")}, now.addDays(-30), now.addDays(-1)));
        ServerProcess expired(QStringLiteral(GRIDDESK_SERVER),
            serverArguments(path(QStringLiteral("old.pem")), path(QStringLiteral("old.key"))));
        QVERIFY(!expired.start());
        QVERIFY2(expired.output().contains(QLatin1String("expired")), qPrintable(expired.output()));
    }

    void badTokensAndBadRequestsGetClearRefusals()
    {
        const QUrl server = m_server->url();
        const QByteArray body =
            QJsonDocument(QJsonObject {{QStringLiteral("commands"), QJsonArray()}}).toJson();
        QCOMPARE(
            rawRequest(server, m_trusted, "POST", QStringLiteral("/v1/push"), body).status, 401);
        const RawAnswer forged = rawRequest(server, m_trusted, "POST", QStringLiteral("/v1/push"),
            body, QByteArrayLiteral("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
        QCOMPARE(forged.status, 401);
        QCOMPARE(
            forged.json.value(QLatin1String("error")).toString(), QStringLiteral("unauthorized"));

        const RawAnswer wrong = rawRequest(server, m_trusted, "POST", QStringLiteral("/v1/login"),
            QJsonDocument(QJsonObject {{QStringLiteral("user"), QStringLiteral("chen")},
                              {QStringLiteral("password"), QStringLiteral("not the password")}})
                .toJson());
        QCOMPARE(wrong.status, 401);
        QCOMPARE(
            wrong.json.value(QLatin1String("error")).toString(), QStringLiteral("bad_credentials"));

        const QByteArray session = token(QStringLiteral("zhang"));
        QVERIFY(!session.isEmpty());
        const RawAnswer garbage = rawRequest(
            server, m_trusted, "POST", QStringLiteral("/v1/push"), "{\"commands\": [", session);
        QCOMPARE(garbage.status, 400);
        QVERIFY(garbage.json.value(QLatin1String("message"))
                    .toString()
                    .contains(QLatin1String("not JSON")));
        const RawAnswer notList = rawRequest(
            server, m_trusted, "POST", QStringLiteral("/v1/push"), "{\"commands\": 5}", session);
        QCOMPARE(notList.status, 400);

        QJsonArray many;
        for (int index = 0; index <= Sync::MAX_COMMANDS_PER_PUSH; ++index)
            many << QJsonObject();
        const RawAnswer tooMany = rawRequest(server, m_trusted, "POST", QStringLiteral("/v1/push"),
            QJsonDocument(QJsonObject {{QStringLiteral("commands"), many}}).toJson(), session);
        QCOMPARE(tooMany.status, 413);

        const QByteArray huge = "{\"commands\": [\"" + QByteArray(9 * 1024 * 1024, 'x') + "\"]}";
        const RawAnswer oversized =
            rawRequest(server, m_trusted, "POST", QStringLiteral("/v1/push"), huge, session);
        QCOMPARE(oversized.status, 413);

        // Malformed commands are answered one by one, with what is wrong, and change nothing.
        QJsonArray odd {QJsonObject {{QStringLiteral("id"), QStringLiteral("short")}},
            QJsonObject {{QStringLiteral("id"), QStringLiteral("odd-command-0001")},
                {QStringLiteral("kind"), QStringLiteral("act")},
                {QStringLiteral("case"),
                    QJsonObject {{QStringLiteral("source"), QStringLiteral("desk")},
                        {QStringLiteral("external_id"), QStringLiteral("none")}}},
                {QStringLiteral("action"), QStringLiteral("register")},
                {QStringLiteral("based_on"), 1},
                {QStringLiteral("at"), QStringLiteral("yesterday")}},
            QStringLiteral("'; DROP TABLE cases; --")};
        const RawAnswer answered = rawRequest(server, m_trusted, "POST", QStringLiteral("/v1/push"),
            QJsonDocument(QJsonObject {{QStringLiteral("commands"), odd}}).toJson(), session);
        QCOMPARE(answered.status, 200);
        const QJsonArray results = answered.json.value(QLatin1String("results")).toArray();
        QCOMPARE(results.size(), 3);
        for (const QJsonValue &result : results) {
            QCOMPARE(result[QLatin1String("status")].toString(), QStringLiteral("rejected"));
            QCOMPARE(result[QLatin1String("code")].toString(), QStringLiteral("invalid"));
        }
        QVERIFY(
            results.at(1)[QLatin1String("reason")].toString().contains(QLatin1String("\"at\"")));
        auto server2 = store();
        QVERIFY(scalar(*server2, QStringLiteral("SELECT count(*) FROM cases")).toInt() >= 2000);

        const RawAnswer cursor =
            rawRequest(server, m_trusted, "GET", QStringLiteral("/v1/feed?after=-5"), {}, session);
        QCOMPARE(cursor.status, 400);
        QCOMPARE(
            rawRequest(server, m_trusted, "GET", QStringLiteral("/v1/nothing"), {}, session).status,
            404);

        // After logout the token is worth nothing.
        QCOMPARE(
            rawRequest(server, m_trusted, "POST", QStringLiteral("/v1/logout"), {}, session).status,
            200);
        QCOMPARE(
            rawRequest(server, m_trusted, "GET", QStringLiteral("/v1/feed"), {}, session).status,
            401);
    }

    void aDistrictServerSyncsUpToTheCityInBothDirections()
    {
        // The city knows the district's server as an account relaying for Manhattan.
        {
            auto city = store();
            Accounts accounts(*city);
            QVERIFY(accounts.addUser(
                QStringLiteral("manhattan-server"), Role::System, QStringLiteral("1"), PASSWORD));
        }
        const QString districtStore = copyOfSample(QStringLiteral("district.gpkg"));
        {
            auto district = Workspace::open(districtStore);
            Accounts accounts(**district);
            QVERIFY(accounts.addUser(
                QStringLiteral("ho"), Role::Operator, QStringLiteral("1"), PASSWORD));
            QVERIFY(accounts.addUser(
                QStringLiteral("hsu"), Role::Supervisor, QStringLiteral("1"), PASSWORD));
        }
        QFile password(path(QStringLiteral("relay-password")));
        QVERIFY(password.open(QIODevice::WriteOnly));
        password.write(PASSWORD + '\n');
        password.close();
        QFile config(path(QStringLiteral("district.conf")));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(
            QStringLiteral("[server]\nlisten = 127.0.0.1:0\ncertificate = server.pem\n"
                           "key = server.key\ndatabase = district.gpkg\nlog_level = warning\n"
                           "upstream = %1\nupstream_user = manhattan-server\n"
                           "upstream_password_file = relay-password\nupstream_ca = city-ca.pem\n"
                           "upstream_seconds = 1\n")
                .arg(m_server->url().toString())
                .toUtf8());
        config.close();
        // The district takes reports from a citizens' app of its own.
        QProcess addClient;
        addClient.start(QStringLiteral(GRIDDESK_SERVER),
            {QStringLiteral("add-client"), QStringLiteral("--db"), districtStore,
                QStringLiteral("district-app"), QStringLiteral("--channel"),
                QStringLiteral("open311"), QStringLiteral("--unit"), QStringLiteral("1")});
        QVERIFY(addClient.waitForFinished(60'000));
        QCOMPARE(addClient.exitCode(), 0);
        const QByteArray appKey = addClient.readAllStandardOutput().trimmed();
        QVERIFY(!appKey.isEmpty());
        ServerProcess district(
            QStringLiteral(GRIDDESK_SERVER), {QStringLiteral("--config"), config.fileName()});
        QVERIFY2(district.start(), qPrintable(district.output()));

        // A desk of the district reports; the case reaches the city, in the person's name.
        Desk desk = Desk::open(copyOfSample(QStringLiteral("district-desk.gpkg")));
        const qint64 reported =
            desk.report(MANHATTAN_LON, MANHATTAN_LAT, QStringLiteral("Water main"));
        Sync::ClientOptions options;
        options.server = district.url();
        options.user = QStringLiteral("ho");
        options.password = PASSWORD;
        options.caCertificates = m_trusted;
        Sync::SyncClient toDistrict(options);
        auto pushed = Sync::syncOnce(*desk.book, *desk.outbox, toDistrict);
        QVERIFY2(pushed.has_value(), why(pushed).constData());
        QCOMPARE(pushed->applied, 1);
        const CaseRecord record = desk.record(reported);
        const QString via = store()->isPostgres() ? QStringLiteral("(e.data::json ->> 'via')")
                                                  : QStringLiteral("json_extract(e.data, '$.via')");
        const QString atCity = QStringLiteral("SELECT e.actor || '/' || e.role || '/' || %1 FROM "
                                              "case_events e JOIN cases c ON c.fid = e.case_id "
                                              "WHERE c.external_id = '%2' ORDER BY e.sequence")
                                   .arg(via, record.externalId);
        QTRY_COMPARE_WITH_TIMEOUT(scalar(*store(), atCity).toString(),
            QStringLiteral("ho/operator/manhattan-server"), 20'000);

        // The city registers it; the district, and then its desk, take that in.
        Desk city = Desk::open(copyOfSample(QStringLiteral("district-city-desk.gpkg")));
        QVERIFY(sync(city, QStringLiteral("chen")));
        const qint64 atCityDesk =
            **Sync::caseIdOf(*city.workspace, {record.source, record.externalId});
        QVERIFY(city.book->act(
            atCityDesk, city.as(QStringLiteral("Operator Chen"), CaseAction::Register, 1)));
        auto registered = sync(city, QStringLiteral("chen"));
        QVERIFY2(registered.has_value() && registered->applied == 1, why(registered).constData());
        const QString atDistrict =
            QStringLiteral("SELECT version FROM cases WHERE external_id = '%1'")
                .arg(record.externalId);
        QTRY_COMPARE_WITH_TIMEOUT(
            scalar(*Workspace::open(districtStore).value(), atDistrict).toInt(), 2, 20'000);
        auto pulled = Sync::syncOnce(*desk.book, *desk.outbox, toDistrict);
        QVERIFY2(pulled.has_value(), why(pulled).constData());
        QCOMPARE(desk.version(reported), 2);
        QCOMPARE(desk.book->file(reported)->events().last().action, CaseAction::Register);
        // The desk's own report came back as its own: nothing of it was set aside, here or at
        // the district.
        QCOMPARE(pulled->received.superseded, 0);
        QCOMPARE(scalar(*Workspace::open(districtStore).value(),
                     QStringLiteral("SELECT count(*) FROM case_events_superseded"))
                     .toInt(),
            0);

        // A citizen's report to the district's Open311 service reaches the city too.
        const auto open311Cases = [&] {
            return scalar(*store(),
                QStringLiteral("SELECT count(*) FROM cases WHERE source = 'open311' AND "
                               "descriptor = 'Hydrant leaking at the corner'"))
                .toInt();
        };
        QCOMPARE(open311Cases(), 0);
        QString service;
        for (const Category &category : desk.book->setup().categories.categories()) {
            if (!category.code.contains(u'/') && !category.code.contains(u' ')) {
                service = category.code;
                break;
            }
        }
        const RawAnswer filed = rawRequest(district.url(), m_trusted, "POST",
            QStringLiteral("/open311/v2/requests.json"),
            "api_key=" + appKey + "&service_code=" + QUrl::toPercentEncoding(service)
                + "&lat=40.7075&long=-74.0113&description=Hydrant+leaking+at+the+corner",
            {}, "application/x-www-form-urlencoded");
        QVERIFY2(filed.status == 200 || filed.status == 201, qPrintable(filed.error));
        QTRY_COMPARE_WITH_TIMEOUT(open311Cases(), 1, 20'000);

        // The register travels the same way. An entry a district desk adds reaches the city
        // whole, in the name of the person who added it.
        const QDateTime now = QDateTime::currentDateTimeUtc().addSecs(-60);
        auto deskRegister = RegisterBook::load(*desk.workspace);
        QVERIFY(deskRegister.has_value());
        RegisterEntry person;
        person.kind = QStringLiteral("person");
        person.name = QStringLiteral("Zhou Min");
        person.address = QStringLiteral("12 Pearl Street, flat 3");
        person.wkb = Wkb::point(GeoPoint {MANHATTAN_LON, MANHATTAN_LAT});
        person.fields.insert(QStringLiteral("phone"), QStringLiteral("13712345678"));
        person.source = QStringLiteral("desk");
        auto added = deskRegister->add(person, QStringLiteral("Operator Ho"), now);
        QVERIFY2(added.has_value(), why(added).constData());
        const QString code = added->code;
        auto sentEntry = Sync::syncOnce(*desk.book, *desk.outbox, toDistrict);
        QVERIFY2(sentEntry.has_value(), why(sentEntry).constData());
        QCOMPARE(sentEntry->applied, 1);
        const QString entryAt =
            QStringLiteral("SELECT e.name || '/' || e.version || '/' || h.changed_by FROM "
                           "register_entries e JOIN register_history h ON h.entry_code = e.code "
                           "WHERE e.code = '%1' ORDER BY h.id DESC LIMIT 1")
                .arg(code);
        QTRY_COMPARE_WITH_TIMEOUT(
            scalar(*store(), entryAt).toString(), QStringLiteral("Zhou Min/1/ho"), 20'000);

        // A city leader changes the number; the district's server takes the change in whole,
        // for its own leaders, and its operator's desk gets it masked.
        Desk leader = Desk::open(copyOfSample(QStringLiteral("district-leader.gpkg")));
        QVERIFY(sync(leader, QStringLiteral("wang")));
        auto leaderRegister = RegisterBook::load(*leader.workspace);
        auto atLeader = leaderRegister->entry(code);
        QVERIFY(atLeader.has_value() && atLeader->has_value());
        QCOMPARE((*atLeader)->fields.value(QStringLiteral("phone")).toString(),
            QStringLiteral("13712345678"));
        RegisterEntry renumbered = **atLeader;
        renumbered.fields.insert(QStringLiteral("phone"), QStringLiteral("13798765432"));
        QVERIFY(leaderRegister->update(renumbered, 1, QStringLiteral("Leader Wang"), now.addSecs(5))
                    .has_value());
        auto sentChange = sync(leader, QStringLiteral("wang"));
        QVERIFY2(sentChange.has_value() && sentChange->applied == 1, why(sentChange).constData());
        const QString phoneAtDistrict =
            QStringLiteral("SELECT version || '/' || json_extract(fields, '$.phone') FROM "
                           "register_entries WHERE code = '%1'")
                .arg(code);
        QTRY_COMPARE_WITH_TIMEOUT(
            scalar(*Workspace::open(districtStore).value(), phoneAtDistrict).toString(),
            QStringLiteral("2/13798765432"), 20'000);
        // The district did not send the city's change back as its own.
        QCOMPARE(scalar(*store(),
                     QStringLiteral("SELECT count(*) FROM register_history WHERE entry_code = '%1'")
                         .arg(code))
                     .toInt(),
            2);
        auto tookChange = Sync::syncOnce(*desk.book, *desk.outbox, toDistrict);
        QVERIFY2(tookChange.has_value(), why(tookChange).constData());
        auto atDesk = RegisterBook::load(*desk.workspace)->entry(code);
        QVERIFY(atDesk.has_value() && atDesk->has_value());
        QCOMPARE((*atDesk)->version, 2);
        const QString maskedPhone = (*atDesk)->fields.value(QStringLiteral("phone")).toString();
        QVERIFY2(maskedPhone.contains(u'*') && maskedPhone.endsWith(QLatin1String("32")),
            qPrintable(maskedPhone));

        // Grid editions are published on the city server, not on the district's.
        QVERIFY(editGrid(desk, QStringLiteral("101"), QStringLiteral("Battery Park")));
        auto draft = GridDraft::load(*desk.workspace);
        QVERIFY(Sync::submitEdition(*desk.workspace, *desk.outbox, *draft,
            QStringLiteral("Supervisor Hsu"), QStringLiteral("Battery"),
            QDateTime::currentDateTimeUtc())
                    .has_value());
        Sync::ClientOptions supervisor = options;
        supervisor.user = QStringLiteral("hsu");
        Sync::SyncClient asSupervisor(supervisor);
        auto refusedHere = Sync::syncOnce(*desk.book, *desk.outbox, asSupervisor);
        QVERIFY2(refusedHere.has_value(), why(refusedHere).constData());
        QCOMPARE(refusedHere->rejected, 1);
        QCOMPARE(refusedHere->rejections.first().refusal, Sync::Refusal::NotAllowed);
        QVERIFY(refusedHere->rejections.first().reason.contains(m_server->url().authority()));
        district.stop();
    }

    void theCommandLineListsRedoesAndDiscardsRejectedCommands()
    {
        const QString deskPath = copyOfSample(QStringLiteral("cli-desk.gpkg"));
        qint64 reported = 0;
        {
            Desk desk = Desk::open(deskPath);
            reported = desk.report(MANHATTAN_LON, MANHATTAN_LAT, QStringLiteral("Loose railing"));
            QVERIFY(desk.book->act(
                reported, desk.as(QStringLiteral("Operator Chen"), CaseAction::Register, 1)));
        }
        const auto run = [](const QStringList &arguments) {
            QProcess cli;
            cli.start(QStringLiteral(GRIDDESK_CLI), arguments);
            cli.waitForFinished(60'000);
            return std::pair {cli.exitCode(),
                QString::fromUtf8(cli.readAllStandardOutput() + cli.readAllStandardError())};
        };
        auto [synced, said] = run(cliSync(deskPath));
        QVERIFY2(synced == 0, qPrintable(said));
        QVERIFY2(said.contains(QLatin1String("2 applied, 0 rejected")), qPrintable(said));
        auto [listed, list] = run({QStringLiteral("outbox"), deskPath, QStringLiteral("--json")});
        QCOMPARE(listed, 0);
        const QJsonArray entries = QJsonDocument::fromJson(list.toUtf8()).array();
        QCOMPARE(entries.size(), 2);
        QCOMPARE(entries.at(1)[QLatin1String("state")].toString(), QStringLiteral("applied"));

        // A rejection, made by another desk acting first.
        Desk other = Desk::open(copyOfSample(QStringLiteral("cli-other.gpkg")));
        QVERIFY(sync(other, QStringLiteral("zhang")));
        const CaseRecord record = Desk::open(deskPath).record(reported);
        const qint64 there = **Sync::caseIdOf(*other.workspace, {record.source, record.externalId});
        ActionRequest promise = other.as(QStringLiteral("Operator Chen"), CaseAction::Promise, 2);
        promise.data.insert(QStringLiteral("promised_at"),
            CaseTime::withOffset(QDate::currentDate().addDays(2), QTime(12, 0), 0).toIso());
        QVERIFY2(other.book->act(there, promise).has_value(), "promise refused");
        {
            Desk desk = Desk::open(deskPath);
            ActionRequest mine = desk.as(QStringLiteral("Leader Wang"), CaseAction::MarkSpecial, 2);
            mine.reason = QStringLiteral("near a school");
            QVERIFY(desk.book->act(reported, mine));
        }
        QVERIFY(sync(other, QStringLiteral("zhang")));
        QStringList asWang = cliSync(deskPath);
        asWang[5] = QStringLiteral("wang");
        auto [conflict, why] = run(asWang);
        QCOMPARE(conflict, 1);
        QVERIFY2(why.contains(QLatin1String("(conflict)")), qPrintable(why));
        auto [rejectedList, rejected] = run({QStringLiteral("outbox"), deskPath,
            QStringLiteral("--state"), QStringLiteral("rejected"), QStringLiteral("--json")});
        const QJsonArray waiting = QJsonDocument::fromJson(rejected.toUtf8()).array();
        QCOMPARE(waiting.size(), 1);
        const QString id = QString::number(waiting.at(0)[QLatin1String("id")].toInteger());

        // Only the person who made it, a supervisor or a leader settles it.
        auto [stranger, refusal] = run({QStringLiteral("outbox-discard"), deskPath, id,
            QStringLiteral("--as"), QStringLiteral("DOT handler")});
        QCOMPARE(stranger, 1);
        QVERIFY2(refusal.contains(QLatin1String("Leader Wang")), qPrintable(refusal));
        auto [redone, redoSaid] = run({QStringLiteral("outbox-redo"), deskPath, id,
            QStringLiteral("--as"), QStringLiteral("Leader Wang")});
        QVERIFY2(redone == 0, qPrintable(redoSaid));
        QVERIFY2(redoSaid.contains(QLatin1String("version 4")), qPrintable(redoSaid));
        auto [sent, sentSaid] = run(asWang);
        QVERIFY2(sent == 0 && sentSaid.contains(QLatin1String("1 applied")), qPrintable(sentSaid));
        auto [gone, goneSaid] = run({QStringLiteral("outbox-discard"), deskPath, id,
            QStringLiteral("--as"), QStringLiteral("Leader Wang")});
        QCOMPARE(gone, 1);
        QVERIFY2(goneSaid.contains(QLatin1String("only a rejected command")), qPrintable(goneSaid));
    }

    void anotherAccountOrARestoredStoreReadsTheFeedAgain()
    {
        Desk desk = Desk::open(copyOfSample(QStringLiteral("accounts.gpkg")));
        QVERIFY(sync(desk, QStringLiteral("manhattan")));
        // A Brooklyn case the Manhattan operator could not see.
        Desk city = Desk::open(copyOfSample(QStringLiteral("accounts-city.gpkg")));
        QVERIFY(sync(city, QStringLiteral("chen")));
        const auto locations = city.workspace->caseLocations();
        GeoPoint brooklyn;
        for (const CaseLocation &located : *locations) {
            if (located.location && located.gridCode.startsWith(u'3')
                && located.gridCode.size() == 3)
                brooklyn = *located.location;
        }
        const qint64 made = city.report(brooklyn.lon, brooklyn.lat, QStringLiteral("Sinkhole"));
        QVERIFY(sync(city, QStringLiteral("chen")));
        const CaseRecord record = city.record(made);
        QVERIFY(!Sync::caseIdOf(*desk.workspace, {record.source, record.externalId})->has_value());

        // The same desk, now as the city's operator: the feed is read from the start.
        auto asCity = sync(desk, QStringLiteral("chen"));
        QVERIFY2(asCity.has_value(), why(asCity).constData());
        QVERIFY(Sync::caseIdOf(*desk.workspace, {record.source, record.externalId})->has_value());
        QCOMPARE(desk.outbox->account(), QStringLiteral("chen"));

        // A cursor past the server's end (its store restored from an older backup) is not
        // taken silently: the desk reads again from 0.
        QVERIFY(desk.outbox->setCursor(desk.outbox->cursor() + 1'000'000));
        auto restored = sync(desk, QStringLiteral("chen"));
        QVERIFY2(restored.has_value(), why(restored).constData());
        QVERIFY(desk.outbox->cursor() < 1'000'000);
        QVERIFY(restored->received.unchanged > 0);
    }

    void anOrdinaryAccountCannotForgeWhatOnlyTheServerWrites()
    {
        Desk desk = Desk::open(copyOfSample(QStringLiteral("forge.gpkg")));
        const qint64 reported = desk.report(MANHATTAN_LON, MANHATTAN_LAT, QStringLiteral("Forged"));
        auto entry = desk.outbox->entries()->first();
        QJsonObject body = entry.body;
        QJsonObject data = body.value(QLatin1String("data")).toObject();
        data.insert(QStringLiteral("via"), QStringLiteral("brooklyn-server"));
        data.insert(QStringLiteral("origin_command"), QStringLiteral("someone-else"));
        data.insert(QStringLiteral("command"), QStringLiteral("not-mine-at-all"));
        body.insert(QStringLiteral("data"), data);
        auto session = client(QStringLiteral("manhattan"));
        QVERIFY(session.login());
        auto results = session.push({body});
        QVERIFY2(results.has_value() && results->first().applied, why(results).constData());
        const QString stored = scalar(*store(),
            QStringLiteral("SELECT e.data FROM case_events e JOIN cases c ON c.fid = e.case_id "
                           "WHERE c.external_id = '%1'")
                .arg(desk.record(reported).externalId))
                                   .toString();
        QVERIFY2(!stored.contains(QLatin1String("brooklyn-server")), qPrintable(stored));
        QVERIFY2(!stored.contains(QLatin1String("someone-else")), qPrintable(stored));
        QVERIFY2(stored.contains(entry.commandId), qPrintable(stored));
    }

    void clientsVanishingMidHandshakeDoNotStopTheServer()
    {
        // Connections that never begin TLS fill the server's queue of handshakes; clients that
        // start theirs meanwhile go away halfway. Once the idle ones are gone the server must
        // take new connections again.
        std::vector<std::unique_ptr<QTcpSocket>> idle;
        for (int index = 0; index < 40; ++index) {
            idle.push_back(std::make_unique<QTcpSocket>());
            idle.back()->connectToHost(QHostAddress::LocalHost, m_server->url().port());
        }
        std::vector<std::unique_ptr<QSslSocket>> vanishing;
        for (int index = 0; index < 40; ++index) {
            auto socket = std::make_unique<QSslSocket>();
            socket->setPeerVerifyMode(QSslSocket::VerifyNone);
            socket->connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_server->url().port());
            vanishing.push_back(std::move(socket));
        }
        QTest::qWait(300);
        for (auto &socket : vanishing)
            socket->abort();
        QTest::qWait(6'000);
        for (auto &socket : idle)
            socket->abort();
        QTest::qWait(500);
        const RawAnswer status =
            rawRequest(m_server->url(), m_trusted, "GET", QStringLiteral("/v1/status"), {});
        QVERIFY2(status.status == 200, qPrintable(status.error));
    }

    void aWaitingFeedIsAnsweredWhenACaseComes()
    {
        const qint64 end = feedEnd();
        auto [page, waitedMs] = pullHeldWhileAReportComes(end, QStringLiteral("waited-for.gpkg"));
        QVERIFY(page.has_value());
        QVERIFY2(page->has_value(), page->has_value() ? "" : qPrintable(page->error().message));
        const QString reported = m_lastReported;
        QVERIFY(!reported.isEmpty());
        const auto &cases = (*page)->cases;
        QCOMPARE(cases.size(), 1);
        QCOMPARE(cases.first().key.externalId, reported);
        QVERIFY((*page)->cursor > end);
        // Held until the case came, and answered then, long before the 30 s were over.
        QVERIFY2(waitedMs >= 1'000 && waitedMs < 25'000, qPrintable(QString::number(waitedMs)));

        // Nothing new: the wait runs out and the page is empty, the cursor where it was.
        auto session = client(QStringLiteral("chen"));
        QVERIFY(session.login());
        QElapsedTimer clock;
        clock.start();
        auto quiet = session.pull((*page)->cursor, Sync::MAX_CASES_PER_PAGE, 1);
        QVERIFY2(quiet.has_value(), why(quiet).constData());
        QVERIFY(quiet->cases.isEmpty());
        QCOMPARE(quiet->cursor, (*page)->cursor);
        QVERIFY(clock.elapsed() >= 900);

        const QByteArray token = this->token(QStringLiteral("chen"));
        for (const char *wait : {"61", "-1", "soon"}) {
            const RawAnswer refused = rawRequest(m_server->url(), m_trusted, "GET",
                QStringLiteral("/v1/feed?wait=%1").arg(QLatin1String(wait)), {}, token);
            QCOMPARE(refused.status, 400);
            QVERIFY(refused.json.value(QLatin1String("message"))
                        .toString()
                        .contains(QLatin1String("\"wait\"")));
        }
    }

    void aWaitingFeedStopsWithTheSessionAndOutlivesVanishedClients()
    {
        const qint64 end = feedEnd();
        const QByteArray token = this->token(QStringLiteral("chen"));
        RawAnswer answer;
        std::unique_ptr<QThread> waiting(QThread::create([&] {
            answer = rawRequest(m_server->url(), m_trusted, "GET",
                QStringLiteral("/v1/feed?after=%1&wait=15").arg(end), {}, token);
        }));
        waiting->start();

        // A client that asks to wait and hangs up.
        QSslSocket vanishing;
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.addCaCertificates(m_trusted);
        vanishing.setSslConfiguration(tls);
        vanishing.connectToHostEncrypted(m_server->url().host(), m_server->url().port());
        QVERIFY(vanishing.waitForEncrypted(10'000));
        vanishing.write("GET /v1/feed?after=" + QByteArray::number(end)
            + "&wait=30 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
            + "\r\n\r\n");
        QVERIFY(vanishing.waitForBytesWritten(5'000));
        QTest::qWait(1'500);
        vanishing.abort();

        // The session ends while its request waits: a case coming then is not sent to it.
        QCOMPARE(
            rawRequest(m_server->url(), m_trusted, "POST", QStringLiteral("/v1/logout"), {}, token)
                .status,
            200);
        QVERIFY(!reportThroughServer(QStringLiteral("zhang"), QStringLiteral("after-logout.gpkg"))
                     .isEmpty());
        QVERIFY(waiting->wait(30'000));
        QCOMPARE(answer.status, 401);
        QVERIFY(!answer.json.contains(QLatin1String("cases")));

        QVERIFY(m_server->isRunning());
        QCOMPARE(
            rawRequest(m_server->url(), m_trusted, "GET", QStringLiteral("/v1/status"), {}).status,
            200);
    }

    void aGridEditionIsPublishedByTheServerAfterItsChecks()
    {
        Desk desk = Desk::open(copyOfSample(QStringLiteral("editions.gpkg")));
        QVERIFY(editGrid(desk, QStringLiteral("101"), QStringLiteral("Financial District")));
        auto published = publishThroughServer(desk, QStringLiteral("li"), QStringLiteral("Rename"));
        QVERIFY2(published.has_value(), why(published).constData());
        QCOMPARE(published->applied, 1);
        QCOMPARE(published->editions, 1);
        // The edition came back: published here too, and the draft that made it is empty.
        auto editions = GridEditions::list(*desk.workspace);
        QCOMPARE(editions->last().number, 2);
        QCOMPARE(editions->last().note, QStringLiteral("Rename"));
        QCOMPARE(desk.workspace->grid(QStringLiteral("101"))->value().name,
            QStringLiteral("Financial District"));
        QVERIFY(GridDraft::load(*desk.workspace)->isEmpty());
        {
            auto server = store();
            QCOMPARE(scalar(*server, QStringLiteral("SELECT name FROM grids WHERE code = '101'"))
                         .toString(),
                QStringLiteral("Financial District"));
            QCOMPARE(
                scalar(*server, QStringLiteral("SELECT max(number) FROM grid_editions")).toInt(),
                2);
        }

        // Another desk takes the edition in with its next sync.
        Desk other = Desk::open(copyOfSample(QStringLiteral("editions-other.gpkg")));
        auto taken = sync(other, QStringLiteral("chen"));
        QVERIFY2(taken.has_value(), why(taken).constData());
        QCOMPARE(taken->editions, 1);
        QCOMPARE(other.workspace->grid(QStringLiteral("101"))->value().name,
            QStringLiteral("Financial District"));
        auto again = sync(other, QStringLiteral("chen"));
        QCOMPARE(again->editions, 0);

        // Overlapping grids do not pass the server's topology checks; the draft stays.
        QVERIFY(editGrid(
            desk, QStringLiteral("102"), QStringLiteral("Twin of 101"), QStringLiteral("101")));
        auto overlapping =
            publishThroughServer(desk, QStringLiteral("li"), QStringLiteral("Overlap"));
        QVERIFY2(overlapping.has_value(), why(overlapping).constData());
        QCOMPARE(overlapping->rejected, 1);
        QCOMPARE(overlapping->rejections.first().refusal, Sync::Refusal::Invalid);
        QVERIFY2(overlapping->rejections.first().reason.contains(QLatin1String("102")),
            qPrintable(overlapping->rejections.first().reason));
        QVERIFY(!GridDraft::load(*desk.workspace)->isEmpty());
        QCOMPARE(GridEditions::list(*desk.workspace)->last().number, 2);
        {
            auto server = store();
            QCOMPARE(
                scalar(*server, QStringLiteral("SELECT max(number) FROM grid_editions")).toInt(),
                2);
            QCOMPARE(scalar(*server, QStringLiteral("SELECT count(*) FROM grid_draft")).toInt(), 0);
        }
        // While an edition waits for its answer, no second one goes out.
        auto rejected = desk.outbox->entries(Sync::OutboxState::Rejected);
        QVERIFY(rejected->last().kind == Sync::CommandKind::Edition);
        QVERIFY(desk.outbox->discard(rejected->last().id).has_value());
        QVERIFY(GridDraft::load(*desk.workspace)->discard(*desk.workspace).has_value());

        // A draft drawn on an older edition is refused: the map moved on meanwhile.
        Desk stale = Desk::open(copyOfSample(QStringLiteral("editions-stale.gpkg")));
        QVERIFY(editGrid(stale, QStringLiteral("103"), QStringLiteral("Lower East Side")));
        auto late = publishThroughServer(stale, QStringLiteral("li"), QStringLiteral("Late"));
        QVERIFY2(late.has_value(), why(late).constData());
        QCOMPARE(late->rejected, 1);
        QCOMPARE(late->rejections.first().refusal, Sync::Refusal::Conflict);
        QVERIFY(late->rejections.first().reason.contains(QLatin1String("edition 2")));
        // It took the newer edition in and kept its own draft.
        QCOMPARE(GridEditions::list(*stale.workspace)->last().number, 2);
        QVERIFY(!GridDraft::load(*stale.workspace)->isEmpty());

        // An operator may not publish; a Manhattan supervisor not in Brooklyn.
        Desk operatorDesk = Desk::open(copyOfSample(QStringLiteral("editions-operator.gpkg")));
        QVERIFY(sync(operatorDesk, QStringLiteral("chen")).has_value());
        QVERIFY(editGrid(operatorDesk, QStringLiteral("104"), QStringLiteral("Chelsea")));
        auto byOperator =
            publishThroughServer(operatorDesk, QStringLiteral("chen"), QStringLiteral("Chelsea"));
        QCOMPARE(byOperator->rejections.first().refusal, Sync::Refusal::Forbidden);

        Desk manhattan = Desk::open(copyOfSample(QStringLiteral("editions-manhattan.gpkg")));
        QVERIFY(sync(manhattan, QStringLiteral("lin")).has_value());
        QVERIFY(editGrid(manhattan, QStringLiteral("301"), QStringLiteral("Not ours")));
        auto outside =
            publishThroughServer(manhattan, QStringLiteral("lin"), QStringLiteral("Brooklyn"));
        QCOMPARE(outside->rejections.first().refusal, Sync::Refusal::OutsideJurisdiction);
        auto refusedHere = manhattan.outbox->entries(Sync::OutboxState::Rejected);
        QVERIFY(manhattan.outbox->discard(refusedHere->last().id).has_value());
        QVERIFY(GridDraft::load(*manhattan.workspace)->discard(*manhattan.workspace));
        QVERIFY(editGrid(manhattan, QStringLiteral("105"), QStringLiteral("Midtown")));
        auto inside =
            publishThroughServer(manhattan, QStringLiteral("lin"), QStringLiteral("Midtown"));
        QVERIFY2(inside.has_value(), why(inside).constData());
        QCOMPARE(inside->applied, 1);
        QCOMPARE(GridEditions::list(*manhattan.workspace)->last().number, 3);

        // A merge re-homes the open cases on the server; desks get their new grid with the feed.
        QVERIFY(
            !reportThroughServer(QStringLiteral("zhang"), QStringLiteral("in-106.gpkg")).isEmpty());
        QVERIFY(sync(desk, QStringLiteral("li")).has_value());
        {
            auto draft = GridDraft::load(*desk.workspace);
            const QList<Grid> pair {
                *draft->grid(QStringLiteral("105")), *draft->grid(QStringLiteral("106"))};
            auto merged = GridEdits::merge(pair);
            QVERIFY2(merged.has_value(), why(merged).constData());
            GridChange change;
            change.description = QStringLiteral("Merge 105 and 106");
            change.before = pair;
            change.after = {*merged};
            change.lineage = {
                {QStringLiteral("105"), QStringLiteral("105"), LineageLink::Kind::Merge},
                {QStringLiteral("106"), QStringLiteral("105"), LineageLink::Kind::Merge}};
            QVERIFY(draft->apply(*desk.workspace, change).has_value());
        }
        const int before106 = [&] {
            auto server = store();
            return scalar(*server,
                QStringLiteral("SELECT count(*) FROM cases WHERE grid_code = "
                               "'106'"))
                .toInt();
        }();
        auto merging = publishThroughServer(desk, QStringLiteral("li"), QStringLiteral("Merge"));
        QVERIFY2(merging.has_value(), why(merging).constData());
        QCOMPARE(merging->applied, 1);
        QCOMPARE(merging->editions, 1);
        {
            auto server = store();
            const int after106 = scalar(
                *server, QStringLiteral("SELECT count(*) FROM cases WHERE grid_code = '106'"))
                                     .toInt();
            QVERIFY2(after106 < before106,
                qPrintable(QStringLiteral("%1 → %2").arg(before106).arg(after106)));
            QCOMPARE(scalar(*desk.workspace,
                         QStringLiteral("SELECT count(*) FROM cases WHERE grid_code = '106'"))
                         .toInt(),
                after106);
            QVERIFY(!desk.workspace->grid(QStringLiteral("106"))->has_value());
        }

        // Malformed editions are refused with what is wrong.
        const QByteArray token = this->token(QStringLiteral("li"));
        const QJsonArray odd {QJsonObject {{QStringLiteral("id"), QStringLiteral("edition-odd-1")},
            {QStringLiteral("kind"), QStringLiteral("edition")}, {QStringLiteral("based_on"), 4},
            {QStringLiteral("at"), QStringLiteral("2026-12-05T10:00:00Z")},
            {QStringLiteral("note"), QStringLiteral("Bad")},
            {QStringLiteral("grids"),
                QJsonArray {QJsonObject {{QStringLiteral("code"), QStringLiteral("101")},
                    {QStringLiteral("level"), QStringLiteral("base")},
                    {QStringLiteral("area_m2"), 5},
                    {QStringLiteral("wkb"), QStringLiteral("bm90IHdrYg==")}}}}}};
        const RawAnswer answered =
            rawRequest(m_server->url(), m_trusted, "POST", QStringLiteral("/v1/push"),
                QJsonDocument(QJsonObject {{QStringLiteral("commands"), odd}}).toJson(), token);
        QCOMPARE(answered.status, 200);
        const QJsonObject result =
            answered.json.value(QLatin1String("results")).toArray().first().toObject();
        QCOMPARE(result.value(QLatin1String("code")).toString(), QStringLiteral("invalid"));
        QVERIFY2(result.value(QLatin1String("reason")).toString().contains(QLatin1String("wkb")),
            qPrintable(result.value(QLatin1String("reason")).toString()));
    }

    void theOrgChartTravelsThroughTheServer()
    {
        const auto serverRevision = [this] {
            auto server = store();
            return scalar(*server,
                QStringLiteral("SELECT value FROM griddesk_metadata WHERE key = 'org_revision'"))
                .toLongLong();
        };
        const qint64 start = serverRevision();
        QVERIFY(start > 0);

        // A desk holding the same chart as the server takes its revision in and changes nothing.
        Desk city = Desk::open(copyOfSample(QStringLiteral("org-city.gpkg")));
        QVERIFY(city.outbox->setServer(m_server->url()).has_value());
        auto first = sync(city, QStringLiteral("wang"));
        QVERIFY2(first.has_value(), why(first).constData());
        QVERIFY(!first->orgChanged);
        QCOMPARE(Sync::serverOrgRevision(*city.workspace), start);

        // A chart saved before a workspace ever synced is journaled too: its first sync sends
        // it, the server (whose chart the desk never took in) refuses it as a conflict, and the
        // change is listed instead of lost while the desk takes the server's chart.
        {
            Desk early = Desk::open(copyOfSample(QStringLiteral("org-early.gpkg")));
            auto offline = OrgChart::load(*early.workspace);
            QVERIFY(offline
                        ->putUnit({QStringLiteral("10199"), QStringLiteral("Made offline"), 4,
                            QStringLiteral("101")})
                        .has_value());
            auto saved = Sync::saveOrgChart(*early.workspace, *offline, QStringLiteral("Wang Lei"));
            QVERIFY2(saved.has_value(), why(saved).constData());
            QVERIFY(!*saved);
            QCOMPARE(early.outbox->waiting(Sync::CommandKind::Org)->size(), 1);
            QVERIFY(early.outbox->setServer(m_server->url()).has_value());
            auto firstSync = sync(early, QStringLiteral("wang"));
            QVERIFY2(firstSync.has_value(), why(firstSync).constData());
            QCOMPARE(firstSync->rejected, 1);
            QCOMPARE(firstSync->rejections.first().refusal, Sync::Refusal::Conflict);
            QVERIFY(firstSync->orgChanged);
            QVERIFY(!OrgChart::load(*early.workspace)->unit(QStringLiteral("10199")));
            QVERIFY(early.outbox->entries(Sync::OutboxState::Rejected)->last().kind
                == Sync::CommandKind::Org);
            QCOMPARE(serverRevision(), start);
        }

        // A leader adds a street office and a person with personal numbers; the save goes out.
        auto chart = OrgChart::load(*city.workspace);
        QVERIFY(chart
                    ->putUnit({QStringLiteral("10101"), QStringLiteral("Battery Park office"), 4,
                        QStringLiteral("101")})
                    .has_value());
        Person zhao;
        zhao.name = QStringLiteral("Zhao Min");
        zhao.post = QStringLiteral("grid_supervisor");
        zhao.unitCode = QStringLiteral("10101");
        zhao.phone = QStringLiteral("13812345678");
        zhao.idNumber = QStringLiteral("440301199001011234");
        auto zhaoId = chart->putPerson(zhao);
        QVERIFY(zhaoId.has_value());
        auto queued = Sync::saveOrgChart(*city.workspace, *chart, QStringLiteral("Wang Lei"));
        QVERIFY2(queued.has_value(), why(queued).constData());
        QVERIFY(*queued);
        QCOMPARE(city.outbox->waiting(Sync::CommandKind::Org)->size(), 1);
        auto pushed = sync(city, QStringLiteral("wang"));
        QVERIFY2(pushed.has_value(), why(pushed).constData());
        QCOMPARE(pushed->applied, 1);
        QVERIFY(!pushed->orgChanged);
        QCOMPARE(Sync::serverOrgRevision(*city.workspace), start + 1);
        {
            auto server = store();
            QCOMPARE(scalar(*server,
                         QStringLiteral("SELECT name FROM org_units WHERE code = "
                                        "'10101'"))
                         .toString(),
                QStringLiteral("Battery Park office"));
            QCOMPARE(scalar(*server,
                         QStringLiteral("SELECT phone FROM people WHERE name = "
                                        "'Zhao Min'"))
                         .toString(),
                QStringLiteral("13812345678"));
            QCOMPARE(scalar(*server,
                         QStringLiteral("SELECT count(*) FROM org_history WHERE revision = %1 AND "
                                        "by = 'wang' AND command IS NOT NULL")
                             .arg(start + 1))
                         .toInt(),
                2);
        }
        // The desk that made the change keeps the clear numbers it typed.
        QCOMPARE(
            OrgChart::load(*city.workspace)->person(*zhaoId)->phone, QStringLiteral("13812345678"));

        // Another desk takes the chart in: the office, the person with masked numbers, and
        // the change in its history under the name of whoever made it.
        Desk other = Desk::open(copyOfSample(QStringLiteral("org-other.gpkg")));
        QVERIFY(other.outbox->setServer(m_server->url()).has_value());
        auto taken = sync(other, QStringLiteral("chen"));
        QVERIFY2(taken.has_value(), why(taken).constData());
        QVERIFY(taken->orgChanged);
        QCOMPARE(taken->orgRevision, start + 1);
        auto there = OrgChart::load(*other.workspace);
        QVERIFY(there->unit(QStringLiteral("10101")));
        QCOMPARE(there->person(*zhaoId)->phone, QStringLiteral("138****5678"));
        QCOMPARE(there->person(*zhaoId)->idNumber, QStringLiteral("4403**********1234"));
        auto history = OrgChart::history(*other.workspace, QStringLiteral("10101"));
        QVERIFY(!history->isEmpty());
        QCOMPARE(history->first().by, QStringLiteral("wang"));
        // The sample's own history, which the desk holds already, is not recorded twice.
        {
            auto server = store();
            QCOMPARE(OrgChart::history(*other.workspace)->size(),
                scalar(*server, QStringLiteral("SELECT count(*) FROM org_history")).toInt());
        }
        auto quiet = sync(other, QStringLiteral("chen"));
        QVERIFY(!quiet->orgChanged);
        QCOMPARE(
            OrgChart::history(*other.workspace, QStringLiteral("10101"))->size(), history->size());

        // An operator may not change the chart: refused, audited, and the desk's chart is the
        // server's again after the next sync.
        there->putUnit({QStringLiteral("10101"), QStringLiteral("Renamed by an operator"), 4,
                           QStringLiteral("101")},
            true);
        QVERIFY(*Sync::saveOrgChart(*other.workspace, *there, QStringLiteral("Chen")));
        auto byOperator = sync(other, QStringLiteral("chen"));
        QVERIFY2(byOperator.has_value(), why(byOperator).constData());
        QCOMPARE(byOperator->rejected, 1);
        QCOMPARE(byOperator->rejections.first().refusal, Sync::Refusal::Forbidden);
        QCOMPARE(OrgChart::load(*other.workspace)->unit(QStringLiteral("10101"))->name,
            QStringLiteral("Battery Park office"));
        auto rejected = other.outbox->entries(Sync::OutboxState::Rejected);
        QVERIFY(rejected->last().kind == Sync::CommandKind::Org);
        QVERIFY(!Sync::orgChartRefused(*other.workspace));
        {
            auto server = store();
            QVERIFY(scalar(*server,
                        QStringLiteral("SELECT count(*) FROM server_audit WHERE user_name = "
                                       "'chen' AND detail LIKE '%org chart: role%'"))
                        .toInt()
                > 0);
        }

        // A Manhattan supervisor changes what lies in Manhattan, holding only masked numbers:
        // the server keeps the clear ones.
        Desk manhattan = Desk::open(copyOfSample(QStringLiteral("org-manhattan.gpkg")));
        QVERIFY(manhattan.outbox->setServer(m_server->url()).has_value());
        QVERIFY(sync(manhattan, QStringLiteral("lin")).has_value());
        auto local = OrgChart::load(*manhattan.workspace);
        Person renamed = *local->person(*zhaoId);
        renamed.name = QStringLiteral("Zhao Minhua");
        QVERIFY(local->putPerson(renamed).has_value());
        QVERIFY(*Sync::saveOrgChart(*manhattan.workspace, *local, QStringLiteral("Lin")));
        auto inside = sync(manhattan, QStringLiteral("lin"));
        QVERIFY2(inside.has_value(), why(inside).constData());
        QCOMPARE(inside->applied, 1);
        {
            auto server = store();
            QCOMPARE(scalar(*server,
                         QStringLiteral("SELECT phone || ' ' || id_number FROM people WHERE "
                                        "name = 'Zhao Minhua'"))
                         .toString(),
                QStringLiteral("13812345678 440301199001011234"));
        }
        // Brooklyn is not Manhattan's, and neither is Manhattan's own place in the chart.
        local = OrgChart::load(*manhattan.workspace);
        QVERIFY(local
                    ->putUnit(
                        {QStringLiteral("301"), QStringLiteral("Not ours"), 3, QStringLiteral("3")},
                        true)
                    .has_value());
        QVERIFY(*Sync::saveOrgChart(*manhattan.workspace, *local, QStringLiteral("Lin")));
        auto outside = sync(manhattan, QStringLiteral("lin"));
        QCOMPARE(outside->rejected, 1);
        QCOMPARE(outside->rejections.first().refusal, Sync::Refusal::OutsideJurisdiction);
        QVERIFY2(outside->rejections.first().reason.contains(QLatin1String("unit 301")),
            qPrintable(outside->rejections.first().reason));
        QCOMPARE(OrgChart::load(*manhattan.workspace)->unit(QStringLiteral("301"))->name,
            QStringLiteral("Brooklyn Community District 1"));

        // The leader's desk, a revision behind, is refused as a conflict and takes the newer
        // chart in; its change waits in the rejected list.
        auto stale = OrgChart::load(*city.workspace);
        QVERIFY(
            stale->retireUnit(QStringLiteral("112"), QDateTime::currentDateTimeUtc()).has_value());
        QVERIFY(*Sync::saveOrgChart(*city.workspace, *stale, QStringLiteral("Wang Lei")));
        auto late = sync(city, QStringLiteral("wang"));
        QVERIFY2(late.has_value(), why(late).constData());
        QCOMPARE(late->rejected, 1);
        QCOMPARE(late->rejections.first().refusal, Sync::Refusal::Conflict);
        QVERIFY(late->orgChanged);
        auto newer = OrgChart::load(*city.workspace);
        QVERIFY(!newer->unit(QStringLiteral("112"))->retired);
        QCOMPARE(newer->person(*zhaoId)->name, QStringLiteral("Zhao Minhua"));
        // Its own clear numbers stay: the server's masked ones match them.
        QCOMPARE(newer->person(*zhaoId)->phone, QStringLiteral("13812345678"));

        // What follows is sent as it is, the way a desk of someone else's making would.
        const auto pushOrg = [&](const QString &user, const std::function<void(OrgParts &)> &edit) {
            Sync::OrgCommand command;
            command.id = Sync::newCommandId();
            command.basedOn = serverRevision();
            command.at = CaseTime::fromIso(QStringLiteral("2026-12-05T09:00:00Z")).value();
            command.madeBy = QStringLiteral("Somebody Else");
            auto server = store();
            OrgParts parts = OrgChart::load(*server)->parts();
            maskNumbers(parts);
            edit(parts);
            command.chart = parts;
            auto session = client(user);
            auto answers = session.login() ? session.push({Sync::orgCommandJson(command)})
                                           : Result<QList<Sync::CommandResult>>();
            return answers && answers->size() == 1 ? answers->first() : Sync::CommandResult();
        };
        const auto unitNamed = [](OrgParts &parts, const QString &code) -> ChartUnit & {
            return *std::find_if(parts.units.begin(), parts.units.end(),
                [&](const ChartUnit &unit) { return unit.code == code; });
        };
        // A Brooklyn person, added from the top.
        const qint64 dan = 900;
        auto added = pushOrg(QStringLiteral("wang"), [&](OrgParts &parts) {
            parts.people << Person {dan, QStringLiteral("Dan"), QStringLiteral("grid_head"),
                QStringLiteral("301"), {}, QStringLiteral("13633334444"),
                QStringLiteral("110101198001011234"), false};
        });
        QVERIFY2(added.applied, qPrintable(added.reason));
        // Manhattan may not hand its units Brooklyn's grids.
        auto widened = pushOrg(QStringLiteral("lin"), [&](OrgParts &parts) {
            unitNamed(parts, QStringLiteral("101")).jurisdiction << QStringLiteral("301");
        });
        QCOMPARE(widened.refusal, Sync::Refusal::OutsideJurisdiction);
        QVERIFY2(widened.reason.contains(QLatin1String("grid 301")), qPrintable(widened.reason));
        // Nor take its own unit away, nor move the top of the chart.
        auto gone = pushOrg(QStringLiteral("lin"), [&](OrgParts &parts) {
            parts.units.removeIf([](const ChartUnit &unit) {
                return unit.code == QLatin1String("1") || unit.parentCode == QLatin1String("1")
                    || unit.code == QLatin1String("10101");
            });
            parts.people.removeIf(
                [](const Person &person) { return person.unitCode == QLatin1String("10101"); });
            for (ChartUnit &unit : parts.units)
                unit.linkedUnits.removeAll(QStringLiteral("1"));
        });
        QVERIFY2(gone.refusal == Sync::Refusal::OutsideJurisdiction,
            qPrintable(gone.reason + (gone.applied ? " applied" : " not applied")));
        QVERIFY2(gone.reason.contains(QLatin1String("unit 1,")), qPrintable(gone.reason));
        auto twoTops = pushOrg(QStringLiteral("wang"),
            [&](OrgParts &parts) { unitNamed(parts, QStringLiteral("3")).parentCode.clear(); });
        QCOMPARE(twoTops.refusal, Sync::Refusal::NotAllowed);
        // Guessing at a number outside the area tells nothing: right and wrong are answered
        // alike, and the number on file stays.
        for (const QString &guess :
            {QStringLiteral("13633334444"), QStringLiteral("13600004444")}) {
            auto guessed = pushOrg(QStringLiteral("lin"), [&](OrgParts &parts) {
                for (Person &person : parts.people) {
                    if (person.id == dan)
                        person.phone = guess;
                }
            });
            QVERIFY2(guessed.applied, qPrintable(guessed.reason));
        }
        // A number that only looks masked is refused rather than stored.
        auto fakeMask = pushOrg(QStringLiteral("wang"), [&](OrgParts &parts) {
            for (Person &person : parts.people) {
                if (person.id == dan)
                    person.phone = QStringLiteral("136****0000");
            }
        });
        QCOMPARE(fakeMask.refusal, Sync::Refusal::Invalid);
        {
            auto server = store();
            QCOMPARE(scalar(*server, QStringLiteral("SELECT phone FROM people WHERE id = 900"))
                         .toString(),
                QStringLiteral("13633334444"));
            // The history names the account, whatever made_by claims.
            QCOMPARE(scalar(*server,
                         QStringLiteral("SELECT count(*) FROM org_history WHERE by = "
                                        "'Somebody Else'"))
                         .toInt(),
                0);
        }
        // A code that is not valid Unicode text is refused before anything is read.
        {
            QJsonObject json = Sync::orgCommandJson([&] {
                Sync::OrgCommand command;
                command.id = Sync::newCommandId();
                command.basedOn = serverRevision();
                command.at = CaseTime::fromIso(QStringLiteral("2026-12-05T09:00:00Z")).value();
                auto server = store();
                command.chart = OrgChart::load(*server)->parts();
                command.chart.units << ChartUnit {
                    QStringLiteral("MQSURROGATE"), QStringLiteral("Bad"), 3, QStringLiteral("1")};
                return command;
            }());
            QByteArray body =
                QJsonDocument(QJsonObject {{QStringLiteral("commands"), QJsonArray {json}}})
                    .toJson(QJsonDocument::Compact);
            body.replace("MQSURROGATE", "MQ\\ud800");
            const RawAnswer answer = rawRequest(m_server->url(), m_trusted, "POST",
                QStringLiteral("/v1/push"), body, token(QStringLiteral("lin")));
            const QJsonObject result =
                answer.json.value(QLatin1String("results")).toArray().first().toObject();
            QCOMPARE(result.value(QLatin1String("applied")).toBool(), false);
            QVERIFY2(result.value(QLatin1String("reason"))
                         .toString()
                         .contains(QLatin1String("not valid Unicode")),
                qPrintable(QString::fromUtf8(QJsonDocument(answer.json).toJson())));
        }

        // A chart that breaks the tier rule is refused whole.
        Sync::OrgCommand broken;
        broken.id = Sync::newCommandId();
        broken.basedOn = serverRevision();
        broken.at = CaseTime::fromIso(QStringLiteral("2026-12-05T09:00:00Z")).value();
        broken.madeBy = QStringLiteral("Wang Lei");
        broken.chart = OrgChart::load(*city.workspace)->parts();
        for (ChartUnit &unit : broken.chart.units) {
            if (unit.code == QLatin1String("101"))
                unit.tier = 1;
        }
        broken.changes = {OrgChange {0, QDateTime::currentDateTimeUtc(), QString(),
            QStringLiteral("101"), 0, 0, QStringLiteral("change"), QStringLiteral("tier 3 → 1")}};
        auto session = client(QStringLiteral("wang"));
        QVERIFY(session.login().has_value());
        auto answers = session.push({Sync::orgCommandJson(broken)});
        QVERIFY2(answers.has_value(), why(answers).constData());
        QCOMPARE(answers->first().refusal, Sync::Refusal::Invalid);
        QVERIFY2(answers->first().reason.contains(QLatin1String("101")),
            qPrintable(answers->first().reason));
        QCOMPARE(serverRevision(), start + 5);
    }

    void aRefusedChangeIsMadeAgainOnTheServersVersion()
    {
        // An org chart saved offline is refused at the first sync (the desk never took the
        // server's chart in); made again, its unit goes into the server's chart as it is now.
        Desk early = Desk::open(copyOfSample(QStringLiteral("redo-org.gpkg")));
        auto offline = OrgChart::load(*early.workspace);
        QVERIFY(offline
                    ->putUnit({QStringLiteral("10198"), QStringLiteral("Pier 40 office"), 4,
                        QStringLiteral("101")})
                    .has_value());
        QVERIFY(Sync::saveOrgChart(*early.workspace, *offline, QStringLiteral("Wang Lei")));
        QVERIFY(early.outbox->setServer(m_server->url()).has_value());
        auto refused = sync(early, QStringLiteral("wang"));
        QVERIFY2(refused.has_value(), why(refused).constData());
        QCOMPARE(refused->rejected, 1);
        QVERIFY(!OrgChart::load(*early.workspace)->unit(QStringLiteral("10198")));
        const qint64 entry = early.outbox->entries(Sync::OutboxState::Rejected)->last().id;
        auto redone = Sync::redoRejectedOrg(*early.workspace, *early.outbox, entry,
            QStringLiteral("Wang Lei"), QDateTime::currentDateTimeUtc());
        QVERIFY2(redone.has_value(), why(redone).constData());
        QVERIFY(!redone->id.isEmpty());
        QCOMPARE(early.outbox->entry(entry)->state, Sync::OutboxState::Redone);
        QCOMPARE(OrgChart::load(*early.workspace)->unit(QStringLiteral("10198"))->name,
            QStringLiteral("Pier 40 office"));
        auto applied = sync(early, QStringLiteral("wang"));
        QVERIFY2(applied.has_value(), why(applied).constData());
        QCOMPARE(applied->applied, 1);
        {
            auto server = store();
            auto chart = OrgChart::load(*server);
            QVERIFY(chart->unit(QStringLiteral("10198")));
            // Everything else is the server's chart as it was.
            QCOMPARE(chart->units().size(), OrgChart::load(*early.workspace)->units().size());
        }

        // A register change refused for a conflict, made again on the server's entry.
        Desk a = Desk::open(copyOfSample(QStringLiteral("redo-register-a.gpkg")));
        Desk b = Desk::open(copyOfSample(QStringLiteral("redo-register-b.gpkg")));
        QVERIFY(sync(a, QStringLiteral("wang")));
        QVERIFY(sync(b, QStringLiteral("wang")));
        const QDateTime now = QDateTime::currentDateTimeUtc().addSecs(-30);
        auto bookA = RegisterBook::load(*a.workspace);
        RegisterEntry school;
        school.kind = QStringLiteral("organisation");
        school.name = QStringLiteral("PS 116 Mary Lindley Murray");
        school.address = QStringLiteral("210 East 33rd Street");
        school.wkb = Wkb::point(GeoPoint {MANHATTAN_LON, MANHATTAN_LAT});
        auto added = bookA->add(school, QStringLiteral("Leader Wang"), now);
        QVERIFY2(added.has_value(), why(added).constData());
        QVERIFY(sync(a, QStringLiteral("wang")));
        QVERIFY(sync(b, QStringLiteral("wang")));
        auto bookB = RegisterBook::load(*b.workspace);
        RegisterEntry atB = **bookB->entry(added->code);
        atB.source = QStringLiteral("checked by phone");
        QVERIFY(bookB->update(atB, 1, QStringLiteral("Leader Wang"), now.addSecs(1)));
        RegisterEntry atA = **bookA->entry(added->code);
        atA.address = QStringLiteral("210 East 33rd Street, New York");
        QVERIFY(bookA->update(atA, 1, QStringLiteral("Leader Wang"), now.addSecs(2)));
        QCOMPARE(sync(b, QStringLiteral("wang"))->applied, 1);
        auto conflict = sync(a, QStringLiteral("wang"));
        QCOMPARE(conflict->rejected, 1);
        QCOMPARE((*bookA->entry(added->code))->source, QStringLiteral("checked by phone"));
        const qint64 refusedChange = a.outbox->entries(Sync::OutboxState::Rejected)->last().id;
        auto again = Sync::redoRejectedRegister(
            *a.workspace, *a.outbox, refusedChange, QStringLiteral("Leader Wang"), now.addSecs(3));
        QVERIFY2(again.has_value(), why(again).constData());
        QCOMPARE(again->version, 3);
        auto sentAgain = sync(a, QStringLiteral("wang"));
        QVERIFY2(sentAgain.has_value(), why(sentAgain).constData());
        QCOMPARE(sentAgain->applied, 1);
        {
            auto server = store();
            auto held = (*RegisterBook::load(*server)).entry(added->code);
            QCOMPARE((*held)->address, QStringLiteral("210 East 33rd Street, New York"));
            QCOMPARE((*held)->version, 3);
        }
    }

    void aMergeOfTwoEntriesTravels()
    {
        Desk a = Desk::open(copyOfSample(QStringLiteral("merge-register-a.gpkg")));
        Desk b = Desk::open(copyOfSample(QStringLiteral("merge-register-b.gpkg")));
        QVERIFY(sync(a, QStringLiteral("wang")));
        QVERIFY(sync(b, QStringLiteral("chen")));
        const QDateTime now = QDateTime::currentDateTimeUtc().addSecs(-30);
        auto bookA = RegisterBook::load(*a.workspace);
        RegisterEntry first;
        first.kind = QStringLiteral("place");
        first.name = QStringLiteral("Kips Bay Library");
        first.wkb = Wkb::point(GeoPoint {MANHATTAN_LON, MANHATTAN_LAT});
        RegisterEntry second = first;
        second.name = QStringLiteral("Kips Bay branch library");
        second.address = QStringLiteral("446 Third Avenue");
        auto kept = bookA->add(first, QStringLiteral("Leader Wang"), now);
        auto gone = bookA->add(second, QStringLiteral("Leader Wang"), now);
        QVERIFY(kept && gone);
        // A case at B concerns the entry that will be merged away.
        QVERIFY(sync(a, QStringLiteral("wang")));
        QVERIFY(sync(b, QStringLiteral("chen")));
        const qint64 reported = b.report(MANHATTAN_LON, MANHATTAN_LAT, QStringLiteral("Leak"));
        auto bookB = RegisterBook::load(*b.workspace);
        CaseLinks linksB(*bookB, *b.book);
        QVERIFY(linksB.link(reported, {gone->code, LinkRole::Concerns},
            b.as(QStringLiteral("Operator Chen"), CaseAction::LinkEntry, 0)));
        auto linkSent = sync(b, QStringLiteral("chen"));
        QVERIFY2(linkSent.has_value(), why(linkSent).constData());
        QCOMPARE(linkSent->applied, 2);

        auto merged = bookA->merge(kept->code, gone->code, QStringLiteral("Leader Wang"), now);
        QVERIFY2(merged.has_value(), why(merged).constData());
        auto sent = sync(a, QStringLiteral("wang"));
        QVERIFY2(sent.has_value(), why(sent).constData());
        QCOMPARE(sent->applied, 1);
        QCOMPARE(sent->rejected, 0);
        {
            auto server = store();
            auto serverBook = RegisterBook::load(*server);
            QVERIFY(!*serverBook->entry(gone->code));
            QCOMPARE((*serverBook->entry(kept->code))->address, QStringLiteral("446 Third Avenue"));
        }
        auto taken = sync(b, QStringLiteral("chen"));
        QVERIFY2(taken.has_value(), why(taken).constData());
        QVERIFY(!*bookB->entry(gone->code));
        QCOMPARE((*bookB->entry(kept->code))->address, QStringLiteral("446 Third Avenue"));
        // The case's link went to the entry kept, and both histories end naming the other.
        QCOMPARE(scalar(*b.workspace,
                     QStringLiteral("SELECT entry_code FROM case_entry_links WHERE case_id = %1")
                         .arg(reported))
                     .toString(),
            kept->code);
        const RegisterChange last = bookB->history(gone->code)->last();
        QVERIFY(last.fromServer);
        QCOMPARE(last.data.value(QLatin1String("into")).toString(), kept->code);
    }

    void attachmentsTravelWithTheirCases()
    {
        Desk desk = Desk::open(copyOfSample(QStringLiteral("attach.gpkg")));
        const qint64 reported =
            desk.report(MANHATTAN_LON, MANHATTAN_LAT, QStringLiteral("Graffiti"));
        QFile photo(path(QStringLiteral("wall.jpg")));
        QVERIFY(photo.open(QIODevice::WriteOnly));
        QByteArray bytes;
        for (int index = 0; index < 200'000; ++index)
            bytes.append(char((index * 7919) % 251));
        photo.write(bytes);
        photo.close();
        auto attached = desk.book->attach(reported, photo.fileName(),
            desk.as(QStringLiteral("Operator Chen"), CaseAction::Attach, 1));
        QVERIFY2(attached.has_value(), why(attached).constData());
        const QString sha256 = attached->data.value(QLatin1String("sha256")).toString();
        QCOMPARE(sha256, CaseBook::attachmentHash(bytes));

        auto sent = sync(desk, QStringLiteral("chen"));
        QVERIFY2(sent.has_value(), why(sent).constData());
        QCOMPARE(sent->applied, 2);
        QCOMPARE(sent->rejected, 0);
        const CaseRecord record = desk.record(reported);
        {
            auto server = store();
            QCOMPARE(scalar(*server,
                         QStringLiteral("SELECT a.size FROM case_attachments a JOIN cases c ON "
                                        "c.fid = a.case_id WHERE c.external_id = '%1' AND "
                                        "a.sha256 = '%2'")
                             .arg(record.externalId, sha256))
                         .toInt(),
                bytes.size());
        }

        // Another desk gets the case, its attach event and the file itself.
        Desk other = Desk::open(copyOfSample(QStringLiteral("attach-other.gpkg")));
        auto taken = sync(other, QStringLiteral("zhang"));
        QVERIFY2(taken.has_value(), why(taken).constData());
        QVERIFY(taken->attachments >= 1);
        const auto theirs = Sync::caseIdOf(*other.workspace, {record.source, record.externalId});
        QVERIFY(theirs && *theirs);
        auto list = other.book->attachments(**theirs);
        QCOMPARE(list->size(), 1);
        QCOMPARE(list->first().name, QStringLiteral("wall.jpg"));
        QCOMPARE(*other.book->attachmentContent(list->first().id), bytes);
        auto again = sync(other, QStringLiteral("zhang"));
        QCOMPARE(again->attachments, 0);

        // A file is given only to accounts that may see its case; a wrong hash is refused.
        const QString file = QStringLiteral("/v1/files/%1").arg(sha256);
        QCOMPARE(rawRequest(m_server->url(), m_trusted, "GET", file, {},
                     token(QStringLiteral("manhattan")))
                     .status,
            200);
        QCOMPARE(
            rawRequest(m_server->url(), m_trusted, "GET", file, {}, token(QStringLiteral("nypd")))
                .status,
            404);
        QCOMPARE(rawRequest(m_server->url(), m_trusted, "PUT", file, "not the bytes",
                     token(QStringLiteral("chen")), "application/octet-stream")
                     .status,
            400);

        // An attach command whose file was never uploaded is rejected, saying so.
        auto queued = desk.outbox->entries(Sync::OutboxState::Applied);
        QJsonObject command = queued->last().body;
        command.insert(QStringLiteral("id"), Sync::newCommandId());
        QJsonObject data = command.value(QLatin1String("data")).toObject();
        data.insert(QStringLiteral("sha256"), QString(64, u'a'));
        command.insert(QStringLiteral("data"), data);
        command.insert(QStringLiteral("based_on"), 2);
        auto session = client(QStringLiteral("chen"));
        QVERIFY(session.login());
        auto results = session.push({command});
        QVERIFY2(results.has_value(), why(results).constData());
        QVERIFY(!results->first().applied);
        QVERIFY2(results->first().reason.contains(QLatin1String("never uploaded")),
            qPrintable(results->first().reason));
    }

    void twoServerProcessesShareOneStore()
    {
        // A second griddesk-server on the same store: in PostgreSQL as a city that outgrew one
        // machine runs it, and on the same SQLite file in the plain run.
        ServerProcess second(QStringLiteral(GRIDDESK_SERVER),
            serverArguments(
                path(QStringLiteral("server.pem")), path(QStringLiteral("server.key"))));
        QVERIFY2(second.start(), qPrintable(second.output()));

        // A desk waiting on the second server hears of a case the first one took.
        const qint64 end = feedEnd();
        auto [page, waitedMs] =
            pullHeldWhileAReportComes(end, QStringLiteral("two-servers-heard.gpkg"), second.url());
        QVERIFY(page.has_value());
        QVERIFY2(page->has_value(), page->has_value() ? "" : qPrintable(page->error().message));
        const QString heard = m_lastReported;
        QVERIFY(!heard.isEmpty());
        QCOMPARE((*page)->cases.size(), 1);
        QCOMPARE((*page)->cases.first().key.externalId, heard);
        QVERIFY2(waitedMs >= 1'000 && waitedMs < 25'000, qPrintable(QString::number(waitedMs)));

        Desk a = Desk::open(copyOfSample(QStringLiteral("two-servers-a.gpkg")));
        Desk b = Desk::open(copyOfSample(QStringLiteral("two-servers-b.gpkg")));

        // A case reported through the first server reaches a desk of the second.
        const qint64 reported =
            a.report(MANHATTAN_LON, MANHATTAN_LAT, QStringLiteral("Fallen tree on the kerb"));
        QVERIFY(reported > 0);
        auto pushed = sync(a, QStringLiteral("chen"));
        QVERIFY2(pushed.has_value(), why(pushed).constData());
        QCOMPARE(pushed->applied, 1);
        auto fetched = sync(b, QStringLiteral("zhang"), second.url());
        QVERIFY2(fetched.has_value(), why(fetched).constData());
        QVERIFY(fetched->received.added >= 1);
        const CaseRecord atA = a.record(reported);
        auto atB = Sync::caseIdOf(*b.workspace, {atA.source, atA.externalId});
        QVERIFY(atB.has_value() && atB->has_value());

        // Both act on version 1 of the case, each through its own server: the store's write
        // lock puts one after the other, and the second is refused as a conflict.
        ActionRequest registerA = a.as(QStringLiteral("Operator Chen"), CaseAction::Register, 1);
        registerA.reason = QStringLiteral("through the first server");
        QVERIFY(a.book->act(reported, registerA));
        ActionRequest markB = b.as(QStringLiteral("Leader Wang"), CaseAction::MarkSpecial, 1);
        markB.reason = QStringLiteral("through the second server");
        QVERIFY(b.book->act(**atB, markB));
        auto applied = sync(a, QStringLiteral("chen"));
        QVERIFY2(applied.has_value(), why(applied).constData());
        QCOMPARE(applied->applied, 1);
        auto rejected = sync(b, QStringLiteral("wang"), second.url());
        QVERIFY2(rejected.has_value(), why(rejected).constData());
        QCOMPARE(rejected->rejected, 1);
        QCOMPARE(rejected->rejections.first().refusal, Sync::Refusal::Conflict);

        // The store holds the case once, with the one action applied after the report.
        auto server = store();
        QCOMPARE(scalar(*server,
                     QStringLiteral("SELECT count(*) FROM cases WHERE external_id = '%1'")
                         .arg(atA.externalId))
                     .toInt(),
            1);
        QCOMPARE(scalar(*server,
                     QStringLiteral("SELECT version FROM cases WHERE external_id = '%1'")
                         .arg(atA.externalId))
                     .toInt(),
            2);
    }

    void cleanupTestCase()
    {
        m_server.reset();
        m_postgres.reset();
    }
};

GRIDDESK_TEST_MAIN(TestSyncServer, QCoreApplication)

#include "tst_syncserver.moc"
