// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "sync/syncclient.h"

#include <QObject>
#include <QThread>

#include <chrono>

namespace GridDesk {

/// A district server's link up to its city server (clause 7.5.3.2), through the same protocol
/// as a desk's. The commands this server applies for its desks are queued in its store's
/// outbox (the server's book has the outbox as its journal); every interval, on a thread of
/// its own with its own connection to the store, the link pushes them as the account there
/// (role system, acting for the people who acted here) and takes in the city's changes,
/// which this server's desks then read from its feed.
class UpstreamSync : public QObject
{
    Q_OBJECT

public:
    UpstreamSync(QString storePath, Sync::ClientOptions options, std::chrono::seconds interval);
    ~UpstreamSync() override;

    void start();

Q_SIGNALS:
    /// After each round that reached the city server.
    void synced(int sent, int rejected, int received);
    /// A round that did not; the next one tries again.
    void failed(const QString &message);

private:
    QThread m_thread;
};

} // namespace GridDesk
