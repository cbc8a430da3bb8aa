// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

// Owners of GDAL/OGR C handles, so that every return path releases them. Private to the gis
// module: GDAL is linked privately.

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_spatialref.h>
#include <ogr_srs_api.h>

#include <memory>

namespace GridDesk::Gdal {

struct DatasetCloser
{
    void operator()(void *dataset) const { GDALClose(dataset); }
};
using DatasetPtr = std::unique_ptr<void, DatasetCloser>;

struct FeatureDeleter
{
    void operator()(void *feature) const { OGR_F_Destroy(feature); }
};
using FeaturePtr = std::unique_ptr<void, FeatureDeleter>;

struct GeometryDeleter
{
    void operator()(void *geometry) const { OGR_G_DestroyGeometry(geometry); }
};
using GeometryPtr = std::unique_ptr<void, GeometryDeleter>;

struct SrsReleaser
{
    void operator()(OGRSpatialReference *srs) const { srs->Release(); }
};
using SrsPtr = std::unique_ptr<OGRSpatialReference, SrsReleaser>;

struct TransformDeleter
{
    void operator()(void *transform) const { OCTDestroyCoordinateTransformation(transform); }
};
using TransformPtr = std::unique_ptr<void, TransformDeleter>;

} // namespace GridDesk::Gdal
