// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "desksync/syncstate.h"

#include "support/testsupport.h"

#include <QCoreApplication>

using namespace GridDesk;

class TestSyncState : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void retryDelayDoublesUpToTheCap_data()
    {
        QTest::addColumn<int>("attempt");
        QTest::addColumn<int>("delayMs");
        QTest::newRow("first") << 1 << 5'000;
        QTest::newRow("second") << 2 << 10'000;
        QTest::newRow("third") << 3 << 20'000;
        QTest::newRow("fourth") << 4 << 40'000;
        QTest::newRow("fifth") << 5 << 80'000;
        QTest::newRow("sixth reaches the cap") << 6 << 120'000;
        QTest::newRow("far past the cap") << 1'000'000 << 120'000;
        QTest::newRow("no failure counts as the first") << 0 << 5'000;
    }

    void retryDelayDoublesUpToTheCap()
    {
        QFETCH(int, attempt);
        QFETCH(int, delayMs);
        QCOMPARE(retryDelayMs(SyncTiming(), attempt), delayMs);
    }

    void retryDelayFollowsTheTiming()
    {
        const SyncTiming quick {.intervalMs = 1'000, .firstRetryMs = 300, .maxRetryMs = 1'000};
        QCOMPARE(retryDelayMs(quick, 1), 300);
        QCOMPARE(retryDelayMs(quick, 2), 600);
        QCOMPARE(retryDelayMs(quick, 3), 1'000);
        QCOMPARE(retryDelayMs(quick, 4), 1'000);
    }
};

GRIDDESK_TEST_MAIN(TestSyncState, QCoreApplication)
#include "tst_syncstate.moc"
