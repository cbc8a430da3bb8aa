// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "areacheck.h"

#include "gis/wkb.h"

#include <QCoreApplication>
#include <QLocale>

#include <cmath>

namespace GridDesk::Topology {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Topology)
};

/// How far a coverage union's area may differ from the sum of its parts before the slower,
/// noding union is asked instead (relative).
constexpr double COVERAGE_SLACK = 1e-9;
/// Candidate areas are compared with the threshold at this share before their geodesic area
/// is computed, as square degrees only approximate square metres.
constexpr double COARSE_SHARE = 0.5;

using Kind = TopologyFinding::Kind;
using Ptr = Geometry::Ptr;

QString squareMetres(double areaM2)
{
    return QLocale().toString(areaM2, 'f', areaM2 < 10.0 ? 2 : 0);
}
} // namespace

AreaCheck::AreaCheck(
    const QList<Grid> &grids, const std::vector<GridShape> &shapes, const TopologyOptions &options)
    : m_g(m_geos)
    , m_grids(grids)
    , m_shapes(shapes)
    , m_options(options)
{ }

double AreaCheck::thresholdDegrees(const BoundingBox &box) const
{
    const double latitude = box.isEmpty() ? 0.0 : (box.south + box.north) / 2;
    return m_options.minAreaM2 / squareMetresPerSquareDegree(latitude);
}

void AreaCheck::add(Kind kind, QStringList codes, const GEOSGeometry *area, const QString &detail)
{
    TopologyFinding finding;
    finding.kind = kind;
    finding.codes = std::move(codes);
    finding.location = m_geos.pointOnSurface(area).value_or(GeoPoint {});
    finding.extent = m_g.envelope(area);
    finding.wkb = m_geos.toWkb(area);
    finding.areaM2 = Wkb::geodesicAreaM2(finding.wkb).value_or(0.0);
    finding.detail = detail;
    m_findings << finding;
}

AreaCheck::Union AreaCheck::unite(
    const std::vector<const GEOSGeometry *> &shapes, double partsArea) const
{
    const GEOSContextHandle_t handle = m_geos.handle();
    Union result;
    std::vector<GEOSGeometry *> clones;
    clones.reserve(shapes.size());
    for (const GEOSGeometry *shape : shapes) {
        clones.push_back(GEOSGeom_clone_r(handle, shape));
        result.box.expand(m_g.envelope(shape));
    }
    Ptr all = m_g.adopt(GEOSGeom_createCollection_r(
        handle, GEOS_GEOMETRYCOLLECTION, clones.data(), unsigned(clones.size())));

    // A clean coverage (shared edges with the same vertices) unions in linear time. The
    // coverage union only drops edges that appear twice, so overlapping input comes out as
    // overlapping or edge-sharing polygons (invalid) or with less area: either sends the group
    // to the overlay union, which nodes everything.
    result.shape = m_g.adopt(GEOSCoverageUnion_r(handle, all.get()));
    const bool clean = result.shape
        && std::abs(m_g.area(result.shape.get()) - partsArea) <= COVERAGE_SLACK * partsArea
        && GEOSisValid_r(handle, result.shape.get()) == 1;
    if (!clean)
        result.shape = m_g.adopt(GEOSUnaryUnion_r(handle, all.get()));
    result.shape = m_g.polygonal(std::move(result.shape));
    result.excess = std::max(0.0, partsArea - m_g.area(result.shape.get()));
    return result;
}

AreaCheck::Union AreaCheck::uniteGroup(const std::vector<qsizetype> &members) const
{
    std::vector<const GEOSGeometry *> shapes;
    shapes.reserve(members.size());
    double area = 0.0;
    for (const qsizetype member : members) {
        shapes.push_back(m_shapes[std::size_t(member)].shape.get());
        area += m_shapes[std::size_t(member)].area;
    }
    return unite(shapes, area);
}

