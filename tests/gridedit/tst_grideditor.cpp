// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "gridedit/editionsdialog.h"
#include "gridedit/gridattributespanel.h"
#include "gridedit/grideditor.h"
#include "gridedit/grideditsession.h"
#include "gridedit/gridedittool.h"
#include "gridedit/publishdialog.h"
#include "gridedit/subdividedialog.h"
#include "gridedit/topologyfindingsmodel.h"
#include "gridedit/topologypanel.h"

#include "support/testsupport.h"

#include "ingest/gridimporter.h"
#include "mapview/mapcanvas.h"
#include "storage/workspace.h"
#include "topology/gridedits.h"
#include "topology/topologycheck.h"

#include <QAction>
#include <QApplication>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QUndoStack>
#include <QUndoView>

#include <cmath>

using namespace GridDesk;

namespace {

const auto DISTRICT = QStringLiteral("6300800");

/// A vertex two villages share, with the shortest edge that meets it there (degrees).
struct SharedVertex
{
    GeoPoint point;
    QString first;
    QString second;
    double shortestEdge = 0.0;
};

double distance(const GeoPoint &a, const GeoPoint &b)
{
    return std::hypot(a.lon - b.lon, a.lat - b.lat);
}

bool hasVertexNear(const GridOutline &outline, const GeoPoint &point, double tolerance = 1e-9)
{
    for (const QList<GeoPoint> &ring : outline.rings) {
        for (const GeoPoint &vertex : ring) {
            if (distance(vertex, point) <= tolerance)
                return true;
        }
    }
    return false;
}

QList<GeoPoint> verticesOf(const GridOutline &outline)
{
    QList<GeoPoint> points;
    for (const QList<GeoPoint> &ring : outline.rings)
        points += ring;
    return points;
}

/// Gap and overlap area among findings, in m².
double gapAndOverlapArea(const QList<TopologyFinding> &findings)
{
    double area = 0.0;
    for (const TopologyFinding &finding : findings) {
        if (finding.kind == TopologyFinding::Kind::Gap
            || finding.kind == TopologyFinding::Kind::Overlap)
            area += finding.areaM2;
    }
    return area;
}

} // namespace

class TestGridEditor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void dragSharedVertexMovesBothNeighbours();
    void splitVillageWithDrawnLine();
    void drawingKeys();
    void drawNewGridInFreeGround();
    void reshapeWithDrawnLine();
    void addAndDeleteSharedVertex();
    void deleteGridWithDeleteKey();
    void clipCraftedOverlapToEitherSide();
    void discardDraft();
    void mergeTwoVillages();
    void subdivideIntoFineGrids();
    void attributesAreAnUndoableEdit();
    void fixCraftedGapFromFindings();
    void acceptAndWithdrawFinding();
    void draftSurvivesRestart();
    void publishWithNoteAndListEdition();
    void screenshotOfEditingMode();
    void largeWorkspace();

private:
    GridEditSession *session() const { return m_editor->session(); }
    MapCanvas *canvas() const { return m_canvas; }
    QPoint pixelOf(const GeoPoint &point) const
    {
        return m_canvas->viewport().toPixel(point).toPoint();
    }
    /// A point well inside grid code (its label anchor).
    GeoPoint insideOf(const QString &code) const;
    std::optional<SharedVertex> bestSharedVertex() const;
    void waitUntilIdle();
    void pickTool(GridEditTool::Mode mode);
    void clickOn(const GeoPoint &point, Qt::KeyboardModifiers modifiers = {});
    void pressShortcut(const QKeySequence &sequence);

    QTemporaryDir m_dir;
    QString m_template;
    int m_workspaceNumber = 0;
    std::shared_ptr<const MapScene> m_scene;
    std::unique_ptr<QMainWindow> m_window;
    MapCanvas *m_canvas = nullptr;
    GridEditor *m_editor = nullptr;
};

void TestGridEditor::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_template = m_dir.filePath(QStringLiteral("wenshan.gpkg"));
    auto workspace = Workspace::open(m_template);
    QVERIFY2(workspace, Test::why(workspace));

    GridImportOptions district;
    district.level = GridLevel::District;
    district.codeField = QStringLiteral("CPTID");
    district.nameField = QStringLiteral("TNAME");
    const auto districts = importGrids(
        **workspace, Test::dataPath(QStringLiteral("taipei/taipei_districts.geojson")), district);
    QVERIFY2(districts, Test::why(districts));
    GridImportOptions village;
    village.level = GridLevel::Base;
    village.codeField = QStringLiteral("CPTVID");
    village.nameField = QStringLiteral("VNAME");
    const auto villages = importGrids(
        **workspace, Test::dataPath(QStringLiteral("taipei/wenshan_villages.geojson")), village);
    QVERIFY2(villages, Test::why(villages));
    QCOMPARE(villages->imported, 43);

    auto scene = MapScene::load(**workspace);
    QVERIFY2(scene, Test::why(scene));
    m_scene = *scene;
}

