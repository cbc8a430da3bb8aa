// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include <QList>
#include <QString>

#include <utility>

#include <optional>

namespace GridDesk {

/// Where a case stands in the closed loop: report, register, dispatch, handle, feed back,
/// verify and close (or supervise and escalate), evaluate.
enum class CaseState {
    Reported, ///< received from a channel, waiting to be registered or rejected
    Registered, ///< a case now, waiting to be dispatched
    Dispatched, ///< sent to a lead unit, waiting for it to accept or return it
    Returned, ///< the unit sent it back; the dispatcher dispatches it again
    InHandling, ///< accepted by the lead unit, being handled
    FedBack, ///< the unit reported its result; waiting for verification
    Supervised, ///< verification failed or the case is late: handling under supervision
    Escalated, ///< supervision failed: with the coordination group one tier up
    Closed, ///< verified and closed; waiting for evaluation
    Evaluated, ///< satisfaction recorded; the loop is complete
    Rejected, ///< not accepted as a case, with a reason
    Cancelled, ///< withdrawn, with a reason
    Merged, ///< a duplicate folded into another case, whose history it keeps
    Count
};

/// What someone can do to a case. Each one applied becomes an event in the case's history.
enum class CaseAction {
    Report,
    Register,
    Reject,
    Dispatch,
    Accept,
    Return,
    FeedBack,
    Verify, ///< verification passed: the case is closed
    FailVerification, ///< verification failed: the case goes under supervision
    Supervise,
    Escalate,
    Evaluate,
    Reopen,
    Cancel,
    RequestSupplement, ///< material is missing: the clock stops until it arrives
    ProvideSupplement,
    RequestExtension,
    ApproveExtension,
    DenyExtension,
    Promise, ///< a date is promised to the reporter; handling runs to it
    MarkSpecial,
    CloseImmediately, ///< handled on the spot when it was reported
    Merge, ///< this case is a duplicate of another
    Absorb, ///< recorded on the case a duplicate was merged into
    Attach,
    Rehome, ///< a new grid edition put the case's location in another grid
    ContactReporter, ///< the unit called the reporter back before handling (first contact)
    ReturnVisit, ///< after closing, the reporter was asked how satisfied they are
    LinkEntry, ///< the case concerns a register entry, or its reporter is one
    UnlinkEntry, ///< a link to a register entry was a mistake
    Recur, ///< the same alarm came again while its report was open: folded into it
    Count
};

/// What a person at the desk may do. System is the importer and the deadline rules.
enum class Role { Operator, Supervisor, UnitHandler, Leader, System, Count };

/// The case types the standard names; a case gains them as its history unfolds.
enum class CaseType {
    Immediate,
    Promised,
    JointHandling,
    Escalated,
    Returned,
    Rejected,
    Supplementary,
    Special,
    Count
};

/// Stages that have a time limit. Each starts when the case enters the matching state.
enum class Stage { Register, Dispatch, Accept, Handle, Verify, Supervise, Evaluate, Count };

/// Stable keys, as stored in workspaces and typed on the command line ("in_handling" …).
QString caseStateKey(CaseState state);
std::optional<CaseState> caseStateFromKey(const QString &key);
QString caseActionKey(CaseAction action);
std::optional<CaseAction> caseActionFromKey(const QString &key);
QString roleKey(Role role);
std::optional<Role> roleFromKey(const QString &key);
QString caseTypeKey(CaseType type);
std::optional<CaseType> caseTypeFromKey(const QString &key);
QString stageKey(Stage stage);
std::optional<Stage> stageFromKey(const QString &key);

/// Names for people, in the interface language.
QString caseStateName(CaseState state);
QString caseActionName(CaseAction action);
QString roleName(Role role);
QString caseTypeName(CaseType type);
QString stageName(Stage stage);

/// Every key of a kind joined with ", ", for messages that list the accepted values.
QString caseActionKeys();
QString roleKeys();

/// The channels a desk takes reports from by hand, as key and name: the 12345 hotline, grid
/// staff, video patrol, IoT sensor alarms, public apps.
QList<std::pair<QString, QString>> deskChannels();
/// A case's source channel in words: the desk's channels, "open311" (a civic app through the
/// server's Open311 endpoint), a hotline export's profile ("nyc311") or the key itself.
QString channelName(const QString &source);

/// True for actions the desk records itself as a consequence of something else (the report
/// that creates a case, a duplicate merged in, a new grid edition): never taken by hand.
bool isRecordedOnly(CaseAction action);

/// True for the actions that link a case to register entries or unlink it: taken through the
/// register, which keeps the links beside the case's history, not through the desk's dialogs.
bool isEntryLink(CaseAction action);

/// True for states a case leaves only by reopening (closed and evaluated cases can still be
/// evaluated or reopened; these are the ends of the loop).
bool isFinished(CaseState state);

/// The stage a case in state is in, if that state has a time limit.
std::optional<Stage> stageOf(CaseState state);

} // namespace GridDesk
