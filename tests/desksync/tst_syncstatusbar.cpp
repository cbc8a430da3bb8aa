// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "desksync/syncstatusbar.h"

#include "outboxfixture.h"

#include <QApplication>
#include <QLabel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QToolButton>

using namespace GridDesk;

class TestSyncStatusBar : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void withoutServer();
    void showsTheOutbox_data();
    void showsTheOutbox();
    void lastSync_data();
    void lastSync();
    void retryCountsDown();
    void rejectedCountAsksForTheList();

private:
    QString shown(const char *name) const;

    QTemporaryDir m_dir;
    QString m_path;
    /// Wednesday morning; the status bar measures against it.
    QDateTime m_now {QDate(2026, 3, 4), QTime(9, 5)};
    SyncStatusBar m_bar;
};

void TestSyncStatusBar::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath(QStringLiteral("desk.gpkg"));
    const auto made = Test::makeDeskWorkspace(m_path);
    QVERIFY2(made.has_value(), Test::why(made).constData());
    m_bar.setClock([this] { return m_now; });
}

QString TestSyncStatusBar::shown(const char *name) const
{
    if (auto *button = m_bar.findChild<QToolButton *>(QLatin1String(name)))
        return button->text();
    if (auto *label = m_bar.findChild<QLabel *>(QLatin1String(name)))
        return label->text();
    return QStringLiteral("(no %1)").arg(QLatin1String(name));
}

void TestSyncStatusBar::withoutServer()
{
    // A workspace that never synced and has no server set.
    const QString path = m_dir.filePath(QStringLiteral("no-server.gpkg"));
    QVERIFY(QFile::copy(m_path, path));
    auto desk = Test::OutboxDesk::open(path);
    QVERIFY2(desk.has_value(), Test::why(desk).constData());
    QVERIFY(desk->outbox->server().isEmpty());
    m_bar.setState({});
    m_bar.setCounts(*desk->outbox->counts());
    m_bar.setLastSync(desk->outbox->lastSync());
    QCOMPARE(shown("syncConnection"), QStringLiteral("Offline — 0 queued"));
    QCOMPARE(shown("syncCounts"), QStringLiteral("0 sent · 0 applied · 0 rejected"));
    QCOMPARE(shown("syncLast"), QStringLiteral("Not synced yet"));

    // Work goes on without a server; each action waits in the outbox.
    QVERIFY(desk->report(QStringLiteral("H-1"), QStringLiteral("Wang Fang"), m_now).has_value());
    QVERIFY(desk->report(QStringLiteral("H-2"), QStringLiteral("Wang Fang"), m_now).has_value());
    m_bar.setCounts(*desk->outbox->counts());
    QCOMPARE(shown("syncConnection"), QStringLiteral("Offline — 2 queued"));
}

void TestSyncStatusBar::showsTheOutbox_data()
{
    QTest::addColumn<SyncState>("state");
    QTest::addColumn<QString>("expected");
    const QString server = QStringLiteral("127.0.0.1:8443");
    QTest::newRow("offline") << SyncState {} << QStringLiteral("Offline — 1 queued");
    QTest::newRow("connecting") << SyncState {SyncConnection::Connecting, server, {}, {}, {}, {}}
                                << QStringLiteral("Connecting to 127.0.0.1:8443… — 1 queued");
    QTest::newRow("connected") << SyncState {SyncConnection::Connected, server,
        QStringLiteral("operator"), QStringLiteral("city"), {}, {}}
                               << QStringLiteral("Connected to 127.0.0.1:8443 — 1 queued");
    QTest::newRow("retrying") << SyncState {SyncConnection::Retrying, server, {}, {},
        m_now.addSecs(20), QStringLiteral("the server cannot be reached")}
                              << QStringLiteral("Retrying in 20 s — 1 queued");
    QTest::newRow("refused") << SyncState {SyncConnection::Refused, server, {}, {}, {},
        QStringLiteral("HTTP 401, unauthorized")}
                             << QStringLiteral("Refused: HTTP 401, unauthorized — 1 queued");
}