void TestGridEditor::init()
{
    static bool debugging = qEnvironmentVariableIsSet("GRIDEDIT_DEBUG");
    // Every test edits a copy of the freshly imported workspace.
    const QString path = m_dir.filePath(QStringLiteral("edit%1.gpkg").arg(++m_workspaceNumber));
    QVERIFY(QFile::copy(m_template, path));

    m_window = std::make_unique<QMainWindow>();
    m_canvas = new MapCanvas(m_window.get());
    m_window->setCentralWidget(m_canvas);
    m_editor = new GridEditor(m_window.get(), m_canvas);
    if (debugging)
        connect(m_editor, &GridEditor::message,
            [](const QString &text) { qWarning() << "MSG" << text; });
    m_editor->populateMenu(m_window->menuBar()->addMenu(QStringLiteral("Map")));
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));

    m_canvas->setScene(m_scene);
    m_editor->setWorkspace(path);
    m_editor->setActor(QStringLiteral("Zhao Min"), true);
    m_editor->session()->setClock(
        [] { return QDateTime(QDate(2026, 5, 4), QTime(9, 30), Qt::UTC); });
    QSignalSpy editing(m_editor, &GridEditor::editingChanged);
    m_editor->editAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(m_editor->isEditing(), 20000);
    QCOMPARE(session()->grids().size(), 12 + 43);
    waitUntilIdle();
    m_canvas->setFocus();
}

void TestGridEditor::cleanup()
{
    m_window.reset();
    m_canvas = nullptr;
    m_editor = nullptr;
}

