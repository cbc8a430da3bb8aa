// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "patrolplan.h"

#include "domain/posts.h"

#include <QCoreApplication>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Patrol)
};

/// The first day of the slot of per holding day.
QDate slotStart(PlanPeriod per, const QDate &day)
{
    switch (per) {
    case PlanPeriod::Week:
        return day.addDays(1 - day.dayOfWeek());
    case PlanPeriod::Month:
        return QDate(day.year(), day.month(), 1);
    case PlanPeriod::Day:
    case PlanPeriod::Count:
        break;
    }
    return day;
}

QDate slotEnd(PlanPeriod per, const QDate &start)
{
    switch (per) {
    case PlanPeriod::Week:
        return start.addDays(6);
    case PlanPeriod::Month:
        return start.addMonths(1).addDays(-1);
    case PlanPeriod::Day:
    case PlanPeriod::Count:
        break;
    }
    return start;
}

} // namespace

QString planPeriodKey(PlanPeriod period)
{
    switch (period) {
    case PlanPeriod::Day:
        return QStringLiteral("day");
    case PlanPeriod::Week:
        return QStringLiteral("week");
    case PlanPeriod::Month:
        return QStringLiteral("month");
    case PlanPeriod::Count:
        break;
    }
    return {};
}

QString planPeriodName(PlanPeriod period)
{
    switch (period) {
    case PlanPeriod::Day:
        return Tr::tr("day");
    case PlanPeriod::Week:
        return Tr::tr("week");
    case PlanPeriod::Month:
        return Tr::tr("month");
    case PlanPeriod::Count:
        break;
    }
    return {};
}

std::optional<PlanPeriod> planPeriodFromKey(const QString &key)
{
    for (int i = 0; i < int(PlanPeriod::Count); ++i) {
        if (planPeriodKey(PlanPeriod(i)).compare(key.trimmed(), Qt::CaseInsensitive) == 0)
            return PlanPeriod(i);
    }
    return std::nullopt;
}

QString planPeriodKeys()
{
    QStringList keys;
    for (int i = 0; i < int(PlanPeriod::Count); ++i)
        keys << planPeriodKey(PlanPeriod(i));
    return keys.join(QStringLiteral(", "));
}

QString PatrolPlan::describe() const
{
    //: %1 is a number of patrols, %2 day, week or month, %3 a person or a post
    const QString who = person.isEmpty() ? Tr::tr("anyone in post %1").arg(post) : person;
    return Tr::tr("%1 × a %2 by %3").arg(times).arg(planPeriodName(per), who);
}

Result<void> PatrolPlan::validate() const
{
    if (gridCode.trimmed().isEmpty())
        return fail(ErrorCode::MissingField, Tr::tr("A patrol plan needs the grid it covers."));
    if (tasks.trimmed().isEmpty())
        return fail(ErrorCode::MissingField, Tr::tr("A patrol plan needs what to check."));
    if (times < 1) {
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("A patrol plan needs at least one patrol a %1, not %2.")
                .arg(planPeriodName(per))
                .arg(times));
    }
    if (per == PlanPeriod::Count)
        return fail(ErrorCode::InvalidArgument, Tr::tr("A patrol plan needs a period."));
    if (person.trimmed().isEmpty() == post.trimmed().isEmpty()) {
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("A patrol plan names either a person or a post, not both and not neither."));
    }
    if (!post.isEmpty() && !postFromKey(post)) {
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("Unknown post \"%1\"; use one of %2.").arg(post, postKeys()));
    }
    if (!(minimumShare >= 0.0 && minimumShare <= 1.0)) {
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("The share of the grid a patrol must see lies between 0 and 1, not %1.")
                .arg(minimumShare));
    }
    return {};
}

std::optional<bool> PlanStatus::met() const
{
    if (slots.isEmpty())
        return std::nullopt;
    return slotsMet() == slots.size();
}

int PlanStatus::slotsMet() const
{
    int count = 0;
    for (const PlanSlot &slot : slots)
        count += slot.done >= plan.times ? 1 : 0;
    return count;
}

QList<PlanSlot> wholeSlots(PlanPeriod per, const QDate &first, const QDate &last)
{
    QList<PlanSlot> slots;
    if (!first.isValid() || !last.isValid() || last < first)
        return slots;
    QDate start = slotStart(per, first);
    if (start < first)
        start = slotEnd(per, start).addDays(1);
    for (; slotEnd(per, start) <= last; start = slotEnd(per, start).addDays(1))
        slots << PlanSlot {start, slotEnd(per, start), 0};
    return slots;
}

} // namespace GridDesk
