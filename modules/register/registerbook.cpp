// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "registerbook.h"

#include "logging.h"

#include "domain/text.h"
#include "gis/geoscontext.h"
#include "gis/gridlocator.h"
#include "gis/wkb.h"
#include "storage/geopackageblob.h"
#include "storage/statement.h"
#include "storage/workspace.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Register)
};

const QString COLUMNS = QStringLiteral(
    "fid, geom, code, kind, name, grid_code, address, source, verified_by, verified_at, fields, "
    "version, updated_by, updated_at");

/// Entries of a grid and of the grids nested below it; ?1 is the grid's code.
const QString IN_SCOPE = QStringLiteral(
    "grid_code IN (WITH RECURSIVE scope(code) AS (SELECT ? UNION SELECT grids.code FROM grids "
    "JOIN scope ON grids.parent_code = scope.code) SELECT code FROM scope)");

/// Whether an entry is due a visit: never verified, or not for longer than ?2 days (when not
/// null) or its kind's period, counted back from the time ?1.
const QString IS_STALE = QStringLiteral(
    "(verified_at IS NULL OR julianday(?) - julianday(verified_at) > coalesce(?, (SELECT "
    "stale_days FROM register_kinds WHERE register_kinds.key = register_entries.kind)))");

/// The period bound in IS_STALE: null takes each kind's own.
QVariant staleDaysValue(std::optional<int> staleDays)
{
    return staleDays ? QVariant(*staleDays) : QVariant(QMetaType(QMetaType::Int));
}

Error databaseError(const QSqlQuery &query, const QString &doing)
{
    return Error {ErrorCode::Database, Tr::tr("%1: %2").arg(doing, query.lastError().text())};
}

Result<void> exec(QSqlQuery &query, const QString &doing)
{
    if (!query.exec())
        return std::unexpected(databaseError(query, doing));
    return {};
}

QString isoTime(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODate);
}

/// A time as the register writes it ("2026-03-01T09:00:00Z"), read without the general ISO
/// parser, which costs more than the rest of the row; other forms go to that parser.
QDateTime utcTime(const QString &text)
{
    const bool written = text.size() == 20 && text.at(4) == u'-' && text.at(7) == u'-'
        && text.at(10) == u'T' && text.at(13) == u':' && text.at(16) == u':' && text.at(19) == u'Z';
    if (!written)
        return QDateTime::fromString(text, Qt::ISODate);
    const auto number = [&text](int from, int length) {
        int value = 0;
        for (int at = from; at < from + length; ++at)
            value = value * 10 + text.at(at).digitValue();
        return value;
    };
    const QDate date(number(0, 4), number(5, 2), number(8, 2));
    const QTime time(number(11, 2), number(14, 2), number(17, 2));
    if (!date.isValid() || !time.isValid())
        return QDateTime::fromString(text, Qt::ISODate);
    return QDateTime(date, time, Qt::UTC);
}

/// A text column whose value often repeats from one row to the next (the kind, the grid, who
/// updated an entry and when): the value of the row before is reused, shared, when the bytes
/// are the same, so a grid's page of thousands of entries makes each such text once.
class RepeatedColumn
{
public:
    explicit RepeatedColumn(int column)
        : m_column(column)
    { }

    const QString &text(const Statement &row)
    {
        if (!sameAsBefore(row)) {
            m_text = m_null ? QString() : QString::fromUtf8(m_bytes);
            m_time.reset();
        }
        return m_text;
    }

    /// The column as a time the register wrote (invalid when null).
    const QDateTime &time(const Statement &row)
    {
        if (!sameAsBefore(row) || !m_time) {
            m_text = m_null ? QString() : QString::fromUtf8(m_bytes);
            m_time = m_null ? QDateTime() : utcTime(m_text);
        }
        return *m_time;
    }

private:
    /// Whether the row holds the bytes of the row before; keeps the row's bytes when not.
    bool sameAsBefore(const Statement &row)
    {
        // The type first: SQLite's type of a column is undefined once its text was asked for.
        const bool isNull = row.columnIsNull(m_column);
        const QByteArrayView bytes = row.columnUtf8(m_column);
        if (m_read && isNull == m_null && bytes == QByteArrayView(m_bytes))
            return true;
        m_bytes = bytes.toByteArray();
        m_null = isNull;
        m_read = true;
        return false;
    }

    int m_column;
    bool m_read = false;
    bool m_null = false;
    QByteArray m_bytes;
    QString m_text;
    std::optional<QDateTime> m_time;
};

/// The JSON texts of the fields of a page of entries, copied one after another into slabs the
/// entries share: one allocation for many entries, and a kept entry holds at most one slab.
class FieldsSlabs
{
public:
    RegisterFields take(QByteArrayView json)
    {
        if (json.size() <= 2) // "{}": no field
            return {};
        if (!m_slab || m_slab->capacity() - m_slab->size() < json.size()) {
            m_slab = std::make_shared<QByteArray>();
            m_slab->reserve(std::max<qsizetype>(SLAB_BYTES, json.size()));
        }
        // Within the reserved capacity: appending never copies the texts already there.
        const qsizetype offset = m_slab->size();
        m_slab->append(json);
        return RegisterFields::fromSlab(m_slab, offset, json.size());
    }

private:
    static constexpr qsizetype SLAB_BYTES = 64 * 1024;
    std::shared_ptr<QByteArray> m_slab;
};

