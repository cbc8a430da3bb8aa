// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "support/testsupport.h"

#include "workflow/transitions.h"

#include <QCoreApplication>
#include <QMap>
#include <QTest>

using namespace GridDesk;

namespace {

using S = CaseState;
using A = CaseAction;

/// The closed loop written out by hand, one line per allowed move, independently of the
/// switch statements it checks. Anything not listed must be refused.
const QMap<std::pair<S, A>, S> &expectedMoves()
{
    static const QMap<std::pair<S, A>, S> moves = [] {
        QMap<std::pair<S, A>, S> m;
        auto move = [&m](S from, A action, S to) {
            m.insert({from, action}, to);
        };
        auto stay = [&m](std::initializer_list<S> states, A action) {
            for (S state : states)
                m.insert({state, action}, state);
        };
        const std::initializer_list<S> open {S::Reported, S::Registered, S::Dispatched, S::Returned,
            S::InHandling, S::FedBack, S::Supervised, S::Escalated};

        move(S::Reported, A::Register, S::Registered);
        move(S::Reported, A::Reject, S::Rejected);
        move(S::Reported, A::CloseImmediately, S::Closed);
        move(S::Registered, A::CloseImmediately, S::Closed);
        move(S::Reported, A::Merge, S::Merged);
        move(S::Registered, A::Merge, S::Merged);
        for (S from : {S::Registered, S::Returned, S::Escalated})
            move(from, A::Dispatch, S::Dispatched);
        move(S::Dispatched, A::Accept, S::InHandling);
        move(S::Dispatched, A::Return, S::Returned);
        move(S::InHandling, A::Return, S::Returned);
        move(S::InHandling, A::FeedBack, S::FedBack);
        move(S::Supervised, A::FeedBack, S::FedBack);
        move(S::FedBack, A::Verify, S::Closed);
        move(S::FedBack, A::FailVerification, S::Supervised);
        move(S::Dispatched, A::Supervise, S::Supervised);
        move(S::InHandling, A::Supervise, S::Supervised);
        move(S::Supervised, A::Escalate, S::Escalated);
        move(S::Closed, A::Evaluate, S::Evaluated);
        for (S from : {S::Closed, S::Evaluated, S::Rejected})
            move(from, A::Reopen, S::Registered);
        for (S from : open) {
            if (from != S::FedBack)
                move(from, A::Cancel, S::Cancelled);
        }

        stay({S::Reported, S::InHandling, S::Supervised}, A::RequestSupplement);
        stay({S::Reported, S::InHandling, S::Supervised}, A::ProvideSupplement);
        for (A action : {A::RequestExtension, A::ApproveExtension, A::DenyExtension})
            stay({S::InHandling, S::Supervised}, action);
        stay({S::Registered, S::Dispatched, S::Returned, S::InHandling, S::Supervised}, A::Promise);
        stay(
            {S::Registered, S::Dispatched, S::Returned, S::InHandling, S::Supervised, S::Escalated},
            A::ContactReporter);
        stay({S::Closed, S::Evaluated}, A::ReturnVisit);
        stay(open, A::MarkSpecial);
        stay(open, A::Absorb);
        stay(open, A::Rehome);
        stay(open, A::Recur); // an alarm folded into its open report
        // A file, or a register entry the case concerns, may be added to any case but a merged one.
        for (A action : {A::Attach, A::LinkEntry, A::UnlinkEntry})
            stay({S::Reported, S::Registered, S::Dispatched, S::Returned, S::InHandling, S::FedBack,
                     S::Supervised, S::Escalated, S::Closed, S::Evaluated, S::Rejected,
                     S::Cancelled},
                action);
        return m;
    }();
    return moves;
}

} // namespace

