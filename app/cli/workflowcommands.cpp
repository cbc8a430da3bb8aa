// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "clicontext.h"

#include "domain/text.h"

#include "gis/gridlocator.h"
#include "org/reportercontact.h"
#include "register/caselinks.h"
#include "register/registerbook.h"
#include "register/registerprivacy.h"
#include "storage/workspace.h"
#include "sync/outbox.h"
#include "workflow/casebook.h"
#include "workflow/stageclock.h"
#include "worktime/deadlinestate.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QTimeZone>
#include <QUuid>

namespace GridDesk::Cli {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Cli)
};

/// A workspace with its case book, opened for one command.
struct Desk
{
    std::unique_ptr<Workspace> workspace;
    std::unique_ptr<CaseBook> book;
    std::unique_ptr<Sync::Outbox> outbox; ///< every action taken here waits there for the server
};

Result<Desk> openDesk(const QString &path)
{
    auto workspace = openWorkspace(path);
    if (!workspace)
        return std::unexpected(workspace.error());
    auto setup = WorkflowSetup::load(**workspace);
    if (!setup)
        return std::unexpected(setup.error());
    Desk desk;
    desk.workspace = std::move(*workspace);
    desk.book = std::make_unique<CaseBook>(*desk.workspace, std::move(*setup));
    desk.outbox = std::make_unique<Sync::Outbox>(*desk.workspace);
    desk.book->setJournal(desk.outbox.get());
    return desk;
}

CaseTime now()
{
    const QDateTime local = QDateTime::currentDateTime();
    return CaseTime::withOffset(
        local.date(), local.time().addMSecs(-local.time().msec()), local.offsetFromUtc());
}

QString wallText(const QDateTime &wall)
{
    return wall.isValid() ? wall.toString(Qt::ISODate).left(19) : QString();
}