/// Reads entries from the rows of a statement over COLUMNS, in their order.
class EntryReader
{
public:
    /// Fills entry (a fresh one) from the statement's row.
    Result<void> read(const Statement &row, RegisterEntry &entry);

private:
    FieldsSlabs m_fields;
    RepeatedColumn m_kind {3};
    RepeatedColumn m_grid {5};
    RepeatedColumn m_source {7};
    RepeatedColumn m_verifiedBy {8};
    RepeatedColumn m_verifiedAt {9};
    RepeatedColumn m_updatedBy {12};
    RepeatedColumn m_updatedAt {13};
};

Result<void> EntryReader::read(const Statement &row, RegisterEntry &entry)
{
    entry.id = row.columnInt(0);
    const QByteArrayView blob = row.columnBlob(1);
    if (!blob.isEmpty()) {
        auto decoded = GeoPackageBlob::decode(blob);
        if (!decoded)
            return std::unexpected(
                decoded.error().at(Tr::tr("register entry %1").arg(row.columnText(2))));
        if (!decoded->empty)
            entry.wkb = decoded->wkb.toByteArray();
    }
    entry.code = row.columnText(2);
    entry.kind = m_kind.text(row);
    entry.name = row.columnText(4);
    entry.gridCode = m_grid.text(row);
    entry.address = row.columnText(6);
    entry.source = m_source.text(row);
    entry.verifiedBy = m_verifiedBy.text(row);
    entry.verifiedAt = m_verifiedAt.time(row);
    // Parsed only when a field is read: a grid's list shows the core, not every field.
    entry.fields = m_fields.take(row.columnBlob(10));
    entry.version = int(row.columnInt(11));
    entry.updatedBy = m_updatedBy.text(row);
    entry.updatedAt = m_updatedAt.time(row);
    return {};
}

/// Text for a NOT NULL column: a null QString would bind as NULL.
QVariant text(const QString &value)
{
    return value.isNull() ? QVariant(QStringLiteral("")) : QVariant(value);
}

void bindContent(QSqlQuery &query, const RegisterEntry &entry)
{
    query.addBindValue(entry.wkb.isEmpty() ? QVariant(QMetaType(QMetaType::QByteArray))
                                           : QVariant(GeoPackageBlob::encode(entry.wkb)));
    query.addBindValue(text(entry.kind));
    query.addBindValue(text(entry.name));
    query.addBindValue(text(entry.gridCode));
    query.addBindValue(text(entry.address));
    query.addBindValue(text(entry.source));
    query.addBindValue(text(entry.verifiedBy));
    query.addBindValue(
        entry.verifiedAt.isValid() ? QVariant(isoTime(entry.verifiedAt)) : QVariant());
    query.addBindValue(
        QJsonDocument(QJsonObject::fromVariantMap(entry.fields)).toJson(QJsonDocument::Compact));
    query.addBindValue(entry.version);
    query.addBindValue(text(entry.updatedBy));
    query.addBindValue(isoTime(entry.updatedAt));
}

