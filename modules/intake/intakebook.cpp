// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "intakebook.h"

#include "logging.h"

#include "domain/text.h"
#include "register/caselinks.h"
#include "register/registerbook.h"
#include "server/serverbook.h"
#include "storage/workspace.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLocale>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringDecoder>
#include <QUrl>
#include <QVariant>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Intake)
};

constexpr int KEY_BYTES = 32;
/// Longest text a channel may put in a report's description, in characters.
constexpr int MAX_DESCRIPTION = 4000;
constexpr int MAX_ID_TEXT = 128;

QString keyHash(const QString &key)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha256).toHex());
}

QString isoUtc(const QDateTime &at)
{
    return at.toUTC().toString(Qt::ISODate);
}

QDateTime fromIso(const QString &text)
{
    QDateTime at = QDateTime::fromString(text, Qt::ISODate);
    return at.isValid() ? at.toUTC() : QDateTime();
}

/// A moment as the server's events give it: the server's wall clock with its offset, as the
/// deadline rules read it.
CaseTime serverTime(const QDateTime &at)
{
    const QDateTime local = at.toLocalTime();
    const QTime time = local.time();
    return CaseTime::withOffset(
        local.date(), QTime(time.hour(), time.minute(), time.second()), local.offsetFromUtc());
}

/// An action client takes through its channel, at the moment a payload was received, on the
/// case as it is then.
ActionRequest requestBy(const IntakeClient &client, CaseAction action, const QDateTime &receivedAt)
{
    ActionRequest request;
    request.action = action;
    request.basedOnVersion = ActionRequest::CURRENT_VERSION;
    request.actor = client.actor();
    request.role = Role::System;
    request.actorUnit = client.unitCode;
    request.at = serverTime(receivedAt);
    return request;
}

Result<void> exec(QSqlQuery &query, const QString &doing)
{
    if (query.exec())
        return {};
    return fail(ErrorCode::Database, Tr::tr("%1 failed: %2").arg(doing, query.lastError().text()));
}

IntakeClient clientFrom(const QSqlQuery &query)
{
    IntakeClient client;
    client.name = query.value(0).toString();
    client.channel =
        intakeChannelFromKey(query.value(1).toString()).value_or(IntakeChannel::Open311);
    client.unitCode = query.value(2).toString();
    client.jurisdictionId = query.value(3).toString();
    client.createdAt = fromIso(query.value(4).toString());
    client.revokedAt = fromIso(query.value(5).toString());
    return client;
}

/// The statements of an alarm's path, in the order of IntakeBook::Sql.
const char *const ALARM_SQL[] = {
    "SELECT f.case_id, f.last_at, f.count, c.state, c.source, c.external_id FROM intake_folds f "
    "JOIN cases c ON c.fid = f.case_id WHERE f.device_id = ? AND f.alarm_type = ?",
    "INSERT INTO intake_folds (device_id, alarm_type, case_id, last_at, count) VALUES (?, ?, ?, "
    "?, 1) ON CONFLICT (device_id, alarm_type) DO UPDATE SET case_id = excluded.case_id, "
    "last_at = excluded.last_at, count = 1",
    "UPDATE intake_folds SET last_at = ?, count = count + 1 WHERE device_id = ? AND "
    "alarm_type = ?",
    // One statement numbers and reads: both SQLite and PostgreSQL return the row written.
    "INSERT INTO griddesk_metadata (key, value) VALUES (?, '1') ON CONFLICT (key) DO UPDATE SET "
    "value = CAST(CAST(griddesk_metadata.value AS INTEGER) + 1 AS TEXT) RETURNING value",
};

const char *CLIENT_COLUMNS =
    "name, channel, unit_code, jurisdiction_id, created_at, COALESCE(revoked_at, '')";

bool validPoint(const GeoPoint &point)
{
    return std::isfinite(point.lon) && std::isfinite(point.lat) && point.lon >= -180.0
        && point.lon <= 180.0 && point.lat >= -90.0 && point.lat <= 90.0;
}

