// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "maprender/rendermap.h"

#include "scenefixture.h"
#include "support/testsupport.h"

#include "ingest/samples.h"
#include "storage/workspace.h"

#include <QGuiApplication>
#include <QTemporaryDir>

using namespace GridDesk;

class TestRenderMap : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void districtOutlinesAreDrawn();
    void casePointsHaveStatusColours();
    void outsideGridsIsBackground();
    void selectedGridIsHighlighted();
    void fixtureLevelsAreDistinct();
    void cancelledRenderReturnsNull();
    void denseCasesAreDrawnPerPixel();

private:
    /// Whether a pixel within radius of pixel has a colour within tolerance of colour.
    bool colourNear(const QImage &image, QPointF pixel, const QColor &colour, int radius = 1,
        int tolerance = 40) const;
    bool caseWithin(QPointF pixel, double distance) const;

    QTemporaryDir m_dir;
    std::shared_ptr<const MapScene> m_scene;
    MapViewport m_viewport;
    MapStyle m_style;
    QImage m_image;
};

namespace {
int colourDistance(QRgb a, const QColor &b)
{
    return std::abs(qRed(a) - b.red()) + std::abs(qGreen(a) - b.green())
        + std::abs(qBlue(a) - b.blue());
}
} // namespace

bool TestRenderMap::colourNear(
    const QImage &image, QPointF pixel, const QColor &colour, int radius, int tolerance) const
{
    const QPoint centre(int(std::floor(pixel.x())), int(std::floor(pixel.y())));
    for (int dy = -radius; dy <= radius; ++dy) {
        for (int dx = -radius; dx <= radius; ++dx) {
            const QPoint at = centre + QPoint(dx, dy);
            if (image.rect().contains(at) && colourDistance(image.pixel(at), colour) <= tolerance)
                return true;
        }
    }
    return false;
}

bool TestRenderMap::caseWithin(QPointF pixel, double distance) const
{
    for (const MapScene::CasePoint &point : m_scene->cases()) {
        if (QLineF(m_viewport.mercatorToPixel(point.position), pixel).length() < distance)
            return true;
    }
    return false;
}

void TestRenderMap::initTestCase()
{
    QVERIFY(m_dir.isValid());
    auto workspace = Workspace::open(m_dir.filePath(QStringLiteral("nyc.gpkg")));
    QVERIFY2(workspace, qPrintable(workspace ? QString() : workspace.error().message));
    const auto imported = importSample(**workspace, QDir(Test::mapsPath()), QStringLiteral("nyc"));
    QVERIFY2(imported, qPrintable(imported ? QString() : imported.error().message));

    auto scene = MapScene::load(**workspace);
    QVERIFY2(scene, qPrintable(scene ? QString() : scene.error().message));
    m_scene = *scene;
    QVERIFY(m_scene->grids().size() > 50);
    QVERIFY(m_scene->cases().size() > 100);

    // A colour nothing else uses, so a match can only be a district outline.
    m_style.levels[std::size_t(GridLevel::District)].stroke = QColor(0, 200, 0);
    m_viewport = MapViewport::fitted(m_scene->extent(), QSize(900, 900), 0.05);
    m_image = renderMap(*m_scene, m_viewport, m_style);
    QCOMPARE(m_image.size(), QSize(900, 900));
    m_image.save(QDir::temp().filePath(QStringLiteral("griddesk-rendermap.png")));
}

void TestRenderMap::districtOutlinesAreDrawn()
{
    int checked = 0;
    for (const MapScene::GridShape &grid : m_scene->grids()) {
        if (grid.level != GridLevel::District)
            continue;
        for (quint32 ringIndex = grid.firstRing; ringIndex < grid.firstRing + grid.ringCount;
             ++ringIndex) {
            const std::span<const float> ring = m_scene->ringCoordinates(ringIndex);
            // Every 10th vertex, away from case points drawn on top.
            for (std::size_t i = 0; i < ring.size() / 2; i += 10) {
                const QPointF mercator = m_scene->origin() + QPointF(ring[2 * i], ring[2 * i + 1]);
                const QPointF pixel = m_viewport.mercatorToPixel(mercator);
                if (caseWithin(pixel, 8))
                    continue;
                QVERIFY2(colourNear(m_image, pixel, QColor(0, 200, 0)),
                    qPrintable(QStringLiteral("no outline of %1 at %2,%3")
                                   .arg(grid.code)
                                   .arg(pixel.x())
                                   .arg(pixel.y())));
                ++checked;
            }
        }
    }
    QVERIFY2(checked > 20, qPrintable(QString::number(checked)));
}

void TestRenderMap::casePointsHaveStatusColours()
{
    // Names are drawn over case points, so this check looks at a map without them.
    MapStyle unlabelled = m_style;
    for (GridLevelStyle &level : unlabelled.levels)
        level.labelled = false;
    const QImage image = renderMap(*m_scene, m_viewport, unlabelled);
    int open = 0;
    int closed = 0;
    for (const MapScene::CasePoint &point : m_scene->cases()) {
        const QPointF pixel = m_viewport.mercatorToPixel(point.position);
        // Only cases standing alone: a neighbour may be drawn over the centre.
        int neighbours = 0;
        for (const MapScene::CasePoint &other : m_scene->cases()) {
            if (QLineF(m_viewport.mercatorToPixel(other.position), pixel).length() < 9)
                ++neighbours;
        }
        if (neighbours > 1)
            continue;
        const QColor expected = point.closed ? m_style.closedCase : m_style.openCase;
        QVERIFY2(colourDistance(image.pixel(pixel.toPoint()), expected) < 40,
            qPrintable(QStringLiteral("case %1 at %2,%3 has colour %4")
                           .arg(point.id)
                           .arg(pixel.x())
                           .arg(pixel.y())
                           .arg(QColor(m_image.pixel(pixel.toPoint())).name())));
        ++(point.closed ? closed : open);
    }
    QVERIFY(closed > 10);
    QVERIFY(open > 0);
}