void TestGridEditor::waitUntilIdle()
{
    QTRY_VERIFY_WITH_TIMEOUT(
        m_editor->isSceneCurrent() && !m_editor->topologyPanel()->isChecking(), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(!m_canvas->isRendering(), 10000);
}

GeoPoint TestGridEditor::insideOf(const QString &code) const
{
    const auto index = m_scene->gridIndex(code);
    if (!index)
        return {};
    return WebMercator::toLonLat(m_scene->grids()[*index].labelAnchor);
}

void TestGridEditor::pickTool(GridEditTool::Mode mode)
{
    m_editor->toolAction(mode)->trigger();
    QCOMPARE(m_editor->tool()->mode(), mode);
}

void TestGridEditor::clickOn(const GeoPoint &point, Qt::KeyboardModifiers modifiers)
{
    QTest::mouseMove(m_canvas, pixelOf(point));
    QTest::mouseClick(m_canvas, Qt::LeftButton, modifiers, pixelOf(point));
}

void TestGridEditor::pressShortcut(const QKeySequence &sequence)
{
    QVERIFY(!sequence.isEmpty());
    const QKeyCombination combination = sequence[0];
    QTest::keyClick(m_canvas, combination.key(), combination.keyboardModifiers());
}

std::optional<SharedVertex> TestGridEditor::bestSharedVertex() const
{
    // Vertices of the villages, each with the villages that have it and its edges' lengths.
    struct Seen
    {
        QStringList codes;
        double shortestEdge = 1e9;
        GeoPoint point;
    };
    QHash<QPair<qint64, qint64>, Seen> seen;
    for (const Grid &grid : session()->grids()) {
        if (grid.level != GridLevel::Base)
            continue;
        for (const QList<GeoPoint> &ring : session()->outline(grid.code).rings) {
            const qsizetype count = ring.size() - 1;
            for (qsizetype i = 0; i < count; ++i) {
                const GeoPoint &point = ring[i];
                Seen &entry = seen[{qRound64(point.lon * 1e7), qRound64(point.lat * 1e7)}];
                if (!entry.codes.contains(grid.code))
                    entry.codes.append(grid.code);
                entry.point = point;
                entry.shortestEdge =
                    std::min({entry.shortestEdge, distance(point, ring[(i + 1) % count]),
                        distance(point, ring[(i + count - 1) % count])});
            }
        }
    }
    std::optional<SharedVertex> best;
    for (const Seen &entry : std::as_const(seen)) {
        if (entry.codes.size() != 2)
            continue;
        // Ties (both ends of one edge) go to the western end, so that every run picks one.
        const bool better = !best || entry.shortestEdge > best->shortestEdge
            || (entry.shortestEdge == best->shortestEdge && entry.point.lon < best->point.lon);
        if (better)
            best = SharedVertex {entry.point, entry.codes[0], entry.codes[1], entry.shortestEdge};
    }
    return best;
}

void TestGridEditor::dragSharedVertexMovesBothNeighbours()
{
    const auto shared = bestSharedVertex();
    QVERIFY(shared);
    const Grid first = *session()->grid(shared->first);
    const Grid second = *session()->grid(shared->second);
    const auto findingsBefore = checkTopologyAround(session()->grids(), {first.code, second.code});
    QVERIFY2(findingsBefore, Test::why(findingsBefore));

    // Shown so that the vertex's shortest edge is about 240 pixels long.
    const double radius = shared->shortestEdge * 2.5;
    m_canvas->zoomToExtent({shared->point.lon - radius, shared->point.lat - radius,
        shared->point.lon + radius, shared->point.lat + radius});
    pickTool(GridEditTool::Mode::MoveVertex);
    const QPoint from = pixelOf(shared->point);
    QTest::mouseMove(m_canvas, from + QPoint(2, 1));
    QVERIFY(m_editor->tool()->currentSnap());
    QCOMPARE(m_editor->tool()->currentSnap()->kind, GridEdits::Snap::Kind::Vertex);

    const QPoint to = from + QPoint(30, 18);
    QTest::mousePress(m_canvas, Qt::LeftButton, {}, from);
    QTest::mouseMove(m_canvas, from + QPoint(10, 6));
    QTest::mouseMove(m_canvas, from + QPoint(20, 12));
    QTest::mouseMove(m_canvas, to);
    QTest::mouseRelease(m_canvas, Qt::LeftButton, {}, to);
    QCOMPARE(session()->undoStack()->count(), 1);
    waitUntilIdle();

    // Both villages lost the old vertex and gained one new vertex in the same place.
    const GridOutline firstAfter = session()->outline(first.code);
    const GridOutline secondAfter = session()->outline(second.code);
    QVERIFY(!hasVertexNear(firstAfter, shared->point));
    QVERIFY(!hasVertexNear(secondAfter, shared->point));
    std::optional<GeoPoint> moved;
    for (const GeoPoint &point : verticesOf(firstAfter)) {
        if (!hasVertexNear(GridOutline::fromWkb(first.wkb), point))
            moved = point;
    }
    QVERIFY(moved);
    QVERIFY(hasVertexNear(secondAfter, *moved));
    QVERIFY(QLineF(m_canvas->viewport().toPixel(*moved), to).length() < 12);

    // No gap or overlap opened between them or around them.
    const auto findingsAfter = checkTopologyAround(session()->grids(), {first.code, second.code});
    QVERIFY2(findingsAfter, Test::why(findingsAfter));
    QVERIFY2(gapAndOverlapArea(*findingsAfter) <= gapAndOverlapArea(*findingsBefore) + 1.0,
        qPrintable(QStringLiteral("%1 m² before, %2 m² after")
                       .arg(gapAndOverlapArea(*findingsBefore))
                       .arg(gapAndOverlapArea(*findingsAfter))));

    // Ctrl+Z brings the boundary back; redo moves it again.
    pressShortcut(QKeySequence(QKeySequence::Undo));
    QCOMPARE(session()->grid(first.code)->wkb, first.wkb);
    QCOMPARE(session()->grid(second.code)->wkb, second.wkb);
    waitUntilIdle();
    pressShortcut(m_editor->redoAction()->shortcut());
    QVERIFY(hasVertexNear(session()->outline(first.code), *moved));
    QVERIFY(hasVertexNear(session()->outline(second.code), *moved));
    QCOMPARE(m_editor->historyView()->stack()->index(), 1);
}

void TestGridEditor::splitVillageWithDrawnLine()
{
    // The largest village, cut west to east through its middle.
    Grid village;
    for (const Grid &grid : session()->grids()) {
        if (grid.level == GridLevel::Base && grid.areaM2 > village.areaM2)
            village = grid;
    }
    m_canvas->zoomToGrid(village.code);
    pickTool(GridEditTool::Mode::Select);
    clickOn(insideOf(village.code));
    QCOMPARE(session()->selection(), QStringList {village.code});

    pickTool(GridEditTool::Mode::Split);
    const double middle = insideOf(village.code).lat;
    const double margin = village.bbox.width() * 0.05;
    clickOn({village.bbox.west - margin, middle});
    clickOn({village.bbox.east + margin, middle});
    QCOMPARE(m_editor->tool()->drawnPoints().size(), 2);
    QTest::keyClick(m_canvas, Qt::Key_Return);
    QVERIFY(!m_editor->tool()->isDrawing());
    QCOMPARE(session()->undoStack()->count(), 1);
    waitUntilIdle();

    const QStringList parts = session()->draftCodes();
    QVERIFY2(parts.size() >= 2, qPrintable(parts.join(u',')));
    QVERIFY(parts.contains(village.code));
    double area = 0.0;
    for (const QString &code : parts) {
        const auto part = session()->grid(code);
        QVERIFY(part);
        QCOMPARE(part->parentCode, DISTRICT);
        QVERIFY(code.startsWith(DISTRICT));
        area += part->areaM2;
    }
    QVERIFY2(std::abs(area - village.areaM2) < village.areaM2 * 1e-3,
        qPrintable(QStringLiteral("%1 → %2").arg(village.areaM2).arg(area)));
    QVERIFY(m_canvas->scene()->gridIndex(parts.last())); // the map shows the new part
    QVERIFY(session()->grid(village.code)->areaM2 < village.areaM2);

    pressShortcut(QKeySequence(QKeySequence::Undo));
    QCOMPARE(session()->grid(village.code)->wkb, village.wkb);
    QCOMPARE(session()->grids().size(), 12 + 43);
}

void TestGridEditor::drawingKeys()
{
    pickTool(GridEditTool::Mode::DrawGrid);
    const GeoPoint centre = insideOf(QStringLiteral("6300800034"));
    m_canvas->zoomToGrid(QStringLiteral("6300800034"));
    clickOn(centre);
    QTest::mouseClick(m_canvas, Qt::LeftButton, {}, pixelOf(centre) + QPoint(40, 0));
    QTest::mouseClick(m_canvas, Qt::LeftButton, {}, pixelOf(centre) + QPoint(40, 40));
    QCOMPARE(m_editor->tool()->drawnPoints().size(), 3);
    QTest::keyClick(m_canvas, Qt::Key_Backspace);
    QCOMPARE(m_editor->tool()->drawnPoints().size(), 2);
    QTest::keyClick(m_canvas, Qt::Key_Escape);
    QVERIFY(!m_editor->tool()->isDrawing());
    QCOMPARE(session()->undoStack()->count(), 0);

    // A polygon finished with a double-click becomes a grid clipped to free ground, or is
    // refused with a message when the villages leave none; either way nothing half-made stays.
    QSignalSpy messages(m_editor, &GridEditor::message);
    clickOn(centre);
    QTest::mouseClick(m_canvas, Qt::LeftButton, {}, pixelOf(centre) + QPoint(40, 0));
    QTest::mouseClick(m_canvas, Qt::LeftButton, {}, pixelOf(centre) + QPoint(40, 40));
    QTest::mouseDClick(m_canvas, Qt::LeftButton, {}, pixelOf(centre) + QPoint(40, 40));
    QVERIFY(!m_editor->tool()->isDrawing());
    QVERIFY(!messages.isEmpty());
}

void TestGridEditor::drawNewGridInFreeGround()
{
    // Another district of Taipei has no villages in this workspace: a base grid drawn there
    // is nested in it and named by its code.
    QString district;
    for (const Grid &grid : session()->grids()) {
        if (grid.level == GridLevel::District && grid.code != DISTRICT)
            district = grid.code;
    }
    QVERIFY(!district.isEmpty());
    m_canvas->zoomToGrid(district);
    const QPoint centre = pixelOf(insideOf(district));
    pickTool(GridEditTool::Mode::DrawGrid);
    for (const QPoint offset : {QPoint(-30, -20), QPoint(30, -20), QPoint(0, 30)}) {
        QTest::mouseMove(m_canvas, centre + offset);
        QTest::mouseClick(m_canvas, Qt::LeftButton, {}, centre + offset);
    }
    QTest::keyClick(m_canvas, Qt::Key_Enter);
    QCOMPARE(session()->undoStack()->count(), 1);
    waitUntilIdle();

    const QStringList added = session()->draftCodes();
    QCOMPARE(added.size(), 1);
    const Grid drawn = *session()->grid(added.first());
    QCOMPARE(drawn.level, GridLevel::Base);
    QCOMPARE(drawn.parentCode, district);
    QVERIFY(drawn.code.startsWith(district));
    QVERIFY(drawn.areaM2 > 0);
    QVERIFY(session()->outline(drawn.code).contains(insideOf(district)));
    QVERIFY(m_canvas->scene()->gridIndex(drawn.code));

    m_editor->undoAction()->trigger();
    QVERIFY(!session()->grid(drawn.code));
}

void TestGridEditor::reshapeWithDrawnLine()
{
    // A line from one vertex of the village through its middle to another cuts a part off.
    const QString code = QStringLiteral("6300800034");
    const Grid village = *session()->grid(code);
    const QList<GeoPoint> ring = session()->outline(code).rings.first();
    const GeoPoint start = ring.at(0);
    const GeoPoint end = ring.at(ring.size() / 3);
    const GeoPoint middle = insideOf(code);
    m_canvas->zoomToGrid(code);
    pickTool(GridEditTool::Mode::Select);
    clickOn(middle);
    pickTool(GridEditTool::Mode::Reshape);
    clickOn(start);
    QTest::mouseClick(m_canvas, Qt::LeftButton, {}, pixelOf(middle));
    clickOn(end);
    QTest::keyClick(m_canvas, Qt::Key_Return);
    QCOMPARE(session()->undoStack()->count(), 1);
    waitUntilIdle();

    const Grid reshaped = *session()->grid(code);
    QVERIFY(reshaped.wkb != village.wkb);
    QVERIFY(std::abs(reshaped.areaM2 - village.areaM2) > 1.0);
    // The click put the point within a pixel of the middle.
    const QPointF at = m_canvas->viewport().toPixel(middle);
    const double pixel = distance(middle, m_canvas->viewport().toLonLat(at + QPointF(1, 1)));
    QVERIFY(hasVertexNear(session()->outline(code), middle, pixel));

    pressShortcut(QKeySequence(QKeySequence::Undo));
    QCOMPARE(session()->grid(code)->wkb, village.wkb);
}

void TestGridEditor::addAndDeleteSharedVertex()
{
    // The edge two villages share, from their shared vertex to the next one they share.
    const auto shared = bestSharedVertex();
    QVERIFY(shared);
    const GridOutline first = session()->outline(shared->first);
    const GridOutline second = session()->outline(shared->second);
    std::optional<GeoPoint> other;
    for (const QList<GeoPoint> &ring : first.rings) {
        for (qsizetype i = 0; i + 1 < ring.size(); ++i) {
            const GeoPoint &a = ring[i];
            const GeoPoint &b = ring[i + 1];
            if (distance(a, shared->point) < 1e-9 && hasVertexNear(second, b))
                other = b;
            if (distance(b, shared->point) < 1e-9 && hasVertexNear(second, a))
                other = a;
        }
    }
    QVERIFY(other);
    const GeoPoint middle {
        (shared->point.lon + other->lon) / 2, (shared->point.lat + other->lat) / 2};
    m_canvas->zoomToExtent(
        {std::min(shared->point.lon, other->lon), std::min(shared->point.lat, other->lat),
            std::max(shared->point.lon, other->lon), std::max(shared->point.lat, other->lat)});

    pickTool(GridEditTool::Mode::AddVertex);
    QTest::mouseMove(m_canvas, pixelOf(middle) + QPoint(2, 2));
    QVERIFY(m_editor->tool()->currentSnap());
    QCOMPARE(m_editor->tool()->currentSnap()->kind, GridEdits::Snap::Kind::Edge);
    QTest::mouseClick(m_canvas, Qt::LeftButton, {}, pixelOf(middle) + QPoint(2, 2));
    QCOMPARE(session()->undoStack()->count(), 1);
    const qsizetype firstCount = first.vertexCount();
    const qsizetype secondCount = second.vertexCount();
    QCOMPARE(session()->outline(shared->first).vertexCount(), firstCount + 1);
    QCOMPARE(session()->outline(shared->second).vertexCount(), secondCount + 1);
    std::optional<GeoPoint> added;
    for (const GeoPoint &point : verticesOf(session()->outline(shared->first))) {
        if (!hasVertexNear(first, point))
            added = point;
    }
    QVERIFY(added);
    QVERIFY(hasVertexNear(session()->outline(shared->second), *added));
    waitUntilIdle();

    pickTool(GridEditTool::Mode::DeleteVertex);
    clickOn(*added);
    QCOMPARE(session()->undoStack()->count(), 2);
    QCOMPARE(session()->outline(shared->first).vertexCount(), firstCount);
    QCOMPARE(session()->outline(shared->second).vertexCount(), secondCount);
    QVERIFY(!hasVertexNear(session()->outline(shared->first), *added));
    QVERIFY(!hasVertexNear(session()->outline(shared->second), *added));
    waitUntilIdle();
}

void TestGridEditor::deleteGridWithDeleteKey()
{
    const QString code = QStringLiteral("6300800034");
    m_canvas->zoomToGrid(code);
    pickTool(GridEditTool::Mode::Select);
    clickOn(insideOf(code));
    QVERIFY(m_editor->deleteAction()->isEnabled());
    QTest::keyClick(m_canvas, Qt::Key_Delete);
    QVERIFY(!session()->grid(code));
    QCOMPARE(session()->draftCodes(), QStringList {code});
    waitUntilIdle();
    QVERIFY(!m_canvas->scene()->gridIndex(code));

    m_editor->undoAction()->trigger();
    QVERIFY(session()->grid(code));
    QVERIFY(!session()->hasDraftEdits());
    waitUntilIdle();
}

void TestGridEditor::clipCraftedOverlapToEitherSide()
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
    const auto shared = bestSharedVertex();
    QVERIFY(shared);
    const Grid first = *session()->grid(shared->first);
    const Grid second = *session()->grid(shared->second);
    const GeoPoint into = insideOf(second.code);
    const double step = shared->shortestEdge * 0.3 / distance(shared->point, into);
    const GeoPoint target {shared->point.lon + (into.lon - shared->point.lon) * step,
        shared->point.lat + (into.lat - shared->point.lat) * step};
    const auto moved = GridEdits::moveVertex({first}, shared->point, target, 1e-9);
    QVERIFY2(moved, Test::why(moved));
    GridChange craftedChange;
    craftedChange.description = QStringLiteral("crafted overlap");
    craftedChange.before = {first};
    craftedChange.after = *moved;
    QVERIFY(session()->edit(craftedChange));
    waitUntilIdle();

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

void TestGridEditor::discardDraft()
{
    const QString code = QStringLiteral("6300800034");
    QVERIFY(m_editor->subdivide(code, {4, std::nullopt}));
    waitUntilIdle();
    QVERIFY(session()->hasDraftEdits());

    QVERIFY(m_editor->discardDraftNow());
    waitUntilIdle();
    QVERIFY(!session()->hasDraftEdits());
    QCOMPARE(session()->grids().size(), 12 + 43);
    QCOMPARE(session()->undoStack()->count(), 0);
    QCOMPARE(m_canvas->scene()->gridWithDescendants(code), QStringList {code});

    // Read again as after a restart, the draft is empty still.
    const QString path = session()->path();
    m_editor->setWorkspace(path);
    m_editor->setEditing(true);
    QTRY_VERIFY_WITH_TIMEOUT(m_editor->isEditing(), 20000);
    QVERIFY(!session()->hasDraftEdits());
    waitUntilIdle();
}

void TestGridEditor::mergeTwoVillages()
{
    const auto shared = bestSharedVertex();
    QVERIFY(shared);
    const Grid first = *session()->grid(shared->first);
    const Grid second = *session()->grid(shared->second);
    m_canvas->zoomToGrid(first.code);
    m_canvas->zoomToExtent([&] {
        BoundingBox both = first.bbox;
        both.expand(second.bbox);
        return both;
    }());

    pickTool(GridEditTool::Mode::Select);
    clickOn(insideOf(first.code));
    QVERIFY(!m_editor->mergeAction()->isEnabled());
    clickOn(insideOf(second.code), Qt::ShiftModifier);
    QCOMPARE(session()->selection(), (QStringList {first.code, second.code}));
    QVERIFY(m_editor->mergeAction()->isEnabled());
    m_editor->mergeAction()->trigger();
    waitUntilIdle();

    QVERIFY(!session()->grid(second.code));
    const auto merged = session()->grid(first.code);
    QVERIFY(merged);
    QVERIFY(std::abs(merged->areaM2 - first.areaM2 - second.areaM2) < merged->areaM2 * 1e-3);
    QCOMPARE(session()->selection(), QStringList {first.code});
    QVERIFY(!m_canvas->scene()->gridIndex(second.code));

    m_editor->undoAction()->trigger();
    QVERIFY(session()->grid(second.code));
    QCOMPARE(session()->grid(first.code)->wkb, first.wkb);
}

void TestGridEditor::subdivideIntoFineGrids()
{
    const QString code = QStringLiteral("6300800034");
    const Grid village = *session()->grid(code);
    m_canvas->zoomToGrid(code);
    pickTool(GridEditTool::Mode::Select);
    clickOn(insideOf(code));
    QVERIFY(m_editor->subdivideAction()->isEnabled());
    m_editor->subdivideAction()->trigger();
    SubdivideDialog *dialog = m_editor->subdivideDialog();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());

    dialog->partsBox()->setValue(6);
    dialog->updatePreview();
    const int count = dialog->previewCount();
    QVERIFY2(count >= 4 && count <= 9, qPrintable(QString::number(count)));
    dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    waitUntilIdle();

    QStringList fine;
    double area = 0.0;
    for (const Grid &grid : session()->grids()) {
        if (grid.parentCode != code)
            continue;
        QCOMPARE(grid.level, GridLevel::Fine);
        QVERIFY(grid.code.startsWith(code));
        fine.append(grid.code);
        area += grid.areaM2;
    }
    QCOMPARE(fine.size(), count);
    QVERIFY(std::abs(area - village.areaM2) < village.areaM2 * 1e-3);
    QVERIFY(m_canvas->scene()->gridIndex(fine.first()));
    QCOMPARE(session()->undoStack()->count(), 1);
}

