// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "syncclient.h"

#include "registersync.h"

#include "logging.h"

#include "domain/text.h"
#include "storage/workspace.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSqlError>
#include <QSqlQuery>
#include <QSslConfiguration>
#include <QSslError>
#include <QUrlQuery>

namespace GridDesk::Sync {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Sync)
};

/// The largest answer read: a full page of the feed with long histories fits many times.
constexpr qint64 MAX_ANSWER_BYTES = 256 * 1024 * 1024;

bool isTransient(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ServiceUnavailableError:
    case QNetworkReply::InternalServerError:
        return true;
    default:
        return false;
    }
}

} // namespace

Result<QList<QSslCertificate>> readCaFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(ErrorCode::FileNotFound,
            Tr::tr("The CA certificate file %1 cannot be read: %2.").arg(path, file.errorString()));
    }
    const QList<QSslCertificate> certificates =
        QSslCertificate::fromData(file.read(4 * 1024 * 1024), QSsl::Pem);
    if (certificates.isEmpty()) {
        return fail(ErrorCode::UnreadableFile,
            Tr::tr("%1 holds no PEM certificate (\"-----BEGIN CERTIFICATE-----\").").arg(path));
    }
    return certificates;
}

SyncClient::SyncClient(ClientOptions options)
    : m_options(std::move(options))
    , m_network(std::make_unique<QNetworkAccessManager>())
{
    m_network->setAutoDeleteReplies(false);
}

SyncClient::~SyncClient() = default;

Result<SyncClient::Exchange> SyncClient::exchange(const QByteArray &verb, const QString &path,
    const QByteArray &payload, const QByteArray &contentType, int extraTimeoutMs)
{
    const QUrl &server = m_options.server;
    if (server.scheme() != QLatin1String("https") || server.host().isEmpty()) {
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("The server's address must be https://HOST:PORT, not %1.")
                .arg(printableText(server.toString())));
    }
    QUrl url = server;
    url.setPath(path.section(u'?', 0, 0));
    url.setQuery(path.section(u'?', 1));
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setTransferTimeout(m_options.timeoutMs + extraTimeoutMs);
    request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    if (!m_token.isEmpty())
        request.setRawHeader(QByteArrayLiteral("Authorization"), "Bearer " + m_token);
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    if (!m_options.caCertificates.isEmpty())
        tls.addCaCertificates(m_options.caCertificates);
    request.setSslConfiguration(tls);

    std::unique_ptr<QNetworkReply> reply(m_network->sendCustomRequest(request, verb, payload));
    QStringList tlsProblems;
    QObject::connect(reply.get(), &QNetworkReply::sslErrors, reply.get(),
        [&tlsProblems](const QList<QSslError> &errors) {
            for (const QSslError &error : errors)
                tlsProblems << error.errorString();
        });
    QEventLoop loop;
    QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    m_interrupted = false;
    if (extraTimeoutMs > 0)
        m_waiting = reply.get();
    if (!reply->isFinished())
        loop.exec();
    m_waiting = nullptr;
    if (m_interrupted) {
        return fail(ErrorCode::Unavailable,
            Tr::tr("%1: the wait for new cases was cut short.").arg(QString::fromLatin1(verb)));
    }

    const QString where = QStringLiteral("%1 %2").arg(QString::fromLatin1(verb), url.toString());
    if (!tlsProblems.isEmpty()) {
        return fail(ErrorCode::Forbidden,
            Tr::tr("%1: the server's certificate is not trusted (%2). Give the city's CA "
                   "certificate with --ca, or ask the server's administrator; the connection "
                   "was not made.")
                .arg(where, tlsProblems.join(QStringLiteral("; "))));
    }
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray answer = reply->read(MAX_ANSWER_BYTES);
    m_bytesSent += payload.size();
    m_bytesReceived += answer.size();
    if (status == 0) {
        return fail(isTransient(reply->error()) ? ErrorCode::Unavailable : ErrorCode::Database,
            Tr::tr("%1: the server cannot be reached: %2").arg(where, reply->errorString()));
    }
    return Exchange {status, answer, where};
}

