// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "server/certificates.h"

#include "support/testsupport.h"

#include <QFile>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslCertificateExtension>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTemporaryDir>

#include <sys/stat.h>

using namespace GridDesk;

namespace {

int fileMode(const QString &path)
{
    struct stat status
    { };
    if (::stat(QFile::encodeName(path).constData(), &status) != 0)
        return -1;
    return int(status.st_mode & 0777);
}

QSslCertificate certificateAt(const QString &path)
{
    const QList<QSslCertificate> loaded = QSslCertificate::fromPath(path, QSsl::Pem);
    return loaded.size() == 1 ? loaded.first() : QSslCertificate();
}

QSslKey keyAt(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QSslKey(&file, QSsl::Ec, QSsl::Pem);
}

QSslCertificateExtension extension(const QSslCertificate &certificate, const QString &name)
{
    for (const QSslCertificateExtension &found : certificate.extensions()) {
        if (found.name() == name)
            return found;
    }
    return {};
}

QList<QSslError::SslError> errorKinds(const QList<QSslError> &errors)
{
    QList<QSslError::SslError> kinds;
    for (const QSslError &error : errors)
        kinds << error.error();
    return kinds;
}

} // namespace

class TestCertificates : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_caCertificate;
    QString m_caKey;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    /// Writes a certificate for hosts signed by the test CA under name.pem and name.key.
    void issue(const QString &name, const QStringList &hosts, const QDateTime &notBefore,
        const QDateTime &notAfter)
    {
        auto written = writeIssuedCertificate(m_caCertificate, m_caKey, path(name + ".pem"),
            path(name + ".key"), hosts, notBefore, notAfter);
        QVERIFY2(written.has_value(), Test::why(written).constData());
    }

    /// Serves name.pem and name.key on a loopback port and connects to it as peerName with
    /// trusted as the only CA. expected is the TLS error the client must see, -1 for none.
    void handshake(
        const QString &name, const QString &trusted, const QString &peerName, int expected)
    {
        QSslServer server;
        QSslConfiguration serverSide = QSslConfiguration::defaultConfiguration();
        serverSide.setLocalCertificate(certificateAt(path(name + ".pem")));
        serverSide.setPrivateKey(keyAt(path(name + ".key")));
        QVERIFY(!serverSide.privateKey().isNull());
        server.setSslConfiguration(serverSide);
        QVERIFY(server.listen(QHostAddress::LocalHost));

        QSslSocket client;
        QSslConfiguration clientSide = QSslConfiguration::defaultConfiguration();
        clientSide.setCaCertificates({certificateAt(trusted)});
        client.setSslConfiguration(clientSide);
        QSignalSpy encrypted(&client, &QSslSocket::encrypted);
        QSignalSpy refused(&client, &QSslSocket::sslErrors);
        client.connectToHostEncrypted("127.0.0.1", server.serverPort(), peerName);

        if (expected < 0) {
            QVERIFY(encrypted.wait(10000));
            QCOMPARE(refused.count(), 0);
            QCOMPARE(client.peerCertificate(), certificateAt(path(name + ".pem")));
            return;
        }
        QVERIFY(refused.wait(10000));
        const auto errors = refused.first().first().value<QList<QSslError>>();
        QVERIFY2(errorKinds(errors).contains(QSslError::SslError(expected)),
            qPrintable(errors.value(0).errorString()));
        QCOMPARE(encrypted.count(), 0);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QSslSocket::supportsSsl(), "Qt has no TLS backend on this machine");
        m_caCertificate = path("ca.pem");
        m_caKey = path("ca.key");
        auto written = writeCertificateAuthority(m_caCertificate, m_caKey, "Chaoyang test CA", 30);
        QVERIFY2(written.has_value(), Test::why(written).constData());
    }

    void theAuthorityIsACa()
    {
        const QSslCertificate ca = certificateAt(m_caCertificate);
        QVERIFY(!ca.isNull());
        QVERIFY(ca.isSelfSigned());
        QCOMPARE(ca.subjectInfo(QSslCertificate::CommonName), QStringList("Chaoyang test CA"));
        const QVariantMap constraints = extension(ca, "basicConstraints").value().toMap();
        QCOMPARE(constraints.value("ca").toBool(), true);
        QCOMPARE(constraints.value("pathLenConstraint").toInt(), 0);
        QVERIFY(extension(ca, "basicConstraints").isCritical());
        QVERIFY(extension(ca, "keyUsage").isCritical());
        QVERIFY(extension(ca, "keyUsage").value().toStringList().contains("Certificate Sign"));
        QVERIFY(extension(ca, "subjectKeyIdentifier").isSupported());
        QVERIFY(qAbs(ca.expiryDate().secsTo(QDateTime::currentDateTimeUtc().addDays(30))) < 60);
        QCOMPARE(fileMode(m_caKey), 0600);
    }

    void issuedCertificateNamesItsHosts()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        issue("hosts", {"127.0.0.1", "localhost", "::1", "Grid.Example"}, now.addSecs(-60),
            now.addDays(7));
        const QSslCertificate leaf = certificateAt(path("hosts.pem"));
        QVERIFY(!leaf.isNull());
        QVERIFY(!leaf.isSelfSigned());
        QCOMPARE(leaf.subjectInfo(QSslCertificate::CommonName), QStringList("127.0.0.1"));
        QCOMPARE(leaf.issuerInfo(QSslCertificate::CommonName), QStringList("Chaoyang test CA"));
        const auto names = leaf.subjectAlternativeNames();
        QCOMPARE(names.values(QSsl::DnsEntry).size(), 2);
        QVERIFY(names.values(QSsl::DnsEntry).contains("localhost"));
        QVERIFY(names.values(QSsl::DnsEntry).contains("grid.example"));
        QCOMPARE(names.values(QSsl::IpAddressEntry).size(), 2);
        QVERIFY(names.values(QSsl::IpAddressEntry).contains("127.0.0.1"));
        QCOMPARE(extension(leaf, "basicConstraints").value().toMap().value("ca").toBool(), false);
        QVERIFY(extension(leaf, "extendedKeyUsage")
                    .value()
                    .toStringList()
                    .contains("TLS Web Server Authentication"));
        QVERIFY(extension(leaf, "authorityKeyIdentifier").isSupported());
        // 128 random bits with the top one set: 16 bytes, shown as 16 hex pairs.
        QCOMPARE(leaf.serialNumber().split(':').size(), 16);
        QVERIFY(leaf.serialNumber() != certificateAt(m_caCertificate).serialNumber());

        QVERIFY(!keyAt(path("hosts.key")).isNull());
        QCOMPARE(fileMode(path("hosts.key")), 0600);
        QVERIFY(checkCertificateAndKey(path("hosts.pem"), path("hosts.key"), now).has_value());
    }

    void verifiesAgainstTheCa()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        issue("verify", {"127.0.0.1", "localhost"}, now.addSecs(-60), now.addDays(7));
        const QSslCertificate leaf = certificateAt(path("verify.pem"));

        const QSslConfiguration original = QSslConfiguration::defaultConfiguration();
        QVERIFY(!QSslCertificate::verify({leaf}, "localhost").isEmpty()); // the CA is unknown
        QSslConfiguration trusting = original;
        trusting.addCaCertificate(certificateAt(m_caCertificate));
        QSslConfiguration::setDefaultConfiguration(trusting);
        const QList<QSslError> good = QSslCertificate::verify({leaf}, "localhost");
        const QList<QSslError> wrongHost = QSslCertificate::verify({leaf}, "grid.example");
        QSslConfiguration::setDefaultConfiguration(original);

        QVERIFY2(good.isEmpty(), qPrintable(good.value(0).errorString()));
        QCOMPARE(errorKinds(wrongHost), QList<QSslError::SslError>({QSslError::HostNameMismatch}));
    }

    void handshakesOverLoopback_data()
    {
        QTest::addColumn<QString>("peerName");
        QTest::addColumn<int>("startDays");
        QTest::addColumn<int>("endDays");
        QTest::addColumn<int>("expected"); // -1: the handshake succeeds
        QTest::newRow("by address") << "127.0.0.1" << -1 << 7 << -1;
        QTest::newRow("by name") << "localhost" << -1 << 7 << -1;
        QTest::newRow("expired") << "localhost" << -30 << -1 << int(QSslError::CertificateExpired);
        QTest::newRow("not yet valid")
            << "localhost" << 1 << 30 << int(QSslError::CertificateNotYetValid);
        QTest::newRow("other host")
            << "grid.example" << -1 << 7 << int(QSslError::HostNameMismatch);
    }

    void handshakesOverLoopback()
    {
        QFETCH(QString, peerName);
        QFETCH(int, startDays);
        QFETCH(int, endDays);
        QFETCH(int, expected);
        const QString name = QStringLiteral("handshake-%1").arg(QTest::currentDataTag());
        const QDateTime now = QDateTime::currentDateTimeUtc();
        issue(name, {"127.0.0.1", "localhost"}, now.addDays(startDays), now.addDays(endDays));
        handshake(name, m_caCertificate, peerName, expected);
    }

    void selfSignedCertificateIsItsOwnAnchor()
    {
        auto written = writeSelfSignedCertificate(
            path("self.pem"), path("self.key"), {"localhost", "127.0.0.1"}, 2);
        QVERIFY2(written.has_value(), Test::why(written).constData());
        const QSslCertificate self = certificateAt(path("self.pem"));
        QVERIFY(self.isSelfSigned());
        QCOMPARE(self.subjectInfo(QSslCertificate::CommonName), QStringList("localhost"));
        QVERIFY(self.expiryDate() > QDateTime::currentDateTimeUtc().addDays(2).addSecs(-60));
        QVERIFY(self.effectiveDate() < QDateTime::currentDateTimeUtc().addSecs(-3000));
        QCOMPARE(extension(self, "basicConstraints").value().toMap().value("ca").toBool(), false);
        QVERIFY(checkCertificateAndKey(
            path("self.pem"), path("self.key"), QDateTime::currentDateTimeUtc())
                    .has_value());
        handshake("self", path("self.pem"), "127.0.0.1", -1);
    }

    void expiredCertificatesAreReported()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        issue("expired", {"localhost"}, now.addDays(-30), now.addDays(-1));
        QVERIFY(certificateAt(path("expired.pem")).expiryDate() < now);
        auto checked = checkCertificateAndKey(path("expired.pem"), path("expired.key"), now);
        QVERIFY(!checked.has_value());
        QVERIFY2(checked.error().message.contains("expired"), Test::why(checked).constData());
        QVERIFY(checkCertificateAndKey(path("expired.pem"), path("expired.key"), now.addDays(-2))
                    .has_value());
    }

    void aKeyOfAnotherCertificateIsRefused()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        issue("one", {"localhost"}, now.addSecs(-60), now.addDays(1));
        issue("two", {"localhost"}, now.addSecs(-60), now.addDays(1));
        auto swapped = checkCertificateAndKey(path("one.pem"), path("two.key"), now);
        QCOMPARE(swapped.error().code, ErrorCode::InvalidArgument);

        auto wrongCaKey = writeIssuedCertificate(m_caCertificate, path("one.key"),
            path("three.pem"), path("three.key"), {"localhost"}, now, now.addDays(1));
        QCOMPARE(wrongCaKey.error().code, ErrorCode::InvalidArgument);
        auto notACa = writeIssuedCertificate(path("one.pem"), path("one.key"), path("four.pem"),
            path("four.key"), {"localhost"}, now, now.addDays(1));
        QCOMPARE(notACa.error().code, ErrorCode::InvalidArgument);
        auto notPem = writeIssuedCertificate(path("missing.pem"), m_caKey, path("five.pem"),
            path("five.key"), {"localhost"}, now, now.addDays(1));
        QCOMPARE(notPem.error().code, ErrorCode::UnreadableFile);
        for (const char *left : {"three.pem", "three.key", "four.pem", "four.key", "five.key"})
            QVERIFY2(!QFile::exists(path(left)), left);
    }

    void nothingIsOverwritten()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        issue("kept", {"localhost"}, now.addSecs(-60), now.addDays(1));
        QFile certificate(path("kept.pem"));
        QVERIFY(certificate.open(QIODevice::ReadOnly));
        const QByteArray before = certificate.readAll();
        certificate.close();

        auto again = writeIssuedCertificate(m_caCertificate, m_caKey, path("kept.pem"),
            path("fresh.key"), {"localhost"}, now, now.addDays(1));
        QVERIFY(!again.has_value());
        QCOMPARE(again.error().code, ErrorCode::Conflict);
        QVERIFY2(again.error().message.contains(path("kept.pem")), Test::why(again).constData());
        QVERIFY(!QFile::exists(path("fresh.key")));
        auto overKey =
            writeSelfSignedCertificate(path("fresh.pem"), path("kept.key"), {"localhost"}, 1);
        QCOMPARE(overKey.error().code, ErrorCode::Conflict);
        QVERIFY(!QFile::exists(path("fresh.pem")));
        auto overCa = writeCertificateAuthority(m_caCertificate, path("ca2.key"), "Again", 1);
        QCOMPARE(overCa.error().code, ErrorCode::Conflict);

        QVERIFY(certificate.open(QIODevice::ReadOnly));
        QCOMPARE(certificate.readAll(), before);
    }

    void keysStayPrivateWhateverTheUmask()
    {
        const mode_t previous = ::umask(0);
        auto written =
            writeSelfSignedCertificate(path("open.pem"), path("open.key"), {"localhost"}, 1);
        ::umask(previous);
        QVERIFY2(written.has_value(), Test::why(written).constData());
        QCOMPARE(fileMode(path("open.key")), 0600);
        QCOMPARE(fileMode(path("open.pem")), 0644);
    }

    void badRequestsWriteNothing_data()
    {
        QTest::addColumn<QStringList>("hosts");
        QTest::addColumn<int>("days");
        QTest::newRow("no hosts") << QStringList() << 30;
        QTest::newRow("blank host") << QStringList({" "}) << 30;
        QTest::newRow("space in a name") << QStringList({"grid server"}) << 30;
        QTest::newRow("a second entry smuggled in")
            << QStringList({"a.example,DNS:evil.example"}) << 30;
        QTest::newRow("empty label") << QStringList({"grid..example"}) << 30;
        QTest::newRow("too long for a common name")
            << QStringList({QString(70, u'a') + ".example"}) << 30;
        QTest::newRow("no days") << QStringList({"localhost"}) << 0;
        QTest::newRow("too many days") << QStringList({"localhost"}) << MAX_CERTIFICATE_DAYS + 1;
    }

    void badRequestsWriteNothing()
    {
        QFETCH(QStringList, hosts);
        QFETCH(int, days);
        auto refused = writeSelfSignedCertificate(path("bad.pem"), path("bad.key"), hosts, days);
        QVERIFY(!refused.has_value());
        QCOMPARE(refused.error().code, ErrorCode::InvalidArgument);
        QVERIFY(!QFile::exists(path("bad.pem")));
        QVERIFY(!QFile::exists(path("bad.key")));
    }

    void validityMustEndAfterItBegins()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        auto refused = writeIssuedCertificate(m_caCertificate, m_caKey, path("backwards.pem"),
            path("backwards.key"), {"localhost"}, now, now);
        QCOMPARE(refused.error().code, ErrorCode::InvalidArgument);
        QVERIFY(!QFile::exists(path("backwards.key")));
    }
};

GRIDDESK_TEST_MAIN(TestCertificates, QCoreApplication)
#include "tst_certificates.moc"
