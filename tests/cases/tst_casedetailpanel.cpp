// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "cases/casedetailpanel.h"

#include "casefixture.h"
#include "support/testsupport.h"

#include "cases/casetimelinemodel.h"

#include <QApplication>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTreeWidget>

using namespace GridDesk;

class TestCaseDetailPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsTheLoop();
    void marksLateStages();
    void caseWithoutHistory();
    void attachmentButtonsNameTheFile();
    void reporterContactIsMaskedUnlessRevealed();

private:
    static CaseDetails details();
};

CaseDetails TestCaseDetailPanel::details()
{
    CaseDetails details;
    details.record = Test::fixtureCases().at(0);
    details.record.location = GeoPoint {121.5, 25.0};
    details.units = Test::fixtureSetup().units;
    details.now = Test::fixtureNow().toLocalTime();

    CaseFile file;
    const auto add = [&file](CaseAction action, CaseState to, int hour) {
        CaseEvent event;
        event.caseId = 1;
        event.sequence = file.version() + 1;
        event.action = action;
        event.actor = QStringLiteral("Ann");
        event.at = CaseTime::naive(QDate(2026, 3, 2), QTime(hour, 0));
        if (file.exists())
            event.from = file.state();
        event.to = to;
        return event;
    };
    file.apply(add(CaseAction::Report, CaseState::Reported, 9));
    file.apply(add(CaseAction::Register, CaseState::Registered, 10));
    CaseEvent dispatch = add(CaseAction::Dispatch, CaseState::Dispatched, 11);
    dispatch.data.insert(QStringLiteral("unit"), QStringLiteral("street-1"));
    dispatch.data.insert(QStringLiteral("rule"), QStringLiteral("R1"));
    dispatch.data.insert(QStringLiteral("rule_reason"), QStringLiteral("Rule R1 \"Noise\""));
    file.apply(dispatch);
    details.file = file;

    StageClock registration;
    registration.stage = Stage::Register;
    registration.started = QDateTime(QDate(2026, 3, 2), QTime(9, 0));
    registration.deadline = QDateTime(QDate(2026, 3, 2), QTime(9, 30));
    registration.ended = QDateTime(QDate(2026, 3, 2), QTime(10, 0));
    registration.limit = QStringLiteral("0.5h");
    StageClock dispatching = registration;
    dispatching.stage = Stage::Dispatch;
    dispatching.started = registration.ended;
    dispatching.deadline = QDateTime(QDate(2026, 3, 2), QTime(11, 0));
    dispatching.ended = dispatching.deadline;
    StageClock accepting = dispatching;
    accepting.stage = Stage::Accept;
    accepting.ended = {};
    details.clocks = {registration, dispatching, accepting};
    details.deadline.state = DeadlineState::Overdue;
    details.deadline.text = QStringLiteral("Overdue 2 d");
    details.attachments = {CaseAttachment {11, 1, QStringLiteral("scene.jpg"),
        QStringLiteral("image/jpeg"), 2048, QStringLiteral("Ann"), details.file->events()[0].at}};
    return details;
}

void TestCaseDetailPanel::showsTheLoop()
{
    CaseDetailPanel panel;
    panel.showCase(details());
    QCOMPARE(panel.caseId(), std::optional<qint64>(1));
    QCOMPARE(panel.field(QStringLiteral("state")), QStringLiteral("In handling"));
    QCOMPARE(panel.field(QStringLiteral("leadUnit")), QStringLiteral("Street one"));
    QCOMPARE(panel.field(QStringLiteral("dispatchedBy")), QStringLiteral("Rule R1 \"Noise\""));
    QCOMPARE(panel.field(QStringLiteral("case")), QStringLiteral("900 (no. 1 in this workspace)"));
    QVERIFY(panel.field(QStringLiteral("promised")).isEmpty());
    QCOMPARE(panel.timeline()->rowCount(), 3);
    QCOMPARE(panel.findChild<QLabel *>(QStringLiteral("caseDeadline"))->text(),
        QStringLiteral("Overdue 2 d"));
    // Empty fields are left out of the table shown.
    const QString table = panel.findChild<QLabel *>(QStringLiteral("caseFields"))->text();
    QVERIFY(table.contains(QLatin1String("Street one")));
    QVERIFY(!table.contains(QLatin1String("Promised")));

    QSignalSpy map(&panel, &CaseDetailPanel::showOnMapRequested);
    auto *showOnMap = panel.findChild<QPushButton *>(QStringLiteral("showOnMap"));
    QVERIFY(showOnMap->isEnabled());
    QTest::mouseClick(showOnMap, Qt::LeftButton);
    QCOMPARE(map.size(), 1);

    panel.clear();
    QVERIFY(!panel.caseId());
    QVERIFY(!showOnMap->isEnabled());
    QCOMPARE(panel.timeline()->rowCount(), 0);
}

