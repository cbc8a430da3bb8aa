// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"
#include "domain/grid.h"
#include "domain/gridlevel.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <array>
#include <optional>

namespace GridDesk {

/// The file formats grids are exported to.
enum class ExportFormat { GeoPackage, Shapefile, GeoJson, Kml };

/// The format a file name asks for by its extension (.gpkg, .shp, .geojson or .json, .kml;
/// any case); empty for other extensions.
std::optional<ExportFormat> exportFormatForPath(const QString &path);

/// A short name for messages: "GeoPackage", "ESRI Shapefile", "GeoJSON", "KML".
QString exportFormatName(ExportFormat format);

/// How one grid level is drawn, as plain values so that this module needs no Qt GUI types.
/// Colours are "R,G,B,A" with each part 0-255; widths are screen pixels.
struct ExportLevelStyle
{
    QString stroke = QStringLiteral("90,90,90,255");
    double strokeWidth = 1.0;
    bool dashed = false;
    QString fill; ///< empty: outline only
    bool labelled = true;
};

/// The look written into a GeoPackage's layer_styles table as the layer's default QGIS style:
/// one category per level, drawn in drawingOrder (first drawn first), and grid names as
/// labels. Callers that draw maps pass their own colours (the workstation's MapStyle); the
/// defaults are plain greys.
struct ExportStyle
{
    std::array<ExportLevelStyle, std::size_t(GridLevel::Count)> levels;
    std::array<GridLevel, std::size_t(GridLevel::Count)> drawingOrder {GridLevel::Base,
        GridLevel::Fine, GridLevel::Business, GridLevel::Community, GridLevel::Street,
        GridLevel::District};
    QString labelColor = QStringLiteral("48,48,48,255");
    QString labelHalo = QStringLiteral("255,255,255,200");
    QString labelFont = QStringLiteral("Sans Serif");
    double labelSize = 11.0; ///< pixels
};

/// How to export grids.
struct GridExportOptions
{
    std::optional<ExportFormat> format; ///< empty: taken from the file's extension
    QString crs; ///< "EPSG:4490", a PROJ string, WKT …; empty for WGS84 (EPSG:4326)
    QString encoding = QStringLiteral("UTF-8"); ///< shapefiles only: "UTF-8" or "GBK"
    bool overwrite = false; ///< replace an existing file instead of refusing
    QString layerName = QStringLiteral("grids");
    ExportStyle style; ///< written to GeoPackages only
};

/// What an export wrote.
struct GridExportSummary
{
    QString path; ///< the file written, absolute
    ExportFormat format = ExportFormat::GeoPackage;
    qint64 count = 0;
    QString
        crs; ///< the name of the CRS written ("WGS 84", "China Geodetic Coordinate System 2000")
    QString crsCode; ///< "EPSG:4490" when the CRS has an EPSG code, else empty
    QString encoding; ///< the text encoding of the attributes
    QStringList files; ///< every file written (a shapefile's .shp, .shx, .dbf, .prj, .cpg)
};

/// Writes grids, with their boundaries converted from WGS84 to the chosen CRS, to one layer of
/// a new GeoPackage, Shapefile, GeoJSON or KML file. Every format gets the same attribute
/// fields, named to fit a shapefile's ten characters: code, name, level, parent, area_m2,
/// supervisor, households, population. A GeoPackage also gets a layer_styles table holding
/// the layer's default QGIS style (and an SLD of it).
///
/// The file is written under a temporary name in the target folder and renamed into place
/// when complete, so a failure leaves no partial output and an existing file untouched. An
/// existing output (for a shapefile: any of its companion files) is refused unless
/// options.overwrite is set. Fails, writing nothing, on an unknown format or CRS, an
/// encoding other than UTF-8 or GBK (for shapefiles; other formats are UTF-8 only), KML in a
/// CRS other than WGS84, a grid without a boundary, a boundary the CRS cannot hold, or text
/// that the encoding cannot represent; the message names the file and the grid's code.
/// Thread-safe; blocks while writing.
Result<GridExportSummary> exportGrids(
    const QList<Grid> &grids, const QString &path, const GridExportOptions &options = {});

} // namespace GridDesk
