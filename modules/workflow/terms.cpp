// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "terms.h"

#include <QCoreApplication>

#include <array>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Workflow)
};

/// A key and the English source of its display name, one per enum value in order.
struct Term
{
    const char *key;
    const char *name;
};

constexpr std::array<Term, std::size_t(CaseState::Count)> STATES {{
    {"reported", QT_TRANSLATE_NOOP("GridDesk::Workflow", "Reported")},
    {"registered", QT_TRANSLATE_NOOP("GridDesk::Workflow", "Registered")},
    {"dispatched", QT_TRANSLATE_NOOP("GridDesk::Workflow", "Dispatched")},
    {"returned", QT_TRANSLATE_NOOP("GridDesk::Workflow", "Returned")},
    {"in_handling", QT_TRANSLATE_NOOP("GridDesk::Workflow", "In handling")},
    {"fed_back", QT_TRANSLATE_NOOP("GridDesk::Workflow", "Awaiting verification")},
    {"supervised", QT_TRANSLATE_NOOP("GridDesk::Workflow", "Supervised")},
    {"escalated", QT_TRANSLATE_NOOP("GridDesk::Workflow", "Escalated")},
    {"closed", QT_TRANSLATE_NOOP("GridDesk::Workflow", "Closed")},
    {"evaluated", QT_TRANSLATE_NOOP("GridDesk::Workflow", "Evaluated")},
    {"rejected", QT_TRANSLATE_NOOP("GridDesk::Workflow", "Rejected")},
    {"cancelled", QT_TRANSLATE_NOOP("GridDesk::Workflow", "Cancelled")},
    {"merged", QT_TRANSLATE_NOOP("GridDesk::Workflow", "Merged")},
}};

constexpr std::array<Term, std::size_t(CaseAction::Count)> ACTIONS {{
    {"report", QT_TRANSLATE_NOOP("GridDesk::Workflow", "Report")},
    {"register", QT_TRANSLATE_NOOP("GridDesk::Workflow", "Register")},
    {"reject", QT_TRANSLATE_NOOP("GridDesk::Workflow", "Reject")},
    {"dispatch", QT_TRANSLATE_NOOP("GridDesk::Workflow", "Dispatch")},
    {"accept", QT_TRANSLATE_NOOP("GridDesk::Workflow", "Accept")},
    {"return", QT_TRANSLATE_NOOP("GridDesk::Workflow", "Return")},
    {"feed_back", QT_TRANSLATE_NOOP("GridDesk::Workflow", "Feed back")},
    {"verify", QT_TRANSLATE_NOOP("GridDesk::Workflow", "Verify and close")},
    {"fail_verification", QT_TRANSLATE_NOOP("GridDesk::Workflow", "Fail verification")},
    {"supervise", QT_TRANSLATE_NOOP("GridDesk::Workflow", "Supervise")},
    {"escalate", QT_TRANSLATE_NOOP("GridDesk::Workflow", "Escalate")},
    {"evaluate", QT_TRANSLATE_NOOP("GridDesk::Workflow", "Evaluate")},
    {"reopen", QT_TRANSLATE_NOOP("GridDesk::Workflow", "Reopen")},
    {"cancel", QT_TRANSLATE_NOOP("GridDesk::Workflow", "Cancel")},
    {"request_supplement", QT_TRANSLATE_NOOP("GridDesk::Workflow", "Request material")},
    {"provide_supplement", QT_TRANSLATE_NOOP("GridDesk::Workflow", "Material received")},
    {"request_extension", QT_TRANSLATE_NOOP("GridDesk::Workflow", "Request extension")},
    {"approve_extension", QT_TRANSLATE_NOOP("GridDesk::Workflow", "Approve extension")},
    {"deny_extension", QT_TRANSLATE_NOOP("GridDesk::Workflow", "Deny extension")},
    {"promise", QT_TRANSLATE_NOOP("GridDesk::Workflow", "Promise a date")},
    {"mark_special", QT_TRANSLATE_NOOP("GridDesk::Workflow", "Mark special")},
    {"close_immediately", QT_TRANSLATE_NOOP("GridDesk::Workflow", "Close as handled on the spot")},
    {"merge", QT_TRANSLATE_NOOP("GridDesk::Workflow", "Merge into another case")},
    {"absorb", QT_TRANSLATE_NOOP("GridDesk::Workflow", "Duplicate merged in")},
    {"attach", QT_TRANSLATE_NOOP("GridDesk::Workflow", "Attach file")},
    {"rehome", QT_TRANSLATE_NOOP("GridDesk::Workflow", "Moved to another grid")},
    {"contact_reporter", QT_TRANSLATE_NOOP("GridDesk::Workflow", "Contact the reporter")},
    {"return_visit", QT_TRANSLATE_NOOP("GridDesk::Workflow", "Return visit")},
    {"link_entry", QT_TRANSLATE_NOOP("GridDesk::Workflow", "Link a register entry")},
    {"unlink_entry", QT_TRANSLATE_NOOP("GridDesk::Workflow", "Unlink a register entry")},
    {"recur", QT_TRANSLATE_NOOP("GridDesk::Workflow", "Alarm came again")},
}};