/// Text of a JSON field that must be a string (or absent, giving fallback).
Result<QString> stringField(const QJsonObject &object, const char *name, bool required)
{
    const QJsonValue value = object.value(QLatin1String(name));
    if (value.isUndefined() || value.isNull()) {
        if (required)
            return fail(ErrorCode::InvalidArgument, Tr::tr("The alarm has no \"%1\".").arg(name));
        return QString();
    }
    if (!value.isString())
        return fail(
            ErrorCode::InvalidArgument, Tr::tr("The alarm's \"%1\" must be a string.").arg(name));
    const QString text = value.toString().trimmed();
    if (required && text.isEmpty())
        return fail(ErrorCode::InvalidArgument, Tr::tr("The alarm's \"%1\" is empty.").arg(name));
    return text;
}

/// The open report a device's alarms of one type fold into, as intake_folds keeps it.
struct OpenFold
{
    qint64 caseId = 0;
    QDateTime lastAt; ///< UTC; invalid when unreadable
    int count = 0;
    std::optional<CaseState> state;
    Sync::CaseKey key;

    /// Whether an alarm raised at at folds into it: the report is open and the alarm before
    /// came less than window apart.
    bool foldsAt(const QDateTime &at, std::chrono::seconds window) const
    {
        const bool open = state && !isFinished(*state);
        return open && lastAt.isValid() && std::abs(lastAt.secsTo(at)) < window.count();
    }
};

