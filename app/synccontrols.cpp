// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "synccontrols.h"

#include "casedesk.h"
#include "logging.h"

#include "desksync/connectdialog.h"
#include "desksync/desksync.h"
#include "desksync/rejectedcommandsview.h"
#include "desksync/syncstatusbar.h"
#include "sync/outbox.h"
#include "sync/registersync.h"

#include <QAction>
#include <QDockWidget>
#include <QMainWindow>
#include <QMenu>
#include <QTableView>
#include <QTimer>

namespace GridDesk {

namespace {

/// The rejected commands dock's height when it first comes up.
constexpr int DOCK_HEIGHT = 200;

bool settlesAny(Role role)
{
    return role == Role::Supervisor || role == Role::Leader;
}

} // namespace

SyncControls::SyncControls(QMainWindow *window, CaseDesk *desk)
    : QObject(window)
    , m_window(window)
    , m_desk(desk)
    , m_sync(new DeskSync(this))
    , m_status(new SyncStatusBar(window))
    , m_view(new RejectedCommandsView(window))
    , m_dock(new QDockWidget(tr("Rejected commands"), window))
{
    m_dock->setObjectName(QStringLiteral("rejectedCommandsDock"));
    m_dock->setWidget(m_view);

    connect(m_sync, &DeskSync::stateChanged, m_status, &SyncStatusBar::setState);
    connect(m_sync, &DeskSync::stateChanged, this, &SyncControls::updateActions);
    connect(m_sync, &DeskSync::roundFinished, this, &SyncControls::takeRound);
    connect(m_sync, &DeskSync::roundFailed, this, &SyncControls::takeRoundFailure);
    connect(m_status, &SyncStatusBar::connectionClicked, this, &SyncControls::onConnectionClicked);
    connect(m_status, &SyncStatusBar::rejectedRequested, this, &SyncControls::showRejected);
    connect(m_view, &RejectedCommandsView::redoRequested, this, &SyncControls::redo);
    connect(m_view, &RejectedCommandsView::discardRequested, this, &SyncControls::discard);
    connect(m_desk, &CaseDesk::userChanged, this, &SyncControls::takeUser);
    connect(m_desk, &CaseDesk::actionTaken, this, [this] {
        refresh();
        m_sync->syncSoon();
    });
}

SyncControls::~SyncControls() = default;

ConnectDialog *SyncControls::connectDialog() const
{
    return m_dialog;
}

void SyncControls::populateMenu(QMenu *menu)
{
    m_connectAction =
        menu->addAction(tr("&Connect to server…"), this, &SyncControls::openConnectDialog);
    m_connectAction->setObjectName(QStringLiteral("connectAction"));
    m_syncNowAction = menu->addAction(tr("&Sync now"), m_sync, &DeskSync::syncNow);
    m_syncNowAction->setObjectName(QStringLiteral("syncNowAction"));
    m_syncNowAction->setShortcut(Qt::CTRL | Qt::ALT | Qt::Key_Y);
    m_disconnectAction = menu->addAction(tr("&Disconnect"), m_sync, [this] {
        m_sync->disconnectFromServer();
        Q_EMIT message(tr("Disconnected; actions wait in the outbox until the desk connects "
                          "again."));
    });
    m_disconnectAction->setObjectName(QStringLiteral("disconnectAction"));
    menu->addSeparator();
    m_rejectedAction =
        menu->addAction(tr("&Rejected commands…"), this, &SyncControls::showRejected);
    m_rejectedAction->setObjectName(QStringLiteral("rejectedAction"));
    updateActions();
}

void SyncControls::updateActions()
{
    if (!m_connectAction)
        return;
    const bool open = m_desk->isOpen();
    m_connectAction->setEnabled(open);
    m_syncNowAction->setEnabled(open && m_sync->isActive());
    m_disconnectAction->setEnabled(m_sync->isActive());
    m_rejectedAction->setEnabled(open);
}

void SyncControls::workspaceOpened(const QString &path)
{
    if (m_sync->isActive() && m_sync->workspacePath() != path)
        m_sync->disconnectFromServer();
    m_path = path;
    m_seenRejected.clear();
    if (Sync::Outbox *outbox = m_desk->outbox()) {
        for (const Sync::OutboxEntry &entry :
            outbox->entries(Sync::OutboxState::Rejected).value_or(QList<Sync::OutboxEntry>()))
            m_seenRejected.insert(entry.id);
    }
    refresh();
    updateActions();
}

void SyncControls::refresh()
{
    Sync::Outbox *outbox = m_desk->outbox();
    if (!outbox) {
        m_status->setCounts({});
        m_status->setLastSync({});
        m_view->setEntries({});
        return;
    }
    const auto counts = outbox->counts();
    const auto rejected = outbox->entries(Sync::OutboxState::Rejected);
    if (!counts || !rejected) {
        const Error &error = counts ? rejected.error() : counts.error();
        qCWarning(lcApp).noquote() << "outbox not read:" << error.message;
        Q_EMIT message(error.message);
        return;
    }
    m_status->setCounts(*counts);
    m_status->setLastSync(outbox->lastSync());
    m_view->setEntries(*rejected);
}

void SyncControls::openConnectDialog()
{
    if (!m_desk->isOpen())
        return;
    if (m_dialog) {
        m_dialog->raise();
        m_dialog->activateWindow();
        return;
    }
    auto *dialog = new ConnectDialog(m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // A workspace that synced before belongs to its server.
    const QUrl bound = m_desk->outbox() ? m_desk->outbox()->server() : QUrl();
    if (!bound.isEmpty())
        dialog->setServer(bound.toString());
    const QString path = m_path;
    connect(dialog, &ConnectDialog::connectRequested, this,
        [this, path](
            const Sync::ClientOptions &options) { m_sync->connectToServer(path, options); });
    connect(m_sync, &DeskSync::connectFinished, dialog, [this, dialog] {
        dialog->showConnected();
        Q_EMIT message(
            tr("Connected to %1; the desk syncs in the background.").arg(m_sync->state().server));
    });
    connect(m_sync, &DeskSync::connectFailed, dialog, &ConnectDialog::showFailure);
    connect(dialog, &QDialog::rejected, this, [this] {
        // Cancelled while logging in: the person no longer wants that connection.
        if (m_sync->state().connection == SyncConnection::Connecting)
            m_sync->disconnectFromServer();
    });
    m_dialog = dialog;
    dialog->open();
}

void SyncControls::showRejected()
{
    refresh();
    // The first time, below the map, a few rows high; later where the person left it.
    const bool first = !std::exchange(m_dockPlaced, true) && !m_dock->isVisible()
        && m_window->dockWidgetArea(m_dock) == Qt::BottomDockWidgetArea;
    m_dock->show();
    // Once the window has laid the dock out; before, the size would not hold.
    if (first) {
        QTimer::singleShot(
            0, m_dock, [this] { m_window->resizeDocks({m_dock}, {DOCK_HEIGHT}, Qt::Vertical); });
    }
    m_dock->raise();
    m_view->table()->setFocus();
}

void SyncControls::onConnectionClicked()
{
    if (m_sync->isActive())
        m_sync->syncNow();
    else
        openConnectDialog();
}

void SyncControls::takeUser(const DeskUser &user)
{
    m_view->setActingUser(user.name, user.isValid() && settlesAny(user.role));
    const int waiting = user.isValid() ? rejectedOf(user.name) : 0;
    if (waiting > 0) {
        Q_EMIT message(tr("The server rejected %n of your actions; Sync → Rejected commands "
                          "lists them to redo or discard.",
            nullptr, waiting));
    }
}

void SyncControls::syncSoon()
{
    refresh();
    m_sync->syncSoon();
}

void SyncControls::takeRound(const Sync::SyncReport &report)
{
    if (report.editions > 0)
        Q_EMIT gridEditionsTaken(report.editions);
    if (report.orgChanged)
        Q_EMIT orgChartTaken(report.orgRevision);
    if (report.registerEntries > 0)
        Q_EMIT registerTaken(report.registerEntries);
    m_desk->takeInOtherChanges();
    refresh();
    noticeNewRejections();
}

void SyncControls::takeRoundFailure(const QString &reason)
{
    refresh();
    if (m_sync->state().connection == SyncConnection::Refused)
        Q_EMIT message(tr("Sync stopped: %1").arg(reason));
}

void SyncControls::noticeNewRejections()
{
    Sync::Outbox *outbox = m_desk->outbox();
    if (!outbox)
        return;
    const auto rejected = outbox->entries(Sync::OutboxState::Rejected);
    if (!rejected)
        return;
    const QString user = m_desk->user().name;
    int mine = 0;
    for (const Sync::OutboxEntry &entry : *rejected) {
        if (m_seenRejected.contains(entry.id))
            continue;
        m_seenRejected.insert(entry.id);
        if (!user.isEmpty() && entry.madeBy == user)
            ++mine;
    }
    if (mine > 0) {
        Q_EMIT message(tr("The server rejected %n of your actions; Sync → Rejected commands "
                          "lists them to redo or discard.",
            nullptr, mine));
    }
}

int SyncControls::rejectedOf(const QString &user) const
{
    Sync::Outbox *outbox = m_desk->outbox();
    if (!outbox)
        return 0;
    const auto rejected = outbox->entries(Sync::OutboxState::Rejected);
    if (!rejected)
        return 0;
    return int(std::count_if(rejected->cbegin(), rejected->cend(),
        [&user](const Sync::OutboxEntry &entry) { return entry.madeBy == user; }));
}

std::optional<Sync::OutboxEntry> SyncControls::settleable(qint64 entryId)
{
    const auto entry = m_desk->outbox()->entry(entryId);
    if (!entry) {
        m_view->showMessage(entry.error().message, true);
        return std::nullopt;
    }
    if (!m_view->maySettle(*entry)) {
        //: %1 is the person who made a rejected command
        m_view->showMessage(tr("%1 made this command; they, a supervisor or a leader settle it.")
                                .arg(entry->madeBy),
            true);
        return std::nullopt;
    }
    return *entry;
}

void SyncControls::redo(qint64 entryId)
{
    CaseBook *book = m_desk->caseBook();
    Sync::Outbox *outbox = m_desk->outbox();
    const DeskUser user = m_desk->user();
    const auto entry = book && outbox && user.isValid() ? settleable(entryId) : std::nullopt;
    if (!entry)
        return;
    if (entry->kind == Sync::CommandKind::Org || entry->kind == Sync::CommandKind::Register) {
        redoWhole(*entry);
        return;
    }

    ActionRequest request;
    request.actor = user.name;
    request.role = user.role;
    request.actorUnit = user.unit;
    const QDateTime now = m_desk->now();
    request.at = CaseTime::naive(now.date(), now.time());
    const auto event = Sync::redoRejected(*book, *outbox, entryId, request);
    if (!event) {
        m_view->showMessage(event.error().message, true);
        return;
    }

    m_desk->takeInOtherChanges();
    refresh();
    //: %1 is an action, %2 a case number, %3 the state the case is in now
    m_view->showMessage(tr("%1 made again on case %2, which is now %3; it goes out with the "
                           "next sync.")
                            .arg(caseActionName(event->action))
                            .arg(event->caseId)
                            .arg(caseStateName(event->to).toLower()),
        false);
    m_sync->syncSoon();
}

void SyncControls::redoWhole(const Sync::OutboxEntry &entry)
{
    Workspace &workspace = m_desk->caseBook()->workspace();
    const QString by = m_desk->user().name;
    const QDateTime now = m_desk->now().toUTC();
    if (entry.kind == Sync::CommandKind::Org) {
        auto sent = Sync::redoRejectedOrg(workspace, *m_desk->outbox(), entry.id, by, now);
        if (!sent) {
            m_view->showMessage(sent.error().message, true);
            return;
        }
        Q_EMIT orgChartRedone();
        m_view->showMessage(sent->id.isEmpty()
                ? tr("The org chart already holds what this command changed; it is settled.")
                //: %n is how many changes of the org chart were made again
                : tr("%n change(s) of the org chart made again on the server's chart; they go "
                     "out with the next sync.",
                    nullptr, int(sent->changes.size())),
            false);
    } else {
        auto made = Sync::redoRejectedRegister(workspace, *m_desk->outbox(), entry.id, by, now);
        if (!made) {
            m_view->showMessage(made.error().message, true);
            return;
        }
        Q_EMIT registerTaken(1);
        //: %1 is a register entry's code
        m_view->showMessage(tr("The change of register entry %1 is made again on the entry as "
                               "the server left it; it goes out with the next sync.")
                                .arg(made->code),
            false);
    }
    refresh();
    m_sync->syncSoon();
}

void SyncControls::discard(qint64 entryId)
{
    Sync::Outbox *outbox = m_desk->outbox();
    const auto entry = outbox ? settleable(entryId) : std::nullopt;
    if (!entry)
        return;
    if (auto discarded = outbox->discard(entryId); !discarded) {
        m_view->showMessage(discarded.error().message, true);
        return;
    }
    refresh();
    //: %1 is an action, %2 a case number
    m_view->showMessage(tr("%1 on case %2 is set aside; it will not be sent.")
                            .arg(caseActionName(entry->action))
                            .arg(entry->caseId),
        false);
}

} // namespace GridDesk
