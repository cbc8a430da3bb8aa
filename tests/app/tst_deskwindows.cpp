// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "deskwindows.h"
#include "layoutsdialog.h"
#include "mainwindow.h"

#include "support/testsupport.h"

#include "casedesk.h"

#include "cases/casedetailpanel.h"
#include "cases/casequeuewidget.h"
#include "cases/casetablemodel.h"
#include "cases/runasdialog.h"
#include "evaluationview/evaluationdashboard.h"
#include "mapview/mapcanvas.h"
#include "orgedit/orgeditor.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QLineEdit>
#include <QListWidget>
#include <QScreen>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeView>

using namespace GridDesk;

namespace {

/// The two monitors of tests/app/twoscreens.json.
const auto LEFT = QStringLiteral("DESK-1");
const auto RIGHT = QStringLiteral("DESK-2");

bool sameExtent(const BoundingBox &a, const BoundingBox &b)
{
    const double tolerance = 1e-7;
    return std::abs(a.west - b.west) < tolerance && std::abs(a.south - b.south) < tolerance
        && std::abs(a.east - b.east) < tolerance && std::abs(a.north - b.north) < tolerance;
}

QString describe(const BoundingBox &box)
{
    return QStringLiteral("%1 %2 %3 %4")
        .arg(box.west, 0, 'f', 7)
        .arg(box.south, 0, 'f', 7)
        .arg(box.east, 0, 'f', 7)
        .arg(box.north, 0, 'f', 7);
}

/// Whether window lies wholly inside the usable part of the monitor it is on.
bool insideItsScreen(const QWidget *window)
{
    const QScreen *screen = window->screen();
    return screen && screen->availableGeometry().contains(window->geometry());
}

} // namespace

class TestDeskWindows : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void panelMovesToItsOwnWindowAndBack();
    void mainMapMovesToItsOwnWindow();
    void orgChartDocksAndUndocks();
    void furtherMapKeepsItsOwnExtent();
    void caseOnFurtherMapSelectsItInTheQueue();
    void layoutIsSavedAndRestored();
    void layoutOfMissingMonitorComesBackInside();
    void lastSessionComesBack();
    void maximisedWindowComesBackMaximisedOnItsMonitor();
    void layoutsAreRenamedDeletedAndSwitchedByKey();

private:
    void openDesk();
    DeskWindows *windows() const { return m_window->deskWindows(); }
    QAction *action(const char *name) const
    {
        return m_window->findChild<QAction *>(QString::fromLatin1(name));
    }

    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
};

void TestDeskWindows::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("GridDeskTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_deskwindows"));
    QSettings().clear();
    QVERIFY(m_dir.isValid());
    const QStringList names = [] {
        QStringList found;
        for (const QScreen *screen : QGuiApplication::screens())
            found << screen->name();
        return found;
    }();
    QVERIFY2(names.contains(LEFT) && names.contains(RIGHT),
        qPrintable(QStringLiteral("The test runs on two offscreen monitors (twoscreens.json); "
                                  "Qt has %1")
                       .arg(names.join(QLatin1String(", ")))));
}

void TestDeskWindows::openDesk()
{
    m_window = std::make_unique<MainWindow>(QDir(Test::mapsPath()));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));

    QSignalSpy loaded(m_window.get(), &MainWindow::workspaceLoaded);
    QSignalSpy failed(m_window.get(), &MainWindow::workspaceFailed);
    m_window->openWorkspace(m_dir.filePath(QStringLiteral("nyc.gpkg")), QStringLiteral("nyc"));
    QTRY_VERIFY_WITH_TIMEOUT(loaded.size() + failed.size() > 0, 300000);
    QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).toString()));
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->mapCanvas()->image().isNull(), 20000);
    // The desk asks whom it runs as, in a dialog that would hold the main window's keys.
    QTest::qWaitFor([this] { return m_window->caseDesk()->runAsDialog() != nullptr; }, 2000);
    if (QDialog *dialog = m_window->caseDesk()->runAsDialog())
        dialog->reject();
}

