// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

// What the sync tests share: a real griddesk-server process on loopback with certificates
// made by the tests, and desks (workspaces with their case book and outbox) copied from one
// New York sample.

#include "ingest/samples.h"
#include "server/accounts.h"
#include "server/certificates.h"
#include "storage/workspace.h"
#include "sync/syncclient.h"
#include "workflow/casebook.h"

#include "support/postgresdatabase.h"
#include "support/testsupport.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QSslConfiguration>
#include <QTest>
#include <QUuid>

namespace GridDesk::Test {

inline const QByteArray PASSWORD = QByteArrayLiteral("correct horse battery");

/// A workspace as a desk holds it: the book journals every action into the outbox.
struct Desk
{
    std::unique_ptr<Workspace> workspace;
    std::unique_ptr<CaseBook> book;
    std::unique_ptr<Sync::Outbox> outbox;

    static Desk open(const QString &path)
    {
        Desk desk;
        auto workspace = Workspace::open(path);
        if (!workspace)
            qFatal("cannot open %s: %s", qPrintable(path), qPrintable(workspace.error().message));
        desk.workspace = std::move(*workspace);
        auto setup = WorkflowSetup::load(*desk.workspace);
        desk.book = std::make_unique<CaseBook>(*desk.workspace, std::move(*setup));
        desk.outbox = std::make_unique<Sync::Outbox>(*desk.workspace);
        desk.book->setJournal(desk.outbox.get());
        return desk;
    }

    ActionRequest as(const QString &user, CaseAction action, int basedOn) const
    {
        const auto local = book->setup().user(user);
        ActionRequest request;
        request.action = action;
        request.basedOnVersion = basedOn;
        request.actor = user;
        request.role = roleFromKey(local ? local->role : QString()).value_or(Role::Operator);
        request.actorUnit = local ? local->unitCode : QString();
        const QDateTime now = QDateTime::currentDateTime();
        request.at = CaseTime::withOffset(
            now.date(), now.time().addMSecs(-now.time().msec()), now.offsetFromUtc());
        return request;
    }

    /// Reports a new case at lon, lat as the sample's operator; its id.
    qint64 report(double lon, double lat, const QString &what)
    {
        CaseRecord record;
        record.source = QStringLiteral("desk");
        record.externalId = QUuid::createUuid().toString(QUuid::Id128).left(16);
        record.category = book->setup().categories.categories().value(0).code;
        record.descriptor = what;
        record.location = GeoPoint {lon, lat};
        ActionRequest request = as(QStringLiteral("Operator Chen"), CaseAction::Report, 0);
        record.created = request.at;
        auto event = book->report(record, request);
        if (!event)
            qWarning("report refused: %s", qPrintable(event.error().message));
        return event ? record.id : 0;
    }

    int version(qint64 caseId) const { return book->record(caseId)->version; }
    CaseRecord record(qint64 caseId) const { return *book->record(caseId); }
};

/// griddesk-server as a child process on 127.0.0.1, on a port of its choosing.
class ServerProcess
{
public:
    ServerProcess(QString binary, QStringList arguments)
        : m_binary(std::move(binary))
        , m_arguments(std::move(arguments))
    { }
    ~ServerProcess() { stop(); }

