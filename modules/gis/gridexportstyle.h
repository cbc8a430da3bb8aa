// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "gridexport.h"

#include <QString>

/// The QGIS layer style an exported GeoPackage carries, as QML (QGIS's own format) and SLD.
namespace GridDesk::GridExportStyle {

/// The exported fields the style refers to.
inline constexpr char CODE_FIELD[] = "code";
inline constexpr char NAME_FIELD[] = "name";
inline constexpr char LEVEL_FIELD[] = "level";

/// A categorized renderer by level in the workstation's colours, labels by name.
QString qml(const ExportStyle &style);
QString sld(const ExportStyle &style, const QString &layerName);

} // namespace GridDesk::GridExportStyle
