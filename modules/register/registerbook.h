// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "registerentry.h"
#include "registerschema.h"

#include "domain/error.h"
#include "domain/grid.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace GridDesk {

class GeosContext;
class GridLocator;
class Workspace;

/// Which entries to read.
struct RegisterQuery
{
    std::optional<QString> gridCode; ///< only entries of this grid (and, by default, below it)
    bool includeDescendants = true;
    std::optional<QString> kind;
    std::optional<QString> code; ///< just this entry
    int limit = -1; ///< -1 for all
};

/// One line of an entry's history: what was done, by whom, when, and the entry as it was
/// before (empty for the line that created it).
struct RegisterChange
{
    QString code;
    int version = 0; ///< the version the change made
    QString action; ///< "created", "updated", "verified", "rehomed"
    QString changedBy;
    QDateTime changedAt;
    std::optional<RegisterEntry> before;
    QString note;
    bool fromServer = false; ///< taken in from the server's register, not made here
    QString command; ///< the sync command that carried the change, when one did
    QJsonObject data; ///< a merge's partner: "into" (on the entry gone), "with" (on the one kept)
    qint64 id = 0; ///< the line's number in this workspace's history
};

/// Entries of one kind in a grid: how many, and how many are due a visit.
struct KindCount
{
    QString kind;
    qint64 entries = 0;
    qint64 stale = 0;
};

/// The grid register of a workspace: reads, adds and changes entries, each change in its own
/// transaction with a line of history holding the entry as it was. Every entry is put in the
/// innermost grid containing its point (or a point inside its polygon).
///
/// Use from the workspace's thread. The grids are read once, at the first entry placed; make a
/// new book after the grid map changes.
///
/// In a workspace that syncs, the history lines the book writes are how its changes reach the
/// server (Sync::queueRegisterChanges()), and adopt() takes the server's in.
class RegisterBook
{
public:
    static Result<RegisterBook> load(Workspace &workspace);
    RegisterBook(RegisterBook &&) noexcept;
    RegisterBook &operator=(RegisterBook &&) noexcept;
    ~RegisterBook();

    const RegisterSchema &schema() const { return m_schema; }
    Workspace &workspace() const { return *m_workspace; }

    /// Entries query selects, ordered by kind then code. Read whole: each entry's own fields
    /// stay their stored JSON until read (RegisterFields), and texts that repeat from entry to
    /// entry (kind, grid, source, who and when) are shared, so a grid of tens of thousands of
    /// entries costs little more than the rows themselves.
    Result<QList<RegisterEntry>> entries(const RegisterQuery &query = {}) const;
    Result<std::optional<RegisterEntry>> entry(const QString &code) const;

    /// Entries standing within metres of a point, or whose polygon contains it, nearest first
    /// (what a case registered at that point may concern). At most limit of them.
    Result<QList<RegisterEntry>> near(const GeoPoint &point, double metres, int limit = 20) const;
    /// The same entries, each with its distance in metres (0 inside its polygon).
    Result<QList<std::pair<RegisterEntry, double>>> around(
        const GeoPoint &point, double metres, int limit = 20) const;

    /// Entries whose address is address or begins it (the building a flat is in), and, when
    /// address has at least minimumPartial characters, entries whose address continues it (the
    /// flats of a building). Ordered by address and code; at most limit. Blank finds nothing.
    Result<QList<RegisterEntry>> atAddress(
        const QString &address, int minimumPartial, int limit = 20) const;

    /// Stored entries that entry duplicates: of the same kind with the same value in an
    /// identifying field (an ID number, an asset code …), or with the same name and address
    /// (both not blank). The entry itself (same code) is not among them.
    Result<QList<RegisterEntry>> duplicatesOf(const RegisterEntry &entry) const;

    /// Checks an entry before it is stored and fills in what the register decides: the kind
    /// exists, the name is not blank, each field belongs to the kind and has a value of its
    /// type (converted in place), the geometry is a valid point, polygon or multipolygon; the
    /// grid is the one containing it (or, without a geometry, the grid given must exist).
    /// Fails with a message naming the field or what is wrong with the geometry.
    Result<void> prepare(RegisterEntry &entry) const;

    /// Stores a new entry as version 1 with its history line, giving it a code when it has
    /// none. Refused (Conflict) when it duplicates a stored entry, naming that entry.
    Result<RegisterEntry> add(RegisterEntry entry, const QString &by, const QDateTime &at);

    /// Stores a changed entry (found by code) as the next version, keeping the one before in
    /// the history. Refused (Conflict) when the stored version is not basedOn (changed
    /// meanwhile) or when the change makes it duplicate another entry.
    Result<RegisterEntry> update(RegisterEntry entry, int basedOn, const QString &by,
        const QDateTime &at, const QString &note = {});

