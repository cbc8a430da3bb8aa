// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "support/testsupport.h"
#include "workflowfixture.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QTest>

using namespace GridDesk;
using namespace GridDesk::Test;

class TestWorkflowEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reportToEvaluation()
    {
        Flow flow;
        QVERIFY(flow.fedBack());
        QVERIFY(flow.apply(SUPERVISOR, CaseAction::Verify));
        ActionRequest evaluate = flow.request(OPERATOR, CaseAction::Evaluate);
        evaluate.data.insert(QStringLiteral("satisfaction"), 5);
        QVERIFY(flow.apply(evaluate));

        QCOMPARE(flow.file().state(), CaseState::Evaluated);
        QCOMPARE(flow.file().version(), 7);
        QCOMPARE(flow.file().satisfaction(), 5);
        QCOMPARE(flow.file().leadUnit(), QStringLiteral("sanitation"));
        const CaseEvent &verify = flow.file().events().at(5);
        QCOMPARE(verify.action, CaseAction::Verify);
        QCOMPARE(verify.from, CaseState::FedBack);
        QCOMPARE(verify.to, CaseState::Closed);
        QCOMPARE(verify.actor, QStringLiteral("Li"));
        QCOMPARE(verify.sequence, 6);
    }

    void wrongRoleIsForbidden()
    {
        Flow flow;
        QVERIFY(flow.apply(OPERATOR, CaseAction::Report));
        auto refused = flow.decide(flow.request(HANDLER, CaseAction::Register));
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::Forbidden);
        QVERIFY2(refused.error().message.contains(QLatin1String("Operator")),
            qPrintable(refused.error().message));
    }

    void stateMustAllowTheAction()
    {
        Flow flow;
        QVERIFY(flow.apply(OPERATOR, CaseAction::Report));
        auto refused = flow.decide(flow.request(SUPERVISOR, CaseAction::Verify));
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::NotAllowed);
        QVERIFY2(refused.error().message.contains(QLatin1String("reported")),
            qPrintable(refused.error().message));
    }

    void registerLinksKeepTheStateAndNeedAnEntry()
    {
        Flow flow;
        QVERIFY(flow.fedBack());
        const CaseState before = flow.file().state();
        ActionRequest link = flow.request(OPERATOR, CaseAction::LinkEntry);
        auto bare = flow.decide(link);
        QVERIFY(!bare);
        QCOMPARE(bare.error().code, ErrorCode::InvalidArgument);
        link.data.insert(QStringLiteral("entry"), QStringLiteral("TH-000001"));
        link.data.insert(QStringLiteral("role"), QStringLiteral("owner"));
        QVERIFY(!flow.decide(link));
        link.data.insert(QStringLiteral("role"), QStringLiteral("concerns"));
        ActionRequest byHandler = link;
        byHandler.role = HANDLER.role;
        byHandler.actor = HANDLER.name;
        byHandler.actorUnit = HANDLER.unit;
        QCOMPARE(flow.decide(byHandler).error().code, ErrorCode::Forbidden);
        QVERIFY(flow.apply(link));
        QCOMPARE(flow.file().state(), before);

        // Links are made through the register, never offered among the desk's actions.
        QVERIFY(!WorkflowEngine::available(flow.file(), Role::Operator)
                     .contains(CaseAction::LinkEntry));
        QVERIFY(!WorkflowEngine::available(flow.file(), Role::Operator)
                     .contains(CaseAction::UnlinkEntry));
    }

    void staleVersionIsAConflict()
    {
        Flow flow;
        QVERIFY(flow.apply(OPERATOR, CaseAction::Report));
        const ActionRequest seenAtVersionOne = flow.request(OPERATOR, CaseAction::Register);
        QVERIFY(flow.apply(seenAtVersionOne));

        // The same request again (a double click, a retry) must not register twice.
        auto again = flow.decide(seenAtVersionOne);
        QVERIFY(!again);
        QCOMPARE(again.error().code, ErrorCode::Conflict);
        QCOMPARE(flow.file().version(), 2);
    }

    void reasonsAreRequired_data()
    {
        QTest::addColumn<int>("action");
        QTest::newRow("reject") << int(CaseAction::Reject);
        QTest::newRow("cancel") << int(CaseAction::Cancel);
    }

    void reasonsAreRequired()
    {
        QFETCH(int, action);
        Flow flow;
        QVERIFY(flow.apply(OPERATOR, CaseAction::Report));
        ActionRequest request = flow.request(OPERATOR, CaseAction(action));
        request.reason = QStringLiteral("   ");
        auto refused = flow.decide(request);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::InvalidArgument);

        request.reason = QStringLiteral("Outside our jurisdiction");
        QVERIFY(flow.apply(request));
        QCOMPARE(flow.file().events().last().reason, QStringLiteral("Outside our jurisdiction"));
    }

    void returnNeedsReasonAndGoesBackToTheDispatcher()
    {
        Flow flow;
        QVERIFY(flow.dispatched());
        ActionRequest giveBack = flow.request(HANDLER, CaseAction::Return);
        QCOMPARE(flow.decide(giveBack).error().code, ErrorCode::InvalidArgument);
        giveBack.reason = QStringLiteral("Roads, not sanitation");
        QVERIFY(flow.apply(giveBack));
        QCOMPARE(flow.file().state(), CaseState::Returned);
        QVERIFY(flow.file().hasType(CaseType::Returned));

        QVERIFY(flow.apply(flow.withUnit(OPERATOR, CaseAction::Dispatch, QStringLiteral("roads"))));
        QCOMPARE(flow.file().leadUnit(), QStringLiteral("roads"));
    }

    void failedVerificationNeedsReasonAndSupervises()
    {
        Flow flow;
        QVERIFY(flow.fedBack());
        ActionRequest fail = flow.request(SUPERVISOR, CaseAction::FailVerification);
        QCOMPARE(flow.decide(fail).error().code, ErrorCode::InvalidArgument);
        fail.reason = QStringLiteral("Rubbish still on the pavement");
        QVERIFY(flow.apply(fail));
        QCOMPARE(flow.file().state(), CaseState::Supervised);
        QCOMPARE(flow.file().supervisions(), 1);

        ActionRequest escalate =
            flow.withUnit(SUPERVISOR, CaseAction::Escalate, QStringLiteral("city"));
        escalate.reason = QStringLiteral("Second failure");
        QVERIFY(flow.apply(escalate));
        QCOMPARE(flow.file().state(), CaseState::Escalated);
        QCOMPARE(flow.file().escalatedTo(), QStringLiteral("city"));
        QVERIFY(flow.file().hasType(CaseType::Escalated));
    }

    void escalationGoesUp()
    {
        Flow flow;
        QVERIFY(flow.dispatched());
        ActionRequest supervise = flow.request(LEADER, CaseAction::Supervise);
        supervise.reason = QStringLiteral("Late");
        QVERIFY(flow.apply(supervise));
        ActionRequest sideways =
            flow.withUnit(LEADER, CaseAction::Escalate, QStringLiteral("roads"));
        sideways.reason = QStringLiteral("Still late");
        auto refused = flow.decide(sideways);
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains(QLatin1String("higher tier")),
            qPrintable(refused.error().message));
    }

    void verifierIsNeverTheHandler()
    {
        Flow flow;
        QVERIFY(flow.fedBack());

        // The handler holding a supervisor role as well.
        const Person handlerAsSupervisor {HANDLER.name, Role::Supervisor, QStringLiteral("city")};
        auto samePerson = flow.decide(flow.request(handlerAsSupervisor, CaseAction::Verify));
        QVERIFY(!samePerson);
        QCOMPARE(samePerson.error().code, ErrorCode::Forbidden);

        // Someone else, but of the unit that handled it (or a crew inside it).
        const Person colleague {
            QStringLiteral("Sun"), Role::Supervisor, QStringLiteral("sanitation/crew1")};
        auto sameUnit = flow.decide(flow.request(colleague, CaseAction::Verify));
        QVERIFY(!sameUnit);
        QCOMPARE(sameUnit.error().code, ErrorCode::Forbidden);

        QVERIFY(flow.apply(SUPERVISOR, CaseAction::Verify));
    }

    void unitsActOnlyOnTheirOwnCases()
    {
        Flow flow;
        QVERIFY(flow.dispatched());
        const Person roads {QStringLiteral("Qian"), Role::UnitHandler, QStringLiteral("roads")};
        auto refused = flow.decide(flow.request(roads, CaseAction::Accept));
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::Forbidden);

        const Person crew {
            QStringLiteral("Zhou"), Role::UnitHandler, QStringLiteral("sanitation/crew1")};
        QVERIFY(flow.apply(crew, CaseAction::Accept));
    }

    void dispatchChecksUnits()
    {
        Flow flow;
        QVERIFY(flow.apply(OPERATOR, CaseAction::Report));
        QVERIFY(flow.apply(OPERATOR, CaseAction::Register));

        auto none = flow.decide(flow.request(OPERATOR, CaseAction::Dispatch));
        QCOMPARE(none.error().code, ErrorCode::InvalidArgument);
        auto unknown =
            flow.decide(flow.withUnit(OPERATOR, CaseAction::Dispatch, QStringLiteral("nope")));
        QVERIFY(unknown.error().message.contains(QLatin1String("nope")));

        ActionRequest joint =
            flow.withUnit(OPERATOR, CaseAction::Dispatch, QStringLiteral("sanitation"));
        joint.coUnits = {QStringLiteral("sanitation")};
        QCOMPARE(flow.decide(joint).error().code, ErrorCode::InvalidArgument);
        joint.coUnits = {QStringLiteral("roads")};
        QVERIFY(flow.apply(joint));
        QCOMPARE(flow.file().coUnits(), QStringList {QStringLiteral("roads")});
        QVERIFY(flow.file().hasType(CaseType::JointHandling));

        // A co-handling unit may feed back too.
        const Person roads {QStringLiteral("Qian"), Role::UnitHandler, QStringLiteral("roads")};
        QVERIFY(flow.apply(roads, CaseAction::Accept));
    }

    void dispatchNamesPeopleOfTheOrgChart()
    {
        QList<OrgUnit> units = sampleUnits().units();
        units << OrgUnit {QStringLiteral("old-roads"), QStringLiteral("Old roads office"), 5,
            QStringLiteral("district"), true};
        const OrgDirectory directory(units,
            {{11, QStringLiteral("Sun Li"), QStringLiteral("joint_handling"),
                 QStringLiteral("sanitation/crew1"), {}},
                {12, QStringLiteral("Zhou Qi"), QStringLiteral("joint_handling"),
                    QStringLiteral("roads"), {}},
                {13, QStringLiteral("He Ping"), QStringLiteral("information_collector"),
                    QStringLiteral("grid-station"), {QStringLiteral("G7")}}});
        Flow flow(7, directory);
        QVERIFY(flow.apply(OPERATOR, CaseAction::Report));
        QVERIFY(flow.apply(OPERATOR, CaseAction::Register));

        // A retired unit takes no new case, as lead or co-unit.
        auto retired =
            flow.decide(flow.withUnit(OPERATOR, CaseAction::Dispatch, QStringLiteral("old-roads")));
        QVERIFY(!retired);
        QVERIFY(retired.error().message.contains(QLatin1String("retired")));
        ActionRequest withRetired =
            flow.withUnit(OPERATOR, CaseAction::Dispatch, QStringLiteral("sanitation"));
        withRetired.coUnits = {QStringLiteral("old-roads")};
        QVERIFY(!flow.decide(withRetired));

        // The handler must work in the lead unit or below it.
        ActionRequest dispatch =
            flow.withUnit(OPERATOR, CaseAction::Dispatch, QStringLiteral("sanitation"));
        dispatch.data.insert(QStringLiteral("handler"), 12);
        auto elsewhere = flow.decide(dispatch);
        QVERIFY(!elsewhere);
        QVERIFY2(elsewhere.error().message.contains(QLatin1String("Zhou Qi")),
            qPrintable(elsewhere.error().message));
        dispatch.data.insert(QStringLiteral("handler"), 99);
        QVERIFY(!flow.decide(dispatch));
        dispatch.data.insert(QStringLiteral("handler"), 11);
        auto event = flow.decide(dispatch);
        QVERIFY2(event.has_value(), Test::why(event).constData());
        QCOMPARE(event->data.value(QLatin1String("handler")).toInteger(), 11);
        QCOMPARE(
            event->data.value(QLatin1String("handler_name")).toString(), QStringLiteral("Sun Li"));
        QVERIFY(flow.apply(dispatch));

        const Person crew {
            QStringLiteral("Sun Li"), Role::UnitHandler, QStringLiteral("sanitation")};
        QVERIFY(flow.apply(crew, CaseAction::Accept));
        ActionRequest feedBack = flow.request(crew, CaseAction::FeedBack);
        feedBack.data.insert(QStringLiteral("result"), QStringLiteral("Swept"));
        QVERIFY(flow.apply(feedBack));

        // Whoever checked on site must be a member of the organisation.
        ActionRequest verify = flow.request(SUPERVISOR, CaseAction::Verify);
        verify.data.insert(QStringLiteral("checked_by"), 98);
        QVERIFY(!flow.decide(verify));
        verify.data.insert(QStringLiteral("checked_by"), 13);
        auto verified = flow.decide(verify);
        QVERIFY2(verified.has_value(), Test::why(verified).constData());
        QCOMPARE(verified->data.value(QLatin1String("checked_by_name")).toString(),
            QStringLiteral("He Ping"));
        QVERIFY(flow.apply(verify));
    }

    void feedBackNeedsAResult()
    {
        Flow flow;
        QVERIFY(flow.dispatched());
        QVERIFY(flow.apply(HANDLER, CaseAction::Accept));
        auto refused = flow.decide(flow.request(HANDLER, CaseAction::FeedBack));
        QCOMPARE(refused.error().code, ErrorCode::InvalidArgument);
    }

    void evaluationIsOneToFive_data()
    {
        QTest::addColumn<int>("satisfaction");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("0") << 0 << false;
        QTest::newRow("1") << 1 << true;
        QTest::newRow("5") << 5 << true;
        QTest::newRow("6") << 6 << false;
    }

    void evaluationIsOneToFive()
    {
        QFETCH(int, satisfaction);
        QFETCH(bool, accepted);
        Flow flow;
        QVERIFY(flow.fedBack());
        QVERIFY(flow.apply(SUPERVISOR, CaseAction::Verify));
        ActionRequest evaluate = flow.request(OPERATOR, CaseAction::Evaluate);
        evaluate.data.insert(QStringLiteral("satisfaction"), satisfaction);
        QCOMPARE(flow.decide(evaluate).has_value(), accepted);
    }

    void supplementStopsAndRestartsTheClock()
    {
        Flow flow;
        QVERIFY(flow.dispatched());
        QVERIFY(flow.apply(HANDLER, CaseAction::Accept));
        ActionRequest ask = flow.request(HANDLER, CaseAction::RequestSupplement);
        ask.reason = QStringLiteral("Need the exact address");
        QVERIFY(flow.apply(ask));
        QVERIFY(flow.file().isSuspended());
        QVERIFY(flow.file().hasType(CaseType::Supplementary));
        ask.basedOnVersion = flow.file().version();
        QCOMPARE(flow.decide(ask).error().code, ErrorCode::NotAllowed);

        QVERIFY(flow.apply(OPERATOR, CaseAction::ProvideSupplement));
        QVERIFY(!flow.file().isSuspended());
        QCOMPARE(flow.file().pauses().size(), 1);
        QCOMPARE(flow.file().state(), CaseState::InHandling);
    }

    void extensionsNeedAManager()
    {
        Flow flow;
        QVERIFY(flow.dispatched());
        QVERIFY(flow.apply(HANDLER, CaseAction::Accept));
        QCOMPARE(flow.decide(flow.request(LEADER, CaseAction::ApproveExtension)).error().code,
            ErrorCode::NotAllowed);

        ActionRequest ask = flow.request(HANDLER, CaseAction::RequestExtension);
        ask.reason = QStringLiteral("Parts on order");
        ask.data.insert(QStringLiteral("limit"), QStringLiteral("soon"));
        QCOMPARE(flow.decide(ask).error().code, ErrorCode::InvalidArgument);
        ask.data.insert(QStringLiteral("limit"), QStringLiteral("2d"));
        QVERIFY(flow.apply(ask));
        QCOMPARE(flow.file().pendingExtension(), QStringLiteral("2d"));

        QCOMPARE(flow.decide(flow.request(HANDLER, CaseAction::ApproveExtension)).error().code,
            ErrorCode::Forbidden);
        QVERIFY(flow.apply(LEADER, CaseAction::ApproveExtension));
        QCOMPARE(flow.file().extensions(), QStringList {QStringLiteral("2d")});
        QVERIFY(!flow.file().pendingExtension());
    }

    void promiseMustLieAhead()
    {
        Flow flow;
        QVERIFY(flow.apply(OPERATOR, CaseAction::Report));
        QVERIFY(flow.apply(OPERATOR, CaseAction::Register));
        ActionRequest promise = flow.request(OPERATOR, CaseAction::Promise);
        promise.data.insert(QStringLiteral("promised_at"), QStringLiteral("2026-03-01T12:00:00"));
        QCOMPARE(flow.decide(promise).error().code, ErrorCode::InvalidArgument);
        promise.data.insert(QStringLiteral("promised_at"), QStringLiteral("2026-03-09T12:00:00"));
        QVERIFY(flow.apply(promise));
        QVERIFY(flow.file().hasType(CaseType::Promised));
        QCOMPARE(flow.file().promisedAt()->toIso(), QStringLiteral("2026-03-09T12:00:00"));
    }

    void timeNeverRunsBackwards()
    {
        Flow flow;
        QVERIFY(flow.apply(OPERATOR, CaseAction::Report));
        ActionRequest earlier = flow.request(OPERATOR, CaseAction::Register);
        earlier.at = CaseTime::naive(QDate(2026, 3, 1), QTime(8, 0));
        auto refused = flow.decide(earlier);
        QCOMPARE(refused.error().code, ErrorCode::InvalidArgument);
    }

    void reopenAndCloseImmediately()
    {
        Flow flow;
        QVERIFY(flow.apply(OPERATOR, CaseAction::Report));
        ActionRequest onTheSpot = flow.request(OPERATOR, CaseAction::CloseImmediately);
        onTheSpot.data.insert(QStringLiteral("result"), QStringLiteral("Grid staff moved it"));
        QVERIFY(flow.apply(onTheSpot));
        QVERIFY(flow.file().hasType(CaseType::Immediate));
        QCOMPARE(flow.file().state(), CaseState::Closed);

        ActionRequest reopen = flow.request(SUPERVISOR, CaseAction::Reopen);
        reopen.reason = QStringLiteral("Back again next morning");
        QVERIFY(flow.apply(reopen));
        QCOMPARE(flow.file().state(), CaseState::Registered);
    }

    void mergeNeedsAnotherCase()
    {
        Flow flow(7);
        QVERIFY(flow.apply(OPERATOR, CaseAction::Report));
        ActionRequest merge = flow.request(OPERATOR, CaseAction::Merge);
        QCOMPARE(flow.decide(merge).error().code, ErrorCode::InvalidArgument);
        merge.data.insert(QStringLiteral("into"), 8);
        QVERIFY(flow.apply(merge));
        QCOMPARE(flow.file().mergedInto(), 8);
        QCOMPARE(flow.file().state(), CaseState::Merged);
    }

    void availableFollowsStateAndRole()
    {
        Flow flow;
        QVERIFY(flow.dispatched());
        const QList<CaseAction> handler = WorkflowEngine::available(flow.file(), Role::UnitHandler);
        QVERIFY(handler.contains(CaseAction::Accept));
        QVERIFY(handler.contains(CaseAction::Return));
        QVERIFY(!handler.contains(CaseAction::FeedBack));
        QVERIFY(!handler.contains(CaseAction::Dispatch));
        const QList<CaseAction> op = WorkflowEngine::available(flow.file(), Role::Operator);
        QVERIFY(!op.contains(CaseAction::Accept));
        QVERIFY(op.contains(CaseAction::Cancel));
        QVERIFY(!op.contains(CaseAction::Absorb));
    }
};

GRIDDESK_TEST_MAIN(TestWorkflowEngine, QCoreApplication)
#include "tst_workflowengine.moc"
