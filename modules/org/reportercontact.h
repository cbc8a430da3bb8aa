// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace GridDesk {

class Workspace;

// A report keeps the citizen's contact (an Open311 request's email, names and phone) as an
// object under "contact" in its report event's data, with the keys of contactKeys().

/// The keys a contact may hold, in the order they are shown: "first_name", "last_name",
/// "email", "phone", "device_id", "account_id".
QStringList contactKeys();

/// A contact as everyone sees it: names with only their first character, an email with the
/// first character of its mailbox and its domain, a phone as the org chart masks one, device
/// and account ids as ID numbers are masked. A key it does not know is masked whole.
QJsonObject maskedContact(const QJsonObject &contact);

/// Event data with its contact, if any, masked; the rest unchanged.
QJsonObject withContactMasked(const QJsonObject &data);

/// The contact in one line: "Jane Doe, j***@example.org, 555****4567, device D***1, …",
/// each part labelled where it is not plain.
QString contactText(const QJsonObject &contact);

/// Whether a role (its key) may see a reporter's contact unmasked: the roles that may reveal
/// the org chart's and the register's personal data.
bool mayRevealContact(const QString &role);

/// Returns contact unmasked after recording, in one transaction, a line per value shown in
/// the workspace's append-only log of personal data revealed (register_reveals, under the
/// entry "case:SOURCE:ID" and the field "contact.KEY"): when the record cannot be written,
/// nothing is revealed. Refused (Forbidden) for a role without the right and
/// (InvalidArgument) without who or a reason.
Result<QJsonObject> revealContact(Workspace &workspace, const QString &caseKey,
    const QJsonObject &contact, const QString &who, const QString &role, const QString &why,
    const QDateTime &at = QDateTime::currentDateTimeUtc());

/// The entry code a case's contact reveals are recorded under: "case:SOURCE:ID".
QString contactRevealCode(const QString &source, const QString &externalId);

} // namespace GridDesk
