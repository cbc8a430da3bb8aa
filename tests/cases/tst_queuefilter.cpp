// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "cases/queuefilter.h"

#include "casefixture.h"
#include "support/testsupport.h"

#include <QCoreApplication>

using namespace GridDesk;

Q_DECLARE_METATYPE(GridDesk::QueueView)
Q_DECLARE_METATYPE(GridDesk::Role)

class TestQueueFilter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void views_data();
    void views();
    void countsMatchTheViews();
    void overdueFollowsTheClock();
    void noUserHasAnEmptyInbox();

private:
    static CompactCaseList cases();
    static QList<qint64> idsIn(
        const CompactCaseList &list, const QueueFilter &filter, QueueView view);
};

CompactCaseList TestQueueFilter::cases()
{
    CompactCaseList list = CompactCaseList::fromRecords(Test::fixtureCases());
    // Case 4 is handled jointly with street 1; case 1's unit asked for more time.
    list.setCoUnits(3, {QStringLiteral("street-1"), QStringLiteral("city")});
    list.setExtensionPending(0, true);
    return list;
}

QList<qint64> TestQueueFilter::idsIn(
    const CompactCaseList &list, const QueueFilter &filter, QueueView view)
{
    QList<qint64> ids;
    for (qsizetype row = 0; row < list.size(); ++row) {
        if (filter.accepts(list, row, view))
            ids << list.id(row);
    }
    return ids;
}

void TestQueueFilter::views_data()
{
    QTest::addColumn<Role>("role");
    QTest::addColumn<QString>("unit");
    QTest::addColumn<QueueView>("view");
    QTest::addColumn<QList<qint64>>("expected");

    const Role op = Role::Operator;
    QTest::newRow("to register") << op << QString() << QueueView::ToRegister << QList<qint64> {3};
    QTest::newRow("to dispatch") << op << QString() << QueueView::ToDispatch << QList<qint64> {};
    QTest::newRow("in handling") << op << QString() << QueueView::InHandling << QList<qint64> {1};
    QTest::newRow("awaiting verification")
        << op << QString() << QueueView::AwaitingVerification << QList<qint64> {};
    QTest::newRow("supervised") << op << QString() << QueueView::Supervised << QList<qint64> {4};
    // Case 4 is past its deadline too, but its clock is stopped; case 2 is closed.
    QTest::newRow("overdue") << op << QString() << QueueView::Overdue << QList<qint64> {3};
    QTest::newRow("all") << op << QString() << QueueView::All << QList<qint64> {1, 2, 3, 4};

    const QueueView inbox = QueueView::MyInbox;
    QTest::newRow("inbox operator") << op << QString() << inbox << QList<qint64> {3};
    QTest::newRow("inbox supervisor")
        << Role::Supervisor << QString() << inbox << QList<qint64> {4};
    QTest::newRow("inbox leader: extension and supervised")
        << Role::Leader << QString() << inbox << QList<qint64> {1, 4};
    QTest::newRow("inbox handler: lead and co-unit")
        << Role::UnitHandler << QStringLiteral("street-1") << inbox << QList<qint64> {1, 4};
    QTest::newRow("inbox handler: lead only")
        << Role::UnitHandler << QStringLiteral("street-2") << inbox << QList<qint64> {4};
    // A department acts for the lead unit above it, but co-units are named one by one.
    QTest::newRow("inbox handler: department of the lead unit")
        << Role::UnitHandler << QStringLiteral("street-1-works") << inbox << QList<qint64> {1};
    QTest::newRow("inbox handler: unit above the lead unit")
        << Role::UnitHandler << QStringLiteral("district-1") << inbox << QList<qint64> {};
    QTest::newRow("inbox handler: no unit")
        << Role::UnitHandler << QString() << inbox << QList<qint64> {};
}

void TestQueueFilter::views()
{
    QFETCH(Role, role);
    QFETCH(QString, unit);
    QFETCH(QueueView, view);
    QFETCH(QList<qint64>, expected);

    WorkflowSetup setup = Test::fixtureSetup();
    QList<OrgUnit> units = setup.units.units();
    units << OrgUnit {
        QStringLiteral("street-1-works"), QStringLiteral("Works"), 5, QStringLiteral("street-1")};
    const CompactCaseList list = cases();
    const QueueFilter filter(list, DeskUser {QStringLiteral("someone"), role, unit},
        OrgDirectory(units), Test::fixtureNow());
    QCOMPARE(idsIn(list, filter, view), expected);
}

void TestQueueFilter::countsMatchTheViews()
{
    const CompactCaseList list = cases();
    const QueueFilter filter(list, DeskUser {QStringLiteral("op"), Role::Operator, {}},
        Test::fixtureSetup().units, Test::fixtureNow());
    const QueueFilter::Counts counts = filter.count(list);
    for (int view = 0; view < int(QueueView::Count); ++view)
        QCOMPARE(counts[std::size_t(view)], idsIn(list, filter, QueueView(view)).size());
    QCOMPARE(counts[std::size_t(QueueView::All)], 4);
}

void TestQueueFilter::overdueFollowsTheClock()
{
    const CompactCaseList list = cases();
    const DeskUser user {QStringLiteral("op"), Role::Operator, {}};
    const QueueFilter before(list, user, {}, QDateTime(QDate(2026, 3, 3), QTime(16, 59), Qt::UTC));
    QCOMPARE(idsIn(list, before, QueueView::Overdue), QList<qint64> {});
    const QueueFilter after(list, user, {}, QDateTime(QDate(2026, 3, 4), QTime(17, 31), Qt::UTC));
    QCOMPARE(idsIn(list, after, QueueView::Overdue), (QList<qint64> {1, 3}));
}

void TestQueueFilter::noUserHasAnEmptyInbox()
{
    const CompactCaseList list = cases();
    const QueueFilter filter(list, DeskUser {}, {}, Test::fixtureNow());
    QCOMPARE(idsIn(list, filter, QueueView::MyInbox), QList<qint64> {});
    QCOMPARE(idsIn(list, filter, QueueView::ToRegister), QList<qint64> {3});
    // A default filter places every case in "all" only.
    QCOMPARE(idsIn(list, QueueFilter(), QueueView::ToRegister), QList<qint64> {});
    QCOMPARE(idsIn(list, QueueFilter(), QueueView::All).size(), 4);
}

GRIDDESK_TEST_MAIN(TestQueueFilter, QCoreApplication)

#include "tst_queuefilter.moc"
