// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "gridedit/grideditor.h"
#include "gridedit/grideditsession.h"
#include "gridedit/gridedittool.h"
#include "gridedit/gridoutline.h"
#include "gridedit/topologypanel.h"

#include "support/testsupport.h"

#include "ingest/gridimporter.h"
#include "maprender/mapscene.h"
#include "mapview/mapcanvas.h"
#include "storage/workspace.h"
#include "topology/topologycheck.h"

#include <QAction>
#include <QFile>
#include <QHash>
#include <QMainWindow>
#include <QMenuBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUndoStack>

#include <cmath>
#include <memory>
#include <optional>

// The grid editor on a real small map for the GUI tests: Wenshan district of Taipei with its 43
// villages as base grids, imported once; every test edits a copy in a window of its own.
namespace GridDesk::Test {

inline const QString DISTRICT = QStringLiteral("6300800");

/// A vertex two villages share, with the shortest edge that meets it there (degrees).
struct SharedVertex
{
    GeoPoint point;
    QString first;
    QString second;
    double shortestEdge = 0.0;
};

inline double distance(const GeoPoint &a, const GeoPoint &b)
{
    return std::hypot(a.lon - b.lon, a.lat - b.lat);
}

inline bool hasVertexNear(
    const GridOutline &outline, const GeoPoint &point, double tolerance = 1e-9)
{
    for (const QList<GeoPoint> &ring : outline.rings) {
        for (const GeoPoint &vertex : ring) {
            if (distance(vertex, point) <= tolerance)
                return true;
        }
    }
    return false;
}

inline QList<GeoPoint> verticesOf(const GridOutline &outline)
{
    QList<GeoPoint> points;
    for (const QList<GeoPoint> &ring : outline.rings)
        points += ring;
    return points;
}

/// Gap and overlap area among findings, in m².
inline double gapAndOverlapArea(const QList<TopologyFinding> &findings)
{
    double area = 0.0;
    for (const TopologyFinding &finding : findings) {
        if (finding.kind == TopologyFinding::Kind::Gap
            || finding.kind == TopologyFinding::Kind::Overlap)
            area += finding.areaM2;
    }
    return area;
}

/// The window, canvas and editor of one test, and the steps tests share.
class EditorFixture
{
protected:
    GridEditSession *session() const { return m_editor->session(); }
    QPoint pixelOf(const GeoPoint &point) const
    {
        return m_canvas->viewport().toPixel(point).toPoint();
    }

    /// Imports the villages into the template workspace; for initTestCase().
    void prepareWorkspace()
    {
        QVERIFY(m_dir.isValid());
        m_template = m_dir.filePath(QStringLiteral("wenshan.gpkg"));
        auto workspace = Workspace::open(m_template);
        QVERIFY2(workspace, Test::why(workspace));

        GridImportOptions district;
        district.level = GridLevel::District;
        district.codeField = QStringLiteral("CPTID");
        district.nameField = QStringLiteral("TNAME");
        const auto districts = importGrids(**workspace,
            Test::dataPath(QStringLiteral("taipei/taipei_districts.geojson")), district);
        QVERIFY2(districts, Test::why(districts));
        GridImportOptions village;
        village.level = GridLevel::Base;
        village.codeField = QStringLiteral("CPTVID");
        village.nameField = QStringLiteral("VNAME");
        const auto villages = importGrids(**workspace,
            Test::dataPath(QStringLiteral("taipei/wenshan_villages.geojson")), village);
        QVERIFY2(villages, Test::why(villages));
        QCOMPARE(villages->imported, 43);

        auto scene = MapScene::load(**workspace);
        QVERIFY2(scene, Test::why(scene));
        m_scene = *scene;
    }

    /// A window editing a fresh copy of the template; for init().
    void openEditor()
    {
        // Every test edits a copy of the freshly imported workspace.
        const QString path = m_dir.filePath(QStringLiteral("edit%1.gpkg").arg(++m_workspaceNumber));
        QVERIFY(QFile::copy(m_template, path));

        m_window = std::make_unique<QMainWindow>();
        m_canvas = new MapCanvas(m_window.get());
        m_window->setCentralWidget(m_canvas);
        m_editor = new GridEditor(m_window.get(), m_canvas);
        // What the editor tells the user shows in the test's log, to read when a step fails.
        QObject::connect(m_editor, &GridEditor::message,
            [](const QString &text) { qInfo("editor: %s", qPrintable(text)); });
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

    void closeEditor()
    {
        m_window.reset();
        m_canvas = nullptr;
        m_editor = nullptr;
    }

    /// Until the map shows the draft and no check runs.
    void waitUntilIdle()
    {
        QTRY_VERIFY_WITH_TIMEOUT(
            m_editor->isSceneCurrent() && !m_editor->topologyPanel()->isChecking(), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(!m_canvas->isRendering(), 10000);
    }

    /// A point well inside grid code (its label anchor).
    GeoPoint insideOf(const QString &code) const
    {
        const auto index = m_scene->gridIndex(code);
        if (!index)
            return {};
        return WebMercator::toLonLat(m_scene->grids()[*index].labelAnchor);
    }

    void pickTool(GridEditTool::Mode mode)
    {
        m_editor->toolAction(mode)->trigger();
        QCOMPARE(m_editor->tool()->mode(), mode);
    }

    void clickOn(const GeoPoint &point, Qt::KeyboardModifiers modifiers = {})
    {
        QTest::mouseMove(m_canvas, pixelOf(point));
        QTest::mouseClick(m_canvas, Qt::LeftButton, modifiers, pixelOf(point));
    }

    void pressShortcut(const QKeySequence &sequence)
    {
        QVERIFY(!sequence.isEmpty());
        const QKeyCombination combination = sequence[0];
        QTest::keyClick(m_canvas, combination.key(), combination.keyboardModifiers());
    }

    std::optional<SharedVertex> bestSharedVertex() const
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
                best =
                    SharedVertex {entry.point, entry.codes[0], entry.codes[1], entry.shortestEdge};
        }
        return best;
    }

    QTemporaryDir m_dir;
    QString m_template;
    int m_workspaceNumber = 0;
    std::shared_ptr<const MapScene> m_scene;
    std::unique_ptr<QMainWindow> m_window;
    MapCanvas *m_canvas = nullptr;
    GridEditor *m_editor = nullptr;
};

} // namespace GridDesk::Test
