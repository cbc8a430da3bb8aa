// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "cases/actiondialog.h"

#include "casefixture.h"
#include "support/testsupport.h"

#include <QApplication>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTreeWidget>

using namespace GridDesk;

class TestActionDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reasonIsRequiredWhereNeeded_data();
    void reasonIsRequiredWhereNeeded();
    void dispatchTakesTheProposal();
    void dispatchRefusesUnknownUnits();
    void dispatchOffersThePeopleOfTheLeadUnit();
    void verificationOffersTheGridStaff();
    void escalationOffersHigherTiers();
    void feedBackNeedsAResult();
    void evaluationNeedsASatisfaction();
    void extensionLimitIsChecked();
    void promisedDateMustLieAhead();
    void registrationOffersMergingADuplicate();
    void refusalKeepsTheInput();
    void draftComesBack();

private:
    static ActionContext context(CaseState state);
    template<typename T>
    static T *child(QWidget *parent, const char *name)
    {
        return parent->findChild<T *>(QLatin1String(name));
    }
};

ActionContext TestActionDialog::context(CaseState state)
{
    const QList<std::pair<CaseAction, CaseState>> steps {
        {CaseAction::Report, CaseState::Reported},
        {CaseAction::Register, CaseState::Registered},
        {CaseAction::Dispatch, CaseState::Dispatched},
        {CaseAction::Accept, CaseState::InHandling},
        {CaseAction::FeedBack, CaseState::FedBack},
        {CaseAction::Verify, CaseState::Closed},
    };
    CaseFile file;
    for (const auto &[action, to] : steps) {
        CaseEvent event;
        event.caseId = 3;
        event.sequence = file.version() + 1;
        event.action = action;
        event.actor = QStringLiteral("someone");
        event.at = CaseTime::naive(QDate(2026, 3, 4), QTime(9, event.sequence));
        if (file.exists())
            event.from = file.state();
        event.to = to;
        if (action == CaseAction::Dispatch)
            event.data.insert(QStringLiteral("unit"), QStringLiteral("street-1"));
        file.apply(event);
        if (to == state)
            break;
    }
    ActionContext context;
    context.file = file;
    context.record = Test::fixtureCases().at(2);
    context.record.id = 3;
    context.units = Test::fixtureSetup().units;
    context.now = QDateTime(QDate(2026, 3, 4), QTime(10, 0));
    return context;
}

void TestActionDialog::reasonIsRequiredWhereNeeded_data()
{
    QTest::addColumn<CaseAction>("action");
    QTest::addColumn<CaseState>("state");
    QTest::addColumn<bool>("needed");
    QTest::newRow("reject") << CaseAction::Reject << CaseState::Reported << true;
    QTest::newRow("return") << CaseAction::Return << CaseState::Dispatched << true;
    QTest::newRow("cancel") << CaseAction::Cancel << CaseState::Registered << true;
    QTest::newRow("fail verification")
        << CaseAction::FailVerification << CaseState::FedBack << true;
    QTest::newRow("register") << CaseAction::Register << CaseState::Reported << false;
    QTest::newRow("accept") << CaseAction::Accept << CaseState::Dispatched << false;
}

void TestActionDialog::reasonIsRequiredWhereNeeded()
{
    QFETCH(CaseAction, action);
    QFETCH(CaseState, state);
    QFETCH(bool, needed);
    ActionDialog dialog(action, context(state));
    QSignalSpy submitted(&dialog, &ActionDialog::submitted);
    QTest::mouseClick(child<QPushButton>(&dialog, "submit"), Qt::LeftButton);
    QCOMPARE(submitted.size(), needed ? 0 : 1);
    QCOMPARE(child<QLabel>(&dialog, "message")->isHidden(), !needed);

    child<QPlainTextEdit>(&dialog, "reason")->setPlainText(QStringLiteral("  Out of scope  "));
    QTest::mouseClick(child<QPushButton>(&dialog, "submit"), Qt::LeftButton);
    QCOMPARE(submitted.size(), needed ? 1 : 2);
    const auto input = submitted.last().at(0).value<ActionInput>();
    QCOMPARE(input.action, action);
    QCOMPARE(input.reason, QStringLiteral("Out of scope"));
    QCOMPARE(input.basedOnVersion, context(state).file.version());
}

