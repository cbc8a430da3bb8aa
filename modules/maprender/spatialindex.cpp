// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "spatialindex.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace GridDesk {

namespace {
IndexBox unite(const IndexBox &a, const IndexBox &b)
{
    return {std::min(a.minX, b.minX), std::min(a.minY, b.minY), std::max(a.maxX, b.maxX),
        std::max(a.maxY, b.maxY)};
}

float centreX(const IndexBox &box)
{
    return box.minX + box.maxX;
}

float centreY(const IndexBox &box)
{
    return box.minY + box.maxY;
}
} // namespace

SpatialIndex::SpatialIndex(const std::vector<IndexBox> &boxes)
    : m_boxes(boxes)
    , m_itemCount(boxes.size())
{
    m_children.resize(boxes.size());
    std::iota(m_children.begin(), m_children.end(), quint32(0));
    if (boxes.empty())
        return;

    std::size_t levelBegin = 0;
    std::size_t levelEnd = boxes.size();
    m_levelBegins.push_back(levelBegin);
    while (levelEnd - levelBegin > 1) {
        sortTiles(levelBegin, levelEnd);
        for (std::size_t first = levelBegin; first < levelEnd; first += NODE_SIZE) {
            const std::size_t last = std::min<std::size_t>(first + NODE_SIZE, levelEnd);
            IndexBox box = m_boxes[first];
            for (std::size_t i = first + 1; i < last; ++i)
                box = unite(box, m_boxes[i]);
            m_boxes.push_back(box);
            m_children.push_back(quint32(first));
        }
        levelBegin = levelEnd;
        levelEnd = m_boxes.size();
        m_levelBegins.push_back(levelBegin);
    }
}

void SpatialIndex::sortTiles(std::size_t begin, std::size_t end)
{
    const std::size_t count = end - begin;
    std::vector<std::size_t> order(count);
    std::iota(order.begin(), order.end(), begin);

    // Vertical slices of about sqrt(nodes) nodes each, sorted by x, then each slice by y, so
    // that every node gathers neighbours.
    const auto byX = [this](std::size_t a, std::size_t b) {
        return centreX(m_boxes[a]) < centreX(m_boxes[b]);
    };
    const auto byY = [this](std::size_t a, std::size_t b) {
        return centreY(m_boxes[a]) < centreY(m_boxes[b]);
    };
    std::sort(order.begin(), order.end(), byX);
    const auto nodeCount = std::size_t(std::ceil(double(count) / NODE_SIZE));
    const auto sliceCount = std::size_t(std::ceil(std::sqrt(double(nodeCount))));
    const std::size_t sliceSize = std::max<std::size_t>(1, sliceCount) * NODE_SIZE;
    for (std::size_t first = 0; first < count; first += sliceSize) {
        const std::size_t last = std::min(first + sliceSize, count);
        std::sort(order.begin() + long(first), order.begin() + long(last), byY);
    }

    std::vector<IndexBox> boxes(count);
    std::vector<quint32> children(count);
    for (std::size_t i = 0; i < count; ++i) {
        boxes[i] = m_boxes[order[i]];
        children[i] = m_children[order[i]];
    }
    std::copy(boxes.begin(), boxes.end(), m_boxes.begin() + long(begin));
    std::copy(children.begin(), children.end(), m_children.begin() + long(begin));
}

void SpatialIndex::query(const IndexBox &query, const std::function<void(quint32)> &visit) const
{
    if (m_boxes.empty())
        return;
    const std::size_t topLevel = m_levelBegins.size() - 1;
    visitNode(m_boxes.size() - 1, topLevel, query, visit);
}

void SpatialIndex::visitNode(std::size_t node, std::size_t level, const IndexBox &query,
    const std::function<void(quint32)> &visit) const
{
    if (!m_boxes[node].intersects(query))
        return;
    if (level == 0) {
        visit(m_children[node]);
        return;
    }

    const std::size_t first = m_children[node];
    const std::size_t levelEnd = m_levelBegins[level];
    const std::size_t last = std::min<std::size_t>(first + NODE_SIZE, levelEnd);
    for (std::size_t child = first; child < last; ++child)
        visitNode(child, level - 1, query, visit);
}

} // namespace GridDesk
