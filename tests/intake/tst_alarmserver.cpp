// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors

// The alarm webhook of a real griddesk-server process over HTTPS on loopback: clients made and
// revoked with the server's own commands, alarms filed and folded, every kind of bad request
// refused with its reason and counted, and the report reaching an operator's desk by sync
// with the payload it came in.

#include "gis/wkb.h"
#include "register/registerbook.h"

#include "sync/syncfixture.h"

#include <QTemporaryDir>

using namespace GridDesk;
using namespace GridDesk::Test;

namespace {

constexpr double MANHATTAN_LON = -73.98;
constexpr double MANHATTAN_LAT = 40.75;
constexpr double BROOKLYN_LON = -73.95;
constexpr double BROOKLYN_LAT = 40.65;

template<typename T>
QByteArray why(const Result<T> &result)
{
    return result ? QByteArray() : result.error().message.toUtf8();
}

struct Command
{
    int exitCode = -1;
    QString out;
    QString err;
};

Command server(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(GRIDDESK_SERVER), arguments);
    process.waitForFinished(120'000);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
        QString::fromUtf8(process.readAllStandardOutput()),
        QString::fromUtf8(process.readAllStandardError())};
}

QByteArray alarmJson(const QString &device, const QString &type, const QJsonObject &more = {})
{
    QJsonObject alarm = more;
    alarm.insert(QStringLiteral("device_id"), device);
    alarm.insert(QStringLiteral("type"), type);
    return QJsonDocument(alarm).toJson(QJsonDocument::Compact);
}

} // namespace

