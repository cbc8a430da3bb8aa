// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "topologyfixtures.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

using namespace GridDesk;
using namespace GridDesk::TopologyTest;

namespace {
/// Relative error allowed where a sum of areas must come back unchanged.
constexpr double AREA_SLACK = 1e-9;

// Two unit squares side by side (A west, B east), small enough to be real grids.
const char *SQUARE_A =
    "POLYGON ((121.50 25.00, 121.51 25.00, 121.51 25.01, 121.50 25.01, 121.50 25.00))";
const char *SQUARE_B =
    "POLYGON ((121.51 25.00, 121.52 25.00, 121.52 25.01, 121.51 25.01, 121.51 25.00))";

QList<Grid> twoSquares()
{
    return {gridOf(QStringLiteral("A"), GridLevel::Base, SQUARE_A),
        gridOf(QStringLiteral("B"), GridLevel::Base, SQUARE_B)};
}

int pointCount(const Grid &grid)
{
    int points = 0;
    Wkb::forEachRing(
        grid.wkb, [&](const Wkb::RingRef &ring) { points += int(ring.points.size()); });
    return points;
}

bool hasVertex(const Grid &grid, const GeoPoint &point)
{
    bool found = false;
    Wkb::forEachRing(grid.wkb, [&](const Wkb::RingRef &ring) {
        for (const GeoPoint &vertex : ring.points)
            found = found || (vertex.lon == point.lon && vertex.lat == point.lat);
    });
    return found;
}

/// A vertex exactly two villages have inside the coverage (not on its outer edge), chosen
/// reproducibly.
std::optional<GeoPoint> sharedByTwo(const QList<Grid> &grids, QStringList &codes)
{
    GeosContext geos;
    auto coverage = geos.fromWkb(unionOf(grids));
    auto outline = geos.adopt(GEOSBoundary_r(geos.handle(), coverage->get()));
    std::map<std::pair<double, double>, std::set<QString>> owners;
    for (const Grid &grid : grids) {
        Wkb::forEachRing(grid.wkb, [&](const Wkb::RingRef &ring) {
            for (const GeoPoint &vertex : ring.points)
                owners[{vertex.lon, vertex.lat}].insert(grid.code);
        });
    }
    for (const auto &[point, who] : owners) {
        if (who.size() != 2)
            continue;
        auto vertex =
            geos.adopt(GEOSGeom_createPointFromXY_r(geos.handle(), point.first, point.second));
        double fromEdge = 0.0;
        GEOSDistance_r(geos.handle(), vertex.get(), outline.get(), &fromEdge);
        if (fromEdge < 1e-4)
            continue;
        codes = QStringList(who.begin(), who.end());
        return GeoPoint {point.first, point.second};
    }
    return std::nullopt;
}

bool near(double a, double b, double relative)
{
    return std::abs(a - b) <= relative * std::max(std::abs(a), std::abs(b));
}
} // namespace

