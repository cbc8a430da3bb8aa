// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "mapscene.h"
#include "mapstyle.h"
#include "mapviewport.h"

#include <QImage>

#include <functional>

namespace GridDesk {

/// Draws scene as seen through viewport into a new image of viewport.size: grids level by
/// level, labels where they fit, case points on top, and the selection of style highlighted.
/// Only what the spatial index finds in the viewport is touched; grids smaller than two pixels
/// become dots and vertices closer than half a pixel are skipped. Safe to call from any thread
/// (QImage and fonts only). Returns a null image for an invalid viewport.
QImage renderMap(const MapScene &scene, const MapViewport &viewport, const MapStyle &style = {});

/// As above, asking isCancelled now and then; returns a null image once it answers true.
QImage renderMap(const MapScene &scene, const MapViewport &viewport, const MapStyle &style,
    const std::function<bool()> &isCancelled);

} // namespace GridDesk
