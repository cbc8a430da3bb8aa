// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "patrol/patrolplan.h"

#include "support/testsupport.h"

#include <QCoreApplication>

using namespace GridDesk;

class TestPatrolPlan : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void wholeSlotsLeaveOutPartialOnes_data()
    {
        QTest::addColumn<QString>("per");
        QTest::addColumn<QDate>("first");
        QTest::addColumn<QDate>("last");
        QTest::addColumn<QStringList>("slots");
        // 2 March 2026 is a Monday.
        QTest::newRow("days") << "day" << QDate(2026, 3, 2) << QDate(2026, 3, 4)
                              << QStringList {"2026-03-02/2026-03-02", "2026-03-03/2026-03-03",
                                     "2026-03-04/2026-03-04"};
        QTest::newRow("two whole weeks")
            << "week" << QDate(2026, 3, 2) << QDate(2026, 3, 15)
            << QStringList {"2026-03-02/2026-03-08", "2026-03-09/2026-03-15"};
        QTest::newRow("partial weeks at both ends")
            << "week" << QDate(2026, 3, 4) << QDate(2026, 3, 21)
            << QStringList {"2026-03-09/2026-03-15"};
        QTest::newRow("no whole week")
            << "week" << QDate(2026, 3, 3) << QDate(2026, 3, 8) << QStringList {};
        QTest::newRow("february of a common year")
            << "month" << QDate(2026, 1, 15) << QDate(2026, 3, 31)
            << QStringList {"2026-02-01/2026-02-28", "2026-03-01/2026-03-31"};
    }

    void wholeSlotsLeaveOutPartialOnes()
    {
        QFETCH(QString, per);
        QFETCH(QDate, first);
        QFETCH(QDate, last);
        QFETCH(QStringList, slots);
        QStringList made;
        for (const PlanSlot &slot : wholeSlots(*planPeriodFromKey(per), first, last))
            made << slot.first.toString(Qt::ISODate) + u'/' + slot.last.toString(Qt::ISODate);
        QCOMPARE(made, slots);
    }

    void metOnlyWhenEverySlotHasEnough()
    {
        PlanStatus status;
        status.plan.times = 2;
        QVERIFY(!status.met().has_value());
        status.slots = {
            {QDate(2026, 3, 2), QDate(2026, 3, 8), 2}, {QDate(2026, 3, 9), QDate(2026, 3, 15), 3}};
        QCOMPARE(status.met(), std::optional<bool>(true));
        status.slots[1].done = 1;
        QCOMPARE(status.met(), std::optional<bool>(false));
        QCOMPARE(status.slotsMet(), 1);
    }

    void badPlansAreRefusedSayingWhy_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("message");
        QTest::newRow("grid") << "grid"
                              << "needs the grid";
        QTest::newRow("tasks") << "tasks"
                               << "what to check";
        QTest::newRow("times") << "times"
                               << "at least one patrol a week, not 0";
        QTest::newRow("both") << "both"
                              << "either a person or a post";
        QTest::newRow("neither") << "neither"
                                 << "either a person or a post";
        QTest::newRow("post") << "post"
                              << "Unknown post \"sweeper\"";
        QTest::newRow("share") << "share"
                               << "between 0 and 1, not 1.5";
    }

    void badPlansAreRefusedSayingWhy()
    {
        QFETCH(QString, field);
        QFETCH(QString, message);
        PatrolPlan plan {0, QStringLiteral("G1"), QStringLiteral("Litter, manholes"), 2,
            PlanPeriod::Week, QStringLiteral("lee"), {}, 0.0};
        QVERIFY(plan.validate());
        if (field == QLatin1String("grid"))
            plan.gridCode.clear();
        else if (field == QLatin1String("tasks"))
            plan.tasks = QStringLiteral("  ");
        else if (field == QLatin1String("times"))
            plan.times = 0;
        else if (field == QLatin1String("both"))
            plan.post = QStringLiteral("grid_patroller");
        else if (field == QLatin1String("neither"))
            plan.person.clear();
        else if (field == QLatin1String("post"))
            plan.person.clear(), plan.post = QStringLiteral("sweeper");
        else
            plan.minimumShare = 1.5;
        auto valid = plan.validate();
        QVERIFY(!valid);
        QVERIFY2(valid.error().message.contains(message), qPrintable(valid.error().message));
    }
};

GRIDDESK_TEST_MAIN(TestPatrolPlan, QCoreApplication)
#include "tst_patrolplan.moc"
