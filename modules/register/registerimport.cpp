// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "registerimport.h"

#include "logging.h"
#include "registerbook.h"

#include "domain/text.h"
#include "gis/vectorreader.h"
#include "storage/workspace.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSet>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Register)
};

using Action = RegisterImportLine::Action;

/// A feature made into an entry, waiting for the transaction.
struct Pending
{
    RegisterEntry entry;
    std::optional<RegisterEntry> before; ///< the stored entry it updates
};

/// Keys under which two entries of a kind are the same: the code, an identifying field's
/// value, the name with the address, or (without an address) the name with the location, or
/// the name alone when there is neither.
QStringList matchKeys(const RegisterSchema &schema, const RegisterEntry &entry)
{
    QStringList keys;
    if (!entry.code.isEmpty())
        keys << QStringLiteral("code:") + entry.code;
    for (const FieldDefinition &field : schema.fields(entry.kind)) {
        const QString value = entry.fields.value(field.key).toString().simplified();
        if (field.identifying && !value.isEmpty())
            keys << QStringLiteral("field:%1=%2").arg(field.key, value.toCaseFolded());
    }
    const QString name = entry.name.simplified().toCaseFolded();
    if (!name.isEmpty() && !isBlankText(entry.address))
        keys << QStringLiteral("place:%1|%2").arg(name, entry.address.simplified().toCaseFolded());
    // Without an address, the same name at the same spot (to about 10 cm) is the same entry:
    // what makes a second import of a file of stations or parcels find the first.
    const std::optional<GeoPoint> anchor = entry.anchor();
    if (!name.isEmpty() && isBlankText(entry.address) && anchor)
        keys << QStringLiteral("spot:%1|%2,%3")
                    .arg(name)
                    .arg(anchor->lon, 0, 'f', 6)
                    .arg(anchor->lat, 0, 'f', 6);
    // With neither, only the name is left to go by.
    if (!name.isEmpty() && isBlankText(entry.address) && !anchor)
        keys << QStringLiteral("name:") + name;
    return keys;
}

/// Register fields an import may fill for a kind.
QStringList targetsOf(const RegisterSchema &schema, const QString &kind)
{
    QStringList targets = registerCoreFields();
    for (const FieldDefinition &field : schema.fields(kind))
        targets << field.key;
    return targets;
}

/// Checks a mapping against the file and the kind; notes the source fields left unused.
Result<void> checkMapping(const RegisterMapping &mapping, const VectorData &header,
    const QStringList &targets, const QString &kind, QStringList &notes)
{
    const QString file = QFileInfo(header.path).fileName();
    QSet<QString> used;
    for (const auto &[source, target] : mapping.fields) {
        if (!header.fields.contains(source))
            return fail(ErrorCode::MissingField,
                Tr::tr("%1 has no field \"%2\" named in the mapping; its fields are %3.")
                    .arg(file, source, header.fields.join(QStringLiteral(", "))));
        if (!targets.contains(target))
            return fail(ErrorCode::MissingField,
                Tr::tr("The mapping sends \"%1\" to \"%2\", which %3 entries do not have; they "
                       "have %4.")
                    .arg(source, target, kind, targets.join(QStringLiteral(", "))));
        used.insert(source);
    }
    for (auto it = mapping.values.cbegin(); it != mapping.values.cend(); ++it) {
        if (!targets.contains(it.key()))
            return fail(ErrorCode::MissingField,
                Tr::tr("The mapping sets \"%1\", which %2 entries do not have; they have %3.")
                    .arg(it.key(), kind, targets.join(QStringLiteral(", "))));
    }
    if (mapping.sourcesOf(QStringLiteral("name")).isEmpty()
        && !mapping.values.contains(QStringLiteral("name")))
        return fail(ErrorCode::MissingField,
            Tr::tr("Nothing in %1 is mapped to the entries' name; map one of %2 to \"name\".")
                .arg(file, header.fields.join(QStringLiteral(", "))));
    QStringList unused;
    for (const QString &field : header.fields) {
        if (!used.contains(field))
            unused << field;
    }
    if (!unused.isEmpty())
        notes << Tr::tr("Fields not imported: %1.").arg(unused.join(QStringLiteral(", ")));
    return {};
}

void assign(RegisterEntry &entry, const QString &target, const QString &value)
{
    if (value.isEmpty())
        return;
    auto joined = [&value](const QString &before) {
        return before.isEmpty() ? value : before + u' ' + value;
    };
    if (target == QLatin1String("code"))
        entry.code = value;
    else if (target == QLatin1String("name"))
        entry.name = joined(entry.name);
    else if (target == QLatin1String("address"))
        entry.address = joined(entry.address);
    else if (target == QLatin1String("grid"))
        entry.gridCode = value;
    else if (target == QLatin1String("source"))
        entry.source = value;
    else if (target == QLatin1String("verified_by"))
        entry.verifiedBy = value;
    else if (target == QLatin1String("verified_at"))
        entry.verifiedAt = QDateTime::fromString(value, Qt::ISODate);
    else
        entry.fields.insert(target, joined(entry.fields.value(target).toString()));
}

