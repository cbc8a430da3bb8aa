// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "vectorreader.h"

#include "coordinatetransformer.h"
#include "gdalhandles.h"
#include "textencoding.h"
#include "wkb.h"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cmath>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::VectorFile)
};

using Gdal::DatasetPtr;
using Gdal::FeaturePtr;

/// A sibling file with another suffix, matched case-insensitively as shapefiles come from
/// Windows with any capitalisation.
std::optional<QString> companion(const QFileInfo &file, const QString &suffix)
{
    const QDir dir = file.absoluteDir();
    const QString wanted = file.completeBaseName() + u'.' + suffix;
    const QStringList entries = dir.entryList(QDir::Files);
    for (const QString &entry : entries) {
        if (entry.compare(wanted, Qt::CaseInsensitive) == 0)
            return dir.filePath(entry);
    }
    return std::nullopt;
}

Result<void> checkShapefileCompanions(const QFileInfo &file)
{
    for (const QString &suffix : {QStringLiteral("shx"), QStringLiteral("dbf")}) {
        if (!companion(file, suffix))
            return fail(ErrorCode::MissingCompanionFile,
                Tr::tr("%1: the companion file %2.%3 is missing; a shapefile needs its "
                       ".shp, .shx and .dbf side by side.")
                    .arg(file.fileName(), file.completeBaseName(), suffix));
    }
    return {};
}