void TestGridEditor::attributesAreAnUndoableEdit()
{
    const QString code = QStringLiteral("6300800022");
    const Grid before = *session()->grid(code);
    m_canvas->zoomToGrid(code);
    pickTool(GridEditTool::Mode::Select);
    clickOn(insideOf(code));
    TopologyFindingsModel *findings = m_editor->topologyPanel()->model();
    const auto keysOf = [findings](TopologyFinding::Kind kind) {
        QStringList keys;
        for (const TopologyFinding &finding : findings->findings()) {
            if (finding.kind == kind)
                keys.append(finding.key());
        }
        return keys;
    };
    const QStringList unsupervised = keysOf(TopologyFinding::Kind::NoSupervisor);
    const QStringList outside = keysOf(TopologyFinding::Kind::OutsideParent);
    const QStringList gaps = keysOf(TopologyFinding::Kind::Gap);
    GridAttributesPanel *panel = m_editor->attributesPanel();
    QCOMPARE(panel->codeEdit()->text(), code);
    QCOMPARE(panel->nameEdit()->text(), before.name);

    panel->supervisorEdit()->clear();
    QTest::keyClicks(panel->supervisorEdit(), QStringLiteral("Zhao Min"));
    panel->householdsEdit()->clear();
    QTest::keyClicks(panel->householdsEdit(), QStringLiteral("1234"));
    QTest::keyClick(panel->householdsEdit(), Qt::Key_Return);
    QCOMPARE(session()->grid(code)->supervisor, QStringLiteral("Zhao Min"));
    QCOMPARE(session()->grid(code)->households, std::optional<qint64>(1234));
    QCOMPARE(session()->grid(code)->wkb, before.wkb);

    // The check after the edit finds the grid supervised and leaves the other findings be.
    waitUntilIdle();
    QCOMPARE(keysOf(TopologyFinding::Kind::NoSupervisor).size(), unsupervised.size() - 1);
    QCOMPARE(keysOf(TopologyFinding::Kind::OutsideParent), outside);
    QCOMPARE(keysOf(TopologyFinding::Kind::Gap), gaps);

    m_editor->undoAction()->trigger();
    QCOMPARE(session()->grid(code)->supervisor, before.supervisor);
    QCOMPARE(session()->grid(code)->households, before.households);
    QCOMPARE(panel->supervisorEdit()->text(), before.supervisor);
    waitUntilIdle();
    QCOMPARE(keysOf(TopologyFinding::Kind::NoSupervisor), unsupervised);
}

