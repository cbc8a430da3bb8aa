// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include <QDateTime>
#include <QString>

namespace GridDesk {

/// Where the desk stands with its server in this session.
enum class SyncConnection {
    Offline, ///< no server connected: actions wait in the outbox
    Connecting, ///< logging in
    Connected, ///< logged in; waits on the server's feed, and syncs right after each action
    Retrying, ///< the server was out of reach; the next round waits for the backoff
    Refused, ///< the server or its certificate refused; no rounds until the next connect
};

/// The desk's connection as the status area shows it.
struct SyncState
{
    SyncConnection connection = SyncConnection::Offline;
    QString server; ///< HOST:PORT
    QString role; ///< the account's role and unit, as the server said at login
    QString unit;
    QDateTime retryAt; ///< Retrying: when the next round starts
    QString reason; ///< Retrying and Refused: the failure in words
};

/// How often the background loop syncs, and how it backs off after transient failures.
struct SyncTiming
{
    /// The pause between rounds without long polling, or when the server answers a wait at
    /// once.
    int intervalMs = 5'000;
    int firstRetryMs = 5'000;
    int maxRetryMs = 120'000;
    /// Between rounds the desk waits on the server's feed this long (long polling), so that a
    /// new case reaches it as soon as the server has it; 0 to sync every intervalMs instead.
    int waitSeconds = 25;
};

/// The wait before retry number attempt (1 for the first) after transient failures in a row:
/// firstRetryMs, doubled with each further failure, at most maxRetryMs.
int retryDelayMs(const SyncTiming &timing, int attempt);

} // namespace GridDesk
