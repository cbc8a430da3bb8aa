// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"

#include <QString>

namespace GridDesk {

class StandardsReport;

/// Which output of clause 5.1.2 to print.
enum class StandardsPrintout { SystemTable, DetailList };

/// Writes a printable A4 PDF of the report: the counts per sub-system and the coverage, then
/// the standard system table or the standard detail list. Chinese is set in a CJK font of the
/// system (Noto Sans CJK SC where installed). Needs a QGuiApplication; runs on its thread.
Result<void> writeStandardsPdf(
    const StandardsReport &report, StandardsPrintout printout, const QString &path);

} // namespace GridDesk
