// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "hilbertorder.h"

#include <algorithm>
#include <numeric>
#include <utility>

namespace GridDesk {

namespace {
constexpr std::uint32_t SIDE = 1u << 16;
} // namespace

std::uint32_t hilbertIndex(std::uint32_t x, std::uint32_t y)
{
    // Walk from the coarsest quadrant to the finest; at each level add the quadrant's rank
    // along the curve and turn the frame so the next level continues where this one ended.
    std::uint32_t index = 0;
    for (std::uint32_t half = SIDE / 2; half > 0; half /= 2) {
        const std::uint32_t right = (x & half) ? 1 : 0;
        const std::uint32_t up = (y & half) ? 1 : 0;
        index += half * half * ((3 * right) ^ up);
        if (up == 0) {
            if (right == 1) {
                x = half - 1 - (x & (half - 1));
                y = half - 1 - (y & (half - 1));
            }
            std::swap(x, y);
        }
    }
    return index;
}

std::vector<std::size_t> hilbertOrder(const std::vector<BoundingBox> &boxes)
{
    BoundingBox extent;
    for (const BoundingBox &box : boxes)
        extent.expand(box);
    const double width = std::max(extent.width(), 1e-12);
    const double height = std::max(extent.height(), 1e-12);

    std::vector<std::uint32_t> keys(boxes.size(), 0);
    for (std::size_t i = 0; i < boxes.size(); ++i) {
        if (boxes[i].isEmpty())
            continue;
        const double cx = (boxes[i].west + boxes[i].east) / 2.0;
        const double cy = (boxes[i].south + boxes[i].north) / 2.0;
        const auto x = std::uint32_t(std::clamp((cx - extent.west) / width, 0.0, 1.0) * (SIDE - 1));
        const auto y =
            std::uint32_t(std::clamp((cy - extent.south) / height, 0.0, 1.0) * (SIDE - 1));
        keys[i] = hilbertIndex(x, y);
    }
    std::vector<std::size_t> order(boxes.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::stable_sort(order.begin(), order.end(),
        [&keys](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });
    return order;
}

} // namespace GridDesk
