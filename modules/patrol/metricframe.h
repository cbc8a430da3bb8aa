// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"
#include "domain/grid.h"

#include <QByteArray>

#include <memory>
#include <span>

namespace GridDesk {

/// A transverse Mercator plane in metres (WGS84 ellipsoid) centred on a point, through PROJ:
/// distances and areas of a city-sized patch around the centre come out true to well under a
/// part in a thousand, wherever on Earth the city lies. Move-only; one thread at a time.
class MetricFrame
{
public:
    static Result<MetricFrame> around(const GeoPoint &centre);
    MetricFrame(MetricFrame &&) noexcept;
    MetricFrame &operator=(MetricFrame &&) noexcept;
    ~MetricFrame();

    /// Projects interleaved lon,lat pairs (degrees) to x,y metres in place; false when PROJ
    /// failed on any pair.
    bool project(std::span<double> xy) const;
    /// A 2D little-endian WKB geometry in degrees (as the workspace keeps grids), projected.
    Result<QByteArray> project(QByteArray wkb) const;

private:
    struct Private;
    explicit MetricFrame(std::unique_ptr<Private> d);
    std::unique_ptr<Private> d;
};

} // namespace GridDesk