/// Whether a device's register entry is a camera: its component type says so.
bool isCamera(const RegisterEntry &thing)
{
    const QString type = thing.fields.value(QStringLiteral("component_type")).toString();
    for (const char *word : {"camera", "video", "cctv", "摄像", "攝影", "监控", "監視"}) {
        if (type.contains(QString::fromUtf8(word), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace

QString intakeChannelKey(IntakeChannel channel)
{
    switch (channel) {
    case IntakeChannel::Open311:
        return QStringLiteral("open311");
    case IntakeChannel::Alarm:
        return QStringLiteral("alarm");
    case IntakeChannel::Hotline:
        return QStringLiteral("hotline");
    }
    return {};
}

std::optional<IntakeChannel> intakeChannelFromKey(const QString &key)
{
    for (IntakeChannel channel :
        {IntakeChannel::Open311, IntakeChannel::Alarm, IntakeChannel::Hotline}) {
        if (intakeChannelKey(channel) == key)
            return channel;
    }
    return std::nullopt;
}

QString IntakeClient::actor() const
{
    return intakeChannelKey(channel) + u':' + name;
}

QJsonObject intakeRecord(const QString &client, const QDateTime &receivedAt,
    const QByteArray &payload, const QString &contentType)
{
    QJsonObject record {
        {QStringLiteral("client"), client},
        {QStringLiteral("received_at"), isoUtc(receivedAt)},
        {QStringLiteral("content_type"), contentType},
        {QStringLiteral("bytes"), qint64(payload.size())},
    };
    QByteArray kept = payload.left(IntakeBook::MAX_KEPT_PAYLOAD_BYTES);
    if (kept.size() < payload.size())
        record.insert(QStringLiteral("truncated"), true);
    // A cut may split the last character: a payload that is text up to the cut stays text.
    std::optional<QString> text;
    const int tries = kept.size() < payload.size() ? 4 : 1;
    for (int chop = 0; chop < tries && !text && chop <= kept.size(); ++chop) {
        auto decoder = QStringDecoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        QString decoded = decoder(QByteArrayView(kept).first(kept.size() - chop));
        if (!decoder.hasError())
            text = decoded;
    }
    if (text)
        record.insert(QStringLiteral("payload"), *text);
    else
        record.insert(QStringLiteral("payload_base64"), QString::fromLatin1(kept.toBase64()));
    return record;
}

struct IntakeBook::Statements
{
    explicit Statements(const QSqlDatabase &database)
    {
        for (const char *sql : ALARM_SQL) {
            QSqlQuery &query = queries.emplace_back(database);
            query.setForwardOnly(true);
            // A statement that cannot be prepared fails, and says why, where it runs.
            query.prepare(QString::fromLatin1(sql));
        }
    }

    std::vector<QSqlQuery> queries;
};

IntakeBook::AlarmScope::AlarmScope(IntakeBook &intake)
    : m_intake(intake)
    , m_push(intake.m_book)
{
    if (m_intake.m_statements)
        return;
    m_intake.m_statements = std::make_unique<Statements>(m_intake.m_store.database());
    m_owner = true;
}

IntakeBook::AlarmScope::~AlarmScope()
{
    if (m_owner)
        m_intake.m_statements.reset();
}

IntakeBook::IntakeBook(Workspace &store, ServerBook &book)
    : m_store(store)
    , m_book(book)
{ }

IntakeBook::~IntakeBook() = default;

QSqlQuery &IntakeBook::statement(Sql sql, std::optional<QSqlQuery> &local)
{
    if (m_statements)
        return m_statements->queries[std::size_t(sql)];
    local.emplace(m_store.database());
    local->setForwardOnly(true);
    local->prepare(QString::fromLatin1(ALARM_SQL[std::size_t(sql)]));
    return *local;
}

Result<QString> IntakeBook::addClient(const IntakeClient &client, const QDateTime &now)
{
    if (isBlankText(client.name))
        return fail(ErrorCode::InvalidArgument, Tr::tr("An intake client needs a name."));
    if (client.name.size() > MAX_CLIENT_NAME || client.name.trimmed() != client.name
        || printableText(client.name) != client.name)
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("The client name \"%1\" is too long, starts or ends with a space, or holds "
                   "control characters.")
                .arg(printableText(client.name)));
    if (client.channel == IntakeChannel::Hotline)
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("The hotline feed is read from files and needs no client; clients are for "
                   "open311 and alarm."));
    if (!m_book.book().setup().units.contains(client.unitCode))
        return fail(ErrorCode::NotFound,
            Tr::tr("The unit %1 is not in the server's org chart.")
                .arg(printableText(client.unitCode)));

    QByteArray random(KEY_BYTES, Qt::Uninitialized);
    QRandomGenerator::system()->generate(random.begin(), random.end());
    const QString key = QString::fromLatin1(
        random.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));

    auto added = m_store.transaction([&]() -> Result<void> {
        QSqlQuery taken(m_store.database());
        taken.prepare(QStringLiteral("SELECT 1 FROM intake_clients WHERE name = ?"));
        taken.addBindValue(client.name);
        if (auto read = exec(taken, Tr::tr("Looking up the client")); !read)
            return read;
        if (taken.next())
            return fail(ErrorCode::Conflict,
                Tr::tr("There is already an intake client named %1.").arg(client.name));
        QSqlQuery insert(m_store.database());
        insert.prepare(QStringLiteral(
            "INSERT INTO intake_clients (name, channel, key_hash, unit_code, jurisdiction_id, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?)"));
        insert.addBindValue(client.name);
        insert.addBindValue(intakeChannelKey(client.channel));
        insert.addBindValue(keyHash(key));
        insert.addBindValue(client.unitCode);
        // An empty text, not NULL: a client without a jurisdiction takes any.
        insert.addBindValue(
            client.jurisdictionId.isNull() ? QStringLiteral("") : client.jurisdictionId);
        insert.addBindValue(isoUtc(now));
        return exec(insert, Tr::tr("Adding the client %1").arg(client.name));
    });
    if (!added)
        return std::unexpected(added.error());
    return key;
}

Result<void> IntakeBook::revokeClient(const QString &name, const QDateTime &now)
{
    return m_store.transaction([&]() -> Result<void> {
        QSqlQuery update(m_store.database());
        update.prepare(QStringLiteral(
            "UPDATE intake_clients SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL"));
        update.addBindValue(isoUtc(now));
        update.addBindValue(name);
        if (auto done = exec(update, Tr::tr("Revoking the client %1").arg(name)); !done)
            return done;
        if (update.numRowsAffected() == 0)
            return fail(ErrorCode::NotFound,
                Tr::tr("There is no intake client named %1 whose key still works.")
                    .arg(printableText(name)));
        return {};
    });
}

Result<QList<IntakeClient>> IntakeBook::clients() const
{
    QSqlQuery query(m_store.database());
    query.prepare(QStringLiteral("SELECT %1 FROM intake_clients ORDER BY name")
                      .arg(QLatin1String(CLIENT_COLUMNS)));
    if (auto read = exec(query, Tr::tr("Reading the intake clients")); !read)
        return std::unexpected(read.error());
    QList<IntakeClient> clients;
    while (query.next())
        clients << clientFrom(query);
    return clients;
}

Result<IntakeClient> IntakeBook::authenticate(IntakeChannel channel, const QString &key) const
{
    const auto refused = [] {
        return fail(ErrorCode::Unauthorized, Tr::tr("The API key is missing, unknown or revoked."));
    };
    if (key.isEmpty() || key.size() > 256)
        return refused();
    QSqlQuery query(m_store.database());
    query.prepare(QStringLiteral("SELECT %1 FROM intake_clients WHERE key_hash = ?")
                      .arg(QLatin1String(CLIENT_COLUMNS)));
    query.addBindValue(keyHash(key));
    if (auto read = exec(query, Tr::tr("Checking an API key")); !read)
        return std::unexpected(read.error());
    if (!query.next())
        return refused();
    IntakeClient client = clientFrom(query);
    if (client.revokedAt.isValid() || client.channel != channel)
        return refused();
    return client;
}

Result<qint64> IntakeBook::nextNumber(const QString &source)
{
    std::optional<QSqlQuery> local;
    QSqlQuery &upsert = statement(Sql::NextNumber, local);
    upsert.bindValue(0, QStringLiteral("intake.next.") + source);
    if (auto done = exec(upsert, Tr::tr("Numbering a report")); !done)
        return std::unexpected(done.error());
    const bool numbered = upsert.next();
    const qint64 number = numbered ? upsert.value(0).toLongLong() : 0;
    upsert.finish();
    if (!numbered || number <= 0)
        return fail(ErrorCode::Database, Tr::tr("Numbering a report failed."));
    return number;
}

Result<IntakeOutcome> IntakeBook::file(
    const IntakeClient &client, IntakeReport report, const QDateTime &receivedAt)
{
    if (report.description.size() > MAX_DESCRIPTION)
        return fail(ErrorCode::InvalidArgument,
            Tr::tr(
                "The description is too long: at most %n characters.", nullptr, MAX_DESCRIPTION));
    if (report.location && !validPoint(*report.location))
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("The location %1, %2 is not a WGS84 longitude and latitude.")
                .arg(report.location->lon)
                .arg(report.location->lat));
    if (!report.category.isEmpty() && !m_book.book().setup().categories.contains(report.category))
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("There is no category %1.").arg(printableText(report.category)));
    if (report.externalId.size() > MAX_ID_TEXT)
        return fail(ErrorCode::InvalidArgument, Tr::tr("The report's id is too long."));

    return m_store.transaction<IntakeOutcome>([&]() -> Result<IntakeOutcome> {
        if (report.externalId.isEmpty()) {
            auto number = nextNumber(report.source);
            if (!number)
                return std::unexpected(number.error());
            report.externalId = QString::number(*number);
        }
        CaseRecord record;
        record.source = report.source;
        record.externalId = report.externalId;
        record.category = report.category;
        record.descriptor = report.description;
        record.address = report.address;
        record.location = report.location;
        const QDateTime reportedAt = report.reportedAt.isValid() ? report.reportedAt : receivedAt;
        record.created = serverTime(reportedAt);

        ActionRequest request = requestBy(client, CaseAction::Report, receivedAt);
        request.data = report.details;
        request.data.insert(QStringLiteral("intake"),
            intakeRecord(client.name, receivedAt, report.payload, report.contentType));
        auto event = m_book.fileReport(client.unitCode, record, request);
        if (!event)
            return std::unexpected(event.error());

        IntakeOutcome outcome;
        outcome.caseId = record.id;
        outcome.key = {record.source, record.externalId};
        outcome.version = event->sequence;
        if (!report.entries.isEmpty()) {
            auto entries = m_book.registerBook();
            if (!entries)
                return std::unexpected(entries.error());
            CaseLinks links(**entries, m_book.book());
            for (const QString &code : std::as_const(report.entries)) {
                auto linked = links.link(record.id, {code, LinkRole::Concerns},
                    requestBy(client, CaseAction::LinkEntry, receivedAt));
                if (!linked)
                    return std::unexpected(linked.error());
                outcome.version = linked->sequence;
            }
        }
        return outcome;
    });
}

