// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/caserecord.h"
#include "workflow/workflowsetup.h"

#include <QList>

namespace GridDesk::Test {

/// A Wednesday morning, when the fixture's deadlines stand as their comments say.
inline QDateTime fixtureNow()
{
    return QDateTime(QDate(2026, 3, 4), QTime(10, 0), Qt::UTC);
}

/// A city centre, one district, two streets; the plain working week (Monday to Friday,
/// 09:00–12:00 and 13:30–17:30) and the standard limits.
inline WorkflowSetup fixtureSetup()
{
    WorkflowSetup setup;
    setup.units = OrgDirectory({
        {QStringLiteral("city"), QStringLiteral("City centre"), 1, {}},
        {QStringLiteral("district-1"), QStringLiteral("District one"), 2, QStringLiteral("city")},
        {QStringLiteral("street-1"), QStringLiteral("Street one"), 3, QStringLiteral("district-1")},
        {QStringLiteral("street-2"), QStringLiteral("Street two"), 3, QStringLiteral("district-1")},
    });
    setup.calendar = WorkCalendar();
    return setup;
}

/// Four cases, shaped like 311 requests, in grids 101 (inside district 1), 102 and none, at
/// four points of the loop.
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
    const auto stage = [](CaseRecord &record, const char *state, const char *unit, QDate date,
                           QTime start, QTime deadline) {
        record.state = QString::fromLatin1(state);
        record.leadUnit = QString::fromLatin1(unit);
        record.stageStarted = CaseTime::naive(date, start);
        if (deadline.isValid())
            record.deadline = CaseTime::naive(date.addDays(start < deadline ? 0 : 1), deadline);
    };
    QList<CaseRecord> cases {
        make(1, "900", "Noise - Residential", "Open", QDate(2011, 3, 2), "101", "NYPD"),
        make(2, "80", "Street Light Condition", "Closed", QDate(2011, 1, 15), "102", "DOT"),
        make(3, "1000", "Blocked Driveway", "Closed", QDate(2010, 12, 31), "", "NYPD"),
        make(4, "7", "Illegal Parking", "Assigned", QDate(2011, 2, 1), "101", "NYPD"),
    };
    cases[2].addFlag(CaseFlags::NO_LOCATION);
    // Three working days from Monday 09:00 end on Wednesday 17:30: 15 of 21 hours used.
    stage(cases[0], "in_handling", "street-1", QDate(2026, 3, 2), QTime(9, 0), QTime());
    cases[0].deadline = CaseTime::naive(QDate(2026, 3, 4), QTime(17, 30));
    stage(cases[1], "closed", "street-2", QDate(2026, 3, 3), QTime(11, 0), QTime(11, 0));
    // One working hour from Tuesday 16:00: due at 17:00, overdue since.
    stage(cases[2], "reported", "", QDate(2026, 3, 3), QTime(16, 0), QTime(17, 0));
    stage(cases[3], "supervised", "street-2", QDate(2026, 3, 3), QTime(9, 0), QTime(9, 0));
    cases[3].suspended = true;
    return cases;
}

} // namespace GridDesk::Test
