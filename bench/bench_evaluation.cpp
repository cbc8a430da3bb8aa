// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors

// griddesk-bench-evaluation: computes every evaluation indicator of a workspace (each case's
// history replayed, stage clocks with their deadlines, the groups by unit, scores and
// ranking) and times it beside one plain SQL aggregate pass over the same events, the
// headline counts a person would write by hand. Checks that the counts both can give agree.

#include "benchsupport.h"
#include "comparison.h"

#include "evaluation/evaluator.h"
#include "storage/sqlitestatement.h"
#include "storage/workspace.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTextStream>

using namespace GridDesk;

namespace {

constexpr int RUNS = 3;

/// One pass over case_events: reports, registrations, dispatches, closings, returns, failed
/// verifications, supervisions, evaluations with their mean, and reports from grid staff,
/// patrols and crews.
constexpr const char *PEER_SQL =
    "SELECT sum(sequence = 1), sum(action IN ('register', 'close_immediately')), "
    "sum(action = 'dispatch'), sum(action IN ('verify', 'close_immediately')), "
    "sum(action = 'return'), sum(action = 'fail_verification'), "
    "sum(action IN ('supervise', 'fail_verification')), sum(action = 'evaluate'), "
    "avg(CASE WHEN action = 'evaluate' THEN json_extract(data, '$.satisfaction') END), "
    "sum(sequence = 1 AND lower(json_extract(data, '$.channel')) IN ('grid_staff', 'video', "
    "'driver self report')), count(*) FROM case_events";

struct PeerCounts
{
    qint64 reports = 0;
    qint64 returns = 0;
    qint64 failedVerifications = 0;
    qint64 supervisions = 0;
    qint64 events = 0;
};

Result<PeerCounts> runPeer(const Workspace &workspace)
{
    auto statement = SqliteStatement::prepare(workspace.connection(), PEER_SQL);
    if (!statement)
        return std::unexpected(statement.error());
    auto row = statement->step(QStringLiteral("The aggregate query"));
    if (!row)
        return std::unexpected(row.error());
    return PeerCounts {statement->columnInt(0), statement->columnInt(4), statement->columnInt(5),
        statement->columnInt(6), statement->columnInt(10)};
}

bool agrees(const EvaluationReport &report, const PeerCounts &peer, QTextStream &out)
{
    const EvaluationGroup &total = report.total;
    const bool same = total.caseCount() == peer.reports
        && total.value(Indicator::Returns).numerator == peer.returns
        && total.value(Indicator::FailedVerifications).numerator == peer.failedVerifications
        && total.value(Indicator::Supervisions).numerator == peer.supervisions;
    out << "cases " << total.caseCount() << " (SQL " << peer.reports << "), events " << peer.events
        << ", closed " << total.value(Indicator::Closed).numerator << ", closed on time "
        << total.value(Indicator::OnTimeClosureRate).numerator << ", units ranked "
        << report.ranking.size() << ", not ranked " << report.unranked.size()
        << (same ? ", counts agree" : ", counts DIFFER") << '\n';
    return same;
}

int run(const QStringList &arguments, QTextStream &out)
{
    const QString path = Bench::option(arguments, QStringLiteral("--workspace"));
    if (path.isEmpty() || !QFileInfo::exists(path)) {
        out << "usage: griddesk-bench-evaluation --workspace GPKG [--smoke]\n";
        return 2;
    }
    auto workspace = Workspace::open(path);
    if (!workspace) {
        out << "griddesk-bench-evaluation: " << workspace.error().message << '\n';
        return 1;
    }

    // A pass of each first, so that both read the file from the page cache.
    auto warm = runPeer(**workspace);
    if (!warm) {
        out << "griddesk-bench-evaluation: " << warm.error().message << '\n';
        return 1;
    }
    std::vector<double> ours;
    std::vector<double> peers;
    std::optional<EvaluationReport> report;
    PeerCounts peer;
    QElapsedTimer timer;
    for (int run = 0; run < RUNS; ++run) {
        timer.start();
        auto made = Evaluator::run(**workspace, {});
        ours.push_back(double(timer.nsecsElapsed()) / 1e6);
        timer.restart();
        auto counted = runPeer(**workspace);
        peers.push_back(double(timer.nsecsElapsed()) / 1e6);
        if (!made || !counted) {
            out << "griddesk-bench-evaluation: " << (made ? counted.error() : made.error()).message
                << '\n';
            return 1;
        }
        report = std::move(*made);
        peer = *counted;
    }
    const bool same = agrees(*report, peer, out);
    Bench::Comparison comparison {QStringLiteral("evaluation, all indicators"),
        QStringLiteral("ms"), Bench::median(ours), QStringLiteral("SQL aggregate pass"),
        Bench::median(peers), {}, 2.0};
    out << comparison.line() << '\n';
    return same ? 0 : 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    return run(QCoreApplication::arguments(), out);
}
