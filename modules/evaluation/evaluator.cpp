// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "evaluator.h"

#include "historystream.h"
#include "jurisdiction.h"
#include "logging.h"

#include "patrol/patrolbook.h"
#include "storage/workspace.h"
#include "workflow/workflowsetup.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>

#include <algorithm>
#include <future>
#include <vector>

namespace GridDesk::Evaluator {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Evaluation)
};

using GroupKey = std::pair<QString, QString>;

/// Cases handed to the counting thread at a time.
constexpr qsizetype BATCH_SIZE = 4096;

bool inPeriod(const EvaluationFilter &filter, const QDate &day)
{
    return (!filter.from || day >= *filter.from) && (!filter.to || day <= *filter.to);
}

QList<EvaluationGroup> sorted(QHash<GroupKey, EvaluationGroup> &&groups)
{
    QList<EvaluationGroup> list;
    list.reserve(groups.size());
    for (auto it = groups.begin(); it != groups.end(); ++it)
        list << std::move(it.value());
    std::sort(list.begin(), list.end(), [](const auto &a, const auto &b) {
        if (a.period() != b.period())
            return a.period() < b.period();
        return a.key() < b.key();
    });
    return list;
}

/// What the reader must know about the figures whatever the cases are.
QStringList standingNotes(const EvaluationGroup &total)
{
    QStringList notes;
    notes << Tr::tr("First discovery counts cases reported through %1 or found on a patrol "
                    "(reported during an imported patrol track, near it, by the patroller or "
                    "through grid staff), and not merged into another case as a duplicate.")
                 .arg(CaseFacts::firstDiscoveryChannels().join(QStringLiteral(", ")));
    notes << Tr::tr("Hotline reporters contacted first counts the dispatched hotline cases whose "
                    "reporter was called (the action \"Contact the reporter\") within %n hours "
                    "of the report.",
        nullptr, CaseFacts::FIRST_CONTACT_HOURS);
    if (total.value(Indicator::Evaluated).numerator == 0) {
        notes << Tr::tr("No case of the report has a satisfaction recorded: satisfaction is "
                        "left out of every score.");
    }
    return notes;
}

/// Counts each case in the groups it falls in, when it lies in the period and the user may
/// see it.
class Tally
{
public:
    Tally(const EvaluationFilter &filter, const WorkflowSetup &setup, Jurisdiction &jurisdiction,
        const QSet<qint64> &patrolCredited, EvaluationGroup &total)
        : m_filter(filter)
        , m_setup(setup)
        , m_patrolCredited(patrolCredited)
        , m_jurisdiction(jurisdiction)
        , m_total(total)
        , m_unitsAreGroups(filter.groupBy == Grouping::Unit && filter.period == Period::None)
    { }

    void count(const HistoryStream::Case &item)
    {
        const CaseFacts facts =
            CaseFacts::of(item.events, m_setup.categories, m_setup.calendar, item.gridCode,
                item.category, m_patrolCredited.contains(item.events.constFirst().caseId));
        if (!inPeriod(m_filter, facts.reportedAt.date()))
            return;
        if (!m_jurisdiction.sees(facts.leadUnit, facts.coUnits, facts.gridCode)) {
            ++m_hidden;
            return;
        }
        m_total.add(facts);
        const bool grouped = m_filter.groupBy != Grouping::None || m_filter.period != Period::None;
        if (grouped) {
            addTo(m_groups,
                {Evaluator::groupKey(m_filter.groupBy, facts),
                    m_filter.periodOf(facts.reportedAt.date())},
                facts);
        }
        if (!m_unitsAreGroups)
            addTo(m_units, {facts.leadUnit, QString()}, facts);
    }

    QList<EvaluationGroup> takeGroups() { return sorted(std::move(m_groups)); }
    /// The groups by unit, for the scores; groups is what takeGroups() returned.
    QList<EvaluationGroup> takeUnits(const QList<EvaluationGroup> &groups)
    {
        return m_unitsAreGroups ? groups : sorted(std::move(m_units));
    }
    qint64 hidden() const { return m_hidden; }

private:
    static void addTo(
        QHash<GroupKey, EvaluationGroup> &groups, const GroupKey &key, const CaseFacts &facts)
    {
        auto group = groups.find(key);
        if (group == groups.end())
            group = groups.insert(key, EvaluationGroup(key.first, key.second));
        group->add(facts);
    }

