// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "grideditsession.h"

#include "sync/outbox.h"

#include "gridchangecommand.h"
#include "logging.h"

#include "storage/workspace.h"

#include <QFileInfo>
#include <QSet>
#include <QUndoStack>
#include <QtConcurrent/QtConcurrentRun>

namespace GridDesk {

namespace {

const QList<Grid> NO_GRIDS;

Result<GridDraft> loadDraft(const QString &path)
{
    auto workspace = Workspace::open(path);
    if (!workspace)
        return std::unexpected(workspace.error());
    return GridDraft::load(**workspace);
}

Error notOpen()
{
    return Error {ErrorCode::InvalidArgument, GridEditSession::tr("No workspace is open.")};
}

/// Lower is drawn deeper in the nesting; business grids come last.
int nestingRank(GridLevel level)
{
    if (level == GridLevel::Business)
        return -1;
    return int(level);
}

} // namespace

GridEditSession::GridEditSession(QObject *parent)
    : QObject(parent)
    , m_undoStack(new QUndoStack(this))
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
    connect(
        &m_loader, &QFutureWatcher<Result<GridDraft>>::finished, this, &GridEditSession::onLoaded);
}

GridEditSession::~GridEditSession()
{
    m_loader.waitForFinished();
}

void GridEditSession::open(const QString &path)
{
    close();
    auto workspace = Workspace::open(path);
    if (!workspace) {
        Q_EMIT openFailed(workspace.error().message);
        return;
    }
    m_workspace = std::move(*workspace);
    m_path = path;
    m_loader.setFuture(QtConcurrent::run(loadDraft, path));
}

Result<void> GridEditSession::openNow(const QString &path)
{
    close();
    auto workspace = Workspace::open(path);
    if (!workspace)
        return std::unexpected(workspace.error());
    m_workspace = std::move(*workspace);
    m_path = path;
    return reload();
}

void GridEditSession::onLoaded()
{
    Result<GridDraft> loaded = m_loader.result();
    if (!m_workspace)
        return;
    if (!loaded) {
        qCWarning(lcGridEdit) << "reading the draft of" << m_path
                              << "failed:" << loaded.error().message;
        m_workspace.reset();
        Q_EMIT openFailed(loaded.error().message);
        return;
    }
    takeDraft(std::move(*loaded));
    Q_EMIT opened();
}

Result<void> GridEditSession::reload()
{
    if (!m_workspace)
        return std::unexpected(notOpen());
    auto loaded = GridDraft::load(*m_workspace);
    if (!loaded)
        return std::unexpected(loaded.error());
    takeDraft(std::move(*loaded));
    return {};
}

void GridEditSession::takeDraft(GridDraft draft)
{
    m_draft = std::move(draft);
    m_indexByCode.clear();
    const QList<Grid> &all = m_draft->grids();
    for (qsizetype i = 0; i < all.size(); ++i)
        m_indexByCode.insert(all[i].code, i);
    m_outlines.clear();
    m_undoStack->clear();
    setSelection({});
    qCInfo(lcGridEdit) << "editing" << all.size() << "grids of" << m_path << "with"
                       << m_draft->changedCodes().size() << "draft edits";
    Q_EMIT draftReset();
}

void GridEditSession::close()
{
    m_loader.waitForFinished();
    m_undoStack->clear();
    m_draft.reset();
    m_indexByCode.clear();
    m_outlines.clear();
    m_workspace.reset();
    m_path.clear();
    setSelection({});
}

const QList<Grid> &GridEditSession::grids() const
{
    return m_draft ? m_draft->grids() : NO_GRIDS;
}

std::optional<Grid> GridEditSession::grid(const QString &code) const
{
    const auto found = m_indexByCode.constFind(code);
    if (found == m_indexByCode.cend())
        return std::nullopt;
    return grids().at(*found);
}

QStringList GridEditSession::codes() const
{
    return m_indexByCode.keys();
}

QList<Grid> GridEditSession::gridsIn(const BoundingBox &box) const
{
    QList<Grid> found;
    for (const Grid &grid : grids()) {
        if (grid.bbox.intersects(box))
            found.append(grid);
    }
    return found;
}

std::optional<QString> GridEditSession::gridAt(const GeoPoint &point) const
{
    const Grid *best = nullptr;
    for (const Grid &grid : grids()) {
        if (!grid.bbox.contains(point.lon, point.lat) || !outline(grid.code).contains(point))
            continue;
        const bool deeper = !best || nestingRank(grid.level) > nestingRank(best->level);
        const bool sameLevelSmaller =
            best && grid.level == best->level && grid.areaM2 < best->areaM2;
        if (deeper || sameLevelSmaller)
            best = &grid;
    }
    if (!best)
        return std::nullopt;
    return best->code;
}

GridOutline GridEditSession::outline(const QString &code) const
{
    if (const auto cached = m_outlines.constFind(code); cached != m_outlines.cend())
        return *cached;
    const auto found = m_indexByCode.constFind(code);
    if (found == m_indexByCode.cend())
        return {};
    GridOutline outline = GridOutline::fromWkb(grids().at(*found).wkb);
    m_outlines.insert(code, outline);
    return outline;
}

QStringList GridEditSession::draftCodes() const
{
    if (!m_draft)
        return {};
    QStringList codes = m_draft->changedCodes() + m_draft->deletedCodes();
    codes.removeDuplicates();
    return codes;
}

