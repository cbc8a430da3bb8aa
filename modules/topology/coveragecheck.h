// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "topologycheck.h"

namespace GridDesk::Topology {

/// Every check of checkTopology(), unordered: codes, geometry, then overlaps, gaps and nesting
/// level by level. Area checks compare each group of siblings with its union first and look
/// for overlapping pairs only where the areas say there are some.
Result<QList<TopologyFinding>> checkCoverage(
    const QList<Grid> &grids, const TopologyOptions &options);

} // namespace GridDesk::Topology