void TestActionDialog::dispatchTakesTheProposal()
{
    ActionContext proposed = context(CaseState::Registered);
    proposed.proposal = DispatchProposal {QStringLiteral("street-1"), {QStringLiteral("street-2")},
        QStringLiteral("R1"), QStringLiteral("Rule R1 \"Roads\" (category road)")};
    proposed.proposalText = QStringLiteral("Street one – Rule R1");
    ActionDialog dialog(CaseAction::Dispatch, proposed);
    QCOMPARE(child<QLabel>(&dialog, "proposal")->text(), proposed.proposalText);
    ActionInput input = dialog.input();
    QCOMPARE(input.unit, QStringLiteral("street-1"));
    QCOMPARE(input.coUnits, QStringList {QStringLiteral("street-2")});
    QCOMPARE(input.data.value(QLatin1String("rule")).toString(), QStringLiteral("R1"));
    QVERIFY(dialog.problem().isEmpty());

    // Another unit chosen by the operator is not the rule's choice.
    auto *unit = child<QComboBox>(&dialog, "unit");
    unit->setCurrentIndex(unit->findData(QStringLiteral("district-1")));
    input = dialog.input();
    QCOMPARE(input.unit, QStringLiteral("district-1"));
    QVERIFY(!input.data.contains(QLatin1String("rule")));
}

void TestActionDialog::dispatchRefusesUnknownUnits()
{
    ActionDialog dialog(CaseAction::Dispatch, context(CaseState::Registered));
    QVERIFY(dialog.problem().contains(QLatin1String("Choose a unit")));
    auto *unit = child<QComboBox>(&dialog, "unit");
    unit->setEditText(QStringLiteral("Street nine"));
    QVERIFY(dialog.problem().contains(QLatin1String("\"Street nine\" is not an org unit")));
    unit->setEditText(QStringLiteral("street-2"));
    QVERIFY(dialog.problem().isEmpty());
    QCOMPARE(dialog.input().unit, QStringLiteral("street-2"));

    // Co-units are checked from the list; the lead unit is not its own co-unit.
    auto *coUnits = child<QListWidget>(&dialog, "coUnits");
    for (int row = 0; row < coUnits->count(); ++row)
        coUnits->item(row)->setCheckState(Qt::Checked);
    QCOMPARE(dialog.input().coUnits, (QStringList {"city", "district-1", "street-1"}));
}

namespace {
OrgDirectory staffedUnits()
{
    QList<OrgUnit> units = Test::fixtureSetup().units.units();
    units << OrgUnit {QStringLiteral("street-9"), QStringLiteral("Street nine"), 3,
        QStringLiteral("district-1"), true};
    return OrgDirectory(units,
        {{5, QStringLiteral("Wu Lei"), QStringLiteral("management"), QStringLiteral("street-1"),
             {}},
            {6, QStringLiteral("Ma Li"), QStringLiteral("grid_supervisor"),
                QStringLiteral("street-2"), {QStringLiteral("102")}},
            {7, QStringLiteral("Gao Yu"), QStringLiteral("information_collector"),
                QStringLiteral("street-2"), {QStringLiteral("101"), QStringLiteral("102")}}});
}

QStringList entries(QComboBox *box)
{
    QStringList texts;
    for (int index = 0; index < box->count(); ++index)
        texts << box->itemText(index);
    return texts;
}
} // namespace

void TestActionDialog::dispatchOffersThePeopleOfTheLeadUnit()
{
    ActionContext staffed = context(CaseState::Registered);
    staffed.units = staffedUnits();
    ActionDialog dialog(CaseAction::Dispatch, staffed);
    auto *unit = child<QComboBox>(&dialog, "unit");
    QCOMPARE(unit->findData(QStringLiteral("street-9")), -1); // retired: offered for nothing new
    auto *handler = child<QComboBox>(&dialog, "handler");
    QVERIFY(!handler->isEnabled());

    unit->setCurrentIndex(unit->findData(QStringLiteral("street-2")));
    QCOMPARE(entries(handler),
        (QStringList {"Whoever the unit assigns", "Gao Yu – information collector, Street two",
            "Ma Li – grid supervisor, Street two"}));
    handler->setCurrentIndex(handler->findData(6));
    ActionInput input = dialog.input();
    QCOMPARE(input.data.value(QLatin1String("handler")).toInteger(), 6);
    QVERIFY(!input.data.contains(QLatin1String("handler_name"))); // the engine names people

    // A district leads with everyone below it; a unit without people says so.
    unit->setCurrentIndex(unit->findData(QStringLiteral("district-1")));
    QCOMPARE(handler->count(), 4);
    unit->setCurrentIndex(unit->findData(QStringLiteral("city")));
    unit->setCurrentIndex(unit->findData(QStringLiteral("street-1")));
    QCOMPARE(handler->count(), 2);
    QVERIFY(!dialog.input().data.contains(QLatin1String("handler")));

    // A draft brings the chosen person back.
    input.unit = QStringLiteral("street-2");
    dialog.restore(input);
    QCOMPARE(handler->currentData().toLongLong(), 6);
}

