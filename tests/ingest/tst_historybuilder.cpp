// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "ingest/feedtime.h"
#include "ingest/historybuilder.h"

#include "support/testsupport.h"

#include <QCoreApplication>

using namespace GridDesk;

namespace {

CaseTime at(const char *text)
{
    return text[0] ? FeedTime::parse(QString::fromLatin1(text)).value_or(CaseTime()) : CaseTime();
}

QString actions(const QList<ActionRequest> &requests)
{
    QStringList keys;
    for (const ActionRequest &request : requests)
        keys << caseActionKey(request.action);
    return keys.join(u' ');
}

CaseRecord record(const char *status, const char *created, const char *closed)
{
    CaseRecord record;
    record.externalId = QStringLiteral("1-870704814");
    record.category = QStringLiteral("Bulky Items");
    record.agency = QStringLiteral("BOS");
    record.status = QString::fromLatin1(status);
    record.created = at(created);
    record.closed = at(closed);
    return record;
}

const CaseTime IMPORT_TIME = CaseTime::naive(QDate(2026, 1, 5), QTime(9, 0));

} // namespace

class TestHistoryBuilder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void statusEndsTheHistory_data()
    {
        QTest::addColumn<QString>("status");
        QTest::addColumn<bool>("closedKnown");
        QTest::addColumn<QString>("crew");
        QTest::addColumn<QString>("expected");
        const QString open = QStringLiteral("report register dispatch");
        const QString assigned = open + QStringLiteral(" accept");
        const QString closed = assigned + QStringLiteral(" feed_back verify");
        QTest::newRow("closed") << "Closed" << true << "NC" << closed;
        QTest::newRow("closed without crew") << "Closed" << true << "" << closed;
        QTest::newRow("referred out") << "Referred Out" << true << "NC" << closed;
        QTest::newRow("cancelled with crew") << "Cancelled" << true << "NC" << assigned + " cancel";
        QTest::newRow("cancelled without crew") << "Cancelled" << true << "" << open + " cancel";
        QTest::newRow("nyc assigned") << "Assigned" << false << "" << assigned;
        QTest::newRow("nyc pending") << "Pending" << false << "" << open;
        QTest::newRow("la open with crew") << "Open" << false << "EV" << assigned;
        QTest::newRow("forward still open") << "Forward" << false << "" << open;
        QTest::newRow("status in capitals") << "CLOSED" << true << "" << closed;
        QTest::newRow("no status, closed date") << "" << true << "" << closed;
        QTest::newRow("no status, no date") << "" << false << "" << open;
        QTest::newRow("unknown status, no date") << "Started" << false << "" << assigned;
    }
    void statusEndsTheHistory()
    {
        QFETCH(QString, status);
        QFETCH(bool, closedKnown);
        QFETCH(QString, crew);
        QFETCH(QString, expected);

        CaseRecord row =
            record("", "01/01/2018 12:00:09 AM", closedKnown ? "01/06/2018 10:18:29 AM" : "");
        row.status = status;
        FeedCourse course;
        course.crew = crew;
        const HistoryBuilder builder(QStringLiteral("la311"), IMPORT_TIME);
        const QList<ActionRequest> requests = builder.build(row, course);
        QCOMPARE(actions(requests), expected);

        for (const ActionRequest &request : requests) {
            QCOMPARE(request.role, Role::System);
            QVERIFY(request.at.isValid());
        }
    }

    void closedCaseNamesWhoDidWhat()
    {
        FeedCourse course;
        course.channel = QStringLiteral("Mobile App");
        course.crew = QStringLiteral("NC");
        course.serviced = at("01/06/2018 12:00:00 AM");
        const HistoryBuilder builder(QStringLiteral("la311"), IMPORT_TIME);
        const auto requests = builder.build(
            record("Closed", "01/01/2018 12:00:09 AM", "01/06/2018 10:18:29 AM"), course);
        QCOMPARE(requests.size(), 6);

        const ActionRequest &report = requests.at(0);
        QCOMPARE(report.actor, QStringLiteral("import: la311"));
        QCOMPARE(report.actorUnit, QStringLiteral("city"));
        QCOMPARE(report.data.value(QLatin1String("channel")).toString(), "Mobile App");
        QCOMPARE(requests.at(1).data.value(QLatin1String("category")).toString(), "Bulky Items");
        QCOMPARE(requests.at(2).unit, QStringLiteral("BOS"));

        for (int handled : {3, 4}) {
            QCOMPARE(requests.at(handled).actor, QStringLiteral("BOS/NC"));
            QCOMPARE(requests.at(handled).actorUnit, QStringLiteral("BOS/NC"));
        }
        QCOMPARE(requests.at(4).at.toIso(), QStringLiteral("2018-01-06T00:00:00"));
        QVERIFY(!requests.at(4).data.value(QLatin1String("result")).toString().isEmpty());

        const ActionRequest &verify = requests.at(5);
        QCOMPARE(verify.actor, QStringLiteral("import: la311"));
        QCOMPARE(verify.at.toIso(), QStringLiteral("2018-01-06T10:18:29"));
        QVERIFY(verify.data.isEmpty());
    }

    void feedResultAndDueDateAreKept()
    {
        FeedCourse course;
        course.result = QStringLiteral("The Department of Finance resolved this issue.");
        course.due = at("03/22/2011 02:27:57 PM");
        CaseRecord row = record("Closed", "03/01/2011 02:27:57 PM", "03/14/2011 03:59:20 PM");
        row.agency = QStringLiteral("DOF");
        const auto requests =
            HistoryBuilder(QStringLiteral("nyc311"), IMPORT_TIME).build(row, course);
        QCOMPARE(requests.at(2).data.value(QLatin1String("due_at")).toString(),
            QStringLiteral("2011-03-22T14:27:57"));
        QCOMPARE(requests.at(3).actor, QStringLiteral("DOF"));
        // Without a service time the result is reported when the case closed.
        QCOMPARE(requests.at(4).at.toIso(), QStringLiteral("2011-03-14T15:59:20"));
        QCOMPARE(requests.at(4).data.value(QLatin1String("result")).toString(), course.result);
    }

    void eventsNeverGoBackInTime()
    {
        // MyLA311 1-872435501: streetlight crews record the day, not the time, so the case was
        // serviced and closed "at midnight", hours before it was created.
        FeedCourse course;
        course.crew = QStringLiteral("WEST");
        course.serviced = at("01/02/2018 12:00:00 AM");
        CaseRecord row = record("Closed", "01/02/2018 04:21:58 PM", "01/02/2018 12:00:00 AM");
        row.agency = QStringLiteral("BSL");
        const auto requests =
            HistoryBuilder(QStringLiteral("la311"), IMPORT_TIME).build(row, course);
        for (qsizetype i = 1; i < requests.size(); ++i)
            QVERIFY(requests.at(i - 1).at.secondsTo(requests.at(i).at) >= 0);

        for (int clamped : {4, 5}) {
            QCOMPARE(requests.at(clamped).at.toIso(), QStringLiteral("2018-01-02T16:21:58"));
            QCOMPARE(requests.at(clamped).data.value(QLatin1String("feed_time")).toString(),
                QStringLiteral("2018-01-02T00:00:00"));
        }
        for (int onTime : {0, 1, 2, 3})
            QVERIFY(!requests.at(onTime).data.contains(QLatin1String("feed_time")));
    }

    void missingCreationStartsAtTheFirstKnownTime()
    {
        FeedCourse course;
        course.serviced = at("01/03/2018 09:00:00 AM");
        const auto requests = HistoryBuilder(QStringLiteral("la311"), IMPORT_TIME)
                                  .build(record("Closed", "", "01/04/2018 10:00:00 AM"), course);
        QCOMPARE(requests.first().at.toIso(), QStringLiteral("2018-01-03T09:00:00"));
        QVERIFY(requests.first().data.value(QLatin1String("time_unknown")).toBool());
        QVERIFY(requests.at(2).data.value(QLatin1String("time_unknown")).toBool());
        QVERIFY(!requests.at(4).data.contains(QLatin1String("time_unknown")));
        QCOMPARE(requests.last().at.toIso(), QStringLiteral("2018-01-04T10:00:00"));
    }

    void noTimeAtAllUsesTheImportTime()
    {
        const auto requests = HistoryBuilder(QStringLiteral("la311"), IMPORT_TIME)
                                  .build(record("Cancelled", "", ""), FeedCourse());
        QCOMPARE(actions(requests), QStringLiteral("report register dispatch cancel"));
        for (const ActionRequest &request : requests) {
            QCOMPARE(request.at.toIso(), IMPORT_TIME.toIso());
            QVERIFY(request.data.value(QLatin1String("time_unknown")).toBool());
        }
        QVERIFY(requests.last().reason.contains(QLatin1String("Cancelled")));
    }

    void caseWithoutAgencyGoesToTheUnassignedUnit()
    {
        CaseRecord row = record("Closed", "01/01/2018 12:00:09 AM", "01/06/2018 10:18:29 AM");
        row.agency.clear();
        const auto requests = HistoryBuilder(QStringLiteral("la311"), IMPORT_TIME).build(row, {});
        QCOMPARE(requests.at(2).unit, QString::fromLatin1(HistoryBuilder::UNASSIGNED_UNIT));
        QCOMPARE(HistoryBuilder::crewUnitFor(QString(), QStringLiteral("NC")),
            QStringLiteral("unassigned/NC"));
        QCOMPARE(HistoryBuilder::crewUnitFor(QStringLiteral("BOS"), QString()), QString());
    }
};

GRIDDESK_TEST_MAIN(TestHistoryBuilder, QCoreApplication)
#include "tst_historybuilder.moc"
