// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "mainwindow.h"

#include "../app/deskfixture.h"

#include "casedesk.h"
#include "cases/casequeuewidget.h"
#include "gridedit/gridattributespanel.h"
#include "gridedit/grideditor.h"
#include "gridedit/grideditsession.h"
#include "gridedit/publishdialog.h"
#include "gridedit/topologypanel.h"
#include "mapview/mapcanvas.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QLineEdit>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QToolBar>

using namespace GridDesk;

/// The grid editor as the workstation offers it: Map → Edit grids, acting as the desk's user,
/// and the workspace read again after publishing, back in the editor.
class TestMapMenu : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void editAndPublishFromTheMapMenu();

private:
    QTemporaryDir m_dir;
};

void TestMapMenu::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("GridDeskTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mapmenu"));
    QSettings().clear();
    QVERIFY(m_dir.isValid());
}

void TestMapMenu::editAndPublishFromTheMapMenu()
{
    const QString path = m_dir.filePath(QStringLiteral("wenshan.gpkg"));
    const auto made = Test::makeDeskWorkspace(path);
    QVERIFY2(made, Test::why(made));
    MainWindow window(QDir(Test::mapsPath()));
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy loaded(&window, &MainWindow::workspaceLoaded);
    window.openWorkspace(path);
    QVERIFY(loaded.wait(60000));
    window.caseDesk()->runAs(
        {QStringLiteral("Wang Fang"), QStringLiteral("operator"), QStringLiteral("city")});

    GridEditor *editor = window.gridEditor();
    QAction *edit = window.findChild<QAction *>(QStringLiteral("editGridsAction"));
    QVERIFY(edit);
    bool inMapMenu = false;
    for (QAction *menu : window.menuBar()->actions())
        inMapMenu |= menu->menu() && menu->menu()->actions().contains(edit);
    QVERIFY(inMapMenu);
    QVERIFY(edit->isEnabled());
    QVERIFY(!editor->toolBar()->isVisible());

    // The editor's keys are its own among the window's (Ctrl+Shift and a letter are the case
    // actions').
    const QList<QAction *> all = window.findChildren<QAction *>();
    for (QAction *action : {edit, editor->undoAction(), editor->redoAction()}) {
        for (const QKeySequence &keys : action->shortcuts()) {
            const auto sameKeys = std::count_if(all.cbegin(), all.cend(),
                [&keys](const QAction *other) { return other->shortcuts().contains(keys); });
            QVERIFY2(sameKeys == 1, qPrintable(keys.toString()));
        }
    }
    QVERIFY(!editor->findingsDock()->isVisible());

    edit->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(editor->isEditing(), 20000);
    QVERIFY(editor->toolBar()->isVisible());
    QVERIFY(editor->attributesDock()->isVisible());
    QVERIFY(editor->findingsDock()->isVisible());
    QVERIFY(window.mapCanvas()->tool() == editor->tool());
    QCOMPARE(editor->session()->actor(), QStringLiteral("Wang Fang"));
    QTRY_VERIFY_WITH_TIMEOUT(!editor->topologyPanel()->isChecking(), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(editor->isSceneCurrent(), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(!window.mapCanvas()->isRendering(), 20000);
    QVERIFY(!window.mapCanvas()->image().isNull());
    const QString shot = QDir::temp().filePath(QStringLiteral("griddesk-mapmenu.png"));
    QVERIFY(window.grab().save(shot));
    qInfo("screenshot: %s", qPrintable(shot));

    // An operator may edit the draft; publishing is for supervisors and leaders.
    QVERIFY(!editor->publishAction()->isEnabled());
    window.caseDesk()->runAs(
        {QStringLiteral("Zhao Min"), QStringLiteral("supervisor"), QStringLiteral("grid-sup")});
    QCOMPARE(editor->session()->actor(), QStringLiteral("Zhao Min"));

    // An attribute edit, published with a note: the window reads the workspace again and comes
    // back to the editor.
    const QString code = QStringLiteral("6300800022");
    editor->session()->setSelection({code});
    editor->attributesPanel()->supervisorEdit()->setText(QStringLiteral("Zhao Min"));
    QVERIFY(editor->attributesPanel()->apply());
    QVERIFY(editor->subdivide(code, {4, std::nullopt}));
    const auto before = window.mapCanvas()->scene();
    editor->publishAction()->trigger();
    QVERIFY(editor->publishDialog());
    editor->publishDialog()->noteEdit()->setPlainText(QStringLiteral("Supervisor for 興昌里"));
    QSignalSpy published(editor, &GridEditor::published);
    editor->publishDialog()->publishButton()->click();
    QCOMPARE(published.size(), 1);
    QVERIFY(loaded.wait(60000));
    QTRY_VERIFY_WITH_TIMEOUT(editor->isEditing(), 20000);
    QCOMPARE(editor->session()->grid(code)->supervisor, QStringLiteral("Zhao Min"));
    QVERIFY(editor->publishAction()->isEnabled());
    QVERIFY(!editor->session()->hasDraftEdits());
    const auto editions = editor->session()->editions();
    QVERIFY2(editions, Test::why(editions));
    QCOMPARE(editions->size(), 2);
    QCOMPARE(editions->last().publishedBy, QStringLiteral("Zhao Min"));

    // Out of the editor, the map is the new edition, fine grids and all.
    edit->trigger();
    QVERIFY(!editor->isEditing());
    QVERIFY(!editor->toolBar()->isVisible());
    QVERIFY(window.mapCanvas()->tool() == nullptr);
    QVERIFY(window.mapCanvas()->scene() != before);
    QVERIFY(window.mapCanvas()->scene()->gridWithDescendants(code).size() > 1);
}

GRIDDESK_TEST_MAIN(TestMapMenu, QApplication)

#include "tst_mapmenu.moc"
