// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "griddraft.h"

#include "grideditions.h"
#include "gridrows.h"
#include "logging.h"

#include "domain/text.h"
#include "gis/wkb.h"
#include "storage/workspace.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <array>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Editions)
};

struct KindTerm
{
    const char *key;
    const char *name;
};

constexpr std::array<KindTerm, std::size_t(LineageLink::Kind::Count)> KINDS {{
    {"split", QT_TRANSLATE_NOOP("GridDesk::Editions", "Split")},
    {"merge", QT_TRANSLATE_NOOP("GridDesk::Editions", "Merged")},
    {"reshape", QT_TRANSLATE_NOOP("GridDesk::Editions", "Reshaped")},
    {"subdivide", QT_TRANSLATE_NOOP("GridDesk::Editions", "Subdivided")},
    {"added", QT_TRANSLATE_NOOP("GridDesk::Editions", "Added")},
    {"deleted", QT_TRANSLATE_NOOP("GridDesk::Editions", "Deleted")},
}};

} // namespace

QString lineageKindKey(LineageLink::Kind kind)
{
    return QLatin1String(KINDS.at(std::size_t(kind)).key);
}

std::optional<LineageLink::Kind> lineageKindFromKey(const QString &key)
{
    for (std::size_t index = 0; index < KINDS.size(); ++index) {
        if (key == QLatin1String(KINDS[index].key))
            return LineageLink::Kind(index);
    }
    return std::nullopt;
}

QString lineageKindName(LineageLink::Kind kind)
{
    return QCoreApplication::translate("GridDesk::Editions", KINDS.at(std::size_t(kind)).name);
}

GridChange GridChange::reversed() const
{
    GridChange undo;
    undo.description = description;
    undo.before = after;
    undo.after = before;
    undo.lineage = lineage;
    undo.reverts = !reverts;
    return undo;
}

namespace {

/// Whether two boundaries have the same rings and the same points, each within tolerance
/// degrees: a file that stores fewer digits (GeoJSON, KML) brings back the boundary it was
/// given, not a new one.
bool sameBoundary(const QByteArray &a, const QByteArray &b, double tolerance)
{
    if (a == b)
        return true;
    std::vector<std::vector<GeoPoint>> rings;
    if (!Wkb::forEachRing(a, [&](const Wkb::RingRef &ring) {
            rings.emplace_back(ring.points.begin(), ring.points.end());
        }))
        return false;
    std::size_t index = 0;
    bool same = true;
    auto walked = Wkb::forEachRing(b, [&](const Wkb::RingRef &ring) {
        if (!same || index >= rings.size() || rings[index].size() != ring.points.size()) {
            same = false;
            return;
        }
        const std::vector<GeoPoint> &mine = rings[index++];
        for (std::size_t i = 0; i < mine.size() && same; ++i) {
            same = std::abs(mine[i].lon - ring.points[i].lon) <= tolerance
                && std::abs(mine[i].lat - ring.points[i].lat) <= tolerance;
        }
    });
    return walked && same && index == rings.size();
}

/// About a millimetre: GeoJSON's fifteen significant digits keep 1e-13 degrees.
constexpr double SAME_POINT_DEGREES = 1e-8;

} // namespace

Result<GridChange> GridDraft::importing(
    const QList<Grid> &incoming, const QString &description) const
{
    GridChange change;
    change.description = description;
    for (Grid grid : incoming) {
        const std::optional<Grid> current = this->grid(grid.code);
        if (!current) {
            change.lineage << LineageLink {QStringLiteral(""), grid.code, LineageLink::Kind::Added};
            change.after << grid;
            continue;
        }
        if (current->level != grid.level) {
            return fail(ErrorCode::Conflict,
                Tr::tr("Code %1 belongs to a grid of another level in the draft (%2); the file "
                       "gives it to one of this level: %3. Codes are unique across levels.")
                    .arg(grid.code, gridLevelName(current->level), gridLevelName(grid.level)));
        }
        if (sameBoundary(current->wkb, grid.wkb, SAME_POINT_DEGREES)) {
            grid.wkb = current->wkb;
            grid.bbox = current->bbox;
            grid.areaM2 = current->areaM2;
        }
        if (grid.supervisor.isEmpty())
            grid.supervisor = current->supervisor;
        if (!grid.households)
            grid.households = current->households;
        if (!grid.population)
            grid.population = current->population;
        if (GridRows::same(*current, grid))
            continue;
        if (current->wkb != grid.wkb)
            change.lineage << LineageLink {grid.code, grid.code, LineageLink::Kind::Reshape};
        change.before << *current;
        change.after << grid;
    }
    return change;
}

