// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "coveragecheck.h"

#include "areacheck.h"
#include "logging.h"
#include "shapes.h"

#include "gis/geoscontext.h"
#include "gis/wkb.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QLocale>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <map>
#include <numbers>
#include <thread>

namespace GridDesk::Topology {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Topology)
};

/// A vertex where the boundary turns back by more than this many degrees is a spike.
constexpr double SPIKE_ANGLE_DEGREES = 1.0;
/// Vertices of different grids closer than this many degrees (about ten micrometres) are made
/// one for the area checks, so that neighbours whose shared vertices differ by floating-point
/// noise share them exactly and their union stays a quick coverage union.
constexpr double SNAP_DISTANCE = 1e-10;
/// A level of at most this many grids, none with a parent, is checked for overlaps pair by pair
/// rather than through its union.
constexpr std::size_t PAIRWISE_LIMIT = 1000;
/// Side of the hash cells that find vertices to snap to, in degrees.
constexpr double SNAP_CELL = 1e-8;

using Kind = TopologyFinding::Kind;
using Ptr = Geometry::Ptr;

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

bool sameSpot(const GeoPoint &a, const GeoPoint &b)
{
    return a.lon == b.lon && a.lat == b.lat;
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
        if (ring.empty() || !sameSpot(ring.back(), points[i]))
            ring.push_back(points[i]);
    }
    while (ring.size() > 1 && sameSpot(ring.back(), ring.front()))
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
    bool firstConvex = false;
    auto walked = Wkb::forEachRing(grid.wkb, [&](const Wkb::RingRef &ring) {
        scan.empty = scan.empty && ring.points.empty();
        scanRing(ring.points, scan, true);
        if (++rings == 1)
            firstConvex = scan.convex;
    });
    if (!walked)
        scan.unreadable = walked.error().message;
    scan.convex = rings == 1 && firstConvex;
    return scan;
}

/// Makes vertices closer than SNAP_DISTANCE identical: each vertex takes the coordinates of
/// the first vertex met near it.
class VertexSnapper
{
public:
    /// wkb with its vertices snapped; wkb itself when it cannot be rewritten.
    QByteArray snapped(const QByteArray &wkb)
    {
        QByteArray copy = wkb;
        auto rewritten = Wkb::transformInPlace(copy, [this](std::span<double> xy) {
            for (std::size_t i = 0; i + 1 < xy.size(); i += 2)
                snap(xy[i], xy[i + 1]);
            return true;
        });
        return rewritten ? copy : wkb;
    }

private:
    using Key = std::pair<qint64, qint64>;

    void snap(double &x, double &y)
    {
        const double cellX = x / SNAP_CELL;
        const double cellY = y / SNAP_CELL;
        const Key key {qint64(std::floor(cellX)), qint64(std::floor(cellY))};
        // Neighbouring cells matter only for a vertex at the edge of its own.
        const double margin = SNAP_DISTANCE / SNAP_CELL;
        const int dx0 = cellX - double(key.first) < margin ? -1 : 0;
        const int dx1 = double(key.first + 1) - cellX < margin ? 1 : 0;
        const int dy0 = cellY - double(key.second) < margin ? -1 : 0;
        const int dy1 = double(key.second + 1) - cellY < margin ? 1 : 0;
        for (int dx = dx0; dx <= dx1; ++dx) {
            for (int dy = dy0; dy <= dy1; ++dy) {
                const auto found = m_nodes.constFind({key.first + dx, key.second + dy});
                if (found == m_nodes.cend())
                    continue;
                const GeoPoint &node = *found;
                if (std::abs(node.lon - x) <= SNAP_DISTANCE
                    && std::abs(node.lat - y) <= SNAP_DISTANCE) {
                    x = node.lon;
                    y = node.lat;
                    return;
                }
            }
        }
        m_nodes.insert(key, GeoPoint {x, y});
    }

    QHash<Key, GeoPoint> m_nodes;
};