QJsonValue nullable(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QString deadlineStateKey(DeadlineState state)
{
    switch (state) {
    case DeadlineState::OnTime:
        return QStringLiteral("on_time");
    case DeadlineState::Warning:
        return QStringLiteral("warning");
    case DeadlineState::Overdue:
        return QStringLiteral("overdue");
    case DeadlineState::None:
        break;
    }
    return QStringLiteral("none");
}

QJsonObject eventJson(const CaseEvent &event)
{
    return QJsonObject {{QStringLiteral("sequence"), event.sequence},
        {QStringLiteral("action"), caseActionKey(event.action)},
        {QStringLiteral("actor"), event.actor}, {QStringLiteral("role"), roleKey(event.role)},
        {QStringLiteral("unit"), nullable(event.unit)}, {QStringLiteral("at"), event.at.toIso()},
        {QStringLiteral("from"), event.from ? QJsonValue(caseStateKey(*event.from)) : QJsonValue()},
        {QStringLiteral("to"), caseStateKey(event.to)},
        {QStringLiteral("reason"), nullable(event.reason)}, {QStringLiteral("data"), event.data}};
}

QJsonObject clockJson(const StageClock &clock, const WorkflowSetup &setup, const CaseTime &at)
{
    QJsonObject object {{QStringLiteral("stage"), stageKey(clock.stage)},
        {QStringLiteral("limit"), clock.limit},
        {QStringLiteral("started"), wallText(clock.started)},
        {QStringLiteral("deadline"), nullable(wallText(clock.deadline))}};
    if (clock.ended.isValid()) {
        object.insert(QStringLiteral("ended"), wallText(clock.ended));
        object.insert(QStringLiteral("late"), clock.endedLate());
        return object;
    }
    object.insert(QStringLiteral("suspended"), clock.suspended);
    const bool working = !clock.limit.endsWith(QLatin1String("ch"));
    const DeadlineStatus status = deadlineStatus(setup.calendar, clock.started, clock.deadline,
        at.wallTime(), setup.warningFractions, working);
    // Evaluation is optional work: its clock is shown, never as late.
    const QString state = clock.stage == Stage::Evaluate ? QStringLiteral("optional")
        : clock.suspended                                ? QStringLiteral("suspended")
                                                         : deadlineStateKey(status.state);
    object.insert(QStringLiteral("status"), state);
    object.insert(QStringLiteral("seconds_left"), status.secondsLeft);
    return object;
}

QJsonObject caseJson(const CaseBook &book, const CaseRecord &record, const CaseFile &file)
{
    const WorkflowSetup &setup = book.setup();
    QJsonArray events;
    for (const CaseEvent &event : file.events())
        events << eventJson(event);
    QJsonArray stages;
    const CaseTime at = now();
    for (const StageClock &clock : StageClocks::history(file, setup.categories, setup.calendar))
        stages << clockJson(clock, setup, at);
    QJsonArray types;
    for (CaseType type : file.types())
        types << caseTypeKey(type);
    QJsonArray attachments;
    for (const CaseAttachment &attachment :
        book.attachments(record.id).value_or(QList<CaseAttachment>())) {
        attachments << QJsonObject {{QStringLiteral("id"), attachment.id},
            {QStringLiteral("name"), attachment.name},
            {QStringLiteral("mime"), attachment.mimeType},
            {QStringLiteral("size"), attachment.size}};
    }
    const auto current = StageClocks::current(file, setup.categories, setup.calendar);

    return QJsonObject {{QStringLiteral("id"), record.id},
        {QStringLiteral("external_id"), record.externalId},
        {QStringLiteral("source"), record.source}, {QStringLiteral("category"), record.category},
        {QStringLiteral("descriptor"), record.descriptor},
        {QStringLiteral("address"), nullable(record.address)},
        {QStringLiteral("created"), nullable(record.created.toIso())},
        {QStringLiteral("lon"), record.location ? QJsonValue(record.location->lon) : QJsonValue()},
        {QStringLiteral("lat"), record.location ? QJsonValue(record.location->lat) : QJsonValue()},
        {QStringLiteral("grid"), nullable(record.gridCode)},
        {QStringLiteral("state"), caseStateKey(file.state())},
        {QStringLiteral("version"), file.version()},
        {QStringLiteral("lead_unit"), nullable(file.leadUnit())},
        {QStringLiteral("co_units"), QJsonArray::fromStringList(file.coUnits())},
        {QStringLiteral("dispatch_rule"), nullable(file.dispatchRule())},
        {QStringLiteral("dispatch_reason"), nullable(file.dispatchReason())},
        {QStringLiteral("types"), types},
        {QStringLiteral("deadline"),
            current ? QJsonValue(clockJson(*current, setup, at)) : QJsonValue()},
        {QStringLiteral("stages"), stages}, {QStringLiteral("events"), events},
        {QStringLiteral("attachments"), attachments}};
}

void printCaseText(Context &context, const QJsonObject &json)
{
    QString text = Tr::tr("Case %1 (%2 %3): %4, version %5")
                       .arg(json.value(QLatin1String("id")).toInteger())
                       .arg(json.value(QLatin1String("source")).toString(),
                           json.value(QLatin1String("external_id")).toString(),
                           json.value(QLatin1String("state")).toString())
                       .arg(json.value(QLatin1String("version")).toInt())
        + u'\n';
    const QJsonObject deadline = json.value(QLatin1String("deadline")).toObject();
    if (!deadline.isEmpty()) {
        text += Tr::tr("  %1 due %2 (%3)")
                    .arg(deadline.value(QLatin1String("stage")).toString(),
                        deadline.value(QLatin1String("deadline")).toString(),
                        deadline.value(QLatin1String("status")).toString())
            + u'\n';
    }
    const QJsonObject contact = json.value(QLatin1String("contact")).toObject();
    if (!contact.isEmpty()) {
        const QString shown = contactText(contact);
        text += QStringLiteral("  ")
            + (json.value(QLatin1String("contact_masked")).toBool()
                    ? Tr::tr("Reporter's contact: %1 (masked)").arg(shown)
                    : Tr::tr("Reporter's contact: %1").arg(shown))
            + u'\n';
    }
    for (const QJsonValue &value : json.value(QLatin1String("events")).toArray()) {
        const QJsonObject event = value.toObject();
        text += QStringLiteral("  %1  %2  %3 (%4)  → %5  %6")
                    .arg(event.value(QLatin1String("at")).toString(),
                        event.value(QLatin1String("action")).toString(),
                        event.value(QLatin1String("actor")).toString(),
                        event.value(QLatin1String("role")).toString(),
                        event.value(QLatin1String("to")).toString(),
                        event.value(QLatin1String("reason")).toString())
                    .trimmed()
            + u'\n';
    }
    // Line by line, so that a line break inside a reason cannot forge a line of its own.
    const QStringList lines = text.split(u'\n');
    for (qsizetype index = 0; index + 1 < lines.size(); ++index)
        context.out << printableText(lines.at(index)) << '\n';
}

std::optional<qint64> caseId(const QString &text)
{
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    return ok && id > 0 ? std::optional(id) : std::nullopt;
}

/// The case text names: its number in the workspace, or else its id in the source feed (the
/// number the queue shows for an imported case).
Result<qint64> findCase(const CaseBook &book, const QString &text)
{
    if (const auto id = caseId(text); id && book.record(*id))
        return *id;
    auto found = book.casesWithExternalId(text.trimmed());
    if (!found)
        return std::unexpected(found.error());
    if (found->size() == 1)
        return found->first();
    if (found->isEmpty()) {
        return fail(ErrorCode::NotFound,
            Tr::tr("there is no case %1, as a number of this workspace or an id of a source.")
                .arg(text));
    }
    QStringList ids;
    for (qint64 id : std::as_const(*found))
        ids << QString::number(id);
    return fail(ErrorCode::InvalidArgument,
        Tr::tr("%1 is the source id of cases %2; name one by its number.")
            .arg(text, ids.join(QStringLiteral(", "))));
}

/// Who acts, from --as (a local user of the workspace) and --role.
Result<void> resolveActor(Context &context, const WorkflowSetup &setup, ActionRequest &request)
{
    if (!context.isSet("as")) {
        QStringList names;
        for (const LocalUser &user : setup.users)
            names << user.name;
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("say who acts with --as USER (users of this workspace: %1).")
                .arg(names.isEmpty() ? Tr::tr("none yet") : names.join(QStringLiteral(", "))));
    }
    // Until the server brings accounts, who may act is what the workspace's users say: a name
    // that is not one of them, or a role the user does not hold, is refused.
    request.actor = context.value("as").trimmed();
    const std::optional<LocalUser> user = setup.user(request.actor);
    const std::optional<Role> role = user ? roleFromKey(user->role) : std::nullopt;
    if (!user || !role) {
        return fail(ErrorCode::Forbidden,
            Tr::tr("%1 is not a user of this workspace; an administrator adds users with setup "
                   "import or in the workstation's Run as dialog.")
                .arg(request.actor));
    }
    if (context.isSet("role") && roleFromKey(context.value("role")) != role) {
        return fail(ErrorCode::Forbidden,
            Tr::tr("%1 acts as %2, not as \"%3\".")
                .arg(request.actor, roleName(*role), context.value("role")));
    }
    request.role = *role;
    request.actorUnit = user->unitCode;
    return {};
}

