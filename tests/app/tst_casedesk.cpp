// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "casedesk.h"
#include "mainwindow.h"

#include "deskfixture.h"
#include "support/testsupport.h"

#include "cases/actiondialog.h"
#include "cases/caseactions.h"
#include "cases/casedetailpanel.h"
#include "cases/casefilterproxymodel.h"
#include "cases/casequeuewidget.h"
#include "cases/casetablemodel.h"
#include "cases/casetimelinemodel.h"
#include "cases/reportdialog.h"
#include "cases/runasdialog.h"
#include "domain/translations.h"
#include "gis/wkb.h"
#include "maprender/mapviewport.h"
#include "mapview/mapcanvas.h"
#include "register/registerbook.h"
#include "registerview/registerpanel.h"
#include "registerview/registertablemodel.h"
#include "storage/workspace.h"
#include "workflow/casebook.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QInputMethodEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
#include <QTreeWidget>

using namespace GridDesk;

class TestCaseDesk : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void reportToClose();
    void failedVerificationIsSupervised();
    void staleActionIsRefusedAndKeepsInput();
    void handlerMayNotVerify();
    void cancelledDialogKeepsItsDraft();
    void deadlineRulesSuperviseLateCases();
    void takesInCasesOtherProgramsChanged();
    void reportsOfOneChannelAreCasesOfTheirOwn();
    void addsALocalUser();
    void attachesAFile();
    void reportLinksRegisterEntries();
    void inboxesSurviveARestart();
    void reportersContactIsRevealedWithAReason();

private:
    void runAs(const QString &name);
    qint64 reportCase(const QString &description);
    GeoPoint fillReport(ReportDialog *dialog, const QString &description);
    /// Reports a case, registers and dispatches it, and has Li Lei accept it and feed back
    /// result; returns its id.
    qint64 fedBackCase(const QString &description, const QString &result);
    ActionDialog *startAction(CaseAction action);
    void submit(ActionDialog *dialog);
    void act(CaseAction action, const std::function<void(ActionDialog *)> &fill = {});
    QString stateOf(qint64 id) const;
    void advance(int minutes) { m_now = m_now.addSecs(minutes * 60); }
    void saveScreenshot(QWidget *dialog, const QString &name);
    void reopen();

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

void TestCaseDesk::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("GridDeskTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_casedesk"));
    QVERIFY(m_dir.isValid());
    // GRIDDESK_LANG=zh_CN tst_casedesk reportToClose: the screenshot of the Chinese desk.
    if (!qEnvironmentVariableIsEmpty("GRIDDESK_LANG"))
        installTranslations(interfaceLocale());
}

void TestCaseDesk::init()
{
    QSettings().clear();
    static int workspaces = 0;
    m_path = m_dir.filePath(QStringLiteral("desk-%1.gpkg").arg(++workspaces));
    const auto made = Test::makeDeskWorkspace(m_path);
    QVERIFY2(made.has_value(), Test::why(made).constData());

    // A Wednesday morning in working hours; each step moves the clock on a little.
    m_now = QDateTime(QDate(2026, 3, 4), QTime(9, 5));
    m_window = std::make_unique<MainWindow>(QDir(Test::mapsPath()));
    m_window->resize(1500, 950);
    m_desk = m_window->caseDesk();
    m_desk->setClock([this] { return m_now; });
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));

    QSignalSpy loaded(m_window.get(), &MainWindow::workspaceLoaded);
    m_window->openWorkspace(m_path);
    QVERIFY(loaded.wait(60000));
    QTRY_VERIFY(!m_window->mapCanvas()->image().isNull());
    // Nobody is chosen for this workspace yet: the desk asks.
    QTRY_VERIFY(m_desk->runAsDialog() && m_desk->runAsDialog()->isVisible());
    runAs(QStringLiteral("Wang Fang"));
}

void TestCaseDesk::cleanup()
{
    m_window.reset();
    m_desk = nullptr;
}

void TestCaseDesk::runAs(const QString &name)
{
    if (!m_desk->runAsDialog())
        m_window->caseActions()->runAsAction()->trigger();
    RunAsDialog *dialog = m_desk->runAsDialog();
    QVERIFY(dialog);
    auto *users = child<QListWidget>(dialog, "users");
    QVERIFY(users);
    const auto found = users->findItems(name, Qt::MatchStartsWith);
    QCOMPARE(found.size(), 1);
    users->setCurrentItem(found.first());
    QTest::mouseClick(child<QPushButton>(dialog, "runAs"), Qt::LeftButton);
    QTRY_VERIFY(!m_desk->runAsDialog());
    QCOMPARE(m_desk->user().name, name);
    auto *shown = m_window->statusBar()->findChild<QToolButton *>(QStringLiteral("deskUser"));
    QVERIFY(shown && shown->text().contains(name));
}

