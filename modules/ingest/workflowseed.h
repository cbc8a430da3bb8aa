// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"
#include "domain/grid.h"
#include "workflow/workflowsetup.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <utility>

namespace GridDesk {

class Workspace;

/// How many cases of each category each unit handled: category → unit code → cases.
using CaseTally = QHash<QString, QHash<QString, qint64>>;

/// What imported cases and sample workspaces need in a workflow setup before the loop can
/// run on them: org units to dispatch to, categories, people to act as and starter dispatch
/// rules. Each function adds what is missing and leaves what is there as it is, so a setup
/// someone edited keeps their changes. Nothing here writes to a workspace.
namespace WorkflowSeed {

/// The org unit that supervises the whole city: tier 1, code "city", named after title (the
/// workspace's title) when there is one. Added unless a unit with the code exists; true
/// when added.
bool ensureCity(WorkflowSetup &setup, const QString &title);

/// The units cases are dispatched to: the city, a tier-2 unit below it for each agency and a
/// tier-5 unit for each crew of an agency ("BOS/NC", below "BOS"). agencyCrews pairs an
/// agency's unit code with a crew, which may be empty. True when anything was added.
bool ensureHandlingUnits(WorkflowSetup &setup,
    const QList<std::pair<QString, QString>> &agencyCrews, const QString &title);

/// A tier-2 command centre below the city for each district grid, with the grid's code.
bool ensureCommandCentres(WorkflowSetup &setup, const QList<Grid> &districts, const QString &title);

/// Every category of tally as a top-level event category. A category without a default unit
/// gets the unit that handled most of its cases (the first code on a tie).
Result<void> ensureCategories(WorkflowSetup &setup, const CaseTally &tally);

/// The two trees the standard sorts problems into: city components and events.
Result<void> ensureStandardRoots(WorkflowSetup &setup);

/// People to run the desk as: an operator, a supervisor and a leader of the city unit, and a
/// unit handler for each of handlers, which pairs a unit's code with the word that names its
/// handler ("DSNY" makes "DSNY handler"). Users whose name exists are left as they are.
void ensureUsers(WorkflowSetup &setup, const QList<std::pair<QString, QString>> &handlers);

/// For the count categories with most cases, a rule sending each to the unit that handled
/// most of them, with ids "R1", "R2" … Added only when the setup has no rules yet.
Result<void> ensureStarterRules(WorkflowSetup &setup, const CaseTally &tally, int count = 5);

/// The unit that handled most cases of category; empty when tally has none.
QString topUnit(const CaseTally &tally, const QString &category);
/// Categories by their number of cases, most first (then by code).
QStringList topCategories(const CaseTally &tally, int count);
/// Units by the number of cases they handled, most first (then by code).
QStringList topUnits(const CaseTally &tally, int count);

/// The tally of every case in workspace, by category and agency (as unit codes).
Result<CaseTally> tallyCases(const Workspace &workspace);

} // namespace WorkflowSeed

} // namespace GridDesk
