// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "gis/geoscontext.h"
#include "gis/vectorfile.h"
#include "gis/wkb.h"
#include "topology/gridedits.h"

#include "support/testsupport.h"

#include <QList>
#include <QString>

#include <vector>

// Grids for the topology tests: the real Taipei fixtures and small shapes written as WKT.
namespace GridDesk::TopologyTest {

inline QByteArray wkbOf(const char *wkt)
{
    GeosContext geos;
    GEOSWKTReader *reader = GEOSWKTReader_create_r(geos.handle());
    auto geometry = geos.adopt(GEOSWKTReader_read_r(geos.handle(), reader, wkt));
    GEOSWKTReader_destroy_r(geos.handle(), reader);
    return geometry ? geos.toWkb(geometry.get()) : QByteArray();
}

inline Grid gridOf(const QString &code, GridLevel level, const char *wkt,
    const QString &parentCode = {}, const QString &supervisor = QStringLiteral("Lin"))
{
    Grid grid;
    grid.code = code;
    grid.name = code;
    grid.level = level;
    grid.parentCode = parentCode;
    grid.supervisor = supervisor;
    grid.wkb = wkbOf(wkt);
    // Broken shapes (too few points) keep their bytes for the checks to find.
    if (!GridEdits::refreshMeasures(grid))
        grid.bbox = Wkb::envelope(grid.wkb).value_or(BoundingBox {});
    return grid;
}

/// The 43 villages of Wenshan as base grids under the district 6300800, each with a supervisor.
inline QList<Grid> wenshanVillages()
{
    auto villages =
        readVectorFile(Test::dataPath(QStringLiteral("taipei/wenshan_villages.geojson")));
    QList<Grid> grids;
    if (!villages)
        return grids;
    for (const VectorFeature &feature : villages->features) {
        Grid grid;
        grid.code = villages->value(feature, QStringLiteral("CPTVID")).toString();
        grid.name = villages->value(feature, QStringLiteral("VNAME")).toString();
        grid.parentCode = villages->value(feature, QStringLiteral("CPTID")).toString();
        grid.level = GridLevel::Base;
        grid.supervisor = QStringLiteral("Lin");
        grid.wkb = feature.wkb;
        if (GridEdits::refreshMeasures(grid))
            grids << grid;
    }
    return grids;
}

/// The twelve districts of Taipei as district grids.
inline QList<Grid> taipeiDistricts()
{
    auto districts =
        readVectorFile(Test::dataPath(QStringLiteral("taipei/taipei_districts.geojson")));
    QList<Grid> grids;
    if (!districts)
        return grids;
    for (const VectorFeature &feature : districts->features) {
        Grid grid;
        grid.code = districts->value(feature, QStringLiteral("CPTID")).toString();
        grid.name = districts->value(feature, QStringLiteral("TNAME")).toString();
        grid.level = GridLevel::District;
        grid.wkb = feature.wkb;
        if (GridEdits::refreshMeasures(grid))
            grids << grid;
    }
    return grids;
}

inline const Grid *findGrid(const QList<Grid> &grids, const QString &code)
{
    for (const Grid &grid : grids) {
        if (grid.code == code)
            return &grid;
    }
    return nullptr;
}

/// grids with the changed ones put in place of those with the same code.
inline QList<Grid> replaced(QList<Grid> grids, const QList<Grid> &changed)
{
    for (const Grid &grid : changed) {
        for (Grid &old : grids) {
            if (old.code == grid.code)
                old = grid;
        }
    }
    return grids;
}

/// Planar measures of the union and of the pairwise overlaps of grids, in square degrees.
struct Cover
{
    double unionArea = 0.0;
    double partsArea = 0.0;
    double overlapArea() const { return partsArea - unionArea; }
};

inline Cover coverOf(const QList<Grid> &grids)
{
    GeosContext geos;
    std::vector<GEOSGeometry *> shapes;
    Cover cover;
    for (const Grid &grid : grids) {
        auto shape = geos.fromWkb(grid.wkb);
        if (!shape)
            continue;
        double area = 0.0;
        GEOSArea_r(geos.handle(), shape->get(), &area);
        cover.partsArea += area;
        shapes.push_back(shape->release());
    }
    auto all = geos.adopt(GEOSGeom_createCollection_r(
        geos.handle(), GEOS_GEOMETRYCOLLECTION, shapes.data(), unsigned(shapes.size())));
    auto merged = geos.adopt(GEOSUnaryUnion_r(geos.handle(), all.get()));
    GEOSArea_r(geos.handle(), merged.get(), &cover.unionArea);
    return cover;
}

/// Area of the symmetric difference of two geometries, in square degrees.
inline double differenceArea(const QByteArray &a, const QByteArray &b)
{
    GeosContext geos;
    auto first = geos.fromWkb(a);
    auto second = geos.fromWkb(b);
    if (!first || !second)
        return -1.0;
    auto difference = geos.adopt(GEOSSymDifference_r(geos.handle(), first->get(), second->get()));
    double area = 0.0;
    GEOSArea_r(geos.handle(), difference.get(), &area);
    return area;
}

/// The union of grids as WKB.
inline QByteArray unionOf(const QList<Grid> &grids)
{
    GeosContext geos;
    std::vector<GEOSGeometry *> shapes;
    for (const Grid &grid : grids) {
        if (auto shape = geos.fromWkb(grid.wkb))
            shapes.push_back(shape->release());
    }
    auto all = geos.adopt(GEOSGeom_createCollection_r(
        geos.handle(), GEOS_GEOMETRYCOLLECTION, shapes.data(), unsigned(shapes.size())));
    auto merged = geos.adopt(GEOSUnaryUnion_r(geos.handle(), all.get()));
    return geos.toWkb(merged.get());
}

} // namespace GridDesk::TopologyTest
