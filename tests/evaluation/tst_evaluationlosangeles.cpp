// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors

// The indicators on the real Los Angeles 311 history (10 000 requests of January 2018, their
// histories rebuilt by the importer), each checked against the same figure computed here in
// plain SQL over the workspace's tables, without the evaluation module's code.

#include "evaluation/evaluator.h"
#include "ingest/caseimporter.h"
#include "ingest/gridimporter.h"
#include "storage/workspace.h"
#include "workflow/workflowsetup.h"

#include "support/testsupport.h"

#include <QCoreApplication>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

using namespace GridDesk;

namespace {

const QString LA_WHOLE =
    QStringLiteral("../../../shared/data/los-angeles/myla311_2018_mini_10k.csv");

/// The last event of every case: what its history adds up to.
const QString LAST_EVENTS =
    QStringLiteral("(SELECT e.* FROM case_events e JOIN (SELECT case_id, max(sequence) AS s "
                   "FROM case_events GROUP BY case_id) m ON m.case_id = e.case_id AND "
                   "e.sequence = m.s)");

/// Each stage a case went through: the event that entered a state and the time the next
/// state began, with the stage's limit in hours as the test sets them (every stage in
/// calendar hours).
const QString STAGES = QStringLiteral(
    "(SELECT case_id, to_state AS state, at AS started, next_at AS ended, "
    "(julianday(next_at) - julianday(at)) * 24.0 AS hours, CASE to_state "
    "WHEN 'reported' THEN 1 WHEN 'registered' THEN 1 WHEN 'returned' THEN 1 "
    "WHEN 'escalated' THEN 1 WHEN 'dispatched' THEN 2 WHEN 'in_handling' THEN 72 "
    "WHEN 'fed_back' THEN 24 WHEN 'supervised' THEN 48 END AS limit_hours FROM "
    "(SELECT case_id, to_state, at, lag(to_state) OVER w AS previous_state, "
    "(SELECT min(n.at) FROM case_events n WHERE n.case_id = c.case_id AND n.sequence > "
    "c.sequence AND n.to_state != c.to_state) AS next_at "
    "FROM case_events c WINDOW w AS (PARTITION BY case_id ORDER BY sequence)) "
    "WHERE previous_state IS NULL OR previous_state != to_state)");

} // namespace

