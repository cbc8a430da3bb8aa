// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "actionindex.h"
#include "deskaids.h"
#include "shortcuthelp.h"

#include "deskaidsfixture.h"
#include "support/testsupport.h"

#include <QAction>
#include <QApplication>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTreeWidget>

using namespace GridDesk;

class TestShortcutHelp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void noTwoActionsShareAShortcut();
    void everyCaseMenuActionHasAShortcut();
    void helpListsEveryActionWithAShortcut();
    void helpListsTheMapKeys();
    void searchNarrowsTheTable();
    void opensWithF1AndCtrlSlash();
    void actionsAreNamedWithoutMnemonics();

private:
    ShortcutHelp *openHelp();
    /// The keys two actions of window share in one context, each with the actions' names;
    /// seen is set to how many key and context pairs there are.
    static QStringList clashesIn(QMainWindow *window, int *seen);
    /// Every (action, keys) row the help shows, as "text|keys".
    static QSet<QString> rowsOf(const QTreeWidget *tree, bool visibleOnly = false);

    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
};

void TestShortcutHelp::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("GridDeskTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_shortcuthelp"));
    QVERIFY(m_dir.isValid());
}

void TestShortcutHelp::init()
{
    QSettings().clear();
    static int workspaces = 0;
    m_window =
        Test::openDeskWindow(m_dir.filePath(QStringLiteral("shortcuts-%1.gpkg").arg(++workspaces)));
    QVERIFY(m_window);
}

void TestShortcutHelp::cleanup()
{
    m_window.reset();
}

ShortcutHelp *TestShortcutHelp::openHelp()
{
    m_window->deskAids()->showShortcuts();
    return m_window->deskAids()->shortcutHelp();
}

QSet<QString> TestShortcutHelp::rowsOf(const QTreeWidget *tree, bool visibleOnly)
{
    QSet<QString> rows;
    for (int top = 0; top < tree->topLevelItemCount(); ++top) {
        const QTreeWidgetItem *group = tree->topLevelItem(top);
        for (int child = 0; child < group->childCount(); ++child) {
            const QTreeWidgetItem *item = group->child(child);
            if (!visibleOnly || (!item->isHidden() && !group->isHidden()))
                rows << item->text(0) + u'|' + item->text(1);
        }
    }
    return rows;
}

QStringList TestShortcutHelp::clashesIn(QMainWindow *window, int *seen)
{
    // Keys of window-wide actions clash with each other; keys of actions bound to one widget
    // (the map's editing tools) clash only with others on that widget.
    QHash<QString, QList<QAction *>> byKeyAndScope;
    const QList<QAction *> actions = window->findChildren<QAction *>();
    for (QAction *action : actions) {
        const bool widgetBound = action->shortcutContext() == Qt::WidgetShortcut
            || action->shortcutContext() == Qt::WidgetWithChildrenShortcut;
        QStringList scopes;
        if (widgetBound) {
            for (QObject *object : action->associatedObjects())
                scopes << QString::number(quintptr(object));
        } else {
            scopes << QStringLiteral("window");
        }
        for (const QKeySequence &key : action->shortcuts()) {
            for (const QString &scope : scopes) {
                QList<QAction *> &sharing = byKeyAndScope[key.toString() + u'@' + scope];
                if (!sharing.contains(action))
                    sharing << action;
            }
        }
    }
    QStringList clashes;
    for (auto it = byKeyAndScope.cbegin(); it != byKeyAndScope.cend(); ++it) {
        if (it.value().size() < 2)
            continue;
        QStringList names;
        for (QAction *action : it.value())
            names << plainActionText(action->text());
        clashes << it.key().section(u'@', 0, 0) + QStringLiteral(": ") + names.join(u',');
    }
    *seen = int(byKeyAndScope.size());
    return clashes;
}

void TestShortcutHelp::noTwoActionsShareAShortcut()
{
    int seen = 0;
    const QStringList clashes = clashesIn(m_window.get(), &seen);
    QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(QStringLiteral("; "))));
    QVERIFY(seen > 40); // the check saw the window's actions

    // An action taking the palette's key would be found.
    auto *intruder = new QAction(QStringLiteral("Kill line"), m_window.get());
    intruder->setShortcut(Qt::CTRL | Qt::Key_K);
    m_window->addAction(intruder);
    QCOMPARE(clashesIn(m_window.get(), &seen).size(), 1);
    // The same key bound to one widget only does not clash with the window's.
    intruder->setShortcutContext(Qt::WidgetShortcut);
    QVERIFY(clashesIn(m_window.get(), &seen).isEmpty());
}

