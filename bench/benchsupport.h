// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QUrl>

class QProcess;

#include <optional>
#include <vector>

namespace GridDesk::Bench {

/// The median of samples (the mean of the middle two for an even count); 0 when empty.
double median(std::vector<double> samples);

/// The resident set size of this process in kibibytes, from /proc/self/status (VmRSS).
std::optional<qint64> residentKib();

/// What a peer program printed and how long it ran, in milliseconds of wall time.
struct PeerRun
{
    int exitCode = -1;
    double elapsedMs = 0.0;
    QByteArray output; ///< standard output
    QByteArray errors; ///< standard error
};

/// The full path of program when it is on PATH (or is an executable path); empty otherwise.
QString findProgram(const QString &program);

/// Runs program with arguments to completion, feeding input on standard input; fails with a
/// message when it cannot start, crashes or exits with a non-zero code.
std::optional<PeerRun> runPeer(const QString &program, const QStringList &arguments,
    const QByteArray &input, QString &failure);

/// Whether the program runs in smoke mode (--smoke): tiny data, and a peer whose tool is
/// missing is skipped with a message instead of failing the run.
bool isSmoke(const QStringList &arguments);

/// Prints "PROGRAM: why" on stderr and ends the benchmark with status 1.
[[noreturn]] void stop(const QString &why);

/// Starts griddesk-server in server with arguments and waits for the line saying where it
/// listens: its address. Stops the benchmark, with what the server printed, when it does not
/// start.
QUrl startServer(QProcess &server, const QString &binary, const QStringList &arguments);

/// The value of "--name VALUE" in arguments, or fallback.
QString option(const QStringList &arguments, const QString &name, const QString &fallback = {});

} // namespace GridDesk::Bench
