// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "mapscene.h"

#include "logging.h"

#include "gis/geoscontext.h"
#include "gis/wkb.h"
#include "storage/workspace.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace GridDesk {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::MapScene)
};

IndexBox indexBox(const QRectF &rect, const QPointF &origin)
{
    return {float(rect.left() - origin.x()), float(rect.top() - origin.y()),
        float(rect.right() - origin.x()), float(rect.bottom() - origin.y())};
}

BoundingBox sourceExtent(const QList<Grid> &grids, const BoundingBox &caseExtent)
{
    BoundingBox extent = caseExtent;
    for (const Grid &grid : grids) {
        if (!grid.bbox.isEmpty()) {
            extent.expand(grid.bbox);
            continue;
        }
        if (const auto envelope = Wkb::envelope(grid.wkb))
            extent.expand(*envelope);
    }
    return extent;
}

// Innermost first: fine before base … before district; business grids last.
int nestingRank(GridLevel level)
{
    return gridLevelDepth(level).value_or(-1);
}
} // namespace

Result<std::shared_ptr<const MapScene>> MapScene::load(Workspace &ws)
{
    QElapsedTimer timer;
    timer.start();

    CaseLayer cases;
    const auto read = ws.forEachCase({}, [&cases](const CaseRecord &record) { cases.add(record); });
    if (!read)
        return std::unexpected(read.error());
    const auto grids = ws.grids();
    if (!grids)
        return std::unexpected(grids.error());

    auto scene = createFromLayer(*grids, std::move(cases));
    if (scene) {
        qCInfo(lcMapRender) << "loaded map scene of" << ws.path() << "with" << grids->size()
                            << "grids and" << (*scene)->cases().size() << "located cases in"
                            << timer.elapsed() << "ms";
    }
    return scene;
}

void MapScene::CaseLayer::add(const CaseRecord &record)
{
    if (!record.location)
        return;
    extent.expand(record.location->lon, record.location->lat);
    points.push_back({record.id, WebMercator::fromLonLat(*record.location), isFinished(record)});
}

Result<std::shared_ptr<const MapScene>> MapScene::create(
    const QList<Grid> &grids, const QList<CaseRecord> &cases)
{
    CaseLayer layer;
    for (const CaseRecord &record : cases)
        layer.add(record);
    return createFromLayer(grids, std::move(layer));
}

Result<std::shared_ptr<const MapScene>> MapScene::createFromLayer(
    const QList<Grid> &grids, CaseLayer cases)
{
    std::shared_ptr<MapScene> scene(new MapScene);
    scene->m_extent = sourceExtent(grids, cases.extent);
    if (!scene->m_extent.isEmpty())
        scene->m_origin = WebMercator::fromBox(scene->m_extent).center();

    // Filled here and read through the scene's const view of it, as placing labels needs.
    auto data = std::make_shared<GridData>();
    scene->m_gridData = data;
    data->grids.reserve(std::size_t(grids.size()));
    data->ringOffsets.push_back(0);
    GeosContext geos;
    for (const Grid &grid : grids) {
        if (auto added = scene->addGrid(*data, grid); !added)
            return std::unexpected(added.error().at(Tr::tr("grid %1").arg(grid.code)));
        scene->placeLabelAnchor(*data, grid, geos);
    }
    data->coordinates.shrink_to_fit();
    scene->buildGridIndex(*data);

    scene->m_cases = std::move(cases.points);
    scene->m_cases.shrink_to_fit();
    scene->buildCaseIndex();
    return std::shared_ptr<const MapScene>(std::move(scene));
}