double AreaCheck::findOverlaps(const std::vector<qsizetype> &members)
{
    double total = 0.0;
    const GEOSContextHandle_t handle = m_geos.handle();
    GEOSSTRtree *tree = GEOSSTRtree_create_r(handle, 10);
    for (const qsizetype &index : members)
        GEOSSTRtree_insert_r(handle, tree, m_shapes[std::size_t(index)].shape.get(),
            const_cast<qsizetype *>(&index));

    for (const qsizetype index : members) {
        const GridShape &entry = m_shapes[std::size_t(index)];
        std::vector<qsizetype> candidates;
        GEOSSTRtree_query_r(
            handle, tree, entry.shape.get(),
            [](void *item, void *data) {
                static_cast<std::vector<qsizetype> *>(data)->push_back(
                    *static_cast<qsizetype *>(item));
            },
            &candidates);
        const GEOSPreparedGeometry *prepared = nullptr;
        for (const qsizetype other : candidates) {
            if (other <= index)
                continue; // each pair once
            if (!prepared)
                prepared = GEOSPrepare_r(handle, entry.shape.get());
            const GridShape &neighbour = m_shapes[std::size_t(other)];
            if (GEOSPreparedIntersects_r(handle, prepared, neighbour.shape.get()) != 1)
                continue;
            Ptr shared = m_g.polygonal(
                m_g.adopt(GEOSIntersection_r(handle, entry.shape.get(), neighbour.shape.get())));
            total += m_g.area(shared.get());
            const double threshold = thresholdDegrees(entry.box);
            if (m_g.area(shared.get()) < COARSE_SHARE * threshold
                || m_g.areaM2(shared.get()) < m_options.minAreaM2)
                continue;
            QStringList codes {m_grids[index].code, m_grids[other].code};
            codes.sort();
            const GeoPoint at = m_geos.pointOnSurface(shared.get()).value_or(GeoPoint {});
            add(Kind::Overlap, codes, shared.get(),
                Tr::tr("Grids %1 and %2 overlap by %3 m² near %4.")
                    .arg(codes[0], codes[1], squareMetres(m_g.areaM2(shared.get())),
                        coordinates(at)));
        }
        if (prepared)
            GEOSPreparedGeom_destroy_r(handle, prepared);
    }
    GEOSSTRtree_destroy_r(handle, tree);
    return total;
}

std::optional<double> AreaCheck::checkNesting(const QString &parentCode, const GridShape &outer,
    const std::vector<qsizetype> &children, const GEOSGeometry *cover)
{
    const GEOSContextHandle_t handle = m_geos.handle();
    if (!outer.shape || !cover)
        return std::nullopt;
    const double threshold = thresholdDegrees(outer.box);

    Ptr gaps = m_g.polygonal(m_g.adopt(GEOSDifference_r(handle, outer.shape.get(), cover)));
    for (Ptr &gap : m_g.parts(gaps.get())) {
        if (m_g.area(gap.get()) < COARSE_SHARE * threshold)
            continue;
        const double areaM2 = m_g.areaM2(gap.get());
        if (areaM2 < m_options.minAreaM2)
            continue;
        const GeoPoint at = m_geos.pointOnSurface(gap.get()).value_or(GeoPoint {});
        add(Kind::Gap, {parentCode}, gap.get(),
            Tr::tr("%1 m² inside grid %2 near %3 belong to none of its children.")
                .arg(squareMetres(areaM2), parentCode, coordinates(at)));
    }

    // What sticks out is the cover less the part of the parent it covers: no second overlay
    // when that comes to nothing.
    const double outsideArea = std::max(0.0, m_g.area(cover) - outer.area + m_g.area(gaps.get()));
    if (outsideArea < COARSE_SHARE * threshold)
        return outsideArea;
    Ptr outside = m_g.polygonal(m_g.adopt(GEOSDifference_r(handle, cover, outer.shape.get())));
    if (m_g.area(outside.get()) < COARSE_SHARE * threshold)
        return outsideArea;
    const GEOSPreparedGeometry *prepared = GEOSPrepare_r(handle, outside.get());
    for (const qsizetype child : children) {
        const GridShape &inner = m_shapes[std::size_t(child)];
        if (GEOSPreparedIntersects_r(handle, prepared, inner.shape.get()) != 1)
            continue;
        Ptr part = m_g.polygonal(
            m_g.adopt(GEOSDifference_r(handle, inner.shape.get(), outer.shape.get())));
        const double areaM2 = m_g.areaM2(part.get());
        if (m_g.area(part.get()) < COARSE_SHARE * threshold || areaM2 < m_options.minAreaM2)
            continue;
        const QString &code = m_grids[child].code;
        const GeoPoint at = m_geos.pointOnSurface(part.get()).value_or(GeoPoint {});
        add(Kind::OutsideParent, {code, parentCode}, part.get(),
            Tr::tr("Grid %1 sticks out of its parent %2 by %3 m² near %4.")
                .arg(code, parentCode, squareMetres(areaM2), coordinates(at)));
    }
    GEOSPreparedGeom_destroy_r(handle, prepared);
    return outsideArea;
}

} // namespace GridDesk::Topology