Result<GridDraft> GridDraft::load(Workspace &ws)
{
    auto published = ws.grids();
    if (!published)
        return std::unexpected(published.error());
    GridDraft draft;
    draft.m_grids = std::move(*published);
    draft.reindex();

    QSqlQuery rows(ws.database());
    rows.setForwardOnly(true);
    if (!rows.exec(QStringLiteral("SELECT %1, deleted FROM grid_draft ORDER BY code")
                       .arg(GridRows::COLUMNS))) {
        return fail(ErrorCode::Database,
            Tr::tr("The grid draft could not be read: %1").arg(rows.lastError().text()));
    }
    while (rows.next()) {
        auto grid = GridRows::read(rows);
        if (!grid)
            return std::unexpected(grid.error());
        if (rows.value(GridRows::COLUMN_COUNT).toBool()) {
            draft.m_deleted.insert(grid->code);
            draft.remove(grid->code);
        } else {
            draft.m_changed.insert(grid->code);
            draft.put(*grid);
        }
    }

    QSqlQuery links(ws.database());
    if (!links.exec(QStringLiteral(
            "SELECT from_code, to_code, kind FROM grid_draft_lineage ORDER BY id"))) {
        return fail(ErrorCode::Database,
            Tr::tr("The grid draft could not be read: %1").arg(links.lastError().text()));
    }
    while (links.next()) {
        const auto kind = lineageKindFromKey(links.value(2).toString());
        if (!kind)
            continue;
        draft.m_lineage << LineageLink {
            links.value(0).toString(), links.value(1).toString(), *kind};
    }
    return draft;
}

void GridDraft::reindex()
{
    m_index.clear();
    m_index.reserve(m_grids.size());
    for (qsizetype position = 0; position < m_grids.size(); ++position)
        m_index.insert(m_grids.at(position).code, position);
}

void GridDraft::put(const Grid &grid)
{
    const auto found = m_index.constFind(grid.code);
    if (found != m_index.constEnd()) {
        m_grids[*found] = grid;
        return;
    }
    m_index.insert(grid.code, m_grids.size());
    m_grids << grid;
}

void GridDraft::remove(const QString &code)
{
    const auto found = m_index.constFind(code);
    if (found == m_index.constEnd())
        return;
    // Swap with the last grid so that removing stays cheap on 100 000 grids.
    const qsizetype position = *found;
    m_index.remove(code);
    if (position != m_grids.size() - 1) {
        m_grids[position] = std::move(m_grids.last());
        m_index.insert(m_grids.at(position).code, position);
    }
    m_grids.removeLast();
}

std::optional<Grid> GridDraft::grid(const QString &code) const
{
    const auto found = m_index.constFind(code);
    if (found == m_index.constEnd())
        return std::nullopt;
    return m_grids.at(*found);
}

QStringList GridDraft::changedCodes() const
{
    QStringList codes(m_changed.cbegin(), m_changed.cend());
    for (const QString &code : m_deleted) {
        if (!m_changed.contains(code))
            codes << code;
    }
    codes.sort();
    return codes;
}

QStringList GridDraft::deletedCodes() const
{
    QStringList codes(m_deleted.cbegin(), m_deleted.cend());
    codes.sort();
    return codes;
}

