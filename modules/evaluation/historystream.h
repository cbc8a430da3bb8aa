// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"
#include "workflow/casefile.h"

#include <QString>

#include <functional>

namespace GridDesk {

class Workspace;

/// Reads the history of every case of a workspace in one pass, in case id order, for
/// evaluation: each event with its action, states and time, and of its data only what the
/// case file and the indicators read (category, channel and source of the report, units of
/// a dispatch or escalation, satisfaction, referral, merges, promises and extensions). Use
/// on the workspace's thread.
class HistoryStream
{
public:
    /// One case as the stream hands it over.
    struct Case
    {
        QList<CaseEvent> events; ///< the history up to the cutoff, in order; never empty
        QString gridCode; ///< from the case row
        QString category; ///< from the case row
    };

    /// Calls visit for each case with events, its history cut before the first event at or
    /// after cutoff (an ISO wall time; empty for none); CaseFile::replay() makes its file.
    /// The case passed is valid during the call only. Fails on the first row that cannot be
    /// read, naming the case.
    static Result<qint64> forEachCase(const Workspace &workspace, const QString &cutoff,
        const std::function<void(const Case &)> &visit);
};

} // namespace GridDesk
