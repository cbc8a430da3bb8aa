// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "evaluation/evaluator.h"

#include "evaluationfixture.h"
#include "support/testsupport.h"

#include <QCoreApplication>
#include <QSqlError>

using namespace GridDesk;

namespace {

EvaluationFilter filterFor(std::optional<QDate> from = {}, std::optional<QDate> to = {},
    Grouping by = Grouping::None, Period period = Period::None, const QString &user = {})
{
    EvaluationFilter filter;
    filter.from = from;
    filter.to = to;
    filter.groupBy = by;
    filter.period = period;
    filter.user = user;
    return filter;
}

QList<qint64> sortedIds(QList<qint64> ids)
{
    std::sort(ids.begin(), ids.end());
    return ids;
}

} // namespace

class TestEvaluator : public QObject
{
    Q_OBJECT

    Test::EvaluationCity m_city;
    std::unique_ptr<Workspace> m_workspace;

    Result<EvaluationReport> run(const EvaluationFilter &filter = {})
    {
        return Evaluator::run(*m_workspace, filter);
    }

    void checkValue(const EvaluationGroup &group, Indicator indicator, qint64 numerator,
        qint64 denominator, const QList<int> &cases)
    {
        checkValueIn(m_city, group, indicator, numerator, denominator, cases);
    }

    void checkValueIn(const Test::EvaluationCity &city, const EvaluationGroup &group,
        Indicator indicator, qint64 numerator, qint64 denominator, const QList<int> &cases)
    {
        const IndicatorValue value = group.value(indicator);
        const QByteArray what = indicatorKey(indicator).toLatin1();
        QVERIFY2(value.numerator == numerator,
            what + " numerator " + QByteArray::number(value.numerator));
        QVERIFY2(value.denominator == denominator,
            what + " denominator " + QByteArray::number(value.denominator));
        QList<qint64> expected;
        for (int n : cases)
            expected << city.id(n);
        QCOMPARE(sortedIds(value.cases), sortedIds(expected));
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_workspace = m_city.build();
        QVERIFY(m_workspace);
    }

    void everyIndicatorOnKnownHistories()
    {
        auto report = run();
        QVERIFY2(report, Test::why(report));
        const EvaluationGroup &total = report->total;
        checkValue(total, Indicator::Received, 8, 0, {1, 2, 3, 4, 5, 6, 7, 8});
        checkValue(total, Indicator::Registered, 7, 0, {1, 2, 3, 4, 5, 7, 8});
        checkValue(total, Indicator::Dispatched, 5, 0, {1, 2, 3, 4, 8});
        checkValue(total, Indicator::Closed, 5, 0, {1, 2, 3, 7, 8});
        checkValue(total, Indicator::ClosureRate, 5, 6, {1, 2, 3, 7, 8});
        QCOMPARE(sortedIds(total.value(Indicator::ClosureRate).denominatorCases),
            m_city.ids({1, 2, 3, 4, 7, 8}));
        checkValue(total, Indicator::OnTimeClosureRate, 3, 5, {1, 3, 7});
        checkValue(total, Indicator::ReworkRate, 1, 5, {3});
        checkValue(total, Indicator::Returns, 1, 0, {3});
        checkValue(total, Indicator::FailedVerifications, 1, 0, {3});
        checkValue(total, Indicator::Supervisions, 2, 0, {3, 8});
        checkValue(total, Indicator::SupervisionRate, 2, 5, {3, 8});
        checkValue(total, Indicator::FirstDiscoveryRate, 2, 8, {2, 4});
        checkValue(total, Indicator::Satisfaction, 8, 2, {1, 2});
        QCOMPARE(*total.value(Indicator::Satisfaction).value, 4.0);
        checkValue(total, Indicator::Evaluated, 2, 0, {1, 2});
        checkValue(total, Indicator::HotlineReceived, 3, 0, {1, 3, 8});
        // C1's reporter was called an hour after the report, C8's after 25 hours, C3's never.
        checkValue(total, Indicator::HotlineFirstContactRate, 1, 3, {1});
        QCOMPARE(sortedIds(total.value(Indicator::HotlineFirstContactRate).denominatorCases),
            m_city.ids({1, 3, 8}));
        checkValue(total, Indicator::HotlineOnTimeRate, 2, 3, {1, 3});
        checkValue(total, Indicator::HotlineResolutionRate, 2, 3, {1, 3});
        checkValue(total, Indicator::HotlineSatisfaction, 5, 1, {1});
        QCOMPARE(*total.value(Indicator::ClosureRate).value, 5.0 / 6.0);
        QCOMPARE(*total.value(Indicator::FirstDiscoveryRate).value, 0.25);
    }

