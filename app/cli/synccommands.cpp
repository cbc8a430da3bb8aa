// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "clicontext.h"

#include "domain/text.h"
#include "storage/workspace.h"
#include "sync/password.h"
#include "sync/syncclient.h"
#include "workflow/casebook.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

namespace GridDesk::Cli {

namespace {

/// What an outbox command does, as the outbox commands print it.
QString commandAction(const Sync::OutboxEntry &entry)
{
    switch (entry.kind) {
    case Sync::CommandKind::Edition:
        return QStringLiteral("publish_edition");
    case Sync::CommandKind::Org:
        return QStringLiteral("save_org_chart");
    case Sync::CommandKind::Register:
        return QStringLiteral("change_register");
    case Sync::CommandKind::Case:
    case Sync::CommandKind::Count:
        break;
    }
    return caseActionKey(entry.action);
}

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Cli)
};

struct SyncDesk
{
    std::unique_ptr<Workspace> workspace;
    std::unique_ptr<CaseBook> book;
    std::unique_ptr<Sync::Outbox> outbox;
};

Result<SyncDesk> openSyncDesk(const QString &path)
{
    auto workspace = openExistingWorkspace(path);
    if (!workspace)
        return std::unexpected(workspace.error());
    auto setup = WorkflowSetup::load(**workspace);
    if (!setup)
        return std::unexpected(setup.error());
    SyncDesk desk;
    desk.workspace = std::move(*workspace);
    desk.book = std::make_unique<CaseBook>(*desk.workspace, std::move(*setup));
    desk.outbox = std::make_unique<Sync::Outbox>(*desk.workspace);
    desk.book->setJournal(desk.outbox.get());
    return desk;
}

QJsonObject entryJson(const Sync::OutboxEntry &entry)
{
    QJsonObject json {{QStringLiteral("id"), entry.id},
        {QStringLiteral("command"), entry.commandId}, {QStringLiteral("case"), entry.caseId},
        {QStringLiteral("source"), entry.key.source},
        {QStringLiteral("external_id"), entry.key.externalId},
        {QStringLiteral("action"), commandAction(entry)},
        {QStringLiteral("based_on"), entry.basedOn}, {QStringLiteral("made_by"), entry.madeBy},
        {QStringLiteral("made_at"), entry.madeAt},
        {QStringLiteral("state"), Sync::outboxStateKey(entry.state)},
        {QStringLiteral("attempts"), entry.attempts}};
    if (!entry.refusal.isEmpty()) {
        json.insert(QStringLiteral("code"), entry.refusal);
        json.insert(QStringLiteral("reason"), entry.reason);
    }
    return json;
}

/// Who may settle a rejected command: the person who made it, or a supervisor or leader of
/// the workspace standing in for them.
Result<void> checkSettler(
    Context &context, const WorkflowSetup &setup, const Sync::OutboxEntry &entry)
{
    if (!context.isSet("as"))
        return fail(
            ErrorCode::InvalidArgument, Tr::tr("say who settles the command with --as USER."));
    const QString name = context.value("as").trimmed();
    const auto user = setup.user(name);
    if (!user) {
        return fail(ErrorCode::Forbidden, Tr::tr("%1 is not a user of this workspace.").arg(name));
    }
    const auto role = roleFromKey(user->role);
    const bool standsIn = role == Role::Supervisor || role == Role::Leader;
    if (name != entry.madeBy && !standsIn) {
        return fail(ErrorCode::Forbidden,
            Tr::tr("Command %1 was made by %2; only they, a supervisor or a leader settle it.")
                .arg(entry.id)
                .arg(entry.madeBy));
    }
    return {};
}

Result<qint64> entryId(Context &context, const char *command)
{
    bool ok = false;
    const qint64 id = context.positional.value(2).toLongLong(&ok);
    if (context.positional.size() != 3 || !ok || id <= 0) {
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("%1 needs a WORKSPACE and the number of a command in its outbox.")
                .arg(QLatin1String(command)));
    }
    return id;
}