void TestGridEditor::fixCraftedGapFromFindings()
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
    const auto shared = bestSharedVertex();
    QVERIFY(shared);
    const Grid first = *session()->grid(shared->first);
    const GeoPoint inside = insideOf(first.code);
    const double step = shared->shortestEdge * 0.3 / distance(shared->point, inside);
    const GeoPoint target {shared->point.lon + (inside.lon - shared->point.lon) * step,
        shared->point.lat + (inside.lat - shared->point.lat) * step};
    const auto moved = GridEdits::moveVertex({first}, shared->point, target, 1e-9);
    QVERIFY2(moved, Test::why(moved));
    GridChange craftedChange;
    craftedChange.description = QStringLiteral("crafted gap");
    craftedChange.before = {first};
    craftedChange.after = *moved;
    QVERIFY(session()->edit(craftedChange));
    waitUntilIdle();

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

void TestGridEditor::acceptAndWithdrawFinding()
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

void TestGridEditor::draftSurvivesRestart()
{
    const QString code = QStringLiteral("6300800034");
    QVERIFY(m_editor->subdivide(code, {4, std::nullopt}));
    waitUntilIdle();
    QStringList changed = session()->draftCodes();
    changed.sort();
    QVERIFY(changed.size() >= 2); // the fine grids; the village itself is as it was
    QVERIFY(!changed.contains(code));
    const QString path = session()->path();

    // Another editor on the same workspace, as after a restart, finds the draft as it was.
    cleanup();
    QMainWindow window;
    auto *canvas = new MapCanvas(&window);
    window.setCentralWidget(canvas);
    canvas->setScene(m_scene);
    auto *editor = new GridEditor(&window, canvas);
    editor->setWorkspace(path);
    editor->setEditing(true);
    QTRY_VERIFY_WITH_TIMEOUT(editor->isEditing(), 20000);
    QStringList found = editor->session()->draftCodes();
    found.sort();
    QCOMPARE(found, changed);
    QCOMPARE(editor->session()->grids().size(), 12 + 43 + changed.size());
    QTRY_VERIFY_WITH_TIMEOUT(editor->isSceneCurrent(), 20000);
    QCOMPARE(canvas->scene()->gridWithDescendants(code).size(), changed.size() + 1);
}

