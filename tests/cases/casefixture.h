// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/caserecord.h"

#include <QList>

namespace GridDesk::Test {

/// Four cases, shaped like 311 requests, in grids 101 (inside district 1), 102 and none.
inline QList<CaseRecord> fixtureCases()
{
    const auto make = [](qint64 id, const char *external, const char *category, const char *status,
                          QDate date, const char *grid, const char *agency) {
        CaseRecord record;
        record.id = id;
        record.externalId = QString::fromLatin1(external);
        record.category = QString::fromLatin1(category);
        record.status = QString::fromLatin1(status);
        record.created = CaseTime::naive(date, QTime(9, 30));
        record.gridCode = QString::fromLatin1(grid);
        record.agency = QString::fromLatin1(agency);
        return record;
    };
    QList<CaseRecord> cases {
        make(1, "900", "Noise - Residential", "Open", QDate(2011, 3, 2), "101", "NYPD"),
        make(2, "80", "Street Light Condition", "Closed", QDate(2011, 1, 15), "102", "DOT"),
        make(3, "1000", "Blocked Driveway", "Closed", QDate(2010, 12, 31), "", "NYPD"),
        make(4, "7", "Illegal Parking", "Assigned", QDate(2011, 2, 1), "101", "NYPD"),
    };
    cases[2].addFlag(CaseFlags::NO_LOCATION);
    return cases;
}

} // namespace GridDesk::Test