std::shared_ptr<const MapScene> MapScene::withCases(const QList<CaseRecord> &records) const
{
    // The copy shares the grids and the case index; only the case points are copied.
    std::shared_ptr<MapScene> scene(new MapScene(*this));
    QSet<qint64> dropped;
    for (const CaseRecord &record : records) {
        const std::optional<QPointF> position = record.location
            ? std::optional(WebMercator::fromLonLat(*record.location))
            : std::nullopt;
        const std::optional<quint32> index = scene->caseIndex(record.id);
        const bool unindexed = index && *index >= scene->m_caseIndex->count;
        if (index && position && (*position == scene->m_cases[*index].position || unindexed)) {
            CasePoint &point = scene->m_cases[*index];
            point.position = *position;
            point.closed = isFinished(record);
            continue;
        }
        // A case that moved out of the index's box, or lost its place, leaves the index.
        if (index)
            dropped.insert(record.id);
        if (!position)
            continue;
        scene->m_extent.expand(record.location->lon, record.location->lat);
        scene->m_unindexedById.insert(record.id, quint32(scene->m_cases.size()));
        scene->m_cases.push_back({record.id, *position, isFinished(record)});
    }

    if (!dropped.isEmpty()) {
        // Only the point the lookup finds (the last with its id) was replaced; it goes.
        std::vector<CasePoint> kept;
        kept.reserve(scene->m_cases.size());
        for (quint32 index = 0; index < scene->m_cases.size(); ++index) {
            const CasePoint &point = scene->m_cases[index];
            const bool replaced = dropped.contains(point.id) && caseIndex(point.id) == index;
            if (!replaced)
                kept.push_back(point);
        }
        scene->m_cases = std::move(kept);
    }
    const std::size_t unindexed = scene->m_cases.size() - scene->m_caseIndex->count;
    const bool many = unindexed > std::max<std::size_t>(1024, scene->m_caseIndex->count / 8);
    if (!dropped.isEmpty() || many)
        scene->buildCaseIndex();
    return scene;
}

Result<void> MapScene::addGrid(GridData &data, const Grid &grid)
{
    GridShape shape {grid.code, grid.name, grid.parentCode, grid.level,
        quint32(data.ringOffsets.size() - 1), 0, QRectF(), QPointF()};
    double minX = std::numeric_limits<double>::max();
    double minY = minX;
    double maxX = std::numeric_limits<double>::lowest();
    double maxY = maxX;

    const auto walked = Wkb::forEachRing(grid.wkb, [&](const Wkb::RingRef &ring) {
        for (const GeoPoint &point : ring.points) {
            const QPointF mercator = WebMercator::fromLonLat(point);
            minX = std::min(minX, mercator.x());
            maxX = std::max(maxX, mercator.x());
            minY = std::min(minY, mercator.y());
            maxY = std::max(maxY, mercator.y());
            data.coordinates.push_back(float(mercator.x() - m_origin.x()));
            data.coordinates.push_back(float(mercator.y() - m_origin.y()));
        }
        data.ringOffsets.push_back(quint32(data.coordinates.size() / 2));
        ++shape.ringCount;
    });
    if (!walked)
        return std::unexpected(walked.error());

    if (shape.ringCount > 0)
        shape.bounds = QRectF(QPointF(minX, minY), QPointF(maxX, maxY));
    data.byCode.insert(shape.code, quint32(data.grids.size()));
    if (!shape.parentCode.isEmpty())
        data.byParent.insert(shape.parentCode, quint32(data.grids.size()));
    data.grids.push_back(std::move(shape));
    return {};
}

void MapScene::placeLabelAnchor(GridData &data, const Grid &grid, const GeosContext &geos)
{
    // The centre of the bounds serves most grids; a crescent or a grid made of islands gets a
    // point GEOS guarantees to be inside it.
    GridShape &shape = data.grids.back();
    shape.labelAnchor = shape.bounds.center();
    if (shape.ringCount == 0 || gridContains(quint32(data.grids.size() - 1), shape.labelAnchor))
        return;
    auto geometry = geos.fromWkb(grid.wkb);
    if (!geometry)
        return;
    if (const auto inside = geos.pointOnSurface(geometry->get()))
        shape.labelAnchor = WebMercator::fromLonLat(*inside);
}

