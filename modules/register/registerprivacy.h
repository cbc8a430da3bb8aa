// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "registerentry.h"
#include "registerschema.h"

#include "domain/error.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace GridDesk {

class Workspace;

/// A personal value as everyone sees it, by its class: ID numbers and phone numbers as the org
/// chart masks them, a name with only its first character, an address with its first half.
QString maskPersonal(PersonalClass personal, const QString &value);

/// The keys ("name", "address" or field keys) of an entry that hold personal data and are
/// not blank.
QStringList personalKeys(const RegisterSchema &schema, const RegisterEntry &entry);

/// The entry with every personal value masked: what lists, exports and the command line show.
RegisterEntry maskedEntry(const RegisterSchema &schema, const RegisterEntry &entry);

/// Whether a role may see the register's personal data unmasked: the same roles that may
/// reveal the org chart's personal numbers.
bool mayRevealRegister(const QString &role);

/// One line of the register's reveal log.
struct RegisterReveal
{
    QString revealedBy;
    QString role;
    QString entryCode;
    QString field; ///< "name", "address" or a field key
    QString reason;
    QDateTime revealedAt;
};

/// Returns the entries unmasked after writing, in one transaction, a line per personal value
/// shown to the reveal log: when the log cannot be written, nothing is revealed. Refused
/// (Forbidden) for a role without the right and (InvalidArgument) without who or a reason.
Result<QList<RegisterEntry>> revealEntries(Workspace &workspace, const RegisterSchema &schema,
    const QList<RegisterEntry> &entries, const QString &who, const QString &role,
    const QString &why, const QDateTime &at = QDateTime::currentDateTimeUtc());

/// The register's reveal log, oldest first.
Result<QList<RegisterReveal>> registerRevealLog(const Workspace &workspace);

} // namespace GridDesk
