// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "patrol/trackshape.h"

#include "patrolfixture.h"
#include "support/testsupport.h"

#include <QCoreApplication>

#include <cmath>

using namespace GridDesk;

namespace {

QList<TrackPoint> line(double lon0, double lat0, double lon1, double lat1)
{
    const QDateTime start(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC);
    return {{{lon0, lat0}, start, 0}, {{lon1, lat1}, start.addSecs(600), 0}};
}

// A grid 0.01° square at the equator: about 1113 m east-west and 1106 m north-south.
const Grid SQUARE = Test::rectangleGrid(QStringLiteral("SQ"), 0.0, 0.0, 0.01, 0.01);

} // namespace

class TestTrackShape : public QObject
{
    Q_OBJECT

    void checkShare(double share, double expected, double tolerance = 0.003)
    {
        QVERIFY2(std::abs(share - expected) <= tolerance * expected,
            qPrintable(QStringLiteral("share %1, expected %2")
                           .arg(share, 0, 'f', 6)
                           .arg(expected, 0, 'f', 6)));
    }

private Q_SLOTS:
    void aStraightTrackThroughASquareSeesAStripAcrossIt()
    {
        const double height = Test::metresBetween(0.005, 0.0, 0.005, 0.01);
        auto shape = TrackShape::of(line(-0.005, 0.005, 0.015, 0.005), 30.0);
        QVERIFY2(shape, Test::why(shape));
        auto covered = shape->coverage({SQUARE});
        QVERIFY2(covered, Test::why(covered));
        QCOMPARE(covered->size(), 1);
        QCOMPARE(covered->first().gridCode, QStringLiteral("SQ"));
        // A strip 60 m wide right across: 60 m out of the grid's height.
        checkShare(covered->first().share(), 60.0 / height);
        const double width = Test::metresBetween(0.0, 0.005, 0.01, 0.005);
        checkShare(covered->first().gridSquareMetres, width * height);
    }

    void aWiderSightSeesMore()
    {
        const double height = Test::metresBetween(0.005, 0.0, 0.005, 0.01);
        auto shape = TrackShape::of(line(-0.005, 0.005, 0.015, 0.005), 100.0);
        QVERIFY2(shape, Test::why(shape));
        auto covered = shape->coverage({SQUARE});
        QVERIFY2(covered && covered->size() == 1, "one grid");
        checkShare(covered->first().share(), 200.0 / height);
    }

    void aTrackAlongsideOutsideSeesTheEdge()
    {
        // 10 m north of the north edge: 20 of the 30 m of sight reach into the grid.
        const double height = Test::metresBetween(0.005, 0.0, 0.005, 0.01);
        const double lat = Test::northOf(0.005, 0.01, 10.0);
        auto shape = TrackShape::of(line(-0.005, lat, 0.015, lat), 30.0);
        QVERIFY2(shape, Test::why(shape));
        auto covered = shape->coverage({SQUARE});
        QVERIFY2(covered && covered->size() == 1, "one grid");
        checkShare(covered->first().share(), 20.0 / height, 0.01);
    }

    void aStandingPatrolSeesACircle()
    {
        const QDateTime at(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC);
        auto shape = TrackShape::of({{{0.005, 0.005}, at, 0}}, 30.0);
        QVERIFY2(shape, Test::why(shape));
        auto covered = shape->coverage({SQUARE});
        QVERIFY2(covered && covered->size() == 1, "one grid");
        // A 32-sided circle falls short of pi r² by about 0.6 %.
        checkShare(covered->first().coveredSquareMetres, M_PI * 30.0 * 30.0, 0.01);
    }

    void gridsBesideTheTrackAreLeftOut()
    {
        const Grid far = Test::rectangleGrid(QStringLiteral("FAR"), 1.0, 1.0, 1.01, 1.01);
        const Grid next = Test::rectangleGrid(QStringLiteral("NEXT"), 0.01, 0.0, 0.02, 0.01);
        auto shape = TrackShape::of(line(0.001, 0.005, 0.009, 0.005), 30.0);
        QVERIFY2(shape, Test::why(shape));
        auto covered = shape->coverage({far, SQUARE, next});
        QVERIFY2(covered, Test::why(covered));
        QCOMPARE(covered->size(), 1);
        QCOMPARE(covered->first().gridCode, QStringLiteral("SQ"));
        QVERIFY(shape->coverage({far})->isEmpty());
    }

    void distanceFromThePath()
    {
        auto shape = TrackShape::of(line(0.0, 0.005, 0.01, 0.005), 30.0);
        QVERIFY2(shape, Test::why(shape));
        const double distance = shape->distanceMetres({0.005, Test::northOf(0.005, 0.005, 25.0)});
        QVERIFY2(std::abs(distance - 25.0) < 0.05, qPrintable(QString::number(distance)));
    }

    void badSightDistancesAreRefused()
    {
        auto shape = TrackShape::of(line(0.0, 0.005, 0.01, 0.005), 0.0);
        QVERIFY(!shape);
        QVERIFY2(shape.error().message.contains(QLatin1String("more than 0 metres")),
            qPrintable(shape.error().message));
        QVERIFY(!TrackShape::of({}, 30.0));
    }
};

GRIDDESK_TEST_MAIN(TestTrackShape, QCoreApplication)
#include "tst_trackshape.moc"
