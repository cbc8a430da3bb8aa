// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include <QString>

namespace GridDesk {

/// Whether text says nothing: only spaces and invisible formatting characters (zero-width
/// spaces, direction marks). Reasons and notes must say something.
bool isBlankText(const QString &text);

/// text with control characters (terminal escapes, line breaks, tabs) shown as spaces: what
/// people and feeds typed must not steer a terminal or break a line-per-record listing.
QString printableText(QString text);

/// Whether a spreadsheet opening a CSV cell holding text would run it as a formula (it starts
/// with =, +, -, @, a tab or a carriage return). CSV exports put an apostrophe before such text.
bool looksLikeSpreadsheetFormula(const QString &text);

/// text as one CSV field: quoted when it holds a comma, a quote or a line break, and with an
/// apostrophe before it when a spreadsheet would take it for a formula.
QString csvField(const QString &text);

} // namespace GridDesk
