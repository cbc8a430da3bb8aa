// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"

#include <QByteArrayView>
#include <QString>

struct sqlite3;
struct sqlite3_stmt;

namespace GridDesk {

/// A prepared SQLite statement on a workspace's own connection, for the paths that touch a
/// million rows, where QSqlQuery's per-row QVariant traffic would dominate. Move-only; use on
/// the connection's thread.
class SqliteStatement
{
public:
    static Result<SqliteStatement> prepare(sqlite3 *connection, const char *sql);
    SqliteStatement(SqliteStatement &&other) noexcept;
    SqliteStatement &operator=(SqliteStatement &&other) = delete;
    ~SqliteStatement();

    void bindInt(int index, qint64 value);
    void bindDouble(int index, double value);
    void bindText(int index, const QString &text); ///< a null QString binds NULL
    void bindBlob(int index, QByteArrayView bytes); ///< an empty view binds NULL
    /// Binds bytes without copying them: they must stay unchanged until step() has run.
    void bindBlobInPlace(int index, QByteArrayView bytes);
    void bindNull(int index);

    /// Runs to the next row: true when a row is there to read, false when the statement is
    /// done. Fails with SQLite's message, prefixed with doing.
    Result<bool> step(const QString &doing);
    /// The same, failing with SQLite's message alone: for loops over many rows, where the
    /// caller names the row only when something went wrong.
    Result<bool> step();
    /// Makes the statement ready to run again with new bindings.
    void reset();

    qint64 columnInt(int column) const;
    /// The row id the last insert on this connection made.
    qint64 lastInsertId() const;
    double columnDouble(int column) const;
    bool columnIsNull(int column) const;
    QString columnText(int column) const;
    /// The column's text as UTF-8 bytes, without a QString made; valid until the next step()
    /// or reset().
    QByteArrayView columnUtf8(int column) const;
    /// Valid until the next step() or reset().
    QByteArrayView columnBlob(int column) const;

private:
    SqliteStatement(sqlite3 *connection, sqlite3_stmt *statement);

    sqlite3 *m_connection = nullptr;
    sqlite3_stmt *m_statement = nullptr;
};

} // namespace GridDesk
