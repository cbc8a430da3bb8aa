// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "clicontext.h"

#include "evaluation/evaluationfilter.h"
#include "patrol/patrolbook.h"
#include "storage/workspace.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>

namespace GridDesk::Cli {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Cli)
};

QString isoTime(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QString percent(double share)
{
    return QStringLiteral("%1%").arg(share * 100.0, 0, 'f', 1);
}

QJsonArray coverageJson(const QList<GridCoverage> &coverage)
{
    QJsonArray grids;
    for (const GridCoverage &grid : coverage) {
        grids.append(QJsonObject {{QStringLiteral("grid"), grid.gridCode},
            {QStringLiteral("share"), grid.share()},
            {QStringLiteral("covered_m2"), grid.coveredSquareMetres},
            {QStringLiteral("grid_m2"), grid.gridSquareMetres}});
    }
    return grids;
}

QJsonObject trackJson(const PatrolTrack &track)
{
    return {{QStringLiteral("id"), track.id}, {QStringLiteral("person"), track.person},
        {QStringLiteral("file"), track.sourceFile}, {QStringLiteral("format"), track.format},
        {QStringLiteral("started_at"), isoTime(track.startedAt)},
        {QStringLiteral("ended_at"), isoTime(track.endedAt)},
        {QStringLiteral("points"), track.pointCount},
        {QStringLiteral("length_m"), track.lengthMetres},
        {QStringLiteral("sight_m"), track.sightMetres}};
}

QJsonObject planJson(const PatrolPlan &plan)
{
    return {{QStringLiteral("id"), plan.id}, {QStringLiteral("grid"), plan.gridCode},
        {QStringLiteral("tasks"), plan.tasks}, {QStringLiteral("times"), plan.times},
        {QStringLiteral("per"), planPeriodKey(plan.per)}, {QStringLiteral("person"), plan.person},
        {QStringLiteral("post"), plan.post}, {QStringLiteral("min_share"), plan.minimumShare}};
}

QJsonObject planStatusJson(const PlanStatus &status)
{
    QJsonObject object = planJson(status.plan);
    const std::optional<bool> met = status.met();
    object.insert(QStringLiteral("met"), met ? QJsonValue(*met) : QJsonValue());
    QJsonArray slots;
    for (const PlanSlot &slot : status.slots) {
        slots.append(QJsonObject {{QStringLiteral("first"), slot.first.toString(Qt::ISODate)},
            {QStringLiteral("last"), slot.last.toString(Qt::ISODate)},
            {QStringLiteral("done"), slot.done}});
    }
    object.insert(QStringLiteral("slots"), slots);
    return object;
}

void printCoverage(Context &context, const QList<GridCoverage> &coverage)
{
    for (const GridCoverage &grid : coverage) {
        context.out << "  "
                    << Tr::tr("grid %1: %2 seen (%3 of %4 m²)")
                           .arg(grid.gridCode, percent(grid.share()))
                           .arg(grid.coveredSquareMetres, 0, 'f', 0)
                           .arg(grid.gridSquareMetres, 0, 'f', 0)
                    << '\n';
    }
}

void printTrack(Context &context, const PatrolTrack &track)
{
    context.out << Tr::tr("Patrol track %1 by %2 (%3): %n fix(es) from %4 to %5, %6 m, seeing "
                          "%7 m to each side",
        nullptr, track.pointCount)
                       .arg(track.id)
                       .arg(track.person, track.sourceFile, isoTime(track.startedAt),
                           isoTime(track.endedAt))
                       .arg(track.lengthMetres, 0, 'f', 0)
                       .arg(track.sightMetres)
                << '\n';
}

QString metText(const PlanStatus &status)
{
    const std::optional<bool> met = status.met();
    if (!met)
        return Tr::tr("not judged: the period holds no whole %1")
            .arg(planPeriodName(status.plan.per));
    return *met ? Tr::tr("met in all %n period(s)", nullptr, int(status.slots.size()))
                : Tr::tr("NOT met: %1 of %n period(s) had enough patrols", nullptr,
                    int(status.slots.size()))
                      .arg(status.slotsMet());
}

void printSummary(Context &context, const PatrolSummary &summary)
{
    if (summary.tracks.isEmpty())
        context.out << Tr::tr("No patrol track matches.") << '\n';
    for (const PatrolTrack &track : summary.tracks) {
        printTrack(context, track);
        printCoverage(context, summary.coverage.value(track.id));
        for (const PatrolCredit &credit : summary.credits) {
            if (credit.trackId != track.id)
                continue;
            context.out << "  "
                        << Tr::tr("case %1 found: reported by %2 at %3, %4 m from the path")
                               .arg(credit.caseId)
                               .arg(credit.reporter, isoTime(credit.reportedAt))
                               .arg(credit.distanceMetres, 0, 'f', 0)
                        << '\n';
        }
    }
    if (summary.plans.isEmpty())
        return;
    context.out << '\n'
                << Tr::tr("Patrol plans from %1 to %2:")
                       .arg(summary.first.toString(Qt::ISODate), summary.last.toString(Qt::ISODate))
                << '\n';
    for (const PlanStatus &status : summary.plans) {
        context.out << "  "
                    << Tr::tr("%1. grid %2, %3 (%4): %5")
                           .arg(status.plan.id)
                           .arg(status.plan.gridCode, status.plan.describe(), status.plan.tasks,
                               metText(status))
                    << '\n';
    }
}

Result<PatrolFilter> patrolFilter(Context &context)
{
    PatrolFilter filter;
    filter.gridCode = context.value("grid").trimmed();
    if (auto days = readDayOptions(context, filter.from, filter.to); !days)
        return std::unexpected(days.error());
    if (filter.from && filter.to && *filter.from > *filter.to) {
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("--from %1 lies after --to %2.")
                .arg(filter.from->toString(Qt::ISODate), filter.to->toString(Qt::ISODate)));
    }
    return filter;
}

