// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <optional>

namespace GridDesk {

/// How to read a vector file.
struct VectorReadOptions
{
    QString layer; ///< empty for the first layer
    std::optional<QString> encoding; ///< overrides a declared or detected text encoding
    std::optional<QString> sourceCrs; ///< for files without a CRS, or to override it; "gcj02"
    bool requireGeometry = true; ///< fail when a feature has no geometry
    bool rejectImplausible = true; ///< fail on coordinates outside lon/lat after conversion;
                                   ///< when off, such geometries are dropped and counted
};

/// One feature: attribute values decoded to text or numbers, geometry as 2D WKB in WGS84.
struct VectorFeature
{
    qint64 number = 0; ///< 1-based position in the file, for messages
    QList<QVariant> values; ///< one per field, in the order of VectorData::fields; null if unset
    QByteArray wkb; ///< empty when the feature had no geometry
};

/// Everything read from one layer of a vector file.
struct VectorData
{
    QString path;
    QString layer;
    QString driver; ///< GDAL driver short name ("ESRI Shapefile", "GeoJSON", "CSV" …)
    QStringList fields; ///< attribute names in file order
    QString encoding; ///< the text encoding used
    QString crs; ///< the CRS the coordinates were converted from
    QStringList notes; ///< what a person should know: a detected encoding, an assumed CRS …
    qint64 implausible = 0; ///< geometries dropped for impossible coordinates
    QList<VectorFeature> features;

    /// The value of the named field of a feature; invalid when there is no such field. Loops
    /// over many features look the field's index up once in fields instead.
    QVariant value(const VectorFeature &feature, const QString &field) const
    {
        return feature.values.value(fields.indexOf(field));
    }
};

/// Reads a Shapefile, GeoJSON, GeoPackage or CSV (with X/Y, lon/lat or WKT columns) layer with
/// GDAL/OGR. Text attributes are decoded by the .cpg file, the option or detection (UTF-8,
/// GBK, Big5); coordinates are converted to WGS84 with PROJ (or from GCJ-02). A missing
/// companion file, a missing CRS, an unreadable feature or coordinates that are not plausible
/// fail with a message naming the file and the feature. Thread-safe.
Result<VectorData> readVectorFile(const QString &path, const VectorReadOptions &options = {});

/// Registers GDAL's drivers once per process; safe from any thread.
void ensureGdalRegistered();

} // namespace GridDesk
