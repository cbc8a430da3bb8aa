// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "casetime.h"
#include "grid.h"

#include <QStringList>

#include <optional>

namespace GridDesk {

/// Flags an import puts on a case that it kept but could not take at face value.
namespace CaseFlags {
inline constexpr auto NO_LOCATION = "no_location";
inline constexpr auto OUTSIDE_GRIDS = "outside_grids";
inline constexpr auto CLOSED_BEFORE_CREATED = "closed_before_created";
inline constexpr auto BAD_CREATED_DATE = "bad_created_date";
inline constexpr auto BAD_CLOSED_DATE = "bad_closed_date";
inline constexpr auto NO_CREATED_DATE = "no_created_date";
} // namespace CaseFlags

/// A case as a workspace keeps it: what the report said plus the grid it falls in.
struct CaseRecord
{
    qint64 id = 0;
    QString externalId; ///< the source's own id (311 "Unique Key", "SRNumber" …)
    QString source; ///< the import profile or channel it came from
    QString category;
    QString descriptor;
    QString status;
    QString agency;
    QString address;
    CaseTime created;
    CaseTime closed;
    std::optional<GeoPoint> location; ///< WGS84; empty when the report had none
    QString gridCode; ///< innermost grid containing the location, if any
    QStringList flags;

    // Where the case stands in the closed loop, as its history adds up (the workflow module
    // writes these; read-only everywhere else).
    QString state; ///< a state key: "reported", "in_handling" …
    int version = 0; ///< the number of events in its history
    QString leadUnit;
    CaseTime stageStarted;
    CaseTime deadline; ///< of the current stage; invalid when the stage has none
    bool suspended = false; ///< the clock is stopped while material is awaited
    QString caseTypes; ///< case type keys joined with ","
    QStringList coUnits; ///< units handling a joint case with the lead unit
    bool extensionPending = false; ///< a unit asked for more time; a leader has not decided

    bool hasFlag(const char *flag) const { return flags.contains(QLatin1String(flag)); }
    void addFlag(const char *flag);
};

} // namespace GridDesk
