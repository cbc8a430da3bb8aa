// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"
#include "workflow/casefile.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <memory>
#include <vector>

namespace GridDesk {

class Workspace;

/// Reads the history of every case of a workspace in one pass, in case id order, for
/// evaluation: each event with its action, states and time, and of its data only what the
/// case file and the indicators read (category, channel and source of the report, units of
/// a dispatch or escalation, satisfaction, referral, merges, promises and extensions).
///
/// Reading is split in two so that two threads can share it: forEachBatch() steps through
/// the rows on the workspace's thread and keeps them as read, and a Decoder, on any one
/// thread at a time, makes each batch's events (times and data parsed) and hands them over.
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

    /// The rows of a run of cases in id order, as stored: not yet events. Filled by
    /// forEachBatch(), read by a Decoder.
    class Batch
    {
    public:
        qsizetype caseCount() const { return qsizetype(m_cases.size()); }
        void clear();

        struct Row
        {
            qint64 caseId = 0;
            int sequence = 0;
            CaseAction action = CaseAction::Report;
            CaseState to = CaseState::Reported;
            bool hasFrom = false;
            CaseState from = CaseState::Reported;
            bool hasData = false;
            bool referred = false;
            qsizetype at = 0; ///< where its time starts in m_text; 19 or more bytes
            qsizetype atSize = 0;
            qsizetype data = 0; ///< where its data starts in m_text
            qsizetype dataSize = 0;
        };
        struct CaseRows
        {
            qsizetype firstRow = 0;
            qsizetype rowCount = 0;
            qsizetype category = 0;
            qsizetype categorySize = 0;
            qsizetype grid = 0;
            qsizetype gridSize = 0;
        };
        std::vector<Row> m_rows;
        std::vector<CaseRows> m_cases;
        QByteArray m_text; // times, data, categories and grid codes, one after the other
    };

    /// Makes the events of batches: keeps what repeats from one batch to the next (the data
    /// already parsed), so one decoder serves a whole pass. Use on one thread at a time.
    class Decoder
    {
    public:
        Decoder();
        ~Decoder();
        /// Calls visit for each case of batch, in id order; the case passed is valid during
        /// the call only. Fails, naming the case, on the first time or data that cannot be
        /// read; visit has then seen the cases before it.
        Result<void> decode(const Batch &batch, const std::function<void(const Case &)> &visit);

    private:
        struct Parsed;
        std::unique_ptr<Parsed> m_parsed;
    };

    /// Reads the cases with events into batches of about batchSize cases and hands each
    /// full batch to take, which may keep it (moving from it) or leave it to be refilled;
    /// the last, partly filled batch is handed over too. Each history is cut before the
    /// first event at or after cutoff (an ISO wall time; empty for none). Fails on the first
    /// row that cannot be read, naming the case, or when take fails. Returns the number of
    /// cases read. Use on the workspace's thread.
    static Result<qint64> forEachBatch(const Workspace &workspace, const QString &cutoff,
        qsizetype batchSize, const std::function<Result<void>(Batch &batch)> &take);

    /// Calls visit for each case with events, its history cut before the first event at or
    /// after cutoff (an ISO wall time; empty for none); CaseFile::replay() makes its file.
    /// The case passed is valid during the call only. Fails on the first row that cannot be
    /// read, naming the case. Reads and decodes on the workspace's thread.
    static Result<qint64> forEachCase(const Workspace &workspace, const QString &cutoff,
        const std::function<void(const Case &)> &visit);
};

} // namespace GridDesk
