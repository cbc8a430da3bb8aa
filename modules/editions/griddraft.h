// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"
#include "domain/grid.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <optional>

namespace GridDesk {

class Workspace;

/// How a grid of a new edition came from grids of the one before.
struct LineageLink
{
    enum class Kind { Split, Merge, Reshape, Subdivide, Added, Deleted, Count };
    QString fromCode; ///< empty for Added
    QString toCode; ///< empty for Deleted
    Kind kind = Kind::Reshape;

    bool operator==(const LineageLink &) const = default;
};
QString lineageKindKey(LineageLink::Kind kind);
std::optional<LineageLink::Kind> lineageKindFromKey(const QString &key);
QString lineageKindName(LineageLink::Kind kind);

/// One edit of the draft, as it can be done and undone: the grids as they were and as they
/// are after it. A grid in before but not in after is deleted, one in after but not in before
/// is added; codes match them. Undoing applies the reverse change.
struct GridChange
{
    QString description; ///< "Move vertex", "Split 1101" … for the undo history
    QList<Grid> before;
    QList<Grid> after;
    QList<LineageLink> lineage;
    bool reverts = false; ///< set by reversed(): the lineage links are taken out, not added

    GridChange reversed() const;
};

/// The grid map being edited: the published grids overlaid with the draft edits kept in the
/// workspace (table grid_draft), so that an edit survives a restart until it is published or
/// discarded. Every grid here has its boundary loaded.
class GridDraft
{
public:
    /// Reads the published grids and the draft over them.
    static Result<GridDraft> load(Workspace &ws);

    const QList<Grid> &grids() const { return m_grids; }
    std::optional<Grid> grid(const QString &code) const;
    /// Codes of the grids the draft adds, changes or deletes, against the published edition.
    QStringList changedCodes() const;
    QStringList deletedCodes() const;
    QList<LineageLink> lineage() const { return m_lineage; }
    bool isEmpty() const;
    /// Whether other holds the same edits: the same grids changed, to the same, and the same
    /// lineage.
    bool sameEdits(const GridDraft &other) const;

    /// Applies an edit and writes it to the draft in ws, in one transaction. Fails, changing
    /// nothing, when before does not match the draft (someone else edited those grids), when
    /// an added code is taken or a grid's code is blank.
    Result<void> apply(Workspace &ws, const GridChange &change);

    /// The edit that brings grids read from a file (a re-import, say from QGIS) into the draft:
    /// grids with a code the draft has replace them, keeping the supervisor and counts the
    /// file does not carry; the others are added.
    /// Fails when a code of the file belongs to a grid of another level in the draft.
    /// Boundaries that differ only by the digits a file format drops count as unchanged.
    Result<GridChange> importing(const QList<Grid> &incoming, const QString &description) const;

    /// Throws the draft away: the grids are the published ones again.
    Result<void> discard(Workspace &ws);

    /// Empties the draft's tables in ws, for publishing inside its transaction.
    static Result<void> clearTables(Workspace &ws);

private:
    void reindex();
    void put(const Grid &grid);
    void remove(const QString &code);
    static Result<std::optional<Grid>> published(Workspace &ws, const QString &code);
    /// The grid as the file holds it now: the draft's row, or the published grid.
    static Result<std::optional<Grid>> inFile(Workspace &ws, const QString &code);
    /// Fails when the file no longer holds what change starts from.
    static Result<void> checkFileMatches(Workspace &ws, const GridChange &change);
    Result<void> writeDeleted(Workspace &ws, const QString &code);
    Result<void> writeChanged(Workspace &ws, const Grid &grid);
    Result<void> writeLineage(Workspace &ws, const GridChange &change);

    QList<Grid> m_grids;
    QHash<QString, qsizetype> m_index;
    QSet<QString> m_changed; // added or changed
    QSet<QString> m_deleted;
    QList<LineageLink> m_lineage;
};

/// A finding of the topology check accepted by a supervisor, with why.
struct AcceptedFinding
{
    QString key; ///< TopologyFinding::key()
    QString reason;
    QString acceptedBy;
    QDateTime acceptedAt;
};

Result<QList<AcceptedFinding>> acceptedFindings(Workspace &ws);
/// Records (or replaces) the acceptance of a finding. Fails when reason is blank.
Result<void> acceptFinding(Workspace &ws, const AcceptedFinding &accepted);
Result<void> withdrawAcceptance(Workspace &ws, const QString &key);

} // namespace GridDesk
