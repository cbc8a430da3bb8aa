// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "cases/casequeuewidget.h"

#include "casefixture.h"
#include "support/testsupport.h"

#include "cases/casefilterproxymodel.h"
#include "cases/casetablemodel.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSignalSpy>
#include <QTableView>
#include <QToolButton>

using namespace GridDesk;

class TestCaseQueueWidget : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void clickingARowSelectsTheCase();
    void selectCaseDoesNotEcho();
    void gridFilterShowsAndClears();
    void caseFilterShowsTheCasesOfANumber();
    void filterBoxFilters();
    void sortingIsEnabled();
    void viewsShowTheirCounts();
    void countsFollowChanges();
    void shortcutsSwitchViews();
};

void TestCaseQueueWidget::clickingARowSelectsTheCase()
{
    CaseQueueWidget queue;
    queue.setCases(Test::fixtureCases());
    queue.show();
    QVERIFY(QTest::qWaitForWindowExposed(&queue));
    QSignalSpy selected(&queue, &CaseQueueWidget::caseSelected);

    const QModelIndex index = queue.view()->model()->index(1, 1);
    const QRect cell = queue.view()->visualRect(index);
    QTest::mouseClick(queue.view()->viewport(), Qt::LeftButton, {}, cell.center());
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.at(0).at(0).toLongLong(),
        index.data(int(CaseTableModel::Role::CaseId)).toLongLong());
    QCOMPARE(queue.currentCaseId(), selected.at(0).at(0).toLongLong());
}

void TestCaseQueueWidget::selectCaseDoesNotEcho()
{
    CaseQueueWidget queue;
    queue.setCases(Test::fixtureCases());
    QSignalSpy selected(&queue, &CaseQueueWidget::caseSelected);
    QVERIFY(queue.selectCase(2));
    QCOMPARE(queue.currentCaseId(), std::optional<qint64>(2));
    QCOMPARE(selected.size(), 0);
    QVERIFY(!queue.selectCase(42));
}

void TestCaseQueueWidget::gridFilterShowsAndClears()
{
    CaseQueueWidget queue;
    queue.setCases(Test::fixtureCases());
    queue.show();
    auto *clear = queue.findChild<QToolButton *>(QStringLiteral("clearGridFilter"));
    QVERIFY(clear);
    QVERIFY(!clear->isVisible());

    queue.setGridFilter({QStringLiteral("101")}, QStringLiteral("Harlem (101)"));
    QCOMPARE(queue.proxyModel()->rowCount(), 2);
    QVERIFY(clear->isVisible());
    bool labelled = false;
    for (const QLabel *label : queue.findChildren<QLabel *>())
        labelled |= label->isVisible() && label->text().contains(QLatin1String("Harlem (101)"));
    QVERIFY(labelled);

    QSignalSpy cleared(&queue, &CaseQueueWidget::gridFilterCleared);
    QTest::mouseClick(clear, Qt::LeftButton);
    QCOMPARE(cleared.size(), 1);
    QCOMPARE(queue.proxyModel()->rowCount(), 4);
    QVERIFY(!clear->isVisible());
}

void TestCaseQueueWidget::caseFilterShowsTheCasesOfANumber()
{
    CaseQueueWidget queue;
    queue.setCases(Test::fixtureCases());
    queue.show();
    queue.setQueueView(QueueView::ToRegister);
    queue.setGridFilter({QStringLiteral("101")}, QStringLiteral("Harlem (101)"));
    QSignalSpy gridCleared(&queue, &CaseQueueWidget::gridFilterCleared);

    queue.setCaseFilter({1, 3}, QStringLiteral("Closure rate, unit NYPD"));
    // The grid filter gives way, and the cases show whatever their state.
    QCOMPARE(gridCleared.size(), 1);
    QCOMPARE(queue.queueView(), QueueView::All);
    QCOMPARE(queue.proxyModel()->rowCount(), 2);
    QSet<qint64> shown;
    for (int row = 0; row < queue.proxyModel()->rowCount(); ++row) {
        shown << queue.proxyModel()
                     ->index(row, 0)
                     .data(int(CaseTableModel::Role::CaseId))
                     .toLongLong();
    }
    QCOMPARE(shown, QSet<qint64>({1, 3}));
    bool labelled = false;
    for (const QLabel *label : queue.findChildren<QLabel *>()) {
        labelled |=
            label->isVisible() && label->text().contains(QLatin1String("Closure rate, unit NYPD"));
    }
    QVERIFY(labelled);

    auto *clear = queue.findChild<QToolButton *>(QStringLiteral("clearGridFilter"));
    QTest::mouseClick(clear, Qt::LeftButton);
    QCOMPARE(queue.proxyModel()->rowCount(), 4);
    QVERIFY(!clear->isVisible());
    QCOMPARE(gridCleared.size(), 1);
}

