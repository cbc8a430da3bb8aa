// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "gridexport.h"

#include "gdalhandles.h"
#include "gridexportstyle.h"

#include "logging.h"
#include "vectorfile.h"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_spatialref.h>
#include <ogr_srs_api.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <iconv.h>
#include <memory>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::GridExport)
};

using namespace Gdal;

/// One attribute field, the same in every format. Names fit a shapefile's ten characters.
struct FieldSpec
{
    const char *name;
    OGRFieldType type;
    int shapefileWidth; ///< in bytes of the chosen encoding for text
    int shapefilePrecision;
};

enum Field { CODE, NAME, LEVEL, PARENT, AREA, SUPERVISOR, HOUSEHOLDS, POPULATION, FIELD_COUNT };

constexpr FieldSpec FIELDS[FIELD_COUNT] = {
    {GridExportStyle::CODE_FIELD, OFTString, 50, 0},
    {GridExportStyle::NAME_FIELD, OFTString, 254, 0},
    {GridExportStyle::LEVEL_FIELD, OFTString, 12, 0},
    {"parent", OFTString, 50, 0},
    {"area_m2", OFTReal, 18, 2},
    {"supervisor", OFTString, 100, 0},
    {"households", OFTInteger64, 12, 0},
    {"population", OFTInteger64, 12, 0},
};

QString lastGdalError()
{
    const QString message = QString::fromUtf8(CPLGetLastErrorMsg());
    return message.isEmpty() ? Tr::tr("no details from GDAL") : message;
}

const char *driverName(ExportFormat format)
{
    switch (format) {
    case ExportFormat::GeoPackage:
        return "GPKG";
    case ExportFormat::Shapefile:
        return "ESRI Shapefile";
    case ExportFormat::GeoJson:
        return "GeoJSON";
    case ExportFormat::Kml:
        return "KML";
    }
    return "";
}

/// Text in the encoding of the output: UTF-8 as it is, GBK through iconv.
class TextEncoder
{
public:
    explicit TextEncoder(const QString &encoding)
        : m_wanted(encoding)
    {
        if (encoding == QLatin1String("GBK"))
            m_converter = iconv_open("GBK", "UTF-8");
    }
    ~TextEncoder()
    {
        if (m_converter != iconv_t(-1))
            iconv_close(m_converter);
    }
    TextEncoder(const TextEncoder &) = delete;
    TextEncoder &operator=(const TextEncoder &) = delete;

    /// False when the system cannot convert to the encoding wanted.
    bool isAvailable() const
    {
        return m_wanted == QLatin1String("UTF-8") || m_converter != iconv_t(-1);
    }

    /// The text's bytes; empty when a character has no form in the encoding.
    std::optional<QByteArray> encode(const QString &text) const
    {
        QByteArray input = text.toUtf8();
        if (m_converter == iconv_t(-1))
            return input;
        iconv(m_converter, nullptr, nullptr, nullptr, nullptr);
        QByteArray output(input.size() * 2 + 4, Qt::Uninitialized);
        char *in = input.data();
        char *out = output.data();
        std::size_t inLeft = std::size_t(input.size());
        std::size_t outLeft = std::size_t(output.size());
        if (iconv(m_converter, &in, &inLeft, &out, &outLeft) == std::size_t(-1) || inLeft > 0)
            return std::nullopt;
        output.truncate(out - output.data());
        return output;
    }

private:
    QString m_wanted;
    iconv_t m_converter = iconv_t(-1);
};

Result<QString> chooseEncoding(ExportFormat format, const QString &requested)
{
    const QString key = requested.trimmed().toUpper().remove(u'-').remove(u'_');
    const QString encoding = key.isEmpty() || key == QLatin1String("UTF8") ? QStringLiteral("UTF-8")
        : key == QLatin1String("GBK") || key == QLatin1String("CP936")     ? QStringLiteral("GBK")
                                                                           : QString();
    if (encoding.isEmpty())
        return fail(ErrorCode::UnknownEncoding,
            Tr::tr("Grids can be exported in UTF-8 or GBK, not \"%1\".").arg(requested));
    if (encoding == QLatin1String("GBK") && format != ExportFormat::Shapefile)
        return fail(ErrorCode::UnknownEncoding,
            Tr::tr("%1 files are always UTF-8; only shapefiles can be written in GBK.")
                .arg(exportFormatName(format)));
    return encoding;
}

