// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "gis/geoscontext.h"
#include "gis/wkb.h"

#include "support/testsupport.h"

#include <QCoreApplication>

using namespace GridDesk;

class TestWkb : public QObject
{
    Q_OBJECT

private:
    QByteArray fromWkt(const char *wkt)
    {
        GeosContext geos;
        GEOSWKTReader *reader = GEOSWKTReader_create_r(geos.handle());
        auto geometry = geos.adopt(GEOSWKTReader_read_r(geos.handle(), reader, wkt));
        GEOSWKTReader_destroy_r(geos.handle(), reader);
        return geos.toWkb(geometry.get());
    }

private Q_SLOTS:
    void envelopeOfShapes_data()
    {
        QTest::addColumn<QByteArray>("wkt");
        QTest::addColumn<double>("west");
        QTest::addColumn<double>("south");
        QTest::addColumn<double>("east");
        QTest::addColumn<double>("north");
        QTest::newRow("point") << QByteArray("POINT (121.5 25.0)") << 121.5 << 25.0 << 121.5
                               << 25.0;
        QTest::newRow("polygon with hole")
            << QByteArray("POLYGON ((0 0, 10 0, 10 8, 0 8, 0 0), (2 2, 3 2, 3 3, 2 2))") << 0.0
            << 0.0 << 10.0 << 8.0;
        QTest::newRow("multipolygon")
            << QByteArray("MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((-5 -6, -4 -6, -4 -5, -5 -6)))")
            << -5.0 << -6.0 << 1.0 << 1.0;
    }
    void envelopeOfShapes()
    {
        QFETCH(QByteArray, wkt);
        const auto box = Wkb::envelope(fromWkt(wkt.constData()));
        QVERIFY2(box.has_value(), GridDesk::Test::why(box).constData());
        QFETCH(double, west);
        QFETCH(double, south);
        QFETCH(double, east);
        QFETCH(double, north);
        QCOMPARE(box->west, west);
        QCOMPARE(box->south, south);
        QCOMPARE(box->east, east);
        QCOMPARE(box->north, north);
    }

    void ringsAreVisitedInOrder()
    {
        const QByteArray wkb =
            fromWkt("MULTIPOLYGON (((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 2 1, 2 2, 1 1)), ((9 9, 10 9, "
                    "10 10, 9 9)))");
        QList<QPair<int, int>> seen;
        QList<qsizetype> sizes;
        auto walked = Wkb::forEachRing(wkb, [&](const Wkb::RingRef &ring) {
            seen << qMakePair(ring.part, ring.ring);
            sizes << qsizetype(ring.points.size());
        });
        QVERIFY(walked.has_value());
        QCOMPARE(seen, (QList<QPair<int, int>> {{0, 0}, {0, 1}, {1, 0}}));
        QCOMPARE(sizes, (QList<qsizetype> {5, 4, 4}));
    }

    void truncatedWkbFails()
    {
        QByteArray wkb = fromWkt("POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0))");
        wkb.chop(5);
        const auto box = Wkb::envelope(wkb);
        QVERIFY(!box.has_value());
        QCOMPARE(box.error().code, ErrorCode::InvalidGeometry);
        QVERIFY(box.error().message.contains(QLatin1String("byte")));
    }

    void garbageIsRejected()
    {
        QVERIFY(!Wkb::envelope(QByteArray("not wkb at all")).has_value());
        QVERIFY(!Wkb::envelope(QByteArray()).has_value());
    }

    void geodesicAreaOfOneDegreeAtEquator()
    {
        // A 1°×1° cell at the equator is 12 308 778 361 m² on the WGS84 ellipsoid.
        const auto area = Wkb::geodesicAreaM2(fromWkt("POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))"));
        QVERIFY(area.has_value());
        QVERIFY2(qAbs(*area - 12308778361.0) < 1e6, qPrintable(QString::number(*area, 'f', 0)));
    }

    void holesAreSubtracted()
    {
        const double whole = *Wkb::geodesicAreaM2(fromWkt("POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))"));
        const double holed = *Wkb::geodesicAreaM2(
            fromWkt("POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0), (0.25 0.25, 0.75 0.25, 0.75 0.75, "
                    "0.25 0.75, 0.25 0.25))"));
        QVERIFY(holed < whole * 0.76 && holed > whole * 0.74);
        QCOMPARE(*Wkb::geodesicAreaM2(fromWkt("LINESTRING (0 0, 1 1)")), 0.0);
    }

    void transformMovesEveryCoordinate()
    {
        QByteArray wkb = fromWkt("MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)))");
        auto moved = Wkb::transformInPlace(wkb, [](std::span<double> xy) {
            for (std::size_t i = 0; i < xy.size(); i += 2) {
                xy[i] += 100.0;
                xy[i + 1] += 10.0;
            }
            return true;
        });
        QVERIFY(moved.has_value());
        const auto box = Wkb::envelope(wkb);
        QCOMPARE(box->west, 100.0);
        QCOMPARE(box->north, 11.0);
    }

    void pointRoundTrips()
    {
        const auto box = Wkb::envelope(Wkb::point(GeoPoint {-73.99, 40.66}));
        QCOMPARE(box->west, -73.99);
        QCOMPARE(box->south, 40.66);
    }
};

GRIDDESK_TEST_MAIN(TestWkb, QCoreApplication)
#include "tst_wkb.moc"
