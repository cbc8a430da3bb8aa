// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "benchsupport.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTextStream>

#include <algorithm>
#include <cstdlib>

namespace GridDesk::Bench {

double median(std::vector<double> samples)
{
    if (samples.empty())
        return 0.0;
    std::sort(samples.begin(), samples.end());
    const std::size_t middle = samples.size() / 2;
    if (samples.size() % 2 == 1)
        return samples[middle];
    return (samples[middle - 1] + samples[middle]) / 2.0;
}

std::optional<qint64> residentKib()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly | QIODevice::Text))
        return std::nullopt;
    // /proc files report a size of zero, so atEnd() is true at once; readAll reads to EOF.
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (!line.startsWith("VmRSS:"))
            continue;
        const QList<QByteArray> parts = line.mid(6).simplified().split(' ');
        bool ok = false;
        const qint64 kib = parts.value(0).toLongLong(&ok);
        if (ok)
            return kib;
    }
    return std::nullopt;
}

QString findProgram(const QString &program)
{
    if (program.contains(u'/'))
        return QFile::exists(program) ? program : QString();
    return QStandardPaths::findExecutable(program);
}

std::optional<PeerRun> runPeer(
    const QString &program, const QStringList &arguments, const QByteArray &input, QString &failure)
{
    QProcess process;
    QElapsedTimer timer;
    timer.start();
    process.start(program, arguments);
    if (!process.waitForStarted()) {
        failure = QStringLiteral("%1 did not start: %2").arg(program, process.errorString());
        return std::nullopt;
    }
    process.write(input);
    process.closeWriteChannel();
    process.waitForFinished(-1);

    PeerRun run;
    run.elapsedMs = double(timer.nsecsElapsed()) / 1e6;
    run.exitCode = process.exitCode();
    run.output = process.readAllStandardOutput();
    run.errors = process.readAllStandardError();
    const bool failed = process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0;
    if (failed) {
        failure = QStringLiteral("%1 failed (exit code %2): %3")
                      .arg(program)
                      .arg(process.exitCode())
                      .arg(QString::fromLocal8Bit(run.errors.right(2000)).trimmed());
        return std::nullopt;
    }
    return run;
}

bool isSmoke(const QStringList &arguments)
{
    return arguments.contains(QStringLiteral("--smoke"));
}

QString option(const QStringList &arguments, const QString &name, const QString &fallback)
{
    const qsizetype at = arguments.indexOf(name);
    if (at < 0 || at + 1 >= arguments.size())
        return fallback;
    return arguments.at(at + 1);
}

void stop(const QString &why)
{
    QTextStream(stderr) << QCoreApplication::applicationName() << ": " << why << '\n';
    std::exit(1);
}

QUrl startServer(QProcess &server, const QString &binary, const QStringList &arguments)
{
    server.start(binary, arguments);
    QByteArray seen;
    while (server.waitForReadyRead(60'000)) {
        seen += server.readAllStandardOutput();
        const qsizetype at = seen.indexOf("listening on https://");
        if (at >= 0 && seen.indexOf('\n', at) > 0) {
            const QByteArray line = seen.mid(at + 21, seen.indexOf('\n', at) - at - 21);
            return QUrl(QStringLiteral("https://") + QString::fromLatin1(line.split(' ').first()));
        }
    }
    stop(QStringLiteral("griddesk-server did not start: %1")
             .arg(QString::fromUtf8(seen + server.readAllStandardError())));
}

} // namespace GridDesk::Bench