struct TargetCrs
{
    SrsPtr srs;
    TransformPtr transform; ///< null when the CRS is WGS84 itself
    QString name;
    QString code;
};

Result<SrsPtr> parseCrs(const QString &definition)
{
    SrsPtr srs(new OGRSpatialReference());
    const QByteArray text = definition.trimmed().toUtf8();
    // A CRS is taken from the text alone: never from a file or URL that the text might name.
    const char *options[] = {"ALLOW_NETWORK_ACCESS=NO", "ALLOW_FILE_ACCESS=NO", nullptr};
    CPLErrorReset();
    if (text.isEmpty() || srs->SetFromUserInput(text.constData(), options) != OGRERR_NONE)
        return fail(ErrorCode::UnknownCrs,
            Tr::tr("The coordinate system \"%1\" is not known; give an EPSG code such as "
                   "EPSG:4490, a PROJ string or WKT.")
                .arg(definition.trimmed().left(120)));
    if (!srs->IsGeographic() && !srs->IsProjected())
        return fail(ErrorCode::UnknownCrs,
            Tr::tr("The coordinate system \"%1\" is neither geographic nor projected; grids "
                   "need one of those.")
                .arg(QString::fromUtf8(srs->GetName())));
    srs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return srs;
}

Result<TargetCrs> targetCrs(const QString &definition, ExportFormat format)
{
    auto srs = parseCrs(definition.trimmed().isEmpty() ? QStringLiteral("EPSG:4326") : definition);
    if (!srs)
        return std::unexpected(srs.error());
    SrsPtr wgs84(new OGRSpatialReference());
    wgs84->importFromEPSG(4326);
    wgs84->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);

    TargetCrs target;
    target.name = QString::fromUtf8((*srs)->GetName());
    const char *authority = (*srs)->GetAuthorityName(nullptr);
    const char *code = (*srs)->GetAuthorityCode(nullptr);
    if (authority && code)
        target.code = QStringLiteral("%1:%2").arg(QLatin1String(authority), QLatin1String(code));
    // WGS84 however it is written: EPSG:4326, a PROJ string, WKT, either axis order.
    const char *const sameAs[] = {"CRITERION=EQUIVALENT_EXCEPT_AXIS_ORDER_GEOGCRS",
        "IGNORE_DATA_AXIS_TO_SRS_AXIS_MAPPING=YES", nullptr};
    const bool isWgs84 = (*srs)->IsSame(wgs84.get(), sameAs);
    if (isWgs84 && target.code.isEmpty()) {
        target.name = QString::fromUtf8(wgs84->GetName());
        target.code = QStringLiteral("EPSG:4326");
    }
    if (format == ExportFormat::Kml && !isWgs84)
        return fail(ErrorCode::UnknownCrs,
            Tr::tr("KML holds WGS84 longitude/latitude only, not %1; export KML without a "
                   "CRS or with EPSG:4326.")
                .arg(target.name));
    if (!isWgs84) {
        target.transform.reset(OCTNewCoordinateTransformation(
            OGRSpatialReference::ToHandle(wgs84.get()), OGRSpatialReference::ToHandle(srs->get())));
        if (!target.transform)
            return fail(ErrorCode::UnknownCrs,
                Tr::tr("No conversion from WGS84 to %1 is known: %2")
                    .arg(target.name, lastGdalError()));
    }
    target.srs = std::move(*srs);
    return target;
}

/// A companion file of a shapefile, its suffix in capitals when the .shp's is ("A.SHP" has an
/// "A.DBF").
QString companionName(const QFileInfo &shapefile, const char *suffix)
{
    const bool upper = shapefile.suffix() == shapefile.suffix().toUpper();
    const QString text = QLatin1String(suffix);
    return shapefile.completeBaseName() + u'.' + (upper ? text.toUpper() : text);
}

/// One file of an export: its name while it is written in the temporary folder, where GDAL
/// sees a plain lowercase extension whatever the target is called, and its final name.
struct OutputFile
{
    QString staged;
    QString final;
};

QString stagedName(ExportFormat format)
{
    switch (format) {
    case ExportFormat::GeoPackage:
        return QStringLiteral("export.gpkg");
    case ExportFormat::Shapefile:
        return QStringLiteral("export.shp");
    case ExportFormat::GeoJson:
        return QStringLiteral("export.geojson");
    case ExportFormat::Kml:
        return QStringLiteral("export.kml");
    }
    return {};
}