    /// Merges the entry gone into keep (of the same kind): keep takes the address, location
    /// and field values it lacks, and a history line naming gone; gone leaves the entries with
    /// a last history line naming keep, so both histories stay readable under their codes. The
    /// cases linked to gone are linked to keep. Refused for the same code twice, different kinds or
    /// an entry not there.
    Result<RegisterEntry> merge(
        const QString &keep, const QString &gone, const QString &by, const QDateTime &at);

    /// Records that who checked the entry on the ground at the given time.
    Result<RegisterEntry> verify(const QString &code, const QString &by, const QDateTime &at);

    /// The history of an entry, oldest first.
    Result<QList<RegisterChange>> history(const QString &code) const;
    /// The lines of the whole history after line after, oldest first: at most limit (all when
    /// limit is 0), only those made here when madeHereOnly (not taken in from a server).
    Result<QList<RegisterChange>> historyAfter(
        qint64 after, int limit = 0, bool madeHereOnly = false) const;

    /// Entries not verified for longer than their kind allows at the given time (never
    /// verified counts as stale), in a grid and below it or everywhere, ordered by grid, kind
    /// and code. staleDays, when given, is the period for every kind instead of each kind's own.
    Result<QList<RegisterEntry>> stale(const std::optional<QString> &gridCode, const QDateTime &at,
        std::optional<int> staleDays = std::nullopt) const;

    /// Entries per kind (every kind, zeros included) in a grid and below it, or everywhere;
    /// the stale ones counted as stale() finds them.
    Result<QList<KindCount>> counts(const std::optional<QString> &gridCode, const QDateTime &at,
        std::optional<int> staleDays = std::nullopt) const;

    /// Moves every entry whose anchor lies in another grid of grids (the map of a new edition)
    /// there, with a history line naming the edition. Returns how many moved. Call inside the
    /// transaction that publishes or takes in the edition.
    Result<qsizetype> rehome(
        const QList<Grid> &grids, int edition, const QString &by, const QDateTime &at);

    /// Takes in an entry as the server's register has it, in the caller's transaction: the
    /// history lines the server wrote (kept as taken in from the server), and the entry as it is
    /// there, or its removal (nullopt) with its cases handed to the entry it was merged into. The
    /// entry is written as given: the server placed it and numbered its version.
    Result<void> adopt(const QString &code, const std::optional<RegisterEntry> &entry,
        const QList<RegisterChange> &changes);
    /// The sync command whose change the book writes next, kept with each history line until
    /// set empty again: how the server's history names the command of every change.
    void setCommand(const QString &commandId) { m_command = commandId; }

    /// Low-level steps of add() and update() for an import that checked duplicates itself.
    /// Call inside a transaction; entry must have been prepared.
    Result<void> insert(RegisterEntry &entry, const QString &by, const QDateTime &at);
    Result<void> replace(RegisterEntry &entry, const RegisterEntry &before, const QString &action,
        const QString &by, const QDateTime &at, const QString &note);
    /// A new code for an entry of kind, one more than the highest stored.
    Result<QString> nextCode(const QString &kind);
    /// Brings the feature table's extent in gpkg_contents up to date (for QGIS's first view).
    Result<void> updateExtent();
    /// Entries an SQL tail (WHERE …, ORDER BY …, LIMIT …) over register_entries selects, with
    /// its values bound in order: for the register's searches.
    Result<QList<RegisterEntry>> selectWhere(const QString &tail, const QVariantList &values) const
    {
        return select(tail, values);
    }

private:
    RegisterBook(Workspace &workspace, RegisterSchema schema);
    Result<void> prepareFields(RegisterEntry &entry) const;
    Result<void> prepareGeometry(RegisterEntry &entry) const;
    Result<const GridLocator *> locator() const;
    Result<QList<RegisterEntry>> select(const QString &where, const QVariantList &values) const;
    /// Hands the case links of the entry gone to the entry kept (each link once).
    Result<void> handLinks(const QString &gone, const QString &keep);

    Workspace *m_workspace = nullptr;
    RegisterSchema m_schema;
    mutable std::unique_ptr<GridLocator> m_locator;
    std::unique_ptr<GeosContext> m_geos;
    QHash<QString, qint64> m_lastNumbers; ///< by kind, after the first nextCode()
    QString m_command; ///< see setCommand()
    QJsonObject m_mergeData; ///< what the line replace() writes names, during a merge
};

} // namespace GridDesk
