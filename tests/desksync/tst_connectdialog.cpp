// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "desksync/connectdialog.h"

#include "server/certificates.h"
#include "support/testsupport.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace GridDesk;

class TestConnectDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void addressIsHttpsHostAndPort_data();
    void addressIsHttpsHostAndPort();
    void passwordIsNotEchoed();
    void caCertificateIsDescribed_data();
    void caCertificateIsDescribed();
    void connectsWithWhatWasTyped();
    void failureKeepsTheDialogOpen();
    void remembersAddressAndCaButNotThePassword();

private:
    template<typename T>
    static T *child(QWidget *parent, const char *name)
    {
        return parent->findChild<T *>(QLatin1String(name));
    }
    void fill(ConnectDialog &dialog, const QString &server, const QString &caFile = {});

    QTemporaryDir m_dir;
    QString m_caPath;
    QString m_expiredPath;
};

void TestConnectDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("GridDeskTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_connectdialog"));
    QVERIFY(m_dir.isValid());
    m_caPath = m_dir.filePath(QStringLiteral("city-ca.pem"));
    const QString caKey = m_dir.filePath(QStringLiteral("city-ca.key"));
    const auto ca = writeCertificateAuthority(m_caPath, caKey, QStringLiteral("City grid CA"), 365);
    QVERIFY2(ca.has_value(), Test::why(ca).constData());
    // A server certificate that ran out last year.
    m_expiredPath = m_dir.filePath(QStringLiteral("expired.pem"));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const auto expired = writeIssuedCertificate(m_caPath, caKey, m_expiredPath,
        m_dir.filePath(QStringLiteral("expired.key")), {QStringLiteral("127.0.0.1")},
        now.addDays(-400), now.addDays(-35));
    QVERIFY2(expired.has_value(), Test::why(expired).constData());
}

void TestConnectDialog::init()
{
    QSettings().clear();
}

void TestConnectDialog::fill(ConnectDialog &dialog, const QString &server, const QString &caFile)
{
    child<QLineEdit>(&dialog, "server")->setText(server);
    child<QLineEdit>(&dialog, "user")->setText(QStringLiteral("chen"));
    child<QLineEdit>(&dialog, "password")->setText(QStringLiteral("s3cret horse"));
    child<QLineEdit>(&dialog, "caFile")->setText(caFile);
}

void TestConnectDialog::addressIsHttpsHostAndPort_data()
{
    QTest::addColumn<QString>("server");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("https with port") << QStringLiteral("https://127.0.0.1:8443") << true;
    QTest::newRow("IPv6 loopback") << QStringLiteral("https://[::1]:8443") << true;
    QTest::newRow("trailing slash") << QStringLiteral("https://desk.example.org:8443/") << true;
    QTest::newRow("plain http") << QStringLiteral("http://127.0.0.1:8443") << false;
    QTest::newRow("no port") << QStringLiteral("https://127.0.0.1") << false;
    QTest::newRow("a path") << QStringLiteral("https://127.0.0.1:8443/v1") << false;
    QTest::newRow("a query") << QStringLiteral("https://127.0.0.1:8443?x=1") << false;
    QTest::newRow("credentials") << QStringLiteral("https://chen:pw@127.0.0.1:8443") << false;
    QTest::newRow("no scheme") << QStringLiteral("127.0.0.1:8443") << false;
    QTest::newRow("empty") << QString() << false;
}

void TestConnectDialog::addressIsHttpsHostAndPort()
{
    QFETCH(QString, server);
    QFETCH(bool, accepted);
    ConnectDialog dialog;
    fill(dialog, server);
    QSignalSpy requested(&dialog, &ConnectDialog::connectRequested);
    QTest::mouseClick(child<QPushButton>(&dialog, "connect"), Qt::LeftButton);
    QCOMPARE(requested.size(), accepted ? 1 : 0);
    auto *message = child<QLabel>(&dialog, "message");
    if (!accepted)
        QVERIFY2(message->text().contains(QLatin1String("https://HOST:PORT")),
            qPrintable(message->text()));
}

void TestConnectDialog::passwordIsNotEchoed()
{
    ConnectDialog dialog;
    QCOMPARE(child<QLineEdit>(&dialog, "password")->echoMode(), QLineEdit::Password);
}

