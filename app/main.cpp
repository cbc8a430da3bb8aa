// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "logging.h"
#include "mainwindow.h"
#include "preferences.h"

#include "domain/bundledgisdata.h"
#include "domain/translations.h"
#include "ingest/samples.h"
#include "mapview/mapcanvas.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QSettings>
#include <QTimer>

#include <cstdio>

namespace {

struct StartOptions
{
    QString workspace;
    QString sample;
    QString screenshot;
};

/// How long --screenshot waits for the workspace to open and the map to be drawn.
constexpr int SCREENSHOT_TIMEOUT_MS = 120'000;

StartOptions parseArguments(const QApplication &app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Workstation for city grid governance."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("workspace"),
        QApplication::translate("main", "The workspace (GeoPackage) to open or create."),
        QStringLiteral("[WORKSPACE.gpkg]"));
    const QCommandLineOption sample(QStringLiteral("sample"),
        QApplication::translate("main", "Sample imported into a new workspace (nyc, taipei)."),
        QStringLiteral("key"), QStringLiteral("nyc"));
    parser.addOption(sample);
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
        QApplication::translate("main",
            "Once the workspace is open and its map drawn, save the window to this PNG file and "
            "quit."),
        QStringLiteral("file"));
    parser.addOption(screenshot);
    parser.process(app);

    StartOptions options {
        parser.positionalArguments().value(0), parser.value(sample), parser.value(screenshot)};
    if (options.workspace.isEmpty() && !parser.isSet(sample)) {
        // The workspace the preferences name, else the one open last.
        options.workspace = GridDesk::DeskPreferences::load().startWorkspace;
        if (options.workspace.isEmpty() || !QFileInfo::exists(options.workspace))
            options.workspace = QSettings().value(QStringLiteral("workspace/last")).toString();
    }
    if (!options.workspace.isEmpty() && !QFileInfo::exists(options.workspace)
        && parser.positionalArguments().isEmpty()) {
        options.workspace.clear(); // the last workspace is gone; start over from the sample
    }
    if (options.workspace.isEmpty())
        options.workspace = GridDesk::MainWindow::defaultWorkspacePath(options.sample);
    return options;
}

void quitWithError(const QString &message)
{
    std::fputs(qPrintable(message + QLatin1Char('\n')), stderr);
    QCoreApplication::exit(1);
}

/// Saves the window to file once the workspace is shown and the map has drawn it, then quits;
/// the program ends with 1 when the workspace does not open, the map is not drawn in time or
/// the file cannot be written.
void saveScreenshotAndQuit(GridDesk::MainWindow &window, const QString &file)
{
    QObject::connect(
        &window, &GridDesk::MainWindow::workspaceFailed, &window, [](const QString &message) {
            quitWithError(QApplication::translate("main", "The workspace could not be opened: %1")
                              .arg(message));
        });

    GridDesk::MapCanvas *canvas = window.mapCanvas();
    auto save = [&window, canvas, file] {
        if (canvas->isRendering() || window.workspacePath().isEmpty())
            return;
        if (!window.grab().save(file, "PNG")) {
            quitWithError(
                QApplication::translate("main", "The screenshot could not be saved to %1.")
                    .arg(file));
            return;
        }
        qCInfo(lcApp) << "screenshot saved to" << file;
        QCoreApplication::exit(0);
    };
    QObject::connect(canvas, &GridDesk::MapCanvas::imageChanged, &window, save);

    QTimer::singleShot(SCREENSHOT_TIMEOUT_MS, &window, [] {
        quitWithError(QApplication::translate("main",
            "The workspace was not open with its map drawn within %n second(s).", nullptr,
            SCREENSHOT_TIMEOUT_MS / 1000));
    });
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("GridDesk"));
    QApplication::setApplicationName(QStringLiteral("GridDesk"));
    QApplication::setApplicationVersion(QStringLiteral(GRIDDESK_VERSION));
    GridDesk::useBundledGisData(QCoreApplication::applicationDirPath());
    GridDesk::installTranslations(GridDesk::interfaceLocale());

    const StartOptions options = parseArguments(app);
    qCInfo(lcApp) << "GridDesk" << GRIDDESK_VERSION << "with Qt" << qVersion() << "opening"
                  << options.workspace;

    GridDesk::MainWindow window(GridDesk::bundledMapsDir());
    if (!options.screenshot.isEmpty())
        saveScreenshotAndQuit(window, options.screenshot);
    window.show();
    window.openWorkspace(options.workspace, options.sample);
    return QApplication::exec();
}
