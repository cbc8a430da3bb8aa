// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include <QColor>
#include <QRectF>
#include <QString>

QT_BEGIN_NAMESPACE
class QPainter;
QT_END_NAMESPACE

namespace GridDesk {

class OrgDiagramLayout;

/// What the diagram marks beyond the boxes themselves; box indices of the layout, -1 for none.
struct OrgDiagramMarks
{
    int selected = -1;
    int dropTarget = -1; ///< the box a dragged box hovers over
    bool dropAllowed = false; ///< green when the drop would be taken, red when refused
};

/// Paints the part of an org diagram layout that an area shows: links, the dashed links of
/// joint-handling units, then the boxes, each coloured by tier, retired ones grey and dashed.
/// Only what meets the area is drawn. Zoomed out below DETAIL_SCALE, boxes are plain coloured
/// rectangles without text or badges, drawn in batches. GUI thread or any thread owning the
/// paint device; QtGui only.
class OrgDiagramRenderer
{
public:
    static constexpr qreal DETAIL_SCALE = 0.45;
    static constexpr qreal BADGE_SIZE = 16.0;

    /// Draws area (scene coordinates) at scale with its top-left corner at the painter's origin.
    /// Returns the number of boxes drawn.
    static int render(QPainter &painter, const OrgDiagramLayout &layout, const QRectF &area,
        qreal scale, const OrgDiagramMarks &marks = {});

    static QColor tierColour(int tier); ///< the colour band of a tier, 1–6
    /// The +/− badge of a box with children, in scene coordinates.
    static QRectF badgeRect(const QRectF &box);
};

} // namespace GridDesk