void TestShortcutHelp::everyCaseMenuActionHasAShortcut()
{
    QMenu *caseMenu = nullptr;
    for (QAction *top : m_window->menuBar()->actions()) {
        if (plainActionText(top->text()) == QLatin1String("Case"))
            caseMenu = top->menu();
    }
    QVERIFY(caseMenu);
    QList<QMenu *> menus {caseMenu};
    int checked = 0;
    while (!menus.isEmpty()) {
        QMenu *menu = menus.takeFirst();
        for (QAction *action : menu->actions()) {
            if (action->isSeparator())
                continue;
            if (action->menu()) {
                menus << action->menu();
                continue;
            }
            QVERIFY2(!action->shortcut().isEmpty(), qPrintable(action->text()));
            ++checked;
        }
    }
    QVERIFY(checked >= 20);
}

void TestShortcutHelp::helpListsEveryActionWithAShortcut()
{
    // An action added while the window runs is listed as well: the table is made when shown.
    QMenu *menu = m_window->menuBar()->addMenu(QStringLiteral("&Window"));
    QAction *added = menu->addAction(QStringLiteral("Next desk window"));
    added->setShortcut(Qt::CTRL | Qt::Key_F6);

    ShortcutHelp *help = openHelp();
    QVERIFY(help && help->isVisible());
    QVERIFY(!help->isModal());
    const QSet<QString> rows = rowsOf(help->tree());
    int listed = 0;
    for (QAction *action : m_window->findChildren<QAction *>()) {
        const bool offered = !action->shortcut().isEmpty() && action->isVisible()
            && !action->text().isEmpty() && !action->associatedObjects().isEmpty();
        if (!offered)
            continue;
        QStringList keys;
        for (const QKeySequence &key : action->shortcuts())
            keys << key.toString(QKeySequence::NativeText);
        const QString row =
            plainActionText(action->text()) + u'|' + keys.join(QStringLiteral(", "));
        QVERIFY2(rows.contains(row), qPrintable(row));
        ++listed;
    }
    QVERIFY(listed > 40);
    QVERIFY(rows.contains(QStringLiteral("Next desk window|")
        + QKeySequence(Qt::CTRL | Qt::Key_F6).toString(QKeySequence::NativeText)));
}

void TestShortcutHelp::helpListsTheMapKeys()
{
    ShortcutHelp *help = openHelp();
    const QSet<QString> rows = rowsOf(help->tree());
    QVERIFY(rows.contains(QStringLiteral("Whole city|Home")));
    QVERIFY(rows.contains(QStringLiteral("Pan|Arrow keys, drag")));
    QVERIFY(rows.contains(QStringLiteral("Close the palette|Esc")));
}

void TestShortcutHelp::searchNarrowsTheTable()
{
    ShortcutHelp *help = openHelp();
    QTest::keyClicks(help->searchEdit(), QStringLiteral("register case"));
    const QSet<QString> shown = rowsOf(help->tree(), true);
    QVERIFY2(
        shown.contains(QStringLiteral("Register|")
            + QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R).toString(QKeySequence::NativeText)),
        qPrintable(QStringList(shown.cbegin(), shown.cend()).join(u';')));
    QVERIFY(!shown.contains(QStringLiteral("Whole city|Home")));
    // By key as well.
    help->searchEdit()->clear();
    QTest::keyClicks(help->searchEdit(), QStringLiteral("home"));
    QVERIFY(rowsOf(help->tree(), true).contains(QStringLiteral("Whole city|Home")));
}

void TestShortcutHelp::actionsAreNamedWithoutMnemonics()
{
    QCOMPARE(plainActionText(QStringLiteral("&Save layout as…")), QStringLiteral("Save layout as"));
    QCOMPARE(plainActionText(QStringLiteral("Fish && chips")), QStringLiteral("Fish & chips"));
    // Chinese menus put the letter after the words, in brackets.
    QCOMPARE(plainActionText(QStringLiteral("切换用户(&U)")), QStringLiteral("切换用户"));
    QCOMPARE(plainActionText(QStringLiteral("布局另存为(&S)…")), QStringLiteral("布局另存为"));
    QCOMPARE(plainActionText(QStringLiteral("窗口(W)")), QStringLiteral("窗口(W)"));
}

void TestShortcutHelp::opensWithF1AndCtrlSlash()
{
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClick(m_window.get(), Qt::Key_F1);
    QTRY_VERIFY(
        m_window->deskAids()->shortcutHelp() && m_window->deskAids()->shortcutHelp()->isVisible());
    m_window->deskAids()->shortcutHelp()->close();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClick(m_window.get(), Qt::Key_Slash, Qt::ControlModifier);
    QTRY_VERIFY(m_window->deskAids()->shortcutHelp()->isVisible());
}

GRIDDESK_TEST_MAIN(TestShortcutHelp, QApplication)

#include "tst_shortcuthelp.moc"
