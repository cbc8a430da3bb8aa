// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "syncstate.h"

#include "domain/error.h"
#include "sync/syncclient.h"

#include <QObject>

#include <memory>

class QTimer;

namespace GridDesk {

class CaseBook;
class Workspace;

/// The background half of DeskSync. Lives on a thread of its own with its own connection to
/// the workspace, its own case book, outbox and HTTPS client, all made and used on that
/// thread: it logs in, runs Sync::syncOnce(), then waits on the server's feed
/// (Sync::waitForFeed()) until a case comes or an action is taken, and rounds again; it backs
/// off after transient failures and stops at any other. Its slots are called through queued
/// connections; a slot that arrives while a request is under way leaves a note, and cuts the
/// wait on the feed short.
class SyncWorker : public QObject
{
    Q_OBJECT

public:
    SyncWorker(const QString &workspacePath, Sync::ClientOptions options, SyncTiming timing);
    ~SyncWorker() override;

public Q_SLOTS:
    /// Opens the workspace and logs in. loggedIn, then the first round, follow; or loginFailed,
    /// and the thread ends.
    void start();
    /// A round as soon as the worker is free, unless it is waiting out a backoff.
    void syncSoon();
    /// A round as soon as the worker is free, also cutting a backoff short.
    void syncNow();
    /// Logs out and ends the thread, once the round under way (if any) is over.
    void stop();

Q_SIGNALS:
    void loggedIn(const QString &role, const QString &unit);
    void loginFailed(const GridDesk::Error &error);
    void roundFinished(const GridDesk::Sync::SyncReport &report);
    /// retryInMs > 0: a transient failure, and the next round starts in that many
    /// milliseconds; 0: the loop has stopped and the thread ends.
    void roundFailed(const GridDesk::Error &error, int retryInMs);

private:
    Result<void> open();
    Result<void> logIn();
    void runRound();
    /// Waits on the feed; a round follows when something came or an action was taken.
    void watch();
    void scheduleNext(int delayMs, bool watch);
    Result<Sync::SyncReport> round();
    void takeFailure(const Error &error);
    void finish();

    QString m_path;
    Sync::ClientOptions m_options;
    SyncTiming m_timing;
    QTimer *m_timer;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<CaseBook> m_book;
    std::unique_ptr<Sync::Outbox> m_outbox;
    std::unique_ptr<Sync::SyncClient> m_client;
    int m_failures = 0; ///< transient failures in a row
    bool m_running = false; ///< logged in, rounds follow
    bool m_busy = false; ///< a request is under way
    bool m_watching = false; ///< the request under way is a wait on the feed
    bool m_watchNext = false; ///< the timer starts a wait on the feed, not a round
    bool m_again = false; ///< a round was asked for while busy
    bool m_stopping = false;
};

} // namespace GridDesk
