// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"
#include "domain/grid.h"

#include <geos_c.h>

#include <QByteArray>
#include <QString>

#include <memory>
#include <optional>

namespace GridDesk {

/// One GEOS context (the thread-safe `_r` API). A context belongs to one thread at a time;
/// give each worker its own. Geometries made here must be freed by the same context, which
/// GeometryPtr does.
class GeosContext
{
public:
    struct Deleter
    {
        GEOSContextHandle_t handle = nullptr;
        void operator()(GEOSGeometry *geometry) const { GEOSGeom_destroy_r(handle, geometry); }
    };
    using GeometryPtr = std::unique_ptr<GEOSGeometry, Deleter>;

    GeosContext();
    ~GeosContext();
    GeosContext(const GeosContext &) = delete;
    GeosContext &operator=(const GeosContext &) = delete;

    GEOSContextHandle_t handle() const { return m_handle; }
    GeometryPtr adopt(GEOSGeometry *geometry) const { return GeometryPtr(geometry, {m_handle}); }

    Result<GeometryPtr> fromWkb(QByteArrayView wkb) const;
    /// 2D little-endian WKB.
    QByteArray toWkb(const GEOSGeometry *geometry) const;

    /// Why a geometry is invalid, with the location GEOS reports; empty when it is valid.
    QString invalidityReason(const GEOSGeometry *geometry) const;

    /// A point guaranteed to lie inside a polygonal geometry.
    std::optional<GeoPoint> pointOnSurface(const GEOSGeometry *geometry) const;

    /// The last error GEOS reported on this context.
    QString lastError() const { return m_lastError; }

private:
    static void onMessage(const char *message, void *userData);

    GEOSContextHandle_t m_handle = nullptr;
    QString m_lastError;
};

} // namespace GridDesk
