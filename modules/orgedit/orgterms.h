// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "org/orgchart.h"

#include <QColor>
#include <QString>

namespace GridDesk {

/// The name of a management tier (1–6) for people, in the interface language.
/// "Tier unit" or "Joint-handling unit".
QString unitKindName(UnitKind kind);
/// The colour that marks units of a tier (joint units have one of their own) in lists.
QColor unitColour(const ChartUnit &unit);
/// "name (code)", or the code alone when the unit has no name.
QString unitTitle(const ChartUnit &unit);

} // namespace GridDesk