/// plan with the fields the options set: a new plan from an empty one, an edited plan from
/// the one kept. --person and --post each replace the other.
Result<PatrolPlan> planFromOptions(Context &context, PatrolPlan plan)
{
    if (context.isSet("grid"))
        plan.gridCode = context.value("grid").trimmed();
    if (context.isSet("tasks"))
        plan.tasks = context.value("tasks").trimmed();
    if (context.isSet("person") || context.isSet("post")) {
        plan.person = context.value("person").trimmed();
        plan.post = context.value("post").trimmed();
    }
    bool ok = true;
    if (context.isSet("times"))
        plan.times = context.value("times").toInt(&ok);
    if (!ok) {
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("--times takes a whole number, not \"%1\".").arg(context.value("times")));
    }
    if (context.isSet("per")) {
        const auto per = planPeriodFromKey(context.value("per"));
        if (!per) {
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("unknown period \"%1\" for --per; use one of %2.")
                    .arg(context.value("per"), planPeriodKeys()));
        }
        plan.per = *per;
    }
    if (context.isSet("min-share"))
        plan.minimumShare = context.value("min-share").toDouble(&ok);
    if (!ok) {
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("--min-share takes a number from 0 to 1, not \"%1\".")
                .arg(context.value("min-share")));
    }
    if (auto valid = plan.validate(); !valid)
        return std::unexpected(valid.error());
    return plan;
}

int listPlans(Context &context, PatrolBook &book)
{
    auto plans = book.plans(context.value("grid").trimmed());
    if (!plans)
        return failWith(context, plans.error());
    if (context.isSet("json")) {
        QJsonArray list;
        for (const PatrolPlan &plan : *plans)
            list.append(planJson(plan));
        printJson(context, list);
        return OK;
    }
    if (plans->isEmpty())
        context.out << Tr::tr("No patrol plan.") << '\n';
    for (const PatrolPlan &plan : *plans) {
        context.out << Tr::tr("%1. grid %2, %3: %4")
                           .arg(plan.id)
                           .arg(plan.gridCode, plan.describe(), plan.tasks)
                    << '\n';
    }
    return OK;
}

} // namespace

int patrolImportCommand(Context &context)
{
    if (context.positional.size() != 3)
        return usageError(context, Tr::tr("patrol-import needs a WORKSPACE and a FILE."));
    if (!context.isSet("person"))
        return usageError(context, Tr::tr("patrol-import needs --person, who patrolled."));
    double sight = PatrolBook::DEFAULT_SIGHT_METRES;
    if (context.isSet("sight")) {
        bool ok = false;
        sight = context.value("sight").toDouble(&ok);
        if (!ok || !(sight > 0.0)) {
            return usageError(context,
                Tr::tr("--sight takes a distance in metres above 0, not \"%1\".")
                    .arg(context.value("sight")));
        }
    }
    auto workspace = openExistingWorkspace(context.positional.at(1));
    if (!workspace)
        return failWith(context, workspace.error());
    PatrolBook book(**workspace);
    auto imported = book.importTrack(context.positional.at(2), context.value("person"), sight);
    if (!imported)
        return failWith(context, imported.error());

    if (context.isSet("json")) {
        printJson(context,
            QJsonObject {{QStringLiteral("track"), trackJson(imported->track)},
                {QStringLiteral("coverage"), coverageJson(imported->coverage)},
                {QStringLiteral("notes"), QJsonArray::fromStringList(imported->notes)}});
        return OK;
    }
    printTrack(context, imported->track);
    printCoverage(context, imported->coverage);
    for (const QString &note : imported->notes)
        context.out << note << '\n';
    return OK;
}