Result<void> readActionOptions(Context &context, ActionRequest &request)
{
    request.unit = context.value("unit");
    request.coUnits = context.parser.values(QStringLiteral("co-unit"));
    request.reason = context.value("reason");
    auto put = [&](const char *option, const char *key) {
        if (context.isSet(option))
            request.data.insert(QLatin1String(key), context.value(option));
    };
    put("result", "result");
    put("limit", "limit");
    put("promised", "promised_at");
    if (context.isSet("satisfaction")) {
        bool ok = false;
        const int satisfaction = context.value("satisfaction").toInt(&ok);
        request.data.insert(QStringLiteral("satisfaction"), ok ? satisfaction : 0);
    }
    if (context.isSet("into")) {
        const auto into = caseId(context.value("into"));
        if (!into)
            return fail(ErrorCode::InvalidArgument, Tr::tr("--into must be a case id."));
        request.data.insert(QStringLiteral("into"), *into);
    }
    if (context.isSet("person")) {
        bool ok = false;
        const qint64 person = context.value("person").toLongLong(&ok);
        if (!ok || person <= 0)
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("--person must be the id of a person of the org chart (see org-export "
                       "--people)."));
        // Who handles a dispatched case, or who checked a case on site.
        const bool dispatching = request.action == CaseAction::Dispatch;
        request.data.insert(
            dispatching ? QStringLiteral("handler") : QStringLiteral("checked_by"), person);
    }
    if (context.isSet("at")) {
        const auto at = CaseTime::fromIso(context.value("at"));
        if (!at)
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("--at must be a time such as 2026-12-04T09:30:00."));
        request.at = *at;
    }
    return {};
}

