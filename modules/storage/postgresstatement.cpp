// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "postgresstatement.h"

#include <libpq-fe.h>

#include <QCoreApplication>

namespace GridDesk {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Workspace)
};

QString postgresMessage(const PGresult *result, PGconn *connection)
{
    const char *message = result ? PQresultErrorMessage(result) : PQerrorMessage(connection);
    return QString::fromUtf8(message).trimmed();
}
} // namespace

PostgresStatement::PostgresStatement(PGconn *connection, const char *sql)
    : m_connection(connection)
    , m_sql(numberedParameters(sql))
{ }

PostgresStatement::~PostgresStatement()
{
    clearResult();
}

QByteArray PostgresStatement::numberedParameters(const char *sql)
{
    QByteArray out;
    int next = 0;
    bool quoted = false;
    for (const char *c = sql; *c; ++c) {
        if (*c == '\'')
            quoted = !quoted;
        if (quoted || *c != '?') {
            out += *c;
            continue;
        }
        QByteArray digits;
        while (c[1] >= '0' && c[1] <= '9')
            digits += *++c;
        out += '$';
        out += digits.isEmpty() ? QByteArray::number(++next) : digits;
    }
    return out;
}

PostgresStatement::Parameter &PostgresStatement::parameter(int index)
{
    if (m_parameters.size() < index)
        m_parameters.resize(index);
    return m_parameters[index - 1];
}

void PostgresStatement::bindText(int index, const QByteArray &utf8)
{
    parameter(index) = Parameter {utf8, false, false};
}

void PostgresStatement::bindBinary(int index, QByteArrayView bytes)
{
    parameter(index) = Parameter {bytes.toByteArray(), false, true};
}

void PostgresStatement::bindNull(int index)
{
    parameter(index) = Parameter {};
}

Result<bool> PostgresStatement::step(const QString &doing)
{
    if (!m_result) {
        const int count = int(m_parameters.size());
        std::vector<const char *> values(std::size_t(count), nullptr);
        std::vector<int> lengths(std::size_t(count), 0);
        std::vector<int> formats(std::size_t(count), 0);
        for (int i = 0; i < count; ++i) {
            const Parameter &bound = m_parameters.at(i);
            if (bound.null)
                continue;
            values[std::size_t(i)] = bound.bytes.constData();
            lengths[std::size_t(i)] = int(bound.bytes.size());
            formats[std::size_t(i)] = bound.binary ? 1 : 0;
        }
        m_result = PQexecParams(m_connection, m_sql.constData(), count, nullptr, values.data(),
            lengths.data(), formats.data(), 0);
        const ExecStatusType status = m_result ? PQresultStatus(m_result) : PGRES_FATAL_ERROR;
        if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
            const QString message = postgresMessage(m_result, m_connection);
            clearResult();
            if (doing.isEmpty())
                return fail(ErrorCode::Database, message);
            return fail(ErrorCode::Database, Tr::tr("%1 failed: %2").arg(doing, message));
        }
        m_row = -1;
    }
    ++m_row;
    m_blobs.clear();
    return m_row < PQntuples(m_result);
}

void PostgresStatement::reset()
{
    clearResult();
    m_parameters.clear();
}

void PostgresStatement::clearResult()
{
    if (m_result)
        PQclear(m_result);
    m_result = nullptr;
    m_row = -1;
    m_blobs.clear();
}

qint64 PostgresStatement::lastInsertId() const
{
    PGresult *result = PQexec(m_connection, "SELECT lastval()");
    qint64 id = 0;
    if (PQresultStatus(result) == PGRES_TUPLES_OK && PQntuples(result) == 1)
        id = QByteArray(PQgetvalue(result, 0, 0)).toLongLong();
    PQclear(result);
    return id;
}

bool PostgresStatement::isNull(int column) const
{
    return !m_result || m_row < 0 || m_row >= PQntuples(m_result)
        || PQgetisnull(m_result, m_row, column);
}

QByteArrayView PostgresStatement::value(int column) const
{
    if (isNull(column))
        return {};
    return QByteArrayView(
        PQgetvalue(m_result, m_row, column), PQgetlength(m_result, m_row, column));
}

QByteArrayView PostgresStatement::blob(int column) const
{
    // bytea comes as text, in the form the session asked for (Qt's driver asks for the older
    // escaped form); libpq reads either.
    if (isNull(column))
        return {};
    if (m_blobs.size() <= column)
        m_blobs.resize(column + 1);
    QByteArray &decoded = m_blobs[column];
    if (decoded.isNull()) {
        std::size_t length = 0;
        unsigned char *bytes = PQunescapeBytea(
            reinterpret_cast<const unsigned char *>(PQgetvalue(m_result, m_row, column)), &length);
        if (!bytes)
            return {};
        decoded = QByteArray(reinterpret_cast<const char *>(bytes), qsizetype(length));
        PQfreemem(bytes);
    }
    return decoded;
}

} // namespace GridDesk
