// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "commandpalette.h"
#include "deskaids.h"

#include "deskaidsfixture.h"
#include "support/testsupport.h"

#include "cases/casequeuewidget.h"
#include "mapview/mapcanvas.h"
#include "storage/workspace.h"
#include "workflow/casebook.h"

#include <QAction>
#include <QApplication>
#include <QLineEdit>
#include <QMenuBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace GridDesk;

class TestCommandPalette : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void opensWithCtrlKAndClosesWithEsc();
    void wordsMatchInAnyOrder();
    void enterTriggersTheAction();
    void disabledActionsAreNotOffered();
    void picksUpActionsAddedLater();
    void opensACaseByNumber();
    void goesToAGrid();

private:
    CommandPalette *palette() const { return m_window->deskAids()->palette(); }
    void type(const QString &text);
    /// A case another program reported with the hotline number externalId; its id.
    qint64 reportElsewhere(const QString &externalId);

    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
};

void TestCommandPalette::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("GridDeskTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_commandpalette"));
    QVERIFY(m_dir.isValid());
}

void TestCommandPalette::init()
{
    QSettings().clear();
    static int workspaces = 0;
    m_window =
        Test::openDeskWindow(m_dir.filePath(QStringLiteral("palette-%1.gpkg").arg(++workspaces)));
    QVERIFY(m_window);
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
}

void TestCommandPalette::cleanup()
{
    m_window.reset();
}

void TestCommandPalette::type(const QString &text)
{
    palette()->filterEdit()->clear();
    QTest::keyClicks(palette()->filterEdit(), text);
}

qint64 TestCommandPalette::reportElsewhere(const QString &externalId)
{
    auto other = Workspace::open(m_window->workspacePath());
    if (!other)
        return 0;
    auto setup = WorkflowSetup::load(**other);
    if (!setup)
        return 0;
    CaseBook book(**other, *setup);
    ActionRequest request;
    request.actor = QStringLiteral("Wu Tao");
    request.role = Role::Operator;
    request.at = CaseTime::naive(QDate(2026, 3, 4), QTime(9, 0));
    CaseRecord record;
    record.source = QStringLiteral("hotline");
    record.externalId = externalId;
    record.category = QStringLiteral("noise");
    record.created = request.at;
    if (!book.report(record, request))
        return 0;
    m_window->caseDesk()->takeInOtherChanges();
    return record.id;
}

void TestCommandPalette::opensWithCtrlKAndClosesWithEsc()
{
    QTest::keyClick(m_window.get(), Qt::Key_K, Qt::ControlModifier);
    QTRY_VERIFY(palette()->isVisible());
    QTRY_COMPARE(QApplication::focusWidget(), palette()->filterEdit());
    // Every entry names where the action is in the menus, and its keys when it has some.
    type(QStringLiteral("full extent"));
    QVERIFY(palette()->list()->count() >= 1);
    const QString line = palette()->list()->item(0)->text();
    QVERIFY2(line.contains(QLatin1String("View")), qPrintable(line));
    QVERIFY2(line.contains(QKeySequence(Qt::CTRL | Qt::Key_0).toString(QKeySequence::NativeText)),
        qPrintable(line));

    QTest::keyClick(palette()->filterEdit(), Qt::Key_Escape);
    QTRY_VERIFY(!palette()->isVisible());
}

void TestCommandPalette::wordsMatchInAnyOrder()
{
    m_window->deskAids()->openCommandPalette();
    type(QStringLiteral("zoom full"));
    const QStringList forwards = palette()->shownTexts();
    type(QStringLiteral("FULL zoom"));
    QCOMPARE(palette()->shownTexts(), forwards);
    QVERIFY(forwards.contains(QStringLiteral("Zoom to full extent")));
    QVERIFY(!forwards.contains(QStringLiteral("Zoom to selection")));
    // The menu path counts too: "sync" finds what the Sync menu holds.
    type(QStringLiteral("sync connect"));
    QVERIFY2(palette()->shownTexts().contains(QStringLiteral("Connect to server")),
        qPrintable(palette()->shownTexts().join(u'|')));
    type(QStringLiteral("no such command anywhere"));
    QCOMPARE(palette()->list()->count(), 0);
    QVERIFY(!palette()->triggerCurrent());
}

