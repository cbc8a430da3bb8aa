// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "preferences.h"

#include "domain/caserecord.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QSystemTrayIcon>

#include <optional>

namespace GridDesk {

class CaseDesk;
class CaseQueueWidget;

/// Something the desk's user must know about at once.
struct DeskAlert
{
    enum class Kind {
        UrgentCase, ///< a case came in from an alarm of a high level, or was marked special
        DeadlineShare, ///< a case used the share of its stage's time the preferences name
        Overdue, ///< a case's stage deadline passed
    };

    Kind kind = Kind::UrgentCase;
    qint64 caseId = 0;
    QString text; ///< in the interface language
    QDateTime at; ///< the desk's time when it was raised
};

/// Raises the desk's alerts from the cases the queue already holds and takes in: a case the
/// desk has not seen that an alarm of the urgent level or higher filed, a case someone else
/// marked special, a stage crossing the alerting share of its time, a deadline passing. Each is
/// raised once per case and stage (a case at 80 % alerts once, not every minute), and cases
/// already past a mark when the queue was loaded are not alerted again. Alerts go to the
/// in-window banner (alertRaised), to the system tray when there is one and the preferences
/// want it, and to the system's beep when they want that. Never opens a window or moves the
/// focus. Lives on the GUI thread.
class AlertCentre : public QObject
{
    Q_OBJECT

public:
    /// How many alerts recent() keeps.
    static constexpr int RECENT_LIMIT = 100;

    AlertCentre(CaseDesk *desk, CaseQueueWidget *queue, QObject *parent = nullptr);
    ~AlertCentre() override;

    void setPreferences(const AlertPreferences &preferences);
    AlertPreferences preferences() const { return m_preferences; }

    /// Alerts not dismissed yet, newest first.
    QList<DeskAlert> active() const { return m_active; }
    /// Every alert raised since the desk started, newest first, up to RECENT_LIMIT.
    QList<DeskAlert> recent() const { return m_recent; }
    /// The tray icon while the preferences want one and the system has a tray; else null.
    QSystemTrayIcon *trayIcon() const { return m_tray; }

public Q_SLOTS:
    /// Looks at a case the queue took in: new and urgent, or marked special by someone else.
    void takeCase(const GridDesk::CaseRecord &record);
    /// Measures every listed case's deadline at at; the first look after the queue was loaded
    /// only notes where cases stand.
    void checkDeadlines(const QDateTime &at);
    /// Takes the newest active alert off the banner.
    void dismissNewest();
    void dismissAll();

Q_SIGNALS:
    void alertRaised(const GridDesk::DeskAlert &alert);
    /// The active alerts changed (raised or dismissed).
    void activeChanged();
    /// The person asked to see a case (a click on a tray notification).
    void caseRequested(qint64 id);

private:
    /// What has been said of one case: in which stage, and whether share and overdue.
    struct Said
    {
        qint64 stageStarted = 0;
        bool share = false;
        bool overdue = false;
        bool special = false;
    };

    void takeQueue();
    void raise(DeskAlert alert);
    void announce(const DeskAlert &alert);
    void updateTray();
    QString caseLabel(qint64 id) const;
    /// The alarm level of the report that created the case, when an alarm filed it.
    std::optional<int> alarmLevel(qint64 id) const;
    /// Whether the newest event of the case was made by the desk's own user.
    bool madeHere(qint64 id, bool firstEvent) const;
    void checkRow(int row, const QDateTime &at, bool seeding);

    CaseDesk *m_desk;
    CaseQueueWidget *m_queue;
    AlertPreferences m_preferences;
    QSet<qint64> m_known; ///< the cases the queue listed or took in
    QHash<qint64, Said> m_said;
    bool m_seeded = false; ///< the deadlines were looked at once since the queue was loaded
    QList<DeskAlert> m_active;
    QList<DeskAlert> m_recent;
    QPointer<QSystemTrayIcon> m_tray;
    qint64 m_trayCase = 0; ///< the case of the last tray notification
};

} // namespace GridDesk
