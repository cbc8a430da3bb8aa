// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"
#include "sync/syncclient.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace GridDesk {

/// Connects the desk to its server: the address (https://HOST:PORT), the account's name and
/// password, and the city's CA certificate when the server's certificate is not one the
/// system trusts (its subject and expiry are shown once read). Connect checks what was typed
/// and emits connectRequested; the owner logs in and answers with showConnected() or
/// showFailure(), which keeps the dialog open with the reason. The password is held by the
/// line edit only while the dialog lives, and is never saved; the address and the CA file are
/// remembered for the next time.
class ConnectDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ConnectDialog(QWidget *parent = nullptr);

    void setServer(const QString &server);
    QString server() const;
    QString caFile() const;
    /// What was typed as client options, or what is wrong with it in words.
    Result<Sync::ClientOptions> options() const;

public Q_SLOTS:
    /// The login succeeded: remembers the address and the CA file, and closes.
    void showConnected();
    /// The login failed: says why and lets the person try again.
    void showFailure(const QString &message);

Q_SIGNALS:
    void connectRequested(const GridDesk::Sync::ClientOptions &options);

private:
    void chooseCaFile();
    void describeCaFile();
    void submit();
    void showMessage(const QString &message, bool problem);

    QLineEdit *m_server;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QLineEdit *m_caFile;
    QLabel *m_caInfo;
    QLabel *m_message;
    QPushButton *m_connect;
};

} // namespace GridDesk
