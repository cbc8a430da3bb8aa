// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "sqlitestatement.h"

#include "domain/error.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>
#include <optional>

namespace GridDesk {

class Workspace;
class PostgresStatement;

/// A statement on a workspace's own connection, SQLite or PostgreSQL, for the paths that touch
/// many rows. Parameters are written ?1, ?2 … (or ? in order) for both. Move-only; use on the
/// workspace's thread.
class Statement
{
public:
    static Result<Statement> prepare(const Workspace &workspace, const char *sql);
    Statement(Statement &&other) noexcept;
    Statement &operator=(Statement &&other) = delete;
    ~Statement();

    void bindInt(int index, qint64 value);
    void bindDouble(int index, double value);
    void bindText(int index, const QString &text); ///< a null QString binds NULL
    void bindBlob(int index, QByteArrayView bytes); ///< an empty view binds NULL
    /// Binds bytes without copying them where the store allows it: they must stay unchanged
    /// until step() has run.
    void bindBlobInPlace(int index, QByteArrayView bytes);
    void bindNull(int index);

    /// Runs to the next row: true when a row is there to read, false when the statement is
    /// done. Fails with the store's message, prefixed with doing.
    Result<bool> step(const QString &doing);
    /// The same, failing with the store's message alone.
    Result<bool> step();
    /// Makes the statement ready to run again with new bindings.
    void reset();

    qint64 columnInt(int column) const;
    /// The id the last insert on this connection made (the row id in SQLite, the last value a
    /// sequence gave in PostgreSQL).
    qint64 lastInsertId() const;
    double columnDouble(int column) const;
    bool columnIsNull(int column) const;
    QString columnText(int column) const;
    /// The column's text as UTF-8 bytes, without a QString made (for comparing a row's text
    /// with the row before); valid until the next step() or reset().
    QByteArrayView columnUtf8(int column) const;
    /// Valid until the next step() or reset().
    QByteArrayView columnBlob(int column) const;

private:
    explicit Statement(SqliteStatement sqlite);
    explicit Statement(std::unique_ptr<PostgresStatement> postgres);

    std::optional<SqliteStatement> m_sqlite;
    std::unique_ptr<PostgresStatement> m_postgres;
};

} // namespace GridDesk
