// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "gridoutline.h"

#include "domain/error.h"
#include "domain/grid.h"
#include "editions/griddraft.h"
#include "editions/grideditions.h"
#include "ingest/gridimporter.h"

#include <QDateTime>
#include <QFutureWatcher>
#include <QHash>
#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

class QUndoStack;

namespace GridDesk {

class Workspace;

/// The grid map a supervisor edits: the workspace's draft, one undo stack for every edit made
/// on it, the grids selected for the next edit, and the editions it is published into. Lives
/// on the GUI thread with its own connection to the workspace; the draft is read in the
/// background when the session opens.
class GridEditSession : public QObject
{
    Q_OBJECT

public:
    explicit GridEditSession(QObject *parent = nullptr);
    ~GridEditSession() override;

    /// Starts working on the workspace at path: reads its draft off the GUI thread and reports
    /// with opened or openFailed. Whatever was open before is closed at once.
    void open(const QString &path);
    /// The same, read on the calling thread.
    Result<void> openNow(const QString &path);
    void close();
    bool isOpen() const { return m_draft.has_value(); }
    bool isOpening() const { return m_loader.isRunning(); }
    QString path() const { return m_path; }

    /// Who edits, accepts findings and publishes; the clock they do it by.
    void setActor(const QString &name) { m_actor = name; }
    QString actor() const { return m_actor; }
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }
    QDateTime now() const { return m_clock(); }

    const QList<Grid> &grids() const;
    std::optional<Grid> grid(const QString &code) const;
    QStringList codes() const;
    /// Grids whose bounding box meets box.
    QList<Grid> gridsIn(const BoundingBox &box) const;
    /// The innermost grid containing point: the deepest level, then the smallest; business
    /// grids only where no other grid is.
    std::optional<QString> gridAt(const GeoPoint &point) const;
    /// The boundary of a grid as rings, read once per state of the grid.
    GridOutline outline(const QString &code) const;
    /// Codes the draft adds, changes or deletes against the published edition.
    QStringList draftCodes() const;
    bool hasDraftEdits() const;

    QStringList selection() const { return m_selection; }
    void setSelection(const QStringList &codes);
    /// Adds code to the selection, or takes it out when it is in already.
    void toggleSelected(const QString &code);

    QUndoStack *undoStack() const { return m_undoStack; }

    /// Makes change in the draft and puts it on the undo stack. False, with editFailed, when
    /// the draft refuses it; nothing changes then.
    bool edit(const GridChange &change);
    /// Applies change to the draft without the undo stack (for the stack's own commands).
    bool applyToDraft(const GridChange &change);

    /// What publishing would change; the draft published as a new edition (the undo stack is
    /// cleared); the draft thrown away.
    Result<ImpactReport> previewImpact();
    Result<GridEdition> publish(const QString &note);
    /// The edit that brings the grids of a file into the draft, read and checked as
    /// import-grids reads them; grids with codes the draft has replace those.
    Result<GridChange> importing(const QString &file, const GridImportOptions &options);
    Result<void> discard();
    Result<QList<GridEdition>> editions();
    Result<QList<Grid>> editionGrids(int edition);

    Result<QList<AcceptedFinding>> acceptedFindings();
    Result<void> acceptFinding(const QString &key, const QString &reason);
    Result<void> withdrawAcceptance(const QString &key);

Q_SIGNALS:
    void opened();
    void openFailed(const QString &message);
    /// The grids of codes (before and after an edit, undo or redo) changed in the draft;
    /// parents are the codes of their parents, before and after.
    void gridsChanged(const QStringList &codes, const QStringList &parents);
    /// The whole draft was read again (opened, published, discarded).
    void draftReset();
    void selectionChanged(const QStringList &codes);
    /// An edit was refused; message says why, translated.
    void editFailed(const QString &message);

private:
    void onLoaded();
    void takeDraft(GridDraft draft);
    Result<void> reload();

    QString m_path;
    std::unique_ptr<Workspace> m_workspace;
    std::optional<GridDraft> m_draft;
    QHash<QString, qsizetype> m_indexByCode;
    mutable QHash<QString, GridOutline> m_outlines;
    QStringList m_selection;
    QUndoStack *m_undoStack;
    QString m_actor;
    std::function<QDateTime()> m_clock;
    QFutureWatcher<Result<GridDraft>> m_loader;
};

} // namespace GridDesk
