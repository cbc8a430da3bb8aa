// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "evaluationview/evaluationdashboard.h"

#include "evaluationfixture.h"
#include "support/testsupport.h"

#include "ingest/caseimporter.h"
#include "ingest/gridimporter.h"

#include <QApplication>
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChartView>
#include <QDir>
#include <QFile>
#include <QHorizontalBarSeries>
#include <QSignalSpy>
#include <QTableWidget>
#include <QToolButton>

using namespace GridDesk;

class TestEvaluationDashboard : public QObject
{
    Q_OBJECT

    Test::EvaluationCity m_city;
    std::unique_ptr<Workspace> m_workspace;

    static QList<qint64> sorted(QList<qint64> ids)
    {
        std::sort(ids.begin(), ids.end());
        return ids;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_workspace = m_city.build();
        QVERIFY(m_workspace);
    }

    void figuresAreMadeOffTheGuiThreadAndTheNewestFilterWins()
    {
        EvaluationDashboard dashboard;
        QSignalSpy shown(&dashboard, &EvaluationDashboard::figuresShown);
        QVERIFY(dashboard.open(m_workspace->path(), QString()));
        // open() returns before the figures are there: they come through the event loop.
        QVERIFY(dashboard.isComputing());
        QVERIFY(!dashboard.report());
        QVERIFY2(dashboard.errorText().startsWith(QLatin1String("Counting the cases")),
            qPrintable(dashboard.errorText()));
        // Two filters in a row: only the second one's figures are shown.
        EvaluationFilter first;
        first.to = QDate(2026, 3, 5);
        dashboard.setFilter(first);
        EvaluationFilter second;
        second.from = QDate(2026, 4, 1);
        dashboard.setFilter(second);
        QTRY_VERIFY_WITH_TIMEOUT(!dashboard.isComputing(), 60'000);
        QVERIFY2(dashboard.report(), qPrintable(dashboard.errorText()));
        QCOMPARE(dashboard.report()->filter.from, std::optional<QDate>(QDate(2026, 4, 1)));
        QCOMPARE(dashboard.report()->total.caseCount(), 1);
        QCOMPARE(shown.size(), 1);
    }

    void tilesShowTheTotalsAndOpenTheirCases()
    {
        EvaluationDashboard dashboard;
        QVERIFY(dashboard.open(m_workspace->path(), QString()));
        QTRY_VERIFY_WITH_TIMEOUT(!dashboard.isComputing(), 60'000);
        dashboard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dashboard));
        QVERIFY2(dashboard.report(), qPrintable(dashboard.errorText()));

        auto *closure = qobject_cast<QToolButton *>(dashboard.tile(Indicator::ClosureRate));
        QVERIFY(closure);
        QCOMPARE(closure->text(), QStringLiteral("Closure rate\n83.3%"));
        auto *received = qobject_cast<QToolButton *>(dashboard.tile(Indicator::Received));
        QCOMPARE(received->text(), QStringLiteral("Cases received\n8"));

        QSignalSpy requested(&dashboard, &EvaluationDashboard::casesRequested);
        QTest::mouseClick(closure, Qt::LeftButton);
        QCOMPARE(requested.size(), 1);
        QCOMPARE(sorted(requested.at(0).at(0).value<QList<qint64>>()), m_city.ids({1, 2, 3, 7, 8}));
        QCOMPARE(requested.at(0).at(1).toString(), QStringLiteral("Closure rate"));
    }

