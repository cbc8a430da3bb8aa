// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "orgchart.h"

#include "domain/error.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace GridDesk {

/// One record of a CSV text and the line it starts on (1 for the header).
struct CsvRecord
{
    int line = 0;
    QStringList fields;
};

/// Splits UTF-8 CSV text (RFC 4180: quoted fields may hold commas, quotes and line breaks; a
/// byte-order mark is skipped) into records. Refused when a quote is left open, or naming the
/// first line that is not UTF-8.
Result<QList<CsvRecord>> parseCsv(const QByteArray &content);

/// A row an import refused: its line in the file and why.
struct RefusedRow
{
    int line = 0;
    QString reason;
};

/// What an import did. Rows are refused one by one and the others kept.
struct OrgImportReport
{
    int added = 0;
    int updated = 0;
    QList<RefusedRow> refused;
};

/// Reads units from CSV with the header code,name,tier,parent_code and optionally kind,
/// contact, jurisdiction (grid codes separated by ";") and retired (0/1), into chart: a known
/// code is updated, a new one added. A row whose parent comes later in the file waits for it.
/// Each row breaking the tier rule or naming an unknown parent is refused with its line and
/// reason; the other rows are kept. Refused as a whole when a required column is missing.
Result<OrgImportReport> importUnitsCsv(OrgChart &chart, const QByteArray &content);

/// Reads people from CSV with the header name,post,unit_code and optionally id, grid_codes,
/// phone, id_number and retired. A row with a known id updates that person; a phone or ID
/// number holding "*" (a masked export) keeps the number already on file. Refused rows as
/// for units.
Result<OrgImportReport> importPeopleCsv(OrgChart &chart, const QByteArray &content);

/// The chart's units as CSV in the column order importUnitsCsv() reads.
QByteArray exportUnitsCsv(const OrgChart &chart);
/// The chart's people as CSV, their phone and ID numbers masked.
QByteArray exportPeopleCsv(const OrgChart &chart);

} // namespace GridDesk
