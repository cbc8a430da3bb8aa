// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "httpapi.h"

#include "audit.h"
#include "logging.h"

#include "storage/workspace.h"
#include "sync/protocol.h"

#include <QCoreApplication>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Server)
};

using Status = QHttpServerResponse::StatusCode;

/// The largest login body: a name and a password, with room to spare.
constexpr qint64 MAX_LOGIN_BYTES = 16 * 1024;

QHttpServerResponse answer(Status status, const QString &key, const QString &message)
{
    return QHttpServerResponse(Sync::errorJson(key, message), status);
}

/// The body as a JSON object, or the 400 answer saying what is wrong with it.
std::variant<QJsonObject, QHttpServerResponse> jsonBody(const QHttpServerRequest &request)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(request.body(), &error);
    if (error.error != QJsonParseError::NoError) {
        return answer(Status::BadRequest, QStringLiteral("malformed"),
            Tr::tr("The body is not JSON: %1 at byte %2.")
                .arg(error.errorString())
                .arg(error.offset));
    }
    if (!document.isObject()) {
        return answer(Status::BadRequest, QStringLiteral("malformed"),
            Tr::tr("The body must be a JSON object."));
    }
    return document.object();
}

QString peer(const QHttpServerRequest &request)
{
    return request.remoteAddress().toString();
}

/// The request's bearer token; nullopt when it has no "Authorization: Bearer" header.
std::optional<QString> bearerToken(const QHttpServerRequest &request)
{
    const QByteArray header = request.value(QByteArrayLiteral("Authorization"));
    static const QByteArray scheme = QByteArrayLiteral("Bearer ");
    if (!header.startsWith(scheme))
        return std::nullopt;
    return QString::fromLatin1(header.mid(scheme.size()).trimmed());
}

} // namespace

HttpApi::HttpApi(Workspace &store, Accounts &accounts, ServerBook &book)
    : m_store(store)
    , m_accounts(accounts)
    , m_book(book)
    , m_waits(accounts, book)
{ }

void HttpApi::route(QHttpServer &server)
{
    using Method = QHttpServerRequest::Method;
    server.route(QStringLiteral("/v1/status"), Method::Get,
        [this](const QHttpServerRequest &request) { return status(request); });
    server.route(QStringLiteral("/v1/login"), Method::Post,
        [this](const QHttpServerRequest &request) { return login(request); });
    server.route(QStringLiteral("/v1/logout"), Method::Post,
        [this](const QHttpServerRequest &request) { return logout(request); });
    server.route(QStringLiteral("/v1/push"), Method::Post,
        [this](const QHttpServerRequest &request) { return push(request); });
    server.route(QStringLiteral("/v1/files/<arg>"), Method::Put,
        [this](const QString &sha256, const QHttpServerRequest &request) {
            return uploadFile(sha256, request);
        });
    server.route(QStringLiteral("/v1/files/<arg>"), Method::Get,
        [this](const QString &sha256, const QHttpServerRequest &request) {
            return downloadFile(sha256, request);
        });
    server.route(QStringLiteral("/v1/editions"), Method::Get,
        [this](const QHttpServerRequest &request) { return editions(request); });
    server.route(QStringLiteral("/v1/org"), Method::Get,
        [this](const QHttpServerRequest &request) { return orgChart(request); });
    server.route(QStringLiteral("/v1/register"), Method::Get,
        [this](const QHttpServerRequest &request) { return registerFeed(request); });
    server.route(QStringLiteral("/v1/feed"), Method::Get,
        [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            feed(request, std::move(responder));
        });
    server.afterRequest([](QHttpServerResponse &&response) {
        response.setHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
        return std::move(response);
    });
}

void HttpApi::audit(const QString &user, const QString &what, const QString &detail)
{
    AuditEntry entry;
    entry.at = QDateTime::currentDateTimeUtc();
    entry.userName = user;
    entry.what = what;
    entry.detail = detail;
    if (auto written = appendAudit(m_store, entry); !written)
        qCWarning(lcServer) << "could not write the audit trail:" << written.error().message;
}

