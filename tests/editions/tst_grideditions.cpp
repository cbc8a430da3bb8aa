// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "editions/griddraft.h"
#include "editions/grideditions.h"
#include "gis/geoscontext.h"
#include "gis/wkb.h"
#include "ingest/samples.h"
#include "storage/workspace.h"
#include "topology/gridedits.h"
#include "topology/topologycheck.h"
#include "workflow/casebook.h"
#include "workflow/terms.h"
#include "workflow/workflowsetup.h"

#include "support/testsupport.h"

#include <QCoreApplication>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>

using namespace GridDesk;

namespace {

/// Two base grids of the New York sample that share a stretch of boundary, the second being
/// the one with most open cases among such pairs: a real merge to try.
struct Neighbours
{
    Grid keep;
    Grid absorbed;
};

std::optional<Neighbours> busyNeighbours(Workspace &ws)
{
    QSqlQuery busiest(ws.database());
    busiest.exec(QStringLiteral(
        "SELECT grid_code FROM cases WHERE geom IS NOT NULL AND state NOT IN ('closed', "
        "'evaluated', 'rejected', 'cancelled', 'merged') AND grid_code IS NOT NULL GROUP BY "
        "grid_code ORDER BY count(*) DESC"));
    const QList<Grid> base = ws.grids(GridLevel::Base).value_or(QList<Grid>());
    GeosContext geos;
    while (busiest.next()) {
        const QString code = busiest.value(0).toString();
        auto absorbed = std::find_if(
            base.cbegin(), base.cend(), [&](const Grid &grid) { return grid.code == code; });
        if (absorbed == base.cend())
            continue;
        auto a = geos.fromWkb(absorbed->wkb);
        for (const Grid &other : base) {
            if (other.code == code || other.parentCode != absorbed->parentCode)
                continue;
            auto b = geos.fromWkb(other.wkb);
            auto shared = geos.adopt(GEOSIntersection_r(geos.handle(), a->get(), b->get()));
            double length = 0.0;
            if (shared)
                GEOSLength_r(geos.handle(), shared.get(), &length);
            if (length > 0.001) // degrees: a few hundred metres of common boundary
                return Neighbours {other, *absorbed};
        }
    }
    return std::nullopt;
}

int countRows(Workspace &ws, const QString &sql)
{
    QSqlQuery query(ws.database());
    query.exec(sql);
    query.next();
    return query.value(0).toInt();
}

} // namespace

