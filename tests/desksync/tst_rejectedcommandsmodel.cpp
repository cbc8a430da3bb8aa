// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "desksync/rejectedcommandsmodel.h"

#include "support/testsupport.h"

#include <QAbstractItemModelTester>
#include <QCoreApplication>

using namespace GridDesk;

using Column = RejectedCommandsModel::Column;

namespace {

Sync::OutboxEntry entry(
    qint64 id, qint64 caseId, CaseAction action, const QString &refusal, const QString &reason)
{
    Sync::OutboxEntry entry;
    entry.id = id;
    entry.commandId = QStringLiteral("c0ffee%1").arg(id, 10, 10, QLatin1Char('0'));
    entry.caseId = caseId;
    entry.key = Sync::CaseKey {QStringLiteral("nyc311"), QString::number(20000000 + caseId)};
    entry.action = action;
    entry.madeBy = QStringLiteral("Operator Chen");
    entry.madeAt = QStringLiteral("2026-03-04T09:%1:00Z").arg(id, 2, 10, QLatin1Char('0'));
    entry.state = Sync::OutboxState::Rejected;
    entry.refusal = refusal;
    entry.reason = reason;
    return entry;
}

QList<Sync::OutboxEntry> fixture()
{
    return {
        entry(7, 1201, CaseAction::CloseImmediately, QStringLiteral("conflict"),
            QStringLiteral("Case 20001201 is at version 2; the command was based on 1.")),
        entry(9, 88, CaseAction::Dispatch, QStringLiteral("outside_jurisdiction"),
            QStringLiteral("Case 20000088 lies outside unit 2.")),
        // A refusal key this desk does not know (a newer server): shown as it came, one line.
        entry(12, 5, CaseAction::Evaluate, QStringLiteral("rate_limited"),
            QStringLiteral("Too many\ncommands")),
    };
}

} // namespace

class TestRejectedCommandsModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void passesModelTester()
    {
        RejectedCommandsModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setEntries(fixture());
        model.setEntries({});
        model.setEntries(fixture().mid(1));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), int(Column::Count));
    }

    void dump()
    {
        RejectedCommandsModel model;
        model.setEntries(fixture());
        const QString expected = QStringLiteral(
            "Case|Action|Made by|Made at|Refusal|Reason\n"
            "1201 (nyc311 20001201)|Close as handled on the spot|Operator Chen|2026-03-04 09:07|"
            "the case changed meanwhile (conflict)|"
            "Case 20001201 is at version 2; the command was based on 1.\n"
            "88 (nyc311 20000088)|Dispatch|Operator Chen|2026-03-04 09:09|"
            "outside the account's jurisdiction (outside_jurisdiction)|"
            "Case 20000088 lies outside unit 2.\n"
            "5 (nyc311 20000005)|Evaluate|Operator Chen|2026-03-04 09:12|rate_limited|"
            "Too many commands");
        QCOMPARE(Test::dumpModel(model), expected);
    }

    void rowsCarryTheirEntry()
    {
        RejectedCommandsModel model;
        model.setEntries(fixture());
        QCOMPARE(model.index(1, int(Column::Reason))
                     .data(int(RejectedCommandsModel::Role::EntryId))
                     .toLongLong(),
            9);
        QCOMPARE(model.rowOf(12), std::optional<int>(2));
        QCOMPARE(model.rowOf(8), std::nullopt);
    }
};

GRIDDESK_TEST_MAIN(TestRejectedCommandsModel, QCoreApplication)
#include "tst_rejectedcommandsmodel.moc"