void TestActionDialog::verificationOffersTheGridStaff()
{
    ActionContext staffed = context(CaseState::FedBack);
    staffed.units = staffedUnits();
    staffed.record.gridCode = QStringLiteral("101");
    ActionDialog dialog(CaseAction::Verify, staffed);
    auto *checkedBy = child<QComboBox>(&dialog, "checkedBy");
    QCOMPARE(entries(checkedBy),
        (QStringList {"Not recorded", "Gao Yu – information collector, Street two"}));
    checkedBy->setCurrentIndex(1);
    QCOMPARE(dialog.input().data.value(QLatin1String("checked_by")).toInteger(), 7);
    QVERIFY(!dialog.input().data.contains(QLatin1String("checked_by_name")));
}

void TestActionDialog::escalationOffersHigherTiers()
{
    ActionContext supervised = context(CaseState::InHandling);
    ActionDialog dialog(CaseAction::Escalate, supervised);
    auto *unit = child<QComboBox>(&dialog, "unit");
    QStringList offered;
    for (int index = 0; index < unit->count(); ++index)
        offered << unit->itemData(index).toString();
    QCOMPARE(offered, (QStringList {"city", "district-1"}));
    QCOMPARE(unit->currentData().toString(), QStringLiteral("district-1"));
}

void TestActionDialog::feedBackNeedsAResult()
{
    ActionDialog dialog(CaseAction::FeedBack, context(CaseState::InHandling));
    QVERIFY(dialog.problem().contains(QLatin1String("how the case was handled")));
    child<QPlainTextEdit>(&dialog, "result")->setPlainText(QStringLiteral("Cleared"));
    QVERIFY(dialog.problem().isEmpty());
    QCOMPARE(
        dialog.input().data.value(QLatin1String("result")).toString(), QStringLiteral("Cleared"));
}

void TestActionDialog::evaluationNeedsASatisfaction()
{
    ActionDialog dialog(CaseAction::Evaluate, context(CaseState::Closed));
    QVERIFY(dialog.problem().contains(QLatin1String("satisfaction")));
    auto *satisfaction = child<QComboBox>(&dialog, "satisfaction");
    satisfaction->setCurrentIndex(satisfaction->findData(4));
    child<QLineEdit>(&dialog, "returnVisit")->setText(QStringLiteral("Called back, content"));
    QVERIFY(dialog.problem().isEmpty());
    const ActionInput input = dialog.input();
    QCOMPARE(input.data.value(QLatin1String("satisfaction")).toInt(), 4);
    QCOMPARE(input.data.value(QLatin1String("return_visit")).toString(),
        QStringLiteral("Called back, content"));
}

void TestActionDialog::extensionLimitIsChecked()
{
    ActionDialog dialog(CaseAction::RequestExtension, context(CaseState::InHandling));
    child<QPlainTextEdit>(&dialog, "reason")->setPlainText(QStringLiteral("Parts on order"));
    auto *limit = child<QLineEdit>(&dialog, "limit");
    limit->setText(QStringLiteral("two days"));
    QVERIFY(!dialog.problem().isEmpty());
    limit->setText(QStringLiteral("2d"));
    QVERIFY(dialog.problem().isEmpty());
    QCOMPARE(dialog.input().data.value(QLatin1String("limit")).toString(), QStringLiteral("2d"));
}

void TestActionDialog::promisedDateMustLieAhead()
{
    ActionDialog dialog(CaseAction::Promise, context(CaseState::Registered));
    auto *promised = child<QDateTimeEdit>(&dialog, "promisedAt");
    QCOMPARE(promised->dateTime(), QDateTime(QDate(2026, 3, 5), QTime(17, 0)));
    QVERIFY(dialog.problem().isEmpty());
    QCOMPARE(dialog.input().data.value(QLatin1String("promised_at")).toString(),
        QStringLiteral("2026-03-05T17:00:00"));
    promised->setDateTime(QDateTime(QDate(2026, 3, 4), QTime(9, 0)));
    QVERIFY(dialog.problem().contains(QLatin1String("ahead")));
}

