// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "grideditions.h"

#include "gridrows.h"
#include "logging.h"

#include "domain/text.h"
#include "gis/gridlocator.h"
#include "register/registerbook.h"
#include "storage/workspace.h"
#include "topology/topologycheck.h"
#include "workflow/casebook.h"
#include "workflow/terms.h"
#include "workflow/workflowsetup.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <map>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Editions)
};

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

/// An open case whose location lies in another grid under the draft.
struct Move
{
    qint64 caseId = 0;
    QString from;
    QString to; ///< empty when no grid of the draft contains the location any more
};

/// What publishing a draft does to the cases: open ones to move, closed ones whose grid's
/// ground changed under them.
struct CaseEffects
{
    std::vector<Move> moves;
    std::map<QString, int> closedAffected; // by the grid they keep
};

Result<CaseEffects> caseEffects(Workspace &ws, const GridDraft &draft)
{
    CaseEffects effects;
    const QStringList changedList = draft.changedCodes();
    if (changedList.isEmpty())
        return effects;
    const QSet<QString> changed(changedList.cbegin(), changedList.cend());

    GridLocator locator;
    if (auto built = locator.build(draft.grids()); !built)
        return std::unexpected(built.error());

    QSqlQuery states(ws.database());
    states.setForwardOnly(true);
    if (!states.exec(QStringLiteral("SELECT fid, state FROM cases")))
        return std::unexpected(databaseError(states, Tr::tr("Reading cases")));
    QHash<qint64, bool> finished;
    while (states.next()) {
        const auto state = caseStateFromKey(states.value(1).toString());
        finished.insert(states.value(0).toLongLong(), state && isFinished(*state));
    }

    auto located = ws.caseLocations();
    if (!located)
        return std::unexpected(located.error());
    for (const CaseLocation &place : *located) {
        if (!place.location)
            continue;
        const QString now = locator.locate(*place.location).value_or(QString());
        if (now == place.gridCode)
            continue;
        if (!changed.contains(place.gridCode) && !changed.contains(now))
            continue;
        if (finished.value(place.id, false))
            ++effects.closedAffected[place.gridCode];
        else
            effects.moves.push_back(Move {place.id, place.gridCode, now});
    }
    return effects;
}

/// Dispatch rules by the grid they name.
Result<QHash<QString, int>> rulesByGrid(Workspace &ws)
{
    QSqlQuery query(ws.database());
    query.prepare(QStringLiteral(
        "SELECT grid_code, count(*) FROM dispatch_rules WHERE grid_code != '' GROUP BY grid_code"));
    if (auto done = exec(query, Tr::tr("Reading dispatch rules")); !done)
        return std::unexpected(done.error());
    QHash<QString, int> rules;
    while (query.next())
        rules.insert(query.value(0).toString(), query.value(1).toInt());
    return rules;
}

/// Moves the register's entries into the grids of an edition (the grids table as it is now).
Result<qsizetype> rehomeEntries(Workspace &ws, int edition, const QString &by, const QDateTime &at)
{
    auto grids = ws.grids();
    if (!grids)
        return std::unexpected(grids.error());
    auto book = RegisterBook::load(ws);
    if (!book)
        return std::unexpected(book.error());
    return book->rehome(*grids, edition, by, at);
}

Result<int> lastEdition(Workspace &ws)
{
    QSqlQuery query(ws.database());
    query.prepare(QStringLiteral("SELECT coalesce(max(number), 0) FROM grid_editions"));
    if (auto done = exec(query, Tr::tr("Reading grid editions")); !done)
        return std::unexpected(done.error());
    query.next();
    return query.value(0).toInt();
}

Result<void> insertVersion(Workspace &ws, const Grid &grid, int edition)
{
    QSqlQuery query(ws.database());
    query.prepare(QStringLiteral("INSERT INTO grid_versions (%1, valid_from) VALUES (%2, ?)")
                      .arg(GridRows::COLUMNS, GridRows::PLACEHOLDERS));
    GridRows::bind(query, grid);
    query.addBindValue(edition);
    return exec(query, Tr::tr("Keeping grid %1 in edition %2").arg(grid.code).arg(edition));
}

