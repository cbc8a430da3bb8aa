// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"
#include "domain/grid.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <vector>

namespace GridDesk::Bench {

/// A fine grid cut from a base grid: a lattice cell clipped to the base grid's boundary.
struct FineGridCell
{
    QString code; ///< the base grid's code, a dash and a four-digit number
    QString name; ///< Chinese, so that writing it needs GBK
    QString parentCode;
    QByteArray wkb; ///< polygon or multipolygon, WGS84
};

/// Cuts base grids into a regular lattice of roughly square cells (in metres, not degrees)
/// sized so that the total comes close to a target count. Cells lying across a boundary are
/// clipped to it with GEOS; clipped pieces under a fifth of a cell are dropped as slivers.
class FineGridCutter
{
public:
    /// bases need code and wkb (WGS84 lon/lat).
    explicit FineGridCutter(QList<Grid> bases);

    /// About target cells (within five percent when the lattice allows it); fails when a
    /// base grid's boundary cannot be read or clipped.
    Result<std::vector<FineGridCell>> cut(qint64 target);

    /// Slivers dropped in the last cut.
    qint64 droppedSlivers() const { return m_dropped; }
    /// Cell size of the last cut, in degrees.
    double cellWidth() const { return m_cellWidth; }
    double cellHeight() const { return m_cellHeight; }

private:
    Result<std::vector<FineGridCell>> cutWith(double width, double height);

    QList<Grid> m_bases;
    qint64 m_dropped = 0;
    double m_cellWidth = 0.0;
    double m_cellHeight = 0.0;
};

} // namespace GridDesk::Bench