/// The files an export makes at path: one, or a shapefile's five (the .shp last, so that a
/// reader never finds a .shp before its companions).
QList<OutputFile> outputFiles(const QFileInfo &target, ExportFormat format)
{
    if (format != ExportFormat::Shapefile)
        return {{stagedName(format), target.fileName()}};
    QList<OutputFile> files;
    for (const char *suffix : {"dbf", "shx", "prj", "cpg"})
        files << OutputFile {
            QStringLiteral("export.") + QLatin1String(suffix), companionName(target, suffix)};
    return files << OutputFile {stagedName(format), target.fileName()};
}

/// Stale files of an older shapefile of the same name that the new one would not replace
/// and that readers would trust: spatial indexes and metadata.
QStringList staleCompanions(const QFileInfo &target, ExportFormat format)
{
    if (format != ExportFormat::Shapefile)
        return {};
    QStringList files;
    for (const char *suffix : {"qix", "sbn", "sbx", "shp.xml", "qmd"})
        files << companionName(target, suffix);
    return files;
}

Result<void> checkTarget(const QFileInfo &target, ExportFormat format, bool overwrite)
{
    if (target.isDir())
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("%1 is a folder; give the file to write.").arg(target.filePath()));
    if (!target.absoluteDir().exists())
        return fail(ErrorCode::FileNotFound,
            Tr::tr("%1 cannot be written: the folder %2 does not exist.")
                .arg(target.fileName(), target.absolutePath()));
    for (const OutputFile &file : outputFiles(target, format)) {
        const QFileInfo existing(target.absoluteDir().filePath(file.final));
        if (existing.isDir())
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("%1 is a folder; an export does not replace folders.")
                    .arg(existing.filePath()));
    }
    if (overwrite)
        return {};
    for (const OutputFile &file : outputFiles(target, format)) {
        if (target.absoluteDir().exists(file.final))
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("%1 already exists; choose another name or allow overwriting "
                       "(--overwrite).")
                    .arg(target.absoluteDir().filePath(file.final)));
    }
    return {};
}

char **layerOptions(ExportFormat format)
{
    char **options = nullptr;
    switch (format) {
    case ExportFormat::GeoPackage:
        options = CSLSetNameValue(options, "GEOMETRY_NAME", "geom");
        options = CSLSetNameValue(options, "FID", "fid");
        options = CSLSetNameValue(options, "SPATIAL_INDEX", "YES");
        break;
    case ExportFormat::Shapefile:
        // Text is written as the bytes we encoded, and the .cpg is ours: GDAL recodes nothing.
        options = CSLSetNameValue(options, "ENCODING", "");
        break;
    case ExportFormat::GeoJson:
        options = CSLSetNameValue(options, "RFC7946", "NO");
        options = CSLSetNameValue(options, "WRITE_NAME", "YES");
        break;
    case ExportFormat::Kml:
        break;
    }
    return options;
}

Result<OGRLayerH> createLayer(GDALDatasetH dataset, const QString &name, ExportFormat format,
    const TargetCrs &crs, const QString &file)
{
    char **options = layerOptions(format);
    CPLErrorReset();
    OGRLayerH layer = GDALDatasetCreateLayer(dataset, name.toUtf8().constData(),
        OGRSpatialReference::ToHandle(crs.srs.get()), wkbMultiPolygon, options);
    CSLDestroy(options);
    if (!layer)
        return fail(ErrorCode::Database,
            Tr::tr("%1: the layer could not be created: %2").arg(file, lastGdalError()));
    for (const FieldSpec &spec : FIELDS) {
        OGRFieldDefnH field = OGR_Fld_Create(spec.name, spec.type);
        if (format == ExportFormat::Shapefile) {
            OGR_Fld_SetWidth(field, spec.shapefileWidth);
            OGR_Fld_SetPrecision(field, spec.shapefilePrecision);
        }
        const OGRErr made = OGR_L_CreateField(layer, field, TRUE);
        OGR_Fld_Destroy(field);
        if (made != OGRERR_NONE)
            return fail(ErrorCode::Database,
                Tr::tr("%1: the field %2 could not be created: %3")
                    .arg(file, QLatin1String(spec.name), lastGdalError()));
    }
    return layer;
}

