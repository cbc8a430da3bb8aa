// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "storecopy.h"

#include "logging.h"
#include "statement.h"
#include "workspace.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Workspace)
};

/// A table of the store and the columns a copy writes (not those the store computes).
struct StoreTable
{
    QString name;
    QStringList columns;
    QStringList identities; ///< columns whose sequence follows the copied ids
};

Result<QList<StoreTable>> storeTables(const Workspace &store)
{
    QSqlQuery query(store.database());
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral(
            "SELECT table_name, column_name, is_identity, identity_generation, is_generated "
            "FROM information_schema.columns WHERE table_schema = current_schema() AND "
            "table_name IN (SELECT table_name FROM information_schema.tables WHERE table_schema "
            "= current_schema() AND table_type = 'BASE TABLE') AND table_name NOT IN "
            "('spatial_ref_sys', 'griddesk_schema') ORDER BY table_name, ordinal_position")))
        return fail(ErrorCode::Database,
            Tr::tr("Reading the tables of the store failed: %1")
                .arg(query.lastError().text().trimmed()));
    QList<StoreTable> tables;
    while (query.next()) {
        const QString table = query.value(0).toString();
        if (tables.isEmpty() || tables.last().name != table)
            tables << StoreTable {table, {}, {}};
        const bool computed = query.value(4).toString() == QLatin1String("ALWAYS")
            || query.value(3).toString() == QLatin1String("ALWAYS");
        if (computed)
            continue;
        tables.last().columns << query.value(1).toString();
        if (query.value(2).toString() == QLatin1String("YES"))
            tables.last().identities << query.value(1).toString();
    }
    return tables;
}

Result<bool> storeIsEmpty(const Workspace &store)
{
    QSqlQuery query(store.database());
    if (!query.exec(QStringLiteral("SELECT (SELECT count(*) FROM grids) + (SELECT count(*) FROM "
                                   "cases) + (SELECT count(*) FROM org_units)"))
        || !query.next())
        return fail(ErrorCode::Database,
            Tr::tr("Reading the store failed: %1").arg(query.lastError().text().trimmed()));
    return query.value(0).toLongLong() == 0;
}

void bindValue(Statement &statement, int index, const QVariant &value)
{
    if (value.isNull())
        return statement.bindNull(index);
    switch (value.typeId()) {
    case QMetaType::LongLong:
    case QMetaType::Int:
        return statement.bindInt(index, value.toLongLong());
    case QMetaType::Double:
        return statement.bindDouble(index, value.toDouble());
    case QMetaType::QByteArray:
        return statement.bindBlob(index, value.toByteArray());
    default:
        return statement.bindText(index, value.toString());
    }
}

Result<qint64> copyTable(Workspace &from, Workspace &to, const StoreTable &table)
{
    const QSqlRecord source = from.database().record(table.name);
    QStringList columns;
    for (const QString &column : table.columns) {
        if (source.contains(column))
            columns << column;
    }
    if (columns.isEmpty())
        return 0;
    QStringList marks;
    for (qsizetype i = 1; i <= columns.size(); ++i)
        marks << QStringLiteral("?%1").arg(i);
    const QString list = columns.join(QStringLiteral(", "));
    auto insert = Statement::prepare(to,
        QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
            .arg(table.name, list, marks.join(QStringLiteral(", ")))
            .toUtf8()
            .constData());
    if (!insert)
        return std::unexpected(insert.error());

    QSqlQuery rows(from.database());
    rows.setForwardOnly(true);
    if (!rows.exec(QStringLiteral("SELECT %1 FROM %2 ORDER BY rowid").arg(list, table.name)))
        return fail(ErrorCode::Database,
            Tr::tr("Reading %1 from the workspace failed: %2")
                .arg(table.name, rows.lastError().text().trimmed()));
    qint64 copied = 0;
    while (rows.next()) {
        insert->reset();
        for (int i = 0; i < columns.size(); ++i)
            bindValue(*insert, i + 1, rows.value(i));
        auto done = insert->step();
        if (!done)
            return std::unexpected(
                done.error().at(Tr::tr("row %1 of %2 (%3 = %4)")
                                    .arg(copied + 1)
                                    .arg(table.name, columns.first(), rows.value(0).toString())));
        ++copied;
    }
    for (const QString &identity : table.identities) {
        QSqlQuery follow(to.database());
        if (!follow.exec(QStringLiteral("SELECT setval(pg_get_serial_sequence('%1', '%2'), "
                                        "coalesce(max(%2), 0) + 1, false) FROM %1")
                             .arg(table.name, identity)))
            return fail(ErrorCode::Database,
                Tr::tr("Moving the ids of %1 on failed: %2")
                    .arg(table.name, follow.lastError().text().trimmed()));
    }
    return copied;
}

} // namespace

qint64 StoreCopySummary::total() const
{
    qint64 sum = 0;
    for (const auto &[table, count] : rows)
        sum += count;
    return sum;
}

Result<StoreCopySummary> copyWorkspaceToStore(Workspace &from, Workspace &to)
{
    if (from.isPostgres() || !to.isPostgres())
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("A workspace file is copied into a PostgreSQL store, not the other way."));
    if (from.schemaVersion() != to.schemaVersion())
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("The workspace has schema %1 and the store %2; open the workspace with this "
                   "GridDesk first so that both are at the same version.")
                .arg(from.schemaVersion())
                .arg(to.schemaVersion()));
    auto empty = storeIsEmpty(to);
    if (!empty)
        return std::unexpected(empty.error());
    if (!*empty)
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("The store %1 already holds grids, cases or an org chart; copy into an empty "
                   "store only.")
                .arg(to.path()));
    auto tables = storeTables(to);
    if (!tables)
        return std::unexpected(tables.error());

    StoreCopySummary summary;
    auto copied = to.transaction([&]() -> Result<void> {
        for (const StoreTable &table : *tables) {
            auto rows = copyTable(from, to, table);
            if (!rows)
                return std::unexpected(rows.error());
            summary.rows << std::pair(table.name, *rows);
        }
        return {};
    });
    if (!copied)
        return std::unexpected(copied.error());
    qCInfo(lcStorage) << "copied" << from.path() << "into" << to.path() << summary.total()
                      << "rows";
    return summary;
}

} // namespace GridDesk