Result<Alarm> IntakeBook::readAlarm(const QByteArray &json, const QDateTime &receivedAt)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("The alarm is not JSON: %1 at byte %2.")
                .arg(error.errorString())
                .arg(error.offset));
    if (!document.isObject())
        return fail(ErrorCode::InvalidArgument, Tr::tr("The alarm must be a JSON object."));
    const QJsonObject object = document.object();

    Alarm alarm;
    auto device = stringField(object, "device_id", true);
    if (!device)
        return std::unexpected(device.error());
    auto type = stringField(object, "type", true);
    if (!type)
        return std::unexpected(type.error());
    for (const QString *text : {&*device, &*type}) {
        if (text->size() > MAX_ID_TEXT || printableText(*text) != *text)
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("The alarm's device_id and type must be at most %1 characters without "
                       "control characters.")
                    .arg(MAX_ID_TEXT));
    }
    alarm.deviceId = *device;
    alarm.type = *type;

    const QJsonValue level = object.value(QLatin1String("level"));
    if (!level.isUndefined()) {
        if (!level.isDouble() || level.toDouble() != std::floor(level.toDouble())
            || level.toInt() < 1 || level.toInt() > 4)
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("The alarm's \"level\" must be a whole number from 1 to 4."));
        alarm.level = level.toInt();
    }

    const QJsonValue location = object.value(QLatin1String("location"));
    if (!location.isUndefined() && !location.isNull()) {
        const QJsonObject point = location.toObject();
        const QJsonValue lon = point.value(QLatin1String("lon"));
        const QJsonValue lat = point.value(QLatin1String("lat"));
        if (!location.isObject() || !lon.isDouble() || !lat.isDouble())
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("The alarm's \"location\" must be {\"lon\": number, \"lat\": number} in "
                       "WGS84."));
        const GeoPoint at {lon.toDouble(), lat.toDouble()};
        if (!validPoint(at))
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("The alarm's location %1, %2 is not a WGS84 longitude and latitude.")
                    .arg(at.lon)
                    .arg(at.lat));
        alarm.location = at;
    }

    auto time = stringField(object, "time", false);
    if (!time)
        return std::unexpected(time.error());
    if (time->isEmpty()) {
        alarm.at = receivedAt.toUTC();
    } else {
        alarm.at = QDateTime::fromString(*time, Qt::ISODateWithMs);
        if (!alarm.at.isValid() || alarm.at.timeSpec() == Qt::LocalTime)
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("The alarm's \"time\" must be an ISO 8601 time with its offset, such as "
                       "2026-12-05T08:30:00+08:00, not \"%1\".")
                    .arg(printableText(time->left(40))));
        alarm.at = alarm.at.toUTC();
        if (alarm.at > receivedAt.toUTC().addSecs(24 * 3600))
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("The alarm's time lies more than a day ahead of the server's clock."));
    }

    auto snapshot = stringField(object, "snapshot_url", false);
    if (!snapshot)
        return std::unexpected(snapshot.error());
    if (!snapshot->isEmpty()) {
        const QUrl url(*snapshot, QUrl::StrictMode);
        if (!url.isValid()
            || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http"))
            || snapshot->size() > 2048)
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("The alarm's \"snapshot_url\" must be an http or https address."));
        alarm.snapshotUrl = *snapshot;
    }
    auto kind = stringField(object, "kind", false);
    if (!kind)
        return std::unexpected(kind.error());
    if (!kind->isEmpty() && *kind != QLatin1String("video") && *kind != QLatin1String("sensor"))
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("The alarm's \"kind\" is video or sensor, not \"%1\".")
                .arg(printableText(kind->left(40))));
    alarm.kind = *kind;

    const QJsonValue image = object.value(QLatin1String("image"));
    if (!image.isUndefined() && !image.isNull()) {
        const QJsonObject picture = image.toObject();
        const QString type = picture.value(QLatin1String("type")).toString();
        const QJsonValue data = picture.value(QLatin1String("base64"));
        if (!image.isObject() || !data.isString()
            || (type != QLatin1String("image/jpeg") && type != QLatin1String("image/png")))
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("The alarm's \"image\" must be {\"type\": \"image/jpeg\" or "
                       "\"image/png\", \"base64\": the picture}."));
        auto decoded = QByteArray::fromBase64Encoding(
            data.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded || decoded.decoded.isEmpty())
            return fail(ErrorCode::InvalidArgument, Tr::tr("The alarm's image is not base64."));
        if (decoded.decoded.size() > MAX_ALARM_IMAGE_BYTES)
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("The alarm's image is too large: at most %1.")
                    .arg(QLocale::c().formattedDataSize(MAX_ALARM_IMAGE_BYTES)));
        const bool jpeg = decoded.decoded.startsWith("\xFF\xD8\xFF");
        const bool png = decoded.decoded.startsWith("\x89PNG\r\n\x1A\n");
        if ((type == QLatin1String("image/jpeg") && !jpeg)
            || (type == QLatin1String("image/png") && !png))
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("The alarm's image is not the %1 it says it is.").arg(type));
        alarm.image = decoded.decoded;
        alarm.imageType = type;
    }

    auto description = stringField(object, "description", false);
    if (!description)
        return std::unexpected(description.error());
    if (description->size() > MAX_DESCRIPTION)
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("The alarm's description is too long: at most %n characters.", nullptr,
                MAX_DESCRIPTION));
    alarm.description = *description;
    return alarm;
}

