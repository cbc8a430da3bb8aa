// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "metricframe.h"
#include "patroltrack.h"

#include "gis/geoscontext.h"

namespace GridDesk {

/// How much of one grid a patrol saw.
struct GridCoverage
{
    QString gridCode;
    double gridSquareMetres = 0.0;
    double coveredSquareMetres = 0.0;

    /// The covered part of the grid, 0 to 1.
    double share() const
    {
        return gridSquareMetres > 0.0 ? std::min(1.0, coveredSquareMetres / gridSquareMetres) : 0.0;
    }
};

/// A patrol's path on a metric plane around it, and the strip its patroller is taken to have
/// seen: every point within the sight distance of the path. Owns its GEOS context, so use it
/// from one thread at a time.
class TrackShape
{
public:
    /// The shape of points (at least one) with a sight distance in metres (more than 0).
    static Result<TrackShape> of(const QList<TrackPoint> &points, double sightMetres);
    TrackShape(TrackShape &&) noexcept;
    ~TrackShape();

    /// The grids the strip overlaps, with the area of each and of the part seen, in the order
    /// of grids. A grid whose boundary GEOS finds invalid is mended first. Fails when a grid's
    /// boundary cannot be read.
    Result<QList<GridCoverage>> coverage(const QList<Grid> &grids) const;

    /// The distance in metres from point to the path.
    double distanceMetres(const GeoPoint &point) const;

    /// The path in degrees as a multi-line (one line per stretch; a stretch of one fix is a
    /// line of two equal points), as 2D little-endian WKB.
    QByteArray pathWkb() const { return m_pathWkb; }
    /// The box around the strip, in degrees (slightly generous).
    BoundingBox reach() const { return m_reach; }
    double sightMetres() const { return m_sightMetres; }

private:
    TrackShape() = default;

    std::unique_ptr<GeosContext> m_geos;
    std::optional<MetricFrame> m_frame;
    GeosContext::GeometryPtr m_path; ///< metric
    GeosContext::GeometryPtr m_strip; ///< metric
    QByteArray m_pathWkb;
    BoundingBox m_reach;
    double m_sightMetres = 0.0;
};

} // namespace GridDesk