/// The boundary of a grid as a multipolygon in the target CRS; the caller owns it.
Result<GeometryPtr> gridGeometry(const Grid &grid, const TargetCrs &crs)
{
    if (grid.wkb.isEmpty())
        return fail(ErrorCode::InvalidGeometry, Tr::tr("the grid has no boundary."));
    OGRGeometryH parsed = nullptr;
    if (OGR_G_CreateFromWkbEx(grid.wkb.constData(), nullptr, &parsed, grid.wkb.size())
        != OGRERR_NONE)
        return fail(ErrorCode::InvalidGeometry, Tr::tr("the boundary is not readable WKB."));
    GeometryPtr geometry(OGR_G_ForceToMultiPolygon(parsed));
    if (wkbFlatten(OGR_G_GetGeometryType(geometry.get())) != wkbMultiPolygon)
        return fail(ErrorCode::InvalidGeometry, Tr::tr("the boundary is not a polygon."));
    CPLErrorReset();
    if (crs.transform && OGR_G_Transform(geometry.get(), crs.transform.get()) != OGRERR_NONE)
        return fail(ErrorCode::UnknownCrs,
            Tr::tr("the boundary cannot be converted to %1 (it may lie outside the area the "
                   "coordinate system covers): %2")
                .arg(crs.name, lastGdalError()));
    return geometry;
}

/// Sets the attribute fields of features. Fields are found by name, as a driver may keep
/// them in an order of its own (KML moves the name into the placemark's <name>).
class AttributeWriter
{
public:
    AttributeWriter(OGRFeatureDefnH definition, const TextEncoder &encoder, bool isShapefile)
        : m_encoder(encoder)
        , m_isShapefile(isShapefile)
    {
        for (int field = 0; field < FIELD_COUNT; ++field)
            m_indexes[std::size_t(field)] = OGR_FD_GetFieldIndex(definition, FIELDS[field].name);
    }

    Result<void> fill(OGRFeatureH feature, const Grid &grid) const
    {
        const std::pair<Field, QString> texts[] = {{CODE, grid.code}, {NAME, grid.name},
            {LEVEL, gridLevelKey(grid.level)}, {PARENT, grid.parentCode},
            {SUPERVISOR, grid.supervisor}};
        for (const auto &[field, text] : texts) {
            if (auto set = setText(feature, field, text); !set)
                return set;
        }
        OGR_F_SetFieldDouble(feature, index(AREA), std::round(grid.areaM2 * 100.0) / 100.0);
        // Unknown values are written as nulls, not left out: GeoJSON drops fields that are
        // not set, and a file read back must have every field.
        for (const auto &[field, count] :
            {std::pair {HOUSEHOLDS, grid.households}, std::pair {POPULATION, grid.population}}) {
            if (count)
                OGR_F_SetFieldInteger64(feature, index(field), *count);
            else
                OGR_F_SetFieldNull(feature, index(field));
        }
        return {};
    }

private:
    int index(Field field) const { return m_indexes.at(std::size_t(field)); }

    /// Sets a text field, checking that the encoding holds it and that it fits a shapefile.
    Result<void> setText(OGRFeatureH feature, Field field, const QString &text) const
    {
        if (text.isEmpty()) {
            OGR_F_SetFieldNull(feature, index(field));
            return {};
        }
        const std::optional<QByteArray> bytes = m_encoder.encode(text);
        if (!bytes)
            return fail(ErrorCode::UnknownEncoding,
                Tr::tr("the field %1 holds \"%2\", with characters that GBK cannot hold; export "
                       "in UTF-8.")
                    .arg(QLatin1String(FIELDS[field].name), text));
        if (m_isShapefile && bytes->size() > FIELDS[field].shapefileWidth)
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("the field %1 is %2 bytes long; a shapefile field holds %3 bytes.")
                    .arg(QLatin1String(FIELDS[field].name))
                    .arg(bytes->size())
                    .arg(FIELDS[field].shapefileWidth));
        OGR_F_SetFieldString(feature, index(field), bytes->constData());
        return {};
    }

    std::array<int, FIELD_COUNT> m_indexes {};
    const TextEncoder &m_encoder;
    bool m_isShapefile = false;
};

