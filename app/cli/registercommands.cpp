// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "clicontext.h"

#include "register/caselinks.h"
#include "register/registerbook.h"
#include "register/registerimport.h"
#include "register/registerprivacy.h"
#include "register/registersearch.h"
#include "storage/workspace.h"
#include "workflow/casebook.h"
#include "workflow/workflowsetup.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

namespace GridDesk::Cli {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Cli)
};

/// The --at time, or now. Empty when the text is not a date or an ISO date and time.
std::optional<QDateTime> timeOption(const Context &context)
{
    if (!context.isSet("at"))
        return QDateTime::currentDateTimeUtc();
    const QString text = context.value("at");
    QDateTime time = QDateTime::fromString(text, Qt::ISODate);
    if (!time.isValid())
        time = QDateTime(QDate::fromString(text, Qt::ISODate), QTime(0, 0), Qt::UTC);
    if (!time.isValid())
        return std::nullopt;
    return time.toUTC();
}

/// The local user named by --as, with the role they act in.
Result<LocalUser> actingUser(const Context &context, Workspace &workspace)
{
    auto setup = WorkflowSetup::load(workspace);
    if (!setup)
        return std::unexpected(setup.error());
    const QString who = context.value("as").trimmed();
    const std::optional<LocalUser> user = setup->user(who);
    if (!user)
        return fail(
            ErrorCode::Forbidden, Tr::tr("%1 is not a local user of this workspace.").arg(who));
    return *user;
}

QJsonObject reportJson(const RegisterImportReport &report)
{
    QJsonArray lines;
    for (const RegisterImportLine &line : report.lines) {
        QJsonObject object {{QStringLiteral("feature"), line.feature},
            {QStringLiteral("action"), importActionKey(line.action)},
            {QStringLiteral("name"), line.name}};
        if (!line.code.isEmpty())
            object.insert(QStringLiteral("code"), line.code);
        if (line.action != RegisterImportLine::Action::Refused)
            object.insert(QStringLiteral("grid"), line.grid);
        if (!line.reason.isEmpty())
            object.insert(QStringLiteral("reason"), line.reason);
        lines << object;
    }
    return QJsonObject {{QStringLiteral("file"), report.file},
        {QStringLiteral("kind"), report.kind}, {QStringLiteral("driver"), report.driver},
        {QStringLiteral("encoding"), report.encoding}, {QStringLiteral("dry_run"), report.dryRun},
        {QStringLiteral("written"), report.written}, {QStringLiteral("features"), report.features},
        {QStringLiteral("created"), report.created}, {QStringLiteral("updated"), report.updated},
        {QStringLiteral("unchanged"), report.unchanged},
        {QStringLiteral("refused"), report.refused},
        {QStringLiteral("outside_grids"), report.outsideGrids},
        {QStringLiteral("notes"), QJsonArray::fromStringList(report.notes)},
        {QStringLiteral("lines"), lines}};
}

void printReport(Context &context, const RegisterImportReport &report)
{
    context.out << Tr::tr("%1: %n feature(s) as %2", nullptr, int(report.features))
                       .arg(report.file, report.kind)
                << ": "
                << Tr::tr("%1 created, %2 updated, %3 unchanged, %4 refused")
                       .arg(report.created)
                       .arg(report.updated)
                       .arg(report.unchanged)
                       .arg(report.refused)
                << '\n';
    context.out << Tr::tr("  encoding: %1").arg(report.encoding) << '\n';
    if (report.outsideGrids > 0)
        context.out << "  "
                    << Tr::tr("%n entry(ies) lie outside every grid", nullptr,
                           int(report.outsideGrids))
                    << '\n';
    for (const QString &note : report.notes)
        context.out << "  " << note << '\n';
    for (const RegisterImportLine &line : report.lines) {
        if (line.action == RegisterImportLine::Action::Refused)
            context.out << "  "
                        << Tr::tr("feature %1 refused: %2").arg(line.feature).arg(line.reason)
                        << '\n';
    }
    if (report.dryRun)
        context.out << Tr::tr("Dry run: nothing was written.") << '\n';
}

