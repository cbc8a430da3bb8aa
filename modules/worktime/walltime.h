// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include <QDate>
#include <QDateTime>

#include <compare>

namespace GridDesk {

/// A wall-clock moment as a date and milliseconds since its midnight. The working-time
/// arithmetic reads the date and time a QDateTime shows and ignores what instant they are, so
/// a case opened at 09:00 is due at 09:00 whatever zone the feed stored it in.
struct WallTime
{
    static constexpr qint64 MSECS_PER_DAY = 24 * 3600 * 1000;

    QDate date;
    qint64 msecs = 0; ///< since the start of date, 0 up to MSECS_PER_DAY

    /// The date and time dateTime shows, in its own time spec.
    static WallTime of(const QDateTime &dateTime);

    /// This wall time in the time spec (and zone or offset) of like. msecs must be below
    /// MSECS_PER_DAY.
    QDateTime toDateTime(const QDateTime &like) const;

    /// Moves by msecs (negative goes back), across midnights as needed.
    WallTime plus(qint64 msecs) const;

    /// Milliseconds from this to other; negative when other is earlier.
    qint64 msecsTo(const WallTime &other) const;

    std::strong_ordering operator<=>(const WallTime &other) const;
    bool operator==(const WallTime &other) const = default;
};

} // namespace GridDesk