/// Writes one line of an entry's history: origin "" for a line made here, "server" for one
/// taken in from the server above.
Result<void> writeLine(Workspace &workspace, const RegisterChange &line, const QString &origin)
{
    QSqlQuery insert(workspace.database());
    insert.prepare(QStringLiteral(
        "INSERT INTO register_history (entry_code, version, action, changed_by, changed_at, "
        "before, note, origin, command, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    insert.addBindValue(line.code);
    insert.addBindValue(line.version);
    insert.addBindValue(text(line.action));
    insert.addBindValue(text(line.changedBy));
    insert.addBindValue(isoTime(line.changedAt));
    insert.addBindValue(line.before
            ? QVariant(QJsonDocument(line.before->toJson()).toJson(QJsonDocument::Compact))
            : QVariant(QMetaType(QMetaType::QString)));
    insert.addBindValue(text(line.note));
    insert.addBindValue(text(origin));
    insert.addBindValue(
        line.command.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : line.command);
    insert.addBindValue(line.data.isEmpty()
            ? QVariant(QMetaType(QMetaType::QString))
            : QVariant(QString::fromUtf8(QJsonDocument(line.data).toJson(QJsonDocument::Compact))));
    return exec(insert, Tr::tr("Keeping the history of %1").arg(line.code));
}

/// One line of history made here for entry as it is now. data names what a merge names, for
/// programs; command is the sync command that carried the change (on the server).
Result<void> recordChange(Workspace &workspace, const RegisterEntry &entry, const QString &action,
    const std::optional<RegisterEntry> &before, const QString &note, const QJsonObject &data = {},
    const QString &command = {})
{
    RegisterChange line {
        entry.code, entry.version, action, entry.updatedBy, entry.updatedAt, before, note};
    line.command = command;
    line.data = data;
    return writeLine(workspace, line, {});
}

/// The columns readLine() reads, in its order.
constexpr const char *HISTORY_COLUMNS = "entry_code, version, action, changed_by, changed_at, "
                                        "before, note, origin, command, data, id";

RegisterChange readLine(const QSqlQuery &query)
{
    RegisterChange line {query.value(0).toString(), query.value(1).toInt(),
        query.value(2).toString(), query.value(3).toString(),
        QDateTime::fromString(query.value(4).toString(), Qt::ISODate), std::nullopt,
        query.value(6).toString()};
    if (!query.value(5).isNull())
        line.before =
            RegisterEntry::fromJson(QJsonDocument::fromJson(query.value(5).toByteArray()).object());
    line.fromServer = query.value(7).toString() == QLatin1String("server");
    line.command = query.value(8).toString();
    if (!query.value(9).isNull())
        line.data = QJsonDocument::fromJson(query.value(9).toByteArray()).object();
    line.id = query.value(10).toLongLong();
    return line;
}

Error duplicateError(const RegisterEntry &entry, const RegisterEntry &existing)
{
    return Error {ErrorCode::Conflict,
        Tr::tr("%1 \"%2\" duplicates the register entry %3 (\"%4\"); change that entry instead.")
            .arg(entry.kind, entry.name, existing.code, existing.name)};
}

} // namespace

RegisterBook::RegisterBook(Workspace &workspace, RegisterSchema schema)
    : m_workspace(&workspace)
    , m_schema(std::move(schema))
    , m_geos(std::make_unique<GeosContext>())
{ }

RegisterBook::RegisterBook(RegisterBook &&) noexcept = default;
RegisterBook &RegisterBook::operator=(RegisterBook &&) noexcept = default;
RegisterBook::~RegisterBook() = default;

Result<RegisterBook> RegisterBook::load(Workspace &workspace)
{
    auto schema = RegisterSchema::load(workspace);
    if (!schema)
        return std::unexpected(schema.error());
    return RegisterBook(workspace, std::move(*schema));
}

Result<QList<RegisterEntry>> RegisterBook::select(
    const QString &where, const QVariantList &values) const
{
    // The store's own statement: QSqlQuery's per-value QVariants cost more than the query
    // itself on a grid page of thousands of entries.
    const QByteArray sql =
        QStringLiteral("SELECT %1 FROM register_entries %2").arg(COLUMNS, where).toUtf8();
    auto statement = Statement::prepare(*m_workspace, sql.constData());
    if (!statement)
        return std::unexpected(statement.error());
    for (int index = 0; index < values.size(); ++index) {
        const QVariant &value = values.at(index);
        if (value.isNull()) {
            statement->bindNull(index + 1);
            continue;
        }
        switch (value.typeId()) {
        case QMetaType::Double:
            statement->bindDouble(index + 1, value.toDouble());
            break;
        case QMetaType::Int:
        case QMetaType::LongLong:
        case QMetaType::UInt:
        case QMetaType::ULongLong:
            statement->bindInt(index + 1, value.toLongLong());
            break;
        default:
            statement->bindText(index + 1, value.toString());
        }
    }
    QList<RegisterEntry> entries;
    EntryReader reader;
    const QString doing = Tr::tr("Reading the register");
    while (true) {
        auto row = statement->step(doing);
        if (!row)
            return std::unexpected(row.error());
        if (!*row)
            return entries;
        // Read in place: a grid's page is tens of thousands of entries.
        if (auto read = reader.read(*statement, entries.emplaceBack()); !read)
            return std::unexpected(read.error());
    }
}

Result<QList<RegisterEntry>> RegisterBook::entries(const RegisterQuery &query) const
{
    QStringList conditions;
    QVariantList values;
    if (query.gridCode) {
        conditions << (query.includeDescendants ? IN_SCOPE : QStringLiteral("grid_code = ?"));
        values << *query.gridCode;
    }
    if (query.kind) {
        conditions << QStringLiteral("kind = ?");
        values << *query.kind;
    }
    if (query.code) {
        conditions << QStringLiteral("code = ?");
        values << *query.code;
    }
    QString where = conditions.isEmpty()
        ? QString()
        : QStringLiteral("WHERE ") + conditions.join(QStringLiteral(" AND "));
    where += QStringLiteral(" ORDER BY kind, code");
    if (query.limit >= 0)
        where += QStringLiteral(" LIMIT %1").arg(query.limit);
    return select(where, values);
}

Result<std::optional<RegisterEntry>> RegisterBook::entry(const QString &code) const
{
    auto found = select(QStringLiteral("WHERE code = ?"), {code});
    if (!found)
        return std::unexpected(found.error());
    if (found->isEmpty())
        return std::optional<RegisterEntry>();
    return std::optional<RegisterEntry>(found->first());
}

Result<QList<RegisterEntry>> RegisterBook::near(
    const GeoPoint &point, double metres, int limit) const
{
    auto found = around(point, metres, limit);
    if (!found)
        return std::unexpected(found.error());
    QList<RegisterEntry> nearest;
    for (const auto &[entry, distance] : std::as_const(*found))
        nearest << entry;
    return nearest;
}

Result<QList<RegisterEntry>> RegisterBook::atAddress(
    const QString &address, int minimumPartial, int limit) const
{
    const QString typed = address.simplified();
    if (typed.isEmpty())
        return QList<RegisterEntry>();

    // Every beginning of the address long enough to name a building, and the address itself.
    QStringList beginnings;
    for (qsizetype length = std::min<qsizetype>(minimumPartial, typed.size());
         length <= typed.size(); ++length)
        beginnings << typed.left(length);
    QString where =
        QStringLiteral("WHERE address IN (%1)")
            .arg(QStringList(beginnings.size(), QStringLiteral("?")).join(QStringLiteral(", ")));
    QVariantList values(beginnings.cbegin(), beginnings.cend());
    if (typed.size() >= minimumPartial) {
        // A range on the index: every text that begins with typed sorts between the two.
        where += QStringLiteral(" OR (address > ? AND address < ?)");
        values << typed << typed + QString::fromUcs4(U"\U0010FFFF");
    }
    where += QStringLiteral(" ORDER BY address, code LIMIT %1").arg(std::max(0, limit));
    return select(where, values);
}

Result<QList<std::pair<RegisterEntry, double>>> RegisterBook::around(
    const GeoPoint &point, double metres, int limit) const
{
    // A box a little larger than the circle, in degrees, for the R-tree; then exact distances.
    constexpr double METRES_PER_DEGREE = 111'320.0;
    const double dLat = metres / METRES_PER_DEGREE * 1.01;
    const double dLon = dLat / std::max(0.01, std::cos(point.lat * std::numbers::pi / 180.0));
    auto candidates =
        select(QStringLiteral("WHERE fid IN (SELECT id FROM rtree_register_entries_geom WHERE maxx "
                              ">= ? AND minx <= ? "
                              "AND maxy >= ? AND miny <= ?)"),
            {point.lon - dLon, point.lon + dLon, point.lat - dLat, point.lat + dLat});
    if (!candidates)
        return std::unexpected(candidates.error());

    auto probe = m_geos->fromWkb(Wkb::point(point));
    if (!probe)
        return std::unexpected(probe.error());
    std::vector<std::pair<double, RegisterEntry>> found;
    for (const RegisterEntry &entry : std::as_const(*candidates)) {
        auto geometry = m_geos->fromWkb(entry.wkb);
        if (!geometry)
            continue;
        const bool inside = GEOSContains_r(m_geos->handle(), geometry->get(), probe->get()) == 1;
        const std::optional<GeoPoint> anchor = entry.anchor();
        const double distance = inside ? 0.0 : anchor ? metresBetween(point, *anchor) : metres + 1;
        if (distance <= metres)
            found.emplace_back(distance, entry);
    }
    std::stable_sort(
        found.begin(), found.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    QList<std::pair<RegisterEntry, double>> nearest;
    for (const auto &[distance, entry] : found) {
        if (limit >= 0 && nearest.size() >= limit)
            break;
        nearest << std::pair(entry, distance);
    }
    return nearest;
}

Result<QList<RegisterEntry>> RegisterBook::duplicatesOf(const RegisterEntry &entry) const
{
    QStringList matches;
    QVariantList values {entry.kind, text(entry.code)};
    if (!isBlankText(entry.name) && !isBlankText(entry.address)) {
        matches << QStringLiteral("(name = ? AND address = ?)");
        values << entry.name.trimmed() << entry.address.trimmed();
    }
    for (const FieldDefinition &field : m_schema.fields(entry.kind)) {
        const QString value = entry.fields.value(field.key).toString().trimmed();
        if (!field.identifying || value.isEmpty())
            continue;
        // The key is checked against the schema's pattern, so it may stand in the path.
        matches << QStringLiteral("json_extract(fields, '$.%1') = ?").arg(field.key);
        values << entry.fields.value(field.key);
    }
    if (matches.isEmpty())
        return QList<RegisterEntry>();
    return select(QStringLiteral("WHERE kind = ? AND code != ? AND (%1) ORDER BY code")
                      .arg(matches.join(QStringLiteral(" OR "))),
        values);
}

Result<void> RegisterBook::prepareFields(RegisterEntry &entry) const
{
    QVariantMap converted;
    for (auto it = entry.fields.cbegin(); it != entry.fields.cend(); ++it) {
        const FieldDefinition *field = m_schema.field(entry.kind, it.key());
        if (!field) {
            QStringList known;
            for (const FieldDefinition &each : m_schema.fields(entry.kind))
                known << each.key;
            return fail(ErrorCode::MissingField,
                Tr::tr("%1 entries have no field \"%2\"; their fields are %3.")
                    .arg(entry.kind, it.key(), known.join(QStringLiteral(", "))));
        }
        auto value = m_schema.convert(*field, it.value());
        if (!value)
            return std::unexpected(value.error());
        if (!value->isNull())
            converted.insert(it.key(), *value);
    }
    entry.fields = converted;
    return {};
}

Result<void> RegisterBook::prepareGeometry(RegisterEntry &entry) const
{
    if (entry.wkb.isEmpty()) {
        if (entry.gridCode.isEmpty())
            return {};
        auto grid = m_workspace->grid(entry.gridCode);
        if (!grid)
            return std::unexpected(grid.error());
        if (!*grid)
            return fail(ErrorCode::NotFound,
                Tr::tr("There is no grid %1 to put the entry in.").arg(entry.gridCode));
        return {};
    }
    auto geometry = m_geos->fromWkb(entry.wkb);
    if (!geometry)
        return fail(ErrorCode::InvalidGeometry,
            Tr::tr("the geometry cannot be read: %1").arg(geometry.error().message));
    const int type = GEOSGeomTypeId_r(m_geos->handle(), geometry->get());
    if (type != GEOS_POINT && type != GEOS_POLYGON && type != GEOS_MULTIPOLYGON)
        return fail(ErrorCode::InvalidGeometry,
            Tr::tr("a register entry stands at a point or covers a polygon; this geometry is a "
                   "%1.")
                .arg(QString::fromUtf8(GEOSGeomType_r(m_geos->handle(), geometry->get()))));
    if (GEOSisEmpty_r(m_geos->handle(), geometry->get()) == 1) {
        entry.wkb.clear();
        entry.gridCode.clear();
        return {};
    }
    const QString invalid = m_geos->invalidityReason(geometry->get());
    if (!invalid.isEmpty())
        return fail(
            ErrorCode::InvalidGeometry, Tr::tr("the geometry is not valid: %1").arg(invalid));

    const std::optional<GeoPoint> anchor = entry.anchor();
    auto grids = locator();
    if (!grids)
        return std::unexpected(grids.error());
    entry.gridCode = anchor ? (*grids)->locate(*anchor).value_or(QString()) : QString();
    return {};
}

Result<void> RegisterBook::prepare(RegisterEntry &entry) const
{
    if (!m_schema.kind(entry.kind))
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("The register has no kind \"%1\"; its kinds are %2.")
                .arg(entry.kind, m_schema.kindKeys().join(QStringLiteral(", "))));
    entry.name = entry.name.trimmed();
    entry.address = entry.address.trimmed();
    if (entry.name.isEmpty())
        return fail(ErrorCode::InvalidArgument, Tr::tr("A register entry needs a name."));
    if (auto fields = prepareFields(entry); !fields)
        return fields;
    return prepareGeometry(entry);
}

Result<const GridLocator *> RegisterBook::locator() const
{
    if (m_locator)
        return m_locator.get();
    auto grids = m_workspace->grids();
    if (!grids)
        return std::unexpected(grids.error());
    auto built = std::make_unique<GridLocator>();
    if (auto done = built->build(*grids); !done)
        return std::unexpected(done.error());
    m_locator = std::move(built);
    return m_locator.get();
}

Result<QString> RegisterBook::nextCode(const QString &kind)
{
    const RegisterKind *found = m_schema.kind(kind);
    if (!found)
        return fail(
            ErrorCode::InvalidArgument, Tr::tr("The register has no kind \"%1\".").arg(kind));
    // A desk that syncs numbers its entries under a tag of its own, so that entries made at two
    // desks before either synced never share a code.
    const QString tag = m_workspace->metadata(QStringLiteral("register_code_tag"));
    const QString prefix = found->codePrefix + u'-' + (tag.isEmpty() ? QString() : tag + u'-');
    if (!m_lastNumbers.contains(kind)) {
        QSqlQuery query(m_workspace->database());
        query.prepare(QStringLiteral("SELECT coalesce(max(CAST(substr(code, ?) AS INTEGER)), 0) "
                                     "FROM register_entries WHERE substr(code, 1, ?) = ?"));
        query.addBindValue(prefix.size() + 1);
        query.addBindValue(prefix.size());
        query.addBindValue(prefix);
        if (auto done = exec(query, Tr::tr("Numbering register entries")); !done)
            return std::unexpected(done.error());
        query.next();
        m_lastNumbers.insert(kind, query.value(0).toLongLong());
    }
    const qint64 number = ++m_lastNumbers[kind];
    return prefix + QStringLiteral("%1").arg(number, 6, 10, QLatin1Char('0'));
}

Result<void> RegisterBook::insert(RegisterEntry &entry, const QString &by, const QDateTime &at)
{
    if (entry.code.isEmpty()) {
        auto code = nextCode(entry.kind);
        if (!code)
            return std::unexpected(code.error());
        entry.code = *code;
    }
    entry.version = 1;
    entry.updatedBy = by.trimmed();
    entry.updatedAt = at.toUTC();
    QSqlQuery insert(m_workspace->database());
    insert.prepare(QStringLiteral("INSERT INTO register_entries (code, geom, kind, name, "
                                  "grid_code, address, source, verified_by, verified_at, fields, "
                                  "version, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, "
                                  "?, ?, ?, ?, ?, ?)"));
    insert.addBindValue(entry.code);
    bindContent(insert, entry);
    if (auto done = exec(insert, Tr::tr("Storing the register entry %1").arg(entry.code)); !done)
        return done;
    entry.id = insert.lastInsertId().toLongLong();
    return recordChange(
        *m_workspace, entry, QStringLiteral("created"), std::nullopt, {}, {}, m_command);
}

Result<void> RegisterBook::replace(RegisterEntry &entry, const RegisterEntry &before,
    const QString &action, const QString &by, const QDateTime &at, const QString &note)
{
    entry.id = before.id;
    entry.version = before.version + 1;
    entry.updatedBy = by.trimmed();
    entry.updatedAt = at.toUTC();
    QSqlQuery update(m_workspace->database());
    update.prepare(QStringLiteral("UPDATE register_entries SET geom = ?, kind = ?, name = ?, "
                                  "grid_code = ?, address = ?, source = ?, verified_by = ?, "
                                  "verified_at = ?, fields = ?, version = ?, updated_by = ?, "
                                  "updated_at = ? WHERE code = ? AND version = ?"));
    bindContent(update, entry);
    update.addBindValue(before.code);
    update.addBindValue(before.version);
    if (auto done = exec(update, Tr::tr("Changing the register entry %1").arg(entry.code)); !done)
        return done;
    if (update.numRowsAffected() != 1)
        return fail(ErrorCode::Conflict,
            Tr::tr("The register entry %1 was changed meanwhile; read it again.").arg(entry.code));
    return recordChange(*m_workspace, entry, action, before, note, m_mergeData, m_command);
}

Result<RegisterEntry> RegisterBook::add(RegisterEntry entry, const QString &by, const QDateTime &at)
{
    if (isBlankText(by))
        return fail(ErrorCode::InvalidArgument, Tr::tr("Say who adds the entry."));
    if (auto prepared = prepare(entry); !prepared)
        return std::unexpected(prepared.error());
    return m_workspace->transaction<RegisterEntry>([&]() -> Result<RegisterEntry> {
        auto duplicates = duplicatesOf(entry);
        if (!duplicates)
            return std::unexpected(duplicates.error());
        if (!duplicates->isEmpty())
            return std::unexpected(duplicateError(entry, duplicates->first()));
        if (!entry.code.isEmpty()) {
            auto taken = this->entry(entry.code);
            if (!taken)
                return std::unexpected(taken.error());
            if (*taken)
                return fail(ErrorCode::Conflict,
                    Tr::tr("The register has an entry %1 already.").arg(entry.code));
        }
        if (auto done = insert(entry, by, at); !done)
            return std::unexpected(done.error());
        if (auto done = updateExtent(); !done)
            return std::unexpected(done.error());
        return entry;
    });
}

Result<RegisterEntry> RegisterBook::update(
    RegisterEntry entry, int basedOn, const QString &by, const QDateTime &at, const QString &note)
{
    if (isBlankText(by))
        return fail(ErrorCode::InvalidArgument, Tr::tr("Say who changes the entry."));
    if (auto prepared = prepare(entry); !prepared)
        return std::unexpected(prepared.error());
    return m_workspace->transaction<RegisterEntry>([&]() -> Result<RegisterEntry> {
        auto stored = this->entry(entry.code);
        if (!stored)
            return std::unexpected(stored.error());
        if (!*stored)
            return fail(
                ErrorCode::NotFound, Tr::tr("The register has no entry %1.").arg(entry.code));
        if ((*stored)->version != basedOn)
            return fail(ErrorCode::Conflict,
                Tr::tr("The register entry %1 is at version %2 now, not %3; read it again.")
                    .arg(entry.code)
                    .arg((*stored)->version)
                    .arg(basedOn));
        auto duplicates = duplicatesOf(entry);
        if (!duplicates)
            return std::unexpected(duplicates.error());
        if (!duplicates->isEmpty())
            return std::unexpected(duplicateError(entry, duplicates->first()));
        if (auto done = replace(entry, **stored, QStringLiteral("updated"), by, at, note); !done)
            return std::unexpected(done.error());
        if (auto done = updateExtent(); !done)
            return std::unexpected(done.error());
        return entry;
    });
}

namespace {

/// keep with what it lacks taken from gone.
RegisterEntry absorbed(RegisterEntry keep, const RegisterEntry &gone)
{
    if (keep.address.isEmpty())
        keep.address = gone.address;
    if (keep.wkb.isEmpty()) {
        keep.wkb = gone.wkb;
        keep.gridCode = gone.gridCode;
    }
    for (auto it = gone.fields.cbegin(); it != gone.fields.cend(); ++it) {
        if (!keep.fields.contains(it.key()))
            keep.fields.insert(it.key(), it.value());
    }
    if (gone.verifiedAt.isValid()
        && (!keep.verifiedAt.isValid() || gone.verifiedAt > keep.verifiedAt)) {
        keep.verifiedBy = gone.verifiedBy;
        keep.verifiedAt = gone.verifiedAt;
    }
    return keep;
}

} // namespace

Result<RegisterEntry> RegisterBook::merge(
    const QString &keep, const QString &gone, const QString &by, const QDateTime &at)
{
    if (isBlankText(by))
        return fail(ErrorCode::InvalidArgument, Tr::tr("Say who merges the entries."));
    if (keep == gone)
        return fail(ErrorCode::InvalidArgument, Tr::tr("An entry cannot be merged into itself."));
    return m_workspace->transaction<RegisterEntry>([&]() -> Result<RegisterEntry> {
        auto kept = entry(keep);
        auto leaving = kept ? entry(gone) : std::unexpected(kept.error());
        if (!leaving)
            return std::unexpected(leaving.error());
        if (!*kept || !*leaving)
            return fail(ErrorCode::NotFound,
                Tr::tr("The register has no entry %1.").arg(!*kept ? keep : gone));
        if ((*kept)->kind != (*leaving)->kind)
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("%1 is a %2 and %3 a %4: only entries of one kind can be merged.")
                    .arg(keep, (*kept)->kind, gone, (*leaving)->kind));

        RegisterEntry last = **leaving;
        last.version += 1;
        last.updatedBy = by.trimmed();
        last.updatedAt = at.toUTC();
        if (auto done = recordChange(*m_workspace, last, QStringLiteral("merged"), **leaving,
                Tr::tr("merged into %1").arg(keep), QJsonObject {{QStringLiteral("into"), keep}},
                m_command);
            !done)
            return std::unexpected(done.error());
        QSqlQuery remove(m_workspace->database());
        remove.prepare(QStringLiteral("DELETE FROM register_entries WHERE code = ?"));
        remove.addBindValue(gone);
        if (auto done = exec(remove, Tr::tr("Removing the merged entry %1").arg(gone)); !done)
            return std::unexpected(done.error());

        if (auto done = handLinks(gone, keep); !done)
            return std::unexpected(done.error());

        RegisterEntry merged = absorbed(**kept, **leaving);
        m_mergeData = QJsonObject {{QStringLiteral("with"), gone}};
        auto replaced = replace(
            merged, **kept, QStringLiteral("merged"), by, at, Tr::tr("merged with %1").arg(gone));
        m_mergeData = {};
        if (!replaced)
            return std::unexpected(replaced.error());
        if (auto done = updateExtent(); !done)
            return std::unexpected(done.error());
        return merged;
    });
}