void TestDeskWindows::init()
{
    QSettings().remove(QStringLiteral("windowLayouts"));
    openDesk();
    m_window->setGeometry(40, 40, 1200, 800);
}

void TestDeskWindows::cleanup()
{
    m_window.reset();
}

void TestDeskWindows::panelMovesToItsOwnWindowAndBack()
{
    QDockWidget *dock = m_window->caseQueueDock();
    windows()->setPlace(DeskWindows::CASE_QUEUE, PanelPlace::Window);
    QWidget *window = windows()->panelWindow(DeskWindows::CASE_QUEUE);
    QVERIFY(window && window->isWindow() && window->isVisible());
    QVERIFY(!window->parentWidget()); // a window of its own, with its own task-bar entry
    QCOMPARE(m_window->caseQueue()->window(), window);
    QVERIFY(dock->isHidden());
    QVERIFY2(window->windowTitle().startsWith(QStringLiteral("Case queue — ")),
        qPrintable(window->windowTitle()));
    QCOMPARE(windows()->place(DeskWindows::CASE_QUEUE), PanelPlace::Window);
    // The desk's keys work in it.
    QVERIFY(window->actions().contains(action("newMapWindowAction")));
    QVERIFY(window->actions().contains(action("saveLayoutAction")));

    // Asking for the dock (View menu, Find in queue) brings the window to the front instead.
    dock->show();
    QTRY_VERIFY(dock->isHidden());
    QCOMPARE(windows()->place(DeskWindows::CASE_QUEUE), PanelPlace::Window);

    // Closing the window hands the queue back to the main window, to be shown from the menu.
    QVERIFY(window->close());
    QCOMPARE(windows()->place(DeskWindows::CASE_QUEUE), PanelPlace::Hidden);
    QCOMPARE(dock->widget(), m_window->caseQueue());
    action("caseQueueDockedAction")->trigger();
    QVERIFY(!dock->isHidden());
    QCOMPARE(m_window->caseQueue()->window(), m_window.get());
    QCOMPARE(windows()->place(DeskWindows::CASE_QUEUE), PanelPlace::Docked);

    action("caseDetailToggleWindowAction")->trigger();
    QCOMPARE(windows()->place(DeskWindows::CASE_DETAIL), PanelPlace::Window);
    QCOMPARE(m_window->caseDetail()->window(), windows()->panelWindow(DeskWindows::CASE_DETAIL));
    action("caseDetailToggleWindowAction")->trigger();
    QCOMPARE(windows()->place(DeskWindows::CASE_DETAIL), PanelPlace::Docked);
}

void TestDeskWindows::mainMapMovesToItsOwnWindow()
{
    MapCanvas *map = m_window->mapCanvas();
    action("mapWindowAction")->trigger();
    QVERIFY(!m_window->centralWidget());
    QCOMPARE(map->window(), windows()->panelWindow(DeskWindows::MAP));
    QTRY_VERIFY(map->isVisible());
    // The main map's window closes back into the middle of the main window.
    QVERIFY(windows()->panelWindow(DeskWindows::MAP)->close());
    QCOMPARE(m_window->centralWidget(), map);
    QCOMPARE(windows()->place(DeskWindows::MAP), PanelPlace::Docked);
}

