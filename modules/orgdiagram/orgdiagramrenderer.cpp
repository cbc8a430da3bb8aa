// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "orgdiagramrenderer.h"

#include "orgdiagramlayout.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::OrgDiagram)
};

constexpr qreal BAND_HEIGHT = 6.0;
constexpr qreal PADDING = 10.0;
constexpr qreal CHAMFER = 12.0;
const QColor LINK_COLOUR(0x8c, 0x8c, 0x8c);
const QColor JOINT_COLOUR(0x7b, 0x4f, 0xb8);
const QColor RETIRED_COLOUR(0xa8, 0xa8, 0xa8);
const QColor SELECTED_COLOUR(0x1f, 0x6f, 0xd1);
const QColor ALLOWED_COLOUR(0x2e, 0x9d, 0x4a);
const QColor REFUSED_COLOUR(0xd0, 0x31, 0x2d);

qreal busY(const QRectF &parent)
{
    return parent.bottom() + OrgDiagramLayout::ROW_GAP / 2.0;
}

/// The outline of a joint-handling unit: a box with its corners cut off.
QPolygonF chamfered(const QRectF &rect)
{
    return QPolygonF({QPointF(rect.left() + CHAMFER, rect.top()),
        QPointF(rect.right() - CHAMFER, rect.top()), QPointF(rect.right(), rect.top() + CHAMFER),
        QPointF(rect.right(), rect.bottom() - CHAMFER),
        QPointF(rect.right() - CHAMFER, rect.bottom()),
        QPointF(rect.left() + CHAMFER, rect.bottom()),
        QPointF(rect.left(), rect.bottom() - CHAMFER), QPointF(rect.left(), rect.top() + CHAMFER),
        QPointF(rect.left() + CHAMFER, rect.top())});
}

void drawFamily(QPainter &painter, const OrgDiagramLayout &layout, int parent, bool detailed)
{
    const OrgDiagramBox &box = layout.boxes()[std::size_t(parent)];
    const qreal bus = busY(box.rect);
    const QRectF family = layout.familyRect(parent);
    const QPen solid(LINK_COLOUR, detailed ? 1.5 : 0.0);
    QPen skipped = solid;
    skipped.setStyle(Qt::DotLine);

    painter.setPen(solid);
    painter.drawLine(
        QPointF(box.rect.center().x(), box.rect.bottom()), QPointF(box.rect.center().x(), bus));
    painter.drawLine(QPointF(family.left() + 1.0, bus), QPointF(family.right() - 1.0, bus));
    for (const int child : layout.children(parent)) {
        const OrgDiagramBox &below = layout.boxes()[std::size_t(child)];
        const qreal x = below.rect.center().x();
        const qreal lastGap = below.rect.top() - OrgDiagramLayout::ROW_GAP / 2.0;
        if (below.row > box.row + 1) {
            // A skipped tier: the link runs dotted through the empty rows.
            painter.setPen(skipped);
            painter.drawLine(QPointF(x, bus), QPointF(x, lastGap));
            painter.setPen(solid);
            painter.drawLine(QPointF(x, lastGap), QPointF(x, below.rect.top()));
        } else {
            painter.drawLine(QPointF(x, bus), QPointF(x, below.rect.top()));
        }
    }
}

/// Zoomed out, geometry is mapped to whole device pixels by hand: thousands of boxes and links
/// narrower than a pixel then merge into the few pixels they cover, and the painter draws
/// integer shapes without a transform.
struct PixelGrid
{
    QPointF topLeft; ///< of the area, in scene coordinates
    qreal scale = 1.0;

    int x(qreal sceneX) const { return int(std::floor((sceneX - topLeft.x()) * scale)); }
    int y(qreal sceneY) const { return int(std::floor((sceneY - topLeft.y()) * scale)); }
    /// A box's pixels; at least one each way, so that no box vanishes however far out.
    QRect rect(const QRectF &scene) const
    {
        const int left = x(scene.left());
        const int top = y(scene.top());
        const int right = std::max(left + 1, x(scene.right()));
        const int bottom = std::max(top + 1, y(scene.bottom()));
        return QRect(QPoint(left, top), QPoint(right - 1, bottom - 1));
    }
};

