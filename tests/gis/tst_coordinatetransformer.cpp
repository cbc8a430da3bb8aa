// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "gis/coordinatetransformer.h"
#include "gis/gcj02.h"

#include "support/testsupport.h"

#include <QCoreApplication>

#include <vector>

using namespace GridDesk;

class TestCoordinateTransformer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void toWgs84_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<double>("x");
        QTest::addColumn<double>("y");
        QTest::addColumn<double>("lon");
        QTest::addColumn<double>("lat");
        QTest::addColumn<double>("tolerance");
        // Taipei 101 in Web Mercator, and the same point in Taiwan's TWD97 / TM2 zone 121.
        QTest::newRow("web mercator") << QStringLiteral("EPSG:3857") << 13532598.426 << 2879798.475
                                      << 121.5654 << 25.0330 << 1e-7;
        QTest::newRow("TWD97 TM2") << QStringLiteral("EPSG:3826") << 307056.819 << 2769551.837
                                   << 121.5654 << 25.0330 << 1e-7;
        // Brooklyn in New York State Plane (US feet), from the 311 excerpt's own columns.
        QTest::newRow("NY state plane") << QStringLiteral("EPSG:2263") << 984640.0 << 180028.0
                                        << -73.9985943 << 40.6608119 << 1e-6;
        QTest::newRow("CGCS2000 geographic")
            << QStringLiteral("EPSG:4490") << 114.0579 << 22.5431 << 114.0579 << 22.5431 << 1e-6;
        QTest::newRow("already WGS84") << QString() << 1.5 << 2.5 << 1.5 << 2.5 << 0.0;
    }
    void toWgs84()
    {
        QFETCH(QString, source);
        QFETCH(double, x);
        QFETCH(double, y);
        QFETCH(double, lon);
        QFETCH(double, lat);
        QFETCH(double, tolerance);
        auto transformer = CoordinateTransformer::toWgs84(source);
        QVERIFY2(transformer.has_value(), GridDesk::Test::why(transformer).constData());
        std::vector<double> xy {x, y};
        QVERIFY(transformer->transform(xy));
        QVERIFY2(qAbs(xy[0] - lon) <= tolerance && qAbs(xy[1] - lat) <= tolerance,
            qPrintable(QStringLiteral("got %1, %2").arg(xy[0], 0, 'f', 7).arg(xy[1], 0, 'f', 7)));
    }

    void unknownCrsIsRefusedWithItsName()
    {
        auto transformer = CoordinateTransformer::toWgs84(QStringLiteral("EPSG:999999"));
        QVERIFY(!transformer.has_value());
        QCOMPARE(transformer.error().code, ErrorCode::UnknownCrs);
        QVERIFY(transformer.error().message.contains(QLatin1String("EPSG:999999")));
    }

    void gcj02RoundTrip()
    {
        // Shenzhen Civic Centre: GCJ-02 moves it by a few hundred metres.
        const GeoPoint wgs {114.0579, 22.5431};
        const GeoPoint gcj = Gcj02::fromWgs84(wgs);
        QVERIFY(qAbs(gcj.lon - wgs.lon) > 0.001 || qAbs(gcj.lat - wgs.lat) > 0.001);
        const GeoPoint back = Gcj02::toWgs84(gcj);
        QVERIFY(qAbs(back.lon - wgs.lon) < 1e-8);
        QVERIFY(qAbs(back.lat - wgs.lat) < 1e-8);
    }

    void gcj02LeavesTheRestOfTheWorld()
    {
        const GeoPoint newYork {-73.99, 40.66};
        const GeoPoint moved = Gcj02::fromWgs84(newYork);
        QCOMPARE(moved.lon, newYork.lon);
        QCOMPARE(moved.lat, newYork.lat);
    }

    void gcj02Transformer()
    {
        auto transformer = CoordinateTransformer::toWgs84(QStringLiteral("gcj02"));
        QVERIFY(transformer.has_value());
        const GeoPoint gcj = Gcj02::fromWgs84(GeoPoint {114.0579, 22.5431});
        std::vector<double> xy {gcj.lon, gcj.lat};
        QVERIFY(transformer->transform(xy));
        QVERIFY(qAbs(xy[0] - 114.0579) < 1e-8 && qAbs(xy[1] - 22.5431) < 1e-8);
        QCOMPARE(transformer->sourceName(), QStringLiteral("GCJ-02"));
    }
};

GRIDDESK_TEST_MAIN(TestCoordinateTransformer, QCoreApplication)
#include "tst_coordinatetransformer.moc"
