// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <optional>

namespace GridDesk {

class Workspace;

/// The class of personal data a value holds, which decides how it is masked.
enum class PersonalClass { None, Name, IdNumber, Phone, Address };

QString personalClassKey(PersonalClass personal); ///< "", "name", "id_number", "phone", "address"
std::optional<PersonalClass> personalClassFromKey(const QString &key);

/// The type a per-kind field's values must have.
enum class FieldType { Text, Integer, Number, Date };

QString fieldTypeKey(FieldType type); ///< "text", "integer", "number", "date"
std::optional<FieldType> fieldTypeFromKey(const QString &key);

/// One kind of register entry (person, place, thing, event, situation, organisation …).
struct RegisterKind
{
    QString key;
    QString codePrefix; ///< entry codes of this kind are the prefix, a dash and a number
    QString title;
    QString titleZh;
    bool personalName = false; ///< the core name of such an entry is a private person's name
    bool personalAddress = false; ///< the core address is where a person lives
    int staleDays = 180; ///< an entry not verified for longer is due a visit
};

/// A field a kind keeps besides the shared core.
struct FieldDefinition
{
    QString kind;
    QString key;
    QString title;
    QString titleZh;
    FieldType type = FieldType::Text;
    PersonalClass personal = PersonalClass::None;
    bool identifying = false; ///< two entries of the kind with the same value are duplicates
};

/// The names of the shared core an import may map to, besides the kinds' own fields.
QStringList registerCoreFields(); ///< code, name, address, grid, source, verified_by, verified_at

/// The kinds of a workspace's register and their fields, as kept in the file. A value, read
/// once: load it again after defining a field.
class RegisterSchema
{
public:
    /// Reads the kinds and fields. Fails on a database error or a row naming an unknown type.
    static Result<RegisterSchema> load(const Workspace &workspace);

    /// Adds a field to a kind, or changes the titles, type and classes of one it has. Refused
    /// (InvalidArgument) for an unknown kind, a key that is not lower-case letters, digits and
    /// underscores, or a key of the shared core. Call outside a transaction or inside one.
    static Result<void> defineField(Workspace &workspace, const FieldDefinition &field);

    /// Sets after how many days without a visit entries of a kind are stale.
    static Result<void> setStaleDays(Workspace &workspace, const QString &kind, int days);

    const QList<RegisterKind> &kinds() const { return m_kinds; }
    const RegisterKind *kind(const QString &key) const;
    QStringList kindKeys() const;
    /// The fields of a kind, in their order.
    QList<FieldDefinition> fields(const QString &kind) const;
    const FieldDefinition *field(const QString &kind, const QString &key) const;

    /// The class of personal data the core name or address, or a field, of a kind holds.
    PersonalClass personalClass(const QString &kind, const QString &key) const;

    /// value converted to the field's type: a number for integer and number fields, ISO text
    /// for dates, trimmed text otherwise; null for blank input. Fails with a message naming the
    /// field when the text is not of the type.
    Result<QVariant> convert(const FieldDefinition &field, const QVariant &value) const;

private:
    QList<RegisterKind> m_kinds;
    QList<FieldDefinition> m_fields;
};

} // namespace GridDesk
