// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "evaluationview/indicatormap.h"

#include "patrolfixture.h"
#include "support/testsupport.h"

#include "evaluation/evaluator.h"
#include "mapview/mapcanvas.h"
#include "storage/workspace.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace GridDesk;

class TestIndicatorMap : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_workspace;
    QList<qint64> m_inSquare;
    std::unique_ptr<IndicatorMap> m_map;

    qint64 report(const QString &grid, const GeoPoint &location, const char *channel)
    {
        return Test::reportCase(*m_workspace, grid, location, QStringLiteral("desk"),
            QLatin1String(channel), QStringLiteral("2026-03-02T09:00:00+00:00"));
    }

    QPoint pixelOf(const GeoPoint &point) const
    {
        return m_map->canvas()->viewport().toPixel(point).toPoint();
    }

private Q_SLOTS:
    void initTestCase()
    {
        // SQ has two cases (one from grid staff), NEXT one from the hotline.
        auto opened = Workspace::open(m_dir.filePath(QStringLiteral("map.gpkg")));
        QVERIFY2(opened, Test::why(opened));
        m_workspace = std::move(*opened);
        const QList<Grid> grids {Test::rectangleGrid(QStringLiteral("SQ"), 0.0, 0.0, 0.01, 0.01),
            Test::rectangleGrid(QStringLiteral("NEXT"), 0.01, 0.0, 0.02, 0.01)};
        QVERIFY(m_workspace->transaction([&] { return m_workspace->saveGrids(grids); }));
        m_inSquare << report(QStringLiteral("SQ"), {0.002, 0.002}, "grid_staff")
                   << report(QStringLiteral("SQ"), {0.007, 0.006}, "hotline");
        QVERIFY(report(QStringLiteral("NEXT"), {0.015, 0.005}, "hotline"));
        QVERIFY(m_inSquare.at(0) && m_inSquare.at(1));

        m_map = std::make_unique<IndicatorMap>();
        m_map->resize(640, 480);
        m_map->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_map.get()));
        QVERIFY2(m_map->setWorkspace(*m_workspace), "the grids are read");
        EvaluationFilter byGrid;
        byGrid.groupBy = Grouping::Grid;
        auto evaluated = Evaluator::run(*m_workspace, byGrid);
        QVERIFY2(evaluated, Test::why(evaluated));
        m_map->setIndicator(Indicator::Received);
        m_map->setReport(*evaluated);
    }

    void gridsAreColouredByTheirValue()
    {
        const QList<LegendClass> legend = m_map->overlay().legend();
        QCOMPARE(legend.size(), ChoroplethOverlay::CLASS_COUNT);
        QCOMPARE(legend.first().lower, 1.0);
        QCOMPARE(legend.last().upper, 2.0);
        QCOMPARE(m_map->overlay().colourOf(QStringLiteral("SQ")), legend.last().colour);
        QCOMPARE(m_map->overlay().colourOf(QStringLiteral("NEXT")), legend.first().colour);

        QTRY_VERIFY(!m_map->canvas()->isRendering());
        const QImage shown = m_map->canvas()->grab().toImage();
        const QColor square = shown.pixelColor(pixelOf({0.005, 0.005}));
        const QColor next = shown.pixelColor(pixelOf({0.015, 0.003}));
        QVERIFY2(square.lightness() < next.lightness() - 40,
            qPrintable(square.name() + u' ' + next.name()));
        QVERIFY2(square.red() > 150 && square.green() < 90, qPrintable(square.name()));

        // Another indicator, another colouring: first discovery is 1 of 2 in SQ, 0 in NEXT.
        m_map->setIndicator(Indicator::FirstDiscoveryRate);
        QCOMPARE(m_map->overlay().legend().first().lower, 0.0);
        QCOMPARE(m_map->overlay().legend().last().upper, 0.5);
        QCOMPARE(m_map->overlay().colourOf(QStringLiteral("SQ")),
            m_map->overlay().legend().last().colour);
        const QString tip =
            m_map->overlay().toolTipAt(pixelOf({0.005, 0.005}), m_map->canvas()->viewport());
        QCOMPARE(tip, QStringLiteral("First-discovery rate in grid SQ: 50.0%"));
        m_map->setIndicator(Indicator::Received);
    }

    void clickingAGridOpensItsCases()
    {
        QSignalSpy requested(m_map.get(), &IndicatorMap::casesRequested);
        QTest::mouseClick(m_map->canvas(), Qt::LeftButton, {}, pixelOf({0.005, 0.008}));
        QCOMPARE(requested.size(), 1);
        QList<qint64> ids = requested.first().at(0).value<QList<qint64>>();
        std::sort(ids.begin(), ids.end());
        QCOMPARE(ids, m_inSquare);
        QCOMPARE(requested.first().at(1).toString(), QStringLiteral("Cases received, grid SQ"));

        const QString folder = QStringLiteral(GRIDDESK_SCREENSHOT_DIR);
        QVERIFY(QDir().mkpath(folder));
        QVERIFY(m_map->grab().save(QDir(folder).filePath(QStringLiteral("evaluation-map.png"))));
    }
};

GRIDDESK_TEST_MAIN(TestIndicatorMap, QApplication)
#include "tst_indicatormap.moc"
