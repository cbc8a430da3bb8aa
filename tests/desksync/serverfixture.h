// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "support/testsupport.h"

#include "domain/error.h"
#include "ingest/samples.h"
#include "storage/workspace.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QUrl>

#include <memory>

namespace GridDesk::Test {

/// Fills a new workspace at path from the bundled New York sample (its org root is "city",
/// its desk users "Operator Chen" and others), and closes it so the file can be copied.
inline Result<void> makeNewYorkWorkspace(const QString &path)
{
    auto workspace = Workspace::open(path);
    if (!workspace)
        return std::unexpected(workspace.error());
    auto imported = importSample(**workspace, QDir(mapsPath()), QStringLiteral("nyc"));
    if (!imported)
        return std::unexpected(imported.error());
    return {};
}

/// A copy of a closed workspace file, for a server's store or another desk.
inline Result<void> copyWorkspace(const QString &from, const QString &to)
{
    if (!QFile::copy(from, to))
        return fail(ErrorCode::FileNotFound, QStringLiteral("%1 not copied to %2").arg(from, to));
    return {};
}

/// The real griddesk-server (GRIDDESK_SERVER, set by the test's CMake) on 127.0.0.1 for a
/// test, with a self-signed certificate for that address made in folder.
class TestServer
{
public:
    explicit TestServer(const QString &folder)
        : m_folder(folder)
    { }
    ~TestServer() { stop(); }

    QString certificatePath() const
    {
        return QDir(m_folder).filePath(QStringLiteral("server.pem"));
    }
    QString keyPath() const { return QDir(m_folder).filePath(QStringLiteral("server.key")); }
    quint16 port() const { return m_port; }
    QUrl url() const { return QUrl(QStringLiteral("https://127.0.0.1:%1").arg(m_port)); }
    bool isRunning() const { return m_process && m_process->state() == QProcess::Running; }

    /// Runs an administration command of griddesk-server; fails with what it printed.
    static Result<void> run(const QStringList &arguments)
    {
        QProcess process;
        process.start(QStringLiteral(GRIDDESK_SERVER), arguments);
        const bool finished = process.waitForFinished(120'000);
        if (finished && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0)
            return {};
        return fail(ErrorCode::InvalidArgument,
            QStringLiteral("griddesk-server %1: %2 %3")
                .arg(arguments.join(u' '), QString::fromUtf8(process.readAllStandardOutput()),
                    QString::fromUtf8(process.readAllStandardError())));
    }

    Result<void> makeCertificate()
    {
        return run({QStringLiteral("init-cert"), QStringLiteral("--cert"), certificatePath(),
            QStringLiteral("--key"), keyPath(), QStringLiteral("--host"),
            QStringLiteral("127.0.0.1")});
    }

    /// An account in store with password.
    Result<void> addUser(const QString &store, const QString &user, const QString &role,
        const QString &unit, const QByteArray &password)
    {
        const QString file = QDir(m_folder).filePath(QStringLiteral("password-%1").arg(user));
        QFile out(file);
        if (!out.open(QIODevice::WriteOnly) || out.write(password + '\n') < 0)
            return fail(ErrorCode::FileNotFound, out.errorString());
        out.close();
        const auto added = run({QStringLiteral("add-user"), QStringLiteral("--db"), store, user,
            QStringLiteral("--role"), role, QStringLiteral("--unit"), unit,
            QStringLiteral("--password-file"), file});
        QFile::remove(file);
        return added;
    }

    /// Serves store on port (any free one when 0), once it says where it listens.
    Result<void> start(const QString &store, quint16 port = 0)
    {
        stop();
        m_process = std::make_unique<QProcess>();
        m_process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process->start(QStringLiteral(GRIDDESK_SERVER),
            {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(port),
                QStringLiteral("--cert"), certificatePath(), QStringLiteral("--key"), keyPath(),
                QStringLiteral("--db"), store, QStringLiteral("--log-level"),
                QStringLiteral("warning")});
        static const QRegularExpression listening(QStringLiteral("https://127\\.0\\.0\\.1:(\\d+)"));
        QByteArray said;
        while (m_process->waitForReadyRead(60'000)) {
            said += m_process->readAllStandardOutput();
            const auto match = listening.match(QString::fromUtf8(said));
            if (match.hasMatch()) {
                m_port = quint16(match.captured(1).toUInt());
                return {};
            }
        }
        return fail(ErrorCode::Unavailable,
            QStringLiteral("griddesk-server did not start: %1").arg(QString::fromUtf8(said)));
    }

    /// Ends the server as an administrator would (SIGTERM).
    void stop()
    {
        if (!isRunning())
            return;
        m_process->terminate();
        if (!m_process->waitForFinished(30'000))
            m_process->kill();
        m_process->waitForFinished(30'000);
    }

    /// Ends the server as a crash would, with no chance to finish anything.
    void kill()
    {
        if (!isRunning())
            return;
        m_process->kill();
        m_process->waitForFinished(30'000);
    }

private:
    QString m_folder;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
};

} // namespace GridDesk::Test
