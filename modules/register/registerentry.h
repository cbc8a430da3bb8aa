// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "registerfields.h"

#include "domain/grid.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QVariantMap>

#include <optional>

namespace GridDesk {

/// One entry of the grid register: the shared core every kind has, and the values of the
/// kind's own fields by key.
struct RegisterEntry
{
    qint64 id = 0; ///< 0 until stored
    QString code; ///< stable; given by the register when empty at entry
    QString kind;
    QString name;
    QString gridCode; ///< the innermost grid containing the entry; empty outside every grid
    QString address;
    QByteArray wkb; ///< point, polygon or multipolygon in WGS84 lon/lat; empty when unknown
    QString source; ///< where the entry came from: an import file, a desk …
    QString verifiedBy; ///< who last checked the entry on the ground; empty when never
    QDateTime verifiedAt; ///< UTC; invalid when never
    RegisterFields fields; ///< by key; kept as their stored JSON until first read
    int version = 0; ///< 1 when first stored, one more at every change
    QString updatedBy;
    QDateTime updatedAt; ///< UTC

    /// The point the entry stands at: the point itself, or a point inside its polygon. Empty
    /// without a geometry or when the geometry cannot be read.
    std::optional<GeoPoint> anchor() const;

    /// The entry as JSON: core keys, "fields", and the geometry as "lon"/"lat" for a point or
    /// "wkb" (hex) otherwise. What history keeps as "before".
    QJsonObject toJson() const;
    static RegisterEntry fromJson(const QJsonObject &object);

    /// Whether the stored content (all but id, version and who changed it when) differs.
    bool sameContent(const RegisterEntry &other) const;
};

} // namespace GridDesk

// Every member is a relocatable Qt value: a growing list of entries moves them as bytes.
Q_DECLARE_TYPEINFO(GridDesk::RegisterEntry, Q_RELOCATABLE_TYPE);
