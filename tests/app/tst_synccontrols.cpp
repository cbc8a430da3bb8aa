// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "casedesk.h"
#include "mainwindow.h"
#include "synccontrols.h"

#include "deskfixture.h"
#include "desksync/outboxfixture.h"
#include "desksync/serverfixture.h"

#include "cases/actiondialog.h"
#include "cases/caseactions.h"
#include "cases/casequeuewidget.h"
#include "cases/casetablemodel.h"
#include "cases/reportdialog.h"
#include "cases/runasdialog.h"
#include "desksync/connectdialog.h"
#include "desksync/desksync.h"
#include "desksync/rejectedcommandsmodel.h"
#include "desksync/rejectedcommandsview.h"
#include "desksync/syncstatusbar.h"
#include "editions/grideditions.h"
#include "gridedit/gridattributespanel.h"
#include "gridedit/grideditor.h"
#include "gridedit/grideditsession.h"
#include "gridedit/publishdialog.h"
#include "org/orgchart.h"
#include "orgedit/orgdocument.h"
#include "orgedit/orgeditor.h"
#include "sync/feedapplier.h"
#include "sync/outbox.h"

#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>

using namespace GridDesk;

using Column = RejectedCommandsModel::Column;

class TestSyncControls : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void statusWithoutServer();
    void rejectedCommandsAreRedoneOrDiscarded();
    void syncsWithTheServer();
    void publishingAGridEditionGoesThroughTheServer();
    void orgChartChangesGoThroughTheServer();

private:
    /// The main window on the workspace at path, acting as user.
    void openWindow(const QString &path, const QString &user);
    void runAs(const QString &name);
    /// Takes action on caseId through its dialog; fill completes the dialog first.
    void act(
        qint64 caseId, CaseAction action, const std::function<void(ActionDialog *)> &fill = {});
    QString shown(const char *name) const;
    QPushButton *viewButton(const char *name) const;
    QString cell(int row, Column column) const;
    /// The state of caseId as the case queue shows it.
    QString queuedState(qint64 caseId) const;
    void saveScreenshot(const QString &name);
    /// A server on a copy of the New York sample at store (its files in a folder of its own,
    /// so no other test's certificate is overwritten) with supervisor zhao, and the window on
    /// the first of desks (copies too, in the test's folder) as Supervisor Li, connected and
    /// synced once.
    void connectSupervisor(const QString &folderName, const QString &store,
        const QStringList &desks, std::unique_ptr<Test::TestServer> &server,
        Sync::ClientOptions &options);

    template<typename T>
    static T *child(QWidget *parent, const char *name)
    {
        return parent ? parent->findChild<T *>(QLatin1String(name)) : nullptr;
    }

    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
    CaseDesk *m_desk = nullptr;
    SyncControls *m_sync = nullptr;
};

void TestSyncControls::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("GridDeskTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_synccontrols"));
    QVERIFY(m_dir.isValid());
}

void TestSyncControls::init()
{
    QSettings().clear();
}

void TestSyncControls::cleanup()
{
    m_window.reset();
    m_desk = nullptr;
    m_sync = nullptr;
}