void TestGridEditor::publishWithNoteAndListEdition()
{
    const QString code = QStringLiteral("6300800022");
    QVERIFY(m_editor->subdivide(code, {4, std::nullopt}));
    waitUntilIdle();

    m_editor->publishAction()->trigger();
    PublishDialog *dialog = m_editor->publishDialog();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QVERIFY(dialog->impactTable()->rowCount() >= 1);
    QVERIFY(!dialog->publishButton()->isEnabled());
    QTest::keyClicks(dialog->noteEdit(), QStringLiteral("Fine grids for 6300800022"));
    QVERIFY(dialog->publishButton()->isEnabled());
    QSignalSpy published(m_editor, &GridEditor::published);
    dialog->publishButton()->click();
    QCOMPARE(published.size(), 1);
    const auto edition = published.at(0).at(0).value<GridEdition>();
    QCOMPARE(edition.note, QStringLiteral("Fine grids for 6300800022"));
    QCOMPARE(edition.publishedBy, QStringLiteral("Zhao Min"));
    QVERIFY(!session()->hasDraftEdits());
    QCOMPARE(session()->undoStack()->count(), 0);

    m_editor->editionsAction()->trigger();
    EditionsDialog *editions = m_editor->editionsDialog();
    QVERIFY(editions);
    QTRY_VERIFY(editions->isVisible());
    QTableWidget *table = editions->table();
    QVERIFY(table->rowCount() >= 2);
    QCOMPARE(table->item(0, 0)->text(), QString::number(edition.number));
    QCOMPARE(table->item(0, 3)->text(), edition.note);
    QCOMPARE(table->item(0, 2)->text(), QStringLiteral("Zhao Min"));

    // An older edition is shown read-only, without the fine grids; then back.
    table->selectRow(1);
    QVERIFY(editions->currentEdition() < edition.number);
    for (QPushButton *button : editions->findChildren<QPushButton *>()) {
        if (button->text().contains(QLatin1String("map")))
            button->click();
    }
    QVERIFY(m_editor->isShowingEdition());
    QVERIFY(!m_editor->isEditing());
    QVERIFY(m_canvas->tool() == nullptr);
    const QStringList withFine = m_canvas->scene()->gridWithDescendants(code);
    QCOMPARE(withFine, QStringList {code});
    m_editor->showCurrentMap();
    QVERIFY(!m_editor->isShowingEdition());
}

