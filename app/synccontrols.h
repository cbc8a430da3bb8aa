// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "sync/outbox.h"
#include "sync/syncclient.h"

#include <QObject>
#include <QPointer>
#include <QSet>

#include <optional>

class QAction;
class QDockWidget;
class QMainWindow;
class QMenu;

namespace GridDesk {

class CaseDesk;
class ConnectDialog;
class DeskSync;
class RejectedCommandsView;
class SyncStatusBar;
struct DeskUser;

/// The desk's sync in the main window: the Sync menu, the status area, the connect dialog and
/// the rejected commands dock. Runs the background sync of the open workspace, takes in the
/// cases each round changed, and tells the person when the server rejected actions they took.
class SyncControls : public QObject
{
    Q_OBJECT

public:
    SyncControls(QMainWindow *window, CaseDesk *desk);
    ~SyncControls() override;

    void populateMenu(QMenu *menu);

    DeskSync *deskSync() const { return m_sync; }
    SyncStatusBar *statusArea() const { return m_status; }
    QDockWidget *rejectedDock() const { return m_dock; }
    RejectedCommandsView *rejectedView() const { return m_view; }
    /// The connect dialog while it is open.
    ConnectDialog *connectDialog() const;
    QAction *connectAction() const { return m_connectAction; }
    QAction *rejectedAction() const { return m_rejectedAction; }

    /// The desk works on the workspace at path from now on; a connection made for another
    /// workspace ends.
    void workspaceOpened(const QString &path);

public Q_SLOTS:
    void openConnectDialog();
    void showRejected();
    /// Reads the outbox's counts, last sync and rejected commands again.
    void refresh();
    /// Makes the rejected command entryId again on its case as it is now, as the desk's user.
    void redo(qint64 entryId);
    /// Makes a rejected org chart or register command again (redo() for those kinds).
    void redoWhole(const Sync::OutboxEntry &entry);
    void discard(qint64 entryId);

    /// A round as soon as the sync is free (something was queued outside the case desk).
    void syncSoon();

Q_SIGNALS:
    /// A message for the status bar.
    void message(const QString &text);
    /// Grid editions published on the server came in: the map is another now.
    void gridEditionsTaken(int count);
    /// A newer org chart came from the server and changed the one here.
    void orgChartTaken(qint64 revision);
    /// Register entries changed on the server came in, or a change was made again here.
    void registerTaken(int entries);
    /// A rejected change of the org chart was made again on the chart here.
    void orgChartRedone();

private:
    void takeUser(const DeskUser &user);
    void takeRound(const Sync::SyncReport &report);
    void takeRoundFailure(const QString &reason);
    void onConnectionClicked();
    void updateActions();
    /// The rejected commands the desk had not seen yet; tells the desk's user about theirs.
    void noticeNewRejections();
    int rejectedOf(const QString &user) const;
    /// The rejected command entryId, when the desk's user may settle it; else says why not.
    std::optional<Sync::OutboxEntry> settleable(qint64 entryId);

    QMainWindow *m_window;
    CaseDesk *m_desk;
    DeskSync *m_sync;
    SyncStatusBar *m_status;
    RejectedCommandsView *m_view;
    QDockWidget *m_dock;
    QPointer<ConnectDialog> m_dialog;
    QAction *m_connectAction = nullptr;
    QAction *m_syncNowAction = nullptr;
    QAction *m_disconnectAction = nullptr;
    QAction *m_rejectedAction = nullptr;
    QString m_path;
    QSet<qint64> m_seenRejected;
    bool m_dockPlaced = false;
};

} // namespace GridDesk
