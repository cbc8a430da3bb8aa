// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors

// griddesk-bench-intake: a real griddesk-server on loopback HTTPS, its store the New York
// sample with a thousand cameras and sensors in its register; 10 000 alarms of distinct
// devices and types are posted to its webhook (every one a new report, checked and written)
// while an operator's desk syncs over and over, as a desk does. Printed beside the same
// server answering as many bare requests (GET /v1/status) over the same connections, and with
// how far behind the desk was when the last alarm had been answered.

#include "benchneed.h"
#include "benchsupport.h"
#include "comparison.h"

#include "gis/wkb.h"
#include "ingest/samples.h"
#include "intake/intakebook.h"
#include "register/registerbook.h"
#include "server/accounts.h"
#include "server/certificates.h"
#include "server/serverbook.h"
#include "storage/workspace.h"
#include "sync/outbox.h"
#include "sync/syncclient.h"
#include "workflow/casebook.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSqlQuery>
#include <QTextStream>

#include <atomic>
#include <functional>
#include <thread>

using namespace GridDesk;

namespace {

const QByteArray PASSWORD = QByteArrayLiteral("bench password 1");
/// Requests in flight at once, as a video platform's senders and HTTP/1.1 keep-alive allow.
constexpr int IN_FLIGHT = 12;
constexpr int ALARM_TYPES = 10;

using Bench::need;
using Bench::stop;

/// Sends count requests made by make, IN_FLIGHT at a time, and returns the milliseconds
/// until the last answer; stops the bench on any answer but the one expected.
double sendAll(QNetworkAccessManager &network, int count, int expected,
    const std::function<QNetworkReply *(QNetworkAccessManager &, int)> &make)
{
    QElapsedTimer timer;
    timer.start();
    int sent = 0;
    int answered = 0;
    QEventLoop loop;
    std::function<void()> next;
    next = [&] {
        if (sent >= count)
            return;
        QNetworkReply *reply = make(network, sent++);
        QObject::connect(reply, &QNetworkReply::finished, &loop, [&, reply] {
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (status != expected)
                stop(QStringLiteral("answered %1, not %2: %3")
                         .arg(status)
                         .arg(expected)
                         .arg(QString::fromUtf8(reply->readAll())));
            reply->deleteLater();
            if (++answered == count)
                loop.quit();
            else
                next();
        });
    };
    for (int index = 0; index < IN_FLIGHT; ++index)
        next();
    loop.exec();
    return double(timer.nsecsElapsed()) / 1e6;
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
        stop(QStringLiteral("usage: griddesk-bench-intake --work DIR --maps DIR --server BIN "
                            "[--smoke]"));
    const int alarms = smoke ? 300 : 10'000;
    const int devices = std::max(1, alarms / ALARM_TYPES);
    QTextStream out(stdout);

    QDir dir(work);
    dir.mkpath(QStringLiteral("intake"));
    dir.cd(QStringLiteral("intake"));
    for (const QString &name : dir.entryList(QDir::Files))
        dir.remove(name);
    const QString store = dir.filePath(QStringLiteral("store.gpkg"));
    const QString desk = dir.filePath(QStringLiteral("desk.gpkg"));
    QString key;
    {
        auto workspace = need(Workspace::open(store), "making the store");
        need(importSample(*workspace, QDir(maps), QStringLiteral("nyc")), "importing the sample");
        const auto located = need(workspace->caseLocations(), "reading case places");
        QList<GeoPoint> places;
        for (const CaseLocation &place : located) {
            if (place.location && !place.gridCode.isEmpty())
                places << *place.location;
        }
        if (places.isEmpty())
            stop(QStringLiteral("the sample has no located cases"));
        auto entries = need(RegisterBook::load(*workspace), "reading the register");
        const QDateTime now = QDateTime::currentDateTimeUtc();
        need(workspace->transaction([&]() -> Result<void> {
            for (int index = 0; index < devices; ++index) {
                RegisterEntry thing;
                thing.code = QStringLiteral("DEV-%1").arg(index, 5, 10, QLatin1Char('0'));
                thing.kind = QStringLiteral("thing");
                thing.name = QStringLiteral("Camera %1").arg(index);
                thing.wkb = Wkb::point(places.at(index % places.size()));
                thing.fields.insert(QStringLiteral("asset_code"), thing.code);
                thing.fields.insert(QStringLiteral("component_type"),
                    index % 2 ? QStringLiteral("camera") : QStringLiteral("water sensor"));
                if (auto added = entries.add(thing, QStringLiteral("bench"), now); !added)
                    return std::unexpected(added.error());
            }
            return {};
        }),
            "registering devices");
        Accounts accounts(*workspace);
        need(accounts.addUser(
                 QStringLiteral("bench"), Role::Operator, QStringLiteral("city"), PASSWORD),
            "adding the account");
        auto book = need(ServerBook::open(*workspace), "reading the store");
        IntakeBook intake(*workspace, *book);
        IntakeClient client;
        client.name = QStringLiteral("bench-vms");
        client.channel = IntakeChannel::Alarm;
        client.unitCode = QStringLiteral("city");
        key = need(intake.addClient(client, now), "adding the client");
    }
    QFile::copy(store, desk);
    const QString certificate = dir.filePath(QStringLiteral("server.pem"));
    const QString certificateKey = dir.filePath(QStringLiteral("server.key"));
    need(writeSelfSignedCertificate(certificate, certificateKey, {QStringLiteral("127.0.0.1")}, 2),
        "making the certificate");

    QProcess server;
    const QUrl url = Bench::startServer(server, serverBinary,
        {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--cert"),
            certificate, QStringLiteral("--key"), certificateKey, QStringLiteral("--db"), store,
            QStringLiteral("--log-level"), QStringLiteral("error")});
    const QList<QSslCertificate> trusted = need(Sync::readCaFile(certificate), "reading the CA");
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.addCaCertificates(trusted);

    QNetworkAccessManager network;
    const auto request = [&](const QString &path) {
        QNetworkRequest made(url.resolved(QUrl(path)));
        made.setSslConfiguration(tls);
        made.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
        return made;
    };
    // Warm the connections, then the peer: bare requests the server answers without its store.
    sendAll(network, IN_FLIGHT * 4, 200, [&](QNetworkAccessManager &manager, int) {
        return manager.get(request(QStringLiteral("/v1/status")));
    });
    const double bareMs = sendAll(network, alarms, 200, [&](QNetworkAccessManager &manager, int) {
        return manager.get(request(QStringLiteral("/v1/status")));
    });

    // The desk syncs over and over while the alarms come in, as a dispatcher's desk does: on a
    // thread of its own, with one login kept for the whole run.
    Sync::ClientOptions options;
    options.server = url;
    options.user = QStringLiteral("bench");
    options.password = PASSWORD;
    options.caCertificates = trusted;
    options.timeoutMs = 600'000;
    std::atomic<bool> keepSyncing = true;
    std::atomic<int> syncs = 0;
    QString syncFailure;
    const auto syncRound = [&](CaseBook &book, Sync::Outbox &outbox, Sync::SyncClient &client) {
        auto report = Sync::syncOnce(book, outbox, client);
        if (!report)
            syncFailure = report.error().message;
        return report.has_value();
    };
    std::thread desking([&] {
        auto workspace = Workspace::open(desk);
        if (!workspace) {
            syncFailure = workspace.error().message;
            return;
        }
        auto setup = WorkflowSetup::load(**workspace);
        if (!setup) {
            syncFailure = setup.error().message;
            return;
        }
        CaseBook book(**workspace, std::move(*setup));
        Sync::Outbox outbox(**workspace);
        book.setJournal(&outbox);
        Sync::SyncClient client(options);
        if (auto in = client.login(); !in) {
            syncFailure = in.error().message;
            return;
        }
        while (keepSyncing && syncRound(book, outbox, client))
            ++syncs;
        // One more round takes in whatever came after the last one began.
        if (syncFailure.isEmpty() && syncRound(book, outbox, client))
            ++syncs;
    });

    const QByteArray type = "application/json";
    const double alarmMs =
        sendAll(network, alarms, 201, [&](QNetworkAccessManager &manager, int index) {
            QNetworkRequest made = request(QStringLiteral("/v1/alarms"));
            made.setHeader(QNetworkRequest::ContentTypeHeader, type);
            made.setRawHeader("Authorization", "Bearer " + key.toLatin1());
            const QJsonObject alarm {
                {QStringLiteral("device_id"),
                    QStringLiteral("DEV-%1").arg(index % devices, 5, 10, QLatin1Char('0'))},
                {QStringLiteral("type"), QStringLiteral("type-%1").arg(index / devices)},
                {QStringLiteral("level"), 1 + index % 4},
            };
            return manager.post(made, QJsonDocument(alarm).toJson(QJsonDocument::Compact));
        });
    keepSyncing = false;
    QElapsedTimer behind;
    behind.start();
    desking.join();
    if (!syncFailure.isEmpty())
        stop(QStringLiteral("the desk's sync failed: %1").arg(syncFailure));
    const double catchUpMs = double(behind.nsecsElapsed()) / 1e6;
    server.terminate();
    server.waitForFinished();

    qint64 atDesk = 0;
    {
        auto workspace = need(Workspace::open(desk), "reading the desk");
        QSqlQuery count(workspace->database());
        count.exec(QStringLiteral("SELECT count(*) FROM cases WHERE source IN ('video', 'iot')"));
        atDesk = count.next() ? count.value(0).toLongLong() : 0;
    }
    if (atDesk != alarms)
        stop(QStringLiteral("the desk holds %1 alarm reports, not %2").arg(atDesk).arg(alarms));

    out << QStringLiteral("intake: %1 alarms, each a new report, %2 reports/s; bare requests "
                          "%3/s; the desk synced %4 times meanwhile and had every report %5 ms "
                          "after the last was answered\n")
               .arg(alarms)
               .arg(alarms / (alarmMs / 1000.0), 0, 'f', 0)
               .arg(alarms / (bareMs / 1000.0), 0, 'f', 0)
               .arg(syncs.load())
               .arg(catchUpMs, 0, 'f', 0);
    Bench::Comparison comparison;
    comparison.figure = QStringLiteral("intake %1 alarms").arg(alarms);
    comparison.unit = QStringLiteral("ms");
    comparison.ours = alarmMs;
    comparison.peerName = QStringLiteral("bare requests");
    comparison.peer = bareMs;
    comparison.maxRatio = 5.0;
    out << comparison.line() << '\n';
    return smoke || comparison.verdict() == QLatin1String("PASS") ? 0 : 1;
}