void TestCommandPalette::enterTriggersTheAction()
{
    CaseQueueWidget *queue = m_window->caseQueue();
    QVERIFY(queue->queueView() != QueueView::Overdue);
    m_window->deskAids()->openCommandPalette();
    type(QStringLiteral("overdue queue"));
    QVERIFY2(palette()->shownTexts().value(0).contains(QLatin1String("Overdue")),
        qPrintable(palette()->shownTexts().join(u'|')));
    QTest::keyClick(palette()->filterEdit(), Qt::Key_Return);
    QVERIFY(!palette()->isVisible());
    QTRY_COMPARE(queue->queueView(), QueueView::Overdue);

    // Down moves to the next entry; Enter runs that one.
    m_window->deskAids()->openCommandPalette();
    type(QStringLiteral("queue"));
    const QStringList shown = palette()->shownTexts();
    const int all = int(shown.indexOf(QStringLiteral("All cases")));
    QVERIFY2(all > 0, qPrintable(shown.join(u'|')));
    for (int step = 0; step < all; ++step)
        QTest::keyClick(palette()->filterEdit(), Qt::Key_Down);
    QTest::keyClick(palette()->filterEdit(), Qt::Key_Enter);
    QTRY_COMPARE(queue->queueView(), QueueView::All);
}

void TestCommandPalette::disabledActionsAreNotOffered()
{
    // No case is chosen: the loop's actions are disabled, reporting is not.
    m_window->deskAids()->openCommandPalette();
    type(QStringLiteral("case"));
    const QStringList shown = palette()->shownTexts();
    QVERIFY2(shown.contains(QStringLiteral("Report a case")), qPrintable(shown.join(u'|')));
    QVERIFY(!shown.contains(QStringLiteral("Register")));
    QVERIFY(m_window->caseActions()->reportAction()->isEnabled());
    QVERIFY(!m_window->caseActions()->action(CaseAction::Register)->isEnabled());
    // Nor the palette itself.
    type(QStringLiteral("palette"));
    QVERIFY(!palette()->shownTexts().contains(QStringLiteral("Command palette")));
}

void TestCommandPalette::picksUpActionsAddedLater()
{
    // Another part of the window adds a menu after the palette was made.
    QMenu *menu = m_window->menuBar()->addMenu(QStringLiteral("&Window"));
    QAction *added = menu->addAction(QStringLiteral("Tile the case windows"));
    QSignalSpy triggered(added, &QAction::triggered);
    m_window->deskAids()->openCommandPalette();
    type(QStringLiteral("tile window"));
    QCOMPARE(palette()->shownTexts(), QStringList {QStringLiteral("Tile the case windows")});
    QTest::keyClick(palette()->filterEdit(), Qt::Key_Return);
    QTRY_COMPARE(triggered.size(), 1);
}

void TestCommandPalette::opensACaseByNumber()
{
    const qint64 id = reportElsewhere(QStringLiteral("H-77"));
    QVERIFY(id > 0);
    m_window->deskAids()->openCommandPalette();
    type(QStringLiteral("case H-77"));
    QVERIFY2(palette()->shownTexts().value(0).startsWith(QLatin1String("Open case H-77")),
        qPrintable(palette()->shownTexts().join(u'|')));
    QTest::keyClick(palette()->filterEdit(), Qt::Key_Return);
    QTRY_COMPARE(m_window->caseDesk()->currentCaseId(), std::optional<qint64>(id));
    QCOMPARE(m_window->caseQueue()->currentCaseId(), std::optional<qint64>(id));

    // By the workspace's own number too; a number no case has offers nothing to open.
    m_window->deskAids()->openCommandPalette();
    type(QStringLiteral("case %1").arg(id));
    QVERIFY(palette()->shownTexts().value(0).startsWith(QLatin1String("Open case")));
    type(QStringLiteral("case 987654"));
    QVERIFY(!palette()->shownTexts().value(0).startsWith(QLatin1String("Open case")));
}

void TestCommandPalette::goesToAGrid()
{
    const MapScene::GridShape &village = m_window->mapCanvas()->scene()->grids().back();
    m_window->deskAids()->openCommandPalette();
    type(QStringLiteral("grid %1").arg(village.code));
    QVERIFY2(palette()->shownTexts().value(0).contains(village.code),
        qPrintable(palette()->shownTexts().join(u'|')));
    QTest::keyClick(palette()->filterEdit(), Qt::Key_Return);
    QTRY_COMPARE(m_window->mapCanvas()->selectedGridCode(), village.code);
    // The queue is narrowed to the grid, as a click on the map does.
    auto *clearGrid =
        m_window->caseQueue()->findChild<QWidget *>(QStringLiteral("clearGridFilter"));
    QVERIFY(clearGrid);
    QTRY_VERIFY(clearGrid->isVisible());
}

GRIDDESK_TEST_MAIN(TestCommandPalette, QApplication)

#include "tst_commandpalette.moc"