void TestConnectDialog::caCertificateIsDescribed_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<bool>("usable");
    QTest::newRow("city CA") << m_caPath << QStringLiteral("City grid CA, valid until ") << true;
    QTest::newRow("expired") << m_expiredPath << QStringLiteral("expired on") << true;
    QTest::newRow("not a certificate") << m_dir.filePath(QStringLiteral("city-ca.key"))
                                       << QStringLiteral("holds no PEM certificate") << false;
    QTest::newRow("missing") << m_dir.filePath(QStringLiteral("nothing.pem"))
                             << QStringLiteral("cannot be read") << false;
}

void TestConnectDialog::caCertificateIsDescribed()
{
    QFETCH(QString, file);
    QFETCH(QString, expected);
    QFETCH(bool, usable);
    ConnectDialog dialog;
    fill(dialog, QStringLiteral("https://127.0.0.1:8443"));
    auto *caFile = child<QLineEdit>(&dialog, "caFile");
    caFile->setText(file);
    Q_EMIT caFile->editingFinished();
    const QString info = child<QLabel>(&dialog, "caInfo")->text();
    QVERIFY2(info.contains(expected), qPrintable(info));

    // The options carry the certificates, or the dialog refuses to connect and says why.
    const auto options = dialog.options();
    QCOMPARE(options.has_value(), usable);
    if (usable)
        QCOMPARE(options->caCertificates.size(), 1);
}

void TestConnectDialog::connectsWithWhatWasTyped()
{
    ConnectDialog dialog;
    fill(dialog, QStringLiteral(" https://127.0.0.1:8443/ "), m_caPath);
    QSignalSpy requested(&dialog, &ConnectDialog::connectRequested);
    QTest::mouseClick(child<QPushButton>(&dialog, "connect"), Qt::LeftButton);
    QCOMPARE(requested.size(), 1);
    const auto options = requested.first().first().value<Sync::ClientOptions>();
    QCOMPARE(options.server, QUrl(QStringLiteral("https://127.0.0.1:8443")));
    QCOMPARE(options.user, QStringLiteral("chen"));
    QCOMPARE(options.password, QByteArray("s3cret horse"));
    QCOMPARE(options.caCertificates.size(), 1);
    // Waiting for the login: no second request meanwhile.
    QVERIFY(!child<QPushButton>(&dialog, "connect")->isEnabled());
}

void TestConnectDialog::failureKeepsTheDialogOpen()
{
    ConnectDialog dialog;
    dialog.show();
    fill(dialog, QStringLiteral("https://127.0.0.1:8443"));
    QTest::mouseClick(child<QPushButton>(&dialog, "connect"), Qt::LeftButton);
    const QString refusal = QStringLiteral("POST https://127.0.0.1:8443/v1/login: the server's "
                                           "certificate is not trusted (self-signed).");
    dialog.showFailure(refusal);
    QVERIFY(dialog.isVisible());
    QCOMPARE(child<QLabel>(&dialog, "message")->text(), refusal);
    QVERIFY(child<QPushButton>(&dialog, "connect")->isEnabled());
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
}

void TestConnectDialog::remembersAddressAndCaButNotThePassword()
{
    {
        ConnectDialog dialog;
        dialog.show();
        fill(dialog, QStringLiteral("https://127.0.0.1:8443"), m_caPath);
        QTest::mouseClick(child<QPushButton>(&dialog, "connect"), Qt::LeftButton);
        dialog.showConnected();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }
    QSettings settings;
    QStringList values;
    for (const QString &key : settings.allKeys())
        values << settings.value(key).toString();
    QVERIFY2(!values.join(u'\n').contains(QLatin1String("s3cret")), qPrintable(values.join(u',')));
    QCOMPARE(settings.allKeys().size(), 2);

    ConnectDialog again;
    QCOMPARE(child<QLineEdit>(&again, "server")->text(), QStringLiteral("https://127.0.0.1:8443"));
    QCOMPARE(child<QLineEdit>(&again, "caFile")->text(), m_caPath);
    QVERIFY(child<QLineEdit>(&again, "password")->text().isEmpty());
    QVERIFY(child<QLabel>(&again, "caInfo")->text().contains(QLatin1String("City grid CA")));
}

GRIDDESK_TEST_MAIN(TestConnectDialog, QApplication)
#include "tst_connectdialog.moc"