QJsonArray entriesJson(const QList<RegisterEntry> &entries)
{
    QJsonArray array;
    for (const RegisterEntry &entry : entries)
        array << entry.toJson();
    return array;
}

} // namespace

int importRegisterCommand(Context &context)
{
    if (context.positional.size() != 3)
        return usageError(context, Tr::tr("import-register needs a WORKSPACE and a FILE."));
    if (!context.isSet("kind"))
        return usageError(context, Tr::tr("import-register needs --kind KIND."));

    RegisterImportOptions options;
    options.kind = context.value("kind");
    options.dryRun = context.isSet("dry-run");
    options.skipRefused = context.isSet("skip-refused");
    if (context.isSet("layer"))
        options.layer = context.value("layer");
    if (context.isSet("encoding"))
        options.encoding = context.value("encoding");
    if (context.isSet("source-crs"))
        options.sourceCrs = context.value("source-crs");
    if (context.isSet("mapping")) {
        auto mapping = RegisterMapping::load(context.value("mapping"));
        if (!mapping)
            return failWith(context, mapping.error());
        options.mapping = *mapping;
    }
    auto workspace = openExistingWorkspace(context.positional.at(1));
    if (!workspace)
        return failWith(context, workspace.error());
    auto schema = RegisterSchema::load(**workspace);
    if (!schema)
        return failWith(context, schema.error());
    if (!schema->kind(options.kind))
        return usageError(context,
            Tr::tr("unknown kind \"%1\"; use one of %2.")
                .arg(options.kind, schema->kindKeys().join(QStringLiteral(", "))));
    options.importedBy = Tr::tr("command line");
    if (context.isSet("as")) {
        auto user = actingUser(context, **workspace);
        if (!user)
            return failWith(context, user.error());
        options.importedBy = user->name;
    }

    auto report = importRegister(**workspace, context.positional.at(2), options);
    if (!report)
        return failWith(context, report.error());
    if (context.isSet("json"))
        printJson(context, reportJson(*report));
    else
        printReport(context, *report);
    if (!report->dryRun && !report->written)
        return failWith(context,
            Error {ErrorCode::InvalidRow,
                Tr::tr("nothing was imported: %n feature(s) refused. Correct the file or the "
                       "mapping, or import the rest with --skip-refused.",
                    nullptr, int(report->refused))});
    return OK;
}

