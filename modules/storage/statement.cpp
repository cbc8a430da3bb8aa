// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "statement.h"

#include "postgresstatement.h"
#include "workspace.h"

namespace GridDesk {

Statement::Statement(SqliteStatement sqlite)
    : m_sqlite(std::move(sqlite))
{ }

Statement::Statement(std::unique_ptr<PostgresStatement> postgres)
    : m_postgres(std::move(postgres))
{ }

Statement::Statement(Statement &&other) noexcept
    : m_postgres(std::move(other.m_postgres))
{
    if (other.m_sqlite)
        m_sqlite.emplace(std::move(*other.m_sqlite));
    other.m_sqlite.reset();
}

Statement::~Statement() = default;

Result<Statement> Statement::prepare(const Workspace &workspace, const char *sql)
{
    if (workspace.isPostgres())
        return Statement(std::make_unique<PostgresStatement>(workspace.postgresConnection(), sql));
    auto sqlite = SqliteStatement::prepare(workspace.connection(), sql);
    if (!sqlite)
        return std::unexpected(sqlite.error());
    return Statement(std::move(*sqlite));
}

void Statement::bindInt(int index, qint64 value)
{
    if (m_postgres)
        return m_postgres->bindText(index, QByteArray::number(value));
    m_sqlite->bindInt(index, value);
}

void Statement::bindDouble(int index, double value)
{
    if (m_postgres)
        return m_postgres->bindText(index, QByteArray::number(value, 'g', 17));
    m_sqlite->bindDouble(index, value);
}

void Statement::bindText(int index, const QString &text)
{
    if (m_postgres)
        return text.isNull() ? m_postgres->bindNull(index)
                             : m_postgres->bindText(index, text.toUtf8());
    m_sqlite->bindText(index, text);
}

void Statement::bindBlob(int index, QByteArrayView bytes)
{
    if (m_postgres)
        return bytes.isEmpty() ? m_postgres->bindNull(index) : m_postgres->bindBinary(index, bytes);
    m_sqlite->bindBlob(index, bytes);
}

void Statement::bindBlobInPlace(int index, QByteArrayView bytes)
{
    if (m_postgres)
        return bindBlob(index, bytes);
    m_sqlite->bindBlobInPlace(index, bytes);
}

void Statement::bindNull(int index)
{
    if (m_postgres)
        return m_postgres->bindNull(index);
    m_sqlite->bindNull(index);
}

Result<bool> Statement::step(const QString &doing)
{
    if (m_postgres)
        return m_postgres->step(doing);
    return m_sqlite->step(doing);
}

Result<bool> Statement::step()
{
    if (m_postgres)
        return m_postgres->step(QString());
    return m_sqlite->step();
}

void Statement::reset()
{
    if (m_postgres)
        return m_postgres->reset();
    m_sqlite->reset();
}

qint64 Statement::columnInt(int column) const
{
    if (m_postgres)
        return m_postgres->value(column).toByteArray().toLongLong();
    return m_sqlite->columnInt(column);
}

qint64 Statement::lastInsertId() const
{
    if (m_postgres)
        return m_postgres->lastInsertId();
    return m_sqlite->lastInsertId();
}

double Statement::columnDouble(int column) const
{
    if (m_postgres)
        return m_postgres->value(column).toByteArray().toDouble();
    return m_sqlite->columnDouble(column);
}

bool Statement::columnIsNull(int column) const
{
    if (m_postgres)
        return m_postgres->isNull(column);
    return m_sqlite->columnIsNull(column);
}

QString Statement::columnText(int column) const
{
    if (m_postgres) {
        const QByteArrayView text = m_postgres->value(column);
        return m_postgres->isNull(column) ? QString() : QString::fromUtf8(text);
    }
    return m_sqlite->columnText(column);
}

QByteArrayView Statement::columnUtf8(int column) const
{
    if (m_postgres)
        return m_postgres->value(column);
    return m_sqlite->columnUtf8(column);
}

QByteArrayView Statement::columnBlob(int column) const
{
    if (m_postgres)
        return m_postgres->blob(column);
    return m_sqlite->columnBlob(column);
}

} // namespace GridDesk
