// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "geoscontext.h"

#include <QCoreApplication>

namespace GridDesk {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Geos)
};
} // namespace

GeosContext::GeosContext()
    : m_handle(GEOS_init_r())
{
    GEOSContext_setErrorMessageHandler_r(m_handle, &GeosContext::onMessage, this);
}

GeosContext::~GeosContext()
{
    GEOS_finish_r(m_handle);
}

void GeosContext::onMessage(const char *message, void *userData)
{
    static_cast<GeosContext *>(userData)->m_lastError = QString::fromUtf8(message);
}

Result<GeosContext::GeometryPtr> GeosContext::fromWkb(QByteArrayView wkb) const
{
    GEOSGeometry *geometry = GEOSGeomFromWKB_buf_r(
        m_handle, reinterpret_cast<const unsigned char *>(wkb.data()), std::size_t(wkb.size()));
    if (!geometry)
        return fail(ErrorCode::InvalidGeometry,
            Tr::tr("The geometry could not be read: %1").arg(m_lastError));
    return adopt(geometry);
}

QByteArray GeosContext::toWkb(const GEOSGeometry *geometry) const
{
    GEOSWKBWriter *writer = GEOSWKBWriter_create_r(m_handle);
    GEOSWKBWriter_setOutputDimension_r(m_handle, writer, 2);
    GEOSWKBWriter_setByteOrder_r(m_handle, writer, GEOS_WKB_NDR);
    std::size_t size = 0;
    unsigned char *buffer = GEOSWKBWriter_write_r(m_handle, writer, geometry, &size);
    QByteArray bytes(reinterpret_cast<const char *>(buffer), qsizetype(size));
    GEOSFree_r(m_handle, buffer);
    GEOSWKBWriter_destroy_r(m_handle, writer);
    return bytes;
}

QString GeosContext::invalidityReason(const GEOSGeometry *geometry) const
{
    char *reason = nullptr;
    GEOSGeometry *location = nullptr;
    const char valid = GEOSisValidDetail_r(m_handle, geometry, 0, &reason, &location);
    if (valid == 1)
        return {};

    QString text = reason ? QString::fromUtf8(reason) : m_lastError;
    double x = 0.0;
    double y = 0.0;
    if (location && GEOSGeomGetX_r(m_handle, location, &x) == 1
        && GEOSGeomGetY_r(m_handle, location, &y) == 1) {
        text = Tr::tr("%1 at %2, %3").arg(text).arg(x, 0, 'f', 6).arg(y, 0, 'f', 6);
    }
    GEOSFree_r(m_handle, reason);
    if (location)
        GEOSGeom_destroy_r(m_handle, location);
    return text.isEmpty() ? Tr::tr("invalid geometry") : text;
}

std::optional<GeoPoint> GeosContext::pointOnSurface(const GEOSGeometry *geometry) const
{
    GeometryPtr point = adopt(GEOSPointOnSurface_r(m_handle, geometry));
    double x = 0.0;
    double y = 0.0;
    if (!point || GEOSisEmpty_r(m_handle, point.get()) == 1
        || GEOSGeomGetX_r(m_handle, point.get(), &x) != 1
        || GEOSGeomGetY_r(m_handle, point.get(), &y) != 1)
        return std::nullopt;
    return GeoPoint {x, y};
}

} // namespace GridDesk
