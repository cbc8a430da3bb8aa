// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "cases/casefilterproxymodel.h"

#include "casefixture.h"
#include "support/testsupport.h"

#include "cases/casetablemodel.h"

#include <QAbstractItemModelTester>
#include <QGuiApplication>

using namespace GridDesk;
using Column = CaseTableModel::Column;

class TestCaseFilterProxyModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void textFilter_data();
    void textFilter();
    void gridFilter();
    void gridAndTextTogether();
    void sortsIdsAsNumbers();
    void sortsCreatedAsTime();
    void sortsDeadlinesMostUrgentFirst();
    void queueViewFilters();
    void queueViewWithTextAndGrid();
    void changedCaseMovesBetweenViews();
    void changedCaseMovesInTheSortOrder();
    void newCaseTakesItsPlace();
    void sortKeepsPersistentRows();
    void textFindsStateAndUnitNames();

private:
    QStringList shownIds() const;

    std::unique_ptr<CaseTableModel> m_model;
    std::unique_ptr<CaseFilterProxyModel> m_proxy;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestCaseFilterProxyModel::init()
{
    m_model = std::make_unique<CaseTableModel>();
    m_proxy = std::make_unique<CaseFilterProxyModel>();
    m_proxy->setSourceModel(m_model.get());
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_proxy.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_model->setSetup(Test::fixtureSetup());
    m_model->setNow(Test::fixtureNow());
    m_model->setCases(Test::fixtureCases());
    m_proxy->setQueueFilter(
        QueueFilter(m_model->cases(), DeskUser {QStringLiteral("op"), Role::Operator, {}},
            m_model->setup().units, Test::fixtureNow()));
}

void TestCaseFilterProxyModel::cleanup()
{
    m_tester.reset();
    m_proxy.reset();
    m_model.reset();
}

QStringList TestCaseFilterProxyModel::shownIds() const
{
    QStringList ids;
    for (int row = 0; row < m_proxy->rowCount(); ++row)
        ids << m_proxy->index(row, int(Column::Id)).data().toString();
    return ids;
}

void TestCaseFilterProxyModel::textFilter_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("empty") << QString() << QStringList {"900", "80", "1000", "7"};
    QTest::newRow("category-any-case") << "noise" << QStringList {"900"};
    QTest::newRow("agency") << "DOT" << QStringList {"80"};
    QTest::newRow("status") << "closed" << QStringList {"80", "1000"};
    QTest::newRow("grid") << "102" << QStringList {"80"};
    QTest::newRow("flag") << "no_location" << QStringList {"1000"};
    QTest::newRow("date") << "2011-02" << QStringList {"7"};
    QTest::newRow("nothing") << "zebra" << QStringList {};
}

void TestCaseFilterProxyModel::textFilter()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    m_proxy->setFilterText(text);
    QCOMPARE(shownIds(), expected);
}

void TestCaseFilterProxyModel::gridFilter()
{
    m_proxy->setGridFilter({QStringLiteral("101"), QStringLiteral("1")});
    QVERIFY(m_proxy->hasGridFilter());
    QCOMPARE(shownIds(), (QStringList {"900", "7"}));

    m_proxy->setGridFilter({});
    QCOMPARE(shownIds(), QStringList {});

    m_proxy->clearGridFilter();
    QVERIFY(!m_proxy->hasGridFilter());
    QCOMPARE(shownIds().size(), 4);
}

void TestCaseFilterProxyModel::gridAndTextTogether()
{
    m_proxy->setGridFilter({QStringLiteral("101")});
    m_proxy->setFilterText(QStringLiteral("parking"));
    QCOMPARE(shownIds(), QStringList {"7"});
}

void TestCaseFilterProxyModel::sortsIdsAsNumbers()
{
    m_proxy->sort(int(Column::Id), Qt::AscendingOrder);
    QCOMPARE(shownIds(), (QStringList {"7", "80", "900", "1000"}));
}

void TestCaseFilterProxyModel::sortsCreatedAsTime()
{
    m_proxy->sort(int(Column::Created), Qt::DescendingOrder);
    QCOMPARE(shownIds(), (QStringList {"900", "7", "80", "1000"}));
}

void TestCaseFilterProxyModel::sortsDeadlinesMostUrgentFirst()
{
    m_proxy->sort(int(Column::Deadline), Qt::AscendingOrder);
    QCOMPARE(shownIds(), (QStringList {"1000", "7", "900", "80"}));
}