void MapScene::buildGridIndex(GridData &data) const
{
    std::vector<IndexBox> gridBoxes;
    gridBoxes.reserve(data.grids.size());
    for (const GridShape &grid : data.grids)
        gridBoxes.push_back(indexBox(grid.bounds, m_origin));
    data.index = SpatialIndex(gridBoxes);
}

void MapScene::buildCaseIndex()
{
    auto built = std::make_shared<CaseIndex>();
    std::vector<IndexBox> caseBoxes;
    caseBoxes.reserve(m_cases.size());
    for (const CasePoint &point : m_cases)
        caseBoxes.push_back(indexBox(QRectF(point.position, point.position), m_origin));
    built->index = SpatialIndex(caseBoxes);
    built->count = m_cases.size();

    built->byId.resize(m_cases.size());
    std::iota(built->byId.begin(), built->byId.end(), quint32(0));
    std::stable_sort(built->byId.begin(), built->byId.end(),
        [this](quint32 a, quint32 b) { return m_cases[a].id < m_cases[b].id; });
    m_caseIndex = std::move(built);
    m_unindexedById.clear();
}

bool MapScene::isClosedStatus(const QString &status)
{
    return status.trimmed().compare(QLatin1String("closed"), Qt::CaseInsensitive) == 0;
}

bool MapScene::isFinished(const CaseRecord &record)
{
    // The loop's state when the case has one: closed, evaluated, rejected, cancelled and
    // merged cases are no longer work; the feed's own status for a case without a history.
    static const QStringList finished {QStringLiteral("closed"), QStringLiteral("evaluated"),
        QStringLiteral("rejected"), QStringLiteral("cancelled"), QStringLiteral("merged")};
    if (!record.state.isEmpty())
        return finished.contains(record.state);
    return isClosedStatus(record.status);
}

std::span<const float> MapScene::ringCoordinates(quint32 ring) const
{
    const quint32 first = m_gridData->ringOffsets.at(ring);
    const quint32 last = m_gridData->ringOffsets.at(ring + 1);
    return std::span<const float>(m_gridData->coordinates).subspan(2 * first, 2 * (last - first));
}

std::vector<quint32> MapScene::gridsIn(const QRectF &mercator) const
{
    std::vector<quint32> found;
    m_gridData->index.query(
        indexBox(mercator, m_origin), [&](quint32 item) { found.push_back(item); });
    return found;
}

std::vector<quint32> MapScene::casesIn(const QRectF &mercator) const
{
    std::vector<quint32> found;
    m_caseIndex->index.query(
        indexBox(mercator, m_origin), [&](quint32 item) { found.push_back(item); });
    // The cases taken in since the index was built, few enough to look at one by one.
    for (quint32 index = quint32(m_caseIndex->count); index < m_cases.size(); ++index) {
        const QPointF &position = m_cases[index].position;
        const bool inside = position.x() >= mercator.left() && position.x() <= mercator.right()
            && position.y() >= mercator.top() && position.y() <= mercator.bottom();
        if (inside)
            found.push_back(index);
    }
    return found;
}

std::optional<quint32> MapScene::gridIndex(const QString &code) const
{
    const auto found = m_gridData->byCode.constFind(code);
    if (found == m_gridData->byCode.cend())
        return std::nullopt;
    return *found;
}

std::optional<quint32> MapScene::caseIndex(qint64 id) const
{
    if (const auto taken = m_unindexedById.constFind(id); taken != m_unindexedById.cend())
        return *taken;
    // The last of several points with the same id, as a lookup filled in order would keep.
    const std::vector<quint32> &byId = m_caseIndex->byId;
    const auto after = std::upper_bound(byId.cbegin(), byId.cend(), id,
        [this](qint64 wanted, quint32 index) { return wanted < m_cases[index].id; });
    if (after == byId.cbegin() || m_cases[*std::prev(after)].id != id)
        return std::nullopt;
    return *std::prev(after);
}