void TestDeskWindows::orgChartDocksAndUndocks()
{
    windows()->setPlace(DeskWindows::ORG_CHART, PanelPlace::Docked);
    QPointer<OrgEditor> editor = m_window->orgEditor();
    QVERIFY(editor);
    QCOMPARE(editor->window(), m_window.get());
    QCOMPARE(windows()->place(DeskWindows::ORG_CHART), PanelPlace::Docked);

    // Docked, Ctrl+F finds in the org chart while it has the focus, and in the queue otherwise.
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    auto *tree = editor->findChild<QTreeView *>();
    QVERIFY(tree);
    tree->setFocus();
    QTest::keyClick(tree, Qt::Key_F, Qt::ControlModifier);
    auto *search = qobject_cast<QLineEdit *>(QApplication::focusWidget());
    QVERIFY2(search && editor->isAncestorOf(search),
        qPrintable(QApplication::focusWidget() ? QApplication::focusWidget()->objectName()
                                               : QStringLiteral("nothing")));
    m_window->caseQueue()->view()->setFocus();
    QTest::keyClick(m_window->caseQueue()->view(), Qt::Key_F, Qt::ControlModifier);
    QCOMPARE(QApplication::focusWidget(), m_window->caseQueue()->filterEdit());

    windows()->setPlace(DeskWindows::ORG_CHART, PanelPlace::Window);
    QCOMPARE(m_window->orgEditor(), editor.data()); // the same editor, moved
    QCOMPARE(editor->window(), windows()->panelWindow(DeskWindows::ORG_CHART));
    QVERIFY(editor->isVisible());

    // Opening it again from its menu raises it where it is.
    m_window->orgChartAction()->trigger();
    QCOMPARE(m_window->orgEditor(), editor.data());
    QCOMPARE(windows()->place(DeskWindows::ORG_CHART), PanelPlace::Window);

    QVERIFY(windows()->panelWindow(DeskWindows::ORG_CHART)->close());
    QTRY_VERIFY(!editor);
    QCOMPARE(windows()->place(DeskWindows::ORG_CHART), PanelPlace::Hidden);
}

void TestDeskWindows::furtherMapKeepsItsOwnExtent()
{
    MapCanvas *main = m_window->mapCanvas();
    const QString key = windows()->newMapWindow();
    QCOMPARE(key, QStringLiteral("map2"));
    QWidget *window = windows()->panelWindow(key);
    QVERIFY(window && window->isVisible());
    QCOMPARE(window->screen()->name(), RIGHT); // the monitor the main window is not on
    MapCanvas *further = windows()->mapCanvas(key);
    // The loaded workspace, shared and not read again.
    QCOMPARE(further->scene().get(), main->scene().get());
    QCOMPARE(windows()->mapKeys(), QStringList {key});

    const auto &grids = main->scene()->grids();
    QVERIFY(grids.size() > 10);
    QTRY_VERIFY(further->viewport().isValid());
    const BoundingBox before = further->viewport().extent;
    QVERIFY(main->zoomToGrid(grids[3].code));
    QVERIFY2(sameExtent(further->viewport().extent, before), qPrintable(describe(before)));

    const BoundingBox mainExtent = main->viewport().extent;
    QVERIFY(further->zoomToGrid(grids[9].code));
    QVERIFY(!sameExtent(further->viewport().extent, before));
    QVERIFY(sameExtent(main->viewport().extent, mainExtent));
    QTRY_VERIFY_WITH_TIMEOUT(!further->image().isNull(), 20000);

    // A second one gets the next number; closing its window closes it for good.
    const QString third = windows()->newMapWindow();
    QCOMPARE(third, QStringLiteral("map3"));
    QVERIFY(windows()->panelWindow(third)->close());
    QTRY_COMPARE(windows()->mapKeys(), QStringList {key});
    QVERIFY(!m_window->findChild<QAction *>(QStringLiteral("map3WindowAction")));
}

void TestDeskWindows::caseOnFurtherMapSelectsItInTheQueue()
{
    const QString key = windows()->newMapWindow();
    MapCanvas *further = windows()->mapCanvas(key);
    QTRY_VERIFY(further->viewport().isValid());
    const auto scene = further->scene();
    QVERIFY(!scene->cases().empty());
    const qint64 wanted = scene->cases()[scene->cases().size() / 2].id;
    QVERIFY(further->zoomToCase(wanted));
    const auto location = scene->caseLocation(wanted);
    QVERIFY(location);

    QSignalSpy picked(further, &MapCanvas::caseSelected);
    further->selectAt(further->viewport().toPixel(*location));
    QCOMPARE(picked.size(), 1);
    const qint64 id = picked.first().first().toLongLong();
    QCOMPARE(m_window->caseQueue()->currentCaseId(), std::optional<qint64>(id));

    // A case chosen in the queue is marked on the further map, which stays where it is.
    const BoundingBox extent = further->viewport().extent;
    const QAbstractItemModel *model = m_window->caseQueue()->view()->model();
    const int row = model->rowCount() / 3;
    const qint64 other = model->index(row, 0).data(int(CaseTableModel::Role::CaseId)).toLongLong();
    QVERIFY(other != id);
    m_window->caseQueue()->view()->setCurrentIndex(model->index(row, 1));
    QCOMPARE(further->selectedCaseId(), std::optional<qint64>(other));
    QVERIFY(sameExtent(further->viewport().extent, extent));
}

