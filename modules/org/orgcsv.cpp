// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "orgcsv.h"

#include "logging.h"
#include "personaldata.h"

#include "domain/text.h"

#include <QCoreApplication>
#include <QHash>
#include <QStringDecoder>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Org)
};

/// Column name → index, from a header record.
using Header = QHash<QString, qsizetype>;

Header headerOf(const CsvRecord &record)
{
    Header header;
    for (qsizetype i = 0; i < record.fields.size(); ++i)
        header.insert(record.fields.at(i).trimmed().toLower(), i);
    return header;
}

Result<void> requireColumns(const Header &header, const QStringList &required)
{
    QStringList missing;
    for (const QString &column : required) {
        if (!header.contains(column))
            missing << column;
    }
    if (missing.isEmpty())
        return {};
    return fail(ErrorCode::MissingField,
        Tr::tr("The file has no column %1; its header must name %2.")
            .arg(missing.join(QStringLiteral(", ")), required.join(QStringLiteral(","))));
}

QString field(const CsvRecord &record, const Header &header, const QString &column)
{
    const qsizetype index = header.value(column, -1);
    if (index < 0 || index >= record.fields.size())
        return {};
    const QString text = record.fields.at(index).trimmed();
    // Our own export's guard against formulas comes off again.
    if (text.startsWith(u'\'') && looksLikeSpreadsheetFormula(text.mid(1)))
        return text.mid(1);
    return text;
}

QStringList codes(const QString &text)
{
    QStringList list;
    for (const QString &part : text.split(u';', Qt::SkipEmptyParts)) {
        if (!part.trimmed().isEmpty())
            list << part.trimmed();
    }
    return list;
}

std::optional<bool> flag(const QString &text)
{
    if (text.isEmpty() || text == QLatin1String("0"))
        return false;
    if (text == QLatin1String("1"))
        return true;
    return std::nullopt;
}

QByteArray csvLine(const QStringList &fields)
{
    QStringList out;
    for (const QString &text : fields)
        out << csvField(text);
    return out.join(u',').toUtf8() + "\r\n";
}

Result<ChartUnit> unitFromRow(const CsvRecord &record, const Header &header, const OrgChart &chart)
{
    ChartUnit unit;
    unit.code = field(record, header, QStringLiteral("code"));
    if (const ChartUnit *known = chart.unit(unit.code))
        unit = *known;
    unit.name = field(record, header, QStringLiteral("name"));
    bool numeric = false;
    unit.tier = field(record, header, QStringLiteral("tier")).toInt(&numeric);
    if (!numeric)
        return fail(ErrorCode::InvalidRow, Tr::tr("the tier must be a number from 1 to 6."));
    unit.parentCode = field(record, header, QStringLiteral("parent_code"));

    const auto kind = unitKindFromKey(field(record, header, QStringLiteral("kind")));
    if (!kind)
        return fail(ErrorCode::InvalidRow, Tr::tr("the kind must be tier or joint."));
    unit.kind = *kind;
    if (header.contains(QStringLiteral("contact")))
        unit.contact = field(record, header, QStringLiteral("contact"));
    if (header.contains(QStringLiteral("jurisdiction")))
        unit.jurisdiction = codes(field(record, header, QStringLiteral("jurisdiction")));
    const auto retired = flag(field(record, header, QStringLiteral("retired")));
    if (!retired)
        return fail(ErrorCode::InvalidRow, Tr::tr("retired must be 0 or 1."));
    if (*retired && !unit.retired)
        unit.retiredAt = QDateTime::currentDateTimeUtc();
    unit.retired = *retired;
    return unit;
}

