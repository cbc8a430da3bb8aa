// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "audit.h"

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
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Server)
};

/// Text for a NOT NULL column: Qt binds a null QString as SQL NULL.
QString notNull(const QString &text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

} // namespace

Result<void> appendAudit(Workspace &store, const AuditEntry &entry)
{
    if (isBlankText(entry.what))
        return fail(
            ErrorCode::InvalidArgument, Tr::tr("An audit entry needs to say what happened."));

    const QDateTime at = entry.at.isValid() ? entry.at : QDateTime::currentDateTimeUtc();
    QSqlQuery insert(store.database());
    insert.prepare(QStringLiteral(
        "INSERT INTO server_audit (at, user_name, what, detail) VALUES (?, ?, ?, ?)"));
    insert.addBindValue(at.toUTC().toString(Qt::ISODateWithMs));
    insert.addBindValue(printableText(notNull(entry.userName)));
    insert.addBindValue(printableText(entry.what));
    insert.addBindValue(printableText(notNull(entry.detail)));
    if (!insert.exec()) {
        qCWarning(lcServer) << "writing the audit trail failed:" << insert.lastError().text();
        return fail(ErrorCode::Database,
            Tr::tr("The audit trail could not be written: %1")
                .arg(insert.lastError().text().trimmed()));
    }
    return {};
}

Result<QList<AuditEntry>> auditTrail(const Workspace &store, int limit)
{
    QSqlQuery query(store.database());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT id, at, user_name, what, detail FROM (SELECT * FROM "
                                 "server_audit ORDER BY id DESC LIMIT ?) AS latest ORDER BY id"));
    query.addBindValue(limit < 0 ? -1 : limit);
    if (!query.exec())
        return fail(ErrorCode::Database,
            Tr::tr("Reading the audit trail failed: %1").arg(query.lastError().text().trimmed()));

    QList<AuditEntry> entries;
    while (query.next()) {
        entries << AuditEntry {query.value(0).toLongLong(),
            QDateTime::fromString(query.value(1).toString(), Qt::ISODateWithMs),
            query.value(2).toString(), query.value(3).toString(), query.value(4).toString()};
    }
    return entries;
}

} // namespace GridDesk
