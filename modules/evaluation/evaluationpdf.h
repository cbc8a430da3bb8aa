// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"

#include <QString>

namespace GridDesk {

struct EvaluationReport;

/// Writes a printable A4 landscape PDF of report: the filter it was made with, every
/// indicator of the total with its clause, numerator and denominator, the time per stage, a
/// table of the groups, the unit ranking with the units left out, and the notes. The case ids
/// are in the JSON and CSV exports, which the PDF says. Needs a QGuiApplication; runs on its
/// thread. Fails, naming path, when the file cannot be written.
Result<void> writeEvaluationPdf(const EvaluationReport &report, const QString &path);

} // namespace GridDesk
