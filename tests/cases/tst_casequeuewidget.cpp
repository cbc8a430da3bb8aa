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
    void filterBoxFilters();
    void sortingIsEnabled();
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

GRIDDESK_TEST_MAIN(TestCaseQueueWidget, QApplication)

#include "tst_casequeuewidget.moc"
