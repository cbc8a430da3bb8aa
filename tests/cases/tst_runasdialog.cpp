// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "cases/runasdialog.h"

#include "casefixture.h"
#include "support/testsupport.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>

using namespace GridDesk;

class TestRunAsDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void choosesAUser();
    void addsAUserThroughTheCallback();
    void refusesWhatCannotBeSaved_data();
    void refusesWhatCannotBeSaved();
    void showsTheSaveError();

private:
    static QList<LocalUser> users();
};

QList<LocalUser> TestRunAsDialog::users()
{
    return {{QStringLiteral("Ann"), QStringLiteral("operator"), QStringLiteral("city")},
        {QStringLiteral("Bo"), QStringLiteral("unit_handler"), QStringLiteral("street-1")}};
}

void TestRunAsDialog::choosesAUser()
{
    RunAsDialog dialog(users(), Test::fixtureSetup().units, QStringLiteral("Bo"), {});
    auto *list = dialog.findChild<QListWidget *>(QStringLiteral("users"));
    QCOMPARE(list->count(), 2);
    QCOMPARE(list->currentItem()->text(), QStringLiteral("Bo – Unit handler, Street one"));
    QSignalSpy chosen(&dialog, &RunAsDialog::userChosen);
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("runAs")), Qt::LeftButton);
    QCOMPARE(chosen.size(), 1);
    QCOMPARE(chosen.at(0).at(0).value<LocalUser>().unitCode, QStringLiteral("street-1"));
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
}

void TestRunAsDialog::addsAUserThroughTheCallback()
{
    QList<LocalUser> saved;
    RunAsDialog dialog(users(), Test::fixtureSetup().units, {}, [&saved](const LocalUser &user) {
        saved << user;
        return Result<void>();
    });
    dialog.findChild<QLineEdit *>(QStringLiteral("newUserName"))->setText(QStringLiteral("Cai"));
    auto *role = dialog.findChild<QComboBox *>(QStringLiteral("newUserRole"));
    role->setCurrentIndex(role->findData(QStringLiteral("leader")));
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("addUser")), Qt::LeftButton);
    QCOMPARE(saved.size(), 1);
    QCOMPARE(saved.at(0).name, QStringLiteral("Cai"));
    QCOMPARE(saved.at(0).role, QStringLiteral("leader"));
    QCOMPARE(saved.at(0).unitCode, QString());
    QCOMPARE(dialog.chosen()->name, QStringLiteral("Cai"));
}

void TestRunAsDialog::refusesWhatCannotBeSaved_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("role");
    QTest::addColumn<QString>("unit");
    QTest::addColumn<QString>("problem");
    QTest::newRow("no name") << ""
                             << "operator"
                             << ""
                             << "name";
    QTest::newRow("taken name") << "ann"
                                << "operator"
                                << ""
                                << "already";
    QTest::newRow("handler without unit") << "Dai"
                                          << "unit_handler"
                                          << ""
                                          << "unit";
    QTest::newRow("unknown unit") << "Dai"
                                  << "operator"
                                  << "Moon base"
                                  << "not an org unit";
}

void TestRunAsDialog::refusesWhatCannotBeSaved()
{
    QFETCH(QString, name);
    QFETCH(QString, role);
    QFETCH(QString, unit);
    QFETCH(QString, problem);
    int calls = 0;
    RunAsDialog dialog(users(), Test::fixtureSetup().units, {}, [&calls](const LocalUser &) {
        ++calls;
        return Result<void>();
    });
    dialog.findChild<QLineEdit *>(QStringLiteral("newUserName"))->setText(name);
    auto *roles = dialog.findChild<QComboBox *>(QStringLiteral("newUserRole"));
    roles->setCurrentIndex(roles->findData(role));
    dialog.findChild<QComboBox *>(QStringLiteral("newUserUnit"))->setEditText(unit);
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("addUser")), Qt::LeftButton);
    QCOMPARE(calls, 0);
    const QString message = dialog.findChild<QLabel *>(QStringLiteral("message"))->text();
    QVERIFY2(message.contains(problem), qPrintable(message));
    QCOMPARE(dialog.findChild<QListWidget *>(QStringLiteral("users"))->count(), 2);
}

void TestRunAsDialog::showsTheSaveError()
{
    RunAsDialog dialog({}, {}, {}, [](const LocalUser &) -> Result<void> {
        return fail(ErrorCode::Database, QStringLiteral("The workspace is read-only."));
    });
    const QString empty = dialog.findChild<QLabel *>(QStringLiteral("message"))->text();
    QVERIFY(empty.contains(QLatin1String("no users")));
    dialog.findChild<QLineEdit *>(QStringLiteral("newUserName"))->setText(QStringLiteral("Eve"));
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("addUser")), Qt::LeftButton);
    QCOMPARE(dialog.findChild<QLabel *>(QStringLiteral("message"))->text(),
        QStringLiteral("The workspace is read-only."));
    QCOMPARE(dialog.findChild<QListWidget *>(QStringLiteral("users"))->count(), 0);
}

GRIDDESK_TEST_MAIN(TestRunAsDialog, QApplication)

#include "tst_runasdialog.moc"