    void stageTimesAreMeanAndMedianOfEndedStages()
    {
        auto report = run();
        QVERIFY2(report, Test::why(report));
        // Handling: C1 24 h, C2 72 h, C3 6 h, C8 23.5 h; C4 is still being handled.
        const StageTime handle = report->total.stageTime(Stage::Handle);
        QCOMPARE(handle.count, 4);
        QCOMPARE(*handle.meanHours, 125.5 / 4.0);
        QCOMPARE(*handle.medianHours, (23.5 + 24.0) / 2.0);
        QCOMPARE(handle.cases, m_city.ids({1, 2, 3, 8}));
        // Supervision: C3 16 h, C8 6 h.
        const StageTime supervise = report->total.stageTime(Stage::Supervise);
        QCOMPARE(supervise.count, 2);
        QCOMPARE(*supervise.meanHours, 11.0);
        QCOMPARE(*supervise.medianHours, 11.0);
        // Acceptance: C1, C2, C4, C8 20 min; C3 30 min then 20 min.
        const StageTime accept = report->total.stageTime(Stage::Accept);
        QCOMPARE(accept.count, 6);
        QCOMPARE(*accept.medianHours, 20.0 / 60.0);
        QCOMPARE(report->total.stageTime(Stage::Evaluate).count, 2);
    }

    void historiesCountAsTheyStoodAtThePeriodsEnd()
    {
        auto report = run(filterFor({}, QDate(2026, 3, 5)));
        QVERIFY2(report, Test::why(report));
        const EvaluationGroup &total = report->total;
        // C7 was reported in April; C8 was verified on 10 March, after the period.
        checkValue(total, Indicator::Received, 7, 0, {1, 2, 3, 4, 5, 6, 8});
        checkValue(total, Indicator::Closed, 3, 0, {1, 2, 3});
        checkValue(total, Indicator::ClosureRate, 3, 5, {1, 2, 3});
        checkValue(total, Indicator::HotlineOnTimeRate, 2, 2, {1, 3});

        auto april = run(filterFor(QDate(2026, 3, 3)));
        QVERIFY2(april, Test::why(april));
        checkValue(april->total, Indicator::Received, 1, 0, {7});
        checkValue(april->total, Indicator::OnTimeClosureRate, 1, 1, {7});
    }

    void groups_data()
    {
        QTest::addColumn<Grouping>("by");
        QTest::addColumn<Period>("period");
        QTest::addColumn<QStringList>("keys");
        QTest::addColumn<QList<int>>("counts");
        QTest::newRow("unit") << Grouping::Unit << Period::None
                              << QStringList {{}, QStringLiteral("roads"),
                                     QStringLiteral("sanitation")}
                              << QList<int> {3, 2, 3};
        QTest::newRow("grid") << Grouping::Grid << Period::None
                              << QStringList {QStringLiteral("G1"), QStringLiteral("G2"),
                                     QStringLiteral("G3")}
                              << QList<int> {5, 2, 1};
        QTest::newRow("category") << Grouping::Category << Period::None
                                  << QStringList {QStringLiteral("litter")} << QList<int> {8};
        QTest::newRow("source") << Grouping::Source << Period::None
                                << QStringList {QStringLiteral("app"), QStringLiteral("grid_staff"),
                                       QStringLiteral("hotline"), QStringLiteral("iot"),
                                       QStringLiteral("video")}
                                << QList<int> {1, 2, 3, 1, 1};
        QTest::newRow("day") << Grouping::None << Period::Day
                             << QStringList {QStringLiteral("2026-03-02|"),
                                    QStringLiteral("2026-04-01|")}
                             << QList<int> {7, 1};
        QTest::newRow("week") << Grouping::None << Period::Week
                              << QStringList {QStringLiteral("2026-W10|"),
                                     QStringLiteral("2026-W14|")}
                              << QList<int> {7, 1};
        QTest::newRow("month by grid")
            << Grouping::Grid << Period::Month
            << QStringList {QStringLiteral("2026-03|G1"), QStringLiteral("2026-03|G2"),
                   QStringLiteral("2026-04|G3")}
            << QList<int> {5, 2, 1};
        QTest::newRow("quarter") << Grouping::None << Period::Quarter
                                 << QStringList {QStringLiteral("2026-Q1|"),
                                        QStringLiteral("2026-Q2|")}
                                 << QList<int> {7, 1};
    }

    void groups()
    {
        QFETCH(Grouping, by);
        QFETCH(Period, period);
        QFETCH(QStringList, keys);
        QFETCH(QList<int>, counts);
        auto report = run(filterFor({}, {}, by, period));
        QVERIFY2(report, Test::why(report));
        QStringList found;
        QList<int> sizes;
        for (const EvaluationGroup &group : report->groups) {
            found << (period == Period::None ? group.key() : group.period() + u'|' + group.key());
            sizes << int(group.caseCount());
        }
        QCOMPARE(found, keys);
        QCOMPARE(sizes, counts);
        QCOMPARE(report->total.caseCount(), 8);
    }