Error SyncClient::refusal(const Exchange &exchange)
{
    const QJsonObject json = QJsonDocument::fromJson(exchange.answer).object();
    const int status = exchange.status;
    const QString message = printableText(json.value(QLatin1String("message")).toString());
    const QString code = printableText(json.value(QLatin1String("error")).toString());
    const QString said = message.isEmpty()
        ? Tr::tr("HTTP %1").arg(status)
        : Tr::tr("HTTP %1, %2: %3").arg(QString::number(status), code, message);
    ErrorCode errorCode = ErrorCode::InvalidArgument;
    if (status == 401)
        errorCode = ErrorCode::Unauthorized;
    else if (status == 403)
        errorCode = ErrorCode::Forbidden;
    else if (status == 404)
        errorCode = ErrorCode::NotFound;
    else if (status == 409)
        errorCode = ErrorCode::Conflict;
    else if (status >= 500 || status == 429)
        errorCode = ErrorCode::Unavailable;
    return Error {errorCode, Tr::tr("%1: the server refused: %2").arg(exchange.where, said)};
}

Result<QJsonObject> SyncClient::request(
    const QByteArray &verb, const QString &path, const QJsonObject &body, int extraTimeoutMs)
{
    const QByteArray payload =
        body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
    auto exchanged = exchange(verb, path, payload, "application/json", extraTimeoutMs);
    if (!exchanged)
        return std::unexpected(exchanged.error());
    const int status = exchanged->status;
    const QByteArray &answer = exchanged->answer;
    const QString &where = exchanged->where;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(answer, &parseError);
    const QJsonObject json = document.object();
    if (status >= 200 && status < 300) {
        if (answer.isEmpty())
            return QJsonObject();
        if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
            return fail(ErrorCode::InvalidRow,
                Tr::tr("%1: the server's answer is not JSON: %2")
                    .arg(where, parseError.errorString()));
        }
        return json;
    }
    return std::unexpected(refusal(*exchanged));
}

Result<void> SyncClient::uploadFile(const QString &sha256, const QByteArray &content)
{
    auto exchanged = exchange(
        "PUT", QStringLiteral("/v1/files/%1").arg(sha256), content, "application/octet-stream", 0);
    if (!exchanged)
        return std::unexpected(exchanged.error());
    if (exchanged->status < 200 || exchanged->status >= 300)
        return std::unexpected(refusal(*exchanged));
    return {};
}

Result<QByteArray> SyncClient::downloadFile(const QString &sha256)
{
    auto exchanged =
        exchange("GET", QStringLiteral("/v1/files/%1").arg(sha256), {}, "application/json", 0);
    if (!exchanged)
        return std::unexpected(exchanged.error());
    if (exchanged->status < 200 || exchanged->status >= 300)
        return std::unexpected(refusal(*exchanged));
    if (CaseBook::attachmentHash(exchanged->answer) != sha256) {
        return fail(ErrorCode::InvalidRow,
            Tr::tr("%1: the file the server sent is not the one asked for.").arg(exchanged->where));
    }
    return exchanged->answer;
}

Result<void> SyncClient::login()
{
    m_token.clear();
    auto answer = request("POST", QStringLiteral("/v1/login"),
        QJsonObject {{QStringLiteral("user"), m_options.user},
            {QStringLiteral("password"), QString::fromUtf8(m_options.password)},
            {QStringLiteral("protocol"), PROTOCOL_VERSION}});
    if (!answer)
        return std::unexpected(answer.error());
    m_token = answer->value(QLatin1String("token")).toString().toLatin1();
    const QJsonObject account = answer->value(QLatin1String("account")).toObject();
    m_role = account.value(QLatin1String("role")).toString();
    m_unit = account.value(QLatin1String("unit")).toString();
    if (m_token.isEmpty())
        return fail(ErrorCode::InvalidRow, Tr::tr("The server's login answer has no token."));
    return {};
}

