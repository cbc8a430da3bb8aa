// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "patrolimportjob.h"

#include "logging.h"

#include "storage/workspace.h"

#include <QElapsedTimer>
#include <QThread>

namespace GridDesk {

namespace {

/// The shortest time between two progress signals: enough for a fluid bar without flooding
/// the receiving thread's event queue.
constexpr qint64 PROGRESS_INTERVAL_MS = 50;

} // namespace

PatrolImportJob::PatrolImportJob(const QString &workspacePath, const QString &path,
    const QString &person, double sightMetres, QObject *parent)
    : QObject(parent)
    , m_workspacePath(workspacePath)
    , m_path(path)
    , m_person(person)
    , m_sightMetres(sightMetres)
{ }

PatrolImportJob::~PatrolImportJob()
{
    cancel();
    wait();
}

void PatrolImportJob::start()
{
    if (m_thread)
        return;
    m_running = true;
    m_thread = QThread::create([this] { run(); });
    m_thread->setObjectName(QStringLiteral("patrol import"));
    m_thread->setParent(this);
    Q_EMIT importStarted(m_path);
    m_thread->start();
}

void PatrolImportJob::cancel()
{
    m_cancelled = true;
}

bool PatrolImportJob::isRunning() const
{
    return m_running;
}

void PatrolImportJob::wait()
{
    if (m_thread)
        m_thread->wait();
}

void PatrolImportJob::run()
{
    QElapsedTimer timer;
    timer.start();
    const auto finish = [this](const Result<PatrolImport> &result) {
        m_running = false;
        if (result)
            Q_EMIT importFinished(*result);
        else
            Q_EMIT importFailed(result.error());
    };

    auto workspace = Workspace::open(m_workspacePath);
    if (!workspace) {
        finish(std::unexpected(workspace.error()));
        return;
    }

    QElapsedTimer sinceReport;
    ImportStage lastStage = ImportStage::Reading;
    const ImportProgress progress = [&](ImportStage stage, qint64 done, qint64 total) {
        const bool due = stage != lastStage || done == total
            || sinceReport.elapsed() >= PROGRESS_INTERVAL_MS || !sinceReport.isValid();
        if (due) {
            lastStage = stage;
            sinceReport.start();
            Q_EMIT importProgressed(stage, done, total);
        }
        return !m_cancelled;
    };
    PatrolBook book(**workspace);
    const Result<PatrolImport> imported =
        book.importTrack(m_path, m_person, m_sightMetres, progress);
    qCInfo(lcPatrol) << "patrol import on its worker" << (imported ? "finished" : "failed")
                     << "after" << timer.elapsed() << "ms";
    workspace->reset();
    finish(imported);
}

} // namespace GridDesk
