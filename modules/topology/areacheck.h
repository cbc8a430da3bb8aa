// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "shapes.h"
#include "topologycheck.h"

#include <optional>
#include <vector>

namespace GridDesk::Topology {

/// A grid's boundary as the area checks use it: snapped, repaired when invalid.
struct GridShape
{
    Geometry::Ptr shape; ///< null when unreadable or not needed
    BoundingBox box;
    double area = 0.0; ///< square degrees
    bool loaded = false;
};

/// The area checks (unions, gaps, children outside parents, overlaps) on a GEOS context of
/// their own, so that groups of siblings can be checked on several threads at once. Reads the
/// shapes, never changes them; findings collect until taken.
class AreaCheck
{
public:
    struct Union
    {
        Geometry::Ptr shape;
        BoundingBox box;
        double excess = 0.0; ///< parts' areas less the union's: at least the largest overlap
    };

    AreaCheck(const QList<Grid> &grids, const std::vector<GridShape> &shapes,
        const TopologyOptions &options);

    const Geometry &geometry() const { return m_g; }
    /// The minimum area in square degrees at the latitude of box.
    double thresholdDegrees(const BoundingBox &box) const;

    Union unite(const std::vector<const GEOSGeometry *> &shapes, double partsArea) const;
    Union uniteGroup(const std::vector<qsizetype> &members) const;
    /// Reports gaps in parent and children outside it; returns the area outside, in square
    /// degrees, or nothing when the parent has no usable boundary.
    std::optional<double> checkNesting(const QString &parentCode, const GridShape &parent,
        const std::vector<qsizetype> &children, const GEOSGeometry *cover);
    /// Reports every pair of members sharing more than the minimum area; returns the area all
    /// pairs share, in square degrees.
    double findOverlaps(const std::vector<qsizetype> &members);

    /// A finding about area, located inside it.
    void add(TopologyFinding::Kind kind, QStringList codes, const GEOSGeometry *area,
        const QString &detail);
    QList<TopologyFinding> takeFindings() { return std::exchange(m_findings, {}); }

private:
    GeosContext m_geos;
    Geometry m_g;
    const QList<Grid> &m_grids;
    const std::vector<GridShape> &m_shapes;
    const TopologyOptions &m_options;
    QList<TopologyFinding> m_findings;
};

} // namespace GridDesk::Topology