Result<IntakeOutcome> IntakeBook::fileAlarm(const IntakeClient &client, const Alarm &alarm,
    const QByteArray &payload, const QString &contentType, const QDateTime &receivedAt)
{
    auto entries = m_book.registerBook();
    if (!entries)
        return std::unexpected(entries.error());
    auto device = (*entries)->entry(alarm.deviceId);
    if (!device)
        return std::unexpected(device.error());
    if (!*device || (*device)->kind != QLatin1String("thing"))
        return fail(ErrorCode::NotFound,
            Tr::tr("The device %1 is not in the register of things; register it (its code is "
                   "the device id) before it sends alarms.")
                .arg(printableText(alarm.deviceId)));
    const RegisterEntry &thing = **device;
    std::optional<GeoPoint> where = alarm.location;
    if (!where)
        where = thing.anchor();
    if (!where)
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("The device %1 has no place in the register and the alarm gives none.")
                .arg(alarm.deviceId));

    // The picture is kept as the case's attachment, not a second time in the payload.
    QByteArray kept = payload;
    if (!alarm.image.isEmpty()) {
        QJsonObject object = QJsonDocument::fromJson(payload).object();
        object.insert(QStringLiteral("image"),
            QJsonObject {{QStringLiteral("type"), alarm.imageType},
                {QStringLiteral("bytes"), qint64(alarm.image.size())},
                {QStringLiteral("sha256"), CaseBook::attachmentHash(alarm.image)}});
        kept = QJsonDocument(object).toJson(QJsonDocument::Compact);
    }
    const QJsonObject intake = intakeRecord(client.name, receivedAt, kept, contentType);
    const auto attachImage = [&](const IntakeOutcome &outcome) -> Result<IntakeOutcome> {
        if (alarm.image.isEmpty())
            return outcome;
        const ActionRequest request = requestBy(client, CaseAction::Attach, receivedAt);
        const QString name =
            QStringLiteral("%1-%2.%3")
                .arg(alarm.deviceId, alarm.at.toString(QStringLiteral("yyyyMMdd-HHmmss")),
                    alarm.imageType == QLatin1String("image/png") ? QStringLiteral("png")
                                                                  : QStringLiteral("jpg"));
        auto attached = m_book.book().attachContent(
            outcome.caseId, name, alarm.imageType, alarm.image, request);
        if (!attached)
            return std::unexpected(attached.error());
        IntakeOutcome done = outcome;
        done.version = attached->sequence;
        return done;
    };
    return m_store.transaction<IntakeOutcome>([&]() -> Result<IntakeOutcome> {
        std::optional<QSqlQuery> localOpen;
        QSqlQuery &open = statement(Sql::OpenFold, localOpen);
        open.bindValue(0, alarm.deviceId);
        open.bindValue(1, alarm.type);
        if (auto read = exec(open, Tr::tr("Looking up the device's open alarm")); !read)
            return std::unexpected(read.error());
        std::optional<OpenFold> before;
        if (open.next()) {
            before = OpenFold {open.value(0).toLongLong(), fromIso(open.value(1).toString()),
                open.value(2).toInt(), caseStateFromKey(open.value(3).toString()),
                {open.value(4).toString(), open.value(5).toString()}};
        }
        open.finish();
        if (before && before->foldsAt(alarm.at, m_foldWindow)) {
            auto folded = fold(client, before->caseId, before->key, before->count,
                std::max(before->lastAt, alarm.at), alarm, intake, receivedAt);
            return folded ? attachImage(*folded) : folded;
        }

        QString kind = alarm.kind;
        if (kind.isEmpty())
            kind = isCamera(thing) ? QStringLiteral("video") : QStringLiteral("sensor");
        // The channels a desk knows: video patrol, IoT sensor alarms.
        IntakeReport report;
        report.source = kind == QLatin1String("video") ? kind : QStringLiteral("iot");
        report.category =
            m_book.book().setup().categories.contains(alarm.type) ? alarm.type : QString();
        report.description = alarm.description.isEmpty() ? Tr::tr("Alarm %1 (level %2) from %3 %4")
                                                               .arg(alarm.type)
                                                               .arg(alarm.level)
                                                               .arg(thing.code, thing.name)
                                                         : alarm.description;
        report.address = thing.address;
        report.location = where;
        report.reportedAt = alarm.at;
        report.details = {
            {QStringLiteral("device"), alarm.deviceId},
            {QStringLiteral("alarm_type"), alarm.type},
            {QStringLiteral("level"), alarm.level},
            {QStringLiteral("alarms"), 1},
        };
        if (!alarm.snapshotUrl.isEmpty())
            report.details.insert(QStringLiteral("snapshot_url"), alarm.snapshotUrl);
        report.entries = {thing.code};
        report.payload = kept;
        report.contentType = contentType;
        auto filed = file(client, report, receivedAt);
        if (!filed)
            return filed;

        std::optional<QSqlQuery> localKeep;
        QSqlQuery &keep = statement(Sql::KeepFold, localKeep);
        keep.bindValue(0, alarm.deviceId);
        keep.bindValue(1, alarm.type);
        keep.bindValue(2, filed->caseId);
        keep.bindValue(3, isoUtc(alarm.at));
        if (auto done = exec(keep, Tr::tr("Keeping the device's open alarm")); !done)
            return std::unexpected(done.error());
        return attachImage(*filed);
    });
}