std::optional<QHttpServerResponse> HttpApi::oversized(const QHttpServerRequest &request)
{
    if (request.body().size() <= m_maxRequestBytes)
        return std::nullopt;
    audit(QString(), QStringLiteral("request_too_large"),
        QStringLiteral("%1 bytes to %2 from %3")
            .arg(request.body().size())
            .arg(request.url().path(), peer(request)));
    return answer(Status::PayloadTooLarge, QStringLiteral("too_large"),
        Tr::tr("The body has %1 bytes; this server takes at most %2.")
            .arg(request.body().size())
            .arg(m_maxRequestBytes));
}

std::variant<Account, HttpApi::Refusal> HttpApi::caller(const QHttpServerRequest &request)
{
    const auto token = bearerToken(request);
    if (!token) {
        return Refusal {Status::Unauthorized, QStringLiteral("unauthorized"),
            Tr::tr("Log in first: the request has no \"Authorization: Bearer\" token.")};
    }
    auto account = m_accounts.authenticate(*token, QDateTime::currentDateTimeUtc());
    if (!account) {
        audit(QString(), QStringLiteral("token_refused"),
            QStringLiteral("%1 from %2").arg(request.url().path(), peer(request)));
        return Refusal {
            Status::Unauthorized, QStringLiteral("unauthorized"), account.error().message};
    }
    return *account;
}

QHttpServerResponse HttpApi::status(const QHttpServerRequest &)
{
    return QHttpServerResponse(QJsonObject {{QStringLiteral("server"), QStringLiteral("griddesk")},
        {QStringLiteral("protocol"), Sync::PROTOCOL_VERSION}});
}

QHttpServerResponse HttpApi::login(const QHttpServerRequest &request)
{
    if (request.body().size() > MAX_LOGIN_BYTES) {
        audit(QString(), QStringLiteral("request_too_large"),
            QStringLiteral("login of %1 bytes from %2")
                .arg(request.body().size())
                .arg(peer(request)));
        return answer(Status::PayloadTooLarge, QStringLiteral("too_large"),
            Tr::tr("A login has at most %1 bytes.").arg(MAX_LOGIN_BYTES));
    }
    auto body = jsonBody(request);
    if (auto *refusal = std::get_if<QHttpServerResponse>(&body))
        return std::move(*refusal);
    const QJsonObject json = std::get<QJsonObject>(body);
    const QJsonValue protocol = json.value(QLatin1String("protocol"));
    if (!protocol.isUndefined() && protocol.toInt() != Sync::PROTOCOL_VERSION) {
        return answer(Status::BadRequest, QStringLiteral("protocol"),
            Tr::tr("This server speaks sync protocol %1, not %2; update the workstation or the "
                   "server.")
                .arg(Sync::PROTOCOL_VERSION)
                .arg(protocol.toInt()));
    }
    const QString user = json.value(QLatin1String("user")).toString();
    const QByteArray password = json.value(QLatin1String("password")).toString().toUtf8();
    auto session = m_accounts.login(user, password, QDateTime::currentDateTimeUtc());
    if (!session) {
        const bool locked = session.error().code == ErrorCode::Forbidden;
        qCInfo(lcServer) << "login refused for" << user << "from" << peer(request);
        return answer(locked ? Status::Forbidden : Status::Unauthorized,
            locked ? QStringLiteral("locked") : QStringLiteral("bad_credentials"),
            session.error().message);
    }
    return QHttpServerResponse(QJsonObject {{QStringLiteral("token"), session->token},
        {QStringLiteral("expires_at"), session->expiresAt.toString(Qt::ISODate)},
        {QStringLiteral("account"),
            QJsonObject {{QStringLiteral("name"), session->account.name},
                {QStringLiteral("role"), roleKey(session->account.role)},
                {QStringLiteral("unit"), session->account.unitCode}}}});
}

QHttpServerResponse HttpApi::logout(const QHttpServerRequest &request)
{
    auto account = caller(request);
    if (const auto *refusal = std::get_if<Refusal>(&account))
        return answer(refusal->status, refusal->key, refusal->message);
    if (auto ended = m_accounts.logout(bearerToken(request).value_or(QString())); !ended)
        return answer(Status::Unauthorized, QStringLiteral("unauthorized"), ended.error().message);
    return QHttpServerResponse(QJsonObject {});
}