namespace {

/// The point and radius of --near LON,LAT [--within M]; empty when they do not read.
std::optional<std::pair<GeoPoint, double>> nearOption(const Context &context)
{
    const QStringList parts = context.value("near").split(u',');
    bool lonOk = false;
    bool latOk = false;
    const GeoPoint point {parts.value(0).toDouble(&lonOk), parts.value(1).toDouble(&latOk)};
    bool withinOk = true;
    const double within =
        context.isSet("within") ? context.value("within").toDouble(&withinOk) : 50.0;
    if (parts.size() != 2 || !lonOk || !latOk || !withinOk || within <= 0)
        return std::nullopt;
    return std::pair {point, within};
}

/// The --stale-days period: empty when not given, 0 when it is not a whole number of days
/// from 1 to 36 500.
std::optional<int> staleDaysOption(const Context &context)
{
    if (!context.isSet("stale-days"))
        return std::nullopt;
    bool ok = false;
    const int days = context.value("stale-days").trimmed().toInt(&ok);
    return ok && days >= 1 && days <= 36'500 ? days : 0;
}

int printCounts(Context &context, const RegisterBook &book, const RegisterQuery &query,
    const QDateTime &at, std::optional<int> staleDays)
{
    auto counts = book.counts(query.gridCode, at, staleDays);
    if (!counts)
        return failWith(context, counts.error());
    QJsonArray array;
    for (const KindCount &count : *counts) {
        array << QJsonObject {{QStringLiteral("kind"), count.kind},
            {QStringLiteral("entries"), count.entries}, {QStringLiteral("stale"), count.stale}};
        if (!context.isSet("json"))
            context.out << Tr::tr("%1: %2 entries, %3 stale")
                               .arg(count.kind)
                               .arg(count.entries)
                               .arg(count.stale)
                        << '\n';
    }
    if (context.isSet("json"))
        printJson(context, array);
    return OK;
}

/// The entries masked, or revealed (and recorded) when --reveal asks and user may.
Result<QList<RegisterEntry>> shownEntries(const Context &context, Workspace &workspace,
    const RegisterBook &book, const QList<RegisterEntry> &entries,
    const std::optional<LocalUser> &user)
{
    if (context.isSet("reveal"))
        return revealEntries(workspace, book.schema(), entries, user->name, user->role,
            context.value("reason"), QDateTime::currentDateTimeUtc());
    QList<RegisterEntry> shown;
    for (const RegisterEntry &entry : entries)
        shown << maskedEntry(book.schema(), entry);
    return shown;
}

/// Prints entries masked, or revealed (and recorded) when --reveal asks and user may.
int printEntries(Context &context, Workspace &workspace, const RegisterBook &book,
    const QList<RegisterEntry> &entries, const std::optional<LocalUser> &user)
{
    auto revealedOrMasked = shownEntries(context, workspace, book, entries, user);
    if (!revealedOrMasked)
        return failWith(context, revealedOrMasked.error());
    const QList<RegisterEntry> &shown = *revealedOrMasked;
    const bool reveal = context.isSet("reveal");

    if (context.isSet("json")) {
        printJson(context,
            QJsonObject {{QStringLiteral("masked"), !reveal},
                {QStringLiteral("count"), shown.size()},
                {QStringLiteral("entries"), entriesJson(shown)}});
        return OK;
    }
    for (const RegisterEntry &entry : std::as_const(shown))
        context.out << entry.code << '\t' << entry.kind << '\t' << entry.gridCode << '\t'
                    << entry.name << '\t' << entry.address << '\n';
    return OK;
}

/// The stale entries (ordered by grid) cut into runs of one grid each.
QList<QList<RegisterEntry>> byGrid(const QList<RegisterEntry> &entries)
{
    QList<QList<RegisterEntry>> runs;
    for (const RegisterEntry &entry : entries) {
        if (runs.isEmpty() || runs.last().first().gridCode != entry.gridCode)
            runs.append(QList<RegisterEntry> {});
        runs.last() << entry;
    }
    return runs;
}

/// When an entry was last verified and by whom, for a patrol's list.
QString lastVerified(const RegisterEntry &entry)
{
    if (!entry.verifiedAt.isValid())
        return Tr::tr("never verified");
    return Tr::tr("verified %1 by %2")
        .arg(entry.verifiedAt.toString(Qt::ISODate), entry.verifiedBy);
}

/// Prints the entries due a visit grid by grid, masked as printEntries() masks them.
int printStale(Context &context, Workspace &workspace, const RegisterBook &book,
    const QList<RegisterEntry> &entries, const std::optional<LocalUser> &user, const QDateTime &at,
    std::optional<int> staleDays)
{
    auto shown = shownEntries(context, workspace, book, entries, user);
    auto grids = shown ? workspace.grids({}, false) : std::unexpected(shown.error());
    if (!grids)
        return failWith(context, grids.error());
    QHash<QString, QString> gridNames;
    for (const Grid &grid : std::as_const(*grids))
        gridNames.insert(grid.code, grid.name);
    const QList<QList<RegisterEntry>> runs = byGrid(*shown);

    if (context.isSet("json")) {
        QJsonArray gridsJson;
        for (const QList<RegisterEntry> &run : runs) {
            QJsonArray codes;
            for (const RegisterEntry &entry : run)
                codes << entry.code;
            const QString code = run.first().gridCode;
            gridsJson << QJsonObject {{QStringLiteral("grid"), code},
                {QStringLiteral("name"), gridNames.value(code)},
                {QStringLiteral("count"), run.size()}, {QStringLiteral("codes"), codes}};
        }
        printJson(context,
            QJsonObject {{QStringLiteral("masked"), !context.isSet("reveal")},
                {QStringLiteral("at"), at.toString(Qt::ISODate)},
                {QStringLiteral("stale_days"), staleDays ? QJsonValue(*staleDays) : QJsonValue()},
                {QStringLiteral("count"), shown->size()}, {QStringLiteral("grids"), gridsJson},
                {QStringLiteral("entries"), entriesJson(*shown)}});
        return OK;
    }

    context.out << (staleDays ? Tr::tr("Due a visit at %1: not verified for more than %n day(s).",
                        nullptr, *staleDays)
                                    .arg(at.toString(Qt::ISODate))
                              : Tr::tr("Due a visit at %1: not verified within the period of "
                                       "their kind.")
                                    .arg(at.toString(Qt::ISODate)))
                << '\n';
    for (const QList<RegisterEntry> &run : runs) {
        const QString code = run.first().gridCode;
        const QString grid = code.isEmpty() ? Tr::tr("Outside every grid")
                                            : Tr::tr("Grid %1 %2").arg(code, gridNames.value(code));
        context.out << grid.trimmed() << ": "
                    << Tr::tr("%n entry(ies) due a visit", nullptr, int(run.size())) << '\n';
        for (const RegisterEntry &entry : run)
            context.out << "  " << entry.code << '\t' << entry.kind << '\t' << entry.name << '\t'
                        << entry.address << '\t' << lastVerified(entry) << '\n';
    }
    context.out << Tr::tr("%n entry(ies) due a visit in all", nullptr, int(shown->size())) << '\n';
    return OK;
}

/// What a case reported at --near and --address would be offered: entries nearby and at the
/// address, nearest first, read again unmasked for printEntries() to mask or reveal.
Result<QList<RegisterEntry>> offeredEntries(const RegisterBook &book, const Context &context,
    const std::optional<std::pair<GeoPoint, double>> &near)
{
    auto offers = CaseLinks::offers(book, near ? std::optional(near->first) : std::nullopt,
        context.value("address"), near ? near->second : CaseLinks::DEFAULT_METRES);
    if (!offers)
        return std::unexpected(offers.error());
    QList<RegisterEntry> entries;
    for (const EntryOffer &offer : std::as_const(*offers)) {
        auto entry = book.entry(offer.entry.code);
        if (!entry)
            return std::unexpected(entry.error());
        if (*entry)
            entries << **entry;
    }
    return entries;
}

} // namespace

