// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "standards/standardstree.h"

#include "domain/error.h"

#include <QByteArray>

namespace GridDesk {

class Workspace;

/// Keeps a workspace's standards tree: the organisation's copy of the standard system with
/// its edits, the standards attached to its nodes (documents kept in the file as blobs) and
/// the append-only history of every change. A workspace that was never edited reads as the
/// shipped tree; its first edit or attachment saves its own copy.
///
/// Every write is refused with ErrorCode::Conflict when another desk wrote the tree or its
/// standards since this tree was read, so nobody's work is overwritten unseen; reload then.
///
/// All functions run on the workspace's thread and finish before they return.
class StandardsStore
{
public:
    /// The largest document kept with an attached standard, in bytes.
    static constexpr qint64 MAX_DOCUMENT_SIZE = 20 * 1024 * 1024;

    /// The workspace's tree with its attached standards; the shipped tree when the workspace
    /// has no copy yet.
    static Result<StandardsTree> load(const Workspace &workspace);

    /// Writes tree as the workspace's copy and records its pending changes in the name of by,
    /// in one transaction; clears the pending changes when it succeeded. Refused, leaving the
    /// file as it was, when a category to be dropped has standards attached in the file.
    static Result<void> save(Workspace &workspace, StandardsTree &tree, const QString &by);

    /// Attaches a standard to the node coded code, with the document at documentPath when it
    /// is not empty; saves the tree first when the workspace had no copy. Returns the id the
    /// standard got and updates tree. Refused with the reason for an unknown node, a missing
    /// number or title, a number already attached to the node, an implementation date before
    /// the publication date, or a document that cannot be read or exceeds MAX_DOCUMENT_SIZE.
    static Result<qint64> attach(Workspace &workspace, StandardsTree &tree, const QString &code,
        AttachedStandard standard, const QString &documentPath, const QString &by);

    /// Detaches the standard with this id (its document goes with it) and records it.
    static Result<void> detach(
        Workspace &workspace, StandardsTree &tree, qint64 attachedId, const QString &by);

    /// The document kept with an attached standard; empty when it has none.
    static Result<QByteArray> document(const Workspace &workspace, qint64 attachedId);

    /// Every recorded change, oldest first; only those of the node with this id when nodeId
    /// is not 0.
    static Result<QList<StandardsChange>> history(const Workspace &workspace, qint64 nodeId = 0);
};

} // namespace GridDesk
