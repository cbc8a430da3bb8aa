// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"

#include <QSqlDatabase>

namespace GridDesk::SqlFunctions {

/// Registers on an open connection the SQL functions GeoPackage's R-tree triggers call
/// (ST_MinX, ST_MaxX, ST_MinY, ST_MaxY, ST_IsEmpty), read from the geometry blob's header.
Result<void> registerGeoPackageFunctions(const QSqlDatabase &database);

} // namespace GridDesk::SqlFunctions
