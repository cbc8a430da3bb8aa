// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "calendarcsv.h"

#include <QCoreApplication>
#include <QHash>
#include <QRegularExpression>
#include <QStringDecoder>

#include <algorithm>
#include <array>

namespace GridDesk::CalendarCsv {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::WorkCalendar)
};

enum class Column { Date, Kind, Name, Year, Count };

const std::array<QString, int(Column::Count)> COLUMN_NAMES = {
    QStringLiteral("date"), QStringLiteral("kind"), QStringLiteral("name"), QStringLiteral("year")};

const QString HOLIDAY = QStringLiteral("holiday");
const QString WORKDAY = QStringLiteral("workday");

/// Where each column sits in a row, and how many fields a row has.
struct Layout
{
    std::array<qsizetype, int(Column::Count)> index {};
    qsizetype fieldCount = 0;
};

/// The fields of one line; quoted fields may hold commas and doubled quotes.
Result<QStringList> splitFields(QStringView line)
{
    QStringList fields;
    QString field;
    bool inQuotes = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line[i];
        if (inQuotes && c == u'"' && i + 1 < line.size() && line[i + 1] == u'"') {
            field += c;
            ++i;
        } else if (c == u'"') {
            inQuotes = !inQuotes;
        } else if (c == u',' && !inQuotes) {
            fields << field.trimmed();
            field.clear();
        } else {
            field += c;
        }
    }
    if (inQuotes) {
        return fail(ErrorCode::InvalidRow, Tr::tr("a quoted field has no closing quote (\")."));
    }
    fields << field.trimmed();
    return fields;
}

qsizetype indexOfName(const QStringList &fields, const QString &name)
{
    const auto at = std::ranges::find_if(fields,
        [&](const QString &field) { return field.compare(name, Qt::CaseInsensitive) == 0; });
    return at == fields.end() ? -1 : at - fields.begin();
}

Result<Layout> readHeader(QStringView line)
{
    const auto fields = splitFields(line);
    if (!fields)
        return std::unexpected(fields.error());

    Layout layout;
    layout.fieldCount = fields->size();
    for (int column = 0; column < int(Column::Count); ++column)
        layout.index[column] = indexOfName(*fields, COLUMN_NAMES[column]);

    const bool noHeader = std::ranges::all_of(layout.index, [](qsizetype i) { return i < 0; });
    if (noHeader) {
        return fail(ErrorCode::MissingField,
            Tr::tr("the file does not start with the header date,kind,name,year (found \"%1\").")
                .arg(line));
    }
    for (int column = 0; column < int(Column::Count); ++column) {
        if (layout.index[column] < 0) {
            return fail(ErrorCode::MissingField,
                Tr::tr("the header has no \"%1\" column.").arg(COLUMN_NAMES[column]));
        }
    }
    return layout;
}

Result<QDate> readDate(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    const QDate date = QDate::fromString(text, Qt::ISODate);
    if (!pattern.match(text).hasMatch() || !date.isValid()) {
        return fail(ErrorCode::InvalidRow,
            Tr::tr("\"%1\" is not a date; dates are written YYYY-MM-DD.").arg(text));
    }
    return date;
}

Result<CalendarDayKind> readKind(const QString &text)
{
    if (text.compare(HOLIDAY, Qt::CaseInsensitive) == 0)
        return CalendarDayKind::Holiday;
    if (text.compare(WORKDAY, Qt::CaseInsensitive) == 0)
        return CalendarDayKind::AdjustedWorkday;
    return fail(ErrorCode::InvalidRow,
        Tr::tr("\"%1\" is not a kind of day; write holiday or workday.").arg(text));
}