Result<void> insertEdition(Workspace &ws, const GridEdition &edition)
{
    QSqlQuery query(ws.database());
    query.prepare(QStringLiteral("INSERT INTO grid_editions (number, published_at, published_by, "
                                 "note, grid_count, changed_count) VALUES (?, ?, ?, ?, ?, ?)"));
    query.addBindValue(edition.number);
    query.addBindValue(edition.publishedAt.toUTC().toString(Qt::ISODate));
    query.addBindValue(edition.publishedBy);
    query.addBindValue(edition.note);
    query.addBindValue(edition.gridCount);
    query.addBindValue(edition.changedCount);
    if (auto done = exec(query, Tr::tr("Recording edition %1").arg(edition.number)); !done)
        return done;
    for (const LineageLink &link : edition.lineage) {
        QSqlQuery lineage(ws.database());
        lineage.prepare(QStringLiteral(
            "INSERT INTO grid_lineage (edition, from_code, to_code, kind) VALUES (?, ?, ?, ?)"));
        lineage.addBindValue(edition.number);
        lineage.addBindValue(link.fromCode.isNull() ? QStringLiteral("") : link.fromCode);
        lineage.addBindValue(link.toCode.isNull() ? QStringLiteral("") : link.toCode);
        lineage.addBindValue(lineageKindKey(link.kind));
        if (auto done = exec(lineage, Tr::tr("Recording edition %1").arg(edition.number)); !done)
            return done;
    }
    return {};
}

/// Codes of the grids table that no edition holds yet.
Result<QSet<QString>> unversionedGrids(Workspace &ws)
{
    QSqlQuery missing(ws.database());
    missing.prepare(QStringLiteral(
        "SELECT g.code FROM grids g WHERE NOT EXISTS (SELECT 1 FROM grid_versions v WHERE "
        "v.code = g.code AND v.valid_to IS NULL)"));
    if (auto done = exec(missing, Tr::tr("Reading grid editions")); !done)
        return std::unexpected(done.error());
    QSet<QString> codes;
    while (missing.next())
        codes.insert(missing.value(0).toString());
    return codes;
}

/// Records the grids no edition holds yet as an edition of their own, inside the caller's
/// transaction.
Result<void> recordUnversioned(Workspace &ws)
{
    auto unversioned = unversionedGrids(ws);
    if (!unversioned)
        return std::unexpected(unversioned.error());
    const QSet<QString> &codes = *unversioned;
    if (codes.isEmpty())
        return {};
    {
        auto last = lastEdition(ws);
        if (!last)
            return std::unexpected(last.error());
        auto grids = ws.grids();
        if (!grids)
            return std::unexpected(grids.error());
        GridEdition edition;
        edition.number = *last + 1;
        edition.publishedAt = QDateTime::currentDateTimeUtc();
        edition.publishedBy = QStringLiteral("import");
        edition.note = *last == 0 ? Tr::tr("Grids as imported")
                                  : Tr::tr("%n grid(s) imported", nullptr, int(codes.size()));
        edition.gridCount = int(grids->size());
        edition.changedCount = int(codes.size());
        for (const Grid &grid : std::as_const(*grids)) {
            if (!codes.contains(grid.code))
                continue;
            if (auto done = insertVersion(ws, grid, edition.number); !done)
                return done;
            edition.lineage << LineageLink {{}, grid.code, LineageLink::Kind::Added};
        }
        if (*last == 0)
            edition.lineage.clear(); // the first edition has no history to trace
        qCInfo(lcEditions) << "recorded" << codes.size() << "imported grids as edition"
                           << edition.number;
        return insertEdition(ws, edition);
    }
}

/// Grids of the grids table that no edition holds yet (the first import, or a later one)
/// become an edition of their own, so that every edition can be shown as it was. Looked for
/// before taking the write lock, so that reading a workspace does not write it.
Result<void> recordUnversionedGrids(Workspace &ws)
{
    auto unversioned = unversionedGrids(ws);
    if (!unversioned)
        return std::unexpected(unversioned.error());
    if (unversioned->isEmpty())
        return {};
    return ws.transaction([&] { return recordUnversioned(ws); });
}