int registerCommand(Context &context)
{
    if (context.positional.size() != 2)
        return usageError(context, Tr::tr("register needs a WORKSPACE."));
    if (context.isSet("reveal") && (!context.isSet("as") || !context.isSet("reason")))
        return usageError(context, Tr::tr("--reveal needs --as USER and --reason TEXT."));
    const std::optional<QDateTime> at = timeOption(context);
    if (!at)
        return usageError(context, Tr::tr("--at takes a date or an ISO date and time."));
    const auto near = context.isSet("near") ? nearOption(context) : std::nullopt;
    if (context.isSet("near") && !near)
        return usageError(context, Tr::tr("--near takes LON,LAT and --within metres."));
    const std::optional<int> staleDays = staleDaysOption(context);
    if (staleDays == 0)
        return usageError(context,
            Tr::tr("--stale-days takes a whole number of days from 1 to 36500, not \"%1\".")
                .arg(context.value("stale-days")));
    const bool staleList = context.isSet("stale") || staleDays;

    auto workspace = openExistingWorkspace(context.positional.at(1));
    auto book = workspace ? RegisterBook::load(**workspace) : std::unexpected(workspace.error());
    if (!book)
        return failWith(context, book.error());
    std::optional<LocalUser> user;
    if (context.isSet("as")) {
        auto acting = actingUser(context, **workspace);
        if (!acting)
            return failWith(context, acting.error());
        user = *acting;
    }
    RegisterQuery query;
    if (context.isSet("grid"))
        query.gridCode = context.value("grid");
    if (context.isSet("code"))
        query.code = context.value("code");
    if (context.isSet("kind")) {
        if (!book->schema().kind(context.value("kind")))
            return usageError(context,
                Tr::tr("unknown kind \"%1\"; use one of %2.")
                    .arg(context.value("kind"),
                        book->schema().kindKeys().join(QStringLiteral(", "))));
        query.kind = context.value("kind");
    }
    if (context.isSet("counts"))
        return printCounts(context, *book, query, *at, staleDays);

    auto entries = context.isSet("search")
        ? RegisterSearch::byNameOrAddress(*book, context.value("search"), query, -1)
        : context.isSet("address") ? offeredEntries(*book, context, near)
        : near                     ? book->near(near->first, near->second)
        : staleList                ? book->stale(query.gridCode, *at, staleDays)
                                   : book->entries(query);
    if (!entries)
        return failWith(context, entries.error());
    // Near and stale lists are not narrowed by the database; a kind asked for narrows them here.
    if (query.kind)
        entries->removeIf([&](const RegisterEntry &entry) { return entry.kind != *query.kind; });
    if (staleList && !near && !context.isSet("search") && !context.isSet("address"))
        return printStale(context, **workspace, *book, *entries, user, *at, staleDays);
    return printEntries(context, **workspace, *book, *entries, user);
}

