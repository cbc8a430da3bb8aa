// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "mapviewport.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace GridDesk {

namespace WebMercator {

QPointF fromLonLat(const GeoPoint &point)
{
    const double lat = std::clamp(point.lat, -MAX_LATITUDE, MAX_LATITUDE);
    const double lambda = point.lon * std::numbers::pi / 180.0;
    const double phi = lat * std::numbers::pi / 180.0;
    return {
        EARTH_RADIUS * lambda, EARTH_RADIUS * std::log(std::tan(std::numbers::pi / 4 + phi / 2))};
}

GeoPoint toLonLat(const QPointF &mercator)
{
    const double lon = mercator.x() / EARTH_RADIUS * 180.0 / std::numbers::pi;
    const double phi =
        2.0 * std::atan(std::exp(mercator.y() / EARTH_RADIUS)) - std::numbers::pi / 2;
    return {lon, phi * 180.0 / std::numbers::pi};
}

QRectF fromBox(const BoundingBox &box)
{
    const QPointF southWest = fromLonLat({box.west, box.south});
    const QPointF northEast = fromLonLat({box.east, box.north});
    return QRectF(southWest, northEast);
}

BoundingBox toBox(const QRectF &mercator)
{
    const GeoPoint southWest = toLonLat(mercator.topLeft());
    const GeoPoint northEast = toLonLat(mercator.bottomRight());
    BoundingBox box;
    box.expand(southWest.lon, southWest.lat);
    box.expand(northEast.lon, northEast.lat);
    return box;
}

} // namespace WebMercator

MapViewport MapViewport::fitted(const BoundingBox &extent, const QSize &size, double margin)
{
    if (extent.isEmpty() || size.isEmpty())
        return {extent, size};

    QRectF world = WebMercator::fromBox(extent);
    // A point or a line has no area to fit; give it a small neighbourhood instead.
    const double minimumSpan = 50.0;
    const QPointF centre = world.center();
    const double width = std::max(world.width() * (1.0 + 2 * margin), minimumSpan);
    const double height = std::max(world.height() * (1.0 + 2 * margin), minimumSpan);

    const double scale = std::max(width / size.width(), height / size.height());
    const double fittedWidth = scale * size.width();
    const double fittedHeight = scale * size.height();
    world = QRectF(
        centre.x() - fittedWidth / 2, centre.y() - fittedHeight / 2, fittedWidth, fittedHeight);
    return {WebMercator::toBox(world), size};
}

QPointF MapViewport::mercatorToPixel(const QPointF &mercator) const
{
    const QRectF world = mercatorExtent();
    const double x = (mercator.x() - world.left()) / world.width() * size.width();
    const double y = (world.bottom() - mercator.y()) / world.height() * size.height();
    return {x, y};
}

QPointF MapViewport::toPixel(const GeoPoint &point) const
{
    return mercatorToPixel(WebMercator::fromLonLat(point));
}

GeoPoint MapViewport::toLonLat(const QPointF &pixel) const
{
    const QRectF world = mercatorExtent();
    const double x = world.left() + pixel.x() / size.width() * world.width();
    const double y = world.bottom() - pixel.y() / size.height() * world.height();
    return WebMercator::toLonLat({x, y});
}

double MapViewport::mercatorPerPixel() const
{
    return size.width() > 0 ? mercatorExtent().width() / size.width() : 0.0;
}

double MapViewport::groundMetresPerPixel() const
{
    const double centreLat = (extent.south + extent.north) / 2;
    return mercatorPerPixel() * std::cos(centreLat * std::numbers::pi / 180.0);
}

MapViewport MapViewport::panned(const QPointF &delta) const
{
    const double perPixel = mercatorPerPixel();
    QRectF world = mercatorExtent();
    world.translate(-delta.x() * perPixel, delta.y() * perPixel);
    return {WebMercator::toBox(world), size};
}

MapViewport MapViewport::zoomed(double factor, const QPointF &pixel) const
{
    if (factor <= 0.0)
        return *this;

    const QRectF world = mercatorExtent();
    const QPointF anchor(world.left() + pixel.x() / size.width() * world.width(),
        world.bottom() - pixel.y() / size.height() * world.height());
    // The rectangle keeps y northwards: top() is the south edge, bottom() the north edge.
    const double west = anchor.x() - (anchor.x() - world.left()) / factor;
    const double south = anchor.y() - (anchor.y() - world.top()) / factor;
    const double north = anchor.y() + (world.bottom() - anchor.y()) / factor;
    const double east = anchor.x() + (world.right() - anchor.x()) / factor;
    return {WebMercator::toBox(QRectF(QPointF(west, south), QPointF(east, north))), size};
}

MapViewport MapViewport::resized(const QSize &newSize) const
{
    if (newSize.isEmpty() || size.isEmpty())
        return {extent, newSize};

    const double perPixel = mercatorPerPixel();
    const QPointF centre = mercatorExtent().center();
    const double width = perPixel * newSize.width();
    const double height = perPixel * newSize.height();
    const QRectF world(centre.x() - width / 2, centre.y() - height / 2, width, height);
    return {WebMercator::toBox(world), newSize};
}

MapViewport MapViewport::centredOn(const GeoPoint &point) const
{
    QRectF world = mercatorExtent();
    world.moveCenter(WebMercator::fromLonLat(point));
    return {WebMercator::toBox(world), size};
}

bool MapViewport::operator==(const MapViewport &other) const
{
    return size == other.size && extent.west == other.extent.west
        && extent.east == other.extent.east && extent.south == other.extent.south
        && extent.north == other.extent.north;
}

} // namespace GridDesk