Result<void> RegisterBook::handLinks(const QString &gone, const QString &keep)
{
    // The cases of the entry merged away now concern the one kept, each link once: a link the
    // kept entry has already goes, the others move (the same statements on both stores).
    QSqlQuery twice(m_workspace->database());
    twice.prepare(QStringLiteral(
        "DELETE FROM case_entry_links WHERE entry_code = ? AND EXISTS (SELECT 1 FROM "
        "case_entry_links AS kept WHERE kept.case_id = case_entry_links.case_id AND kept.role = "
        "case_entry_links.role AND kept.entry_code = ?)"));
    twice.addBindValue(gone);
    twice.addBindValue(keep);
    QSqlQuery move(m_workspace->database());
    move.prepare(QStringLiteral("UPDATE case_entry_links SET entry_code = ? WHERE entry_code = ?"));
    move.addBindValue(keep);
    move.addBindValue(gone);
    for (QSqlQuery *query : {&twice, &move}) {
        if (auto done = exec(*query, Tr::tr("Handing the cases of %1 to %2").arg(gone, keep));
            !done)
            return done;
    }
    return {};
}

Result<void> RegisterBook::adopt(const QString &code, const std::optional<RegisterEntry> &entry,
    const QList<RegisterChange> &changes)
{
    for (RegisterChange change : changes) {
        change.code = code;
        if (auto done = writeLine(*m_workspace, change, QStringLiteral("server")); !done)
            return done;
    }

    auto held = this->entry(code);
    if (!held)
        return std::unexpected(held.error());
    if (!entry) {
        if (!*held)
            return {};
        // Gone on the server: merged into another entry (which takes its cases), or removed.
        for (auto change = changes.crbegin(); change != changes.crend(); ++change) {
            const QString into = change->data.value(QLatin1String("into")).toString();
            if (!into.isEmpty()) {
                if (auto done = handLinks(code, into); !done)
                    return done;
                break;
            }
        }
        QSqlQuery remove(m_workspace->database());
        remove.prepare(QStringLiteral("DELETE FROM register_entries WHERE code = ?"));
        remove.addBindValue(code);
        return exec(remove, Tr::tr("Removing the register entry %1").arg(code));
    }

    RegisterEntry taken = *entry;
    taken.code = code;
    if (!m_schema.kind(taken.kind))
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("The server's register entry %1 is of kind \"%2\", which this workspace does "
                   "not know.")
                .arg(code, taken.kind));
    QSqlQuery write(m_workspace->database());
    if (*held) {
        write.prepare(QStringLiteral(
            "UPDATE register_entries SET geom = ?, kind = ?, name = ?, grid_code = ?, address = "
            "?, source = ?, verified_by = ?, verified_at = ?, fields = ?, version = ?, updated_by "
            "= ?, updated_at = ? WHERE code = ?"));
        bindContent(write, taken);
        write.addBindValue(code);
    } else {
        write.prepare(QStringLiteral(
            "INSERT INTO register_entries (geom, kind, name, grid_code, address, source, "
            "verified_by, verified_at, fields, version, updated_by, updated_at, code) VALUES (?, "
            "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        bindContent(write, taken);
        write.addBindValue(code);
    }
    return exec(write, Tr::tr("Storing the register entry %1").arg(code));
}

Result<RegisterEntry> RegisterBook::verify(
    const QString &code, const QString &by, const QDateTime &at)
{
    if (isBlankText(by))
        return fail(ErrorCode::InvalidArgument, Tr::tr("Say who verified the entry."));
    return m_workspace->transaction<RegisterEntry>([&]() -> Result<RegisterEntry> {
        auto stored = entry(code);
        if (!stored)
            return std::unexpected(stored.error());
        if (!*stored)
            return fail(ErrorCode::NotFound, Tr::tr("The register has no entry %1.").arg(code));
        RegisterEntry verified = **stored;
        verified.verifiedBy = by.trimmed();
        verified.verifiedAt = at.toUTC();
        if (auto done = replace(verified, **stored, QStringLiteral("verified"), by, at, {}); !done)
            return std::unexpected(done.error());
        return verified;
    });
}

Result<QList<RegisterChange>> RegisterBook::history(const QString &code) const
{
    QSqlQuery query(m_workspace->database());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT %1 FROM register_history WHERE entry_code = ? ORDER BY id")
                      .arg(QLatin1String(HISTORY_COLUMNS)));
    query.addBindValue(code);
    if (auto done = exec(query, Tr::tr("Reading the history of %1").arg(code)); !done)
        return std::unexpected(done.error());
    QList<RegisterChange> changes;
    while (query.next())
        changes << readLine(query);
    return changes;
}