class TestGridEditions : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_nyc;

    /// A fresh copy of the New York sample workspace.
    std::unique_ptr<Workspace> newYork(const QString &name)
    {
        const QString path = m_dir.filePath(name);
        QFile::copy(m_nyc, path);
        auto ws = Workspace::open(path);
        if (!ws)
            qFatal("%s", Test::why(ws).constData());
        return std::move(*ws);
    }

    /// Accepts, with a reason, the findings of the published map that block publishing, as a
    /// supervisor does with flaws of the source data that are not theirs to fix now.
    void acceptSourceFlaws(Workspace &ws)
    {
        auto published = ws.grids();
        QVERIFY(published.has_value());
        auto findings = checkTopology(*published);
        QVERIFY2(findings.has_value(), Test::why(findings).constData());
        for (const TopologyFinding &finding : std::as_const(*findings)) {
            QVERIFY(acceptFinding(ws,
                AcceptedFinding {finding.key(), QStringLiteral("in the NYC source data"),
                    QStringLiteral("Supervisor Li"), {}}));
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_nyc = m_dir.filePath(QStringLiteral("nyc.gpkg"));
        auto ws = Workspace::open(m_nyc);
        QVERIFY(ws.has_value());
        auto imported = importSample(**ws, QDir(Test::mapsPath()), QStringLiteral("nyc"));
        QVERIFY2(imported.has_value(), Test::why(imported).constData());
    }

    void importedGridsAreTheFirstEdition()
    {
        auto ws = newYork(QStringLiteral("first.gpkg"));
        auto editions = GridEditions::list(*ws);
        QVERIFY2(editions.has_value(), Test::why(editions).constData());
        QCOMPARE(editions->size(), 1);
        const GridEdition &first = editions->first();
        QCOMPARE(first.number, 1);
        QCOMPARE(qint64(first.gridCount), *ws->gridCount());
        QVERIFY(first.lineage.isEmpty());

        auto kept = GridEditions::grids(*ws, 1);
        auto published = ws->grids();
        QCOMPARE(kept->size(), published->size());
        for (qsizetype index = 0; index < kept->size(); ++index) {
            QCOMPARE(kept->at(index).code, published->at(index).code);
            QCOMPARE(kept->at(index).wkb, published->at(index).wkb);
        }
        // Asking again makes no second edition.
        QCOMPARE(GridEditions::list(*ws)->size(), 1);
    }

    void draftSurvivesReopeningAndUndoEmptiesIt()
    {
        const QString path = m_dir.filePath(QStringLiteral("draft.gpkg"));
        QFile::copy(m_nyc, path);
        GridChange rename;
        {
            auto ws = Workspace::open(path);
            auto draft = GridDraft::load(**ws);
            QVERIFY2(draft.has_value(), Test::why(draft).constData());
            QVERIFY(draft->isEmpty());
            const Grid before = *draft->grid(QStringLiteral("101"));
            Grid after = before;
            after.name = QStringLiteral("Financial District");
            after.supervisor = QStringLiteral("Supervisor Li");
            after.households = 30'000;
            rename = GridChange {QStringLiteral("Rename 101"), {before}, {after}, {}, false};
            QVERIFY2(draft->apply(**ws, rename), "apply");
            QCOMPARE(draft->changedCodes(), QStringList {QStringLiteral("101")});
        }
        auto ws = Workspace::open(path);
        auto draft = GridDraft::load(**ws);
        QCOMPARE(draft->changedCodes(), QStringList {QStringLiteral("101")});
        QCOMPARE(draft->grid(QStringLiteral("101"))->name, QStringLiteral("Financial District"));
        QCOMPARE(draft->grid(QStringLiteral("101"))->households, qint64(30'000));
        // The published grid is untouched until the draft is published.
        QVERIFY((*(*ws)->grid(QStringLiteral("101")))->supervisor.isEmpty());

        auto undone = draft->apply(**ws, rename.reversed());
        QVERIFY2(undone.has_value(), Test::why(undone).constData());
        QVERIFY(draft->isEmpty());
        QCOMPARE(countRows(**ws, QStringLiteral("SELECT count(*) FROM grid_draft")), 0);
    }

    void staleEditIsRefused()
    {
        auto ws = newYork(QStringLiteral("stale.gpkg"));
        auto draft = GridDraft::load(*ws);
        Grid stale = *draft->grid(QStringLiteral("102"));
        stale.name = QStringLiteral("not what the draft holds");
        Grid after = stale;
        after.name = QStringLiteral("Greenwich Village");
        auto applied = draft->apply(*ws, GridChange {QStringLiteral("Rename"), {stale}, {after}});
        QVERIFY(!applied.has_value());
        QCOMPARE(applied.error().code, ErrorCode::Conflict);
        QVERIFY(applied.error().message.contains(QLatin1String("102")));
        QVERIFY(draft->isEmpty());

        // Adding a grid under a code that is taken is refused too.
        Grid copy = *draft->grid(QStringLiteral("103"));
        auto added = draft->apply(*ws, GridChange {QStringLiteral("Add"), {}, {copy}});
        QVERIFY(!added.has_value());
        QCOMPARE(added.error().code, ErrorCode::Conflict);
    }

    void addedGridKeepsItsLineage()
    {
        auto ws = newYork(QStringLiteral("added.gpkg"));
        auto draft = GridDraft::load(*ws);
        Grid added = *draft->grid(QStringLiteral("103"));
        added.code = QStringLiteral("199");
        const LineageLink link {QString(), added.code, LineageLink::Kind::Added};
        auto applied =
            draft->apply(*ws, GridChange {QStringLiteral("Draw 199"), {}, {added}, {link}});
        QVERIFY2(applied.has_value(), Test::why(applied).constData());
        auto reread = GridDraft::load(*ws);
        QCOMPARE(reread->lineage().size(), 1);
        QVERIFY(reread->lineage().first().fromCode.isEmpty());
        QCOMPARE(reread->lineage().first().kind, LineageLink::Kind::Added);
        // Undoing it takes the link out again.
        auto undone = draft->apply(
            *ws, GridChange {QStringLiteral("Draw 199"), {}, {added}, {link}}.reversed());
        QVERIFY2(undone.has_value(), Test::why(undone).constData());
        QVERIFY(GridDraft::load(*ws)->isEmpty());
    }

    void mergingReHomesOpenCasesAndKeepsClosedOnes()
    {
        auto ws = newYork(QStringLiteral("merge.gpkg"));
        const auto pair = busyNeighbours(*ws);
        QVERIFY2(pair.has_value(), "no two neighbouring community districts with open cases");
        const QString keep = pair->keep.code;
        const QString gone = pair->absorbed.code;

        const QString openIn = QStringLiteral(
            "SELECT count(*) FROM cases WHERE grid_code = '%1' AND geom IS NOT NULL AND state NOT "
            "IN ('closed', 'evaluated', 'rejected', 'cancelled', 'merged')");
        const QString closedIn = QStringLiteral(
            "SELECT count(*) FROM cases WHERE grid_code = '%1' AND state IN ('closed', "
            "'evaluated', 'rejected', 'cancelled', 'merged')");
        const int openMoving = countRows(*ws, openIn.arg(gone));
        const int openStaying = countRows(*ws, openIn.arg(keep));
        const int closedStaying = countRows(*ws, closedIn.arg(gone));
        QVERIFY(openMoving > 0);

        auto united = GridEdits::merge({pair->keep, pair->absorbed});
        QVERIFY2(united.has_value(), Test::why(united).constData());
        Grid merged = *united;
        QCOMPARE(merged.code, keep);
        merged.supervisor = QStringLiteral("Supervisor Li");

        auto draft = GridDraft::load(*ws);
        GridChange change {QStringLiteral("Merge %1 into %2").arg(gone, keep),
            {pair->keep, pair->absorbed}, {merged},
            {{gone, keep, LineageLink::Kind::Merge}, {keep, keep, LineageLink::Kind::Merge}}};
        QVERIFY2(draft->apply(*ws, change), "merge");
        QCOMPARE(draft->deletedCodes(), QStringList {gone});

        auto impact = GridEditions::previewImpact(*ws, *draft);
        QVERIFY2(impact.has_value(), Test::why(impact).constData());
        QCOMPARE(impact->openCasesMoved, openMoving);
        QCOMPARE(impact->closedCasesAffected, closedStaying);
        const auto row = [&](const QString &code) {
            return *std::find_if(impact->grids.cbegin(), impact->grids.cend(),
                [&](const GridImpact &grid) { return grid.gridCode == code; });
        };
        QCOMPARE(row(gone).change, QStringLiteral("deleted"));
        QCOMPARE(row(gone).openCasesOut, openMoving);
        QCOMPARE(row(keep).change, QStringLiteral("changed"));
        QCOMPARE(row(keep).openCasesIn, openMoving);

        // A note is required, and an empty draft has nothing to publish.
        QVERIFY(!GridEditions::publish(*ws, *draft, QStringLiteral("Supervisor Li"),
            QStringLiteral("  "), QDateTime::currentDateTimeUtc()));

        acceptSourceFlaws(*ws);
        // A flaw of the absorbed grid is the merged grid's now, at the same place: accepted
        // again. Anything else the merge made would stop the test here.
        auto published = checkTopology(*ws->grids());
        auto around = checkTopologyAround(draft->grids(), {keep});
        QVERIFY2(around.has_value(), Test::why(around).constData());
        for (const TopologyFinding &finding : std::as_const(*around)) {
            const bool inherited = std::any_of(
                published->cbegin(), published->cend(), [&](const TopologyFinding &before) {
                    return before.kind == finding.kind
                        && std::abs(before.location.lon - finding.location.lon) < 1e-7
                        && std::abs(before.location.lat - finding.location.lat) < 1e-7;
                });
            QVERIFY2(inherited, qPrintable(finding.detail));
            QVERIFY(acceptFinding(*ws,
                AcceptedFinding {finding.key(), QStringLiteral("inherited from %1").arg(gone),
                    QStringLiteral("Supervisor Li"), {}}));
        }
        auto edition = GridEditions::publish(*ws, *draft, QStringLiteral("Supervisor Li"),
            QStringLiteral("Merge %1 into %2").arg(gone, keep), QDateTime::currentDateTimeUtc());
        QVERIFY2(edition.has_value(), Test::why(edition).constData());
        QCOMPARE(edition->number, 2);
        QCOMPARE(edition->changedCount, 2);
        QVERIFY(draft->isEmpty());

        QCOMPARE(countRows(*ws, openIn.arg(gone)), 0);
        QCOMPARE(countRows(*ws, openIn.arg(keep)), openStaying + openMoving);
        QCOMPARE(countRows(*ws, closedIn.arg(gone)), closedStaying);
        QVERIFY(!*ws->grid(gone));
        QCOMPARE((*ws->grid(keep))->supervisor, QStringLiteral("Supervisor Li"));

        // Each moved case says so in its history.
        QSqlQuery moved(ws->database());
        moved.exec(QStringLiteral(
            "SELECT case_id FROM case_events WHERE action = 'rehome' ORDER BY case_id"));
        auto setup = WorkflowSetup::load(*ws);
        CaseBook book(*ws, *setup);
        int rehomed = 0;
        while (moved.next()) {
            auto file = book.file(moved.value(0).toLongLong());
            QVERIFY2(file.has_value(), Test::why(file).constData());
            const CaseEvent &last = file->events().last();
            QCOMPARE(last.action, CaseAction::Rehome);
            QCOMPARE(last.data.value(QLatin1String("from")).toString(), gone);
            QCOMPARE(last.data.value(QLatin1String("to")).toString(), keep);
            QCOMPARE(last.data.value(QLatin1String("edition")).toInt(), 2);
            QCOMPARE(last.from, last.to);
            ++rehomed;
        }
        QCOMPARE(rehomed, openMoving);

        // Both editions stay viewable, with the lineage of the second.
        auto editions = GridEditions::list(*ws);
        QCOMPARE(editions->size(), 2);
        QCOMPARE(editions->last().lineage.size(), 2);
        QCOMPARE(editions->last().lineage.first().fromCode, gone);
        auto first = GridEditions::grids(*ws, 1, false);
        auto second = GridEditions::grids(*ws, 2, false);
        const auto codes = [](const QList<Grid> &grids) {
            QStringList list;
            for (const Grid &grid : grids)
                list << grid.code;
            return list;
        };
        QVERIFY(codes(*first).contains(gone));
        QVERIFY(!codes(*second).contains(gone));
        QCOMPARE(second->size(), first->size() - 1);
        QCOMPARE(qint64(second->size()), *ws->gridCount());
    }

    void invalidGeometryBlocksPublishing()
    {
        auto ws = newYork(QStringLiteral("bowtie.gpkg"));
        acceptSourceFlaws(*ws);
        auto draft = GridDraft::load(*ws);
        const Grid before = *draft->grid(QStringLiteral("104"));
        Grid after = before;
        // A bow-tie across the district: its ring crosses itself.
        const BoundingBox box = before.bbox;
        QByteArray wkb;
        {
            GeosContext geos;
            const QString text = QStringLiteral("POLYGON((%1 %2, %3 %4, %3 %2, %1 %4, %1 %2))")
                                     .arg(box.west, 0, 'f', 6)
                                     .arg(box.south, 0, 'f', 6)
                                     .arg(box.east, 0, 'f', 6)
                                     .arg(box.north, 0, 'f', 6);
            GEOSWKTReader *reader = GEOSWKTReader_create_r(geos.handle());
            auto geometry =
                geos.adopt(GEOSWKTReader_read_r(geos.handle(), reader, text.toUtf8().constData()));
            GEOSWKTReader_destroy_r(geos.handle(), reader);
            wkb = geos.toWkb(geometry.get());
        }
        after.wkb = wkb;
        after.bbox = *Wkb::envelope(wkb);
        QVERIFY(draft->apply(*ws, GridChange {QStringLiteral("Reshape 104"), {before}, {after}}));

        auto edition = GridEditions::publish(*ws, *draft, QStringLiteral("Supervisor Li"),
            QStringLiteral("broken"), QDateTime::currentDateTimeUtc());
        QVERIFY(!edition.has_value());
        QVERIFY2(edition.error().message.contains(QLatin1String("104")),
            qPrintable(edition.error().message));
        // Nothing was published and the draft is still there to fix.
        QCOMPARE(GridEditions::list(*ws)->size(), 1);
        QCOMPARE(GridDraft::load(*ws)->changedCodes(), QStringList {QStringLiteral("104")});
        QCOMPARE((*ws->grid(QStringLiteral("104")))->wkb, before.wkb);
    }

    void acceptanceNeedsAReason()
    {
        auto ws = newYork(QStringLiteral("accept.gpkg"));
        QVERIFY(!acceptFinding(*ws,
            AcceptedFinding {QStringLiteral("gap|1"), QStringLiteral(" "),
                QStringLiteral("Supervisor Li"), {}}));
        QVERIFY(acceptFinding(*ws,
            AcceptedFinding {QStringLiteral("gap|1"), QStringLiteral("river"),
                QStringLiteral("Supervisor Li"), {}}));
        auto accepted = acceptedFindings(*ws);
        QCOMPARE(accepted->size(), 1);
        QCOMPARE(accepted->first().reason, QStringLiteral("river"));
        QVERIFY(withdrawAcceptance(*ws, QStringLiteral("gap|1")));
        QVERIFY(acceptedFindings(*ws)->isEmpty());
    }
};

GRIDDESK_TEST_MAIN(TestGridEditions, QCoreApplication)

#include "tst_grideditions.moc"