int registerEntryCommand(Context &context)
{
    if (context.positional.size() != 3)
        return usageError(context, Tr::tr("register-entry needs a WORKSPACE and a CODE."));
    const QString code = context.positional.at(2).trimmed();
    auto workspace = openExistingWorkspace(context.positional.at(1));
    auto book = workspace ? RegisterBook::load(**workspace) : std::unexpected(workspace.error());
    auto setup = book ? WorkflowSetup::load(**workspace) : std::unexpected(book.error());
    if (!setup)
        return failWith(context, setup.error());
    auto entry = book->entry(code);
    if (!entry)
        return failWith(context, entry.error());
    if (!*entry)
        return failWith(context,
            Error {ErrorCode::NotFound, Tr::tr("The register has no entry %1.").arg(code)});
    CaseBook cases(**workspace, std::move(*setup));
    CaseLinks links(*book, cases);
    auto linked = links.ofEntry(code);
    if (!linked)
        return failWith(context, linked.error());

    const RegisterEntry shown = maskedEntry(book->schema(), **entry);
    QJsonArray array;
    for (const CaseLink &link : std::as_const(*linked)) {
        auto record = cases.record(link.caseId);
        if (!record)
            return failWith(context, record.error());
        array << QJsonObject {{QStringLiteral("case"), link.caseId},
            {QStringLiteral("role"), linkRoleKey(link.role)},
            {QStringLiteral("state"), record->state},
            {QStringLiteral("category"), record->category},
            {QStringLiteral("descriptor"), record->descriptor},
            {QStringLiteral("created"), record->created.toIso()},
            {QStringLiteral("linked_by"), link.linkedBy},
            {QStringLiteral("linked_at"), link.linkedAt.toString(Qt::ISODate)}};
        if (!context.isSet("json"))
            context.out << link.caseId << '\t' << linkRoleKey(link.role) << '\t' << record->state
                        << '\t' << record->category << '\t' << record->descriptor << '\n';
    }
    if (context.isSet("json")) {
        QJsonObject json = shown.toJson();
        json.insert(QStringLiteral("masked"), true);
        json.insert(QStringLiteral("cases"), array);
        printJson(context, json);
    } else if (linked->isEmpty()) {
        context.out << Tr::tr("%1 (%2 %3) has no cases.").arg(code, shown.kind, shown.name) << '\n';
    }
    return OK;
}