constexpr std::array<Term, std::size_t(Role::Count)> ROLES {{
    {"operator", QT_TRANSLATE_NOOP("GridDesk::Workflow", "Operator")},
    {"supervisor", QT_TRANSLATE_NOOP("GridDesk::Workflow", "Supervisor")},
    {"unit_handler", QT_TRANSLATE_NOOP("GridDesk::Workflow", "Unit handler")},
    {"leader", QT_TRANSLATE_NOOP("GridDesk::Workflow", "Leader")},
    {"system", QT_TRANSLATE_NOOP("GridDesk::Workflow", "System")},
}};

constexpr std::array<Term, std::size_t(CaseType::Count)> TYPES {{
    {"immediate", QT_TRANSLATE_NOOP("GridDesk::CaseType", "Immediate")},
    {"promised", QT_TRANSLATE_NOOP("GridDesk::CaseType", "Promised")},
    {"joint", QT_TRANSLATE_NOOP("GridDesk::CaseType", "Joint handling")},
    {"escalated", QT_TRANSLATE_NOOP("GridDesk::CaseType", "Escalated")},
    {"returned", QT_TRANSLATE_NOOP("GridDesk::CaseType", "Returned")},
    {"rejected", QT_TRANSLATE_NOOP("GridDesk::CaseType", "Rejected")},
    {"supplementary", QT_TRANSLATE_NOOP("GridDesk::CaseType", "Supplementary")},
    {"special", QT_TRANSLATE_NOOP("GridDesk::CaseType", "Special")},
}};

constexpr std::array<Term, std::size_t(Stage::Count)> STAGES {{
    {"register", QT_TRANSLATE_NOOP("GridDesk::Stage", "Registration")},
    {"dispatch", QT_TRANSLATE_NOOP("GridDesk::Stage", "Dispatch")},
    {"accept", QT_TRANSLATE_NOOP("GridDesk::Stage", "Acceptance")},
    {"handle", QT_TRANSLATE_NOOP("GridDesk::Stage", "Handling")},
    {"verify", QT_TRANSLATE_NOOP("GridDesk::Stage", "Verification")},
    {"supervise", QT_TRANSLATE_NOOP("GridDesk::Stage", "Supervision")},
    {"evaluate", QT_TRANSLATE_NOOP("GridDesk::Stage", "Evaluation")},
}};

template<typename Enum, std::size_t N>
QString keyOf(const std::array<Term, N> &terms, Enum value)
{
    return QString::fromLatin1(terms.at(std::size_t(value)).key);
}

template<typename Enum, std::size_t N>
std::optional<Enum> fromKey(const std::array<Term, N> &terms, const QString &key)
{
    const QString wanted = key.trimmed().toLower().replace(u'-', u'_');
    for (std::size_t i = 0; i < N; ++i) {
        if (wanted == QLatin1String(terms[i].key))
            return Enum(i);
    }
    return std::nullopt;
}

/// The name in the interface language. Case types and stages have contexts of their own:
/// "Returned" as a case type (退回事项) is not the state (已退回).
template<typename Enum, std::size_t N>
QString nameOf(
    const std::array<Term, N> &terms, Enum value, const char *context = "GridDesk::Workflow")
{
    return QCoreApplication::translate(context, terms.at(std::size_t(value)).name);
}

