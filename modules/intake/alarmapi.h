// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "intakebook.h"

#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <memory>
#include <vector>

class QHttpServer;
class QHttpServerRequest;
class QTcpSocket;

namespace GridDesk {

class ServerBook;
class Workspace;

/// The alarm webhook, POST /v1/alarms: sensors and video analytics platforms send one alarm
/// per request as JSON, with their client's key in "Authorization: Bearer KEY" or
/// "X-API-Key". Answered 201 with the case it made, 200 with the case it was folded into;
/// refused with {"error": key, "message": words} and counted per reason.
///
/// The alarms that arrive together are filed together: a request that passes its checks waits
/// in a queue, which the server's thread drains as soon as it is free, filing every alarm
/// waiting in one transaction with statements prepared once. Each request is answered after
/// the transaction holding its alarm committed; an alarm the store refuses (an unknown device,
/// a place outside the client's unit) is rolled back alone and refused. Use on the server's
/// thread.
class AlarmApi
{
public:
    /// The largest alarm body: a picture of MAX_ALARM_IMAGE_BYTES in base64 and the rest.
    static constexpr qint64 MAX_ALARM_BYTES = IntakeBook::MAX_ALARM_IMAGE_BYTES * 4 / 3 + 64 * 1024;
    /// The most alarms filed in one transaction; those beyond wait for the next.
    static constexpr int MAX_GROUP = 64;

    /// changed is called after every group of alarms filed, so held feed requests are answered.
    AlarmApi(Workspace &store, ServerBook &book, IntakeBook &intake, std::function<void()> changed);
    ~AlarmApi();

    AlarmApi(const AlarmApi &) = delete;
    AlarmApi &operator=(const AlarmApi &) = delete;

    void route(QHttpServer &server);
    /// Checks the alarm of request: refused through responder at once when its key, size, type
    /// or JSON is wrong, queued otherwise and answered once filed.
    void take(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    /// Files the alarms waiting (at most MAX_GROUP) in one transaction and answers them; when
    /// the transaction fails, files each in a transaction of its own instead, so that one alarm
    /// the store cannot take costs no other its place.
    void fileWaiting();
    /// Alarms checked and not yet answered.
    int waiting() const { return int(m_waiting.size()); }

private:
    struct Waiting
    {
        IntakeClient client;
        Alarm alarm;
        QByteArray body;
        QDateTime receivedAt; ///< UTC
        QString detail; ///< the client and address, for the refusal count
        QPointer<QTcpSocket> socket;
        std::unique_ptr<QHttpServerResponder> responder;
    };

    /// Counts a refusal and answers it through responder (none when the client has gone).
    void refuse(QHttpServerResponder *responder, QHttpServerResponder::StatusCode status,
        const QString &key, const QString &message, const QString &detail);
    /// Files alarm in the transaction open on the store: its outcome, a refusal (NotFound,
    /// Forbidden, InvalidArgument) with nothing of it written, or a store failure.
    Result<IntakeOutcome> file(const Waiting &alarm);
    /// Files group in one transaction; outcomes gets one entry per alarm when it committed.
    Result<void> fileGroup(
        const std::vector<Waiting> &group, std::vector<Result<IntakeOutcome>> &outcomes);
    /// Answers alarm with what filing it gave.
    void answer(Waiting &alarm, const Result<IntakeOutcome> &filed);

    Workspace &m_store;
    ServerBook &m_book;
    IntakeBook &m_intake;
    std::function<void()> m_changed;
    std::vector<Waiting> m_waiting;
    QTimer m_drain; ///< single shot, no delay: fires once the server's thread is free
};

/// The key a request to an intake endpoint carries: "Authorization: Bearer KEY", or the
/// "X-API-Key" header; empty when it has neither.
QString intakeKey(const QHttpServerRequest &request);

} // namespace GridDesk