    /// Starts the server and waits for the line saying where it listens; false on failure,
    /// with what it printed in output().
    bool start(const QStringList &extra = {})
    {
        m_process = std::make_unique<QProcess>();
        m_process->setProcessChannelMode(QProcess::SeparateChannels);
        m_process->start(m_binary, m_arguments + extra);
        if (!m_process->waitForStarted(10'000))
            return false;
        QByteArray seen;
        while (m_process->state() == QProcess::Running && m_process->waitForReadyRead(20'000)) {
            seen += m_process->readAllStandardOutput();
            const qsizetype at = seen.indexOf("listening on https://");
            if (at >= 0 && seen.indexOf('\n', at) > 0) {
                const QByteArray line = seen.mid(at, seen.indexOf('\n', at) - at);
                const QByteArray address = line.mid(21).split(' ').first();
                m_url = QUrl(QStringLiteral("https://") + QString::fromLatin1(address));
                // Once it runs, its warnings go to the test's log, beside the check that failed.
                QProcess *process = m_process.get();
                QObject::connect(process, &QProcess::readyReadStandardError, process,
                    [process] { qWarning("%s", process->readAllStandardError().constData()); });
                return true;
            }
        }
        m_process->waitForFinished(5'000);
        m_output = QString::fromUtf8(
            seen + m_process->readAllStandardOutput() + m_process->readAllStandardError());
        return false;
    }

    void stop()
    {
        if (!m_process || m_process->state() == QProcess::NotRunning)
            return;
        m_process->terminate();
        if (!m_process->waitForFinished(10'000))
            m_process->kill();
        m_process->waitForFinished(5'000);
    }

    /// Kills it without warning, as a power cut would.
    void kill()
    {
        if (!m_process)
            return;
        m_process->kill();
        m_process->waitForFinished(5'000);
    }

    QUrl url() const { return m_url; }
    bool isRunning() const { return m_process && m_process->state() == QProcess::Running; }
    QString output() const { return m_output; }
    int exitCode() const { return m_process ? m_process->exitCode() : -1; }

private:
    QString m_binary;
    QStringList m_arguments;
    std::unique_ptr<QProcess> m_process;
    QUrl m_url;
    QString m_output;
};

/// A raw HTTPS request, as another program (or an attacker) would send it; the status and
/// the JSON answer.
struct RawAnswer
{
    int status = 0;
    QJsonObject json;
    QString error;
};

inline RawAnswer rawRequest(const QUrl &server, const QList<QSslCertificate> &trusted,
    const QByteArray &verb, const QString &path, const QByteArray &body,
    const QByteArray &token = {}, const QByteArray &contentType = "application/json",
    const QList<std::pair<QByteArray, QByteArray>> &headers = {})
{
    QNetworkAccessManager network;
    QUrl url = server;
    url.setPath(path.section(u'?', 0, 0));
    url.setQuery(path.section(u'?', 1));
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    request.setTransferTimeout(20'000);
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.addCaCertificates(trusted);
    request.setSslConfiguration(tls);
    std::unique_ptr<QNetworkReply> reply(network.sendCustomRequest(request, verb, body));
    QEventLoop loop;
    QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    RawAnswer answer;
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.json = QJsonDocument::fromJson(reply->readAll()).object();
    answer.error = reply->errorString();
    return answer;
}

/// Makes the New York sample at path, as the workstation makes it on its first start; what went
/// wrong, or nothing.
inline QString makeSampleWorkspace(const QString &path)
{
    auto workspace = Workspace::open(path);
    if (!workspace)
        return workspace.error().message;
    auto imported = importSample(**workspace, QDir(mapsPath()), QStringLiteral("nyc"));
    return imported ? QString() : imported.error().message;
}

/// A city CA made by the test in folder and a server certificate for 127.0.0.1 it signed, valid
/// from an hour ago for two days. Empty certificate on failure.
struct TestCertificates
{
    QString certificate;
    QString key;
    QList<QSslCertificate> trusted; ///< the CA, as desks are given it
};

inline TestCertificates makeTestCertificates(const QString &folder)
{
    const QDir dir(folder);
    const QString ca = dir.filePath(QStringLiteral("city-ca.pem"));
    const QString caKey = dir.filePath(QStringLiteral("city-ca.key"));
    TestCertificates made {
        dir.filePath(QStringLiteral("server.pem")), dir.filePath(QStringLiteral("server.key")), {}};
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!writeCertificateAuthority(ca, caKey, QStringLiteral("Test city CA"), 30)
        || !writeIssuedCertificate(ca, caKey, made.certificate, made.key,
            {QStringLiteral("127.0.0.1")}, now.addSecs(-3600), now.addDays(2)))
        return {};
    made.trusted = Sync::readCaFile(ca).value_or(QList<QSslCertificate>());
    return made;
}

/// Loads workspace into database as an administrator would, with griddesk-server load-store;
/// what went wrong, or nothing.
inline QString loadStore(
    const QString &server, const PostgresDatabase &database, const QString &workspace)
{
    if (database.address().isEmpty())
        return database.error();
    QProcess load;
    load.start(server,
        {QStringLiteral("load-store"), QStringLiteral("--db"), database.address(),
            QStringLiteral("--from"), workspace});
    if (!load.waitForFinished(300'000))
        return QStringLiteral("load-store did not finish");
    if (load.exitCode() != 0)
        return QString::fromUtf8(load.readAllStandardError());
    return {};
}

inline QVariant scalar(Workspace &workspace, const QString &sql)
{
    QSqlQuery query(workspace.database());
    if (!query.exec(sql) || !query.next())
        return {};
    return query.value(0);
}

} // namespace GridDesk::Test
