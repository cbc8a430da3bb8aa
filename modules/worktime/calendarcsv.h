// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "workcalendar.h"

#include "domain/error.h"

#include <QByteArray>
#include <QList>
#include <QString>

/// The holiday schedule file behind WorkCalendar::readCsv() and WorkCalendar::toCsv().
namespace GridDesk::CalendarCsv {

/// The days a schedule file lists, in file order. Fails on the first thing wrong, with
/// sourceName and the line number in the message.
Result<QList<CalendarDay>> read(const QByteArray &bytes, const QString &sourceName);

/// days (in the order given) as a schedule file: header, one CRLF-ended line per day.
QByteArray write(const QList<CalendarDay> &days);

} // namespace GridDesk::CalendarCsv
