// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "coveragecheck.h"

#include "logging.h"
#include "shapes.h"

#include "gis/geoscontext.h"
#include "gis/wkb.h"

#include <QCoreApplication>
#include <QHash>
#include <QLocale>

#include <cmath>
#include <map>
#include <numbers>

namespace GridDesk::Topology {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Topology)
};

/// A vertex where the boundary turns back by more than this many degrees is a spike.
constexpr double SPIKE_ANGLE_DEGREES = 1.0;
/// How far a coverage union's area may differ from the sum of its parts before the slower,
/// noding union is asked instead (relative).
constexpr double COVERAGE_SLACK = 1e-9;
/// Candidate areas are compared with the threshold at this share before their geodesic area
/// is computed, as square degrees only approximate square metres.
constexpr double COARSE_SHARE = 0.5;

using Kind = TopologyFinding::Kind;
using Ptr = Geometry::Ptr;

QString coordinates(const GeoPoint &point)
{
    return QStringLiteral("%1, %2").arg(point.lon, 0, 'f', 6).arg(point.lat, 0, 'f', 6);
}

QString squareMetres(double areaM2)
{
    return QLocale().toString(areaM2, 'f', areaM2 < 10.0 ? 2 : 0);
}

/// What a walk over a grid's rings tells before GEOS sees it.
struct RingScan
{
    QString unreadable; ///< why the bytes are not a polygon, when they are not
    bool empty = true;
    int shortRing = 0; ///< points of the first ring with fewer than four
    std::optional<GeoPoint> spike;
    bool convex = false; ///< one ring, strictly convex, turning once: valid without GEOS
};

/// Turn from the edge a->b to b->c, in radians, with longitude scaled to metres' proportions.
double turn(const GeoPoint &a, const GeoPoint &b, const GeoPoint &c, double shrink)
{
    const double ux = (b.lon - a.lon) * shrink;
    const double uy = b.lat - a.lat;
    const double vx = (c.lon - b.lon) * shrink;
    const double vy = c.lat - b.lat;
    return std::atan2(ux * vy - uy * vx, ux * vx + uy * vy);
}

void scanRing(std::span<const GeoPoint> points, RingScan &scan, bool onlyRing)
{
    if (points.size() < 4 && scan.shortRing == 0)
        scan.shortRing = int(points.size());
    if (points.size() < 4)
        return;

    // Walk the distinct vertices of the closed ring.
    std::vector<GeoPoint> ring;
    ring.reserve(points.size());
    for (std::size_t i = 0; i + 1 < points.size(); ++i) {
        if (ring.empty() || distance(ring.back(), points[i]) > 0.0)
            ring.push_back(points[i]);
    }
    while (ring.size() > 1 && distance(ring.back(), ring.front()) == 0.0)
        ring.pop_back();
    if (ring.size() < 3)
        return;

    const double shrink = std::cos(ring.front().lat * std::numbers::pi / 180.0);
    const double spikeTurn = std::numbers::pi * (1.0 - SPIKE_ANGLE_DEGREES / 180.0);
    double total = 0.0;
    int left = 0;
    int right = 0;
    for (std::size_t i = 0; i < ring.size(); ++i) {
        const GeoPoint &a = ring[(i + ring.size() - 1) % ring.size()];
        const GeoPoint &b = ring[i];
        const GeoPoint &c = ring[(i + 1) % ring.size()];
        const double angle = turn(a, b, c, shrink);
        if (std::abs(angle) >= spikeTurn && !scan.spike)
            scan.spike = b;
        total += angle;
        (angle > 0.0 ? left : right) += angle != 0.0 ? 1 : 0;
    }
    const bool oneWay = (left == 0 || right == 0) && left + right == int(ring.size());
    scan.convex = onlyRing && oneWay && std::abs(std::abs(total) - 2 * std::numbers::pi) < 1e-6;
}

RingScan scanRings(const Grid &grid)
{
    RingScan scan;
    int rings = 0;
    auto walked = Wkb::forEachRing(grid.wkb, [&](const Wkb::RingRef &) { ++rings; });
    if (!walked) {
        scan.unreadable = walked.error().message;
        return scan;
    }
    Wkb::forEachRing(grid.wkb, [&](const Wkb::RingRef &ring) {
        scan.empty = scan.empty && ring.points.empty();
        scanRing(ring.points, scan, rings == 1);
    });
    return scan;
}

struct Entry
{
    Ptr shape; ///< repaired when invalid; null when unreadable or not needed
    BoundingBox box;
    double area = 0.0; ///< square degrees
    bool loaded = false;
};