bool GridDraft::isEmpty() const
{
    return m_changed.isEmpty() && m_deleted.isEmpty() && m_lineage.isEmpty();
}

bool GridDraft::sameEdits(const GridDraft &other) const
{
    if (m_changed != other.m_changed || m_deleted != other.m_deleted
        || m_lineage != other.m_lineage)
        return false;
    for (const QString &code : m_changed) {
        const auto mine = grid(code);
        const auto theirs = other.grid(code);
        if (!mine || !theirs || !GridRows::same(*mine, *theirs))
            return false;
    }
    return true;
}

Result<std::optional<Grid>> GridDraft::inFile(Workspace &ws, const QString &code)
{
    QSqlQuery row(ws.database());
    row.prepare(
        QStringLiteral("SELECT %1, deleted FROM grid_draft WHERE code = ?").arg(GridRows::COLUMNS));
    row.addBindValue(code);
    if (!row.exec()) {
        return fail(ErrorCode::Database,
            Tr::tr("The grid draft could not be read: %1").arg(row.lastError().text()));
    }
    if (!row.next())
        return published(ws, code);
    if (row.value(GridRows::COLUMN_COUNT).toBool())
        return std::optional<Grid>();
    auto grid = GridRows::read(row);
    if (!grid)
        return std::unexpected(grid.error());
    return std::optional<Grid>(std::move(*grid));
}

Result<void> GridDraft::checkFileMatches(Workspace &ws, const GridChange &change)
{
    QSet<QString> removed;
    for (const Grid &before : change.before) {
        auto current = inFile(ws, before.code);
        if (!current)
            return std::unexpected(current.error());
        if (!*current || !GridRows::same(**current, before)) {
            return fail(ErrorCode::Conflict,
                Tr::tr("Grid %1 was changed in another window or program; nothing was changed. "
                       "Open the draft again to see the change.")
                    .arg(before.code));
        }
        removed.insert(before.code);
    }
    for (const Grid &after : change.after) {
        if (removed.contains(after.code))
            continue;
        auto current = inFile(ws, after.code);
        if (!current)
            return std::unexpected(current.error());
        if (*current) {
            return fail(ErrorCode::Conflict,
                Tr::tr("Code %1 was given to another grid in another window or program; nothing "
                       "was changed.")
                    .arg(after.code));
        }
    }
    return {};
}

Result<void> GridDraft::apply(Workspace &ws, const GridChange &change)
{
    // The grids as they are must be the grids the edit started from: another window (or
    // desk) may have changed them since.
    QSet<QString> removed;
    for (const Grid &before : change.before) {
        const auto current = grid(before.code);
        if (!current || !GridRows::same(*current, before)) {
            return fail(ErrorCode::Conflict,
                Tr::tr("Grid %1 was changed since this edit began; nothing was changed.")
                    .arg(before.code));
        }
        removed.insert(before.code);
    }
    QSet<QString> added;
    for (const Grid &after : change.after) {
        if (after.code.trimmed().isEmpty())
            return fail(ErrorCode::InvalidArgument, Tr::tr("Every grid needs a code."));
        if (added.contains(after.code)) {
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("Code %1 is given to two grids by one edit.").arg(after.code));
        }
        added.insert(after.code);
        if (!removed.contains(after.code) && grid(after.code)) {
            return fail(ErrorCode::Conflict,
                Tr::tr("Code %1 is already taken by another grid.").arg(after.code));
        }
    }

    // The file is checked again under the write lock: another window or the command line may
    // have edited the same grids since this draft was read. Restored when the write fails.
    const QSet<QString> changedBefore = m_changed;
    const QSet<QString> deletedBefore = m_deleted;
    const QList<LineageLink> lineageBefore = m_lineage;
    auto written = ws.transaction([&]() -> Result<void> {
        if (auto matches = checkFileMatches(ws, change); !matches)
            return matches;
        if (auto baseline = GridEditions::recordBaseline(ws); !baseline)
            return baseline;
        for (const Grid &before : change.before) {
            if (!added.contains(before.code)) {
                if (auto done = writeDeleted(ws, before.code); !done)
                    return done;
            }
        }
        for (const Grid &after : change.after) {
            if (auto done = writeChanged(ws, after); !done)
                return done;
        }
        return writeLineage(ws, change);
    });
    if (!written) {
        m_changed = changedBefore;
        m_deleted = deletedBefore;
        m_lineage = lineageBefore;
        return written;
    }

    for (const Grid &before : change.before) {
        if (!added.contains(before.code))
            remove(before.code);
    }
    for (const Grid &after : change.after)
        put(after);
    return {};
}

