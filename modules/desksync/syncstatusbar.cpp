// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "syncstatusbar.h"

#include "domain/displaytime.h"
#include "workflow/terms.h"

#include <QFontMetrics>
#include <QHBoxLayout>
#include <QLabel>
#include <QTimer>
#include <QToolButton>

#include <cmath>

namespace GridDesk {

namespace {

/// The refusal in the status bar is cut to this width; the tooltip has it whole.
constexpr int MAX_REASON_WIDTH = 420;

const auto PROBLEM_STYLE = QStringLiteral("QToolButton { color: #9b1010; font-weight: bold; }");

} // namespace

SyncStatusBar::SyncStatusBar(QWidget *parent)
    : QWidget(parent)
    , m_connection(new QToolButton(this))
    , m_counts(new QToolButton(this))
    , m_lastSync(new QLabel(this))
    , m_countdown(new QTimer(this))
    , m_clock([] { return QDateTime::currentDateTime(); })
{
    setObjectName(QStringLiteral("syncStatus"));
    m_connection->setObjectName(QStringLiteral("syncConnection"));
    m_counts->setObjectName(QStringLiteral("syncCounts"));
    m_lastSync->setObjectName(QStringLiteral("syncLast"));
    for (QToolButton *button : {m_connection, m_counts})
        button->setAutoRaise(true);
    m_counts->setToolTip(tr("This desk's commands: sent and not answered yet, applied by the "
                            "server, and rejected. Click to see the rejected ones."));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(m_connection);
    layout->addWidget(m_counts);
    layout->addWidget(m_lastSync);

    m_countdown->setInterval(1000);
    connect(m_countdown, &QTimer::timeout, this, &SyncStatusBar::updateTexts);
    connect(m_connection, &QToolButton::clicked, this, &SyncStatusBar::connectionClicked);
    connect(m_counts, &QToolButton::clicked, this, &SyncStatusBar::rejectedRequested);
    updateTexts();
}

void SyncStatusBar::setState(const SyncState &state)
{
    m_state = state;
    if (state.connection == SyncConnection::Retrying)
        m_countdown->start();
    else
        m_countdown->stop();
    updateTexts();
}

void SyncStatusBar::setCounts(const Sync::OutboxCounts &counts)
{
    m_outbox = counts;
    updateTexts();
}

void SyncStatusBar::setLastSync(const QDateTime &at)
{
    m_lastSyncAt = at;
    updateTexts();
}

void SyncStatusBar::setClock(std::function<QDateTime()> clock)
{
    m_clock = std::move(clock);
    updateTexts();
}

QString SyncStatusBar::connectionText() const
{
    const int queued = m_outbox.queued;
    switch (m_state.connection) {
    case SyncConnection::Offline:
        return tr("Offline — %n queued", nullptr, queued);
    case SyncConnection::Connecting:
        //: %1 is the server, HOST:PORT
        return tr("Connecting to %1… — %n queued", nullptr, queued).arg(m_state.server);
    case SyncConnection::Connected:
        return tr("Connected to %1 — %n queued", nullptr, queued).arg(m_state.server);
    case SyncConnection::Retrying: {
        const qint64 waitMs = std::max<qint64>(0, m_clock().msecsTo(m_state.retryAt));
        const auto seconds = qint64(std::ceil(double(waitMs) / 1000.0));
        //: %1 is a number of seconds
        return tr("Retrying in %1 s — %n queued", nullptr, queued).arg(seconds);
    }
    case SyncConnection::Refused: {
        const QString reason = QFontMetrics(m_connection->font())
                                   .elidedText(m_state.reason, Qt::ElideRight, MAX_REASON_WIDTH);
        //: %1 is why the server or its certificate refused the desk
        return tr("Refused: %1 — %n queued", nullptr, queued).arg(reason);
    }
    }
    return {};
}

QString SyncStatusBar::countsText() const
{
    return tr("%1 sent · %2 applied · %3 rejected")
        .arg(m_outbox.sent)
        .arg(m_outbox.applied)
        .arg(m_outbox.rejected);
}

QString SyncStatusBar::lastSyncText() const
{
    if (!m_lastSyncAt.isValid())
        return tr("Not synced yet");
    const QDateTime at = m_lastSyncAt.toLocalTime();
    const bool today = at.date() == m_clock().date();
    //: %1 is a time, or a date and time when it was not today
    return tr("Last sync %1")
        .arg(today ? at.toString(QStringLiteral("HH:mm:ss")) : displayDateTime(at));
}

void SyncStatusBar::updateTexts()
{
    m_connection->setText(connectionText());
    m_counts->setText(countsText());
    m_counts->setStyleSheet(m_outbox.rejected > 0 ? PROBLEM_STYLE : QString());
    m_lastSync->setText(lastSyncText());

    QString tip;
    switch (m_state.connection) {
    case SyncConnection::Offline:
        tip = tr("Actions wait in the outbox until the desk connects to its server. Click to "
                 "connect.");
        if (!m_state.reason.isEmpty())
            tip += u'\n' + tr("Last attempt: %1").arg(m_state.reason);
        break;
    case SyncConnection::Connecting:
        tip = tr("Logging in to %1.").arg(m_state.server);
        break;
    case SyncConnection::Connected: {
        const auto role = roleFromKey(m_state.role);
        //: %1 is a role, %2 an org unit code
        tip = tr("Logged in as %1 of unit %2; new cases come as soon as the server has them, "
                 "and each action is sent at once.")
                  .arg(role ? roleName(*role) : m_state.role, m_state.unit);
        break;
    }
    case SyncConnection::Retrying:
        tip = tr("The server is out of reach: %1\nThe desk tries again by itself; actions wait "
                 "in the outbox.")
                  .arg(m_state.reason);
        break;
    case SyncConnection::Refused:
        tip = tr("The server refused: %1\nClick to connect again.").arg(m_state.reason);
        break;
    }
    m_connection->setToolTip(tip);
    m_connection->setStyleSheet(
        m_state.connection == SyncConnection::Refused ? PROBLEM_STYLE : QString());
}

} // namespace GridDesk
