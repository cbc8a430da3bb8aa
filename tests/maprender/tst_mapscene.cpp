// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "maprender/mapscene.h"

#include "scenefixture.h"
#include "support/testsupport.h"

#include <QGuiApplication>

using namespace GridDesk;

class TestMapScene : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void holdsGridsAndLocatedCases();
    void extentCoversEverything();
    void gridAtPrefersInnermost_data();
    void gridAtPrefersInnermost();
    void caseNear();
    void descendants();
    void viewportQueryTouchesOnlyVisible();
    void rejectsBadWkb();
    void findsCasesByIdInAnyOrder();
    void layerBuildsTheSameScene();
    void finishedCasesAreDrawnClosed_data();
    void finishedCasesAreDrawnClosed();
    void takesNewAndChangedCases();
    void takesManyCasesIntoItsIndex();

private:
    std::shared_ptr<const MapScene> m_scene;
};

void TestMapScene::initTestCase()
{
    m_scene = Test::fixtureScene();
}

void TestMapScene::holdsGridsAndLocatedCases()
{
    QCOMPARE(m_scene->grids().size(), std::size_t(5));
    QCOMPARE(m_scene->cases().size(), std::size_t(2));
    QCOMPARE(m_scene->locatedCaseCount(), 2);
    QVERIFY(!m_scene->caseLocation(3));
    QVERIFY(m_scene->cases()[m_scene->caseIndex(2).value()].closed);
    QVERIFY(!m_scene->cases()[m_scene->caseIndex(1).value()].closed);
}

void TestMapScene::extentCoversEverything()
{
    const BoundingBox extent = m_scene->extent();
    QVERIFY(std::abs(extent.west - 10.0) < 1e-9);
    QVERIFY(std::abs(extent.east - 10.1) < 1e-9);
    QVERIFY(std::abs(extent.south - 50.0) < 1e-9);
    QVERIFY(std::abs(extent.north - 50.1) < 1e-9);

    const auto b2 = m_scene->gridExtent(QStringLiteral("B2"));
    QVERIFY(b2);
    QVERIFY(std::abs(b2->west - 10.05) < 1e-7);
    QVERIFY(std::abs(b2->north - 50.1) < 1e-7);
    QVERIFY(!m_scene->gridExtent(QStringLiteral("nope")));
}

void TestMapScene::gridAtPrefersInnermost_data()
{
    QTest::addColumn<double>("lon");
    QTest::addColumn<double>("lat");
    QTest::addColumn<QString>("expected");
    QTest::newRow("fine-inside-base") << 10.015 << 50.015 << QStringLiteral("F1");
    QTest::newRow("base-west") << 10.03 << 50.08 << QStringLiteral("B1");
    QTest::newRow("base-east-over-business") << 10.07 << 50.02 << QStringLiteral("B2");
    QTest::newRow("outside") << 10.2 << 50.05 << QString();
}

void TestMapScene::gridAtPrefersInnermost()
{
    QFETCH(double, lon);
    QFETCH(double, lat);
    QFETCH(QString, expected);
    QCOMPARE(m_scene->gridAt({lon, lat}).value_or(QString()), expected);
}

void TestMapScene::caseNear()
{
    const MapViewport viewport = MapViewport::fitted(m_scene->extent(), QSize(400, 400));
    const QPointF pixel = viewport.toPixel({10.015, 50.015});
    QCOMPARE(m_scene->caseNear(pixel + QPointF(3, -2), viewport, 6.0), std::optional<qint64>(1));
    QCOMPARE(m_scene->caseNear(pixel + QPointF(9, 0), viewport, 6.0), std::nullopt);
}

void TestMapScene::descendants()
{
    QStringList codes = m_scene->gridWithDescendants(QStringLiteral("D1"));
    codes.sort();
    QCOMPARE(codes, (QStringList {"B1", "B2", "D1", "F1", "P1"}));
    codes = m_scene->gridWithDescendants(QStringLiteral("B1"));
    codes.sort();
    QCOMPARE(codes, (QStringList {"B1", "F1"}));
}

