// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "maprender/mapviewport.h"

#include <QPointF>
#include <QString>

class QPainter;

namespace GridDesk {

/// Something drawn over the map that takes no input of its own (patrol tracks and their
/// times): painted after the map image and before the tool, in the order added, and asked
/// for a tooltip where the cursor rests. The canvas does not own its overlays.
class MapOverlay
{
public:
    virtual ~MapOverlay() = default;

    /// Draws over the map image; viewport is what the canvas shows now.
    virtual void paint(QPainter &painter, const MapViewport &viewport) = 0;
    /// What to tell about the point at pixel; empty when the overlay has nothing there.
    virtual QString toolTipAt(const QPointF &pixel, const MapViewport &viewport) const
    {
        Q_UNUSED(pixel);
        Q_UNUSED(viewport);
        return {};
    }
};

} // namespace GridDesk
