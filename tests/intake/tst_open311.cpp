// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors

// Open311 GeoReport v2 without a server: service request forms read and refused, attributes
// checked against a service definition, and every response written in JSON and XML and read
// back against the structure of the specification's examples.

#include "intake/open311.h"
#include "intake/open311writer.h"

#include "support/testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QXmlStreamReader>

using namespace GridDesk;
using namespace GridDesk::Open311;

namespace {

/// An XML document as "path=text" lines, one per element with text (or none), in document
/// order; "!error" when it does not parse.
QStringList xmlLines(const QByteArray &xml)
{
    QStringList lines;
    QStringList path;
    QString text;
    bool leaf = false; ///< the element open last has no children so far
    QXmlStreamReader reader(xml);
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.isStartElement()) {
            path << reader.name().toString();
            text.clear();
            leaf = true;
        } else if (reader.isCharacters()) {
            text += reader.text();
        } else if (reader.isEndElement()) {
            if (leaf)
                lines << path.join(u'/') + u'=' + text;
            leaf = false;
            path.removeLast();
        }
    }
    if (reader.hasError())
        lines << QStringLiteral("!error ") + reader.errorString();
    return lines;
}

QJsonArray jsonArray(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isArray())
        qWarning("not a JSON array: %s", json.constData());
    return document.array();
}

/// The service definition of the specification's example: a list of car makes.
QList<ServiceAttribute> makes()
{
    ServiceAttribute make;
    make.code = QStringLiteral("WHISHETN");
    make.datatype = Datatype::SingleValueList;
    make.required = true;
    make.order = 1;
    make.description = QStringLiteral("What is the ticket/tag/DL number?");
    make.values = {{QStringLiteral("123"), QStringLiteral("Ford")},
        {QStringLiteral("124"), QStringLiteral("Chrysler")}};
    return {make};
}

/// A service asking one thing of each datatype.
QList<ServiceAttribute> everyDatatype()
{
    QList<ServiceAttribute> attributes;
    const auto add = [&](const char *code, Datatype datatype, bool required) {
        ServiceAttribute attribute;
        attribute.code = QLatin1String(code);
        attribute.datatype = datatype;
        attribute.required = required;
        attribute.order = int(attributes.size()) + 1;
        attribute.description = QLatin1String(code);
        if (datatype == Datatype::SingleValueList || datatype == Datatype::MultiValueList)
            attribute.values = {{QStringLiteral("a"), QStringLiteral("A")},
                {QStringLiteral("b"), QStringLiteral("B")},
                {QStringLiteral("c"), QStringLiteral("C")}};
        attributes << attribute;
    };
    add("SIDE", Datatype::SingleValueList, true);
    add("KINDS", Datatype::MultiValueList, false);
    add("COUNT", Datatype::Number, false);
    add("SEEN", Datatype::Datetime, false);
    add("PLATE", Datatype::String, false);
    add("NOTES", Datatype::Text, false);
    ServiceAttribute info;
    info.code = QStringLiteral("INFO");
    info.variable = false;
    info.description = QStringLiteral("Crews come within two days.");
    attributes << info;
    return attributes;
}

} // namespace

