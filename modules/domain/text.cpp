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

} // namespace GridDesk
