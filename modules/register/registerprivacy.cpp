// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "registerprivacy.h"

#include "logging.h"

#include "domain/text.h"
#include "org/personaldata.h"
#include "storage/workspace.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Register)
};

QString keepHead(const QString &text, qsizetype head)
{
    if (text.size() <= head)
        return QString(text.size(), u'*');
    return text.left(head) + QString(text.size() - head, u'*');
}

QString personalValue(const RegisterEntry &entry, const QString &key)
{
    if (key == QLatin1String("name"))
        return entry.name;
    if (key == QLatin1String("address"))
        return entry.address;
    return entry.fields.value(key).toString();
}

} // namespace

QString maskPersonal(PersonalClass personal, const QString &value)
{
    const QString text = value.trimmed();
    switch (personal) {
    case PersonalClass::None:
        return value;
    case PersonalClass::Name:
        return keepHead(text, 1);
    case PersonalClass::IdNumber:
        return maskIdNumber(text);
    case PersonalClass::Phone:
        return maskPhone(text);
    case PersonalClass::Address:
        return keepHead(text, text.size() / 2);
    }
    return value;
}

QStringList personalKeys(const RegisterSchema &schema, const RegisterEntry &entry)
{
    QStringList keys;
    for (const QString &core : {QStringLiteral("name"), QStringLiteral("address")}) {
        const bool personal = schema.personalClass(entry.kind, core) != PersonalClass::None;
        if (personal && !isBlankText(personalValue(entry, core)))
            keys << core;
    }
    for (const FieldDefinition &field : schema.fields(entry.kind)) {
        const bool personal = field.personal != PersonalClass::None;
        if (personal && !isBlankText(personalValue(entry, field.key)))
            keys << field.key;
    }
    return keys;
}

RegisterEntry maskedEntry(const RegisterSchema &schema, const RegisterEntry &entry)
{
    RegisterEntry masked = entry;
    for (const QString &key : personalKeys(schema, entry)) {
        const QString shown =
            maskPersonal(schema.personalClass(entry.kind, key), personalValue(entry, key));
        if (key == QLatin1String("name"))
            masked.name = shown;
        else if (key == QLatin1String("address"))
            masked.address = shown;
        else
            masked.fields.insert(key, shown);
    }
    return masked;
}

bool mayRevealRegister(const QString &role)
{
    return mayReveal(role);
}

Result<QList<RegisterEntry>> revealEntries(Workspace &workspace, const RegisterSchema &schema,
    const QList<RegisterEntry> &entries, const QString &who, const QString &role,
    const QString &why, const QDateTime &at)
{
    if (!mayRevealRegister(role))
        return fail(ErrorCode::Forbidden,
            Tr::tr("The role \"%1\" may not see the register's personal data.").arg(role));
    if (isBlankText(who))
        return fail(ErrorCode::InvalidArgument, Tr::tr("A reveal needs the name of who asks."));
    if (isBlankText(why))
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("A reveal needs a reason: say why the personal data is needed."));

    auto recorded = workspace.transaction([&]() -> Result<void> {
        QSqlQuery insert(workspace.database());
        insert.prepare(QStringLiteral("INSERT INTO register_reveals (revealed_by, role, "
                                      "entry_code, field, reason, revealed_at) VALUES (?, ?, ?, "
                                      "?, ?, ?)"));
        for (const RegisterEntry &entry : entries) {
            for (const QString &key : personalKeys(schema, entry)) {
                insert.addBindValue(who.trimmed());
                insert.addBindValue(role);
                insert.addBindValue(entry.code);
                insert.addBindValue(key);
                insert.addBindValue(why.trimmed());
                insert.addBindValue(at.toUTC().toString(Qt::ISODate));
                if (!insert.exec())
                    return fail(ErrorCode::Database,
                        Tr::tr("The reveal could not be recorded: %1")
                            .arg(insert.lastError().text()));
            }
        }
        return {};
    });
    if (!recorded) {
        qCWarning(lcRegister) << "recording a register reveal failed:" << recorded.error().message;
        return std::unexpected(recorded.error());
    }
    qCInfo(lcRegister) << "personal data of" << entries.size() << "register entries revealed";
    return entries;
}

Result<QList<RegisterReveal>> registerRevealLog(const Workspace &workspace)
{
    QSqlQuery query(workspace.database());
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT revealed_by, role, entry_code, field, reason, "
                                   "revealed_at FROM register_reveals ORDER BY id")))
        return fail(ErrorCode::Database,
            Tr::tr("Reading the register's reveal log failed: %1").arg(query.lastError().text()));
    QList<RegisterReveal> log;
    while (query.next()) {
        log << RegisterReveal {query.value(0).toString(), query.value(1).toString(),
            query.value(2).toString(), query.value(3).toString(), query.value(4).toString(),
            QDateTime::fromString(query.value(5).toString(), Qt::ISODate)};
    }
    return log;
}

} // namespace GridDesk