/// The year column names the year whose schedule lists the day: the date's own year, or the
/// next one when that year's New Year holiday starts in December.
Result<void> checkYear(const QString &text, const QDate &date)
{
    bool isNumber = false;
    const int year = text.toInt(&isNumber);
    if (!isNumber)
        return fail(ErrorCode::InvalidRow, Tr::tr("\"%1\" is not a year.").arg(text));

    const bool nextYearsNewYear = date.month() == 12 && year == date.year() + 1;
    if (year != date.year() && !nextYearsNewYear) {
        return fail(ErrorCode::InvalidRow,
            Tr::tr("the year column says %1, but %2 is in %3.")
                .arg(text, date.toString(Qt::ISODate))
                .arg(date.year()));
    }
    return {};
}

Result<CalendarDay> readRow(QStringView line, const Layout &layout)
{
    const auto fields = splitFields(line);
    if (!fields)
        return std::unexpected(fields.error());
    if (fields->size() != layout.fieldCount) {
        return fail(ErrorCode::InvalidRow,
            Tr::tr("the line has %1 fields, the header %2.")
                .arg(fields->size())
                .arg(layout.fieldCount));
    }

    const auto field = [&](Column column) {
        return fields->at(layout.index[int(column)]);
    };
    const auto date = readDate(field(Column::Date));
    if (!date)
        return std::unexpected(date.error());
    const auto kind = readKind(field(Column::Kind));
    if (!kind)
        return std::unexpected(kind.error());
    if (const auto year = checkYear(field(Column::Year), *date); !year)
        return std::unexpected(year.error());
    return CalendarDay {*date, *kind, field(Column::Name)};
}

Error atLine(const Error &error, const QString &sourceName, qsizetype line)
{
    return error.at(Tr::tr("%1, line %2").arg(sourceName).arg(line));
}

QByteArray quoted(const QString &text)
{
    QString flat = text;
    flat.replace(u'\n', u' ').remove(u'\r');
    if (!flat.contains(u',') && !flat.contains(u'"'))
        return flat.toUtf8();
    return '"' + flat.replace(QStringLiteral("\""), QStringLiteral("\"\"")).toUtf8() + '"';
}

} // namespace

Result<QList<CalendarDay>> read(const QByteArray &bytes, const QString &sourceName)
{
    QStringDecoder decoder(QStringDecoder::Utf8); // drops a leading BOM
    const QString text = decoder.decode(bytes);
    if (decoder.hasError())
        return fail(ErrorCode::UnknownEncoding, Tr::tr("%1 is not UTF-8 text.").arg(sourceName));

    if (text.trimmed().isEmpty())
        return fail(ErrorCode::MissingField, Tr::tr("%1 is empty.").arg(sourceName));

    const QList<QStringView> lines = QStringView(text).split(u'\n');
    const auto layout = readHeader(lines.first().trimmed());
    if (!layout)
        return std::unexpected(atLine(layout.error(), sourceName, 1));

    QList<CalendarDay> days;
    QHash<QDate, qsizetype> lineOfDate;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QStringView line = lines[i].trimmed();
        if (line.isEmpty())
            continue;
        const auto day = readRow(line, *layout);
        if (!day)
            return std::unexpected(atLine(day.error(), sourceName, i + 1));

        if (const qsizetype earlier = lineOfDate.value(day->date); earlier > 0) {
            const Error twice {ErrorCode::InvalidRow,
                Tr::tr("%1 is listed twice (first on line %2).")
                    .arg(day->date.toString(Qt::ISODate))
                    .arg(earlier)};
            return std::unexpected(atLine(twice, sourceName, i + 1));
        }
        lineOfDate.insert(day->date, i + 1);
        days << *day;
    }
    return days;
}

QByteArray write(const QList<CalendarDay> &days)
{
    QByteArray csv = "date,kind,name,year\r\n";
    for (const CalendarDay &day : days) {
        const QString &kind = day.kind == CalendarDayKind::Holiday ? HOLIDAY : WORKDAY;
        csv += day.date.toString(Qt::ISODate).toUtf8() + ',' + kind.toUtf8() + ','
            + quoted(day.name) + ',' + QByteArray::number(day.date.year()) + "\r\n";
    }
    return csv;
}

} // namespace GridDesk::CalendarCsv