QHttpServerResponse HttpApi::push(const QHttpServerRequest &request)
{
    auto account = caller(request);
    if (const auto *refusal = std::get_if<Refusal>(&account))
        return answer(refusal->status, refusal->key, refusal->message);
    if (auto refusal = oversized(request))
        return std::move(*refusal);
    auto body = jsonBody(request);
    if (auto *refusal = std::get_if<QHttpServerResponse>(&body))
        return std::move(*refusal);
    const QJsonValue commands = std::get<QJsonObject>(body).value(QLatin1String("commands"));
    if (!commands.isArray()) {
        return answer(Status::BadRequest, QStringLiteral("malformed"),
            Tr::tr("The body must hold \"commands\", a list."));
    }
    if (commands.toArray().size() > Sync::MAX_COMMANDS_PER_PUSH) {
        return answer(Status::PayloadTooLarge, QStringLiteral("too_many"),
            Tr::tr("At most %1 commands are taken in one push, not %2.")
                .arg(Sync::MAX_COMMANDS_PER_PUSH)
                .arg(commands.toArray().size()));
    }

    const Account &who = std::get<Account>(account);
    QJsonArray results;
    int refused = 0;
    bool changed = false;
    // One transaction for the whole push (each command a savepoint of it): a store that cannot
    // be written leaves none of it applied, and the desk sends it all again. Its commands
    // share statements prepared once.
    const ServerBook::PushScope statements(m_book);
    const auto applied = m_store.transaction([&]() -> Result<void> {
        // Under the store's write lock: what another server process on it changed is seen.
        if (auto followed = m_book.followStore(); !followed)
            return followed;
        for (const QJsonValue &command : commands.toArray()) {
            auto result = m_book.apply(who, command);
            if (!result)
                return std::unexpected(result.error());
            if (!result->applied && !result->repeated) {
                ++refused;
                if (result->refusal == Sync::Refusal::Forbidden) {
                    audit(who.name, QStringLiteral("command_refused"),
                        QStringLiteral("%1 %2: %3")
                            .arg(result->id, Sync::refusalKey(*result->refusal), result->reason));
                }
            }
            results << Sync::commandResultJson(
                *result, [this](qint64 caseId) { return m_book.keyOf(caseId); });
            changed = changed || result->applied;
        }
        return {};
    });
    if (!applied) {
        qCWarning(lcServer) << "push of" << who.name << "stopped:" << applied.error().message;
        // The book may hold what the rolled-back push placed in its caches.
        if (auto reloaded = m_book.reload(); !reloaded)
            qCWarning(lcServer) << "reloading the book failed:" << reloaded.error().message;
        return answer(Status::ServiceUnavailable, QStringLiteral("store"),
            Tr::tr("The server could not write its store; nothing of this push was applied. "
                   "Send it again."));
    }
    if (changed)
        m_waits.changed();
    qCInfo(lcServer) << who.name << "pushed" << results.size() << "commands," << refused
                     << "refused";
    return QHttpServerResponse(QJsonObject {{QStringLiteral("results"), results}});
}

QHttpServerResponse HttpApi::uploadFile(const QString &sha256, const QHttpServerRequest &request)
{
    auto account = caller(request);
    if (const auto *refusal = std::get_if<Refusal>(&account))
        return answer(refusal->status, refusal->key, refusal->message);
    const QByteArray &content = request.body();
    if (content.size() > CaseBook::MAX_ATTACHMENT_BYTES) {
        audit(std::get<Account>(account).name, QStringLiteral("request_too_large"),
            QStringLiteral("file of %1 bytes from %2").arg(content.size()).arg(peer(request)));
        return answer(Status::PayloadTooLarge, QStringLiteral("too_large"),
            Tr::tr("An attachment has at most %1 MB.")
                .arg(CaseBook::MAX_ATTACHMENT_BYTES / (1024 * 1024)));
    }
    if (!ServerBook::isFileHash(sha256) || content.isEmpty()) {
        return answer(Status::BadRequest, QStringLiteral("malformed"),
            Tr::tr("A file goes to /v1/files/SHA256 (64 lower-case hex digits) with its bytes as "
                   "the body."));
    }
    if (CaseBook::attachmentHash(content) != sha256) {
        return answer(Status::BadRequest, QStringLiteral("malformed"),
            Tr::tr("The body's SHA-256 is %1, not the %2 of the address.")
                .arg(CaseBook::attachmentHash(content), sha256));
    }
    if (auto kept = m_book.keepFile(std::get<Account>(account), sha256, content); !kept) {
        qCWarning(lcServer) << "keeping a file failed:" << kept.error().message;
        return answer(Status::ServiceUnavailable, QStringLiteral("store"),
            Tr::tr("The server could not write its store; try again."));
    }
    return QHttpServerResponse(QJsonObject {{QStringLiteral("sha256"), sha256}});
}