Result<void> SyncClient::logout()
{
    if (m_token.isEmpty())
        return {};
    auto answer = request("POST", QStringLiteral("/v1/logout"), {});
    m_token.clear();
    if (!answer)
        return std::unexpected(answer.error());
    return {};
}

Result<QList<CommandResult>> SyncClient::push(const QList<QJsonObject> &commands)
{
    QJsonArray array;
    for (const QJsonObject &command : commands)
        array << command;
    auto answer =
        request("POST", QStringLiteral("/v1/push"), {{QStringLiteral("commands"), array}});
    if (!answer)
        return std::unexpected(answer.error());
    QList<CommandResult> results;
    for (const QJsonValue &value : answer->value(QLatin1String("results")).toArray()) {
        auto result = commandResultFromJson(value);
        if (!result)
            return std::unexpected(result.error());
        results << *result;
    }
    if (results.size() != commands.size()) {
        return fail(ErrorCode::InvalidRow,
            Tr::tr("The server answered %1 of %2 commands.")
                .arg(results.size())
                .arg(commands.size()));
    }
    return results;
}

Result<SyncClient::Page> SyncClient::pull(qint64 after, int limit, int waitSeconds)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("after"), QString::number(after));
    query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    if (waitSeconds > 0)
        query.addQueryItem(QStringLiteral("wait"), QString::number(waitSeconds));
    auto answer = request("GET", QStringLiteral("/v1/feed?") + query.toString(QUrl::FullyEncoded),
        {}, waitSeconds * 1000);
    if (!answer)
        return std::unexpected(answer.error());
    Page page;
    page.cursor = answer->value(QLatin1String("cursor")).toInteger(-1);
    page.more = answer->value(QLatin1String("more")).toBool();
    if (page.cursor < after)
        return fail(ErrorCode::InvalidRow, Tr::tr("The server's feed answer has no cursor."));
    for (const QJsonValue &value : answer->value(QLatin1String("cases")).toArray()) {
        auto snapshot = snapshotFromJson(value);
        if (!snapshot)
            return std::unexpected(snapshot.error());
        page.cases << *snapshot;
    }
    return page;
}

Result<OrgRevision> SyncClient::orgChart(qint64 after, bool always)
{
    auto answer = request("GET",
        QStringLiteral("/v1/org?after=%1%2")
            .arg(after)
            .arg(always ? QStringLiteral("&chart=always") : QString()),
        {});
    if (!answer)
        return std::unexpected(answer.error());
    auto revision = orgRevisionFromJson(*answer);
    if (!revision)
        return fail(ErrorCode::InvalidRow,
            Tr::tr("The server sent an org chart this desk cannot read: %1")
                .arg(revision.error().message));
    return revision;
}

Result<SyncClient::RegisterPage> SyncClient::registerFeed(qint64 after)
{
    auto answer = request("GET",
        QStringLiteral("/v1/register?after=%1&limit=%2")
            .arg(after)
            .arg(MAX_REGISTER_LINES_PER_PAGE),
        {});
    if (!answer)
        return std::unexpected(answer.error());
    RegisterPage page;
    page.cursor = answer->value(QLatin1String("cursor")).toInteger(-1);
    page.more = answer->value(QLatin1String("more")).toBool();
    if (page.cursor < after)
        return fail(ErrorCode::InvalidRow,
            Tr::tr("The server's register feed went back from %1 to %2.")
                .arg(after)
                .arg(page.cursor));
    for (const QJsonValue &value : answer->value(QLatin1String("entries")).toArray()) {
        auto item = registerItemFromJson(value);
        if (!item)
            return fail(ErrorCode::InvalidRow,
                Tr::tr("The server sent a register entry this desk cannot read: %1")
                    .arg(item.error().message));
        page.entries << *item;
    }
    return page;
}

