// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "desksync.h"

#include "logging.h"
#include "syncworker.h"

#include <QThread>

namespace GridDesk {

DeskSync::DeskSync(QObject *parent)
    : QObject(parent)
{ }

DeskSync::~DeskSync()
{
    ++m_generation;
    // Quitting the thread's event loop also ends the loop a request waits in.
    for (const QPointer<QThread> &thread : std::as_const(m_threads)) {
        if (!thread)
            continue;
        thread->requestInterruption();
        thread->quit();
        thread->wait();
    }
}

bool DeskSync::isActive() const
{
    switch (m_state.connection) {
    case SyncConnection::Connecting:
    case SyncConnection::Connected:
    case SyncConnection::Retrying:
        return true;
    case SyncConnection::Offline:
    case SyncConnection::Refused:
        break;
    }
    return false;
}

void DeskSync::connectToServer(const QString &workspacePath, const Sync::ClientOptions &options)
{
    endConnection();
    m_path = workspacePath;
    const int generation = ++m_generation;
    m_threads.removeAll(nullptr);

    auto *thread = new QThread(this);
    auto *worker = new SyncWorker(workspacePath, options, m_timing);
    worker->moveToThread(thread);
    connect(thread, &QThread::started, worker, &SyncWorker::start);
    // The worker goes on its own thread, with the workspace and client it opened there.
    connect(thread, &QThread::finished, worker, &QObject::deleteLater);
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    connect(this, &DeskSync::syncSoonRequested, worker, &SyncWorker::syncSoon);
    connect(this, &DeskSync::syncNowRequested, worker, &SyncWorker::syncNow);
    connect(this, &DeskSync::stopRequested, worker, &SyncWorker::stop);

    const QString server = options.server.adjusted(QUrl::RemoveUserInfo).authority();
    connect(worker, &SyncWorker::loggedIn, this,
        [this, generation, server](const QString &role, const QString &unit) {
            if (generation != m_generation)
                return;
            setState(SyncState {SyncConnection::Connected, server, role, unit, {}, {}});
            Q_EMIT connectFinished();
        });
    connect(worker, &SyncWorker::loginFailed, this, [this, generation](const Error &error) {
        if (generation != m_generation)
            return;
        setState(SyncState {SyncConnection::Offline, {}, {}, {}, {}, error.message});
        Q_EMIT connectFailed(error.message);
    });
    connect(worker, &SyncWorker::roundFinished, this,
        [this, generation](const Sync::SyncReport &report) {
            if (generation != m_generation)
                return;
            SyncState state = m_state;
            state.connection = SyncConnection::Connected;
            state.retryAt = {};
            state.reason.clear();
            setState(state);
            Q_EMIT roundFinished(report);
        });
    connect(worker, &SyncWorker::roundFailed, this,
        [this, generation](const Error &error, int retryInMs) {
            if (generation != m_generation)
                return;
            SyncState state = m_state;
            state.reason = error.message;
            state.connection = retryInMs > 0 ? SyncConnection::Retrying : SyncConnection::Refused;
            state.retryAt =
                retryInMs > 0 ? QDateTime::currentDateTime().addMSecs(retryInMs) : QDateTime();
            setState(state);
            Q_EMIT roundFailed(error.message);
        });

    m_threads << thread;
    setState(SyncState {SyncConnection::Connecting, server, {}, {}, {}, {}});
    qCInfo(lcDeskSync) << "connecting to" << server;
    thread->start();
}

void DeskSync::disconnectFromServer()
{
    endConnection();
    setState(SyncState {});
}

void DeskSync::endConnection()
{
    // Only the current worker still listens; those ending before have stopped already.
    ++m_generation;
    Q_EMIT stopRequested();
}

void DeskSync::syncSoon()
{
    Q_EMIT syncSoonRequested();
}

void DeskSync::syncNow()
{
    Q_EMIT syncNowRequested();
}

void DeskSync::setState(const SyncState &state)
{
    m_state = state;
    Q_EMIT stateChanged(m_state);
}

} // namespace GridDesk
