// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "finegridcutter.h"

#include "logging.h"

#include "gis/geoscontext.h"

#include <cmath>
#include <numbers>

namespace GridDesk::Bench {

namespace {

constexpr double SLIVER_SHARE = 0.2;
constexpr double COUNT_TOLERANCE = 0.05;
constexpr int MAX_ATTEMPTS = 4;

QString boroughName(const QString &baseCode)
{
    // New York community district codes start with the borough number.
    switch (baseCode.left(1).toInt()) {
    case 1:
        return QStringLiteral("曼哈顿");
    case 2:
        return QStringLiteral("布朗克斯");
    case 3:
        return QStringLiteral("布鲁克林");
    case 4:
        return QStringLiteral("皇后区");
    case 5:
        return QStringLiteral("史泰登岛");
    default:
        return QStringLiteral("纽约");
    }
}

GeosContext::GeometryPtr box(const GeosContext &geos, double x0, double y0, double x1, double y1)
{
    return geos.adopt(GEOSGeom_createRectangle_r(geos.handle(), x0, y0, x1, y1));
}

/// The polygons of a clipped piece (an intersection may also yield lines and points where
/// the cell only touches the boundary), as one polygon or multipolygon; null when none.
GeosContext::GeometryPtr polygonalPart(const GeosContext &geos, GeosContext::GeometryPtr piece)
{
    const GEOSContextHandle_t handle = geos.handle();
    const int type = GEOSGeomTypeId_r(handle, piece.get());
    if (type == GEOS_POLYGON || type == GEOS_MULTIPOLYGON)
        return piece;
    std::vector<GEOSGeometry *> polygons;
    for (int i = 0; i < GEOSGetNumGeometries_r(handle, piece.get()); ++i) {
        const GEOSGeometry *part = GEOSGetGeometryN_r(handle, piece.get(), i);
        if (GEOSGeomTypeId_r(handle, part) == GEOS_POLYGON)
            polygons.push_back(GEOSGeom_clone_r(handle, part));
    }
    if (polygons.empty())
        return geos.adopt(nullptr);
    return geos.adopt(GEOSGeom_createCollection_r(
        handle, GEOS_MULTIPOLYGON, polygons.data(), unsigned(polygons.size())));
}

struct Lattice
{
    double originX = 0.0;
    double originY = 0.0;
    double width = 0.0;
    double height = 0.0;
};

} // namespace

FineGridCutter::FineGridCutter(QList<Grid> bases)
    : m_bases(std::move(bases))
{ }

Result<std::vector<FineGridCell>> FineGridCutter::cut(qint64 target)
{
    GeosContext geos;
    double totalArea = 0.0;
    BoundingBox extent;
    for (const Grid &base : m_bases) {
        auto geometry = geos.fromWkb(base.wkb);
        if (!geometry)
            return std::unexpected(geometry.error().at(base.code));
        double area = 0.0;
        GEOSArea_r(geos.handle(), geometry->get(), &area);
        totalArea += area;
        extent.expand(base.bbox);
    }
    if (target <= 0 || totalArea <= 0.0)
        return fail(ErrorCode::InvalidArgument, QStringLiteral("nothing to cut"));

    // Square in metres: a degree of longitude is cos(latitude) degrees of latitude long.
    const double shrink = std::cos((extent.south + extent.north) / 2 * std::numbers::pi / 180);
    double height = std::sqrt(totalArea / double(target) * shrink);
    Result<std::vector<FineGridCell>> cells;
    for (int attempt = 0; attempt < MAX_ATTEMPTS; ++attempt) {
        cells = cutWith(height / shrink, height);
        if (!cells)
            return cells;
        const double share = double(cells->size()) / double(target);
        qCInfo(lcBench) << "lattice" << height << "degrees high gave" << cells->size() << "cells";
        if (std::abs(share - 1.0) <= COUNT_TOLERANCE)
            break;
        height *= std::sqrt(share);
    }
    return cells;
}

Result<std::vector<FineGridCell>> FineGridCutter::cutWith(double width, double height)
{
    GeosContext geos;
    const GEOSContextHandle_t handle = geos.handle();
    BoundingBox extent;
    for (const Grid &base : m_bases)
        extent.expand(base.bbox);
    // One lattice for the whole city, so cells of neighbouring districts line up.
    const Lattice lattice {extent.west, extent.south, width, height};
    m_cellWidth = width;
    m_cellHeight = height;
    m_dropped = 0;

    std::vector<FineGridCell> cells;
    for (const Grid &base : m_bases) {
        auto boundary = geos.fromWkb(base.wkb);
        if (!boundary)
            return std::unexpected(boundary.error().at(base.code));
        const GEOSPreparedGeometry *prepared = GEOSPrepare_r(handle, boundary->get());
        const auto firstColumn = qint64(std::floor((base.bbox.west - lattice.originX) / width));
        const auto lastColumn = qint64(std::floor((base.bbox.east - lattice.originX) / width));
        const auto firstRow = qint64(std::floor((base.bbox.south - lattice.originY) / height));
        const auto lastRow = qint64(std::floor((base.bbox.north - lattice.originY) / height));
        int number = 0;
        for (qint64 row = firstRow; row <= lastRow; ++row) {
            for (qint64 column = firstColumn; column <= lastColumn; ++column) {
                const double x0 = lattice.originX + double(column) * width;
                const double y0 = lattice.originY + double(row) * height;
                GeosContext::GeometryPtr cell = box(geos, x0, y0, x0 + width, y0 + height);
                if (GEOSPreparedContains_r(handle, prepared, cell.get()) != 1) {
                    if (GEOSPreparedIntersects_r(handle, prepared, cell.get()) != 1)
                        continue;
                    cell = polygonalPart(
                        geos, geos.adopt(GEOSIntersection_r(handle, cell.get(), boundary->get())));
                    double area = 0.0;
                    if (!cell || GEOSArea_r(handle, cell.get(), &area) != 1
                        || area < SLIVER_SHARE * width * height) {
                        ++m_dropped;
                        continue;
                    }
                }
                ++number;
                const QString suffix = QStringLiteral("%1").arg(number, 4, 10, QLatin1Char('0'));
                cells.push_back({base.code + u'-' + suffix,
                    boroughName(base.code) + base.code + QStringLiteral("网格") + suffix, base.code,
                    geos.toWkb(cell.get())});
            }
        }
        GEOSPreparedGeom_destroy_r(handle, prepared);
    }
    return cells;
}

} // namespace GridDesk::Bench
