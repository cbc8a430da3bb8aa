// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "wkb.h"

#include <geodesic.h>

#include <QCoreApplication>
#include <QtEndian>

#include <cstring>
#include <vector>

namespace GridDesk::Wkb {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Wkb)
};

/// Reads WKB sequentially; every read is bounds-checked.
class Reader
{
public:
    explicit Reader(QByteArrayView bytes)
        : m_bytes(bytes)
    { }

    bool atEnd() const { return m_offset >= m_bytes.size(); }
    qsizetype offset() const { return m_offset; }

    bool readByte(quint8 &value)
    {
        if (m_offset + 1 > m_bytes.size())
            return false;
        value = quint8(m_bytes[m_offset++]);
        return true;
    }
    bool readUInt32(quint32 &value, bool littleEndian)
    {
        if (m_offset + 4 > m_bytes.size())
            return false;
        std::memcpy(&value, m_bytes.data() + m_offset, 4);
        value = littleEndian ? qFromLittleEndian(value) : qFromBigEndian(value);
        m_offset += 4;
        return true;
    }
    bool readDouble(double &value, bool littleEndian)
    {
        if (m_offset + 8 > m_bytes.size())
            return false;
        quint64 bits;
        std::memcpy(&bits, m_bytes.data() + m_offset, 8);
        bits = littleEndian ? qFromLittleEndian(bits) : qFromBigEndian(bits);
        std::memcpy(&value, &bits, 8);
        m_offset += 8;
        return true;
    }

private:
    QByteArrayView m_bytes;
    qsizetype m_offset = 0;
};

struct Header
{
    bool littleEndian = true;
    Type type = Type::Point;
    int dimensions = 2;
};

Error truncated(const Reader &reader)
{
    return Error {ErrorCode::InvalidGeometry,
        Tr::tr("The geometry is not valid WKB (it ends early or is malformed at byte "
               "%1).")
            .arg(reader.offset())};
}

bool readHeader(Reader &reader, Header &header)
{
    quint8 order = 0;
    quint32 code = 0;
    if (!reader.readByte(order) || order > 1)
        return false;
    header.littleEndian = order == 1;
    if (!reader.readUInt32(code, header.littleEndian))
        return false;

    // EWKB flags (PostGIS) and ISO offsets (1000 Z, 2000 M, 3000 ZM) both occur in the wild.
    const bool ewkbZ = code & 0x80000000u;
    const bool ewkbM = code & 0x40000000u;
    code &= 0x0fffffffu;
    const quint32 iso = code / 1000;
    const quint32 base = code % 1000;
    if (base < 1 || base > 7 || iso > 3)
        return false;
    header.type = Type(base);
    header.dimensions =
        2 + ((iso == 1 || iso == 3 || ewkbZ) ? 1 : 0) + ((iso == 2 || iso == 3 || ewkbM) ? 1 : 0);
    return true;
}

class Walker
{
public:
    Walker(QByteArrayView bytes, const std::function<void(const RingRef &)> &visit)
        : m_reader(bytes)
        , m_visit(visit)
    { }

    Result<void> run()
    {
        if (!geometry(0))
            return std::unexpected(truncated(m_reader));
        return {};
    }

private:
    bool points(const Header &header, quint32 count, int part, int ring)
    {
        if (count > 100'000'000u)
            return false;
        m_buffer.resize(count);
        for (quint32 i = 0; i < count; ++i) {
            if (!m_reader.readDouble(m_buffer[i].lon, header.littleEndian)
                || !m_reader.readDouble(m_buffer[i].lat, header.littleEndian))
                return false;
            double ignored = 0.0;
            for (int extra = 2; extra < header.dimensions; ++extra) {
                if (!m_reader.readDouble(ignored, header.littleEndian))
                    return false;
            }
        }
        m_visit(RingRef {part, ring, std::span<const GeoPoint>(m_buffer.data(), count)});
        return true;
    }

    bool polygon(const Header &header, int part)
    {
        quint32 rings = 0;
        if (!m_reader.readUInt32(rings, header.littleEndian))
            return false;
        for (quint32 r = 0; r < rings; ++r) {
            quint32 count = 0;
            if (!m_reader.readUInt32(count, header.littleEndian)
                || !points(header, count, part, int(r)))
                return false;
        }
        return true;
    }

    bool geometry(int depth)
    {
        Header header;
        if (depth > 32 || !readHeader(m_reader, header))
            return false;

        quint32 count = 0;
        switch (header.type) {
        case Type::Point:
            if (!points(header, 1, m_part, 0))
                return false;
            ++m_part;
            return true;
        case Type::LineString:
            if (!m_reader.readUInt32(count, header.littleEndian)
                || !points(header, count, m_part, 0))
                return false;
            ++m_part;
            return true;
        case Type::Polygon:
            if (!polygon(header, m_part))
                return false;
            ++m_part;
            return true;
        case Type::MultiPoint:
        case Type::MultiLineString:
        case Type::MultiPolygon:
        case Type::GeometryCollection:
            if (!m_reader.readUInt32(count, header.littleEndian))
                return false;
            for (quint32 i = 0; i < count; ++i) {
                if (!geometry(depth + 1))
                    return false;
            }
            return true;
        }
        return false;
    }

