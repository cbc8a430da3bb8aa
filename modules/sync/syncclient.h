// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "feedapplier.h"
#include "outbox.h"
#include "protocol.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QSslCertificate>
#include <QUrl>

#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

namespace GridDesk::Sync {

struct ClientOptions
{
    QUrl server; ///< https://host:port
    QString user;
    QByteArray password;
    /// Certificates trusted besides the system's: the city's CA.
    QList<QSslCertificate> caCertificates;
    int timeoutMs = 30'000;
};

/// Reads the PEM certificates of a CA file; a clear error when there are none.
Result<QList<QSslCertificate>> readCaFile(const QString &path);

/// The desk's side of the wire: HTTPS requests to one server, each waited for. The session
/// token is kept in memory only. Certificates are verified against the system's store and the
/// given CA; an untrusted one fails the request, it is never ignored. A failure that may pass
/// by itself (no route, timeout, the server busy or restarting) has ErrorCode::Unavailable.
/// Use on one thread.
class SyncClient
{
public:
    explicit SyncClient(ClientOptions options);
    ~SyncClient();

    SyncClient(const SyncClient &) = delete;
    SyncClient &operator=(const SyncClient &) = delete;

    const ClientOptions &options() const { return m_options; }
    bool isLoggedIn() const { return !m_token.isEmpty(); }
    /// The account's role and unit, as the server said at login.
    QString role() const { return m_role; }
    QString unit() const { return m_unit; }

    /// Bytes of request and answer bodies this client moved so far.
    qint64 bytesSent() const { return m_bytesSent; }
    qint64 bytesReceived() const { return m_bytesReceived; }

    Result<void> login();
    Result<void> logout();
    /// Sends commands in order; the answers come in the same order.
    Result<QList<CommandResult>> push(const QList<QJsonObject> &commands);

    struct Page
    {
        QList<CaseSnapshot> cases;
        qint64 cursor = 0;
        bool more = false;
    };
    /// The cases that changed after cursor, within the account's jurisdiction. With wait, the
    /// server holds the request up to that many seconds until something changes.
    Result<Page> pull(qint64 after, int limit, int waitSeconds = 0);

    struct EditionsPage
    {
        QList<EditionChanges> editions;
        bool more = false;
    };
    /// The grid editions the server published after edition after, oldest first.
    Result<EditionsPage> editions(int after);
    /// The server's org chart when its revision is newer than after (or always), with the
    /// changes since after.
    Result<OrgRevision> orgChart(qint64 after, bool always = false);

    struct RegisterPage
    {
        QList<RegisterItem> entries;
        qint64 cursor = 0;
        bool more = false;
    };
    /// The register's changes after cursor after, for the entries the account may see.
    Result<RegisterPage> registerFeed(qint64 after);

    /// Cuts a waiting pull short (called from a slot that runs while it waits): the pull fails
    /// and wasInterrupted() says why. Other requests are never cut short.
    void interrupt();
    bool wasInterrupted() const { return m_interrupted; }

    /// Sends an attachment's content for the attach command that follows it; the server keeps
    /// it under its SHA-256. Sending it again changes nothing.
    Result<void> uploadFile(const QString &sha256, const QByteArray &content);
    /// The content of an attachment of a case the account may see; checked against sha256.
    Result<QByteArray> downloadFile(const QString &sha256);

private:
    struct Exchange
    {
        int status = 0;
        QByteArray answer;
        QString where; ///< the verb and the address, for messages
    };
    /// One request and its answer, whatever its status; fails only when no answer came.
    Result<Exchange> exchange(const QByteArray &verb, const QString &path,
        const QByteArray &payload, const QByteArray &contentType, int extraTimeoutMs);
    /// What a status outside 2xx means, with the server's words.
    static Error refusal(const Exchange &exchange);
    Result<QJsonObject> request(const QByteArray &verb, const QString &path,
        const QJsonObject &body, int extraTimeoutMs = 0);

    ClientOptions m_options;
    std::unique_ptr<QNetworkAccessManager> m_network;
    QByteArray m_token;
    QString m_role;
    QString m_unit;
    qint64 m_bytesSent = 0;
    qint64 m_bytesReceived = 0;
    QNetworkReply *m_waiting = nullptr; ///< the waiting pull's reply, while it waits
    bool m_interrupted = false;
};

/// What one sync did.
struct SyncReport
{
    int sent = 0;
    int applied = 0;
    int rejected = 0;
    QList<CommandResult> rejections;
    FeedSummary received;
    int editions = 0; ///< grid editions taken in
    qint64 orgRevision = 0; ///< the server's revision of the org chart taken in, if a newer one
    bool orgChanged = false; ///< the org chart here changed with it
    int registerEntries = 0; ///< register entries taken in from the server
    int attachments = 0; ///< files of attach events fetched from the server
    int pages = 0;
    qint64 cursor = 0;
};

/// Pushes the outbox, takes in the grid editions published since the newest one here, then
/// reads the feed from the stored cursor to its end, writing answers,
/// cases and the new cursor into the workspace as they come, so that a sync cut off anywhere
/// resumes where it stopped without sending or taking anything twice.
Result<SyncReport> syncOnce(CaseBook &book, Outbox &outbox, SyncClient &client);

/// Fetches the files of the attach events that came with the feed and are not here yet, and
/// keeps them with their cases; how many.
Result<int> fetchAttachments(CaseBook &book, SyncClient &client);

/// Waits up to seconds for the feed after the stored cursor to have a case (long polling),
/// and takes in the page that comes as syncOnce() does. The report's pages is 0 when the wait
/// ended with nothing new. More may follow (a full page): sync again then.
Result<SyncReport> waitForFeed(CaseBook &book, Outbox &outbox, SyncClient &client, int seconds);

} // namespace GridDesk::Sync
