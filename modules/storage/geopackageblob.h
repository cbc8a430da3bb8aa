// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"
#include "domain/grid.h"

#include <QByteArray>

namespace GridDesk::GeoPackageBlob {

/// Wraps WKB in the GeoPackage binary header (magic "GP", version 0, little-endian, the srs
/// id and an XY envelope; an empty geometry sets the empty flag).
QByteArray encode(const QByteArray &wkb, qint32 srsId = 4326);

/// The same with the envelope already known (it must be the WKB's own), saving a walk over
/// the coordinates.
QByteArray encode(const QByteArray &wkb, const BoundingBox &envelope, qint32 srsId = 4326);

struct Decoded
{
    qint32 srsId = 0;
    bool empty = false;
    BoundingBox envelope; ///< from the header, or computed from the WKB when it has none
    QByteArrayView wkb; ///< points into the blob passed to decode()
};

/// Reads a GeoPackage geometry blob. Fails when the header is malformed.
Result<Decoded> decode(QByteArrayView blob);

} // namespace GridDesk::GeoPackageBlob