class Checker
{
public:
    Checker(const QList<Grid> &grids, const TopologyOptions &options)
        : m_g(m_geos)
        , m_grids(grids)
        , m_options(options)
        , m_entries(std::size_t(grids.size()))
    {
        for (qsizetype i = 0; i < grids.size(); ++i)
            m_byCode[grids[i].code] << i;
    }

    QList<TopologyFinding> run();

private:
    bool selected(const Grid &grid) const
    {
        return !m_options.level || grid.level == *m_options.level;
    }
    void checkCodes(const std::vector<qsizetype> &chosen);
    void checkGeometry(qsizetype index);
    const Entry &load(qsizetype index);
    void checkLevel(const std::vector<qsizetype> &members, GridLevel level);
    std::optional<qsizetype> parentOf(const QString &code, GridLevel level) const;
    void findOverlaps(const std::vector<qsizetype> &members);
    void checkNesting(qsizetype parent, const std::vector<qsizetype> &children, const Ptr &cover);

    struct Union
    {
        Ptr shape;
        bool overlaps = false;
    };
    Union unite(std::vector<const GEOSGeometry *> shapes, double partsArea) const;
    double thresholdDegrees(const BoundingBox &box) const
    {
        const double latitude = box.isEmpty() ? 0.0 : (box.south + box.north) / 2;
        return m_options.minAreaM2 / squareMetresPerSquareDegree(latitude);
    }

    void add(Kind kind, QStringList codes, const GEOSGeometry *area, const QString &detail);
    void addAt(Kind kind, QStringList codes, const Grid &grid, const QString &detail);

    GeosContext m_geos;
    Geometry m_g;
    const QList<Grid> &m_grids;
    TopologyOptions m_options;
    std::vector<Entry> m_entries;
    QHash<QString, QList<qsizetype>> m_byCode; ///< a code may be given twice
    QList<TopologyFinding> m_findings;
};

void Checker::add(Kind kind, QStringList codes, const GEOSGeometry *area, const QString &detail)
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

void Checker::addAt(Kind kind, QStringList codes, const Grid &grid, const QString &detail)
{
    TopologyFinding finding;
    finding.kind = kind;
    finding.codes = std::move(codes);
    const qsizetype index = &grid - m_grids.constData();
    const Entry &entry = load(index);
    finding.extent = entry.shape ? entry.box : grid.bbox;
    if (entry.shape)
        finding.location = m_geos.pointOnSurface(entry.shape.get()).value_or(GeoPoint {});
    else if (!grid.bbox.isEmpty())
        finding.location = {
            (grid.bbox.west + grid.bbox.east) / 2, (grid.bbox.south + grid.bbox.north) / 2};
    finding.detail = detail;
    m_findings << finding;
}

const Entry &Checker::load(qsizetype index)
{
    Entry &entry = m_entries[std::size_t(index)];
    if (entry.loaded)
        return entry;
    entry.loaded = true;
    auto shape = m_g.readRepaired(m_grids[index].wkb);
    if (!shape)
        return entry;
    entry.shape = std::move(*shape);
    entry.box = m_g.envelope(entry.shape.get());
    entry.area = m_g.area(entry.shape.get());
    return entry;
}

void Checker::checkCodes(const std::vector<qsizetype> &chosen)
{
    std::map<QString, QList<qsizetype>> byCode;
    for (const qsizetype index : chosen) {
        const Grid &grid = m_grids[index];
        const bool nests = gridLevelDepth(grid.level).has_value();
        if (grid.code.trimmed().isEmpty()) {
            addAt(Kind::MalformedCode, {}, grid,
                Tr::tr("A %1 grid named \"%2\" has no code.")
                    .arg(gridLevelKey(grid.level), grid.name));
            continue;
        }
        byCode[grid.code] << index;
        if (nests && !grid.parentCode.isEmpty()
            && (!grid.code.startsWith(grid.parentCode)
                || grid.code.size() <= grid.parentCode.size()))
            addAt(Kind::MalformedCode, {grid.code}, grid,
                Tr::tr("Grid %1 does not start with the code of its parent %2 followed by its own "
                       "number.")
                    .arg(grid.code, grid.parentCode));
        const bool supervised = grid.level == GridLevel::Base || grid.level == GridLevel::Fine;
        if (m_options.requireSupervisor && supervised && grid.supervisor.trimmed().isEmpty())
            addAt(Kind::NoSupervisor, {grid.code}, grid,
                Tr::tr("Grid %1 has no grid supervisor.").arg(grid.code));
    }
    for (const auto &[code, indices] : byCode) {
        if (indices.size() > 1)
            addAt(Kind::DuplicateCode, {code}, m_grids[indices.front()],
                Tr::tr("%n grids have the code %1.", nullptr, int(indices.size())).arg(code));
    }
}

