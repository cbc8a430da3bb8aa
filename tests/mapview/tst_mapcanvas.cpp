// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "mapview/mapcanvas.h"

#include "scenefixture.h"
#include "support/testsupport.h"

#include <QApplication>
#include <QKeyEvent>
#include <QPainter>
#include <QSignalSpy>

using namespace GridDesk;

namespace {

/// A tool that records what reaches it, takes what it is told to and paints a red square.
class RecordingTool : public MapTool
{
public:
    bool takePress = false;
    bool takeClick = false;
    QList<GeoPoint> presses;
    QList<GeoPoint> releases;
    QList<GeoPoint> clicks;
    int moves = 0;
    QList<int> keys;

    bool mousePressed(const MapMouseEvent &event) override
    {
        presses.append(event.point);
        return takePress;
    }
    bool mouseMoved(const MapMouseEvent &) override
    {
        ++moves;
        return takePress && !presses.isEmpty() && releases.size() < presses.size();
    }
    bool mouseReleased(const MapMouseEvent &event) override
    {
        releases.append(event.point);
        return true;
    }
    bool clicked(const MapMouseEvent &event) override
    {
        clicks.append(event.point);
        return takeClick;
    }
    bool keyPressed(QKeyEvent *event) override
    {
        keys.append(event->key());
        return event->key() == Qt::Key_Backspace;
    }
    void paint(QPainter &painter, const MapViewport &) override
    {
        painter.fillRect(QRect(0, 0, 10, 10), Qt::red);
    }
};

} // namespace

class TestMapCanvas : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void showsWholeSceneAndRenders();
    void clickSelectsCaseBeforeGrid();
    void clickSelectsInnermostGrid();
    void dragPans();
    void wheelZoomsAroundCursor();
    void keyboard_data();
    void keyboard();
    void zoomToGridAndCase();
    void doubleClickZoomsToGrid();
    void toolTakesClicksBeforeSelection();
    void toolOwnsItsDrag();
    void toolGetsKeysFirstAndPaints();
    void replaceSceneKeepsView();
    void zoomToExtent();

private:
    QPointF pixelOf(const GeoPoint &point) const { return m_canvas->viewport().toPixel(point); }

    std::unique_ptr<MapCanvas> m_canvas;
};

void TestMapCanvas::init()
{
    m_canvas = std::make_unique<MapCanvas>();
    m_canvas->resize(500, 400);
    m_canvas->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_canvas.get()));
    m_canvas->setScene(Test::fixtureScene());
}

void TestMapCanvas::cleanup()
{
    m_canvas.reset();
}

void TestMapCanvas::showsWholeSceneAndRenders()
{
    QSignalSpy changed(m_canvas.get(), &MapCanvas::imageChanged);
    QVERIFY(changed.wait(10000) || !m_canvas->image().isNull());
    QCOMPARE(m_canvas->image().size(), QSize(500, 400));
    const QRectF area(0, 0, 500, 400);
    QVERIFY(area.contains(pixelOf({10.0, 50.0})));
    QVERIFY(area.contains(pixelOf({10.1, 50.1})));

    // What the widget shows is the rendered map (a grab goes through paintEvent).
    QTRY_VERIFY(!m_canvas->isRendering());
    const QImage shown = m_canvas->grab().toImage();
    const QPoint inB2 = pixelOf({10.09, 50.09}).toPoint();
    QCOMPARE(QColor(shown.pixel(inB2)), MapStyle().level(GridLevel::Base).fill);
}

void TestMapCanvas::clickSelectsCaseBeforeGrid()
{
    QSignalSpy cases(m_canvas.get(), &MapCanvas::caseSelected);
    QSignalSpy grids(m_canvas.get(), &MapCanvas::gridSelected);
    const QPoint nearCase = (pixelOf({10.015, 50.015}) + QPointF(2, 2)).toPoint();
    QTest::mouseClick(m_canvas.get(), Qt::LeftButton, {}, nearCase);
    QCOMPARE(cases.size(), 1);
    QCOMPARE(cases.at(0).at(0).toLongLong(), 1);
    QCOMPARE(grids.size(), 0);
    QCOMPARE(m_canvas->selectedCaseId(), std::optional<qint64>(1));
}

void TestMapCanvas::clickSelectsInnermostGrid()
{
    QSignalSpy grids(m_canvas.get(), &MapCanvas::gridSelected);
    QTest::mouseClick(m_canvas.get(), Qt::LeftButton, {}, pixelOf({10.018, 50.012}).toPoint());
    QTest::mouseClick(m_canvas.get(), Qt::LeftButton, {}, pixelOf({10.08, 50.02}).toPoint());
    QCOMPARE(grids.size(), 2);
    QCOMPARE(grids.at(0).at(0).toString(), QStringLiteral("F1"));
    QCOMPARE(grids.at(1).at(0).toString(), QStringLiteral("B2"));
    QCOMPARE(m_canvas->selectedGridCode(), QStringLiteral("B2"));
    QCOMPARE(m_canvas->selectedCaseId(), std::nullopt);
}