Result<SyncClient::EditionsPage> SyncClient::editions(int after)
{
    auto answer = request("GET", QStringLiteral("/v1/editions?after=%1").arg(after), {});
    if (!answer)
        return std::unexpected(answer.error());
    EditionsPage page;
    page.more = answer->value(QLatin1String("more")).toBool();
    for (const QJsonValue &value : answer->value(QLatin1String("editions")).toArray()) {
        auto edition = editionFromJson(value);
        if (!edition) {
            return fail(ErrorCode::InvalidRow,
                Tr::tr("The server sent a grid edition this desk cannot read: %1")
                    .arg(edition.error().message));
        }
        page.editions << *edition;
    }
    return page;
}

void SyncClient::interrupt()
{
    if (!m_waiting)
        return;
    m_interrupted = true;
    m_waiting->abort();
}

namespace {

/// Takes a feed page in, with the cursor after it, in one transaction.
Result<void> takePage(
    CaseBook &book, Outbox &outbox, const SyncClient::Page &page, SyncReport &report)
{
    // The cursor moves in the page's own transaction: a savepoint inside another transaction
    // would cost SQLite far more per statement.
    auto applied = applySnapshots(book, outbox, page.cases, page.cursor);
    if (!applied)
        return std::unexpected(applied.error());
    report.received.added += applied->added;
    report.received.updated += applied->updated;
    report.received.unchanged += applied->unchanged;
    report.received.superseded += applied->superseded;
    report.received.rejectedHere += applied->rejectedHere;
    ++report.pages;
    report.cursor = page.cursor;
    return {};
}

/// Sends the files of the attach commands in batch ahead of them.
Result<void> uploadAttachments(
    Workspace &workspace, const QList<OutboxEntry> &batch, SyncClient &client)
{
    for (const OutboxEntry &entry : batch) {
        if (entry.kind != CommandKind::Case || entry.action != CaseAction::Attach)
            continue;
        const QString sha256 = entry.body.value(QLatin1String("data"))
                                   .toObject()
                                   .value(QLatin1String("sha256"))
                                   .toString();
        if (sha256.isEmpty())
            continue; // kept before attachments had a hash: the server will say so
        QSqlQuery query(workspace.database());
        query.prepare(
            QStringLiteral("SELECT content FROM case_attachments WHERE sha256 = ? LIMIT 1"));
        query.addBindValue(sha256);
        if (!query.exec() || !query.next()) {
            return fail(ErrorCode::Database,
                Tr::tr("The file of attach command %1 is no longer in the workspace.")
                    .arg(entry.commandId));
        }
        if (auto sent = client.uploadFile(sha256, query.value(0).toByteArray()); !sent)
            return std::unexpected(sent.error());
    }
    return {};
}

} // namespace

Result<int> fetchAttachments(CaseBook &book, SyncClient &client)
{
    Workspace &workspace = book.workspace();
    // The attach events whose file is not here yet: those that came with the feed.
    QSqlQuery missing(workspace.database());
    missing.prepare(QStringLiteral(
        "SELECT e.case_id, e.data, e.actor, e.at FROM case_events e WHERE e.action = 'attach' AND "
        "json_extract(e.data, '$.sha256') IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
        "case_attachments a WHERE a.case_id = e.case_id AND a.sha256 = json_extract(e.data, "
        "'$.sha256')) ORDER BY e.id"));
    if (!missing.exec())
        return fail(ErrorCode::Database,
            Tr::tr("Looking for attachments to fetch: %1").arg(missing.lastError().text()));
    struct Wanted
    {
        qint64 caseId;
        QJsonObject data;
        QString actor;
        QString at;
    };
    QList<Wanted> wanted;
    while (missing.next()) {
        wanted << Wanted {missing.value(0).toLongLong(),
            QJsonDocument::fromJson(missing.value(1).toString().toUtf8()).object(),
            missing.value(2).toString(), missing.value(3).toString()};
    }
    int fetched = 0;
    for (const Wanted &each : std::as_const(wanted)) {
        const QString sha256 = each.data.value(QLatin1String("sha256")).toString();
        auto content = client.downloadFile(sha256);
        if (!content && content.error().code != ErrorCode::Unavailable
            && content.error().code != ErrorCode::Unauthorized) {
            // The server does not have it (kept there before files were synced): the event says
            // what it was; the sync goes on.
            qCWarning(lcSync).noquote() << "attachment" << sha256 << "of case" << each.caseId
                                        << "not fetched:" << content.error().message;
            continue;
        }
        if (!content)
            return std::unexpected(content.error());
        auto kept =
            book.keepAttachment(each.caseId, each.data.value(QLatin1String("name")).toString(),
                each.data.value(QLatin1String("mime")).toString(), *content, each.actor,
                CaseTime::fromIso(each.at).value_or(CaseTime()));
        if (!kept)
            return std::unexpected(kept.error());
        ++fetched;
    }
    return fetched;
}

