// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "alertbanner.h"
#include "alertcentre.h"
#include "casedesk.h"
#include "deskaids.h"
#include "mainwindow.h"

#include "deskaidsfixture.h"
#include "support/testsupport.h"

#include "cases/actiondialog.h"
#include "cases/caseactions.h"
#include "cases/casequeuewidget.h"
#include "cases/casetablemodel.h"
#include "cases/reportdialog.h"
#include "cases/runasdialog.h"
#include "maprender/mapviewport.h"
#include "mapview/mapcanvas.h"
#include "storage/workspace.h"
#include "workflow/casebook.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QToolBar>

using namespace GridDesk;

class TestAlertCentre : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void urgentAlarmAlertsOnceWithoutTakingTheFocus();
    void typingInADialogGoesOn();
    void alarmBelowTheLevelAndOwnReportsDoNotAlert();
    void markedSpecialElsewhereAlerts();
    void deadlineShareAndOverdueAlertOnce();
    void casesLateAtLoadingAreNotAlerted();
    void dismissAndOpenCase();
    void preferencesTurnAlertsOff();

private:
    void runAs(const QString &name);
    /// Another program on the workspace reports a case through channel with an alarm level;
    /// returns its id.
    qint64 reportElsewhere(const QString &channel, std::optional<int> level);
    /// Another program marks the case special as the leader.
    void markSpecialElsewhere(qint64 id);
    qint64 reportHere(const QString &description);
    void act(CaseAction action);
    /// Alerts raised since the spy started, of kind.
    static int countOf(const QSignalSpy &spy, DeskAlert::Kind kind);
    AlertCentre *alerts() const { return m_window->deskAids()->alerts(); }

    template<typename T>
    static T *child(QWidget *parent, const char *name)
    {
        return parent ? parent->findChild<T *>(QLatin1String(name)) : nullptr;
    }

    QTemporaryDir m_dir;
    QString m_path;
    QDateTime m_now;
    std::unique_ptr<MainWindow> m_window;
    CaseDesk *m_desk = nullptr;
};

void TestAlertCentre::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("GridDeskTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_alertcentre"));
    QVERIFY(m_dir.isValid());
}

void TestAlertCentre::init()
{
    QSettings().clear();
    static int workspaces = 0;
    m_path = m_dir.filePath(QStringLiteral("alerts-%1.gpkg").arg(++workspaces));
    // A Wednesday morning in working hours; the tests move the clock on.
    m_now = QDateTime(QDate(2026, 3, 4), QTime(9, 5));
    m_window = Test::openDeskWindow(m_path, [this] { return m_now; });
    QVERIFY(m_window);
    m_desk = m_window->caseDesk();
    QVERIFY(alerts());
}

void TestAlertCentre::cleanup()
{
    m_window.reset();
    m_desk = nullptr;
}

void TestAlertCentre::runAs(const QString &name)
{
    if (!m_desk->runAsDialog())
        m_window->caseActions()->runAsAction()->trigger();
    RunAsDialog *dialog = m_desk->runAsDialog();
    QVERIFY(dialog);
    auto *users = child<QListWidget>(dialog, "users");
    const auto found = users->findItems(name, Qt::MatchStartsWith);
    QCOMPARE(found.size(), 1);
    users->setCurrentItem(found.first());
    QTest::mouseClick(child<QPushButton>(dialog, "runAs"), Qt::LeftButton);
    QTRY_VERIFY(!m_desk->runAsDialog());
}

qint64 TestAlertCentre::reportElsewhere(const QString &channel, std::optional<int> level)
{
    auto other = Workspace::open(m_path);
    if (!other)
        return 0;
    auto setup = WorkflowSetup::load(**other);
    if (!setup)
        return 0;
    CaseBook book(**other, *setup);
    ActionRequest request;
    request.actor = QStringLiteral("iot:sensors");
    request.role = Role::Operator;
    request.at = CaseTime::naive(m_now.date(), m_now.time());
    if (level)
        request.data.insert(QStringLiteral("level"), *level);
    static int reports = 0;
    CaseRecord record;
    record.source = channel;
    record.externalId = QStringLiteral("A-%1").arg(++reports);
    record.category = QStringLiteral("noise");
    record.descriptor = QStringLiteral("Loud machinery at night");
    record.created = request.at;
    if (!book.report(record, request))
        return 0;
    return record.id;
}

