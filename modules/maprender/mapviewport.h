// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/grid.h"

#include <QMetaType>
#include <QPointF>
#include <QRectF>
#include <QSize>

namespace GridDesk {

/// Spherical Web Mercator (EPSG:3857) in metres. Latitudes beyond ±MAX_LATITUDE are clamped,
/// as every web map does, so the poles stay finite.
namespace WebMercator {
inline constexpr double EARTH_RADIUS = 6378137.0;
inline constexpr double MAX_LATITUDE = 85.0511;

QPointF fromLonLat(const GeoPoint &point);
GeoPoint toLonLat(const QPointF &mercator);
/// The Mercator rectangle of a WGS84 box; y grows northwards (no Qt y-down flip).
QRectF fromBox(const BoundingBox &box);
BoundingBox toBox(const QRectF &mercator);
} // namespace WebMercator

/// What part of the world an image shows: a WGS84 extent drawn into size pixels. The extent is
/// stretched to the whole image, so use fitted() to keep the map's proportions undistorted.
/// A plain value, safe to copy between threads.
struct MapViewport
{
    BoundingBox extent; ///< WGS84 lon/lat
    QSize size; ///< pixels

    bool isValid() const { return !extent.isEmpty() && !size.isEmpty(); }

    /// The viewport of size that shows all of extent, widened in Mercator metres so that the
    /// image is not distorted; margin is a fraction of the extent added on every side.
    static MapViewport fitted(const BoundingBox &extent, const QSize &size, double margin = 0.0);

    /// Pixel position (0,0 top left) of a lon/lat point, and back.
    QPointF toPixel(const GeoPoint &point) const;
    GeoPoint toLonLat(const QPointF &pixel) const;

    /// Pixel position of a Web Mercator point; the renderer's fast path.
    QPointF mercatorToPixel(const QPointF &mercator) const;
    QRectF mercatorExtent() const { return WebMercator::fromBox(extent); }

    /// Mercator metres per pixel horizontally; ground metres per pixel at the centre.
    double mercatorPerPixel() const;
    double groundMetresPerPixel() const;

    /// The same size, moved by delta pixels (a drag to the right moves the map to the right).
    MapViewport panned(const QPointF &delta) const;
    /// The same size, scaled by factor (> 1 zooms in) keeping the point under pixel fixed.
    MapViewport zoomed(double factor, const QPointF &pixel) const;
    /// A new image size, keeping the centre and the scale.
    MapViewport resized(const QSize &newSize) const;
    /// Centred on point, keeping the scale.
    MapViewport centredOn(const GeoPoint &point) const;

    bool operator==(const MapViewport &other) const;
};

} // namespace GridDesk

Q_DECLARE_METATYPE(GridDesk::MapViewport)
