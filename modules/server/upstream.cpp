// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "upstream.h"

#include "logging.h"

#include "storage/workspace.h"
#include "workflow/casebook.h"

#include <QTimer>

namespace GridDesk {

namespace {

/// Lives on the link's thread: everything it opens is used there only.
class UpstreamWorker : public QObject
{
    Q_OBJECT

public:
    UpstreamWorker(QString storePath, Sync::ClientOptions options, std::chrono::seconds interval)
        : m_storePath(std::move(storePath))
        , m_options(std::move(options))
        , m_interval(interval)
    { }

    void begin()
    {
        m_timer = new QTimer(this);
        m_timer->setInterval(m_interval);
        connect(m_timer, &QTimer::timeout, this, &UpstreamWorker::round);
        m_timer->start();
        round();
    }

Q_SIGNALS:
    void synced(int sent, int rejected, int received);
    void failed(const QString &message);

private:
    void round()
    {
        if (!m_book) {
            auto store = Workspace::open(m_storePath);
            if (!store) {
                Q_EMIT failed(store.error().message);
                return;
            }
            auto setup = WorkflowSetup::load(**store);
            if (!setup) {
                Q_EMIT failed(setup.error().message);
                return;
            }
            m_store = std::move(*store);
            m_book = std::make_unique<CaseBook>(*m_store, std::move(*setup));
            m_outbox = std::make_unique<Sync::Outbox>(*m_store);
            m_client = std::make_unique<Sync::SyncClient>(m_options);
        }
        auto report = Sync::syncOnce(*m_book, *m_outbox, *m_client);
        if (!report) {
            // An ended session is opened again next round; anything else is told and retried.
            if (report.error().code == ErrorCode::Unauthorized)
                m_client = std::make_unique<Sync::SyncClient>(m_options);
            qCWarning(lcServer) << "syncing up to" << m_options.server << ":"
                                << report.error().message;
            Q_EMIT failed(report.error().message);
            return;
        }
        Q_EMIT synced(
            report->sent, report->rejected, report->received.added + report->received.updated);
    }

    QString m_storePath;
    Sync::ClientOptions m_options;
    std::chrono::seconds m_interval;
    QTimer *m_timer = nullptr;
    std::unique_ptr<Workspace> m_store;
    std::unique_ptr<CaseBook> m_book;
    std::unique_ptr<Sync::Outbox> m_outbox;
    std::unique_ptr<Sync::SyncClient> m_client;
};

} // namespace

UpstreamSync::UpstreamSync(
    QString storePath, Sync::ClientOptions options, std::chrono::seconds interval)
{
    auto *worker = new UpstreamWorker(std::move(storePath), std::move(options), interval);
    worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::started, worker, &UpstreamWorker::begin);
    connect(&m_thread, &QThread::finished, worker, &QObject::deleteLater);
    connect(worker, &UpstreamWorker::synced, this, &UpstreamSync::synced);
    connect(worker, &UpstreamWorker::failed, this, &UpstreamSync::failed);
}

UpstreamSync::~UpstreamSync()
{
    m_thread.quit();
    m_thread.wait();
}

void UpstreamSync::start()
{
    m_thread.start();
}

} // namespace GridDesk

#include "upstream.moc"
