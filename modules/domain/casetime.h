// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace GridDesk {

/// A moment as a report gave it: a wall-clock time, with a UTC offset only when the source
/// stated one. Hotline exports usually carry no zone, and guessing one would move cases across
/// midnight, so a time without an offset stays without one.
class CaseTime
{
public:
    CaseTime() = default;

    static CaseTime naive(const QDate &date, const QTime &time);
    static CaseTime withOffset(const QDate &date, const QTime &time, int offsetSeconds);

    bool isValid() const { return m_wall.isValid(); }
    bool hasOffset() const { return m_offsetSeconds.has_value(); }
    QDateTime wallTime() const { return m_wall; }

    /// ISO 8601 to the second: "2017-12-31T23:59:58", or "…+08:00" when an offset is known.
    QString toIso() const;

    /// The largest UTC offset a time may carry, in minutes (14 hours).
    static constexpr int MAX_OFFSET_MINUTES = 14 * 60;

    /// Reads what toIso() writes (and "Z"). Empty for anything else, including offsets beyond
    /// MAX_OFFSET_MINUTES.
    static std::optional<CaseTime> fromIso(const QString &text);

    /// Seconds from this to other. Compares instants when both have offsets and wall times
    /// otherwise, which is what a feed without zones means.
    qint64 secondsTo(const CaseTime &other) const;

private:
    QDateTime m_wall; // kept with Qt::UTC as a plain container for the wall time
    std::optional<int> m_offsetSeconds;
};

} // namespace GridDesk