qint64 TestCaseDesk::fedBackCase(const QString &description, const QString &result)
{
    const qint64 id = reportCase(description);
    if (id <= 0)
        return id;
    act(CaseAction::Register);
    act(CaseAction::Dispatch);
    runAs(QStringLiteral("Li Lei"));
    act(CaseAction::Accept);
    act(CaseAction::FeedBack, [&result](ActionDialog *dialog) {
        child<QPlainTextEdit>(dialog, "result")->setPlainText(result);
    });
    return id;
}

qint64 TestCaseDesk::reportCase(const QString &description)
{
    advance(1);
    m_window->caseActions()->reportAction()->trigger();
    ReportDialog *dialog = m_desk->reportDialog();
    if (!dialog)
        return 0;
    fillReport(dialog, description);

    const qsizetype before = m_window->caseQueue()->viewCount(QueueView::All);
    QTest::mouseClick(child<QPushButton>(dialog, "submit"), Qt::LeftButton);
    if (m_desk->reportDialog()) {
        qWarning("report refused: %s", qPrintable(child<QLabel>(dialog, "message")->text()));
        return 0;
    }
    if (m_window->caseQueue()->viewCount(QueueView::All) != before + 1)
        return 0;
    return m_desk->currentCaseId().value_or(0);
}

GeoPoint TestCaseDesk::fillReport(ReportDialog *dialog, const QString &description)
{
    auto *category = child<QComboBox>(dialog, "category");
    category->setCurrentIndex(category->findData(QStringLiteral("road.pothole")));
    child<QLineEdit>(dialog, "description")->setText(description);
    child<QLineEdit>(dialog, "address")->setText(QStringLiteral("Section 1, Muzha Road"));
    // Inside a Wenshan village: where the village's name is drawn.
    const auto scene = m_window->mapCanvas()->scene();
    const MapScene::GridShape &village = scene->grids().back();
    const GeoPoint where = WebMercator::toLonLat(village.labelAnchor);
    child<QLineEdit>(dialog, "location")
        ->setText(QStringLiteral("%1, %2").arg(where.lon, 0, 'f', 7).arg(where.lat, 0, 'f', 7));
    return where;
}

ActionDialog *TestCaseDesk::startAction(CaseAction action)
{
    advance(2);
    QAction *trigger = m_window->caseActions()->action(action);
    if (!trigger->isEnabled())
        return nullptr;
    trigger->trigger();
    return m_desk->actionDialog();
}

void TestCaseDesk::submit(ActionDialog *dialog)
{
    QTest::mouseClick(child<QPushButton>(dialog, "submit"), Qt::LeftButton);
}

void TestCaseDesk::act(CaseAction action, const std::function<void(ActionDialog *)> &fill)
{
    ActionDialog *dialog = startAction(action);
    QVERIFY2(dialog, qPrintable(caseActionKey(action)));
    if (fill)
        fill(dialog);
    submit(dialog);
    const auto *message = child<QLabel>(dialog, "message");
    QVERIFY2(!m_desk->actionDialog(), qPrintable(message ? message->text() : QString()));
}

QString TestCaseDesk::stateOf(qint64 id) const
{
    const auto row = m_window->caseQueue()->model()->rowOf(id);
    return row ? m_window->caseQueue()->model()->cases().state(*row) : QString();
}

void TestCaseDesk::saveScreenshot(QWidget *dialog, const QString &name)
{
    // The window with the dialog drawn where it stands over it, as a user sees them.
    QImage image = m_window->grab().toImage();
    if (dialog) {
        QPainter painter(&image);
        const QPoint at = dialog->frameGeometry().topLeft() - m_window->geometry().topLeft();
        painter.drawPixmap(at, dialog->grab());
    }
    const QString folder = QStringLiteral(GRIDDESK_SCREENSHOT_DIR);
    QVERIFY(QDir().mkpath(folder));
    // Screenshots of a translated interface are named after its language.
    const QLocale::Language shown = QLocale().language();
    const QString language =
        shown == QLocale::English || shown == QLocale::C ? QString() : u'_' + QLocale().name();
    const QFileInfo file(name);
    QVERIFY(image.save(QDir(folder).filePath(
        file.completeBaseName() + language + QLatin1Char('.') + file.suffix())));
}

