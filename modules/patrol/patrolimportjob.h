// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "patrolbook.h"

#include <QObject>

#include <atomic>

class QThread;

namespace GridDesk {

/// One patrol log imported on a worker thread, so that the thread that asked (the GUI) keeps
/// running. The worker opens a Workspace of its own on the workspace file and calls
/// PatrolBook::importTrack() there: reading and analysing the log take no lock, and the
/// fixes are then written in one write transaction of that connection. With the file in WAL
/// mode, the asking thread's connection keeps reading its own snapshot meanwhile and sees
/// the track once the transaction has committed; a failure or cancel rolls the transaction
/// back, so nothing of the log is kept and nothing saved before is touched.
///
/// Lives on the thread that made it; its signals reach that thread's slots queued.
class PatrolImportJob : public QObject
{
    Q_OBJECT

public:
    /// A job importing the log at path for person with sightMetres into the workspace file
    /// at workspacePath. Nothing starts before start().
    PatrolImportJob(const QString &workspacePath, const QString &path, const QString &person,
        double sightMetres, QObject *parent = nullptr);
    /// Cancels the import and waits for the worker to stop.
    ~PatrolImportJob() override;

    /// Starts the worker; importStarted() is emitted at once. Does nothing when started before.
    void start();
    /// Asks the worker to stop at its next report of progress; importFailed() then follows
    /// with ErrorCode::Cancelled, unless the import had already finished.
    void cancel();
    /// Whether the worker is still at work: started and neither finished nor failed yet.
    bool isRunning() const;
    /// Blocks until the worker has stopped; for closing and tests.
    void wait();

    QString path() const { return m_path; }

Q_SIGNALS:
    void importStarted(const QString &path);
    /// How far the worker got (see ImportProgress). Emitted from the worker thread.
    void importProgressed(GridDesk::ImportStage stage, qint64 done, qint64 total);
    /// The log was imported and committed.
    void importFinished(const GridDesk::PatrolImport &import);
    /// The log was not imported; nothing of it was kept.
    void importFailed(const GridDesk::Error &error);

private:
    void run();

    QString m_workspacePath;
    QString m_path;
    QString m_person;
    double m_sightMetres = 0.0;
    QThread *m_thread = nullptr;
    std::atomic_bool m_cancelled {false};
    std::atomic_bool m_running {false};
};

} // namespace GridDesk