/// Opens the workspace an outbox-redo or outbox-discard names and its command, checks that the
/// --as user may settle it, then lets settle do it.
int settleCommand(Context &context, const char *name,
    const std::function<int(SyncDesk &, const Sync::OutboxEntry &)> &settle)
{
    auto id = entryId(context, name);
    if (!id)
        return usageError(context, id.error().message);
    auto desk = openSyncDesk(context.positional.at(1));
    if (!desk)
        return failWith(context, desk.error());
    auto entry = desk->outbox->entry(*id);
    if (!entry)
        return failWith(context, entry.error());
    if (auto allowed = checkSettler(context, desk->book->setup(), *entry); !allowed)
        return failWith(context, allowed.error());
    return settle(*desk, *entry);
}

/// Makes a rejected command again as the --as user, now.
int redo(Context &context, SyncDesk &desk, const Sync::OutboxEntry &entry)
{
    const auto user = desk.book->setup().user(context.value("as").trimmed());
    ActionRequest request;
    request.actor = user->name;
    request.role = roleFromKey(user->role).value_or(Role::Operator);
    request.actorUnit = user->unitCode;
    const QDateTime local = QDateTime::currentDateTime();
    request.at = CaseTime::withOffset(
        local.date(), local.time().addMSecs(-local.time().msec()), local.offsetFromUtc());
    auto event = Sync::redoRejected(*desk.book, *desk.outbox, entry.id, request);
    if (!event)
        return failWith(context, event.error());
    context.out << Tr::tr("Command %1 made again on case %2 at version %3; it waits for the next "
                          "sync.")
                       .arg(entry.id)
                       .arg(event->caseId)
                       .arg(event->sequence)
                << '\n';
    return OK;
}

} // namespace

int syncCommand(Context &context)
{
    if (context.positional.size() != 2)
        return usageError(context, Tr::tr("sync needs a WORKSPACE."));
    if (!context.isSet("server") || !context.isSet("user"))
        return usageError(
            context, Tr::tr("sync needs --server https://HOST:PORT and --user USER."));
    const QUrl server(context.value("server"), QUrl::StrictMode);
    if (!server.isValid() || server.scheme() != QLatin1String("https") || server.host().isEmpty()
        || !server.path().isEmpty()) {
        return usageError(context,
            Tr::tr("--server must be https://HOST:PORT, not \"%1\"; GridDesk syncs over HTTPS "
                   "only.")
                .arg(printableText(context.value("server"))));
    }
    auto desk = openSyncDesk(context.positional.at(1));
    if (!desk)
        return failWith(context, desk.error());
    const QUrl bound = desk->outbox->server();
    if (!bound.isEmpty() && bound.adjusted(QUrl::StripTrailingSlash) != server) {
        return failWith(context,
            Error {ErrorCode::Conflict,
                Tr::tr("%1 syncs with %2; its cases and cursor belong to that server, not to %3.")
                    .arg(context.positional.at(1), bound.toString(), server.toString())});
    }

    Sync::ClientOptions options;
    options.server = server;
    options.user = context.value("user");
    if (context.isSet("ca")) {
        auto certificates = Sync::readCaFile(context.value("ca"));
        if (!certificates)
            return failWith(context, certificates.error());
        options.caCertificates = *certificates;
    }
    auto password = Sync::readPassword(
        context.value("password-file"), Tr::tr("Password for %1: ").arg(options.user), context.err);
    if (!password)
        return failWith(context, password.error());
    options.password = *password;

    Sync::SyncClient client(options);
    if (auto loggedIn = client.login(); !loggedIn)
        return failWith(context, loggedIn.error());
    if (bound.isEmpty()) {
        if (auto saved = desk->outbox->setServer(server); !saved)
            return failWith(context, saved.error());
    }
    auto report = Sync::syncOnce(*desk->book, *desk->outbox, client);
    client.logout();
    if (!report)
        return failWith(context, report.error());

    if (context.isSet("json")) {
        QJsonArray rejections;
        for (const Sync::CommandResult &result : report->rejections) {
            rejections << QJsonObject {{QStringLiteral("command"), result.id},
                {QStringLiteral("code"), Sync::refusalKey(*result.refusal)},
                {QStringLiteral("reason"), result.reason}};
        }
        printJson(context,
            QJsonObject {{QStringLiteral("server"), server.toString()},
                {QStringLiteral("sent"), report->sent},
                {QStringLiteral("applied"), report->applied},
                {QStringLiteral("rejected"), report->rejected},
                {QStringLiteral("rejections"), rejections},
                {QStringLiteral("received"),
                    QJsonObject {{QStringLiteral("added"), report->received.added},
                        {QStringLiteral("updated"), report->received.updated},
                        {QStringLiteral("unchanged"), report->received.unchanged},
                        {QStringLiteral("superseded_events"), report->received.superseded}}},
                {QStringLiteral("grid_editions"), report->editions},
                {QStringLiteral("attachments_fetched"), report->attachments},
                {QStringLiteral("org_revision"), report->orgRevision},
                {QStringLiteral("org_chart_changed"), report->orgChanged},
                {QStringLiteral("register_entries"), report->registerEntries},
                {QStringLiteral("cursor"), report->cursor}});
    } else {
        context.out << Tr::tr("Sent %1 command(s) to %2: %3 applied, %4 rejected.")
                           .arg(report->sent)
                           .arg(server.toString())
                           .arg(report->applied)
                           .arg(report->rejected)
                    << '\n';
        for (const Sync::CommandResult &result : report->rejections) {
            context.out << "  "
                        << Tr::tr("rejected %1 (%2): %3")
                               .arg(result.id, Sync::refusalKey(*result.refusal),
                                   printableText(result.reason))
                        << '\n';
        }
        context.out << Tr::tr("Received %1 new and %2 changed case(s); %3 event(s) of this desk "
                              "set aside for the server's.")
                           .arg(report->received.added)
                           .arg(report->received.updated)
                           .arg(report->received.superseded)
                    << '\n';
        if (report->attachments > 0) {
            context.out << Tr::tr(
                "Fetched the files of %n attachment(s).", nullptr, report->attachments)
                        << '\n';
        }
        if (report->editions > 0) {
            context.out << Tr::tr(
                "Took in %n grid edition(s) published on the server.", nullptr, report->editions)
                        << '\n';
        }
        if (report->orgChanged) {
            context.out
                << Tr::tr("Took in revision %1 of the server's org chart.").arg(report->orgRevision)
                << '\n';
        }
        if (report->registerEntries > 0) {
            context.out << Tr::tr("Register entries taken in from the server: %1.")
                               .arg(report->registerEntries)
                        << '\n';
        }
    }
    return report->rejected > 0 ? FAILED : OK;
}

