// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "ingest/feedtime.h"

#include "support/testsupport.h"

#include <QCoreApplication>

using namespace GridDesk;

class TestFeedTime : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("iso");
        QTest::newRow("nyc 311 afternoon") << "03/01/2011 02:27:57 PM"
                                           << "2011-03-01T14:27:57";
        QTest::newRow("la 311 midnight") << "01/01/2018 12:00:09 AM"
                                         << "2018-01-01T00:00:09";
        QTest::newRow("noon") << "01/06/2018 12:14:43 PM"
                              << "2018-01-06T12:14:43";
        QTest::newRow("24-hour") << "12/31/2017 23:59:58"
                                 << "2017-12-31T23:59:58";
        QTest::newRow("iso without zone") << "2017-12-31T23:59:58"
                                          << "2017-12-31T23:59:58";
        QTest::newRow("microseconds") << "2018-01-04T08:15:00.123456"
                                      << "2018-01-04T08:15:00";
        QTest::newRow("us with fraction") << "01/04/2018 08:15:00.5 AM"
                                          << "2018-01-04T08:15:00";
        QTest::newRow("space and millis") << "2018-01-04 08:15:00.250"
                                          << "2018-01-04T08:15:00";
        QTest::newRow("iso with offset") << "2025-10-01T09:30:00+08:00"
                                         << "2025-10-01T09:30:00+08:00";
        QTest::newRow("iso utc") << "2025-10-01T01:30:00Z"
                                 << "2025-10-01T01:30:00+00:00";
        QTest::newRow("negative offset") << "2011-03-01T14:27:57-0500"
                                         << "2011-03-01T14:27:57-05:00";
        QTest::newRow("date only") << "01/06/2018"
                                   << "2018-01-06T00:00:00";
        QTest::newRow("chinese") << "2025年10月1日 9:30"
                                 << "2025-10-01T09:30:00";
        QTest::newRow("padded") << "  03/01/2011 10:41:13 AM "
                                << "2011-03-01T10:41:13";
        QTest::newRow("empty") << ""
                               << "";
        QTest::newRow("garbage") << "yesterday"
                                 << "";
        QTest::newRow("impossible date") << "02/30/2018 10:00:00 AM"
                                         << "";
        QTest::newRow("impossible offset") << "2020-01-01T10:00:00+99:99"
                                           << "";
        QTest::newRow("offset minutes past 59") << "2020-01-01T10:00:00+05:60"
                                                << "";
        QTest::newRow("24-hour without seconds") << "3/11/2018 2:30"
                                                 << "2018-03-11T02:30:00";
        QTest::newRow("12 pm is noon") << "01/06/2018 12:00 PM"
                                       << "2018-01-06T12:00:00";
        QTest::newRow("hour 13 with am") << "01/06/2018 13:00:00 AM"
                                         << "";
        QTest::newRow("minute 60") << "01/06/2018 10:60:00 AM"
                                   << "";
        QTest::newRow("furthest offset") << "2020-01-01T10:00:00+14:00"
                                         << "2020-01-01T10:00:00+14:00";
    }
    void parse()
    {
        QFETCH(QString, text);
        QFETCH(QString, iso);
        const auto parsed = FeedTime::parse(text);
        QCOMPARE(parsed ? parsed->toIso() : QString(), iso);
    }

    void comparesWallTimesWithoutZones()
    {
        const auto opened = FeedTime::parse(QStringLiteral("01/03/2018 10:00:00 AM"));
        const auto closed = FeedTime::parse(QStringLiteral("01/02/2018 10:00:00 AM"));
        QCOMPARE(opened->secondsTo(*closed), -86400);
        const auto east = FeedTime::parse(QStringLiteral("2025-10-01T09:00:00+08:00"));
        const auto utc = FeedTime::parse(QStringLiteral("2025-10-01T01:00:00Z"));
        QCOMPARE(east->secondsTo(*utc), 0);
    }
};

GRIDDESK_TEST_MAIN(TestFeedTime, QCoreApplication)
#include "tst_feedtime.moc"
