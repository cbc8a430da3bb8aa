// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "historybuilder.h"
#include "importsummary.h"
#include "workflowseed.h"

#include "domain/caserecord.h"
#include "domain/error.h"
#include "workflow/casebook.h"

#include <QList>
#include <QStringList>

#include <memory>

namespace GridDesk {

class Workspace;

/// Writes the histories of the cases a hotline import saves, batch by batch, inside the
/// import's transaction: adds the org units they are dispatched to and the categories they
/// have, and goes through the workflow engine for every event. A case that already has a
/// history keeps it; when that history is the start of what the feed now says (an export
/// taken later, in which an open case has closed), the rest is appended. Refusals are
/// reported, never dropped. Use on the workspace's thread.
class HistoryImport
{
public:
    /// Reads workspace's workflow setup; source names the feed ("la311").
    static Result<std::unique_ptr<HistoryImport>> open(Workspace &workspace, const QString &source);

    /// The highest case id in the workspace. Ask before saving a batch: cases with a higher id
    /// afterwards are new and have no history yet.
    Result<qint64> lastCaseId() const;

    /// Writes the histories of cases, just saved with their ids, from what the feed says of
    /// each one's course (courses[i] belongs to cases[i]). A case met twice in the batch gets
    /// the history of its later row. lastIdBefore is lastCaseId() before the batch was saved.
    Result<void> addBatch(
        const QList<CaseRecord> &cases, const QList<FeedCourse> &courses, qint64 lastIdBefore);

    /// Saves the categories met, with the unit that handled most of each as its default, and
    /// adds the counts and notes of the histories to summary.
    Result<void> finish(ImportSummary &summary);

private:
    HistoryImport(Workspace &workspace, const QString &source, WorkflowSetup setup);

    Result<void> ensureUnits(const QList<CaseRecord> &cases, const QList<FeedCourse> &courses);
    /// What still has to be appended to the history of an existing case; nothing when the
    /// history is complete or differs from the feed's.
    Result<QList<ActionRequest>> remainder(qint64 caseId, const QList<ActionRequest> &built);
    void noteRefusals(
        const QList<std::pair<qint64, Error>> &refused, const QHash<qint64, QString> &externalIds);
    Result<qint64> eventCount() const;

    Workspace &m_workspace;
    WorkflowSetup m_setup;
    CaseBook m_book;
    HistoryBuilder m_builder;
    QString m_title;
    CaseTally m_tally;
    qint64 m_eventsBefore = 0;
    qint64 m_histories = 0;
    qint64 m_kept = 0;
    qint64 m_timeless = 0;
    qint64 m_refused = 0;
    QStringList m_firstRefusals;
};

} // namespace GridDesk