std::optional<QString> declaredShapefileEncoding(const QFileInfo &file, QStringList &notes)
{
    const std::optional<QString> cpg = companion(file, QStringLiteral("cpg"));
    if (!cpg)
        return std::nullopt;
    QFile cpgFile(*cpg);
    if (!cpgFile.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QString declared = QString::fromLatin1(cpgFile.readAll()).trimmed();
    const std::optional<QString> name = TextEncoding::canonicalName(declared);
    if (!name)
        notes << Tr::tr("The .cpg file names an encoding GridDesk does not know (\"%1\"); the "
                        "encoding was detected instead.")
                     .arg(declared);
    return name;
}

QString lastGdalError()
{
    const QString message = QString::fromUtf8(CPLGetLastErrorMsg());
    return message.isEmpty() ? Tr::tr("no details from GDAL") : message;
}

Result<QString> layerCrs(OGRLayerH layer, const VectorReadOptions &options, const QFileInfo &file,
    const QString &driver, QStringList &notes)
{
    if (options.sourceCrs)
        return *options.sourceCrs;

    OGRSpatialReferenceH srs = OGR_L_GetSpatialRef(layer);
    if (srs) {
        char *wkt = nullptr;
        const char *wktOptions[] = {"FORMAT=WKT2_2019", nullptr};
        OSRExportToWktEx(srs, &wkt, wktOptions);
        QString text = QString::fromUtf8(wkt);
        CPLFree(wkt);
        return text;
    }
    const bool isShapefile = driver == QLatin1String("ESRI Shapefile");
    if (isShapefile && companion(file, QStringLiteral("prj")))
        return fail(ErrorCode::UnknownCrs,
            Tr::tr("The .prj file of %1 does not describe a coordinate system GDAL can read. "
                   "Give the coordinate system with --source-crs.")
                .arg(file.fileName()));
    if (isShapefile)
        return fail(ErrorCode::MissingCrs,
            Tr::tr("%1 has no .prj file, so its coordinate system is unknown. Give it "
                   "with --source-crs (for example EPSG:4326, EPSG:4490 or gcj02).")
                .arg(file.fileName()));
    notes << Tr::tr("%1 declares no coordinate system; WGS84 longitude/latitude was assumed.")
                 .arg(file.fileName());
    return QString();
}

Result<void> checkPlausible(
    const QByteArray &wkb, const VectorData &data, qint64 number, bool transformed)
{
    auto box = Wkb::envelope(wkb);
    if (!box)
        return std::unexpected(box.error().at(Tr::tr("%1, feature %2").arg(data.path).arg(number)));
    if (box->isEmpty())
        return {};
    const bool plausible =
        box->west >= -180.0 && box->east <= 180.0 && box->south >= -90.0 && box->north <= 90.0;
    if (plausible)
        return {};
    const QString hint = transformed ? Tr::tr("check the coordinate system given for the file")
                                     : Tr::tr("the coordinates look projected; give the file's "
                                              "coordinate system with --source-crs");
    return fail(ErrorCode::UnknownCrs,
        Tr::tr("%1, feature %2: coordinates %3, %4 are not longitude/latitude after "
               "conversion (%5).")
            .arg(QFileInfo(data.path).fileName())
            .arg(number)
            .arg(box->west, 0, 'f', 3)
            .arg(box->south, 0, 'f', 3)
            .arg(hint));
}

Result<QByteArray> featureGeometry(OGRFeatureH feature, const CoordinateTransformer &transformer)
{
    OGRGeometryH geometry = OGR_F_GetGeometryRef(feature);
    if (!geometry || OGR_G_IsEmpty(geometry))
        return QByteArray();
    OGR_G_FlattenTo2D(geometry);
    QByteArray wkb(OGR_G_WkbSize(geometry), Qt::Uninitialized);
    if (OGR_G_ExportToIsoWkb(geometry, wkbNDR, reinterpret_cast<unsigned char *>(wkb.data()))
        != OGRERR_NONE)
        return fail(ErrorCode::InvalidGeometry, lastGdalError());
    if (transformer.isIdentity())
        return wkb;
    auto moved = Wkb::transformInPlace(
        wkb, [&transformer](std::span<double> xy) { return transformer.transform(xy); });
    if (!moved)
        return std::unexpected(moved.error());
    return wkb;
}

QList<QVariant> featureValues(OGRFeatureH feature, OGRFeatureDefnH definition)
{
    const int fieldCount = OGR_FD_GetFieldCount(definition);
    QList<QVariant> values;
    values.reserve(fieldCount);
    for (int i = 0; i < fieldCount; ++i) {
        if (!OGR_F_IsFieldSetAndNotNull(feature, i)) {
            values << QVariant();
            continue;
        }
        switch (OGR_Fld_GetType(OGR_FD_GetFieldDefn(definition, i))) {
        case OFTInteger:
            values << QVariant(OGR_F_GetFieldAsInteger(feature, i));
            break;
        case OFTInteger64:
            values << QVariant(qint64(OGR_F_GetFieldAsInteger64(feature, i)));
            break;
        case OFTReal:
            values << QVariant(OGR_F_GetFieldAsDouble(feature, i));
            break;
        default:
            values << QVariant(QByteArray(OGR_F_GetFieldAsString(feature, i)));
            break;
        }
    }
    return values;
}

/// The encoding to read text with: the one given, else the one declared, else the one the
/// samples show.
Result<QString> chooseEncoding(const VectorReadOptions &options,
    const std::optional<QString> &declared, const QFileInfo &file, const QString &driver,
    const QList<QByteArray> &samples, QStringList &notes)
{
    if (options.encoding) {
        const std::optional<QString> name = TextEncoding::canonicalName(*options.encoding);
        if (!name)
            return fail(ErrorCode::UnknownEncoding,
                Tr::tr("The encoding \"%1\" is not supported; use UTF-8, GBK, Big5, "
                       "ISO-8859-1 or windows-1252.")
                    .arg(*options.encoding));
        return *name;
    }
    if (declared)
        return *declared;

    const std::optional<QString> detected = TextEncoding::detect(samples);
    if (!detected)
        return fail(ErrorCode::UnknownEncoding,
            Tr::tr("%1: the text encoding of the attributes could not be recognised as "
                   "UTF-8, GBK or Big5; give it with --encoding.")
                .arg(file.fileName()));
    const bool declaredUtf8 =
        driver != QLatin1String("ESRI Shapefile") && driver != QLatin1String("CSV");
    if (*detected != QLatin1String("UTF-8") || !declaredUtf8)
        notes << Tr::tr("%1 declares no text encoding; %2 was detected.")
                     .arg(file.fileName(), *detected);
    return *detected;
}

/// The raw text of the first features, for telling their encoding.
QList<QByteArray> sampleText(OGRLayerH layer, OGRFeatureDefnH definition)
{
    QList<QByteArray> samples;
    // Only the attributes are wanted here; geometries are read once, later.
    const char *ignored[] = {"OGR_GEOMETRY", nullptr};
    OGR_L_SetIgnoredFields(layer, ignored);
    OGR_L_ResetReading(layer);
    for (int read = 0; read < VectorReader::ENCODING_SAMPLE; ++read) {
        FeaturePtr feature(OGR_L_GetNextFeature(layer));
        if (!feature)
            break;
        for (const QVariant &value : featureValues(feature.get(), definition)) {
            if (value.typeId() == QMetaType::QByteArray && !value.toByteArray().isEmpty())
                samples << value.toByteArray();
        }
    }
    OGR_L_SetIgnoredFields(layer, nullptr);
    OGR_L_ResetReading(layer);
    CPLErrorReset();
    return samples;
}

OGRLayerH findLayer(GDALDatasetH dataset, const QString &name)
{
    if (name.isEmpty())
        return GDALDatasetGetLayerCount(dataset) > 0 ? GDALDatasetGetLayer(dataset, 0) : nullptr;
    return GDALDatasetGetLayerByName(dataset, name.toUtf8().constData());
}

QStringList layerNames(GDALDatasetH dataset)
{
    QStringList names;
    for (int i = 0; i < GDALDatasetGetLayerCount(dataset); ++i)
        names << QString::fromUtf8(OGR_L_GetName(GDALDatasetGetLayer(dataset, i)));
    return names;
}

Result<DatasetPtr> openDataset(const QFileInfo &file)
{
    const QByteArray path = QFile::encodeName(file.absoluteFilePath());
    const bool isShapefile = file.suffix().compare(QLatin1String("shp"), Qt::CaseInsensitive) == 0;
    const bool isCsv = file.suffix().compare(QLatin1String("csv"), Qt::CaseInsensitive) == 0;

    // Text comes out as raw bytes, decoded by us with the declared, given or detected encoding.
    const char *shapefileOptions[] = {"ENCODING=", nullptr};
    const char *csvOptions[] = {"X_POSSIBLE_NAMES=x,lon,lng,long,longitude,经度,經度",
        "Y_POSSIBLE_NAMES=y,lat,latitude,纬度,緯度",
        "GEOM_POSSIBLE_NAMES=wkt,geometry,geom,the_geom", "KEEP_GEOM_COLUMNS=NO",
        "EMPTY_STRING_AS_NULL=YES", nullptr};
    const char *const *openOptions = isShapefile ? shapefileOptions : isCsv ? csvOptions : nullptr;
    // A spreadsheet's first row names its columns, even when every cell below is text too.
    const bool isSpreadsheet =
        file.suffix().compare(QLatin1String("xlsx"), Qt::CaseInsensitive) == 0
        || file.suffix().compare(QLatin1String("ods"), Qt::CaseInsensitive) == 0;
    if (isSpreadsheet) {
        CPLSetThreadLocalConfigOption("OGR_XLSX_HEADERS", "FORCE");
        CPLSetThreadLocalConfigOption("OGR_ODS_HEADERS", "FORCE");
    }
    CPLErrorReset();
    GDALDatasetH dataset = GDALOpenEx(
        path.constData(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, openOptions, nullptr);
    if (isSpreadsheet) {
        // The spreadsheet drivers read a sheet when it is first asked for, with the option set.
        for (int i = 0; dataset && i < GDALDatasetGetLayerCount(dataset); ++i)
            OGR_L_GetLayerDefn(GDALDatasetGetLayer(dataset, i));
        CPLSetThreadLocalConfigOption("OGR_XLSX_HEADERS", nullptr);
        CPLSetThreadLocalConfigOption("OGR_ODS_HEADERS", nullptr);
    }
    if (!dataset)
        return fail(ErrorCode::UnreadableFile,
            Tr::tr("%1 could not be opened as a vector file: %2")
                .arg(file.fileName(), lastGdalError()));
    return DatasetPtr(dataset);
}

} // namespace

struct VectorReader::Private
{
    DatasetPtr dataset;
    OGRLayerH layer = nullptr;
    OGRFeatureDefnH definition = nullptr;
    std::optional<CoordinateTransformer> transformer;
    VectorReadOptions options;
    VectorData header;
    QString fileName;
    qint64 number = 0;
    qint64 implausible = 0;

    Result<QList<QVariant>> decode(QList<QVariant> values) const;
};

Result<QList<QVariant>> VectorReader::Private::decode(QList<QVariant> values) const
{
    for (int i = 0; i < values.size(); ++i) {
        QVariant &value = values[i];
        if (value.typeId() != QMetaType::QByteArray)
            continue;
        auto text = TextEncoding::decode(value.toByteArray(), header.encoding);
        if (!text)
            return std::unexpected(text.error().at(Tr::tr("%1, feature %2, field %3")
                                                       .arg(fileName)
                                                       .arg(number)
                                                       .arg(header.fields.at(i))));
        value = *text;
    }
    return values;
}

VectorReader::VectorReader(std::unique_ptr<Private> d)
    : d(std::move(d))
{ }

VectorReader::~VectorReader() = default;

const VectorData &VectorReader::header() const
{
    return d->header;
}

qint64 VectorReader::implausible() const
{
    return d->implausible;
}

Result<std::unique_ptr<VectorReader>> VectorReader::open(
    const QString &path, const VectorReadOptions &options)
{
    ensureGdalRegistered();
    const QFileInfo file(path);
    if (!file.exists())
        return fail(ErrorCode::FileNotFound, Tr::tr("%1 does not exist.").arg(path));
    if (file.suffix().compare(QLatin1String("shp"), Qt::CaseInsensitive) == 0) {
        if (auto checked = checkShapefileCompanions(file); !checked)
            return std::unexpected(checked.error());
    }

    auto d = std::make_unique<Private>();
    auto dataset = openDataset(file);
    if (!dataset)
        return std::unexpected(dataset.error());
    d->dataset = std::move(*dataset);
    d->layer = findLayer(d->dataset.get(), options.layer);
    if (!d->layer)
        return fail(ErrorCode::NotFound,
            Tr::tr("%1 has no layer \"%2\"; its layers are: %3.")
                .arg(file.fileName(), options.layer,
                    layerNames(d->dataset.get()).join(QStringLiteral(", "))));

    d->options = options;
    d->fileName = file.fileName();
    VectorData &header = d->header;
    header.path = file.absoluteFilePath();
    header.layer = QString::fromUtf8(OGR_L_GetName(d->layer));
    header.driver =
        QString::fromUtf8(GDALGetDriverShortName(GDALGetDatasetDriver(d->dataset.get())));
    d->definition = OGR_L_GetLayerDefn(d->layer);
    for (int i = 0; i < OGR_FD_GetFieldCount(d->definition); ++i)
        header.fields << QString::fromUtf8(
            OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(d->definition, i)));

    auto crs = layerCrs(d->layer, options, file, header.driver, header.notes);
    if (!crs)
        return std::unexpected(crs.error());
    auto transformer = CoordinateTransformer::toWgs84(*crs);
    if (!transformer)
        return std::unexpected(transformer.error().at(file.fileName()));
    header.crs = transformer->sourceName();
    d->transformer = std::move(*transformer);

    const bool isShapefile = header.driver == QLatin1String("ESRI Shapefile");
    const std::optional<QString> declared = !options.encoding && isShapefile
        ? declaredShapefileEncoding(file, header.notes)
        : std::nullopt;
    const QList<QByteArray> samples =
        !options.encoding && !declared ? sampleText(d->layer, d->definition) : QList<QByteArray>();
    auto encoding = chooseEncoding(options, declared, file, header.driver, samples, header.notes);
    if (!encoding)
        return std::unexpected(encoding.error());
    header.encoding = *encoding;
    OGR_L_ResetReading(d->layer);
    return std::unique_ptr<VectorReader>(new VectorReader(std::move(d)));
}

