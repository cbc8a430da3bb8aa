// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "deskwindows.h"
#include "mainwindow.h"

#include "support/testsupport.h"

#include "casedesk.h"

#include "cases/casequeuewidget.h"
#include "cases/runasdialog.h"
#include "mapview/mapcanvas.h"

#include <QApplication>
#include <QDockWidget>
#include <QListWidget>
#include <QPainter>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>

using namespace GridDesk;

/// The desk on two real X monitors (run_under_xvfb.sh): a layout puts the main window with the
/// case queue and the case panel on the first and the map in its own window on the second,
/// and the windows must end up there. Leaves a picture of both monitors in the screenshots.
class TestTwoMonitors : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void layoutPutsWindowsOnTheirMonitors();

private:
    QTemporaryDir m_dir;
};

void TestTwoMonitors::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("GridDeskTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_twomonitors"));
    QSettings().clear();
    QVERIFY(m_dir.isValid());
    QVERIFY2(QGuiApplication::screens().size() >= 2,
        qPrintable(QStringLiteral("Qt sees %1 screen(s) on %2; two are needed")
                       .arg(QGuiApplication::screens().size())
                       .arg(QGuiApplication::platformName())));
}

void TestTwoMonitors::layoutPutsWindowsOnTheirMonitors()
{
    QScreen *first = QGuiApplication::screens().at(0);
    QScreen *second = QGuiApplication::screens().at(1);
    MainWindow window(QDir(Test::mapsPath()));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy loaded(&window, &MainWindow::workspaceLoaded);
    QSignalSpy failed(&window, &MainWindow::workspaceFailed);
    window.openWorkspace(m_dir.filePath(QStringLiteral("nyc.gpkg")), QStringLiteral("nyc"));
    QTRY_VERIFY_WITH_TIMEOUT(loaded.size() + failed.size() > 0, 300000);
    QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).toString()));
    // The desk runs as the sample's operator.
    QTRY_VERIFY(window.caseDesk()->runAsDialog());
    RunAsDialog *dialog = window.caseDesk()->runAsDialog();
    auto *users = dialog->findChild<QListWidget *>(QStringLiteral("users"));
    QVERIFY(users);
    const auto operators = users->findItems(QStringLiteral("Operator"), Qt::MatchStartsWith);
    QVERIFY(!operators.isEmpty());
    users->setCurrentItem(operators.first());
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("runAs")), Qt::LeftButton);
    QTRY_VERIFY(!window.caseDesk()->runAsDialog());

    // The layout as a dispatcher would save it: main window with the queue and the case panel
    // on the first monitor, the map filling the second.
    DeskWindows *windows = window.deskWindows();
    windows->setPlace(DeskWindows::MAP, PanelPlace::Window);
    DeskLayout layout = windows->capture(QStringLiteral("Two monitors"));
    layout.mainWindow =
        WindowPlace {first->availableGeometry(), first->name(), first->geometry(), false, false};
    for (PanelLayout &panel : layout.panels) {
        if (panel.key == DeskWindows::MAP) {
            panel.window = WindowPlace {
                second->availableGeometry(), second->name(), second->geometry(), false, false};
            panel.extent.reset();
        }
    }
    windows->layouts().store(layout);
    windows->setPlace(DeskWindows::MAP, PanelPlace::Docked);

    const auto switched = windows->switchTo(QStringLiteral("Two monitors"));
    QVERIFY2(switched, Test::why(switched));
    QWidget *mapWindow = windows->panelWindow(DeskWindows::MAP);
    QVERIFY(mapWindow);
    QTRY_VERIFY(mapWindow->isVisible() && window.isVisible());
    QTRY_COMPARE(window.screen(), first);
    QTRY_COMPARE(mapWindow->screen(), second);
    QVERIFY(QTest::qWaitForWindowExposed(mapWindow));
    QVERIFY(!window.caseQueueDock()->isHidden());
    QVERIFY(!window.caseDetailDock()->isHidden());
    // An overdue case chosen in the queue, the whole city on the map.
    window.caseQueue()->setQueueView(QueueView::Overdue);
    QTableView *view = window.caseQueue()->view();
    QVERIFY(view->model()->rowCount() > 0);
    view->setCurrentIndex(view->model()->index(0, 1));
    window.mapCanvas()->zoomToFullExtent();
    QTRY_VERIFY_WITH_TIMEOUT(!window.mapCanvas()->isRendering()
            && !window.mapCanvas()->image().isNull()
            && window.mapCanvas()->imageViewport() == window.mapCanvas()->viewport(),
        20000);
    QTest::qWait(300); // the X server draws what the windows painted

    // Both monitors side by side, as one picture.
    const QPixmap left = first->grabWindow(0);
    const QPixmap right = second->grabWindow(0);
    QVERIFY(!left.isNull() && !right.isNull());
    const int gap = 12;
    QImage both(left.width() + gap + right.width(), qMax(left.height(), right.height()),
        QImage::Format_RGB32);
    both.fill(QColor(40, 40, 40));
    QPainter painter(&both);
    painter.drawPixmap(0, 0, left);
    painter.drawPixmap(left.width() + gap, 0, right);
    painter.end();
    const QString path =
        QStringLiteral(GRIDDESK_SCREENSHOT_DIR) + QStringLiteral("/desk-two-monitors.png");
    QVERIFY2(both.save(path), qPrintable(path));
}

GRIDDESK_TEST_MAIN(TestTwoMonitors, QApplication)
#include "tst_twomonitors.moc"
