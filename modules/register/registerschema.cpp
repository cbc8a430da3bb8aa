// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "registerschema.h"

#include "logging.h"

#include "storage/workspace.h"

#include <QCoreApplication>
#include <QDate>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

#include <cmath>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Register)
};

Error databaseError(const QSqlQuery &query, const QString &doing)
{
    return Error {ErrorCode::Database, Tr::tr("%1: %2").arg(doing, query.lastError().text())};
}

Result<QList<RegisterKind>> readKinds(const Workspace &workspace)
{
    QSqlQuery query(workspace.database());
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT key, code_prefix, title, title_zh, personal_core, "
                                   "stale_days FROM register_kinds ORDER BY position, key")))
        return std::unexpected(databaseError(query, Tr::tr("Reading the register's kinds")));
    QList<RegisterKind> kinds;
    while (query.next()) {
        const QStringList personal = query.value(4).toString().split(u',', Qt::SkipEmptyParts);
        kinds << RegisterKind {query.value(0).toString(), query.value(1).toString(),
            query.value(2).toString(), query.value(3).toString(),
            personal.contains(QLatin1String("name")), personal.contains(QLatin1String("address")),
            query.value(5).toInt()};
    }
    return kinds;
}

Result<QList<FieldDefinition>> readFields(const Workspace &workspace)
{
    QSqlQuery query(workspace.database());
    query.setForwardOnly(true);
    if (!query.exec(
            QStringLiteral("SELECT kind, key, title, title_zh, type, personal, "
                           "identifying FROM register_fields ORDER BY kind, position, key")))
        return std::unexpected(databaseError(query, Tr::tr("Reading the register's fields")));
    QList<FieldDefinition> fields;
    while (query.next()) {
        const auto type = fieldTypeFromKey(query.value(4).toString());
        const auto personal = personalClassFromKey(query.value(5).toString());
        if (!type || !personal)
            return fail(ErrorCode::InvalidRow,
                Tr::tr("The register field %1 of %2 has an unknown type or class.")
                    .arg(query.value(1).toString(), query.value(0).toString()));
        fields << FieldDefinition {query.value(0).toString(), query.value(1).toString(),
            query.value(2).toString(), query.value(3).toString(), *type, *personal,
            query.value(6).toBool()};
    }
    return fields;
}

Result<QVariant> convertNumber(const FieldDefinition &field, const QString &text)
{
    // Figures grouped by thousands ("1,421.40") are read as they are meant.
    static const QRegularExpression grouped(QStringLiteral("^[-+]?\\d{1,3}(,\\d{3})+(\\.\\d*)?$"));
    const QString plain = grouped.match(text).hasMatch() ? QString(text).remove(u',') : text;
    bool ok = false;
    const double real = plain.toDouble(&ok);
    const bool whole = ok && std::floor(real) == real && std::abs(real) < 1e15;
    if (field.type == FieldType::Integer && whole)
        return QVariant(qint64(real));
    if (field.type == FieldType::Number && ok)
        return QVariant(real);
    return fail(ErrorCode::InvalidRow,
        field.type == FieldType::Integer
            ? Tr::tr("field %1: \"%2\" is not a whole number.").arg(field.key, text)
            : Tr::tr("field %1: \"%2\" is not a number.").arg(field.key, text));
}

} // namespace

QString personalClassKey(PersonalClass personal)
{
    switch (personal) {
    case PersonalClass::None:
        return QStringLiteral("");
    case PersonalClass::Name:
        return QStringLiteral("name");
    case PersonalClass::IdNumber:
        return QStringLiteral("id_number");
    case PersonalClass::Phone:
        return QStringLiteral("phone");
    case PersonalClass::Address:
        return QStringLiteral("address");
    }
    return {};
}

std::optional<PersonalClass> personalClassFromKey(const QString &key)
{
    for (PersonalClass personal : {PersonalClass::None, PersonalClass::Name,
             PersonalClass::IdNumber, PersonalClass::Phone, PersonalClass::Address}) {
        if (personalClassKey(personal) == key)
            return personal;
    }
    return std::nullopt;
}

QString fieldTypeKey(FieldType type)
{
    switch (type) {
    case FieldType::Text:
        return QStringLiteral("text");
    case FieldType::Integer:
        return QStringLiteral("integer");
    case FieldType::Number:
        return QStringLiteral("number");
    case FieldType::Date:
        return QStringLiteral("date");
    }
    return {};
}

std::optional<FieldType> fieldTypeFromKey(const QString &key)
{
    for (FieldType type :
        {FieldType::Text, FieldType::Integer, FieldType::Number, FieldType::Date}) {
        if (fieldTypeKey(type) == key)
            return type;
    }
    return std::nullopt;
}

QStringList registerCoreFields()
{
    return {QStringLiteral("code"), QStringLiteral("name"), QStringLiteral("address"),
        QStringLiteral("grid"), QStringLiteral("source"), QStringLiteral("verified_by"),
        QStringLiteral("verified_at")};
}

Result<RegisterSchema> RegisterSchema::load(const Workspace &workspace)
{
    auto kinds = readKinds(workspace);
    if (!kinds)
        return std::unexpected(kinds.error());
    auto fields = readFields(workspace);
    if (!fields)
        return std::unexpected(fields.error());
    RegisterSchema schema;
    schema.m_kinds = std::move(*kinds);
    schema.m_fields = std::move(*fields);
    return schema;
}