class TestOpen311 : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsForms()
    {
        const QByteArray body = "api_key=k%2By&jurisdiction_id=city.example&service_code=001"
                                "&lat=40.75&long=-73.98&address_string=8th+Ave+%26+W+34th+St"
                                "&description=Pothole+%E5%9D%91&media_url=https%3A%2F%2Fe.example"
                                "%2Fp.jpg&attribute%5BSIDE%5D=a&attribute[KINDS][]=a"
                                "&attribute[KINDS][]=c&future_field=kept+aside";
        const auto form = readServiceRequest(body);
        QVERIFY2(form.has_value(), qPrintable(form ? QString() : form.error().description));
        QCOMPARE(form->apiKey, QStringLiteral("k+y"));
        QCOMPARE(form->jurisdictionId, QStringLiteral("city.example"));
        QCOMPARE(form->serviceCode, QStringLiteral("001"));
        QVERIFY(form->location.has_value());
        QCOMPARE(form->location->lat, 40.75);
        QCOMPARE(form->location->lon, -73.98);
        QCOMPARE(form->addressString, QStringLiteral("8th Ave & W 34th St"));
        QCOMPARE(form->description, QStringLiteral("Pothole 坑"));
        QCOMPARE(form->mediaUrl, QStringLiteral("https://e.example/p.jpg"));
        QCOMPARE(form->attributes.value(QStringLiteral("SIDE")), QStringList {QStringLiteral("a")});
        QCOMPARE(form->attributes.value(QStringLiteral("KINDS")),
            (QStringList {QStringLiteral("a"), QStringLiteral("c")}));
    }

    void redactsPersonalData()
    {
        const QByteArray body = "service_code=001&address_id=77&email=ann%40example.org"
                                "&first_name=Ann&last_name=Lee&phone=555+0100&device_id=D1"
                                "&account_id=A9&api_key=secret&description=Lamp+out";
        const auto form = readServiceRequest(body);
        QVERIFY(form.has_value());
        QCOMPARE(form->email, QStringLiteral("ann@example.org"));
        QCOMPARE(form->redactedBody,
            QByteArray("service_code=001&address_id=77&email=REDACTED&first_name=REDACTED"
                       "&last_name=REDACTED&phone=REDACTED&device_id=REDACTED"
                       "&account_id=REDACTED&api_key=REDACTED&description=Lamp+out"));
    }

    void takesControlCharactersOut()
    {
        const auto form = readServiceRequest(
            "service_code=1&address_id=2&description=a%01b%1B%5B31m%7F%0Aline+two%09tab");
        QVERIFY(form.has_value());
        QCOMPARE(form->description, QStringLiteral("ab[31m\nline two\ttab"));
    }

    void refusesForms_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("reason");
        QTest::addColumn<QString>("mentions");
        const QByteArray ok = "service_code=1&lat=1&long=2";
        QTest::newRow("empty") << QByteArray() << "malformed"
                               << "no form fields";
        QTest::newRow("json") << QByteArray("{\"service_code\": \"1\"}") << "malformed"
                              << "name=value";
        QTest::newRow("not utf-8") << QByteArray(ok + "&description=%FF%FE") << "malformed"
                                   << "UTF-8";
        QTest::newRow("field twice") << QByteArray(ok + "&service_code=2") << "malformed"
                                     << "service_code";
        QTest::newRow("attribute cut off") << QByteArray(ok + "&attribute[SIDE=a") << "malformed"
                                           << "attribute[CODE]";
        QTest::newRow("attribute with a tail")
            << QByteArray(ok + "&attribute[SIDE]x=a") << "malformed"
            << "attribute[CODE]";
        QTest::newRow("single attribute twice")
            << QByteArray(ok + "&attribute[SIDE]=a&attribute[SIDE]=b") << "malformed"
            << "SIDE";
        QTest::newRow("no service") << QByteArray("lat=1&long=2") << "invalid"
                                    << "service_code";
        QTest::newRow("no location") << QByteArray("service_code=1&description=x") << "invalid"
                                     << "location";
        QTest::newRow("lat alone") << QByteArray("service_code=1&lat=1") << "invalid"
                                   << "long";
        QTest::newRow("lat beyond the pole")
            << QByteArray("service_code=1&lat=90.5&long=2") << "invalid"
            << "lat";
        QTest::newRow("long not a number")
            << QByteArray("service_code=1&lat=1&long=east") << "invalid"
            << "long";
        QTest::newRow("long infinite") << QByteArray("service_code=1&lat=1&long=inf") << "invalid"
                                       << "long";
        QTest::newRow("lat nan") << QByteArray("service_code=1&lat=nan&long=1") << "invalid"
                                 << "lat";
        QTest::newRow("script media")
            << QByteArray(ok + "&media_url=javascript%3Aalert(1)") << "invalid"
            << "media_url";
        QTest::newRow("long description")
            << QByteArray(ok + "&description=" + QByteArray(4001, 'x')) << "invalid"
            << "description";
        QTest::newRow("long address")
            << QByteArray("service_code=1&address_string=" + QByteArray(501, 'x')) << "invalid"
            << "address_string";
        QTest::newRow("too many fields")
            << QByteArray(ok + QByteArray("&x=1").repeated(400)) << "invalid"
            << "fields";
    }

    void refusesForms()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, reason);
        QFETCH(QString, mentions);
        const auto form = readServiceRequest(body);
        QVERIFY(!form.has_value());
        QCOMPARE(form.error().status, 400);
        QCOMPARE(form.error().reason, reason);
        QVERIFY2(form.error().description.contains(mentions), qPrintable(form.error().description));
    }

    void checksAttributes_data()
    {
        QTest::addColumn<QByteArray>("attributes");
        QTest::addColumn<QString>("refusal"); ///< what the refusal names; empty when taken
        QTest::addColumn<QByteArray>("kept"); ///< the details' "attributes", as JSON
        QTest::newRow("required only")
            << QByteArray("&attribute[SIDE]=b") << QString() << QByteArray(R"({"SIDE":"b"})");
        QTest::newRow("every datatype")
            << QByteArray("&attribute[SIDE]=a&attribute[KINDS][]=c&attribute[KINDS][]=a"
                          "&attribute[KINDS][]=c&attribute[COUNT]=3.5"
                          "&attribute[SEEN]=2026-12-05T08:30:00%2B08:00&attribute[PLATE]=AB1"
                          "&attribute[NOTES]=two%0Alines")
            << QString()
            << QByteArray(R"({"COUNT":"3.5","KINDS":["c","a"],"NOTES":"two\nlines",)"
                          R"("PLATE":"AB1","SEEN":"2026-12-05T08:30:00+08:00","SIDE":"a"})");
        QTest::newRow("required missing") << QByteArray() << "SIDE" << QByteArray();
        QTest::newRow("required empty")
            << QByteArray("&attribute[SIDE]=") << "SIDE" << QByteArray();
        QTest::newRow("unknown code")
            << QByteArray("&attribute[SIDE]=a&attribute[COLOR]=red") << "COLOR" << QByteArray();
        QTest::newRow("information only")
            << QByteArray("&attribute[SIDE]=a&attribute[INFO]=x") << "INFO" << QByteArray();
        QTest::newRow("not a choice") << QByteArray("&attribute[SIDE]=z") << "z" << QByteArray();
        QTest::newRow("two for one") << QByteArray("&attribute[SIDE][]=a&attribute[SIDE][]=b")
                                     << "one value" << QByteArray();
        QTest::newRow("not a choice of many")
            << QByteArray("&attribute[SIDE]=a&attribute[KINDS][]=a&attribute[KINDS][]=q") << "q"
            << QByteArray();
        QTest::newRow("not a number")
            << QByteArray("&attribute[SIDE]=a&attribute[COUNT]=many") << "COUNT" << QByteArray();
        QTest::newRow("time without offset")
            << QByteArray("&attribute[SIDE]=a&attribute[SEEN]=2026-12-05T08:30:00") << "SEEN"
            << QByteArray();
        QTest::newRow("long string")
            << QByteArray("&attribute[SIDE]=a&attribute[PLATE]=" + QByteArray(1001, 'p')) << "PLATE"
            << QByteArray();
    }

    void checksAttributes()
    {
        QFETCH(QByteArray, attributes);
        QFETCH(QString, refusal);
        QFETCH(QByteArray, kept);
        const auto form = readServiceRequest("service_code=S1&address_id=9" + attributes);
        QVERIFY2(form.has_value(), qPrintable(form ? QString() : form.error().description));
        const auto checked = checkAttributes(*form, everyDatatype());
        if (refusal.isEmpty()) {
            QVERIFY2(
                checked.has_value(), qPrintable(checked ? QString() : checked.error().description));
            QCOMPARE(QJsonDocument(*checked).toJson(QJsonDocument::Compact), kept);
            return;
        }
        QVERIFY(!checked.has_value());
        QCOMPARE(checked.error().reason, QStringLiteral("invalid"));
        QVERIFY2(
            checked.error().description.contains(refusal), qPrintable(checked.error().description));
    }

    void readsServiceSettings()
    {
        const QByteArray json = R"({"service_notice": "Within two days.", "keywords": ["road"],
            "attributes": [
              {"code": "B", "datatype": "number", "order": 2, "description": "How many?"},
              {"code": "A", "datatype": "singlevaluelist", "required": true, "order": 1,
               "values": [{"key": 1, "name": "One"}, {"key": "2", "name": "Two"}]}]})";
        const auto settings = readServiceSettings(json);
        QVERIFY2(settings.has_value(), Test::why(settings).constData());
        QCOMPARE(settings->notice, QStringLiteral("Within two days."));
        QCOMPARE(settings->attributes.size(), 2);
        QCOMPARE(settings->attributes.at(0).code, QStringLiteral("A"));
        QCOMPARE(settings->attributes.at(0).values.at(0).key, QStringLiteral("1"));
        QVERIFY(settings->attributes.at(1).variable);

        const auto again = readServiceSettings(serviceSettingsJson(*settings));
        QVERIFY(again.has_value());
        QCOMPARE(serviceSettingsJson(*again), serviceSettingsJson(*settings));
        const auto bare = readServiceSettings(R"([{"code": "X", "datatype": "text"}])");
        QVERIFY(bare.has_value());
        QCOMPARE(bare->attributes.value(0).datatype, Datatype::Text);
    }

    void refusesServiceSettings_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("not JSON") << QByteArray("attributes:") << "JSON";
        QTest::newRow("no code") << QByteArray(R"([{"datatype": "text"}])") << "code";
        QTest::newRow("bad datatype")
            << QByteArray(R"([{"code": "A", "datatype": "colour"}])") << "datatype";
        QTest::newRow("list without values")
            << QByteArray(R"([{"code": "A", "datatype": "multivaluelist"}])") << "values";
        QTest::newRow("same key twice")
            << QByteArray(R"([{"code": "A", "datatype": "singlevaluelist", "values":)"
                          R"([{"key": "1", "name": "x"}, {"key": "1", "name": "y"}]}])")
            << "key";
        QTest::newRow("same code twice") << QByteArray(
            R"([{"code": "A", "datatype": "text"}, {"code": "A", "datatype": )"
            R"("number"}])") << "A";
        QTest::newRow("order zero") << QByteArray(R"([{"code": "A", "datatype": "text", )"
                                                  R"("order": 0}])")
                                    << "order";
    }

    void refusesServiceSettings()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, mentions);
        const auto settings = readServiceSettings(json);
        QVERIFY(!settings.has_value());
        QVERIFY2(settings.error().message.contains(mentions), qPrintable(settings.error().message));
    }

    void writesServices()
    {
        Service pothole;
        pothole.code = QStringLiteral("001");
        pothole.name = QStringLiteral("Cans left out 24x7");
        pothole.description = QStringLiteral("Garbage or recycling cans left out.");
        pothole.metadata = true;
        pothole.keywords = {QStringLiteral("lorem"), QStringLiteral("ipsum")};
        pothole.group = QStringLiteral("sanitation");

        const QJsonArray json = jsonArray(servicesBody({pothole}, Format::Json).content);
        QCOMPARE(json.size(), 1);
        const QJsonObject service = json.first().toObject();
        QCOMPARE(service.value(QLatin1String("service_code")).toString(), QStringLiteral("001"));
        QCOMPARE(service.value(QLatin1String("metadata")).toBool(), true);
        QCOMPARE(service.value(QLatin1String("type")).toString(), QStringLiteral("realtime"));
        QCOMPARE(
            service.value(QLatin1String("keywords")).toString(), QStringLiteral("lorem, ipsum"));
        QCOMPARE(service.value(QLatin1String("group")).toString(), QStringLiteral("sanitation"));

        const Body xml = servicesBody({pothole}, Format::Xml);
        QCOMPARE(xml.contentType, QByteArray("text/xml; charset=utf-8"));
        QVERIFY(xml.content.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
        QCOMPARE(xmlLines(xml.content),
            QStringList({QStringLiteral("services/service/service_code=001"),
                QStringLiteral("services/service/service_name=Cans left out 24x7"),
                QStringLiteral("services/service/description=Garbage or recycling cans left out."),
                QStringLiteral("services/service/metadata=true"),
                QStringLiteral("services/service/type=realtime"),
                QStringLiteral("services/service/keywords=lorem, ipsum"),
                QStringLiteral("services/service/group=sanitation")}));
    }

    void writesServiceDefinitions()
    {
        const QJsonObject json = QJsonDocument::fromJson(
            definitionBody(QStringLiteral("DMV66"), makes(), Format::Json).content)
                                     .object();
        QCOMPARE(json.value(QLatin1String("service_code")).toString(), QStringLiteral("DMV66"));
        const QJsonObject attribute =
            json.value(QLatin1String("attributes")).toArray().first().toObject();
        QCOMPARE(attribute.value(QLatin1String("variable")).toBool(), true);
        QCOMPARE(attribute.value(QLatin1String("code")).toString(), QStringLiteral("WHISHETN"));
        QCOMPARE(attribute.value(QLatin1String("datatype")).toString(),
            QStringLiteral("singlevaluelist"));
        QCOMPARE(attribute.value(QLatin1String("required")).toBool(), true);
        QVERIFY(attribute.value(QLatin1String("datatype_description")).isNull());
        QCOMPARE(attribute.value(QLatin1String("order")).toInt(), 1);
        const QJsonArray values = attribute.value(QLatin1String("values")).toArray();
        QCOMPARE(values.size(), 2);
        QCOMPARE(
            values.at(1).toObject().value(QLatin1String("key")).toString(), QStringLiteral("124"));
        QCOMPARE(values.at(1).toObject().value(QLatin1String("name")).toString(),
            QStringLiteral("Chrysler"));

        const QString at = QStringLiteral("service_definition/attributes/attribute/");
        QCOMPARE(xmlLines(definitionBody(QStringLiteral("DMV66"), makes(), Format::Xml).content),
            QStringList({QStringLiteral("service_definition/service_code=DMV66"),
                at + QStringLiteral("variable=true"), at + QStringLiteral("code=WHISHETN"),
                at + QStringLiteral("datatype=singlevaluelist"),
                at + QStringLiteral("required=true"), at + QStringLiteral("datatype_description="),
                at + QStringLiteral("order=1"),
                at + QStringLiteral("description=What is the ticket/tag/DL number?"),
                at + QStringLiteral("values/value/key=123"),
                at + QStringLiteral("values/value/name=Ford"),
                at + QStringLiteral("values/value/key=124"),
                at + QStringLiteral("values/value/name=Chrysler")}));
    }

    void writesCreatedRequests()
    {
        const CreatedRequest created {QStringLiteral("293944"),
            QStringLiteral("The City will inspect within 24 hours."), QString()};
        const QJsonArray json = jsonArray(createdBody(created, Format::Json).content);
        QCOMPARE(json.size(), 1);
        const QJsonObject request = json.first().toObject();
        // Ids are strings, however numeric they look.
        QVERIFY(request.value(QLatin1String("service_request_id")).isString());
        QCOMPARE(request.value(QLatin1String("service_request_id")).toString(),
            QStringLiteral("293944"));
        QVERIFY(request.value(QLatin1String("account_id")).isNull());
        QCOMPARE(xmlLines(createdBody(created, Format::Xml).content),
            QStringList({QStringLiteral("service_requests/request/service_request_id=293944"),
                QStringLiteral("service_requests/request/service_notice=The City will inspect "
                               "within 24 hours."),
                QStringLiteral("service_requests/request/account_id=")}));
    }

    void writesServiceRequests()
    {
        ServiceRequestView request;
        request.id = QStringLiteral("638344");
        request.open = false;
        request.statusNotes = QStringLiteral("Duplicate request.");
        request.serviceName = QStringLiteral("Sidewalk and Curb Issues");
        request.serviceCode = QStringLiteral("006");
        request.requestedAt = QStringLiteral("2010-04-14T06:37:38-08:00");
        request.updatedAt = QStringLiteral("2010-04-14T06:37:38-08:00");
        request.expectedAt = QStringLiteral("2010-04-15T06:37:38-08:00");
        request.address = QStringLiteral("8TH AVE and JUDAH ST");
        request.addressId = QStringLiteral("545483");
        request.zipcode = QStringLiteral("94122");
        request.location = GeoPoint {-122.4651145, 37.762221815};
        request.mediaUrl =
            QStringLiteral("http://city.gov.s3.amazonaws.com/requests/media/638344.jpg");

        const QJsonObject json =
            jsonArray(requestsBody({request}, Format::Json).content).first().toObject();
        QCOMPARE(
            json.value(QLatin1String("service_request_id")).toString(), QStringLiteral("638344"));
        QCOMPARE(json.value(QLatin1String("status")).toString(), QStringLiteral("closed"));
        QCOMPARE(json.value(QLatin1String("service_code")).toString(), QStringLiteral("006"));
        QCOMPARE(json.value(QLatin1String("lat")).toDouble(), 37.762221815);
        QCOMPARE(json.value(QLatin1String("long")).toDouble(), -122.4651145);
        QVERIFY(json.value(QLatin1String("description")).isNull());
        QVERIFY(json.value(QLatin1String("agency_responsible")).isNull());

        const QString at = QStringLiteral("service_requests/request/");
        QCOMPARE(xmlLines(requestsBody({request}, Format::Xml).content),
            QStringList({at + QStringLiteral("service_request_id=638344"),
                at + QStringLiteral("status=closed"),
                at + QStringLiteral("status_notes=Duplicate request."),
                at + QStringLiteral("service_name=Sidewalk and Curb Issues"),
                at + QStringLiteral("service_code=006"), at + QStringLiteral("description="),
                at + QStringLiteral("agency_responsible="), at + QStringLiteral("service_notice="),
                at + QStringLiteral("requested_datetime=2010-04-14T06:37:38-08:00"),
                at + QStringLiteral("updated_datetime=2010-04-14T06:37:38-08:00"),
                at + QStringLiteral("expected_datetime=2010-04-15T06:37:38-08:00"),
                at + QStringLiteral("address=8TH AVE and JUDAH ST"),
                at + QStringLiteral("address_id=545483"), at + QStringLiteral("zipcode=94122"),
                at + QStringLiteral("lat=37.762221815"), at + QStringLiteral("long=-122.4651145"),
                at
                    + QStringLiteral(
                        "media_url=http://city.gov.s3.amazonaws.com/requests/media/638344.jpg")}));
        QCOMPARE(xmlLines(requestsBody({}, Format::Xml).content),
            QStringList {QStringLiteral("service_requests=")});
        QCOMPARE(jsonArray(requestsBody({}, Format::Json).content).size(), 0);
    }

    void writesDiscovery()
    {
        Discovery discovery;
        discovery.changeset = QDateTime(QDate(2011, 4, 5), QTime(17, 48, 34), Qt::UTC);
        discovery.keyService = QStringLiteral("Ask for a key.");
        discovery.url = QStringLiteral("https://127.0.0.1:8443/open311/v2/");
        const QJsonObject json =
            QJsonDocument::fromJson(discoveryBody(discovery, Format::Json).content).object();
        QCOMPARE(json.value(QLatin1String("changeset")).toString(),
            QStringLiteral("2011-04-05T17:48:34Z"));
        const QJsonObject endpoint =
            json.value(QLatin1String("endpoints")).toArray().first().toObject();
        QCOMPARE(endpoint.value(QLatin1String("specification")).toString(),
            QStringLiteral("http://wiki.open311.org/GeoReport_v2"));
        QCOMPARE(endpoint.value(QLatin1String("url")).toString(), discovery.url);
        QCOMPARE(endpoint.value(QLatin1String("formats")).toArray(),
            QJsonArray({QStringLiteral("text/xml"), QStringLiteral("application/json")}));

        const QStringList xml = xmlLines(discoveryBody(discovery, Format::Xml).content);
        QVERIFY(xml.contains(QStringLiteral("discovery/changeset=2011-04-05T17:48:34Z")));
        QVERIFY(xml.contains(
            QStringLiteral("discovery/endpoints/endpoint/url=https://127.0.0.1:8443/open311/v2/")));
        QVERIFY(xml.contains(QStringLiteral("discovery/endpoints/endpoint/type=production")));
        QVERIFY(xml.contains(
            QStringLiteral("discovery/endpoints/endpoint/formats/format=application/json")));
    }

    void writesErrors()
    {
        const QJsonArray json =
            jsonArray(errorsBody(403, QStringLiteral("Invalid api_key"), Format::Json).content);
        QCOMPARE(json.size(), 1);
        QCOMPARE(json.first().toObject().value(QLatin1String("code")).toInt(), 403);
        QCOMPARE(json.first().toObject().value(QLatin1String("description")).toString(),
            QStringLiteral("Invalid api_key"));
        QCOMPARE(xmlLines(errorsBody(403, QStringLiteral("Invalid api_key"), Format::Xml).content),
            QStringList({QStringLiteral("errors/error/code=403"),
                QStringLiteral("errors/error/description=Invalid api_key")}));
    }

    void escapesHostileText()
    {
        ServiceRequestView request;
        request.id = QStringLiteral("1");
        request.description = QStringLiteral("<b>&amp;</b> \"quoted\" 'single' ]]> \u0001\u001B"
                                             "\uFFFE end")
            + QChar(0xD800) + QStringLiteral(" 𝄞");
        const QString readable = QStringLiteral("<b>&amp;</b> \"quoted\" 'single' ]]>  end 𝄞");

        const QStringList xml = xmlLines(requestsBody({request}, Format::Xml).content);
        QVERIFY2(!xml.join(u'\n').contains(QLatin1String("!error")), qPrintable(xml.join(u'\n')));
        QVERIFY(xml.contains(QStringLiteral("service_requests/request/description=") + readable));
        const QJsonObject json =
            jsonArray(requestsBody({request}, Format::Json).content).first().toObject();
        QVERIFY(json.value(QLatin1String("description"))
                    .toString()
                    .startsWith(QStringLiteral("<b>&amp;</b> \"quoted\"")));
        QCOMPARE(xmlText(QStringLiteral("a\tb\nc\rd")), QStringLiteral("a\tb\nc\rd"));
    }

    void splitsResources_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("format"); ///< -1 for none
        QTest::newRow("json") << "services.json"
                              << "services" << int(Format::Json);
        QTest::newRow("xml") << "requests.xml"
                             << "requests" << int(Format::Xml);
        QTest::newRow("dotted code") << "4.2.1.json"
                                     << "4.2.1" << int(Format::Json);
        QTest::newRow("other format") << "services.csv"
                                      << "services" << -1;
        QTest::newRow("no format") << "services"
                                   << "services" << -1;
    }

    void splitsResources()
    {
        QFETCH(QString, path);
        QFETCH(QString, name);
        QFETCH(int, format);
        const Resource resource = splitResource(path);
        QCOMPARE(resource.name, name);
        QCOMPARE(resource.format ? int(*resource.format) : -1, format);
    }

    void readsTimes()
    {
        QCOMPARE(readDateTime(QStringLiteral("2010-04-14T06:37:38-08:00")),
            QDateTime(QDate(2010, 4, 14), QTime(14, 37, 38), Qt::UTC));
        QCOMPARE(readDateTime(QStringLiteral("1994-11-05T13:15:30Z")),
            QDateTime(QDate(1994, 11, 5), QTime(13, 15, 30), Qt::UTC));
        QVERIFY(!readDateTime(QStringLiteral("1994-11-05T13:15:30")).isValid());
        QVERIFY(!readDateTime(QStringLiteral("yesterday")).isValid());
        QCOMPARE(listParameter(QStringLiteral(" 1, 2,,3 ")),
            (QStringList {QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3")}));
    }
};

GRIDDESK_TEST_MAIN(TestOpen311, QCoreApplication)
#include "tst_open311.moc"