Result<Person> personFromRow(const CsvRecord &record, const Header &header, const OrgChart &chart)
{
    Person person;
    const QString idText = field(record, header, QStringLiteral("id"));
    if (!idText.isEmpty()) {
        bool numeric = false;
        person.id = idText.toLongLong(&numeric);
        if (!numeric || person.id <= 0)
            return fail(ErrorCode::InvalidRow, Tr::tr("the id must be a positive number."));
    }
    const Person *known = chart.person(person.id);
    person.name = field(record, header, QStringLiteral("name"));
    person.post = field(record, header, QStringLiteral("post"));
    person.unitCode = field(record, header, QStringLiteral("unit_code"));
    person.gridCodes = codes(field(record, header, QStringLiteral("grid_codes")));

    // A masked number is what an export wrote: it stands for the number already on file; so
    // does a file without the column at all.
    const auto number = [&](const QString &column, const QString &onFile) {
        if (!header.contains(column))
            return onFile;
        const QString text = field(record, header, column);
        return text.contains(u'*') ? onFile : text;
    };
    person.phone = number(QStringLiteral("phone"), known ? known->phone : QString());
    person.idNumber = number(QStringLiteral("id_number"), known ? known->idNumber : QString());
    const auto retired = flag(field(record, header, QStringLiteral("retired")));
    if (!retired)
        return fail(ErrorCode::InvalidRow, Tr::tr("retired must be 0 or 1."));
    person.retired = *retired;
    return person;
}

/// The first line, counted from 1, holding bytes that are not UTF-8; 0 when there is none.
int firstLineNotUtf8(const QByteArray &content)
{
    QStringDecoder whole(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString decoded = whole.decode(content);
    if (!whole.hasError())
        return 0;
    const QList<QByteArray> lines = content.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QStringDecoder line(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString text = line.decode(lines.at(i));
        if (line.hasError())
            return int(i + 1);
    }
    return int(lines.size());
}

} // namespace

Result<QList<CsvRecord>> parseCsv(const QByteArray &content)
{
    // Decoding GBK or Latin-1 as UTF-8 would import names as replacement characters unseen.
    if (const int line = firstLineNotUtf8(content); line > 0)
        return fail(ErrorCode::UnknownEncoding,
            Tr::tr("Line %1 holds text that is not UTF-8; save the file as UTF-8 (for example "
                   "from a spreadsheet's \"CSV UTF-8\" format) and import it again.")
                .arg(line));
    QString text = QString::fromUtf8(content);
    if (text.startsWith(QChar(0xfeff)))
        text.remove(0, 1);
    QList<CsvRecord> records;
    CsvRecord record {1, {}};
    QString current;
    bool inQuotes = false;
    bool quotedField = false;
    int line = 1;
    const auto endRecord = [&](int nextLine) {
        record.fields << current;
        const bool blank = record.fields.size() == 1 && current.isEmpty() && !quotedField;
        if (!blank)
            records << record;
        record = CsvRecord {nextLine, {}};
        current.clear();
        quotedField = false;
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (inQuotes) {
            if (c == u'"' && i + 1 < text.size() && text.at(i + 1) == u'"') {
                current += u'"';
                ++i;
            } else if (c == u'"') {
                inQuotes = false;
            } else {
                line += c == u'\n' ? 1 : 0;
                current += c;
            }
        } else if (c == u'"') {
            inQuotes = true;
            quotedField = true;
        } else if (c == u',') {
            record.fields << current;
            current.clear();
        } else if (c == u'\n') {
            ++line;
            endRecord(line);
        } else if (c != u'\r') {
            current += c;
        }
    }
    if (inQuotes)
        return fail(ErrorCode::UnreadableFile,
            Tr::tr("A quoted field starting on line %1 is never closed.").arg(record.line));
    if (!current.isEmpty() || !record.fields.isEmpty())
        endRecord(line + 1);
    return records;
}

