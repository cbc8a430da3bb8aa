// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors

// griddesk-bench-queue: loads every case of a workspace into the workstation's case queue
// (CaseTableModel under CaseFilterProxyModel, sorted by deadline) and times switching it to
// each queue view, filtered and sorted; then times the bare SQLite query that returns the
// same rows in the same order, reading the columns the queue shows. Checks both return the
// same cases.

#include "benchsupport.h"
#include "comparison.h"

#include "cases/casefilterproxymodel.h"
#include "cases/casetablemodel.h"
#include "cases/queuefilter.h"
#include "storage/sqlitestatement.h"
#include "storage/workspace.h"
#include "workflow/workflowsetup.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTextStream>

#include <algorithm>

using namespace GridDesk;

namespace {

constexpr int RUNS = 3;

/// The states a view holds and whether it keeps only cases past their deadline, written as the
/// SQL a person would write against the workspace.
struct ViewQuery
{
    QueueView view;
    const char *name;
    QString where;
    QString orderBy;
};

QList<ViewQuery> viewQueries(const QString &now)
{
    const QString openWithClock =
        QStringLiteral("state IN ('reported', 'registered', 'returned', 'escalated', 'dispatched', "
                       "'in_handling', 'fed_back', 'supervised')");
    // Every state of these views has a clock: the deadline column is the order.
    const QString byDeadline = QStringLiteral("ORDER BY deadline");
    // The queue lists cases without a running clock (closed, finished) after the others.
    const QString clockFirst = QStringLiteral("ORDER BY CASE WHEN %1 THEN deadline END IS NULL, "
                                              "CASE WHEN %1 THEN deadline END")
                                   .arg(openWithClock);
    return {
        {QueueView::InHandling, "in handling",
            QStringLiteral("WHERE state IN ('dispatched', 'in_handling')"), byDeadline},
        {QueueView::Overdue, "overdue",
            QStringLiteral("WHERE %1 AND deadline IS NOT NULL AND deadline < '%2' AND "
                           "suspended = 0")
                .arg(openWithClock, now),
            byDeadline},
        {QueueView::All, "all", {}, clockFirst},
    };
}

/// Runs the peer query: the rows of the view, ordered by the deadline the queue shows (cases
/// without a running deadline last), every shown column read into memory.
Result<std::vector<qint64>> runPeer(const Workspace &workspace, const ViewQuery &query)
{
    const QString sql = QStringLiteral(
        "SELECT fid, external_id, state, deadline, category, lead_unit, created, grid_code, "
        "status, agency, flags FROM cases %1 %2")
                            .arg(query.where, query.orderBy);
    auto statement = SqliteStatement::prepare(workspace.connection(), sql.toUtf8().constData());
    if (!statement)
        return std::unexpected(statement.error());
    std::vector<qint64> ids;
    QStringList texts(10);
    while (true) {
        auto row = statement->step();
        if (!row)
            return std::unexpected(row.error());
        if (!*row)
            return ids;
        ids.push_back(statement->columnInt(0));
        for (int column = 1; column <= 10; ++column)
            texts[column - 1] = statement->columnText(column);
    }
}

std::vector<qint64> shownIds(const CaseFilterProxyModel &proxy)
{
    std::vector<qint64> ids;
    ids.reserve(std::size_t(proxy.rowCount()));
    for (int row = 0; row < proxy.rowCount(); ++row) {
        ids.push_back(
            proxy.data(proxy.index(row, 0), int(CaseTableModel::Role::CaseId)).toLongLong());
    }
    return ids;
}

/// Whether the queue shows its rows by deadline, cases without a running clock last.
bool inDeadlineOrder(const CaseFilterProxyModel &proxy)
{
    const int column = int(CaseTableModel::Column::Deadline);
    QDateTime previous;
    bool clockless = false;
    for (int row = 0; row < proxy.rowCount(); ++row) {
        const QDateTime deadline =
            proxy.data(proxy.index(row, column), int(CaseTableModel::Role::Sort)).toDateTime();
        if (!deadline.isValid()) {
            clockless = true;
            continue;
        }
        if (clockless || (previous.isValid() && deadline < previous))
            return false;
        previous = deadline;
    }
    return true;
}

bool sameCases(std::vector<qint64> ours, std::vector<qint64> peers)
{
    std::sort(ours.begin(), ours.end());
    std::sort(peers.begin(), peers.end());
    return ours == peers;
}

Result<std::shared_ptr<CompactCaseList>> loadCases(const Workspace &workspace)
{
    auto count = workspace.caseCount();
    if (!count)
        return std::unexpected(count.error());
    auto cases = std::make_shared<CompactCaseList>();
    cases->reserve(*count);
    auto read = workspace.forEachCase({}, [&](const CaseRecord &record) { cases->append(record); });
    if (!read)
        return std::unexpected(read.error());
    return cases;
}

int run(const QStringList &arguments, QTextStream &out)
{
    const QString path = Bench::option(arguments, QStringLiteral("--workspace"));
    if (path.isEmpty() || !QFileInfo::exists(path)) {
        out << "usage: griddesk-bench-queue --workspace GPKG [--smoke]\n";
        return 2;
    }
    auto workspace = Workspace::open(path);
    auto setup = workspace ? WorkflowSetup::load(**workspace) : Result<WorkflowSetup>();
    if (!workspace || !setup) {
        out << "griddesk-bench-queue: " << (workspace ? setup.error() : workspace.error()).message
            << '\n';
        return 1;
    }

    QElapsedTimer timer;
    timer.start();
    auto cases = loadCases(**workspace);
    if (!cases) {
        out << "griddesk-bench-queue: " << cases.error().message << '\n';
        return 1;
    }
    out << "loaded " << (*cases)->size() << " cases in " << timer.elapsed() << " ms\n";

    // A fixed "now" after the bench city's deadlines, so that the figures do not depend on the
    // day the bench runs.
    const QDateTime now = QDateTime(QDate(2030, 1, 1), QTime(0, 0), Qt::UTC);
    CaseTableModel model;
    model.setSetup(*setup);
    model.setNow(now);
    model.setCaseList(*cases);
    CaseFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setQueueFilter(QueueFilter(**cases, DeskUser(), setup->units, now));
    proxy.sort(int(CaseTableModel::Column::Deadline));

    const QString nowText = now.toString(Qt::ISODate).left(19);
    bool agree = true;
    for (const ViewQuery &query : viewQueries(nowText)) {
        std::vector<double> ours;
        std::vector<double> peers;
        std::vector<qint64> shown;
        std::vector<qint64> selected;
        for (int run = 0; run < RUNS; ++run) {
            proxy.setQueueView(QueueView::Supervised); // leave the view, to come back to it
            timer.restart();
            proxy.setQueueView(query.view);
            ours.push_back(double(timer.nsecsElapsed()) / 1e6);
            shown = shownIds(proxy);

            timer.restart();
            auto rows = runPeer(**workspace, query);
            peers.push_back(double(timer.nsecsElapsed()) / 1e6);
            if (!rows) {
                out << "griddesk-bench-queue: " << rows.error().message << '\n';
                return 1;
            }
            selected = std::move(*rows);
        }
        const bool same = sameCases(shown, selected) && inDeadlineOrder(proxy);
        agree = agree && same;
        out << query.name << ": queue " << shown.size() << " rows, SQLite " << selected.size()
            << " rows" << (same ? ", the same cases, by deadline" : ", DIFFERENT cases or order")
            << '\n';
        Bench::Comparison comparison {
            QStringLiteral("queue view \"%1\", filtered+sorted").arg(QLatin1String(query.name)),
            QStringLiteral("ms"), Bench::median(ours), QStringLiteral("SQLite query"),
            Bench::median(peers), {}, 1.5};
        out << comparison.line() << '\n';
    }
    return agree ? 0 : 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QTextStream out(stdout);
    return run(QCoreApplication::arguments(), out);
}
