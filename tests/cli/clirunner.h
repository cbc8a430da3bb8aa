// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace GridDesk::Test {

/// What one griddesk-cli run printed and how it ended.
struct Run
{
    int status = -1;
    QByteArray out;
    QString err;
};

/// Runs griddesk-cli (GRIDDESK_CLI, set by the test's CMake) as a script would.
inline Run cli(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(GRIDDESK_CLI), arguments);
    process.waitForFinished(300'000);
    return Run {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
        process.readAllStandardOutput(), QString::fromUtf8(process.readAllStandardError())};
}

} // namespace GridDesk::Test
