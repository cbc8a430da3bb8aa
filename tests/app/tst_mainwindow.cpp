// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "mainwindow.h"
#include "workspaceloader.h"

#include "support/testsupport.h"

#include "casedesk.h"
#include "cases/casefilterproxymodel.h"
#include "cases/casequeuewidget.h"
#include "cases/casetablemodel.h"
#include "evaluationview/evaluationdashboard.h"
#include "gis/geoscontext.h"
#include "gis/wkb.h"
#include "gridedit/grideditor.h"
#include "ingest/caseimporter.h"
#include "mapview/mapcanvas.h"
#include "orgedit/orgdocument.h"
#include "orgedit/orgeditor.h"
#include "patrolview/patrolspanel.h"
#include "register/registerbook.h"
#include "registerview/registerpanel.h"
#include "registerview/registertablemodel.h"
#include "standardsedit/standardsbrowser.h"
#include "standardsedit/standardsdocument.h"
#include "storage/workspace.h"
#include "workflow/casebook.h"

#include <QApplication>
#include <QDockWidget>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QToolButton>

using namespace GridDesk;

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void createsWorkspaceFromSample();
    void caseInQueueSelectsItOnTheMap();
    void gridClickFiltersTheQueue();
    void gridClickShowsItsRegister();
    void caseClickSelectsItInTheQueue();
    void layoutIsRestored();
    void badWorkspaceShowsError();
    void workspaceWithCasesOnlyGetsNoSample();
    void savedOrgChartReachesTheDesk();
    void standardsBrowserOpensFromTheMenu();
    void evaluationNumbersOpenTheirCasesInTheQueue();
    void patrolsDockDrawsAnImportedTrackOnTheMap();
    void caseThatCameInIsDrawnAndSelectable();

private:
    /// A pixel of the map inside a base grid that holds cases, with no case point near it.
    std::optional<std::pair<QPoint, QString>> pixelInGridWithCases() const;
    QString screenshotPath() const;
    /// Reports a video case at where through a connection of its own, as another program on
    /// the workspace would; its id, or 0.
    qint64 reportElsewhere(const QString &externalId, const GeoPoint &where);

    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("GridDeskTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    QSettings().clear();
    QVERIFY(m_dir.isValid());
}

void TestMainWindow::init()
{
    m_window = std::make_unique<MainWindow>(QDir(Test::mapsPath()));
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));

    QSignalSpy loaded(m_window.get(), &MainWindow::workspaceLoaded);
    QSignalSpy failed(m_window.get(), &MainWindow::workspaceFailed);
    m_window->openWorkspace(m_dir.filePath(QStringLiteral("nyc.gpkg")), QStringLiteral("nyc"));
    QTRY_VERIFY_WITH_TIMEOUT(loaded.size() + failed.size() > 0, 300000);
    QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).toString()));
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->mapCanvas()->image().isNull(), 20000);
}

void TestMainWindow::cleanup()
{
    m_window.reset();
}

QString TestMainWindow::screenshotPath() const
{
    return QDir::temp().filePath(QStringLiteral("griddesk-mainwindow.png"));
}

void TestMainWindow::createsWorkspaceFromSample()
{
    QVERIFY(QFileInfo::exists(m_dir.filePath(QStringLiteral("nyc.gpkg"))));
    QVERIFY(m_window->windowTitle().contains(QLatin1String("GridDesk")));
    QVERIFY(m_window->caseQueue()->model()->rowCount() >= 2000);
    const auto scene = m_window->mapCanvas()->scene();
    QVERIFY(scene->grids().size() >= 64); // 5 boroughs and 59 community districts
    bool countsShown = false;
    for (const QLabel *label : m_window->statusBar()->findChildren<QLabel *>())
        countsShown |= label->text().contains(QString::number(scene->grids().size()));
    QVERIFY(countsShown);

    QTRY_VERIFY(!m_window->mapCanvas()->isRendering());
    QVERIFY(m_window->grab().save(screenshotPath()));
    qInfo("screenshot: %s", qPrintable(screenshotPath()));
}

