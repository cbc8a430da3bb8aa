// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "maprender/mapscene.h"

#include <QDataStream>
#include <QIODevice>
#include <QTest>

#include <memory>

namespace GridDesk::Test {

/// Little-endian WKB of a rectangle polygon, written here so the fixture does not depend on
/// the code under test.
inline QByteArray rectangleWkb(double west, double south, double east, double north)
{
    QByteArray wkb;
    QDataStream out(&wkb, QIODevice::WriteOnly);
    out.setByteOrder(QDataStream::LittleEndian);
    out.setFloatingPointPrecision(QDataStream::DoublePrecision);
    out << quint8(1) << quint32(3) << quint32(1) << quint32(5);
    out << west << south << east << south << east << north << west << north << west << south;
    return wkb;
}

inline Grid rectangleGrid(
    const QString &code, GridLevel level, const QString &parent, const BoundingBox &box)
{
    Grid grid;
    grid.code = code;
    grid.name = QStringLiteral("Grid ") + code;
    grid.level = level;
    grid.parentCode = parent;
    grid.bbox = box;
    grid.wkb = rectangleWkb(box.west, box.south, box.east, box.north);
    return grid;
}

inline CaseRecord caseAt(
    qint64 id, std::optional<GeoPoint> location, const QString &status, const QString &grid)
{
    CaseRecord record;
    record.id = id;
    record.externalId = QString::number(1000 + id);
    record.category = QStringLiteral("Noise");
    record.status = status;
    record.location = location;
    record.gridCode = grid;
    return record;
}

/// A district D1 of two base grids B1 (west) and B2 (east), a fine grid F1 inside B1, a
/// business grid P1 over the south half, an open case in F1, a closed one in B2 and one
/// without a location.
inline std::shared_ptr<const MapScene> fixtureScene()
{
    const QList<Grid> grids {
        rectangleGrid(QStringLiteral("D1"), GridLevel::District, {}, {10.0, 50.0, 10.1, 50.1}),
        rectangleGrid(
            QStringLiteral("B1"), GridLevel::Base, QStringLiteral("D1"), {10.0, 50.0, 10.05, 50.1}),
        rectangleGrid(
            QStringLiteral("B2"), GridLevel::Base, QStringLiteral("D1"), {10.05, 50.0, 10.1, 50.1}),
        rectangleGrid(QStringLiteral("F1"), GridLevel::Fine, QStringLiteral("B1"),
            {10.01, 50.01, 10.02, 50.02}),
        rectangleGrid(QStringLiteral("P1"), GridLevel::Business, QStringLiteral("D1"),
            {10.0, 50.0, 10.1, 50.05}),
    };
    const QList<CaseRecord> cases {
        caseAt(1, GeoPoint {10.015, 50.015}, QStringLiteral("Open"), QStringLiteral("F1")),
        caseAt(2, GeoPoint {10.07, 50.07}, QStringLiteral("Closed"), QStringLiteral("B2")),
        caseAt(3, std::nullopt, QStringLiteral("Open"), {}),
    };
    auto scene = MapScene::create(grids, cases);
    if (!scene)
        qFatal("fixture scene failed: %s", qPrintable(scene.error().message));
    return *scene;
}

} // namespace GridDesk::Test