int patrolsCommand(Context &context)
{
    if (context.positional.size() != 2)
        return usageError(context, Tr::tr("patrols needs a WORKSPACE."));
    auto filter = patrolFilter(context);
    if (!filter)
        return usageError(context, filter.error().message);
    auto workspace = openExistingWorkspace(context.positional.at(1));
    if (!workspace)
        return failWith(context, workspace.error());
    PatrolBook book(**workspace);
    auto summary = book.summary(*filter);
    if (!summary)
        return failWith(context, summary.error());
    if (!context.isSet("json")) {
        printSummary(context, *summary);
        return OK;
    }

    QJsonArray tracks;
    for (const PatrolTrack &track : summary->tracks) {
        QJsonObject object = trackJson(track);
        object.insert(QStringLiteral("coverage"), coverageJson(summary->coverage.value(track.id)));
        QJsonArray credited;
        for (const PatrolCredit &credit : summary->credits) {
            if (credit.trackId == track.id)
                credited.append(credit.caseId);
        }
        object.insert(QStringLiteral("credited_cases"), credited);
        tracks.append(object);
    }
    QJsonArray credits;
    for (const PatrolCredit &credit : summary->credits) {
        credits.append(QJsonObject {{QStringLiteral("case"), credit.caseId},
            {QStringLiteral("track"), credit.trackId},
            {QStringLiteral("reporter"), credit.reporter},
            {QStringLiteral("channel"), credit.channel},
            {QStringLiteral("reported_at"), isoTime(credit.reportedAt)},
            {QStringLiteral("distance_m"), credit.distanceMetres}});
    }
    QJsonArray plans;
    for (const PlanStatus &status : summary->plans)
        plans.append(planStatusJson(status));
    auto day = [](const std::optional<QDate> &date) {
        return date ? QJsonValue(date->toString(Qt::ISODate)) : QJsonValue();
    };
    printJson(context,
        QJsonObject {{QStringLiteral("filter"),
                         QJsonObject {{QStringLiteral("grid"), filter->gridCode},
                             {QStringLiteral("from"), day(filter->from)},
                             {QStringLiteral("to"), day(filter->to)}}},
            {QStringLiteral("plans_judged_from"), day(summary->first)},
            {QStringLiteral("plans_judged_to"), day(summary->last)},
            {QStringLiteral("tracks"), tracks}, {QStringLiteral("credits"), credits},
            {QStringLiteral("plans"), plans}});
    return OK;
}

int editPlan(Context &context, PatrolBook &book, qint64 id)
{
    auto plans = book.plans();
    if (!plans)
        return failWith(context, plans.error());
    const auto kept = std::find_if(
        plans->cbegin(), plans->cend(), [id](const PatrolPlan &plan) { return plan.id == id; });
    if (kept == plans->cend())
        return failWith(
            context, {ErrorCode::NotFound, Tr::tr("There is no patrol plan %1.").arg(id)});
    auto plan = planFromOptions(context, *kept);
    if (!plan)
        return usageError(context, plan.error().message);
    if (auto updated = book.updatePlan(*plan); !updated)
        return failWith(context, updated.error());
    if (context.isSet("json")) {
        printJson(context, planJson(*plan));
        return OK;
    }
    context.out << Tr::tr("Patrol plan %1 changed: grid %2, %3.")
                       .arg(id)
                       .arg(plan->gridCode, plan->describe())
                << '\n';
    return OK;
}

int removePlan(Context &context, PatrolBook &book, qint64 id)
{
    if (auto removed = book.removePlan(id); !removed)
        return failWith(context, removed.error());
    context.out << Tr::tr("Patrol plan %1 removed.").arg(id) << '\n';
    return OK;
}

int patrolPlanCommand(Context &context)
{
    if (context.positional.size() < 3)
        return usageError(
            context, Tr::tr("patrol-plan needs a WORKSPACE and add, list, edit or remove."));
    const QString action = context.positional.at(2);
    const bool byId = action == QLatin1String("remove") || action == QLatin1String("edit");
    if (byId && context.positional.size() != 4)
        return usageError(context, Tr::tr("patrol-plan %1 needs the plan's ID.").arg(action));
    if (!byId && context.positional.size() != 3)
        return usageError(context, Tr::tr("patrol-plan %1 takes no further argument.").arg(action));
    if (!byId && action != QLatin1String("add") && action != QLatin1String("list")) {
        return usageError(context,
            Tr::tr("unknown patrol-plan action \"%1\"; use add, list, edit or remove.")
                .arg(action));
    }
    qint64 id = 0;
    if (byId) {
        bool ok = false;
        id = context.positional.at(3).toLongLong(&ok);
        if (!ok)
            return usageError(
                context, Tr::tr("\"%1\" is no plan ID.").arg(context.positional.at(3)));
    }
    Result<PatrolPlan> plan;
    if (action == QLatin1String("add")) {
        plan = planFromOptions(context, {});
        if (!plan)
            return usageError(context, plan.error().message);
    }
    auto workspace = openExistingWorkspace(context.positional.at(1));
    if (!workspace)
        return failWith(context, workspace.error());
    PatrolBook book(**workspace);

    if (action == QLatin1String("list"))
        return listPlans(context, book);
    if (action == QLatin1String("edit"))
        return editPlan(context, book, id);
    if (action == QLatin1String("remove"))
        return removePlan(context, book, id);
    auto added = book.addPlan(*plan);
    if (!added)
        return failWith(context, added.error());
    if (context.isSet("json")) {
        plan->id = *added;
        printJson(context, planJson(*plan));
        return OK;
    }
    context.out << Tr::tr("Patrol plan %1 added: grid %2, %3.")
                       .arg(*added)
                       .arg(plan->gridCode, plan->describe())
                << '\n';
    return OK;
}

} // namespace GridDesk::Cli
