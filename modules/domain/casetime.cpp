// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "casetime.h"

#include <QRegularExpression>
#include <QTimeZone>

namespace GridDesk {

CaseTime CaseTime::naive(const QDate &date, const QTime &time)
{
    // Made once: making the zone from its name costs more than the rest of a time.
    static const QTimeZone utc = QTimeZone::utc();
    CaseTime result;
    result.m_wall = QDateTime(date, time, utc);
    return result;
}

CaseTime CaseTime::withOffset(const QDate &date, const QTime &time, int offsetSeconds)
{
    Q_ASSERT(std::abs(offsetSeconds) <= MAX_OFFSET_MINUTES * 60);
    CaseTime result = naive(date, time);
    result.m_offsetSeconds = offsetSeconds;
    return result;
}

QString CaseTime::toIso() const
{
    if (!isValid())
        return {};
    QString text = m_wall.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"));
    if (!m_offsetSeconds)
        return text;

    const int offset = *m_offsetSeconds;
    const int minutes = std::abs(offset) / 60;
    return text
        + QStringLiteral("%1%2:%3")
              .arg(offset < 0 ? QChar(u'-') : QChar(u'+'))
              .arg(minutes / 60, 2, 10, QLatin1Char('0'))
              .arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

std::optional<CaseTime> CaseTime::fromIso(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral(
        R"(^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:(Z)|([+-])(\d{2}):(\d{2}))?$)"));
    const QRegularExpressionMatch match = pattern.match(text.trimmed());
    if (!match.hasMatch())
        return std::nullopt;

    const QDate date(
        match.captured(1).toInt(), match.captured(2).toInt(), match.captured(3).toInt());
    const QTime time(
        match.captured(4).toInt(), match.captured(5).toInt(), match.captured(6).toInt());
    if (!date.isValid() || !time.isValid())
        return std::nullopt;

    if (!match.captured(7).isEmpty())
        return withOffset(date, time, 0);
    if (match.captured(8).isEmpty())
        return naive(date, time);
    const int hours = match.captured(9).toInt();
    const int minutes = match.captured(10).toInt();
    // Offsets in use run from -12:00 to +14:00; anything else is a typing error, and an offset
    // written back must read again.
    if (minutes >= 60 || hours * 60 + minutes > MAX_OFFSET_MINUTES)
        return std::nullopt;
    const int sign = match.captured(8) == QLatin1String("-") ? -1 : 1;
    return withOffset(date, time, sign * (hours * 3600 + minutes * 60));
}

qint64 CaseTime::secondsTo(const CaseTime &other) const
{
    const bool bothAnchored = hasOffset() && other.hasOffset();
    if (!bothAnchored)
        return m_wall.secsTo(other.m_wall);
    const qint64 from = m_wall.toSecsSinceEpoch() - *m_offsetSeconds;
    const qint64 to = other.m_wall.toSecsSinceEpoch() - *other.m_offsetSeconds;
    return to - from;
}

} // namespace GridDesk
