// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "logging.h"
#include "mainwindow.h"
#include "preferences.h"

#include "domain/translations.h"
#include "ingest/samples.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QSettings>

namespace {

struct StartOptions
{
    QString workspace;
    QString sample;
};

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
    parser.process(app);

    StartOptions options {parser.positionalArguments().value(0), parser.value(sample)};
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

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("GridDesk"));
    QApplication::setApplicationName(QStringLiteral("GridDesk"));
    QApplication::setApplicationVersion(QStringLiteral(GRIDDESK_VERSION));
    GridDesk::installTranslations(GridDesk::interfaceLocale());

    const StartOptions options = parseArguments(app);
    qCInfo(lcApp) << "GridDesk" << GRIDDESK_VERSION << "with Qt" << qVersion() << "opening"
                  << options.workspace;

    GridDesk::MainWindow window(GridDesk::bundledMapsDir());
    window.show();
    window.openWorkspace(options.workspace, options.sample);
    return QApplication::exec();
}