void TestCaseDesk::reportToClose()
{
    CaseQueueWidget *queue = m_window->caseQueue();
    CaseDetailPanel *panel = m_window->caseDetail();
    QCOMPARE(queue->viewCount(QueueView::All), 0);

    // Picking the place on the map fills the location; the dialog stays open.
    m_window->caseActions()->reportAction()->trigger();
    QVERIFY(m_desk->reportDialog());
    QTest::mouseClick(child<QPushButton>(m_desk->reportDialog(), "pickOnMap"), Qt::LeftButton);
    MapCanvas *canvas = m_window->mapCanvas();
    QTest::mouseClick(canvas, Qt::LeftButton, {}, canvas->rect().center());
    QVERIFY(!child<QLineEdit>(m_desk->reportDialog(), "location")->text().isEmpty());
    QVERIFY(!canvas->selectedCaseId());
    m_desk->reportDialog()->close();

    const qint64 id = reportCase(QStringLiteral("Deep pothole by the bus stop"));
    QVERIFY(id > 0);
    QCOMPARE(stateOf(id), QStringLiteral("reported"));
    QCOMPARE(queue->viewCount(QueueView::ToRegister), 1);
    QCOMPARE(queue->viewCount(QueueView::MyInbox), 1);
    QCOMPARE(panel->caseId(), std::optional<qint64>(id));
    QVERIFY(!panel->field(QStringLiteral("grid")).isEmpty());

    // Register from the keyboard.
    advance(2);
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClick(m_window.get(), Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(m_desk->actionDialog());
    QCOMPARE(m_desk->actionDialog()->action(), CaseAction::Register);
    submit(m_desk->actionDialog());
    QTRY_VERIFY(!m_desk->actionDialog());
    QCOMPARE(stateOf(id), QStringLiteral("registered"));
    QCOMPARE(queue->viewCount(QueueView::ToDispatch), 1);
    QCOMPARE(queue->viewCount(QueueView::ToRegister), 0);

    // Dispatch: the rule for Wenshan's roads proposes street A and says why.
    ActionDialog *dispatch = startAction(CaseAction::Dispatch);
    QVERIFY(dispatch);
    const QString proposal = child<QLabel>(dispatch, "proposal")->text();
    QVERIFY2(proposal.contains(QLatin1String("R1")), qPrintable(proposal));
    QVERIFY2(proposal.contains(QLatin1String("Street A")), qPrintable(proposal));
    QCOMPARE(
        child<QComboBox>(dispatch, "unit")->currentData().toString(), QStringLiteral("street-a"));
    QTRY_VERIFY(!m_window->mapCanvas()->isRendering());
    saveScreenshot(dispatch, QStringLiteral("desk-dispatch.png"));
    submit(dispatch);
    QTRY_VERIFY(!m_desk->actionDialog());
    QCOMPARE(stateOf(id), QStringLiteral("dispatched"));
    QVERIFY(panel->field(QStringLiteral("dispatchedBy")).contains(QLatin1String("R1")));
    QCOMPARE(panel->field(QStringLiteral("leadUnit")), QStringLiteral("Street A"));

    // Street B's handler is not offered another street's case.
    runAs(QStringLiteral("Ma Li"));
    QCOMPARE(queue->viewCount(QueueView::MyInbox), 0);
    QVERIFY(!m_window->caseActions()->action(CaseAction::Accept)->isEnabled());

    // Street A's handler finds it in the inbox, accepts it and feeds back.
    runAs(QStringLiteral("Li Lei"));
    QCOMPARE(queue->viewCount(QueueView::MyInbox), 1);
    act(CaseAction::Accept);
    QCOMPARE(stateOf(id), QStringLiteral("in_handling"));
    ActionDialog *feedBack = startAction(CaseAction::FeedBack);
    QVERIFY(feedBack);
    submit(feedBack);
    QVERIFY(m_desk->actionDialog()); // no result given: the dialog says so and stays
    QVERIFY(child<QLabel>(feedBack, "message")->isVisible());
    child<QPlainTextEdit>(feedBack, "result")->setPlainText(QStringLiteral("Filled and sealed."));
    submit(feedBack);
    QTRY_VERIFY(!m_desk->actionDialog());
    QCOMPARE(stateOf(id), QStringLiteral("fed_back"));
    QCOMPARE(queue->viewCount(QueueView::MyInbox), 0);

    // The grid supervisor verifies and closes it.
    runAs(QStringLiteral("Zhao Min"));
    QCOMPARE(queue->viewCount(QueueView::AwaitingVerification), 1);
    QCOMPARE(queue->viewCount(QueueView::MyInbox), 1);
    act(CaseAction::Verify);
    QCOMPARE(stateOf(id), QStringLiteral("closed"));
    QCOMPARE(queue->viewCount(QueueView::AwaitingVerification), 0);

    // The history tells the whole story, and every stage has its clock.
    const QList<CaseEvent> &events = panel->timeline()->events();
    QList<CaseAction> actions;
    for (const CaseEvent &event : events)
        actions << event.action;
    QCOMPARE(actions,
        (QList<CaseAction> {CaseAction::Report, CaseAction::Register, CaseAction::Dispatch,
            CaseAction::Accept, CaseAction::FeedBack, CaseAction::Verify}));
    QCOMPARE(events.at(4).actor, QStringLiteral("Li Lei"));
    QVERIFY(panel->stageClocks()->topLevelItemCount() >= 5);
}

void TestCaseDesk::failedVerificationIsSupervised()
{
    const qint64 id =
        fedBackCase(QStringLiteral("Pothole, second report"), QStringLiteral("Patched."));
    QVERIFY(id > 0);

    runAs(QStringLiteral("Zhao Min"));
    CaseQueueWidget *queue = m_window->caseQueue();
    queue->setQueueView(QueueView::Supervised);
    QCOMPARE(queue->viewCount(QueueView::Supervised), 0);
    QCOMPARE(queue->proxyModel()->rowCount(), 0);
    act(CaseAction::FailVerification, [](ActionDialog *dialog) {
        // A reason is required: without one the dialog refuses to submit.
        QTest::mouseClick(child<QPushButton>(dialog, "submit"), Qt::LeftButton);
        QVERIFY(child<QLabel>(dialog, "message")->text().contains(QLatin1String("reason")));
        child<QPlainTextEdit>(dialog, "reason")
            ->setPlainText(QStringLiteral("The patch is already breaking up."));
    });
    QCOMPARE(stateOf(id), QStringLiteral("supervised"));
    QCOMPARE(queue->viewCount(QueueView::Supervised), 1);
    QCOMPARE(queue->proxyModel()->rowCount(), 1);
    QCOMPARE(queue->viewCount(QueueView::MyInbox), 1);
}

void TestCaseDesk::staleActionIsRefusedAndKeepsInput()
{
    const qint64 id = reportCase(QStringLiteral("Pothole seen twice"));
    QVERIFY(id > 0);
    act(CaseAction::Register);

    // Someone at another desk promises the reporter a date meanwhile.
    {
        auto other = Workspace::open(m_path);
        QVERIFY2(other.has_value(), Test::why(other).constData());
        auto setup = WorkflowSetup::load(**other);
        QVERIFY2(setup.has_value(), Test::why(setup).constData());
        CaseBook book(**other, *setup);
        ActionRequest promise;
        promise.action = CaseAction::Promise;
        promise.basedOnVersion = 2;
        promise.actor = QStringLiteral("Wu Tao");
        promise.role = Role::Operator;
        promise.at = CaseTime::naive(m_now.date(), m_now.time().addSecs(60));
        promise.data.insert(QStringLiteral("promised_at"), QStringLiteral("2026-03-10T17:00:00"));
        const auto promised = book.act(id, promise);
        QVERIFY2(promised.has_value(), Test::why(promised).constData());
    }

    ActionDialog *dialog = startAction(CaseAction::Dispatch);
    QVERIFY(dialog);
    child<QPlainTextEdit>(dialog, "reason")->setPlainText(QStringLiteral("Urgent: near a school"));
    submit(dialog);
    QCOMPARE(m_desk->actionDialog(), dialog);
    const QString message = child<QLabel>(dialog, "message")->text();
    QVERIFY2(message.contains(QLatin1String("changed")), qPrintable(message));
    QVERIFY(child<QPushButton>(dialog, "reload")->isVisible());
    QCOMPARE(stateOf(id), QStringLiteral("registered"));

    // After a reload the same input goes through.
    QTest::mouseClick(child<QPushButton>(dialog, "reload"), Qt::LeftButton);
    QCOMPARE(child<QPlainTextEdit>(dialog, "reason")->toPlainText(),
        QStringLiteral("Urgent: near a school"));
    QCOMPARE(
        child<QComboBox>(dialog, "unit")->currentData().toString(), QStringLiteral("street-a"));
    QVERIFY(child<QLabel>(dialog, "heading")->text().contains(QLatin1String("version 3")));
    submit(dialog);
    QTRY_VERIFY(!m_desk->actionDialog());
    QCOMPARE(stateOf(id), QStringLiteral("dispatched"));
    QCOMPARE(m_window->caseDetail()->timeline()->events().last().reason,
        QStringLiteral("Urgent: near a school"));
}

void TestCaseDesk::handlerMayNotVerify()
{
    const qint64 id =
        fedBackCase(QStringLiteral("Pothole by the market"), QStringLiteral("Filled."));
    QVERIFY(id > 0);

    // A supervisor of the street that handled the case may not verify it.
    runAs(QStringLiteral("Sun Qiang"));
    ActionDialog *dialog = startAction(CaseAction::Verify);
    QVERIFY(dialog);
    child<QPlainTextEdit>(dialog, "reason")->setPlainText(QStringLiteral("Looks fine"));
    submit(dialog);
    QCOMPARE(m_desk->actionDialog(), dialog);
    const QString message = child<QLabel>(dialog, "message")->text();
    QVERIFY2(message.contains(QLatin1String("cannot verify")), qPrintable(message));
    QVERIFY(!child<QPushButton>(dialog, "reload")->isVisible());
    QCOMPARE(child<QPlainTextEdit>(dialog, "reason")->toPlainText(), QStringLiteral("Looks fine"));
    QCOMPARE(stateOf(id), QStringLiteral("fed_back"));
    dialog->reject();
}

void TestCaseDesk::cancelledDialogKeepsItsDraft()
{
    const qint64 id = reportCase(QStringLiteral("Pothole near the bridge"));
    QVERIFY(id > 0);
    ActionDialog *dialog = startAction(CaseAction::Reject);
    QVERIFY(dialog);
    child<QPlainTextEdit>(dialog, "reason")->setPlainText(QStringLiteral("Private road"));
    QTest::mouseClick(child<QPushButton>(dialog, "cancel"), Qt::LeftButton);
    QTRY_VERIFY(!m_desk->actionDialog());

    dialog = startAction(CaseAction::Reject);
    QVERIFY(dialog);
    QCOMPARE(
        child<QPlainTextEdit>(dialog, "reason")->toPlainText(), QStringLiteral("Private road"));
    submit(dialog);
    QTRY_VERIFY(!m_desk->actionDialog());
    QCOMPARE(stateOf(id), QStringLiteral("rejected"));
}

void TestCaseDesk::deadlineRulesSuperviseLateCases()
{
    const qint64 id = reportCase(QStringLiteral("Pothole left too long"));
    QVERIFY(id > 0);
    act(CaseAction::Register);
    act(CaseAction::Dispatch);
    runAs(QStringLiteral("Li Lei"));
    act(CaseAction::Accept);
    CaseQueueWidget *queue = m_window->caseQueue();
    QCOMPARE(queue->viewCount(QueueView::Overdue), 0);
    const QString due =
        queue->model()
            ->index(*queue->model()->rowOf(id), int(CaseTableModel::Column::Deadline))
            .data()
            .toString();
    QVERIFY2(due.startsWith(QLatin1String("Due in")), qPrintable(due));

    // A week later the handling time has run out: the rules put the case under supervision.
    m_now = m_now.addDays(7);
    m_desk->applyDeadlineRules();
    QCOMPARE(stateOf(id), QStringLiteral("supervised"));
    QCOMPARE(queue->viewCount(QueueView::Supervised), 1);
    QCOMPARE(m_window->caseDetail()->timeline()->events().last().role, Role::System);
}

void TestCaseDesk::takesInCasesOtherProgramsChanged()
{
    const qint64 mine = reportCase(QStringLiteral("Pothole on Muzha Road"));
    QVERIFY(mine > 0);
    CaseQueueWidget *queue = m_window->caseQueue();
    const qsizetype toRegister = queue->viewCount(QueueView::ToRegister);

    // The command line, or another desk, reports a case and registers the desk's case.
    qint64 theirs = 0;
    {
        auto other = Workspace::open(m_path);
        QVERIFY2(other.has_value(), Test::why(other).constData());
        auto setup = WorkflowSetup::load(**other);
        QVERIFY2(setup.has_value(), Test::why(setup).constData());
        CaseBook book(**other, *setup);
        ActionRequest request;
        request.actor = QStringLiteral("Wu Tao");
        request.role = Role::Operator;
        request.at = CaseTime::naive(m_now.date(), m_now.time().addSecs(60));
        CaseRecord record;
        record.source = QStringLiteral("hotline");
        record.externalId = QStringLiteral("H-77");
        record.category = QStringLiteral("noise");
        record.created = request.at;
        QVERIFY(book.report(record, request).has_value());
        theirs = record.id;
        request.action = CaseAction::Register;
        request.basedOnVersion = 1;
        QVERIFY(book.act(mine, request).has_value());
    }
    QVERIFY(!queue->model()->rowOf(theirs));

    m_desk->applyDeadlineRules(); // the desk's minute timer
    QVERIFY(queue->model()->rowOf(theirs));
    QCOMPARE(stateOf(mine), QStringLiteral("registered"));
    QCOMPARE(queue->viewCount(QueueView::ToRegister), toRegister);
    QCOMPARE(queue->viewCount(QueueView::ToDispatch), 1);
}

void TestCaseDesk::reportsOfOneChannelAreCasesOfTheirOwn()
{
    // A case is known between machines by its channel and its id there: two reports made at
    // the desk through the same channel are two cases, each with an id of its own.
    const qint64 first = reportCase(QStringLiteral("Pothole by the school"));
    const qint64 second = reportCase(QStringLiteral("Pothole by the market"));
    QVERIFY(first > 0);
    QVERIFY(second > 0);
    QVERIFY(first != second);
    const auto one = m_desk->caseBook()->record(first);
    const auto other = m_desk->caseBook()->record(second);
    QVERIFY2(one.has_value() && other.has_value(), "both cases are in the workspace");
    QCOMPARE(one->descriptor, QStringLiteral("Pothole by the school"));
    QCOMPARE(one->source, other->source);
    QVERIFY(!one->externalId.isEmpty());
    QVERIFY(one->externalId != other->externalId);
}

void TestCaseDesk::addsALocalUser()
{
    m_window->caseActions()->runAsAction()->trigger();
    RunAsDialog *dialog = m_desk->runAsDialog();
    QVERIFY(dialog);
    child<QLineEdit>(dialog, "newUserName")->setText(QStringLiteral("Zhou Xin"));
    auto *role = child<QComboBox>(dialog, "newUserRole");
    role->setCurrentIndex(role->findData(QStringLiteral("unit_handler")));
    QTest::mouseClick(child<QPushButton>(dialog, "addUser"), Qt::LeftButton);
    // A unit handler needs a unit.
    QVERIFY(child<QLabel>(dialog, "message")->text().contains(QLatin1String("unit")));
    auto *unit = child<QComboBox>(dialog, "newUserUnit");
    unit->setCurrentIndex(unit->findData(QStringLiteral("works-a")));
    QTest::mouseClick(child<QPushButton>(dialog, "addUser"), Qt::LeftButton);
    QCOMPARE(child<QListWidget>(dialog, "users")->count(), 7);
    dialog->close();

    // Saved in the workspace, so it survives a restart.
    auto workspace = Workspace::open(m_path);
    QVERIFY(workspace.has_value());
    const auto setup = WorkflowSetup::load(**workspace);
    QVERIFY(setup.has_value());
    const auto added = setup->user(QStringLiteral("Zhou Xin"));
    QVERIFY(added);
    QCOMPARE(added->unitCode, QStringLiteral("works-a"));
    runAs(QStringLiteral("Zhou Xin"));
    QCOMPARE(m_desk->user().role, Role::UnitHandler);
}

void TestCaseDesk::reportersContactIsRevealedWithAReason()
{
    // An Open311 report with the citizen's contact, as a sync writes it into the workspace.
    qint64 id = 0;
    {
        auto other = Workspace::open(m_path);
        QVERIFY2(other.has_value(), Test::why(other).constData());
        auto setup = WorkflowSetup::load(**other);
        QVERIFY2(setup.has_value(), Test::why(setup).constData());
        CaseBook book(**other, *setup);
        ActionRequest request;
        request.actor = QStringLiteral("open311:civic-app");
        request.role = Role::System;
        request.at = CaseTime::naive(m_now.date(), m_now.time());
        request.data.insert(QStringLiteral("contact"),
            QJsonObject {{QStringLiteral("first_name"), QStringLiteral("Jane")},
                {QStringLiteral("phone"), QStringLiteral("2125551234")}});
        CaseRecord record;
        record.source = QStringLiteral("open311");
        record.externalId = QStringLiteral("311-5");
        record.created = request.at;
        QVERIFY(book.report(record, request).has_value());
        id = record.id;
    }
    m_desk->takeInOtherChanges();
    m_desk->showCase(id);
    CaseDetailPanel *panel = m_window->caseDetail();
    QCOMPARE(panel->field(QStringLiteral("contact")), QStringLiteral("J***, 212***1234 (masked)"));

    // An operator may not see it; nothing is recorded.
    QVERIFY(!panel->revealContactButton()->isEnabled());
    QVERIFY(!m_desk->revealContactWith(QStringLiteral("curious")));
    const auto revealed = [this] {
        auto workspace = Workspace::open(m_path);
        if (!workspace)
            return -1;
        QSqlQuery query((*workspace)->database());
        const bool read =
            query.exec(QStringLiteral("SELECT count(*) FROM register_reveals WHERE entry_code = "
                                      "'case:open311:311-5'"))
            && query.next();
        return read ? query.value(0).toInt() : -1;
    };
    QCOMPARE(revealed(), 0);

    // A leader may, with a reason; each value shown is recorded first.
    runAs(QStringLiteral("Chen Jie"));
    m_desk->showCase(id);
    QVERIFY(panel->revealContactButton()->isEnabled());
    QVERIFY(!m_desk->revealContactWith(QStringLiteral("  ")));
    QCOMPARE(revealed(), 0);
    QVERIFY(m_desk->revealContactWith(QStringLiteral("calling the reporter back")));
    QCOMPARE(panel->field(QStringLiteral("contact")), QStringLiteral("Jane, 2125551234"));
    QCOMPARE(revealed(), 2);

    // Another case, or another user, shows it masked again.
    runAs(QStringLiteral("Wang Fang"));
    QCOMPARE(panel->field(QStringLiteral("contact")), QStringLiteral("J***, 212***1234 (masked)"));
}

void TestCaseDesk::attachesAFile()
{
    const qint64 id = reportCase(QStringLiteral("Pothole with photo"));
    QVERIFY(id > 0);
    const QString photo = m_dir.filePath(QStringLiteral("scene.txt"));
    QFile file(photo);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("a photo would be here");
    file.close();

    QVERIFY(m_desk->attachFile(photo));
    auto *list = m_window->caseDetail()->attachments();
    QCOMPARE(list->count(), 1);
    QVERIFY(list->item(0)->text().contains(QLatin1String("scene.txt")));
    QCOMPARE(m_window->caseDetail()->timeline()->events().last().action, CaseAction::Attach);
    const auto content =
        m_desk->caseBook()->attachmentContent(list->item(0)->data(Qt::UserRole).toLongLong());
    QVERIFY(content.has_value());
    QCOMPARE(*content, QByteArray("a photo would be here"));
}

namespace {

/// Chinese typed as an input method commits it: the way an operator's keyboard sends it.
void typeThroughInputMethod(QWidget *widget, const QString &text)
{
    QInputMethodEvent commit;
    commit.setCommitString(text);
    QApplication::sendEvent(widget, &commit);
}

} // namespace

void TestCaseDesk::reportLinksRegisterEntries()
{
    advance(1);
    m_window->caseActions()->reportAction()->trigger();
    ReportDialog *dialog = m_desk->reportDialog();
    QVERIFY(dialog);
    const GeoPoint where = fillReport(dialog, QStringLiteral("Lamp out by the school gate"));

    // The register, kept by another program meanwhile: a lamp 10 m away, a resident 22 m
    // away and a depot a kilometre off.
    {
        auto workspace = Workspace::open(m_path);
        QVERIFY(workspace.has_value());
        auto book = RegisterBook::load(**workspace);
        QVERIFY(book.has_value());
        const auto add = [&](const QString &kind, const QString &name, double east, double north) {
            RegisterEntry entry;
            entry.kind = kind;
            entry.name = name;
            entry.wkb = Wkb::point({where.lon + east, where.lat + north});
            if (kind == QLatin1String("person"))
                entry.fields.insert(QStringLiteral("phone"), QStringLiteral("0912-345-678"));
            return book->add(entry, QStringLiteral("Clerk"), m_now.toUTC()).has_value();
        };
        QVERIFY(add(QStringLiteral("thing"), QStringLiteral("Lamp 7"), 0.0001, 0));
        QVERIFY(add(QStringLiteral("person"), QStringLiteral("王大明"), 0, 0.0002));
        QVERIFY(add(QStringLiteral("place"), QStringLiteral("Far depot"), 0.01, 0));
    }
    dialog->refreshOffers();
    QListWidget *offers = dialog->offeredEntries();
    QCOMPARE(offers->count(), 2);
    QVERIFY2(offers->item(0)->text().contains(QLatin1String("Lamp 7")),
        qPrintable(offers->item(0)->text()));
    QVERIFY(offers->item(0)->text().endsWith(QLatin1String("10 m")));
    QVERIFY2(!offers->item(1)->text().contains(QStringLiteral("大明")),
        qPrintable(offers->item(1)->text()));
    offers->item(0)->setCheckState(Qt::Checked);
    // Typing on keeps the tick when the entry is still offered.
    child<QLineEdit>(dialog, "address")->setText(QStringLiteral("Section 1, Muzha Road, gate"));
    dialog->refreshOffers();
    QCOMPARE(dialog->chosenEntries(), QStringList({QStringLiteral("TH-000001")}));

    // The caller gives a phone number: the register knows them, masked.
    auto *reporter = child<QLineEdit>(dialog, "reporter");
    QTest::keyClicks(reporter, QStringLiteral("345 678"));
    dialog->refreshReporters();
    QListWidget *people = dialog->reporterMatches();
    QCOMPARE(people->count(), 1);
    QVERIFY2(people->item(0)->text().contains(QStringLiteral("王")),
        qPrintable(people->item(0)->text()));
    QVERIFY(!people->item(0)->text().contains(QStringLiteral("大明")));
    QTest::mouseClick(
        people->viewport(), Qt::LeftButton, {}, people->visualItemRect(people->item(0)).center());
    QCOMPARE(dialog->chosenReporter(), QStringLiteral("PE-000001"));
    QVERIFY(child<QLabel>(dialog, "reporterChosen")->isVisible());
    // A name nobody in the register has finds nobody.
    reporter->clear();
    typeThroughInputMethod(reporter, QStringLiteral("李"));
    dialog->refreshReporters();
    QCOMPARE(people->count(), 0);
    QCOMPARE(dialog->chosenReporter(), QString());
    reporter->clear();
    typeThroughInputMethod(reporter, QStringLiteral("王大"));
    dialog->refreshReporters();
    QCOMPARE(people->count(), 1);
    QTest::mouseClick(
        people->viewport(), Qt::LeftButton, {}, people->visualItemRect(people->item(0)).center());
    QCOMPARE(dialog->chosenReporter(), QStringLiteral("PE-000001"));
    QTRY_VERIFY(!m_window->mapCanvas()->isRendering());
    saveScreenshot(dialog, QStringLiteral("desk-report-register.png"));

    QTest::mouseClick(child<QPushButton>(dialog, "submit"), Qt::LeftButton);
    QVERIFY(!m_desk->reportDialog());
    const qint64 id = m_desk->currentCaseId().value_or(0);
    QVERIFY(id > 0);
    CaseDetailPanel *panel = m_window->caseDetail();
    QListWidget *linked = panel->linkedEntries();
    QCOMPARE(linked->count(), 2);
    QVERIFY(linked->item(0)->text().contains(QLatin1String("TH-000001")));
    QVERIFY(linked->item(1)->text().contains(QLatin1String("PE-000001")));
    QVERIFY(!linked->item(1)->text().contains(QStringLiteral("大明")));
    QCOMPARE(panel->timeline()->events().last().action, CaseAction::LinkEntry);

    // The register dock lists the lamp's case; a double-click opens it.
    RegisterPanel *registerPanel = m_window->registerPanel();
    registerPanel->refresh();
    const RegisterTableModel *model = registerPanel->model();
    int lampRow = -1;
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data(int(RegisterTableModel::Role::Code))
            == QStringLiteral("TH-000001"))
            lampRow = row;
    }
    QVERIFY(lampRow >= 0);
    registerPanel->table()->setCurrentIndex(model->index(lampRow, 0));
    QListWidget *cases = registerPanel->entryCases();
    QCOMPARE(cases->count(), 1);
    QCOMPARE(cases->item(0)->data(Qt::UserRole).toLongLong(), id);
    m_desk->showCase(reportCase(QStringLiteral("Another pothole")));
    QVERIFY(m_desk->currentCaseId() != id);
    QSignalSpy requested(registerPanel, &RegisterPanel::caseRequested);
    m_window->registerDock()->raise();
    QTRY_VERIFY(cases->isVisible());
    QTRY_VERIFY(!cases->visualItemRect(cases->item(0)).isEmpty());
    const QPoint at = cases->visualItemRect(cases->item(0)).center();
    QTest::mouseClick(cases->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(cases->viewport(), Qt::LeftButton, {}, at);
    QCOMPARE(requested.count(), 1);
    QCOMPARE(m_desk->currentCaseId(), std::optional<qint64>(id));

    // A link made in error is removed from the case panel, and the history says so.
    advance(1);
    auto *tabs = child<QTabWidget>(panel, "caseTabs");
    tabs->setCurrentIndex(tabs->count() - 1);
    panel->linkedEntries()->setCurrentRow(0);
    QTest::mouseClick(child<QPushButton>(panel, "unlinkEntry"), Qt::LeftButton);
    QCOMPARE(panel->linkedEntries()->count(), 1);
    QCOMPARE(panel->timeline()->events().last().action, CaseAction::UnlinkEntry);
}

