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
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Intake)
};

using Status = QHttpServerResponder::StatusCode;

/// Writes body as every answer of the server is written: compact JSON, never cached.
void writeJson(QHttpServerResponder &responder, const QJsonObject &body, Status status)
{
    responder.write(QJsonDocument(body).toJson(QJsonDocument::Compact),
        {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")},
            {QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store")}},
        status);
}

/// Whether error refuses one alarm rather than saying the store failed.
bool refusesAlarm(const Error &error)
{
    return error.code == ErrorCode::NotFound || error.code == ErrorCode::Forbidden
        || error.code == ErrorCode::InvalidArgument;
}

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
{
    m_drain.setSingleShot(true);
    m_drain.setInterval(0);
    QObject::connect(&m_drain, &QTimer::timeout, &m_drain, [this] { fileWaiting(); });
}

AlarmApi::~AlarmApi() = default;

void AlarmApi::route(QHttpServer &server)
{
    server.route(QStringLiteral("/v1/alarms"), QHttpServerRequest::Method::Post,
        [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            take(request, std::move(responder));
        });
}

void AlarmApi::refuse(QHttpServerResponder *responder, Status status, const QString &key,
    const QString &message, const QString &detail)
{
    m_intake.countRefusal(IntakeChannel::Alarm, key, detail, QDateTime::currentDateTimeUtc());
    qCInfo(lcIntake).noquote() << "alarm refused:" << key << detail;
    if (responder)
        writeJson(*responder, Sync::errorJson(key, message), status);
}

void AlarmApi::take(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    const QDateTime receivedAt = QDateTime::currentDateTimeUtc();
    const QString from = request.remoteAddress().toString();
    auto client = m_intake.authenticate(IntakeChannel::Alarm, intakeKey(request));
    if (!client)
        return refuse(&responder, Status::Unauthorized, QStringLiteral("unauthorized"),
            client.error().message, QStringLiteral("from %1").arg(from));
    const QString detail = QStringLiteral("client %1 from %2").arg(client->name, from);
    if (request.body().size() > MAX_ALARM_BYTES)
        return refuse(&responder, Status::PayloadTooLarge, QStringLiteral("too_large"),
            Tr::tr("The alarm has %1 bytes; at most %2 are taken.")
                .arg(request.body().size())
                .arg(MAX_ALARM_BYTES),
            detail);
    const QByteArray type = request.value(QByteArrayLiteral("Content-Type")).trimmed().toLower();
    if (!type.isEmpty() && !type.startsWith("application/json"))
        return refuse(&responder, Status::UnsupportedMediaType, QStringLiteral("unsupported_type"),
            Tr::tr("An alarm is sent as application/json, not %1.")
                .arg(QString::fromLatin1(type.left(80))),
            detail);
    auto alarm = IntakeBook::readAlarm(request.body(), receivedAt);
    if (!alarm)
        return refuse(&responder, Status::BadRequest, QStringLiteral("malformed"),
            alarm.error().message, detail + u' ' + alarm.error().message);

    Waiting queued;
    queued.client = std::move(*client);
    queued.alarm = std::move(*alarm);
    queued.body = request.body();
    queued.receivedAt = receivedAt;
    queued.detail = detail;
    queued.socket = responder.socket();
    queued.responder = std::make_unique<QHttpServerResponder>(std::move(responder));
    m_waiting.push_back(std::move(queued));
    // The alarms of the other requests already read wait with this one: the queue is filed
    // when the server's thread has nothing else to do, or at once when a group is full.
    if (waiting() >= MAX_GROUP)
        fileWaiting();
    else if (!m_drain.isActive())
        m_drain.start();
}

Result<IntakeOutcome> AlarmApi::file(const Waiting &alarm)
{
    return m_intake.fileAlarm(alarm.client, alarm.alarm, alarm.body,
        QStringLiteral("application/json"), alarm.receivedAt);
}

Result<void> AlarmApi::fileGroup(
    const std::vector<Waiting> &group, std::vector<Result<IntakeOutcome>> &outcomes)
{
    const IntakeBook::AlarmScope statements(m_intake);
    return m_store.transaction([&]() -> Result<void> {
        outcomes.clear();
        // Under the store's write lock: what another server process changed is seen.
        if (auto followed = m_book.followStore(); !followed)
            return followed;
        // Each alarm is a savepoint of the group (fileAlarm's own transaction): a refused one
        // leaves nothing behind, and a later alarm of the same device folds into an earlier
        // one's report as it would a transaction later.
        for (const Waiting &alarm : group) {
            auto filed = file(alarm);
            if (!filed && !refusesAlarm(filed.error()))
                return std::unexpected(filed.error());
            outcomes.push_back(std::move(filed));
        }
        return {};
    });
}

void AlarmApi::fileWaiting()
{
    m_drain.stop();
    if (m_waiting.empty())
        return;
    const auto end = m_waiting.begin() + std::min<std::ptrdiff_t>(m_waiting.size(), MAX_GROUP);
    std::vector<Waiting> group(
        std::make_move_iterator(m_waiting.begin()), std::make_move_iterator(end));
    m_waiting.erase(m_waiting.begin(), end);
    if (!m_waiting.empty())
        m_drain.start();

    std::vector<Result<IntakeOutcome>> outcomes;
    if (auto filed = fileGroup(group, outcomes); !filed) {
        qCWarning(lcIntake).noquote()
            << "a group of" << group.size()
            << "alarms could not be filed together, filing each alone:" << filed.error().message;
        // The book may hold what the rolled-back group placed in its caches.
        if (auto reloaded = m_book.reload(); !reloaded)
            qCWarning(lcIntake).noquote()
                << "reloading the book failed:" << reloaded.error().message;
        outcomes.clear();
        for (const Waiting &alarm : group) {
            outcomes.push_back(m_store.transaction<IntakeOutcome>([&]() -> Result<IntakeOutcome> {
                if (auto followed = m_book.followStore(); !followed)
                    return std::unexpected(followed.error());
                return file(alarm);
            }));
        }
    }

    qCDebug(lcIntake) << "filed a group of" << group.size() << "alarms," << m_waiting.size()
                      << "waiting";
    bool changed = false;
    for (std::size_t index = 0; index < group.size(); ++index) {
        changed = changed || outcomes[index].has_value();
        answer(group[index], outcomes[index]);
    }
    if (changed && m_changed)
        m_changed();
}

void AlarmApi::answer(Waiting &alarm, const Result<IntakeOutcome> &filed)
{
    // A client that hung up is not written to, its responder's socket being gone; what it sent
    // is filed, or counted as refused, all the same.
    const bool gone =
        alarm.socket.isNull() || alarm.socket->state() != QAbstractSocket::ConnectedState;
    if (filed) {
        const QJsonObject answer {
            {QStringLiteral("case"), Sync::caseKeyJson(filed->key)},
            {QStringLiteral("version"), filed->version},
            {QStringLiteral("folded"), filed->folded},
            {QStringLiteral("alarms"), filed->alarms},
        };
        if (!gone)
            writeJson(*alarm.responder, answer, filed->folded ? Status::Ok : Status::Created);
        return;
    }

    const Error &error = filed.error();
    if (!refusesAlarm(error)) {
        qCWarning(lcIntake).noquote() << "an alarm could not be filed:" << error.message;
        if (!gone)
            writeJson(*alarm.responder,
                Sync::errorJson(QStringLiteral("store"),
                    Tr::tr("The server could not keep the alarm; send it again.")),
                Status::ServiceUnavailable);
        return;
    }

    Status status = Status::UnprocessableEntity;
    QString key = QStringLiteral("invalid");
    QString detail = alarm.detail + u' ' + error.message;
    if (error.code == ErrorCode::NotFound) {
        key = QStringLiteral("unknown_device");
        detail = alarm.detail + u' ' + alarm.alarm.deviceId;
    } else if (error.code == ErrorCode::Forbidden) {
        status = Status::Forbidden;
        key = QStringLiteral("outside_jurisdiction");
        detail = alarm.detail + u' ' + alarm.alarm.deviceId;
    }
    refuse(gone ? nullptr : alarm.responder.get(), status, key, error.message, detail);
}

} // namespace GridDesk