    void tableAndChartsFollowTheFilter()
    {
        EvaluationDashboard dashboard;
        QVERIFY(dashboard.open(m_workspace->path(), QString()));
        QTRY_VERIFY_WITH_TIMEOUT(!dashboard.isComputing(), 60'000);
        EvaluationFilter filter;
        filter.to = QDate(2026, 3, 5);
        filter.groupBy = Grouping::Unit;
        filter.period = Period::Day;
        dashboard.setFilter(filter);
        QTRY_VERIFY_WITH_TIMEOUT(!dashboard.isComputing(), 60'000);
        QVERIFY2(dashboard.report(), qPrintable(dashboard.errorText()));
        QCOMPARE(dashboard.report()->total.caseCount(), 7);

        // Not dispatched, roads, sanitation.
        QTableWidget *table = dashboard.groupTable();
        QCOMPARE(table->rowCount(), 3);
        QCOMPARE(table->item(2, 0)->text(), QStringLiteral("sanitation"));
        QSignalSpy requested(&dashboard, &EvaluationDashboard::casesRequested);
        Q_EMIT table->cellDoubleClicked(2, 2); // cases closed by 5 March
        QCOMPARE(requested.size(), 1);
        QCOMPARE(sorted(requested.at(0).at(0).value<QList<qint64>>()), m_city.ids({1, 2}));
        QCOMPARE(requested.at(0).at(1).toString(), QStringLiteral("Cases closed, sanitation"));

        // Per day up to 5 March: every case but C7 came on 2 March.
        auto *trend = qobject_cast<QBarSeries *>(dashboard.trendView()->chart()->series().value(0));
        QVERIFY(trend);
        QCOMPARE(trend->barSets().size(), 2);
        QCOMPARE(trend->barSets().at(0)->count(), 1);
        QCOMPARE(trend->barSets().at(0)->at(0), 7.0);
        Q_EMIT trend->clicked(0, trend->barSets().at(1));
        QCOMPARE(requested.size(), 2);
        QCOMPARE(requested.at(1).at(1).toString(), QStringLiteral("Cases closed, 2026-03-02"));
        QCOMPARE(sorted(requested.at(1).at(0).value<QList<qint64>>()), m_city.ids({1, 2, 3}));
    }

    void rankingChartShowsRankedUnits()
    {
        EvaluationWeights weights = EvaluationWeights::defaults();
        weights.minimumCases = 2;
        QVERIFY(weights.save(*m_workspace));
        EvaluationDashboard dashboard;
        QVERIFY(dashboard.open(m_workspace->path(), QString()));
        QTRY_VERIFY_WITH_TIMEOUT(!dashboard.isComputing(), 60'000);
        QVERIFY(EvaluationWeights::defaults().save(*m_workspace));
        auto *ranking = qobject_cast<QHorizontalBarSeries *>(
            dashboard.rankingView()->chart()->series().value(0));
        QVERIFY(ranking);
        QCOMPARE(ranking->barSets().first()->count(), 2);
        QCOMPARE(dashboard.report()->ranking.size(), 2);
        // The best unit stands on top, which is the last bar.
        QSignalSpy requested(&dashboard, &EvaluationDashboard::casesRequested);
        Q_EMIT ranking->clicked(1, ranking->barSets().first());
        const UnitScore &best = dashboard.report()->ranking.first();
        QCOMPARE(requested.at(0).at(0).value<QList<qint64>>(), best.caseIds);
        QCOMPARE(requested.at(0).at(1).toString(), QStringLiteral("Unit %1").arg(best.unit));
    }

    void userSeesTheirJurisdictionAndUnknownUsersAreSaid()
    {
        EvaluationDashboard dashboard;
        QVERIFY(dashboard.open(m_workspace->path(), QStringLiteral("ray")));
        QTRY_VERIFY_WITH_TIMEOUT(!dashboard.isComputing(), 60'000);
        QVERIFY2(dashboard.report(), qPrintable(dashboard.errorText()));
        QCOMPARE(dashboard.report()->total.caseCount(), 3);
        dashboard.setUser(QStringLiteral("nobody"));
        QTRY_VERIFY_WITH_TIMEOUT(!dashboard.isComputing(), 60'000);
        QVERIFY(!dashboard.report());
        QVERIFY2(dashboard.errorText().contains(QLatin1String("nobody is not a user")),
            qPrintable(dashboard.errorText()));
    }

    void screenshot()
    {
        // The real Los Angeles history when it is beside the checkout, the hand-built city
        // otherwise.
        const QString la = Test::dataPath(
            QStringLiteral("../../../shared/data/los-angeles/myla311_2018_mini_10k.csv"));
        QTemporaryDir dir;
        QString path = m_workspace->path();
        if (QFile::exists(la)) {
            path = dir.filePath(QStringLiteral("la.gpkg"));
            auto workspace = Workspace::open(path);
            QVERIFY2(workspace, Test::why(workspace));
            GridImportOptions councils;
            councils.codeField = QStringLiteral("nc_id");
            councils.nameField = QStringLiteral("name");
            QVERIFY(importGrids(**workspace,
                Test::dataPath(QStringLiteral("los-angeles/la_neighborhood_councils_2019.geojson")),
                councils));
            QVERIFY(importCases(**workspace, la, QStringLiteral("la311")));
        }
        EvaluationDashboard dashboard;
        QVERIFY(dashboard.open(path, QString()));
        QTRY_VERIFY_WITH_TIMEOUT(!dashboard.isComputing(), 60'000);
        EvaluationFilter filter;
        filter.groupBy = Grouping::Unit;
        filter.period = Period::Day;
        dashboard.setFilter(filter);
        QTRY_VERIFY_WITH_TIMEOUT(!dashboard.isComputing(), 60'000);
        dashboard.resize(1400, 900);
        dashboard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dashboard));
        QVERIFY2(dashboard.report(), qPrintable(dashboard.errorText()));
        const QString file = QDir(QStringLiteral(GRIDDESK_SCREENSHOT_DIR))
                                 .filePath(QStringLiteral("evaluation-dashboard.png"));
        QVERIFY(dashboard.grab().save(file));
    }
};

GRIDDESK_TEST_MAIN(TestEvaluationDashboard, QApplication)
#include "tst_evaluationdashboard.moc"