Result<IntakeOutcome> IntakeBook::fold(const IntakeClient &client, qint64 caseId,
    const Sync::CaseKey &key, int count, const QDateTime &lastAt, const Alarm &alarm,
    const QJsonObject &intake, const QDateTime &receivedAt)
{
    ActionRequest request = requestBy(client, CaseAction::Recur, receivedAt);
    request.data = {
        {QStringLiteral("device"), alarm.deviceId},
        {QStringLiteral("alarm_type"), alarm.type},
        {QStringLiteral("level"), alarm.level},
        {QStringLiteral("raised_at"), isoUtc(alarm.at)},
        {QStringLiteral("alarms"), count + 1},
        {QStringLiteral("intake"), intake},
    };
    if (!alarm.snapshotUrl.isEmpty())
        request.data.insert(QStringLiteral("snapshot_url"), alarm.snapshotUrl);
    auto event = m_book.book().recordRecurrence(caseId, request);
    if (!event)
        return std::unexpected(event.error());

    std::optional<QSqlQuery> local;
    QSqlQuery &update = statement(Sql::CountFold, local);
    // The window slides with the alarms: a device that keeps raising one stays on one report.
    update.bindValue(0, isoUtc(lastAt));
    update.bindValue(1, alarm.deviceId);
    update.bindValue(2, alarm.type);
    if (auto done = exec(update, Tr::tr("Counting the device's alarm")); !done)
        return std::unexpected(done.error());

    IntakeOutcome outcome;
    outcome.caseId = caseId;
    outcome.key = key;
    outcome.version = event->sequence;
    outcome.folded = true;
    outcome.alarms = count + 1;
    return outcome;
}