/// The grids an edit of the draft can have disturbed: those it changed or added, and the
/// parents of those it deleted (where a gap may have opened).
QStringList aroundChanges(Workspace &ws, const GridDraft &draft)
{
    QStringList codes;
    for (const QString &code : draft.changedCodes()) {
        if (draft.grid(code)) {
            codes << code;
            continue;
        }
        const auto original = ws.grid(code);
        if (original && *original && !(*original)->parentCode.isEmpty())
            codes << (*original)->parentCode;
    }
    codes.removeDuplicates();
    return codes;
}

bool blocksPublishing(TopologyFinding::Kind kind)
{
    switch (kind) {
    case TopologyFinding::Kind::InvalidGeometry:
    case TopologyFinding::Kind::Overlap:
    case TopologyFinding::Kind::DuplicateCode:
    case TopologyFinding::Kind::MalformedCode:
        return true;
    default:
        return false;
    }
}

/// Refuses a draft whose changed grids (with their neighbours and parents) have invalid
/// geometry, overlaps or bad codes that nobody accepted.
Result<void> checkPublishable(Workspace &ws, const GridDraft &draft)
{
    // Geometry and codes must be sound before the map goes out; a supervisor may accept a
    // finding with a reason.
    auto findings = checkTopologyAround(draft.grids(), aroundChanges(ws, draft), {});
    if (!findings)
        return std::unexpected(findings.error());
    auto accepted = acceptedFindings(ws);
    if (!accepted)
        return std::unexpected(accepted.error());
    QSet<QString> acceptedKeys;
    for (const AcceptedFinding &finding : std::as_const(*accepted))
        acceptedKeys.insert(finding.key);
    QStringList blocking;
    for (const TopologyFinding &finding : std::as_const(*findings)) {
        if (blocksPublishing(finding.kind) && !acceptedKeys.contains(finding.key()))
            blocking << QStringLiteral("%1 (%2): %3")
                            .arg(topologyKindName(finding.kind),
                                finding.codes.join(QStringLiteral(", ")), finding.detail);
    }
    if (!blocking.isEmpty()) {
        return fail(ErrorCode::InvalidGeometry,
            Tr::tr("The draft cannot be published until these are fixed or accepted: %1")
                .arg(blocking.join(QStringLiteral("; "))));
    }

    return {};
}

} // namespace

namespace GridEditions {

Result<void> recordBaseline(Workspace &ws)
{
    auto last = lastEdition(ws);
    if (!last)
        return std::unexpected(last.error());
    if (*last > 0)
        return {};
    return recordUnversioned(ws);
}

Result<bool> isPublished(Workspace &ws)
{
    auto last = lastEdition(ws);
    if (!last)
        return std::unexpected(last.error());
    return *last > 0;
}

Result<QList<GridEdition>> list(Workspace &ws)
{
    if (auto recorded = recordUnversionedGrids(ws); !recorded)
        return std::unexpected(recorded.error());

    QSqlQuery query(ws.database());
    query.prepare(QStringLiteral("SELECT number, published_at, published_by, note, grid_count, "
                                 "changed_count FROM grid_editions ORDER BY number"));
    if (auto done = exec(query, Tr::tr("Reading grid editions")); !done)
        return std::unexpected(done.error());
    QList<GridEdition> editions;
    QHash<int, qsizetype> byNumber;
    while (query.next()) {
        GridEdition edition;
        edition.number = query.value(0).toInt();
        edition.publishedAt = QDateTime::fromString(query.value(1).toString(), Qt::ISODate);
        edition.publishedBy = query.value(2).toString();
        edition.note = query.value(3).toString();
        edition.gridCount = query.value(4).toInt();
        edition.changedCount = query.value(5).toInt();
        byNumber.insert(edition.number, editions.size());
        editions << edition;
    }

    QSqlQuery links(ws.database());
    // The order links were written in: SQLite's row id, the seq column of a PostgreSQL store.
    links.prepare(
        QStringLiteral("SELECT edition, from_code, to_code, kind FROM grid_lineage ORDER BY %1")
            .arg(ws.isPostgres() ? QStringLiteral("seq") : QStringLiteral("rowid")));
    if (auto done = exec(links, Tr::tr("Reading grid editions")); !done)
        return std::unexpected(done.error());
    while (links.next()) {
        const auto kind = lineageKindFromKey(links.value(3).toString());
        const auto position = byNumber.constFind(links.value(0).toInt());
        if (!kind || position == byNumber.constEnd())
            continue;
        editions[*position].lineage
            << LineageLink {links.value(1).toString(), links.value(2).toString(), *kind};
    }
    return editions;
}

Result<QList<Grid>> grids(Workspace &ws, int edition, bool withGeometry)
{
    QSqlQuery query(ws.database());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral(
        "SELECT %1 FROM grid_versions WHERE valid_from <= ? AND (valid_to IS NULL OR valid_to > "
        "?) ORDER BY CASE level WHEN 'district' THEN 0 WHEN 'street' THEN 1 WHEN 'community' THEN "
        "2 WHEN 'base' THEN 3 WHEN 'fine' THEN 4 ELSE 5 END, code")
                      .arg(GridRows::COLUMNS));
    query.addBindValue(edition);
    query.addBindValue(edition);
    if (auto done = exec(query, Tr::tr("Reading edition %1").arg(edition)); !done)
        return std::unexpected(done.error());
    QList<Grid> result;
    while (query.next()) {
        auto grid = GridRows::read(query);
        if (!grid)
            return std::unexpected(grid.error());
        if (!withGeometry)
            grid->wkb.clear();
        result << std::move(*grid);
    }
    return result;
}

