// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors

// griddesk-bench-validate: checks the topology of the whole benchmark city (the community
// districts as base grids and every fine grid cut from them) with checkTopology, and has GDAL
// alone read the same shapefile's features and geometries; alternately, several times; prints
// the medians side by side and what the check found.

#include "benchsupport.h"
#include "comparison.h"

#include "gis/vectorfile.h"
#include "topology/gridedits.h"
#include "topology/topologycheck.h"

#include <gdal.h>
#include <ogr_api.h>

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QTextStream>

#include <map>
#include <vector>

using namespace GridDesk;

namespace {

/// The grids of a vector file, with level, code, name and parent fields as given.
Result<QList<Grid>> readGrids(const QString &path, GridLevel level, const QString &codeField,
    const QString &nameField, const QString &parentField = {})
{
    auto data = readVectorFile(path);
    if (!data)
        return std::unexpected(data.error());
    const qsizetype codeIndex = data->fields.indexOf(codeField);
    const qsizetype nameIndex = data->fields.indexOf(nameField);
    const qsizetype parentIndex = parentField.isEmpty() ? -1 : data->fields.indexOf(parentField);
    if (codeIndex < 0 || nameIndex < 0 || (!parentField.isEmpty() && parentIndex < 0))
        return fail(ErrorCode::MissingField, QStringLiteral("%1 lacks a field").arg(path));

    QList<Grid> grids;
    grids.reserve(data->features.size());
    for (const VectorFeature &feature : data->features) {
        Grid grid;
        grid.level = level;
        grid.code = feature.values.value(codeIndex).toString();
        grid.name = feature.values.value(nameIndex).toString();
        if (parentIndex >= 0)
            grid.parentCode = feature.values.value(parentIndex).toString();
        grid.wkb = feature.wkb;
        if (auto measured = GridEdits::refreshMeasures(grid); !measured)
            return std::unexpected(measured.error().at(grid.code));
        grids << grid;
    }
    return grids;
}

/// Milliseconds GDAL takes to read every feature of the shapefile with its geometry as WKB.
Result<double> timeGdalRead(const QString &path, qint64 &features)
{
    QElapsedTimer timer;
    timer.start();
    GDALDatasetH dataset = GDALOpenEx(
        path.toUtf8().constData(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
    if (!dataset)
        return fail(ErrorCode::UnreadableFile, QStringLiteral("GDAL cannot open %1").arg(path));
    OGRLayerH layer = GDALDatasetGetLayer(dataset, 0);
    std::vector<unsigned char> buffer;
    features = 0;
    while (OGRFeatureH feature = OGR_L_GetNextFeature(layer)) {
        OGRGeometryH geometry = OGR_F_GetGeometryRef(feature);
        if (geometry) {
            buffer.resize(std::size_t(OGR_G_WkbSize(geometry)));
            OGR_G_ExportToIsoWkb(geometry, wkbNDR, buffer.data());
        }
        ++features;
        OGR_F_Destroy(feature);
    }
    GDALClose(dataset);
    return double(timer.nsecsElapsed()) / 1e6;
}

void printFindings(const QList<TopologyFinding> &findings, QTextStream &out)
{
    std::map<QString, qint64> counts;
    double gapM2 = 0.0;
    for (const TopologyFinding &finding : findings) {
        ++counts[topologyKindKey(finding.kind)];
        if (finding.kind == TopologyFinding::Kind::Gap)
            gapM2 += finding.areaM2;
    }
    out << "findings: " << findings.size();
    for (const auto &[kind, count] : counts)
        out << ", " << kind << ' ' << count;
    out << " (gaps " << qint64(gapM2) << " m² in all)\n";
}

int run(const QStringList &arguments, QTextStream &out)
{
    const QString shapefile = Bench::option(arguments, QStringLiteral("--shapefile"));
    const QDir mapsDir(Bench::option(arguments, QStringLiteral("--maps")));
    const int runs =
        Bench::option(arguments, QStringLiteral("--runs"), QStringLiteral("3")).toInt();
    if (shapefile.isEmpty() || runs < 1) {
        out << "usage: griddesk-bench-validate --shapefile SHP --maps DIR [--runs N] [--smoke]\n";
        return 2;
    }

    auto bases = readGrids(mapsDir.filePath(QStringLiteral("nyc/nyc_community_districts.geojson")),
        GridLevel::Base, QStringLiteral("boro_cd"), QStringLiteral("name"));
    auto fine = readGrids(shapefile, GridLevel::Fine, QStringLiteral("code"),
        QStringLiteral("name"), QStringLiteral("parent"));
    if (!bases || !fine) {
        out << "griddesk-bench-validate: " << (bases ? fine : bases).error().message << '\n';
        return 1;
    }
    const QList<Grid> city = *bases + *fine;
    // The generated city has no staff, so a missing supervisor is not what is measured.
    TopologyOptions options;
    options.requireSupervisor = false;

    std::vector<double> ours;
    std::vector<double> peer;
    QList<TopologyFinding> findings;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        auto checked = checkTopology(city, options);
        ours.push_back(double(timer.nsecsElapsed()) / 1e6);
        if (!checked) {
            out << "griddesk-bench-validate: " << checked.error().message << '\n';
            return 1;
        }
        findings = *checked;

        qint64 features = 0;
        auto read = timeGdalRead(shapefile, features);
        if (!read || features != fine->size()) {
            out << "griddesk-bench-validate: "
                << (read ? QStringLiteral("GDAL read %1 features").arg(features)
                         : read.error().message)
                << '\n';
            return 1;
        }
        peer.push_back(*read);
        out << "run " << i + 1 << ": GridDesk " << ours.back() << " ms, GDAL read " << peer.back()
            << " ms\n";
    }
    printFindings(findings, out);

    Bench::Comparison comparison {
        QStringLiteral("validate %1 grids").arg(city.size()), QStringLiteral("ms")};
    comparison.ours = Bench::median(ours);
    comparison.peerName = QStringLiteral("GDAL read only");
    comparison.peer = Bench::median(peer);
    comparison.maxRatio = 5.0;
    out << comparison.line() << '\n';
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    GDALAllRegister();
    QTextStream out(stdout);
    return run(QCoreApplication::arguments(), out);
}
