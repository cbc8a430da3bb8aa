// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "rtreebulkload.h"

#include "hilbertorder.h"
#include "sqlitestatement.h"

#include <QCoreApplication>
#include <QtEndian>

#include <cmath>
#include <cstring>
#include <limits>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Workspace)
};

// The layout SQLite's R-tree module reads: a node is a blob of a fixed size holding a 2-byte
// depth (meaningful in the root only), a 2-byte cell count and cells of a 64-bit id (a row
// id in leaves, a child node number above) and four 32-bit floats, all big-endian.
constexpr int NODE_HEADER = 4;
constexpr int CELL_SIZE = 8 + 4 * 4;
constexpr qint64 ROOT = 1;

/// Floats that still contain the double box: minimums rounded down, maximums up.
float lower(double value)
{
    float f = float(value);
    if (double(f) > value)
        f = std::nextafter(f, -std::numeric_limits<float>::infinity());
    return f;
}

float upper(double value)
{
    float f = float(value);
    if (double(f) < value)
        f = std::nextafter(f, std::numeric_limits<float>::infinity());
    return f;
}

struct Node
{
    qint64 number = 0;
    std::vector<RtreeEntry> cells; ///< children's ids (or row ids) and boxes
    BoundingBox box;
};

QByteArray encodeNode(const Node &node, int nodeSize, int depth)
{
    QByteArray blob(nodeSize, '\0');
    char *data = blob.data();
    qToBigEndian(quint16(node.number == ROOT ? depth : 0), data);
    qToBigEndian(quint16(node.cells.size()), data + 2);
    char *cell = data + NODE_HEADER;
    for (const RtreeEntry &entry : node.cells) {
        qToBigEndian(entry.id, cell);
        const float coordinates[] = {lower(entry.box.west), upper(entry.box.east),
            lower(entry.box.south), upper(entry.box.north)};
        for (int i = 0; i < 4; ++i) {
            quint32 bits;
            std::memcpy(&bits, &coordinates[i], 4);
            qToBigEndian(bits, cell + 8 + 4 * i);
        }
        cell += CELL_SIZE;
    }
    return blob;
}

/// Splits items into as few groups of at most capacity as possible, as evenly as possible, so
/// that no node falls below the fill SQLite expects of non-root nodes.
std::vector<std::pair<std::size_t, std::size_t>> groups(std::size_t count, std::size_t capacity)
{
    const std::size_t groupCount = std::max<std::size_t>(1, (count + capacity - 1) / capacity);
    std::vector<std::pair<std::size_t, std::size_t>> ranges;
    std::size_t begin = 0;
    for (std::size_t g = 0; g < groupCount; ++g) {
        const std::size_t size = count / groupCount + (g < count % groupCount ? 1 : 0);
        ranges.emplace_back(begin, begin + size);
        begin += size;
    }
    return ranges;
}

struct Writer
{
    SqliteStatement node;
    SqliteStatement rowid;
    SqliteStatement parent;
    int nodeSize = 0;

    Result<void> run(SqliteStatement &statement, const QString &doing)
    {
        auto done = statement.step(doing);
        statement.reset();
        if (!done)
            return std::unexpected(done.error());
        return {};
    }
};

} // namespace

Result<void> bulkLoadRtree(
    sqlite3 *connection, const QString &table, std::vector<RtreeEntry> entries)
{
    const QString doing = Tr::tr("Saving grid %1").arg(table);
    const QByteArray name = table.toUtf8();
    auto size = SqliteStatement::prepare(
        connection, QByteArray("SELECT length(data) FROM \"" + name + "_node\" WHERE nodeno = 1"));
    if (!size)
        return std::unexpected(size.error());
    auto sized = size->step(doing);
    if (!sized)
        return std::unexpected(sized.error());
    const int nodeSize = *sized ? int(size->columnInt(0)) : 0;
    const std::size_t capacity = std::size_t(nodeSize - NODE_HEADER) / CELL_SIZE;
    if (capacity < 4)
        return fail(ErrorCode::Database, Tr::tr("%1 failed: %2").arg(doing, table));

    for (const char *suffix : {"_node", "_rowid", "_parent"}) {
        auto cleared = SqliteStatement::prepare(
            connection, QByteArray("DELETE FROM \"" + name + suffix + "\""));
        if (!cleared)
            return std::unexpected(cleared.error());
        if (auto done = cleared->step(doing); !done)
            return std::unexpected(done.error());
    }
    auto node = SqliteStatement::prepare(
        connection, QByteArray("INSERT INTO \"" + name + "_node\" (nodeno, data) VALUES (?1, ?2)"));
    auto rowid = SqliteStatement::prepare(connection,
        QByteArray("INSERT INTO \"" + name + "_rowid\" (rowid, nodeno) VALUES (?1, ?2)"));
    auto parent = SqliteStatement::prepare(connection,
        QByteArray("INSERT INTO \"" + name + "_parent\" (nodeno, parentnode) VALUES (?1, ?2)"));
    if (!node || !rowid || !parent)
        return std::unexpected((!node ? node : !rowid ? rowid : parent).error());
    Writer writer {std::move(*node), std::move(*rowid), std::move(*parent), nodeSize};

    // Leaves first, in Hilbert order; then each level packs the one below until a level fits
    // in one node, which becomes the root (node 1).
    std::vector<BoundingBox> boxes;
    boxes.reserve(entries.size());
    for (const RtreeEntry &entry : entries)
        boxes.push_back(entry.box);
    std::vector<RtreeEntry> level;
    level.reserve(entries.size());
    for (const std::size_t i : hilbertOrder(boxes))
        level.push_back(entries[i]);

    qint64 nextNumber = ROOT + 1;
    int depth = 0;
    while (true) {
        const auto ranges = groups(level.size(), capacity);
        const bool isRootLevel = ranges.size() == 1;
        std::vector<RtreeEntry> above;
        for (const auto &[begin, end] : ranges) {
            Node packed {isRootLevel ? ROOT : nextNumber++, {}, {}};
            packed.cells.assign(level.begin() + qsizetype(begin), level.begin() + qsizetype(end));
            for (const RtreeEntry &cell : packed.cells)
                packed.box.expand(cell.box);

            writer.node.bindInt(1, packed.number);
            writer.node.bindBlob(2, encodeNode(packed, nodeSize, depth));
            if (auto done = writer.run(writer.node, doing); !done)
                return done;
            for (const RtreeEntry &cell : packed.cells) {
                SqliteStatement &link = depth == 0 ? writer.rowid : writer.parent;
                link.bindInt(1, cell.id);
                link.bindInt(2, packed.number);
                if (auto done = writer.run(link, doing); !done)
                    return done;
            }
            above.push_back(RtreeEntry {packed.number, packed.box});
        }
        if (isRootLevel)
            return {};
        level = std::move(above);
        ++depth;
    }
}

} // namespace GridDesk
