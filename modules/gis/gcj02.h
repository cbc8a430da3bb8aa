// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/grid.h"

namespace GridDesk::Gcj02 {

/// GCJ-02 is the obfuscated datum that maps of mainland China publish; no file declares it and
/// PROJ does not know it. Outside mainland China the offset is zero.
bool isInsideMainland(const GeoPoint &wgs84);

/// WGS84 → GCJ-02, the published forward formula.
GeoPoint fromWgs84(const GeoPoint &wgs84);

/// GCJ-02 → WGS84 by fixed-point iteration on the forward formula; converges to well under a
/// millimetre in a few steps.
GeoPoint toWgs84(const GeoPoint &gcj02);

} // namespace GridDesk::Gcj02
