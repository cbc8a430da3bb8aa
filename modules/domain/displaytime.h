// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include <QDateTime>
#include <QString>

namespace GridDesk {

/// How the desk writes a moment to the minute, in the interface's language (QLocale()): the
/// language's short date with all four digits of the year, then its short time — "2026/3/4
/// 09:05" in Chinese, "3/4/2026 9:05 AM" in American English. Where no language was chosen
/// (the C locale of scripts and tests) it is "2026-03-04 09:05".
QString displayDateTimeFormat();

/// at written as displayDateTimeFormat() says; empty when at is not valid.
QString displayDateTime(const QDateTime &at);

} // namespace GridDesk
