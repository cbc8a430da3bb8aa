// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"

#include <QString>

namespace GridDesk {

/// How long a step of the case workflow may take: an amount of working hours, working days
/// (each as long as the calendar's working day) or plain calendar hours.
struct TimeLimit
{
    enum class Unit {
        WorkingHours, ///< written "4h"
        WorkingDays, ///< written "3d"
        CalendarHours, ///< written "48ch"; nights, weekends and holidays count
    };

    double amount = 0;
    Unit unit = Unit::WorkingHours;

    /// True when the amount is a finite number greater than zero.
    bool isValid() const;

    /// The limit as configuration files write it: "4h", "1.5d", "48ch". Empty when the limit
    /// is not valid.
    QString toText() const;

    /// Reads what toText() writes (surrounding spaces allowed). Fails for anything else, for
    /// amounts that are not greater than zero and for amounts above MAX_AMOUNT, with a message
    /// that names the text.
    static Result<TimeLimit> parse(const QString &text);

    /// The largest amount parse() accepts, in any unit.
    static constexpr double MAX_AMOUNT = 100'000;

    bool operator==(const TimeLimit &other) const = default;
};

} // namespace GridDesk