QHttpServerResponse HttpApi::downloadFile(const QString &sha256, const QHttpServerRequest &request)
{
    auto account = caller(request);
    if (const auto *refusal = std::get_if<Refusal>(&account))
        return answer(refusal->status, refusal->key, refusal->message);
    auto found = ServerBook::isFileHash(sha256)
        ? m_book.file(std::get<Account>(account), sha256)
        : Result<std::optional<ServerBook::File>>(std::nullopt);
    if (!found) {
        qCWarning(lcServer) << "reading a file failed:" << found.error().message;
        return answer(Status::ServiceUnavailable, QStringLiteral("store"),
            Tr::tr("The server could not read its store; try again."));
    }
    // A file of a case outside the account's jurisdiction is answered like a missing one.
    if (!*found) {
        return answer(Status::NotFound, QStringLiteral("not_found"),
            Tr::tr("There is no attachment %1 of a case this account may see.").arg(sha256));
    }
    return QHttpServerResponse((*found)->mimeType.toLatin1(), (*found)->content);
}

QHttpServerResponse HttpApi::editions(const QHttpServerRequest &request)
{
    auto account = caller(request);
    if (const auto *refusal = std::get_if<Refusal>(&account))
        return answer(refusal->status, refusal->key, refusal->message);
    const QString afterText = request.query().queryItemValue(QStringLiteral("after"));
    bool afterOk = true;
    const int after = afterText.isEmpty() ? 0 : afterText.toInt(&afterOk);
    if (!afterOk || after < 0) {
        return answer(Status::BadRequest, QStringLiteral("malformed"),
            Tr::tr("\"after\" must be the number of the newest grid edition the desk has (0 for "
                   "none)."));
    }
    auto page = m_book.editions(after, Sync::MAX_EDITIONS_PER_PAGE);
    if (!page) {
        qCWarning(lcServer) << "editions failed:" << page.error().message;
        return answer(Status::ServiceUnavailable, QStringLiteral("store"),
            Tr::tr("The server could not read its store; try again."));
    }
    return QHttpServerResponse(QJsonObject {
        {QStringLiteral("editions"), page->editions}, {QStringLiteral("more"), page->more}});
}

QHttpServerResponse HttpApi::orgChart(const QHttpServerRequest &request)
{
    auto account = caller(request);
    if (const auto *refusal = std::get_if<Refusal>(&account))
        return answer(refusal->status, refusal->key, refusal->message);
    const QString afterText = request.query().queryItemValue(QStringLiteral("after"));
    bool afterOk = true;
    const qint64 after = afterText.isEmpty() ? 0 : afterText.toLongLong(&afterOk);
    if (!afterOk || after < 0) {
        return answer(Status::BadRequest, QStringLiteral("malformed"),
            Tr::tr("\"after\" must be the revision of the org chart the desk has (0 for none)."));
    }
    const QString chart = request.query().queryItemValue(QStringLiteral("chart"));
    if (!chart.isEmpty() && chart != QLatin1String("always")) {
        return answer(Status::BadRequest, QStringLiteral("malformed"),
            Tr::tr("\"chart\" may only be \"always\"."));
    }
    auto revision = m_book.orgRevision(after, !chart.isEmpty());
    if (!revision) {
        qCWarning(lcServer) << "org chart failed:" << revision.error().message;
        return answer(Status::ServiceUnavailable, QStringLiteral("store"),
            Tr::tr("The server could not read its store; try again."));
    }
    return QHttpServerResponse(Sync::orgRevisionJson(*revision));
}

