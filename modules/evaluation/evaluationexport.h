// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace GridDesk {

struct EvaluationReport;

/// The exports of an evaluation report. Each one starts with the filter it was made with
/// (period, grouping, user and jurisdiction) and carries, for every number, the ids of the
/// cases behind it.
namespace EvaluationExport {

/// The whole report as JSON: "filter", "weights", "indicators" (the definitions), "total",
/// "groups", "ranking", "unranked" and "notes".
QJsonObject toJson(const EvaluationReport &report);

/// The report as one CSV table (UTF-8 with a byte order mark, for spreadsheets), columns
/// section, group, period, item, clause, value, numerator, denominator, case_ids (ids
/// separated by spaces); sections filter, weight, indicator, stage_time, score and note.
QByteArray toCsv(const EvaluationReport &report);

/// The CSV columns, in order.
QStringList csvColumns();

/// Writes bytes to path, replacing the file; fails with a message naming path.
Result<void> writeFile(const QString &path, const QByteArray &bytes);

} // namespace EvaluationExport

} // namespace GridDesk