void TestMapCanvas::dragPans()
{
    const GeoPoint point {10.05, 50.05};
    const QPointF before = pixelOf(point);
    QSignalSpy grids(m_canvas.get(), &MapCanvas::gridSelected);
    QTest::mousePress(m_canvas.get(), Qt::LeftButton, {}, QPoint(200, 200));
    QTest::mouseMove(m_canvas.get(), QPoint(220, 210));
    QTest::mouseMove(m_canvas.get(), QPoint(260, 230));
    QTest::mouseRelease(m_canvas.get(), Qt::LeftButton, {}, QPoint(260, 230));
    QVERIFY(QLineF(pixelOf(point), before + QPointF(60, 30)).length() < 0.5);
    QCOMPARE(grids.size(), 0); // a drag is not a click
}

void TestMapCanvas::wheelZoomsAroundCursor()
{
    const QPointF cursor(120, 90);
    const GeoPoint under = m_canvas->viewport().toLonLat(cursor);
    const double before = m_canvas->viewport().mercatorPerPixel();
    QWheelEvent wheel(cursor, m_canvas->mapToGlobal(cursor), QPoint(), QPoint(0, 120), Qt::NoButton,
        Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(m_canvas.get(), &wheel);
    QVERIFY(m_canvas->viewport().mercatorPerPixel() < before * 0.9);
    QVERIFY(QLineF(pixelOf(under), cursor).length() < 0.5);
}

void TestMapCanvas::keyboard_data()
{
    QTest::addColumn<int>("key");
    QTest::addColumn<double>("scale"); // expected change of metres per pixel
    QTest::addColumn<QPointF>("moved"); // expected movement of the map content, pixels
    QTest::newRow("plus") << int(Qt::Key_Plus) << 1 / 1.5 << QPointF();
    QTest::newRow("minus") << int(Qt::Key_Minus) << 1.5 << QPointF();
    QTest::newRow("left") << int(Qt::Key_Left) << 1.0 << QPointF(125, 0);
    QTest::newRow("down") << int(Qt::Key_Down) << 1.0 << QPointF(0, -100);
}

void TestMapCanvas::keyboard()
{
    QFETCH(int, key);
    QFETCH(double, scale);
    QFETCH(QPointF, moved);
    const double before = m_canvas->viewport().mercatorPerPixel();
    const GeoPoint centre = m_canvas->viewport().toLonLat({250, 200});
    QTest::keyClick(m_canvas.get(), Qt::Key(key));
    QVERIFY(std::abs(m_canvas->viewport().mercatorPerPixel() / before - scale) < 1e-6);
    QVERIFY(QLineF(pixelOf(centre), QPointF(250, 200) + moved).length() < 0.5);

    QTest::keyClick(m_canvas.get(), Qt::Key_Home);
    QVERIFY(std::abs(m_canvas->viewport().mercatorPerPixel() / before - 1.0) < 1e-6);
}

void TestMapCanvas::zoomToGridAndCase()
{
    QVERIFY(m_canvas->zoomToGrid(QStringLiteral("F1")));
    QCOMPARE(m_canvas->selectedGridCode(), QStringLiteral("F1"));
    const QRectF area(0, 0, 500, 400);
    QVERIFY(area.contains(pixelOf({10.01, 50.01})));
    QVERIFY(area.contains(pixelOf({10.02, 50.02})));
    QVERIFY(QLineF(pixelOf({10.01, 50.01}), pixelOf({10.02, 50.02})).length() > 300);
    QVERIFY(!m_canvas->zoomToGrid(QStringLiteral("missing")));

    QVERIFY(m_canvas->zoomToCase(2));
    QCOMPARE(m_canvas->selectedCaseId(), std::optional<qint64>(2));
    QVERIFY(QLineF(pixelOf({10.07, 50.07}), QPointF(250, 200)).length() < 0.5);
    QVERIFY(!m_canvas->zoomToCase(3)); // no location
}

void TestMapCanvas::doubleClickZoomsToGrid()
{
    const double before = QLineF(pixelOf({10.01, 50.01}), pixelOf({10.02, 50.02})).length();
    QTest::mouseDClick(m_canvas.get(), Qt::LeftButton, {}, pixelOf({10.018, 50.012}).toPoint());
    QCOMPARE(m_canvas->selectedGridCode(), QStringLiteral("F1"));
    // The fine grid F1 (10.01…10.02, 50.01…50.02) now fills most of the canvas.
    const double after = QLineF(pixelOf({10.01, 50.01}), pixelOf({10.02, 50.02})).length();
    QVERIFY2(after > 300 && after > before * 3,
        qPrintable(QStringLiteral("%1 → %2").arg(before).arg(after)));
}

void TestMapCanvas::toolTakesClicksBeforeSelection()
{
    RecordingTool tool;
    tool.takeClick = true;
    m_canvas->setTool(&tool);
    QSignalSpy grids(m_canvas.get(), &MapCanvas::gridSelected);
    QTest::mouseClick(m_canvas.get(), Qt::LeftButton, {}, pixelOf({10.08, 50.02}).toPoint());
    QCOMPARE(tool.clicks.size(), 1);
    QVERIFY(std::abs(tool.clicks.first().lon - 10.08) < 1e-3);
    QVERIFY(std::abs(tool.clicks.first().lat - 50.02) < 1e-3);
    QCOMPARE(grids.size(), 0);

    // A click the tool leaves alone selects as before; so does a canvas without a tool.
    tool.takeClick = false;
    QTest::mouseClick(m_canvas.get(), Qt::LeftButton, {}, pixelOf({10.08, 50.02}).toPoint());
    QCOMPARE(grids.size(), 1);
    m_canvas->setTool(nullptr);
    QTest::mouseClick(m_canvas.get(), Qt::LeftButton, {}, pixelOf({10.018, 50.012}).toPoint());
    QCOMPARE(grids.size(), 2);
    QCOMPARE(tool.clicks.size(), 2);
}

void TestMapCanvas::toolOwnsItsDrag()
{
    RecordingTool tool;
    tool.takePress = true;
    m_canvas->setTool(&tool);
    const MapViewport before = m_canvas->viewport();
    QTest::mousePress(m_canvas.get(), Qt::LeftButton, {}, QPoint(200, 200));
    QTest::mouseMove(m_canvas.get(), QPoint(240, 230));
    QTest::mouseRelease(m_canvas.get(), Qt::LeftButton, {}, QPoint(260, 230));
    QVERIFY(m_canvas->viewport() == before); // no pan
    QCOMPARE(tool.presses.size(), 1);
    QCOMPARE(tool.releases.size(), 1);
    QVERIFY(tool.clicks.isEmpty());
    QVERIFY(tool.moves >= 1);

    // A press the tool does not take pans the map.
    tool.takePress = false;
    QTest::mousePress(m_canvas.get(), Qt::LeftButton, {}, QPoint(200, 200));
    QTest::mouseMove(m_canvas.get(), QPoint(240, 230));
    QTest::mouseRelease(m_canvas.get(), Qt::LeftButton, {}, QPoint(240, 230));
    QVERIFY(!(m_canvas->viewport() == before));
    QVERIFY(tool.clicks.isEmpty());
    m_canvas->setTool(nullptr);
}

void TestMapCanvas::toolGetsKeysFirstAndPaints()
{
    RecordingTool tool;
    m_canvas->setTool(&tool);
    const double before = m_canvas->viewport().mercatorPerPixel();
    QTest::keyClick(m_canvas.get(), Qt::Key_Backspace);
    QTest::keyClick(m_canvas.get(), Qt::Key_Plus); // not taken: zooms
    QCOMPARE(tool.keys, (QList<int> {Qt::Key_Backspace, Qt::Key_Plus}));
    QVERIFY(m_canvas->viewport().mercatorPerPixel() < before);

    const QImage shown = m_canvas->grab().toImage();
    QCOMPARE(QColor(shown.pixel(5, 5)), QColor(Qt::red));
    m_canvas->setTool(nullptr);
    QVERIFY(QColor(m_canvas->grab().toImage().pixel(5, 5)) != QColor(Qt::red));
}

void TestMapCanvas::replaceSceneKeepsView()
{
    QVERIFY(m_canvas->zoomToGrid(QStringLiteral("F1")));
    const MapViewport zoomed = m_canvas->viewport();
    m_canvas->replaceScene(Test::fixtureScene());
    QVERIFY(m_canvas->viewport() == zoomed);
    QCOMPARE(m_canvas->selectedGridCode(), QStringLiteral("F1"));
    QTRY_VERIFY(!m_canvas->isRendering());
    QVERIFY(!m_canvas->image().isNull());

    m_canvas->setScene(Test::fixtureScene());
    QVERIFY(!(m_canvas->viewport() == zoomed));
    QVERIFY(m_canvas->selectedGridCode().isEmpty());
}

void TestMapCanvas::zoomToExtent()
{
    m_canvas->zoomToExtent({10.01, 50.01, 10.02, 50.02});
    QVERIFY(QLineF(pixelOf({10.01, 50.01}), pixelOf({10.02, 50.02})).length() > 300);
    QVERIFY(QRectF(0, 0, 500, 400).contains(pixelOf({10.01, 50.01})));

    // A point is centred at street level.
    m_canvas->zoomToExtent({10.05, 50.05, 10.05, 50.05});
    QVERIFY(QLineF(pixelOf({10.05, 50.05}), QPointF(250, 200)).length() < 0.5);
    QVERIFY(m_canvas->viewport().mercatorPerPixel() <= 3.0 + 1e-9);
}

GRIDDESK_TEST_MAIN(TestMapCanvas, QApplication)

#include "tst_mapcanvas.moc"