class Checker
{
public:
    Checker(const QList<Grid> &grids, const TopologyOptions &options)
        : m_grids(grids)
        , m_options(options)
        , m_entries(std::size_t(grids.size()))
        , m_area(grids, m_entries, options)
        , m_g(m_area.geometry())
        , m_geos(m_g.geos())
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
    const GridShape &load(qsizetype index);
    std::vector<struct GroupTask> groupTasks(const std::map<int, std::vector<qsizetype>> &levels);
    void checkAreas(const std::map<int, std::vector<qsizetype>> &levels);
    void finishLevel(const std::vector<qsizetype> &members, GridLevel level,
        const std::vector<struct GroupTask *> &tasks);
    std::optional<qsizetype> parentOf(const QString &code, GridLevel level) const;
    void addAt(Kind kind, QStringList codes, const Grid &grid, const QString &detail);

    /// What is known of a level's overlaps, in square degrees: their sum within groups of
    /// siblings, and a bound on those across groups.
    struct LevelOverlap
    {
        double within = 0.0;
        double outside = 0.0; ///< children outside their parents (or measured across groups)
        double parents = 0.0; ///< overlaps among the parents
        bool bounded = true;
        double across() const { return outside + parents; }
        double total() const { return within + across(); }
    };

    const QList<Grid> &m_grids;
    TopologyOptions m_options;
    std::vector<GridShape> m_entries;
    AreaCheck m_area; ///< on this thread; workers have their own
    const Geometry &m_g;
    const GeosContext &m_geos;
    QHash<QString, QList<qsizetype>> m_byCode; ///< a code may be given twice
    std::map<int, LevelOverlap> m_overlap;
    VertexSnapper m_snapper;
    QList<TopologyFinding> m_findings;
};

void Checker::addAt(Kind kind, QStringList codes, const Grid &grid, const QString &detail)
{
    TopologyFinding finding;
    finding.kind = kind;
    finding.codes = std::move(codes);
    const qsizetype index = &grid - m_grids.constData();
    const GridShape &entry = load(index);
    finding.extent = entry.shape ? entry.box : grid.bbox;
    if (entry.shape)
        finding.location = m_geos.pointOnSurface(entry.shape.get()).value_or(GeoPoint {});
    else if (!grid.bbox.isEmpty())
        finding.location = {
            (grid.bbox.west + grid.bbox.east) / 2, (grid.bbox.south + grid.bbox.north) / 2};
    finding.detail = detail;
    m_findings << finding;
}

const GridShape &Checker::load(qsizetype index)
{
    GridShape &entry = m_entries[std::size_t(index)];
    if (entry.loaded)
        return entry;
    entry.loaded = true;
    auto shape = m_g.readRepaired(m_snapper.snapped(m_grids[index].wkb));
    if (!shape)
        return entry;
    entry.shape = std::move(*shape);
    entry.box = m_g.envelope(entry.shape.get());
    entry.area = m_g.area(entry.shape.get());
    return entry;
}