template<std::size_t N>
QString keysOf(const std::array<Term, N> &terms)
{
    QStringList keys;
    for (const Term &term : terms)
        keys << QString::fromLatin1(term.key);
    return keys.join(QStringLiteral(", "));
}

} // namespace

QString caseStateKey(CaseState state)
{
    return keyOf(STATES, state);
}
std::optional<CaseState> caseStateFromKey(const QString &key)
{
    return fromKey<CaseState>(STATES, key);
}
QString caseActionKey(CaseAction action)
{
    return keyOf(ACTIONS, action);
}
std::optional<CaseAction> caseActionFromKey(const QString &key)
{
    return fromKey<CaseAction>(ACTIONS, key);
}
QString roleKey(Role role)
{
    return keyOf(ROLES, role);
}
std::optional<Role> roleFromKey(const QString &key)
{
    return fromKey<Role>(ROLES, key);
}
QString caseTypeKey(CaseType type)
{
    return keyOf(TYPES, type);
}
std::optional<CaseType> caseTypeFromKey(const QString &key)
{
    return fromKey<CaseType>(TYPES, key);
}
QString stageKey(Stage stage)
{
    return keyOf(STAGES, stage);
}
std::optional<Stage> stageFromKey(const QString &key)
{
    return fromKey<Stage>(STAGES, key);
}

QString caseStateName(CaseState state)
{
    return nameOf(STATES, state);
}
QString caseActionName(CaseAction action)
{
    return nameOf(ACTIONS, action);
}
QString roleName(Role role)
{
    return nameOf(ROLES, role);
}
QString caseTypeName(CaseType type)
{
    return nameOf(TYPES, type, "GridDesk::CaseType");
}
QString stageName(Stage stage)
{
    return nameOf(STAGES, stage, "GridDesk::Stage");
}

QList<std::pair<QString, QString>> deskChannels()
{
    return {
        {QStringLiteral("hotline"), Tr::tr("12345 hotline")},
        {QStringLiteral("grid_staff"), Tr::tr("Grid staff")},
        {QStringLiteral("video"), Tr::tr("Video patrol")},
        {QStringLiteral("iot"), Tr::tr("IoT sensor alarm")},
        {QStringLiteral("app"), Tr::tr("Public app")},
    };
}

QString channelName(const QString &source)
{
    for (const auto &[key, name] : deskChannels()) {
        if (key == source)
            return name;
    }
    if (source == QLatin1String("open311"))
        return Tr::tr("Public app (Open311)");
    if (source == QLatin1String("nyc311") || source == QLatin1String("la311"))
        //: %1 is the layout of a hotline export, such as nyc311
        return Tr::tr("Hotline export (%1)").arg(source);
    if (source == QLatin1String("desk"))
        return Tr::tr("Desk");
    return source;
}

bool isRecordedOnly(CaseAction action)
{
    return action == CaseAction::Report || action == CaseAction::Absorb
        || action == CaseAction::Rehome || action == CaseAction::Recur;
}

bool isEntryLink(CaseAction action)
{
    return action == CaseAction::LinkEntry || action == CaseAction::UnlinkEntry;
}

QString caseActionKeys()
{
    return keysOf(ACTIONS);
}
QString roleKeys()
{
    return keysOf(ROLES);
}

bool isFinished(CaseState state)
{
    switch (state) {
    case CaseState::Closed:
    case CaseState::Evaluated:
    case CaseState::Rejected:
    case CaseState::Cancelled:
    case CaseState::Merged:
        return true;
    default:
        return false;
    }
}

std::optional<Stage> stageOf(CaseState state)
{
    switch (state) {
    case CaseState::Reported:
        return Stage::Register;
    case CaseState::Registered:
    case CaseState::Returned:
    case CaseState::Escalated:
        return Stage::Dispatch;
    case CaseState::Dispatched:
        return Stage::Accept;
    case CaseState::InHandling:
        return Stage::Handle;
    case CaseState::FedBack:
        return Stage::Verify;
    case CaseState::Supervised:
        return Stage::Supervise;
    case CaseState::Closed:
        return Stage::Evaluate;
    default:
        return std::nullopt;
    }
}

} // namespace GridDesk
