// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/grid.h"

#include <QByteArrayView>
#include <QList>
#include <QPainterPath>

namespace GridDesk {

struct MapViewport;

/// The rings of a grid's boundary in WGS84, read from its WKB, for hit tests and for drawing
/// the grid being edited over the map.
struct GridOutline
{
    QList<QList<GeoPoint>> rings; ///< every ring of every polygon, closed as in the WKB

    /// The outline of wkb; empty when wkb is not readable.
    static GridOutline fromWkb(QByteArrayView wkb);

    bool isEmpty() const { return rings.isEmpty(); }
    qsizetype vertexCount() const;
    /// Whether point lies inside (even-odd over all rings).
    bool contains(const GeoPoint &point) const;
    /// The rings in pixels of viewport, filled even-odd.
    QPainterPath path(const MapViewport &viewport) const;
};

} // namespace GridDesk