void TestDeskWindows::layoutIsSavedAndRestored()
{
    windows()->setPlace(DeskWindows::CASE_QUEUE, PanelPlace::Window);
    QWidget *queueWindow = windows()->panelWindow(DeskWindows::CASE_QUEUE);
    const QRect queueGeometry(1300, 60, 700, 800);
    queueWindow->setGeometry(queueGeometry);
    const QString map = windows()->newMapWindow();
    QWidget *mapWindow = windows()->panelWindow(map);
    const QRect mapGeometry(2000, 100, 700, 600);
    mapWindow->setGeometry(mapGeometry);
    MapCanvas *further = windows()->mapCanvas(map);
    QTRY_COMPARE(further->size(), mapGeometry.size());
    QTRY_COMPARE(mapWindow->screen()->name(), RIGHT);
    const auto &grids = m_window->mapCanvas()->scene()->grids();
    QVERIFY(further->zoomToGrid(grids[5].code));
    QVERIFY(m_window->mapCanvas()->zoomToGrid(grids[20].code));
    windows()->setPlace(DeskWindows::EVALUATION, PanelPlace::Docked);
    QVERIFY(m_window->evaluationDashboard());
    const BoundingBox furtherExtent = further->viewport().extent;
    const BoundingBox mainExtent = m_window->mapCanvas()->viewport().extent;
    windows()->saveLayout(QStringLiteral("Day"));
    QCOMPARE(windows()->layouts().names(), QStringList {QStringLiteral("Day")});

    // Everything else: the queue back, its map closed, two others, the dashboard closed, the
    // main map on the whole city.
    windows()->setPlace(DeskWindows::CASE_QUEUE, PanelPlace::Docked);
    windows()->setPlace(map, PanelPlace::Hidden);
    windows()->newMapWindow();
    windows()->newMapWindow();
    windows()->setPlace(DeskWindows::EVALUATION, PanelPlace::Hidden);
    QTRY_VERIFY(!m_window->evaluationDashboard());
    m_window->mapCanvas()->zoomToFullExtent();
    QCOMPARE(windows()->mapKeys(), QStringList({"map2", "map3"}));

    const auto switched = windows()->switchTo(QStringLiteral("Day"));
    QVERIFY2(switched, Test::why(switched));
    QCOMPARE(windows()->mapKeys(), QStringList {map});
    QCOMPARE(windows()->place(DeskWindows::CASE_QUEUE), PanelPlace::Window);
    queueWindow = windows()->panelWindow(DeskWindows::CASE_QUEUE);
    QTRY_COMPARE(queueWindow->geometry(), queueGeometry);
    QCOMPARE(queueWindow->screen()->name(), RIGHT);
    mapWindow = windows()->panelWindow(map);
    QVERIFY(mapWindow && mapWindow->isVisible());
    QTRY_COMPARE(mapWindow->geometry(), mapGeometry);
    QCOMPARE(mapWindow->screen()->name(), RIGHT);
    QCOMPARE(m_window->screen()->name(), LEFT);
    further = windows()->mapCanvas(map);
    QTRY_COMPARE(further->size(), mapGeometry.size());
    QTRY_VERIFY2(sameExtent(further->viewport().extent, furtherExtent),
        qPrintable(describe(further->viewport().extent) + " ≠ " + describe(furtherExtent)));
    QVERIFY2(sameExtent(m_window->mapCanvas()->viewport().extent, mainExtent),
        qPrintable(describe(m_window->mapCanvas()->viewport().extent)));
    QTRY_VERIFY(m_window->evaluationDashboard());
    QCOMPARE(windows()->place(DeskWindows::EVALUATION), PanelPlace::Docked);
    QCOMPARE(windows()->currentLayoutName(), QStringLiteral("Day"));
}