void TestMapScene::viewportQueryTouchesOnlyVisible()
{
    // A small window around F1 meets F1 and the grids containing it, but not B2.
    const QRectF window = WebMercator::fromBox({10.012, 50.012, 10.018, 50.018});
    QStringList codes;
    for (const quint32 index : m_scene->gridsIn(window))
        codes << m_scene->grids()[index].code;
    codes.sort();
    QCOMPARE(codes, (QStringList {"B1", "D1", "F1", "P1"}));
    QCOMPARE(m_scene->casesIn(window).size(), std::size_t(1));
}

void TestMapScene::rejectsBadWkb()
{
    Grid grid = Test::rectangleGrid(QStringLiteral("X"), GridLevel::Base, {}, {0, 0, 1, 1});
    grid.wkb.truncate(20);
    const auto scene = MapScene::create({grid}, {});
    QVERIFY(!scene);
    QVERIFY2(scene.error().message.contains(QLatin1String("X")), qPrintable(scene.error().message));
}

void TestMapScene::findsCasesByIdInAnyOrder()
{
    // Ids out of order, one repeated: the later point with an id is the one found by it.
    const QList<qint64> ids {40, 7, 19, 7, 3};
    QList<CaseRecord> cases;
    for (int i = 0; i < ids.size(); ++i) {
        const GeoPoint point {10.01 + 0.01 * i, 50.05};
        cases << Test::caseAt(ids[i], point, QStringLiteral("Open"), {});
    }
    const auto scene = MapScene::create({}, cases);
    QVERIFY(scene);
    QCOMPARE((*scene)->caseIndex(40), std::optional<quint32>(0));
    QCOMPARE((*scene)->caseIndex(19), std::optional<quint32>(2));
    QCOMPARE((*scene)->caseIndex(7), std::optional<quint32>(3));
    QCOMPARE((*scene)->caseIndex(3), std::optional<quint32>(4));
    QCOMPARE((*scene)->caseIndex(8), std::nullopt);
    QCOMPARE((*scene)->caseIndex(1), std::nullopt);
    QCOMPARE((*scene)->caseIndex(41), std::nullopt);
    QVERIFY(std::abs((*scene)->caseLocation(7)->lon - 10.04) < 1e-9);
}

void TestMapScene::layerBuildsTheSameScene()
{
    const QList<Grid> grids {Test::rectangleGrid(
        QStringLiteral("D1"), GridLevel::District, {}, {10.0, 50.0, 10.1, 50.1})};
    MapScene::CaseLayer layer;
    layer.add(Test::caseAt(1, GeoPoint {10.02, 50.03}, QStringLiteral("Open"), {}));
    layer.add(Test::caseAt(2, std::nullopt, QStringLiteral("Open"), {}));
    layer.add(Test::caseAt(3, GeoPoint {10.2, 50.2}, QStringLiteral(" closed "), {}));
    QCOMPARE(layer.points.size(), std::size_t(2));

    const auto scene = MapScene::createFromLayer(grids, std::move(layer));
    QVERIFY(scene);
    QCOMPARE((*scene)->locatedCaseCount(), 2);
    QVERIFY((*scene)->cases()[(*scene)->caseIndex(3).value()].closed);
    QVERIFY(!(*scene)->cases()[(*scene)->caseIndex(1).value()].closed);
    // The extent reaches the case outside the grid, as it does for a scene made from records.
    QVERIFY(std::abs((*scene)->extent().east - 10.2) < 1e-9);
    QVERIFY(std::abs((*scene)->extent().north - 50.2) < 1e-9);
}

void TestMapScene::finishedCasesAreDrawnClosed_data()
{
    QTest::addColumn<QString>("state");
    QTest::addColumn<QString>("status");
    QTest::addColumn<bool>("closed");
    QTest::newRow("cancelled in the loop, open in the feed") << "cancelled"
                                                             << "Open" << true;
    QTest::newRow("merged") << "merged"
                            << "" << true;
    QTest::newRow("in handling, closed in the feed") << "in_handling"
                                                     << "Closed" << false;
    QTest::newRow("no history, closed in the feed") << ""
                                                    << "Closed" << true;
    QTest::newRow("no history, open in the feed") << ""
                                                  << "Open" << false;
}

void TestMapScene::finishedCasesAreDrawnClosed()
{
    QFETCH(QString, state);
    QFETCH(QString, status);
    QFETCH(bool, closed);
    CaseRecord record;
    record.state = state;
    record.status = status;
    QCOMPARE(MapScene::isFinished(record), closed);
}