/// An action taken now by the user --as names, with the options the command line gives.
Result<ActionRequest> requestNow(Context &context, const WorkflowSetup &setup)
{
    ActionRequest request;
    request.at = now();
    if (auto actor = resolveActor(context, setup, request); !actor)
        return std::unexpected(actor.error());
    if (auto options = readActionOptions(context, request); !options)
        return std::unexpected(options.error());
    return request;
}

/// The register entries --entry (repeatable) and --reporter name, as links of a new case.
QList<EntryChoice> chosenEntries(const Context &context)
{
    QList<EntryChoice> choices;
    for (const QString &code : context.parser.values(QStringLiteral("entry")))
        choices << EntryChoice {code.trimmed(), LinkRole::Concerns};
    if (context.isSet("reporter"))
        choices << EntryChoice {context.value("reporter").trimmed(), LinkRole::Reporter};
    return choices;
}

/// Reports the case, linked to the entries chosen when there are any, in one transaction.
Result<CaseEvent> reportLinked(
    Desk &desk, CaseRecord &record, const ActionRequest &request, const QList<EntryChoice> &chosen)
{
    if (chosen.isEmpty())
        return desk.book->report(record, request);
    auto entries = RegisterBook::load(*desk.workspace);
    if (!entries)
        return std::unexpected(entries.error());
    CaseLinks links(*entries, *desk.book);
    return links.report(record, request, chosen);
}

/// The register entries a case is linked to, masked as every list of the register is.
QJsonArray linkedEntriesJson(Desk &desk, qint64 caseId)
{
    auto entries = RegisterBook::load(*desk.workspace);
    if (!entries)
        return {};
    CaseLinks links(*entries, *desk.book);
    QJsonArray array;
    for (const CaseLink &link : links.ofCase(caseId).value_or(QList<CaseLink>())) {
        QJsonObject object {{QStringLiteral("code"), link.entryCode},
            {QStringLiteral("role"), linkRoleKey(link.role)},
            {QStringLiteral("linked_by"), link.linkedBy},
            {QStringLiteral("linked_at"), link.linkedAt.toString(Qt::ISODate)}};
        if (auto entry = entries->entry(link.entryCode); entry && *entry) {
            const RegisterEntry masked = maskedEntry(entries->schema(), **entry);
            object.insert(QStringLiteral("kind"), masked.kind);
            object.insert(QStringLiteral("name"), masked.name);
        }
        array << object;
    }
    return array;
}

