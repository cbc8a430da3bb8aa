// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

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

} // namespace GridDesk::Migrations
