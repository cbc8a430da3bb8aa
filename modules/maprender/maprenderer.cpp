// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "maprenderer.h"

#include "logging.h"
#include "rendermap.h"

#include <QElapsedTimer>

namespace GridDesk {

MapRenderer::MapRenderer(QObject *parent)
    : QObject(parent)
    , m_generation(std::make_shared<std::atomic<quint64>>(0))
{
    // One worker: requests queue in order and a superseded one returns as soon as it starts.
    m_pool.setMaxThreadCount(1);
    qRegisterMetaType<GridDesk::MapViewport>();
}

MapRenderer::~MapRenderer()
{
    ++*m_generation;
    m_pool.waitForDone();
}

void MapRenderer::setScene(std::shared_ptr<const MapScene> scene)
{
    ++*m_generation;
    m_scene = std::move(scene);
}

void MapRenderer::requestRender(const MapViewport &viewport, const MapStyle &style)
{
    if (!m_scene || !viewport.isValid())
        return;

    const quint64 generation = ++*m_generation;
    ++m_pending;
    std::shared_ptr<const MapScene> scene = m_scene;
    std::shared_ptr<std::atomic<quint64>> latest = m_generation;
    m_pool.start([this, scene, latest, generation, viewport, style] {
        const auto isStale = [&latest, generation] {
            return latest->load() != generation;
        };
        QImage image;
        if (!isStale()) {
            QElapsedTimer timer;
            timer.start();
            image = renderMap(*scene, viewport, style, isStale);
            qCDebug(lcMapRender) << "rendered" << viewport.size << "in" << timer.elapsed() << "ms";
        }
        // The destructor waits for the pool, so this outlives the task; a queued call to a
        // deleted object is dropped by Qt.
        QMetaObject::invokeMethod(
            this, [this, generation, image, viewport] { deliver(generation, image, viewport); },
            Qt::QueuedConnection);
    });
}

void MapRenderer::deliver(quint64 generation, const QImage &image, const MapViewport &viewport)
{
    --m_pending;
    const bool current = generation == m_generation->load();
    if (!current || image.isNull())
        return;
    Q_EMIT renderFinished(image, viewport);
}

void MapRenderer::waitForIdle()
{
    m_pool.waitForDone();
}

} // namespace GridDesk