    Reader m_reader;
    const std::function<void(const RingRef &)> &m_visit;
    std::vector<GeoPoint> m_buffer;
    int m_part = 0;
};

} // namespace

Result<void> forEachRing(QByteArrayView wkb, const std::function<void(const RingRef &)> &visit)
{
    return Walker(wkb, visit).run();
}

Result<BoundingBox> envelope(QByteArrayView wkb)
{
    BoundingBox box;
    auto walked = forEachRing(wkb, [&box](const RingRef &ring) {
        for (const GeoPoint &p : ring.points) {
            if (!std::isnan(p.lon) && !std::isnan(p.lat))
                box.expand(p.lon, p.lat);
        }
    });
    if (!walked)
        return std::unexpected(walked.error());
    return box;
}

QByteArray point(const GeoPoint &point)
{
    QByteArray bytes(21, Qt::Uninitialized);
    bytes[0] = 1;
    const quint32 type = qToLittleEndian(quint32(Type::Point));
    std::memcpy(bytes.data() + 1, &type, 4);
    const double x = qToLittleEndian(point.lon);
    const double y = qToLittleEndian(point.lat);
    std::memcpy(bytes.data() + 5, &x, 8);
    std::memcpy(bytes.data() + 13, &y, 8);
    return bytes;
}

Result<void> transformInPlace(
    QByteArray &wkb, const std::function<bool(std::span<double> xy)> &transform)
{
    // Walk once to learn where every coordinate run starts; the walker copies coordinates out,
    // so the runs are located by re-reading offsets from the ring spans' sizes.
    std::vector<std::pair<qsizetype, qsizetype>> runs; // byte offset, point count
    Reader reader(wkb);
    std::function<bool(int)> locate = [&](int depth) -> bool {
        Header header;
        if (depth > 32 || !readHeader(reader, header) || !header.littleEndian
            || header.dimensions != 2)
            return false;
        quint32 count = 0;
        auto skipPoints = [&](quint32 n) {
            runs.emplace_back(reader.offset(), qsizetype(n));
            double ignored = 0.0;
            for (quint32 i = 0; i < n * 2; ++i) {
                if (!reader.readDouble(ignored, true))
                    return false;
            }
            return true;
        };
        switch (header.type) {
        case Type::Point:
            return skipPoints(1);
        case Type::LineString:
            return reader.readUInt32(count, true) && skipPoints(count);
        case Type::Polygon: {
            if (!reader.readUInt32(count, true))
                return false;
            for (quint32 r = 0; r < count; ++r) {
                quint32 n = 0;
                if (!reader.readUInt32(n, true) || !skipPoints(n))
                    return false;
            }
            return true;
        }
        default:
            if (!reader.readUInt32(count, true))
                return false;
            for (quint32 i = 0; i < count; ++i) {
                if (!locate(depth + 1))
                    return false;
            }
            return true;
        }
    };
    if (!locate(0))
        return std::unexpected(truncated(reader));

    std::vector<double> xy;
    for (const auto &[offset, count] : runs) {
        xy.resize(std::size_t(count) * 2);
        std::memcpy(xy.data(), wkb.constData() + offset, xy.size() * sizeof(double));
        if (!transform(xy))
            return fail(ErrorCode::InvalidGeometry,
                Tr::tr("A coordinate could not be transformed to WGS84."));
        std::memcpy(wkb.data() + offset, xy.data(), xy.size() * sizeof(double));
    }
    return {};
}

Result<double> geodesicAreaM2(QByteArrayView wkb)
{
    Reader reader(wkb);
    Header header;
    if (!readHeader(reader, header))
        return std::unexpected(truncated(reader));
    if (header.type != Type::Polygon && header.type != Type::MultiPolygon)
        return 0.0;

    geod_geodesic geod;
    geod_init(&geod, 6378137.0, 1.0 / 298.257223563);

    double total = 0.0;
    std::vector<double> lats;
    std::vector<double> lons;
    auto walked = forEachRing(wkb, [&](const RingRef &ring) {
        if (ring.points.size() < 4)
            return;
        lats.clear();
        lons.clear();
        // The closing point repeats the first; geod_polygonarea closes rings itself.
        for (std::size_t i = 0; i + 1 < ring.points.size(); ++i) {
            lats.push_back(ring.points[i].lat);
            lons.push_back(ring.points[i].lon);
        }
        double area = 0.0;
        geod_polygonarea(&geod, lats.data(), lons.data(), int(lats.size()), &area, nullptr);
        total += ring.ring == 0 ? std::abs(area) : -std::abs(area);
    });
    if (!walked)
        return std::unexpected(walked.error());
    return std::max(total, 0.0);
}

} // namespace GridDesk::Wkb
