// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "maprender/mapviewport.h"

#include "support/testsupport.h"

#include <QGuiApplication>

using namespace GridDesk;

class TestMapViewport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mercatorKnownValues_data();
    void mercatorKnownValues();
    void mercatorClampsPoles();
    void fittedKeepsAspect();
    void pixelRoundTrip();
    void zoomKeepsAnchor();
    void panMovesContent();
    void resizedKeepsScale();
};

void TestMapViewport::mercatorKnownValues_data()
{
    QTest::addColumn<double>("lon");
    QTest::addColumn<double>("lat");
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("y");
    // Reference values of EPSG:3857 for well-known places.
    QTest::newRow("origin") << 0.0 << 0.0 << 0.0 << 0.0;
    QTest::newRow("antimeridian") << 180.0 << 0.0 << 20037508.342789244 << 0.0;
    QTest::newRow("new-york") << -74.0 << 40.7 << -8237642.318702244 << 4968191.930188206;
}

void TestMapViewport::mercatorKnownValues()
{
    QFETCH(double, lon);
    QFETCH(double, lat);
    QFETCH(double, x);
    QFETCH(double, y);
    const QPointF mercator = WebMercator::fromLonLat({lon, lat});
    QVERIFY2(std::abs(mercator.x() - x) < 0.01, qPrintable(QString::number(mercator.x(), 'f')));
    QVERIFY2(std::abs(mercator.y() - y) < 0.01, qPrintable(QString::number(mercator.y(), 'f')));

    const GeoPoint back = WebMercator::toLonLat(mercator);
    QVERIFY(std::abs(back.lon - lon) < 1e-9);
    QVERIFY(std::abs(back.lat - lat) < 1e-9);
}

void TestMapViewport::mercatorClampsPoles()
{
    const QPointF north = WebMercator::fromLonLat({0, 90});
    QVERIFY(std::isfinite(north.y()));
    QVERIFY(std::abs(north.y() - WebMercator::fromLonLat({0, 85.0511}).y()) < 1e-6);
}

void TestMapViewport::fittedKeepsAspect()
{
    const BoundingBox box {-74.1, 40.6, -73.9, 40.8};
    const MapViewport viewport = MapViewport::fitted(box, QSize(800, 400));
    const QRectF world = viewport.mercatorExtent();
    QCOMPARE(qRound(world.width() / world.height() * 100), 200);
    // The whole box is inside the image.
    const QPointF southWest = viewport.toPixel({box.west, box.south});
    const QPointF northEast = viewport.toPixel({box.east, box.north});
    QVERIFY(QRectF(-0.01, -0.01, 800.02, 400.02).contains(southWest));
    QVERIFY(QRectF(-0.01, -0.01, 800.02, 400.02).contains(northEast));
    QVERIFY(southWest.y() > northEast.y()); // north is up
}

void TestMapViewport::pixelRoundTrip()
{
    const MapViewport viewport = MapViewport::fitted({121.4, 24.9, 121.7, 25.2}, QSize(640, 480));
    const QPointF pixel(123.25, 456.5);
    const QPointF back = viewport.toPixel(viewport.toLonLat(pixel));
    QVERIFY(QLineF(pixel, back).length() < 1e-6);
}

void TestMapViewport::zoomKeepsAnchor()
{
    const MapViewport viewport = MapViewport::fitted({10.0, 50.0, 10.1, 50.1}, QSize(500, 500));
    const QPointF anchor(100, 350);
    const GeoPoint under = viewport.toLonLat(anchor);
    const MapViewport zoomed = viewport.zoomed(2.0, anchor);
    QVERIFY(QLineF(zoomed.toPixel(under), anchor).length() < 1e-6);
    QVERIFY(std::abs(zoomed.mercatorPerPixel() * 2 - viewport.mercatorPerPixel()) < 1e-9);
}

void TestMapViewport::panMovesContent()
{
    const MapViewport viewport = MapViewport::fitted({10.0, 50.0, 10.1, 50.1}, QSize(500, 500));
    const GeoPoint point {10.03, 50.06};
    const QPointF before = viewport.toPixel(point);
    const QPointF after = viewport.panned({30, -20}).toPixel(point);
    QVERIFY(QLineF(after, before + QPointF(30, -20)).length() < 1e-6);
}

void TestMapViewport::resizedKeepsScale()
{
    const MapViewport viewport = MapViewport::fitted({10.0, 50.0, 10.1, 50.1}, QSize(500, 500));
    const MapViewport resized = viewport.resized(QSize(1000, 300));
    QCOMPARE(resized.size, QSize(1000, 300));
    QVERIFY(std::abs(resized.mercatorPerPixel() - viewport.mercatorPerPixel()) < 1e-9);
    QVERIFY(QLineF(resized.mercatorExtent().center(), viewport.mercatorExtent().center()).length()
        < 1e-6);
}

GRIDDESK_TEST_MAIN(TestMapViewport, QGuiApplication)

#include "tst_mapviewport.moc"
