// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "desksync/desksync.h"

#include "outboxfixture.h"

#include "gis/wkb.h"
#include "register/registerbook.h"
#include "serverfixture.h"

#include "sync/feedapplier.h"

#include <QCoreApplication>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTemporaryDir>

using namespace GridDesk;

namespace {

const QByteArray PASSWORD = "chen-at-the-desk-7";

} // namespace

class TestDeskSync : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void loginFailuresAreToldInWords_data();
    void loginFailuresAreToldInWords();
    void syncsInTheBackgroundAndRetries();
    void aWaitingDeskGetsNewCasesAndSendsActionsAtOnce();
    void aWaitingDeskTakesInRegisterChangesMadeElsewhere();
    void refusalStopsTheRounds();

private:
    QString deskCopy(const QString &name);
    Sync::ClientOptions options(const QByteArray &password = PASSWORD, bool trusted = true) const;
    /// The desk's outbox counts, read through a connection of the test's own.
    Sync::OutboxCounts counts(const QString &path) const;

    QTemporaryDir m_dir;
    QString m_base;
    QString m_store;
    std::unique_ptr<Test::TestServer> m_server;
};

void TestDeskSync::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_base = m_dir.filePath(QStringLiteral("nyc.gpkg"));
    const auto made = Test::makeNewYorkWorkspace(m_base);
    QVERIFY2(made.has_value(), Test::why(made).constData());

    m_store = m_dir.filePath(QStringLiteral("store.gpkg"));
    QVERIFY(Test::copyWorkspace(m_base, m_store));
    m_server = std::make_unique<Test::TestServer>(m_dir.path());
    for (const auto &done : {m_server->makeCertificate(),
             m_server->addUser(m_store, QStringLiteral("chen"), QStringLiteral("operator"),
                 QStringLiteral("city"), PASSWORD),
             m_server->addUser(m_store, QStringLiteral("zhang"), QStringLiteral("operator"),
                 QStringLiteral("city"), PASSWORD)})
        QVERIFY2(done.has_value(), Test::why(done).constData());
    const auto started = m_server->start(m_store);
    QVERIFY2(started.has_value(), Test::why(started).constData());
}

QString TestDeskSync::deskCopy(const QString &name)
{
    const QString path = m_dir.filePath(name + QStringLiteral(".gpkg"));
    if (!Test::copyWorkspace(m_base, path))
        return {};
    return path;
}

Sync::ClientOptions TestDeskSync::options(const QByteArray &password, bool trusted) const
{
    Sync::ClientOptions options;
    options.server = m_server->url();
    options.user = QStringLiteral("chen");
    options.password = password;
    options.timeoutMs = 60'000;
    if (trusted)
        options.caCertificates =
            Sync::readCaFile(m_server->certificatePath()).value_or(QList<QSslCertificate>());
    return options;
}

Sync::OutboxCounts TestDeskSync::counts(const QString &path) const
{
    auto workspace = Workspace::open(path);
    if (!workspace)
        return {};
    return Sync::Outbox(**workspace).counts().value_or(Sync::OutboxCounts());
}

void TestDeskSync::loginFailuresAreToldInWords_data()
{
    QTest::addColumn<QString>("row");
    QTest::addColumn<QString>("expected");
    QTest::newRow("wrong password") << QStringLiteral("password") << QStringLiteral("HTTP 401");
    QTest::newRow("untrusted certificate")
        << QStringLiteral("certificate") << QStringLiteral("certificate is not trusted");
    QTest::newRow("unreachable") << QStringLiteral("port") << QStringLiteral("cannot be reached");
    QTest::newRow("another server's workspace")
        << QStringLiteral("bound") << QStringLiteral("syncs with https://127.0.0.1:9");
}