class TestAlarmServer : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_base;
    QString m_store;
    QList<QSslCertificate> m_trusted;
    std::unique_ptr<ServerProcess> m_server;
    QByteArray m_cityKey;
    QByteArray m_manhattanKey;
    QByteArray m_appKey;
    std::unique_ptr<PostgresDatabase> m_postgres;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    RawAnswer post(
        const QByteArray &key, const QByteArray &body, const QByteArray &type = "application/json")
    {
        return rawRequest(
            m_server->url(), m_trusted, "POST", QStringLiteral("/v1/alarms"), body, key, type);
    }

    QByteArray addClient(const QString &name, const QString &channel, const QString &unit)
    {
        const Command made = server({QStringLiteral("add-client"), QStringLiteral("--db"), m_store,
            name, QStringLiteral("--channel"), channel, QStringLiteral("--unit"), unit});
        if (made.exitCode != 0)
            qWarning("add-client failed: %s", qPrintable(made.err));
        return made.out.trimmed().toLatin1();
    }

    qint64 refusals(const QString &reason)
    {
        auto store = Workspace::open(m_store);
        return scalar(**store,
            QStringLiteral(
                "SELECT count FROM intake_refusals WHERE channel = 'alarm' AND reason = '%1'")
                .arg(reason))
            .toLongLong();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_store = path(QStringLiteral("store.gpkg"));
        const QString made = makeSampleWorkspace(m_store);
        QVERIFY2(made.isEmpty(), qPrintable(made));
        {
            auto workspace = Workspace::open(m_store);
            QVERIFY2(workspace.has_value(), why(workspace).constData());
            m_base = path(QStringLiteral("desk.gpkg"));
            QVERIFY(QFile::copy(m_store, m_base));

            Accounts accounts(**workspace);
            QVERIFY(accounts.addUser(
                QStringLiteral("chen"), Role::Operator, QStringLiteral("city"), PASSWORD));
            auto entries = RegisterBook::load(**workspace);
            QVERIFY2(entries.has_value(), why(entries).constData());
            const QList<std::tuple<QString, QString, GeoPoint>> devices {
                {QStringLiteral("CAM-0001"), QStringLiteral("CCTV camera"),
                    {MANHATTAN_LON, MANHATTAN_LAT}},
                {QStringLiteral("WL-0002"), QStringLiteral("water level sensor"),
                    {MANHATTAN_LON + 0.002, MANHATTAN_LAT}},
                {QStringLiteral("BK-0003"), QStringLiteral("smoke sensor"),
                    {BROOKLYN_LON, BROOKLYN_LAT}},
            };
            for (const auto &[code, type, at] : devices) {
                RegisterEntry thing;
                thing.code = code;
                thing.kind = QStringLiteral("thing");
                thing.name = type;
                thing.wkb = Wkb::point(at);
                thing.fields.insert(QStringLiteral("asset_code"), code);
                thing.fields.insert(QStringLiteral("component_type"), type);
                auto added =
                    entries->add(thing, QStringLiteral("admin"), QDateTime::currentDateTimeUtc());
                QVERIFY2(added.has_value(), why(added).constData());
            }
        }

        if (PostgresDatabase::wanted()) {
            if (PostgresDatabase::cluster().isEmpty()) {
                if (PostgresDatabase::required())
                    QFAIL("GRIDDESK_TEST_POSTGRES is not set: no PostgreSQL cluster was started");
                QSKIP("no PostgreSQL cluster for the tests: run them with packaging/dev.sh test");
            }
            m_postgres = std::make_unique<PostgresDatabase>();
            const QString loaded = loadStore(QStringLiteral(GRIDDESK_SERVER), *m_postgres, m_store);
            QVERIFY2(loaded.isEmpty(), qPrintable(loaded));
            m_store = m_postgres->address();
        }

        m_cityKey =
            addClient(QStringLiteral("city-vms"), QStringLiteral("alarm"), QStringLiteral("city"));
        QCOMPARE(m_cityKey.size(), 43);
        m_manhattanKey = addClient(
            QStringLiteral("manhattan-sensors"), QStringLiteral("alarm"), QStringLiteral("1"));
        QCOMPARE(m_manhattanKey.size(), 43);
        m_appKey = addClient(
            QStringLiteral("civic-app"), QStringLiteral("open311"), QStringLiteral("city"));
        QCOMPARE(m_appKey.size(), 43);
        // A key is shown once; the listing names the clients without it.
        const Command listed = server({QStringLiteral("clients"), QStringLiteral("--db"), m_store});
        QCOMPARE(listed.exitCode, 0);
        QVERIFY(listed.out.contains(QStringLiteral("city-vms  alarm  city")));
        QVERIFY(!listed.out.contains(QString::fromLatin1(m_cityKey)));
        const Command twice = server({QStringLiteral("add-client"), QStringLiteral("--db"), m_store,
            QStringLiteral("city-vms"), QStringLiteral("--channel"), QStringLiteral("alarm"),
            QStringLiteral("--unit"), QStringLiteral("city")});
        QCOMPARE(twice.exitCode, 1);
        QVERIFY(twice.err.contains(QStringLiteral("already")));
        const Command badChannel = server({QStringLiteral("add-client"), QStringLiteral("--db"),
            m_store, QStringLiteral("x"), QStringLiteral("--channel"), QStringLiteral("fax"),
            QStringLiteral("--unit"), QStringLiteral("city")});
        QCOMPARE(badChannel.exitCode, 2);

        const TestCertificates certificates = makeTestCertificates(m_dir.path());
        QVERIFY(!certificates.certificate.isEmpty());
        m_trusted = certificates.trusted;
        m_server = std::make_unique<ServerProcess>(QStringLiteral(GRIDDESK_SERVER),
            QStringList {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                QStringLiteral("--cert"), path(QStringLiteral("server.pem")),
                QStringLiteral("--key"), path(QStringLiteral("server.key")), QStringLiteral("--db"),
                m_store, QStringLiteral("--log-level"), QStringLiteral("warning")});
        QVERIFY2(m_server->start(), qPrintable(m_server->output()));
    }

    void alarmsAreFiledThenFolded()
    {
        const QJsonObject where {{QStringLiteral("level"), 3},
            {QStringLiteral("snapshot_url"), QStringLiteral("https://vms.example/snap/1.jpg")}};
        const RawAnswer first = post(m_cityKey,
            alarmJson(QStringLiteral("CAM-0001"), QStringLiteral("illegal_parking"), where));
        QCOMPARE(first.status, 201);
        QCOMPARE(first.json.value(QStringLiteral("folded")).toBool(), false);
        const QJsonObject key = first.json.value(QStringLiteral("case")).toObject();
        QCOMPARE(key.value(QStringLiteral("source")).toString(), QStringLiteral("video"));

        // The same device and type again, sent with the other header a platform may use.
        const RawAnswer second =
            rawRequest(m_server->url(), m_trusted, "POST", QStringLiteral("/v1/alarms"),
                alarmJson(QStringLiteral("CAM-0001"), QStringLiteral("illegal_parking")), {},
                "application/json; charset=utf-8", {{"X-API-Key", m_cityKey}});
        QCOMPARE(second.status, 200);
        QCOMPARE(second.json.value(QStringLiteral("folded")).toBool(), true);
        QCOMPARE(second.json.value(QStringLiteral("alarms")).toInt(), 2);
        QCOMPARE(second.json.value(QStringLiteral("case")).toObject(), key);

        const RawAnswer sensor =
            post(m_cityKey, alarmJson(QStringLiteral("WL-0002"), QStringLiteral("water_level")));
        QCOMPARE(sensor.status, 201);
        QCOMPARE(sensor.json.value(QStringLiteral("case"))
                     .toObject()
                     .value(QStringLiteral("source"))
                     .toString(),
            QStringLiteral("iot"));
    }

    void alarmsSentTogetherFoldAsTheyWouldOneByOne()
    {
        // Eight alarms of one device and type in flight at once: the server files those that
        // arrive together in one transaction, and they fold there as they would one by one.
        QNetworkAccessManager network;
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.addCaCertificates(m_trusted);
        QUrl url = m_server->url();
        url.setPath(QStringLiteral("/v1/alarms"));
        std::vector<std::unique_ptr<QNetworkReply>> replies;
        for (int index = 0; index < 8; ++index) {
            QNetworkRequest request(url);
            request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
            request.setRawHeader("Authorization", "Bearer " + m_cityKey);
            request.setSslConfiguration(tls);
            request.setTransferTimeout(20'000);
            replies.emplace_back(network.post(request,
                alarmJson(QStringLiteral("WL-0002"), QStringLiteral("burst"),
                    {{QStringLiteral("level"), 1 + index % 4}})));
        }
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(replies.cbegin(), replies.cend(),
                                     [](const auto &reply) { return reply->isFinished(); }),
            30'000);

        QSet<QByteArray> cases;
        QList<int> counts;
        int created = 0;
        for (const auto &reply : replies) {
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
            QVERIFY2(status == 200 || status == 201, qPrintable(reply->errorString()));
            created += status == 201 ? 1 : 0;
            QCOMPARE(answer.value(QStringLiteral("folded")).toBool(), status == 200);
            cases.insert(QJsonDocument(answer.value(QStringLiteral("case")).toObject())
                             .toJson(QJsonDocument::Compact));
            counts << answer.value(QStringLiteral("alarms")).toInt();
        }
        QCOMPARE(created, 1);
        QCOMPARE(cases.size(), 1);
        std::sort(counts.begin(), counts.end());
        QCOMPARE(counts, (QList<int> {1, 2, 3, 4, 5, 6, 7, 8}));

        auto store = Workspace::open(m_store);
        QVERIFY2(store.has_value(), why(store).constData());
        QCOMPARE(scalar(**store,
                     QStringLiteral("SELECT count FROM intake_folds WHERE device_id = 'WL-0002' "
                                    "AND alarm_type = 'burst'"))
                     .toInt(),
            8);
    }

    void aDeskReceivesTheReportWithWhatCameIn()
    {
        Desk desk = Desk::open(m_base);
        Sync::ClientOptions options;
        options.server = m_server->url();
        options.user = QStringLiteral("chen");
        options.password = PASSWORD;
        options.caCertificates = m_trusted;
        options.timeoutMs = 20'000;
        Sync::SyncClient session(options);
        auto report = Sync::syncOnce(*desk.book, *desk.outbox, session);
        QVERIFY2(report.has_value(), why(report).constData());
        QVERIFY(report->received.added >= 2);

        const qint64 caseId =
            scalar(*desk.workspace, QStringLiteral("SELECT fid FROM cases WHERE source = 'video'"))
                .toLongLong();
        QVERIFY(caseId > 0);
        auto file = desk.book->file(caseId);
        QVERIFY2(file.has_value(), why(file).constData());
        QCOMPARE(file->state(), CaseState::Reported);
        const CaseEvent &reported = file->events().first();
        QCOMPARE(reported.actor, QStringLiteral("alarm:city-vms"));
        QCOMPARE(
            reported.data.value(QStringLiteral("device")).toString(), QStringLiteral("CAM-0001"));
        QCOMPARE(reported.data.value(QStringLiteral("snapshot_url")).toString(),
            QStringLiteral("https://vms.example/snap/1.jpg"));
        const QJsonObject intake = reported.data.value(QStringLiteral("intake")).toObject();
        QCOMPARE(intake.value(QStringLiteral("client")).toString(), QStringLiteral("city-vms"));
        QVERIFY(intake.value(QStringLiteral("payload"))
                    .toString()
                    .contains(QStringLiteral("illegal_parking")));
        QVERIFY(QDateTime::fromString(
            intake.value(QStringLiteral("received_at")).toString(), Qt::ISODate)
                    .isValid());
        const auto recur = std::find_if(file->events().cbegin(), file->events().cend(),
            [](const CaseEvent &event) { return event.action == CaseAction::Recur; });
        QVERIFY(recur != file->events().cend());
        QCOMPARE(recur->data.value(QStringLiteral("alarms")).toInt(), 2);
    }

    void badRequestsAreRefusedAndCounted()
    {
        const QByteArray good = alarmJson(QStringLiteral("CAM-0001"), QStringLiteral("smoke"));
        QCOMPARE(post({}, good).status, 401);
        QCOMPARE(post("not-a-key", good).json.value(QStringLiteral("error")).toString(),
            QStringLiteral("unauthorized"));
        QCOMPARE(post(m_appKey, good).status, 401); // an Open311 key is not an alarm key
        QCOMPARE(refusals(QStringLiteral("unauthorized")), 3);

        RawAnswer answer = post(m_cityKey, "{\"device_id\": \"CAM-0001\", ");
        QCOMPARE(answer.status, 400);
        QCOMPARE(
            answer.json.value(QStringLiteral("error")).toString(), QStringLiteral("malformed"));
        QVERIFY(answer.json.value(QStringLiteral("message"))
                    .toString()
                    .contains(QStringLiteral("not JSON")));
        answer = post(m_cityKey,
            alarmJson(QStringLiteral("CAM-0001"), QStringLiteral("smoke"),
                {{QStringLiteral("level"), 7}}));
        QCOMPARE(answer.status, 400);
        QVERIFY(answer.json.value(QStringLiteral("message"))
                    .toString()
                    .contains(QStringLiteral("level")));
        // Hostile shapes: nesting deeper than any parser should follow, and control characters.
        answer = post(m_cityKey, QByteArray(100'000, '[') + QByteArray(100'000, ']'));
        QCOMPARE(answer.status, 400);
        answer = post(m_cityKey, "{\"device_id\":\"CAM-0001\\u0000\",\"type\":\"x\"}");
        QCOMPARE(answer.status, 400);
        QCOMPARE(refusals(QStringLiteral("malformed")), 4);

        QCOMPARE(post(m_cityKey, good, "text/plain").status, 415);
        QCOMPARE(refusals(QStringLiteral("unsupported_type")), 1);

        answer = post(m_cityKey, alarmJson(QStringLiteral("CAM-9999"), QStringLiteral("smoke")));
        QCOMPARE(answer.status, 422);
        QCOMPARE(answer.json.value(QStringLiteral("error")).toString(),
            QStringLiteral("unknown_device"));
        QVERIFY(answer.json.value(QStringLiteral("message"))
                    .toString()
                    .contains(QStringLiteral("CAM-9999")));

        // Manhattan's sensors may not report from Brooklyn.
        answer =
            post(m_manhattanKey, alarmJson(QStringLiteral("BK-0003"), QStringLiteral("smoke")));
        QCOMPARE(answer.status, 403);
        QCOMPARE(answer.json.value(QStringLiteral("error")).toString(),
            QStringLiteral("outside_jurisdiction"));
        QCOMPARE(post(m_manhattanKey, alarmJson(QStringLiteral("WL-0002"), QStringLiteral("smoke")))
                     .status,
            201);

        answer = post(m_cityKey, QByteArray(7 * 1024 * 1024, ' ') + good);
        QCOMPARE(answer.status, 413);
        QCOMPARE(refusals(QStringLiteral("too_large")), 1);

        // The server is still there and still files alarms.
        QCOMPARE(
            post(m_cityKey, alarmJson(QStringLiteral("WL-0002"), QStringLiteral("flood"))).status,
            201);

        const Command counted = server({QStringLiteral("intake"), QStringLiteral("--db"), m_store});
        QCOMPARE(counted.exitCode, 0);
        QVERIFY2(counted.out.contains(QStringLiteral("alarm  malformed  4 refused")),
            qPrintable(counted.out));
        QVERIFY(counted.out.contains(QStringLiteral("alarm  unknown_device  1 refused")));
    }

    void aRevokedKeyIsRefused()
    {
        const Command revoked = server({QStringLiteral("revoke-client"), QStringLiteral("--db"),
            m_store, QStringLiteral("manhattan-sensors")});
        QCOMPARE(revoked.exitCode, 0);
        QCOMPARE(post(m_manhattanKey, alarmJson(QStringLiteral("WL-0002"), QStringLiteral("smoke")))
                     .status,
            401);
        QCOMPARE(
            post(m_cityKey, alarmJson(QStringLiteral("WL-0002"), QStringLiteral("noise"))).status,
            201);
    }
};

QTEST_GUILESS_MAIN(TestAlarmServer)
#include "tst_alarmserver.moc"
