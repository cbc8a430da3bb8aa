// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "exportstyle.h"

namespace GridDesk {

namespace {

QString rgba(const QColor &colour)
{
    return QStringLiteral("%1,%2,%3,%4")
        .arg(colour.red())
        .arg(colour.green())
        .arg(colour.blue())
        .arg(colour.alpha());
}

} // namespace

ExportStyle exportStyle(const MapStyle &map)
{
    ExportStyle style;
    for (int level = 0; level < int(GridLevel::Count); ++level) {
        const GridLevelStyle &drawn = map.level(GridLevel(level));
        ExportLevelStyle &exported = style.levels.at(std::size_t(level));
        exported.stroke = rgba(drawn.stroke);
        exported.strokeWidth = drawn.strokeWidth;
        exported.dashed = drawn.penStyle != Qt::SolidLine;
        exported.fill = drawn.fill.alpha() > 0 ? rgba(drawn.fill) : QString();
        exported.labelled = drawn.labelled;
    }
    style.drawingOrder = gridDrawingOrder();
    style.labelColor = rgba(map.label);
    style.labelHalo = rgba(map.labelHalo);
    style.labelFont = map.labelFont.family();
    style.labelSize = map.labelFont.pixelSize();
    return style;
}

} // namespace GridDesk