void TestMapScene::takesNewAndChangedCases()
{
    const QRectF all = WebMercator::fromBox({9.0, 49.0, 11.0, 51.0});
    const QRectF nearNew = WebMercator::fromBox({10.05, 50.02, 10.07, 50.04});
    const QList<CaseRecord> changes {
        // New, inside the scene and far outside it.
        Test::caseAt(10, GeoPoint {10.06, 50.03}, QStringLiteral("Open"), {}),
        Test::caseAt(11, GeoPoint {10.5, 50.5}, QStringLiteral("Open"), {}),
        // Closed where it stands.
        Test::caseAt(1, GeoPoint {10.015, 50.015}, QStringLiteral("Closed"), {}),
        // Moved.
        Test::caseAt(2, GeoPoint {10.061, 50.031}, QStringLiteral("Closed"), {}),
        // Still without a place.
        Test::caseAt(3, std::nullopt, QStringLiteral("Open"), {}),
    };
    const auto changed = m_scene->withCases(changes);

    // The scene it came from is as it was: renderers may still be drawing it.
    QCOMPARE(m_scene->locatedCaseCount(), 2);
    QVERIFY(!m_scene->caseIndex(10));
    QVERIFY(!m_scene->cases()[m_scene->caseIndex(1).value()].closed);

    QCOMPARE(changed->locatedCaseCount(), 4);
    QCOMPARE(changed->grids().size(), m_scene->grids().size());
    QCOMPARE(changed->grids().data(), m_scene->grids().data()); // shared, not copied
    QVERIFY(std::abs(changed->caseLocation(10)->lon - 10.06) < 1e-9);
    QVERIFY(std::abs(changed->caseLocation(2)->lat - 50.031) < 1e-9);
    QVERIFY(changed->cases()[changed->caseIndex(1).value()].closed);
    QVERIFY(!changed->caseIndex(3));
    QVERIFY(changed->extent().east >= 10.5 - 1e-9);

    std::vector<qint64> near;
    for (const quint32 index : changed->casesIn(nearNew))
        near.push_back(changed->cases()[index].id);
    std::sort(near.begin(), near.end());
    QCOMPARE(near, (std::vector<qint64> {2, 10}));
    QCOMPARE(changed->casesIn(all).size(), std::size_t(4));
    const MapViewport viewport = MapViewport::fitted(m_scene->extent(), QSize(400, 400));
    QCOMPARE(changed->caseNear(viewport.toPixel({10.06, 50.03}), viewport, 3.0),
        std::optional<qint64>(10));

    // A case that loses its place leaves the map; one taken in again moves where it is now.
    const auto again =
        changed->withCases({Test::caseAt(10, std::nullopt, QStringLiteral("Open"), {}),
            Test::caseAt(11, GeoPoint {10.02, 50.02}, QStringLiteral("Open"), {})});
    QCOMPARE(again->locatedCaseCount(), 3);
    QVERIFY(!again->caseIndex(10));
    QVERIFY(std::abs(again->caseLocation(11)->lon - 10.02) < 1e-9);
    QCOMPARE(again->casesIn(all).size(), std::size_t(3));
}

void TestMapScene::takesManyCasesIntoItsIndex()
{
    // More new cases than are looked through one by one: they go into a new index, and every
    // one is still found, by id and by place.
    QList<CaseRecord> many;
    for (int index = 0; index < 3000; ++index) {
        const GeoPoint at {10.0 + 0.1 * (index % 100) / 100.0, 50.0 + 0.1 * (index / 100) / 30.0};
        many << Test::caseAt(100 + index, at, QStringLiteral("Open"), {});
    }
    auto scene = m_scene;
    for (qsizetype first = 0; first < many.size(); first += 500)
        scene = scene->withCases(many.mid(first, 500));
    QCOMPARE(scene->locatedCaseCount(), 3002);
    QCOMPARE(
        scene->casesIn(WebMercator::fromBox({9.0, 49.0, 11.0, 51.0})).size(), std::size_t(3002));
    for (int index = 0; index < 3000; index += 97) {
        const auto found = scene->caseIndex(100 + index);
        QVERIFY(found);
        QCOMPARE(scene->cases()[*found].id, 100 + index);
    }
    QVERIFY(scene->caseIndex(1));
}

GRIDDESK_TEST_MAIN(TestMapScene, QGuiApplication)

#include "tst_mapscene.moc"