/// Appends a vertical link unless it stays within one pixel row, which the bus above covers.
void appendVertical(QList<QLine> &lines, const PixelGrid &grid, qreal x, qreal top, qreal bottom)
{
    const int from = grid.y(top);
    const int to = grid.y(bottom);
    if (to > from)
        lines.append(QLine(grid.x(x), from, grid.x(x), to));
}

/// Zoomed out: every link a plain line in whole pixels, children that share a pixel column
/// sharing one line, drawn in one call.
void drawPlainFamilies(QPainter &painter, const OrgDiagramLayout &layout,
    const std::vector<int> &families, const PixelGrid &grid)
{
    QList<QLine> lines;
    lines.reserve(qsizetype(families.size()) * 4);
    for (const int parent : families) {
        const QRectF &box = layout.boxes()[std::size_t(parent)].rect;
        const qreal bus = busY(box);
        const QRectF family = layout.familyRect(parent);
        appendVertical(lines, grid, box.center().x(), box.bottom(), bus);
        lines.append(QLine(grid.x(family.left() + 1.0), grid.y(bus),
            std::max(grid.x(family.left() + 1.0), grid.x(family.right() - 1.0)), grid.y(bus)));
        int lastColumn = std::numeric_limits<int>::min();
        for (const int child : layout.children(parent)) {
            const QRectF &below = layout.boxes()[std::size_t(child)].rect;
            if (const int column = grid.x(below.center().x()); column != lastColumn) {
                appendVertical(lines, grid, below.center().x(), bus, below.top());
                lastColumn = column;
            }
        }
    }
    painter.setPen(QPen(LINK_COLOUR, 0.0));
    painter.drawLines(lines);
}

void drawJointLinks(
    QPainter &painter, const OrgDiagramLayout &layout, const QRectF &area, bool detailed)
{
    QPen pen(JOINT_COLOUR, detailed ? 1.5 : 0.0, Qt::DashLine);
    painter.setPen(pen);
    for (const OrgDiagramJointLink &link : layout.jointLinks()) {
        const QLineF line(layout.boxes()[std::size_t(link.joint)].rect.center(),
            layout.boxes()[std::size_t(link.served)].rect.center());
        if (QRectF(line.p1(), line.p2()).normalized().adjusted(-1, -1, 1, 1).intersects(area))
            painter.drawLine(line);
    }
}

void drawPlainJointLinks(
    QPainter &painter, const OrgDiagramLayout &layout, const QRectF &area, const PixelGrid &grid)
{
    painter.setPen(QPen(JOINT_COLOUR, 0.0, Qt::DashLine));
    for (const OrgDiagramJointLink &link : layout.jointLinks()) {
        const QPointF from = layout.boxes()[std::size_t(link.joint)].rect.center();
        const QPointF to = layout.boxes()[std::size_t(link.served)].rect.center();
        if (QRectF(from, to).normalized().adjusted(-1, -1, 1, 1).intersects(area))
            painter.drawLine(
                QLine(grid.x(from.x()), grid.y(from.y()), grid.x(to.x()), grid.y(to.y())));
    }
}

void drawBadge(QPainter &painter, const OrgDiagramBox &box)
{
    const QRectF badge = OrgDiagramRenderer::badgeRect(box.rect);
    painter.setPen(QPen(LINK_COLOUR, 1.2));
    painter.setBrush(Qt::white);
    painter.drawEllipse(badge);
    const QPointF centre = badge.center();
    const qreal arm = OrgDiagramRenderer::BADGE_SIZE / 4.0;
    painter.setPen(QPen(QColor(0x40, 0x40, 0x40), 1.6));
    painter.drawLine(QPointF(centre.x() - arm, centre.y()), QPointF(centre.x() + arm, centre.y()));
    if (box.hiddenChildren > 0)
        painter.drawLine(
            QPointF(centre.x(), centre.y() - arm), QPointF(centre.x(), centre.y() + arm));
}

struct Fonts
{
    QFont name;
    QFont small;
};

