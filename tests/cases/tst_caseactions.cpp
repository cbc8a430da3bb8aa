// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "cases/caseactions.h"

#include "support/testsupport.h"

#include <QAction>
#include <QApplication>
#include <QMenu>
#include <QSet>
#include <QSignalSpy>
#include <QToolBar>

using namespace GridDesk;

class TestCaseActions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyActionHasItsOwnShortcut();
    void onlyAvailableActionsAreEnabled();
    void menuHoldsEveryActionAndTheToolBarTheMainSteps();
};

void TestCaseActions::everyActionHasItsOwnShortcut()
{
    CaseActions actions;
    // The window's own shortcuts: open, quit, zoom, go to grid, find, queues.
    QSet<QKeySequence> taken {QKeySequence::Open, QKeySequence::Quit, QKeySequence::Find,
        QKeySequence(Qt::CTRL | Qt::Key_0), QKeySequence(Qt::CTRL | Qt::Key_E),
        QKeySequence(Qt::CTRL | Qt::Key_G)};
    for (int view = 0; view < 8; ++view)
        taken << QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + view));
    QList<QAction *> all {actions.reportAction(), actions.runAsAction(), actions.reloadAction()};
    for (int value = 0; value < int(CaseAction::Count); ++value) {
        const auto action = CaseAction(value);
        if (isRecordedOnly(action) || isEntryLink(action)) {
            QVERIFY(!actions.action(action));
            continue;
        }
        QVERIFY2(actions.action(action), qPrintable(caseActionKey(action)));
        all << actions.action(action);
    }
    for (const QAction *action : std::as_const(all)) {
        const QKeySequence key = action->shortcut();
        QVERIFY2(!key.isEmpty(), qPrintable(action->objectName()));
        QVERIFY2(!taken.contains(key), qPrintable(key.toString()));
        taken << key;
    }
}

void TestCaseActions::onlyAvailableActionsAreEnabled()
{
    CaseActions actions;
    QSignalSpy triggered(&actions, &CaseActions::triggered);
    actions.setAvailable({CaseAction::Dispatch, CaseAction::Cancel});
    QCOMPARE(actions.availableActions(),
        (QList<QAction *> {
            actions.action(CaseAction::Dispatch), actions.action(CaseAction::Cancel)}));
    QVERIFY(!actions.action(CaseAction::Register)->isEnabled());
    actions.action(CaseAction::Dispatch)->trigger();
    QCOMPARE(triggered.size(), 1);
    QCOMPARE(triggered.at(0).at(0).value<CaseAction>(), CaseAction::Dispatch);
    actions.setAvailable({});
    QVERIFY(actions.availableActions().isEmpty());
}

void TestCaseActions::menuHoldsEveryActionAndTheToolBarTheMainSteps()
{
    CaseActions actions;
    QMenu menu;
    QToolBar toolBar;
    actions.populate(&menu, &toolBar);
    int inMenu = 0;
    for (const QAction *action : menu.actions())
        inMenu += action->isSeparator() ? 0 : 1;
    // Report, the 25 loop actions, reload and run as.
    QCOMPARE(inMenu, 28);
    QVERIFY(toolBar.actions().contains(actions.action(CaseAction::Dispatch)));
    QVERIFY(toolBar.actions().contains(actions.reportAction()));
    QVERIFY(!toolBar.actions().contains(actions.action(CaseAction::MarkSpecial)));
}

GRIDDESK_TEST_MAIN(TestCaseActions, QApplication)

#include "tst_caseactions.moc"