Result<ImpactReport> previewImpact(Workspace &ws, const GridDraft &draft)
{
    ImpactReport report;
    const QStringList changed = draft.changedCodes();
    if (changed.isEmpty())
        return report;

    auto effects = caseEffects(ws, draft);
    if (!effects)
        return std::unexpected(effects.error());
    auto rules = rulesByGrid(ws);
    if (!rules)
        return std::unexpected(rules.error());

    std::map<QString, GridImpact> rows;
    auto row = [&](const QString &code) -> GridImpact & {
        GridImpact &impact = rows[code];
        impact.gridCode = code;
        if (impact.change.isEmpty())
            impact.change = QStringLiteral("unchanged");
        return impact;
    };
    for (const QString &code : changed) {
        auto original = ws.grid(code);
        if (!original)
            return std::unexpected(original.error());
        GridImpact &impact = row(code);
        const std::optional<Grid> now = draft.grid(code);
        impact.change = !*original ? QStringLiteral("added")
            : !now                 ? QStringLiteral("deleted")
                                   : QStringLiteral("changed");
        if (!*original)
            continue;
        // Rules and people tied to a grid whose ground changed need a look.
        const bool groundChanged = !now || now->wkb != (*original)->wkb;
        if (groundChanged) {
            impact.routingRules = rules->value(code);
            const bool staffed = !(*original)->supervisor.isEmpty();
            impact.staffAssignments = staffed ? 1 : 0;
        }
    }
    for (const Move &move : effects->moves) {
        if (!move.from.isEmpty())
            ++row(move.from).openCasesOut;
        if (!move.to.isEmpty())
            ++row(move.to).openCasesIn;
    }
    for (const auto &[code, count] : effects->closedAffected)
        row(code).closedCasesAffected += count;

    for (auto &[code, impact] : rows) {
        report.openCasesMoved += impact.openCasesOut;
        report.closedCasesAffected += impact.closedCasesAffected;
        report.routingRules += impact.routingRules;
        report.staffAssignments += impact.staffAssignments;
        report.grids << impact;
    }
    // Cases that had no grid and now have one count as moved too.
    for (const Move &move : effects->moves) {
        if (move.from.isEmpty())
            ++report.openCasesMoved;
    }
    return report;
}

