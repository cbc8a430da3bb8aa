// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "orgedit/orgdocument.h"
#include "orgedit/orgtreefilter.h"
#include "orgedit/orgtreemodel.h"

#include "orgeditfixture.h"

#include "storage/workspace.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QElapsedTimer>
#include <QMimeData>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUndoStack>

using namespace GridDesk;

namespace {

/// A document the leader edits.
void prepare(OrgDocument &document, const OrgChart &chart)
{
    document.setChart(chart);
    document.setUser(QStringLiteral("Leader Liu"), QStringLiteral("leader"));
}

std::unique_ptr<QMimeData> dragOf(OrgTreeModel &model, const QString &code)
{
    return std::unique_ptr<QMimeData>(model.mimeData({model.indexOf(code)}));
}

/// 8 000 units: a city, 20 districts, 400 streets, 7 579 communities.
OrgChart largeChart()
{
    OrgChart chart;
    const auto put = [&chart](const ChartUnit &unit) {
        if (!chart.putUnit(unit))
            qFatal("large chart refused a unit");
    };
    put(Test::makeUnit("C", "City", 1));
    int made = 1;
    for (int d = 0; d < 20; ++d) {
        const QString district = QStringLiteral("D%1").arg(d, 2, 10, QLatin1Char('0'));
        put(Test::makeUnit(district, district, 2, "C"));
        ++made;
        for (int s = 0; s < 20; ++s) {
            const QString street = district + QStringLiteral("S%1").arg(s, 2, 10, QLatin1Char('0'));
            put(Test::makeUnit(street, street, 3, district));
            ++made;
        }
    }
    for (int v = 0; made < 8000; ++v, ++made) {
        const QString street = QStringLiteral("D%1S%2")
                                   .arg(v % 20, 2, 10, QLatin1Char('0'))
                                   .arg((v / 20) % 20, 2, 10, QLatin1Char('0'));
        const QString code = street + QStringLiteral("V%1").arg(v);
        put(Test::makeUnit(code, code, 4, street));
    }
    return chart;
}

} // namespace

class TestOrgTreeModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void passesTheModelTester()
    {
        OrgDocument document;
        prepare(document, Test::smallChart());
        OrgTreeModel model(&document);
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        OrgTreeFilter filter;
        filter.setSourceModel(&model);
        QAbstractItemModelTester filterTester(
            &filter, QAbstractItemModelTester::FailureReportingMode::QtTest);

        // Edits reset the model; the tester watches the reset.
        QVERIFY(model.setData(model.indexOf("V1"), QStringLiteral("Lighthouse community (new)")));
        filter.setShowRetired(true);
        document.undoStack()->undo();
        QCOMPARE(model.indexOf("V1").data().toString(), QStringLiteral("Lighthouse community"));
    }

    void aChartTamperedWithShowsEveryUnit()
    {
        // Another program wrote a circle of parents (C under S1 under D1 under C) and a unit
        // under itself; the tree must neither hang nor lose those units.
        QTemporaryDir dir;
        auto workspace = Workspace::open(dir.filePath("tampered.gpkg"));
        QVERIFY2(workspace.has_value(), Test::why(workspace).constData());
        OrgChart start = Test::smallChart();
        QVERIFY(start.save(**workspace, "admin").has_value());
        QSqlQuery query((*workspace)->database());
        QVERIFY(query.exec("UPDATE org_units SET parent_code = 'S1' WHERE code = 'C'"));
        QVERIFY(query.exec("UPDATE org_units SET parent_code = 'S9' WHERE code = 'S9'"));
        auto tampered = OrgChart::load(**workspace);
        QVERIFY2(tampered.has_value(), Test::why(tampered).constData());

        OrgDocument document;
        prepare(document, *tampered);
        OrgTreeModel model(&document);
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        for (const ChartUnit &unit : tampered->units())
            QVERIFY2(model.indexOf(unit.code).isValid(), qPrintable(unit.code));
    }

    void smallChartMatchesItsGolden()
    {
        OrgDocument document;
        prepare(document, Test::smallChart());
        OrgTreeModel model(&document);
        OrgTreeFilter filter;
        filter.setSourceModel(&model);
        const bool all = Test::matchesGolden(Test::dumpTree(model), "small_tree.txt");
        const bool active = Test::matchesGolden(Test::dumpTree(filter), "small_tree_active.txt");
        QVERIFY(all);
        QVERIFY(active);
    }

    void readOnlyChartMatchesItsGolden()
    {
        OrgDocument document;
        document.setChart(Test::smallChart());
        document.setUser(QStringLiteral("Operator Ou"), QStringLiteral("operator"));
        OrgTreeModel model(&document);
        QVERIFY(Test::matchesGolden(Test::dumpTree(model), "small_tree_readonly.txt"));
    }

    void shenzhenMatchesItsGolden()
    {
        OrgDocument document;
        prepare(document, Test::shenzhenChart());
        OrgTreeModel model(&document);
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.rowCount(model.indexOf("440300000000")), 9);
        QVERIFY(Test::matchesGolden(Test::dumpTree(model), "shenzhen_tree.txt"));
    }

    void renameIsOneUndoableStep()
    {
        OrgDocument document;
        prepare(document, Test::smallChart());
        OrgTreeModel model(&document);
        const QModelIndex name = model.indexOf("S9");
        QVERIFY(model.flags(name).testFlag(Qt::ItemIsEditable));
        QVERIFY(!model.flags(name.siblingAtColumn(1)).testFlag(Qt::ItemIsEditable));

        QVERIFY(model.setData(name, QStringLiteral("Airport sub-centre")));
        QCOMPARE(document.chart().unit("S9")->name, QStringLiteral("Airport sub-centre"));
        QCOMPARE(document.undoStack()->count(), 1);
        document.undoStack()->undo();
        QCOMPARE(document.chart().unit("S9")->name, QStringLiteral("Airport street sub-centre"));
    }

    void blankNameIsRefused()
    {
        OrgDocument document;
        prepare(document, Test::smallChart());
        OrgTreeModel model(&document);
        QSignalSpy refused(&model, &OrgTreeModel::editRefused);
        QVERIFY(!model.setData(model.indexOf("S9"), QStringLiteral("  ")));
        QCOMPARE(refused.size(), 1);
        QCOMPARE(document.undoStack()->count(), 0);
    }

    void allowedDropMovesTheUnit()
    {
        OrgDocument document;
        prepare(document, Test::smallChart());
        OrgTreeModel model(&document);
        const auto data = dragOf(model, "S9");
        QVERIFY(data->hasFormat(OrgTreeModel::mimeType()));

        const QModelIndex district = model.indexOf("D1");
        QVERIFY(model.canDropMimeData(data.get(), Qt::MoveAction, -1, -1, district));
        QVERIFY(model.dropRefusal().isEmpty());
        QVERIFY(model.dropMimeData(data.get(), Qt::MoveAction, -1, -1, district));
        QCOMPARE(document.chart().unit("S9")->parentCode, QStringLiteral("D1"));
        QCOMPARE(model.parent(model.indexOf("S9")), model.indexOf("D1"));
        QCOMPARE(document.undoStack()->count(), 1);
    }

    void invertingDropIsRefusedWithTheReason()
    {
        OrgDocument document;
        prepare(document, Test::smallChart());
        OrgTreeModel model(&document);
        const auto data = dragOf(model, "D1");
        QSignalSpy refused(&model, &OrgTreeModel::editRefused);

        const QModelIndex street = model.indexOf("S9");
        QVERIFY(!model.canDropMimeData(data.get(), Qt::MoveAction, -1, -1, street));
        QVERIFY2(model.dropRefusal().contains("never inverted"), qPrintable(model.dropRefusal()));
        QVERIFY(model.dropRefusal().contains("S9"));
        QVERIFY(!model.dropMimeData(data.get(), Qt::MoveAction, -1, -1, street));
        QCOMPARE(refused.size(), 1);
        QCOMPARE(document.chart().unit("D1")->parentCode, QStringLiteral("C"));
        QCOMPARE(document.undoStack()->count(), 0);
    }

    void readOnlyRoleCannotDragOrDrop()
    {
        OrgDocument document;
        document.setChart(Test::smallChart());
        document.setUser(QStringLiteral("Operator Ou"), QStringLiteral("operator"));
        OrgTreeModel model(&document);
        QVERIFY(!model.flags(model.indexOf("S9")).testFlag(Qt::ItemIsDragEnabled));
        QVERIFY(!model.flags(model.indexOf("S9")).testFlag(Qt::ItemIsEditable));
        QVERIFY(!model.setData(model.indexOf("S9"), QStringLiteral("Renamed")));
        QCOMPARE(document.chart().unit("S9")->name, QStringLiteral("Airport street sub-centre"));
    }

    void retiredUnitsAreHiddenByTheFilter()
    {
        OrgDocument document;
        prepare(document, Test::smallChart());
        OrgTreeModel model(&document);
        OrgTreeFilter filter;
        filter.setSourceModel(&model);
        const auto rowsUnder = [&filter, &model](const QString &code) {
            return filter.rowCount(filter.mapFromSource(model.indexOf(code)));
        };
        QCOMPARE(rowsUnder("S1"), 1);
        filter.setShowRetired(true);
        QCOMPARE(rowsUnder("S1"), 2);
        QCOMPARE(
            model.indexOf("V2").data(Qt::ForegroundRole).value<QBrush>().color(), QColor(Qt::gray));
    }

    void eightThousandUnitsStayFast()
    {
        OrgDocument document;
        prepare(document, largeChart());
        QElapsedTimer timer;
        timer.start();
        OrgTreeModel model(&document);
        int visited = 0;
        for (const ChartUnit &unit : document.chart().units()) {
            const QModelIndex index = model.indexOf(unit.code);
            const QModelIndex parent = model.parent(index);
            QCOMPARE(model.index(index.row(), 0, parent), index);
            QCOMPARE(model.codeAt(parent), unit.parentCode);
            ++visited;
        }
        QCOMPARE(visited, 8000);
        // Linear scans per index would take minutes here; the bound only catches those.
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
    }
};

GRIDDESK_TEST_MAIN(TestOrgTreeModel, QApplication)
#include "tst_orgtreemodel.moc"
