// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "error.h"

#include <QCoreApplication>

namespace GridDesk {

Error Error::at(const QString &where) const
{
    //: where something went wrong, then what: "grids.shp, row 12: the geometry is invalid"
    return Error {
        code, QCoreApplication::translate("GridDesk::Error", "%1: %2").arg(where, message)};
}

} // namespace GridDesk