void Checker::checkGeometry(qsizetype index)
{
    const Grid &grid = m_grids[index];
    const RingScan scan = scanRings(grid);
    Entry &entry = m_entries[std::size_t(index)];
    if (!scan.unreadable.isEmpty() || scan.empty || scan.shortRing > 0) {
        entry.loaded = true; // nothing an overlay could use
        TopologyFinding finding;
        finding.kind = Kind::InvalidGeometry;
        finding.codes = {grid.code};
        finding.extent = grid.bbox;
        finding.location = grid.bbox.isEmpty() ? GeoPoint {}
                                               : GeoPoint {(grid.bbox.west + grid.bbox.east) / 2,
                                                   (grid.bbox.south + grid.bbox.north) / 2};
        if (!scan.unreadable.isEmpty())
            finding.detail = Tr::tr("The boundary of grid %1 cannot be read: %2")
                                 .arg(grid.code, scan.unreadable);
        else if (scan.empty)
            finding.detail = Tr::tr("Grid %1 has no boundary.").arg(grid.code);
        else
            finding.detail = Tr::tr("Grid %1 has a ring of %n points; a ring needs at least four "
                                    "(three corners and the first again).",
                nullptr, scan.shortRing)
                                 .arg(grid.code);
        m_findings << finding;
        return;
    }

    auto shape = m_geos.fromWkb(grid.wkb);
    if (!shape) {
        entry.loaded = true;
        addAt(Kind::InvalidGeometry, {grid.code}, grid,
            Tr::tr("The boundary of grid %1 cannot be read: %2")
                .arg(grid.code, shape.error().message));
        return;
    }
    if (scan.spike) {
        Ptr point = m_g.adopt(
            GEOSGeom_createPointFromXY_r(m_geos.handle(), scan.spike->lon, scan.spike->lat));
        add(Kind::InvalidGeometry, {grid.code}, point.get(),
            Tr::tr("Grid %1 has a spike at %2: its boundary runs out and comes straight back.")
                .arg(grid.code, coordinates(*scan.spike)));
    }

    const bool valid = scan.convex || GEOSisValid_r(m_geos.handle(), shape->get()) == 1;
    if (!valid) {
        char *reason = nullptr;
        GEOSGeometry *where = nullptr;
        GEOSisValidDetail_r(m_geos.handle(), shape->get(), 0, &reason, &where);
        Ptr location = m_g.adopt(where);
        const QString why = reason ? QString::fromUtf8(reason) : Tr::tr("invalid geometry");
        GEOSFree_r(m_geos.handle(), reason);
        add(Kind::InvalidGeometry, {grid.code}, location ? location.get() : shape->get(),
            Tr::tr("Grid %1 is invalid: %2").arg(grid.code, why));
        *shape = m_g.polygonal(m_g.adopt(GEOSMakeValid_r(m_geos.handle(), shape->get())));
    }
    entry.loaded = true;
    entry.box = m_g.envelope(shape->get());
    entry.area = m_g.area(shape->get());
    entry.shape = std::move(*shape);
}

Checker::Union Checker::unite(std::vector<const GEOSGeometry *> shapes, double partsArea) const
{
    const GEOSContextHandle_t handle = m_geos.handle();
    BoundingBox box;
    std::vector<GEOSGeometry *> clones;
    clones.reserve(shapes.size());
    for (const GEOSGeometry *shape : shapes) {
        clones.push_back(GEOSGeom_clone_r(handle, shape));
        box.expand(m_g.envelope(shape));
    }
    Ptr all = m_g.adopt(GEOSGeom_createCollection_r(
        handle, GEOS_GEOMETRYCOLLECTION, clones.data(), unsigned(clones.size())));

    // A clean coverage (shared edges with the same vertices) unions in linear time. The
    // coverage union only drops edges that appear twice, so overlapping input comes out as
    // overlapping or edge-sharing polygons (invalid) or with less area: either sends the group
    // to the overlay union, which nodes everything.
    Union result;
    result.shape = m_g.adopt(GEOSCoverageUnion_r(handle, all.get()));
    const bool clean = result.shape
        && std::abs(m_g.area(result.shape.get()) - partsArea) <= COVERAGE_SLACK * partsArea
        && GEOSisValid_r(handle, result.shape.get()) == 1;
    if (!clean)
        result.shape = m_g.adopt(GEOSUnaryUnion_r(handle, all.get()));
    result.shape = m_g.polygonal(std::move(result.shape));
    result.overlaps = partsArea - m_g.area(result.shape.get()) > thresholdDegrees(box);
    return result;
}

