// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "mapstyle.h"

#include "gis/gridexport.h"

namespace GridDesk {

/// The workstation's map look, as the layer style of an exported GeoPackage, so that QGIS
/// draws the grids as GridDesk does.
ExportStyle exportStyle(const MapStyle &map);

} // namespace GridDesk