void IntakeBook::countRefusal(
    IntakeChannel channel, const QString &reason, const QString &detail, const QDateTime &at)
{
    QSqlQuery upsert(m_store.database());
    upsert.prepare(QStringLiteral(
        "INSERT INTO intake_refusals (channel, reason, count, last_at, last_detail) VALUES (?, "
        "?, 1, ?, ?) ON CONFLICT (channel, reason) DO UPDATE SET count = intake_refusals.count + "
        "1, last_at = excluded.last_at, last_detail = excluded.last_detail"));
    upsert.addBindValue(intakeChannelKey(channel));
    upsert.addBindValue(reason);
    upsert.addBindValue(isoUtc(at));
    upsert.addBindValue(printableText(detail.left(300)));
    auto counted = m_store.transaction([&]() -> Result<void> {
        return exec(upsert, Tr::tr("Counting a refused %1 payload").arg(intakeChannelKey(channel)));
    });
    if (!counted)
        qCWarning(lcIntake).noquote() << counted.error().message;
}

Result<QList<IntakeRefusalCount>> IntakeBook::refusals() const
{
    QSqlQuery query(m_store.database());
    query.prepare(QStringLiteral("SELECT channel, reason, count, last_at, last_detail FROM "
                                 "intake_refusals ORDER BY channel, reason"));
    if (auto read = exec(query, Tr::tr("Reading the refused payloads")); !read)
        return std::unexpected(read.error());
    QList<IntakeRefusalCount> counts;
    while (query.next()) {
        counts << IntakeRefusalCount {query.value(0).toString(), query.value(1).toString(),
            query.value(2).toLongLong(), fromIso(query.value(3).toString()),
            query.value(4).toString()};
    }
    return counts;
}

} // namespace GridDesk