bool GridEditSession::hasDraftEdits() const
{
    return m_draft && !m_draft->isEmpty();
}

void GridEditSession::setSelection(const QStringList &codes)
{
    if (codes == m_selection)
        return;
    m_selection = codes;
    Q_EMIT selectionChanged(m_selection);
}

void GridEditSession::toggleSelected(const QString &code)
{
    QStringList codes = m_selection;
    if (!codes.removeOne(code))
        codes.append(code);
    setSelection(codes);
}

bool GridEditSession::edit(const GridChange &change)
{
    if (!applyToDraft(change))
        return false;
    m_undoStack->push(new GridChangeCommand(this, change));
    return true;
}

bool GridEditSession::applyToDraft(const GridChange &change)
{
    if (!m_draft || !m_workspace) {
        Q_EMIT editFailed(notOpen().message);
        return false;
    }
    if (const auto applied = m_draft->apply(*m_workspace, change); !applied) {
        qCWarning(lcGridEdit) << "edit" << change.description
                              << "refused:" << applied.error().message;
        Q_EMIT editFailed(applied.error().message);
        return false;
    }

    QSet<QString> touched;
    QSet<QString> parents;
    for (const QList<Grid> *side : {&change.before, &change.after}) {
        for (const Grid &grid : *side) {
            touched.insert(grid.code);
            if (!grid.parentCode.isEmpty())
                parents.insert(grid.parentCode);
        }
    }
    m_indexByCode.clear();
    const QList<Grid> &all = m_draft->grids();
    for (qsizetype i = 0; i < all.size(); ++i)
        m_indexByCode.insert(all[i].code, i);
    for (const QString &code : touched)
        m_outlines.remove(code);

    // A grid an edit removed can no longer be selected.
    QStringList kept;
    for (const QString &code : m_selection) {
        if (m_indexByCode.contains(code))
            kept.append(code);
    }
    setSelection(kept);
    Q_EMIT gridsChanged(touched.values(), parents.values());
    return true;
}

Result<ImpactReport> GridEditSession::previewImpact()
{
    if (!m_draft || !m_workspace)
        return std::unexpected(notOpen());
    return GridEditions::previewImpact(*m_workspace, *m_draft);
}

Result<GridChange> GridEditSession::importing(const QString &file, const GridImportOptions &options)
{
    if (!m_draft || !m_workspace)
        return std::unexpected(notOpen());
    auto prepared = prepareGridImport(*m_workspace, file, options);
    if (!prepared)
        return std::unexpected(prepared.error());
    return m_draft->importing(prepared->grids, tr("Import %1").arg(QFileInfo(file).fileName()));
}

Result<GridEdition> GridEditSession::publish(const QString &note)
{
    if (!m_draft || !m_workspace)
        return std::unexpected(notOpen());
    // A workspace that syncs has its editions published by its server, after the server's own
    // topology checks: the draft goes out and stays here until the edition comes back.
    Sync::Outbox outbox(*m_workspace);
    if (!outbox.server().isEmpty()) {
        auto sent = Sync::submitEdition(*m_workspace, outbox, *m_draft, m_actor, note, now());
        if (!sent)
            return std::unexpected(sent.error());
        qCInfo(lcGridEdit) << "sent the draft of" << m_path << "to" << outbox.server()
                           << "to be published";
        GridEdition edition;
        edition.sent = true;
        edition.publishedBy = m_actor;
        edition.note = note.trimmed();
        edition.changedCount = int(sent->changes.grids.size() + sent->changes.deleted.size());
        return edition;
    }
    auto edition = GridEditions::publish(*m_workspace, *m_draft, m_actor, note, now());
    if (!edition)
        return edition;
    qCInfo(lcGridEdit) << "published edition" << edition->number << "of" << m_path << "with"
                       << edition->changedCount << "changed grids";
    if (const auto reloaded = reload(); !reloaded)
        return std::unexpected(reloaded.error());
    return edition;
}

Result<void> GridEditSession::discard()
{
    if (!m_draft || !m_workspace)
        return std::unexpected(notOpen());
    if (const auto discarded = m_draft->discard(*m_workspace); !discarded)
        return discarded;
    qCInfo(lcGridEdit) << "draft of" << m_path << "discarded";
    return reload();
}

Result<QList<GridEdition>> GridEditSession::editions()
{
    if (!m_workspace)
        return std::unexpected(notOpen());
    return GridEditions::list(*m_workspace);
}

Result<QList<Grid>> GridEditSession::editionGrids(int edition)
{
    if (!m_workspace)
        return std::unexpected(notOpen());
    return GridEditions::grids(*m_workspace, edition);
}

Result<QList<AcceptedFinding>> GridEditSession::acceptedFindings()
{
    if (!m_workspace)
        return std::unexpected(notOpen());
    return GridDesk::acceptedFindings(*m_workspace);
}

Result<void> GridEditSession::acceptFinding(const QString &key, const QString &reason)
{
    if (!m_workspace)
        return std::unexpected(notOpen());
    return GridDesk::acceptFinding(*m_workspace, {key, reason, m_actor, now()});
}

Result<void> GridEditSession::withdrawAcceptance(const QString &key)
{
    if (!m_workspace)
        return std::unexpected(notOpen());
    return GridDesk::withdrawAcceptance(*m_workspace, key);
}

} // namespace GridDesk
