// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors

// griddesk-bench-memory: opens a workspace in the real workstation window (offscreen), waits
// until it is loaded and the map drawn, and compares the resident memory it added with the
// size of the GeoPackage on disk.

#include "benchsupport.h"
#include "comparison.h"

#include "mainwindow.h"

#include "ingest/samples.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTextStream>
#include <QTimer>

using namespace GridDesk;

namespace {

constexpr int LOAD_TIMEOUT_MS = 30 * 60 * 1000;
constexpr int SETTLE_MS = 3000;

void processEventsFor(int milliseconds)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < milliseconds)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
}

/// The workspace and its write-ahead log, as the file system counts them.
qint64 sizeOnDisk(const QString &path)
{
    return QFileInfo(path).size() + QFileInfo(path + QStringLiteral("-wal")).size();
}

int run(const QStringList &arguments, QTextStream &out)
{
    const QString path = Bench::option(arguments, QStringLiteral("--workspace"));
    if (path.isEmpty() || !QFileInfo::exists(path)) {
        out << "usage: griddesk-bench-memory --workspace GPKG [--smoke]\n";
        return 2;
    }
    MainWindow window(bundledMapsDir());
    window.resize(1600, 1000);
    window.show();
    processEventsFor(500);
    const std::optional<qint64> before = Bench::residentKib();

    bool loaded = false;
    QString failure;
    QEventLoop loop;
    QObject::connect(&window, &MainWindow::workspaceLoaded, &loop, [&] {
        loaded = true;
        loop.quit();
    });
    QObject::connect(&window, &MainWindow::workspaceFailed, &loop, [&](const QString &message) {
        failure = message;
        loop.quit();
    });
    QTimer::singleShot(LOAD_TIMEOUT_MS, &loop, &QEventLoop::quit);
    QElapsedTimer timer;
    timer.start();
    window.openWorkspace(path);
    loop.exec();
    if (!loaded) {
        out << "griddesk-bench-memory: the workspace did not load: " << failure << '\n';
        return 1;
    }
    const qint64 loadMs = timer.elapsed();
    processEventsFor(SETTLE_MS); // the map canvas renders its first image off the GUI thread
    const std::optional<qint64> after = Bench::residentKib();
    if (!before || !after) {
        out << "griddesk-bench-memory: /proc/self/status has no VmRSS\n";
        return 1;
    }

    out << "workstation loaded " << path << " in " << loadMs << " ms; resident " << *before / 1024
        << " MiB before, " << *after / 1024 << " MiB after\n";
    Bench::Comparison comparison {QStringLiteral("memory with all loaded"), QStringLiteral("MiB"),
        double(*after - *before) / 1024.0, QStringLiteral("GeoPackage on disk"),
        double(sizeOnDisk(path)) / (1024.0 * 1024.0), {}, 2.0};
    out << comparison.line() << '\n';
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("GridDesk"));
    QApplication::setApplicationName(QStringLiteral("GridDesk benchmark"));
    QStandardPaths::setTestModeEnabled(true); // the bench must not touch the user's settings
    QTextStream out(stdout);
    return run(QCoreApplication::arguments(), out);
}