class TestTransitions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyStateAndAction_data()
    {
        QTest::addColumn<int>("state");
        QTest::addColumn<int>("action");
        for (int state = 0; state < int(S::Count); ++state) {
            for (int action = 0; action < int(A::Count); ++action) {
                const QByteArray name =
                    (caseStateKey(S(state)) + u' ' + caseActionKey(A(action))).toLatin1();
                QTest::newRow(name.constData()) << state << action;
            }
        }
    }

    void everyStateAndAction()
    {
        QFETCH(int, state);
        QFETCH(int, action);
        const auto from = S(state);
        const auto act = A(action);

        const std::optional<S> actual = Transitions::target(from, act);
        const auto expected = expectedMoves().constFind({from, act});
        if (expected == expectedMoves().constEnd()) {
            QVERIFY2(!actual,
                qPrintable(QStringLiteral("allowed, to %1")
                               .arg(actual ? caseStateKey(*actual) : QString())));
        } else {
            QVERIFY2(actual, "refused");
            QCOMPARE(caseStateKey(*actual), caseStateKey(*expected));
        }
    }

    void reportIsNeverAMove()
    {
        for (int state = 0; state < int(S::Count); ++state)
            QVERIFY(!Transitions::target(S(state), A::Report));
    }

    void finishedStatesOnlyReopenEvaluateVisitAttachOrLink()
    {
        for (S state : {S::Closed, S::Evaluated, S::Rejected, S::Cancelled, S::Merged}) {
            for (int action = 0; action < int(A::Count); ++action) {
                const bool allowed = Transitions::target(state, A(action)).has_value();
                const bool expected = A(action) == A::Reopen || A(action) == A::Evaluate
                    || A(action) == A::ReturnVisit || A(action) == A::Attach
                    || isEntryLink(A(action));
                if (allowed && !expected)
                    QFAIL(qPrintable(caseStateKey(state) + u' ' + caseActionKey(A(action))));
            }
        }
    }

    void roles_data()
    {
        QTest::addColumn<int>("action");
        QTest::addColumn<QStringList>("roles");
        auto row = [](A action, QStringList roles) {
            QTest::newRow(caseActionKey(action).toLatin1().constData()) << int(action) << roles;
        };
        const QString op = QStringLiteral("operator");
        const QString sup = QStringLiteral("supervisor");
        const QString unit = QStringLiteral("unit_handler");
        const QString lead = QStringLiteral("leader");
        row(A::Register, {op});
        row(A::Reject, {op});
        row(A::Dispatch, {op});
        row(A::Accept, {unit});
        row(A::Return, {unit});
        row(A::FeedBack, {unit});
        row(A::Verify, {sup});
        row(A::FailVerification, {sup});
        row(A::Supervise, {sup, lead});
        row(A::Escalate, {sup, lead});
        row(A::Evaluate, {op, lead});
        row(A::Reopen, {sup, lead});
        row(A::Cancel, {op, lead});
        row(A::RequestSupplement, {op, unit});
        row(A::ProvideSupplement, {op, unit});
        row(A::RequestExtension, {unit});
        row(A::ApproveExtension, {lead});
        row(A::DenyExtension, {lead});
        row(A::Promise, {op});
        row(A::MarkSpecial, {lead});
        row(A::CloseImmediately, {op});
        row(A::Merge, {op});
        row(A::Attach, {op, sup, unit, lead});
        row(A::Rehome, {});
        row(A::LinkEntry, {op, sup, lead});
        row(A::UnlinkEntry, {op, sup, lead});
    }

    void roles()
    {
        QFETCH(int, action);
        QFETCH(QStringList, roles);
        QStringList actual;
        for (Role role : Transitions::rolesFor(A(action)))
            actual << roleKey(role);
        QCOMPARE(actual, roles);
        QVERIFY(Transitions::roleMay(Role::System, A(action)));
    }

    void reasons()
    {
        const QList<A> needing {A::Reject, A::Return, A::FailVerification, A::Cancel};
        for (A action : needing)
            QVERIFY2(Transitions::needsReason(action), qPrintable(caseActionKey(action)));
        for (A action : {A::Register, A::Dispatch, A::Accept, A::Verify, A::Evaluate})
            QVERIFY2(!Transitions::needsReason(action), qPrintable(caseActionKey(action)));
    }

    void keysRoundTrip()
    {
        for (int state = 0; state < int(S::Count); ++state)
            QCOMPARE(caseStateFromKey(caseStateKey(S(state))), S(state));
        for (int action = 0; action < int(A::Count); ++action)
            QCOMPARE(caseActionFromKey(caseActionKey(A(action))), A(action));
        for (int role = 0; role < int(Role::Count); ++role)
            QCOMPARE(roleFromKey(roleKey(Role(role))), Role(role));
        QCOMPARE(caseActionFromKey(QStringLiteral("Feed-Back")), A::FeedBack);
        QVERIFY(!caseActionFromKey(QStringLiteral("close")));
    }
};

GRIDDESK_TEST_MAIN(TestTransitions, QCoreApplication)
#include "tst_transitions.moc"