void TestDeskWindows::layoutOfMissingMonitorComesBackInside()
{
    // A layout from a desk with a third monitor right of these two and one far above.
    DeskLayout layout = windows()->capture(QStringLiteral("Three monitors"));
    PanelLayout queue;
    queue.key = DeskWindows::CASE_QUEUE;
    queue.place = PanelPlace::Window;
    queue.window = WindowPlace {QRect(3000, 100, 800, 700), QStringLiteral("DESK-3"),
        QRect(2720, 0, 1920, 1080), false, false};
    PanelLayout map;
    map.key = QStringLiteral("map2");
    map.place = PanelPlace::Window;
    map.window = WindowPlace {QRect(600, -4000, 2500, 1500), QStringLiteral("DESK-9"),
        QRect(0, -4500, 3000, 2000), false, false};
    layout.panels.removeIf(
        [](const PanelLayout &entry) { return entry.key == DeskWindows::CASE_QUEUE; });
    layout.panels << queue << map;
    layout.mainWindow = WindowPlace {QRect(-2000, 300, 900, 700), QStringLiteral("DESK-0"),
        QRect(-2560, 0, 2560, 1440), false, false};
    windows()->layouts().store(layout);

    QVERIFY(windows()->switchTo(QStringLiteral("Three monitors")));
    QWidget *queueWindow = windows()->panelWindow(DeskWindows::CASE_QUEUE);
    QWidget *mapWindow = windows()->panelWindow(QStringLiteral("map2"));
    QVERIFY(queueWindow && mapWindow);
    for (QWidget *window : {queueWindow, mapWindow, static_cast<QWidget *>(m_window.get())}) {
        QTRY_VERIFY2(insideItsScreen(window),
            qPrintable(QStringLiteral("%1 at %2,%3 %4x%5 is not inside a monitor")
                           .arg(window->objectName())
                           .arg(window->x())
                           .arg(window->y())
                           .arg(window->width())
                           .arg(window->height())));
    }
    // Each to the monitor nearest to the one it was on.
    QCOMPARE(queueWindow->screen()->name(), RIGHT);
    QCOMPARE(m_window->screen()->name(), LEFT);
    // Too large for any monitor here: it fills the one it came to.
    QCOMPARE(mapWindow->size(), mapWindow->screen()->availableGeometry().size());
}

void TestDeskWindows::lastSessionComesBack()
{
    windows()->setPlace(DeskWindows::CASE_DETAIL, PanelPlace::Window);
    const QRect detailGeometry(1400, 200, 600, 500);
    windows()->panelWindow(DeskWindows::CASE_DETAIL)->setGeometry(detailGeometry);
    const QString map = windows()->newMapWindow();
    MapCanvas *further = windows()->mapCanvas(map);
    const QRect mapGeometry(100, 150, 640, 480);
    windows()->panelWindow(map)->setGeometry(mapGeometry);
    QTRY_COMPARE(further->size(), mapGeometry.size());
    QVERIFY(further->zoomToGrid(m_window->mapCanvas()->scene()->grids()[12].code));
    const BoundingBox extent = further->viewport().extent;
    QVERIFY(m_window->close());

    m_window.reset();
    openDesk();
    QCOMPARE(windows()->mapKeys(), QStringList {map});
    QCOMPARE(windows()->place(DeskWindows::CASE_DETAIL), PanelPlace::Window);
    QWidget *detailWindow = windows()->panelWindow(DeskWindows::CASE_DETAIL);
    QTRY_COMPARE(detailWindow->geometry(), detailGeometry);
    QCOMPARE(detailWindow->screen()->name(), RIGHT);
    QTRY_COMPARE(windows()->panelWindow(map)->geometry(), mapGeometry);
    further = windows()->mapCanvas(map);
    QCOMPARE(further->scene().get(), m_window->mapCanvas()->scene().get());
    QTRY_VERIFY2(sameExtent(further->viewport().extent, extent),
        qPrintable(describe(further->viewport().extent) + " ≠ " + describe(extent)));
}

