// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "editorfixture.h"

#include "gridedit/publishdialog.h"
#include "gridedit/topologyfindingsmodel.h"
#include "gridedit/topologypanel.h"

#include "topology/gridedits.h"

#include <QApplication>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QTableView>

using namespace GridDesk;
using namespace GridDesk::Test;

/// The topology findings of the editor: checked after edits, fixed from the list or accepted.
class TestTopologyPanel : public QObject, private EditorFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { prepareWorkspace(); }
    void init() { openEditor(); }
    void cleanup() { closeEditor(); }
    void fixCraftedGapFromFindings();
    void clipCraftedOverlapToEitherSide();
    void acceptAndWithdrawFinding();

private:
    /// Moves the vertex the first village shares with a neighbour a third of the shortest edge
    /// towards the inside of grid towards, in the first village alone: the neighbour does not
    /// follow, so a flaw opens between them. Fails the test when the edit is refused.
    /// first and second are the village and its neighbour as they were before.
    void moveSharedVertexAlone(
        bool intoNeighbour, const QString &description, Grid &first, Grid &second);
};

void TestTopologyPanel::moveSharedVertexAlone(
    bool intoNeighbour, const QString &description, Grid &first, Grid &second)
{
    const auto shared = bestSharedVertex();
    QVERIFY(shared);
    first = *session()->grid(shared->first);
    second = *session()->grid(shared->second);
    const GeoPoint towards = insideOf(intoNeighbour ? shared->second : first.code);
    const double step = shared->shortestEdge * 0.3 / distance(shared->point, towards);
    const GeoPoint target {shared->point.lon + (towards.lon - shared->point.lon) * step,
        shared->point.lat + (towards.lat - shared->point.lat) * step};
    const auto moved = GridEdits::moveVertex({first}, shared->point, target, 1e-9);
    QVERIFY2(moved, Test::why(moved));
    GridChange crafted;
    crafted.description = description;
    crafted.before = {first};
    crafted.after = *moved;
    QVERIFY(session()->edit(crafted));
    waitUntilIdle();
}

void TestTopologyPanel::fixCraftedGapFromFindings()
{
    TopologyPanel *panel = m_editor->topologyPanel();
    TopologyFindingsModel *model = panel->model();
    const auto gapKeys = [model] {
        QSet<QString> keys;
        for (const TopologyFinding &finding : model->findings()) {
            if (finding.kind == TopologyFinding::Kind::Gap)
                keys.insert(finding.key());
        }
        return keys;
    };
    const QSet<QString> gapsBefore = gapKeys();

    // One village's vertex moved into it without its neighbour: a gap opens between them.
    Grid first;
    Grid second;
    moveSharedVertexAlone(false, QStringLiteral("crafted gap"), first, second);
    if (QTest::currentTestFailed())
        return;

    const QSet<QString> crafted = gapKeys() - gapsBefore;
    QCOMPARE(crafted.size(), 1);
    int row = -1;
    for (int i = 0; i < model->rowCount(); ++i) {
        if (crafted.contains(model->finding(i).key()))
            row = i;
    }
    QVERIFY(row >= 0);
    QVERIFY(model->finding(row).areaM2 > 1.0);
    const BoundingBox extent = model->finding(row).extent;

    // Double-click zooms to it; Close gap fills it as one more undoable edit.
    QTableView *view = panel->view();
    const QRect cell = view->visualRect(model->index(row, 0));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, cell.center());
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, cell.center());
    const MapViewport shown = m_canvas->viewport();
    QVERIFY(shown.extent.contains(extent.west, extent.south));
    QVERIFY(shown.extent.contains(extent.east, extent.north));
    QVERIFY(shown.extent.width() < first.bbox.width());

    QPushButton *button = nullptr;
    for (QPushButton *candidate : panel->findChildren<QPushButton *>()) {
        if (candidate->isEnabled() && candidate != panel->checkAllButton()
            && candidate->text().contains(QLatin1String("gap"), Qt::CaseInsensitive))
            button = candidate;
    }
    QVERIFY(button);
    button->click();
    QCOMPARE(session()->undoStack()->count(), 2);
    waitUntilIdle();
    const QSet<QString> gapsAfter = gapKeys();
    QVERIFY2(gapsAfter == gapsBefore,
        qPrintable(QStringList((gapsAfter - gapsBefore).values()).join(u'\n')));

    // The fix is an edit like any other: undoing it opens the gap again.
    m_editor->undoAction()->trigger();
    waitUntilIdle();
    QCOMPARE(gapKeys() - gapsBefore, crafted);
}

