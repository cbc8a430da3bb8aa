// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "caserecord.h"

namespace GridDesk {

void CaseRecord::addFlag(const char *flag)
{
    if (!hasFlag(flag))
        flags << QLatin1String(flag);
}

} // namespace GridDesk
