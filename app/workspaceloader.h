// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/compactcaselist.h"
#include "domain/error.h"
#include "ingest/importsummary.h"
#include "maprender/mapscene.h"
#include "workflow/workflowsetup.h"

#include <QDir>
#include <QFutureWatcher>
#include <QObject>

#include <memory>
#include <optional>

namespace GridDesk {

/// What the workstation shows of a workspace, read in one go.
struct LoadedWorkspace
{
    QString path;
    QString title;
    std::shared_ptr<const MapScene> scene;
    std::shared_ptr<CompactCaseList> cases;
    WorkflowSetup setup; ///< units, users, categories, rules and calendar of the loop
    qint64 gridCount = 0;
    std::optional<ImportSummary> imported; ///< set when a sample was imported first
};

/// Opens a workspace off the GUI thread, filling it from a bundled sample first when it holds
/// no grids and no cases yet, and reads its map, its cases (with what the queues need beyond
/// the case rows: co-units of joint cases, extensions waiting for a decision) and its workflow
/// setup. Reports with loadFinished or loadFailed.
class WorkspaceLoader : public QObject
{
    Q_OBJECT

public:
    explicit WorkspaceLoader(QObject *parent = nullptr);
    ~WorkspaceLoader() override;

    /// Starts loading path; sampleKey names the sample to import into an empty workspace
    /// (none: an empty workspace stays empty). Ignored while a load runs.
    bool load(const QString &path, const QString &sampleKey, const QDir &mapsDir);
    bool isRunning() const { return m_watcher.isRunning(); }

    /// Runs the whole load on the calling thread.
    static Result<LoadedWorkspace> loadNow(
        const QString &path, const QString &sampleKey, const QDir &mapsDir);

Q_SIGNALS:
    void loadStarted(const QString &path, bool importing);
    void loadFinished(const GridDesk::LoadedWorkspace &workspace);
    void loadFailed(const QString &message);

private:
    void onFinished();

    QFutureWatcher<Result<LoadedWorkspace>> m_watcher;
};

} // namespace GridDesk