void TestMainWindow::caseInQueueSelectsItOnTheMap()
{
    CaseQueueWidget *queue = m_window->caseQueue();
    MapCanvas *canvas = m_window->mapCanvas();
    const auto scene = canvas->scene();
    const QAbstractItemModel *model = queue->view()->model();
    int row = 0;
    while (row < model->rowCount()
        && !scene->caseLocation(
            model->index(row, 0).data(int(CaseTableModel::Role::CaseId)).toLongLong())) {
        ++row;
    }
    QVERIFY(row < model->rowCount());
    const qint64 id = model->index(row, 0).data(int(CaseTableModel::Role::CaseId)).toLongLong();

    queue->view()->setCurrentIndex(model->index(row, 1));
    QCOMPARE(canvas->selectedCaseId(), std::optional<qint64>(id));
    const QPointF pixel = canvas->viewport().toPixel(*scene->caseLocation(id));
    QVERIFY(QLineF(pixel, QPointF(canvas->width() / 2.0, canvas->height() / 2.0)).length() < 1);
    QVERIFY(canvas->viewport().groundMetresPerPixel() < 5);
}

std::optional<std::pair<QPoint, QString>> TestMainWindow::pixelInGridWithCases() const
{
    MapCanvas *canvas = m_window->mapCanvas();
    const auto scene = canvas->scene();
    const CaseTableModel *model = m_window->caseQueue()->model();
    for (int y = 40; y < canvas->height() - 40; y += 17) {
        for (int x = 40; x < canvas->width() - 40; x += 17) {
            const QPoint pixel(x, y);
            const auto code = scene->gridAt(canvas->viewport().toLonLat(pixel));
            if (!code || scene->caseNear(pixel, canvas->viewport(), 10))
                continue;
            const CompactCaseList &cases = model->cases();
            for (qsizetype row = 0; row < cases.size(); ++row) {
                if (cases.gridCode(row) == *code)
                    return std::pair {pixel, *code};
            }
        }
    }
    return std::nullopt;
}

void TestMainWindow::gridClickFiltersTheQueue()
{
    const auto found = pixelInGridWithCases();
    QVERIFY(found);
    const auto &[pixel, code] = *found;
    MapCanvas *canvas = m_window->mapCanvas();
    QTest::mouseClick(canvas, Qt::LeftButton, {}, pixel);
    QCOMPARE(canvas->selectedGridCode(), code);

    const QStringList codes = canvas->scene()->gridWithDescendants(code);
    const CaseFilterProxyModel *proxy = m_window->caseQueue()->proxyModel();
    QVERIFY(proxy->hasGridFilter());
    int expected = 0;
    const CompactCaseList &cases = m_window->caseQueue()->model()->cases();
    for (qsizetype row = 0; row < cases.size(); ++row)
        expected += codes.contains(cases.gridCode(row)) ? 1 : 0;
    QCOMPARE(proxy->rowCount(), expected);
    QVERIFY(expected > 0);
    for (int row = 0; row < proxy->rowCount(); ++row) {
        const QString grid =
            proxy->index(row, 0).data(int(CaseTableModel::Role::GridCode)).toString();
        QVERIFY2(codes.contains(grid), qPrintable(grid));
    }
    QTRY_VERIFY(!canvas->isRendering());
    m_window->grab().save(QDir::temp().filePath(QStringLiteral("griddesk-mainwindow-grid.png")));
}

