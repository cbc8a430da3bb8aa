// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "syncstate.h"

#include <algorithm>

namespace GridDesk {

int retryDelayMs(const SyncTiming &timing, int attempt)
{
    qint64 delay = std::max(timing.firstRetryMs, 1);
    // Doubling stops at the cap, so no attempt count can overflow it.
    for (int step = 1; step < attempt && delay < timing.maxRetryMs; ++step)
        delay *= 2;
    return int(std::min<qint64>(delay, timing.maxRetryMs));
}

} // namespace GridDesk