void TestDeskWindows::maximisedWindowComesBackMaximisedOnItsMonitor()
{
    const QString map = windows()->newMapWindow();
    QWidget *window = windows()->panelWindow(map);
    window->setGeometry(1500, 100, 700, 500);
    window->showMaximized();
    QTRY_VERIFY(window->isMaximized());
    QCOMPARE(window->screen()->name(), RIGHT);
    windows()->saveLayout(QStringLiteral("Wall"));

    window->showNormal();
    window->setGeometry(100, 100, 500, 400);
    QTRY_COMPARE(window->screen()->name(), LEFT);
    QVERIFY(windows()->switchTo(QStringLiteral("Wall")));
    window = windows()->panelWindow(map);
    QTRY_VERIFY(window->isMaximized());
    QCOMPARE(window->screen()->name(), RIGHT);
    QCOMPARE(window->normalGeometry(), QRect(1500, 100, 700, 500));
}

void TestDeskWindows::layoutsAreRenamedDeletedAndSwitchedByKey()
{
    QVERIFY(action("noLayoutsAction"));
    windows()->saveLayout(QStringLiteral("Day"));
    windows()->setPlace(DeskWindows::CASE_QUEUE, PanelPlace::Window);
    windows()->saveLayout(QStringLiteral("Night"));
    QCOMPARE(action("layout1Action")->text(), QStringLiteral("Day"));
    QCOMPARE(action("layout2Action")->text(), QStringLiteral("Night"));
    QCOMPARE(action("layout2Action")->shortcut(), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_2));
    QVERIFY(!action("noLayoutsAction"));

    // Ctrl+Alt+1 in the queue's own window goes back to the day layout.
    QWidget *queueWindow = windows()->panelWindow(DeskWindows::CASE_QUEUE);
    queueWindow->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(queueWindow));
    QTest::keyClick(queueWindow, Qt::Key_1, Qt::ControlModifier | Qt::AltModifier);
    QTRY_COMPARE(windows()->currentLayoutName(), QStringLiteral("Day"));
    QCOMPARE(windows()->place(DeskWindows::CASE_QUEUE), PanelPlace::Docked);
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_window->mapCanvas()->setFocus();
    QTest::keyClick(m_window->mapCanvas(), Qt::Key_2, Qt::ControlModifier | Qt::AltModifier);
    QTRY_COMPARE(windows()->currentLayoutName(), QStringLiteral("Night"));
    QCOMPARE(windows()->place(DeskWindows::CASE_QUEUE), PanelPlace::Window);

    // The manager renames and deletes; the menu follows.
    QTimer::singleShot(0, this, [] {
        auto *dialog = qobject_cast<LayoutsDialog *>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        QCOMPARE(dialog->list()->count(), 2);
        dialog->list()->setCurrentRow(1);
        QVERIFY(dialog->renameCurrent(QStringLiteral("Night shift")));
        dialog->list()->setCurrentRow(0);
        dialog->removeCurrent();
        QCOMPARE(dialog->list()->count(), 1);
        dialog->reject();
    });
    action("manageLayoutsAction")->trigger();
    QCOMPARE(windows()->layouts().names(), QStringList {QStringLiteral("Night shift")});
    QCOMPARE(action("layout1Action")->text(), QStringLiteral("Night shift"));
    QVERIFY(!action("layout2Action"));
    QCOMPARE(windows()->currentLayoutName(), QStringLiteral("Night shift"));
}

GRIDDESK_TEST_MAIN(TestDeskWindows, QApplication)
#include "tst_deskwindows.moc"
