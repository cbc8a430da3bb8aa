// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "server/serverconfig.h"

#include "server/certificates.h"
#include "storage/workspace.h"
#include "support/testsupport.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

using namespace GridDesk;

namespace {

bool sameConfig(const ServerConfig &left, const ServerConfig &right)
{
    return left.listenAddress == right.listenAddress && left.port == right.port
        && left.certificatePath == right.certificatePath && left.keyPath == right.keyPath
        && left.database == right.database && left.logLevel == right.logLevel
        && left.sessionHours == right.sessionHours && left.maxRequestBytes == right.maxRequestBytes;
}

} // namespace

class TestServerConfig : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_files = 0;

    QString write(const QByteArray &content)
    {
        const QString path = m_dir.filePath(QStringLiteral("server%1.conf").arg(++m_files));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    /// A configuration whose certificate, key and database exist and belong together.
    ServerConfig startable()
    {
        ServerConfig config;
        const QString folder = m_dir.filePath(QStringLiteral("start%1").arg(++m_files));
        QDir().mkpath(folder);
        config.certificatePath = folder + "/server.pem";
        config.keyPath = folder + "/server.key";
        config.database = folder + "/city.gpkg";
        if (!writeSelfSignedCertificate(config.certificatePath, config.keyPath, {"localhost"}, 1)
            || !Workspace::open(config.database))
            qFatal("cannot prepare a server in %s", qPrintable(folder));
        return config;
    }

private Q_SLOTS:
    void readsAGoodFile()
    {
        const QString path = write("\xEF\xBB\xBF# GridDesk server, Chaoyang district\r\n"
                                   "\r\n"
                                   "[server]\r\n"
                                   "listen = 0.0.0.0:9443\r\n"
                                   "certificate = tls/server.pem\r\n"
                                   "  key=/etc/griddesk/server.key  \r\n"
                                   "database = ../data/朝阳 city.gpkg\r\n"
                                   "log_level = Debug\r\n"
                                   "session_hours = 10\r\n"
                                   "max_request_bytes = 16M\r\n");
        auto config = readServerConfig(path);
        QVERIFY2(config.has_value(), Test::why(config).constData());
        QCOMPARE(config->listenAddress, QHostAddress(QHostAddress::AnyIPv4));
        QCOMPARE(config->port, quint16(9443));
        QCOMPARE(config->certificatePath, m_dir.filePath("tls/server.pem"));
        QCOMPARE(config->keyPath, QStringLiteral("/etc/griddesk/server.key"));
        QCOMPARE(config->database,
            QDir::cleanPath(m_dir.path() + QString::fromUtf8("/../data/朝阳 city.gpkg")));
        QCOMPARE(config->logLevel, QStringLiteral("debug"));
        QCOMPARE(config->sessionHours, 10);
        QCOMPARE(config->maxRequestBytes, qint64(16) * 1024 * 1024);
    }

    void anEmptyFileKeepsTheDefaults()
    {
        auto config = readServerConfig(write("# nothing set yet\n\n[server]\n"));
        QVERIFY2(config.has_value(), Test::why(config).constData());
        QVERIFY(sameConfig(*config, ServerConfig()));
        QCOMPARE(listenText(*config), QStringLiteral("127.0.0.1:8443"));
    }

    void badLinesAreNamed_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("says");
        const QByteArray head = "# server\n[server]\n";
        QTest::newRow("no equals sign") << head + "listen 127.0.0.1:8443\n" << 3 << "key = value";
        QTest::newRow("no key") << head + "= 8443\n" << 3 << "key = value";
        QTest::newRow("unknown key") << head + "colour = blue\n" << 3 << "unknown key \"colour\"";
        QTest::newRow("flag name as key") << head + "db = city.gpkg\n" << 3 << "unknown key";
        QTest::newRow("other section")
            << QByteArray("[client]\nlisten = 127.0.0.1:1\n") << 1 << "[client]";
        QTest::newRow("empty value") << head + "database =\n" << 3 << "needs a value";
        QTest::newRow("twice") << head + "key = a.key\n\nkey = b.key\n" << 5 << "on line 3";
        QTest::newRow("port -1") << head + "listen = 127.0.0.1:-1\n" << 3 << "not a port";
        QTest::newRow("port too large") << head + "listen = 127.0.0.1:70000\n" << 3 << "not a port";
        QTest::newRow("port not a number") << head + "listen = 127.0.0.1:https\n"
                                           << 3 << "not a port";
        QTest::newRow("no port") << head + "listen = 127.0.0.1\n" << 3 << "ADDRESS:PORT";
        QTest::newRow("name for address") << head + "listen = localhost:8443\n"
                                          << 3 << "not an IP address";
        QTest::newRow("address out of range") << head + "listen = 300.1.1.1:8443\n"
                                              << 3 << "not an IP address";
        QTest::newRow("IPv6 without brackets") << head + "listen = ::1:8443\n" << 3 << "brackets";
        QTest::newRow("unclosed bracket") << head + "listen = [::1:8443\n" << 3 << "ADDRESS:PORT";
        QTest::newRow("log level") << head + "log_level = verbose\n" << 3 << "not a log level";
        QTest::newRow("zero hours") << head + "session_hours = 0\n" << 3 << "session length";
        QTest::newRow("hours in words") << head + "session_hours = twelve\n"
                                        << 3 << "session length";
        QTest::newRow("request too small") << head + "max_request_bytes = 10\n"
                                           << 3 << "request size";
        QTest::newRow("request unit") << head + "max_request_bytes = 8X\n" << 3 << "request size";
    }

    void badLinesAreNamed()
    {
        QFETCH(QByteArray, content);
        QFETCH(int, line);
        QFETCH(QString, says);
        const QString path = write(content);
        auto config = readServerConfig(path);
        QVERIFY(!config.has_value());
        QCOMPARE(config.error().code, ErrorCode::InvalidArgument);
        const QString message = config.error().message;
        QVERIFY2(message.startsWith(QStringLiteral("%1, line %2: ").arg(path).arg(line)),
            qPrintable(message));
        QVERIFY2(message.contains(says), qPrintable(message));
    }

    void unreadableFilesAreNamed()
    {
        const QString missing = m_dir.filePath("missing.conf");
        auto absent = readServerConfig(missing);
        QCOMPARE(absent.error().code, ErrorCode::FileNotFound);
        QVERIFY(absent.error().message.contains(missing));

        const QString latin1 = write("database = caf\xE9.gpkg\n");
        auto notUtf8 = readServerConfig(latin1);
        QCOMPARE(notUtf8.error().code, ErrorCode::UnreadableFile);
        QVERIFY(notUtf8.error().message.contains(latin1));
    }

    void flagsOverrideTheFile()
    {
        auto config = readServerConfig(write("listen = 127.0.0.1:8443\ncertificate = a.pem\n"
                                             "key = a.key\ndatabase = a.gpkg\nlog_level = info\n"
                                             "session_hours = 8\n"));
        QVERIFY2(config.has_value(), Test::why(config).constData());
        auto applied = applyServerFlags(*config,
            {"--listen", "[::1]:9443", "--cert=/srv/tls/b.pem", "--key", "b.key", "--db",
                "/srv/b.gpkg", "--log-level=warning"});
        QVERIFY2(applied.has_value(), Test::why(applied).constData());
        QCOMPARE(config->listenAddress, QHostAddress(QHostAddress::LocalHostIPv6));
        QCOMPARE(config->port, quint16(9443));
        QCOMPARE(config->certificatePath, QStringLiteral("/srv/tls/b.pem"));
        QCOMPARE(config->keyPath, QDir::current().absoluteFilePath("b.key"));
        QCOMPARE(config->database, QStringLiteral("/srv/b.gpkg"));
        QCOMPARE(config->logLevel, QStringLiteral("warning"));
        QCOMPARE(config->sessionHours, 8); // no flag for it: the file's value stays
        QCOMPARE(listenText(*config), QStringLiteral("[::1]:9443"));
    }

    void listensOnIpv6_data()
    {
        QTest::addColumn<QString>("listen");
        QTest::addColumn<QString>("address");
        QTest::addColumn<int>("port");
        QTest::newRow("loopback") << "[::1]:8443"
                                  << "::1" << 8443;
        QTest::newRow("any") << "[::]:443"
                             << "::" << 443;
        QTest::newRow("global") << "[2001:db8::10]:65535"
                                << "2001:db8::10" << 65535;
    }

    void listensOnIpv6()
    {
        QFETCH(QString, listen);
        QFETCH(QString, address);
        QFETCH(int, port);
        auto fromFile = readServerConfig(write(QByteArray("listen = ") + listen.toUtf8() + "\n"));
        QVERIFY2(fromFile.has_value(), Test::why(fromFile).constData());
        QCOMPARE(fromFile->listenAddress, QHostAddress(address));
        QCOMPARE(fromFile->listenAddress.protocol(), QAbstractSocket::IPv6Protocol);
        QCOMPARE(int(fromFile->port), port);
        QCOMPARE(listenText(*fromFile), listen);

        ServerConfig fromFlag;
        QVERIFY(applyServerFlags(fromFlag, {"--listen=" + listen}).has_value());
        QVERIFY(sameConfig(fromFlag, *fromFile));
    }

    void badFlagsAreNamedAndChangeNothing_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("says");
        QTest::newRow("no value") << QStringList({"--db"}) << "--db needs a value";
        QTest::newRow("empty value") << QStringList({"--db="}) << "--db needs a value";
        QTest::newRow("flag for value")
            << QStringList({"--listen", "--cert", "c.pem"}) << "--listen needs a value";
        QTest::newRow("unknown flag") << QStringList({"--port", "1"}) << "\"--port\"";
        QTest::newRow("file key as flag")
            << QStringList({"--session_hours=3"}) << "--session_hours=3";
        QTest::newRow("positional") << QStringList({"city.gpkg"}) << "\"city.gpkg\"";
        QTest::newRow("twice") << QStringList({"--db", "a.gpkg", "--db", "b.gpkg"})
                               << "--db is given twice";
        QTest::newRow("log level")
            << QStringList({"--cert", "c.pem", "--log-level=loud"}) << "--log-level: ";
        QTest::newRow("port") << QStringList({"--listen=1.2.3.4:99999"}) << "--listen: ";
        QTest::newRow("IPv6 unbracketed") << QStringList({"--listen", "::1:8443"}) << "--listen: ";
    }

    void badFlagsAreNamedAndChangeNothing()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, says);
        ServerConfig config;
        config.database = QStringLiteral("/srv/kept.gpkg");
        const ServerConfig before = config;
        auto refused = applyServerFlags(config, arguments);
        QVERIFY(!refused.has_value());
        QCOMPARE(refused.error().code, ErrorCode::InvalidArgument);
        QVERIFY2(refused.error().message.contains(says), Test::why(refused).constData());
        QVERIFY(sameConfig(config, before));
    }

    void aStartableConfigPasses()
    {
        const ServerConfig config = startable();
        auto checked = checkServerConfig(config);
        QVERIFY2(checked.has_value(), Test::why(checked).constData());
    }

    void unstartableConfigsAreRefused_data()
    {
        QTest::addColumn<QString>("change");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("says");
        QTest::newRow("no certificate")
            << "certificate" << int(ErrorCode::InvalidArgument) << "No certificate";
        QTest::newRow("no key") << "key" << int(ErrorCode::InvalidArgument) << "No key";
        QTest::newRow("no database")
            << "database" << int(ErrorCode::InvalidArgument) << "No database";
        QTest::newRow("missing database")
            << "missing database" << int(ErrorCode::FileNotFound) << "does not exist";
        QTest::newRow("folder as database")
            << "folder database" << int(ErrorCode::UnreadableFile) << "not a file";
        QTest::newRow("another key")
            << "another key" << int(ErrorCode::InvalidArgument) << "is not the key";
        QTest::newRow("key as certificate")
            << "key as certificate" << int(ErrorCode::UnreadableFile) << "not a PEM certificate";
        QTest::newRow("log level") << "log level" << int(ErrorCode::InvalidArgument) << "log level";
        QTest::newRow("address") << "address" << int(ErrorCode::InvalidArgument) << "address";
        QTest::newRow("session hours")
            << "session hours" << int(ErrorCode::InvalidArgument) << "Sessions last";
        QTest::newRow("request bytes")
            << "request bytes" << int(ErrorCode::InvalidArgument) << "request may be limited";
    }

    void unstartableConfigsAreRefused()
    {
        QFETCH(QString, change);
        QFETCH(int, code);
        QFETCH(QString, says);
        ServerConfig config = startable();
        if (change == "certificate")
            config.certificatePath.clear();
        else if (change == "key")
            config.keyPath.clear();
        else if (change == "database")
            config.database.clear();
        else if (change == "missing database")
            config.database += ".missing";
        else if (change == "folder database")
            config.database = m_dir.path();
        else if (change == "another key")
            config.keyPath = startable().keyPath;
        else if (change == "key as certificate")
            config.certificatePath = config.keyPath;
        else if (change == "log level")
            config.logLevel = QStringLiteral("trace");
        else if (change == "address")
            config.listenAddress = QHostAddress();
        else if (change == "session hours")
            config.sessionHours = 0;
        else if (change == "request bytes")
            config.maxRequestBytes = 0;
        auto refused = checkServerConfig(config);
        QVERIFY(!refused.has_value());
        QCOMPARE(int(refused.error().code), code);
        QVERIFY2(refused.error().message.contains(says), Test::why(refused).constData());
    }
};

GRIDDESK_TEST_MAIN(TestServerConfig, QCoreApplication)
#include "tst_serverconfig.moc"