Result<SyncReport> waitForFeed(CaseBook &book, Outbox &outbox, SyncClient &client, int seconds)
{
    SyncReport report;
    report.cursor = outbox.cursor();
    auto page = client.pull(report.cursor, MAX_CASES_PER_PAGE, seconds);
    if (!page)
        return std::unexpected(page.error());
    if (page->cases.isEmpty() && page->cursor == report.cursor)
        return report;
    if (auto taken = takePage(book, outbox, *page, report); !taken)
        return std::unexpected(taken.error());
    if (auto stamped = outbox.setLastSync(QDateTime::currentDateTimeUtc()); !stamped)
        return std::unexpected(stamped.error());
    if (page->cases.isEmpty()) {
        report.pages = 0; // only the cursor moved past cases of others
    } else {
        auto fetched = fetchAttachments(book, client);
        if (!fetched)
            return std::unexpected(fetched.error());
        report.attachments = *fetched;
    }
    qCInfo(lcSync) << "the feed of" << client.options().server << "brought" << report.received.added
                   << "new cases";
    return report;
}

Result<SyncReport> syncOnce(CaseBook &book, Outbox &outbox, SyncClient &client)
{
    SyncReport report;
    if (!client.isLoggedIn()) {
        if (auto loggedIn = client.login(); !loggedIn)
            return std::unexpected(loggedIn.error());
    }

    // The register's changes made here since the last sync join the outbox.
    if (auto queued = queueRegisterChanges(book.workspace(), outbox); !queued)
        return std::unexpected(queued.error());

    while (true) {
        auto batch = outbox.toSend(MAX_COMMANDS_PER_PUSH);
        if (!batch)
            return std::unexpected(batch.error());
        if (batch->isEmpty())
            break;
        if (auto marked = outbox.markSent(*batch); !marked)
            return std::unexpected(marked.error());
        if (auto uploaded = uploadAttachments(book.workspace(), *batch, client); !uploaded)
            return std::unexpected(uploaded.error());
        QList<QJsonObject> commands;
        for (const OutboxEntry &entry : *batch)
            commands << entry.body;
        auto results = client.push(commands);
        if (!results)
            return std::unexpected(results.error());
        auto written =
            book.workspace().transaction([&]() -> Result<void> { return outbox.answer(*results); });
        if (!written)
            return std::unexpected(written.error());
        // A rejected command's case as the server has it: the desk's own events set aside now,
        // not only once the case changes again on the server.
        QList<CaseSnapshot> current;
        for (const CommandResult &result : *results) {
            if (result.current)
                current << *result.current;
        }
        QList<RegisterItem> entries;
        for (const CommandResult &result : *results) {
            if (result.currentEntry)
                entries << *result.currentEntry;
        }
        if (!entries.isEmpty()) {
            auto taken = adoptRegisterItems(book.workspace(), outbox, entries);
            if (!taken)
                return std::unexpected(taken.error());
            report.registerEntries += *taken;
        }
        if (!current.isEmpty()) {
            auto taken = applySnapshots(book, outbox, current);
            if (!taken)
                return std::unexpected(taken.error());
            report.received.updated += taken->updated;
            report.received.superseded += taken->superseded;
        }
        for (const CommandResult &result : *results) {
            ++report.sent;
            if (result.applied) {
                ++report.applied;
            } else {
                ++report.rejected;
                report.rejections << result;
            }
        }
    }

    // The grid map before the cases: the server's re-homed cases name the new grids.
    while (true) {
        auto editions = GridEditions::list(book.workspace());
        if (!editions)
            return std::unexpected(editions.error());
        auto page = client.editions(editions->isEmpty() ? 0 : editions->last().number);
        if (!page)
            return std::unexpected(page.error());
        for (const EditionChanges &edition : std::as_const(page->editions)) {
            auto taken = GridEditions::adopt(book.workspace(), edition);
            if (!taken)
                return std::unexpected(taken.error());
            report.editions += *taken ? 1 : 0;
        }
        if (!page->more || page->editions.isEmpty())
            break;
    }

    // The org chart before the cases too: a case may be dispatched to a unit it brings.
    auto org =
        client.orgChart(serverOrgRevision(book.workspace()), orgChartRefused(book.workspace()));
    if (!org)
        return std::unexpected(org.error());
    if (org->chart) {
        auto adopted = adoptOrgChart(book.workspace(), outbox, *org);
        if (!adopted)
            return std::unexpected(adopted.error());
        if (*adopted || serverOrgRevision(book.workspace()) == org->revision) {
            report.orgRevision = org->revision;
            report.orgChanged = *adopted;
        }
    }

    // Another account may see other cases: its feed is read from the start.
    if (outbox.account() != client.options().user) {
        auto reset = book.workspace().transaction([&]() -> Result<void> {
            if (auto moved = outbox.setCursor(0); !moved)
                return moved;
            if (auto moved = setRegisterCursor(book.workspace(), 0); !moved)
                return moved;
            return outbox.setAccount(client.options().user);
        });
        if (!reset)
            return std::unexpected(reset.error());
    }

    // The register before the cases too: a case's link events name its entries.
    for (qint64 at = registerCursor(book.workspace());;) {
        auto page = client.registerFeed(at);
        if (!page)
            return std::unexpected(page.error());
        auto taken = book.workspace().transaction<int>([&]() -> Result<int> {
            auto adopted = adoptRegisterItems(book.workspace(), outbox, page->entries);
            if (!adopted)
                return adopted;
            if (auto moved = setRegisterCursor(book.workspace(), page->cursor); !moved)
                return std::unexpected(moved.error());
            return adopted;
        });
        if (!taken)
            return std::unexpected(taken.error());
        report.registerEntries += *taken;
        if (!page->more || page->cursor == at)
            break;
        at = page->cursor;
    }
    qint64 cursor = outbox.cursor();
    bool restarted = false;
    while (true) {
        auto page = client.pull(cursor, MAX_CASES_PER_PAGE);
        if (!page && page.error().code == ErrorCode::Conflict && cursor > 0 && !restarted) {
            // The server's feed ends before this desk's cursor (its store was restored from a
            // backup): everything is read again, which changes nothing already here.
            qCWarning(lcSync) << "the feed of" << client.options().server << "ends before cursor"
                              << cursor << "; reading it again from the start";
            restarted = true;
            cursor = 0;
            continue;
        }
        if (!page)
            return std::unexpected(page.error());
        if (auto taken = takePage(book, outbox, *page, report); !taken)
            return std::unexpected(taken.error());
        cursor = page->cursor;
        if (!page->more)
            break;
    }
    report.cursor = cursor;
    // Files come with cases the feed brought; a sync that brought none looks for none (the
    // search reads every attach event of the workspace).
    if (report.received.added + report.received.updated > 0) {
        auto fetched = fetchAttachments(book, client);
        if (!fetched)
            return std::unexpected(fetched.error());
        report.attachments = *fetched;
    }
    if (auto stamped = outbox.setLastSync(QDateTime::currentDateTimeUtc()); !stamped)
        return std::unexpected(stamped.error());
    qCInfo(lcSync) << "synced with" << client.options().server << ":" << report.sent << "sent,"
                   << report.rejected << "rejected," << report.received.added << "cases added";
    return report;
}

} // namespace GridDesk::Sync
