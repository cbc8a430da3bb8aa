// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors

// griddesk-benchdata: makes the benchmark city from the bundled New York sample, a GBK
// shapefile of fine grids cut from the community districts and a CSV of resampled 311 cases.

#include "caseresampler.h"
#include "finegridcutter.h"
#include "logging.h"

#include "gis/vectorfile.h"
#include "gis/wkb.h"
#include "ingest/samples.h"

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>

#include <memory>

using namespace GridDesk;

namespace {

struct Options
{
    QDir mapsDir;
    QDir outDir;
    qint64 grids = 100000;
    qint64 cases = 1000000;
    quint64 seed = 20240601;
};

QString usage()
{
    return QStringLiteral("usage: griddesk-benchdata --out DIR [--grids N] [--cases N] "
                          "[--maps DIR] [--seed N]\n");
}

std::optional<Options> parseOptions(const QStringList &arguments)
{
    Options options;
    options.mapsDir = bundledMapsDir();
    for (qsizetype i = 1; i + 1 < arguments.size(); i += 2) {
        const QString &name = arguments[i];
        const QString &value = arguments[i + 1];
        bool ok = true;
        if (name == QLatin1String("--out"))
            options.outDir = QDir(value);
        else if (name == QLatin1String("--maps"))
            options.mapsDir = QDir(value);
        else if (name == QLatin1String("--grids"))
            options.grids = value.toLongLong(&ok);
        else if (name == QLatin1String("--cases"))
            options.cases = value.toLongLong(&ok);
        else if (name == QLatin1String("--seed"))
            options.seed = value.toULongLong(&ok);
        else
            ok = false;
        if (!ok)
            return std::nullopt;
    }
    const bool complete = arguments.size() % 2 == 1 && arguments.contains(QStringLiteral("--out"))
        && options.grids > 0 && options.cases >= 0;
    if (!complete)
        return std::nullopt;
    return options;
}

Result<QList<Grid>> readBaseGrids(const QDir &mapsDir)
{
    auto data =
        readVectorFile(mapsDir.filePath(QStringLiteral("nyc/nyc_community_districts.geojson")));
    if (!data)
        return std::unexpected(data.error());
    QList<Grid> bases;
    for (const VectorFeature &feature : data->features) {
        Grid grid;
        grid.code = QString::number(data->value(feature, QStringLiteral("boro_cd")).toLongLong());
        grid.wkb = feature.wkb;
        grid.bbox = Wkb::envelope(feature.wkb).value_or(BoundingBox());
        bases << grid;
    }
    return bases;
}

struct DatasetCloser
{
    void operator()(void *dataset) const { GDALClose(dataset); }
};

Result<void> writeShapefile(const QString &path, const std::vector<Bench::FineGridCell> &cells)
{
    for (const char *suffix : {"shp", "shx", "dbf", "prj", "cpg"})
        QFile::remove(QFileInfo(path).path() + u'/' + QFileInfo(path).completeBaseName() + u'.'
            + QLatin1String(suffix));
    GDALDriverH driver = GDALGetDriverByName("ESRI Shapefile");
    std::unique_ptr<void, DatasetCloser> dataset(
        GDALCreate(driver, path.toUtf8().constData(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!dataset)
        return fail(ErrorCode::UnreadableFile, QStringLiteral("%1 cannot be created").arg(path));
    OGRSpatialReferenceH wgs84 = OSRNewSpatialReference(nullptr);
    OSRImportFromEPSG(wgs84, 4326);
    OSRSetAxisMappingStrategy(wgs84, OAMS_TRADITIONAL_GIS_ORDER);
    // GDAL converts the UTF-8 we hand it to GBK and names the encoding in the .cpg file.
    const char *layerOptions[] = {"ENCODING=GBK", nullptr};
    OGRLayerH layer = GDALDatasetCreateLayer(
        dataset.get(), "fine_grids", wgs84, wkbPolygon, const_cast<char **>(layerOptions));
    OSRRelease(wgs84);
    if (!layer)
        return fail(ErrorCode::UnreadableFile, QStringLiteral("no layer in %1").arg(path));
    for (const auto &[name, width] : {std::pair {"code", 16}, {"name", 40}, {"parent", 16}}) {
        OGRFieldDefnH field = OGR_Fld_Create(name, OFTString);
        OGR_Fld_SetWidth(field, width);
        OGR_L_CreateField(layer, field, TRUE);
        OGR_Fld_Destroy(field);
    }

    OGRFeatureDefnH definition = OGR_L_GetLayerDefn(layer);
    for (const Bench::FineGridCell &cell : cells) {
        OGRFeatureH feature = OGR_F_Create(definition);
        OGR_F_SetFieldString(feature, 0, cell.code.toUtf8().constData());
        OGR_F_SetFieldString(feature, 1, cell.name.toUtf8().constData());
        OGR_F_SetFieldString(feature, 2, cell.parentCode.toUtf8().constData());
        OGRGeometryH geometry = nullptr;
        OGR_G_CreateFromWkb(cell.wkb.constData(), nullptr, &geometry, int(cell.wkb.size()));
        OGR_F_SetGeometryDirectly(feature, geometry);
        const OGRErr written = OGR_L_CreateFeature(layer, feature);
        OGR_F_Destroy(feature);
        if (written != OGRERR_NONE)
            return fail(ErrorCode::UnreadableFile,
                QStringLiteral("%1: grid %2 could not be written").arg(path, cell.code));
    }
    return {};
}

Result<void> writeCases(const Options &options, const QList<Grid> &bases, const QString &path)
{
    VectorReadOptions read;
    read.requireGeometry = false;
    read.rejectImplausible = false;
    auto data = readVectorFile(
        options.mapsDir.filePath(QStringLiteral("nyc/nyc311_subset_2000rows_tuplex.csv")), read);
    if (!data)
        return std::unexpected(data.error());

    const QStringList columns = Bench::CaseResampler::columns().mid(0, 8);
    QList<QStringList> values;
    QList<GeoPoint> locations;
    for (const VectorFeature &feature : data->features) {
        const auto box = Wkb::envelope(feature.wkb);
        if (!box || box->isEmpty() || (box->west == 0.0 && box->south == 0.0))
            continue;
        QStringList row;
        for (const QString &column : columns)
            row << data->value(feature, column).toString();
        values << row;
        locations << GeoPoint {box->west, box->south};
    }
    qCInfo(lcBench) << locations.size() << "located source cases";
    const Bench::CaseResampler resampler(values, locations, bases, options.seed);
    return resampler.write(path, options.cases);
}

int run(const Options &options, QTextStream &out)
{
    QElapsedTimer timer;
    timer.start();
    ensureGdalRegistered();
    auto bases = readBaseGrids(options.mapsDir);
    if (!bases) {
        out << "griddesk-benchdata: " << bases.error().message << '\n';
        return 1;
    }
    Bench::FineGridCutter cutter(*bases);
    auto cells = cutter.cut(options.grids);
    if (!cells) {
        out << "griddesk-benchdata: " << cells.error().message << '\n';
        return 1;
    }
    const QString shapefile = options.outDir.filePath(QStringLiteral("fine_grids.shp"));
    if (auto written = writeShapefile(shapefile, *cells); !written) {
        out << "griddesk-benchdata: " << written.error().message << '\n';
        return 1;
    }
    out << "fine grids: " << cells->size() << " cut from " << bases->size()
        << " community districts (cell " << cutter.cellWidth() << " x " << cutter.cellHeight()
        << " degrees, " << cutter.droppedSlivers() << " slivers dropped) -> " << shapefile << '\n';

    const QString csv = options.outDir.filePath(QStringLiteral("cases.csv"));
    if (auto written = writeCases(options, *bases, csv); !written) {
        out << "griddesk-benchdata: " << written.error().message << '\n';
        return 1;
    }
    out << "cases: " << options.cases << " resampled from the 311 sample -> " << csv << '\n';
    out << "made in " << timer.elapsed() << " ms\n";
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    const std::optional<Options> options = parseOptions(QCoreApplication::arguments());
    if (!options) {
        out << usage();
        return 2;
    }
    if (!options->outDir.mkpath(QStringLiteral("."))) {
        out << "griddesk-benchdata: cannot create " << options->outDir.path() << '\n';
        return 1;
    }
    return run(*options, out);
}
