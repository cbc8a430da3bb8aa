// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

typedef struct pg_conn PGconn;
typedef struct pg_result PGresult;

namespace GridDesk {

/// A statement run through libpq on the connection a PostgreSQL workspace holds: parameters
/// bound as text (blobs as binary), rows read in text form. Use on the connection's thread.
class PostgresStatement
{
public:
    /// sql with SQLite's ?N or ? parameters, written for PostgreSQL as $N.
    PostgresStatement(PGconn *connection, const char *sql);
    ~PostgresStatement();
    PostgresStatement(const PostgresStatement &) = delete;
    PostgresStatement &operator=(const PostgresStatement &) = delete;

    /// The text of sql with its parameters numbered as PostgreSQL writes them.
    static QByteArray numberedParameters(const char *sql);

    void bindText(int index, const QByteArray &utf8);
    void bindBinary(int index, QByteArrayView bytes);
    void bindNull(int index);

    Result<bool> step(const QString &doing);
    void reset();

    qint64 lastInsertId() const;
    bool isNull(int column) const;
    QByteArrayView value(int column) const;
    QByteArrayView blob(int column) const;

private:
    struct Parameter
    {
        QByteArray bytes;
        bool null = true;
        bool binary = false;
    };
    Parameter &parameter(int index);
    void clearResult();

    PGconn *m_connection = nullptr;
    QByteArray m_sql;
    QList<Parameter> m_parameters;
    PGresult *m_result = nullptr;
    int m_row = -1;
    mutable QList<QByteArray> m_blobs; ///< decoded bytea of the current row, by column
};

} // namespace GridDesk