void drawText(QPainter &painter, const OrgDiagramBox &box, const Fonts &fonts)
{
    const QRectF inner = box.rect.adjusted(
        PADDING, BAND_HEIGHT + 4.0, -PADDING, -OrgDiagramRenderer::BADGE_SIZE / 2.0);
    const QColor ink = box.retired ? QColor(0x80, 0x80, 0x80) : QColor(0x20, 0x20, 0x20);
    const QColor faint = box.retired ? QColor(0x9a, 0x9a, 0x9a) : QColor(0x60, 0x60, 0x60);
    const QString kind =
        box.kind == UnitKind::Joint ? Tr::tr("Joint handling") : tierName(box.tier);
    const QString tierText = box.retired ? Tr::tr("%1, retired").arg(kind) : kind;
    //: how many active people an org unit has, drawn small in its box
    const QString people = Tr::tr("%n people", nullptr, box.people);

    const qreal lineHeight = inner.height() / 3.0;
    const QRectF first(inner.left(), inner.top(), inner.width(), lineHeight);
    const QRectF second = first.translated(0, lineHeight);
    const QRectF tierLine = second.translated(0, lineHeight);
    painter.setFont(fonts.name);
    painter.setPen(ink);
    const QFontMetricsF nameMetrics(fonts.name);
    painter.drawText(first, Qt::AlignLeft | Qt::AlignVCenter,
        nameMetrics.elidedText(box.name, Qt::ElideRight, inner.width()));
    painter.setFont(fonts.small);
    painter.setPen(faint);
    const QFontMetricsF smallMetrics(fonts.small);
    painter.drawText(second, Qt::AlignLeft | Qt::AlignVCenter, box.code);
    const qreal codeWidth = smallMetrics.horizontalAdvance(box.code) + 6.0;
    painter.drawText(second.adjusted(codeWidth, 0, 0, 0), Qt::AlignRight | Qt::AlignVCenter,
        smallMetrics.elidedText(people, Qt::ElideRight, inner.width() - codeWidth));
    painter.drawText(tierLine, Qt::AlignLeft | Qt::AlignVCenter,
        smallMetrics.elidedText(tierText, Qt::ElideRight, inner.width()));
}

void drawDetailedBox(QPainter &painter, const OrgDiagramBox &box, const Fonts &fonts, int index,
    const OrgDiagramMarks &marks)
{
    const bool joint = box.kind == UnitKind::Joint;
    const QColor band = box.retired ? RETIRED_COLOUR : OrgDiagramRenderer::tierColour(box.tier);
    QColor fill = box.retired ? QColor(0xee, 0xee, 0xee)
                              : (joint ? QColor(0xf4, 0xef, 0xfb) : QColor(Qt::white));
    QPen border(box.retired ? RETIRED_COLOUR : (joint ? JOINT_COLOUR : LINK_COLOUR),
        joint ? 2.0 : 1.0, box.retired ? Qt::DashLine : Qt::SolidLine);
    if (index == marks.dropTarget) {
        border = QPen(marks.dropAllowed ? ALLOWED_COLOUR : REFUSED_COLOUR, 4.0);
        fill = marks.dropAllowed ? QColor(0xe3, 0xf5, 0xe7) : QColor(0xfb, 0xe4, 0xe3);
    } else if (index == marks.selected) {
        border = QPen(SELECTED_COLOUR, 3.0);
    }

    QPainterPath outline;
    if (joint)
        outline.addPolygon(chamfered(box.rect));
    else
        outline.addRoundedRect(box.rect, 4.0, 4.0);
    painter.setPen(Qt::NoPen);
    painter.setBrush(fill);
    painter.drawPath(outline);
    painter.save();
    painter.setClipPath(outline, Qt::IntersectClip);
    painter.fillRect(QRectF(box.rect.left(), box.rect.top(), box.rect.width(), BAND_HEIGHT), band);
    painter.restore();
    painter.setPen(border);
    painter.setBrush(Qt::NoBrush);
    painter.drawPath(outline);

    drawText(painter, box, fonts);
    if (box.expandable())
        drawBadge(painter, box);
}