int registerHistoryCommand(Context &context)
{
    if (context.positional.size() != 3)
        return usageError(context, Tr::tr("register-history needs a WORKSPACE and a CODE."));
    auto workspace = openExistingWorkspace(context.positional.at(1));
    auto book = workspace ? RegisterBook::load(**workspace) : std::unexpected(workspace.error());
    if (!book)
        return failWith(context, book.error());
    auto history = book->history(context.positional.at(2));
    if (!history)
        return failWith(context, history.error());
    if (history->isEmpty())
        return failWith(context,
            Error {ErrorCode::NotFound,
                Tr::tr("The register has no entry %1.").arg(context.positional.at(2))});
    QJsonArray array;
    for (const RegisterChange &change : *history) {
        QJsonObject object {{QStringLiteral("version"), change.version},
            {QStringLiteral("action"), change.action}, {QStringLiteral("by"), change.changedBy},
            {QStringLiteral("at"), change.changedAt.toString(Qt::ISODate)},
            {QStringLiteral("note"), change.note}};
        // The entry as it was is masked like every other view of the register.
        if (change.before)
            object.insert(
                QStringLiteral("before"), maskedEntry(book->schema(), *change.before).toJson());
        array << object;
        if (!context.isSet("json"))
            context.out << change.changedAt.toString(Qt::ISODate) << '\t' << change.version << '\t'
                        << change.action << '\t' << change.changedBy << '\t' << change.note << '\n';
    }
    if (context.isSet("json"))
        printJson(context, array);
    return OK;
}

int registerVerifyCommand(Context &context)
{
    if (context.positional.size() != 3 || !context.isSet("as"))
        return usageError(
            context, Tr::tr("register-verify needs a WORKSPACE, a CODE and --as USER."));
    const std::optional<QDateTime> at = timeOption(context);
    if (!at)
        return usageError(context, Tr::tr("--at takes a date or an ISO date and time."));
    auto workspace = openExistingWorkspace(context.positional.at(1));
    auto book = workspace ? RegisterBook::load(**workspace) : std::unexpected(workspace.error());
    if (!book)
        return failWith(context, book.error());
    auto user = actingUser(context, **workspace);
    if (!user)
        return failWith(context, user.error());
    auto verified = book->verify(context.positional.at(2), user->name, *at);
    if (!verified)
        return failWith(context, verified.error());
    context.out << Tr::tr("%1 verified by %2 at %3")
                       .arg(verified->code, verified->verifiedBy,
                           verified->verifiedAt.toString(Qt::ISODate))
                << '\n';
    return OK;
}

int registerMergeCommand(Context &context)
{
    if (context.positional.size() != 3 || !context.isSet("into") || !context.isSet("as"))
        return usageError(context,
            Tr::tr("register-merge needs a WORKSPACE, the CODE of the duplicate, --into CODE and "
                   "--as USER."));
    auto workspace = openExistingWorkspace(context.positional.at(1));
    auto book = workspace ? RegisterBook::load(**workspace) : std::unexpected(workspace.error());
    if (!book)
        return failWith(context, book.error());
    auto user = actingUser(context, **workspace);
    if (!user)
        return failWith(context, user.error());
    auto merged = book->merge(context.value("into"), context.positional.at(2), user->name,
        QDateTime::currentDateTimeUtc());
    if (!merged)
        return failWith(context, merged.error());
    context.out << Tr::tr("%1 merged into %2; both histories are kept.")
                       .arg(context.positional.at(2), merged->code)
                << '\n';
    return OK;
}

int registerFieldCommand(Context &context)
{
    if (context.positional.size() != 4)
        return usageError(context, Tr::tr("register-field needs a WORKSPACE, a KIND and a KEY."));
    const auto type =
        fieldTypeFromKey(context.isSet("type") ? context.value("type") : QStringLiteral("text"));
    if (!type)
        return usageError(context, Tr::tr("--type is one of text, integer, number, date."));
    const auto personal = personalClassFromKey(context.value("personal"));
    if (!personal)
        return usageError(context, Tr::tr("--personal is one of name, id_number, phone, address."));
    auto workspace = openExistingWorkspace(context.positional.at(1));
    if (!workspace)
        return failWith(context, workspace.error());
    FieldDefinition field {context.positional.at(2), context.positional.at(3),
        context.value("title"), context.value("title-zh"), *type, *personal,
        context.isSet("identifying")};
    if (auto defined = RegisterSchema::defineField(**workspace, field); !defined)
        return failWith(context, defined.error());
    context.out << Tr::tr("%1 entries now have the field %2.").arg(field.kind, field.key) << '\n';
    return OK;
}

} // namespace GridDesk::Cli