/// The case a report describes, with the grid its location falls in.
Result<CaseRecord> reportedCase(
    Context &context, const Workspace &workspace, const CategoryTree &categories)
{
    CaseRecord record;
    record.source = context.isSet("channel") ? context.value("channel") : QStringLiteral("desk");
    record.externalId = QUuid::createUuid().toString(QUuid::Id128).left(12);
    record.category = context.value("category").trimmed();
    record.descriptor = context.value("descriptor").trimmed();
    record.address = context.value("address").trimmed();
    if (record.category.isEmpty())
        return fail(ErrorCode::InvalidArgument, Tr::tr("report needs --category."));
    if (categories.size() > 0 && !categories.contains(record.category)) {
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("there is no category \"%1\" in this workspace; setup export lists them.")
                .arg(record.category));
    }
    if (context.isSet("lon") != context.isSet("lat"))
        return fail(ErrorCode::InvalidArgument, Tr::tr("give both --lon and --lat, or neither."));
    if (!context.isSet("lon"))
        return record;

    bool lonOk = false;
    bool latOk = false;
    const GeoPoint point {
        context.value("lon").toDouble(&lonOk), context.value("lat").toDouble(&latOk)};
    const bool valid = lonOk && latOk && std::abs(point.lon) <= 180 && std::abs(point.lat) <= 90;
    if (!valid)
        return fail(ErrorCode::InvalidArgument, Tr::tr("--lon and --lat must be WGS84 degrees."));
    record.location = point;
    auto grids = workspace.grids();
    if (!grids)
        return std::unexpected(grids.error());
    GridLocator locator;
    if (auto built = locator.build(*grids); !built)
        return std::unexpected(built.error());
    record.gridCode = locator.locate(point).value_or(QString());
    return record;
}

/// Dispatches to the unit the rules propose when no --unit is given, and records the rule
/// whenever the unit dispatched to is the one proposed.
Result<void> applyProposal(
    Context &context, const CaseBook &book, qint64 id, ActionRequest &request)
{
    auto record = book.record(id);
    if (!record)
        return std::unexpected(record.error());
    auto proposal = book.proposeDispatch(*record);
    if (!proposal)
        return std::unexpected(proposal.error());
    const bool escalated = record->state == caseStateKey(CaseState::Escalated);
    if (escalated && !context.isSet("unit")) {
        // The unit that took the case over decides where it goes now, not the everyday rules.
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("an escalated case is dispatched by the unit that took it over; name the "
                   "unit with --unit."));
    }
    if (!context.isSet("unit")) {
        if (!*proposal) {
            return fail(ErrorCode::InvalidArgument,
                Tr::tr(
                    "no dispatch rule or category default proposes a unit; name one with --unit."));
        }
        request.unit = (*proposal)->unit;
        if (!context.isSet("co-unit"))
            request.coUnits = (*proposal)->coUnits;
    }
    if (*proposal && (*proposal)->unit == request.unit) {
        request.data.insert(QStringLiteral("rule"), (*proposal)->ruleId);
        request.data.insert(QStringLiteral("rule_reason"), (*proposal)->reason);
    }
    return {};
}

} // namespace

