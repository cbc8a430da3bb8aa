// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "accounts.h"
#include "serverbook.h"

#include <QByteArray>
#include <QHttpServerResponse>

class QHttpServer;
class QHttpServerRequest;

namespace GridDesk {

class Workspace;

/// The sync protocol's endpoints (modules/sync/PROTOCOL.md) on a QHttpServer: login and logout,
/// push and the feed, the server's status. Every request but login and status needs a session
/// token; every refusal is answered with a JSON body {"error": key, "message": words} and the
/// ones for bad logins, bad tokens and oversized bodies are written to the audit trail.
class HttpApi
{
public:
    HttpApi(Workspace &store, Accounts &accounts, ServerBook &book);

    /// Bodies larger than this are refused with 413 before they are parsed.
    void setMaxRequestBytes(qint64 bytes) { m_maxRequestBytes = bytes; }

    void route(QHttpServer &server);

    QHttpServerResponse status(const QHttpServerRequest &request);
    QHttpServerResponse login(const QHttpServerRequest &request);
    QHttpServerResponse logout(const QHttpServerRequest &request);
    QHttpServerResponse push(const QHttpServerRequest &request);
    QHttpServerResponse feed(const QHttpServerRequest &request);

private:
    /// The account of the request's bearer token, or the 401 answer.
    std::variant<Account, QHttpServerResponse> caller(const QHttpServerRequest &request);
    std::optional<QHttpServerResponse> oversized(const QHttpServerRequest &request);
    void audit(const QString &user, const QString &what, const QString &detail);

    Workspace &m_store;
    Accounts &m_accounts;
    ServerBook &m_book;
    qint64 m_maxRequestBytes = 8 * 1024 * 1024;
};

} // namespace GridDesk