void TestSyncStatusBar::showsTheOutbox()
{
    QFETCH(SyncState, state);
    QFETCH(QString, expected);

    // Four commands: two answered (one applied, one rejected), one sent without an answer yet,
    // one still queued.
    const QString path = m_dir.filePath(QStringLiteral("%1.gpkg").arg(QTest::currentDataTag()));
    QVERIFY(QFile::copy(m_path, path));
    auto desk = Test::OutboxDesk::open(path);
    QVERIFY2(desk.has_value(), Test::why(desk).constData());
    for (const char *id : {"H-11", "H-12", "H-13"}) {
        const auto reported =
            desk->report(QLatin1String(id), QStringLiteral("Wang Fang"), m_now.addSecs(-600));
        QVERIFY2(reported.has_value(), Test::why(reported).constData());
    }
    auto entries = desk->outbox->entries();
    QVERIFY(entries.has_value());
    QVERIFY(desk->outbox->markSent(*entries).has_value());
    Sync::CommandResult applied;
    applied.id = entries->at(0).commandId;
    applied.applied = true;
    QVERIFY(desk->outbox->answer(applied).has_value());
    QVERIFY(desk->rejectAsConflict(entries->at(1)).has_value());
    QVERIFY(desk->report(QStringLiteral("H-14"), QStringLiteral("Wang Fang"), m_now).has_value());

    m_bar.setState(state);
    m_bar.setCounts(*desk->outbox->counts());
    QCOMPARE(shown("syncConnection"), expected);
    QCOMPARE(shown("syncCounts"), QStringLiteral("1 sent · 1 applied · 1 rejected"));
    // The reason is on the tooltip whole, also when the bar has to shorten it.
    if (!state.reason.isEmpty()) {
        QVERIFY(m_bar.findChild<QToolButton *>(QStringLiteral("syncConnection"))
                    ->toolTip()
                    .contains(state.reason));
    }
}

void TestSyncStatusBar::lastSync_data()
{
    QTest::addColumn<QDateTime>("at");
    QTest::addColumn<QString>("expected");
    QTest::newRow("today") << QDateTime(QDate(2026, 3, 4), QTime(9, 4, 30))
                           << QStringLiteral("Last sync 09:04:30");
    QTest::newRow("yesterday") << QDateTime(QDate(2026, 3, 3), QTime(17, 0))
                               << QStringLiteral("Last sync 2026-03-03 17:00");
}

void TestSyncStatusBar::lastSync()
{
    QFETCH(QDateTime, at);
    QFETCH(QString, expected);
    // As the sync writes it into the workspace, and the desk reads it back.
    auto desk = Test::OutboxDesk::open(m_path);
    QVERIFY2(desk.has_value(), Test::why(desk).constData());
    QVERIFY(desk->outbox->setLastSync(at).has_value());
    m_bar.setLastSync(desk->outbox->lastSync());
    QCOMPARE(shown("syncLast"), expected);
}

void TestSyncStatusBar::retryCountsDown()
{
    m_bar.setCounts({});
    m_bar.setState(SyncState {SyncConnection::Retrying, QStringLiteral("127.0.0.1:8443"), {}, {},
        m_now.addSecs(10), QStringLiteral("the server cannot be reached")});
    QCOMPARE(shown("syncConnection"), QStringLiteral("Retrying in 10 s — 0 queued"));
    m_now = m_now.addSecs(3);
    QTRY_COMPARE(shown("syncConnection"), QStringLiteral("Retrying in 7 s — 0 queued"));
    m_now = m_now.addSecs(30);
    QTRY_COMPARE(shown("syncConnection"), QStringLiteral("Retrying in 0 s — 0 queued"));
    m_now = m_now.addSecs(-33);
}

void TestSyncStatusBar::rejectedCountAsksForTheList()
{
    QSignalSpy asked(&m_bar, &SyncStatusBar::rejectedRequested);
    QSignalSpy connecting(&m_bar, &SyncStatusBar::connectionClicked);
    m_bar.show();
    QTest::mouseClick(m_bar.findChild<QToolButton *>(QStringLiteral("syncCounts")), Qt::LeftButton);
    QCOMPARE(asked.size(), 1);
    QCOMPARE(connecting.size(), 0);
    QTest::mouseClick(
        m_bar.findChild<QToolButton *>(QStringLiteral("syncConnection")), Qt::LeftButton);
    QCOMPARE(connecting.size(), 1);
}

GRIDDESK_TEST_MAIN(TestSyncStatusBar, QApplication)
#include "tst_syncstatusbar.moc"