/// The entry a feature makes: the mapped attributes, the constant values, its geometry.
RegisterEntry entryOf(const VectorFeature &feature, const VectorData &header,
    const RegisterMapping &mapping, const QString &kind, const QString &source)
{
    RegisterEntry entry;
    entry.kind = kind;
    entry.source = source;
    entry.wkb = feature.wkb;
    for (const auto &[field, target] : mapping.fields)
        assign(entry, target, attributeText(feature.values.value(header.fields.indexOf(field))));
    for (auto it = mapping.values.cbegin(); it != mapping.values.cend(); ++it)
        assign(entry, it.key(), attributeText(it.value()));
    return entry;
}

/// The stored entry with what the import brings laid over it: fields it does not map stay.
RegisterEntry merged(const RegisterEntry &before, const RegisterEntry &imported)
{
    RegisterEntry entry = before;
    entry.name = imported.name;
    if (!imported.address.isEmpty())
        entry.address = imported.address;
    if (!imported.wkb.isEmpty() || !imported.gridCode.isEmpty()) {
        entry.wkb = imported.wkb;
        entry.gridCode = imported.gridCode;
    }
    entry.source = imported.source;
    if (!imported.verifiedBy.isEmpty()) {
        entry.verifiedBy = imported.verifiedBy;
        entry.verifiedAt = imported.verifiedAt;
    }
    for (auto it = imported.fields.cbegin(); it != imported.fields.cend(); ++it)
        entry.fields.insert(it.key(), it.value());
    return entry;
}

QString changedParts(const RegisterEntry &before, const RegisterEntry &after)
{
    QStringList parts;
    if (before.name != after.name)
        parts << QStringLiteral("name");
    if (before.address != after.address)
        parts << QStringLiteral("address");
    if (before.wkb != after.wkb)
        parts << QStringLiteral("location");
    if (before.gridCode != after.gridCode)
        parts << QStringLiteral("grid");
    if (before.source != after.source)
        parts << QStringLiteral("source");
    for (auto it = after.fields.cbegin(); it != after.fields.cend(); ++it) {
        if (before.fields.value(it.key()).toString() != it.value().toString())
            parts << it.key();
    }
    return Tr::tr("changes %1").arg(parts.join(QStringLiteral(", ")));
}

/// Decides what becomes of each feature, without writing.
class Planner
{
public:
    Planner(RegisterBook &book, RegisterImportReport &report)
        : m_book(book)
        , m_report(report)
    { }

    Result<void> indexStored(const QString &kind);
    Result<void> plan(qint64 number, RegisterEntry entry);

    std::vector<Pending> pending;

private:
    void refuse(qint64 number, const RegisterEntry &entry, const QString &reason);

    RegisterBook &m_book;
    RegisterImportReport &m_report;
    QList<RegisterEntry> m_stored;
    QHash<QString, qsizetype> m_storedByKey;
    QHash<QString, qint64> m_featureByKey; ///< keys met in this file, to the feature
    QHash<qsizetype, qint64> m_claimed; ///< stored entries updated by a feature already
};

Result<void> Planner::indexStored(const QString &kind)
{
    RegisterQuery query;
    query.kind = kind;
    auto stored = m_book.entries(query);
    if (!stored)
        return std::unexpected(stored.error());
    m_stored = std::move(*stored);
    for (qsizetype i = 0; i < m_stored.size(); ++i) {
        for (const QString &key : matchKeys(m_book.schema(), m_stored.at(i)))
            m_storedByKey.insert(key, i);
    }
    return {};
}

void Planner::refuse(qint64 number, const RegisterEntry &entry, const QString &reason)
{
    m_report.lines << RegisterImportLine {number, Action::Refused, {}, entry.name, {}, reason};
    ++m_report.refused;
}

Result<void> Planner::plan(qint64 number, RegisterEntry entry)
{
    if (auto prepared = m_book.prepare(entry); !prepared) {
        refuse(number, entry, prepared.error().message);
        return {};
    }
    const QStringList keys = matchKeys(m_book.schema(), entry);
    for (const QString &key : keys) {
        if (m_featureByKey.contains(key)) {
            refuse(number, entry,
                Tr::tr("duplicates feature %1 of the file").arg(m_featureByKey.value(key)));
            return {};
        }
    }
    std::optional<qsizetype> match;
    for (const QString &key : keys) {
        if (!match && m_storedByKey.contains(key))
            match = m_storedByKey.value(key);
    }
    if (match && m_claimed.contains(*match)) {
        refuse(number, entry,
            Tr::tr("duplicates feature %1 of the file, which updates %2")
                .arg(m_claimed.value(*match))
                .arg(m_stored.at(*match).code));
        return {};
    }
    for (const QString &key : keys)
        m_featureByKey.insert(key, number);

    if (!match) {
        if (entry.code.isEmpty()) {
            auto code = m_book.nextCode(entry.kind);
            if (!code)
                return std::unexpected(code.error());
            entry.code = *code;
        }
        m_report.lines << RegisterImportLine {
            number, Action::Created, entry.code, entry.name, entry.gridCode, {}};
        ++m_report.created;
        m_report.outsideGrids += !entry.wkb.isEmpty() && entry.gridCode.isEmpty();
        pending.push_back(Pending {entry, std::nullopt});
        return {};
    }
    m_claimed.insert(*match, number);
    const RegisterEntry &before = m_stored.at(*match);
    RegisterEntry after = merged(before, entry);
    m_report.outsideGrids += !after.wkb.isEmpty() && after.gridCode.isEmpty();
    if (after.sameContent(before)) {
        m_report.lines << RegisterImportLine {
            number, Action::Unchanged, before.code, after.name, after.gridCode, {}};
        ++m_report.unchanged;
        return {};
    }
    m_report.lines << RegisterImportLine {number, Action::Updated, before.code, after.name,
        after.gridCode, changedParts(before, after)};
    ++m_report.updated;
    pending.push_back(Pending {after, before});
    return {};
}

