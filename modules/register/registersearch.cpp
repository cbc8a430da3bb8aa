// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "registersearch.h"

#include "registerbook.h"

namespace GridDesk::RegisterSearch {

namespace {

/// A value's digits only, as SQL: what a phone number is compared by.
QString digitsOf(const QString &expression)
{
    QString digits = expression;
    for (const char *separator : {"-", " ", "+", "(", ")", "."})
        digits = QStringLiteral("replace(%1, '%2', '')").arg(digits, QLatin1String(separator));
    return digits;
}

QString placeholders(qsizetype count)
{
    return QStringList(count, QStringLiteral("?")).join(QStringLiteral(", "));
}

} // namespace

Result<QList<RegisterEntry>> people(const RegisterBook &book, const QString &text, int limit)
{
    const QString typed = text.simplified();
    QStringList kinds;
    for (const RegisterKind &kind : book.schema().kinds()) {
        if (kind.personalName)
            kinds << kind.key;
    }
    if (typed.isEmpty() || kinds.isEmpty())
        return QList<RegisterEntry>();

    // A range on the (kind, name) index: every name that begins with typed sorts inside it.
    QStringList matches {QStringLiteral("(name >= ? AND name < ?)")};
    QVariantList values(kinds.cbegin(), kinds.cend());
    values << typed << typed + QString::fromUcs4(U"\U0010FFFF");

    QString digits = typed;
    digits.removeIf([](QChar c) { return !c.isDigit(); });
    if (digits.size() >= SHORTEST_PHONE_DIGITS) {
        for (const QString &kind : std::as_const(kinds)) {
            for (const FieldDefinition &field : book.schema().fields(kind)) {
                if (field.personal != PersonalClass::Phone)
                    continue;
                // The key is checked against the schema's pattern, so it may stand in the path.
                matches << QStringLiteral("(kind = ? AND %1 LIKE ?)")
                               .arg(digitsOf(
                                   QStringLiteral("json_extract(fields, '$.%1')").arg(field.key)));
                values << kind << u'%' + digits;
            }
        }
    }
    return book.selectWhere(
        QStringLiteral("WHERE kind IN (%1) AND (%2) ORDER BY name, code LIMIT %3")
            .arg(placeholders(kinds.size()), matches.join(QStringLiteral(" OR ")))
            .arg(std::max(0, limit)),
        values);
}

QString nameOrAddressCondition()
{
    return QStringLiteral("((name >= ? AND name < ?) OR (address >= ? AND address < ?))");
}

Result<QList<RegisterEntry>> byNameOrAddress(
    const RegisterBook &book, const QString &text, const RegisterQuery &scope, int limit)
{
    const QString typed = text.simplified();
    if (typed.isEmpty())
        return QList<RegisterEntry>();
    QString where = QStringLiteral("WHERE ") + nameOrAddressCondition();
    const QString end = typed + QString::fromUcs4(U"\U0010FFFF");
    QVariantList values {typed, end, typed, end};
    if (scope.kind) {
        where += QStringLiteral(" AND kind = ?");
        values << *scope.kind;
    }
    if (scope.gridCode) {
        where += QStringLiteral(" AND grid_code IN (WITH RECURSIVE scope(code) AS (SELECT ? "
                                "UNION SELECT grids.code FROM grids JOIN scope ON "
                                "grids.parent_code = scope.code) SELECT code FROM scope)");
        values << *scope.gridCode;
    }
    where += QStringLiteral(" ORDER BY name, code");
    if (limit >= 0)
        where += QStringLiteral(" LIMIT %1").arg(limit);
    return book.selectWhere(where, values);
}

} // namespace GridDesk::RegisterSearch