int outboxCommand(Context &context)
{
    if (context.positional.size() != 2)
        return usageError(context, Tr::tr("outbox needs a WORKSPACE."));
    std::optional<Sync::OutboxState> state;
    if (context.isSet("state")) {
        state = Sync::outboxStateFromKey(context.value("state"));
        if (!state) {
            return usageError(context,
                Tr::tr("--state is one of queued, sent, applied, rejected, discarded, redone."));
        }
    }
    auto desk = openSyncDesk(context.positional.at(1));
    if (!desk)
        return failWith(context, desk.error());
    auto entries = desk->outbox->entries(state);
    if (!entries)
        return failWith(context, entries.error());
    if (context.isSet("json")) {
        QJsonArray array;
        for (const Sync::OutboxEntry &entry : *entries)
            array << entryJson(entry);
        printJson(context, array);
        return OK;
    }
    for (const Sync::OutboxEntry &entry : *entries) {
        QString line = QStringLiteral("%1  %2  %3 %4  %5  %6")
                           .arg(entry.id)
                           .arg(Sync::outboxStateKey(entry.state), entry.key.source,
                               entry.key.externalId, commandAction(entry), entry.madeBy);
        if (!entry.refusal.isEmpty())
            line += QStringLiteral("  %1: %2").arg(entry.refusal, entry.reason);
        context.out << printableText(line) << '\n';
    }
    return OK;
}

int outboxDiscardCommand(Context &context)
{
    return settleCommand(
        context, "outbox-discard", [&](SyncDesk &desk, const Sync::OutboxEntry &entry) {
            if (auto discarded = desk.outbox->discard(entry.id); !discarded)
                return failWith(context, discarded.error());
            context.out << Tr::tr("Command %1 discarded.").arg(entry.id) << '\n';
            return int(OK);
        });
}

int outboxRedoCommand(Context &context)
{
    return settleCommand(context, "outbox-redo",
        [&](SyncDesk &desk, const Sync::OutboxEntry &entry) { return redo(context, desk, entry); });
}

} // namespace GridDesk::Cli
