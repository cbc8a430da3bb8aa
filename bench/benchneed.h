// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "benchsupport.h"

#include "domain/error.h"

#include <type_traits>

namespace GridDesk::Bench {

/// The value of result, or the benchmark stops saying what it was doing and why it failed.
template<typename T>
T need(Result<T> result, const char *doing)
{
    if (!result)
        stop(QStringLiteral("%1: %2").arg(QLatin1String(doing), result.error().message));
    if constexpr (!std::is_void_v<T>)
        return std::move(*result);
}

} // namespace GridDesk::Bench
