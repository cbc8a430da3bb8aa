// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"
#include "workflow/terms.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <chrono>

namespace GridDesk {

class Workspace;

/// A person who may use the central server, in one role and for one org unit.
struct Account
{
    QString name;
    Role role = Role::Operator;
    QString unitCode;
    bool disabled = false;
    /// UTC: the end of the account's last lockout, kept until the first login attempt after it
    /// or a password reset; invalid when there is none. The account is locked while this lies
    /// ahead.
    QDateTime lockedUntil;
};

/// What a successful login hands back. The token is the only copy there is: the server keeps
/// just its hash, so it cannot be shown again.
struct Session
{
    QString token; ///< 43 characters of base64url, sent by the client with every request
    QDateTime expiresAt; ///< UTC
    Account account;
};

/// The central server's user accounts and login sessions, kept in the server's workspace
/// (tables server_users and server_sessions) with every login, failed login, lockout and
/// account change appended to its audit trail (see audit.h).
///
/// Passwords are stored only as libsodium Argon2id strings; a session token only as the hex
/// SHA-256 of it. Wrong names and wrong passwords are refused alike (Unauthorized), so a
/// caller cannot learn which names exist. Five failed logins in a row lock the account for
/// fifteen minutes.
///
/// Works on the Workspace it is given, which must outlive it, and like it is used from one
/// thread. Every write is one Workspace::transaction(). Password checks take tens of
/// milliseconds and tens of megabytes by design; a server answering many logins runs them off
/// its event-loop thread with a Workspace of their own.
class Accounts
{
public:
    /// Consecutive failed logins that lock an account.
    static constexpr int LOCKOUT_FAILURES = 5;
    /// How long a locked account stays locked.
    static constexpr std::chrono::minutes LOCKOUT_DURATION {15};
    /// Bounds of a user name, in characters, and of a password, in bytes.
    static constexpr int MAX_NAME_LENGTH = 64;
    static constexpr int MIN_PASSWORD_BYTES = 10;
    static constexpr int MAX_PASSWORD_BYTES = 1024;

    /// The accounts kept in store, which must outlive this object.
    explicit Accounts(Workspace &store);

    /// How long a session lasts from its login; 12 hours (a shift and its handover) unless
    /// set. Applies to logins from then on. A lifetime below one second counts as one second.
    void setSessionLifetime(std::chrono::seconds lifetime);
    std::chrono::seconds sessionLifetime() const { return m_lifetime; }

    /// Adds an account. Refused (InvalidArgument) for a name that is blank, longer than
    /// MAX_NAME_LENGTH characters, starts or ends with a space or holds control characters;
    /// for a password outside MIN_PASSWORD_BYTES–MAX_PASSWORD_BYTES; and
    /// for a retired unit. Refused with NotFound for a unit the workspace's org chart lacks and
    /// with Conflict for a name already taken.
    Result<void> addUser(
        const QString &name, Role role, const QString &unitCode, const QByteArray &password);
    /// Gives an account a new password, lifts a lockout and ends all its sessions. Refused
    /// (NotFound) for an unknown name and like addUser() for a bad password.
    Result<void> resetPassword(const QString &name, const QByteArray &password);
    /// Disables or enables an account; disabling ends all its sessions. A disabled account
    /// can neither log in nor use a session. Refused (NotFound) for an unknown name.
    Result<void> setDisabled(const QString &name, bool disabled);
    /// Every account, ordered by name.
    Result<QList<Account>> users() const;

    /// Checks name and password at now and opens a session lasting sessionLifetime(). Also
    /// deletes every session that has expired by now.
    ///
    /// Refused with Unauthorized and one and the same message for an unknown name and a wrong
    /// password; with Unauthorized for a disabled account (told only once the password is
    /// right); with Forbidden, saying until when, while the account is locked and on the
    /// failure that locks it. Each outcome is written to the audit trail.
    Result<Session> login(const QString &name, const QByteArray &password, const QDateTime &now);
    /// The account a session token belongs to. Refused (Unauthorized) for an empty, malformed,
    /// unknown or forged token, a session that has expired by now, an account that no longer
    /// exists or is disabled. Writes nothing.
    Result<Account> authenticate(const QString &token, const QDateTime &now) const;
    /// Ends the session of token. Refused (Unauthorized) when there is no such session.
    Result<void> logout(const QString &token);

private:
    Workspace &m_store;
    std::chrono::seconds m_lifetime {std::chrono::hours(12)};
};

} // namespace GridDesk