Result<std::optional<Grid>> GridDraft::published(Workspace &ws, const QString &code)
{
    return ws.grid(code);
}

Result<void> GridDraft::writeDeleted(Workspace &ws, const QString &code)
{
    auto original = published(ws, code);
    if (!original)
        return std::unexpected(original.error());
    m_changed.remove(code);
    QSqlQuery query(ws.database());
    if (*original) {
        m_deleted.insert(code);
        query.prepare(
            QStringLiteral("INSERT INTO grid_draft (code, deleted, level) VALUES (?, 1, "
                           "'') ON CONFLICT(code) DO UPDATE SET deleted = 1, wkb = NULL"));
    } else {
        // Only the draft ever had it.
        query.prepare(QStringLiteral("DELETE FROM grid_draft WHERE code = ?"));
    }
    query.addBindValue(code);
    if (!query.exec()) {
        return fail(ErrorCode::Database,
            Tr::tr("Grid %1 could not be deleted from the draft: %2")
                .arg(code, query.lastError().text()));
    }
    return {};
}

Result<void> GridDraft::writeChanged(Workspace &ws, const Grid &grid)
{
    auto original = published(ws, grid.code);
    if (!original)
        return std::unexpected(original.error());
    m_deleted.remove(grid.code);
    if (*original && GridRows::same(**original, grid)) {
        // Back to what is published (an undo): the draft no longer holds it.
        m_changed.remove(grid.code);
        QSqlQuery query(ws.database());
        query.prepare(QStringLiteral("DELETE FROM grid_draft WHERE code = ?"));
        query.addBindValue(grid.code);
        if (!query.exec()) {
            return fail(ErrorCode::Database,
                Tr::tr("Grid %1 could not be written to the draft: %2")
                    .arg(grid.code, query.lastError().text()));
        }
        return {};
    }
    m_changed.insert(grid.code);
    // The row is written whole: the grid's earlier draft goes first.
    QSqlQuery earlier(ws.database());
    earlier.prepare(QStringLiteral("DELETE FROM grid_draft WHERE code = ?"));
    earlier.addBindValue(grid.code);
    QSqlQuery query(ws.database());
    query.prepare(QStringLiteral("INSERT INTO grid_draft (%1, deleted) VALUES (%2, 0)")
                      .arg(GridRows::COLUMNS, GridRows::PLACEHOLDERS));
    GridRows::bind(query, grid);
    if (!earlier.exec()) {
        return fail(ErrorCode::Database,
            Tr::tr("Grid %1 could not be written to the draft: %2")
                .arg(grid.code, earlier.lastError().text()));
    }
    if (!query.exec()) {
        return fail(ErrorCode::Database,
            Tr::tr("Grid %1 could not be written to the draft: %2")
                .arg(grid.code, query.lastError().text()));
    }
    return {};
}

