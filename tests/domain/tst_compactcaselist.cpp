// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "domain/compactcaselist.h"

#include "support/testsupport.h"

#include <QCoreApplication>

using namespace GridDesk;

namespace {
CaseRecord makeCase(qint64 id, const QString &external, const QString &category,
    const QString &status, const QString &grid)
{
    CaseRecord record;
    record.id = id;
    record.externalId = external;
    record.category = category;
    record.status = status;
    record.gridCode = grid;
    record.agency = QStringLiteral("NYPD");
    return record;
}
} // namespace

class TestCompactCaseList : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keepsWhatAListShows()
    {
        CaseRecord record = makeCase(7, QStringLiteral("SR-2024-0001"), QStringLiteral("道路破损"),
            QStringLiteral("Open"), QStringLiteral("101-0001"));
        record.descriptor = QStringLiteral("Pothole");
        record.address = QStringLiteral("北京市朝阳区建国路 88 号");
        record.created = CaseTime::withOffset(QDate(2024, 5, 6), QTime(7, 8, 9), 8 * 3600);
        record.addFlag(CaseFlags::OUTSIDE_GRIDS);
        record.addFlag(CaseFlags::BAD_CLOSED_DATE);

        const CompactCaseList list = CompactCaseList::fromRecords({record});
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.id(0), 7);
        QCOMPARE(list.externalId(0), record.externalId);
        QCOMPARE(list.category(0), record.category);
        QCOMPARE(list.descriptor(0), record.descriptor);
        QCOMPARE(list.status(0), record.status);
        QCOMPARE(list.agency(0), record.agency);
        QCOMPARE(list.address(0), record.address);
        QCOMPARE(list.gridCode(0), record.gridCode);
        QCOMPARE(list.flagsText(0), QStringLiteral("outside_grids, bad_closed_date"));
        QCOMPARE(list.createdWallTime(0), record.created.wallTime());
        QCOMPARE(list.createdWallTime(0).time(), QTime(7, 8, 9));
    }

    void textsOfNeighbouringRowsStayApart()
    {
        CompactCaseList list;
        for (int i = 0; i < 3; ++i) {
            CaseRecord record = makeCase(i + 1, QString::number(100 + i), {}, {}, {});
            record.address = i == 1 ? QString() : QStringLiteral("%1 Main St").arg(i);
            list.append(record);
        }
        QCOMPARE(list.externalId(0), QStringLiteral("100"));
        QCOMPARE(list.address(0), QStringLiteral("0 Main St"));
        QCOMPARE(list.externalId(1), QStringLiteral("101"));
        QVERIFY(list.address(1).isEmpty());
        QCOMPARE(list.externalId(2), QStringLiteral("102"));
        QCOMPARE(list.address(2), QStringLiteral("2 Main St"));
        QVERIFY(list.category(1).isEmpty());
        QVERIFY(list.flagsText(1).isEmpty());
        QVERIFY(!list.createdWallTime(1).isValid());
    }

    void repeatedTextIsStoredOnce()
    {
        const QStringList categories {
            QStringLiteral("Noise"), QStringLiteral("Graffiti"), QStringLiteral("Noise - Street")};
        const QStringList statuses {QStringLiteral("Open"), QStringLiteral("Closed")};
        CompactCaseList list;
        for (int i = 0; i < 1000; ++i) {
            // Fresh strings each time, as a database read gives them.
            list.append(
                makeCase(i + 1, QString::number(i), QString::fromUtf8(categories[i % 3].toUtf8()),
                    statuses[i % 2], QStringLiteral("101-%1").arg(i % 10)));
        }
        // The empty text, three categories, two statuses, one agency and ten grids.
        QCOMPARE(list.sharedTextCount(), 1 + 3 + 2 + 1 + 10);
        QCOMPARE(&list.category(0), &list.category(999));
        QCOMPARE(list.category(998), categories[998 % 3]);
        QCOMPARE(list.gridCode(437), QStringLiteral("101-7"));
    }

    void keepsTheLoopState()
    {
        CaseRecord record = makeCase(3, QStringLiteral("A-3"), QStringLiteral("manhole"),
            QStringLiteral("Open"), QStringLiteral("101"));
        record.state = QStringLiteral("in_handling");
        record.leadUnit = QStringLiteral("street-1");
        record.caseTypes = QStringLiteral("joint,promised");
        record.stageStarted = CaseTime::naive(QDate(2026, 3, 2), QTime(9, 0));
        record.deadline = CaseTime::withOffset(QDate(2026, 3, 5), QTime(17, 30), 8 * 3600);
        record.suspended = true;

        CompactCaseList list = CompactCaseList::fromRecords({record});
        QCOMPARE(list.state(0), QStringLiteral("in_handling"));
        QCOMPARE(list.leadUnit(0), QStringLiteral("street-1"));
        QCOMPARE(list.caseTypes(0), QStringLiteral("joint,promised"));
        QCOMPARE(list.stageStartedWallTime(0), record.stageStarted.wallTime());
        // The wall time as shown, whatever offset the time carried.
        QCOMPARE(list.deadlineWallTime(0).time(), QTime(17, 30));
        QCOMPARE(list.deadlineMsecs(0), CompactCaseList::toMsecs(record.deadline.wallTime()));
        QVERIFY(list.isSuspended(0));
        QVERIFY(!list.hasPendingExtension(0));
        QVERIFY(list.coUnits(0).isEmpty());
        QCOMPARE(list.createdMsecs(0), CompactCaseList::NO_TIME);
        QVERIFY(!list.createdWallTime(0).isValid());
    }

    void updateTakesOverTheLoopOnly()
    {
        CaseRecord first = makeCase(1, QStringLiteral("A-1"), QStringLiteral("noise"),
            QStringLiteral("Open"), QStringLiteral("101"));
        first.state = QStringLiteral("reported");
        first.address = QStringLiteral("1 Main St");
        CaseRecord second = makeCase(2, QStringLiteral("A-2"), QStringLiteral("noise"),
            QStringLiteral("Open"), QStringLiteral("102"));
        second.state = QStringLiteral("reported");
        CompactCaseList list = CompactCaseList::fromRecords({first, second});

        CaseRecord changed = first;
        changed.category = QStringLiteral("noise.night");
        changed.state = QStringLiteral("dispatched");
        changed.leadUnit = QStringLiteral("police-1");
        changed.deadline = CaseTime::naive(QDate(2026, 1, 5), QTime(11, 0));
        changed.address = QStringLiteral("changed addresses are not taken");
        list.updateWorkflow(0, changed);
        list.setCoUnits(0, {QStringLiteral("env-1"), QStringLiteral("city-2")});
        list.setExtensionPending(0, true);

        QCOMPARE(list.state(0), QStringLiteral("dispatched"));
        QCOMPARE(list.category(0), QStringLiteral("noise.night"));
        QCOMPARE(list.leadUnit(0), QStringLiteral("police-1"));
        QCOMPARE(list.deadlineWallTime(0), QDateTime(QDate(2026, 1, 5), QTime(11, 0), Qt::UTC));
        QCOMPARE(list.coUnits(0), (QStringList {"env-1", "city-2"}));
        QVERIFY(list.hasPendingExtension(0));
        QVERIFY(!list.isSuspended(0));
        QCOMPARE(list.address(0), QStringLiteral("1 Main St"));
        QCOMPARE(list.externalId(1), QStringLiteral("A-2"));
        QCOMPARE(list.state(1), QStringLiteral("reported"));
        QVERIFY(list.coUnits(1).isEmpty());

        list.setExtensionPending(0, false);
        QVERIFY(!list.hasPendingExtension(0));
    }

    void sharedTextsHaveStableIndices()
    {
        CompactCaseList list;
        for (int i = 0; i < 4; ++i) {
            CaseRecord record = makeCase(i + 1, {}, {}, {}, {});
            record.state = i % 2 ? QStringLiteral("closed") : QStringLiteral("reported");
            list.append(record);
        }
        const auto reported = list.findText(QStringLiteral("reported"));
        QVERIFY(reported);
        QCOMPARE(list.textIndex(0, CompactCaseList::Text::State), *reported);
        QCOMPARE(list.textIndex(2, CompactCaseList::Text::State), *reported);
        QVERIFY(list.textIndex(1, CompactCaseList::Text::State) != *reported);
        QCOMPARE(list.sharedText(*reported), QStringLiteral("reported"));
        QCOMPARE(list.findText(QString()), std::optional<quint32>(0));
        QVERIFY(!list.findText(QStringLiteral("escalated")));
    }

    void rowOf_data()
    {
        QTest::addColumn<QList<qint64>>("ids");
        QTest::addColumn<qint64>("wanted");
        QTest::addColumn<int>("row"); // -1: absent
        const QList<qint64> ascending {3, 5, 9, 12, 40};
        QTest::newRow("ascending, first") << ascending << qint64(3) << 0;
        QTest::newRow("ascending, middle") << ascending << qint64(12) << 3;
        QTest::newRow("ascending, last") << ascending << qint64(40) << 4;
        QTest::newRow("ascending, between") << ascending << qint64(10) << -1;
        QTest::newRow("ascending, below all") << ascending << qint64(1) << -1;
        QTest::newRow("ascending, above all") << ascending << qint64(41) << -1;
        const QList<qint64> shuffled {12, 3, 40, 9, 5};
        QTest::newRow("shuffled, present") << shuffled << qint64(9) << 3;
        QTest::newRow("shuffled, absent") << shuffled << qint64(10) << -1;
        QTest::newRow("repeated id, ascending") << QList<qint64> {1, 2, 2, 3} << qint64(2) << 2;
        QTest::newRow("repeated id, shuffled") << QList<qint64> {2, 1, 2, 0} << qint64(2) << 2;
        QTest::newRow("empty") << QList<qint64>() << qint64(1) << -1;
    }
    void rowOf()
    {
        QFETCH(QList<qint64>, ids);
        QFETCH(qint64, wanted);
        QFETCH(int, row);
        CompactCaseList list;
        for (const qint64 id : ids)
            list.append(makeCase(id, {}, {}, {}, {}));
        const std::optional<qsizetype> expected =
            row < 0 ? std::nullopt : std::optional<qsizetype>(row);
        QCOMPARE(list.rowOf(wanted), expected);
    }
};

GRIDDESK_TEST_MAIN(TestCompactCaseList, QCoreApplication)

#include "tst_compactcaselist.moc"
