// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "casedesk.h"
#include "mainwindow.h"

#include "deskfixture.h"
#include "support/testsupport.h"

#include "cases/casequeuewidget.h"
#include "cases/casetablemodel.h"
#include "cases/categorieseditor.h"
#include "cases/runasdialog.h"
#include "cases/workflowsetupdialog.h"
#include "storage/workspace.h"
#include "workflow/casebook.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace GridDesk;

/// The Tools menu's workflow setup at the desk: opened on the workspace, and once saved, the
/// desk and its queue work with the new setup.
class TestWorkflowSetupDesk : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void savedSetupReachesTheDesk();

private:
    QTemporaryDir m_dir;
};

void TestWorkflowSetupDesk::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("GridDeskTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_workflowsetupdesk"));
    QVERIFY(m_dir.isValid());
}

void TestWorkflowSetupDesk::savedSetupReachesTheDesk()
{
    QSettings().clear();
    const QString path = m_dir.filePath(QStringLiteral("desk.gpkg"));
    const auto made = Test::makeDeskWorkspace(path);
    QVERIFY2(made, Test::why(made).constData());
    qint64 caseId = 0;
    {
        // A pothole reported on Wednesday 09:00: one working hour to register it.
        auto workspace = Workspace::open(path);
        QVERIFY2(workspace, Test::why(workspace).constData());
        auto setup = WorkflowSetup::load(**workspace);
        QVERIFY2(setup, Test::why(setup).constData());
        CaseBook book(**workspace, *setup);
        CaseRecord record;
        record.source = QStringLiteral("hotline");
        record.externalId = QStringLiteral("P-1");
        record.category = QStringLiteral("road.pothole");
        record.created = CaseTime::naive(QDate(2026, 3, 4), QTime(9, 0));
        ActionRequest report;
        report.action = CaseAction::Report;
        report.basedOnVersion = 0;
        report.actor = QStringLiteral("Wang Fang");
        report.actorUnit = QStringLiteral("city");
        report.at = record.created;
        auto reported = book.report(record, report);
        QVERIFY2(reported, Test::why(reported).constData());
        caseId = record.id;
    }

    MainWindow window(QDir(Test::mapsPath()));
    CaseDesk *desk = window.caseDesk();
    desk->setClock([] { return QDateTime(QDate(2026, 3, 4), QTime(9, 30)); });
    QVERIFY(!window.workflowSetupAction()->isEnabled());
    window.show();
    QSignalSpy loaded(&window, &MainWindow::workspaceLoaded);
    window.openWorkspace(path);
    QVERIFY(loaded.wait(60000));
    QTRY_VERIFY(desk->runAsDialog());
    RunAsDialog *runAs = desk->runAsDialog();
    auto *users = runAs->findChild<QListWidget *>(QStringLiteral("users"));
    users->setCurrentItem(
        users->findItems(QStringLiteral("Chen Jie"), Qt::MatchStartsWith).value(0));
    QTest::mouseClick(runAs->findChild<QPushButton *>(QStringLiteral("runAs")), Qt::LeftButton);
    QCOMPARE(desk->user().role, Role::Leader);

    CaseTableModel *model = window.caseQueue()->model();
    const auto row = model->rowOf(caseId);
    QVERIFY(row);
    QVERIFY2(model->deadline(*row).toolTip.contains(QLatin1String("2026-03-04 10:00")),
        qPrintable(model->deadline(*row).toolTip));

    QVERIFY(window.workflowSetupAction()->isEnabled());
    window.workflowSetupAction()->trigger();
    WorkflowSetupDialog *dialog = desk->workflowSetupDialog();
    QVERIFY(dialog);
    QVERIFY(dialog->categoriesEditor()->select(QStringLiteral("road")));
    auto *limit = dialog->findChild<QLineEdit *>(QStringLiteral("limit_register"));
    QTest::keyClicks(limit, QStringLiteral("48ch"));
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("save")), Qt::LeftButton);
    const QString message = dialog->findChild<QLabel *>(QStringLiteral("message"))->text();
    QVERIFY2(message.startsWith(QLatin1String("Saved.")), qPrintable(message));

    // The desk's case book and the queue follow the saved setup at once.
    const TimeLimit expected {48, TimeLimit::Unit::CalendarHours};
    QCOMPARE(
        desk->caseBook()->setup().categories.limit(QStringLiteral("road.pothole"), Stage::Register),
        expected);
    const auto rowAfter = model->rowOf(caseId);
    QVERIFY(rowAfter);
    QVERIFY2(model->deadline(*rowAfter).toolTip.contains(QLatin1String("2026-03-06 09:00")),
        qPrintable(model->deadline(*rowAfter).toolTip));

    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("close")), Qt::LeftButton);
    QTRY_VERIFY(!desk->workflowSetupDialog());
}

GRIDDESK_TEST_MAIN(TestWorkflowSetupDesk, QApplication)
#include "tst_workflowsetupdesk.moc"