Result<void> GridDraft::writeLineage(Workspace &ws, const GridChange &change)
{
    for (const LineageLink &link : change.lineage) {
        QSqlQuery query(ws.database());
        if (change.reverts) {
            query.prepare(QStringLiteral(
                "DELETE FROM grid_draft_lineage WHERE id = (SELECT max(id) FROM "
                "grid_draft_lineage WHERE from_code = ? AND to_code = ? AND kind = ?)"));
            m_lineage.removeOne(link);
        } else {
            query.prepare(QStringLiteral(
                "INSERT INTO grid_draft_lineage (from_code, to_code, kind) VALUES (?, ?, ?)"));
            m_lineage << link;
        }
        // Qt binds a null string as NULL; an Added link has no grid it came from.
        query.addBindValue(link.fromCode.isNull() ? QStringLiteral("") : link.fromCode);
        query.addBindValue(link.toCode.isNull() ? QStringLiteral("") : link.toCode);
        query.addBindValue(lineageKindKey(link.kind));
        if (!query.exec()) {
            return fail(ErrorCode::Database,
                Tr::tr("The lineage of the draft could not be written: %1")
                    .arg(query.lastError().text()));
        }
    }
    return {};
}

Result<void> GridDraft::discard(Workspace &ws)
{
    auto cleared = ws.transaction([&]() -> Result<void> { return clearTables(ws); });
    if (!cleared)
        return cleared;
    auto reloaded = load(ws);
    if (!reloaded)
        return std::unexpected(reloaded.error());
    *this = std::move(*reloaded);
    return {};
}

Result<void> GridDraft::clearTables(Workspace &ws)
{
    QSqlQuery query(ws.database());
    for (const char *sql : {"DELETE FROM grid_draft", "DELETE FROM grid_draft_lineage"}) {
        if (!query.exec(QLatin1String(sql))) {
            return fail(ErrorCode::Database,
                Tr::tr("The draft could not be cleared: %1").arg(query.lastError().text()));
        }
    }
    return {};
}

Result<QList<AcceptedFinding>> acceptedFindings(Workspace &ws)
{
    QSqlQuery query(ws.database());
    if (!query.exec(QStringLiteral("SELECT key, reason, accepted_by, accepted_at FROM "
                                   "topology_acceptances ORDER BY key"))) {
        return fail(ErrorCode::Database,
            Tr::tr("Accepted findings could not be read: %1").arg(query.lastError().text()));
    }
    QList<AcceptedFinding> accepted;
    while (query.next()) {
        accepted << AcceptedFinding {query.value(0).toString(), query.value(1).toString(),
            query.value(2).toString(),
            QDateTime::fromString(query.value(3).toString(), Qt::ISODate)};
    }
    return accepted;
}

Result<void> acceptFinding(Workspace &ws, const AcceptedFinding &accepted)
{
    if (isBlankText(accepted.reason))
        return fail(ErrorCode::InvalidArgument, Tr::tr("Say why the finding is accepted."));
    if (accepted.key.isEmpty())
        return fail(ErrorCode::InvalidArgument, Tr::tr("The finding has no key."));
    QSqlQuery query(ws.database());
    query.prepare(QStringLiteral("INSERT INTO topology_acceptances (key, reason, accepted_by, "
                                 "accepted_at) VALUES (?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET "
                                 "reason = excluded.reason, accepted_by = excluded.accepted_by, "
                                 "accepted_at = excluded.accepted_at"));
    query.addBindValue(accepted.key);
    query.addBindValue(accepted.reason.trimmed());
    query.addBindValue(accepted.acceptedBy);
    const QDateTime at =
        accepted.acceptedAt.isValid() ? accepted.acceptedAt : QDateTime::currentDateTimeUtc();
    query.addBindValue(at.toUTC().toString(Qt::ISODate));
    if (!query.exec()) {
        return fail(ErrorCode::Database,
            Tr::tr("The acceptance could not be saved: %1").arg(query.lastError().text()));
    }
    return {};
}

Result<void> withdrawAcceptance(Workspace &ws, const QString &key)
{
    QSqlQuery query(ws.database());
    query.prepare(QStringLiteral("DELETE FROM topology_acceptances WHERE key = ?"));
    query.addBindValue(key);
    if (!query.exec()) {
        return fail(ErrorCode::Database,
            Tr::tr("The acceptance could not be withdrawn: %1").arg(query.lastError().text()));
    }
    return {};
}

} // namespace GridDesk
