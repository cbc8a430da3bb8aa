// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "patrolbook.h"

#include <QObject>

#include <atomic>

class QThread;

namespace GridDesk {

/// The patrol summary of a workspace read on a worker thread, so that the thread that asked
/// (the GUI) keeps running while every track is read with its fixes and the cases credited
/// to them are worked out. The worker opens a Workspace of its own on the workspace file and
/// only reads: with the file in WAL mode it sees what was committed when it began, and
/// neither waits for nor holds up the asking thread's connection.
///
/// Lives on the thread that made it; its signals reach that thread's slots queued.
class PatrolSummaryJob : public QObject
{
    Q_OBJECT

public:
    /// A job reading PatrolBook::summary() of filter, with the tracks' points when
    /// withPoints is set, from the workspace file at workspacePath. Nothing starts before
    /// start().
    PatrolSummaryJob(const QString &workspacePath, const PatrolFilter &filter, bool withPoints,
        QObject *parent = nullptr);
    /// Waits for the worker to stop: a summary cannot be stopped half-read.
    ~PatrolSummaryJob() override;

    /// Starts the worker. Does nothing when started before.
    void start();
    /// Whether the worker is still at work: started and neither finished nor failed yet.
    bool isRunning() const;
    /// Blocks until the worker has stopped; for closing and tests.
    void wait();

Q_SIGNALS:
    /// The summary was read.
    void summaryFinished(const GridDesk::PatrolSummary &summary);
    /// The summary could not be read; error says why.
    void summaryFailed(const GridDesk::Error &error);

private:
    void run();

    QString m_workspacePath;
    PatrolFilter m_filter;
    bool m_withPoints = false;
    QThread *m_thread = nullptr;
    std::atomic_bool m_running {false};
};

} // namespace GridDesk
