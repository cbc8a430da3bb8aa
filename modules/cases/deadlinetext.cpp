// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "deadlinetext.h"

#include "domain/displaytime.h"
#include "worktime/workcalendar.h"

#include <QCoreApplication>

#include <cmath>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::DeadlineText)
};

constexpr qint64 MINUTE = 60;
constexpr qint64 HOUR = 60 * MINUTE;
constexpr qint64 DAY = 24 * HOUR;

QString deadlineToolTip(const QDateTime &deadline, bool workingTime)
{
    const QString when = displayDateTime(deadline);
    //: %1 is a date and time
    return workingTime ? Tr::tr("Deadline %1 (time left counted in working hours)").arg(when)
                       : Tr::tr("Deadline %1").arg(when);
}

} // namespace

QColor DeadlineShown::foreground() const
{
    if (suspended)
        return QColor(0x4a, 0x4a, 0x4a);
    switch (state) {
    case DeadlineState::Overdue:
        return QColor(0x9b, 0x10, 0x10);
    case DeadlineState::Warning:
        return QColor(0x7a, 0x4a, 0x00);
    case DeadlineState::OnTime:
        return QColor(0x1d, 0x5e, 0x20);
    case DeadlineState::None:
        break;
    }
    return {};
}

QColor DeadlineShown::background() const
{
    if (suspended)
        return QColor(0xe6, 0xe6, 0xe6);
    switch (state) {
    case DeadlineState::Overdue:
        return QColor(0xfc, 0xdc, 0xd8);
    case DeadlineState::Warning:
        return QColor(0xff, 0xef, 0xc0);
    default:
        return {};
    }
}

QString durationText(qint64 seconds)
{
    seconds = std::max<qint64>(0, seconds);
    if (seconds < HOUR)
        return Tr::tr("%n min", nullptr, int(std::max<qint64>(1, seconds / MINUTE)));
    if (seconds < 2 * DAY)
        return Tr::tr("%n h", nullptr, int(seconds / HOUR));
    const int days = int(seconds / DAY);
    const int hours = int((seconds % DAY) / HOUR);
    if (hours == 0 || days >= 10)
        return Tr::tr("%n d", nullptr, days);
    //: days and hours, e.g. "2 d 4 h"
    return Tr::tr("%1 d %2 h").arg(days).arg(hours);
}

DeadlineShown describeDeadline(const WorkCalendar &calendar, const QList<double> &warningFractions,
    const QDateTime &started, const QDateTime &deadline, const QDateTime &now, bool suspended,
    bool workingTime)
{
    DeadlineShown shown;
    if (!deadline.isValid())
        return shown;
    shown.toolTip = deadlineToolTip(deadline, workingTime);
    if (suspended) {
        shown.suspended = true;
        shown.text = Tr::tr("Clock stopped");
        shown.toolTip += u'\n' + Tr::tr("The clock stands still until the material arrives.");
        return shown;
    }

    const DeadlineStatus status =
        deadlineStatus(calendar, started, deadline, now, warningFractions, workingTime);
    shown.state = status.state;
    switch (status.state) {
    case DeadlineState::Overdue: {
        const qint64 late = QDateTime(deadline.date(), deadline.time(), Qt::UTC)
                                .secsTo(QDateTime(now.date(), now.time(), Qt::UTC));
        //: %1 is how long ago the deadline passed, e.g. "2 h"
        shown.text = Tr::tr("Overdue %1").arg(durationText(late));
        break;
    }
    case DeadlineState::Warning: {
        const int percent = int(std::lround(status.passedFraction.value_or(0) * 100));
        //: %1 is the time left, e.g. "3 h"; %2 the share of the time used, e.g. 80
        shown.text = Tr::tr("Due in %1 (%2 %)").arg(durationText(status.secondsLeft)).arg(percent);
        break;
    }
    case DeadlineState::OnTime:
        shown.text = Tr::tr("Due in %1").arg(durationText(status.secondsLeft));
        break;
    case DeadlineState::None:
        break;
    }
    return shown;
}

} // namespace GridDesk
