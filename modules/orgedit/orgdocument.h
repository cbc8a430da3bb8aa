// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "org/orgchart.h"
#include "org/personaldata.h"

#include "domain/error.h"
#include "domain/grid.h"

#include <QHash>
#include <QObject>

#include <functional>
#include <memory>
#include <optional>

class QUndoStack;

namespace GridDesk {

class Workspace;

/// The org chart being edited: the chart of one workspace, the undo stack of its unsaved steps
/// (each step keeps the whole chart before and after it, the chart being a value type), the
/// user and role editing it, and the personal numbers revealed in this session. Every change
/// goes through apply(); models and views follow chartChanged().
class OrgDocument : public QObject
{
    Q_OBJECT

public:
    using Change = std::function<Result<void>(OrgChart &)>;

    explicit OrgDocument(QObject *parent = nullptr);
    ~OrgDocument() override;

    /// Reads the chart and the grids of the workspace at path; the document works on it from
    /// now on, with an empty undo stack.
    Result<void> open(const QString &path);
    /// Edits chart with no workspace behind it (save() refuses); for tests and previews.
    void setChart(const OrgChart &chart, const QList<Grid> &grids = {});
    const OrgChart &chart() const { return m_chart; }
    const QList<Grid> &grids() const { return m_grids; }
    QString workspacePath() const { return m_path; }
    Workspace *workspace() const { return m_workspace.get(); }

    /// Who edits, with the role key of the workstation ("leader", "operator" …).
    void setUser(const QString &name, const QString &role);
    QString userName() const { return m_user; }
    QString role() const { return m_role; }
    bool mayEdit() const;
    /// Why the user may not edit, for the read-only banner; empty when they may.
    QString readOnlyReason() const;

    QUndoStack *undoStack() const { return m_undo; }
    bool isModified() const;
    /// Whether the workspace syncs with a server, which then takes each saved chart.
    bool syncs() const;

    /// Applies change to a copy of the chart and, when it succeeds and changed something, makes
    /// it one undoable step named text. A refused change leaves the chart as it was.
    Result<void> apply(const QString &text, const Change &change);
    /// Moves units under parentCode (blank: to the top) as one step; the tree's drops, the
    /// diagram's drags and the Move to… chooser all move through here.
    Result<void> moveUnits(const QStringList &codes, const QString &parentCode);
    /// Writes the chart to the workspace as the user. Refused with ErrorCode::Conflict when the
    /// chart was saved elsewhere meanwhile; the unsaved steps stay. A saved chart starts a new
    /// undo history.
    Result<void> save();
    /// Reads the chart of the workspace again, dropping every unsaved step.
    Result<void> reload();

    /// The saved history of a unit followed by this session's unsaved changes of it.
    QList<OrgChange> history(const QString &unitCode) const;

    /// Reveals a personal number of a person through the workspace's recorded reveal log.
    Result<QString> reveal(qint64 personId, PersonalField field, const QString &why);
    /// A number revealed in this session, if any.
    std::optional<QString> revealed(qint64 personId, PersonalField field) const;

    /// Puts a snapshot in place; the undo stack's steps call it.
    void restore(const OrgChart &chart);

Q_SIGNALS:
    /// The chart changed: a step, an undo or redo, a reload.
    void chartChanged();
    void saved();
    void revealedChanged(qint64 personId);
    void modifiedChanged(bool modified);

private:
    OrgChart m_chart;
    QList<Grid> m_grids;
    QString m_path;
    std::unique_ptr<Workspace> m_workspace;
    QString m_user;
    QString m_role;
    QUndoStack *m_undo;
    QHash<QPair<qint64, int>, QString> m_revealed;
};

} // namespace GridDesk
