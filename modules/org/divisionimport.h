// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "orgchart.h"
#include "orgcsv.h"

#include "domain/error.h"

#include <QList>
#include <QString>

namespace GridDesk {

/// A national statistics division code (4-digit city, 6-digit district, 9-digit street or
/// 12-digit code) as the 12-digit code it stands for: 4403 → 440300000000. Empty when text is
/// not such a code.
QString divisionCode12(const QString &text);

/// Reads the division code tables of a folder — cities.csv, areas.csv and the streets*.csv
/// and villages*.csv files — and makes the unit tree of one city: the city supervision centre
/// (tier 1), district command centres (2), street sub-centres (3) and community workstations
/// (4), coded with the 12-digit division codes. rootCode limits the tree to the subtree of a
/// city, district or street; empty, it is the one city the street files cover. Units come
/// ordered parents first; the root has no parent.
Result<QList<ChartUnit>> readDivisionTree(const QString &folder, const QString &rootCode = {});

/// Puts the tree into chart, all or nothing: a unit already in the chart keeps its details,
/// and the root keeps its parent there. Refused, changing nothing, when any unit breaks the
/// tier rule against what the chart holds.
Result<OrgImportReport> importDivisionTree(OrgChart &chart, const QList<ChartUnit> &tree);

} // namespace GridDesk