Result<GridEdition> publish(Workspace &ws, GridDraft &draft, const QString &publishedBy,
    const QString &note, const QDateTime &at)
{
    if (draft.isEmpty())
        return fail(ErrorCode::InvalidArgument, Tr::tr("The draft has no changes to publish."));
    if (isBlankText(note))
        return fail(ErrorCode::InvalidArgument, Tr::tr("Say what this edition changes."));
    if (isBlankText(publishedBy))
        return fail(ErrorCode::InvalidArgument, Tr::tr("Say who publishes this edition."));
    GridEdition edition;
    QStringList changed;
    qsizetype moved = 0;
    auto published = ws.transaction([&]() -> Result<void> {
        // Everything is read again under the write lock: another desk or the command line may
        // have published or edited since this draft was read.
        if (auto recorded = recordUnversioned(ws); !recorded)
            return recorded;
        auto fresh = GridDraft::load(ws);
        if (!fresh)
            return std::unexpected(fresh.error());
        if (fresh->isEmpty())
            return fail(ErrorCode::Conflict,
                Tr::tr("The draft has no changes to publish; it may have been published from "
                       "another window or program."));
        if (!fresh->sameEdits(draft))
            return fail(ErrorCode::Conflict,
                Tr::tr("The draft was changed in another window or program since it was read; "
                       "open it again to see those changes before publishing."));
        changed = fresh->changedCodes();
        if (auto sound = checkPublishable(ws, *fresh); !sound)
            return sound;
        auto effects = caseEffects(ws, *fresh);
        if (!effects)
            return std::unexpected(effects.error());
        moved = qsizetype(effects->moves.size());
        auto setup = WorkflowSetup::load(ws);
        if (!setup)
            return std::unexpected(setup.error());
        CaseBook book(ws, std::move(*setup));
        const CaseTime when = CaseTime::withOffset(at.toUTC().date(), at.toUTC().time(), 0);

        auto last = lastEdition(ws);
        if (!last)
            return std::unexpected(last.error());
        edition.number = *last + 1;
        edition.publishedAt = at.toUTC();
        edition.publishedBy = publishedBy.trimmed();
        edition.note = note.trimmed();
        edition.gridCount = int(fresh->grids().size());
        edition.changedCount = int(changed.size());
        edition.rehomedCount = int(moved);
        edition.lineage = fresh->lineage();

        QSqlQuery close(ws.database());
        close.prepare(QStringLiteral(
            "UPDATE grid_versions SET valid_to = ? WHERE code = ? AND valid_to IS NULL"));
        QList<Grid> written;
        for (const QString &code : changed) {
            close.addBindValue(edition.number);
            close.addBindValue(code);
            if (auto done = exec(close, Tr::tr("Closing grid %1").arg(code)); !done)
                return done;
            if (const auto grid = fresh->grid(code)) {
                if (auto done = insertVersion(ws, *grid, edition.number); !done)
                    return done;
                written << *grid;
            }
        }
        if (auto done = ws.deleteGrids(fresh->deletedCodes()); !done)
            return done;
        if (auto done = ws.saveGrids(written); !done)
            return done;
        for (const Move &move : effects->moves) {
            auto rehomed =
                book.rehome(move.caseId, move.to, edition.number, edition.publishedBy, when);
            if (!rehomed)
                return std::unexpected(rehomed.error().at(Tr::tr("case %1").arg(move.caseId)));
        }
        auto entries = rehomeEntries(ws, edition.number, edition.publishedBy, at);
        if (!entries)
            return std::unexpected(entries.error());
        edition.rehomedEntries = int(*entries);
        if (auto done = insertEdition(ws, edition); !done)
            return done;
        return GridDraft::clearTables(ws);
    });
    if (!published)
        return std::unexpected(published.error());
    qCInfo(lcEditions) << "published edition" << edition.number << "with" << changed.size()
                       << "changed grids;" << moved << "open cases re-homed";

    auto reloaded = GridDraft::load(ws);
    if (!reloaded)
        return std::unexpected(reloaded.error());
    draft = std::move(*reloaded);
    return edition;
}