class TestEvaluationLosAngeles : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_workspace;

    qint64 number(const QString &sql) const
    {
        QSqlQuery query(m_workspace->database());
        if (!query.exec(sql) || !query.next()) {
            qWarning("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
            return -1;
        }
        return query.value(0).toLongLong();
    }

    double real(const QString &sql) const
    {
        QSqlQuery query(m_workspace->database());
        if (!query.exec(sql) || !query.next())
            return -1;
        return query.value(0).toDouble();
    }

    QList<qint64> ids(const QString &sql) const
    {
        QSqlQuery query(m_workspace->database());
        QList<qint64> list;
        if (!query.exec(sql))
            return {-1};
        while (query.next())
            list << query.value(0).toLongLong();
        std::sort(list.begin(), list.end());
        return list;
    }

    QHash<QString, qint64> counts(const QString &sql) const
    {
        QSqlQuery query(m_workspace->database());
        QHash<QString, qint64> result;
        if (!query.exec(sql))
            return {{QStringLiteral("error"), -1}};
        while (query.next())
            result.insert(query.value(0).toString(), query.value(1).toLongLong());
        return result;
    }

    /// Every category's stages limited in calendar hours, which SQL can check without the
    /// working calendar.
    Result<void> useCalendarHourLimits()
    {
        auto setup = WorkflowSetup::load(*m_workspace);
        if (!setup)
            return std::unexpected(setup.error());
        using Unit = TimeLimit::Unit;
        const QMap<Stage, TimeLimit> limits {{Stage::Register, {1, Unit::CalendarHours}},
            {Stage::Dispatch, {1, Unit::CalendarHours}}, {Stage::Accept, {2, Unit::CalendarHours}},
            {Stage::Handle, {72, Unit::CalendarHours}}, {Stage::Verify, {24, Unit::CalendarHours}},
            {Stage::Supervise, {48, Unit::CalendarHours}},
            {Stage::Evaluate, {120, Unit::CalendarHours}}};
        QList<Category> categories = setup->categories.categories();
        for (Category &category : categories)
            category.limits = limits;
        auto tree = CategoryTree::build(categories);
        if (!tree)
            return std::unexpected(tree.error());
        setup->categories = *tree;
        return m_workspace->transaction([&] { return setup->saveCategories(*m_workspace); });
    }

    static QList<qint64> sorted(QList<qint64> list)
    {
        std::sort(list.begin(), list.end());
        return list;
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString csv = Test::dataPath(LA_WHOLE);
        if (!QFile::exists(csv))
            QSKIP("The shared Los Angeles data is not beside this checkout.");
        auto opened = Workspace::open(m_dir.filePath(QStringLiteral("la.gpkg")));
        QVERIFY2(opened, Test::why(opened));
        m_workspace = std::move(*opened);
        GridImportOptions councils;
        councils.codeField = QStringLiteral("nc_id");
        councils.nameField = QStringLiteral("name");
        auto grids = importGrids(*m_workspace,
            Test::dataPath(QStringLiteral("los-angeles/la_neighborhood_councils_2019.geojson")),
            councils);
        QVERIFY2(grids, Test::why(grids));
        auto cases = importCases(*m_workspace, csv, QStringLiteral("la311"));
        QVERIFY2(cases, Test::why(cases));
        QCOMPARE(cases->imported, 10000);
        auto limits = useCalendarHourLimits();
        QVERIFY2(limits, Test::why(limits));
    }

    void totalsMatchPlainSql()
    {
        auto report = Evaluator::run(*m_workspace, {});
        QVERIFY2(report, Test::why(report));
        const EvaluationGroup &total = report->total;
        auto value = [&](Indicator indicator) {
            return total.value(indicator);
        };

        QCOMPARE(value(Indicator::Received).numerator,
            number(QStringLiteral("SELECT count(*) FROM case_events WHERE sequence = 1")));
        QCOMPARE(value(Indicator::Registered).numerator,
            number(QStringLiteral("SELECT count(DISTINCT case_id) FROM case_events WHERE action "
                                  "IN ('register', 'close_immediately')")));
        QCOMPARE(value(Indicator::Dispatched).numerator,
            number(QStringLiteral(
                "SELECT count(DISTINCT case_id) FROM case_events WHERE action = 'dispatch'")));
        const QList<qint64> closed = ids(QStringLiteral("SELECT case_id FROM %1 WHERE to_state "
                                                        "IN ('closed', 'evaluated')")
                                             .arg(LAST_EVENTS));
        QVERIFY(closed.size() > 9000);
        QCOMPARE(sorted(value(Indicator::Closed).cases), closed);

        const qint64 due =
            number(QStringLiteral("SELECT count(*) FROM %1 WHERE to_state NOT IN ('cancelled', "
                                  "'merged') AND case_id IN (SELECT case_id FROM case_events WHERE "
                                  "action IN ('register', 'close_immediately'))")
                       .arg(LAST_EVENTS));
        QCOMPARE(value(Indicator::ClosureRate).denominator, due);
        QCOMPARE(*value(Indicator::ClosureRate).value, double(closed.size()) / double(due));
    }

    void onTimeClosureMatchesStagesCheckedInSql()
    {
        auto report = Evaluator::run(*m_workspace, {});
        QVERIFY2(report, Test::why(report));
        // A closed case is late when a stage before its closing took longer than its limit.
        const QList<qint64> onTime =
            ids(QStringLiteral("SELECT case_id FROM %1 WHERE to_state IN ('closed', 'evaluated') "
                               "AND case_id NOT IN (SELECT case_id FROM %2 WHERE ended IS NOT NULL "
                               "AND limit_hours IS NOT NULL AND hours > limit_hours + 1e-9)")
                    .arg(LAST_EVENTS, STAGES));
        const IndicatorValue value = report->total.value(Indicator::OnTimeClosureRate);
        QCOMPARE(sorted(value.cases), onTime);
        // Real data: some cases were handled within three days, some were not.
        QVERIFY(onTime.size() > 100);
        QVERIFY(value.denominator - onTime.size() > 100);

        const StageTime handle = report->total.stageTime(Stage::Handle);
        QCOMPARE(handle.count,
            number(QStringLiteral("SELECT count(*) FROM %1 WHERE state = 'in_handling' AND ended "
                                  "IS NOT NULL")
                       .arg(STAGES)));
        const double meanHours = real(
            QStringLiteral("SELECT avg(hours) FROM %1 WHERE state = 'in_handling' AND ended IS NOT "
                           "NULL")
                .arg(STAGES));
        QVERIFY2(qAbs(*handle.meanHours - meanHours) < 1e-6,
            qPrintable(QStringLiteral("%1 against %2").arg(*handle.meanHours).arg(meanHours)));
        const qint64 count = handle.count;
        const double medianHours = real(
            QStringLiteral("SELECT avg(hours) FROM (SELECT hours FROM %1 WHERE state = "
                           "'in_handling' AND ended IS NOT NULL ORDER BY hours LIMIT %2 OFFSET %3)")
                .arg(STAGES)
                .arg(2 - count % 2)
                .arg((count - 1) / 2));
        QVERIFY2(qAbs(*handle.medianHours - medianHours) < 1e-6,
            qPrintable(QStringLiteral("%1 against %2").arg(*handle.medianHours).arg(medianHours)));
    }

    void channelsFirstDiscoveryAndHotline()
    {
        auto report = Evaluator::run(*m_workspace, {});
        QVERIFY2(report, Test::why(report));
        const EvaluationGroup &total = report->total;
        const qint64 crews =
            number(QStringLiteral("SELECT count(*) FROM case_events WHERE sequence = 1 AND "
                                  "lower(json_extract(data, '$.channel')) = 'driver self report'"));
        QVERIFY(crews > 0);
        QCOMPARE(total.value(Indicator::FirstDiscoveryRate).numerator, crews);
        // Every case of a 311 export came through the hotline.
        QCOMPARE(total.value(Indicator::HotlineReceived).numerator, 10000);
        const qint64 resolved = number(
            QStringLiteral("SELECT count(*) FROM %1 l WHERE l.to_state IN ('closed', 'evaluated') "
                           "AND coalesce((SELECT json_extract(f.data, '$.referred') FROM "
                           "case_events f WHERE f.case_id = l.case_id AND f.action = 'feed_back' "
                           "ORDER BY f.sequence DESC LIMIT 1), 0) = 0")
                .arg(LAST_EVENTS));
        QCOMPARE(total.value(Indicator::HotlineResolutionRate).numerator, resolved);
        // The feed records no evaluations, returns or supervision.
        QCOMPARE(total.value(Indicator::Evaluated).numerator, 0);
        QVERIFY(!total.value(Indicator::Satisfaction).value);
        QCOMPARE(total.value(Indicator::ReworkRate).numerator, 0);
        QVERIFY(!report->notes.filter(QLatin1String("satisfaction")).isEmpty());

        EvaluationFilter bySource;
        bySource.groupBy = Grouping::Source;
        auto sources = Evaluator::run(*m_workspace, bySource);
        QVERIFY2(sources, Test::why(sources));
        const auto expected =
            counts(QStringLiteral("SELECT coalesce(json_extract(data, '$.channel'), ''), "
                                  "count(*) FROM case_events WHERE sequence = 1 GROUP BY 1"));
        QCOMPARE(sources->groups.size(), expected.size());
        for (const EvaluationGroup &group : sources->groups)
            QCOMPARE(group.caseCount(), expected.value(group.key(), -1));
    }

    void groupsByGridUnitAndDayMatchSql()
    {
        EvaluationFilter byGrid;
        byGrid.groupBy = Grouping::Grid;
        auto grids = Evaluator::run(*m_workspace, byGrid);
        QVERIFY2(grids, Test::why(grids));
        const auto perGrid = counts(
            QStringLiteral("SELECT coalesce(grid_code, ''), count(*) FROM cases GROUP BY 1"));
        QVERIFY(perGrid.size() > 90);
        QCOMPARE(grids->groups.size(), perGrid.size());
        for (const EvaluationGroup &group : grids->groups)
            QCOMPARE(group.caseCount(), perGrid.value(group.key(), -1));

        EvaluationFilter byUnit;
        byUnit.groupBy = Grouping::Unit;
        auto units = Evaluator::run(*m_workspace, byUnit);
        QVERIFY2(units, Test::why(units));
        const QString leadUnits = QStringLiteral(
            "SELECT coalesce((SELECT json_extract(d.data, '$.unit') FROM case_events d WHERE "
            "d.case_id = r.case_id AND d.action = 'dispatch' ORDER BY d.sequence DESC LIMIT 1), "
            "'') AS unit, count(*) FROM case_events r WHERE r.sequence = 1 GROUP BY 1");
        const auto perUnit = counts(leadUnits);
        QCOMPARE(units->groups.size(), perUnit.size());
        for (const EvaluationGroup &group : units->groups)
            QCOMPARE(group.caseCount(), perUnit.value(group.key(), -1));
        // Units with at least 30 cases are ranked, the others are listed apart.
        qint64 rankable = 0;
        for (auto it = perUnit.constBegin(); it != perUnit.constEnd(); ++it)
            rankable += !it.key().isEmpty() && it.value() >= 30;
        QCOMPARE(units->ranking.size(), rankable);
        QCOMPARE(
            units->ranking.size() + units->unranked.size(), perUnit.size() - perUnit.contains({}));

        EvaluationFilter secondDay;
        secondDay.from = QDate(2018, 1, 2);
        secondDay.to = QDate(2018, 1, 2);
        secondDay.period = Period::Day;
        auto day = Evaluator::run(*m_workspace, secondDay);
        QVERIFY2(day, Test::why(day));
        QCOMPARE(day->groups.size(), 1);
        QCOMPARE(day->groups.first().period(), QStringLiteral("2018-01-02"));
        QCOMPARE(day->total.caseCount(),
            number(QStringLiteral("SELECT count(*) FROM case_events WHERE sequence = 1 AND "
                                  "substr(at, 1, 10) = '2018-01-02'")));
        // As the history stood at the end of 2 January.
        QCOMPARE(day->total.value(Indicator::Closed).numerator,
            number(QStringLiteral(
                "SELECT count(*) FROM case_events r WHERE r.sequence = 1 AND substr(r.at, 1, 10) "
                "= '2018-01-02' AND EXISTS (SELECT 1 FROM case_events v WHERE v.case_id = "
                "r.case_id AND v.action = 'verify' AND v.at < '2018-01-03T00:00:00')")));
    }
};

GRIDDESK_TEST_MAIN(TestEvaluationLosAngeles, QCoreApplication)
#include "tst_evaluationlosangeles.moc"
