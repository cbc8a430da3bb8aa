// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "gridlocator.h"

#include <QCoreApplication>

namespace GridDesk {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::GridLocator)
};

struct QueryState
{
    const GridLocator *locator = nullptr;
    const GEOSGeometry *point = nullptr;
    int maxDepth = 0;
    const void *best = nullptr;
};
} // namespace

GridLocator::GridLocator() = default;

GridLocator::~GridLocator()
{
    const GEOSContextHandle_t handle = m_geos.handle();
    if (m_tree)
        GEOSSTRtree_destroy_r(handle, m_tree);
    for (Entry &entry : m_entries) {
        GEOSPreparedGeom_destroy_r(handle, entry.prepared);
        GEOSGeom_destroy_r(handle, entry.geometry);
    }
}

Result<void> GridLocator::build(const QList<Grid> &grids)
{
    const GEOSContextHandle_t handle = m_geos.handle();
    m_entries.reserve(m_entries.size() + std::size_t(grids.size()));
    for (const Grid &grid : grids) {
        const std::optional<int> depth = gridLevelDepth(grid.level);
        if (!depth)
            continue;
        auto geometry = m_geos.fromWkb(grid.wkb);
        if (!geometry)
            return std::unexpected(geometry.error().at(Tr::tr("grid %1").arg(grid.code)));

        Entry entry {grid.code, *depth, 0.0, geometry->release(), nullptr};
        GEOSArea_r(handle, entry.geometry, &entry.area);
        entry.prepared = GEOSPrepare_r(handle, entry.geometry);
        m_entries.push_back(std::move(entry));
    }

    // The tree keeps pointers into m_entries, so it is built only once the vector is final.
    m_tree = GEOSSTRtree_create_r(handle, 10);
    for (Entry &entry : m_entries)
        GEOSSTRtree_insert_r(handle, m_tree, entry.geometry, &entry);
    return {};
}

std::optional<QString> GridLocator::locate(const GeoPoint &point, std::optional<int> maxDepth) const
{
    if (!m_tree || m_entries.empty())
        return std::nullopt;
    const GEOSContextHandle_t handle = m_geos.handle();
    GeosContext::GeometryPtr geometry =
        m_geos.adopt(GEOSGeom_createPointFromXY_r(handle, point.lon, point.lat));

    QueryState state {this, geometry.get(), maxDepth.value_or(1000), nullptr};
    auto visit = [](void *item, void *userData) {
        auto *state = static_cast<QueryState *>(userData);
        const auto *entry = static_cast<const Entry *>(item);
        if (entry->depth > state->maxDepth)
            return;
        const auto *best = static_cast<const Entry *>(state->best);
        const bool deeper = !best || entry->depth > best->depth
            || (entry->depth == best->depth && entry->area < best->area);
        if (!deeper)
            return;
        GEOSContextHandle_t handle = state->locator->geos().handle();
        if (GEOSPreparedIntersects_r(handle, entry->prepared, state->point) == 1)
            state->best = entry;
    };
    GEOSSTRtree_query_r(handle, m_tree, geometry.get(), visit, &state);

    if (!state.best)
        return std::nullopt;
    return static_cast<const Entry *>(state.best)->code;
}

std::optional<QString> GridLocator::parentOf(const GEOSGeometry *child, GridLevel level) const
{
    if (level == GridLevel::Business)
        return majorityCover(child);

    const int maxDepth = gridLevelDepth(level).value_or(0) - 1;
    if (maxDepth < 0)
        return std::nullopt;
    const std::optional<GeoPoint> inside = m_geos.pointOnSurface(child);
    if (!inside)
        return std::nullopt;
    return locate(*inside, maxDepth);
}

std::optional<QString> GridLocator::majorityCover(const GEOSGeometry *child) const
{
    // A business grid (a police area, say) spans several small grids, so its parent is the
    // deepest grid holding most of its area rather than the one under a single point.
    if (!m_tree)
        return std::nullopt;
    const GEOSContextHandle_t handle = m_geos.handle();
    double childArea = 0.0;
    if (GEOSArea_r(handle, child, &childArea) != 1 || childArea <= 0.0)
        return std::nullopt;

    std::vector<const Entry *> candidates;
    auto collect = [](void *item, void *userData) {
        static_cast<std::vector<const Entry *> *>(userData)->push_back(
            static_cast<const Entry *>(item));
    };
    GEOSSTRtree_query_r(handle, m_tree, child, collect, &candidates);

    const Entry *best = nullptr;
    for (const Entry *entry : candidates) {
        if (best && entry->depth <= best->depth)
            continue;
        GeosContext::GeometryPtr overlap =
            m_geos.adopt(GEOSIntersection_r(handle, entry->geometry, child));
        double overlapArea = 0.0;
        if (overlap && GEOSArea_r(handle, overlap.get(), &overlapArea) == 1
            && overlapArea >= 0.5 * childArea)
            best = entry;
    }
    if (!best)
        return std::nullopt;
    return best->code;
}

} // namespace GridDesk