Result<OrgImportReport> importUnitsCsv(OrgChart &chart, const QByteArray &content)
{
    auto records = parseCsv(content);
    if (!records)
        return std::unexpected(records.error());
    if (records->isEmpty())
        return fail(ErrorCode::InvalidArgument, Tr::tr("The file is empty."));
    const Header header = headerOf(records->takeFirst());
    const QStringList required {QStringLiteral("code"), QStringLiteral("name"),
        QStringLiteral("tier"), QStringLiteral("parent_code")};
    if (auto columns = requireColumns(header, required); !columns)
        return std::unexpected(columns.error());

    // Rows whose parent is not in the chart yet wait for a later row to bring it; passes
    // repeat while any row was placed.
    OrgImportReport report;
    QList<CsvRecord> waiting = *records;
    QHash<int, QString> lastReason;
    for (bool progress = true; progress && !waiting.isEmpty();) {
        progress = false;
        QList<CsvRecord> next;
        for (const CsvRecord &record : std::as_const(waiting)) {
            auto unit = unitFromRow(record, header, chart);
            if (!unit) {
                report.refused << RefusedRow {record.line, unit.error().message};
                continue;
            }
            const bool known = chart.unit(unit->code) != nullptr;
            auto put = chart.putUnit(*unit, true);
            if (!put) {
                lastReason.insert(record.line, put.error().message);
                next << record;
                continue;
            }
            ++(known ? report.updated : report.added);
            progress = true;
        }
        waiting = next;
    }
    for (const CsvRecord &record : std::as_const(waiting))
        report.refused << RefusedRow {record.line, lastReason.value(record.line)};
    std::sort(report.refused.begin(), report.refused.end(),
        [](const RefusedRow &a, const RefusedRow &b) { return a.line < b.line; });
    qCInfo(lcOrg) << "units CSV:" << report.added << "added," << report.updated << "updated,"
                  << report.refused.size() << "refused";
    return report;
}

Result<OrgImportReport> importPeopleCsv(OrgChart &chart, const QByteArray &content)
{
    auto records = parseCsv(content);
    if (!records)
        return std::unexpected(records.error());
    if (records->isEmpty())
        return fail(ErrorCode::InvalidArgument, Tr::tr("The file is empty."));
    const Header header = headerOf(records->takeFirst());
    const QStringList required {
        QStringLiteral("name"), QStringLiteral("post"), QStringLiteral("unit_code")};
    if (auto columns = requireColumns(header, required); !columns)
        return std::unexpected(columns.error());

    OrgImportReport report;
    QHash<qint64, int> idLines;
    for (const CsvRecord &record : std::as_const(*records)) {
        auto person = personFromRow(record, header, chart);
        if (!person) {
            report.refused << RefusedRow {record.line, person.error().message};
            continue;
        }
        // A second row with the same id would silently replace the first one's person.
        if (const int earlier = idLines.value(person->id); person->id > 0 && earlier > 0) {
            report.refused << RefusedRow {record.line,
                Tr::tr("the id %1 is already used on line %2 of this file.")
                    .arg(person->id)
                    .arg(earlier)};
            continue;
        }
        const bool known = chart.person(person->id) != nullptr;
        auto put = chart.putPerson(*person);
        if (!put) {
            report.refused << RefusedRow {record.line, put.error().message};
            continue;
        }
        idLines.insert(*put, record.line);
        ++(known ? report.updated : report.added);
    }
    qCInfo(lcOrg) << "people CSV:" << report.added << "added," << report.updated << "updated,"
                  << report.refused.size() << "refused";
    return report;
}

QByteArray exportUnitsCsv(const OrgChart &chart)
{
    QByteArray out = csvLine({QStringLiteral("code"), QStringLiteral("name"),
        QStringLiteral("tier"), QStringLiteral("parent_code"), QStringLiteral("kind"),
        QStringLiteral("contact"), QStringLiteral("jurisdiction"), QStringLiteral("retired")});
    for (const ChartUnit &unit : chart.units()) {
        out += csvLine({unit.code, unit.name, QString::number(unit.tier), unit.parentCode,
            unitKindKey(unit.kind), unit.contact, unit.jurisdiction.join(u';'),
            unit.retired ? QStringLiteral("1") : QStringLiteral("0")});
    }
    return out;
}

QByteArray exportPeopleCsv(const OrgChart &chart)
{
    QByteArray out = csvLine({QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("post"),
        QStringLiteral("unit_code"), QStringLiteral("grid_codes"), QStringLiteral("phone"),
        QStringLiteral("id_number"), QStringLiteral("retired")});
    for (const Person &person : chart.people()) {
        out += csvLine({QString::number(person.id), person.name, person.post, person.unitCode,
            person.gridCodes.join(u';'), maskPhone(person.phone), maskIdNumber(person.idNumber),
            person.retired ? QStringLiteral("1") : QStringLiteral("0")});
    }
    return out;
}

} // namespace GridDesk