Result<EditionChanges> changes(Workspace &ws, int edition)
{
    auto editions = list(ws);
    if (!editions)
        return std::unexpected(editions.error());
    const auto found = std::find_if(editions->cbegin(), editions->cend(),
        [edition](const GridEdition &each) { return each.number == edition; });
    if (found == editions->cend())
        return fail(ErrorCode::NotFound, Tr::tr("There is no grid edition %1.").arg(edition));
    EditionChanges changes;
    changes.edition = *found;

    QSqlQuery made(ws.database());
    made.setForwardOnly(true);
    made.prepare(QStringLiteral("SELECT %1 FROM grid_versions WHERE valid_from = ? ORDER BY code")
                     .arg(GridRows::COLUMNS));
    made.addBindValue(edition);
    if (auto done = exec(made, Tr::tr("Reading grid edition %1").arg(edition)); !done)
        return std::unexpected(done.error());
    while (made.next()) {
        auto grid = GridRows::read(made);
        if (!grid)
            return std::unexpected(grid.error());
        changes.grids << *grid;
    }
    QSqlQuery gone(ws.database());
    gone.prepare(QStringLiteral(
        "SELECT code FROM grid_versions WHERE valid_to = ? AND code NOT IN (SELECT code FROM "
        "grid_versions WHERE valid_from = ?) ORDER BY code"));
    gone.addBindValue(edition);
    gone.addBindValue(edition);
    if (auto done = exec(gone, Tr::tr("Reading grid edition %1").arg(edition)); !done)
        return std::unexpected(done.error());
    while (gone.next())
        changes.deleted << gone.value(0).toString();
    return changes;
}

Result<bool> adopt(Workspace &ws, const EditionChanges &changes)
{
    const GridEdition &incoming = changes.edition;
    bool taken = false;
    auto done = ws.transaction([&]() -> Result<void> {
        if (auto recorded = recordUnversioned(ws); !recorded)
            return recorded;
        auto last = lastEdition(ws);
        if (!last)
            return std::unexpected(last.error());
        if (incoming.number <= *last)
            return {};
        if (incoming.number != *last + 1) {
            return fail(ErrorCode::Conflict,
                Tr::tr("Grid edition %1 cannot be taken in: this workspace has editions up to "
                       "%2 only.")
                    .arg(incoming.number)
                    .arg(*last));
        }
        QStringList touched = changes.deleted;
        for (const Grid &grid : changes.grids)
            touched << grid.code;
        QSqlQuery close(ws.database());
        close.prepare(QStringLiteral(
            "UPDATE grid_versions SET valid_to = ? WHERE code = ? AND valid_to IS NULL"));
        for (const QString &code : std::as_const(touched)) {
            close.addBindValue(incoming.number);
            close.addBindValue(code);
            if (auto closed = exec(close, Tr::tr("Closing grid %1").arg(code)); !closed)
                return closed;
        }
        for (const Grid &grid : changes.grids) {
            if (auto kept = insertVersion(ws, grid, incoming.number); !kept)
                return kept;
        }
        if (auto deleted = ws.deleteGrids(changes.deleted); !deleted)
            return deleted;
        if (auto saved = ws.saveGrids(changes.grids); !saved)
            return saved;
        auto count = ws.gridCount();
        if (!count)
            return std::unexpected(count.error());
        GridEdition edition = incoming;
        edition.gridCount = int(*count);
        edition.changedCount = int(touched.size());
        if (auto recorded = insertEdition(ws, edition); !recorded)
            return recorded;
        auto entries = rehomeEntries(ws, edition.number, edition.publishedBy, edition.publishedAt);
        if (!entries)
            return std::unexpected(entries.error());

        // The supervisor's own edits, now published: the draft has nothing left.
        auto draft = GridDraft::load(ws);
        if (!draft)
            return std::unexpected(draft.error());
        const QStringList draftChanged = draft->changedCodes() + draft->deletedCodes();
        const QSet<QString> drafted(draftChanged.cbegin(), draftChanged.cend());
        bool same = !draft->isEmpty() && drafted == QSet<QString>(touched.cbegin(), touched.cend());
        for (const Grid &grid : changes.grids) {
            const auto mine = draft->grid(grid.code);
            same = same && mine && GridRows::same(*mine, grid);
        }
        if (same) {
            if (auto cleared = GridDraft::clearTables(ws); !cleared)
                return cleared;
        }
        taken = true;
        return {};
    });
    if (!done)
        return std::unexpected(done.error());
    if (taken)
        qCInfo(lcEditions) << "took in edition" << incoming.number << "with"
                           << changes.grids.size() + changes.deleted.size() << "changed grids";
    return taken;
}

} // namespace GridEditions

} // namespace GridDesk
