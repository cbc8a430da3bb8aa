// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "feedtime.h"

#include <QDateTime>
#include <QRegularExpression>

namespace GridDesk::FeedTime {

namespace {

/// Month/day/year or year-month-day with hours, minutes, optional seconds and, for the first,
/// an optional AM/PM: what nearly every 311 export writes. Read by hand because
/// QDateTime::fromString tries its formats one by one and asks the C library for the local
/// zone each time (a stat of /etc/localtime per try), which dominated the reading of a large
/// export. Empty when the text is another form or its numbers make no time; parse() then
/// tries its formats, which decide.
std::optional<CaseTime> parseCommon(const QString &text)
{
    static const QRegularExpression usForm(
        QStringLiteral(
            R"(^(\d{1,2})/(\d{1,2})/(\d{4}) (\d{1,2}):(\d{2})(?::(\d{2}))?(?: ([AP]M))?$)"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression isoForm(
        QStringLiteral(R"(^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$)"));
    int year = 0, month = 0, day = 0;
    QRegularExpressionMatch match = usForm.match(text);
    if (match.hasMatch()) {
        month = match.capturedView(1).toInt();
        day = match.capturedView(2).toInt();
        year = match.capturedView(3).toInt();
    } else if (match = isoForm.match(text); match.hasMatch()) {
        year = match.capturedView(1).toInt();
        month = match.capturedView(2).toInt();
        day = match.capturedView(3).toInt();
    } else {
        return std::nullopt;
    }

    int hour = match.capturedView(4).toInt();
    const QStringView half = match.capturedView(7);
    if (!half.isEmpty()) {
        if (hour > 12)
            return std::nullopt;
        hour = hour % 12 + (half.compare(u"PM", Qt::CaseInsensitive) == 0 ? 12 : 0);
    }
    const QDate date(year, month, day);
    const QTime time(hour, match.capturedView(5).toInt(), match.capturedView(6).toInt());
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    return CaseTime::naive(date, time);
}

} // namespace

std::optional<CaseTime> parse(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;

    // ISO 8601 with an offset or Z: the only form that says which instant it is.
    static const QRegularExpression zoned(QStringLiteral(
        R"(^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})$)"));
    if (const auto match = zoned.match(trimmed); match.hasMatch()) {
        const QDate date = QDate::fromString(match.captured(1), Qt::ISODate);
        const QTime time = QTime::fromString(match.captured(2), QStringLiteral("HH:mm:ss"));
        QString zone = match.captured(3);
        int offset = 0;
        if (zone != QLatin1String("Z")) {
            zone.remove(u':');
            const int sign = zone.startsWith(u'-') ? -1 : 1;
            const int hours = zone.mid(1, 2).toInt();
            const int minutes = zone.mid(3, 2).toInt();
            // No zone is further than 14 hours from UTC; "+99:99" is damage, not an offset.
            if (hours > 14 || minutes > 59)
                return std::nullopt;
            offset = sign * (hours * 3600 + minutes * 60);
        }
        if (date.isValid() && time.isValid())
            return CaseTime::withOffset(date, time, offset);
        return std::nullopt;
    }

    // Times are kept to the second; a fraction of any length (.25, .123456) is dropped so the
    // formats below need not list every precision an export may write.
    static const QRegularExpression fraction(QStringLiteral(R"((\d{1,2}:\d{2}:\d{2})\.\d+)"));
    const QString whole = QString(trimmed).replace(fraction, QStringLiteral("\\1"));
    if (const auto common = parseCommon(whole))
        return common;

    static const QStringList formats {
        QStringLiteral("MM/dd/yyyy hh:mm:ss AP"),
        QStringLiteral("MM/dd/yyyy h:mm:ss AP"),
        QStringLiteral("M/d/yyyy h:mm:ss AP"),
        QStringLiteral("MM/dd/yyyy hh:mm AP"),
        QStringLiteral("M/d/yyyy h:mm AP"),
        QStringLiteral("MM/dd/yyyy HH:mm:ss"),
        QStringLiteral("M/d/yyyy H:mm:ss"),
        QStringLiteral("MM/dd/yyyy HH:mm"),
        QStringLiteral("M/d/yyyy H:mm"),
        QStringLiteral("yyyy-MM-dd HH:mm:ss"),
        QStringLiteral("yyyy-MM-ddTHH:mm:ss"),
        QStringLiteral("yyyy-MM-dd HH:mm"),
        QStringLiteral("yyyy/MM/dd HH:mm:ss"),
        QStringLiteral("yyyy/M/d H:mm:ss"),
        QStringLiteral("yyyy/MM/dd HH:mm"),
        QStringLiteral("yyyy年M月d日 H:mm:ss"),
        QStringLiteral("yyyy年M月d日 H:mm"),
    };
    for (const QString &format : formats) {
        const QDateTime parsed = QDateTime::fromString(whole, format);
        if (parsed.isValid())
            return CaseTime::naive(parsed.date(), parsed.time());
    }

    static const QStringList dateFormats {
        QStringLiteral("MM/dd/yyyy"),
        QStringLiteral("M/d/yyyy"),
        QStringLiteral("yyyy-MM-dd"),
        QStringLiteral("yyyy/MM/dd"),
        QStringLiteral("yyyy年M月d日"),
    };
    for (const QString &format : dateFormats) {
        const QDate date = QDate::fromString(whole, format);
        if (date.isValid())
            return CaseTime::naive(date, QTime(0, 0));
    }
    return std::nullopt;
}

} // namespace GridDesk::FeedTime