    void userSeesOnlyTheirJurisdiction()
    {
        auto roads = run(filterFor({}, {}, Grouping::None, Period::None, QStringLiteral("ray")));
        QVERIFY2(roads, Test::why(roads));
        // Led by roads (C3, C4) or in grid G3, which roads answers for (C7).
        checkValue(roads->total, Indicator::Received, 3, 0, {3, 4, 7});
        QVERIFY(roads->jurisdiction.contains(QLatin1String("roads")));
        QVERIFY(!roads->notes.filter(QLatin1String("outside the user's jurisdiction")).isEmpty());

        auto sanitation =
            run(filterFor({}, {}, Grouping::None, Period::None, QStringLiteral("dana")));
        QVERIFY2(sanitation, Test::why(sanitation));
        checkValue(sanitation->total, Indicator::Received, 3, 0, {1, 2, 8});

        auto boss = run(filterFor({}, {}, Grouping::None, Period::None, QStringLiteral("boss")));
        QVERIFY2(boss, Test::why(boss));
        QCOMPARE(boss->total.caseCount(), 8);

        auto stranger =
            run(filterFor({}, {}, Grouping::None, Period::None, QStringLiteral("nobody")));
        QVERIFY(!stranger);
        QVERIFY2(stranger.error().message.contains(QLatin1String("nobody"))
                && stranger.error().message.contains(QLatin1String("boss")),
            qPrintable(stranger.error().message));
    }

    void userSeesCasesInGridsNestedInTheirJurisdiction()
    {
        Test::EvaluationCity city;
        auto workspace = city.build();
        QVERIFY(workspace);
        // Sanitation answers for base grid B1, in which fine grid G1 lies.
        QSqlQuery query(workspace->database());
        QVERIFY(query.exec(QStringLiteral("INSERT INTO grids (code, level, parent_code) VALUES "
                                          "('B1', 'base', NULL), ('G1', 'fine', 'B1')")));
        QVERIFY(query.exec(QStringLiteral(
            "INSERT INTO org_unit_details (code, jurisdiction) VALUES ('sanitation', 'B1')")));
        EvaluationFilter filter;
        filter.user = QStringLiteral("dana");
        auto report = Evaluator::run(*workspace, filter);
        QVERIFY2(report, Test::why(report));
        // Led by sanitation (C1, C2, C8) or lying in G1 (C5, C6, never dispatched).
        QCOMPARE(
            sortedIds(report->total.value(Indicator::Received).cases), city.ids({1, 2, 5, 6, 8}));
    }

    void rankingLeavesOutSmallUnitsAndSaysSo()
    {
        auto report = run();
        QVERIFY2(report, Test::why(report));
        // Neither unit has the default 30 cases.
        QVERIFY(report->ranking.isEmpty());
        QCOMPARE(report->unranked.size(), 2);
        QVERIFY(!report->notes.filter(QLatin1String("fewer than 30 cases")).isEmpty());

        EvaluationWeights weights = EvaluationWeights::defaults();
        weights.minimumCases = 3;
        QVERIFY(weights.save(*m_workspace));
        report = run();
        QVERIFY2(report, Test::why(report));
        QCOMPARE(report->ranking.size(), 1);
        const UnitScore &sanitation = report->ranking.first();
        QCOMPARE(sanitation.unit, QStringLiteral("sanitation"));
        QCOMPARE(sanitation.unitName, QStringLiteral("Sanitation"));
        QCOMPARE(*sanitation.rank, 1);
        QCOMPARE(sanitation.caseIds, m_city.ids({1, 2, 8}));
        // Closure 3/3, on time 1/3, rework 0/3, supervised 1/3, first found 1/3, satisfaction
        // 4 of 5: (25·1 + 25·⅓ + 15·1 + 10·⅔ + 10·⅓ + 15·0.75) / 100.
        const double expected = 25 + 25.0 / 3 + 15 + 10 * 2.0 / 3 + 10.0 / 3 + 15 * 0.75;
        QVERIFY2(qAbs(*sanitation.score - expected) < 1e-9,
            qPrintable(QString::number(*sanitation.score)));
        QCOMPARE(report->unranked.size(), 1);
        QCOMPARE(report->unranked.first().unit, QStringLiteral("roads"));
        QVERIFY(!report->unranked.first().rank);

        // Only the closure rate counts now: sanitation closed all it had to.
        EvaluationWeights closureOnly;
        closureOnly.weights = {{Indicator::ClosureRate, 1}};
        closureOnly.minimumCases = 2;
        QVERIFY(closureOnly.save(*m_workspace));
        report = run();
        QVERIFY2(report, Test::why(report));
        QCOMPARE(report->ranking.size(), 2);
        QCOMPARE(*report->ranking.at(0).score, 100.0);
        QCOMPARE(report->ranking.at(1).unit, QStringLiteral("roads"));
        QCOMPARE(*report->ranking.at(1).score, 50.0);
        QVERIFY(EvaluationWeights::defaults().save(*m_workspace));
    }

