// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/casetime.h"

#include <QString>

#include <optional>

namespace GridDesk::FeedTime {

/// Reads a time as hotline and 311 exports write it: "03/01/2011 02:27:57 PM",
/// "01/06/2018 10:18:29 AM", "2018-01-06 10:18:29", ISO 8601 with or without an offset, a
/// date alone … Times without an offset stay without one. Empty for text it cannot read.
std::optional<CaseTime> parse(const QString &text);

} // namespace GridDesk::FeedTime