Result<void> RegisterSchema::defineField(Workspace &workspace, const FieldDefinition &field)
{
    auto schema = load(workspace);
    if (!schema)
        return std::unexpected(schema.error());
    if (!schema->kind(field.kind))
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("The register has no kind \"%1\"; its kinds are %2.")
                .arg(field.kind, schema->kindKeys().join(QStringLiteral(", "))));
    static const QRegularExpression keyPattern(QStringLiteral("^[a-z][a-z0-9_]*$"));
    if (!keyPattern.match(field.key).hasMatch())
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("\"%1\" cannot name a field: use lower-case letters, digits and underscores, "
                   "starting with a letter.")
                .arg(field.key));
    if (registerCoreFields().contains(field.key))
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("\"%1\" is part of every entry already.").arg(field.key));

    return workspace.transaction([&]() -> Result<void> {
        QSqlQuery upsert(workspace.database());
        upsert.prepare(QStringLiteral(
            "INSERT INTO register_fields (kind, key, title, title_zh, type, personal, "
            "identifying, position) VALUES (?, ?, ?, ?, ?, ?, ?, (SELECT coalesce(max(position), "
            "0) + 1 FROM register_fields WHERE kind = ?)) ON CONFLICT (kind, key) DO UPDATE SET "
            "title = excluded.title, title_zh = excluded.title_zh, type = excluded.type, "
            "personal = excluded.personal, identifying = excluded.identifying"));
        upsert.addBindValue(field.kind);
        upsert.addBindValue(field.key);
        upsert.addBindValue(field.title.isEmpty() ? field.key : field.title);
        upsert.addBindValue(field.titleZh.isEmpty() ? field.title : field.titleZh);
        upsert.addBindValue(fieldTypeKey(field.type));
        upsert.addBindValue(personalClassKey(field.personal));
        upsert.addBindValue(field.identifying ? 1 : 0);
        upsert.addBindValue(field.kind);
        if (!upsert.exec())
            return std::unexpected(databaseError(
                upsert, Tr::tr("Defining the field %1 of %2").arg(field.key, field.kind)));
        qCInfo(lcRegister) << "field" << field.key << "defined for" << field.kind;
        return {};
    });
}

Result<void> RegisterSchema::setStaleDays(Workspace &workspace, const QString &kind, int days)
{
    if (days <= 0)
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("An entry is stale after one day at the earliest, not %1.").arg(days));
    return workspace.transaction([&]() -> Result<void> {
        QSqlQuery update(workspace.database());
        update.prepare(QStringLiteral("UPDATE register_kinds SET stale_days = ? WHERE key = ?"));
        update.addBindValue(days);
        update.addBindValue(kind);
        if (!update.exec())
            return std::unexpected(databaseError(update, Tr::tr("Setting when entries are stale")));
        if (update.numRowsAffected() != 1)
            return fail(ErrorCode::NotFound, Tr::tr("The register has no kind \"%1\".").arg(kind));
        return {};
    });
}

const RegisterKind *RegisterSchema::kind(const QString &key) const
{
    for (const RegisterKind &each : m_kinds) {
        if (each.key == key)
            return &each;
    }
    return nullptr;
}

QStringList RegisterSchema::kindKeys() const
{
    QStringList keys;
    for (const RegisterKind &each : m_kinds)
        keys << each.key;
    return keys;
}

QList<FieldDefinition> RegisterSchema::fields(const QString &kind) const
{
    QList<FieldDefinition> fields;
    for (const FieldDefinition &each : m_fields) {
        if (each.kind == kind)
            fields << each;
    }
    return fields;
}

const FieldDefinition *RegisterSchema::field(const QString &kind, const QString &key) const
{
    for (const FieldDefinition &each : m_fields) {
        if (each.kind == kind && each.key == key)
            return &each;
    }
    return nullptr;
}

PersonalClass RegisterSchema::personalClass(const QString &kind, const QString &key) const
{
    const RegisterKind *found = this->kind(kind);
    if (key == QLatin1String("name"))
        return found && found->personalName ? PersonalClass::Name : PersonalClass::None;
    if (key == QLatin1String("address"))
        return found && found->personalAddress ? PersonalClass::Address : PersonalClass::None;
    const FieldDefinition *definition = field(kind, key);
    return definition ? definition->personal : PersonalClass::None;
}

Result<QVariant> RegisterSchema::convert(const FieldDefinition &field, const QVariant &value) const
{
    const QString text = value.isNull() ? QString() : value.toString().trimmed();
    if (text.isEmpty())
        return QVariant();
    switch (field.type) {
    case FieldType::Text:
        return QVariant(text);
    case FieldType::Integer:
    case FieldType::Number:
        return convertNumber(field, text);
    case FieldType::Date: {
        QDate date = QDate::fromString(text.left(10), Qt::ISODate);
        if (!date.isValid())
            date = QDate::fromString(text.left(10), QStringLiteral("yyyy/MM/dd"));
        if (!date.isValid())
            return fail(ErrorCode::InvalidRow,
                Tr::tr("field %1: \"%2\" is not a date (YYYY-MM-DD).").arg(field.key, text));
        return QVariant(date.toString(Qt::ISODate));
    }
    }
    return QVariant(text);
}

} // namespace GridDesk