void TestCaseDetailPanel::marksLateStages()
{
    CaseDetailPanel panel;
    panel.showCase(details());
    QTreeWidget *clocks = panel.stageClocks();
    QCOMPARE(clocks->topLevelItemCount(), 3);
    const int outcome = 5;
    QCOMPARE(clocks->topLevelItem(0)->text(0), QStringLiteral("Registration"));
    QCOMPARE(clocks->topLevelItem(0)->text(outcome), QStringLiteral("Late by 30 min"));
    QVERIFY(clocks->topLevelItem(0)->foreground(outcome).color().isValid());
    QCOMPARE(clocks->topLevelItem(1)->text(outcome), QStringLiteral("On time"));
    QCOMPARE(clocks->topLevelItem(2)->text(outcome), QStringLiteral("Overdue 2 d"));
}

void TestCaseDetailPanel::caseWithoutHistory()
{
    CaseDetails imported = details();
    imported.file.reset();
    imported.clocks.clear();
    CaseDetailPanel panel;
    panel.showCase(imported);
    QVERIFY(panel.field(QStringLiteral("state")).contains(QLatin1String("no history")));
    QVERIFY(panel.field(QStringLiteral("dispatchedBy")).isEmpty());
    QVERIFY(!panel.findChild<QPushButton *>(QStringLiteral("addAttachment"))->isEnabled());

    // A history another program damaged is named, not shown as missing.
    imported.historyError = QStringLiteral("Event 2 of case 7 cannot be read.");
    panel.showCase(imported);
    QVERIFY(panel.field(QStringLiteral("state")).contains(QLatin1String("Event 2 of case 7")));
}

void TestCaseDetailPanel::attachmentButtonsNameTheFile()
{
    CaseDetailPanel panel;
    panel.showCase(details());
    QCOMPARE(panel.attachments()->count(), 1);
    QVERIFY(panel.attachments()->item(0)->text().startsWith(QLatin1String("scene.jpg")));
    QSignalSpy open(&panel, &CaseDetailPanel::openAttachmentRequested);
    QSignalSpy save(&panel, &CaseDetailPanel::saveAttachmentRequested);
    QSignalSpy add(&panel, &CaseDetailPanel::addAttachmentRequested);
    QTest::mouseClick(
        panel.findChild<QPushButton *>(QStringLiteral("openAttachment")), Qt::LeftButton);
    QTest::mouseClick(
        panel.findChild<QPushButton *>(QStringLiteral("saveAttachment")), Qt::LeftButton);
    QTest::mouseClick(
        panel.findChild<QPushButton *>(QStringLiteral("addAttachment")), Qt::LeftButton);
    QCOMPARE(open.size(), 1);
    QCOMPARE(open.at(0).at(0).toLongLong(), 11);
    QCOMPARE(save.at(0).at(1).toString(), QStringLiteral("scene.jpg"));
    QCOMPARE(add.at(0).at(0).toLongLong(), 1);
}

void TestCaseDetailPanel::reporterContactIsMaskedUnlessRevealed()
{
    const QJsonObject contact {{QStringLiteral("first_name"), QStringLiteral("Jane")},
        {QStringLiteral("email"), QStringLiteral("jane@example.org")},
        {QStringLiteral("phone"), QStringLiteral("2125551234")}};
    CaseDetails reported = details();
    CaseEvent report = reported.file->events().first();
    report.data.insert(QStringLiteral("contact"), contact);
    CaseFile file;
    file.apply(report);
    reported.file = file;
    reported.contact = contact;

    // An operator sees the contact masked, here and in the history, and may not reveal it.
    CaseDetailPanel panel;
    panel.showCase(reported);
    QCOMPARE(panel.field(QStringLiteral("contact")),
        QStringLiteral("J***, j***@example.org, 212***1234 (masked)"));
    const QString table = panel.findChild<QLabel *>(QStringLiteral("caseFields"))->text();
    QVERIFY(!table.contains(QLatin1String("Jane")));
    QVERIFY(!table.contains(QLatin1String("2125551234")));
    const QJsonObject inHistory =
        panel.timeline()->events().first().data.value("contact").toObject();
    QCOMPARE(inHistory.value(QStringLiteral("phone")).toString(), QStringLiteral("212***1234"));
    QPushButton *reveal = panel.revealContactButton();
    QVERIFY(!reveal->isHidden());
    QVERIFY(!reveal->isEnabled());

    // A leader may ask; the panel asks the desk, which records the reveal.
    reported.mayRevealContact = true;
    panel.showCase(reported);
    QVERIFY(reveal->isEnabled());
    QSignalSpy asked(&panel, &CaseDetailPanel::revealContactRequested);
    QTest::mouseClick(reveal, Qt::LeftButton);
    QCOMPARE(asked.size(), 1);
    QCOMPARE(asked.at(0).at(0).toLongLong(), 1);

    reported.contactRevealed = true;
    panel.showCase(reported);
    QCOMPARE(panel.field(QStringLiteral("contact")),
        QStringLiteral("Jane, jane@example.org, 2125551234"));
    QCOMPARE(panel.timeline()->events().first().data.value("contact").toObject(), contact);
    QVERIFY(reveal->isHidden());

    // A case without a contact shows neither the field nor the button.
    panel.showCase(details());
    QVERIFY(panel.field(QStringLiteral("contact")).isEmpty());
    QVERIFY(reveal->isHidden());
}

GRIDDESK_TEST_MAIN(TestCaseDetailPanel, QApplication)

#include "tst_casedetailpanel.moc"
