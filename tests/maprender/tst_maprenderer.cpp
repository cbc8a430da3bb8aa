// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "maprender/maprenderer.h"

#include "scenefixture.h"
#include "support/testsupport.h"

#include <QGuiApplication>
#include <QSignalSpy>
#include <QThread>

using namespace GridDesk;

class TestMapRenderer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rendersOffTheGuiThread();
    void reportsOnlyTheNewestRequest();
    void ignoresRequestsWithoutScene();
};

void TestMapRenderer::rendersOffTheGuiThread()
{
    MapRenderer renderer;
    renderer.setScene(Test::fixtureScene());
    QSignalSpy finished(&renderer, &MapRenderer::renderFinished);
    const MapViewport viewport = MapViewport::fitted(renderer.scene()->extent(), QSize(320, 240));
    renderer.requestRender(viewport);
    QVERIFY(renderer.isBusy());
    QVERIFY(finished.wait(10000));

    const auto image = finished.at(0).at(0).value<QImage>();
    QCOMPARE(image.size(), QSize(320, 240));
    QCOMPARE(finished.at(0).at(1).value<MapViewport>(), viewport);
    QVERIFY(!renderer.isBusy());
}

void TestMapRenderer::reportsOnlyTheNewestRequest()
{
    MapRenderer renderer;
    renderer.setScene(Test::fixtureScene());
    QSignalSpy finished(&renderer, &MapRenderer::renderFinished);
    const MapViewport first = MapViewport::fitted(renderer.scene()->extent(), QSize(300, 300));
    const MapViewport second = first.zoomed(2.0, QPointF(150, 150));
    const MapViewport third = second.panned(QPointF(40, 0));
    renderer.requestRender(first);
    renderer.requestRender(second);
    renderer.requestRender(third);

    QTRY_VERIFY_WITH_TIMEOUT(!renderer.isBusy(), 10000);
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(1).value<MapViewport>(), third);
}

void TestMapRenderer::ignoresRequestsWithoutScene()
{
    MapRenderer renderer;
    renderer.requestRender(MapViewport::fitted({0, 0, 1, 1}, QSize(10, 10)));
    QVERIFY(!renderer.isBusy());
}

GRIDDESK_TEST_MAIN(TestMapRenderer, QGuiApplication)

#include "tst_maprenderer.moc"