Result<void> writeGrids(OGRLayerH layer, const QList<Grid> &grids, const TargetCrs &crs,
    const TextEncoder &encoder, ExportFormat format, const QString &file)
{
    OGRFeatureDefnH definition = OGR_L_GetLayerDefn(layer);
    const AttributeWriter attributes(definition, encoder, format == ExportFormat::Shapefile);
    for (const Grid &grid : grids) {
        const QString where = Tr::tr("%1, grid %2").arg(file, grid.code);
        FeaturePtr feature(OGR_F_Create(definition));
        if (auto filled = attributes.fill(feature.get(), grid); !filled)
            return std::unexpected(filled.error().at(where));
        auto geometry = gridGeometry(grid, crs);
        if (!geometry)
            return std::unexpected(geometry.error().at(where));
        OGR_F_SetGeometryDirectly(feature.get(), geometry->release());
        CPLErrorReset();
        if (OGR_L_CreateFeature(layer, feature.get()) != OGRERR_NONE)
            return fail(ErrorCode::Database,
                Tr::tr("%1: could not be written: %2").arg(where, lastGdalError()));
    }
    return {};
}

Result<void> writeCpg(const QString &shapefile, const QString &encoding)
{
    const QFileInfo info(shapefile);
    QFile cpg(info.absoluteDir().filePath(companionName(info, "cpg")));
    const bool written = cpg.open(QIODevice::WriteOnly | QIODevice::Truncate)
        && cpg.write(encoding.toLatin1()) == encoding.size() && cpg.flush();
    if (!written)
        return fail(ErrorCode::UnreadableFile,
            Tr::tr("%1 could not be written: %2").arg(cpg.fileName(), cpg.errorString()));
    return {};
}

/// Moves the finished files from the temporary folder into place. Files of the same names
/// already there (an export being replaced) are first moved aside into the temporary folder;
/// when a move fails, the new files already placed are removed and the old ones put back, so
/// either the whole new set or the whole old one is left.
Result<void> moveIntoPlace(const QDir &from, const QDir &to, const QList<OutputFile> &files)
{
    const auto rename = [](const QString &source, const QString &target) {
        std::error_code error;
        std::filesystem::rename(QFile::encodeName(source).toStdString(),
            QFile::encodeName(target).toStdString(), error);
        return error;
    };
    QStringList setAside;
    QStringList placed;
    const auto undo = [&] {
        for (const QString &done : std::as_const(placed))
            QFile::remove(to.filePath(done));
        for (const QString &old : std::as_const(setAside))
            rename(from.filePath(QStringLiteral("old.") + old), to.filePath(old));
    };
    for (const OutputFile &file : files) {
        if (!QFileInfo::exists(to.filePath(file.final)))
            continue;
        if (const auto error = rename(
                to.filePath(file.final), from.filePath(QStringLiteral("old.") + file.final))) {
            undo();
            return fail(ErrorCode::UnreadableFile,
                Tr::tr("%1 could not be replaced: %2")
                    .arg(to.filePath(file.final), QString::fromStdString(error.message())));
        }
        setAside << file.final;
    }
    for (const OutputFile &file : files) {
        if (const auto error = rename(from.filePath(file.staged), to.filePath(file.final))) {
            undo();
            return fail(ErrorCode::UnreadableFile,
                Tr::tr("%1 could not be put in place: %2")
                    .arg(to.filePath(file.final), QString::fromStdString(error.message())));
        }
        placed << file.final;
    }
    return {};
}

/// The layer_styles table with the columns and types QGIS gives it.
Result<OGRLayerH> createStyleTable(GDALDatasetH dataset, const QString &file)
{
    char **options = CSLSetNameValue(nullptr, "FID", "id");
    CPLErrorReset();
    OGRLayerH table = GDALDatasetCreateLayer(dataset, "layer_styles", nullptr, wkbNone, options);
    CSLDestroy(options);
    if (!table)
        return fail(ErrorCode::Database,
            Tr::tr("%1: the layer_styles table could not be created: %2")
                .arg(file, lastGdalError()));
    struct Column
    {
        const char *name;
        OGRFieldType type;
        int width;
    };
    const Column columns[] = {{"f_table_catalog", OFTString, 256},
        {"f_table_schema", OFTString, 256}, {"f_table_name", OFTString, 256},
        {"f_geometry_column", OFTString, 256}, {"styleName", OFTString, 30},
        {"styleQML", OFTString, 0}, {"styleSLD", OFTString, 0}, {"useAsDefault", OFTInteger, 0},
        {"description", OFTString, 0}, {"owner", OFTString, 30}, {"ui", OFTString, 30},
        {"update_time", OFTDateTime, 0}};
    for (const Column &column : columns) {
        OGRFieldDefnH field = OGR_Fld_Create(column.name, column.type);
        OGR_Fld_SetWidth(field, column.width);
        if (column.type == OFTInteger)
            OGR_Fld_SetSubType(field, OFSTBoolean);
        if (column.type == OFTDateTime)
            OGR_Fld_SetDefault(field, "CURRENT_TIMESTAMP");
        const OGRErr made = OGR_L_CreateField(table, field, TRUE);
        OGR_Fld_Destroy(field);
        if (made != OGRERR_NONE)
            return fail(ErrorCode::Database,
                Tr::tr("%1: the layer_styles column %2 could not be created: %3")
                    .arg(file, QLatin1String(column.name), lastGdalError()));
    }
    return table;
}

