// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QUrl>
#include <QUuid>

namespace GridDesk::Test {

/// A database of its own for one test run, made from the template of the PostgreSQL cluster
/// packaging/testpg.sh starts (its address in GRIDDESK_TEST_POSTGRES), and dropped afterwards.
class PostgresDatabase
{
public:
    /// Whether this run of the test is against PostgreSQL: GRIDDESK_TEST_STORE=postgres.
    static bool wanted() { return qgetenv("GRIDDESK_TEST_STORE") == "postgres"; }
    /// Whether a missing cluster fails the test instead of skipping it: the suite run by
    /// packaging/dev.sh test (and CI) always has one.
    static bool required() { return qEnvironmentVariableIsSet("GRIDDESK_REQUIRE_POSTGRES"); }
    /// The cluster's address, empty when no cluster was started for the tests.
    static QString cluster() { return qEnvironmentVariable("GRIDDESK_TEST_POSTGRES"); }

    /// Makes the database; an empty address() and a message in error() when it cannot.
    PostgresDatabase()
    {
        m_name =
            QStringLiteral("griddesk_test_") + QUuid::createUuid().toString(QUuid::Id128).left(12);
        const QString made =
            run(QStringLiteral("CREATE DATABASE %1 TEMPLATE griddesk_template").arg(m_name));
        if (!made.isEmpty()) {
            m_error = made;
            return;
        }
        m_address = cluster() + m_name;
    }
    ~PostgresDatabase()
    {
        if (!m_address.isEmpty())
            run(QStringLiteral("DROP DATABASE %1 WITH (FORCE)").arg(m_name));
    }

    QString address() const { return m_address; }
    QString error() const { return m_error; }

private:
    /// Runs sql on the cluster's maintenance database; its error, or nothing.
    static QString run(const QString &sql)
    {
        const QUrl url(cluster());
        const QString connection = QUuid::createUuid().toString();
        QString error;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
            db.setHostName(url.host());
            db.setPort(url.port(5432));
            db.setUserName(url.userName());
            db.setPassword(url.password());
            db.setDatabaseName(QStringLiteral("postgres"));
            if (!db.open()) {
                error = db.lastError().text();
            } else {
                QSqlQuery query(db);
                if (!query.exec(sql))
                    error = query.lastError().text();
            }
        }
        QSqlDatabase::removeDatabase(connection);
        return error;
    }

    QString m_name;
    QString m_address;
    QString m_error;
};

} // namespace GridDesk::Test
