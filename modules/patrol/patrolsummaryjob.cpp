// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "patrolsummaryjob.h"

#include "logging.h"

#include "storage/workspace.h"

#include <QElapsedTimer>
#include <QThread>

namespace GridDesk {

PatrolSummaryJob::PatrolSummaryJob(
    const QString &workspacePath, const PatrolFilter &filter, bool withPoints, QObject *parent)
    : QObject(parent)
    , m_workspacePath(workspacePath)
    , m_filter(filter)
    , m_withPoints(withPoints)
{ }

PatrolSummaryJob::~PatrolSummaryJob()
{
    wait();
}

void PatrolSummaryJob::start()
{
    if (m_thread)
        return;
    m_running = true;
    m_thread = QThread::create([this] { run(); });
    m_thread->setObjectName(QStringLiteral("patrol summary"));
    m_thread->setParent(this);
    m_thread->start();
}

bool PatrolSummaryJob::isRunning() const
{
    return m_running;
}

void PatrolSummaryJob::wait()
{
    if (m_thread)
        m_thread->wait();
}

void PatrolSummaryJob::run()
{
    QElapsedTimer timer;
    timer.start();
    const auto finish = [this](const Result<PatrolSummary> &result) {
        m_running = false;
        if (result)
            Q_EMIT summaryFinished(*result);
        else
            Q_EMIT summaryFailed(result.error());
    };

    auto workspace = Workspace::open(m_workspacePath);
    if (!workspace) {
        finish(std::unexpected(workspace.error()));
        return;
    }
    Result<PatrolSummary> summary =
        PatrolBook(std::as_const(**workspace)).summary(m_filter, m_withPoints);
    qCInfo(lcPatrol) << "patrol summary on its worker" << (summary ? "read" : "failed") << "after"
                     << timer.elapsed() << "ms";
    workspace->reset();
    finish(summary);
}

} // namespace GridDesk
