// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "gridrows.h"

#include "gis/wkb.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QVariant>

namespace GridDesk::GridRows {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Editions)
};

QVariant optional(const std::optional<qint64> &value)
{
    return value ? QVariant(*value) : QVariant(QMetaType(QMetaType::LongLong));
}

std::optional<qint64> optional(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    return value.toLongLong();
}

} // namespace

Result<Grid> read(const QSqlQuery &query)
{
    Grid grid;
    grid.code = query.value(0).toString();
    grid.name = query.value(1).toString();
    grid.level = gridLevelFromKey(query.value(2).toString()).value_or(GridLevel::Base);
    grid.parentCode = query.value(3).toString();
    grid.supervisor = query.value(4).toString();
    grid.households = optional(query.value(5));
    grid.population = optional(query.value(6));
    grid.areaM2 = query.value(7).toDouble();
    grid.wkb = query.value(8).toByteArray();
    if (!grid.wkb.isEmpty()) {
        auto box = Wkb::envelope(grid.wkb);
        if (!box)
            return std::unexpected(box.error().at(Tr::tr("grid %1").arg(grid.code)));
        grid.bbox = *box;
    }
    return grid;
}

void bind(QSqlQuery &query, const Grid &grid)
{
    query.addBindValue(grid.code);
    query.addBindValue(grid.name.isNull() ? QStringLiteral("") : grid.name);
    query.addBindValue(gridLevelKey(grid.level));
    query.addBindValue(grid.parentCode.isEmpty() ? QVariant() : QVariant(grid.parentCode));
    query.addBindValue(grid.supervisor.isNull() ? QStringLiteral("") : grid.supervisor);
    query.addBindValue(optional(grid.households));
    query.addBindValue(optional(grid.population));
    query.addBindValue(grid.areaM2);
    query.addBindValue(grid.wkb);
}

bool same(const Grid &a, const Grid &b)
{
    return a.code == b.code && a.name == b.name && a.level == b.level
        && a.parentCode == b.parentCode && a.supervisor == b.supervisor
        && a.households == b.households && a.population == b.population && a.wkb == b.wkb;
}

} // namespace GridDesk::GridRows
