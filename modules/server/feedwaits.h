// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "accounts.h"
#include "serverbook.h"

#include <QHttpServerResponder>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <memory>
#include <vector>

class QTcpSocket;

namespace GridDesk {

/// Feed requests held open until the account's feed has something new: long polling. A desk
/// asks with `wait`; when its feed is empty the request is parked here and answered as soon as
/// a change it may see is in the store, or with an empty page when the wait is over.
///
/// The store is looked at after every change this server makes (changed()) and, for changes
/// made elsewhere (the thread syncing with an upstream server, another server process on the
/// same store), whenever its newest event moves, checked every second. A held request whose
/// client has gone is dropped without a word; the session is checked again before anything
/// is sent, so a logout or a disabled account stops the data. Use on the server's thread.
class FeedWaits
{
public:
    /// The longest wait a request may ask for, in seconds.
    static constexpr int MAX_WAIT_SECONDS = 60;
    /// Requests held at once, in all and per account: beyond them a request is answered at
    /// once, as if its wait were over.
    static constexpr int MAX_HELD = 4096;
    static constexpr int MAX_HELD_PER_ACCOUNT = 16;

    FeedWaits(Accounts &accounts, ServerBook &book);
    ~FeedWaits();

    FeedWaits(const FeedWaits &) = delete;
    FeedWaits &operator=(const FeedWaits &) = delete;

    /// How often the store's end is looked at for changes made elsewhere.
    void setCheckInterval(std::chrono::milliseconds interval);

    /// Holds responder, whose request came with token for account, until the feed after cursor
    /// has a case for it or seconds pass. Returns the responder back when there is no room.
    std::optional<QHttpServerResponder> hold(QHttpServerResponder &&responder, const QString &token,
        const Account &account, qint64 cursor, int limit, int seconds);

    /// The store changed: held requests that may see something are answered now.
    void changed();

    int held() const { return int(m_waits.size()); }

    /// Writes a feed page (or a refusal) to responder, as every feed answer is written.
    static void answer(QHttpServerResponder &responder, const ServerBook::FeedPage &page);
    static void refuse(QHttpServerResponder &responder, QHttpServerResponder::StatusCode status,
        const QString &key, const QString &message);

private:
    struct Wait
    {
        QPointer<QTcpSocket> socket;
        std::unique_ptr<QHttpServerResponder> responder;
        QString token;
        Account account;
        qint64 cursor = 0;
        int limit = 0;
        std::chrono::steady_clock::time_point until;
    };

    /// Whether the client of wait hung up: its responder would write to a socket that is gone.
    static bool clientGone(const Wait &wait);
    void check();
    /// Answers wait when its feed has something or its time is up; true when it was answered
    /// (or its client has gone) and it can be let go.
    bool settle(Wait &wait, bool timeUp);

    Accounts &m_accounts;
    ServerBook &m_book;
    std::vector<Wait> m_waits;
    QTimer m_timer;
    qint64 m_seenEnd = -1;
};

} // namespace GridDesk