Result<QList<RegisterChange>> RegisterBook::historyAfter(
    qint64 after, int limit, bool madeHereOnly) const
{
    QSqlQuery query(m_workspace->database());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT %1 FROM register_history WHERE id > ?%2 ORDER BY id%3")
                      .arg(QLatin1String(HISTORY_COLUMNS),
                          madeHereOnly ? QStringLiteral(" AND origin = ''") : QString(),
                          limit > 0 ? QStringLiteral(" LIMIT ?") : QString()));
    query.addBindValue(after);
    if (limit > 0)
        query.addBindValue(limit);
    if (auto done = exec(query, Tr::tr("Reading the register's history")); !done)
        return std::unexpected(done.error());
    QList<RegisterChange> changes;
    while (query.next())
        changes << readLine(query);
    return changes;
}

Result<QList<RegisterEntry>> RegisterBook::stale(
    const std::optional<QString> &gridCode, const QDateTime &at, std::optional<int> staleDays) const
{
    QString where = QStringLiteral("WHERE ") + IS_STALE;
    QVariantList values {isoTime(at), staleDaysValue(staleDays)};
    if (gridCode) {
        where += QStringLiteral(" AND ") + IN_SCOPE;
        values << *gridCode;
    }
    return select(where + QStringLiteral(" ORDER BY grid_code, kind, code"), values);
}