void TestAlertCentre::markSpecialElsewhere(qint64 id)
{
    auto other = Workspace::open(m_path);
    QVERIFY(other.has_value());
    auto setup = WorkflowSetup::load(**other);
    QVERIFY(setup.has_value());
    CaseBook book(**other, *setup);
    ActionRequest request;
    request.action = CaseAction::MarkSpecial;
    request.basedOnVersion = book.record(id) ? book.record(id)->version : 0;
    request.actor = QStringLiteral("Chen Jie");
    request.role = Role::Leader;
    request.actorUnit = QStringLiteral("city");
    request.reason = QStringLiteral("Gas smell reported near the school");
    request.at = CaseTime::naive(m_now.date(), m_now.time());
    const auto marked = book.act(id, request);
    QVERIFY2(marked.has_value(), qPrintable(marked ? QString() : marked.error().message));
}

qint64 TestAlertCentre::reportHere(const QString &description)
{
    m_now = m_now.addSecs(60);
    m_window->caseActions()->reportAction()->trigger();
    ReportDialog *dialog = m_desk->reportDialog();
    if (!dialog)
        return 0;
    auto *category = child<QComboBox>(dialog, "category");
    category->setCurrentIndex(category->findData(QStringLiteral("road.pothole")));
    child<QLineEdit>(dialog, "description")->setText(description);
    const MapScene::GridShape &village = m_window->mapCanvas()->scene()->grids().back();
    const GeoPoint where = WebMercator::toLonLat(village.labelAnchor);
    child<QLineEdit>(dialog, "location")
        ->setText(QStringLiteral("%1, %2").arg(where.lon, 0, 'f', 7).arg(where.lat, 0, 'f', 7));
    QTest::mouseClick(child<QPushButton>(dialog, "submit"), Qt::LeftButton);
    return m_desk->reportDialog() ? 0 : m_desk->currentCaseId().value_or(0);
}

void TestAlertCentre::act(CaseAction action)
{
    m_now = m_now.addSecs(120);
    QAction *trigger = m_window->caseActions()->action(action);
    QVERIFY2(trigger->isEnabled(), qPrintable(caseActionKey(action)));
    trigger->trigger();
    ActionDialog *dialog = m_desk->actionDialog();
    QVERIFY(dialog);
    QTest::mouseClick(child<QPushButton>(dialog, "submit"), Qt::LeftButton);
    QVERIFY2(!m_desk->actionDialog(), qPrintable(child<QLabel>(dialog, "message")->text()));
}

int TestAlertCentre::countOf(const QSignalSpy &spy, DeskAlert::Kind kind)
{
    int count = 0;
    for (const QList<QVariant> &arguments : spy)
        count += arguments.at(0).value<DeskAlert>().kind == kind ? 1 : 0;
    return count;
}

void TestAlertCentre::urgentAlarmAlertsOnceWithoutTakingTheFocus()
{
    // The operator is typing in the queue's filter box when the alarm comes in.
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QLineEdit *filter = m_window->caseQueue()->filterEdit();
    filter->setFocus();
    QTRY_COMPARE(QApplication::focusWidget(), filter);
    QTest::keyClicks(filter, QStringLiteral("Muz"));

    QSignalSpy raised(alerts(), &AlertCentre::alertRaised);
    const qint64 id = reportElsewhere(QStringLiteral("iot"), 4);
    QVERIFY(id > 0);
    m_desk->applyDeadlineRules(); // the desk's minute: it takes in what others wrote
    QCOMPARE(raised.size(), 1);
    const auto alert = raised.first().first().value<DeskAlert>();
    QCOMPARE(alert.kind, DeskAlert::Kind::UrgentCase);
    QCOMPARE(alert.caseId, id);
    QVERIFY2(alert.text.contains(QLatin1String("Level 4")), qPrintable(alert.text));

    // The banner shows it at the top of the window; nothing took the focus or opened.
    QToolBar *bar = m_window->deskAids()->bannerBar();
    QTRY_VERIFY(bar->isVisible());
    QCOMPARE(m_window->toolBarArea(bar), Qt::TopToolBarArea);
    QCOMPARE(m_window->deskAids()->banner()->text().contains(alert.text), true);
    QCOMPARE(QApplication::focusWidget(), filter);
    QCOMPARE(QApplication::activeModalWidget(), nullptr);
    QCOMPARE(QApplication::activeWindow(), m_window.get());
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("ha"));
    QCOMPARE(filter->text(), QStringLiteral("Muzha"));

    // Said once: later minutes and later changes of the case do not repeat it.
    m_now = m_now.addSecs(60);
    m_desk->applyDeadlineRules();
    m_desk->showCase(id);
    act(CaseAction::Register);
    QCOMPARE(countOf(raised, DeskAlert::Kind::UrgentCase), 1);
    QCOMPARE(alerts()->recent().size(), 1);
}