class TestGridEdits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void movingASharedVillageVertexKeepsTheCoverage()
    {
        const QList<Grid> villages = wenshanVillages();
        QCOMPARE(villages.size(), 43);
        QStringList owners;
        const std::optional<GeoPoint> shared = sharedByTwo(villages, owners);
        QVERIFY(shared.has_value());
        const Cover before = coverOf(villages);

        // About two metres north-east: both villages must follow.
        const GeoPoint to {shared->lon + 2e-5, shared->lat + 2e-5};
        auto moved = GridEdits::moveVertex(villages, *shared, to, 1e-9);
        QVERIFY2(moved.has_value(), Test::why(moved));
        QStringList changed;
        for (const Grid &grid : *moved) {
            changed << grid.code;
            QVERIFY2(hasVertex(grid, to), qPrintable(grid.code));
            QVERIFY(!hasVertex(grid, *shared));
            QVERIFY(near(grid.areaM2, *Wkb::geodesicAreaM2(grid.wkb), 1e-12));
            QVERIFY(grid.areaM2 != findGrid(villages, grid.code)->areaM2);
        }
        changed.sort();
        QCOMPARE(changed, owners);

        const Cover after = coverOf(replaced(villages, *moved));
        QVERIFY2(near(after.unionArea, before.unionArea, AREA_SLACK),
            qPrintable(
                QStringLiteral("union %1 -> %2").arg(before.unionArea).arg(after.unionArea)));
        QVERIFY2(std::abs(after.overlapArea() - before.overlapArea()) < 1e-14,
            qPrintable(QStringLiteral("overlap %1 -> %2")
                           .arg(before.overlapArea())
                           .arg(after.overlapArea())));
    }

    void movingAVertexOntoANeighboursEdgeTakesTheNeighbourAlong()
    {
        // C's edge runs through A's corner without a vertex of its own there.
        QList<Grid> grids = twoSquares();
        grids << gridOf(QStringLiteral("C"), GridLevel::Base,
            "POLYGON ((121.50 25.01, 121.52 25.01, 121.52 25.02, 121.50 25.02, 121.50 25.01))");
        const Cover before = coverOf(grids);
        auto moved = GridEdits::moveVertex(grids, {121.51, 25.01}, {121.51, 25.012}, 1e-9);
        QVERIFY2(moved.has_value(), Test::why(moved));
        QCOMPARE(moved->size(), 3);
        const Cover after = coverOf(replaced(grids, *moved));
        QVERIFY(near(after.unionArea, before.unionArea, AREA_SLACK));
        QVERIFY(after.overlapArea() < 1e-15);
    }

    void aMoveThatTwistsAGridFails()
    {
        const QList<Grid> grids = twoSquares();
        auto moved = GridEdits::moveVertex(grids, {121.50, 25.00}, {121.515, 25.005}, 1e-9);
        QVERIFY(!moved.has_value());
        QVERIFY2(moved.error().message.contains(QStringLiteral("A")), Test::why(moved));
        auto nowhere = GridEdits::moveVertex(grids, {120.0, 24.0}, {120.1, 24.1}, 1e-6);
        QVERIFY(!nowhere.has_value());
    }

    void insertAndDeleteOnASharedEdge()
    {
        const QList<Grid> grids = twoSquares();
        auto inserted = GridEdits::insertVertex(grids, {121.51000001, 25.005}, 1e-6);
        QVERIFY2(inserted.has_value(), Test::why(inserted));
        QCOMPARE(inserted->size(), 2);
        for (const Grid &grid : *inserted) {
            QCOMPARE(pointCount(grid), 6);
            QVERIFY(hasVertex(grid, {121.51, 25.005}));
            QVERIFY(near(grid.areaM2, findGrid(grids, grid.code)->areaM2, 1e-12));
        }

        const QList<Grid> withVertex = replaced(grids, *inserted);
        auto moved = GridEdits::moveVertex(withVertex, {121.51, 25.005}, {121.513, 25.005}, 1e-9);
        QVERIFY2(moved.has_value(), Test::why(moved));
        const QList<Grid> bent = replaced(withVertex, *moved);
        QVERIFY(findGrid(bent, QStringLiteral("A"))->areaM2
            > findGrid(grids, QStringLiteral("A"))->areaM2);
        QVERIFY(coverOf(bent).overlapArea() < 1e-15);
        QVERIFY(near(coverOf(bent).unionArea, coverOf(grids).unionArea, AREA_SLACK));

        auto deleted = GridEdits::deleteVertex(bent, {121.513, 25.005}, 1e-9);
        QVERIFY2(deleted.has_value(), Test::why(deleted));
        QCOMPARE(deleted->size(), 2);
        for (const Grid &grid : *deleted) {
            QCOMPARE(pointCount(grid), 5);
            QVERIFY(differenceArea(grid.wkb, findGrid(grids, grid.code)->wkb) < 1e-15);
        }
    }

    void deletingBelowThreeCornersFails()
    {
        const QList<Grid> triangle {gridOf(QStringLiteral("T"), GridLevel::Base,
            "POLYGON ((121.50 25.00, 121.51 25.00, 121.50 25.01, 121.50 25.00))")};
        auto deleted = GridEdits::deleteVertex(triangle, {121.51, 25.00}, 1e-9);
        QVERIFY(!deleted.has_value());
        QVERIFY2(deleted.error().message.contains(QStringLiteral("T")), Test::why(deleted));

        auto corner = GridEdits::deleteVertex(twoSquares(), {121.50, 25.01}, 1e-9);
        QVERIFY2(corner.has_value(), Test::why(corner));
        QCOMPARE(corner->size(), 1);
        QVERIFY(near(corner->front().areaM2 * 2, twoSquares().front().areaM2, 1e-3));
    }

    void snapPrefersVerticesToEdges_data()
    {
        QTest::addColumn<double>("lon");
        QTest::addColumn<double>("lat");
        QTest::addColumn<int>("kind");
        QTest::addColumn<double>("snappedLon");
        QTest::addColumn<double>("snappedLat");
        QTest::newRow("vertex") << 121.51005 << 25.01004 << int(GridEdits::Snap::Kind::Vertex)
                                << 121.51 << 25.01;
        QTest::newRow("edge") << 121.50004 << 25.005 << int(GridEdits::Snap::Kind::Edge) << 121.50
                              << 25.005;
        QTest::newRow("nothing near") << 121.505 << 25.005 << -1 << 0.0 << 0.0;
    }
    void snapPrefersVerticesToEdges()
    {
        QFETCH(double, lon);
        QFETCH(double, lat);
        QFETCH(int, kind);
        QFETCH(double, snappedLon);
        QFETCH(double, snappedLat);
        const auto snapped = GridEdits::snap(twoSquares(), {lon, lat}, 1e-4);
        QCOMPARE(snapped.has_value(), kind >= 0);
        if (!snapped)
            return;
        QCOMPARE(int(snapped->kind), kind);
        QCOMPARE(snapped->point.lon, snappedLon);
        QCOMPARE(snapped->point.lat, snappedLat);
    }

    void splitThenMergeGivesTheVillageBack()
    {
        const QList<Grid> villages = wenshanVillages();
        const Grid village = villages.front();
        const double middle = (village.bbox.south + village.bbox.north) / 2;
        const std::vector<GeoPoint> line {
            {village.bbox.west - 0.001, middle}, {village.bbox.east + 0.001, middle + 1e-4}};
        auto parts = GridEdits::split(village, line);
        QVERIFY2(parts.has_value(), Test::why(parts));
        QVERIFY(parts->size() >= 2);
        QCOMPARE(parts->front().code, village.code);
        QCOMPARE(parts->front().name, village.name);
        double total = 0.0;
        for (qsizetype i = 0; i < parts->size(); ++i) {
            total += parts->at(i).areaM2;
            if (i > 0) {
                QVERIFY(parts->at(i).code.isEmpty());
                QVERIFY(parts->at(i).areaM2 <= parts->at(i - 1).areaM2);
            }
        }
        QVERIFY2(near(total, village.areaM2, 1e-9),
            qPrintable(QStringLiteral("%1 != %2").arg(total).arg(village.areaM2)));
        QVERIFY(coverOf(*parts).overlapArea() < 1e-15);

        QList<Grid> named = *parts;
        for (qsizetype i = 1; i < named.size(); ++i)
            named[i].code = village.code + QString::number(i);
        auto merged = GridEdits::merge(named);
        QVERIFY2(merged.has_value(), Test::why(merged));
        QCOMPARE(merged->code, village.code);
        QVERIFY(near(merged->areaM2, village.areaM2, 1e-9));
        QVERIFY(differenceArea(merged->wkb, village.wkb) < 1e-14);
    }

    void splitNeedsALineAcross()
    {
        const Grid square = twoSquares().front();
        const std::vector<GeoPoint> inside {{121.502, 25.005}, {121.508, 25.005}};
        QVERIFY(!GridEdits::split(square, inside).has_value());
        const std::vector<GeoPoint> across {{121.49, 25.005}, {121.52, 25.005}};
        auto halves = GridEdits::split(square, across);
        QVERIFY2(halves.has_value(), Test::why(halves));
        QCOMPARE(halves->size(), 2);
        QVERIFY(near(halves->at(0).areaM2, halves->at(1).areaM2, 1e-3));
    }

    void mergeRefusesGridsThatDoNotShareAnEdge()
    {
        QList<Grid> corner = twoSquares();
        corner[1] = gridOf(QStringLiteral("B"), GridLevel::Base,
            "POLYGON ((121.51 25.01, 121.52 25.01, 121.52 25.02, 121.51 25.02, 121.51 25.01))");
        auto touching = GridEdits::merge(corner);
        QVERIFY(!touching.has_value());
        QVERIFY2(touching.error().message.contains(QStringLiteral("B")), Test::why(touching));

        QList<Grid> levels = twoSquares();
        levels[1].level = GridLevel::Fine;
        QVERIFY(!GridEdits::merge(levels).has_value());

        auto merged = GridEdits::merge(twoSquares());
        QVERIFY2(merged.has_value(), Test::why(merged));
        QVERIFY(near(merged->areaM2, twoSquares()[0].areaM2 + twoSquares()[1].areaM2, 1e-9));
    }

    void reshape_data()
    {
        QTest::addColumn<QList<GeoPoint>>("line");
        QTest::addColumn<QStringList>("changed");
        QTest::addColumn<bool>("aGrows");
        QTest::addColumn<bool>("unionKept");
        QTest::newRow("into the neighbour")
            << QList<GeoPoint> {{121.51, 25.0025}, {121.515, 25.005}, {121.51, 25.0075}}
            << QStringList {"A", "B"} << true << true;
        QTest::newRow("giving to the neighbour")
            << QList<GeoPoint> {{121.51, 25.0025}, {121.505, 25.005}, {121.51, 25.0075}}
            << QStringList {"A", "B"} << false << true;
        QTest::newRow("inward from the outer edge")
            << QList<GeoPoint> {{121.50, 25.0025}, {121.505, 25.005}, {121.50, 25.0075}}
            << QStringList {"A"} << false << false;
    }
    void reshape()
    {
        QFETCH(QList<GeoPoint>, line);
        QFETCH(QStringList, changed);
        QFETCH(bool, aGrows);
        QFETCH(bool, unionKept);
        const QList<Grid> grids = twoSquares();
        const std::vector<GeoPoint> path(line.begin(), line.end());
        auto reshaped = GridEdits::reshape(grids, QStringLiteral("A"), path, 1e-7);
        QVERIFY2(reshaped.has_value(), Test::why(reshaped));
        QStringList codes;
        for (const Grid &grid : *reshaped)
            codes << grid.code;
        codes.sort();
        QCOMPARE(codes, changed);

        const QList<Grid> after = replaced(grids, *reshaped);
        const double oldA = findGrid(grids, QStringLiteral("A"))->areaM2;
        const double newA = findGrid(after, QStringLiteral("A"))->areaM2;
        QCOMPARE(newA > oldA, aGrows);
        // The triangle between the line and the old edge is 0.005 x 0.005 / 2 degrees.
        QVERIFY(near(std::abs(newA - oldA), oldA / 8, 1e-2));
        QVERIFY(coverOf(after).overlapArea() < 1e-15);
        QCOMPARE(near(coverOf(after).unionArea, coverOf(grids).unionArea, AREA_SLACK), unionKept);
    }

    void reshapeAVillageIntoItsNeighbour()
    {
        // An edge two villages share: the line leaves it at one end, bulges into the
        // neighbour by about five metres and comes back at the other end.
        const QList<Grid> villages = wenshanVillages();
        QStringList owners;
        const std::optional<GeoPoint> first = sharedByTwo(villages, owners);
        QVERIFY(first.has_value());
        const Grid *grid = findGrid(villages, owners[0]);
        const Grid *neighbour = findGrid(villages, owners[1]);
        std::optional<GeoPoint> second;
        Wkb::forEachRing(grid->wkb, [&](const Wkb::RingRef &ring) {
            for (std::size_t i = 0; i + 1 < ring.points.size(); ++i) {
                const GeoPoint &a = ring.points[i];
                const GeoPoint &b = ring.points[i + 1];
                if (a.lon == first->lon && a.lat == first->lat && hasVertex(*neighbour, b))
                    second = b;
                if (b.lon == first->lon && b.lat == first->lat && hasVertex(*neighbour, a))
                    second = second ? second : a;
            }
        });
        QVERIFY(second.has_value());
        const double dx = second->lon - first->lon;
        const double dy = second->lat - first->lat;
        const double length = std::hypot(dx, dy);
        GeosContext geos;
        auto other = geos.fromWkb(neighbour->wkb);
        GeoPoint bulge {(first->lon + second->lon) / 2 - dy / length * 5e-5,
            (first->lat + second->lat) / 2 + dx / length * 5e-5};
        auto probe = geos.adopt(GEOSGeom_createPointFromXY_r(geos.handle(), bulge.lon, bulge.lat));
        if (GEOSIntersects_r(geos.handle(), other->get(), probe.get()) != 1)
            bulge = {(first->lon + second->lon) / 2 + dy / length * 5e-5,
                (first->lat + second->lat) / 2 - dx / length * 5e-5};
        const std::vector<GeoPoint> line {*first, bulge, *second};

        auto reshaped = GridEdits::reshape(villages, grid->code, line, 1e-9);
        QVERIFY2(reshaped.has_value(), Test::why(reshaped));
        const QList<Grid> after = replaced(villages, *reshaped);
        QVERIFY(findGrid(after, grid->code)->areaM2 > grid->areaM2);
        QVERIFY(findGrid(after, neighbour->code)->areaM2 < neighbour->areaM2);
        const double gained = findGrid(after, grid->code)->areaM2 - grid->areaM2;
        const double lost = neighbour->areaM2 - findGrid(after, neighbour->code)->areaM2;
        QVERIFY2(std::abs(gained - lost) < 1e-6 * gained,
            qPrintable(QStringLiteral("%1 != %2").arg(gained).arg(lost)));
        const Cover before = coverOf(villages);
        const Cover now = coverOf(after);
        QVERIFY(near(now.unionArea, before.unionArea, AREA_SLACK));
        QVERIFY(std::abs(now.overlapArea() - before.overlapArea()) < 1e-14);
    }

    void reshapeNeedsItsEndsOnTheBoundary()
    {
        const std::vector<GeoPoint> loose {{121.505, 25.005}, {121.515, 25.005}};
        auto reshaped = GridEdits::reshape(twoSquares(), QStringLiteral("A"), loose, 1e-7);
        QVERIFY(!reshaped.has_value());
        QVERIFY(!GridEdits::reshape(twoSquares(), QStringLiteral("Z"), loose, 1e-7).has_value());
    }

    void drawNewIsClippedToTheFreeArea()
    {
        const std::vector<GeoPoint> ring {
            {121.515, 25.005}, {121.53, 25.005}, {121.53, 25.015}, {121.515, 25.015}};
        auto drawn = GridEdits::drawNew(twoSquares(), ring, GridLevel::Base);
        QVERIFY2(drawn.has_value(), Test::why(drawn));
        QCOMPARE(drawn->level, GridLevel::Base);
        QVERIFY(coverOf(twoSquares() + QList<Grid> {*drawn}).overlapArea() < 1e-15);
        // Three quarters of the 0.015 x 0.01 rectangle lie outside B's quarter.
        const double square = twoSquares().front().areaM2;
        QVERIFY2(near(drawn->areaM2, square * 1.5 - square / 4, 1e-2),
            qPrintable(QString::number(drawn->areaM2 / square)));

        auto fine = GridEdits::drawNew(twoSquares(), ring, GridLevel::Fine);
        QVERIFY(fine.has_value());
        QVERIFY(near(fine->areaM2, square * 1.5, 1e-2));

        const std::vector<GeoPoint> covered {
            {121.501, 25.001}, {121.509, 25.001}, {121.505, 25.009}};
        QVERIFY(!GridEdits::drawNew(twoSquares(), covered, GridLevel::Base).has_value());
    }

    void subdivideASquareInRowsFromTheNorthWest()
    {
        // 0.01 degrees of latitude are 1 112 m; the longitude side is made as long in metres.
        const double side = 0.01;
        const double wide = side / std::cos(25.005 * M_PI / 180);
        Grid parent;
        parent.code = QStringLiteral("B7");
        parent.name = QStringLiteral("Base 7");
        parent.wkb = wkbOf(QStringLiteral("POLYGON ((121.5 25.0, %1 25.0, %1 25.01, 121.5 25.01, "
                                          "121.5 25.0))")
                               .arg(121.5 + wide, 0, 'f', 12)
                               .toLatin1()
                               .constData());
        QVERIFY(GridEdits::refreshMeasures(parent).has_value());
        auto fine = GridEdits::subdivide(parent, {4, std::nullopt});
        QVERIFY2(fine.has_value(), Test::why(fine));
        QCOMPARE(fine->size(), 4);
        const QStringList codes {"B7001", "B7002", "B7003", "B7004"};
        for (qsizetype i = 0; i < 4; ++i) {
            const Grid &grid = fine->at(i);
            QCOMPARE(grid.code, codes[i]);
            QCOMPARE(grid.name, QStringLiteral("Base 7 %1").arg(codes[i].mid(2)));
            QCOMPARE(grid.parentCode, QStringLiteral("B7"));
            QCOMPARE(grid.level, GridLevel::Fine);
            QVERIFY(near(grid.areaM2, parent.areaM2 / 4, 1e-3));
        }
        // 001 north-west, 002 north-east, 003 south-west, 004 south-east.
        QVERIFY(fine->at(0).bbox.north > fine->at(2).bbox.north - 1e-9);
        QVERIFY(fine->at(0).bbox.west < fine->at(1).bbox.west);
        QVERIFY(fine->at(2).bbox.north < fine->at(0).bbox.north);
        QVERIFY(fine->at(3).bbox.west > fine->at(2).bbox.west);
    }

    void subdivideARealVillageCoversItExactly_data()
    {
        QTest::addColumn<int>("village");
        QTest::addColumn<int>("parts");
        QTest::newRow("first village, 12 parts") << 0 << 12;
        QTest::newRow("tenth village, 50 parts") << 9 << 50;
        QTest::newRow("largest village, 200 parts") << -1 << 200;
    }
    void subdivideARealVillageCoversItExactly()
    {
        QFETCH(int, village);
        QFETCH(int, parts);
        const QList<Grid> villages = wenshanVillages();
        const Grid parent = village >= 0
            ? villages.at(village)
            : *std::max_element(villages.begin(), villages.end(),
                [](const Grid &a, const Grid &b) { return a.areaM2 < b.areaM2; });
        auto fine = GridEdits::subdivide(parent, {parts, std::nullopt});
        QVERIFY2(fine.has_value(), Test::why(fine));
        QVERIFY2(fine->size() >= parts * 0.8 && fine->size() <= parts * 1.2,
            qPrintable(QString::number(fine->size())));

        const double parentArea = Cover(coverOf({parent})).unionArea;
        const double uncovered = differenceArea(unionOf(*fine), parent.wkb);
        QVERIFY2(
            uncovered < 1e-9 * parentArea, qPrintable(QString::number(uncovered / parentArea)));
        QVERIFY2(coverOf(*fine).overlapArea() < 1e-9 * parentArea,
            qPrintable(QString::number(coverOf(*fine).overlapArea() / parentArea)));

        std::vector<double> areas;
        double total = 0.0;
        for (qsizetype i = 0; i < fine->size(); ++i) {
            const Grid &grid = fine->at(i);
            QCOMPARE(
                grid.code, parent.code + QStringLiteral("%1").arg(i + 1, 3, 10, QLatin1Char('0')));
            QCOMPARE(grid.parentCode, parent.code);
            areas.push_back(grid.areaM2);
            total += grid.areaM2;
        }
        QVERIFY(near(total, parent.areaM2, 1e-6));
        // Whole cells are the median; nothing under a third of one survives.
        std::sort(areas.begin(), areas.end());
        const double cell = areas[areas.size() / 2];
        QVERIFY2(areas.front() >= cell / 3 * 0.999,
            qPrintable(QStringLiteral("%1 of %2").arg(areas.front()).arg(cell)));
    }

    void subdivideEveryVillageIntoTwoHundred()
    {
        const QList<Grid> villages = wenshanVillages();
        QElapsedTimer timer;
        timer.start();
        qsizetype total = 0;
        for (const Grid &village : villages) {
            auto fine = GridEdits::subdivide(village, {200, std::nullopt});
            QVERIFY2(fine.has_value(), Test::why(fine));
            total += fine->size();
        }
        qInfo() << villages.size() << "villages cut into" << total << "fine grids in"
                << timer.elapsed() << "ms";
        QVERIFY(total > 43 * 160);
    }

    void subdivideHitsSmallCountsExactly()
    {
        // A lattice over an irregular village cannot make every count, but a small one it must:
        // asked for two, a supervisor gets two.
        const QList<Grid> villages = wenshanVillages();
        for (int parts : {2, 3, 5, 7}) {
            for (int village : {0, 9, 20, 42}) {
                auto fine = GridEdits::subdivide(villages.at(village), {parts, std::nullopt});
                QVERIFY2(fine.has_value(), Test::why(fine));
                QVERIFY2(fine->size() == parts,
                    qPrintable(QStringLiteral("%1 asked for %2, got %3")
                                   .arg(villages.at(village).code)
                                   .arg(parts)
                                   .arg(fine->size())));
            }
        }
    }

    void subdivideRefusesTargetsOutOfReach()
    {
        const Grid village = wenshanVillages().first();
        for (double area : {1.0, village.areaM2 / 20'000, std::numeric_limits<double>::infinity(),
                 std::numeric_limits<double>::quiet_NaN(), village.areaM2, 1e11}) {
            auto fine = GridEdits::subdivide(village, {std::nullopt, area});
            QVERIFY2(!fine.has_value(), qPrintable(QString::number(area)));
            QVERIFY2(fine.error().message.contains(village.code), qPrintable(fine.error().message));
        }
        QVERIFY(!GridEdits::subdivide(village, {10'001, std::nullopt}).has_value());
    }

    void subdivideRejectsNoTarget()
    {
        QVERIFY(!GridEdits::subdivide(twoSquares().front(), {}).has_value());
        QVERIFY(!GridEdits::subdivide(twoSquares().front(), {0, std::nullopt}).has_value());
        auto byArea = GridEdits::subdivide(twoSquares().front(), {std::nullopt, 100000.0});
        QVERIFY2(byArea.has_value(), Test::why(byArea));
        QVERIFY(byArea->size() >= 10 && byArea->size() <= 14);
    }

    void nextChildCodes_data()
    {
        QTest::addColumn<QStringList>("taken");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("no children") << QStringList {} << QStringList {"P001", "P002", "P003"};
        QTest::newRow("two-digit children")
            << QStringList {"P01", "P02", "Q01"} << QStringList {"P03", "P04", "P05"};
        QTest::newRow("after the highest")
            << QStringList {"P001", "P007"} << QStringList {"P008", "P009", "P010"};
        QTest::newRow("others' codes ignored")
            << QStringList {"PX1", "P"} << QStringList {"P001", "P002", "P003"};
    }
    void nextChildCodes()
    {
        QFETCH(QStringList, taken);
        QFETCH(QStringList, expected);
        QCOMPARE(GridEdits::nextChildCodes(QStringLiteral("P"), taken, 3), expected);
    }

    void refreshMeasuresNeedsAPolygon()
    {
        Grid grid = twoSquares().front();
        grid.bbox = {};
        grid.areaM2 = 0.0;
        QVERIFY(GridEdits::refreshMeasures(grid).has_value());
        QCOMPARE(grid.bbox.west, 121.50);
        QCOMPARE(grid.bbox.north, 25.01);
        // About 1 009 m by 1 106 m.
        QVERIFY2(
            grid.areaM2 > 1.10e6 && grid.areaM2 < 1.13e6, qPrintable(QString::number(grid.areaM2)));
        grid.wkb = Wkb::point({121.5, 25.0});
        QVERIFY(!GridEdits::refreshMeasures(grid).has_value());
    }
};

GRIDDESK_TEST_MAIN(TestGridEdits, QCoreApplication)
#include "tst_gridedits.moc"