void TestSyncControls::openWindow(const QString &path, const QString &user)
{
    m_window = std::make_unique<MainWindow>(QDir(Test::mapsPath()));
    m_window->resize(1500, 950);
    m_desk = m_window->caseDesk();
    m_sync = m_window->syncControls();
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QSignalSpy loaded(m_window.get(), &MainWindow::workspaceLoaded);
    m_window->openWorkspace(path);
    QVERIFY(loaded.wait(120'000));
    QTRY_VERIFY(m_desk->runAsDialog() && m_desk->runAsDialog()->isVisible());
    runAs(user);
}

void TestSyncControls::runAs(const QString &name)
{
    if (!m_desk->runAsDialog())
        m_window->caseActions()->runAsAction()->trigger();
    RunAsDialog *dialog = m_desk->runAsDialog();
    QVERIFY(dialog);
    auto *users = child<QListWidget>(dialog, "users");
    const auto found = users->findItems(name, Qt::MatchStartsWith);
    QCOMPARE(found.size(), 1);
    users->setCurrentItem(found.first());
    QTest::mouseClick(child<QPushButton>(dialog, "runAs"), Qt::LeftButton);
    QTRY_VERIFY(!m_desk->runAsDialog());
    QCOMPARE(m_desk->user().name, name);
}

void TestSyncControls::act(
    qint64 caseId, CaseAction action, const std::function<void(ActionDialog *)> &fill)
{
    m_desk->showCase(caseId);
    QAction *trigger = m_window->caseActions()->action(action);
    QVERIFY2(trigger->isEnabled(), qPrintable(caseActionKey(action)));
    trigger->trigger();
    ActionDialog *dialog = m_desk->actionDialog();
    QVERIFY(dialog);
    if (fill)
        fill(dialog);
    QTest::mouseClick(child<QPushButton>(dialog, "submit"), Qt::LeftButton);
    const auto *message = child<QLabel>(dialog, "message");
    QVERIFY2(!m_desk->actionDialog(), qPrintable(message ? message->text() : QString()));
}

QString TestSyncControls::shown(const char *name) const
{
    SyncStatusBar *bar = m_sync->statusArea();
    if (auto *button = bar->findChild<QToolButton *>(QLatin1String(name)))
        return button->text();
    if (auto *label = bar->findChild<QLabel *>(QLatin1String(name)))
        return label->text();
    return {};
}

QPushButton *TestSyncControls::viewButton(const char *name) const
{
    return m_sync->rejectedView()->findChild<QPushButton *>(QLatin1String(name));
}

QString TestSyncControls::cell(int row, Column column) const
{
    return m_sync->rejectedView()->model()->index(row, int(column)).data().toString();
}

QString TestSyncControls::queuedState(qint64 caseId) const
{
    const auto row = m_window->caseQueue()->model()->rowOf(caseId);
    return row ? m_window->caseQueue()->model()->cases().state(*row) : QString();
}

void TestSyncControls::saveScreenshot(const QString &name)
{
    const QString folder = QStringLiteral(GRIDDESK_SCREENSHOT_DIR);
    QVERIFY(QDir().mkpath(folder));
    QVERIFY(m_window->grab().toImage().save(QDir(folder).filePath(name)));
}

void TestSyncControls::connectSupervisor(const QString &folderName, const QString &store,
    const QStringList &desks, std::unique_ptr<Test::TestServer> &server,
    Sync::ClientOptions &options)
{
    const QString base = m_dir.filePath(folderName + QStringLiteral("-base.gpkg"));
    const auto made = Test::makeNewYorkWorkspace(base);
    QVERIFY2(made.has_value(), Test::why(made).constData());
    QVERIFY(Test::copyWorkspace(base, store));
    for (const QString &desk : desks)
        QVERIFY(Test::copyWorkspace(base, m_dir.filePath(desk)));
    const QString folder = m_dir.filePath(folderName);
    QVERIFY(QDir().mkpath(folder));
    server = std::make_unique<Test::TestServer>(folder);
    for (const auto &done : {server->makeCertificate(),
             server->addUser(store, QStringLiteral("zhao"), QStringLiteral("supervisor"),
                 QStringLiteral("city"), "zhao-password"),
             server->start(store)})
        QVERIFY2(done.has_value(), Test::why(done).constData());

    const QString deskPath = m_dir.filePath(desks.first());
    openWindow(deskPath, QStringLiteral("Supervisor Li"));
    options.server = server->url();
    options.user = QStringLiteral("zhao");
    options.password = "zhao-password";
    options.caCertificates = *Sync::readCaFile(server->certificatePath());
    QSignalSpy rounds(m_sync->deskSync(), &DeskSync::roundFinished);
    m_sync->deskSync()->connectToServer(deskPath, options);
    QVERIFY(rounds.wait(180'000));
}

void TestSyncControls::statusWithoutServer()
{
    const QString path = m_dir.filePath(QStringLiteral("offline.gpkg"));
    const auto made = Test::makeDeskWorkspace(path);
    QVERIFY2(made.has_value(), Test::why(made).constData());
    openWindow(path, QStringLiteral("Wang Fang"));
    QVERIFY(m_window->statusBar()->isAncestorOf(m_sync->statusArea()));
    QCOMPARE(shown("syncConnection"), QStringLiteral("Offline — 0 queued"));
    QCOMPARE(shown("syncCounts"), QStringLiteral("0 sent · 0 applied · 0 rejected"));
    QCOMPARE(shown("syncLast"), QStringLiteral("Not synced yet"));
    QVERIFY(m_sync->connectAction()->isEnabled());

    // A case reported at the desk waits in the outbox.
    m_window->caseActions()->reportAction()->trigger();
    ReportDialog *report = m_desk->reportDialog();
    QVERIFY(report);
    auto *category = child<QComboBox>(report, "category");
    category->setCurrentIndex(category->findData(QStringLiteral("noise")));
    child<QLineEdit>(report, "address")->setText(QStringLiteral("Section 1, Muzha Road"));
    QTest::mouseClick(child<QPushButton>(report, "submit"), Qt::LeftButton);
    QVERIFY(!m_desk->reportDialog());
    QCOMPARE(shown("syncConnection"), QStringLiteral("Offline — 1 queued"));
}

void TestSyncControls::rejectedCommandsAreRedoneOrDiscarded()
{
    const QString path = m_dir.filePath(QStringLiteral("rejected.gpkg"));
    const auto made = Test::makeDeskWorkspace(path);
    QVERIFY2(made.has_value(), Test::why(made).constData());
    // Two cases the desk found in the workspace: one registered, one still to register.
    const QDateTime now = QDateTime::currentDateTime();
    qint64 promised = 0;
    qint64 toRegister = 0;
    {
        auto other = Test::OutboxDesk::open(path);
        QVERIFY2(other.has_value(), Test::why(other).constData());
        other->book->setJournal(nullptr);
        const auto first =
            other->report(QStringLiteral("H-1"), QStringLiteral("Wu Tao"), now.addSecs(-3600));
        const auto second =
            other->report(QStringLiteral("H-2"), QStringLiteral("Wu Tao"), now.addSecs(-3000));
        QVERIFY(first && second);
        promised = *first;
        toRegister = *second;
        QVERIFY(other->book
                    ->act(promised,
                        Test::OutboxDesk::request(
                            CaseAction::Register, QStringLiteral("Wu Tao"), now.addSecs(-2400)))
                    .has_value());
    }
    openWindow(path, QStringLiteral("Wang Fang"));
    act(promised, CaseAction::Promise);
    act(toRegister, CaseAction::Register);
    QCOMPARE(shown("syncConnection"), QStringLiteral("Offline — 2 queued"));

    // The server's answers, written through a connection of their own as the sync writes them:
    // both cases had changed there meanwhile.
    {
        auto answers = Test::OutboxDesk::open(path);
        QVERIFY2(answers.has_value(), Test::why(answers).constData());
        for (qint64 caseId : {promised, toRegister}) {
            const auto entry = answers->newestEntryOf(caseId);
            QVERIFY2(entry.has_value(), Test::why(entry).constData());
            QVERIFY(answers->rejectAsConflict(*entry).has_value());
        }
    }
    // A click on the counts shows the rejected commands.
    QTest::mouseClick(m_sync->statusArea()->findChild<QToolButton *>(QStringLiteral("syncCounts")),
        Qt::LeftButton);
    QVERIFY(m_sync->rejectedDock()->isVisible());
    QCOMPARE(shown("syncConnection"), QStringLiteral("Offline — 0 queued"));
    QCOMPARE(shown("syncCounts"), QStringLiteral("0 sent · 0 applied · 2 rejected"));
    RejectedCommandsView *view = m_sync->rejectedView();
    QCOMPARE(view->model()->rowCount(), 2);
    QCOMPARE(cell(0, Column::Case), QStringLiteral("%1 (hotline H-1)").arg(promised));
    QCOMPARE(cell(0, Column::Action), QStringLiteral("Promise a date"));
    QCOMPARE(cell(0, Column::MadeBy), QStringLiteral("Wang Fang"));
    QCOMPARE(cell(1, Column::Action), QStringLiteral("Register"));
    QCOMPARE(cell(1, Column::Refusal), QStringLiteral("the case changed meanwhile (conflict)"));
    QVERIFY(cell(1, Column::Reason).startsWith(QLatin1String("Case H-2 is at version 2")));

    // Only the person who made a command, a supervisor or a leader settles it.
    runAs(QStringLiteral("Li Lei"));
    QVERIFY(!viewButton("redo")->isEnabled());
    QVERIFY(!viewButton("discard")->isEnabled());
    runAs(QStringLiteral("Wang Fang"));
    QVERIFY(m_window->statusBar()->currentMessage().contains(
        QLatin1String("The server rejected 2 of your actions")));

    // The case was registered here already: registering again is refused, and said so.
    QVERIFY(view->selectEntry(view->model()->entries().at(1).id));
    QVERIFY(viewButton("redo")->isEnabled());
    QTest::mouseClick(viewButton("redo"), Qt::LeftButton);
    auto *message = view->findChild<QLabel *>(QStringLiteral("message"));
    QVERIFY(message->isVisible());
    QVERIFY2(!message->text().isEmpty(), "the refusal is shown");
    QCOMPARE(view->model()->rowCount(), 2);

    // The promise is made again on the case as it is now, and waits to go out.
    const int before = m_desk->caseBook()->file(promised)->version();
    QVERIFY(view->selectEntry(view->model()->entries().at(0).id));
    QTest::mouseClick(viewButton("redo"), Qt::LeftButton);
    QVERIFY2(message->text().startsWith(QLatin1String("Promise a date made again on case")),
        qPrintable(message->text()));
    QCOMPARE(m_desk->caseBook()->file(promised)->version(), before + 1);
    QCOMPARE(view->model()->rowCount(), 1);
    QCOMPARE(shown("syncConnection"), QStringLiteral("Offline — 1 queued"));
    QCOMPARE(shown("syncCounts"), QStringLiteral("0 sent · 0 applied · 1 rejected"));

    // A supervisor sets the other aside for Wang Fang.
    runAs(QStringLiteral("Zhao Min"));
    QVERIFY(view->selectEntry(view->model()->entries().at(0).id));
    QVERIFY(viewButton("discard")->isEnabled());
    QTest::mouseClick(viewButton("discard"), Qt::LeftButton);
    QCOMPARE(view->model()->rowCount(), 0);
    QCOMPARE(shown("syncCounts"), QStringLiteral("0 sent · 0 applied · 0 rejected"));

    // Nothing was dropped: the outbox keeps what became of each command.
    const auto entries = m_desk->outbox()->entries();
    QVERIFY(entries.has_value());
    QList<Sync::OutboxState> states;
    for (const Sync::OutboxEntry &entry : *entries)
        states << entry.state;
    QCOMPARE(states,
        QList<Sync::OutboxState>(
            {Sync::OutboxState::Redone, Sync::OutboxState::Discarded, Sync::OutboxState::Queued}));
}

void TestSyncControls::syncsWithTheServer()
{
    // One New York sample: the server's store, this desk and another desk start from it.
    const QString base = m_dir.filePath(QStringLiteral("nyc.gpkg"));
    const auto made = Test::makeNewYorkWorkspace(base);
    QVERIFY2(made.has_value(), Test::why(made).constData());
    const QString store = m_dir.filePath(QStringLiteral("store.gpkg"));
    const QString deskPath = m_dir.filePath(QStringLiteral("chen.gpkg"));
    const QString otherPath = m_dir.filePath(QStringLiteral("wu.gpkg"));
    for (const QString &copy : {store, deskPath, otherPath})
        QVERIFY(Test::copyWorkspace(base, copy));
    Test::TestServer server(m_dir.path());
    for (const auto &done : {server.makeCertificate(),
             server.addUser(store, QStringLiteral("chen"), QStringLiteral("operator"),
                 QStringLiteral("city"), "chen-password"),
             server.addUser(store, QStringLiteral("wu"), QStringLiteral("operator"),
                 QStringLiteral("city"), "wu-password"),
             server.start(store)})
        QVERIFY2(done.has_value(), Test::why(done).constData());

    openWindow(deskPath, QStringLiteral("Operator Chen"));
    QCOMPARE(shown("syncConnection"), QStringLiteral("Offline — 0 queued"));

    // Through the dialog, a wrong password is said there, and the dialog stays for another try.
    m_sync->connectAction()->trigger();
    ConnectDialog *dialog = m_sync->connectDialog();
    QVERIFY(dialog && dialog->isVisible());
    child<QLineEdit>(dialog, "server")->setText(server.url().toString());
    child<QLineEdit>(dialog, "user")->setText(QStringLiteral("chen"));
    child<QLineEdit>(dialog, "password")->setText(QStringLiteral("chen-guess"));
    child<QLineEdit>(dialog, "caFile")->setText(server.certificatePath());
    QTest::mouseClick(child<QPushButton>(dialog, "connect"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(
        child<QLabel>(dialog, "message")->text().contains(QLatin1String("HTTP 401")), 60'000);
    QVERIFY(dialog->isVisible());
    QCOMPARE(shown("syncConnection"), QStringLiteral("Offline — 0 queued"));
    dialog->reject();
    QTRY_VERIFY(!m_sync->connectDialog());

    DeskSync *sync = m_sync->deskSync();
    // Rounds come after actions only, without waiting on the feed, so that the other desk's
    // action below stays unseen here until this desk acts.
    sync->setTiming(
        {.intervalMs = 600'000, .firstRetryMs = 1'000, .maxRetryMs = 4'000, .waitSeconds = 0});
    Sync::ClientOptions options;
    options.server = server.url();
    options.user = QStringLiteral("chen");
    options.password = "chen-password";
    options.caCertificates = *Sync::readCaFile(server.certificatePath());
    QSignalSpy rounds(sync, &DeskSync::roundFinished);
    sync->connectToServer(deskPath, options);
    QTRY_COMPARE(shown("syncConnection"),
        QStringLiteral("Connected to 127.0.0.1:%1 — 0 queued").arg(server.port()));
    QVERIFY(rounds.wait(180'000));
    QVERIFY(shown("syncLast").startsWith(QLatin1String("Last sync ")));

    // A case reported at the desk reaches the server.
    m_window->caseActions()->reportAction()->trigger();
    ReportDialog *report = m_desk->reportDialog();
    QVERIFY(report);
    auto *category = child<QComboBox>(report, "category");
    category->setCurrentIndex(0);
    child<QLineEdit>(report, "description")->setText(QStringLiteral("Hydrant leaking"));
    child<QLineEdit>(report, "address")->setText(QStringLiteral("120 Broadway, Manhattan"));
    QTest::mouseClick(child<QPushButton>(report, "submit"), Qt::LeftButton);
    QVERIFY(!m_desk->reportDialog());
    const qint64 reported = m_desk->currentCaseId().value_or(0);
    QVERIFY(reported > 0);
    const auto record = m_desk->caseBook()->record(reported);
    QVERIFY(record.has_value());
    const Sync::CaseKey key {record->source, record->externalId};
    QTRY_COMPARE_WITH_TIMEOUT(
        shown("syncCounts"), QStringLiteral("0 sent · 1 applied · 0 rejected"), 60'000);

    // Another desk takes the case in and registers it first.
    {
        auto other = Test::OutboxDesk::open(otherPath);
        QVERIFY2(other.has_value(), Test::why(other).constData());
        Sync::ClientOptions wu = options;
        wu.user = QStringLiteral("wu");
        wu.password = "wu-password";
        Sync::SyncClient client(wu);
        const auto pulled = Sync::syncOnce(*other->book, *other->outbox, client);
        QVERIFY2(pulled.has_value(), Test::why(pulled).constData());
        const auto theirs = Sync::caseIdOf(*other->workspace, key);
        QVERIFY(theirs && *theirs);
        QVERIFY(other->book
                    ->act(**theirs,
                        Test::OutboxDesk::request(CaseAction::Register,
                            QStringLiteral("Operator Wu"), QDateTime::currentDateTime()))
                    .has_value());
        const auto pushed = Sync::syncOnce(*other->book, *other->outbox, client);
        QVERIFY2(pushed.has_value(), Test::why(pushed).constData());
        QCOMPARE(pushed->applied, 1);
    }

    // This desk, not knowing, closes it on the spot: the server refuses, and says why.
    act(reported, CaseAction::CloseImmediately, [](ActionDialog *dialog) {
        child<QPlainTextEdit>(dialog, "result")->setPlainText(QStringLiteral("Valve closed."));
    });
    QTRY_COMPARE_WITH_TIMEOUT(
        shown("syncCounts"), QStringLiteral("0 sent · 1 applied · 1 rejected"), 60'000);
    QVERIFY2(m_window->statusBar()->currentMessage().contains(
                 QLatin1String("The server rejected 1 of your actions")),
        qPrintable(m_window->statusBar()->currentMessage()));
    // The desk shows the case as the server has it now.
    QCOMPARE(m_desk->caseBook()->record(reported)->state, QStringLiteral("registered"));
    QCOMPARE(queuedState(reported), QStringLiteral("registered"));

    QTest::mouseClick(m_sync->statusArea()->findChild<QToolButton *>(QStringLiteral("syncCounts")),
        Qt::LeftButton);
    QVERIFY(m_sync->rejectedDock()->isVisible());
    QTRY_VERIFY(m_sync->rejectedDock()->height() < 250);
    RejectedCommandsView *view = m_sync->rejectedView();
    QCOMPARE(view->model()->rowCount(), 1);
    QCOMPARE(cell(0, Column::Action), QStringLiteral("Close as handled on the spot"));
    QCOMPARE(cell(0, Column::MadeBy), QStringLiteral("Operator Chen"));
    QCOMPARE(cell(0, Column::Refusal), QStringLiteral("the case changed meanwhile (conflict)"));
    QVERIFY(!cell(0, Column::Reason).isEmpty());
    saveScreenshot(QStringLiteral("desk-sync.png"));

    // Redone on the registered case, it is applied.
    QTest::mouseClick(viewButton("redo"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(
        shown("syncCounts"), QStringLiteral("0 sent · 2 applied · 0 rejected"), 60'000);
    QCOMPARE(queuedState(reported), QStringLiteral("closed"));
    {
        auto other = Test::OutboxDesk::open(otherPath);
        QVERIFY2(other.has_value(), Test::why(other).constData());
        Sync::ClientOptions wu = options;
        wu.user = QStringLiteral("wu");
        wu.password = "wu-password";
        Sync::SyncClient client(wu);
        QVERIFY(Sync::syncOnce(*other->book, *other->outbox, client).has_value());
        const auto theirs = Sync::caseIdOf(*other->workspace, key);
        QVERIFY(theirs && *theirs);
        QCOMPARE(other->book->record(**theirs)->state, QStringLiteral("closed"));
    }
}

void TestSyncControls::publishingAGridEditionGoesThroughTheServer()
{
    const QString store = m_dir.filePath(QStringLiteral("editions-store.gpkg"));
    std::unique_ptr<Test::TestServer> server;
    Sync::ClientOptions options;
    connectSupervisor(
        QStringLiteral("editions"), store, {QStringLiteral("zhao.gpkg")}, server, options);
    if (QTest::currentTestFailed())
        return;
    DeskSync *sync = m_sync->deskSync();

    // The supervisor edits a grid and publishes: the draft goes to the server.
    GridEditor *editor = m_window->gridEditor();
    m_window->findChild<QAction *>(QStringLiteral("editGridsAction"))->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(editor->isEditing(), 20'000);
    const QString code = QStringLiteral("101");
    editor->session()->setSelection({code});
    editor->attributesPanel()->supervisorEdit()->setText(QStringLiteral("Supervisor Li"));
    QVERIFY(editor->attributesPanel()->apply());
    QSignalSpy taken(m_sync, &SyncControls::gridEditionsTaken);
    QSignalSpy loaded(m_window.get(), &MainWindow::workspaceLoaded);
    editor->publishAction()->trigger();
    QVERIFY(editor->publishDialog());
    editor->publishDialog()->noteEdit()->setPlainText(QStringLiteral("Supervisor for 101"));
    QSignalSpy sent(editor, &GridEditor::editionSent);
    editor->publishDialog()->publishButton()->click();
    QCOMPARE(sent.size(), 1);
    QVERIFY2(m_window->statusBar()->currentMessage().contains(QLatin1String("went to the server")),
        qPrintable(m_window->statusBar()->currentMessage()));

    // The server publishes it; it comes back, and the map is read again with it.
    QVERIFY(taken.wait(60'000));
    QVERIFY(loaded.wait(60'000));
    QVERIFY2(
        m_window->statusBar()->currentMessage().contains(QLatin1String("came from the server")),
        qPrintable(m_window->statusBar()->currentMessage()));
    QTRY_VERIFY_WITH_TIMEOUT(editor->isEditing(), 20'000);
    QCOMPARE(editor->session()->grid(code)->supervisor, QStringLiteral("Supervisor Li"));
    QVERIFY(!editor->session()->hasDraftEdits());
    const auto editions = editor->session()->editions();
    QVERIFY2(editions, Test::why(editions));
    QCOMPARE(editions->last().number, 2);
    QCOMPARE(editions->last().note, QStringLiteral("Supervisor for 101"));
    {
        auto atServer = Workspace::open(store);
        QVERIFY(atServer.has_value());
        QCOMPARE(
            GridEditions::list(**atServer)->last().publishedBy, QStringLiteral("Supervisor Li"));
    }
    QVERIFY(
        m_window->grab().save(QDir::temp().filePath(QStringLiteral("griddesk-edition-sync.png"))));
    sync->disconnectFromServer();
}

void TestSyncControls::orgChartChangesGoThroughTheServer()
{
    const QString store = m_dir.filePath(QStringLiteral("org-store.gpkg"));
    const QString otherPath = m_dir.filePath(QStringLiteral("org-other.gpkg"));
    std::unique_ptr<Test::TestServer> server;
    Sync::ClientOptions options;
    connectSupervisor(QStringLiteral("org"), store,
        {QStringLiteral("org-desk.gpkg"), QStringLiteral("org-other.gpkg")}, server, options);
    if (QTest::currentTestFailed())
        return;
    DeskSync *sync = m_sync->deskSync();
    QSignalSpy rounds(sync, &DeskSync::roundFinished);

    // The supervisor adds a street office in the org chart editor and saves: it goes out.
    m_window->openOrgEditor();
    OrgEditor *editor = m_window->orgEditor();
    QVERIFY(editor);
    QVERIFY(editor->addUnit(QStringLiteral("101"), UnitKind::Tier, QStringLiteral("10101"),
        QStringLiteral("Battery Park office")));
    rounds.clear();
    QVERIFY(editor->save());
    QVERIFY(rounds.wait(60'000));
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            auto atServer = Workspace::open(store);
            auto chart = atServer ? OrgChart::load(**atServer) : std::unexpected(atServer.error());
            return chart && chart->unit(QStringLiteral("10101"));
        }(),
        30'000);

    // Another desk renames the office through the server; this desk takes the chart in, and
    // its open editor and its units follow.
    {
        auto other = Test::OutboxDesk::open(otherPath);
        QVERIFY2(other.has_value(), Test::why(other).constData());
        QVERIFY(other->outbox->setServer(server->url()).has_value());
        Sync::SyncClient client(options);
        QVERIFY(Sync::syncOnce(*other->book, *other->outbox, client).has_value());
        auto chart = OrgChart::load(*other->workspace);
        QVERIFY(chart->unit(QStringLiteral("10101")));
        ChartUnit renamed = *chart->unit(QStringLiteral("10101"));
        renamed.name = QStringLiteral("Battery Park and Wall Street office");
        QVERIFY(chart->putUnit(renamed, true).has_value());
        QVERIFY(*Sync::saveOrgChart(*other->workspace, *chart, QStringLiteral("Supervisor Li")));
        auto sent = Sync::syncOnce(*other->book, *other->outbox, client);
        QVERIFY2(sent.has_value(), Test::why(sent).constData());
        QCOMPARE(sent->applied, 1);
    }
    QSignalSpy taken(m_sync, &SyncControls::orgChartTaken);
    sync->syncNow();
    QVERIFY(taken.wait(60'000));
    QVERIFY2(m_window->statusBar()->currentMessage().contains(QLatin1String("org chart came")),
        qPrintable(m_window->statusBar()->currentMessage()));
    QTRY_COMPARE(editor->document()->chart().unit(QStringLiteral("10101"))->name,
        QStringLiteral("Battery Park and Wall Street office"));
    editor->resize(1300, 800);
    QVERIFY(editor->grab().save(QDir::temp().filePath(QStringLiteral("griddesk-org-sync.png"))));
    sync->disconnectFromServer();
}

GRIDDESK_TEST_MAIN(TestSyncControls, QApplication)
#include "tst_synccontrols.moc"
