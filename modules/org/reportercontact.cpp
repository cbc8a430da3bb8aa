// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "reportercontact.h"

#include "logging.h"
#include "personaldata.h"

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

QString stars(const QString &text)
{
    return QString(text.size(), u'*');
}

QString keepFirst(const QString &text)
{
    return text.size() <= 1 ? stars(text) : text.left(1) + stars(text.mid(1));
}

QString maskEmail(const QString &email)
{
    const qsizetype at = email.lastIndexOf(u'@');
    if (at <= 0)
        return keepFirst(email);
    return keepFirst(email.left(at)) + email.mid(at);
}

QString maskValue(const QString &key, const QString &value)
{
    const QString text = value.trimmed();
    if (key == QLatin1String("first_name") || key == QLatin1String("last_name"))
        return keepFirst(text);
    if (key == QLatin1String("email"))
        return maskEmail(text);
    if (key == QLatin1String("phone"))
        return maskPhone(text);
    if (key == QLatin1String("device_id") || key == QLatin1String("account_id"))
        return maskIdNumber(text);
    return stars(text);
}

/// The keys of contact in the order they are shown, unknown ones last.
QStringList shownKeys(const QJsonObject &contact)
{
    QStringList keys;
    for (const QString &key : contactKeys()) {
        if (contact.contains(key))
            keys << key;
    }
    for (const QString &key : contact.keys()) {
        if (!keys.contains(key))
            keys << key;
    }
    return keys;
}

} // namespace

QStringList contactKeys()
{
    return {QStringLiteral("first_name"), QStringLiteral("last_name"), QStringLiteral("email"),
        QStringLiteral("phone"), QStringLiteral("device_id"), QStringLiteral("account_id")};
}

QJsonObject maskedContact(const QJsonObject &contact)
{
    QJsonObject masked;
    for (auto value = contact.constBegin(); value != contact.constEnd(); ++value)
        masked.insert(value.key(), maskValue(value.key(), value->toVariant().toString()));
    return masked;
}

QJsonObject withContactMasked(const QJsonObject &data)
{
    const QJsonValue contact = data.value(QLatin1String("contact"));
    if (contact.isUndefined())
        return data;
    QJsonObject masked = data;
    // Anything but an object under the key is hidden whole: there is no telling what it holds.
    masked.insert(QStringLiteral("contact"),
        contact.isObject() ? QJsonValue(maskedContact(contact.toObject()))
                           : QJsonValue(stars(contact.toVariant().toString())));
    return masked;
}

QString contactText(const QJsonObject &contact)
{
    const auto value = [&contact](const QString &key) {
        return printableText(contact.value(key).toVariant().toString().trimmed());
    };
    QStringList parts;
    const QString name =
        QStringList {value(QStringLiteral("first_name")), value(QStringLiteral("last_name"))}
            .join(u' ')
            .trimmed();
    if (!name.isEmpty())
        parts << name;
    for (const QString &key : shownKeys(contact)) {
        const QString text = value(key);
        if (text.isEmpty() || key == QLatin1String("first_name")
            || key == QLatin1String("last_name"))
            continue;
        if (key == QLatin1String("email") || key == QLatin1String("phone"))
            parts << text;
        else if (key == QLatin1String("device_id"))
            //: %1 is the id of the phone or app a citizen reported from
            parts << Tr::tr("device %1").arg(text);
        else if (key == QLatin1String("account_id"))
            //: %1 is the citizen's account in the reporting app
            parts << Tr::tr("account %1").arg(text);
        else
            parts << QStringLiteral("%1 %2").arg(printableText(key), text);
    }
    return parts.join(QStringLiteral(", "));
}

bool mayRevealContact(const QString &role)
{
    return mayReveal(role);
}

QString contactRevealCode(const QString &source, const QString &externalId)
{
    return QStringLiteral("case:%1:%2").arg(source, externalId);
}

Result<QJsonObject> revealContact(Workspace &workspace, const QString &caseKey,
    const QJsonObject &contact, const QString &who, const QString &role, const QString &why,
    const QDateTime &at)
{
    if (!mayRevealContact(role))
        return fail(ErrorCode::Forbidden,
            Tr::tr("The role \"%1\" may not see a reporter's contact.").arg(role));
    if (isBlankText(who))
        return fail(ErrorCode::InvalidArgument, Tr::tr("A reveal needs the name of who asks."));
    if (isBlankText(why))
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("A reveal needs a reason: say why the reporter's contact is needed."));

    auto recorded = workspace.transaction([&]() -> Result<void> {
        QSqlQuery insert(workspace.database());
        insert.prepare(QStringLiteral("INSERT INTO register_reveals (revealed_by, role, "
                                      "entry_code, field, reason, revealed_at) VALUES (?, ?, ?, "
                                      "?, ?, ?)"));
        for (const QString &key : shownKeys(contact)) {
            if (isBlankText(contact.value(key).toVariant().toString()))
                continue;
            insert.bindValue(0, who.trimmed());
            insert.bindValue(1, role);
            insert.bindValue(2, caseKey);
            insert.bindValue(3, QStringLiteral("contact.") + key);
            insert.bindValue(4, why.trimmed());
            insert.bindValue(5, at.toUTC().toString(Qt::ISODate));
            if (!insert.exec())
                return fail(ErrorCode::Database,
                    Tr::tr("The reveal could not be recorded: %1").arg(insert.lastError().text()));
        }
        return {};
    });
    if (!recorded) {
        qCWarning(lcOrg) << "recording a contact reveal failed:" << recorded.error().message;
        return std::unexpected(recorded.error());
    }
    qCInfo(lcOrg) << "a reporter's contact revealed";
    return contact;
}

} // namespace GridDesk
