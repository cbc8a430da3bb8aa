// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "orgchart.h"

#include "domain/error.h"

#include <QDateTime>
#include <QString>

namespace GridDesk {

class Workspace;

/// The personal numbers the org chart keeps about a person.
enum class PersonalField { Phone, IdNumber, Count };

QString personalFieldKey(PersonalField field); ///< "phone" or "id_number"

/// An ID number as everyone sees it: the first four and last four characters, the rest as
/// stars (4403**********1234). Text too short to keep anything is all stars.
QString maskIdNumber(const QString &number);
/// A phone number as everyone sees it: the first three and last four digits (138****5678).
QString maskPhone(const QString &number);
/// The field of person, masked.
QString maskedField(const Person &person, PersonalField field);

/// Masks every person's numbers in parts: how the chart leaves the place that holds them.
void maskNumbers(OrgParts &parts);
/// Gives people in parts the clear numbers holder has where parts carry them masked: a masked
/// number that matches the clear one held is that number, unchanged.
void keepClearNumbers(OrgParts &parts, const OrgChart &holder);

/// Whether a role may reveal personal numbers: "leader" and "administrator" may.
bool mayReveal(const QString &role);

/// One line of the reveal log.
struct Reveal
{
    QString revealedBy;
    QString role;
    qint64 personId = 0;
    QString field;
    QString reason;
    QDateTime revealedAt;
};

/// Returns the field of person unmasked and records who saw it, in which role, why and when
/// in the workspace's append-only reveal log, in the same transaction: when the record cannot
/// be written, nothing is revealed. Refused (Forbidden) for a role that may not reveal, and
/// (InvalidArgument) for a blank reason or who.
Result<QString> reveal(Workspace &workspace, const Person &person, PersonalField field,
    const QString &who, const QString &role, const QString &why,
    const QDateTime &at = QDateTime::currentDateTimeUtc());

/// The reveal log, oldest first.
Result<QList<Reveal>> revealLog(const Workspace &workspace);

} // namespace GridDesk
