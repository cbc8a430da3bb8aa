// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"
#include "domain/grid.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace GridDesk::Bench {

/// Makes many cases from a few located ones: each new case copies a random source case's
/// attributes and moves its location by a random offset of a few hundred metres, drawn again
/// until the point lies inside one of the base grids. Writes them as a CSV with the columns of
/// the nyc311 profile plus Latitude and Longitude, which `griddesk-cli import-cases` reads.
class CaseResampler
{
public:
    /// The columns written, in order; the last two are Latitude and Longitude.
    static QStringList columns();

    /// sources: one row per located case, values in the order of columns() (without the
    /// coordinates), plus its location. bases: grids with wkb bounding the city.
    CaseResampler(QList<QStringList> sourceValues, QList<GeoPoint> sourceLocations,
        QList<Grid> bases, quint64 seed);

    /// Writes count cases to path; fails when the file cannot be written or no source case
    /// can be placed inside the city.
    Result<void> write(const QString &path, qint64 count) const;

private:
    QList<QStringList> m_values;
    QList<GeoPoint> m_locations;
    QList<Grid> m_bases;
    quint64 m_seed = 0;
};

} // namespace GridDesk::Bench
