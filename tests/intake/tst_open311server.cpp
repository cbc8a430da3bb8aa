// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors

// Open311 GeoReport v2 against a real griddesk-server over HTTPS on loopback, with a CA the
// test makes, on the New York sample: discovery, services and their definitions, requests
// posted as forms and read back in JSON and XML, and every kind of refusal answered in the
// specification's error format and counted.

#include "sync/syncfixture.h"

#include "intake/intakebook.h"
#include "intake/open311services.h"
#include "server/serverbook.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QThread>
#include <QUrlQuery>
#include <QXmlStreamReader>

#include <atomic>

using namespace GridDesk;
using namespace GridDesk::Test;

namespace {

// Inside Manhattan (community district 105) and inside Brooklyn.
constexpr char MANHATTAN[] = "lat=40.75&long=-73.98";
constexpr char BROOKLYN[] = "lat=40.65&long=-73.95";

const QString MANHATTAN_JURISDICTION = QStringLiteral("manhattan.example.org");

/// An answer as a civic app sees it.
struct Answer
{
    int status = 0;
    QByteArray body;
    QByteArray contentType;

    QJsonArray array() const { return QJsonDocument::fromJson(body).array(); }
    QJsonObject first() const { return array().first().toObject(); }
    /// The description of a JSON error answer.
    QString error() const { return first().value(QLatin1String("description")).toString(); }
};

/// The texts of every element named name in xml, in order; "!error" when it does not parse.
QStringList xmlTexts(const QByteArray &xml, const QString &name)
{
    QStringList texts;
    QXmlStreamReader reader(xml);
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.isStartElement() && reader.name() == name)
            texts << reader.readElementText(QXmlStreamReader::IncludeChildElements);
    }
    if (reader.hasError())
        texts << QStringLiteral("!error ") + reader.errorString();
    return texts;
}

QByteArray encoded(const QString &text)
{
    return QUrl::toPercentEncoding(text);
}

} // namespace

