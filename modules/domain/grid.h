// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "gridlevel.h"

#include <QByteArray>
#include <QString>

#include <algorithm>
#include <limits>
#include <optional>

namespace GridDesk {

/// A longitude/latitude pair in WGS84 degrees.
struct GeoPoint
{
    double lon = 0.0;
    double lat = 0.0;
};

/// The great-circle distance between two points in metres, on a sphere of the Earth's mean
/// radius: plenty for the few hundred metres around a case.
double metresBetween(const GeoPoint &a, const GeoPoint &b);

/// An axis-aligned box; in WGS84 degrees unless a caller says otherwise.
struct BoundingBox
{
    double west = std::numeric_limits<double>::max();
    double south = std::numeric_limits<double>::max();
    double east = std::numeric_limits<double>::lowest();
    double north = std::numeric_limits<double>::lowest();

    bool isEmpty() const { return west > east || south > north; }
    double width() const { return east - west; }
    double height() const { return north - south; }

    void expand(double x, double y)
    {
        west = std::min(west, x);
        east = std::max(east, x);
        south = std::min(south, y);
        north = std::max(north, y);
    }
    void expand(const BoundingBox &other)
    {
        if (other.isEmpty())
            return;
        expand(other.west, other.south);
        expand(other.east, other.north);
    }
    bool intersects(const BoundingBox &other) const
    {
        return !(
            other.west > east || other.east < west || other.south > north || other.north < south);
    }
    bool contains(double x, double y) const
    {
        return x >= west && x <= east && y >= south && y <= north;
    }
};

/// A grid as stored in a workspace: attributes plus its boundary as WKB (WGS84 lon/lat).
struct Grid
{
    qint64 id = 0;
    QString code;
    QString name;
    GridLevel level = GridLevel::Base;
    QString parentCode;
    double areaM2 = 0.0;
    BoundingBox bbox;
    QByteArray wkb;
    QString supervisor; ///< the grid supervisor responsible for it (a person's name); may be empty
    std::optional<qint64> households; ///< unknown when empty
    std::optional<qint64> population; ///< unknown when empty
};

} // namespace GridDesk
