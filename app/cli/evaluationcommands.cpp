// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "clicontext.h"

#include "evaluation/evaluationexport.h"
#include "evaluation/evaluationpdf.h"
#include "evaluation/evaluator.h"
#include "storage/workspace.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonDocument>

namespace GridDesk::Cli {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Cli)
};

/// The filter the options describe, or a message saying which option is wrong.
Result<EvaluationFilter> filterFrom(Context &context)
{
    EvaluationFilter filter;
    if (auto days = readDayOptions(context, filter.from, filter.to); !days)
        return std::unexpected(days.error());
    if (context.isSet("last")) {
        if (context.isSet("from") || context.isSet("to")) {
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("--last takes the place of --from and --to; give one or the other."));
        }
        const auto last = periodFromKey(context.value("last"));
        if (!last || *last == Period::None) {
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("unknown period \"%1\" for --last; use one of %2.")
                    .arg(context.value("last"), periodKeys()));
        }
        QDate on = QDate::currentDate();
        if (context.isSet("on")) {
            auto day = EvaluationFilter::parseDate(context.value("on"), QStringLiteral("--on"));
            if (!day)
                return std::unexpected(day.error());
            on = *day;
        }
        std::tie(filter.from, filter.to) = EvaluationFilter::periodBefore(*last, on);
    } else if (context.isSet("on")) {
        return fail(ErrorCode::InvalidArgument, Tr::tr("--on goes with --last."));
    }
    if (context.isSet("by")) {
        const auto grouping = groupingFromKey(context.value("by"));
        if (!grouping || *grouping == Grouping::None) {
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("unknown grouping \"%1\" for --by; use one of %2 (periods go with "
                       "--period %3).")
                    .arg(context.value("by"), groupingKeys(), periodKeys()));
        }
        filter.groupBy = *grouping;
    }
    if (context.isSet("period")) {
        const auto period = periodFromKey(context.value("period"));
        if (!period || *period == Period::None) {
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("unknown period \"%1\" for --period; use one of %2.")
                    .arg(context.value("period"), periodKeys()));
        }
        filter.period = *period;
    }
    filter.user = context.value("as").trimmed();
    if (auto valid = filter.validate(); !valid)
        return std::unexpected(valid.error());
    return filter;
}

QString shown(Indicator indicator, const IndicatorValue &value)
{
    if (!value.value)
        return QStringLiteral("-");
    if (isRate(indicator)) {
        return QStringLiteral("%1% (%2/%3)")
            .arg(*value.value * 100.0, 0, 'f', 1)
            .arg(value.numerator)
            .arg(value.denominator);
    }
    if (indicator == Indicator::Satisfaction || indicator == Indicator::HotlineSatisfaction)
        return QStringLiteral("%1 (%2 cases)").arg(*value.value, 0, 'f', 2).arg(value.denominator);
    return QString::number(value.numerator);
}

void printGroup(Context &context, const EvaluationGroup &group, const QString &title)
{
    context.out << title << '\n';
    for (Indicator indicator : allIndicators()) {
        context.out << "  " << indicatorName(indicator).leftJustified(34) << ' '
                    << shown(indicator, group.value(indicator)) << '\n';
    }
    for (int stage = 0; stage < int(Stage::Count); ++stage) {
        const StageTime time = group.stageTime(Stage(stage));
        if (time.count == 0)
            continue;
        context.out << "  "
                    << Tr::tr(
                           "%1: mean %2 h, median %3 h over %n stage(s)", nullptr, int(time.count))
                           .arg(stageName(Stage(stage)))
                           .arg(*time.meanHours, 0, 'f', 1)
                           .arg(*time.medianHours, 0, 'f', 1)
                    << '\n';
    }
}

void printScores(Context &context, const QList<UnitScore> &scores)
{
    for (const UnitScore &score : scores) {
        const QString rank = score.rank ? QString::number(*score.rank) : QStringLiteral("-");
        const QString value =
            score.score ? QString::number(*score.score, 'f', 1) : QStringLiteral("-");
        context.out << "  " << rank.rightJustified(3) << "  " << value.rightJustified(5) << "  "
                    << Tr::tr("%1 %2 (%n case(s))", nullptr, int(score.cases))
                           .arg(score.unit, score.unitName)
                    << '\n';
    }
}

void printText(Context &context, const EvaluationReport &report)
{
    context.out << report.filter.describe() << '\n'
                << Tr::tr("Jurisdiction: %1").arg(report.jurisdiction) << "\n\n";
    printGroup(context, report.total, Tr::tr("All cases"));
    for (const EvaluationGroup &group : report.groups) {
        QString title = EvaluationReport::keyLabel(report.filter.groupBy, group.key());
        if (!group.period().isEmpty())
            title = report.filter.groupBy == Grouping::None
                ? group.period()
                : Tr::tr("%1, %2").arg(group.period(), title);
        context.out << '\n';
        printGroup(context, group, title);
    }
    context.out << '\n' << Tr::tr("Unit ranking (rank, score, unit):") << '\n';
    printScores(context, report.ranking);
    if (!report.unranked.isEmpty()) {
        context.out << Tr::tr("Not ranked (fewer than %1 cases or nothing to score):")
                           .arg(report.weights.minimumCases)
                    << '\n';
        printScores(context, report.unranked);
    }
    context.out << '\n';
    for (const QString &note : report.notes)
        context.out << Tr::tr("Note: %1").arg(note) << '\n';
}