void TestAlertCentre::typingInADialogGoesOn()
{
    m_window->caseActions()->reportAction()->trigger();
    ReportDialog *dialog = m_desk->reportDialog();
    QVERIFY(dialog);
    dialog->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(dialog));
    auto *description = child<QLineEdit>(dialog, "description");
    description->setFocus();
    QTRY_COMPARE(QApplication::focusWidget(), description);
    QTest::keyClicks(description, QStringLiteral("Fallen tree across "));

    QSignalSpy raised(alerts(), &AlertCentre::alertRaised);
    QVERIFY(reportElsewhere(QStringLiteral("video"), 4) > 0);
    m_desk->applyDeadlineRules();
    QCOMPARE(raised.size(), 1);
    QTRY_VERIFY(m_window->deskAids()->bannerBar()->isVisible());
    QCOMPARE(QApplication::activeWindow(), dialog);
    QCOMPARE(QApplication::focusWidget(), description);
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("the lane"));
    QCOMPARE(description->text(), QStringLiteral("Fallen tree across the lane"));
}

void TestAlertCentre::alarmBelowTheLevelAndOwnReportsDoNotAlert()
{
    QSignalSpy raised(alerts(), &AlertCentre::alertRaised);
    QVERIFY(reportElsewhere(QStringLiteral("iot"), 2) > 0); // below the level 3 of the default
    QVERIFY(reportElsewhere(QStringLiteral("hotline"), std::nullopt) > 0);
    QVERIFY(reportHere(QStringLiteral("Pothole by the school")) > 0);
    m_desk->applyDeadlineRules();
    QCOMPARE(raised.size(), 0);
    QVERIFY(!m_window->deskAids()->bannerBar()->isVisible());

    // A lower level in the preferences makes the next such alarm urgent.
    AlertPreferences preferences = alerts()->preferences();
    preferences.urgentAlarmLevel = 2;
    alerts()->setPreferences(preferences);
    const qint64 id = reportElsewhere(QStringLiteral("video"), 2);
    m_desk->applyDeadlineRules();
    QCOMPARE(raised.size(), 1);
    QCOMPARE(raised.first().first().value<DeskAlert>().caseId, id);
}

void TestAlertCentre::markedSpecialElsewhereAlerts()
{
    const qint64 id = reportElsewhere(QStringLiteral("hotline"), std::nullopt);
    QVERIFY(id > 0);
    m_desk->applyDeadlineRules();
    QSignalSpy raised(alerts(), &AlertCentre::alertRaised);
    markSpecialElsewhere(id);
    m_desk->applyDeadlineRules();
    QCOMPARE(raised.size(), 1);
    const auto alert = raised.first().first().value<DeskAlert>();
    QCOMPARE(alert.caseId, id);
    QVERIFY2(alert.text.contains(QLatin1String("special")), qPrintable(alert.text));
    m_now = m_now.addSecs(60);
    m_desk->applyDeadlineRules();
    QCOMPARE(raised.size(), 1);
}

void TestAlertCentre::deadlineShareAndOverdueAlertOnce()
{
    const qint64 id = reportHere(QStringLiteral("Pothole left too long"));
    QVERIFY(id > 0);
    act(CaseAction::Register);
    act(CaseAction::Dispatch);
    runAs(QStringLiteral("Li Lei"));
    act(CaseAction::Accept);
    CaseTableModel *model = m_window->caseQueue()->model();
    const QDateTime deadline = model->cases().deadlineWallTime(*model->rowOf(id));
    QVERIFY(deadline.isValid());

    // Minute by minute (in steps of a quarter of an hour) until the rules supervise the case.
    QSignalSpy raised(alerts(), &AlertCentre::alertRaised);
    QString textAtShare;
    const auto stateOfCase = [model, id] {
        return model->cases().state(*model->rowOf(id));
    };
    for (int step = 0; step < 4 * 24 * 14 && stateOfCase() != QLatin1String("supervised"); ++step) {
        m_now = m_now.addSecs(15 * 60);
        const bool shareSaid = countOf(raised, DeskAlert::Kind::DeadlineShare) > 0;
        m_desk->applyDeadlineRules();
        if (!shareSaid && countOf(raised, DeskAlert::Kind::DeadlineShare) > 0) {
            textAtShare = model->index(*model->rowOf(id), int(CaseTableModel::Column::Deadline))
                              .data()
                              .toString();
            QVERIFY2(m_now < deadline, qPrintable(m_now.toString(Qt::ISODate)));
        }
    }
    QCOMPARE(stateOfCase(), QStringLiteral("supervised"));
    // The queue says the same at that moment: 80 % of the handling time used.
    QVERIFY2(textAtShare.contains(QLatin1String("80 %")), qPrintable(textAtShare));
    QCOMPARE(countOf(raised, DeskAlert::Kind::DeadlineShare), 1);
    QCOMPARE(countOf(raised, DeskAlert::Kind::Overdue), 1);
    const auto overdue = raised.last().first().value<DeskAlert>();
    QCOMPARE(overdue.kind, DeskAlert::Kind::Overdue);
    QCOMPARE(overdue.caseId, id);
    QVERIFY2(overdue.text.contains(QLatin1String("handling")), qPrintable(overdue.text));

    // The minutes after say nothing again.
    for (int minute = 0; minute < 3; ++minute) {
        m_now = m_now.addSecs(60);
        m_desk->applyDeadlineRules();
    }
    QCOMPARE(raised.size(), 2);
}

