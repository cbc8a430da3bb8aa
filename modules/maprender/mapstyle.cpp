// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "mapstyle.h"

namespace GridDesk {

namespace {
GridLevelStyle levelStyle(const QColor &stroke, double width, Qt::PenStyle pen = Qt::SolidLine,
    const QColor &fill = Qt::transparent)
{
    return GridLevelStyle {stroke, width, pen, fill, true};
}
} // namespace

MapStyle::MapStyle()
    : background(0xf4, 0xf1, 0xea)
    , openCase(0xd7, 0x26, 0x1e)
    , closedCase(0x2b, 0x83, 0xba)
    , caseOutline(Qt::white)
    , highlight(0xff, 0x8c, 0x00)
    , label(0x30, 0x30, 0x30)
    , labelHalo(255, 255, 255, 200)
{
    levels[std::size_t(GridLevel::District)] = levelStyle(QColor(0x2f, 0x2f, 0x3a), 2.6);
    levels[std::size_t(GridLevel::Street)] = levelStyle(QColor(0x55, 0x55, 0x70), 1.6);
    levels[std::size_t(GridLevel::Community)] = levelStyle(QColor(0x6a, 0x6a, 0x80), 1.3);
    levels[std::size_t(GridLevel::Base)] =
        levelStyle(QColor(0x8a, 0x9a, 0x7a), 1.0, Qt::SolidLine, QColor(0xe3, 0xec, 0xd6));
    levels[std::size_t(GridLevel::Fine)] = levelStyle(QColor(0x9f, 0xa8, 0x98), 0.6);
    levels[std::size_t(GridLevel::Business)] =
        levelStyle(QColor(0x8e, 0x44, 0xad), 1.2, Qt::DashLine);
    levels[std::size_t(GridLevel::Fine)].labelled = false;
    levels[std::size_t(GridLevel::Business)].labelled = false;

    labelFont.setFamily(QStringLiteral("Sans Serif"));
    labelFont.setPixelSize(11);
}

std::array<GridLevel, std::size_t(GridLevel::Count)> gridDrawingOrder()
{
    return {GridLevel::Base, GridLevel::Fine, GridLevel::Business, GridLevel::Community,
        GridLevel::Street, GridLevel::District};
}

} // namespace GridDesk
