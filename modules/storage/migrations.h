// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include <QByteArray>
#include <QList>
#include <QStringList>

namespace GridDesk::Migrations {

/// One schema step: the version it brings a workspace to and the statements that do it.
struct Migration
{
    int version = 0;
    const char *summary = "";
    QStringList statements;
};

/// Every migration in order, from an empty file to Workspace::SCHEMA_VERSION. A step once
/// released is never edited; a change is a new step.
const QList<Migration> &all();

/// One schema step of a PostgreSQL store: one SQL text, run as a whole in one transaction.
struct PostgresStep
{
    int version = 0;
    const char *summary = "";
    const char *resource = ""; ///< the Qt resource holding its SQL
    QByteArray sql() const;
};

/// The steps of a PostgreSQL store, in order. A store starts at the schema the workspace had
/// when PostgreSQL came (13) and takes every later step in its own dialect.
const QList<PostgresStep> &postgres();

} // namespace GridDesk::Migrations
