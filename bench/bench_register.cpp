// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors

// griddesk-bench-register: makes a register of two million entries from Taipei's real open
// registers (imported with the shipped mappings into the Taipei sample, then copied, each copy
// numbered after its name and address and standing where its original stands), and times the
// register's searches by name, by address and by grid, each beside the bare SQLite query that
// selects the same rows (every column read) on the same connection. Checks both find the same
// entries.

#include "benchsupport.h"
#include "comparison.h"

#include "ingest/samples.h"
#include "register/registerbook.h"
#include "register/registerimport.h"
#include "register/registersearch.h"
#include "storage/sqlitestatement.h"
#include "storage/workspace.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QTextStream>

using namespace GridDesk;

namespace {

constexpr int RUNS = 7;

/// The real registers and the kind each one's entries are.
const QList<std::pair<const char *, const char *>> REGISTERS {
    {"condemned_building", "place"},
    {"building_unsued_public", "place"},
    {"building_unsued_land", "place"},
    {"socl_welfare_organization_plc", "organisation"},
    {"patrol_rain_floodgate", "thing"},
    {"youbike_sub_stn_1", "thing"},
};

qint64 entryCount(const Workspace &workspace)
{
    QSqlQuery query(workspace.database());
    return query.exec(QStringLiteral("SELECT count(*) FROM register_entries")) && query.next()
        ? query.value(0).toLongLong()
        : -1;
}

/// The Taipei sample with every real register imported (refused duplicates left out).
Result<qint64> importReal(Workspace &workspace, const QDir &maps, const QDir &registry)
{
    if (auto sample = importSample(workspace, maps, QStringLiteral("taipei")); !sample)
        return std::unexpected(sample.error());
    for (const auto &[file, kind] : REGISTERS) {
        auto mapping = RegisterMapping::load(
            maps.filePath(QStringLiteral("taipei/register/%1.json").arg(QLatin1String(file))));
        if (!mapping)
            return std::unexpected(mapping.error());
        RegisterImportOptions options;
        options.kind = QLatin1String(kind);
        options.mapping = *mapping;
        options.skipRefused = true;
        options.importedBy = QStringLiteral("bench");
        auto report = importRegister(workspace,
            registry.filePath(QStringLiteral("%1.geojson").arg(QLatin1String(file))), options);
        if (!report)
            return std::unexpected(report.error());
    }
    return entryCount(workspace);
}

/// Copies the real entries until there are wanted entries: copy n of an entry is named and
/// addressed like it with " n" after, and keeps its place and grid.
Result<void> scaleUp(Workspace &workspace, qint64 real, qint64 wanted)
{
    const qint64 copies = (wanted - real + real - 1) / real;
    return workspace.transaction([&]() -> Result<void> {
        QSqlQuery copy(workspace.database());
        copy.prepare(QStringLiteral(
            "INSERT INTO register_entries (geom, code, kind, name, grid_code, address, source, "
            "verified_by, verified_at, fields, version, updated_by, updated_at) "
            "WITH RECURSIVE copies(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM copies WHERE n < "
            "?) SELECT geom, code || '-' || n, kind, name || ' ' || n, grid_code, CASE WHEN "
            "address = '' THEN '' ELSE address || ' ' || n END, source, verified_by, verified_at, "
            "fields, version, updated_by, updated_at FROM register_entries, copies WHERE "
            "register_entries.fid <= ? ORDER BY n, register_entries.fid LIMIT ?"));
        copy.addBindValue(copies);
        copy.addBindValue(real);
        copy.addBindValue(wanted - real);
        if (!copy.exec())
            return fail(ErrorCode::Database, copy.lastQuery() + u' ' + copy.lastError().text());
        return {};
    });
}

/// One search: what ours runs and the bare SQL finding the same rows.
struct Search
{
    QString name;
    std::function<Result<QList<RegisterEntry>>()> ours;
    QString sql;
    QVariantList values;
};

/// Runs the bare query, reading every column of every row; returns the codes.
Result<QStringList> runPeer(const Workspace &workspace, const Search &search)
{
    auto statement =
        SqliteStatement::prepare(workspace.connection(), search.sql.toUtf8().constData());
    if (!statement)
        return std::unexpected(statement.error());
    for (int index = 0; index < search.values.size(); ++index)
        statement->bindText(index + 1, search.values.at(index).toString());
    QStringList codes;
    QString text;
    QByteArray blob;
    while (true) {
        auto row = statement->step();
        if (!row)
            return std::unexpected(row.error());
        if (!*row)
            return codes;
        codes << statement->columnText(2);
        blob = statement->columnBlob(1).toByteArray();
        for (int column = 3; column <= 13; ++column)
            text = statement->columnText(column);
    }
}

QList<Search> searches(const RegisterBook &book, const QString &grid)
{
    const QString columns = QStringLiteral(
        "SELECT fid, geom, code, kind, name, grid_code, address, source, verified_by, "
        "verified_at, fields, version, updated_by, updated_at FROM register_entries ");
    const QString station = QStringLiteral("捷運科技大樓站");
    const QString road = QStringLiteral("臺北市中正區汀州路");
    const auto range = [](const QString &text) {
        const QString end = text + QString::fromUcs4(U"\U0010FFFF");
        return QVariantList {text, end, text, end};
    };
    const QString byText = columns + QStringLiteral("WHERE ")
        + RegisterSearch::nameOrAddressCondition() + QStringLiteral(" ORDER BY name, code");
    RegisterQuery inGrid;
    inGrid.gridCode = grid;
    inGrid.includeDescendants = false;
    return {
        {QStringLiteral("by name \"%1\"").arg(station),
            [&book, station] { return RegisterSearch::byNameOrAddress(book, station, {}, -1); },
            byText, range(station)},
        {QStringLiteral("by address \"%1\"").arg(road),
            [&book, road] { return RegisterSearch::byNameOrAddress(book, road, {}, -1); }, byText,
            range(road)},
        {QStringLiteral("by grid %1").arg(grid), [&book, inGrid] { return book.entries(inGrid); },
            columns + QStringLiteral("WHERE grid_code = ? ORDER BY kind, code"), {grid}},
    };
}

/// The grid with the most entries: the heaviest grid page.
QString busiestGrid(const Workspace &workspace)
{
    QSqlQuery query(workspace.database());
    query.exec(QStringLiteral("SELECT grid_code FROM register_entries WHERE grid_code != '' "
                              "GROUP BY grid_code ORDER BY count(*) DESC LIMIT 1"));
    return query.next() ? query.value(0).toString() : QString();
}

int run(const QStringList &arguments, QTextStream &out)
{
    const QString work = Bench::option(arguments, QStringLiteral("--work"));
    const QString maps = Bench::option(arguments, QStringLiteral("--maps"));
    const QString registry = Bench::option(arguments, QStringLiteral("--registry"));
    const bool smoke = Bench::isSmoke(arguments);
    const qint64 wanted = Bench::option(arguments, QStringLiteral("--entries"),
        smoke ? QStringLiteral("20000") : QStringLiteral("2000000"))
                              .toLongLong();
    if (work.isEmpty() || maps.isEmpty() || !QFileInfo(registry).isDir() || wanted <= 0) {
        out << "usage: griddesk-bench-register --work DIR --maps DIR --registry DIR "
               "[--entries N] [--smoke]\n";
        return 2;
    }

    const QString path = QDir(work).filePath(QStringLiteral("register-%1.gpkg").arg(wanted));
    auto workspace = Workspace::open(path);
    if (!workspace) {
        out << "griddesk-bench-register: " << workspace.error().message << '\n';
        return 1;
    }
    QElapsedTimer timer;
    timer.start();
    if (entryCount(**workspace) != wanted) {
        (*workspace).reset();
        QFile::remove(path);
        workspace = Workspace::open(path);
        auto real = workspace ? importReal(**workspace, QDir(maps), QDir(registry))
                              : Result<qint64>(std::unexpected(workspace.error()));
        auto scaled = real ? scaleUp(**workspace, *real, wanted)
                           : Result<void>(std::unexpected(real.error()));
        if (!scaled) {
            out << "griddesk-bench-register: " << scaled.error().message << '\n';
            return 1;
        }
        out << "register made from " << *real << " real entries: " << entryCount(**workspace)
            << " entries in " << timer.elapsed() << " ms (setup, not measured)\n";
    }
    auto book = RegisterBook::load(**workspace);
    if (!book) {
        out << "griddesk-bench-register: " << book.error().message << '\n';
        return 1;
    }

    bool agree = true;
    bool met = true;
    for (const Search &search : searches(*book, busiestGrid(**workspace))) {
        std::vector<double> ours;
        std::vector<double> peers;
        QStringList found;
        QStringList selected;
        for (int run = 0; run <= RUNS; ++run) { // the first run warms the page cache up
            timer.restart();
            auto entries = search.ours();
            const double oursMs = double(timer.nsecsElapsed()) / 1e6;
            timer.restart();
            auto rows = runPeer(**workspace, search);
            const double peerMs = double(timer.nsecsElapsed()) / 1e6;
            if (!entries || !rows) {
                out << "griddesk-bench-register: "
                    << (entries ? rows.error() : entries.error()).message << '\n';
                return 1;
            }
            if (run == 0)
                continue;
            ours.push_back(oursMs);
            peers.push_back(peerMs);
            found.clear();
            for (const RegisterEntry &entry : std::as_const(*entries))
                found << entry.code;
            selected = *rows;
        }
        const bool same = found == selected;
        agree = agree && same;
        out << search.name << ": register " << found.size() << " entries, SQLite "
            << selected.size() << " rows" << (same ? ", the same" : ", DIFFERENT") << '\n';
        const Bench::Comparison comparison {QStringLiteral("register search %1").arg(search.name),
            QStringLiteral("ms"), Bench::median(ours), QStringLiteral("SQLite query"),
            Bench::median(peers), {}, 1.5};
        met = met && (smoke || comparison.verdict() != QLatin1String("MISS"));
        out << comparison.line() << '\n';
    }
    return agree && met ? 0 : 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    return run(QCoreApplication::arguments(), out);
}
