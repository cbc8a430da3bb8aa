// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "accounts.h"
#include "feedwaits.h"
#include "serverbook.h"

#include <QByteArray>
#include <QHttpServerResponse>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;

namespace GridDesk {

class Workspace;

/// The sync protocol's endpoints (modules/sync/PROTOCOL.md) on a QHttpServer: login and logout,
/// push and the feed, the server's status. Every request but login and status needs a session
/// token; every refusal is answered with a JSON body {"error": key, "message": words} and the
/// ones for bad logins, bad tokens and oversized bodies are written to the audit trail. A feed
/// request with `wait` is held until the account's feed has something (FeedWaits).
class HttpApi
{
public:
    HttpApi(Workspace &store, Accounts &accounts, ServerBook &book);

    /// Bodies larger than this are refused with 413 before they are parsed.
    void setMaxRequestBytes(qint64 bytes) { m_maxRequestBytes = bytes; }

    void route(QHttpServer &server);

    /// The store changed outside a push (the deadline rules): held feed requests that may see
    /// the change are answered.
    void storeChanged() { m_waits.changed(); }
    FeedWaits &feedWaits() { return m_waits; }

    QHttpServerResponse status(const QHttpServerRequest &request);
    QHttpServerResponse login(const QHttpServerRequest &request);
    QHttpServerResponse logout(const QHttpServerRequest &request);
    QHttpServerResponse push(const QHttpServerRequest &request);
    void feed(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    QHttpServerResponse editions(const QHttpServerRequest &request);
    QHttpServerResponse orgChart(const QHttpServerRequest &request);
    QHttpServerResponse registerFeed(const QHttpServerRequest &request);
    QHttpServerResponse uploadFile(const QString &sha256, const QHttpServerRequest &request);
    QHttpServerResponse downloadFile(const QString &sha256, const QHttpServerRequest &request);

private:
    struct Refusal
    {
        QHttpServerResponse::StatusCode status;
        QString key;
        QString message;
    };
    /// The account of the request's bearer token, or why it is refused (401).
    std::variant<Account, Refusal> caller(const QHttpServerRequest &request);
    std::optional<QHttpServerResponse> oversized(const QHttpServerRequest &request);
    void audit(const QString &user, const QString &what, const QString &detail);

    Workspace &m_store;
    Accounts &m_accounts;
    ServerBook &m_book;
    FeedWaits m_waits;
    qint64 m_maxRequestBytes = 8 * 1024 * 1024;
};

} // namespace GridDesk