Result<QList<KindCount>> RegisterBook::counts(
    const std::optional<QString> &gridCode, const QDateTime &at, std::optional<int> staleDays) const
{
    QSqlQuery query(m_workspace->database());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT kind, count(*), sum(%1) FROM register_entries %2 GROUP "
                                 "BY kind")
                      .arg(IS_STALE, gridCode ? QStringLiteral("WHERE ") + IN_SCOPE : QString()));
    query.addBindValue(isoTime(at));
    query.addBindValue(staleDaysValue(staleDays));
    if (gridCode)
        query.addBindValue(*gridCode);
    if (auto done = exec(query, Tr::tr("Counting the register")); !done)
        return std::unexpected(done.error());
    QHash<QString, KindCount> found;
    while (query.next())
        found.insert(query.value(0).toString(),
            KindCount {query.value(0).toString(), query.value(1).toLongLong(),
                query.value(2).toLongLong()});
    QList<KindCount> counts;
    for (const RegisterKind &kind : m_schema.kinds())
        counts << found.value(kind.key, KindCount {kind.key, 0, 0});
    return counts;
}

Result<qsizetype> RegisterBook::rehome(
    const QList<Grid> &grids, int edition, const QString &by, const QDateTime &at)
{
    GridLocator edited;
    if (auto built = edited.build(grids); !built)
        return std::unexpected(built.error());
    auto all = select(QStringLiteral("WHERE geom IS NOT NULL"), {});
    if (!all)
        return std::unexpected(all.error());
    qsizetype moved = 0;
    for (const RegisterEntry &before : std::as_const(*all)) {
        const std::optional<GeoPoint> anchor = before.anchor();
        if (!anchor)
            continue;
        const QString now = edited.locate(*anchor).value_or(QString());
        if (now == before.gridCode)
            continue;
        RegisterEntry moving = before;
        moving.gridCode = now;
        const QString note =
            Tr::tr("grid edition %1: from %2 to %3")
                .arg(edition)
                .arg(before.gridCode.isEmpty() ? Tr::tr("no grid") : before.gridCode,
                    now.isEmpty() ? Tr::tr("no grid") : now);
        if (auto done = replace(moving, before, QStringLiteral("rehomed"), by, at, note); !done)
            return std::unexpected(done.error());
        ++moved;
    }
    m_locator.reset();
    qCInfo(lcRegister) << moved << "register entries re-homed by grid edition" << edition;
    return moved;
}

Result<void> RegisterBook::updateExtent()
{
    if (m_workspace->isPostgres())
        return {}; // no GeoPackage contents to keep

    QSqlQuery update(m_workspace->database());
    update.prepare(QStringLiteral(
        "UPDATE gpkg_contents SET min_x = (SELECT min(minx) FROM rtree_register_entries_geom), "
        "min_y = (SELECT min(miny) FROM rtree_register_entries_geom), max_x = (SELECT max(maxx) "
        "FROM rtree_register_entries_geom), max_y = (SELECT max(maxy) FROM "
        "rtree_register_entries_geom), last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') "
        "WHERE table_name = 'register_entries'"));
    return exec(update, Tr::tr("Updating the register's extent"));
}

} // namespace GridDesk
