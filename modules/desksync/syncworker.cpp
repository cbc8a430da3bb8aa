// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "syncworker.h"

#include "logging.h"

#include "storage/workspace.h"
#include "workflow/casebook.h"

#include <QElapsedTimer>
#include <QThread>
#include <QTimer>

namespace GridDesk {

SyncWorker::SyncWorker(const QString &workspacePath, Sync::ClientOptions options, SyncTiming timing)
    : m_path(workspacePath)
    , m_options(std::move(options))
    , m_timing(timing)
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, [this] {
        if (m_watchNext)
            watch();
        else
            runRound();
    });
}

SyncWorker::~SyncWorker() = default;

Result<void> SyncWorker::open()
{
    auto workspace = Workspace::open(m_path);
    if (!workspace)
        return std::unexpected(workspace.error());
    auto setup = WorkflowSetup::load(**workspace);
    if (!setup)
        return std::unexpected(setup.error());
    m_workspace = std::move(*workspace);
    m_book = std::make_unique<CaseBook>(*m_workspace, std::move(*setup));
    m_outbox = std::make_unique<Sync::Outbox>(*m_workspace);

    // The cases and the cursor of a workspace belong to the server it first synced with.
    const QUrl bound = m_outbox->server().adjusted(QUrl::RemovePath);
    const QUrl wanted = m_options.server.adjusted(QUrl::RemovePath);
    if (!bound.isEmpty() && bound != wanted) {
        return fail(ErrorCode::Conflict,
            tr("This workspace syncs with %1; its cases and cursor belong to that server, not "
               "to %2.")
                .arg(bound.toString(), wanted.toString()));
    }
    return {};
}

Result<void> SyncWorker::logIn()
{
    if (auto opened = open(); !opened)
        return opened;
    m_client = std::make_unique<Sync::SyncClient>(m_options);
    if (auto loggedIn = m_client->login(); !loggedIn)
        return loggedIn;
    if (m_outbox->server().isEmpty())
        return m_outbox->setServer(m_options.server.adjusted(QUrl::RemovePath));
    return {};
}

void SyncWorker::start()
{
    m_busy = true;
    const auto opened = logIn();
    m_busy = false;
    if (!opened) {
        qCWarning(lcDeskSync).noquote() << "login failed:" << opened.error().message;
        Q_EMIT loginFailed(opened.error());
        finish();
        return;
    }
    if (m_stopping) {
        finish();
        return;
    }
    qCInfo(lcDeskSync) << "logged in to" << m_options.server.authority() << "as a"
                       << m_client->role() << "of unit" << m_client->unit();
    m_running = true;
    Q_EMIT loggedIn(m_client->role(), m_client->unit());
    runRound();
}

void SyncWorker::syncSoon()
{
    if (m_failures > 0)
        return;
    syncNow();
}

void SyncWorker::syncNow()
{
    if (!m_running)
        return;
    if (m_busy) {
        m_again = true;
        if (m_watching)
            m_client->interrupt();
        return;
    }
    runRound();
}

void SyncWorker::stop()
{
    m_stopping = true;
    if (m_watching)
        m_client->interrupt();
    if (!m_busy)
        finish();
}

void SyncWorker::scheduleNext(int delayMs, bool watch)
{
    m_watchNext = watch;
    m_timer->start(delayMs);
}

void SyncWorker::runRound()
{
    if (!m_running)
        return;
    if (m_busy) {
        m_again = true;
        return;
    }
    m_timer->stop();
    m_again = false;

    m_busy = true;
    const auto report = round();
    m_busy = false;

    if (m_stopping) {
        finish();
        return;
    }
    if (!report) {
        takeFailure(report.error());
        return;
    }
    m_failures = 0;
    Q_EMIT roundFinished(*report);
    // An action taken while the round was under way goes out at once.
    if (m_again)
        scheduleNext(0, false);
    else if (m_timing.waitSeconds > 0)
        scheduleNext(0, true);
    else
        scheduleNext(m_timing.intervalMs, false);
}

void SyncWorker::watch()
{
    if (!m_running || m_busy)
        return;
    m_timer->stop();
    m_busy = true;
    m_watching = true;
    QElapsedTimer waited;
    waited.start();
    const auto report = Sync::waitForFeed(*m_book, *m_outbox, *m_client, m_timing.waitSeconds);
    m_watching = false;
    m_busy = false;

    if (m_stopping) {
        finish();
        return;
    }
    if (!report) {
        // An action cut the wait short, or the session ended: a round pushes the action, or
        // logs in again.
        if (m_client->wasInterrupted() || report.error().code == ErrorCode::Unauthorized) {
            runRound();
            return;
        }
        takeFailure(report.error());
        return;
    }
    m_failures = 0;
    if (report->pages > 0 || m_again) {
        if (report->pages > 0)
            Q_EMIT roundFinished(*report);
        // The rest of the feed, and anything queued meanwhile.
        scheduleNext(0, false);
        return;
    }
    // A wait that ended empty is followed by a whole round: the register, the grid editions
    // and the org chart change without waking a held feed request, and the register's changes
    // made here are queued by a round. A server that does not hold the request answers at
    // once: the round comes after the interval then.
    constexpr qint64 HELD_AT_LEAST_MS = 1'000;
    const bool held = waited.elapsed() >= HELD_AT_LEAST_MS;
    scheduleNext(held ? 0 : m_timing.intervalMs, false);
}

Result<Sync::SyncReport> SyncWorker::round()
{
    // The desk may have saved another setup (units, categories) since the last round.
    auto setup = WorkflowSetup::load(*m_workspace);
    if (!setup)
        return std::unexpected(setup.error());
    m_book->setSetup(std::move(*setup));

    auto report = Sync::syncOnce(*m_book, *m_outbox, *m_client);
    if (report || report.error().code != ErrorCode::Unauthorized || m_stopping)
        return report;
    // Sessions end after some hours; the password is still in memory for one more login.
    qCInfo(lcDeskSync) << "session ended; logging in again";
    if (auto loggedIn = m_client->login(); !loggedIn)
        return std::unexpected(loggedIn.error());
    return Sync::syncOnce(*m_book, *m_outbox, *m_client);
}

void SyncWorker::takeFailure(const Error &error)
{
    // The desk is closing and cut the request off: not a failure to report.
    if (thread()->isInterruptionRequested()) {
        finish();
        return;
    }
    if (error.code == ErrorCode::Unavailable) {
        ++m_failures;
        const int delay = retryDelayMs(m_timing, m_failures);
        qCInfo(lcDeskSync).noquote() << "server out of reach, retry" << m_failures << "in" << delay
                                     << "ms:" << error.message;
        Q_EMIT roundFailed(error, delay);
        scheduleNext(delay, false);
        return;
    }
    qCWarning(lcDeskSync).noquote() << "sync stopped:" << error.message;
    Q_EMIT roundFailed(error, 0);
    finish();
}

void SyncWorker::finish()
{
    m_running = false;
    m_timer->stop();
    if (m_client && m_client->isLoggedIn() && !thread()->isInterruptionRequested()) {
        if (auto loggedOut = m_client->logout(); !loggedOut)
            qCInfo(lcDeskSync).noquote() << "logout failed:" << loggedOut.error().message;
    }
    thread()->quit();
}

} // namespace GridDesk