/// Stores the style as the grids layer's default style, where QGIS looks for it on opening.
Result<void> writeLayerStyle(
    GDALDatasetH dataset, const GridExportOptions &options, const QString &file)
{
    auto table = createStyleTable(dataset, file);
    if (!table)
        return std::unexpected(table.error());
    FeaturePtr row(OGR_F_Create(OGR_L_GetLayerDefn(*table)));
    const QString texts[][2] = {{QStringLiteral("f_table_catalog"), QString()},
        {QStringLiteral("f_table_schema"), QString()},
        {QStringLiteral("f_table_name"), options.layerName},
        {QStringLiteral("f_geometry_column"), QStringLiteral("geom")},
        {QStringLiteral("styleName"), options.layerName.left(30)},
        {QStringLiteral("styleQML"), GridExportStyle::qml(options.style)},
        {QStringLiteral("styleSLD"), GridExportStyle::sld(options.style, options.layerName)},
        {QStringLiteral("description"), QStringLiteral("GridDesk: grids by level, named")},
        {QStringLiteral("owner"), QString()}, {QStringLiteral("ui"), QString()}};
    for (const auto &[column, value] : texts)
        OGR_F_SetFieldString(row.get(), OGR_F_GetFieldIndex(row.get(), column.toUtf8().constData()),
            value.toUtf8().constData());
    OGR_F_SetFieldInteger(row.get(), OGR_F_GetFieldIndex(row.get(), "useAsDefault"), 1);
    CPLErrorReset();
    if (OGR_L_CreateFeature(*table, row.get()) != OGRERR_NONE)
        return fail(ErrorCode::Database,
            Tr::tr("%1: the layer style could not be written: %2").arg(file, lastGdalError()));
    return {};
}

struct Plan
{
    ExportFormat format;
    QString encoding;
    TargetCrs crs;
};

Result<Plan> plan(const QFileInfo &target, const GridExportOptions &options)
{
    const std::optional<ExportFormat> format =
        options.format ? options.format : exportFormatForPath(target.fileName());
    if (!format)
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("%1: the format cannot be told from the extension; use .gpkg, .shp, "
                   ".geojson, .json or .kml.")
                .arg(target.fileName()));
    auto encoding = chooseEncoding(*format, options.encoding);
    if (!encoding)
        return std::unexpected(encoding.error());
    auto crs = targetCrs(options.crs, *format);
    if (!crs)
        return std::unexpected(crs.error());
    if (auto checked = checkTarget(target, *format, options.overwrite); !checked)
        return std::unexpected(checked.error());
    return Plan {*format, *encoding, std::move(*crs)};
}

