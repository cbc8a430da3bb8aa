// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "displaytime.h"

#include <QLocale>

namespace GridDesk {

QString displayDateTimeFormat()
{
    const QLocale locale;
    if (locale.language() == QLocale::C)
        return QStringLiteral("yyyy-MM-dd HH:mm");
    QString date = locale.dateFormat(QLocale::ShortFormat);
    // Case files are kept for years: two digits of the year are not enough to read them by.
    if (!date.contains(QLatin1String("yyyy")))
        date.replace(QLatin1String("yy"), QLatin1String("yyyy"));
    return date + u' ' + locale.timeFormat(QLocale::ShortFormat);
}

QString displayDateTime(const QDateTime &at)
{
    return at.isValid() ? QLocale().toString(at, displayDateTimeFormat()) : QString();
}

} // namespace GridDesk
