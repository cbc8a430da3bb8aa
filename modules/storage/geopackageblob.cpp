// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "geopackageblob.h"

#include "gis/wkb.h"

#include <QCoreApplication>
#include <QtEndian>

#include <cstring>

namespace GridDesk::GeoPackageBlob {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::GeoPackageBlob)
};

constexpr int HEADER_SIZE = 8;

void appendDouble(QByteArray &bytes, double value)
{
    const double little = qToLittleEndian(value);
    bytes.append(reinterpret_cast<const char *>(&little), sizeof little);
}

double readDouble(QByteArrayView bytes, qsizetype offset, bool littleEndian)
{
    quint64 bits;
    std::memcpy(&bits, bytes.data() + offset, 8);
    bits = littleEndian ? qFromLittleEndian(bits) : qFromBigEndian(bits);
    double value;
    std::memcpy(&value, &bits, 8);
    return value;
}
} // namespace

QByteArray encode(const QByteArray &wkb, qint32 srsId)
{
    const auto box = Wkb::envelope(wkb);
    return encode(wkb, box ? *box : BoundingBox(), srsId);
}

QByteArray encode(const QByteArray &wkb, const BoundingBox &envelope, qint32 srsId)
{
    const bool empty = envelope.isEmpty();

    QByteArray blob;
    blob.reserve(HEADER_SIZE + 32 + wkb.size());
    blob.append('G');
    blob.append('P');
    blob.append(char(0));
    // bit 0: little-endian header; bits 1-3: envelope kind (1 = xy); bit 4: empty geometry.
    const quint8 flags = 0x01 | (empty ? 0x10 : 0x02);
    blob.append(char(flags));
    const qint32 srs = qToLittleEndian(srsId);
    blob.append(reinterpret_cast<const char *>(&srs), 4);
    if (!empty) {
        appendDouble(blob, envelope.west);
        appendDouble(blob, envelope.east);
        appendDouble(blob, envelope.south);
        appendDouble(blob, envelope.north);
    }
    blob.append(wkb);
    return blob;
}

Result<Decoded> decode(QByteArrayView blob)
{
    const bool hasMagic = blob.size() >= HEADER_SIZE && blob[0] == 'G' && blob[1] == 'P';
    if (!hasMagic)
        return fail(ErrorCode::InvalidGeometry,
            Tr::tr("The stored geometry is not a GeoPackage geometry."));

    const quint8 flags = quint8(blob[3]);
    const bool littleEndian = flags & 0x01;
    const int envelopeKind = (flags >> 1) & 0x07;
    static constexpr int ENVELOPE_DOUBLES[] = {0, 4, 6, 6, 8};
    if (envelopeKind > 4)
        return fail(ErrorCode::InvalidGeometry,
            Tr::tr("The stored geometry has an unknown envelope kind %1.").arg(envelopeKind));
    const qsizetype wkbOffset = HEADER_SIZE + ENVELOPE_DOUBLES[envelopeKind] * 8;
    if (blob.size() < wkbOffset)
        return fail(ErrorCode::InvalidGeometry, Tr::tr("The stored geometry is truncated."));

    Decoded decoded;
    quint32 srs;
    std::memcpy(&srs, blob.data() + 4, 4);
    decoded.srsId = qint32(littleEndian ? qFromLittleEndian(srs) : qFromBigEndian(srs));
    decoded.empty = flags & 0x10;
    decoded.wkb = blob.sliced(wkbOffset);
    if (envelopeKind > 0) {
        decoded.envelope.expand(
            readDouble(blob, 8, littleEndian), readDouble(blob, 24, littleEndian));
        decoded.envelope.expand(
            readDouble(blob, 16, littleEndian), readDouble(blob, 32, littleEndian));
        return decoded;
    }
    if (decoded.empty)
        return decoded;
    auto box = Wkb::envelope(decoded.wkb);
    if (!box)
        return std::unexpected(box.error());
    decoded.envelope = *box;
    return decoded;
}

} // namespace GridDesk::GeoPackageBlob
