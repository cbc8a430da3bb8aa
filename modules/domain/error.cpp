// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "error.h"

namespace GridDesk {

Error Error::at(const QString &where) const
{
    return Error {code, where + QStringLiteral(": ") + message};
}

} // namespace GridDesk
