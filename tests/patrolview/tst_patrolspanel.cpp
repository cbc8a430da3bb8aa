// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "patrolview/patrolspanel.h"

#include "patrolfixture.h"
#include "support/testsupport.h"

#include "maprender/mapscene.h"
#include "mapview/mapcanvas.h"
#include "patrol/patrolimportjob.h"
#include "patrolview/patrolplandialog.h"
#include "patrolview/planperiodchooser.h"
#include "storage/workspace.h"

#include <QApplication>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QDir>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlQuery>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>
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

/// The rows of a patrol table, each its cells joined by "|".
QStringList rows(const QTableWidget *table)
{
    QStringList lines;
    for (int row = 0; row < table->rowCount(); ++row) {
        QStringList cells;
        for (int column = 0; column < table->columnCount(); ++column)
            cells << (table->item(row, column) ? table->item(row, column)->text() : QString());
        lines << cells.join(u'|');
    }
    return lines;
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

    /// A log of fixes a second apart, west to east across both squares along lat.
    QString longWalk(const QString &name, double lat, int fixes, const QDateTime &start)
    {
        QList<Test::Fix> points;
        for (int i = 0; i < fixes; ++i)
            points << Test::Fix {-0.001 + 0.0185 * i / fixes, lat, start.addSecs(i)};
        const QString path = m_dir.filePath(name);
        return Test::writeGpx(path, points) ? path : QString();
    }

    QTableWidget *table(const char *name) const
    {
        return m_panel->findChild<QTableWidget *>(QLatin1String(name));
    }

    QPushButton *button(const char *name) const
    {
        return m_panel->findChild<QPushButton *>(QLatin1String(name));
    }

    /// Imports path in the background and waits for the outcome: the track's id, or 0 when
    /// the import failed.
    qint64 importAndWait(const QString &path)
    {
        QSignalSpy finished(m_panel, &PatrolsPanel::importFinished);
        QSignalSpy failed(m_panel, &PatrolsPanel::importFailed);
        if (!m_panel->importFile(path))
            return 0;
        if (!QTest::qWaitFor([&] { return !finished.isEmpty() || !failed.isEmpty(); }, 60000))
            return 0;
        return finished.isEmpty() ? 0 : finished.first().first().toLongLong();
    }

    /// How many rows table has in the workspace file, read on a connection of its own.
    qint64 stored(const char *table) const
    {
        auto workspace = Workspace::open(m_path);
        if (!workspace)
            return -1;
        QSqlQuery query((*workspace)->database());
        if (!query.exec(QStringLiteral("SELECT count(*) FROM %1").arg(QLatin1String(table))))
            return -1;
        return query.next() ? query.value(0).toLongLong() : -1;
    }

    /// The patrol plan dialog the panel has open.
    PatrolPlanDialog *planDialog() const
    {
        for (auto *dialog : m_panel->findChildren<PatrolPlanDialog *>()) {
            if (dialog->isVisible())
                return dialog;
        }
        return nullptr;
    }

    /// The question the panel asks before it removes a plan, while it is shown.
    QMessageBox *removeQuestion() const
    {
        for (auto *box :
            m_panel->findChildren<QMessageBox *>(QStringLiteral("removePlanQuestion"))) {
            if (box->isVisible())
                return box;
        }
        return nullptr;
    }

    static void clickOk(QDialog *dialog)
    {
        dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
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
        m_window->resize(1200, 900);
        m_canvas->addOverlay(m_panel->overlay());
        connect(m_panel, &PatrolsPanel::tracksChanged, m_canvas, qOverload<>(&QWidget::update));
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_canvas->setScene(*scene);
        // The patrols of these tests are in March 2026; the periods count from the 20th.
        m_panel->periodChooser()->setToday(QDate(2026, 3, 20));
        QVERIFY2(m_panel->open(m_path), "the panel opens the workspace");
        m_panel->setUser(QStringLiteral("lee"));
    }

    void importShowsTheTrackItsGridsAndItsCases()
    {
        QSignalSpy chosen(m_panel, &PatrolsPanel::trackChosen);
        const qint64 id = importAndWait(walk(QStringLiteral("monday.gpx"), 0.003, utc(2, 9)));
        QVERIFY2(id > 0, qPrintable(m_panel->message()));
        QVERIFY2(
            m_panel->message().startsWith(QLatin1String("Imported monday.gpx as lee's patrol")),
            qPrintable(m_panel->message()));
        QCOMPARE(chosen.size(), 1);
        QCOMPARE(chosen.first().first().toLongLong(), id);
        QCOMPARE(table("patrolTracks")->rowCount(), 1);
        QCOMPARE(table("patrolTracks")->item(0, 0)->text(), QStringLiteral("lee"));
        QCOMPARE(table("patrolTracks")->item(0, 2)->text(), QStringLiteral("2026-03-02 09:00:00"));
        // Both squares were crossed; the case lee reported on the way is credited.
        QCOMPARE(table("patrolCoverage")->rowCount(), 2);
        QCOMPARE(table("patrolCoverage")->item(0, 0)->text(), QStringLiteral("NEXT"));
        QCOMPARE(table("patrolCases")->rowCount(), 1);
        QCOMPARE(table("patrolCases")->item(0, 0)->text(), QString::number(m_caseId));
        QVERIFY(!m_panel->findChild<QWidget *>(QStringLiteral("importProgressRow"))->isVisible());
        QVERIFY(button("importTrackButton")->isEnabled());

        QSignalSpy cases(m_panel, &PatrolsPanel::caseRequested);
        Q_EMIT table("patrolCases")->itemDoubleClicked(table("patrolCases")->item(0, 1));
        QCOMPARE(cases.size(), 1);
        QCOMPARE(cases.first().first().toLongLong(), m_caseId);
    }

    void aBadLogIsRefusedInWordsAndLosesNothing_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("message");
        QTest::newRow("corrupt GPX")
            << "broken.gpx"
            << QByteArray("<?xml version=\"1.0\"?><gpx><trk><trkseg><trkpt lat=\"0.0")
            << "Not imported: broken.gpx";
        QByteArray badChecksums;
        for (int i = 0; i < 3; ++i)
            badChecksums += "$GPRMC,09000" + QByteArray::number(i)
                + ".000,A,0000.1800,N,00000.3000,E,1.0,90.0,020326,,,A*00\n";
        QTest::newRow("NMEA with bad checksums")
            << "checksums.nmea" << badChecksums
            << "Not imported: checksums.nmea holds no position fix with a date and time (no "
               "valid RMC sentence). checksums.nmea: 3 sentence(s) with a bad or missing "
               "checksum were skipped, the first on line 1.";
        QByteArray utf16("\xFF\xFE", 2);
        for (char c : QByteArray("<?xml version=\"1.0\"?><gpx version=\"1.1\"></gpx>"))
            utf16.append(c).append('\0');
        QTest::newRow("UTF-16 GPX")
            << "wide.gpx" << utf16
            << "Not imported: wide.gpx is written in UTF-16 or UTF-32, but GPX files and NMEA "
               "logs are ASCII or UTF-8 text. Save it as UTF-8 and import it again.";
        QTest::newRow("GPX in GBK with a UTF-8 declaration")
            << "gbk.gpx"
            << QByteArray("<?xml version=\"1.0\" encoding=\"UTF-8\"?><gpx version=\"1.1\"><trk>"
                          "<name>\xCD\xF8\xB8\xF1</name><trkseg><trkpt lat=\"0.005\" "
                          "lon=\"0.005\"><time>2026-03-02T09:00:00Z</time></trkpt></trkseg>"
                          "</trk></gpx>")
            << "Not imported: gbk.gpx";
    }

    void aBadLogIsRefusedInWordsAndLosesNothing()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, content);
        QFETCH(QString, message);
        const QString path = m_dir.filePath(name);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
        file.close();
        const qint64 tracks = stored("patrol_tracks");
        const qint64 points = stored("patrol_points");

        QSignalSpy failed(m_panel, &PatrolsPanel::importFailed);
        QCOMPARE(importAndWait(path), 0);
        QCOMPARE(failed.size(), 1);
        QVERIFY2(m_panel->message().startsWith(message), qPrintable(m_panel->message()));
        QCOMPARE(failed.first().first().toString(), m_panel->message());
        QCOMPARE(table("patrolTracks")->rowCount(), 1);
        QCOMPARE(m_panel->overlay()->tracks().size(), 1);
        QCOMPARE(stored("patrol_tracks"), tracks);
        QCOMPARE(stored("patrol_points"), points);
        QVERIFY(button("importTrackButton")->isEnabled());
    }

    void theMapDrawsTheTracksWithTheirTimes()
    {
        m_panel->findChild<QComboBox *>(QStringLiteral("patrolPerson"))
            ->setCurrentText(QStringLiteral("Wang Fang"));
        QVERIFY(importAndWait(walk(QStringLiteral("thursday.gpx"), 0.006, utc(5, 14))) > 0);
        QCOMPARE(m_panel->overlay()->tracks().size(), 2);
        // The plans, judged from Monday to Thursday: lee walked SQ on one of the four days;
        // four days hold no whole week.
        m_panel->periodChooser()->setCustomDates(QDate(2026, 3, 2), QDate(2026, 3, 5));
        QCOMPARE(rows(table("patrolPlans")),
            QStringList({QStringLiteral("SQ|1 of 4|1 × a day by lee|Litter"),
                QStringLiteral("NEXT|not judged: no whole week|1 × a week by anyone in post "
                               "grid_patroller|Street lights")}));
        // Monday's walk chosen again: its grids and its case are listed, the map draws it wider.
        m_panel->chooseTrack(m_panel->overlay()->tracks().first().id);
        QCOMPARE(table("patrolCases")->rowCount(), 1);
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
    }

    void thePeriodChosenChangesTheJudgement_data()
    {
        QTest::addColumn<QDate>("today");
        QTest::addColumn<int>("choice");
        QTest::addColumn<QString>("daily");
        QTest::addColumn<QString>("weekly");
        QTest::addColumn<QString>("span");
        // lee walked SQ on Monday 2 March; Wang Fang, a grid patroller, crossed NEXT on
        // Thursday 5 March.
        QTest::newRow("this week, on its Thursday")
            << QDate(2026, 3, 5) << int(PlanPeriodChooser::Choice::ThisWeek) << "1 of 3"
            << "not judged: no whole week"
            << "Judged from 2026-03-02 to 2026-03-04, on the days, weeks and months that have "
               "ended.";
        QTest::newRow("this week, on its Monday")
            << QDate(2026, 3, 2) << int(PlanPeriodChooser::Choice::ThisWeek)
            << "not judged: no whole day"
            << "not judged: no whole week"
            << "Nothing of this period has ended yet: plans are judged on the days, weeks and "
               "months that have ended.";
        QTest::newRow("this month, on the 10th")
            << QDate(2026, 3, 10) << int(PlanPeriodChooser::Choice::ThisMonth) << "1 of 9"
            << "1 of 1"
            << "Judged from 2026-03-01 to 2026-03-09, on the days, weeks and months that have "
               "ended.";
        QTest::newRow("last month, in April")
            << QDate(2026, 4, 14) << int(PlanPeriodChooser::Choice::LastMonth) << "1 of 31"
            << "1 of 4"
            << "Judged from 2026-03-01 to 2026-03-31, on the days, weeks and months that have "
               "ended.";
        QTest::newRow("last month, in March")
            << QDate(2026, 3, 14) << int(PlanPeriodChooser::Choice::LastMonth) << "0 of 28"
            << "0 of 3"
            << "Judged from 2026-02-01 to 2026-02-28, on the days, weeks and months that have "
               "ended.";
    }

    void thePeriodChosenChangesTheJudgement()
    {
        QFETCH(QDate, today);
        QFETCH(int, choice);
        QFETCH(QString, daily);
        QFETCH(QString, weekly);
        QFETCH(QString, span);
        PlanPeriodChooser *period = m_panel->periodChooser();
        period->setToday(today);
        // Chosen with the keyboard, as a user would: the combo box takes the focus and the
        // arrow keys walk to the choice.
        QComboBox *combo = period->findChild<QComboBox *>(QStringLiteral("planPeriodChoice"));
        combo->setFocus();
        QTest::keyClick(combo, Qt::Key_Home);
        for (int i = 0; i < choice; ++i)
            QTest::keyClick(combo, Qt::Key_Down);
        QCOMPARE(int(period->choice()), choice);

        QCOMPARE(table("patrolPlans")->item(0, 1)->text(), daily);
        QCOMPARE(table("patrolPlans")->item(1, 1)->text(), weekly);
        QCOMPARE(period->findChild<QLabel *>(QStringLiteral("planPeriodSpan"))->text(), span);
        QVERIFY(!period->findChild<QDateEdit *>(QStringLiteral("planPeriodFrom"))->isEnabled());
    }

    void customDatesAreTypedAndJudged()
    {
        PlanPeriodChooser *period = m_panel->periodChooser();
        period->setToday(QDate(2026, 3, 20));
        period->setChoice(PlanPeriodChooser::Choice::Custom);
        auto *from = period->findChild<QDateEdit *>(QStringLiteral("planPeriodFrom"));
        auto *to = period->findChild<QDateEdit *>(QStringLiteral("planPeriodTo"));
        QVERIFY(from->isEnabled() && to->isEnabled());
        // The days typed into the edits: Monday 2 March alone, then the rest of that week.
        to->setDate(QDate(2026, 3, 31));
        for (QDateEdit *edit : {from, to}) {
            edit->setFocus();
            QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
            QTest::keyClicks(edit, QStringLiteral("2026-03-02"));
        }
        QCOMPARE(period->first(), QDate(2026, 3, 2));
        QCOMPARE(period->last(), QDate(2026, 3, 2));
        QCOMPARE(table("patrolPlans")->item(0, 1)->text(), QStringLiteral("1 of 1"));

        period->setCustomDates(QDate(2026, 3, 3), QDate(2026, 3, 8));
        QCOMPARE(table("patrolPlans")->item(0, 1)->text(), QStringLiteral("0 of 6"));
        // The last day cannot be put before the first.
        to->setDate(QDate(2026, 3, 1));
        QCOMPARE(to->date(), QDate(2026, 3, 3));
        // Days that have not ended are not judged: the span stops the day before today.
        period->setCustomDates(QDate(2026, 3, 16), QDate(2026, 3, 29));
        QCOMPARE(period->last(), QDate(2026, 3, 19));
        QCOMPARE(table("patrolPlans")->item(0, 1)->text(), QStringLiteral("0 of 4"));
    }

    void aPlanIsAddedThroughTheDialog()
    {
        m_panel->periodChooser()->setCustomDates(QDate(2026, 3, 2), QDate(2026, 3, 8));
        m_panel->setCurrentGrid(QStringLiteral("NEXT"));
        QCOMPARE(table("patrolPlans")->rowCount(), 2);
        QTest::mouseClick(button("addPlanButton"), Qt::LeftButton);
        PatrolPlanDialog *dialog = planDialog();
        QVERIFY(dialog);
        // The offscreen platform leaves a new window inactive until asked.
        dialog->activateWindow();
        QTRY_VERIFY(dialog->isActiveWindow());
        QCOMPARE(dialog->windowTitle(), QStringLiteral("Add patrol plan"));
        // The grid chosen on the map is offered first, and chosen.
        QCOMPARE(dialog->gridCombo()->itemData(0).toString(), QStringLiteral("NEXT"));
        QCOMPARE(dialog->gridCombo()->currentText(), QStringLiteral("NEXT"));
        QCOMPARE(dialog->gridCombo()->count(), 2);

        // Nothing to check yet: OK says so and the dialog stays.
        clickOk(dialog);
        QVERIFY(dialog->isVisible());
        QCOMPARE(dialog->problem(), QStringLiteral("A patrol plan needs what to check."));
        QCOMPARE(table("patrolPlans")->rowCount(), 2);

        // Filled in with the keyboard: what to check, twice a week, by a person unknown.
        dialog->tasksEdit()->setFocus();
        QTest::keyClicks(dialog->tasksEdit(), QStringLiteral("Manhole covers, graffiti"));
        QTest::keyClick(dialog->tasksEdit(), Qt::Key_Tab);
        QCOMPARE(dialog->focusWidget(), dialog->timesSpin());
        QTest::keyClick(dialog->timesSpin(), Qt::Key_Up);
        QCOMPARE(dialog->timesSpin()->value(), 2);
        dialog->perCombo()->setCurrentIndex(int(PlanPeriod::Week));
        QTest::keyClick(dialog, Qt::Key_P, Qt::AltModifier);
        // The mnemonic clicks the button as a user would see it: pressed, then released.
        QTRY_VERIFY(dialog->personButton()->isChecked());
        QVERIFY(dialog->personCombo()->isEnabled());
        QVERIFY(!dialog->postCombo()->isEnabled());
        dialog->personCombo()->lineEdit()->clear();
        QTest::keyClicks(dialog->personCombo()->lineEdit(), QStringLiteral("Nobody Known"));
        clickOk(dialog);
        QVERIFY(dialog->isVisible());
        QVERIFY2(dialog->problem().contains(QLatin1String("\"Nobody Known\" is neither a user")),
            qPrintable(dialog->problem()));

        // Changing the plan takes the complaint away.
        dialog->personCombo()->lineEdit()->clear();
        QVERIFY(dialog->problem().isEmpty());
        QTest::keyClicks(dialog->personCombo()->lineEdit(), QStringLiteral("Wang Fang"));
        dialog->shareSpin()->setValue(1);
        QSignalSpy changed(m_panel, &PatrolsPanel::plansChanged);
        const QString folder = QStringLiteral(GRIDDESK_SCREENSHOT_DIR);
        QVERIFY(QDir().mkpath(folder));
        QVERIFY(dialog->grab().save(QDir(folder).filePath(QStringLiteral("patrol-plan.png"))));
        QTest::keyClick(dialog, Qt::Key_Return);
        QCOMPARE(changed.size(), 1);
        QTRY_VERIFY(!planDialog());

        // Listed and judged at once: Wang Fang saw 1 % of NEXT on Thursday, once that week.
        QCOMPARE(table("patrolPlans")->rowCount(), 3);
        QCOMPARE(rows(table("patrolPlans")).last(),
            QStringLiteral("NEXT|0 of 1|2 × a week by Wang Fang|Manhole covers, graffiti"));
        QVERIFY2(m_panel->message().startsWith(QLatin1String("Patrol plan 3 saved: grid NEXT")),
            qPrintable(m_panel->message()));
        // In the workspace, as the command line reads it.
        auto workspace = Workspace::open(m_path);
        QVERIFY2(workspace, Test::why(workspace));
        auto plans = PatrolBook(**workspace).plans(QStringLiteral("NEXT"));
        QVERIFY2(plans, Test::why(plans));
        QCOMPARE(plans->size(), 2);
        QCOMPARE(plans->last().person, QStringLiteral("Wang Fang"));
        QCOMPARE(plans->last().times, 2);
        QCOMPARE(plans->last().minimumShare, 0.01);
    }

    void aPlanIsEditedThroughTheDialog()
    {
        QTableWidget *plans = table("patrolPlans");
        plans->clearSelection();
        QVERIFY(!button("editPlanButton")->isEnabled());
        QVERIFY(!button("removePlanButton")->isEnabled());
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        plans->setFocus();
        plans->setCurrentCell(2, 0);
        QVERIFY(button("editPlanButton")->isEnabled());
        // Enter on the chosen plan opens it.
        QTest::keyClick(plans, Qt::Key_Return);
        PatrolPlanDialog *dialog = planDialog();
        QVERIFY(dialog);
        QCOMPARE(dialog->windowTitle(), QStringLiteral("Edit patrol plan 3"));
        QCOMPARE(dialog->tasksEdit()->text(), QStringLiteral("Manhole covers, graffiti"));
        QCOMPARE(dialog->timesSpin()->value(), 2);
        QCOMPARE(dialog->personCombo()->currentText(), QStringLiteral("Wang Fang"));
        QCOMPARE(dialog->shareSpin()->value(), 1);
        QCOMPARE(dialog->gridCombo()->currentText(), QStringLiteral("NEXT"));

        // Once a week by anyone in post grid patroller, any part of the grid.
        QTest::keyClick(dialog->timesSpin(), Qt::Key_Down);
        dialog->postButton()->click();
        QVERIFY(dialog->postCombo()->isEnabled());
        QCOMPARE(dialog->postCombo()->currentData().toString(), QStringLiteral("grid_patroller"));
        dialog->shareSpin()->setValue(0);
        QCOMPARE(dialog->shareSpin()->text(), QStringLiteral("any part"));
        clickOk(dialog);
        QTRY_VERIFY(!planDialog());
        QCOMPARE(plans->rowCount(), 3);
        QCOMPARE(rows(plans).last(),
            QStringLiteral("NEXT|1 of 1|1 × a week by anyone in post grid_patroller|"
                           "Manhole covers, graffiti"));
        // Still chosen after the list was filled again.
        QCOMPARE(plans->selectedItems().first()->row(), 2);

        // Cancel changes nothing.
        QTest::mouseClick(button("editPlanButton"), Qt::LeftButton);
        dialog = planDialog();
        QVERIFY(dialog);
        dialog->tasksEdit()->setText(QStringLiteral("something else"));
        QTest::keyClick(dialog, Qt::Key_Escape);
        QTRY_VERIFY(!planDialog());
        QCOMPARE(plans->item(2, 3)->text(), QStringLiteral("Manhole covers, graffiti"));
    }

    void aPlanIsRemovedAfterConfirmation()
    {
        QTableWidget *plans = table("patrolPlans");
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        plans->setFocus();
        plans->setCurrentCell(2, 0);
        // Delete asks first; No keeps the plan.
        QTest::keyClick(plans, Qt::Key_Delete);
        QMessageBox *question = removeQuestion();
        QVERIFY(question);
        QVERIFY2(question->text().contains(QStringLiteral("grid NEXT, 1 × a week")),
            qPrintable(question->text()));
        QCOMPARE(question->defaultButton(), question->button(QMessageBox::No));
        question->button(QMessageBox::No)->click();
        QCOMPARE(plans->rowCount(), 3);

        QSignalSpy changed(m_panel, &PatrolsPanel::plansChanged);
        QTRY_VERIFY(!removeQuestion());
        QTest::mouseClick(button("removePlanButton"), Qt::LeftButton);
        question = removeQuestion();
        QVERIFY(question);
        question->button(QMessageBox::Yes)->click();
        QCOMPARE(changed.size(), 1);
        QCOMPARE(plans->rowCount(), 2);
        QCOMPARE(m_panel->message(), QStringLiteral("Patrol plan 3 removed."));
        QVERIFY(!button("removePlanButton")->isEnabled());

        // Gone from the file as well, and the two first plans are still there after a restart.
        auto workspace = Workspace::open(m_path);
        QVERIFY2(workspace, Test::why(workspace));
        QCOMPARE(PatrolBook(**workspace).plans()->size(), 2);
        PatrolsPanel reopened;
        reopened.periodChooser()->setToday(QDate(2026, 3, 20));
        reopened.periodChooser()->setCustomDates(QDate(2026, 3, 2), QDate(2026, 3, 8));
        QVERIFY(reopened.open(m_path));
        QCOMPARE(
            rows(reopened.findChild<QTableWidget *>(QStringLiteral("patrolPlans"))), rows(plans));
    }

    void anImportRunsInTheBackground()
    {
        const QString path = longWalk(QStringLiteral("long-day.gpx"), 0.0045, 60000, utc(9, 7));
        QVERIFY(!path.isEmpty());
        m_panel->setUser(QStringLiteral("lee"));
        // The event loop keeps turning while the worker reads and saves: a timer ticks, the
        // progress bar moves, and the panel still answers (a period chosen is judged).
        int ticks = 0;
        QTimer timer;
        timer.setInterval(10);
        connect(&timer, &QTimer::timeout, this, [&ticks] { ++ticks; });
        // The connections to the locals end with this guard.
        QObject guard;
        QList<int> values;
        auto *bar = m_panel->findChild<QProgressBar *>(QStringLiteral("importProgress"));
        connect(
            bar, &QProgressBar::valueChanged, &guard, [&values](int value) { values << value; });
        QStringList judgedMeanwhile;
        connect(bar, &QProgressBar::valueChanged, &guard, [&] {
            if (judgedMeanwhile.isEmpty()) {
                m_panel->periodChooser()->setCustomDates(QDate(2026, 3, 2), QDate(2026, 3, 2));
                judgedMeanwhile << table("patrolPlans")->item(0, 1)->text();
            }
        });

        // After the import the tracks are read again on a worker: meanwhile the panel says it
        // is loading them, the event loop turns and no other import starts.
        auto *loadingBar = m_panel->findChild<QProgressBar *>(QStringLiteral("patrolLoading"));
        QVERIFY(loadingBar);
        QVERIFY(!loadingBar->isVisible());
        int ticksWhileLoading = 0;
        connect(&timer, &QTimer::timeout, &guard, [&] {
            if (m_panel->isLoading() && loadingBar->isVisible()
                && !button("importTrackButton")->isEnabled()) {
                ++ticksWhileLoading;
            }
        });
        QSignalSpy loaded(m_panel, &PatrolsPanel::tracksLoaded);

        timer.start();
        QSignalSpy finished(m_panel, &PatrolsPanel::importFinished);
        QVERIFY(m_panel->importFile(path));
        QVERIFY(m_panel->isImporting());
        QVERIFY(!button("importTrackButton")->isEnabled());
        QVERIFY(m_panel->findChild<QWidget *>(QStringLiteral("importProgressRow"))->isVisible());
        QVERIFY(button("cancelImportButton")->isEnabled());
        QCOMPARE(m_panel->message(), QStringLiteral("Importing long-day.gpx…"));
        // A second import waits for the first.
        QVERIFY(!m_panel->importFile(walk(QStringLiteral("other.gpx"), 0.002, utc(9, 9))));
        QVERIFY2(m_panel->message().startsWith(QLatin1String("long-day.gpx is still being")),
            qPrintable(m_panel->message()));
        QVERIFY(finished.wait(60000));
        timer.stop();

        QVERIFY2(ticks >= 5, qPrintable(QString::number(ticks)));
        QVERIFY2(values.size() >= 2, qPrintable(QString::number(values.size())));
        QCOMPARE(judgedMeanwhile, QStringList {QStringLiteral("1 of 1")});
        QVERIFY2(m_panel->message().startsWith(
                     QLatin1String("Imported long-day.gpx as lee's patrol: 60000 fix(es)")),
            qPrintable(m_panel->message()));
        QVERIFY(!m_panel->isImporting());
        QVERIFY(!m_panel->findChild<QWidget *>(QStringLiteral("importProgressRow"))->isVisible());
        QCOMPARE(table("patrolTracks")->rowCount(), 3);
        QCOMPARE(stored("patrol_points"), 21 + 21 + 60000);

        QCOMPARE(loaded.size(), 1);
        QVERIFY2(ticksWhileLoading >= 1, qPrintable(QString::number(ticksWhileLoading)));
        QVERIFY(!m_panel->isLoading());
        QVERIFY(!loadingBar->isVisible());
        QVERIFY(button("importTrackButton")->isEnabled());
        // What the worker read is what is shown: every track with all its fixes, by start, the
        // new one chosen with the grids it saw, and the case credited to Monday's walk.
        const qint64 id = finished.first().first().toLongLong();
        const QList<PatrolTrack> tracks = m_panel->overlay()->tracks();
        QCOMPARE(tracks.size(), 3);
        QCOMPARE(tracks.at(2).id, id);
        QCOMPARE(tracks.at(0).points.size(), 21);
        QCOMPARE(tracks.at(1).points.size(), 21);
        QCOMPARE(tracks.at(2).points.size(), 60000);
        QCOMPARE(rows(table("patrolTracks")).last().section(u'|', 0, 4),
            QStringLiteral("lee|long-day.gpx|2026-03-09 07:00:00|2026-03-09 23:39:59|60000"));
        QCOMPARE(table("patrolTracks")->selectedItems().first()->row(), 2);
        QCOMPARE(table("patrolCoverage")->rowCount(), 2);
        QCOMPARE(table("patrolCases")->rowCount(), 0);
        m_panel->chooseTrack(tracks.at(0).id);
        QCOMPARE(rows(table("patrolCases")).size(), 1);
        QCOMPARE(table("patrolCases")->item(0, 0)->text(), QString::number(m_caseId));
        m_panel->chooseTrack(id);
    }

    void aCancelledImportLeavesNothingHalfWritten()
    {
        const QString path = longWalk(QStringLiteral("long-night.gpx"), 0.0055, 60000, utc(10, 20));
        QVERIFY(!path.isEmpty());
        const qint64 tracks = stored("patrol_tracks");
        const qint64 points = stored("patrol_points");
        const qint64 imports = stored("griddesk_imports");

        // Cancelled once the worker has saved some fixes, from the worker's own report, so
        // that the cancel surely meets a half-done save.
        std::atomic_int savedWhenCancelled {-1};
        auto guard = std::make_unique<QObject>();
        connect(m_panel, &PatrolsPanel::importStarted, guard.get(), [&] {
            PatrolImportJob *job = m_panel->importJob();
            connect(
                job, &PatrolImportJob::importProgressed, job,
                [&savedWhenCancelled, job](ImportStage stage, qint64 done, qint64) {
                    if (stage != ImportStage::Saving || done == 0 || savedWhenCancelled >= 0)
                        return;
                    savedWhenCancelled = int(done);
                    job->cancel();
                },
                Qt::DirectConnection);
        });
        QSignalSpy failed(m_panel, &PatrolsPanel::importFailed);
        QVERIFY(m_panel->importFile(path));
        QVERIFY(failed.wait(60000));
        guard.reset();

        QVERIFY2(savedWhenCancelled > 0, "the save was under way");
        QCOMPARE(failed.first().first().toString(),
            QStringLiteral("The import of long-night.gpx was cancelled; nothing was kept."));
        QCOMPARE(m_panel->message(), failed.first().first().toString());
        QCOMPARE(stored("patrol_tracks"), tracks);
        QCOMPARE(stored("patrol_points"), points);
        QCOMPARE(stored("griddesk_imports"), imports);
        QCOMPARE(table("patrolTracks")->rowCount(), 3);
        QVERIFY(button("importTrackButton")->isEnabled());

        // The Cancel button stops an import too; the same log can then be imported whole.
        QVERIFY(m_panel->importFile(path));
        QTest::mouseClick(button("cancelImportButton"), Qt::LeftButton);
        QVERIFY(failed.wait(60000));
        QVERIFY2(failed.last().first().toString().contains(QLatin1String("cancelled")),
            qPrintable(failed.last().first().toString()));
        QCOMPARE(stored("patrol_points"), points);
        QVERIFY(importAndWait(path) > 0);
        QCOMPARE(stored("patrol_points"), points + 60000);
    }

    void thePanelIsRendered()
    {
        m_panel->periodChooser()->setChoice(PlanPeriodChooser::Choice::LastMonth);
        m_panel->periodChooser()->setToday(QDate(2026, 4, 14));
        m_panel->chooseTrack(m_panel->overlay()->tracks().first().id);
        table("patrolPlans")->selectRow(0);
        m_canvas->zoomToExtent(BoundingBox {-0.004, -0.001, 0.021, 0.011});
        QTRY_VERIFY(!m_canvas->isRendering());
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
