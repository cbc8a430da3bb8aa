// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include <QtGlobal>

#include <functional>
#include <vector>

namespace GridDesk {

/// An axis-aligned box in single precision, as kept by SpatialIndex.
struct IndexBox
{
    float minX = 0;
    float minY = 0;
    float maxX = 0;
    float maxY = 0;

    bool intersects(const IndexBox &other) const
    {
        return minX <= other.maxX && other.minX <= maxX && minY <= other.maxY && other.minY <= maxY;
    }
};

/// A static R-tree packed bottom-up with the sort-tile-recursive method: built once from all
/// boxes, never changed, read from any number of threads at once. Items are the positions of
/// the boxes given to the constructor.
class SpatialIndex
{
public:
    SpatialIndex() = default;
    explicit SpatialIndex(const std::vector<IndexBox> &boxes);

    /// Calls visit with every item whose box intersects query, in no particular order.
    void query(const IndexBox &query, const std::function<void(quint32 item)> &visit) const;

    std::size_t size() const { return m_itemCount; }

private:
    static constexpr quint32 NODE_SIZE = 16;

    void sortTiles(std::size_t begin, std::size_t end);
    void visitNode(std::size_t node, std::size_t level, const IndexBox &query,
        const std::function<void(quint32)> &visit) const;

    // Every node (leaf entries first, then each level above) in one array; m_children[i] is the
    // first entry of node i's children on the level below, or the item for a leaf entry.
    std::vector<IndexBox> m_boxes;
    std::vector<quint32> m_children;
    std::vector<quint32> m_levelBegins; // start of each level in m_boxes, leaves first
    std::size_t m_itemCount = 0;
};

} // namespace GridDesk
