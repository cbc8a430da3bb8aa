// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "griddraft.h"

#include "domain/error.h"
#include "domain/grid.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace GridDesk {

class Workspace;

/// A published edition of the grid map.
struct GridEdition
{
    int number = 0; ///< 1 for the grids as first imported
    QDateTime publishedAt; ///< UTC
    QString publishedBy;
    QString note;
    int gridCount = 0;
    int changedCount = 0; ///< grids added, changed or deleted against the edition before
    int rehomedCount = 0; ///< open cases moved to another grid; set by publish() only
    int rehomedEntries = 0; ///< register entries moved to another grid; set by publish() only
    QList<LineageLink> lineage;
    /// Sent to the server to publish (a workspace that syncs): not an edition here yet, and
    /// without a number until it comes back in the editions feed.
    bool sent = false;
};

/// What one edition changed against the one before: how another workspace takes it in.
struct EditionChanges
{
    GridEdition edition; ///< number, when, by whom, note and lineage
    QList<Grid> grids; ///< grids the edition added or changed, with their boundaries
    QStringList deleted; ///< codes of the grids it deleted
};

/// What publishing the draft would change, per grid.
struct GridImpact
{
    QString gridCode; ///< a grid of the draft, or a published grid the draft deletes
    QString change; ///< "added", "changed", "deleted", "unchanged"
    int openCasesIn = 0; ///< open cases that would move into this grid
    int openCasesOut = 0; ///< open cases that would leave it
    int closedCasesAffected = 0; ///< closed cases whose location now lies in another grid: they
                                 ///< keep this grid, but its statistics now cover other ground
    int routingRules = 0; ///< dispatch rules naming this grid when it is deleted or reshaped
    int staffAssignments = 0; ///< people assigned to this grid (its supervisor) when it is
                              ///< deleted or reshaped
};

struct ImpactReport
{
    QList<GridImpact> grids; ///< only grids with a change or an effect, ordered by code
    int openCasesMoved = 0;
    int closedCasesAffected = 0;
    int routingRules = 0;
    int staffAssignments = 0;
};

/// The published editions of a workspace's grid map, each kept whole: the grids table holds
/// the newest, grid_versions every grid as it was in every edition (a grid row is valid from
/// the edition that made it until the one that replaced it).
namespace GridEditions {

/// Records the grids as they are as edition 1 when there is no edition yet, so that the map
/// before the first edit stays viewable. Call inside Workspace::transaction().
Result<void> recordBaseline(Workspace &ws);

/// Whether the grid map has been published at least once: from then on, imports and edits go
/// into the draft.
Result<bool> isPublished(Workspace &ws);

/// Every edition, oldest first. A workspace whose grids predate editions gets edition 1 made
/// from them the first time this is called.
Result<QList<GridEdition>> list(Workspace &ws);

/// The grids of one edition, with or without their boundaries.
Result<QList<Grid>> grids(Workspace &ws, int edition, bool withGeometry = true);

/// What publishing draft would change.
Result<ImpactReport> previewImpact(Workspace &ws, const GridDraft &draft);

/// Publishes the draft as a new edition in one transaction: the grids table becomes the draft,
/// the old rows are kept in grid_versions, and every open case whose location lies in another
/// grid now is re-homed there, with a Rehome event in its history naming the old grid, the
/// new one and the edition. Closed cases keep their grid; register entries move to the grid
/// containing them, with a line of history naming the edition. Fails, publishing nothing, when the
/// draft is empty or note is blank, when the changed grids (with their neighbours and parents)
/// have invalid geometry, overlaps or bad codes nobody accepted, or when the draft in the file
/// is no longer the one given (edited or published by another window or program meanwhile).
Result<GridEdition> publish(Workspace &ws, GridDraft &draft, const QString &publishedBy,
    const QString &note, const QDateTime &at);

/// What edition number changed against the edition before it.
Result<EditionChanges> changes(Workspace &ws, int edition);

/// Takes in, as the next edition here, an edition published elsewhere (on the server, which
/// checked its topology and re-homed the cases; their new grids come with the cases). The
/// grids table and the editions are updated in one transaction; a draft holding exactly these
/// edits (the supervisor's own, now published) is emptied, any other draft is kept; the
/// register's entries here move into the grids that now contain them. Returns
/// false for an edition already here; fails, taking nothing in, for one that does not follow
/// the newest edition here.
Result<bool> adopt(Workspace &ws, const EditionChanges &changes);

} // namespace GridEditions

} // namespace GridDesk
