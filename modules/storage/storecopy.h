// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"

#include <QList>
#include <QString>

namespace GridDesk {

class Workspace;

/// What copying a workspace into a store did: rows per table, in the order copied.
struct StoreCopySummary
{
    QList<std::pair<QString, qint64>> rows;
    qint64 total() const;
};

/// Copies every table of the workspace from (a GeoPackage) into the store to (PostgreSQL),
/// both at the same schema version, in one transaction of to: the way a city's first
/// workspace becomes its server's store. The store must be empty of grids, cases and org
/// units; nothing is written when any row fails, and the error names the table and row.
Result<StoreCopySummary> copyWorkspaceToStore(Workspace &from, Workspace &to);

} // namespace GridDesk