void TestCaseDesk::reopen()
{
    m_window = std::make_unique<MainWindow>(QDir(Test::mapsPath()));
    m_desk = m_window->caseDesk();
    m_desk->setClock([this] { return m_now; });
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QSignalSpy loaded(m_window.get(), &MainWindow::workspaceLoaded);
    m_window->openWorkspace(m_path);
    QVERIFY(loaded.wait(60000));
}

void TestCaseDesk::inboxesSurviveARestart()
{
    // A joint case led by street B with street A, whose handler asks for more time.
    const qint64 id = reportCase(QStringLiteral("Pothole across two streets"));
    QVERIFY(id > 0);
    act(CaseAction::Register);
    act(CaseAction::Dispatch, [](ActionDialog *dialog) {
        auto *unit = child<QComboBox>(dialog, "unit");
        unit->setCurrentIndex(unit->findData(QStringLiteral("street-b")));
        auto *coUnits = child<QListWidget>(dialog, "coUnits");
        coUnits->findItems(QStringLiteral("Street A"), Qt::MatchStartsWith)
            .first()
            ->setCheckState(Qt::Checked);
    });
    QVERIFY(m_window->caseDetail()
                ->field(QStringLiteral("dispatchedBy"))
                .contains(QLatin1String("Wang Fang")));
    runAs(QStringLiteral("Li Lei"));
    QCOMPARE(m_window->caseQueue()->viewCount(QueueView::MyInbox), 1);
    act(CaseAction::Accept);
    act(CaseAction::RequestExtension, [](ActionDialog *dialog) {
        child<QLineEdit>(dialog, "limit")->setText(QStringLiteral("2d"));
        child<QPlainTextEdit>(dialog, "reason")->setPlainText(QStringLiteral("Asphalt delayed"));
    });
    runAs(QStringLiteral("Chen Jie"));
    QCOMPARE(m_window->caseQueue()->viewCount(QueueView::MyInbox), 1);

    // Opened again, the desk runs as the same person and the inboxes are the same.
    reopen();
    QVERIFY(!m_desk->runAsDialog());
    QCOMPARE(m_desk->user().name, QStringLiteral("Chen Jie"));
    QCOMPARE(m_window->caseQueue()->viewCount(QueueView::MyInbox), 1);
    QVERIFY(m_window->caseQueue()->selectCase(id));
    m_desk->showCase(id);
    act(CaseAction::ApproveExtension);
    QCOMPARE(m_window->caseQueue()->viewCount(QueueView::MyInbox), 0);
    runAs(QStringLiteral("Li Lei"));
    QCOMPARE(m_window->caseQueue()->viewCount(QueueView::MyInbox), 1);
    reopen();
    QCOMPARE(m_window->caseQueue()->viewCount(QueueView::MyInbox), 1);
}

GRIDDESK_TEST_MAIN(TestCaseDesk, QApplication)

#include "tst_casedesk.moc"