/// Zoomed out: every box a plain rectangle of its tier's colour in whole pixels, neighbours of
/// one colour in a row merged into one rectangle, one drawRects call a colour.
void drawPlainBoxes(QPainter &painter, const OrgDiagramLayout &layout,
    const std::vector<int> &shown, const OrgDiagramMarks &marks, const PixelGrid &grid)
{
    std::vector<int> ordered = shown;
    std::sort(ordered.begin(), ordered.end(), [&layout](int a, int b) {
        const QRectF &first = layout.boxes()[std::size_t(a)].rect;
        const QRectF &second = layout.boxes()[std::size_t(b)].rect;
        return std::pair(first.top(), first.left()) < std::pair(second.top(), second.left());
    });
    std::array<QList<QRect>, 8> byColour; // tiers 1–6, joint, retired
    for (const int index : ordered) {
        const OrgDiagramBox &box = layout.boxes()[std::size_t(index)];
        const std::size_t bucket = box.retired ? 7
            : box.kind == UnitKind::Joint      ? 6
                                               : std::size_t(std::clamp(box.tier, 1, 6) - 1);
        const QRect pixels = grid.rect(box.rect);
        QList<QRect> &rects = byColour[bucket];
        const bool touchesLast = !rects.isEmpty() && rects.last().top() == pixels.top()
            && rects.last().bottom() == pixels.bottom()
            && pixels.left() <= rects.last().right() + 1;
        if (touchesLast)
            rects.last().setRight(std::max(rects.last().right(), pixels.right()));
        else
            rects.append(pixels);
    }
    painter.setPen(Qt::NoPen);
    for (std::size_t bucket = 0; bucket < byColour.size(); ++bucket) {
        const QColor colour = bucket == 7 ? RETIRED_COLOUR
            : bucket == 6                 ? JOINT_COLOUR
                                          : OrgDiagramRenderer::tierColour(int(bucket) + 1);
        painter.setBrush(colour);
        painter.drawRects(byColour[bucket].constData(), int(byColour[bucket].size()));
    }

    for (const int index : {marks.selected, marks.dropTarget}) {
        if (index < 0)
            continue;
        const QColor colour = index == marks.selected ? SELECTED_COLOUR
            : marks.dropAllowed                       ? ALLOWED_COLOUR
                                                      : REFUSED_COLOUR;
        painter.setPen(QPen(colour, 2.0));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(grid.rect(layout.boxes()[std::size_t(index)].rect).adjusted(-2, -2, 2, 2));
    }
}

} // namespace

int OrgDiagramRenderer::render(QPainter &painter, const OrgDiagramLayout &layout,
    const QRectF &area, qreal scale, const OrgDiagramMarks &marks)
{
    const bool detailed = scale >= DETAIL_SCALE;
    // Badges hang below a box's bottom edge; look a little beyond the area for them.
    const QRectF margin = area.adjusted(0, -BADGE_SIZE, 0, BADGE_SIZE);
    std::vector<int> families;
    layout.familiesIn(margin, families);
    std::vector<int> shown;
    layout.boxesIn(margin, shown);

    painter.save();
    if (!detailed) {
        // In whole pixels and without antialiasing: see PixelGrid.
        const PixelGrid grid {area.topLeft(), scale};
        painter.setRenderHint(QPainter::Antialiasing, false);
        drawPlainFamilies(painter, layout, families, grid);
        drawPlainJointLinks(painter, layout, area, grid);
        drawPlainBoxes(painter, layout, shown, marks, grid);
        painter.restore();
        return int(shown.size());
    }

    painter.scale(scale, scale);
    painter.translate(-area.topLeft());
    painter.setRenderHint(QPainter::Antialiasing, true);
    for (const int parent : families)
        drawFamily(painter, layout, parent, detailed);
    drawJointLinks(painter, layout, area, detailed);

    Fonts fonts {painter.font(), painter.font()};
    fonts.name.setPixelSize(14);
    fonts.name.setBold(true);
    fonts.small.setPixelSize(11);
    for (const int index : shown)
        drawDetailedBox(painter, layout.boxes()[std::size_t(index)], fonts, index, marks);
    painter.restore();
    return int(shown.size());
}

QColor OrgDiagramRenderer::tierColour(int tier)
{
    static const std::array<QColor, 6> colours {QColor(0xc0, 0x39, 0x2b), QColor(0xe6, 0x7e, 0x22),
        QColor(0xd4, 0xac, 0x0d), QColor(0x27, 0xae, 0x60), QColor(0x29, 0x80, 0xb9),
        QColor(0x16, 0xa0, 0x85)};
    return colours[std::size_t(std::clamp(tier, 1, 6) - 1)];
}

QRectF OrgDiagramRenderer::badgeRect(const QRectF &box)
{
    return QRectF(box.center().x() - BADGE_SIZE / 2.0, box.bottom() - BADGE_SIZE / 2.0, BADGE_SIZE,
        BADGE_SIZE);
}

} // namespace GridDesk