    void unreadableHistoryIsNamed()
    {
        Test::EvaluationCity city;
        auto workspace = city.build();
        QVERIFY(workspace);
        // Another program appended an event whose data is not JSON to C4.
        QSqlQuery query(workspace->database());
        QVERIFY2(query.exec(QStringLiteral("INSERT INTO case_events (case_id, sequence, action, "
                                           "actor, role, at, from_state, to_state, data) VALUES "
                                           "(%1, 5, 'promise', 'x', 'operator', "
                                           "'2026-03-02T10:00:00', 'in_handling', "
                                           "'in_handling', '{broken')")
                                .arg(city.id(4))),
            qPrintable(query.lastError().text()));
        auto report = Evaluator::run(*workspace, {});
        QVERIFY(!report);
        QVERIFY2(report.error().message.contains(
                     QStringLiteral("Event 5 of case %1 holds data that is not a JSON object")
                         .arg(city.id(4))),
            qPrintable(report.error().message));
    }

    void aReturnVisitStandsOverTheEvaluation()
    {
        Test::EvaluationCity city;
        auto workspace = city.build();
        QVERIFY(workspace);
        // C1 (hotline, evaluated 5 on day 4) is called back on day 6.
        ActionRequest visit;
        visit.action = CaseAction::ReturnVisit;
        visit.basedOnVersion = ActionRequest::CURRENT_VERSION;
        visit.actor = QStringLiteral("centre");
        visit.actorUnit = QStringLiteral("city");
        visit.role = Role::System;
        visit.at = CaseTime::naive(QDate(2026, 3, 6), QTime(10, 0));
        visit.data = {{QStringLiteral("satisfaction"), 2},
            {QStringLiteral("return_visit"), QStringLiteral("The bins are full again.")}};
        CaseBook book(*workspace, Test::EvaluationCity::setup());
        auto refused = workspace->transaction<QList<std::pair<qint64, Error>>>([&] {
            return book.appendHistories({{city.id(1), {visit}}});
        });
        QVERIFY2(refused && refused->isEmpty(), "the return visit was refused");

        auto report = Evaluator::run(*workspace, {});
        QVERIFY2(report, Test::why(report));
        checkValueIn(city, report->total, Indicator::Satisfaction, 5, 2, {1, 2});
        checkValueIn(city, report->total, Indicator::HotlineSatisfaction, 2, 1, {1});
        checkValueIn(city, report->total, Indicator::Evaluated, 2, 0, {1, 2});

        // A return visit needs a satisfaction, and only a closed case is visited.
        visit.data = {{QStringLiteral("return_visit"), QStringLiteral("No answer.")}};
        auto noScore = workspace->transaction<QList<std::pair<qint64, Error>>>([&] {
            return book.appendHistories({{city.id(1), {visit}}});
        });
        QVERIFY(noScore && noScore->size() == 1);
        QVERIFY2(noScore->first().second.message.contains(QLatin1String("Satisfaction")),
            qPrintable(noScore->first().second.message));
        visit.data = {{QStringLiteral("satisfaction"), 4}};
        auto open = workspace->transaction<QList<std::pair<qint64, Error>>>([&] {
            return book.appendHistories({{city.id(4), {visit}}});
        });
        QVERIFY(open && open->size() == 1);
    }

    void badFiltersAreRefused()
    {
        auto backwards = run(filterFor(QDate(2026, 3, 5), QDate(2026, 3, 1)));
        QVERIFY(!backwards);
        QVERIFY(backwards.error().message.contains(QLatin1String("2026-03-05")));
        auto notADay =
            EvaluationFilter::parseDate(QStringLiteral("2026-02-30"), QStringLiteral("--from"));
        QVERIFY(!notADay);
        QVERIFY(notADay.error().message.contains(QLatin1String("--from")));
        QVERIFY(!EvaluationFilter::parseDate(QStringLiteral("5/3/2026"), QStringLiteral("--to")));
        QCOMPARE(
            *EvaluationFilter::parseDate(QStringLiteral(" 2026-03-05 "), QStringLiteral("--to")),
            QDate(2026, 3, 5));
    }
};

GRIDDESK_TEST_MAIN(TestEvaluator, QCoreApplication)
#include "tst_evaluator.moc"
