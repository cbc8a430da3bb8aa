// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "orgdiagram/orgdiagramrenderer.h"

#include "orgdiagram/orgdiagramlayout.h"
#include "orgfixture.h"
#include "support/testsupport.h"

#include <QGuiApplication>
#include <QImage>
#include <QPainter>

#include <cmath>

using namespace GridDesk;

namespace {

OrgDiagramLayout expanded(const OrgChart &chart)
{
    OrgDiagramLayout layout;
    layout.setChart(chart);
    layout.update();
    return layout;
}

/// The whole layout drawn at scale on white, with marks.
QImage drawn(const OrgDiagramLayout &layout, qreal scale, const OrgDiagramMarks &marks = {})
{
    const QRectF bounds = layout.bounds();
    QImage image((bounds.size() * scale).toSize() + QSize(4, 4), QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    OrgDiagramRenderer::render(painter, layout, bounds, scale, marks);
    return image;
}

/// Where a scene point lands in an image drawn by drawn().
QPoint pixel(const OrgDiagramLayout &layout, const QPointF &scene, qreal scale)
{
    const QPointF offset = (scene - layout.bounds().topLeft()) * scale;
    return QPoint(int(std::floor(offset.x())), int(std::floor(offset.y())));
}

} // namespace

class TestOrgDiagramRenderer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    /// Zoomed so far out that a box is less than a pixel high, every box still leaves its
    /// tier's colour at its own place.
    void zoomedOutEveryBoxKeepsAPixel()
    {
        const OrgDiagramLayout layout = expanded(Test::shenzhenChart());
        QVERIFY(layout.boxes().size() > 800);
        const qreal scale = 0.01;
        QVERIFY(OrgDiagramLayout::BOX_HEIGHT * scale < 1.0);
        const QImage image = drawn(layout, scale);

        for (const OrgDiagramBox &box : layout.boxes()) {
            const QPoint at = pixel(layout, box.rect.topLeft(), scale);
            QCOMPARE(
                QColor(image.pixel(at)).name(), OrgDiagramRenderer::tierColour(box.tier).name());
        }
    }

    /// Zoomed out, a parent's links still reach each child whose line is a pixel or more long.
    void zoomedOutLinksStillJoinTheRows()
    {
        const OrgDiagramLayout layout = expanded(Test::smallChart());
        const qreal scale = 0.3;
        QVERIFY(scale < OrgDiagramRenderer::DETAIL_SCALE);
        const QImage image = drawn(layout, scale);

        for (const OrgDiagramBox &box : layout.boxes()) {
            if (box.parent < 0 || box.kind == UnitKind::Joint)
                continue;
            // Just above the box, on its centre line: the link from the parent's bus.
            const QPoint at =
                pixel(layout, QPointF(box.rect.center().x(), box.rect.top() - 4.0), scale);
            QVERIFY2(QColor(image.pixel(at)) != QColor(Qt::white), qPrintable(box.code));
        }
    }

    /// Zoomed out, the selected box is framed in the selection colour around its pixels.
    void zoomedOutSelectionIsFramed()
    {
        const OrgDiagramLayout layout = expanded(Test::shenzhenChart());
        const int selected = layout.indexOf("440303001002");
        QVERIFY(selected >= 0);
        const qreal scale = 0.05;
        const QImage plain = drawn(layout, scale);
        const QImage marked = drawn(layout, scale, OrgDiagramMarks {selected});

        const QRectF box = layout.boxes()[std::size_t(selected)].rect;
        const QPoint corner = pixel(layout, box.topLeft(), scale) - QPoint(2, 2);
        QVERIFY(plain.pixel(corner) != marked.pixel(corner));
    }
};

GRIDDESK_TEST_MAIN(TestOrgDiagramRenderer, QGuiApplication)
#include "tst_orgdiagramrenderer.moc"
