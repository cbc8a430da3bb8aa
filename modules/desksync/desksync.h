// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "syncstate.h"

#include "sync/syncclient.h"

#include <QList>
#include <QObject>
#include <QPointer>

class QThread;

namespace GridDesk {

/// Keeps a workspace in sync with its server in the background. Lives on the GUI thread;
/// the work runs on a thread of its own with its own connection to the workspace, so the desk
/// never waits on the network. Connecting logs in (connectFinished or connectFailed reports
/// it); from then on a round (push the outbox, pull the feed) runs every interval and soon
/// after each action, roundFinished or roundFailed reporting each. Transient failures are
/// retried with a growing wait; any other stops the rounds until the next connect. The
/// password and the session token stay in that thread's memory.
class DeskSync : public QObject
{
    Q_OBJECT

public:
    explicit DeskSync(QObject *parent = nullptr);
    /// Ends the connection at once, cutting off a request under way; its commands are sent
    /// again by the next connection, which the server answers once.
    ~DeskSync() override;

    /// Takes effect from the next connect.
    void setTiming(const SyncTiming &timing) { m_timing = timing; }
    const SyncTiming &timing() const { return m_timing; }

    const SyncState &state() const { return m_state; }
    /// The workspace of the connection (the last one, after it ended).
    QString workspacePath() const { return m_path; }
    /// Connecting, connected or waiting to retry.
    bool isActive() const;

    /// Logs in to options.server and syncs the workspace at path with it from then on. Ends the
    /// connection made before, if any. A workspace that synced with another server is refused.
    void connectToServer(const QString &workspacePath, const Sync::ClientOptions &options);
    /// Ends the connection: the round under way finishes, then the session is logged out.
    void disconnectFromServer();

public Q_SLOTS:
    /// A round soon, for an action just taken; waits out a backoff.
    void syncSoon();
    /// A round now, for a person who asks; cuts a backoff short.
    void syncNow();

Q_SIGNALS:
    void stateChanged(const GridDesk::SyncState &state);
    void connectFinished();
    void connectFailed(const QString &message);
    void roundFinished(const GridDesk::Sync::SyncReport &report);
    void roundFailed(const QString &message);

    /// To the worker thread; connect to syncSoon() and syncNow() rather than these.
    void syncSoonRequested();
    void syncNowRequested();
    void stopRequested();

private:
    void setState(const SyncState &state);
    void endConnection();

    SyncTiming m_timing;
    SyncState m_state;
    QString m_path;
    /// Each connection's number: what an ended connection still reports is not for the desk.
    int m_generation = 0;
    /// Threads of connections not yet ended, the current one last.
    QList<QPointer<QThread>> m_threads;
};

} // namespace GridDesk