Result<QStringList> vectorLayerNames(const QString &path)
{
    ensureGdalRegistered();
    const QFileInfo file(path);
    if (!file.exists())
        return fail(ErrorCode::FileNotFound, Tr::tr("%1 does not exist.").arg(path));
    auto dataset = openDataset(file);
    if (!dataset)
        return std::unexpected(dataset.error());
    return layerNames(dataset->get());
}

Result<std::optional<VectorFeature>> VectorReader::next()
{
    CPLErrorReset();
    FeaturePtr feature(OGR_L_GetNextFeature(d->layer));
    ++d->number;
    // A damaged record comes back as an error, with or without a half-read feature.
    const bool readFailed = CPLGetLastErrorType() >= CE_Failure;
    if (readFailed)
        return fail(ErrorCode::InvalidRow,
            Tr::tr("%1, feature %2 could not be read: %3")
                .arg(d->fileName)
                .arg(d->number)
                .arg(lastGdalError()));
    if (!feature)
        return std::optional<VectorFeature>();

    const QString where = Tr::tr("%1, feature %2").arg(d->fileName).arg(d->number);
    auto wkb = featureGeometry(feature.get(), *d->transformer);
    if (!wkb)
        return std::unexpected(wkb.error().at(where));
    if (wkb->isEmpty() && d->options.requireGeometry)
        return fail(ErrorCode::InvalidGeometry,
            Tr::tr("%1, feature %2 has no geometry.").arg(d->fileName).arg(d->number));
    if (!wkb->isEmpty()) {
        auto plausible = checkPlausible(*wkb, d->header, d->number, !d->transformer->isIdentity());
        if (!plausible && d->options.rejectImplausible)
            return std::unexpected(plausible.error());
        if (!plausible) {
            wkb->clear();
            ++d->implausible;
        }
    }

    auto attributes = d->decode(featureValues(feature.get(), d->definition));
    if (!attributes)
        return std::unexpected(attributes.error());
    return std::optional<VectorFeature>(
        VectorFeature {d->number, std::move(*attributes), std::move(*wkb)});
}

QString attributeText(const QVariant &value)
{
    if (value.isNull() || !value.isValid())
        return {};
    if (value.typeId() == QMetaType::Double) {
        const double number = value.toDouble();
        if (std::floor(number) == number && std::abs(number) < 1e15)
            return QString::number(qint64(number));
    }
    return value.toString().trimmed();
}

} // namespace GridDesk
