// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "standards/standardstree.h"

#include "domain/error.h"

#include <QHash>
#include <QObject>

#include <functional>
#include <memory>

class QUndoStack;

namespace GridDesk {

class Workspace;

/// Whether a workstation role key may change the standards tree: leaders and administrators.
bool mayEditStandards(const QString &role);

/// The standards tree being browsed and edited: the tree of one workspace, the unsaved steps on
/// an undo stack (each keeps the whole state before and after it, the tree being a value), and
/// the standards attached or detached since the last save. Nothing reaches the workspace before
/// save(); models and views follow treeChanged().
class StandardsDocument : public QObject
{
    Q_OBJECT

public:
    using Change = std::function<Result<void>(StandardsTree &)>;

    /// What an undo step puts back: the tree (with the standards attached in memory), the
    /// documents of standards not yet saved by their negative ids, the saved standards detached
    /// and the attach and detach records not yet written.
    struct State
    {
        StandardsTree tree;
        QHash<qint64, QString> documents;
        QList<qint64> detached;
        QList<StandardsChange> records;
    };

    explicit StandardsDocument(QObject *parent = nullptr);
    ~StandardsDocument() override;

    /// Reads the standards tree of the workspace at path, with an empty undo stack.
    Result<void> open(const QString &path);
    /// Browses tree with no workspace behind it (save() refuses); for tests and previews.
    void setTree(const StandardsTree &tree);
    const StandardsTree &tree() const { return m_state.tree; }
    QString workspacePath() const { return m_path; }
    bool hasWorkspace() const { return m_workspace != nullptr; }

    /// Who edits, with the workstation role key ("leader", "operator" …).
    void setUser(const QString &name, const QString &role);
    QString userName() const { return m_user; }
    bool mayEdit() const;
    /// Why the user may not edit, for the read-only banner; empty when they may.
    QString readOnlyReason() const;

    QUndoStack *undoStack() const { return m_undo; }
    bool isModified() const;

    /// Applies change to a copy of the tree and makes it one undoable step named text when it
    /// succeeds. A refused change leaves everything as it was and returns the reason.
    Result<void> apply(const QString &text, const Change &change);
    /// Attaches a standard to the node in memory, with the document at documentPath when it is
    /// not empty; refused with the reason the store would give. Returns the temporary id.
    Result<qint64> attach(qint64 nodeId, AttachedStandard standard, const QString &documentPath);
    /// Detaches a standard, saved or not, as one undoable step.
    Result<void> detach(qint64 attachedId);
    /// The attached standard with this id, or nullptr.
    const AttachedStandard *attachedById(qint64 attachedId) const;
    /// The content of a standard's document: read from the workspace, or from the chosen file
    /// while the standard is not saved yet.
    Result<QByteArray> document(qint64 attachedId) const;

    /// Writes every unsaved step to the workspace as the user: detached standards, the tree
    /// with its history, then the newly attached standards. Refused with ErrorCode::Conflict
    /// when the workspace's tree changed elsewhere since it was read; the steps stay. A saved
    /// tree starts a new undo history.
    Result<void> save();
    /// Reads the workspace's tree again, dropping every unsaved step.
    Result<void> reload();

    /// The saved history of a node followed by this session's unsaved changes of it.
    QList<StandardsChange> history(qint64 nodeId) const;

    /// Puts a state in place; the undo steps call it.
    void restore(const State &state);

Q_SIGNALS:
    /// The tree changed: a step, an undo or redo, a save or reload.
    void treeChanged();
    void saved();
    void modifiedChanged(bool modified);

private:
    void push(const QString &text, State after);
    Result<void> checkUnchangedElsewhere() const;
    Result<void> writeAttached(StandardsTree &written);
    void startFrom(StandardsTree tree);

    State m_state;
    QString m_fingerprint;
    QString m_path;
    std::unique_ptr<Workspace> m_workspace;
    QString m_user;
    QString m_role;
    QUndoStack *m_undo;
};

} // namespace GridDesk