    const EvaluationFilter &m_filter;
    const WorkflowSetup &m_setup;
    const QSet<qint64> &m_patrolCredited;
    Jurisdiction &m_jurisdiction;
    EvaluationGroup &m_total;
    const bool m_unitsAreGroups;
    QHash<GroupKey, EvaluationGroup> m_groups;
    QHash<GroupKey, EvaluationGroup> m_units;
    qint64 m_hidden = 0;
};

/// Reads every history of workspace up to cutoff and has tally count it. Stepping through the
/// rows and making them into events take about as long as each other: the rows are read here
/// in batches, and each batch's events are made and counted on a second thread while the next
/// batch is read. One batch is counted at a time, in id order, so the decoder and the tally
/// need no lock and the tally's groups keep their ids sorted. A counted batch comes back to be
/// cleared and refilled here, on the thread that allocated it, so that its memory goes back
/// to the allocator arena it came from. Returns the number of cases read.
Result<qint64> readInBatches(const Workspace &workspace, const QString &cutoff, Tally &tally)
{
    using Batch = HistoryStream::Batch;
    struct Counted
    {
        Batch batch;
        Result<void> result;
    };
    HistoryStream::Decoder decoder;
    auto countBatch = [&tally, &decoder](Batch batch) {
        Result<void> result =
            decoder.decode(batch, [&tally](const HistoryStream::Case &item) { tally.count(item); });
        return Counted {std::move(batch), std::move(result)};
    };
    std::future<Counted> counting;
    auto take = [&](Batch &full) -> Result<void> {
        Batch recycled;
        if (counting.valid()) {
            Counted counted = counting.get();
            if (!counted.result)
                return std::unexpected(counted.result.error());
            recycled = std::move(counted.batch);
        }
        counting = std::async(std::launch::async, countBatch, std::move(full));
        recycled.clear();
        full = std::move(recycled);
        return {};
    };

    auto read = HistoryStream::forEachBatch(workspace, cutoff, BATCH_SIZE, take);
    Result<void> counted;
    if (counting.valid())
        counted = counting.get().result;
    if (!read)
        return std::unexpected(read.error());
    if (!counted)
        return std::unexpected(counted.error());
    return *read;
}

} // namespace

QString groupKey(Grouping grouping, const CaseFacts &facts)
{
    switch (grouping) {
    case Grouping::Unit:
        return facts.leadUnit;
    case Grouping::Grid:
        return facts.gridCode;
    case Grouping::Category:
        return facts.category;
    case Grouping::Source:
        return facts.channel;
    case Grouping::None:
    case Grouping::Count:
        break;
    }
    return {};
}

Result<EvaluationReport> run(const Workspace &workspace, const EvaluationFilter &filter)
{
    if (auto valid = filter.validate(); !valid)
        return std::unexpected(valid.error());
    auto setup = WorkflowSetup::load(workspace);
    if (!setup)
        return std::unexpected(setup.error());
    auto jurisdiction = Jurisdiction::of(workspace, *setup, filter.user);
    if (!jurisdiction)
        return std::unexpected(jurisdiction.error());
    auto weights = EvaluationWeights::load(workspace);
    if (!weights)
        return std::unexpected(weights.error());
    auto patrolCredited = PatrolBook::creditedCaseIds(workspace, filter.from, filter.to);
    if (!patrolCredited)
        return std::unexpected(patrolCredited.error());

    EvaluationReport report;
    report.filter = filter;
    report.jurisdiction = jurisdiction->describe();
    report.workspaceTitle = workspace.metadata(QStringLiteral("title"));
    report.madeAt = QDateTime::currentDateTimeUtc();
    report.weights = *weights;

    QElapsedTimer timer;
    timer.start();
    Tally tally(filter, *setup, *jurisdiction, *patrolCredited, report.total);
    auto read = readInBatches(workspace, filter.cutoffText(), tally);
    if (!read)
        return std::unexpected(read.error());

    report.groups = tally.takeGroups();
    rankUnits(report, tally.takeUnits(report.groups), [&](const QString &code) {
        const auto unit = setup->units.unit(code);
        return unit ? unit->name : QString();
    });
    report.notes = standingNotes(report.total) + report.notes;
    if (tally.hidden() > 0 && !jurisdiction->isEverything()) {
        report.notes << Tr::tr("%n case(s) of the period lie outside the user's jurisdiction "
                               "and are not counted.",
            nullptr, int(std::min<qint64>(tally.hidden(), INT_MAX)));
    }
    qCInfo(lcEvaluation) << "evaluated" << *read << "cases," << report.total.caseCount()
                         << "in the report, in" << timer.elapsed() << "ms";
    return report;
}

} // namespace GridDesk::Evaluator
