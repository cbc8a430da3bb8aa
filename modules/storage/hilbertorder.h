// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/grid.h"

#include <cstdint>
#include <vector>

namespace GridDesk {

/// The position of cell (x, y) along a Hilbert curve filling a 2^16 × 2^16 lattice.
std::uint32_t hilbertIndex(std::uint32_t x, std::uint32_t y);

/// Indexes into boxes, ordered along a Hilbert curve through their centres: boxes close on the
/// map come close in the order, so an R-tree fed in this order fills one leaf at a time.
std::vector<std::size_t> hilbertOrder(const std::vector<BoundingBox> &boxes);

} // namespace GridDesk
