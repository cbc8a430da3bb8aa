// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors

// The intake book on a store made from the New York sample: clients and their keys, reports
// filed for a unit's jurisdiction with their payload kept, alarms folded per device and type,
// and the hotline feed taking the real 311 export in twice without doubling a case.

#include "gis/wkb.h"
#include "ingest/samples.h"
#include "intake/hotlinefeed.h"
#include "intake/intakebook.h"
#include "register/registerbook.h"
#include "server/serverbook.h"
#include "storage/workspace.h"

#include "support/testsupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

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

QVariant scalar(Workspace &workspace, const QString &sql)
{
    QSqlQuery query(workspace.database());
    if (!query.exec(sql) || !query.next())
        return {};
    return query.value(0);
}

QDateTime utc(int hour, int minute, int second = 0)
{
    return QDateTime(QDate(2026, 12, 5), QTime(hour, minute, second), Qt::UTC);
}

} // namespace

class TestIntakeBook : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_base;
    std::unique_ptr<Workspace> m_store;
    std::unique_ptr<ServerBook> m_book;
    std::unique_ptr<IntakeBook> m_intake;
    IntakeClient m_manhattanApp;
    IntakeClient m_cameras;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    void addThing(const QString &code, const QString &type, std::optional<GeoPoint> at)
    {
        auto entries = RegisterBook::load(*m_store);
        QVERIFY2(entries.has_value(), why(entries).constData());
        RegisterEntry thing;
        thing.code = code;
        thing.kind = QStringLiteral("thing");
        thing.name = QStringLiteral("Device ") + code;
        thing.address = QStringLiteral("W 34th St & 7th Ave");
        if (at)
            thing.wkb = Wkb::point(*at);
        else
            thing.gridCode =
                scalar(*m_store, QStringLiteral("SELECT min(code) FROM grids")).toString();
        thing.fields.insert(QStringLiteral("asset_code"), code);
        thing.fields.insert(QStringLiteral("component_type"), type);
        auto added = entries->add(thing, QStringLiteral("admin"), utc(1, 0));
        QVERIFY2(added.has_value(), why(added).constData());
    }

    Alarm alarm(const QString &device, const QString &type, const QDateTime &at) const
    {
        Alarm made;
        made.deviceId = device;
        made.type = type;
        made.level = 2;
        made.at = at;
        return made;
    }

    QJsonObject reportData(qint64 caseId, int sequence)
    {
        const QString data = scalar(*m_store,
            QStringLiteral("SELECT data FROM case_events WHERE case_id = %1 AND sequence = %2")
                .arg(caseId)
                .arg(sequence))
                                 .toString();
        return QJsonDocument::fromJson(data.toUtf8()).object();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_base = path(QStringLiteral("store.gpkg"));
        auto workspace = Workspace::open(m_base);
        QVERIFY2(workspace.has_value(), why(workspace).constData());
        auto imported = importSample(**workspace, QDir(mapsPath()), QStringLiteral("nyc"));
        QVERIFY2(imported.has_value(), why(imported).constData());
        m_store = std::move(*workspace);
        auto book = ServerBook::open(*m_store);
        QVERIFY2(book.has_value(), why(book).constData());
        m_book = std::move(*book);
        m_intake = std::make_unique<IntakeBook>(*m_store, *m_book);

        m_manhattanApp.name = QStringLiteral("manhattan-app");
        m_manhattanApp.channel = IntakeChannel::Open311;
        m_manhattanApp.unitCode = QStringLiteral("1");
        auto key = m_intake->addClient(m_manhattanApp, utc(1, 0));
        QVERIFY2(key.has_value(), why(key).constData());
        m_cameras.name = QStringLiteral("city-cameras");
        m_cameras.channel = IntakeChannel::Alarm;
        m_cameras.unitCode = QStringLiteral("city");
        QVERIFY(m_intake->addClient(m_cameras, utc(1, 0)));

        addThing(QStringLiteral("CAM-0001"), QStringLiteral("traffic camera"),
            GeoPoint {MANHATTAN_LON, MANHATTAN_LAT});
        addThing(QStringLiteral("WL-0002"), QStringLiteral("water level sensor"),
            GeoPoint {MANHATTAN_LON + 0.001, MANHATTAN_LAT});
        addThing(QStringLiteral("NOPLACE-3"), QStringLiteral("noise sensor"), std::nullopt);
    }

    void clientKeysAreCheckedPerChannelAndRevoked()
    {
        IntakeClient app;
        app.name = QStringLiteral("fix-it-app");
        app.channel = IntakeChannel::Open311;
        app.unitCode = QStringLiteral("city");
        app.jurisdictionId = QStringLiteral("nyc.gov");
        auto key = m_intake->addClient(app, utc(2, 0));
        QVERIFY2(key.has_value(), why(key).constData());
        QCOMPARE(key->size(), 43);

        auto known = m_intake->authenticate(IntakeChannel::Open311, *key);
        QVERIFY2(known.has_value(), why(known).constData());
        QCOMPARE(known->name, app.name);
        QCOMPARE(known->jurisdictionId, QStringLiteral("nyc.gov"));
        QCOMPARE(known->actor(), QStringLiteral("open311:fix-it-app"));
        // The key is kept only as its hash.
        QCOMPARE(scalar(*m_store,
                     QStringLiteral("SELECT count(*) FROM intake_clients WHERE key_hash = '%1'")
                         .arg(*key))
                     .toInt(),
            0);

        QCOMPARE(m_intake->authenticate(IntakeChannel::Alarm, *key).error().code,
            ErrorCode::Unauthorized);
        QCOMPARE(m_intake->authenticate(IntakeChannel::Open311, QString()).error().code,
            ErrorCode::Unauthorized);
        QCOMPARE(m_intake->authenticate(IntakeChannel::Open311, *key + u'x').error().code,
            ErrorCode::Unauthorized);

        QCOMPARE(m_intake->addClient(app, utc(2, 0)).error().code, ErrorCode::Conflict);
        IntakeClient nowhere = app;
        nowhere.name = QStringLiteral("nowhere");
        nowhere.unitCode = QStringLiteral("no-such-unit");
        QCOMPARE(m_intake->addClient(nowhere, utc(2, 0)).error().code, ErrorCode::NotFound);
        IntakeClient hotline = app;
        hotline.name = QStringLiteral("hotline");
        hotline.channel = IntakeChannel::Hotline;
        QCOMPARE(m_intake->addClient(hotline, utc(2, 0)).error().code, ErrorCode::InvalidArgument);
        IntakeClient badName = app;
        badName.name = QStringLiteral("tab\there");
        QCOMPARE(m_intake->addClient(badName, utc(2, 0)).error().code, ErrorCode::InvalidArgument);

        QVERIFY(m_intake->revokeClient(app.name, utc(3, 0)));
        QCOMPARE(m_intake->authenticate(IntakeChannel::Open311, *key).error().code,
            ErrorCode::Unauthorized);
        QCOMPARE(m_intake->revokeClient(app.name, utc(3, 0)).error().code, ErrorCode::NotFound);
        auto clients = m_intake->clients();
        QVERIFY(clients.has_value());
        const auto revoked = std::find_if(clients->cbegin(), clients->cend(),
            [](const IntakeClient &client) { return client.name == QLatin1String("fix-it-app"); });
        QVERIFY(revoked != clients->cend());
        QCOMPARE(revoked->revokedAt, utc(3, 0));
    }

    void aReportIsFiledWithItsChannelAndPayload()
    {
        IntakeReport report;
        report.source = QStringLiteral("open311");
        report.description = QStringLiteral("Pothole in the bus lane");
        report.address = QStringLiteral("W 34th St");
        report.location = GeoPoint {MANHATTAN_LON, MANHATTAN_LAT};
        report.details.insert(
            QStringLiteral("media_url"), QStringLiteral("https://example.org/p.jpg"));
        report.payload = QByteArrayLiteral("service_code=&description=Pothole+in+the+bus+lane");
        report.contentType = QStringLiteral("application/x-www-form-urlencoded");
        auto filed = m_intake->file(m_manhattanApp, report, utc(9, 30));
        QVERIFY2(filed.has_value(), why(filed).constData());
        QVERIFY(!filed->folded);
        QCOMPARE(filed->key.source, QStringLiteral("open311"));
        QVERIFY(!filed->key.externalId.isEmpty());

        auto record = m_book->book().record(filed->caseId);
        QVERIFY(record.has_value());
        QCOMPARE(record->state, QStringLiteral("reported"));
        QCOMPARE(record->descriptor, report.description);
        QVERIFY(!record->gridCode.isEmpty());

        const QJsonObject data = reportData(filed->caseId, 1);
        QCOMPARE(data.value(QStringLiteral("channel")).toString(), QStringLiteral("open311"));
        QCOMPARE(data.value(QStringLiteral("media_url")).toString(),
            QStringLiteral("https://example.org/p.jpg"));
        const QJsonObject intake = data.value(QStringLiteral("intake")).toObject();
        QCOMPARE(intake.value(QStringLiteral("client")).toString(), m_manhattanApp.name);
        QCOMPARE(intake.value(QStringLiteral("received_at")).toString(),
            QStringLiteral("2026-12-05T09:30:00Z"));
        QCOMPARE(intake.value(QStringLiteral("payload")).toString(),
            QString::fromLatin1(report.payload));
        QCOMPARE(intake.value(QStringLiteral("bytes")).toInt(), report.payload.size());
        QVERIFY(!intake.contains(QStringLiteral("truncated")));
        QCOMPARE(scalar(*m_store,
                     QStringLiteral("SELECT actor FROM case_events WHERE case_id = %1")
                         .arg(filed->caseId))
                     .toString(),
            QStringLiteral("open311:manhattan-app"));

        // Numbers go on: the next report has another id.
        auto next = m_intake->file(m_manhattanApp, report, utc(9, 31));
        QVERIFY2(next.has_value(), why(next).constData());
        QCOMPARE(next->key.externalId.toLongLong(), filed->key.externalId.toLongLong() + 1);
    }

    void aReportOutsideTheClientsUnitIsRefused()
    {
        IntakeReport report;
        report.source = QStringLiteral("open311");
        report.description = QStringLiteral("Graffiti");
        report.location = GeoPoint {BROOKLYN_LON, BROOKLYN_LAT};
        const qint64 before =
            scalar(*m_store, QStringLiteral("SELECT count(*) FROM cases")).toLongLong();
        auto filed = m_intake->file(m_manhattanApp, report, utc(9, 40));
        QVERIFY(!filed.has_value());
        QCOMPARE(filed.error().code, ErrorCode::Forbidden);
        QVERIFY(
            filed.error().message.contains(QStringLiteral("outside the jurisdiction of unit 1")));
        QCOMPARE(
            scalar(*m_store, QStringLiteral("SELECT count(*) FROM cases")).toLongLong(), before);

        report.location = GeoPoint {200.0, 40.0};
        QCOMPARE(m_intake->file(m_manhattanApp, report, utc(9, 40)).error().code,
            ErrorCode::InvalidArgument);
        report.location = GeoPoint {MANHATTAN_LON, MANHATTAN_LAT};
        report.category = QStringLiteral("no-such-category");
        QCOMPARE(m_intake->file(m_manhattanApp, report, utc(9, 40)).error().code,
            ErrorCode::InvalidArgument);
    }

    void aLongOrBinaryPayloadIsKeptCutOrAsBase64()
    {
        QByteArray text(IntakeBook::MAX_KEPT_PAYLOAD_BYTES - 1, 'a');
        text += QStringLiteral("路灯不亮").toUtf8(); // a character split by the cut
        QJsonObject kept =
            intakeRecord(QStringLiteral("c"), utc(1, 0), text, QStringLiteral("text/plain"));
        QVERIFY(kept.value(QStringLiteral("truncated")).toBool());
        QCOMPARE(kept.value(QStringLiteral("bytes")).toInt(), text.size());
        QCOMPARE(kept.value(QStringLiteral("payload")).toString(),
            QString(IntakeBook::MAX_KEPT_PAYLOAD_BYTES - 1, u'a'));

        const QByteArray binary("\x89PNG\r\n\x1a\n\xff\xfe", 10);
        kept = intakeRecord(QStringLiteral("c"), utc(1, 0), binary, QStringLiteral("image/png"));
        QVERIFY(!kept.contains(QStringLiteral("payload")));
        QCOMPARE(QByteArray::fromBase64(
                     kept.value(QStringLiteral("payload_base64")).toString().toLatin1()),
            binary);
    }

    void alarmsOfOneDeviceAndTypeFoldIntoOneReport()
    {
        m_intake->setFoldWindow(std::chrono::minutes(10));
        const QByteArray body = QByteArrayLiteral("{\"device_id\":\"CAM-0001\"}");
        auto first = m_intake->fileAlarm(m_cameras,
            alarm(QStringLiteral("CAM-0001"), QStringLiteral("illegal_parking"), utc(10, 0)), body,
            QStringLiteral("application/json"), utc(10, 0, 2));
        QVERIFY2(first.has_value(), why(first).constData());
        QVERIFY(!first->folded);
        QCOMPARE(first->key.source, QStringLiteral("video")); // a camera, by its component type
        auto record = m_book->book().record(first->caseId);
        QCOMPARE(record->state, QStringLiteral("reported"));
        // The report concerns the device's register entry.
        QCOMPARE(scalar(*m_store,
                     QStringLiteral("SELECT entry_code FROM case_entry_links WHERE case_id = %1")
                         .arg(first->caseId))
                     .toString(),
            QStringLiteral("CAM-0001"));

        auto second = m_intake->fileAlarm(m_cameras,
            alarm(QStringLiteral("CAM-0001"), QStringLiteral("illegal_parking"), utc(10, 6)), body,
            QStringLiteral("application/json"), utc(10, 6, 1));
        QVERIFY2(second.has_value(), why(second).constData());
        QVERIFY(second->folded);
        QCOMPARE(second->caseId, first->caseId);
        QCOMPARE(second->alarms, 2);
        // The window slides: 14 minutes after the first but 8 after the second still folds.
        auto third = m_intake->fileAlarm(m_cameras,
            alarm(QStringLiteral("CAM-0001"), QStringLiteral("illegal_parking"), utc(10, 14)), body,
            QStringLiteral("application/json"), utc(10, 14, 1));
        QVERIFY(third.has_value() && third->folded);
        QCOMPARE(third->alarms, 3);
        auto file = m_book->book().file(first->caseId);
        QCOMPARE(file->events().last().action, CaseAction::Recur);
        QCOMPARE(file->events().last().data.value(QStringLiteral("alarms")).toInt(), 3);
        QCOMPARE(file->state(), CaseState::Reported);

        // Another type of the same device is its own report; so is the same type after a gap.
        auto other = m_intake->fileAlarm(m_cameras,
            alarm(QStringLiteral("CAM-0001"), QStringLiteral("crowding"), utc(10, 15)), body,
            QStringLiteral("application/json"), utc(10, 15));
        QVERIFY(other.has_value() && !other->folded);
        auto later = m_intake->fileAlarm(m_cameras,
            alarm(QStringLiteral("CAM-0001"), QStringLiteral("illegal_parking"), utc(10, 30)), body,
            QStringLiteral("application/json"), utc(10, 30));
        QVERIFY(later.has_value() && !later->folded);
        QVERIFY(later->caseId != first->caseId);

        // A report the operator has rejected takes no more alarms: the next one is new.
        ActionRequest reject;
        reject.action = CaseAction::Reject;
        reject.basedOnVersion = ActionRequest::CURRENT_VERSION;
        reject.actor = QStringLiteral("chen");
        reject.role = Role::Operator;
        reject.actorUnit = QStringLiteral("city");
        reject.at = CaseTime::withOffset(QDate(2026, 12, 5), QTime(10, 31), 0);
        reject.reason = QStringLiteral("camera misread a delivery van");
        QVERIFY(m_book->book().act(later->caseId, reject));
        auto afterReject = m_intake->fileAlarm(m_cameras,
            alarm(QStringLiteral("CAM-0001"), QStringLiteral("illegal_parking"), utc(10, 32)), body,
            QStringLiteral("application/json"), utc(10, 32));
        QVERIFY(afterReject.has_value() && !afterReject->folded);
    }

    void alarmsFiledInOneTransactionFoldAndRefuseAlone()
    {
        // As the webhook files the alarms that arrive together: one transaction, statements
        // prepared once, each alarm a savepoint of its own.
        m_intake->setFoldWindow(std::chrono::minutes(10));
        const qint64 casesBefore =
            scalar(*m_store, QStringLiteral("SELECT count(*) FROM cases")).toLongLong();
        QList<Result<IntakeOutcome>> outcomes;
        {
            const IntakeBook::AlarmScope statements(*m_intake);
            auto filed = m_store->transaction([&]() -> Result<void> {
                const QList<std::pair<QString, int>> sent {{QStringLiteral("WL-0002"), 0},
                    {QStringLiteral("CAM-9999"), 1}, {QStringLiteral("WL-0002"), 2},
                    {QStringLiteral("CAM-0001"), 3}, {QStringLiteral("WL-0002"), 4}};
                for (const auto &[device, minute] : sent) {
                    outcomes << m_intake->fileAlarm(m_cameras,
                        alarm(device, QStringLiteral("grouped"), utc(15, minute)), "{}",
                        QStringLiteral("application/json"), utc(15, minute));
                }
                return {};
            });
            QVERIFY2(filed.has_value(), why(filed).constData());
        }
        QCOMPARE(outcomes.size(), 5);
        QVERIFY2(outcomes[0].has_value(), why(outcomes[0]).constData());
        QVERIFY(!outcomes[0]->folded);
        // The unknown device is refused and leaves nothing behind; the rest go on.
        QCOMPARE(outcomes[1].error().code, ErrorCode::NotFound);
        QVERIFY(outcomes[2].has_value() && outcomes[2]->folded);
        QCOMPARE(outcomes[2]->caseId, outcomes[0]->caseId);
        QCOMPARE(outcomes[2]->alarms, 2);
        QVERIFY(outcomes[3].has_value() && !outcomes[3]->folded);
        QVERIFY(outcomes[4].has_value() && outcomes[4]->folded);
        QCOMPARE(outcomes[4]->alarms, 3);
        QVERIFY(outcomes[4]->key == outcomes[0]->key);
        QCOMPARE(scalar(*m_store, QStringLiteral("SELECT count(*) FROM cases")).toLongLong(),
            casesBefore + 2);
        QCOMPARE(scalar(*m_store,
                     QStringLiteral("SELECT count FROM intake_folds WHERE device_id = 'WL-0002' "
                                    "AND alarm_type = 'grouped'"))
                     .toInt(),
            3);
        // The next alarm, outside a scope, still folds into the report made in it.
        auto after = m_intake->fileAlarm(m_cameras,
            alarm(QStringLiteral("WL-0002"), QStringLiteral("grouped"), utc(15, 9)), "{}",
            QStringLiteral("application/json"), utc(15, 9));
        QVERIFY(after.has_value() && after->folded);
        QCOMPARE(after->alarms, 4);
    }

    void aSensorAlarmTakesTheDevicesPlaceAndKindFromTheRegister()
    {
        auto filed = m_intake->fileAlarm(m_cameras,
            alarm(QStringLiteral("WL-0002"), QStringLiteral("water_level"), utc(11, 0)), "{}",
            QStringLiteral("application/json"), utc(11, 0));
        QVERIFY2(filed.has_value(), why(filed).constData());
        QCOMPARE(filed->key.source, QStringLiteral("iot"));
        auto record = m_book->book().record(filed->caseId);
        QVERIFY(record->location.has_value());
        QCOMPARE(record->location->lon, MANHATTAN_LON + 0.001);
        QCOMPARE(record->address, QStringLiteral("W 34th St & 7th Ave"));
        const QJsonObject data = reportData(filed->caseId, 1);
        QCOMPARE(data.value(QStringLiteral("device")).toString(), QStringLiteral("WL-0002"));
        QCOMPARE(data.value(QStringLiteral("level")).toInt(), 2);
    }

    void alarmsOfUnknownOrPlacelessDevicesAreRefused()
    {
        const qint64 before =
            scalar(*m_store, QStringLiteral("SELECT count(*) FROM cases")).toLongLong();
        auto unknown = m_intake->fileAlarm(m_cameras,
            alarm(QStringLiteral("CAM-9999"), QStringLiteral("smoke"), utc(12, 0)), "{}",
            QStringLiteral("application/json"), utc(12, 0));
        QCOMPARE(unknown.error().code, ErrorCode::NotFound);
        QVERIFY(unknown.error().message.contains(QStringLiteral("CAM-9999")));
        auto placeless = m_intake->fileAlarm(m_cameras,
            alarm(QStringLiteral("NOPLACE-3"), QStringLiteral("noise"), utc(12, 0)), "{}",
            QStringLiteral("application/json"), utc(12, 0));
        QCOMPARE(placeless.error().code, ErrorCode::InvalidArgument);
        QCOMPARE(
            scalar(*m_store, QStringLiteral("SELECT count(*) FROM cases")).toLongLong(), before);

        // A placeless device whose alarm says where it is, is filed.
        Alarm placed = alarm(QStringLiteral("NOPLACE-3"), QStringLiteral("noise"), utc(12, 1));
        placed.location = GeoPoint {MANHATTAN_LON, MANHATTAN_LAT};
        QVERIFY(m_intake->fileAlarm(
            m_cameras, placed, "{}", QStringLiteral("application/json"), utc(12, 1)));
    }

    void anAlarmsPictureIsKeptAsTheCasesAttachment()
    {
        Alarm pictured = alarm(QStringLiteral("CAM-0001"), QStringLiteral("fire"), utc(13, 0));
        pictured.image = QByteArray("\x89PNG\r\n\x1a\n", 8) + QByteArray(100, 'p');
        pictured.imageType = QStringLiteral("image/png");
        const QByteArray body = QJsonDocument(
            QJsonObject {{QStringLiteral("device_id"), QStringLiteral("CAM-0001")},
                {QStringLiteral("image"),
                    QJsonObject {{QStringLiteral("type"), QStringLiteral("image/png")},
                        {QStringLiteral("base64"),
                            QString::fromLatin1(pictured.image.toBase64())}}}})
                                    .toJson(QJsonDocument::Compact);
        auto filed = m_intake->fileAlarm(
            m_cameras, pictured, body, QStringLiteral("application/json"), utc(13, 0));
        QVERIFY2(filed.has_value(), why(filed).constData());
        auto attachments = m_book->book().attachments(filed->caseId);
        QVERIFY(attachments.has_value());
        QCOMPARE(attachments->size(), 1);
        QCOMPARE(attachments->first().mimeType, QStringLiteral("image/png"));
        QCOMPARE(*m_book->book().attachmentContent(attachments->first().id), pictured.image);
        // The payload keeps a note of the picture, not the picture a second time.
        const QString kept = reportData(filed->caseId, 1)
                                 .value(QStringLiteral("intake"))
                                 .toObject()
                                 .value(QStringLiteral("payload"))
                                 .toString();
        QVERIFY(kept.contains(CaseBook::attachmentHash(pictured.image)));
        QVERIFY(!kept.contains(QString::fromLatin1(pictured.image.toBase64())));
    }

    void readAlarm_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("complaint");
        QTest::newRow("not json") << QByteArray("device_id=CAM") << QStringLiteral("not JSON");
        QTest::newRow("array") << QByteArray("[1,2]") << QStringLiteral("JSON object");
        QTest::newRow("no device")
            << QByteArray("{\"type\":\"smoke\"}") << QStringLiteral("device_id");
        QTest::newRow("number device") << QByteArray("{\"device_id\":7,\"type\":\"smoke\"}")
                                       << QStringLiteral("must be a string");
        QTest::newRow("control chars")
            << QByteArray("{\"device_id\":\"CAM\\u0007\",\"type\":\"smoke\"}")
            << QStringLiteral("control characters");
        QTest::newRow("level 9") << QByteArray("{\"device_id\":\"C\",\"type\":\"s\",\"level\":9}")
                                 << QStringLiteral("level");
        QTest::newRow("level text")
            << QByteArray("{\"device_id\":\"C\",\"type\":\"s\",\"level\":\"2\"}")
            << QStringLiteral("level");
        QTest::newRow("location text")
            << QByteArray("{\"device_id\":\"C\",\"type\":\"s\",\"location\":\"here\"}")
            << QStringLiteral("location");
        QTest::newRow("location off earth") << QByteArray(
            "{\"device_id\":\"C\",\"type\":\"s\",\"location\":{\"lon\":500,\"lat\":1}}")
                                            << QStringLiteral("WGS84");
        QTest::newRow("time without offset")
            << QByteArray("{\"device_id\":\"C\",\"type\":\"s\",\"time\":\"2026-12-05T08:00:00\"}")
            << QStringLiteral("offset");
        QTest::newRow("time ahead")
            << QByteArray("{\"device_id\":\"C\",\"type\":\"s\",\"time\":\"2027-12-05T08:00:00Z\"}")
            << QStringLiteral("ahead");
        QTest::newRow("snapshot file url") << QByteArray(
            "{\"device_id\":\"C\",\"type\":\"s\",\"snapshot_url\":\"file:///etc/passwd\"}")
                                           << QStringLiteral("snapshot_url");
        QTest::newRow("kind other")
            << QByteArray("{\"device_id\":\"C\",\"type\":\"s\",\"kind\":\"drone\"}")
            << QStringLiteral("video or sensor");
        QTest::newRow("image not png")
            << QByteArray("{\"device_id\":\"C\",\"type\":\"s\",\"image\":{\"type\":\"image/png\","
                          "\"base64\":\"aGVsbG8=\"}}")
            << QStringLiteral("not the image/png");
        QTest::newRow("image gif")
            << QByteArray("{\"device_id\":\"C\",\"type\":\"s\",\"image\":{\"type\":\"image/gif\","
                          "\"base64\":\"aGVsbG8=\"}}")
            << QStringLiteral("image/jpeg");
    }

    void readAlarm()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, complaint);
        auto read = IntakeBook::readAlarm(json, utc(8, 0));
        QVERIFY(!read.has_value());
        QCOMPARE(read.error().code, ErrorCode::InvalidArgument);
        QVERIFY2(read.error().message.contains(complaint), qPrintable(read.error().message));
    }

    void readAlarmTakesAFullAlarm()
    {
        auto read = IntakeBook::readAlarm(
            "{\"device_id\":\"CAM-0001\",\"type\":\"illegal_parking\",\"level\":3,"
            "\"location\":{\"lon\":-73.98,\"lat\":40.75},\"time\":\"2026-12-05T16:30:00+08:00\","
            "\"snapshot_url\":\"https://vms.example/snap/1.jpg\",\"kind\":\"video\"}",
            utc(9, 0));
        QVERIFY2(read.has_value(), why(read).constData());
        QCOMPARE(read->deviceId, QStringLiteral("CAM-0001"));
        QCOMPARE(read->level, 3);
        QCOMPARE(read->at, utc(8, 30));
        QCOMPARE(read->location->lat, 40.75);
        QCOMPARE(read->kind, QStringLiteral("video"));
        // Without a time the alarm is taken as raised when it was received.
        auto untimed = IntakeBook::readAlarm("{\"device_id\":\"C\",\"type\":\"s\"}", utc(9, 0));
        QCOMPARE(untimed->at, utc(9, 0));
        QCOMPARE(untimed->level, 1);
    }

    void refusalsAreCountedPerChannelAndReason()
    {
        m_intake->countRefusal(
            IntakeChannel::Alarm, QStringLiteral("malformed"), QStringLiteral("a"), utc(14, 0));
        m_intake->countRefusal(IntakeChannel::Alarm, QStringLiteral("malformed"),
            QStringLiteral("bad\nline"), utc(14, 1));
        m_intake->countRefusal(
            IntakeChannel::Open311, QStringLiteral("unauthorized"), QString(), utc(14, 2));
        auto counts = m_intake->refusals();
        QVERIFY(counts.has_value());
        QCOMPARE(counts->size(), 2);
        QCOMPARE(counts->at(0).channel, QStringLiteral("alarm"));
        QCOMPARE(counts->at(0).count, 2);
        QCOMPARE(counts->at(0).lastAt, utc(14, 1));
        QVERIFY(!counts->at(0).lastDetail.contains(u'\n'));
        QCOMPARE(counts->at(1).reason, QStringLiteral("unauthorized"));
    }

    void theHotlineFeedTakesAnExportInOnceAndUpdatesItLater()
    {
        // Real MyLA311 rows (the sample workspace holds New York's): the first 300 of the cut.
        QFile source(dataPath(QStringLiteral("los-angeles/myla311_2018_sample.csv")));
        QVERIFY(source.open(QIODevice::ReadOnly));
        QList<QByteArray> lines;
        while (!source.atEnd() && lines.size() < 301)
            lines << source.readLine();
        const QString folder = path(QStringLiteral("hotline"));
        QVERIFY(QDir().mkpath(folder));
        const QString exportFile = folder + QStringLiteral("/today.csv");
        const auto write = [&](const QList<QByteArray> &rows) {
            QFile out(exportFile);
            QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
            for (const QByteArray &row : rows)
                out.write(row);
        };
        write(lines);
        QFile::copy(exportFile, folder + QStringLiteral("/broken.csv"));
        {
            QFile broken(folder + QStringLiteral("/broken.csv"));
            QVERIFY(broken.open(QIODevice::WriteOnly | QIODevice::Truncate));
            broken.write("not,a,hotline,export\n1,2,3,4\n");
        }

        const QString count = QStringLiteral("SELECT count(*) FROM cases WHERE source = 'la311'");
        const qint64 before = scalar(*m_store, count).toLongLong();
        HotlineFeed feed(*m_store, QStringLiteral("auto"));
        auto first = feed.runFolder(folder);
        QVERIFY2(first.has_value(), why(first).constData());
        QCOMPARE(first->size(), 2);
        int taken = 0;
        int failed = 0;
        for (const auto &outcome : *first) {
            taken += outcome.summary.has_value();
            failed += !outcome.error.isEmpty();
        }
        QCOMPARE(taken, 1);
        QCOMPARE(failed, 1);
        const qint64 afterFirst = scalar(*m_store, count).toLongLong();
        QCOMPARE(afterFirst - before, qint64(300));

        // A case the export made keeps the row it came from with its report.
        const QString firstKey = QString::fromUtf8(lines.at(1).split(',').first()).remove(u'"');
        const QString data = scalar(*m_store,
            QStringLiteral("SELECT e.data FROM case_events e JOIN cases c ON c.fid = e.case_id "
                           "WHERE c.source = 'la311' AND c.external_id = '%1' AND e.sequence = 1")
                .arg(firstKey))
                                 .toString();
        const QJsonObject intake = QJsonDocument::fromJson(data.toUtf8())
                                       .object()
                                       .value(QStringLiteral("intake"))
                                       .toObject();
        QCOMPARE(intake.value(QStringLiteral("client")).toString(), QStringLiteral("today.csv"));
        QCOMPARE(intake.value(QStringLiteral("row")).toInt(), 1);
        QVERIFY2(intake.value(QStringLiteral("payload")).toString().contains(firstKey),
            qPrintable(data));

        // The same files again: nothing is taken in, nothing reported again.
        auto again = feed.runFolder(folder);
        QVERIFY(again.has_value());
        QCOMPARE(again->size(), 0);

        // A later export of the same day with more rows: the known cases are updated, not
        // doubled, and the new ones added.
        QList<QByteArray> more = lines;
        while (!source.atEnd() && more.size() < 401)
            more << source.readLine();
        write(more);
        auto later = feed.runFolder(folder);
        QVERIFY(later.has_value());
        QCOMPARE(later->size(), 1);
        QVERIFY(later->first().summary.has_value());
        const qint64 afterLater = scalar(*m_store, count).toLongLong();
        QCOMPARE(afterLater - afterFirst, qint64(100));
        QCOMPARE(scalar(*m_store,
                     QStringLiteral("SELECT count(*) FROM (SELECT external_id FROM cases WHERE "
                                    "source = 'la311' GROUP BY external_id HAVING count(*) > 1) d"))
                     .toInt(),
            0);
    }

    void theHotlineFeedReadsAnXlsxExport()
    {
        // The real MyLA311 rows after the 400 the test above took in, turned into a spreadsheet
        // by GDAL as a hotline system exports one.
        QFile source(dataPath(QStringLiteral("los-angeles/myla311_2018_sample.csv")));
        QVERIFY(source.open(QIODevice::ReadOnly));
        QList<QByteArray> lines {source.readLine()};
        for (int skip = 0; skip < 400; ++skip)
            source.readLine();
        while (!source.atEnd())
            lines << source.readLine();
        const qint64 rows = lines.size() - 1;
        QVERIFY(rows > 30);
        const QString csv = path(QStringLiteral("xlsx-source.csv"));
        {
            QFile out(csv);
            QVERIFY(out.open(QIODevice::WriteOnly));
            for (const QByteArray &line : lines)
                out.write(line);
        }
        const QString xlsx = path(QStringLiteral("export.xlsx"));
        QProcess convert;
        convert.start(
            QStringLiteral("ogr2ogr"), {QStringLiteral("-f"), QStringLiteral("XLSX"), xlsx, csv});
        QVERIFY(convert.waitForFinished(60'000));
        QVERIFY2(convert.exitCode() == 0, convert.readAllStandardError().constData());

        const QString count = QStringLiteral("SELECT count(*) FROM cases WHERE source = 'la311'");
        const qint64 before = scalar(*m_store, count).toLongLong();
        HotlineFeed feed(*m_store, QStringLiteral("la311"));
        auto imported = feed.importFile(xlsx);
        QVERIFY2(imported.has_value(), why(imported).constData());
        QCOMPARE(imported->imported, rows);
        QCOMPARE(scalar(*m_store, count).toLongLong() - before, rows);
        // Taken in again, the same export doubles nothing.
        QVERIFY(feed.importFile(xlsx));
        QCOMPARE(scalar(*m_store, count).toLongLong() - before, rows);
    }
};

QTEST_GUILESS_MAIN(TestIntakeBook)
#include "tst_intakebook.moc"