int reportCommand(Context &context)
{
    if (context.positional.size() != 2)
        return usageError(context, Tr::tr("report needs a WORKSPACE."));
    // report records a new case; someone asking it for figures wants the evaluation report.
    const bool evaluationOptions = context.isSet("by") || context.isSet("period")
        || context.isSet("csv") || context.isSet("pdf");
    if (evaluationOptions && !context.isSet("category"))
        return usageError(context,
            Tr::tr("report records a new case; the evaluation report is \"griddesk-cli "
                   "evaluation WORKSPACE\"."));
    auto desk = openDesk(context.positional.at(1));
    if (!desk)
        return failWith(context, desk.error());
    auto record = reportedCase(context, *desk->workspace, desk->book->setup().categories);
    if (!record)
        return failWith(context, record.error());

    auto made = requestNow(context, desk->book->setup());
    if (!made)
        return failWith(context, made.error());
    ActionRequest request = std::move(*made);
    record->created = request.at;
    const QList<EntryChoice> chosen = chosenEntries(context);
    auto event = reportLinked(*desk, *record, request, chosen);
    if (!event)
        return failWith(context, event.error());
    if (context.isSet("json")) {
        printJson(context,
            QJsonObject {{QStringLiteral("id"), record->id},
                {QStringLiteral("grid"), nullable(record->gridCode)},
                {QStringLiteral("entries"), linkedEntriesJson(*desk, record->id)}});
        return OK;
    }
    context.out << Tr::tr("Case %1 reported in grid %2.")
                       .arg(record->id)
                       .arg(record->gridCode.isEmpty() ? Tr::tr("(none)") : record->gridCode)
                << '\n';
    for (const EntryChoice &choice : chosen)
        context.out << Tr::tr("  linked to %1 (%2)").arg(choice.code, linkRoleKey(choice.role))
                    << '\n';
    return OK;
}

/// The reporter's contact in json (the case as caseJson() gives it) masked, in its events and
/// as "contact", or unmasked when --reveal asks, the --as user's role may and the reveal is
/// recorded.
Result<void> showContact(
    Context &context, Desk &desk, const CaseRecord &record, const CaseFile &file, QJsonObject &json)
{
    QJsonObject contact;
    for (const CaseEvent &event : file.events()) {
        if (event.action == CaseAction::Report) {
            contact = event.data.value(QLatin1String("contact")).toObject();
            break;
        }
    }
    const bool reveal = context.isSet("reveal") && !contact.isEmpty();
    if (reveal) {
        const QString who = context.value("as").trimmed();
        const std::optional<LocalUser> user = desk.book->setup().user(who);
        if (!user)
            return fail(
                ErrorCode::Forbidden, Tr::tr("%1 is not a local user of this workspace.").arg(who));
        auto revealed = revealContact(*desk.workspace,
            contactRevealCode(record.source, record.externalId), contact, user->name, user->role,
            context.value("reason"), QDateTime::currentDateTimeUtc());
        if (!revealed)
            return std::unexpected(revealed.error());
    }

    if (!reveal) {
        QJsonArray events;
        for (const QJsonValue &value : json.value(QLatin1String("events")).toArray()) {
            QJsonObject event = value.toObject();
            event.insert(QStringLiteral("data"),
                withContactMasked(event.value(QLatin1String("data")).toObject()));
            events << event;
        }
        json.insert(QStringLiteral("events"), events);
    }
    json.insert(QStringLiteral("contact"),
        contact.isEmpty() ? QJsonValue() : QJsonValue(reveal ? contact : maskedContact(contact)));
    json.insert(QStringLiteral("contact_masked"), !reveal);
    return {};
}

int caseCommand(Context &context)
{
    if (context.positional.size() != 3)
        return usageError(context, Tr::tr("case needs a WORKSPACE and a case ID."));
    if (context.isSet("reveal") && (!context.isSet("as") || !context.isSet("reason")))
        return usageError(context, Tr::tr("--reveal needs --as USER and --reason TEXT."));
    auto desk = openDesk(context.positional.at(1));
    if (!desk)
        return failWith(context, desk.error());
    const auto id = findCase(*desk->book, context.positional.at(2));
    if (!id)
        return failWith(context, id.error());
    auto record = desk->book->record(*id);
    if (!record)
        return failWith(context, record.error());
    auto file = desk->book->file(*id);
    if (!file)
        return failWith(context, file.error());

    QJsonObject json = caseJson(*desk->book, *record, *file);
    json.insert(QStringLiteral("entries"), linkedEntriesJson(*desk, *id));
    if (auto shown = showContact(context, *desk, *record, *file, json); !shown)
        return failWith(context, shown.error());
    if (context.isSet("json"))
        printJson(context, json);
    else
        printCaseText(context, json);
    return OK;
}

