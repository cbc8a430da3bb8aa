// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include <QString>

#include <optional>

namespace GridDesk::Bench {

/// One figure of GridDesk beside the same figure of its peer, measured in the same run, and
/// the ratio the issue sets as the target (ours / peer must not exceed maxRatio).
struct Comparison
{
    QString figure; ///< "render 1600x1200", "import grids" …
    QString unit; ///< "ms", "MiB"
    double ours = 0.0;
    QString peerName; ///< "QGIS 3.22.16", "ogr2ogr", "size on disk" …
    std::optional<double> peer; ///< empty when the peer could not be measured
    QString skipReason; ///< why the peer is missing (smoke mode only)
    double maxRatio = 1.0;

    std::optional<double> ratio() const;
    /// "PASS", "MISS" or "SKIPPED".
    QString verdict() const;
    /// One aligned line for the report, starting with "RESULT".
    QString line() const;
};

} // namespace GridDesk::Bench
