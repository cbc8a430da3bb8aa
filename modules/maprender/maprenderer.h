// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "mapscene.h"
#include "mapstyle.h"
#include "mapviewport.h"

#include <QImage>
#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <memory>

namespace GridDesk {

/// Renders a MapScene into images on a worker thread. Only the newest request counts: a
/// render still running when a newer one is requested stops early and is never reported.
/// Lives on the GUI thread; renderFinished is emitted there.
class MapRenderer : public QObject
{
    Q_OBJECT

public:
    explicit MapRenderer(QObject *parent = nullptr);
    ~MapRenderer() override;

    void setScene(std::shared_ptr<const MapScene> scene);
    std::shared_ptr<const MapScene> scene() const { return m_scene; }

    /// Starts rendering viewport with style; supersedes every earlier request.
    void requestRender(const MapViewport &viewport, const MapStyle &style = {});

    /// Whether a requested render has not been reported yet.
    bool isBusy() const { return m_pending > 0; }

    /// Blocks until the worker is idle; for tests and shutdown.
    void waitForIdle();

Q_SIGNALS:
    void renderFinished(const QImage &image, const GridDesk::MapViewport &viewport);

private:
    void deliver(quint64 generation, const QImage &image, const MapViewport &viewport);

    std::shared_ptr<const MapScene> m_scene;
    std::shared_ptr<std::atomic<quint64>> m_generation;
    QThreadPool m_pool;
    int m_pending = 0;
};

} // namespace GridDesk
