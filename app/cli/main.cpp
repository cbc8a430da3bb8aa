// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "cli.h"

#include "domain/bundledgisdata.h"
#include "domain/translations.h"

#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QLoggingCategory>

#include <cstdio>
#include <unistd.h>

int main(int argc, char **argv)
{
    // Rendering needs fonts, so a GUI application without a display: the offscreen platform.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // Scripts read our output and errors are printed once as messages; the log speaks only when
    // asked to with QT_LOGGING_RULES.
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral(
            "griddesk.*.debug=false\ngriddesk.*.info=false\ngriddesk.*.warning=false"));
    if (qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR")) {
        const QString runtime =
            QDir::temp().filePath(QStringLiteral("griddesk-runtime-%1").arg(getuid()));
        QDir().mkpath(runtime);
        QFile::setPermissions(runtime, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        qputenv("XDG_RUNTIME_DIR", QFile::encodeName(runtime));
    }
    QGuiApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("griddesk-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("GridDesk"));
    GridDesk::useBundledGisData(QCoreApplication::applicationDirPath());
    GridDesk::installTranslations(GridDesk::interfaceLocale());

    QTextStream out(stdout);
    QTextStream err(stderr);
    QStringList arguments = QCoreApplication::arguments();
    arguments.removeFirst();
    const int status = GridDesk::Cli::run(arguments, out, err);
    out.flush();
    err.flush();
    return status;
}