void TestRenderMap::outsideGridsIsBackground()
{
    // Lower New York Bay, south of Brooklyn and east of Staten Island: water, in no grid.
    const GeoPoint bay {-74.03, 40.55};
    QVERIFY(!m_scene->gridAt(bay));
    const QPointF pixel = m_viewport.toPixel(bay);
    QVERIFY(m_image.rect().contains(pixel.toPoint()));
    QCOMPARE(QColor(m_image.pixel(pixel.toPoint())), m_style.background);

    // Inside base grids, away from case points, the base fill shows: outlines and labels
    // cover only a small part of the samples.
    int inside = 0;
    int filled = 0;
    for (int y = 5; y < m_image.height(); y += 23) {
        for (int x = 5; x < m_image.width(); x += 23) {
            const auto grid = m_scene->gridAt(m_viewport.toLonLat(QPointF(x, y)));
            const bool inBase =
                grid && m_scene->grids()[*m_scene->gridIndex(*grid)].level == GridLevel::Base;
            if (!inBase || caseWithin(QPointF(x, y), 8))
                continue;
            ++inside;
            filled += QColor(m_image.pixel(x, y)) == m_style.level(GridLevel::Base).fill ? 1 : 0;
        }
    }
    QVERIFY(inside > 50);
    QVERIFY2(filled > inside * 8 / 10, qPrintable(QStringLiteral("%1/%2").arg(filled).arg(inside)));
}

void TestRenderMap::selectedGridIsHighlighted()
{
    const GeoPoint square {-73.9855, 40.7580};
    const QString code = m_scene->gridAt(square).value();
    MapStyle style = m_style;
    style.selectedGridCode = code;
    const MapViewport viewport = MapViewport::fitted(*m_scene->gridExtent(code), QSize(400, 400));
    const QImage image = renderMap(*m_scene, viewport, style);

    const MapScene::GridShape &grid = m_scene->grids()[*m_scene->gridIndex(code)];
    const std::span<const float> ring = m_scene->ringCoordinates(grid.firstRing);
    const QPointF vertex = m_scene->origin() + QPointF(ring[0], ring[1]);
    QVERIFY(colourNear(image, viewport.mercatorToPixel(vertex), style.highlight, 1, 60));
    QVERIFY(!colourNear(m_image, m_viewport.mercatorToPixel(vertex), style.highlight, 1, 60));
}

void TestRenderMap::fixtureLevelsAreDistinct()
{
    const auto scene = Test::fixtureScene();
    const MapViewport viewport = MapViewport::fitted(scene->extent(), QSize(500, 500), 0.1);
    MapStyle style = m_style;
    style.levels[std::size_t(GridLevel::Fine)].stroke = QColor(200, 0, 200);
    style.levels[std::size_t(GridLevel::Fine)].strokeWidth = 2.0;
    const QImage image = renderMap(*scene, viewport, style);
    const MapStyle defaults;

    // The inside of B2 (away from labels and cases) is base fill; the middle of the west
    // edge of F1 is the fine outline; the top edge of D1 is the district colour.
    const QPointF insideB2 = viewport.toPixel({10.09, 50.09});
    QVERIFY(colourNear(image, insideB2, defaults.level(GridLevel::Base).fill, 0, 6));
    const QPointF fineEdge = viewport.toPixel({10.01, 50.015});
    QVERIFY(colourNear(image, fineEdge, QColor(200, 0, 200), 1, 40));
    const QPointF districtEdge = viewport.toPixel({10.03, 50.1});
    QVERIFY(colourNear(image, districtEdge, QColor(0, 200, 0), 1, 40));
    const QPointF outside = viewport.toPixel({10.05, 50.105});
    QCOMPARE(QColor(image.pixel(outside.toPoint())), defaults.background);
}

void TestRenderMap::cancelledRenderReturnsNull()
{
    const QImage image = renderMap(*m_scene, m_viewport, m_style, [] { return true; });
    QVERIFY(image.isNull());
}

void TestRenderMap::denseCasesAreDrawnPerPixel()
{
    // More cases on screen than circles are drawn for: 60 000 open ones in a cluster around
    // one point, one closed case far from it, no grids.
    QList<CaseRecord> cases;
    for (int i = 0; i < 60'000; ++i) {
        CaseRecord record;
        record.id = i + 1;
        record.status = QStringLiteral("Open");
        record.location = GeoPoint {10.05 + (i % 100) * 1e-5, 50.05 + (i / 100) * 1e-6};
        cases << record;
    }
    CaseRecord closed;
    closed.id = 100'000;
    closed.status = QStringLiteral("Closed");
    closed.location = GeoPoint {10.0, 50.0};
    cases << closed;
    auto scene = MapScene::create({}, cases);
    QVERIFY(scene.has_value());

    const MapViewport viewport =
        MapViewport::fitted(BoundingBox {9.99, 49.99, 10.06, 50.06}, QSize(400, 400));
    const QImage image = renderMap(**scene, viewport, m_style);
    QVERIFY(colourDistance(
                image.pixel(viewport.toPixel({10.0505, 50.0503}).toPoint()), m_style.openCase)
        < 40);
    QVERIFY(
        colourDistance(image.pixel(viewport.toPixel({10.0, 50.0}).toPoint()), m_style.closedCase)
        < 40);
    QVERIFY(
        colourDistance(image.pixel(viewport.toPixel({10.02, 50.02}).toPoint()), m_style.background)
        < 10);
}

GRIDDESK_TEST_MAIN(TestRenderMap, QGuiApplication)

#include "tst_rendermap.moc"
