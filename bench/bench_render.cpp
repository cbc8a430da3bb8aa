// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors

// griddesk-bench-render: renders every fine grid of a workspace at full extent into a
// 1600x1200 image with renderMap, several times, and has QGIS (python3-qgis, in a process of
// its own) render the same grids from a GeoPackage at the same size; prints both medians.

#include "benchsupport.h"
#include "comparison.h"

#include "maprender/mapscene.h"
#include "maprender/rendermap.h"
#include "storage/workspace.h"

#include <QDir>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QImage>
#include <QTextStream>

using namespace GridDesk;

namespace {

constexpr QSize IMAGE_SIZE(1600, 1200);

/// Pixels that differ from the background: a render that drew nothing is a failure.
qint64 drawnPixels(const QImage &image, const QColor &background)
{
    qint64 drawn = 0;
    const QRgb plain = background.rgba();
    for (int y = 0; y < image.height(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        for (int x = 0; x < image.width(); ++x)
            drawn += line[x] != plain ? 1 : 0;
    }
    return drawn;
}

Result<std::shared_ptr<const MapScene>> loadFineGrids(const QString &path, QTextStream &out)
{
    auto workspace = Workspace::open(path);
    if (!workspace)
        return std::unexpected(workspace.error());
    QElapsedTimer timer;
    timer.start();
    auto grids = (*workspace)->grids(GridLevel::Fine);
    if (!grids)
        return std::unexpected(grids.error());
    auto scene = MapScene::create(*grids, {});
    out << "GridDesk read " << grids->size() << " fine grids into a map scene in "
        << timer.elapsed() << " ms (not part of the render time)\n";
    return scene;
}

struct PeerResult
{
    std::optional<double> ms;
    QString name = QStringLiteral("QGIS");
    QString skipReason;
};

std::optional<PeerResult> renderWithQgis(
    const QStringList &arguments, const QString &outDir, int runs, QTextStream &out)
{
    const QString python =
        Bench::option(arguments, QStringLiteral("--python"), QStringLiteral("/usr/bin/python3"));
    const QString script = Bench::option(arguments, QStringLiteral("--qgis-script"));
    const QString gpkg = Bench::option(arguments, QStringLiteral("--peer-gpkg"));
    QString failure;
    const bool hasQgis = !Bench::findProgram(python).isEmpty()
        && Bench::runPeer(
            python, {QStringLiteral("-c"), QStringLiteral("import qgis.core")}, {}, failure);
    if (!hasQgis) {
        if (!Bench::isSmoke(arguments)) {
            out << "griddesk-bench-render: QGIS for Python is missing (apt-get install "
                   "python3-qgis): "
                << failure << '\n';
            return std::nullopt;
        }
        return PeerResult {std::nullopt, QStringLiteral("QGIS"),
            QStringLiteral("smoke mode, python3-qgis not installed")};
    }
    const auto run = Bench::runPeer(python,
        {script, gpkg, QStringLiteral("fine_grids"), QString::number(IMAGE_SIZE.width()),
            QString::number(IMAGE_SIZE.height()), QString::number(runs),
            QDir(outDir).filePath(QStringLiteral("render_qgis.png"))},
        {}, failure);
    const QStringList words = run ? QString::fromUtf8(run->output).split(u' ') : QStringList();
    if (!run || words.size() < 4) {
        out << "griddesk-bench-render: " << failure << '\n';
        return std::nullopt;
    }
    out << "QGIS drew " << words[3].trimmed() << " features\n";
    return PeerResult {words[2].toDouble(), words[0] + u' ' + words[1], {}};
}

int run(const QStringList &arguments, QTextStream &out)
{
    const QString path = Bench::option(arguments, QStringLiteral("--workspace"));
    const QString outDir = Bench::option(arguments, QStringLiteral("--work"), QStringLiteral("."));
    const int runs =
        Bench::option(arguments, QStringLiteral("--runs"), QStringLiteral("5")).toInt();
    if (path.isEmpty() || runs < 1) {
        out << "usage: griddesk-bench-render --workspace GPKG --peer-gpkg GPKG --qgis-script PY "
               "--work DIR [--runs N] [--python PYTHON3] [--smoke]\n";
        return 2;
    }
    auto scene = loadFineGrids(path, out);
    if (!scene) {
        out << "griddesk-bench-render: " << scene.error().message << '\n';
        return 1;
    }

    const MapStyle style;
    const MapViewport viewport = MapViewport::fitted((*scene)->extent(), IMAGE_SIZE);
    QImage image = renderMap(**scene, viewport, style); // warm-up: fonts, glyph caches
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        image = renderMap(**scene, viewport, style);
        times.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    image.save(QDir(outDir).filePath(QStringLiteral("render_griddesk.png")));
    const qint64 drawn = drawnPixels(image, style.background);
    out << "GridDesk drew " << (*scene)->grids().size() << " grids, " << drawn
        << " pixels not background\n";
    if (drawn < qint64(IMAGE_SIZE.width()) * IMAGE_SIZE.height() / 100) {
        out << "griddesk-bench-render: the image is almost empty\n";
        return 1;
    }

    const auto peer = renderWithQgis(arguments, outDir, runs, out);
    if (!peer)
        return 1;
    Bench::Comparison comparison {
        QStringLiteral("render %1x%2").arg(IMAGE_SIZE.width()).arg(IMAGE_SIZE.height()),
        QStringLiteral("ms"), Bench::median(times), peer->name, peer->ms, peer->skipReason, 0.5};
    out << comparison.line() << '\n';
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);
    QTextStream out(stdout);
    return run(QCoreApplication::arguments(), out);
}