void Checker::findOverlaps(const std::vector<qsizetype> &members)
{
    const GEOSContextHandle_t handle = m_geos.handle();
    GEOSSTRtree *tree = GEOSSTRtree_create_r(handle, 10);
    for (const qsizetype &index : members)
        GEOSSTRtree_insert_r(handle, tree, m_entries[std::size_t(index)].shape.get(),
            const_cast<qsizetype *>(&index));

    for (const qsizetype index : members) {
        const Entry &entry = m_entries[std::size_t(index)];
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
            const Entry &neighbour = m_entries[std::size_t(other)];
            if (GEOSPreparedIntersects_r(handle, prepared, neighbour.shape.get()) != 1)
                continue;
            Ptr shared = m_g.polygonal(
                m_g.adopt(GEOSIntersection_r(handle, entry.shape.get(), neighbour.shape.get())));
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
}

void Checker::checkNesting(
    qsizetype parent, const std::vector<qsizetype> &children, const Ptr &cover)
{
    const GEOSContextHandle_t handle = m_geos.handle();
    const Entry &outer = load(parent);
    if (!outer.shape || !cover)
        return;
    const QString &parentCode = m_grids[parent].code;
    const double threshold = thresholdDegrees(outer.box);

    Ptr gaps = m_g.polygonal(m_g.adopt(GEOSDifference_r(handle, outer.shape.get(), cover.get())));
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

    Ptr outside =
        m_g.polygonal(m_g.adopt(GEOSDifference_r(handle, cover.get(), outer.shape.get())));
    if (m_g.area(outside.get()) < COARSE_SHARE * threshold)
        return;
    const GEOSPreparedGeometry *prepared = GEOSPrepare_r(handle, outside.get());
    for (const qsizetype child : children) {
        const Entry &inner = m_entries[std::size_t(child)];
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
}

std::optional<qsizetype> Checker::parentOf(const QString &code, GridLevel level) const
{
    // With duplicate codes, the first grid of a higher nesting level is the parent.
    const std::optional<int> depth = gridLevelDepth(level);
    if (!depth || code.isEmpty())
        return std::nullopt;
    for (const qsizetype candidate : m_byCode.value(code)) {
        const std::optional<int> above = gridLevelDepth(m_grids[candidate].level);
        if (above && *above < *depth)
            return candidate;
    }
    return std::nullopt;
}

void Checker::checkLevel(const std::vector<qsizetype> &members, GridLevel level)
{
    // Siblings are grouped by parent; business grids form one group.
    const bool nests = gridLevelDepth(level).has_value();
    std::map<QString, std::vector<qsizetype>> groups;
    for (const qsizetype index : members)
        groups[nests ? m_grids[index].parentCode : QString()].push_back(index);

    std::vector<std::vector<qsizetype>> suspects;
    std::vector<const GEOSGeometry *> covers;
    std::vector<Ptr> coverShapes;
    double coversArea = 0.0;
    for (const auto &[parentCode, children] : groups) {
        std::vector<const GEOSGeometry *> shapes;
        double area = 0.0;
        for (const qsizetype child : children) {
            shapes.push_back(m_entries[std::size_t(child)].shape.get());
            area += m_entries[std::size_t(child)].area;
        }
        Union cover = unite(std::move(shapes), area);
        if (cover.overlaps)
            suspects.push_back(children);

        if (const std::optional<qsizetype> parent = parentOf(parentCode, level))
            checkNesting(*parent, children, cover.shape);
        coversArea += m_g.area(cover.shape.get());
        covers.push_back(cover.shape.get());
        coverShapes.push_back(std::move(cover.shape));
    }

    // Groups can overlap one another only if their unions do.
    const bool acrossGroups = groups.size() > 1 && unite(covers, coversArea).overlaps;
    if (acrossGroups) {
        findOverlaps(members);
        return;
    }
    for (const std::vector<qsizetype> &group : suspects)
        findOverlaps(group);
}

QList<TopologyFinding> Checker::run()
{
    std::vector<qsizetype> chosen;
    for (qsizetype i = 0; i < m_grids.size(); ++i) {
        if (selected(m_grids[i]))
            chosen.push_back(i);
    }
    for (const qsizetype index : chosen)
        checkGeometry(index);
    checkCodes(chosen);

    std::map<int, std::vector<qsizetype>> levels;
    for (const qsizetype index : chosen) {
        if (m_entries[std::size_t(index)].shape)
            levels[int(m_grids[index].level)].push_back(index);
    }
    for (const auto &[level, members] : levels)
        checkLevel(members, GridLevel(level));
    qCDebug(lcTopology) << "checked" << chosen.size() << "grids:" << m_findings.size()
                        << "findings";
    return m_findings;
}
} // namespace

Result<QList<TopologyFinding>> checkCoverage(
    const QList<Grid> &grids, const TopologyOptions &options)
{
    Checker checker(grids, options);
    return checker.run();
}

} // namespace GridDesk::Topology