int actCommand(Context &context)
{
    if (context.positional.size() != 4)
        return usageError(context, Tr::tr("act needs a WORKSPACE, a case ID and an ACTION."));
    const std::optional<CaseAction> action = caseActionFromKey(context.positional.at(3));
    if (action && isEntryLink(*action))
        return usageError(context,
            Tr::tr("a case is linked to register entries with \"case-link\", which keeps the "
                   "link beside the case's history."));
    if (!action || isRecordedOnly(*action)) {
        return usageError(context,
            Tr::tr("unknown action \"%1\"; use one of %2.")
                .arg(context.positional.at(3), deskActionKeys()));
    }

    auto desk = openDesk(context.positional.at(1));
    if (!desk)
        return failWith(context, desk.error());
    CaseBook &book = *desk->book;
    const auto id = findCase(book, context.positional.at(2));
    if (!id)
        return failWith(context, id.error());
    auto file = book.file(*id);
    if (!file)
        return failWith(context, file.error());

    ActionRequest request;
    request.action = *action;
    request.at = now();
    request.basedOnVersion = ActionRequest::CURRENT_VERSION;
    if (context.isSet("based-on")) {
        bool ok = false;
        request.basedOnVersion = context.value("based-on").toInt(&ok);
        if (!ok)
            return usageError(context, Tr::tr("--based-on must be a case version (a number)."));
    }
    if (auto actor = resolveActor(context, book.setup(), request); !actor)
        return failWith(context, actor.error());
    if (auto options = readActionOptions(context, request); !options)
        return failWith(context, options.error());

    if (*action == CaseAction::Dispatch) {
        if (auto proposed = applyProposal(context, book, *id, request); !proposed)
            return failWith(context, proposed.error());
    }

    Result<CaseEvent> event = std::unexpected(Error {});
    if (*action == CaseAction::Attach) {
        if (!context.isSet("file"))
            return usageError(context, Tr::tr("attach needs --file PATH."));
        event = book.attach(*id, context.value("file"), request);
    } else {
        event = book.act(*id, request);
    }
    if (!event)
        return failWith(context, event.error());

    if (context.isSet("json")) {
        printJson(context, eventJson(*event));
        return OK;
    }
    context.out << Tr::tr("Case %1: %2 by %3, %4 → %5 (version %6).")
                       .arg(*id)
                       .arg(caseActionName(event->action), event->actor,
                           event->from ? caseStateName(*event->from) : QString(),
                           caseStateName(event->to))
                       .arg(event->sequence)
                << '\n';
    return OK;
}

