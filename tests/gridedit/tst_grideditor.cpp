// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "editorfixture.h"

#include "gridedit/gridattributespanel.h"
#include "gridedit/subdividedialog.h"
#include "gridedit/topologyfindingsmodel.h"
#include "gridedit/topologypanel.h"

#include "topology/gridedits.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QUndoView>

using namespace GridDesk;
using namespace GridDesk::Test;

/// The editing tools driven with the mouse and keyboard on the map.
class TestGridEditor : public QObject, private EditorFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { prepareWorkspace(); }
    void init() { openEditor(); }
    void cleanup() { closeEditor(); }
    void dragSharedVertexMovesBothNeighbours();
    void splitVillageWithDrawnLine();
    void drawingKeys();
    void drawNewGridInFreeGround();
    void reshapeWithDrawnLine();
    void addAndDeleteSharedVertex();
    void deleteGridWithDeleteKey();
    void mergeTwoVillages();
    void subdivideIntoFineGrids();
    void attributesAreAnUndoableEdit();
    void screenshotOfEditingMode();
    void largeWorkspace();
};

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

    QTest::keyClick(m_canvas, Qt::Key_L); // the key of the Split tool on the map
    QCOMPARE(m_editor->tool()->mode(), GridEditTool::Mode::Split);
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