void TestGridEditor::screenshotOfEditingMode()
{
    const auto shared = bestSharedVertex();
    QVERIFY(shared);
    const Grid first = *session()->grid(shared->first);
    BoundingBox both = first.bbox;
    both.expand(session()->grid(shared->second)->bbox);
    m_canvas->zoomToExtent(both);
    pickTool(GridEditTool::Mode::Select);
    clickOn(insideOf(first.code));
    GridAttributesPanel *attributes = m_editor->attributesPanel();
    QTest::keyClicks(attributes->supervisorEdit(), QStringLiteral("Zhao Min"));
    QTest::keyClick(attributes->supervisorEdit(), Qt::Key_Return);
    m_canvas->setFocus();
    pickTool(GridEditTool::Mode::MoveVertex);
    waitUntilIdle();

    // Caught halfway through dragging the shared vertex: its edges in both villages follow.
    const QPoint from = pixelOf(shared->point);
    QTest::mouseMove(m_canvas, from + QPoint(3, -2));
    QVERIFY(m_editor->tool()->currentSnap());
    QTest::mousePress(m_canvas, Qt::LeftButton, {}, from);
    QTest::mouseMove(m_canvas, from + QPoint(20, 25));
    QTest::mouseMove(m_canvas, from + QPoint(40, 50));

    const QString folder = QStringLiteral(GRIDDESK_SCREENSHOT_DIR);
    QVERIFY(QDir().mkpath(folder));
    const QString path = QDir(folder).filePath(QStringLiteral("grid-editing.png"));
    QVERIFY(m_window->grab().save(path));
    qInfo("screenshot: %s", qPrintable(path));
    QTest::mouseRelease(m_canvas, Qt::LeftButton, {}, from + QPoint(40, 50));
    QCOMPARE(session()->undoStack()->count(), 2);
}