int deadlinesCommand(Context &context)
{
    if (context.positional.size() != 2)
        return usageError(context, Tr::tr("deadlines needs a WORKSPACE."));
    auto desk = openDesk(context.positional.at(1));
    if (!desk)
        return failWith(context, desk.error());
    CaseBook &book = *desk->book;
    const std::optional<CaseTime> given =
        context.isSet("at") ? CaseTime::fromIso(context.value("at")) : std::optional(now());
    if (!given) {
        return usageError(context,
            Tr::tr("--at must be a time such as 2026-12-04T09:30:00, not \"%1\".")
                .arg(context.value("at")));
    }
    const CaseTime at = *given;

    QJsonArray applied;
    if (context.isSet("apply") && !desk->outbox->server().isEmpty()) {
        return failWith(context,
            Error {ErrorCode::NotAllowed,
                Tr::tr("%1 syncs with %2, whose server runs the deadline rules for every desk; "
                       "they are not applied here.")
                    .arg(context.positional.at(1), desk->outbox->server().toString())});
    }
    if (context.isSet("apply")) {
        auto events = book.applyDeadlineRules(at);
        if (!events)
            return failWith(context, events.error());
        for (const CaseEvent &event : *events) {
            QJsonObject json = eventJson(event);
            json.insert(QStringLiteral("case"), event.caseId);
            applied << json;
        }
    }

    QJsonArray late;
    int due = 0; // overdue cases the rules would act on now
    const WorkflowSetup &setup = book.setup();
    auto visit = [&](const CaseRecord &record) {
        // A closed case waits only for an optional evaluation: not late work.
        const bool open = !record.state.isEmpty() && record.state != QLatin1String("closed")
            && record.deadline.isValid() && !record.suspended;
        if (!open)
            return;
        const DeadlineStatus status = deadlineStatus(setup.calendar, record.stageStarted.wallTime(),
            record.deadline.wallTime(), at.wallTime(), setup.warningFractions);
        if (status.state != DeadlineState::Warning && status.state != DeadlineState::Overdue)
            return;
        const bool ruled = (record.state == QLatin1String("in_handling") && setup.onHandlingOverdue)
            || (record.state == QLatin1String("supervised") && setup.onSupervisionOverdue);
        if (status.state == DeadlineState::Overdue && ruled)
            ++due;
        late << QJsonObject {{QStringLiteral("id"), record.id},
            {QStringLiteral("state"), record.state},
            {QStringLiteral("lead_unit"), nullable(record.leadUnit)},
            {QStringLiteral("deadline"), record.deadline.toIso()},
            {QStringLiteral("status"), deadlineStateKey(status.state)}};
    };
    if (auto read = desk->workspace->forEachCase({}, visit); !read)
        return failWith(context, read.error());

    if (context.isSet("json")) {
        printJson(context,
            QJsonObject {{QStringLiteral("applied"), applied}, {QStringLiteral("late"), late}});
        return OK;
    }
    context.out << Tr::tr("%n case(s) running late or overdue.", nullptr, int(late.size())) << ' ';
    if (context.isSet("apply")) {
        context.out << Tr::tr(
            "%n action(s) taken by the deadline rules.", nullptr, int(applied.size()));
    } else {
        context.out << Tr::tr(
            "The deadline rules would act on %n of them now (--apply does).", nullptr, due);
    }
    context.out << '\n';
    return OK;
}

int caseLinkCommand(Context &context)
{
    if (context.positional.size() != 4)
        return usageError(
            context, Tr::tr("case-link needs a WORKSPACE, a case ID and a register entry CODE."));
    auto desk = openDesk(context.positional.at(1));
    if (!desk)
        return failWith(context, desk.error());
    const auto id = findCase(*desk->book, context.positional.at(2));
    if (!id)
        return failWith(context, id.error());
    auto made = requestNow(context, desk->book->setup());
    if (!made)
        return failWith(context, made.error());
    ActionRequest request = std::move(*made);

    const std::optional<LinkRole> role = context.isSet("link-role")
        ? linkRoleFromKey(context.value("link-role"))
        : std::optional(LinkRole::Concerns);
    if (!role)
        return usageError(context, Tr::tr("--link-role takes concerns or reporter."));
    auto entries = RegisterBook::load(*desk->workspace);
    if (!entries)
        return failWith(context, entries.error());
    CaseLinks links(*entries, *desk->book);
    const EntryChoice choice {context.positional.at(3).trimmed(), *role};
    const bool removing = context.isSet("remove");
    auto event = removing ? links.unlink(*id, choice, request) : links.link(*id, choice, request);
    if (!event)
        return failWith(context, event.error());
    if (context.isSet("json")) {
        printJson(context,
            QJsonObject {{QStringLiteral("id"), *id}, {QStringLiteral("version"), event->sequence},
                {QStringLiteral("entries"), linkedEntriesJson(*desk, *id)}});
        return OK;
    }
    context.out << (removing ? Tr::tr("Case %1 is no longer linked to %2.")
                             : Tr::tr("Case %1 is linked to %2."))
                       .arg(*id)
                       .arg(choice.code)
                << '\n';
    return OK;
}

} // namespace GridDesk::Cli
