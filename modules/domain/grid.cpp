// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "grid.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace GridDesk {

double metresBetween(const GeoPoint &a, const GeoPoint &b)
{
    constexpr double EARTH_RADIUS = 6'371'008.8;
    constexpr double RADIANS = std::numbers::pi / 180.0;
    const double dLat = (b.lat - a.lat) * RADIANS;
    const double dLon = (b.lon - a.lon) * RADIANS;
    const double h = std::sin(dLat / 2) * std::sin(dLat / 2)
        + std::cos(a.lat * RADIANS) * std::cos(b.lat * RADIANS) * std::sin(dLon / 2)
            * std::sin(dLon / 2);
    return 2 * EARTH_RADIUS * std::asin(std::min(1.0, std::sqrt(h)));
}

} // namespace GridDesk