Result<void> write(Workspace &workspace, RegisterBook &book, std::vector<Pending> &pending,
    const RegisterImportReport &report, const RegisterImportOptions &options)
{
    return workspace.transaction([&]() -> Result<void> {
        for (Pending &each : pending) {
            auto done = each.before
                ? book.replace(each.entry, *each.before, QStringLiteral("updated"),
                    options.importedBy, options.at, Tr::tr("import of %1").arg(report.file))
                : book.insert(each.entry, options.importedBy, options.at);
            if (!done)
                return done;
        }
        if (auto done = book.updateExtent(); !done)
            return done;
        return workspace.logImport(QStringLiteral("register"), report.file,
            Tr::tr("%1: %2 created, %3 updated, %4 unchanged, %5 refused")
                .arg(report.kind)
                .arg(report.created)
                .arg(report.updated)
                .arg(report.unchanged)
                .arg(report.refused));
    });
}

} // namespace

QString importActionKey(RegisterImportLine::Action action)
{
    switch (action) {
    case Action::Created:
        return QStringLiteral("created");
    case Action::Updated:
        return QStringLiteral("updated");
    case Action::Unchanged:
        return QStringLiteral("unchanged");
    case Action::Refused:
        return QStringLiteral("refused");
    }
    return {};
}

Result<RegisterImportReport> importRegister(
    Workspace &workspace, const QString &path, const RegisterImportOptions &options)
{
    if (isBlankText(options.importedBy))
        return fail(ErrorCode::InvalidArgument, Tr::tr("Say who imports the register entries."));
    auto book = RegisterBook::load(workspace);
    if (!book)
        return std::unexpected(book.error());
    if (!book->schema().kind(options.kind))
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("The register has no kind \"%1\"; its kinds are %2.")
                .arg(options.kind, book->schema().kindKeys().join(QStringLiteral(", "))));

    VectorReadOptions readOptions;
    readOptions.requireGeometry = false;
    if (options.mapping) {
        readOptions.layer = options.mapping->layer;
        readOptions.encoding = options.mapping->encoding;
        readOptions.sourceCrs = options.mapping->sourceCrs;
    }
    if (options.layer)
        readOptions.layer = *options.layer;
    if (options.encoding)
        readOptions.encoding = options.encoding;
    if (options.sourceCrs)
        readOptions.sourceCrs = options.sourceCrs;
    auto reader = VectorReader::open(path, readOptions);
    if (!reader)
        return std::unexpected(reader.error());
    const VectorData &header = (*reader)->header();

    RegisterImportReport report;
    report.file = QFileInfo(path).fileName();
    report.kind = options.kind;
    report.driver = header.driver;
    report.encoding = header.encoding;
    report.crs = header.crs;
    report.notes = header.notes;
    report.dryRun = options.dryRun;
    const QStringList targets = targetsOf(book->schema(), options.kind);
    const RegisterMapping mapping =
        options.mapping ? *options.mapping : RegisterMapping::byName(header.fields, targets);
    if (auto checked = checkMapping(mapping, header, targets, options.kind, report.notes); !checked)
        return std::unexpected(checked.error());
    const QString source = mapping.source.isEmpty() ? report.file : mapping.source;

    Planner planner(*book, report);
    if (auto indexed = planner.indexStored(options.kind); !indexed)
        return std::unexpected(indexed.error());
    while (true) {
        auto feature = (*reader)->next();
        if (!feature)
            return std::unexpected(feature.error());
        if (!*feature)
            break;
        ++report.features;
        auto planned = planner.plan(
            (*feature)->number, entryOf(**feature, header, mapping, options.kind, source));
        if (!planned)
            return std::unexpected(planned.error());
    }

    const bool blocked = report.refused > 0 && !options.skipRefused;
    if (options.dryRun || blocked)
        return report;
    if (auto written = write(workspace, *book, planner.pending, report, options); !written)
        return std::unexpected(written.error());
    report.written = true;
    qCInfo(lcRegister) << "imported" << report.file << "as" << report.kind << ":" << report.created
                       << "created," << report.updated << "updated," << report.refused << "refused";
    return report;
}

} // namespace GridDesk
