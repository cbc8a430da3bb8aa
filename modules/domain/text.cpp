// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "text.h"

#include <algorithm>

namespace GridDesk {

bool isBlankText(const QString &text)
{
    return std::all_of(text.begin(), text.end(),
        [](QChar c) { return c.isSpace() || c.category() == QChar::Other_Format; });
}

QString printableText(QString text)
{
    for (QChar &c : text) {
        if (c.category() == QChar::Other_Control)
            c = u' ';
    }
    return text;
}

bool looksLikeSpreadsheetFormula(const QString &text)
{
    return !text.isEmpty() && QStringLiteral("=+-@\t\r").contains(text.front());
}

QString csvField(const QString &given)
{
    // A name such as "=HYPERLINK(…)" must reach a spreadsheet as text, not run as a formula.
    const QString text = looksLikeSpreadsheetFormula(given) ? u'\'' + given : given;
    const bool plain = !text.contains(u',') && !text.contains(u'"') && !text.contains(u'\n')
        && !text.contains(u'\r');
    if (plain)
        return text;
    return u'"' + QString(text).replace(QStringLiteral("\""), QStringLiteral("\"\"")) + u'"';
}

} // namespace GridDesk