void TestMainWindow::gridClickShowsItsRegister()
{
    const auto found = pixelInGridWithCases();
    QVERIFY(found);
    const auto &[pixel, code] = *found;
    QVERIFY(m_window->registerDock()->toggleViewAction());

    // An entry put in the grid through another connection, as another desk would.
    {
        auto ws = Workspace::open(m_window->workspacePath());
        QVERIFY(ws);
        auto grid = (*ws)->grid(code);
        QVERIFY(grid && *grid);
        GeosContext geos;
        auto boundary = geos.fromWkb((*grid)->wkb);
        RegisterEntry hydrant;
        hydrant.kind = QStringLiteral("thing");
        hydrant.name = QStringLiteral("Hydrant by the depot");
        hydrant.wkb = Wkb::point(*geos.pointOnSurface(boundary->get()));
        auto book = RegisterBook::load(**ws);
        auto added =
            book->add(hydrant, QStringLiteral("Operator Chen"), QDateTime::currentDateTimeUtc());
        QVERIFY2(added.has_value(), Test::why(added).constData());
        RegisterEntry elsewhere = hydrant;
        elsewhere.name = QStringLiteral("Buoy far out at sea");
        elsewhere.wkb = Wkb::point({-70.0, 40.0});
        QVERIFY(
            book->add(elsewhere, QStringLiteral("Operator Chen"), QDateTime::currentDateTimeUtc()));
        // The innermost grid: the one clicked or one nested in it.
        QVERIFY2(
            m_window->mapCanvas()->scene()->gridWithDescendants(code).contains(added->gridCode),
            qPrintable(added->gridCode));
    }

    QTest::mouseClick(m_window->mapCanvas(), Qt::LeftButton, {}, pixel);
    const RegisterTableModel *model = m_window->registerPanel()->model();
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->index(0, int(RegisterTableModel::Column::Name)).data().toString(),
        QStringLiteral("Hydrant by the depot"));
    QVERIFY2(m_window->registerPanel()->countsText().contains(QStringLiteral("Things 1")),
        qPrintable(m_window->registerPanel()->countsText()));
}

void TestMainWindow::caseClickSelectsItInTheQueue()
{
    MapCanvas *canvas = m_window->mapCanvas();
    const auto scene = canvas->scene();
    // A case standing alone on screen, so that the click can only mean it.
    for (const MapScene::CasePoint &point : scene->cases()) {
        const QPointF pixel = canvas->viewport().mercatorToPixel(point.position);
        if (!canvas->rect().adjusted(20, 20, -20, -20).contains(pixel.toPoint()))
            continue;
        if (scene->caseNear(pixel + QPointF(0, 12), canvas->viewport(), 14) != point.id)
            continue;
        QTest::mouseClick(canvas, Qt::LeftButton, {}, pixel.toPoint());
        QCOMPARE(canvas->selectedCaseId(), std::optional<qint64>(point.id));
        QCOMPARE(m_window->caseQueue()->currentCaseId(), std::optional<qint64>(point.id));
        return;
    }
    QFAIL("no case stands alone on the map");
}

void TestMainWindow::layoutIsRestored()
{
    m_window->caseQueueDock()->hide();
    m_window->close();
    m_window = std::make_unique<MainWindow>(QDir(Test::mapsPath()));
    QVERIFY(m_window->caseQueueDock()->isHidden());
    m_window->caseQueueDock()->show();
    m_window->close();
    m_window = std::make_unique<MainWindow>(QDir(Test::mapsPath()));
    QVERIFY(!m_window->caseQueueDock()->isHidden());
}

