// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "sqlfunctions.h"

#include "geopackageblob.h"

#include <sqlite3.h>

#include <QCoreApplication>
#include <QSqlDriver>
#include <QVariant>

namespace GridDesk::SqlFunctions {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::SqlFunctions)
};

enum class Part { MinX, MaxX, MinY, MaxY, IsEmpty };

void evaluate(sqlite3_context *context, int argc, sqlite3_value **argv)
{
    const auto part = Part(reinterpret_cast<quintptr>(sqlite3_user_data(context)));
    if (argc != 1 || sqlite3_value_type(argv[0]) != SQLITE_BLOB) {
        sqlite3_result_null(context);
        return;
    }
    const auto *bytes = static_cast<const char *>(sqlite3_value_blob(argv[0]));
    const int size = sqlite3_value_bytes(argv[0]);
    const auto decoded = GeoPackageBlob::decode(QByteArrayView(bytes, size));
    if (!decoded) {
        sqlite3_result_null(context);
        return;
    }
    const bool empty = decoded->empty || decoded->envelope.isEmpty();
    if (part == Part::IsEmpty) {
        sqlite3_result_int(context, empty ? 1 : 0);
        return;
    }
    if (empty) {
        sqlite3_result_null(context);
        return;
    }
    const BoundingBox &box = decoded->envelope;
    const double value = part == Part::MinX ? box.west
        : part == Part::MaxX                ? box.east
        : part == Part::MinY                ? box.south
                                            : box.north;
    sqlite3_result_double(context, value);
}
} // namespace

Result<void> registerGeoPackageFunctions(const QSqlDatabase &database)
{
    const QVariant handle = database.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return fail(ErrorCode::Database,
            Tr::tr("The SQLite driver does not expose its connection handle."));
    sqlite3 *connection = *static_cast<sqlite3 *const *>(handle.data());

    const std::pair<const char *, Part> functions[] = {
        {"ST_MinX", Part::MinX},
        {"ST_MaxX", Part::MaxX},
        {"ST_MinY", Part::MinY},
        {"ST_MaxY", Part::MaxY},
        {"ST_IsEmpty", Part::IsEmpty},
    };
    for (const auto &[name, part] : functions) {
        const int rc =
            sqlite3_create_function_v2(connection, name, 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                reinterpret_cast<void *>(quintptr(part)), &evaluate, nullptr, nullptr, nullptr);
        if (rc != SQLITE_OK)
            return fail(ErrorCode::Database,
                Tr::tr("The SQL function %1 could not be registered: %2")
                    .arg(QLatin1String(name), QString::fromUtf8(sqlite3_errstr(rc))));
    }
    return {};
}

} // namespace GridDesk::SqlFunctions
