// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "evaluationreport.h"

#include "domain/error.h"

namespace GridDesk {

class Workspace;

/// Computes evaluation reports from the case histories of a workspace.
namespace Evaluator {

/// The report of workspace for filter: every case's history read once, up to the end of the
/// filter's period, each case counted in the groups it falls in when the filter's user may
/// see it, the units scored with the weights kept in the workspace and ranked. Fails when
/// the filter is not valid, its user unknown or the workspace cannot be read. Runs on the
/// workspace's thread and blocks it (about a second per 100 000 cases).
Result<EvaluationReport> run(const Workspace &workspace, const EvaluationFilter &filter);

/// The key a case has in grouping: its lead unit, grid, category or report channel.
QString groupKey(Grouping grouping, const CaseFacts &facts);

} // namespace Evaluator

} // namespace GridDesk