void TestDeskSync::loginFailuresAreToldInWords()
{
    QFETCH(QString, row);
    QFETCH(QString, expected);
    const QString path = deskCopy(QStringLiteral("login-") + row);
    QVERIFY(!path.isEmpty());

    Sync::ClientOptions options = this->options();
    if (row == QLatin1String("password"))
        options = this->options("not-the-password");
    if (row == QLatin1String("certificate"))
        options = this->options(PASSWORD, false);
    if (row == QLatin1String("port")) {
        // A port that was free a moment ago: nothing listens there.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        options.server.setPort(probe.serverPort());
    }
    if (row == QLatin1String("bound")) {
        auto workspace = Workspace::open(path);
        QVERIFY(workspace.has_value());
        QVERIFY(Sync::Outbox(**workspace)
                    .setServer(QUrl(QStringLiteral("https://127.0.0.1:9")))
                    .has_value());
    }

    DeskSync sync;
    QSignalSpy failed(&sync, &DeskSync::connectFailed);
    QSignalSpy connected(&sync, &DeskSync::connectFinished);
    sync.connectToServer(path, options);
    QCOMPARE(sync.state().connection, SyncConnection::Connecting);
    QVERIFY(failed.wait(90'000));
    const QString message = failed.first().first().toString();
    QVERIFY2(message.contains(expected), qPrintable(message));
    QCOMPARE(connected.size(), 0);
    QCOMPARE(sync.state().connection, SyncConnection::Offline);
    QCOMPARE(sync.state().reason, message);

    // A workspace is bound to a server only once a login there succeeded.
    auto workspace = Workspace::open(path);
    QVERIFY(workspace.has_value());
    const QUrl bound = Sync::Outbox(**workspace).server();
    QCOMPARE(bound.isEmpty(), row != QLatin1String("bound"));
}

void TestDeskSync::syncsInTheBackgroundAndRetries()
{
    const QString path = deskCopy(QStringLiteral("desk"));
    QVERIFY(!path.isEmpty());
    auto desk = Test::OutboxDesk::open(path);
    QVERIFY2(desk.has_value(), Test::why(desk).constData());
    const QDateTime now = QDateTime::currentDateTime();
    QVERIFY(desk->report(QStringLiteral("H-501"), QStringLiteral("Operator Chen"), now.addSecs(-60))
                .has_value());

    DeskSync sync;
    sync.setTiming({500, 500, 2'000});
    QSignalSpy connected(&sync, &DeskSync::connectFinished);
    QSignalSpy rounds(&sync, &DeskSync::roundFinished);
    sync.connectToServer(path, options());
    QVERIFY(connected.wait(60'000));
    QCOMPARE(sync.state().connection, SyncConnection::Connected);
    QCOMPARE(sync.state().role, QStringLiteral("operator"));
    QCOMPARE(sync.state().unit, QStringLiteral("city"));
    // The first round also reads the whole feed, the sample's 2,000 cases.
    QVERIFY(rounds.wait(180'000));
    const auto first = rounds.first().first().value<Sync::SyncReport>();
    QCOMPARE(first.sent, 1);
    QCOMPARE(first.applied, 1);
    QCOMPARE(counts(path).applied, 1);
    QCOMPARE(desk->outbox->server(), m_server->url());
    QVERIFY(desk->outbox->lastSync().isValid());

    // The server goes down: the action waits, the desk retries with growing waits.
    QList<qint64> waits;
    connect(&sync, &DeskSync::roundFailed, this,
        [&sync, &waits] { waits << QDateTime::currentDateTime().msecsTo(sync.state().retryAt); });
    m_server->kill();
    QVERIFY(
        desk->report(QStringLiteral("H-502"), QStringLiteral("Operator Chen"), now).has_value());
    sync.syncSoon();
    QTRY_VERIFY_WITH_TIMEOUT(waits.size() >= 3, 30'000);
    QCOMPARE(sync.state().connection, SyncConnection::Retrying);
    QVERIFY2(sync.state().reason.contains(QLatin1String("cannot be reached")),
        qPrintable(sync.state().reason));
    QVERIFY2(waits.at(0) <= 600 && waits.at(1) > waits.at(0) && waits.at(2) > waits.at(1)
            && waits.at(2) <= 2'000,
        qPrintable(QStringLiteral("waits %1, %2, %3").arg(waits[0]).arg(waits[1]).arg(waits[2])));
    QCOMPARE(counts(path).applied, 1);

    // Back on the same address: the desk takes up again by itself, nothing lost or doubled.
    const auto restarted = m_server->start(m_store, m_server->port());
    QVERIFY2(restarted.has_value(), Test::why(restarted).constData());
    QTRY_COMPARE_WITH_TIMEOUT(counts(path).applied, 2, 60'000);
    QTRY_COMPARE(sync.state().connection, SyncConnection::Connected);
    QCOMPARE(counts(path).queued + counts(path).sent + counts(path).rejected, 0);
    {
        auto store = Workspace::open(m_store);
        QVERIFY(store.has_value());
        for (const char *id : {"H-501", "H-502"}) {
            const auto found =
                Sync::caseIdOf(**store, {QStringLiteral("hotline"), QLatin1String(id)});
            QVERIFY2(found && *found, id);
            auto setup = WorkflowSetup::load(**store);
            QVERIFY(setup.has_value());
            const auto file = CaseBook(**store, *setup).file(**found);
            QVERIFY(file.has_value());
            QCOMPARE(file->events().size(), 1);
        }
    }

    // The password and the session live in memory only.
    for (const QString &file : {path, path + QStringLiteral("-wal")}) {
        QFile bytes(file);
        if (bytes.open(QIODevice::ReadOnly))
            QVERIFY(!bytes.readAll().contains(PASSWORD));
    }
    sync.disconnectFromServer();
    QCOMPARE(sync.state().connection, SyncConnection::Offline);
    QVERIFY(!sync.isActive());
}

void TestDeskSync::aWaitingDeskGetsNewCasesAndSendsActionsAtOnce()
{
    const QString path = deskCopy(QStringLiteral("waiting"));
    QVERIFY(!path.isEmpty());
    DeskSync sync;
    // Rounds a minute apart: only the wait on the feed can bring a case sooner.
    sync.setTiming(
        {.intervalMs = 60'000, .firstRetryMs = 500, .maxRetryMs = 2'000, .waitSeconds = 20});
    QSignalSpy rounds(&sync, &DeskSync::roundFinished);
    sync.connectToServer(path, options());
    QVERIFY(rounds.wait(180'000));
    rounds.clear();

    // Another operator reports a case through the server.
    const QString otherPath = deskCopy(QStringLiteral("other"));
    auto other = Test::OutboxDesk::open(otherPath);
    QVERIFY2(other.has_value(), Test::why(other).constData());
    const auto reported = other->report(QStringLiteral("H-601"), QStringLiteral("Operator Chen"),
        QDateTime::currentDateTime().addSecs(-30));
    QVERIFY2(reported.has_value(), Test::why(reported).constData());
    // With a photo of the scene, which comes along to the waiting desk.
    const QString photo = m_dir.filePath(QStringLiteral("scene.jpg"));
    {
        QFile file(photo);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(50'000, 'p'));
    }
    QVERIFY(other->book
                ->attach(*reported, photo,
                    Test::OutboxDesk::request(CaseAction::Attach, QStringLiteral("Operator Chen"),
                        QDateTime::currentDateTime().addSecs(-20)))
                .has_value());
    Sync::ClientOptions zhang = options();
    zhang.user = QStringLiteral("zhang");
    Sync::SyncClient client(zhang);
    const auto pushed = Sync::syncOnce(*other->book, *other->outbox, client);
    QVERIFY2(pushed.has_value(), Test::why(pushed).constData());
    QCOMPARE(pushed->applied, 2);

    // Sooner than the wait ends: the server answered the waiting request when the case came.
    const auto arrived = [&path] {
        auto workspace = Workspace::open(path);
        if (!workspace)
            return false;
        const auto found =
            Sync::caseIdOf(**workspace, {QStringLiteral("hotline"), QStringLiteral("H-601")});
        return found && found->has_value();
    };
    QTRY_VERIFY_WITH_TIMEOUT(arrived(), 15'000);
    const auto filed = [&path] {
        auto workspace = Workspace::open(path);
        if (!workspace)
            return qint64(0);
        QSqlQuery query((*workspace)->database());
        query.exec(QStringLiteral("SELECT sum(a.size) FROM case_attachments a JOIN cases c ON "
                                  "c.fid = a.case_id WHERE c.external_id = 'H-601'"));
        return query.next() ? query.value(0).toLongLong() : qint64(0);
    };
    QTRY_COMPARE_WITH_TIMEOUT(filed(), qint64(50'000), 15'000);
    QVERIFY(!rounds.isEmpty());
    QCOMPARE(rounds.first().first().value<Sync::SyncReport>().received.added, 1);

    // An action at the waiting desk goes out at once, not after the wait.
    auto desk = Test::OutboxDesk::open(path);
    QVERIFY2(desk.has_value(), Test::why(desk).constData());
    const int appliedBefore = counts(path).applied;
    QVERIFY(desk->report(QStringLiteral("H-602"), QStringLiteral("Operator Chen"),
                    QDateTime::currentDateTime().addSecs(-10))
                .has_value());
    sync.syncSoon();
    QTRY_COMPARE_WITH_TIMEOUT(counts(path).applied, appliedBefore + 1, 15'000);
    QCOMPARE(sync.state().connection, SyncConnection::Connected);
    sync.disconnectFromServer();
    QVERIFY(!sync.isActive());
}

void TestDeskSync::aWaitingDeskTakesInRegisterChangesMadeElsewhere()
{
    const QString path = deskCopy(QStringLiteral("register-waiting"));
    QVERIFY(!path.isEmpty());
    DeskSync sync;
    // Rounds a minute apart, and short waits on the feed: a change of the register wakes no
    // waiting request, so only the round after an empty wait can bring it.
    sync.setTiming(
        {.intervalMs = 60'000, .firstRetryMs = 500, .maxRetryMs = 2'000, .waitSeconds = 2});
    QSignalSpy rounds(&sync, &DeskSync::roundFinished);
    sync.connectToServer(path, options());
    QVERIFY(rounds.wait(180'000));

    // Another desk adds a lamp post to the register and syncs.
    auto other = Test::OutboxDesk::open(deskCopy(QStringLiteral("register-other")));
    QVERIFY2(other.has_value(), Test::why(other).constData());
    Sync::SyncClient client(options());
    QVERIFY(Sync::syncOnce(*other->book, *other->outbox, client).has_value());
    auto book = RegisterBook::load(*other->workspace);
    QVERIFY2(book.has_value(), Test::why(book).constData());
    RegisterEntry lamp;
    lamp.kind = QStringLiteral("thing");
    lamp.name = QStringLiteral("Lamp post 14, West 34th Street");
    lamp.wkb = Wkb::point(GeoPoint {-73.99, 40.75});
    lamp.fields.insert(QStringLiteral("asset_code"), QStringLiteral("LP-MN-34-14"));
    auto added = book->add(
        lamp, QStringLiteral("Operator Chen"), QDateTime::currentDateTimeUtc().addSecs(-5));
    QVERIFY2(added.has_value(), Test::why(added).constData());
    const auto pushed = Sync::syncOnce(*other->book, *other->outbox, client);
    QVERIFY2(pushed.has_value(), Test::why(pushed).constData());
    QCOMPARE(pushed->applied, 1);

    const QString code = added->code;
    const auto arrived = [&path, &code] {
        auto workspace = Workspace::open(path);
        if (!workspace)
            return false;
        auto here = RegisterBook::load(**workspace);
        return here && here->entry(code) && here->entry(code)->has_value();
    };
    QTRY_VERIFY_WITH_TIMEOUT(arrived(), 20'000);
    sync.disconnectFromServer();
    QVERIFY(!sync.isActive());
}

void TestDeskSync::refusalStopsTheRounds()
{
    const QString path = deskCopy(QStringLiteral("refused"));
    QVERIFY(!path.isEmpty());
    DeskSync sync;
    sync.setTiming({500, 500, 2'000});
    QSignalSpy rounds(&sync, &DeskSync::roundFinished);
    sync.connectToServer(path, options());
    QVERIFY(rounds.wait(180'000));
    QCOMPARE(sync.state().connection, SyncConnection::Connected);

    // The administrator disables the account: its session ends, and logging in again fails.
    const QStringList disable {
        QStringLiteral("disable-user"), QStringLiteral("--db"), m_store, QStringLiteral("chen")};
    QVERIFY(Test::TestServer::run(disable).has_value());
    QSignalSpy failed(&sync, &DeskSync::roundFailed);
    sync.syncNow();
    QTRY_COMPARE_WITH_TIMEOUT(sync.state().connection, SyncConnection::Refused, 30'000);
    QVERIFY2(sync.state().reason.contains(QLatin1String("401")), qPrintable(sync.state().reason));
    QVERIFY(!sync.isActive());

    // No more rounds until the person connects again.
    const qsizetype failures = failed.size();
    QSignalSpy finished(&sync, &DeskSync::roundFinished);
    sync.syncNow();
    QVERIFY(!finished.wait(1'500));
    QCOMPARE(failed.size(), failures);

    QVERIFY(Test::TestServer::run(
        {QStringLiteral("enable-user"), QStringLiteral("--db"), m_store, QStringLiteral("chen")})
                .has_value());
    sync.connectToServer(path, options());
    QTRY_COMPARE_WITH_TIMEOUT(sync.state().connection, SyncConnection::Connected, 60'000);
}

GRIDDESK_TEST_MAIN(TestDeskSync, QCoreApplication)
#include "tst_desksync.moc"