void TestGridEditor::largeWorkspace()
{
    // GRIDDESK_LARGE_WORKSPACE=city.gpkg (a copy: it is edited) times the editor on a city of
    // 100 000 grids: reading the draft, drawing it, snapping, an edit and the checks.
    const QString path = qEnvironmentVariable("GRIDDESK_LARGE_WORKSPACE");
    if (path.isEmpty())
        QSKIP("GRIDDESK_LARGE_WORKSPACE names no workspace to time");
    cleanup();
    QElapsedTimer timer;
    timer.start();
    std::shared_ptr<const MapScene> scene;
    {
        auto workspace = Workspace::open(path);
        QVERIFY2(workspace, Test::why(workspace));
        auto loaded = MapScene::load(**workspace);
        QVERIFY2(loaded, Test::why(loaded));
        scene = *loaded;
    }
    qInfo("published map read in %lld ms", timer.restart());

    QMainWindow window;
    auto *canvas = new MapCanvas(&window);
    window.setCentralWidget(canvas);
    auto *editor = new GridEditor(&window, canvas);
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    canvas->setScene(scene);
    editor->setWorkspace(path);
    editor->setActor(QStringLiteral("Zhao Min"), true);
    timer.restart();
    editor->setEditing(true);
    QTRY_VERIFY_WITH_TIMEOUT(editor->isEditing(), 300000);
    qInfo("draft of %lld grids read in %lld ms", qint64(editor->session()->grids().size()),
        timer.restart());
    QTRY_VERIFY_WITH_TIMEOUT(editor->isSceneCurrent(), 300000);
    qInfo("draft drawn in %lld ms", timer.restart());
    QTRY_VERIFY_WITH_TIMEOUT(!editor->topologyPanel()->isChecking(), 600000);
    qInfo("whole map checked in %lld ms: %d findings", timer.restart(),
        editor->topologyPanel()->model()->rowCount());

    // A grid in the middle, zoomed to; the cursor hovers over its first vertex.
    const Grid grid = editor->session()->grids().at(editor->session()->grids().size() / 2);
    canvas->zoomToGrid(grid.code);
    editor->toolAction(GridEditTool::Mode::MoveVertex)->trigger();
    const GeoPoint vertex = editor->session()->outline(grid.code).rings.first().first();
    const QPoint at = canvas->viewport().toPixel(vertex).toPoint();
    timer.restart();
    for (int i = 0; i < 20; ++i)
        QTest::mouseMove(canvas, at + QPoint(i % 3, i % 2));
    qInfo("hover with snapping: %.1f ms a move", timer.restart() / 20.0);
    QVERIFY(editor->tool()->currentSnap());

    QTest::mousePress(canvas, Qt::LeftButton, {}, at);
    QTest::mouseMove(canvas, at + QPoint(6, 4));
    QTest::mouseRelease(canvas, Qt::LeftButton, {}, at + QPoint(6, 4));
    qInfo("vertex moved in %lld ms", timer.restart());
    QCOMPARE(editor->session()->undoStack()->count(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(editor->isSceneCurrent(), 300000);
    qInfo("map redrawn %lld ms later", timer.restart());
    QTRY_VERIFY_WITH_TIMEOUT(!editor->topologyPanel()->isChecking(), 300000);
    qInfo("checked around it %lld ms later", timer.restart());
    editor->undoAction()->trigger();
    qInfo("undone in %lld ms", timer.restart());
}

GRIDDESK_TEST_MAIN(TestGridEditor, QApplication)

#include "tst_grideditor.moc"