class TestOpen311Server : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_store;
    std::unique_ptr<PostgresDatabase> m_postgres;
    QList<QSslCertificate> m_trusted;
    std::unique_ptr<ServerProcess> m_server;
    QString m_cityKey; ///< files anywhere, for the city
    QString m_manhattanKey; ///< files in Manhattan only, under MANHATTAN_JURISDICTION
    QString m_revokedKey;
    QString m_alarmKey; ///< a key of the alarm channel
    QString m_service; ///< a category with attributes
    QString m_plainService; ///< a category without
    QString m_serviceName;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    Answer send(const QByteArray &verb, const QString &target, const QByteArray &body = {},
        const QByteArray &contentType = "application/x-www-form-urlencoded")
    {
        QNetworkAccessManager network;
        QUrl url = m_server->url();
        url.setPath(target.section(u'?', 0, 0));
        url.setQuery(target.section(u'?', 1));
        QNetworkRequest request(url);
        request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
        if (!contentType.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
        request.setTransferTimeout(20'000);
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.addCaCertificates(m_trusted);
        request.setSslConfiguration(tls);
        std::unique_ptr<QNetworkReply> reply(network.sendCustomRequest(request, verb, body));
        QEventLoop loop;
        QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
        if (!reply->isFinished())
            loop.exec();
        Answer answer;
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.body = reply->readAll();
        answer.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
        return answer;
    }

    Answer post(const QByteArray &form, const QString &format = QStringLiteral("json"))
    {
        return send("POST", QStringLiteral("/open311/v2/requests.") + format, form);
    }

    /// A form for m_service as the city's app, with where and the attributes it needs.
    QByteArray form(const QByteArray &more, const char *where = MANHATTAN) const
    {
        return "api_key=" + encoded(m_cityKey) + "&service_code=" + encoded(m_service) + '&' + where
            + "&attribute[SIDE]=n" + more;
    }

    std::unique_ptr<Workspace> store() { return std::move(*Workspace::open(m_store)); }

    /// How many refusals of reason the store counted.
    qint64 refused(const QString &reason)
    {
        auto workspace = store();
        return scalar(*workspace,
            QStringLiteral("SELECT count FROM intake_refusals WHERE channel = 'open311' AND "
                           "reason = '%1'")
                .arg(reason))
            .toLongLong();
    }

    /// The data of the report event of the open311 case with id.
    QJsonObject reportData(const QString &id)
    {
        auto workspace = store();
        const QString json = scalar(*workspace,
            QStringLiteral("SELECT e.data FROM case_events e JOIN cases c ON c.fid = e.case_id "
                           "WHERE c.source = 'open311' AND c.external_id = '%1' AND e.sequence = 1")
                .arg(id))
                                 .toString();
        return QJsonDocument::fromJson(json.toUtf8()).object();
    }

    /// Checks that posting form is refused with status and counted under reason.
    void expectRefused(const QByteArray &body, int status, const QString &reason,
        const QString &mentions,
        const QByteArray &contentType = "application/x-www-form-urlencoded")
    {
        const qint64 before = refused(reason);
        const Answer answer =
            send("POST", QStringLiteral("/open311/v2/requests.json"), body, contentType);
        QCOMPARE(answer.status, status);
        QCOMPARE(answer.first().value(QLatin1String("code")).toInt(), status);
        QVERIFY2(answer.error().contains(mentions), qPrintable(answer.error()));
        QCOMPARE(refused(reason), before + 1);
    }

    /// The clients with their keys, and the attributes of m_service.
    void addClientsAndServices()
    {
        auto workspace = store();
        auto book = ServerBook::open(*workspace);
        QVERIFY2(book.has_value(), why(book).constData());
        IntakeBook intake(*workspace, **book);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const auto add = [&](const QString &name, IntakeChannel channel, const QString &unit,
                             const QString &jurisdiction) {
            IntakeClient client;
            client.name = name;
            client.channel = channel;
            client.unitCode = unit;
            client.jurisdictionId = jurisdiction;
            auto key = intake.addClient(client, now);
            if (!key)
                qWarning("%s", why(key).constData());
            return key.value_or(QString());
        };
        m_cityKey = add(
            QStringLiteral("city-app"), IntakeChannel::Open311, QStringLiteral("city"), QString());
        m_manhattanKey = add(QStringLiteral("manhattan-app"), IntakeChannel::Open311,
            QStringLiteral("1"), MANHATTAN_JURISDICTION);
        m_revokedKey = add(
            QStringLiteral("old-app"), IntakeChannel::Open311, QStringLiteral("city"), QString());
        m_alarmKey =
            add(QStringLiteral("cameras"), IntakeChannel::Alarm, QStringLiteral("city"), QString());
        QVERIFY(!m_cityKey.isEmpty() && !m_manhattanKey.isEmpty() && !m_alarmKey.isEmpty());
        QVERIFY(intake.revokeClient(QStringLiteral("old-app"), now));

        // Two categories whose codes need no escaping in a path.
        static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_-]+$"));
        for (const Category &category : (*book)->book().setup().categories.categories()) {
            if (!plain.match(category.code).hasMatch())
                continue;
            if (m_service.isEmpty()) {
                m_service = category.code;
                m_serviceName = category.name;
            } else if (m_plainService.isEmpty()) {
                m_plainService = category.code;
            }
        }
        QVERIFY2(!m_plainService.isEmpty(), "the sample has too few categories with plain codes");
        auto settings = Open311::readServiceSettings(R"({
            "service_notice": "Crews look within two working days.",
            "keywords": ["street", "safety"],
            "attributes": [
              {"code": "SIDE", "datatype": "singlevaluelist", "required": true, "order": 1,
               "description": "Which side of the street?",
               "values": [{"key": "n", "name": "North"}, {"key": "s", "name": "South"}]},
              {"code": "COUNT", "datatype": "number", "order": 2, "description": "How many?"},
              {"code": "KINDS", "datatype": "multivaluelist", "order": 3, "description": "What?",
               "values": [{"key": "a", "name": "Glass"}, {"key": "b", "name": "Metal"}]}]})");
        QVERIFY2(settings.has_value(), why(settings).constData());
        Open311Services services(*workspace);
        auto set = services.set(m_service, *settings, (*book)->book().setup().categories, now);
        QVERIFY2(set.has_value(), why(set).constData());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_store = path(QStringLiteral("store.gpkg"));
        const QString made = makeSampleWorkspace(m_store);
        QVERIFY2(made.isEmpty(), qPrintable(made));
        const TestCertificates certificates = makeTestCertificates(m_dir.path());
        QVERIFY(!certificates.certificate.isEmpty());
        m_trusted = certificates.trusted;

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
        addClientsAndServices();
        {
            auto workspace = store();
            Accounts accounts(*workspace);
            auto added = accounts.addUser(
                QStringLiteral("chen"), Role::Operator, QStringLiteral("city"), PASSWORD);
            QVERIFY2(added.has_value(), why(added).constData());
        }

        m_server = std::make_unique<ServerProcess>(QStringLiteral(GRIDDESK_SERVER),
            QStringList {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                QStringLiteral("--cert"), path(QStringLiteral("server.pem")),
                QStringLiteral("--key"), path(QStringLiteral("server.key")), QStringLiteral("--db"),
                m_store, QStringLiteral("--log-level"), QStringLiteral("warning")});
        QVERIFY2(m_server->start(), qPrintable(m_server->output()));
    }

    void discovery()
    {
        const Answer json = send("GET", QStringLiteral("/open311/v2/discovery.json"));
        QCOMPARE(json.status, 200);
        QVERIFY(json.contentType.startsWith("application/json"));
        const QJsonObject endpoint = QJsonDocument::fromJson(json.body)
                                         .object()
                                         .value(QLatin1String("endpoints"))
                                         .toArray()
                                         .first()
                                         .toObject();
        const QString url = endpoint.value(QLatin1String("url")).toString();
        QCOMPARE(url, m_server->url().toString() + QStringLiteral("/open311/v2/"));
        QCOMPARE(endpoint.value(QLatin1String("specification")).toString(),
            QStringLiteral("http://wiki.open311.org/GeoReport_v2"));

        const Answer xml = send("GET", QStringLiteral("/open311/v2/discovery.xml"));
        QCOMPARE(xml.status, 200);
        QVERIFY(xml.contentType.startsWith("text/xml"));
        QCOMPARE(xmlTexts(xml.body, QStringLiteral("url")), QStringList {url});
        QCOMPARE(xmlTexts(xml.body, QStringLiteral("format")),
            (QStringList {QStringLiteral("text/xml"), QStringLiteral("application/json")}));
    }

    void services()
    {
        const Answer json = send("GET", QStringLiteral("/open311/v2/services.json"));
        QCOMPARE(json.status, 200);
        QJsonObject withAttributes;
        QJsonObject without;
        for (const QJsonValue &service : json.array()) {
            const QString code = service.toObject().value(QLatin1String("service_code")).toString();
            if (code == m_service)
                withAttributes = service.toObject();
            if (code == m_plainService)
                without = service.toObject();
        }
        QCOMPARE(withAttributes.value(QLatin1String("metadata")).toBool(), true);
        QCOMPARE(withAttributes.value(QLatin1String("service_name")).toString(), m_serviceName);
        QCOMPARE(
            withAttributes.value(QLatin1String("type")).toString(), QStringLiteral("realtime"));
        QCOMPARE(withAttributes.value(QLatin1String("keywords")).toString(),
            QStringLiteral("street, safety"));
        QCOMPARE(without.value(QLatin1String("metadata")).toBool(true), false);

        const Answer xml = send("GET", QStringLiteral("/open311/v2/services.xml"));
        QCOMPARE(xml.status, 200);
        QCOMPARE(xmlTexts(xml.body, QStringLiteral("service_code")).size(), json.array().size());
        QVERIFY(xmlTexts(xml.body, QStringLiteral("service_code")).contains(m_service));
    }

    void serviceDefinitions()
    {
        const Answer json =
            send("GET", QStringLiteral("/open311/v2/services/%1.json").arg(m_service));
        QCOMPARE(json.status, 200);
        const QJsonObject definition = QJsonDocument::fromJson(json.body).object();
        QCOMPARE(definition.value(QLatin1String("service_code")).toString(), m_service);
        const QJsonArray attributes = definition.value(QLatin1String("attributes")).toArray();
        QCOMPARE(attributes.size(), 3);
        QCOMPARE(attributes.first().toObject().value(QLatin1String("code")).toString(),
            QStringLiteral("SIDE"));
        QCOMPARE(attributes.first().toObject().value(QLatin1String("values")).toArray().size(), 2);

        const Answer xml =
            send("GET", QStringLiteral("/open311/v2/services/%1.xml").arg(m_service));
        QCOMPARE(xml.status, 200);
        QCOMPARE(xmlTexts(xml.body, QStringLiteral("code")),
            (QStringList {
                QStringLiteral("SIDE"), QStringLiteral("COUNT"), QStringLiteral("KINDS")}));
        QCOMPARE(xmlTexts(xml.body, QStringLiteral("key")),
            (QStringList {QStringLiteral("n"), QStringLiteral("s"), QStringLiteral("a"),
                QStringLiteral("b")}));

        const Answer none = send("GET", QStringLiteral("/open311/v2/services/NO_SUCH.xml"));
        QCOMPARE(none.status, 404);
        QCOMPARE(xmlTexts(none.body, QStringLiteral("code")), QStringList {QStringLiteral("404")});
        const Answer csv = send("GET", QStringLiteral("/open311/v2/services.csv"));
        QCOMPARE(csv.status, 400);
        QVERIFY2(csv.error().contains(QLatin1String("services.json")), csv.body.constData());
        QCOMPARE(send("GET", QStringLiteral("/open311/v2/tokens.json")).status, 404);
    }

    void administratorSetsAttributes()
    {
        const auto run = [this](const QStringList &arguments) {
            QProcess command;
            command.start(QStringLiteral(GRIDDESK_SERVER),
                QStringList {QStringLiteral("service-attributes"), QStringLiteral("--db"), m_store,
                    m_plainService}
                    + arguments);
            command.waitForFinished(60'000);
            return std::pair(command.exitCode(),
                QString::fromUtf8(
                    command.readAllStandardOutput() + command.readAllStandardError()));
        };
        QFile file(path(QStringLiteral("attributes.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"([{"code": "DEPTH", "datatype": "number", "required": true,
                        "description": "How deep, in cm?"}])");
        file.close();
        const auto set = run({QStringLiteral("--file"), file.fileName()});
        QVERIFY2(set.first == 0, qPrintable(set.second));
        const QString definition =
            QStringLiteral("/open311/v2/services/%1.json").arg(m_plainService);
        const QJsonArray attributes = QJsonDocument::fromJson(send("GET", definition).body)
                                          .object()
                                          .value(QLatin1String("attributes"))
                                          .toArray();
        QCOMPARE(attributes.size(), 1);
        QCOMPARE(attributes.first().toObject().value(QLatin1String("code")).toString(),
            QStringLiteral("DEPTH"));
        const auto shown = run({});
        QCOMPARE(shown.first, 0);
        QVERIFY2(shown.second.contains(QLatin1String("DEPTH")), qPrintable(shown.second));

        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(R"([{"code": "DEPTH", "datatype": "depth"}])");
        file.close();
        const auto wrong = run({QStringLiteral("--file"), file.fileName()});
        QVERIFY(wrong.first != 0);
        QVERIFY2(wrong.second.contains(QLatin1String("datatype")), qPrintable(wrong.second));

        const auto cleared = run({QStringLiteral("--clear")});
        QVERIFY2(cleared.first == 0, qPrintable(cleared.second));
        QVERIFY(QJsonDocument::fromJson(send("GET", definition).body)
                    .object()
                    .value(QLatin1String("attributes"))
                    .toArray()
                    .isEmpty());
        QVERIFY(run({QStringLiteral("--clear")}).first != 0);
    }

    void postedRequestBecomesAReportedCase()
    {
        const QByteArray body = form("&attribute[KINDS][]=a&attribute[KINDS][]=b"
                                     "&attribute[COUNT]=2&description=Glass+on+the+sidewalk"
                                     "&address_string=W+34th+St&address_id=A-77"
                                     "&media_url=https%3A%2F%2Fphotos.example%2F1.jpg"
                                     "&email=ann%40example.org&first_name=Ann&last_name=Lee"
                                     "&phone=555-0100&device_id=phone-9&account_id=acc-3");
        const Answer answer = post(body);
        QCOMPARE(answer.status, 200);
        const QJsonObject created = answer.first();
        QVERIFY(created.value(QLatin1String("service_request_id")).isString());
        const QString id = created.value(QLatin1String("service_request_id")).toString();
        QVERIFY(!id.isEmpty());
        QCOMPARE(created.value(QLatin1String("service_notice")).toString(),
            QStringLiteral("Crews look within two working days."));

        auto workspace = store();
        QCOMPARE(scalar(*workspace,
                     QStringLiteral("SELECT state FROM cases WHERE source = 'open311' AND "
                                    "external_id = '%1'")
                         .arg(id))
                     .toString(),
            QStringLiteral("reported"));
        QCOMPARE(scalar(*workspace,
                     QStringLiteral("SELECT category FROM cases WHERE source = 'open311' AND "
                                    "external_id = '%1'")
                         .arg(id))
                     .toString(),
            m_service);
        const QJsonObject data = reportData(id);
        const QJsonObject intake = data.value(QLatin1String("intake")).toObject();
        QCOMPARE(intake.value(QLatin1String("client")).toString(), QStringLiteral("city-app"));
        QVERIFY(intake.value(QLatin1String("received_at")).toString().endsWith(u'Z'));
        const QString payload = intake.value(QLatin1String("payload")).toString();
        QVERIFY2(payload.contains(QLatin1String("description=Glass+on+the+sidewalk")),
            qPrintable(payload));
        for (const char *secret :
            {"ann%40example.org", "Ann", "Lee", "555-0100", "phone-9", "acc-3"})
            QVERIFY2(!payload.contains(QLatin1String(secret)), secret);
        QVERIFY(!payload.contains(m_cityKey));
        QVERIFY(payload.contains(QLatin1String("email=REDACTED")));
        const QJsonObject contact = data.value(QLatin1String("contact")).toObject();
        QCOMPARE(
            contact.value(QLatin1String("email")).toString(), QStringLiteral("ann@example.org"));
        QCOMPARE(contact.value(QLatin1String("phone")).toString(), QStringLiteral("555-0100"));
        const QJsonObject attributes = data.value(QLatin1String("attributes")).toObject();
        QCOMPARE(attributes.value(QLatin1String("SIDE")).toString(), QStringLiteral("n"));
        QCOMPARE(attributes.value(QLatin1String("KINDS")).toArray(),
            QJsonArray({QStringLiteral("a"), QStringLiteral("b")}));

        // Read back in both formats, by anyone: the public sees status, never the contact.
        const Answer json = send("GET", QStringLiteral("/open311/v2/requests/%1.json").arg(id));
        QCOMPARE(json.status, 200);
        const QJsonObject request = json.first();
        QCOMPARE(request.value(QLatin1String("service_request_id")).toString(), id);
        QCOMPARE(request.value(QLatin1String("status")).toString(), QStringLiteral("open"));
        QCOMPARE(request.value(QLatin1String("service_code")).toString(), m_service);
        QCOMPARE(request.value(QLatin1String("service_name")).toString(), m_serviceName);
        QCOMPARE(request.value(QLatin1String("description")).toString(),
            QStringLiteral("Glass on the sidewalk"));
        QCOMPARE(request.value(QLatin1String("address")).toString(), QStringLiteral("W 34th St"));
        QCOMPARE(request.value(QLatin1String("address_id")).toString(), QStringLiteral("A-77"));
        QCOMPARE(request.value(QLatin1String("media_url")).toString(),
            QStringLiteral("https://photos.example/1.jpg"));
        QCOMPARE(request.value(QLatin1String("lat")).toDouble(), 40.75);
        QCOMPARE(request.value(QLatin1String("long")).toDouble(), -73.98);
        QVERIFY(!request.value(QLatin1String("requested_datetime")).toString().isEmpty());
        QVERIFY(!json.body.contains("ann@example.org"));

        const Answer xml = send("GET", QStringLiteral("/open311/v2/requests/%1.xml").arg(id));
        QCOMPARE(xml.status, 200);
        QCOMPARE(xmlTexts(xml.body, QStringLiteral("service_request_id")), QStringList {id});
        QCOMPARE(
            xmlTexts(xml.body, QStringLiteral("status")), QStringList {QStringLiteral("open")});
        QCOMPARE(xmlTexts(xml.body, QStringLiteral("lat")), QStringList {QStringLiteral("40.75")});

        const Answer unknown = send("GET", QStringLiteral("/open311/v2/requests/999999.json"));
        QCOMPARE(unknown.status, 404);
    }

    void postAnsweredInXml()
    {
        const Answer answer = post(form("&description=In+XML"), QStringLiteral("xml"));
        QCOMPARE(answer.status, 200);
        QVERIFY(answer.contentType.startsWith("text/xml"));
        const QStringList ids = xmlTexts(answer.body, QStringLiteral("service_request_id"));
        QCOMPARE(ids.size(), 1);
        QCOMPARE(xmlTexts(answer.body, QStringLiteral("account_id")), QStringList {QString()});
        const Answer back =
            send("GET", QStringLiteral("/open311/v2/requests/%1.json").arg(ids.first()));
        QCOMPARE(
            back.first().value(QLatin1String("description")).toString(), QStringLiteral("In XML"));
    }

    void queriesRequests()
    {
        const QString first = post(form("&description=First"))
                                  .first()
                                  .value(QLatin1String("service_request_id"))
                                  .toString();
        const QString second = post(form("&description=Second"))
                                   .first()
                                   .value(QLatin1String("service_request_id"))
                                   .toString();
        const QString plain = post("api_key=" + encoded(m_cityKey) + "&service_code="
            + encoded(m_plainService) + "&address_string=Somewhere&description=Plain")
                                  .first()
                                  .value(QLatin1String("service_request_id"))
                                  .toString();
        QVERIFY(!first.isEmpty() && !second.isEmpty() && !plain.isEmpty());

        const auto ids = [](const Answer &answer) {
            QStringList found;
            for (const QJsonValue &request : answer.array())
                found << request.toObject().value(QLatin1String("service_request_id")).toString();
            return found;
        };
        const Answer listed = send("GET",
            QStringLiteral("/open311/v2/requests.json?service_request_id=%1,%2")
                .arg(first, second));
        QCOMPARE(listed.status, 200);
        QCOMPARE(ids(listed), (QStringList {second, first}));

        const Answer all = send("GET", QStringLiteral("/open311/v2/requests.json"));
        QVERIFY(ids(all).contains(first) && ids(all).contains(plain));
        const Answer byService = send(
            "GET", QStringLiteral("/open311/v2/requests.json?service_code=%1").arg(m_plainService));
        QCOMPARE(ids(byService), QStringList {plain});
        const Answer xml = send(
            "GET", QStringLiteral("/open311/v2/requests.xml?service_code=%1").arg(m_plainService));
        QCOMPARE(xmlTexts(xml.body, QStringLiteral("service_request_id")), QStringList {plain});

        // Only cases that came through Open311: the sample's imported 311 cases are not read.
        QString imported;
        {
            auto workspace = store();
            imported = scalar(*workspace,
                QStringLiteral("SELECT external_id FROM cases WHERE source <> 'open311' LIMIT 1"))
                           .toString();
        }
        QVERIFY(!imported.isEmpty());
        QCOMPARE(
            send("GET", QStringLiteral("/open311/v2/requests/%1.json").arg(imported)).status, 404);
        QCOMPARE(ids(send("GET",
                     QStringLiteral("/open311/v2/requests.json?service_request_id=") + imported)),
            QStringList());

        const QString past =
            QStringLiteral("start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00Z");
        QCOMPARE(
            ids(send("GET", QStringLiteral("/open311/v2/requests.json?") + past)), QStringList());
        const Answer tooLong = send("GET",
            QStringLiteral("/open311/v2/requests.json?start_date=2020-01-01T00:00:00Z"
                           "&end_date=2020-06-01T00:00:00Z"));
        QCOMPARE(tooLong.status, 400);
        QVERIFY(tooLong.error().contains(QLatin1String("90")));
        QCOMPARE(
            send("GET", QStringLiteral("/open311/v2/requests.json?start_date=yesterday")).status,
            400);
        QCOMPARE(
            send("GET", QStringLiteral("/open311/v2/requests.json?status=pending")).status, 400);
        QVERIFY(ids(send("GET", QStringLiteral("/open311/v2/requests.json?status=open,closed")))
                    .contains(first));
    }

    void closedCasesAreClosedWithTheirNotes()
    {
        const QString id = post(form("&description=To+reject"))
                               .first()
                               .value(QLatin1String("service_request_id"))
                               .toString();
        {
            auto workspace = store();
            auto setup = WorkflowSetup::load(*workspace);
            QVERIFY(setup.has_value());
            CaseBook book(*workspace, *setup);
            auto caseIds = book.casesWithExternalId(id);
            QVERIFY(caseIds.has_value());
            qint64 caseId = 0;
            for (qint64 candidate : *caseIds) {
                if (book.record(candidate)->source == QLatin1String("open311"))
                    caseId = candidate;
            }
            QVERIFY(caseId > 0);
            const auto chen = setup->user(QStringLiteral("Operator Chen"));
            QVERIFY(chen.has_value());
            ActionRequest reject;
            reject.action = CaseAction::Reject;
            reject.basedOnVersion = 1;
            reject.actor = QStringLiteral("Operator Chen");
            reject.role = Role::Operator;
            reject.actorUnit = chen->unitCode;
            const QDateTime now = QDateTime::currentDateTime();
            reject.at = CaseTime::withOffset(
                now.date(), now.time().addMSecs(-now.time().msec()), now.offsetFromUtc());
            reject.reason = QStringLiteral("Duplicate request.");
            auto rejected = book.act(caseId, reject);
            QVERIFY2(rejected.has_value(), why(rejected).constData());
        }
        const QJsonObject request =
            send("GET", QStringLiteral("/open311/v2/requests/%1.json").arg(id)).first();
        QCOMPARE(request.value(QLatin1String("status")).toString(), QStringLiteral("closed"));
        QCOMPARE(request.value(QLatin1String("status_notes")).toString(),
            QStringLiteral("Duplicate request."));
        QVERIFY(request.value(QLatin1String("expected_datetime")).isNull());

        const auto listed = [this](const QString &status) {
            QStringList found;
            const Answer answer =
                send("GET", QStringLiteral("/open311/v2/requests.json?status=") + status);
            for (const QJsonValue &request : answer.array())
                found << request.toObject().value(QLatin1String("service_request_id")).toString();
            return found;
        };
        QVERIFY(listed(QStringLiteral("closed")).contains(id));
        QVERIFY(!listed(QStringLiteral("open")).contains(id));
    }

    void jurisdictionsHoldClientsAndReads()
    {
        // The Manhattan app files in Manhattan, under its jurisdiction or none named.
        const QByteArray manhattan = "api_key=" + encoded(m_manhattanKey)
            + "&service_code=" + encoded(m_plainService) + "&description=Manhattan&";
        const Answer named =
            post(manhattan + MANHATTAN + "&jurisdiction_id=" + encoded(MANHATTAN_JURISDICTION));
        QCOMPARE(named.status, 200);
        const QString inManhattan =
            named.first().value(QLatin1String("service_request_id")).toString();
        QCOMPARE(post(manhattan + MANHATTAN).status, 200);

        expectRefused(manhattan + MANHATTAN + "&jurisdiction_id=brooklyn.example.org", 403,
            QStringLiteral("jurisdiction"), MANHATTAN_JURISDICTION);
        expectRefused(manhattan + BROOKLYN, 403, QStringLiteral("outside_jurisdiction"),
            QStringLiteral("outside"));

        // Reads under a jurisdiction see its unit's cases only.
        const QString inBrooklyn = post(form("&description=Brooklyn", BROOKLYN))
                                       .first()
                                       .value(QLatin1String("service_request_id"))
                                       .toString();
        QVERIFY(!inBrooklyn.isEmpty());
        const QString scoped =
            QStringLiteral("/open311/v2/requests.json?jurisdiction_id=") + MANHATTAN_JURISDICTION;
        const QByteArray body = send("GET", scoped).body;
        QVERIFY(body.contains(inManhattan.toUtf8()));
        QVERIFY(!body.contains(("\"" + inBrooklyn + "\"").toUtf8()));
        QCOMPARE(send("GET",
                     QStringLiteral("/open311/v2/requests/%1.json?jurisdiction_id=%2")
                         .arg(inBrooklyn, MANHATTAN_JURISDICTION))
                     .status,
            404);
        const Answer unknown =
            send("GET", QStringLiteral("/open311/v2/services.json?jurisdiction_id=nowhere"));
        QCOMPARE(unknown.status, 404);
        QVERIFY(unknown.error().contains(QLatin1String("nowhere")));
    }

    void heldFeedIsAnsweredWhenARequestComes()
    {
        const RawAnswer login =
            rawRequest(m_server->url(), m_trusted, "POST", QStringLiteral("/v1/login"),
                QJsonDocument(QJsonObject {{QStringLiteral("user"), QStringLiteral("chen")},
                                  {QStringLiteral("password"), QString::fromUtf8(PASSWORD)}})
                    .toJson());
        const QByteArray token = login.json.value(QLatin1String("token")).toString().toLatin1();
        QVERIFY2(!token.isEmpty(), login.json.value(QLatin1String("message")).toString().toUtf8());
        qint64 end = 0;
        {
            auto workspace = store();
            end =
                scalar(*workspace, QStringLiteral("SELECT max(id) FROM case_events")).toLongLong();
        }

        std::optional<RawAnswer> page;
        std::atomic<qint64> waitedMs = 0;
        const QUrl server = m_server->url();
        const QList<QSslCertificate> trusted = m_trusted;
        std::unique_ptr<QThread> waiting(QThread::create([&] {
            QElapsedTimer clock;
            clock.start();
            page = rawRequest(server, trusted, "GET",
                QStringLiteral("/v1/feed?after=%1&wait=30").arg(end), {}, token);
            waitedMs = clock.elapsed();
        }));
        waiting->start();
        QTest::qWait(1'500);
        const Answer filed = post(form("&description=Seen+at+once"));
        QCOMPARE(filed.status, 200);
        QVERIFY(waiting->wait(40'000));
        QVERIFY(page.has_value());
        QCOMPARE(page->status, 200);
        QVERIFY2(waitedMs < 20'000, QByteArray::number(qint64(waitedMs)).constData());
        const QJsonArray cases = page->json.value(QLatin1String("cases")).toArray();
        QVERIFY(!cases.isEmpty());
        QVERIFY(QJsonDocument(cases).toJson().contains("open311"));
    }

    void keysAreChecked()
    {
        const QByteArray rest =
            "&service_code=" + encoded(m_plainService) + "&address_string=Somewhere";
        expectRefused(rest.mid(1), 403, QStringLiteral("unauthorized"), QStringLiteral("api_key"));
        expectRefused("api_key=not-a-key" + rest, 403, QStringLiteral("unauthorized"),
            QStringLiteral("api_key"));
        expectRefused("api_key=" + encoded(m_revokedKey) + rest, 403,
            QStringLiteral("unauthorized"), QStringLiteral("api_key"));
        expectRefused("api_key=" + encoded(m_alarmKey) + rest, 403, QStringLiteral("unauthorized"),
            QStringLiteral("api_key"));
        // In XML too, as the specification's errors.
        const Answer xml = post(rest.mid(1), QStringLiteral("xml"));
        QCOMPARE(xml.status, 403);
        QCOMPARE(xmlTexts(xml.body, QStringLiteral("code")), QStringList {QStringLiteral("403")});
        QCOMPARE(xmlTexts(xml.body, QStringLiteral("description")).size(), 1);
        // A key in the query string is taken as well.
        const Answer inQuery = send("POST",
            QStringLiteral("/open311/v2/requests.json?api_key=") + encoded(m_cityKey), rest.mid(1));
        QCOMPARE(inQuery.status, 200);
    }

    void badRequestsAreRefusedAndCounted()
    {
        const QByteArray key = "api_key=" + encoded(m_cityKey);
        expectRefused(key + "&service_code=NO_SUCH&address_id=1", 400,
            QStringLiteral("unknown_service"), QStringLiteral("NO_SUCH"));
        expectRefused(key + "&service_code=" + encoded(m_service) + '&' + MANHATTAN, 400,
            QStringLiteral("invalid"), QStringLiteral("SIDE"));
        expectRefused(form("&attribute[COUNT]=lots"), 400, QStringLiteral("invalid"),
            QStringLiteral("COUNT"));
        expectRefused(
            form("", "lat=140&long=-73.98"), 400, QStringLiteral("invalid"), QStringLiteral("lat"));
        expectRefused(
            form("", "lat=40.7&long=east"), 400, QStringLiteral("invalid"), QStringLiteral("long"));
        expectRefused(form("", "description=nowhere"), 400, QStringLiteral("invalid"),
            QStringLiteral("location"));
        expectRefused(
            form("&description=%FF%FE"), 400, QStringLiteral("malformed"), QStringLiteral("UTF-8"));
        expectRefused("{\"service_code\": \"1\"}", 415, QStringLiteral("unsupported_type"),
            QStringLiteral("application/json"), "application/json");
        expectRefused(
            "garbage-without-fields", 400, QStringLiteral("malformed"), QStringLiteral("form"));
        expectRefused(form("&description=" + QByteArray(70 * 1024, 'x')), 413,
            QStringLiteral("too_large"), QStringLiteral("bytes"));
        expectRefused(form("&description=" + QByteArray(5000, 'x')), 400, QStringLiteral("invalid"),
            QStringLiteral("description"));
    }

    void hostileTextIsKeptSafe()
    {
        const QString hostile = QStringLiteral("<script>&amp;</script> \"q\" 'a' ]]> x");
        const Answer answer =
            post(form("&description=" + encoded(hostile) + "%01%02%1B%5B2J%0Anext"));
        QCOMPARE(answer.status, 200);
        const QString id = answer.first().value(QLatin1String("service_request_id")).toString();
        const QString expected = hostile + QStringLiteral("[2J\nnext");

        const Answer xml = send("GET", QStringLiteral("/open311/v2/requests/%1.xml").arg(id));
        QCOMPARE(xml.status, 200);
        QCOMPARE(xmlTexts(xml.body, QStringLiteral("description")), QStringList {expected});
        QVERIFY(!xml.body.contains("<script>"));
        const Answer json = send("GET", QStringLiteral("/open311/v2/requests/%1.json").arg(id));
        QCOMPARE(json.first().value(QLatin1String("description")).toString(), expected);

        // An id or code full of markup is answered, escaped, as not found.
        const Answer markup = send("GET", QStringLiteral("/open311/v2/requests/%3Cx%3E%26.xml"));
        QCOMPARE(markup.status, 404);
        QCOMPARE(
            xmlTexts(markup.body, QStringLiteral("code")), QStringList {QStringLiteral("404")});
    }
};

GRIDDESK_TEST_MAIN(TestOpen311Server, QCoreApplication)
#include "tst_open311server.moc"
