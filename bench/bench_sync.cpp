// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors

// griddesk-bench-sync: a real griddesk-server on loopback HTTPS, its store the New York sample
// with 100 000 more cases; a desk that lacks them pulls them all (every case written into the
// desk's workspace), and a desk pushes 10 000 reports (every one checked and written by the
// server). Each is printed beside curl moving the same number of bytes over loopback TLS in
// one request: the pull's bytes fetched from `openssl s_server -WWW` with the same
// certificate, the push's bytes posted to the same griddesk-server.

#include "benchneed.h"
#include "benchsupport.h"
#include "comparison.h"

#include "ingest/samples.h"
#include "server/accounts.h"
#include "server/certificates.h"
#include "storage/workspace.h"
#include "sync/syncclient.h"
#include "workflow/casebook.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLoggingCategory>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTextStream>
#include <QThread>

using namespace GridDesk;

namespace {

const QByteArray PASSWORD = QByteArrayLiteral("bench password 1");

using Bench::need;
using Bench::stop;

struct Desk
{
    std::unique_ptr<Workspace> workspace;
    std::unique_ptr<CaseBook> book;
    std::unique_ptr<Sync::Outbox> outbox;

    explicit Desk(const QString &path)
    {
        workspace = need(Workspace::open(path), "opening a desk");
        book = std::make_unique<CaseBook>(
            *workspace, need(WorkflowSetup::load(*workspace), "reading the setup"));
        outbox = std::make_unique<Sync::Outbox>(*workspace);
        book->setJournal(outbox.get());
    }
};

/// count reports made at desk in one transaction, scattered over the sample's case places.
void report(Desk &desk, int count, const QString &source)
{
    const auto locations = need(desk.workspace->caseLocations(), "reading case places");
    QList<GeoPoint> places;
    for (const CaseLocation &located : locations) {
        if (located.location && !located.gridCode.isEmpty())
            places << *located.location;
    }
    if (places.isEmpty())
        stop(QStringLiteral("the sample has no located cases"));
    const QString category = desk.book->setup().categories.categories().value(0).code;
    const auto user = desk.book->setup().user(QStringLiteral("Operator Chen"));
    if (!user)
        stop(QStringLiteral("the sample has no user Operator Chen"));
    const QDateTime now = QDateTime::currentDateTime();
    const CaseTime at = CaseTime::withOffset(
        now.date(), now.time().addMSecs(-now.time().msec()), now.offsetFromUtc());
    QRandomGenerator random(7);
    need(desk.workspace->transaction([&]() -> Result<void> {
        for (int index = 0; index < count; ++index) {
            CaseRecord record;
            record.source = source;
            record.externalId = QStringLiteral("%1-%2").arg(source).arg(index);
            record.category = category;
            record.descriptor = QStringLiteral("Bench report %1").arg(index);
            record.location = places.at(random.bounded(int(places.size())));
            record.created = at;
            ActionRequest request;
            request.actor = user->name;
            request.role = Role::Operator;
            request.actorUnit = user->unitCode;
            request.at = at;
            if (auto made = desk.book->report(record, request); !made)
                return std::unexpected(made.error());
        }
        return {};
    }),
        "making reports");
}

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

std::optional<double> curlMs(const QStringList &arguments, QString &failure)
{
    std::vector<double> samples;
    for (int run = 0; run < 3; ++run) {
        auto peer = Bench::runPeer(QStringLiteral("curl"), arguments, {}, failure);
        if (!peer)
            return std::nullopt;
        if (peer->exitCode != 0) {
            failure = QString::fromUtf8(peer->errors);
            return std::nullopt;
        }
        samples.push_back(peer->elapsedMs);
    }
    return Bench::median(samples);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(
        QStringLiteral("griddesk.*.info=false\ngriddesk.*.debug=false"));
    const QStringList arguments = QCoreApplication::arguments();
    const bool smoke = Bench::isSmoke(arguments);
    const QString work = Bench::option(arguments, QStringLiteral("--work"));
    const QString maps = Bench::option(arguments, QStringLiteral("--maps"));
    const QString serverBinary = Bench::option(arguments, QStringLiteral("--server"));
    if (work.isEmpty() || maps.isEmpty() || serverBinary.isEmpty())
        stop(QStringLiteral(
            "usage: griddesk-bench-sync --work DIR --maps DIR --server BIN [--smoke]"));
    const int pullCases = smoke ? 1'000 : 100'000;
    const int pushCommands = smoke ? 200 : 10'000;
    QTextStream out(stdout);

    QDir dir(work);
    dir.mkpath(QStringLiteral("sync"));
    dir.cd(QStringLiteral("sync"));
    for (const QString &name : dir.entryList(QDir::Files))
        dir.remove(name);
    const QString sample = dir.filePath(QStringLiteral("nyc.gpkg"));
    {
        auto workspace = need(Workspace::open(sample), "making the sample");
        need(importSample(*workspace, QDir(maps), QStringLiteral("nyc")), "importing the sample");
    }
    const QString store = dir.filePath(QStringLiteral("store.gpkg"));
    const QString pullDesk = dir.filePath(QStringLiteral("pull-desk.gpkg"));
    const QString pushDesk = dir.filePath(QStringLiteral("push-desk.gpkg"));
    for (const QString &copy : {store, pullDesk, pushDesk})
        QFile::copy(sample, copy);

    QElapsedTimer timer;
    timer.start();
    {
        Desk server(store);
        report(server, pullCases, QStringLiteral("feed"));
        Accounts accounts(*server.workspace);
        need(accounts.addUser(
                 QStringLiteral("bench"), Role::Operator, QStringLiteral("city"), PASSWORD),
            "adding the account");
    }
    out << QStringLiteral("store: the New York sample and %1 more cases, made in %2 s\n")
               .arg(pullCases)
               .arg(double(timer.elapsed()) / 1000.0, 0, 'f', 1);
    const QString certificate = dir.filePath(QStringLiteral("server.pem"));
    const QString key = dir.filePath(QStringLiteral("server.key"));
    need(writeSelfSignedCertificate(certificate, key, {QStringLiteral("127.0.0.1")}, 2),
        "making the certificate");

    QProcess server;
    const QUrl url = Bench::startServer(server, serverBinary,
        {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--cert"),
            certificate, QStringLiteral("--key"), key, QStringLiteral("--db"), store,
            QStringLiteral("--log-level"), QStringLiteral("error")});
    Sync::ClientOptions options;
    options.server = url;
    options.user = QStringLiteral("bench");
    options.password = PASSWORD;
    options.caCertificates = need(Sync::readCaFile(certificate), "reading the certificate");
    options.timeoutMs = 600'000;

    // Pull: every case the desk lacks, into its workspace.
    double pullMs = 0;
    qint64 pullBytes = 0;
    int pulled = 0;
    {
        Desk desk(pullDesk);
        Sync::SyncClient client(options);
        need(client.login(), "logging in");
        const qint64 before = client.bytesReceived();
        timer.restart();
        auto report = need(Sync::syncOnce(*desk.book, *desk.outbox, client), "pulling");
        pullMs = double(timer.nsecsElapsed()) / 1e6;
        pullBytes = client.bytesReceived() - before;
        pulled = report.received.added;
        if (pulled != pullCases)
            stop(QStringLiteral("the desk received %1 new cases, not %2")
                     .arg(pulled)
                     .arg(pullCases));
    }
    // Where the pull's time goes: the same pages read again without writing them.
    double readMs = 0;
    int pages = 0;
    {
        Sync::SyncClient client(options);
        need(client.login(), "logging in");
        timer.restart();
        qint64 cursor = 0;
        for (bool more = true; more; ++pages) {
            auto page = need(client.pull(cursor, Sync::MAX_CASES_PER_PAGE), "reading the feed");
            cursor = page.cursor;
            more = page.more;
        }
        readMs = double(timer.nsecsElapsed()) / 1e6;
    }
    out << QStringLiteral("pull: %1 new cases, %2 MB in %3 pages, %4 ms; of it the server's feed, "
                          "the transfer and parsing %5 ms, the rest writing at the desk\n")
               .arg(pulled)
               .arg(double(pullBytes) / 1e6, 0, 'f', 1)
               .arg(pages)
               .arg(pullMs, 0, 'f', 0)
               .arg(readMs, 0, 'f', 0);

    // Push: reports made at a desk, each one checked and written by the server.
    double pushMs = 0;
    qint64 pushBytes = 0;
    {
        Desk desk(pushDesk);
        report(desk, pushCommands, QStringLiteral("bench-desk"));
        Sync::SyncClient client(options);
        need(client.login(), "logging in");
        // The feed up to now first, so that the timed sync pushes and reads back only its own.
        need(Sync::syncOnce(*desk.book, *desk.outbox, client), "catching up");
        const auto counts = need(desk.outbox->counts(), "counting");
        if (counts.applied != pushCommands)
            stop(QStringLiteral("%1 of %2 commands applied").arg(counts.applied).arg(pushCommands));
    }
    {
        // Timed again on a fresh copy, without the catch-up pull: the push alone.
        QFile::remove(pushDesk);
        QFile::copy(sample, pushDesk);
        Desk desk(pushDesk);
        report(desk, pushCommands, QStringLiteral("bench-push"));
        // The feed up to now is the store's, known here: the timed sync only reads its own back.
        qint64 end = 0;
        {
            auto server = need(Workspace::open(store), "reading the store");
            QSqlQuery last(server->database());
            last.exec(QStringLiteral("SELECT max(id) FROM case_events"));
            end = last.next() ? last.value(0).toLongLong() : 0;
        }
        need(desk.outbox->setAccount(QStringLiteral("bench")), "binding the account");
        need(desk.outbox->setCursor(end), "skipping the feed");
        Sync::SyncClient client(options);
        need(client.login(), "logging in");
        const qint64 before = client.bytesSent();
        timer.restart();
        auto report = need(Sync::syncOnce(*desk.book, *desk.outbox, client), "pushing");
        pushMs = double(timer.nsecsElapsed()) / 1e6;
        pushBytes = client.bytesSent() - before;
        if (report.applied != pushCommands)
            stop(QStringLiteral("%1 of %2 commands applied").arg(report.applied).arg(pushCommands));
    }
    out << QStringLiteral("push: %1 commands, %2 MB in %3 requests, %4 ms\n")
               .arg(pushCommands)
               .arg(double(pushBytes) / 1e6, 0, 'f', 1)
               .arg((pushCommands + Sync::MAX_COMMANDS_PER_PUSH - 1) / Sync::MAX_COMMANDS_PER_PUSH)
               .arg(pushMs, 0, 'f', 0);

    // The peers: curl moving the same bytes over loopback TLS in one request.
    const QString pullBlob = dir.filePath(QStringLiteral("pull.bin"));
    const QString pushBlob = dir.filePath(QStringLiteral("push.bin"));
    for (const auto &[path, size] :
        {std::pair {pullBlob, pullBytes}, std::pair {pushBlob, pushBytes}}) {
        QFile blob(path);
        blob.open(QIODevice::WriteOnly);
        const QByteArray chunk(1 << 20, 'x');
        for (qint64 left = size; left > 0; left -= chunk.size())
            blob.write(chunk.left(int(std::min<qint64>(left, chunk.size()))));
    }
    QString failure;
    const quint16 staticPort = freePort();
    QProcess files;
    files.setWorkingDirectory(dir.path());
    files.start(QStringLiteral("openssl"),
        {QStringLiteral("s_server"), QStringLiteral("-WWW"), QStringLiteral("-quiet"),
            QStringLiteral("-accept"), QStringLiteral("127.0.0.1:%1").arg(staticPort),
            QStringLiteral("-cert"), certificate, QStringLiteral("-key"), key});
    std::optional<double> curlPull;
    if (!files.waitForStarted(5'000)) {
        failure = QStringLiteral("openssl s_server did not start");
    } else {
        QThread::msleep(500);
        curlPull = curlMs({QStringLiteral("-s"), QStringLiteral("-o"), QStringLiteral("/dev/null"),
                              QStringLiteral("--cacert"), certificate,
                              QStringLiteral("https://127.0.0.1:%1/pull.bin").arg(staticPort)},
            failure);
        files.kill();
        files.waitForFinished();
    }
    // Without "Expect: 100-continue", which curl sends with a large body and then waits a
    // second for an interim answer the server never gives: that second is not moving bytes.
    const std::optional<double> curlPush =
        curlMs({QStringLiteral("-s"), QStringLiteral("-o"), QStringLiteral("/dev/null"),
                   QStringLiteral("--cacert"), certificate, QStringLiteral("-H"),
                   QStringLiteral("Content-Type: application/json"), QStringLiteral("-H"),
                   QStringLiteral("Expect:"), QStringLiteral("--data-binary"),
                   QStringLiteral("@") + pushBlob, url.toString() + QStringLiteral("/v1/nothing")},
            failure);
    server.terminate();
    server.waitForFinished();

    bool passed = true;
    for (const auto &[figure, ours, peer] :
        {std::tuple {QStringLiteral("sync pull %1 cases").arg(pullCases), pullMs, curlPull},
            std::tuple {
                QStringLiteral("sync push %1 commands").arg(pushCommands), pushMs, curlPush}}) {
        Bench::Comparison comparison;
        comparison.figure = figure;
        comparison.unit = QStringLiteral("ms");
        comparison.ours = ours;
        comparison.peerName = QStringLiteral("curl, same bytes");
        comparison.peer = peer;
        comparison.skipReason = failure;
        comparison.maxRatio = 3.0;
        out << comparison.line() << '\n';
        passed &= smoke || comparison.verdict() == QLatin1String("PASS");
    }
    return passed ? 0 : 1;
}
