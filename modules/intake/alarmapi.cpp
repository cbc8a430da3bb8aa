// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "alarmapi.h"

#include "logging.h"

#include "server/serverbook.h"
#include "storage/workspace.h"
#include "sync/protocol.h"

#include <QCoreApplication>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QJsonObject>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Intake)
};

using Status = QHttpServerResponse::StatusCode;

} // namespace

QString intakeKey(const QHttpServerRequest &request)
{
    const QByteArray authorization = request.value(QByteArrayLiteral("Authorization"));
    static const QByteArray scheme = QByteArrayLiteral("Bearer ");
    if (authorization.startsWith(scheme))
        return QString::fromLatin1(authorization.mid(scheme.size()).trimmed());
    return QString::fromLatin1(request.value(QByteArrayLiteral("X-API-Key")).trimmed());
}

AlarmApi::AlarmApi(
    Workspace &store, ServerBook &book, IntakeBook &intake, std::function<void()> changed)
    : m_store(store)
    , m_book(book)
    , m_intake(intake)
    , m_changed(std::move(changed))
{ }

void AlarmApi::route(QHttpServer &server)
{
    server.route(QStringLiteral("/v1/alarms"), QHttpServerRequest::Method::Post,
        [this](const QHttpServerRequest &request) { return post(request); });
}

QHttpServerResponse AlarmApi::refuse(
    Status status, const QString &key, const QString &message, const QString &detail)
{
    m_intake.countRefusal(IntakeChannel::Alarm, key, detail, QDateTime::currentDateTimeUtc());
    qCInfo(lcIntake).noquote() << "alarm refused:" << key << detail;
    return QHttpServerResponse(Sync::errorJson(key, message), status);
}

QHttpServerResponse AlarmApi::post(const QHttpServerRequest &request)
{
    const QDateTime receivedAt = QDateTime::currentDateTimeUtc();
    const QString from = request.remoteAddress().toString();
    auto client = m_intake.authenticate(IntakeChannel::Alarm, intakeKey(request));
    if (!client)
        return refuse(Status::Unauthorized, QStringLiteral("unauthorized"), client.error().message,
            QStringLiteral("from %1").arg(from));
    const QString detail = QStringLiteral("client %1 from %2").arg(client->name, from);
    if (request.body().size() > MAX_ALARM_BYTES)
        return refuse(Status::PayloadTooLarge, QStringLiteral("too_large"),
            Tr::tr("The alarm has %1 bytes; at most %2 are taken.")
                .arg(request.body().size())
                .arg(MAX_ALARM_BYTES),
            detail);
    const QByteArray type = request.value(QByteArrayLiteral("Content-Type")).trimmed().toLower();
    if (!type.isEmpty() && !type.startsWith("application/json"))
        return refuse(Status::UnsupportedMediaType, QStringLiteral("unsupported_type"),
            Tr::tr("An alarm is sent as application/json, not %1.")
                .arg(QString::fromLatin1(type.left(80))),
            detail);
    auto alarm = IntakeBook::readAlarm(request.body(), receivedAt);
    if (!alarm)
        return refuse(Status::BadRequest, QStringLiteral("malformed"), alarm.error().message,
            detail + u' ' + alarm.error().message);

    auto filed = m_store.transaction<IntakeOutcome>([&]() -> Result<IntakeOutcome> {
        // Under the store's write lock: what another server process changed is seen.
        if (auto followed = m_book.followStore(); !followed)
            return std::unexpected(followed.error());
        return m_intake.fileAlarm(
            *client, *alarm, request.body(), QStringLiteral("application/json"), receivedAt);
    });
    if (!filed) {
        switch (filed.error().code) {
        case ErrorCode::NotFound:
            return refuse(Status::UnprocessableEntity, QStringLiteral("unknown_device"),
                filed.error().message, detail + u' ' + alarm->deviceId);
        case ErrorCode::Forbidden:
            return refuse(Status::Forbidden, QStringLiteral("outside_jurisdiction"),
                filed.error().message, detail + u' ' + alarm->deviceId);
        case ErrorCode::InvalidArgument:
            return refuse(Status::UnprocessableEntity, QStringLiteral("invalid"),
                filed.error().message, detail + u' ' + filed.error().message);
        default:
            qCWarning(lcIntake).noquote()
                << "an alarm could not be filed:" << filed.error().message;
            return QHttpServerResponse(Sync::errorJson(QStringLiteral("store"),
                                           Tr::tr("The server could not keep the alarm; send it "
                                                  "again.")),
                Status::ServiceUnavailable);
        }
    }
    if (m_changed)
        m_changed();
    QJsonObject answer {
        {QStringLiteral("case"), Sync::caseKeyJson(filed->key)},
        {QStringLiteral("version"), filed->version},
        {QStringLiteral("folded"), filed->folded},
        {QStringLiteral("alarms"), filed->alarms},
    };
    return QHttpServerResponse(answer, filed->folded ? Status::Ok : Status::Created);
}

} // namespace GridDesk
