// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "workspaceloader.h"

#include "logging.h"

#include "ingest/samples.h"
#include "storage/workspace.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLocale>
#include <QtConcurrent/QtConcurrentRun>

namespace GridDesk {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::WorkspaceLoader)
};

Result<std::optional<ImportSummary>> importIfEmpty(
    Workspace &workspace, const QString &sampleKey, const QDir &mapsDir)
{
    const auto gridCount = workspace.gridCount();
    if (!gridCount)
        return std::unexpected(gridCount.error());
    if (*gridCount > 0 || sampleKey.isEmpty())
        return std::optional<ImportSummary>();
    // Cases without grids are the user's data (grids may come later), not an empty workspace:
    // the sample must not be mixed into them.
    const auto caseCount = workspace.caseCount();
    if (!caseCount)
        return std::unexpected(caseCount.error());
    if (*caseCount > 0)
        return std::optional<ImportSummary>();

    qCInfo(lcApp) << "importing sample" << sampleKey << "from" << mapsDir.path() << "into"
                  << workspace.path();
    auto summary = importSample(workspace, mapsDir, sampleKey);
    if (!summary)
        return std::unexpected(summary.error());
    qCInfo(lcApp) << "sample imported: read" << summary->read << "imported" << summary->imported
                  << "located" << summary->located << "unlocated" << summary->unlocated << "flagged"
                  << summary->flagged;
    return std::optional<ImportSummary>(*summary);
}

/// The cases the list holds, as the queue lists them and as the map draws them.
struct ReadCases
{
    CompactCaseList list;
    MapScene::CaseLayer layer;
};

/// Every case of workspace, once. Each record is dropped as soon as the list and the layer
/// have taken what they keep of it.
Result<ReadCases> readCases(const Workspace &workspace)
{
    const auto count = workspace.caseCount();
    if (!count)
        return std::unexpected(count.error());

    ReadCases cases;
    cases.list.reserve(*count);
    cases.layer.points.reserve(std::size_t(*count));
    const auto read = workspace.forEachCase({}, [&cases](const CaseRecord &record) {
        cases.list.append(record);
        cases.layer.add(record);
    });
    if (!read)
        return std::unexpected(read.error());
    return cases;
}

} // namespace

WorkspaceLoader::WorkspaceLoader(QObject *parent)
    : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &WorkspaceLoader::onFinished);
}

WorkspaceLoader::~WorkspaceLoader()
{
    m_watcher.waitForFinished();
}

bool WorkspaceLoader::load(const QString &path, const QString &sampleKey, const QDir &mapsDir)
{
    if (m_watcher.isRunning())
        return false;

    const bool importing = !QFileInfo::exists(path) && !sampleKey.isEmpty();
    Q_EMIT loadStarted(path, importing);
    m_watcher.setFuture(QtConcurrent::run(&WorkspaceLoader::loadNow, path, sampleKey, mapsDir));
    return true;
}

Result<LoadedWorkspace> WorkspaceLoader::loadNow(
    const QString &path, const QString &sampleKey, const QDir &mapsDir)
{
    QElapsedTimer timer;
    timer.start();
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        return fail(
            ErrorCode::UnreadableFile, Tr::tr("The folder of %1 cannot be created.").arg(path));
    }

    auto workspace = Workspace::open(path);
    if (!workspace)
        return std::unexpected(workspace.error());
    auto imported = importIfEmpty(**workspace, sampleKey, mapsDir);
    if (!imported)
        return std::unexpected(imported.error());

    LoadedWorkspace loaded {path, {}, {}, {}, {}, 0, *imported};
    if (QLocale().language() == QLocale::Chinese)
        loaded.title = (*workspace)->metadata(QStringLiteral("title_zh"));
    if (loaded.title.isEmpty())
        loaded.title = (*workspace)->metadata(QStringLiteral("title"));
    if (loaded.title.isEmpty())
        loaded.title = QFileInfo(path).completeBaseName();
    auto cases = readCases(**workspace);
    if (!cases)
        return std::unexpected(cases.error());
    auto setup = WorkflowSetup::load(**workspace);
    if (!setup)
        return std::unexpected(setup.error());
    const auto grids = (*workspace)->grids();
    if (!grids)
        return std::unexpected(grids.error());

    auto scene = MapScene::createFromLayer(*grids, std::move(cases->layer));
    if (!scene)
        return std::unexpected(scene.error());
    loaded.scene = *scene;
    loaded.cases = std::make_shared<CompactCaseList>(std::move(cases->list));
    loaded.setup = std::move(*setup);
    loaded.gridCount = grids->size();
    qCInfo(lcApp) << "workspace" << path << "loaded in" << timer.elapsed() << "ms;"
                  << loaded.cases->size() << "cases sharing" << loaded.cases->sharedTextCount()
                  << "distinct texts";
    return loaded;
}

void WorkspaceLoader::onFinished()
{
    const Result<LoadedWorkspace> result = m_watcher.result();
    if (!result) {
        qCCritical(lcApp).noquote() << "loading the workspace failed:" << result.error().message;
        Q_EMIT loadFailed(result.error().message);
        return;
    }
    Q_EMIT loadFinished(*result);
}

} // namespace GridDesk
