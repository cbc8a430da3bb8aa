// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "mapviewport.h"
#include "spatialindex.h"

#include "domain/caserecord.h"
#include "domain/error.h"
#include "domain/grid.h"

#include <QHash>
#include <QList>
#include <QPointF>
#include <QRectF>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <span>
#include <vector>

namespace GridDesk {

class GeosContext;
class Workspace;

/// The map layers of a workspace, read once and never changed: every grid of every level
/// and every case with a location, in Web Mercator, with spatial indexes for viewport
/// queries and hit tests. Coordinates are kept as floats relative to the scene's origin, so
/// 100 000 grids stay small. A MapScene is immutable and may be read from several threads;
/// cases that come in or change later make a new scene (withCases()) sharing its grids.
class MapScene
{
public:
    /// One grid: its attributes and where its rings lie in the scene's coordinate arrays.
    struct GridShape
    {
        QString code;
        QString name;
        QString parentCode;
        GridLevel level = GridLevel::Base;
        quint32 firstRing = 0;
        quint32 ringCount = 0;
        QRectF bounds; ///< Web Mercator, y northwards
        QPointF labelAnchor; ///< Web Mercator; inside the grid, where its name is centred
    };

    /// A located case, in Web Mercator.
    struct CasePoint
    {
        qint64 id = 0;
        QPointF position;
        bool closed = false;
    };

    /// The located cases of a scene to be, gathered one case at a time so that no list of
    /// whole records is needed.
    struct CaseLayer
    {
        std::vector<CasePoint> points;
        BoundingBox extent; ///< WGS84, of the points

        /// Adds record when it has a location.
        void add(const CaseRecord &record);
    };

    /// Reads all grids and cases of ws. Must run on the thread that opened ws; the result can
    /// be handed to any thread. Fails when the workspace cannot be read or a boundary is not
    /// valid WKB.
    static Result<std::shared_ptr<const MapScene>> load(Workspace &ws);

    /// Builds a scene from grids (with WKB) and cases already read.
    static Result<std::shared_ptr<const MapScene>> create(
        const QList<Grid> &grids, const QList<CaseRecord> &cases);
    /// The same from cases already gathered into a layer, which the scene takes over.
    static Result<std::shared_ptr<const MapScene>> createFromLayer(
        const QList<Grid> &grids, CaseLayer cases);

    /// A scene like this one with records taken in: a case new to it drawn where it lies, one
    /// it holds drawn as it is now (open or closed, moved, or left out once it has no
    /// location). The grids and the case index are shared, not copied: new cases are looked
    /// through one by one until there are many, when the case index is built again.
    std::shared_ptr<const MapScene> withCases(const QList<CaseRecord> &records) const;

    /// Whether a case status means the case is closed ("Closed", "closed" …).
    static bool isClosedStatus(const QString &status);
    /// Whether a case is no longer work: finished in the loop, or closed by its feed's status
    /// when it has no history. Drawn as closed.
    static bool isFinished(const CaseRecord &record);

    const std::vector<GridShape> &grids() const { return m_gridData->grids; }
    const std::vector<CasePoint> &cases() const { return m_cases; }

    /// The points of ring number ring (as counted by GridShape::firstRing) as x,y pairs in
    /// Web Mercator metres relative to origin().
    std::span<const float> ringCoordinates(quint32 ring) const;
    QPointF origin() const { return m_origin; }

    /// Everything in the scene, in WGS84; empty for an empty scene.
    BoundingBox extent() const { return m_extent; }

    /// Grids and cases whose bounds meet the Mercator rectangle (y northwards).
    std::vector<quint32> gridsIn(const QRectF &mercator) const;
    std::vector<quint32> casesIn(const QRectF &mercator) const;

    std::optional<quint32> gridIndex(const QString &code) const;
    std::optional<quint32> caseIndex(qint64 id) const;
    /// WGS84 bounds of a grid, or a case's position; empty when unknown.
    std::optional<BoundingBox> gridExtent(const QString &code) const;
    std::optional<GeoPoint> caseLocation(qint64 id) const;

    /// The code of the innermost grid containing point: the deepest nesting level wins, then
    /// the smaller grid; business grids only when no other grid contains the point.
    std::optional<QString> gridAt(const GeoPoint &point) const;

    /// Whether grid number index contains the Web Mercator point (even-odd over all rings).
    bool gridContains(quint32 index, const QPointF &mercator) const;

    /// The case drawn nearest to pixel within tolerance pixels in viewport.
    std::optional<qint64> caseNear(
        const QPointF &pixel, const MapViewport &viewport, double tolerance) const;

    /// code and the codes of every grid nested below it, at any depth.
    QStringList gridWithDescendants(const QString &code) const;

    /// Located cases; all cases of the source list, for status bars.
    qsizetype locatedCaseCount() const { return qsizetype(m_cases.size()); }

private:
    /// The grids, shared by a scene and those made from it by withCases().
    struct GridData
    {
        std::vector<GridShape> grids;
        std::vector<float> coordinates; // x,y pairs relative to m_origin
        std::vector<quint32> ringOffsets; // start of each ring in pairs, plus one past the end
        SpatialIndex index;
        QHash<QString, quint32> byCode;
        QMultiHash<QString, quint32> byParent;
    };
    /// The index of the first cases of m_cases, shared while later ones are looked through.
    struct CaseIndex
    {
        SpatialIndex index;
        std::vector<quint32> byId; // indexes into m_cases, ordered by case id
        std::size_t count = 0; // the cases indexed: m_cases[0, count)
    };

    MapScene() = default;
    MapScene(const MapScene &) = default;

    Result<void> addGrid(GridData &data, const Grid &grid);
    void placeLabelAnchor(GridData &data, const Grid &grid, const GeosContext &geos);
    void buildGridIndex(GridData &data) const;
    void buildCaseIndex();

    std::shared_ptr<const GridData> m_gridData;
    std::vector<CasePoint> m_cases;
    std::shared_ptr<const CaseIndex> m_caseIndex;
    QHash<qint64, quint32> m_unindexedById; // cases after those indexed, by id
    QPointF m_origin;
    BoundingBox m_extent;
};

} // namespace GridDesk