void Checker::checkCodes(const std::vector<qsizetype> &chosen)
{
    QHash<QString, QList<qsizetype>> byCode;
    byCode.reserve(qsizetype(chosen.size()));
    for (const qsizetype index : chosen) {
        const Grid &grid = m_grids[index];
        const bool nests = gridLevelDepth(grid.level).has_value();
        if (grid.code.trimmed().isEmpty()) {
            addAt(Kind::MalformedCode, {}, grid,
                Tr::tr("The grid \"%1\" (%2) has no code.")
                    .arg(grid.name, gridLevelName(grid.level)));
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
    for (auto it = byCode.cbegin(); it != byCode.cend(); ++it) {
        const QString &code = it.key();
        const QList<qsizetype> &indices = it.value();
        if (indices.size() > 1)
            addAt(Kind::DuplicateCode, {code}, m_grids[indices.front()],
                Tr::tr("%n grids have the code %1.", nullptr, int(indices.size())).arg(code));
    }
}

void Checker::checkGeometry(qsizetype index)
{
    const Grid &grid = m_grids[index];
    const RingScan scan = scanRings(grid);
    GridShape &entry = m_entries[std::size_t(index)];
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

    if (scan.spike) {
        Ptr point = m_g.adopt(
            GEOSGeom_createPointFromXY_r(m_geos.handle(), scan.spike->lon, scan.spike->lat));
        m_area.add(Kind::InvalidGeometry, {grid.code}, point.get(),
            Tr::tr("Grid %1 has a spike at %2: its boundary runs out and comes straight back.")
                .arg(grid.code, coordinates(*scan.spike)));
    }

    // A convex ring needs no GEOS validity check; the area checks use snapped coordinates.
    entry.loaded = true;
    if (scan.convex) {
        auto shape = m_geos.fromWkb(m_snapper.snapped(grid.wkb));
        if (shape) {
            entry.shape = std::move(*shape);
            entry.box = m_g.envelope(entry.shape.get());
            entry.area = m_g.area(entry.shape.get());
            return;
        }
    }

    auto shape = m_geos.fromWkb(grid.wkb);
    if (!shape) {
        addAt(Kind::InvalidGeometry, {grid.code}, grid,
            Tr::tr("The boundary of grid %1 cannot be read: %2")
                .arg(grid.code, shape.error().message));
        return;
    }
    const GEOSContextHandle_t handle = m_geos.handle();
    if (GEOSisValid_r(handle, shape->get()) != 1) {
        char *reason = nullptr;
        GEOSGeometry *where = nullptr;
        GEOSisValidDetail_r(handle, shape->get(), 0, &reason, &where);
        Ptr location = m_g.adopt(where);
        const QString why = reason ? QString::fromUtf8(reason) : Tr::tr("invalid geometry");
        GEOSFree_r(handle, reason);
        m_area.add(Kind::InvalidGeometry, {grid.code}, location ? location.get() : shape->get(),
            Tr::tr("Grid %1 is invalid: %2").arg(grid.code, why));
        *shape = m_g.polygonal(m_g.adopt(GEOSMakeValid_r(handle, shape->get())));
    } else if (auto snapped = m_geos.fromWkb(m_snapper.snapped(grid.wkb));
               snapped && GEOSisValid_r(handle, snapped->get()) == 1) {
        *shape = std::move(*snapped);
    }
    entry.box = m_g.envelope(shape->get());
    entry.area = m_g.area(shape->get());
    entry.shape = std::move(*shape);
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

/// One group of siblings (or all grids of a level without parents) for a worker: their
/// union, overlaps within it, gaps in the parent and what sticks out of it.
struct GroupTask
{
    int level = 0;
    std::vector<qsizetype> members;
    std::optional<qsizetype> parent;
    GridShape parentShape; ///< a copy, so that no two workers read one geometry
    bool alone = false; ///< the only group of its level, without a parent

    GEOSGeometry *cover = nullptr; ///< the union, for the caller to adopt
    BoundingBox box;
    double excess = 0.0;
    std::optional<double> outside;
    QList<TopologyFinding> findings;
};

void runTasks(AreaCheck &area, const QList<Grid> &grids, std::vector<GroupTask> &tasks,
    std::atomic<std::size_t> &next)
{
    for (std::size_t i = next++; i < tasks.size(); i = next++) {
        GroupTask &task = tasks[i];
        // Alone on its level and without a parent, a group needs no union: its pairs are
        // compared directly, which is quicker when the grids are few and large.
        if (task.alone) {
            task.excess = area.findOverlaps(task.members);
            task.findings = area.takeFindings();
            continue;
        }
        AreaCheck::Union cover = area.uniteGroup(task.members);
        if (cover.excess > area.thresholdDegrees(cover.box))
            area.findOverlaps(task.members);
        if (task.parent) {
            task.outside = area.checkNesting(
                grids[*task.parent].code, task.parentShape, task.members, cover.shape.get());
        }
        task.box = cover.box;
        task.excess = cover.excess;
        task.cover = cover.shape.release();
        task.findings = area.takeFindings();
    }
}

std::vector<GroupTask> Checker::groupTasks(const std::map<int, std::vector<qsizetype>> &levels)
{
    std::vector<GroupTask> tasks;
    for (const auto &[level, members] : levels) {
        // Siblings are grouped by parent; business grids form one group.
        const bool nests = gridLevelDepth(GridLevel(level)).has_value();
        std::map<QString, std::vector<qsizetype>> byParent;
        for (const qsizetype index : members)
            byParent[nests ? m_grids[index].parentCode : QString()].push_back(index);
        for (auto &[parentCode, children] : byParent) {
            GroupTask task;
            task.level = level;
            task.members = std::move(children);
            task.parent = parentOf(parentCode, GridLevel(level));
            if (task.parent) {
                const GridShape &parent = load(*task.parent);
                task.parentShape = {parent.shape ? m_g.clone(parent.shape.get()) : nullptr,
                    parent.box, parent.area, true};
                if (!parent.shape)
                    task.parent.reset();
            }
            task.alone =
                byParent.size() == 1 && !task.parent && task.members.size() <= PAIRWISE_LIMIT;
            tasks.push_back(std::move(task));
        }
    }
    return tasks;
}

void Checker::checkAreas(const std::map<int, std::vector<qsizetype>> &levels)
{
    // Tasks share no geometry, so each worker takes the next on a GEOS context of its own.
    std::vector<GroupTask> tasks = groupTasks(levels);
    std::atomic<std::size_t> next = 0;
    const std::size_t workers =
        std::min<std::size_t>(std::max(1u, std::thread::hardware_concurrency()), tasks.size());
    std::vector<std::thread> threads;
    for (std::size_t i = 1; i < workers; ++i) {
        threads.emplace_back([&] {
            AreaCheck area(m_grids, m_entries, m_options);
            runTasks(area, m_grids, tasks, next);
        });
    }
    runTasks(m_area, m_grids, tasks, next);
    for (std::thread &thread : threads)
        thread.join();
    qCDebug(lcTopology) << tasks.size() << "groups checked on" << workers << "threads";

    // Levels in nesting order, so that each knows its parents' overlaps.
    for (const auto &[level, members] : levels) {
        std::vector<GroupTask *> ofLevel;
        for (GroupTask &task : tasks) {
            if (task.level == level)
                ofLevel.push_back(&task);
        }
        finishLevel(members, GridLevel(level), ofLevel);
    }
}

void Checker::finishLevel(
    const std::vector<qsizetype> &members, GridLevel level, const std::vector<GroupTask *> &tasks)
{
    LevelOverlap overlap;
    std::vector<Ptr> covers;
    BoundingBox extent;
    for (GroupTask *task : tasks) {
        if (task->cover)
            covers.push_back(m_g.adopt(task->cover));
        m_findings += task->findings;
        overlap.within += task->excess;
        extent.expand(task->box);
        overlap.outside += task->outside.value_or(0.0);
        const auto above =
            task->parent ? m_overlap.find(int(m_grids[*task->parent].level)) : m_overlap.end();
        if (!task->outside || above == m_overlap.end())
            overlap.bounded = false;
        else
            overlap.parents = std::max(overlap.parents, above->second.total());
    }

    // Children of different parents overlap only where they stick out of their parents or
    // where the parents overlap; when those add up to less than the minimum, the union of
    // the whole level is not needed to know.
    const bool acrossNeeded = tasks.size() > 1
        && !(overlap.bounded && overlap.across() < m_area.thresholdDegrees(extent));
    if (acrossNeeded) {
        std::vector<const GEOSGeometry *> shapes;
        double area = 0.0;
        for (const Ptr &cover : covers) {
            shapes.push_back(cover.get());
            area += m_g.area(cover.get());
        }
        const AreaCheck::Union all = m_area.unite(shapes, area);
        overlap.bounded = true;
        overlap.outside = all.excess;
        overlap.parents = 0.0;
        if (all.excess > m_area.thresholdDegrees(all.box))
            m_area.findOverlaps(members);
    }
    m_overlap[int(level)] = overlap;
    qCDebug(lcTopology).nospace() << gridLevelKey(level) << ": " << tasks.size() << " groups, "
                                  << (acrossNeeded ? "with" : "without") << " a union of all";
}

QList<TopologyFinding> Checker::run()
{
    QElapsedTimer timer;
    timer.start();
    std::vector<qsizetype> chosen;
    for (qsizetype i = 0; i < m_grids.size(); ++i) {
        if (selected(m_grids[i]))
            chosen.push_back(i);
    }
    for (const qsizetype index : chosen)
        checkGeometry(index);
    const qint64 geometryMs = timer.elapsed();
    checkCodes(chosen);
    m_findings += m_area.takeFindings();
    const qint64 codesMs = timer.elapsed();

    std::map<int, std::vector<qsizetype>> levels;
    for (const qsizetype index : chosen) {
        if (m_entries[std::size_t(index)].shape)
            levels[int(m_grids[index].level)].push_back(index);
    }
    checkAreas(levels);
    m_findings += m_area.takeFindings();
    qCInfo(lcTopology).nospace() << "checked " << chosen.size() << " grids in " << timer.elapsed()
                                 << " ms (geometry " << geometryMs << " ms, codes "
                                 << codesMs - geometryMs << " ms): " << m_findings.size()
                                 << " findings";
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