void TestActionDialog::registrationOffersMergingADuplicate()
{
    ActionContext reported = context(CaseState::Reported);
    QList<std::pair<double, double>> asked;
    reported.findDuplicates = [&asked](double metres, double hours) -> Result<QList<CaseRecord>> {
        asked << std::pair(metres, hours);
        CaseRecord earlier = Test::fixtureCases().at(0);
        earlier.id = 1;
        return QList<CaseRecord> {earlier};
    };
    ActionDialog dialog(CaseAction::Register, reported);
    QCOMPARE(asked.value(0), std::pair(100.0, 72.0));
    auto *duplicates = child<QTreeWidget>(&dialog, "duplicates");
    QCOMPARE(duplicates->topLevelItemCount(), 1);
    auto *merge = child<QPushButton>(&dialog, "mergeInstead");
    QVERIFY(!merge->isEnabled());

    child<QSpinBox>(&dialog, "duplicateMetres")->setValue(250);
    QCOMPARE(asked.last(), std::pair(250.0, 72.0));
    duplicates->setCurrentItem(duplicates->topLevelItem(0));
    QVERIFY(merge->isEnabled());
    QSignalSpy submitted(&dialog, &ActionDialog::submitted);
    QTest::mouseClick(merge, Qt::LeftButton);
    QCOMPARE(submitted.size(), 1);
    const auto input = submitted.at(0).at(0).value<ActionInput>();
    QCOMPARE(input.action, CaseAction::Merge);
    QCOMPARE(input.data.value(QLatin1String("into")).toInteger(), 1);
}

void TestActionDialog::refusalKeepsTheInput()
{
    ActionDialog dialog(CaseAction::Reject, context(CaseState::Reported));
    child<QPlainTextEdit>(&dialog, "reason")->setPlainText(QStringLiteral("Not a city matter"));
    dialog.showRefusal(Error {ErrorCode::Conflict, QStringLiteral("Case 3 has changed.")});
    auto *reload = child<QPushButton>(&dialog, "reload");
    QVERIFY(!reload->isHidden());
    QVERIFY(child<QLabel>(&dialog, "message")->text().startsWith(QLatin1String("Case 3 has")));
    QSignalSpy reloading(&dialog, &ActionDialog::reloadRequested);
    QTest::mouseClick(reload, Qt::LeftButton);
    QCOMPARE(reloading.size(), 1);

    // The case as it is now: a newer version, with everything entered still there.
    ActionContext newer = context(CaseState::Reported);
    CaseEvent aside;
    aside.caseId = 3;
    aside.sequence = 2;
    aside.action = CaseAction::MarkSpecial;
    aside.from = CaseState::Reported;
    aside.to = CaseState::Reported;
    newer.file.apply(aside);
    dialog.setContext(newer);
    QVERIFY(reload->isHidden());
    QVERIFY(child<QLabel>(&dialog, "heading")->text().contains(QLatin1String("version 2")));
    QCOMPARE(dialog.input().basedOnVersion, 2);
    QCOMPARE(dialog.input().reason, QStringLiteral("Not a city matter"));

    dialog.showRefusal(Error {ErrorCode::Forbidden, QStringLiteral("Not yours.")});
    QVERIFY(reload->isHidden());
}

void TestActionDialog::draftComesBack()
{
    ActionDialog first(CaseAction::FeedBack, context(CaseState::InHandling));
    child<QPlainTextEdit>(&first, "result")->setPlainText(QStringLiteral("Half done"));
    child<QPlainTextEdit>(&first, "reason")->setPlainText(QStringLiteral("Rain"));
    ActionDialog second(CaseAction::FeedBack, context(CaseState::InHandling));
    second.restore(first.input());
    QCOMPARE(child<QPlainTextEdit>(&second, "result")->toPlainText(), QStringLiteral("Half done"));
    QCOMPARE(child<QPlainTextEdit>(&second, "reason")->toPlainText(), QStringLiteral("Rain"));
}

GRIDDESK_TEST_MAIN(TestActionDialog, QApplication)

#include "tst_actiondialog.moc"
