// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include <QStringList>

namespace GridDesk {

/// Points PROJ and GDAL at the data a relocatable GridDesk carries beside its programs, so a
/// bundle unpacked anywhere uses its own proj.db and GDAL files rather than the host's:
/// - PROJ_DATA and PROJ_LIB (older PROJ) when programDir/../share/proj holds proj.db,
/// - GDAL_DATA when programDir/../share/gdal exists,
/// - GDAL_DRIVER_PATH when programDir/../lib/gdalplugins exists (even empty, so that GDAL does
///   not load the host's plugins, built against another GDAL).
/// A variable that is already set, by the user or a launcher, is left as it is. Returns the
/// assignments made, as "NAME=value". Call from main() on the main thread before GDAL or PROJ is
/// first used; programDir is normally QCoreApplication::applicationDirPath().
QStringList useBundledGisData(const QString &programDir);

} // namespace GridDesk