void TestCaseFilterProxyModel::queueViewFilters()
{
    m_proxy->setQueueView(QueueView::ToRegister);
    QCOMPARE(shownIds(), QStringList {"1000"});
    m_proxy->setQueueView(QueueView::MyInbox);
    QCOMPARE(shownIds(), QStringList {"1000"});
    m_proxy->setQueueView(QueueView::Supervised);
    QCOMPARE(shownIds(), QStringList {"7"});
    m_proxy->setQueueView(QueueView::AwaitingVerification);
    QCOMPARE(shownIds(), QStringList {});
    m_proxy->setQueueView(QueueView::All);
    QCOMPARE(shownIds().size(), 4);
}

void TestCaseFilterProxyModel::queueViewWithTextAndGrid()
{
    m_proxy->setQueueView(QueueView::InHandling);
    m_proxy->setGridFilter({QStringLiteral("101")});
    QCOMPARE(shownIds(), QStringList {"900"});
    m_proxy->setFilterText(QStringLiteral("street one"));
    QCOMPARE(shownIds(), QStringList {"900"});
    m_proxy->setFilterText(QStringLiteral("parking"));
    QCOMPARE(shownIds(), QStringList {});
}

void TestCaseFilterProxyModel::changedCaseMovesBetweenViews()
{
    m_proxy->setQueueView(QueueView::AwaitingVerification);
    QCOMPARE(shownIds(), QStringList {});

    // The first case fed back brings a state text the filter has not seen: rebuilt, it places
    // the changed row without filtering the others again.
    CaseRecord record = Test::fixtureCases().at(0);
    record.state = QStringLiteral("fed_back");
    const int row = m_model->updateCase(record);
    m_proxy->setQueueFilter(
        QueueFilter(m_model->cases(), DeskUser {}, {}, Test::fixtureNow()), false);
    m_model->rowChanged(row);
    QCOMPARE(shownIds(), QStringList {"900"});
}

void TestCaseFilterProxyModel::changedCaseMovesInTheSortOrder()
{
    m_proxy->sort(int(Column::Deadline), Qt::AscendingOrder);
    QCOMPARE(shownIds(), (QStringList {"1000", "7", "900", "80"}));
    const QPersistentModelIndex moving = m_proxy->index(0, 0);

    // The overdue case gets a fresh stage with a deadline next week: it moves behind 900.
    CaseRecord record = Test::fixtureCases().at(2);
    record.state = QStringLiteral("dispatched");
    record.deadline = CaseTime::naive(QDate(2026, 3, 10), QTime(9, 0));
    m_model->updateCase(record);
    QCOMPARE(shownIds(), (QStringList {"7", "900", "1000", "80"}));
    QCOMPARE(moving.row(), 2);
    QCOMPARE(moving.data().toString(), QStringLiteral("1000"));
}

void TestCaseFilterProxyModel::newCaseTakesItsPlace()
{
    m_proxy->sort(int(Column::Id), Qt::DescendingOrder);
    CaseRecord record;
    record.id = 5;
    record.externalId = QStringLiteral("500");
    record.state = QStringLiteral("reported");
    m_model->updateCase(record);
    QCOMPARE(shownIds(), (QStringList {"1000", "900", "500", "80", "7"}));
}

void TestCaseFilterProxyModel::sortKeepsPersistentRows()
{
    const QPersistentModelIndex first = m_proxy->index(0, int(Column::Category));
    QCOMPARE(first.data().toString(), QStringLiteral("Noise - Residential"));
    m_proxy->sort(int(Column::Category), Qt::DescendingOrder);
    QCOMPARE(shownIds(), (QStringList {"80", "900", "7", "1000"}));
    QCOMPARE(first.row(), 1);
    QCOMPARE(first.data().toString(), QStringLiteral("Noise - Residential"));
}

void TestCaseFilterProxyModel::textFindsStateAndUnitNames()
{
    m_proxy->setFilterText(QStringLiteral("supervised"));
    QCOMPARE(shownIds(), QStringList {"7"});
    m_proxy->setFilterText(QStringLiteral("street two"));
    QCOMPARE(shownIds(), (QStringList {"80", "7"}));
    // Unit codes are not shown, so they are not found.
    m_proxy->setFilterText(QStringLiteral("street-2"));
    QCOMPARE(shownIds(), QStringList {});
}

GRIDDESK_TEST_MAIN(TestCaseFilterProxyModel, QGuiApplication)

#include "tst_casefilterproxymodel.moc"
