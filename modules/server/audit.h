// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace GridDesk {

class Workspace;

/// One line of the server's audit trail: logins, failed logins, lockouts, account changes,
/// refused requests. The trail is append-only; the file itself refuses to change or delete it.
struct AuditEntry
{
    qint64 id = 0; ///< 0 until written
    QDateTime at; ///< UTC
    QString userName; ///< the account concerned, or the name someone tried to log in with
    QString what; ///< a stable key: "login", "login_failed", "lockout", "user_created" …
    QString detail; ///< in English, for administrators; never a password or a token
};

/// Appends entry to the audit trail of store's server tables. Call inside a
/// Workspace::transaction() to record it together with what it describes; alone, it is its own
/// statement. Refused (InvalidArgument) for a blank what; control characters in the user name
/// and detail are written as spaces.
Result<void> appendAudit(Workspace &store, const AuditEntry &entry);

/// The last limit entries of the audit trail (all of them when limit is negative), oldest
/// first.
Result<QList<AuditEntry>> auditTrail(const Workspace &store, int limit = -1);

} // namespace GridDesk