std::optional<BoundingBox> MapScene::gridExtent(const QString &code) const
{
    const auto index = gridIndex(code);
    if (!index || m_gridData->grids[*index].bounds.isNull())
        return std::nullopt;
    return WebMercator::toBox(m_gridData->grids[*index].bounds);
}

std::optional<GeoPoint> MapScene::caseLocation(qint64 id) const
{
    const auto index = caseIndex(id);
    if (!index)
        return std::nullopt;
    return WebMercator::toLonLat(m_cases[*index].position);
}

bool MapScene::gridContains(quint32 index, const QPointF &mercator) const
{
    const GridShape &grid = m_gridData->grids.at(index);
    // Even-odd crossing count over all rings, so holes and multipolygon parts both work.
    const double x = mercator.x() - m_origin.x();
    const double y = mercator.y() - m_origin.y();
    bool inside = false;
    for (quint32 ring = grid.firstRing; ring < grid.firstRing + grid.ringCount; ++ring) {
        const std::span<const float> xy = ringCoordinates(ring);
        const std::size_t count = xy.size() / 2;
        if (count < 3)
            continue;
        for (std::size_t i = 0, j = count - 1; i < count; j = i++) {
            const double xi = xy[2 * i], yi = xy[2 * i + 1];
            const double xj = xy[2 * j], yj = xy[2 * j + 1];
            const bool straddles = (yi > y) != (yj > y);
            if (straddles && x < (xj - xi) * (y - yi) / (yj - yi) + xi)
                inside = !inside;
        }
    }
    return inside;
}

std::optional<QString> MapScene::gridAt(const GeoPoint &point) const
{
    const QPointF mercator = WebMercator::fromLonLat(point);
    std::optional<quint32> best;
    for (const quint32 index : gridsIn(QRectF(mercator, mercator))) {
        if (!gridContains(index, mercator))
            continue;
        const GridShape &grid = m_gridData->grids[index];
        if (!best) {
            best = index;
            continue;
        }
        const GridShape &current = m_gridData->grids[*best];
        const int rank = nestingRank(grid.level);
        const int currentRank = nestingRank(current.level);
        const double area = grid.bounds.width() * grid.bounds.height();
        const double currentArea = current.bounds.width() * current.bounds.height();
        const bool deeper = rank > currentRank;
        const bool sameDepthSmaller = rank == currentRank && area < currentArea;
        if (deeper || sameDepthSmaller)
            best = index;
    }
    if (!best)
        return std::nullopt;
    return m_gridData->grids[*best].code;
}

std::optional<qint64> MapScene::caseNear(
    const QPointF &pixel, const MapViewport &viewport, double tolerance) const
{
    if (!viewport.isValid())
        return std::nullopt;

    const double reach = tolerance * viewport.mercatorPerPixel();
    const QPointF centre = WebMercator::fromLonLat(viewport.toLonLat(pixel));
    const QRectF area(centre.x() - reach, centre.y() - reach, 2 * reach, 2 * reach);

    std::optional<qint64> nearest;
    double nearestDistance = tolerance * tolerance;
    for (const quint32 index : casesIn(area)) {
        const QPointF offset = viewport.mercatorToPixel(m_cases[index].position) - pixel;
        const double distance = QPointF::dotProduct(offset, offset);
        if (distance <= nearestDistance) {
            nearestDistance = distance;
            nearest = m_cases[index].id;
        }
    }
    return nearest;
}

QStringList MapScene::gridWithDescendants(const QString &code) const
{
    QStringList codes {code};
    QSet<QString> seen {code};
    // Breadth first over the parent links; seen guards against a cycle in bad data.
    for (qsizetype next = 0; next < codes.size(); ++next) {
        const auto children = m_gridData->byParent.values(codes.at(next));
        for (const quint32 child : children) {
            const QString &childCode = m_gridData->grids[child].code;
            if (seen.contains(childCode))
                continue;
            seen.insert(childCode);
            codes.append(childCode);
        }
    }
    return codes;
}

} // namespace GridDesk