/// Writes the whole export into path, a file in a fresh temporary folder; messages name the
/// target it is meant for.
Result<void> writeFile(const QString &path, const QFileInfo &target, const QList<Grid> &grids,
    const Plan &plan, const GridExportOptions &options)
{
    const QString file = target.fileName();
    GDALDriverH driver = GDALGetDriverByName(driverName(plan.format));
    if (!driver)
        return fail(ErrorCode::UnreadableFile,
            Tr::tr("GDAL has no %1 driver on this system.").arg(exportFormatName(plan.format)));
    CPLErrorReset();
    DatasetPtr dataset(
        GDALCreate(driver, QFile::encodeName(path).constData(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!dataset)
        return fail(ErrorCode::UnreadableFile,
            Tr::tr("%1 could not be created: %2").arg(file, lastGdalError()));

    auto layer = createLayer(dataset.get(), options.layerName, plan.format, plan.crs, file);
    if (!layer)
        return std::unexpected(layer.error());
    const TextEncoder encoder(plan.encoding);
    if (!encoder.isAvailable())
        return fail(ErrorCode::UnknownEncoding,
            Tr::tr("The encoding %1 is not available on this system.").arg(plan.encoding));
    // One transaction for the whole file: a GeoPackage otherwise commits every row on its own.
    // Drivers without transactions (Shapefile, GeoJSON, KML) just refuse this, harmlessly.
    const bool inTransaction = GDALDatasetStartTransaction(dataset.get(), FALSE) == OGRERR_NONE;
    if (auto written = writeGrids(*layer, grids, plan.crs, encoder, plan.format, file); !written)
        return written;
    if (plan.format == ExportFormat::GeoPackage) {
        if (auto styled = writeLayerStyle(dataset.get(), options, file); !styled)
            return styled;
    }
    if (inTransaction && GDALDatasetCommitTransaction(dataset.get()) != OGRERR_NONE)
        return fail(ErrorCode::Database,
            Tr::tr("%1 could not be completed: %2").arg(file, lastGdalError()));

    CPLErrorReset();
    // Closing writes what GDAL still buffers; GDAL 3.6 reports failures only as the last error.
    GDALClose(dataset.release());
    if (CPLGetLastErrorType() >= CE_Failure)
        return fail(ErrorCode::UnreadableFile,
            Tr::tr("%1 could not be completed: %2").arg(file, lastGdalError()));
    if (plan.format == ExportFormat::Shapefile)
        return writeCpg(path, plan.encoding);
    return {};
}

} // namespace

std::optional<ExportFormat> exportFormatForPath(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("gpkg"))
        return ExportFormat::GeoPackage;
    if (suffix == QLatin1String("shp"))
        return ExportFormat::Shapefile;
    if (suffix == QLatin1String("geojson") || suffix == QLatin1String("json"))
        return ExportFormat::GeoJson;
    if (suffix == QLatin1String("kml"))
        return ExportFormat::Kml;
    return std::nullopt;
}

QString exportFormatName(ExportFormat format)
{
    switch (format) {
    case ExportFormat::GeoPackage:
        return QStringLiteral("GeoPackage");
    case ExportFormat::Shapefile:
        return QStringLiteral("ESRI Shapefile");
    case ExportFormat::GeoJson:
        return QStringLiteral("GeoJSON");
    case ExportFormat::Kml:
        return QStringLiteral("KML");
    }
    return {};
}

Result<GridExportSummary> exportGrids(
    const QList<Grid> &grids, const QString &path, const GridExportOptions &options)
{
    ensureGdalRegistered();
    const QFileInfo target(path);
    auto planned = plan(target, options);
    if (!planned)
        return std::unexpected(planned.error());

    // The temporary folder sits beside the target so that the final rename stays on one file
    // system and is atomic; it is removed with whatever it still holds.
    QTemporaryDir work(target.absoluteDir().filePath(QStringLiteral(".griddesk-export-XXXXXX")));
    if (!work.isValid())
        return fail(ErrorCode::UnreadableFile,
            Tr::tr("%1 cannot be written: %2").arg(target.absoluteFilePath(), work.errorString()));
    const QString staging = QDir(work.path()).filePath(stagedName(planned->format));
    if (auto written = writeFile(staging, target, grids, *planned, options); !written)
        return std::unexpected(written.error());

    const QList<OutputFile> files = outputFiles(target, planned->format);
    if (options.overwrite) {
        for (const QString &stale : staleCompanions(target, planned->format))
            QFile::remove(target.absoluteDir().filePath(stale));
    }
    if (auto moved = moveIntoPlace(QDir(work.path()), target.absoluteDir(), files); !moved)
        return std::unexpected(moved.error());

    GridExportSummary summary {target.absoluteFilePath(), planned->format, grids.size(),
        planned->crs.name, planned->crs.code, planned->encoding, {}};
    for (const OutputFile &file : files)
        summary.files << target.absoluteDir().filePath(file.final);
    qCInfo(lcGis) << "exported" << summary.count << "grids to" << summary.path << "as"
                  << exportFormatName(summary.format) << "crs" << summary.crs << "encoding"
                  << summary.encoding;
    return summary;
}

} // namespace GridDesk