void TestAlertCentre::casesLateAtLoadingAreNotAlerted()
{
    const qint64 id = reportHere(QStringLiteral("Pothole reported before the break"));
    QVERIFY(id > 0);
    // Three weeks on, the desk starts again: the case is long overdue, which the overdue
    // queue shows; the alerts are for what happens from now on.
    m_now = m_now.addDays(21);
    QSignalSpy loaded(m_window.get(), &MainWindow::workspaceLoaded);
    m_window->openWorkspace(m_path);
    QVERIFY(loaded.wait(60000));
    QSignalSpy raised(alerts(), &AlertCentre::alertRaised);
    m_now = m_now.addSecs(60);
    m_desk->applyDeadlineRules();
    QCOMPARE(raised.size(), 0);
    QVERIFY(m_window->caseQueue()->viewCount(QueueView::Overdue) > 0);
}

void TestAlertCentre::dismissAndOpenCase()
{
    const qint64 first = reportElsewhere(QStringLiteral("iot"), 3);
    const qint64 second = reportElsewhere(QStringLiteral("iot"), 4);
    QVERIFY(first > 0 && second > 0);
    m_desk->applyDeadlineRules();
    QCOMPARE(alerts()->active().size(), 2);
    AlertBanner *banner = m_window->deskAids()->banner();
    // Newest first, with the count of the others.
    QCOMPARE(alerts()->active().first().caseId, second);
    QCOMPARE(child<QLabel>(banner, "alertCount")->text(), QStringLiteral("+1 more"));

    QTest::mouseClick(child<QPushButton>(banner, "openAlertCase"), Qt::LeftButton);
    QTRY_COMPARE(m_desk->currentCaseId(), std::optional<qint64>(second));
    QCOMPARE(alerts()->active().size(), 1);
    QCOMPARE(alerts()->active().first().caseId, first);
    QTest::mouseClick(child<QPushButton>(banner, "dismissAlert"), Qt::LeftButton);
    QCOMPARE(alerts()->active().size(), 0);
    QTRY_VERIFY(!m_window->deskAids()->bannerBar()->isVisible());
    // Dismissed alerts stay in the recent list.
    QCOMPARE(alerts()->recent().size(), 2);

    QVERIFY(reportElsewhere(QStringLiteral("iot"), 4) > 0);
    QVERIFY(reportElsewhere(QStringLiteral("video"), 4) > 0);
    m_desk->applyDeadlineRules();
    QCOMPARE(alerts()->active().size(), 2);
    QTest::mouseClick(child<QPushButton>(banner, "dismissAllAlerts"), Qt::LeftButton);
    QCOMPARE(alerts()->active().size(), 0);
    QCOMPARE(alerts()->recent().size(), 4);
}

void TestAlertCentre::preferencesTurnAlertsOff()
{
    AlertPreferences preferences = alerts()->preferences();
    preferences.urgentCases = false;
    alerts()->setPreferences(preferences);
    QSignalSpy raised(alerts(), &AlertCentre::alertRaised);
    QVERIFY(reportElsewhere(QStringLiteral("iot"), 4) > 0);
    m_desk->applyDeadlineRules();
    QCOMPARE(raised.size(), 0);
}

GRIDDESK_TEST_MAIN(TestAlertCentre, QApplication)

#include "tst_alertcentre.moc"