QHttpServerResponse HttpApi::registerFeed(const QHttpServerRequest &request)
{
    auto account = caller(request);
    if (const auto *refusal = std::get_if<Refusal>(&account))
        return answer(refusal->status, refusal->key, refusal->message);
    const QString afterText = request.query().queryItemValue(QStringLiteral("after"));
    const QString limitText = request.query().queryItemValue(QStringLiteral("limit"));
    bool afterOk = true;
    bool limitOk = true;
    const qint64 after = afterText.isEmpty() ? 0 : afterText.toLongLong(&afterOk);
    const int limit =
        limitText.isEmpty() ? Sync::MAX_REGISTER_LINES_PER_PAGE : limitText.toInt(&limitOk);
    if (!afterOk || after < 0 || !limitOk || limit < 1
        || limit > Sync::MAX_REGISTER_LINES_PER_PAGE) {
        return answer(Status::BadRequest, QStringLiteral("malformed"),
            Tr::tr("\"after\" must be the register cursor the desk has (0 for none), and "
                   "\"limit\" a number from 1 to %1.")
                .arg(Sync::MAX_REGISTER_LINES_PER_PAGE));
    }
    auto page = m_book.registerFeed(std::get<Account>(account), after, limit);
    if (!page) {
        qCWarning(lcServer) << "register feed failed:" << page.error().message;
        return answer(Status::ServiceUnavailable, QStringLiteral("store"),
            Tr::tr("The server could not read its store; try again."));
    }
    return QHttpServerResponse(QJsonObject {{QStringLiteral("entries"), page->entries},
        {QStringLiteral("cursor"), page->cursor}, {QStringLiteral("more"), page->more}});
}

void HttpApi::feed(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    // A held request is answered after this returns, so it cannot go through afterRequest():
    // every answer is written here, with the same headers.
    const auto refuse = [&responder](Status status, const QString &key, const QString &message) {
        FeedWaits::refuse(responder, status, key, message);
    };
    auto account = caller(request);
    if (const auto *refusal = std::get_if<Refusal>(&account)) {
        refuse(refusal->status, refusal->key, refusal->message);
        return;
    }
    const QUrlQuery query = request.query();
    bool afterOk = true;
    bool limitOk = true;
    bool waitOk = true;
    const QString afterText = query.queryItemValue(QStringLiteral("after"));
    const QString limitText = query.queryItemValue(QStringLiteral("limit"));
    const QString waitText = query.queryItemValue(QStringLiteral("wait"));
    const qint64 after = afterText.isEmpty() ? 0 : afterText.toLongLong(&afterOk);
    const int limit = limitText.isEmpty() ? Sync::MAX_CASES_PER_PAGE : limitText.toInt(&limitOk);
    const int wait = waitText.isEmpty() ? 0 : waitText.toInt(&waitOk);
    if (!afterOk || !limitOk || after < 0 || limit < 1) {
        refuse(Status::BadRequest, QStringLiteral("malformed"),
            Tr::tr("\"after\" must be a cursor the feed gave (0 at first) and \"limit\" a "
                   "positive number."));
        return;
    }
    if (!waitOk || wait < 0 || wait > FeedWaits::MAX_WAIT_SECONDS) {
        refuse(Status::BadRequest, QStringLiteral("malformed"),
            Tr::tr("\"wait\" must be a number of seconds from 0 to %1.")
                .arg(FeedWaits::MAX_WAIT_SECONDS));
        return;
    }
    auto end = m_book.lastEventId();
    if (end && after > *end) {
        refuse(Status::Conflict, QStringLiteral("cursor_ahead"),
            Tr::tr("The feed ends at %1, before the cursor %2 (the server's store may have been "
                   "restored from a backup); read it again from 0.")
                .arg(*end)
                .arg(after));
        return;
    }
    const Account &who = std::get<Account>(account);
    if (auto followed = m_book.followStore(); !followed)
        qCWarning(lcServer) << "reading the store's changes failed:" << followed.error().message;
    auto page = m_book.feed(who, after, limit);
    if (!page) {
        qCWarning(lcServer) << "feed failed:" << page.error().message;
        refuse(Status::ServiceUnavailable, QStringLiteral("store"),
            Tr::tr("The server could not read its store; try again."));
        return;
    }
    if (page->count == 0 && wait > 0) {
        auto unheld = m_waits.hold(std::move(responder), bearerToken(request).value_or(QString()),
            who, page->cursor, limit, wait);
        if (!unheld)
            return;
        FeedWaits::answer(*unheld, *page);
        return;
    }
    FeedWaits::answer(responder, *page);
}

} // namespace GridDesk