void TestTopologyPanel::clipCraftedOverlapToEitherSide()
{
    TopologyPanel *panel = m_editor->topologyPanel();
    TopologyFindingsModel *model = panel->model();
    const auto overlapRow = [model]() {
        for (int i = 0; i < model->rowCount(); ++i) {
            if (model->finding(i).kind == TopologyFinding::Kind::Overlap)
                return i;
        }
        return -1;
    };
    QCOMPARE(overlapRow(), -1);

    // One village pushed into its neighbour without the neighbour giving way.
    Grid first;
    Grid second;
    moveSharedVertexAlone(true, QStringLiteral("crafted overlap"), first, second);
    if (QTest::currentTestFailed())
        return;

    const int row = overlapRow();
    QVERIFY2(row >= 0, "the crafted overlap is not listed");
    const QStringList codes = model->finding(row).codes;
    QCOMPARE(
        QSet<QString>(codes.cbegin(), codes.cend()), (QSet<QString> {first.code, second.code}));
    const Grid pushed = *session()->grid(first.code);

    // While the overlap is open, the draft is not published; the dialog says why and stays.
    m_editor->publishAction()->trigger();
    PublishDialog *dialog = m_editor->publishDialog();
    QVERIFY(dialog);
    QTest::keyClicks(dialog->noteEdit(), QStringLiteral("Pushed too far"));
    dialog->publishButton()->click();
    QVERIFY(dialog->isVisible());
    QVERIFY(!dialog->edition());
    auto *why = dialog->findChild<QLabel *>(QStringLiteral("publishError"));
    QVERIFY(why && why->isVisible() && why->text().contains(first.code));
    dialog->reject();
    QVERIFY(session()->hasDraftEdits());

    // Keeping it in the neighbour clips the village that was pushed back.
    const bool secondIsFirst = codes.first() == second.code;
    QVERIFY(panel->clipOverlap(row, secondIsFirst));
    waitUntilIdle();
    QCOMPARE(overlapRow(), -1);
    QVERIFY(session()->grid(first.code)->areaM2 < pushed.areaM2);
    QCOMPARE(session()->grid(second.code)->wkb, second.wkb);

    // Undone, and kept in the village instead: the neighbour gives way.
    m_editor->undoAction()->trigger();
    waitUntilIdle();
    const int again = overlapRow();
    QVERIFY(again >= 0);
    panel->view()->selectRow(again);
    QPushButton *keepPushed = nullptr;
    for (QPushButton *button : panel->findChildren<QPushButton *>()) {
        if (button->isEnabled() && button->text().contains(first.code))
            keepPushed = button;
    }
    QVERIFY(keepPushed);
    keepPushed->click();
    waitUntilIdle();
    QCOMPARE(overlapRow(), -1);
    QCOMPARE(session()->grid(first.code)->wkb, pushed.wkb);
    QVERIFY(session()->grid(second.code)->areaM2 < second.areaM2);
}

void TestTopologyPanel::acceptAndWithdrawFinding()
{
    TopologyPanel *panel = m_editor->topologyPanel();
    TopologyFindingsModel *model = panel->model();
    // The imported villages have no supervisor: each is a finding.
    int row = -1;
    for (int i = 0; i < model->rowCount() && row < 0; ++i) {
        if (model->finding(i).kind == TopologyFinding::Kind::NoSupervisor)
            row = i;
    }
    QVERIFY(row >= 0);
    const int open = model->openCount();
    QVERIFY(!panel->acceptFinding(row, QStringLiteral("  ")));
    QVERIFY(panel->acceptFinding(row, QStringLiteral("Supervisor posts are being filled")));
    QCOMPARE(model->openCount(), open - 1);
    QVERIFY(model->index(row, 0).data(int(TopologyFindingsModel::Role::IsAccepted)).toBool());
    QVERIFY(model->index(row, 0).data(Qt::ForegroundRole).isValid());
    QCOMPARE(model->index(row, int(TopologyFindingsModel::Column::Accepted)).data().toString(),
        QStringLiteral("Supervisor posts are being filled"));

    // The acceptance is kept in the workspace: a check of the whole map shows it again.
    const QString key = model->finding(row).key();
    QSignalSpy finished(panel, &TopologyPanel::checkFinished);
    panel->checkAll();
    QVERIFY(finished.wait(30000));
    int again = -1;
    for (int i = 0; i < model->rowCount(); ++i) {
        if (model->finding(i).key() == key)
            again = i;
    }
    QVERIFY(again >= 0);
    QVERIFY(model->acceptance(again));
    QVERIFY(panel->withdrawAcceptance(again));
    QCOMPARE(model->openCount(), open);
}

GRIDDESK_TEST_MAIN(TestTopologyPanel, QApplication)

#include "tst_topologypanel.moc"
