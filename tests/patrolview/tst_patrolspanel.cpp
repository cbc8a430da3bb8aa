// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "patrolview/patrolspanel.h"

#include "patrolfixture.h"
#include "support/testsupport.h"

#include "maprender/mapscene.h"
#include "mapview/mapcanvas.h"
#include "storage/workspace.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QToolTip>

using namespace GridDesk;

namespace {

QDateTime utc(int day, int hour, int minute = 0)
{
    return QDateTime(QDate(2026, 3, day), QTime(hour, minute), Qt::UTC);
}

bool near(const QColor &a, const QColor &b)
{
    return std::abs(a.red() - b.red()) < 40 && std::abs(a.green() - b.green()) < 40
        && std::abs(a.blue() - b.blue()) < 40;
}

} // namespace

class TestPatrolsPanel : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;
    qint64 m_caseId = 0;
    std::unique_ptr<QWidget> m_window;
    PatrolsPanel *m_panel = nullptr;
    MapCanvas *m_canvas = nullptr;

    QString walk(const QString &name, double lat, const QDateTime &start)
    {
        const QString path = m_dir.filePath(name);
        Test::writeGpx(path, Test::walk(-0.002, lat, 0.018, lat + 0.002, 20, start));
        return path;
    }

    QTableWidget *table(int index) const
    {
        return m_panel->findChildren<QTableWidget *>().at(index);
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Two 0.01° squares side by side at the equator, the user lee and a grid patroller,
        // and a case lee reported during the Monday walk, on its path.
        m_path = m_dir.filePath(QStringLiteral("squares.gpkg"));
        auto workspace = Workspace::open(m_path);
        QVERIFY2(workspace, Test::why(workspace));
        const QList<Grid> grids {Test::rectangleGrid(QStringLiteral("SQ"), 0.0, 0.0, 0.01, 0.01),
            Test::rectangleGrid(QStringLiteral("NEXT"), 0.01, 0.0, 0.02, 0.01)};
        QVERIFY((*workspace)->transaction([&] { return (*workspace)->saveGrids(grids); }));
        m_caseId = Test::reportCase(**workspace, QStringLiteral("SQ"), {0.008, 0.0038},
            QStringLiteral("lee"), QStringLiteral("hotline"),
            QStringLiteral("2026-03-02T09:08:00+00:00"));
        QVERIFY(m_caseId);
        QVERIFY(Test::addUser(**workspace, QStringLiteral("lee")));
        QVERIFY(Test::addPerson(
            **workspace, QStringLiteral("Wang Fang"), QStringLiteral("grid_patroller")));
        // lee patrols SQ daily; someone in post patrols NEXT weekly.
        PatrolBook plans(**workspace);
        QVERIFY(plans.addPlan({0, QStringLiteral("SQ"), QStringLiteral("Litter"), 1,
            PlanPeriod::Day, QStringLiteral("lee"), {}, 0.0}));
        QVERIFY(plans.addPlan({0, QStringLiteral("NEXT"), QStringLiteral("Street lights"), 1,
            PlanPeriod::Week, {}, QStringLiteral("grid_patroller"), 0.0}));
        auto scene = MapScene::load(**workspace);
        QVERIFY2(scene, Test::why(scene));

        m_window = std::make_unique<QWidget>();
        m_panel = new PatrolsPanel(m_window.get());
        m_canvas = new MapCanvas(m_window.get());
        auto *layout = new QHBoxLayout(m_window.get());
        layout->addWidget(m_panel, 2);
        layout->addWidget(m_canvas, 3);
        m_window->resize(1200, 760);
        m_canvas->addOverlay(m_panel->overlay());
        connect(m_panel, &PatrolsPanel::tracksChanged, m_canvas, qOverload<>(&QWidget::update));
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_canvas->setScene(*scene);
        QVERIFY2(m_panel->open(m_path), "the panel opens the workspace");
        m_panel->setUser(QStringLiteral("lee"));
    }

    void importShowsTheTrackItsGridsAndItsCases()
    {
        QSignalSpy chosen(m_panel, &PatrolsPanel::trackChosen);
        auto imported = m_panel->importFile(walk(QStringLiteral("monday.gpx"), 0.003, utc(2, 9)));
        QVERIFY2(imported, Test::why(imported));
        QVERIFY2(
            m_panel->message().startsWith(QLatin1String("Imported monday.gpx as lee's patrol")),
            qPrintable(m_panel->message()));
        QCOMPARE(chosen.size(), 1);
        QCOMPARE(table(0)->rowCount(), 1);
        QCOMPARE(table(0)->item(0, 0)->text(), QStringLiteral("lee"));
        QCOMPARE(table(0)->item(0, 2)->text(), QStringLiteral("2026-03-02 09:00:00"));
        // Both squares were crossed; the case lee reported on the way is credited.
        QCOMPARE(table(1)->rowCount(), 2);
        QCOMPARE(table(1)->item(0, 0)->text(), QStringLiteral("NEXT"));
        QCOMPARE(table(2)->rowCount(), 1);
        QCOMPARE(table(2)->item(0, 0)->text(), QString::number(m_caseId));

        QSignalSpy cases(m_panel, &PatrolsPanel::caseRequested);
        Q_EMIT table(2)->itemDoubleClicked(table(2)->item(0, 1));
        QCOMPARE(cases.size(), 1);
        QCOMPARE(cases.first().first().toLongLong(), m_caseId);
    }

    void aBadLogIsRefusedInWordsAndLosesNothing()
    {
        const QString path = m_dir.filePath(QStringLiteral("broken.gpx"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("<?xml version=\"1.0\"?><gpx><trk><trkseg><trkpt lat=\"0.0");
        file.close();
        auto imported = m_panel->importFile(path);
        QVERIFY(!imported);
        QVERIFY2(m_panel->message().startsWith(QLatin1String("Not imported: broken.gpx")),
            qPrintable(m_panel->message()));
        QCOMPARE(table(0)->rowCount(), 1);
        QCOMPARE(m_panel->overlay()->tracks().size(), 1);
    }

    void theMapDrawsTheTracksWithTheirTimes()
    {
        m_panel->findChild<QComboBox *>(QStringLiteral("patrolPerson"))
            ->setCurrentText(QStringLiteral("Wang Fang"));
        auto second = m_panel->importFile(walk(QStringLiteral("thursday.gpx"), 0.006, utc(5, 14)));
        QVERIFY2(second, Test::why(second));
        QCOMPARE(m_panel->overlay()->tracks().size(), 2);
        // The plans, judged from Monday to Thursday: lee walked SQ on one of the four days;
        // four days hold no whole week.
        QCOMPARE(table(3)->rowCount(), 2);
        QCOMPARE(table(3)->item(0, 2)->text(), QStringLiteral("1 × a day by lee"));
        QCOMPARE(table(3)->item(0, 1)->text(), QStringLiteral("1 of 4"));
        QCOMPARE(table(3)->item(1, 1)->text(), QStringLiteral("not judged: no whole week"));
        // Monday's walk chosen again: its grids and its case are listed, the map draws it wider.
        m_panel->chooseTrack(m_panel->overlay()->tracks().first().id);
        QCOMPARE(table(2)->rowCount(), 1);
        // Both squares and both walks, which start west of them.
        m_canvas->zoomToExtent(BoundingBox {-0.004, -0.001, 0.021, 0.011});
        QTRY_VERIFY(!m_canvas->isRendering());
        QTRY_VERIFY(!m_canvas->image().isNull());

        const QImage shown = m_canvas->grab().toImage();
        const MapViewport viewport = m_canvas->viewport();
        // Midway along Monday's walk (lee's, the first colour) and Thursday's (the second).
        const QPoint monday = viewport.toPixel({0.008, 0.004}).toPoint();
        const QPoint thursday = viewport.toPixel({0.008, 0.007}).toPoint();
        QVERIFY2(near(shown.pixelColor(monday), TrackOverlay::colourOf(0)),
            qPrintable(shown.pixelColor(monday).name()));
        QVERIFY2(near(shown.pixelColor(thursday), TrackOverlay::colourOf(1)),
            qPrintable(shown.pixelColor(thursday).name()));

        const QString tip =
            m_panel->overlay()->toolTipAt(viewport.toPixel({-0.001, 0.0031}), viewport);
        QVERIFY2(tip.contains(QLatin1String("lee's patrol (monday.gpx)"))
                && tip.contains(QLatin1String("fix 2 of 21 at 2026-03-02 09:01:00 UTC")),
            qPrintable(tip));
        QVERIFY(m_panel->overlay()->toolTipAt(viewport.toPixel({0.015, 0.0}), viewport).isEmpty());
        // The canvas asks its overlays when the cursor rests on the map.
        const QPoint fix = viewport.toPixel({-0.001, 0.0031}).toPoint();
        QHelpEvent rest(QEvent::ToolTip, fix, m_canvas->mapToGlobal(fix));
        QApplication::sendEvent(m_canvas, &rest);
        QTRY_COMPARE(QToolTip::text(), tip);

        const QString folder = QStringLiteral(GRIDDESK_SCREENSHOT_DIR);
        QVERIFY(QDir().mkpath(folder));
        QVERIFY(m_window->grab().save(QDir(folder).filePath(QStringLiteral("patrols.png"))));
    }

    void cleanupTestCase()
    {
        m_canvas->removeOverlay(m_panel->overlay());
        m_window.reset();
    }
};

GRIDDESK_TEST_MAIN(TestPatrolsPanel, QApplication)
#include "tst_patrolspanel.moc"
