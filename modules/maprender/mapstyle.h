// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/gridlevel.h"

#include <QColor>
#include <QFont>
#include <QString>

#include <array>
#include <optional>

namespace GridDesk {

/// How one grid level is drawn.
struct GridLevelStyle
{
    QColor stroke;
    double strokeWidth = 1.0;
    Qt::PenStyle penStyle = Qt::SolidLine;
    QColor fill = Qt::transparent; ///< transparent: outline only
    bool labelled = true;
};

/// Colours, widths and the highlighted selection for renderMap(). The defaults are the
/// workstation's look; the command line and the tests use them too.
struct MapStyle
{
    MapStyle();

    QColor background;
    std::array<GridLevelStyle, std::size_t(GridLevel::Count)> levels;

    QColor openCase;
    QColor closedCase;
    QColor caseOutline;
    double caseRadius = 3.5;

    QColor highlight;
    double highlightWidth = 3.0;
    QString selectedGridCode; ///< outlined in the highlight colour when not empty
    std::optional<qint64> selectedCaseId; ///< ringed in the highlight colour

    QColor label;
    QColor labelHalo;
    QFont labelFont;

    const GridLevelStyle &level(GridLevel level) const { return levels.at(std::size_t(level)); }
};

/// The order levels are drawn in: filled base grids first, district outlines last.
std::array<GridLevel, std::size_t(GridLevel::Count)> gridDrawingOrder();

} // namespace GridDesk
