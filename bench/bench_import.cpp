// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors

// griddesk-bench-import: imports the fine grids of a GBK shapefile into a fresh workspace with
// importGrids, and has ogr2ogr write the same shapefile to a GeoPackage, alternately, several
// times; prints the medians side by side.

#include "benchsupport.h"
#include "comparison.h"

#include "ingest/gridimporter.h"
#include "storage/workspace.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTextStream>

using namespace GridDesk;

namespace {

void removeGeoPackage(const QString &path)
{
    for (const char *suffix : {"", "-wal", "-shm", "-journal"})
        QFile::remove(path + QLatin1String(suffix));
}

/// A fresh workspace holding the base grids the fine grids name as parents.
Result<std::unique_ptr<Workspace>> freshWorkspace(const QString &path, const QDir &mapsDir)
{
    removeGeoPackage(path);
    auto workspace = Workspace::open(path);
    if (!workspace)
        return workspace;
    GridImportOptions base;
    base.level = GridLevel::Base;
    base.codeField = QStringLiteral("boro_cd");
    base.nameField = QStringLiteral("name");
    auto imported = importGrids(
        **workspace, mapsDir.filePath(QStringLiteral("nyc/nyc_community_districts.geojson")), base);
    if (!imported)
        return std::unexpected(imported.error());
    return workspace;
}

/// Milliseconds importGrids took for the fine grids of shapefile; fails unless every feature
/// was imported.
Result<double> timeOurImport(const QString &shapefile, const QString &path, const QDir &mapsDir)
{
    auto workspace = freshWorkspace(path, mapsDir);
    if (!workspace)
        return std::unexpected(workspace.error());
    GridImportOptions fine;
    fine.level = GridLevel::Fine;
    fine.codeField = QStringLiteral("code");
    fine.nameField = QStringLiteral("name");
    fine.parentField = QStringLiteral("parent");

    QElapsedTimer timer;
    timer.start();
    auto summary = importGrids(**workspace, shapefile, fine);
    const double elapsed = double(timer.nsecsElapsed()) / 1e6;
    if (!summary)
        return std::unexpected(summary.error());
    if (summary->imported != summary->read || summary->imported == 0)
        return fail(ErrorCode::InvalidRow,
            QStringLiteral("imported %1 of %2 grids").arg(summary->imported).arg(summary->read));
    return elapsed;
}

int run(const QStringList &arguments, QTextStream &out)
{
    const QString shapefile = Bench::option(arguments, QStringLiteral("--shapefile"));
    const QDir mapsDir(Bench::option(arguments, QStringLiteral("--maps")));
    const QDir work(Bench::option(arguments, QStringLiteral("--work"), QStringLiteral(".")));
    const int runs =
        Bench::option(arguments, QStringLiteral("--runs"), QStringLiteral("3")).toInt();
    const bool smoke = Bench::isSmoke(arguments);
    if (shapefile.isEmpty() || runs < 1) {
        out << "usage: griddesk-bench-import --shapefile SHP --maps DIR --work DIR [--runs N] "
               "[--smoke]\n";
        return 2;
    }

    Bench::Comparison comparison {QStringLiteral("import GBK shapefile"), QStringLiteral("ms")};
    comparison.peerName = QStringLiteral("ogr2ogr");
    comparison.maxRatio = 1.2;
    const QString ogr2ogr = Bench::findProgram(QStringLiteral("ogr2ogr"));
    if (ogr2ogr.isEmpty() && !smoke) {
        out << "griddesk-bench-import: ogr2ogr is not installed (apt-get install gdal-bin)\n";
        return 1;
    }

    std::vector<double> ours;
    std::vector<double> peer;
    const QString peerPath = work.filePath(QStringLiteral("fine_grids_ogr.gpkg"));
    for (int i = 0; i < runs; ++i) {
        auto elapsed =
            timeOurImport(shapefile, work.filePath(QStringLiteral("import_run.gpkg")), mapsDir);
        if (!elapsed) {
            out << "griddesk-bench-import: " << elapsed.error().message << '\n';
            return 1;
        }
        ours.push_back(*elapsed);
        if (ogr2ogr.isEmpty())
            continue;
        removeGeoPackage(peerPath);
        QString failure;
        const auto peerRun = Bench::runPeer(ogr2ogr,
            {QStringLiteral("-f"), QStringLiteral("GPKG"), QStringLiteral("-nlt"),
                QStringLiteral("PROMOTE_TO_MULTI"), peerPath, shapefile},
            {}, failure);
        if (!peerRun) {
            out << "griddesk-bench-import: " << failure << '\n';
            return 1;
        }
        peer.push_back(peerRun->elapsedMs);
        out << "run " << i + 1 << ": GridDesk " << ours.back() << " ms, ogr2ogr " << peer.back()
            << " ms\n";
    }
    comparison.ours = Bench::median(ours);
    if (!peer.empty())
        comparison.peer = Bench::median(peer);
    else
        comparison.skipReason = QStringLiteral("smoke mode, ogr2ogr not installed");
    out << comparison.line() << '\n';
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    return run(QCoreApplication::arguments(), out);
}
