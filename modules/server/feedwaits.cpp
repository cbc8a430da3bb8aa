// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "feedwaits.h"

#include "logging.h"

#include "sync/protocol.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QTcpSocket>

#include <algorithm>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Server)
};

using Clock = std::chrono::steady_clock;

} // namespace

bool FeedWaits::clientGone(const Wait &wait)
{
    return wait.socket.isNull() || wait.socket->state() != QAbstractSocket::ConnectedState;
}

FeedWaits::FeedWaits(Accounts &accounts, ServerBook &book)
    : m_accounts(accounts)
    , m_book(book)
{
    m_timer.setInterval(std::chrono::seconds(1));
    QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] { check(); });
}

FeedWaits::~FeedWaits() = default;

void FeedWaits::setCheckInterval(std::chrono::milliseconds interval)
{
    m_timer.setInterval(interval);
}

void FeedWaits::answer(QHttpServerResponder &responder, const ServerBook::FeedPage &page)
{
    // Compact, as every other answer: QHttpServerResponder indents a QJsonDocument, which
    // doubled the bytes of a feed page.
    responder.write(Sync::feedPageJson(page.cases, page.cursor, page.more),
        {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")},
            {QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store")}});
}

void FeedWaits::refuse(QHttpServerResponder &responder, QHttpServerResponder::StatusCode status,
    const QString &key, const QString &message)
{
    responder.write(QJsonDocument(Sync::errorJson(key, message)).toJson(QJsonDocument::Compact),
        {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")},
            {QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store")}},
        status);
}

std::optional<QHttpServerResponder> FeedWaits::hold(QHttpServerResponder &&responder,
    const QString &token, const Account &account, qint64 cursor, int limit, int seconds)
{
    const auto sameAccount = std::count_if(m_waits.cbegin(), m_waits.cend(),
        [&account](const Wait &wait) { return wait.account.name == account.name; });
    if (m_waits.size() >= std::size_t(MAX_HELD) || sameAccount >= MAX_HELD_PER_ACCOUNT) {
        qCInfo(lcServer) << "no room to hold a feed request of" << account.name;
        return std::move(responder);
    }
    if (m_seenEnd < 0) {
        if (auto end = m_book.lastEventId())
            m_seenEnd = *end;
    }
    Wait wait;
    wait.socket = responder.socket();
    wait.responder = std::make_unique<QHttpServerResponder>(std::move(responder));
    wait.token = token;
    wait.account = account;
    wait.cursor = cursor;
    wait.limit = limit;
    wait.until = Clock::now() + std::chrono::seconds(std::clamp(seconds, 0, MAX_WAIT_SECONDS));
    m_waits.push_back(std::move(wait));
    if (!m_timer.isActive())
        m_timer.start();
    return std::nullopt;
}

void FeedWaits::changed()
{
    auto end = m_book.lastEventId();
    if (!end)
        return;
    m_seenEnd = *end;
    const auto settled = std::remove_if(
        m_waits.begin(), m_waits.end(), [this](Wait &wait) { return settle(wait, false); });
    m_waits.erase(settled, m_waits.end());
    if (m_waits.empty())
        m_timer.stop();
}

void FeedWaits::check()
{
    auto end = m_book.lastEventId();
    const bool moved = end && *end != m_seenEnd;
    if (end)
        m_seenEnd = *end;
    const auto now = Clock::now();
    const auto settled =
        std::remove_if(m_waits.begin(), m_waits.end(), [this, moved, now](Wait &wait) {
            if (clientGone(wait))
                return true;
            const bool timeUp = now >= wait.until;
            if (!moved && !timeUp)
                return false;
            return settle(wait, timeUp);
        });
    m_waits.erase(settled, m_waits.end());
    if (m_waits.empty())
        m_timer.stop();
}

bool FeedWaits::settle(Wait &wait, bool timeUp)
{
    if (clientGone(wait))
        return true;
    auto account = m_accounts.authenticate(wait.token, QDateTime::currentDateTimeUtc());
    if (!account) {
        refuse(*wait.responder, QHttpServerResponder::StatusCode::Unauthorized,
            QStringLiteral("unauthorized"), account.error().message);
        return true;
    }
    wait.account = *account;
    auto page = m_book.feed(wait.account, wait.cursor, wait.limit);
    if (!page) {
        qCWarning(lcServer) << "feed failed:" << page.error().message;
        refuse(*wait.responder, QHttpServerResponder::StatusCode::ServiceUnavailable,
            QStringLiteral("store"), Tr::tr("The server could not read its store; try again."));
        return true;
    }
    if (page->count == 0 && !timeUp) {
        // Nothing this account may see: the next look starts after what was passed over.
        wait.cursor = page->cursor;
        return false;
    }
    answer(*wait.responder, *page);
    return true;
}

} // namespace GridDesk
