// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "syncstate.h"

#include "sync/outbox.h"

#include <QDateTime>
#include <QWidget>

#include <functional>

class QLabel;
class QTimer;
class QToolButton;

namespace GridDesk {

/// The sync part of the main window's status bar: the connection with the commands still
/// queued ("Connected to HOST — 2 queued"), the sent, applied and rejected counts (a click
/// asks for the rejected commands) and the time of the last sync. A wait before a retry
/// counts down by the second.
class SyncStatusBar : public QWidget
{
    Q_OBJECT

public:
    explicit SyncStatusBar(QWidget *parent = nullptr);

    void setState(const SyncState &state);
    void setCounts(const Sync::OutboxCounts &counts);
    /// An invalid time: never synced.
    void setLastSync(const QDateTime &at);
    /// The wall clock the countdown and the last sync are told against (the system's unless a
    /// test sets another).
    void setClock(std::function<QDateTime()> clock);

    QString connectionText() const;
    QString countsText() const;
    QString lastSyncText() const;

Q_SIGNALS:
    /// A click on the connection: to connect, or to see why the server refused.
    void connectionClicked();
    /// A click on the counts.
    void rejectedRequested();

private:
    void updateTexts();

    QToolButton *m_connection;
    QToolButton *m_counts;
    QLabel *m_lastSync;
    QTimer *m_countdown;
    SyncState m_state;
    Sync::OutboxCounts m_outbox;
    QDateTime m_lastSyncAt;
    std::function<QDateTime()> m_clock;
};

} // namespace GridDesk