/// Checks the output options before anything is computed: at most one output, and a file
/// that may be written. A periodic report's file name may hold {period}, which becomes the
/// key of the period the report counts.
Result<QString> outputTarget(Context &context, const EvaluationFilter &filter)
{
    const int outputs =
        int(context.isSet("json")) + int(context.isSet("csv")) + int(context.isSet("pdf"));
    if (outputs > 1)
        return fail(ErrorCode::InvalidArgument, Tr::tr("choose one of --json, --csv and --pdf."));
    QString target = context.isSet("csv") ? context.value("csv") : context.value("pdf");
    if (target.isEmpty())
        return target;
    const QString placeholder = QStringLiteral("{period}");
    if (target.contains(placeholder)) {
        if (!context.isSet("last") || !filter.from) {
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("{period} in %1 names the period of --last; add --last.").arg(target));
        }
        target.replace(placeholder,
            EvaluationFilter::periodKeyOf(*periodFromKey(context.value("last")), *filter.from));
    }
    if (QFileInfo::exists(target) && !context.isSet("overwrite")) {
        return fail(
            ErrorCode::Conflict, Tr::tr("%1 exists; add --overwrite to replace it.").arg(target));
    }
    const QFileInfo folder(QFileInfo(target).absolutePath());
    if (!folder.isDir() || !folder.isWritable()) {
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("%1 cannot be written: the folder %2 does not exist or is not writable.")
                .arg(target, folder.filePath()));
    }
    return target;
}

} // namespace

int evaluationCommand(Context &context)
{
    if (context.positional.size() != 2)
        return usageError(context, Tr::tr("evaluation needs a WORKSPACE."));
    auto filter = filterFrom(context);
    if (!filter)
        return usageError(context, filter.error().message);
    auto target = outputTarget(context, *filter);
    if (!target) {
        return target.error().code == ErrorCode::Conflict
            ? failWith(context, target.error())
            : usageError(context, target.error().message);
    }
    auto workspace = openExistingWorkspace(context.positional.at(1));
    if (!workspace)
        return failWith(context, workspace.error());
    auto report = Evaluator::run(**workspace, *filter);
    if (!report)
        return failWith(context, report.error());

    if (context.isSet("json")) {
        printJson(context, EvaluationExport::toJson(*report));
        return OK;
    }
    if (context.isSet("csv") || context.isSet("pdf")) {
        auto written = context.isSet("csv")
            ? EvaluationExport::writeFile(*target, EvaluationExport::toCsv(*report))
            : writeEvaluationPdf(*report, *target);
        if (!written)
            return failWith(context, written.error());
        context.out << Tr::tr("%1: %n case(s); %2", nullptr, int(report->total.caseCount()))
                           .arg(*target, report->filter.describe())
                    << '\n';
        return OK;
    }
    printText(context, *report);
    return OK;
}

int evaluationWeightsCommand(Context &context)
{
    if (context.positional.size() != 2)
        return usageError(context, Tr::tr("evaluation-weights needs a WORKSPACE."));
    auto workspace = openExistingWorkspace(context.positional.at(1));
    if (!workspace)
        return failWith(context, workspace.error());
    auto weights = EvaluationWeights::load(**workspace);
    if (!weights)
        return failWith(context, weights.error());

    const QStringList settings = context.parser.values(QStringLiteral("set"));
    for (const QString &setting : settings) {
        const qsizetype equals = setting.indexOf(u'=');
        if (equals <= 0)
            return usageError(context,
                Tr::tr("--set needs INDICATOR=WEIGHT, such as closure_rate=30, not \"%1\".")
                    .arg(setting));
        if (auto set = weights->set(setting.left(equals), setting.mid(equals + 1)); !set)
            return usageError(context, set.error().message);
    }
    if (context.isSet("minimum-cases")) {
        bool ok = false;
        weights->minimumCases = context.value("minimum-cases").toInt(&ok);
        if (!ok || weights->minimumCases < 1)
            return usageError(context,
                Tr::tr("--minimum-cases must be a whole number of at least 1, not \"%1\".")
                    .arg(context.value("minimum-cases")));
    }
    const bool changes = !settings.isEmpty() || context.isSet("minimum-cases");
    if (changes) {
        if (auto saved = weights->save(**workspace); !saved)
            return failWith(context, saved.error());
    }

    if (context.isSet("json")) {
        printJson(context, weights->toJson());
        return OK;
    }
    for (Indicator indicator : scoredIndicators()) {
        context.out << Tr::tr("%1 (%2, clause %3): %4")
                           .arg(indicatorKey(indicator), indicatorName(indicator),
                               indicatorClause(indicator))
                           .arg(weights->weights.value(indicator))
                    << '\n';
    }
    context.out << Tr::tr("Units are ranked from %n case(s).", nullptr, weights->minimumCases)
                << '\n';
    return OK;
}

} // namespace GridDesk::Cli
