// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "domain/casetime.h"

#include "support/testsupport.h"

#include <QCoreApplication>

using namespace GridDesk;

class TestCaseTime : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void isoRoundTrip_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("hasOffset");
        QTest::newRow("no zone") << "2017-12-31T23:59:58" << false;
        QTest::newRow("beijing") << "2025-10-01T09:30:00+08:00" << true;
        QTest::newRow("new york winter") << "2011-03-01T14:27:57-05:00" << true;
        QTest::newRow("half hour") << "2024-06-01T12:00:00+05:30" << true;
    }
    void isoRoundTrip()
    {
        QFETCH(QString, text);
        QFETCH(bool, hasOffset);
        const auto time = CaseTime::fromIso(text);
        QVERIFY(time.has_value());
        QCOMPARE(time->hasOffset(), hasOffset);
        QCOMPARE(time->toIso(), text);
    }

    void zuluBecomesZeroOffset()
    {
        QCOMPARE(CaseTime::fromIso(QStringLiteral("2025-10-01T01:30:00Z"))->toIso(),
            QStringLiteral("2025-10-01T01:30:00+00:00"));
    }

    void malformedTextIsRejected_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << "";
        QTest::newRow("date only") << "2025-10-01";
        QTest::newRow("month 13") << "2025-13-01T00:00:00";
        QTest::newRow("hour 25") << "2025-10-01T25:00:00";
        QTest::newRow("us format") << "10/01/2025 09:30:00";
        QTest::newRow("offset beyond 14 h") << "2026-12-09T00:00:00+99:60";
        QTest::newRow("offset minutes 60") << "2026-12-09T00:00:00+08:60";
        QTest::newRow("offset 15 h") << "2026-12-09T00:00:00-15:00";
    }
    void malformedTextIsRejected()
    {
        QFETCH(QString, text);
        QVERIFY(!CaseTime::fromIso(text).has_value());
    }

    void secondsBetween()
    {
        const auto opened = CaseTime::naive(QDate(2018, 1, 1), QTime(23, 0));
        const auto closed = CaseTime::naive(QDate(2018, 1, 2), QTime(1, 30));
        QCOMPARE(opened.secondsTo(closed), 9000);
        QCOMPARE(closed.secondsTo(opened), -9000);

        // The same instant written in two zones is no time apart.
        const auto beijing = CaseTime::withOffset(QDate(2025, 1, 1), QTime(8, 0), 8 * 3600);
        const auto utc = CaseTime::withOffset(QDate(2025, 1, 1), QTime(0, 0), 0);
        QCOMPARE(beijing.secondsTo(utc), 0);
    }

    void invalidTimePrintsNothing()
    {
        QVERIFY(!CaseTime().isValid());
        QCOMPARE(CaseTime().toIso(), QString());
    }
};

GRIDDESK_TEST_MAIN(TestCaseTime, QCoreApplication)
#include "tst_casetime.moc"