void TestMainWindow::badWorkspaceShowsError()
{
    const QString path = m_dir.filePath(QStringLiteral("not-a-workspace.gpkg"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("this is not SQLite at all, just text pretending to be a GeoPackage file");
    file.close();

    QSignalSpy failed(m_window.get(), &MainWindow::workspaceFailed);
    m_window->openWorkspace(path);
    QVERIFY(failed.wait(30000));
    QVERIFY(!failed.at(0).at(0).toString().isEmpty());
    // The workspace shown before stays shown.
    QCOMPARE(m_window->workspacePath(), m_dir.filePath(QStringLiteral("nyc.gpkg")));
}

void TestMainWindow::workspaceWithCasesOnlyGetsNoSample()
{
    const QString path = m_dir.filePath(QStringLiteral("cases-only.gpkg"));
    {
        auto workspace = Workspace::open(path);
        QVERIFY2(workspace.has_value(), Test::why(workspace).constData());
        auto imported = importCases(**workspace,
            Test::dataPath(QStringLiteral("los-angeles/myla311_2018_sample.csv")),
            QStringLiteral("auto"));
        QVERIFY2(imported.has_value(), Test::why(imported).constData());
    }
    const qint64 before = *(*Workspace::open(path))->caseCount();
    QVERIFY(before > 0);

    auto loaded = WorkspaceLoader::loadNow(path, QStringLiteral("nyc"), QDir(Test::mapsPath()));
    QVERIFY2(loaded.has_value(), Test::why(loaded).constData());
    QVERIFY(!loaded->imported);
    QCOMPARE(loaded->gridCount, 0);
    QCOMPARE(qint64(loaded->cases->size()), before);
    QCOMPARE(*(*Workspace::open(path))->gridCount(), 0);
}

void TestMainWindow::savedOrgChartReachesTheDesk()
{
    // The New York sample builds its tree from its boundary files: city, boroughs, districts.
    CaseDesk *desk = m_window->caseDesk();
    QVERIFY(desk->caseBook()->setup().units.size() >= 65);
    m_window->openOrgEditor();
    OrgEditor *editor = m_window->orgEditor();
    QVERIFY(editor != nullptr);
    QVERIFY(editor->isVisible());
    m_window->openOrgEditor(); // raises the same window
    QCOMPARE(m_window->orgEditor(), editor);

    OrgDocument *document = editor->document();
    const ChartUnit *borough = nullptr;
    for (const ChartUnit &unit : document->chart().units()) {
        if (unit.tier == 2 && !borough)
            borough = document->chart().unit(unit.code);
    }
    QVERIFY(borough != nullptr);
    const QString parent = borough->code;
    document->setUser(QStringLiteral("test lead"), QStringLiteral("leader"));
    auto added = document->apply(QStringLiteral("add"), [&parent](OrgChart &chart) {
        ChartUnit unit;
        unit.code = QStringLiteral("SAN-1");
        unit.name = QStringLiteral("Sanitation crew");
        unit.tier = 5;
        unit.parentCode = parent;
        return chart.putUnit(unit);
    });
    QVERIFY2(added.has_value(), Test::why(added).constData());
    QVERIFY(!desk->caseBook()->setup().units.contains(QStringLiteral("SAN-1")));
    QVERIFY(editor->save());
    QTRY_VERIFY(desk->caseBook()->setup().units.contains(QStringLiteral("SAN-1")));
    QVERIFY(m_window->caseQueue()->model()->rowCount() >= 2000);
}

void TestMainWindow::standardsBrowserOpensFromTheMenu()
{
    QVERIFY(m_window->standardsAction()->isEnabled());
    m_window->standardsAction()->trigger();
    StandardsBrowser *browser = m_window->standardsBrowser();
    QVERIFY(browser != nullptr);
    QVERIFY(browser->isVisible());
    // A new workspace reads the shipped standard system: clauses 5-8 of the standard.
    QCOMPARE(browser->document()->tree().size(), 153);
    QVERIFY(browser->document()->tree().nodeByCode(QStringLiteral("TG246")) != nullptr);
    // It opens on the first sub-system, not on an empty detail pane.
    const StandardNode *shown = browser->document()->tree().node(browser->selectedNode());
    QVERIFY(shown != nullptr);
    QCOMPARE(shown->code, QStringLiteral("JC100"));
    m_window->standardsAction()->trigger(); // raises the same window
    QCOMPARE(m_window->standardsBrowser(), browser);
}

void TestMainWindow::evaluationNumbersOpenTheirCasesInTheQueue()
{
    QVERIFY(m_window->evaluationAction()->isEnabled());
    m_window->evaluationAction()->trigger();
    EvaluationDashboard *dashboard = m_window->evaluationDashboard();
    QVERIFY(dashboard != nullptr);
    QVERIFY(dashboard->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(!dashboard->isComputing(), 60'000);
    QVERIFY2(dashboard->report(), qPrintable(dashboard->errorText()));
    const IndicatorValue closed = dashboard->report()->total.value(Indicator::Closed);
    QVERIFY(closed.numerator > 0);

    auto *tile = qobject_cast<QToolButton *>(dashboard->tile(Indicator::Closed));
    QVERIFY(tile);
    QTest::mouseClick(tile, Qt::LeftButton);
    CaseQueueWidget *queue = m_window->caseQueue();
    QCOMPARE(queue->queueView(), QueueView::All);
    QCOMPARE(queue->proxyModel()->rowCount(), int(closed.numerator));
    const qint64 first =
        queue->proxyModel()->index(0, 0).data(int(CaseTableModel::Role::CaseId)).toLongLong();
    QVERIFY(closed.cases.contains(first));
    m_window->evaluationAction()->trigger(); // raises the same window
    QCOMPARE(m_window->evaluationDashboard(), dashboard);
}

void TestMainWindow::patrolsDockDrawsAnImportedTrackOnTheMap()
{
    QVERIFY(m_window->patrolsAction()->isEnabled());
    m_window->patrolsAction()->trigger();
    QVERIFY(m_window->patrolsDock()->isVisible());

    // A user to patrol as: a patrol is somebody's, and the sample names nobody.
    {
        auto workspace = Workspace::open(m_dir.filePath(QStringLiteral("nyc.gpkg")));
        QVERIFY2(workspace, Test::why(workspace));
        QSqlQuery query((*workspace)->database());
        QVERIFY(query.exec(QStringLiteral(
            "INSERT OR IGNORE INTO local_users (name, role) VALUES ('wang', 'operator')")));
    }
    PatrolsPanel *panel = m_window->patrolsPanel();
    QVERIFY(panel->open(m_dir.filePath(QStringLiteral("nyc.gpkg"))));
    panel->setUser(QStringLiteral("wang"));

    // A walk up Fifth Avenue along Central Park.
    const QString gpx = m_dir.filePath(QStringLiteral("fifth-avenue.gpx"));
    QFile file(gpx);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QByteArray text = "<?xml version=\"1.0\"?><gpx version=\"1.1\" creator=\"test\" "
                      "xmlns=\"http://www.topografix.com/GPX/1/1\"><trk><trkseg>";
    for (int i = 0; i <= 10; ++i) {
        text += QStringLiteral("<trkpt lat=\"%1\" lon=\"%2\"><time>2026-03-02T09:%3:00Z</time>"
                               "</trkpt>")
                    .arg(40.7644 + i * 0.0021, 0, 'f', 6)
                    .arg(-73.9730 + i * 0.0015, 0, 'f', 6)
                    .arg(10 + i)
                    .toUtf8();
    }
    text += "</trkseg></trk></gpx>";
    file.write(text);
    file.close();

    // Imported in the background; the panel tells when it is done.
    QSignalSpy finished(panel, &PatrolsPanel::importFinished);
    QVERIFY2(panel->importFile(gpx), qPrintable(panel->message()));
    QVERIFY2(finished.wait(30000), qPrintable(panel->message()));
    QCOMPARE(panel->overlay()->tracks().size(), 1);
    QCOMPARE(panel->overlay()->tracks().first().id, finished.first().first().toLongLong());
    QCOMPARE(panel->overlay()->tracks().first().person, QStringLiteral("wang"));
    QVERIFY(panel->findChild<QTableWidget *>(QStringLiteral("patrolCoverage"))->rowCount() > 0);

    // The map zoomed to the track and draws it in the first track colour.
    MapCanvas *canvas = m_window->mapCanvas();
    QTRY_VERIFY(!canvas->isRendering());
    const BoundingBox shown = canvas->viewport().extent;
    QVERIFY(shown.contains(-73.9730, 40.7644) && shown.contains(-73.9580, 40.7854));
    const QImage image = canvas->grab().toImage();
    const QColor middle =
        image.pixelColor(canvas->viewport().toPixel({-73.9655, 40.7749}).toPoint());
    QVERIFY2(std::abs(middle.red() - TrackOverlay::colourOf(0).red()) < 40
            && std::abs(middle.green() - TrackOverlay::colourOf(0).green()) < 40,
        qPrintable(middle.name()));
}

void TestMainWindow::caseThatCameInIsDrawnAndSelectable()
{
    // Near Bryant Park, where the sample's cases leave room for one more dot.
    const GeoPoint where {-73.9832, 40.7536};
    MapCanvas *canvas = m_window->mapCanvas();
    const auto before = canvas->scene();
    const qsizetype located = before->locatedCaseCount();

    // Another program on the workspace (the sync writing the server's feed) reports a case.
    const qint64 id = reportElsewhere(QStringLiteral("V-1"), where);
    QVERIFY(id > 0);
    QVERIFY(!before->caseIndex(id));

    // The desk takes it in as after a sync round; the map draws it without reading the rest.
    m_window->caseDesk()->takeInOtherChanges();
    QTRY_VERIFY(canvas->scene() != before);
    QCOMPARE(canvas->scene()->locatedCaseCount(), located + 1);
    QCOMPARE(canvas->scene()->grids().data(), before->grids().data());
    QVERIFY(canvas->scene()->caseLocation(id));

    // Chosen in the queue, the map centres on it and selects it.
    CaseQueueWidget *queue = m_window->caseQueue();
    queue->setQueueView(QueueView::All);
    const QAbstractItemModel *model = queue->view()->model();
    int row = 0;
    while (row < model->rowCount()
        && model->index(row, 0).data(int(CaseTableModel::Role::CaseId)).toLongLong() != id)
        ++row;
    QVERIFY(row < model->rowCount());
    queue->view()->setCurrentIndex(model->index(row, 1));
    QCOMPARE(canvas->selectedCaseId(), std::optional<qint64>(id));
    const QPointF pixel = canvas->viewport().toPixel(where);
    QVERIFY(QLineF(pixel, QPointF(canvas->width() / 2.0, canvas->height() / 2.0)).length() < 1);
    QTRY_VERIFY(!canvas->isRendering());
    QTRY_VERIFY(!canvas->image().isNull());
    const QImage image = canvas->grab().toImage();
    const QColor dot = image.pixelColor(pixel.toPoint());
    QVERIFY2(dot.red() > 150 && dot.green() < 90 && dot.blue() < 90, qPrintable(dot.name()));
    QVERIFY(!m_window->statusBar()->currentMessage().contains(QLatin1String("not on the map")));
    const QString shot = QDir::temp().filePath(QStringLiteral("griddesk-mainwindow-new-case.png"));
    QVERIFY(m_window->grab().save(shot));
    qInfo("screenshot: %s", qPrintable(shot));

    // A click on the dot selects it in the queue as any other case.
    canvas->setSelectedCase(std::nullopt);
    canvas->selectAt(pixel);
    QCOMPARE(canvas->selectedCaseId(), std::optional<qint64>(id));

    // One that comes in while the grids are edited is drawn on the draft and stays on the map
    // when editing ends.
    GridEditor *editor = m_window->gridEditor();
    editor->setActor(QStringLiteral("Supervisor Li"), true);
    editor->setEditing(true);
    QTRY_VERIFY_WITH_TIMEOUT(editor->isEditing() && editor->isSceneCurrent(), 60000);
    const qint64 second = reportElsewhere(QStringLiteral("V-2"), {-73.9850, 40.7540});
    m_window->caseDesk()->takeInOtherChanges();
    QTRY_VERIFY(canvas->scene()->caseLocation(second).has_value());
    editor->setEditing(false);
    QVERIFY(!editor->isEditing());
    QVERIFY(canvas->scene()->caseLocation(id));
    QVERIFY(canvas->scene()->caseLocation(second));
    QCOMPARE(canvas->scene()->locatedCaseCount(), located + 2);
}

qint64 TestMainWindow::reportElsewhere(const QString &externalId, const GeoPoint &where)
{
    auto other = Workspace::open(m_dir.filePath(QStringLiteral("nyc.gpkg")));
    if (!other)
        return 0;
    auto setup = WorkflowSetup::load(**other);
    if (!setup)
        return 0;
    CaseBook book(**other, *setup);
    ActionRequest request;
    request.actor = QStringLiteral("alarm:city-vms");
    request.role = Role::System;
    request.at = CaseTime::naive(QDate::currentDate(), QTime(9, 0));
    CaseRecord record;
    record.source = QStringLiteral("video");
    record.externalId = externalId;
    record.descriptor = QStringLiteral("Crowd on the steps");
    record.location = where;
    record.created = request.at;
    return book.report(record, request) ? record.id : 0;
}

GRIDDESK_TEST_MAIN(TestMainWindow, QApplication)

#include "tst_mainwindow.moc"
