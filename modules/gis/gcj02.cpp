// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "gcj02.h"

#include <cmath>
#include <numbers>

namespace GridDesk::Gcj02 {

namespace {

// The Krasovsky 1940 ellipsoid the offset formula is defined on.
constexpr double SEMI_MAJOR_AXIS = 6378245.0;
constexpr double ECCENTRICITY_SQUARED = 0.00669342162296594323;
constexpr double PI = std::numbers::pi;

double latitudeShift(double x, double y)
{
    double shift =
        -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * std::sqrt(std::abs(x));
    shift += (20.0 * std::sin(6.0 * x * PI) + 20.0 * std::sin(2.0 * x * PI)) * 2.0 / 3.0;
    shift += (20.0 * std::sin(y * PI) + 40.0 * std::sin(y / 3.0 * PI)) * 2.0 / 3.0;
    shift += (160.0 * std::sin(y / 12.0 * PI) + 320.0 * std::sin(y * PI / 30.0)) * 2.0 / 3.0;
    return shift;
}

double longitudeShift(double x, double y)
{
    double shift = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * std::sqrt(std::abs(x));
    shift += (20.0 * std::sin(6.0 * x * PI) + 20.0 * std::sin(2.0 * x * PI)) * 2.0 / 3.0;
    shift += (20.0 * std::sin(x * PI) + 40.0 * std::sin(x / 3.0 * PI)) * 2.0 / 3.0;
    shift += (150.0 * std::sin(x / 12.0 * PI) + 300.0 * std::sin(x / 30.0 * PI)) * 2.0 / 3.0;
    return shift;
}

} // namespace

bool isInsideMainland(const GeoPoint &wgs84)
{
    return wgs84.lon >= 72.004 && wgs84.lon <= 137.8347 && wgs84.lat >= 0.8293
        && wgs84.lat <= 55.8271;
}

GeoPoint fromWgs84(const GeoPoint &wgs84)
{
    if (!isInsideMainland(wgs84))
        return wgs84;

    const double x = wgs84.lon - 105.0;
    const double y = wgs84.lat - 35.0;
    const double radLat = wgs84.lat / 180.0 * PI;
    double magic = std::sin(radLat);
    magic = 1.0 - ECCENTRICITY_SQUARED * magic * magic;
    const double sqrtMagic = std::sqrt(magic);

    const double dLat = (latitudeShift(x, y) * 180.0)
        / ((SEMI_MAJOR_AXIS * (1.0 - ECCENTRICITY_SQUARED)) / (magic * sqrtMagic) * PI);
    const double dLon =
        (longitudeShift(x, y) * 180.0) / (SEMI_MAJOR_AXIS / sqrtMagic * std::cos(radLat) * PI);
    return GeoPoint {wgs84.lon + dLon, wgs84.lat + dLat};
}

GeoPoint toWgs84(const GeoPoint &gcj02)
{
    GeoPoint guess = gcj02;
    for (int step = 0; step < 10; ++step) {
        const GeoPoint forward = fromWgs84(guess);
        const double errorLon = forward.lon - gcj02.lon;
        const double errorLat = forward.lat - gcj02.lat;
        guess.lon -= errorLon;
        guess.lat -= errorLat;
        if (std::abs(errorLon) < 1e-10 && std::abs(errorLat) < 1e-10)
            break;
    }
    return guess;
}

} // namespace GridDesk::Gcj02
