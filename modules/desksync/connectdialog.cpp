// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "connectdialog.h"

#include "domain/displaytime.h"
#include "domain/text.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSslCertificate>
#include <QVBoxLayout>

namespace GridDesk {

namespace {

const auto SERVER_KEY = QStringLiteral("sync/server");
const auto CA_FILE_KEY = QStringLiteral("sync/caFile");
const auto PROBLEM_STYLE = QStringLiteral("QLabel { color: #9b1010; }");

/// An address the desk may sync with: https, a host and a port, nothing else.
bool isServerAddress(const QUrl &url)
{
    return url.isValid() && url.scheme() == QLatin1String("https") && !url.host().isEmpty()
        && url.port() > 0 && (url.path().isEmpty() || url.path() == QLatin1String("/"))
        && !url.hasQuery() && !url.hasFragment() && url.userInfo().isEmpty();
}

} // namespace

ConnectDialog::ConnectDialog(QWidget *parent)
    : QDialog(parent)
    , m_server(new QLineEdit(this))
    , m_user(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_caFile(new QLineEdit(this))
    , m_caInfo(new QLabel(this))
    , m_message(new QLabel(this))
    , m_connect(new QPushButton(tr("Connect"), this))
{
    setObjectName(QStringLiteral("connectDialog"));
    setWindowTitle(tr("Connect to server"));
    m_server->setObjectName(QStringLiteral("server"));
    m_server->setPlaceholderText(tr("https://HOST:PORT"));
    m_user->setObjectName(QStringLiteral("user"));
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_caFile->setObjectName(QStringLiteral("caFile"));
    m_caFile->setPlaceholderText(tr("none: the system's trusted certificates"));
    m_caInfo->setObjectName(QStringLiteral("caInfo"));
    m_caInfo->setWordWrap(true);
    m_caInfo->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setVisible(false);
    m_connect->setObjectName(QStringLiteral("connect"));
    m_connect->setDefault(true);

    auto *choose = new QPushButton(tr("Choose…"), this);
    choose->setObjectName(QStringLiteral("chooseCaFile"));
    auto *caRow = new QHBoxLayout;
    caRow->addWidget(m_caFile, 1);
    caRow->addWidget(choose);

    auto *form = new QFormLayout;
    form->addRow(tr("Server:"), m_server);
    form->addRow(tr("User:"), m_user);
    form->addRow(tr("Password:"), m_password);
    form->addRow(tr("CA certificate:"), caRow);
    form->addRow(QString(), m_caInfo);

    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_connect, QDialogButtonBox::AcceptRole);
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancel"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("The desk sends its actions to the city's server and takes "
                                    "in what other desks did. The password is kept only while "
                                    "the desk runs."),
        this));
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    setMinimumWidth(520);

    const QSettings settings;
    m_server->setText(settings.value(SERVER_KEY).toString());
    m_caFile->setText(settings.value(CA_FILE_KEY).toString());
    describeCaFile();

    connect(m_connect, &QPushButton::clicked, this, &ConnectDialog::submit);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(choose, &QPushButton::clicked, this, &ConnectDialog::chooseCaFile);
    connect(m_caFile, &QLineEdit::editingFinished, this, &ConnectDialog::describeCaFile);
}

void ConnectDialog::setServer(const QString &server)
{
    m_server->setText(server);
}

QString ConnectDialog::server() const
{
    return m_server->text().trimmed();
}

QString ConnectDialog::caFile() const
{
    return m_caFile->text().trimmed();
}

Result<Sync::ClientOptions> ConnectDialog::options() const
{
    const QUrl url(server(), QUrl::StrictMode);
    if (!isServerAddress(url)) {
        return fail(ErrorCode::InvalidArgument,
            tr("The server's address must be https://HOST:PORT, such as "
               "https://griddesk.example.org:8443, not \"%1\"; the desk syncs over HTTPS only.")
                .arg(printableText(server())));
    }
    if (m_user->text().trimmed().isEmpty())
        return fail(ErrorCode::InvalidArgument, tr("Give the name of your account on the server."));
    if (m_password->text().isEmpty())
        return fail(ErrorCode::InvalidArgument, tr("Give your password."));

    Sync::ClientOptions options;
    options.server = url.adjusted(QUrl::RemovePath);
    options.user = m_user->text().trimmed();
    options.password = m_password->text().toUtf8();
    if (!caFile().isEmpty()) {
        auto certificates = Sync::readCaFile(caFile());
        if (!certificates)
            return std::unexpected(certificates.error());
        options.caCertificates = *certificates;
    }
    return options;
}

void ConnectDialog::chooseCaFile()
{
    const QString start = caFile().isEmpty() ? QDir::homePath() : QFileInfo(caFile()).path();
    const QString path = QFileDialog::getOpenFileName(this, tr("The city's CA certificate"), start,
        tr("Certificates (*.pem *.crt *.cer);;All files (*)"));
    if (path.isEmpty())
        return;
    m_caFile->setText(path);
    describeCaFile();
}

void ConnectDialog::describeCaFile()
{
    if (caFile().isEmpty()) {
        m_caInfo->clear();
        m_caInfo->setVisible(false);
        return;
    }
    m_caInfo->setVisible(true);
    const auto certificates = Sync::readCaFile(caFile());
    if (!certificates) {
        m_caInfo->setText(certificates.error().message);
        m_caInfo->setStyleSheet(PROBLEM_STYLE);
        return;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QStringList lines;
    bool problem = false;
    for (const QSslCertificate &certificate : *certificates) {
        const QString subject = printableText(certificate.subjectDisplayName());
        const QString expiry = displayDateTime(certificate.expiryDate().toLocalTime());
        if (certificate.expiryDate() < now) {
            problem = true;
            //: %1 is a certificate's subject, %2 a date and time
            lines << tr("%1, expired on %2: it will be refused.").arg(subject, expiry);
        } else if (certificate.effectiveDate() > now) {
            problem = true;
            lines << tr("%1, not valid before %2.")
                         .arg(subject, displayDateTime(certificate.effectiveDate().toLocalTime()));
        } else {
            lines << tr("%1, valid until %2.").arg(subject, expiry);
        }
    }
    m_caInfo->setText(lines.join(u'\n'));
    m_caInfo->setStyleSheet(problem ? PROBLEM_STYLE : QString());
}

void ConnectDialog::submit()
{
    auto typed = options();
    if (!typed) {
        showMessage(typed.error().message, true);
        return;
    }
    m_connect->setEnabled(false);
    showMessage(tr("Connecting to %1…").arg(typed->server.authority()), false);
    Q_EMIT connectRequested(*typed);
}

void ConnectDialog::showConnected()
{
    QSettings settings;
    settings.setValue(SERVER_KEY, server());
    settings.setValue(CA_FILE_KEY, caFile());
    accept();
}

void ConnectDialog::showFailure(const QString &message)
{
    m_connect->setEnabled(true);
    showMessage(message, true);
}

void ConnectDialog::showMessage(const QString &message, bool problem)
{
    m_message->setText(message);
    m_message->setStyleSheet(problem ? PROBLEM_STYLE : QString());
    m_message->setVisible(true);
}

} // namespace GridDesk