void TestCaseQueueWidget::filterBoxFilters()
{
    CaseQueueWidget queue;
    queue.setCases(Test::fixtureCases());
    QTest::keyClicks(queue.filterEdit(), QStringLiteral("nypd"));
    QCOMPARE(queue.proxyModel()->rowCount(), 3);
}

void TestCaseQueueWidget::sortingIsEnabled()
{
    CaseQueueWidget queue;
    queue.setCases(Test::fixtureCases());
    QVERIFY(queue.view()->isSortingEnabled());
    queue.view()->sortByColumn(int(CaseTableModel::Column::Id), Qt::AscendingOrder);
    QCOMPARE(queue.view()->model()->index(0, 0).data().toString(), QStringLiteral("7"));
}

namespace {
void setUpDesk(CaseQueueWidget &queue, const DeskUser &user)
{
    queue.setSetup(Test::fixtureSetup());
    queue.setNow(Test::fixtureNow());
    queue.setDeskUser(user);
    queue.setCases(Test::fixtureCases());
}
} // namespace

void TestCaseQueueWidget::viewsShowTheirCounts()
{
    CaseQueueWidget queue;
    setUpDesk(queue, DeskUser {QStringLiteral("ann"), Role::Operator, {}});
    QListWidget *views = queue.findChild<QListWidget *>(QStringLiteral("queueViews"));
    QVERIFY(views);
    QCOMPARE(views->count(), int(QueueView::Count));
    QCOMPARE(queue.viewCount(QueueView::All), 4);
    QCOMPARE(queue.viewCount(QueueView::Overdue), 1);
    QCOMPARE(queue.viewCount(QueueView::MyInbox), 1);
    QCOMPARE(views->item(int(QueueView::Overdue))->text(), QStringLiteral("Overdue  1"));
    QVERIFY(views->item(int(QueueView::Overdue))->font().bold());

    views->setCurrentRow(int(QueueView::Supervised));
    QCOMPARE(queue.queueView(), QueueView::Supervised);
    QCOMPARE(queue.proxyModel()->rowCount(), 1);
}

void TestCaseQueueWidget::countsFollowChanges()
{
    CaseQueueWidget queue;
    setUpDesk(queue, DeskUser {QStringLiteral("sam"), Role::Supervisor, {}});
    queue.setQueueView(QueueView::MyInbox);
    QCOMPARE(queue.proxyModel()->rowCount(), 1);
    QSignalSpy counted(&queue, &CaseQueueWidget::viewCountsChanged);

    CaseRecord record = Test::fixtureCases().at(0);
    record.state = QStringLiteral("fed_back");
    queue.updateCase(record);
    QCOMPARE(counted.size(), 1);
    QCOMPARE(queue.viewCount(QueueView::AwaitingVerification), 1);
    QCOMPARE(queue.viewCount(QueueView::InHandling), 0);
    QCOMPARE(queue.viewCount(QueueView::MyInbox), 2);
    QCOMPARE(queue.proxyModel()->rowCount(), 2);

    // Time passing makes the in-handling case late once its deadline is behind.
    record.state = QStringLiteral("in_handling");
    queue.updateCase(record);
    QCOMPARE(queue.viewCount(QueueView::Overdue), 1);
    queue.setNow(QDateTime(QDate(2026, 3, 5), QTime(9, 0), Qt::UTC));
    QCOMPARE(queue.viewCount(QueueView::Overdue), 2);

    // A case reported at the desk joins the list.
    CaseRecord fresh;
    fresh.id = 10;
    fresh.state = QStringLiteral("reported");
    queue.updateCase(fresh);
    QCOMPARE(queue.viewCount(QueueView::ToRegister), 2);
    QCOMPARE(queue.viewCount(QueueView::All), 5);
}

void TestCaseQueueWidget::shortcutsSwitchViews()
{
    CaseQueueWidget queue;
    setUpDesk(queue, DeskUser {QStringLiteral("ann"), Role::Operator, {}});
    queue.addActions(queue.viewActions());
    queue.show();
    QVERIFY(QTest::qWaitForWindowExposed(&queue));
    queue.activateWindow();
    QTest::keyClick(&queue, Qt::Key_2, Qt::ControlModifier);
    QCOMPARE(queue.queueView(), QueueView::ToRegister);
    QTest::keyClick(&queue, Qt::Key_7, Qt::ControlModifier);
    QCOMPARE(queue.queueView(), QueueView::Overdue);
    QCOMPARE(queue.proxyModel()->rowCount(), 1);
}

GRIDDESK_TEST_MAIN(TestCaseQueueWidget, QApplication)

#include "tst_casequeuewidget.moc"
