// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "orgterms.h"

#include <QCoreApplication>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::OrgEdit)
};

} // namespace

QString unitKindName(UnitKind kind)
{
    return kind == UnitKind::Joint ? Tr::tr("Joint-handling unit") : Tr::tr("Tier unit");
}

QColor unitColour(const ChartUnit &unit)
{
    if (unit.kind == UnitKind::Joint)
        return QColor(0x8e, 0x44, 0xad);
    static const QColor tiers[] = {QColor(0xc0, 0x39, 0x2b), QColor(0xd3, 0x54, 0x00),
        QColor(0xb7, 0x95, 0x0b), QColor(0x27, 0xae, 0x60), QColor(0x29, 0x80, 0xb9),
        QColor(0x7f, 0x8c, 0x8d)};
    return tiers[std::clamp(unit.tier, 1, 6) - 1];
}

QString unitTitle(const ChartUnit &unit)
{
    //: %1 is an org unit's name, %2 its code
    return unit.name.isEmpty() ? unit.code : Tr::tr("%1 (%2)").arg(unit.name, unit.code);
}

} // namespace GridDesk
