// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "personaldata.h"

#include "logging.h"

#include "domain/text.h"
#include "storage/workspace.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Org)
};

QString masked(const QString &text, qsizetype head, qsizetype tail)
{
    if (text.size() <= head + tail)
        return QString(text.size(), u'*');
    return text.left(head) + QString(text.size() - head - tail, u'*') + text.right(tail);
}

} // namespace

QString personalFieldKey(PersonalField field)
{
    return field == PersonalField::Phone ? QStringLiteral("phone") : QStringLiteral("id_number");
}

QString maskIdNumber(const QString &number)
{
    return masked(number.trimmed(), 4, 4);
}

QString maskPhone(const QString &number)
{
    return masked(number.trimmed(), 3, 4);
}

QString maskedField(const Person &person, PersonalField field)
{
    return field == PersonalField::Phone ? maskPhone(person.phone) : maskIdNumber(person.idNumber);
}

void maskNumbers(OrgParts &parts)
{
    for (Person &person : parts.people) {
        person.phone = maskPhone(person.phone);
        person.idNumber = maskIdNumber(person.idNumber);
    }
}

void keepClearNumbers(OrgParts &parts, const OrgChart &holder)
{
    for (Person &person : parts.people) {
        const Person *held = holder.person(person.id);
        if (!held)
            continue;
        if (!held->phone.isEmpty() && person.phone == maskPhone(held->phone))
            person.phone = held->phone;
        if (!held->idNumber.isEmpty() && person.idNumber == maskIdNumber(held->idNumber))
            person.idNumber = held->idNumber;
    }
}

bool mayReveal(const QString &role)
{
    return role == QLatin1String("leader") || role == QLatin1String("administrator");
}

Result<QString> reveal(Workspace &workspace, const Person &person, PersonalField field,
    const QString &who, const QString &role, const QString &why, const QDateTime &at)
{
    if (!mayReveal(role))
        return fail(ErrorCode::Forbidden,
            Tr::tr("The role \"%1\" may not see personal numbers.").arg(role));
    if (isBlankText(who))
        return fail(ErrorCode::InvalidArgument, Tr::tr("A reveal needs the name of who asks."));
    if (isBlankText(why))
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("A reveal needs a reason: say why the number is needed."));

    auto recorded = workspace.transaction([&]() -> Result<void> {
        QSqlQuery insert(workspace.database());
        insert.prepare(QStringLiteral(
            "INSERT INTO personal_data_reveals (revealed_by, role, person_id, field, reason, "
            "revealed_at) VALUES (?, ?, ?, ?, ?, ?)"));
        insert.addBindValue(who.trimmed());
        insert.addBindValue(role);
        insert.addBindValue(person.id);
        insert.addBindValue(personalFieldKey(field));
        insert.addBindValue(why.trimmed());
        insert.addBindValue(at.toUTC().toString(Qt::ISODate));
        if (!insert.exec()) {
            qCWarning(lcOrg) << "recording a reveal failed:" << insert.lastError().text();
            return fail(ErrorCode::Database,
                Tr::tr("The reveal could not be recorded: %1").arg(insert.lastError().text()));
        }
        return {};
    });
    if (!recorded)
        return std::unexpected(recorded.error());
    return field == PersonalField::Phone ? person.phone : person.idNumber;
}

Result<QList<Reveal>> revealLog(const Workspace &workspace)
{
    QSqlQuery query(workspace.database());
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT revealed_by, role, person_id, field, reason, "
                                   "revealed_at FROM personal_data_reveals ORDER BY id")))
        return fail(ErrorCode::Database,
            Tr::tr("Reading the reveal log failed: %1").arg(query.lastError().text()));
    QList<Reveal> log;
    while (query.next()) {
        log << Reveal {query.value(0).toString(), query.value(1).toString(),
            query.value(2).toLongLong(), query.value(3).toString(), query.value(4).toString(),
            QDateTime::fromString(query.value(5).toString(), Qt::ISODate)};
    }
    return log;
}

} // namespace GridDesk
