// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"

#include <QString>

#include <memory>
#include <span>

namespace GridDesk {

/// Converts coordinates from a source CRS to WGS84 longitude/latitude with PROJ, or from
/// GCJ-02 with our own formula. Move-only; use from one thread at a time.
class CoordinateTransformer
{
public:
    /// source: anything PROJ understands (an "EPSG:3857" code, WKT, a PROJ string) or "gcj02".
    /// An empty source means WGS84 already.
    static Result<CoordinateTransformer> toWgs84(const QString &source);

    CoordinateTransformer(CoordinateTransformer &&) noexcept;
    CoordinateTransformer &operator=(CoordinateTransformer &&) noexcept;
    ~CoordinateTransformer();

    /// True when coordinates pass through unchanged.
    bool isIdentity() const;
    /// A short name of the source CRS for messages ("WGS 84 / Pseudo-Mercator", "GCJ-02").
    QString sourceName() const;

    /// Transforms interleaved x,y pairs in place; false if any pair failed.
    bool transform(std::span<double> xy) const;

private:
    struct Private;
    explicit CoordinateTransformer(std::unique_ptr<Private> d);
    std::unique_ptr<Private> d;
};

} // namespace GridDesk
