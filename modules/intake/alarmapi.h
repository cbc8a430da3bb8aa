// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "intakebook.h"

#include <QHttpServerResponse>

#include <functional>

class QHttpServer;
class QHttpServerRequest;

namespace GridDesk {

class ServerBook;
class Workspace;

/// The alarm webhook, POST /v1/alarms: sensors and video analytics platforms send one alarm
/// per request as JSON, with their client's key in "Authorization: Bearer KEY" or
/// "X-API-Key". Answered 201 with the case it made, 200 with the case it was folded into;
/// refused with {"error": key, "message": words} and counted per reason.
class AlarmApi
{
public:
    /// The largest alarm body: a picture of MAX_ALARM_IMAGE_BYTES in base64 and the rest.
    static constexpr qint64 MAX_ALARM_BYTES = IntakeBook::MAX_ALARM_IMAGE_BYTES * 4 / 3 + 64 * 1024;

    /// changed is called after every alarm filed, so held feed requests are answered.
    AlarmApi(Workspace &store, ServerBook &book, IntakeBook &intake, std::function<void()> changed);

    void route(QHttpServer &server);
    QHttpServerResponse post(const QHttpServerRequest &request);

private:
    QHttpServerResponse refuse(QHttpServerResponse::StatusCode status, const QString &key,
        const QString &message, const QString &detail);

    Workspace &m_store;
    ServerBook &m_book;
    IntakeBook &m_intake;
    std::function<void()> m_changed;
};

/// The key a request to an intake endpoint carries: "Authorization: Bearer KEY", or the
/// "X-API-Key" header; empty when it has neither.
QString intakeKey(const QHttpServerRequest &request);

} // namespace GridDesk
