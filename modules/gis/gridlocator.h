// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "geoscontext.h"

#include "domain/error.h"
#include "domain/grid.h"

#include <QList>
#include <QString>

#include <optional>
#include <vector>

namespace GridDesk {

/// Finds the innermost grid containing a point: an STRtree over the grids' envelopes narrows
/// the candidates, prepared geometries answer containment. Only nesting levels (district …
/// fine) take part; business grids are a separate layer.
///
/// Build once, query many times, from one thread (prepared geometries build their own
/// indexes lazily and are not safe to share).
class GridLocator
{
public:
    GridLocator();
    ~GridLocator();
    GridLocator(const GridLocator &) = delete;
    GridLocator &operator=(const GridLocator &) = delete;

    /// Adds the grids of nesting levels from the list (their wkb must be set). Fails on the
    /// first geometry GEOS cannot read, naming the grid.
    Result<void> build(const QList<Grid> &grids);

    /// The code of the deepest grid containing the point (ties go to the smaller grid);
    /// empty when no grid contains it. With maxDepth, grids deeper than it are ignored.
    std::optional<QString> locate(
        const GeoPoint &point, std::optional<int> maxDepth = std::nullopt) const;

    /// The parent of a grid of the given level: the deepest coarser grid containing a point
    /// inside the child. For a business grid, the deepest grid holding most of its area.
    std::optional<QString> parentOf(const GEOSGeometry *child, GridLevel level) const;

    const GeosContext &geos() const { return m_geos; }
    qsizetype size() const { return qsizetype(m_entries.size()); }

private:
    struct Entry;
    std::optional<QString> majorityCover(const GEOSGeometry *child) const;

    struct Entry
    {
        QString code;
        int depth = 0;
        double area = 0.0;
        GEOSGeometry *geometry = nullptr;
        const GEOSPreparedGeometry *prepared = nullptr;
    };

    GeosContext m_geos;
    std::vector<Entry> m_entries;
    GEOSSTRtree *m_tree = nullptr;
};

} // namespace GridDesk
