// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "categorytree.h"
#include "dispatchrules.h"
#include "orgdirectory.h"

#include "domain/orgunit.h"
#include "worktime/workcalendar.h"

#include <QList>

#include <optional>

namespace GridDesk {

class Workspace;

/// How a workspace runs its loop: org units, local users, categories, dispatch rules, the
/// working calendar, when to warn and what to do when time runs out. Kept in the workspace.
struct WorkflowSetup
{
    OrgDirectory units;
    QList<LocalUser> users;
    CategoryTree categories;
    DispatchRules rules;
    WorkCalendar calendar;
    /// Fractions of a stage's time after which a case is shown as running late.
    QList<double> warningFractions {0.5, 0.8};
    /// What the deadline rules do to a case whose handling time ran out, and to one whose
    /// supervision time ran out: supervise or escalate it, or nothing.
    std::optional<CaseAction> onHandlingOverdue = CaseAction::Supervise;
    std::optional<CaseAction> onSupervisionOverdue = CaseAction::Escalate;

    /// Reads the setup of workspace; a workspace never set up gets the Chinese calendar and
    /// the standard limits.
    static Result<WorkflowSetup> load(const Workspace &workspace);

    /// Writes every part. Call inside Workspace::transaction().
    Result<void> save(Workspace &workspace) const;
    /// Writes every part but the units, which the org chart edits: for editors that show the
    /// units without changing them, so a chart saved meanwhile is not overwritten.
    Result<void> saveExceptUnits(Workspace &workspace) const;
    /// Rewrites the org units and counts it as a save of the org chart, so an org editor that
    /// loaded the chart before is told to reload instead of overwriting these units.
    Result<void> saveUnits(Workspace &workspace) const;
    Result<void> saveUsers(Workspace &workspace) const;
    Result<void> saveCategories(Workspace &workspace) const;
    Result<void> saveRules(Workspace &workspace) const;
    Result<void> saveCalendar(Workspace &workspace) const;
    Result<void> saveSettings(Workspace &workspace) const;

    /// Fails, naming the first one, when a rule, category or user names an org unit that
    /// does not exist, or a user has a role that is not a desk role.
    Result<void> validate() const;
    /// validate(), and also that every unit still leading an open case of workspace exists.
    Result<void> validateFor(const Workspace &workspace) const;

    std::optional<LocalUser> user(const QString &name) const;
};

} // namespace GridDesk
