// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "serverbook.h"

#include "audit.h"
#include "logging.h"

#include "domain/text.h"
#include "gis/gridlocator.h"
#include "org/personaldata.h"
#include "register/registerprivacy.h"
#include "storage/workspace.h"
#include "sync/feedapplier.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Server)
};

using Sync::CommandResult;
using Sync::Refusal;

/// How many events the feed reads at a time while it looks for cases an account may see.
constexpr int FEED_SCAN_CHUNK = 5000;

CommandResult refused(const QString &id, Refusal refusal, const QString &reason, int version = 0)
{
    CommandResult result;
    result.id = id;
    result.refusal = refusal;
    result.reason = reason;
    result.version = version;
    return result;
}

Result<void> run(QSqlQuery &query, const QString &doing)
{
    if (query.exec())
        return {};
    return fail(ErrorCode::Database, QStringLiteral("%1: %2").arg(doing, query.lastError().text()));
}

const QString EARLIER_ANSWER_SQL = QStringLiteral(
    "SELECT user_name, status, code, reason, version FROM server_commands WHERE command_id = ?");
const QString RECORD_ANSWER_SQL = QStringLiteral(
    "INSERT INTO server_commands (command_id, user_name, received_at, kind, case_source, "
    "case_external_id, status, code, reason, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
const QString CASE_BY_KEY_SQL =
    QStringLiteral("SELECT fid FROM cases WHERE source = ? AND external_id = ?");

} // namespace

struct ServerBook::PushStatements
{
    explicit PushStatements(const QSqlDatabase &database)
        : earlier(database)
        , record(database)
        , caseByKey(database)
    {
        // A statement that cannot be prepared fails, and says why, where it runs.
        for (auto [query, sql] :
            {std::pair {&earlier, &EARLIER_ANSWER_SQL}, std::pair {&record, &RECORD_ANSWER_SQL},
                std::pair {&caseByKey, &CASE_BY_KEY_SQL}}) {
            query->setForwardOnly(true);
            query->prepare(*sql);
        }
    }

    QSqlQuery earlier;
    QSqlQuery record;
    QSqlQuery caseByKey;
};

ServerBook::PushScope::PushScope(ServerBook &book)
    : m_book(book)
    , m_histories(*book.m_book)
{
    if (m_book.m_push)
        return;
    m_book.m_push = std::make_unique<PushStatements>(m_book.m_store.database());
    m_owner = true;
}

ServerBook::PushScope::~PushScope()
{
    if (m_owner)
        m_book.m_push.reset();
}

Result<std::optional<qint64>> ServerBook::caseIdOf(const Sync::CaseKey &key) const
{
    if (!m_push)
        return Sync::caseIdOf(m_store, key);
    QSqlQuery &query = m_push->caseByKey;
    query.addBindValue(key.source);
    query.addBindValue(key.externalId);
    if (auto read = run(query, Tr::tr("Finding case %1 %2").arg(key.source, key.externalId)); !read)
        return std::unexpected(read.error());
    std::optional<qint64> found;
    if (query.next())
        found = query.value(0).toLongLong();
    query.finish();
    return found;
}

ServerBook::ServerBook(Workspace &store)
    : m_store(store)
{ }

ServerBook::~ServerBook() = default;

Result<std::unique_ptr<ServerBook>> ServerBook::open(Workspace &store)
{
    std::unique_ptr<ServerBook> book(new ServerBook(store));
    if (auto loaded = book->reload(); !loaded)
        return std::unexpected(loaded.error());
    return book;
}

namespace {
/// The newest grid edition and org chart revision in store.
Result<std::pair<qint64, qint64>> storeMarks(const Workspace &store)
{
    QSqlQuery query(store.database());
    if (!query.exec(QStringLiteral("SELECT (SELECT coalesce(max(number), 0) FROM grid_editions), "
                                   "(SELECT coalesce(max(revision), 0) FROM org_history)"))
        || !query.next())
        return fail(ErrorCode::Database,
            Tr::tr("Reading the store's editions failed: %1")
                .arg(query.lastError().text().trimmed()));
    return std::pair(query.value(0).toLongLong(), query.value(1).toLongLong());
}
} // namespace

Result<void> ServerBook::followStore()
{
    auto marks = storeMarks(m_store);
    if (!marks)
        return std::unexpected(marks.error());
    if (*marks == m_readAt)
        return {};
    qCInfo(lcServer) << "the store moved to edition" << marks->first << "and org revision"
                     << marks->second << "; reading it again";
    return reload();
}

Result<void> ServerBook::reload()
{
    auto marks = storeMarks(m_store);
    if (!marks)
        return std::unexpected(marks.error());
    auto setup = WorkflowSetup::load(m_store);
    if (!setup)
        return std::unexpected(setup.error());
    auto grids = m_store.grids();
    if (!grids)
        return std::unexpected(grids.error());
    auto locator = std::make_unique<GridLocator>();
    if (auto built = locator->build(*grids); !built)
        return std::unexpected(built.error());
    QHash<QString, QString> parents;
    for (const Grid &grid : *grids)
        parents.insert(grid.code, grid.parentCode);

    QSqlQuery query(m_store.database());
    query.prepare(QStringLiteral("SELECT code, jurisdiction FROM org_unit_details"));
    if (auto read = run(query, Tr::tr("Reading the units' jurisdictions")); !read)
        return read;
    QHash<QString, QStringList> jurisdictions;
    while (query.next()) {
        jurisdictions.insert(
            query.value(0).toString(), query.value(1).toString().split(u';', Qt::SkipEmptyParts));
    }

    if (m_book)
        m_book->setSetup(std::move(*setup));
    else
        m_book = std::make_unique<CaseBook>(m_store, std::move(*setup));
    m_locator = std::move(locator);
    m_register.reset(); // places entries in the grids read now, when next asked
    m_gridParents = std::move(parents);
    m_jurisdictions = std::move(jurisdictions);
    m_unitGrids.clear();
    m_readAt = *marks;
    return {};
}

bool ServerBook::isTop(const QString &unitCode) const
{
    const auto unit = m_book->setup().units.unit(unitCode);
    return unit && unit->parentCode.isEmpty() && !unit->retired;
}

const QSet<QString> &ServerBook::gridsOf(const QString &unitCode) const
{
    auto found = m_unitGrids.constFind(unitCode);
    if (found != m_unitGrids.constEnd())
        return *found;
    QSet<QString> grids;
    const OrgDirectory &units = m_book->setup().units;
    for (const OrgUnit &unit : units.units()) {
        if (!units.isWithin(unit.code, unitCode))
            continue;
        grids.insert(unit.code); // a unit made from a boundary file answers for its grid
        for (const QString &grid : m_jurisdictions.value(unit.code))
            grids.insert(grid);
    }
    return *m_unitGrids.insert(unitCode, grids);
}

bool ServerBook::sees(const Account &account, const CaseRecord &record) const
{
    if (isTop(account.unitCode))
        return true;
    if (!m_book->setup().units.contains(account.unitCode))
        return false;
    const OrgDirectory &units = m_book->setup().units;
    if (!record.leadUnit.isEmpty() && units.isWithin(record.leadUnit, account.unitCode))
        return true;
    for (const QString &unit : record.coUnits) {
        if (units.isWithin(unit, account.unitCode))
            return true;
    }
    return answersFor(account.unitCode, record.gridCode);
}

Result<CommandResult> ServerBook::answerOnce(const Account &account, const QString &commandId,
    const QString &kind, const Sync::CaseKey &key,
    const std::function<Result<CommandResult>()> &decision)
{
    return m_store.transaction<CommandResult>([&]() -> Result<CommandResult> {
        std::optional<QSqlQuery> own;
        if (!m_push) {
            own.emplace(m_store.database());
            own->prepare(EARLIER_ANSWER_SQL);
        }
        QSqlQuery &earlier = m_push ? m_push->earlier : *own;
        earlier.addBindValue(commandId);
        if (auto read = run(earlier, Tr::tr("Reading earlier answers")); !read)
            return std::unexpected(read.error());
        if (earlier.next()) {
            if (earlier.value(0).toString() != account.name) {
                return refused(commandId, Refusal::IdInUse,
                    Tr::tr("Another account already sent a command with id %1.").arg(commandId));
            }
            CommandResult result;
            result.id = commandId;
            result.applied = earlier.value(1).toString() == QLatin1String("applied");
            if (!result.applied) {
                result.refusal = Sync::refusalFromKey(earlier.value(2).toString());
                result.reason = earlier.value(3).toString();
            }
            result.version = earlier.value(4).toInt();
            result.repeated = true;
            earlier.finish();
            return result;
        }
        earlier.finish();

        auto result = decision();
        if (!result)
            return result;
        std::optional<QSqlQuery> ownRecord;
        if (!m_push) {
            ownRecord.emplace(m_store.database());
            ownRecord->prepare(RECORD_ANSWER_SQL);
        }
        QSqlQuery &record = m_push ? m_push->record : *ownRecord;
        record.addBindValue(commandId);
        record.addBindValue(account.name);
        record.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
        record.addBindValue(kind);
        record.addBindValue(key.source.isNull() ? QStringLiteral("") : key.source);
        record.addBindValue(key.externalId.isNull() ? QStringLiteral("") : key.externalId);
        record.addBindValue(
            result->applied ? QStringLiteral("applied") : QStringLiteral("rejected"));
        record.addBindValue(
            result->refusal ? Sync::refusalKey(*result->refusal) : QStringLiteral(""));
        record.addBindValue(result->reason.isNull() ? QStringLiteral("") : result->reason);
        record.addBindValue(result->version);
        if (auto written = run(record, Tr::tr("Recording the answer")); !written)
            return std::unexpected(written.error());
        if (!result->applied) {
            qCInfo(lcServer) << "refused command" << commandId << "of" << account.name << ":"
                             << Sync::refusalKey(*result->refusal) << result->reason;
        }
        return result;
    });
}

Result<CommandResult> ServerBook::apply(const Account &account, const QJsonValue &json)
{
    const QString sentId = json.toObject().value(QLatin1String("id")).toString();
    if (Sync::isEditionCommand(json)) {
        auto edition = Sync::editionCommandFromJson(json);
        if (!edition)
            return refused(Sync::isCommandId(sentId) ? sentId : QString(), Refusal::Invalid,
                edition.error().message);
        auto answered = answerOnce(account, edition->id, QStringLiteral("edition"), {},
            [&] { return applyEdition(account, *edition); });
        // The new grids place the reports that come next.
        if (answered && answered->applied && !answered->repeated) {
            if (auto reloaded = reload(); !reloaded)
                return std::unexpected(reloaded.error());
        }
        return answered;
    }

    if (Sync::isRegisterCommand(json)) {
        auto change = Sync::registerCommandFromJson(json);
        if (!change)
            return refused(Sync::isCommandId(sentId) ? sentId : QString(), Refusal::Invalid,
                change.error().message);
        auto answered = answerOnce(account, change->id, QStringLiteral("register"), {},
            [&] { return applyRegister(account, *change); });
        if (!answered || answered->applied || answered->refusal == Refusal::IdInUse)
            return answered;
        auto now = registerItem(account, change->entry.code);
        if (!now)
            return std::unexpected(now.error());
        if (*now)
            answered->currentEntry = std::make_shared<const Sync::RegisterItem>(**now);
        return answered;
    }

    if (Sync::isOrgCommand(json)) {
        auto org = Sync::orgCommandFromJson(json);
        if (!org)
            return refused(Sync::isCommandId(sentId) ? sentId : QString(), Refusal::Invalid,
                org.error().message);
        auto answered = answerOnce(
            account, org->id, QStringLiteral("org"), {}, [&] { return applyOrg(account, *org); });
        // The units' jurisdictions decide who sees which case from the next request on.
        if (answered && answered->applied && !answered->repeated) {
            if (auto reloaded = reload(); !reloaded)
                return std::unexpected(reloaded.error());
        }
        return answered;
    }

    auto command = Sync::commandFromJson(json);
    if (!command) {
        return refused(Sync::isCommandId(sentId) ? sentId : QString(), Refusal::Invalid,
            command.error().message);
    }
    auto answered = answerOnce(account, command->id,
        command->kind == Sync::Command::Kind::Report ? QStringLiteral("report")
                                                     : QStringLiteral("act"),
        command->key, [&] { return decide(account, *command); });
    if (!answered || answered->applied || answered->refusal == Refusal::IdInUse)
        return answered;
    auto now = current(account, command->key);
    if (!now)
        return std::unexpected(now.error());
    answered->current = *now;
    return answered;
}

bool ServerBook::answersFor(const QString &unitCode, const QString &gridCode) const
{
    if (isTop(unitCode))
        return true;
    const QSet<QString> &grids = gridsOf(unitCode);
    // Up the grid's parents: a fine grid lies in its base grid's jurisdiction. The bound keeps
    // a circle of parents, which another program may have written, from running forever.
    QString grid = gridCode;
    for (int depth = 0; !grid.isEmpty() && depth < 32; ++depth) {
        if (grids.contains(grid))
            return true;
        grid = m_gridParents.value(grid);
    }
    return false;
}

Result<CommandResult> ServerBook::applyEdition(
    const Account &account, const Sync::EditionCommand &command)
{
    if (account.role != Role::Supervisor && account.role != Role::Leader) {
        auditRefused(account, QStringLiteral("%1 grid edition: role").arg(command.id));
        return refused(command.id, Refusal::Forbidden,
            Tr::tr("Only supervisors and leaders publish grid editions; this account's role is "
                   "%1.")
                .arg(roleName(account.role)));
    }
    if (!m_centralServer.isEmpty()) {
        return refused(command.id, Refusal::NotAllowed,
            Tr::tr("This server takes its grid map from %1; grid editions are published there.")
                .arg(m_centralServer));
    }
    auto editions = GridEditions::list(m_store);
    if (!editions)
        return std::unexpected(editions.error());
    const int last = editions->isEmpty() ? 0 : editions->last().number;
    if (command.basedOn != last) {
        return refused(command.id, Refusal::Conflict,
            Tr::tr("The grid map is at edition %1 on the server; this draft was drawn on edition "
                   "%2. Sync to take the newer edition in, check the draft against it and publish "
                   "again.")
                .arg(last)
                .arg(command.basedOn),
            last);
    }

    // Every grid the edition touches, as it is now or as it will be, must lie in the
    // account's jurisdiction: a new grid by its parent.
    QStringList outside;
    for (const Grid &grid : command.changes.grids) {
        const QString where = m_gridParents.contains(grid.code) ? grid.code : grid.parentCode;
        if (!answersFor(account.unitCode, where))
            outside << grid.code;
    }
    for (const QString &code : command.changes.deleted) {
        if (!answersFor(account.unitCode, code))
            outside << code;
    }
    if (!outside.isEmpty()) {
        auditRefused(account,
            QStringLiteral("%1 grid edition: %2")
                .arg(command.id, outside.join(QStringLiteral(", "))));
        return refused(command.id, Refusal::OutsideJurisdiction,
            Tr::tr("Grids %1 lie outside the jurisdiction of unit %2.")
                .arg(outside.join(QStringLiteral(", ")), account.unitCode));
    }

    // The draft is rebuilt on the server's grids and published by the same code as at a desk,
    // topology checks included; anything refused leaves the store as it was.
    // The publishing time is the server's: editions follow one another in its order.
    const QDateTime at = QDateTime::currentDateTimeUtc();
    const QString by = command.madeBy.isEmpty() ? account.name : command.madeBy;
    std::optional<GridEdition> published;
    auto done = m_store.transaction([&]() -> Result<void> {
        if (auto cleared = GridDraft::clearTables(m_store); !cleared)
            return cleared;
        auto draft = GridDraft::load(m_store);
        if (!draft)
            return std::unexpected(draft.error());
        GridChange change;
        change.description = command.changes.edition.note;
        change.after = command.changes.grids;
        change.lineage = command.changes.edition.lineage;
        QStringList touched = command.changes.deleted;
        for (const Grid &grid : command.changes.grids)
            touched << grid.code;
        for (const QString &code : std::as_const(touched)) {
            if (const auto now = draft->grid(code))
                change.before << *now;
        }
        if (auto applied = draft->apply(m_store, change); !applied)
            return applied;
        for (const AcceptedFinding &finding : command.accepted) {
            AcceptedFinding accepted = finding;
            accepted.acceptedBy = finding.acceptedBy.isEmpty() ? by : finding.acceptedBy;
            if (!accepted.acceptedAt.isValid())
                accepted.acceptedAt = at;
            if (auto kept = acceptFinding(m_store, accepted); !kept)
                return kept;
        }
        auto edition = GridEditions::publish(m_store, *draft, by, command.changes.edition.note, at);
        if (!edition)
            return std::unexpected(edition.error());
        published = *edition;
        return {};
    });
    if (!done) {
        if (done.error().code == ErrorCode::Database)
            return std::unexpected(done.error());
        return refused(command.id, Refusal::Invalid, done.error().message, last);
    }
    qCInfo(lcServer) << account.name << "published grid edition" << published->number << "with"
                     << published->changedCount << "changed grids," << published->rehomedCount
                     << "open cases re-homed";
    return CommandResult {command.id, true, std::nullopt, QString(), published->number};
}

namespace {

/// The tier units at the top of chart: the city's own, normally one.
QStringList topUnits(const OrgChart &chart)
{
    QStringList tops;
    for (const ChartUnit &unit : chart.units()) {
        if (unit.kind == UnitKind::Tier && unit.parentCode.isEmpty() && !unit.retired)
            tops << unit.code;
    }
    return tops;
}

} // namespace

Result<CommandResult> ServerBook::applyOrg(const Account &account, const Sync::OrgCommand &command)
{
    if (account.role != Role::Supervisor && account.role != Role::Leader) {
        auditRefused(account, QStringLiteral("%1 org chart: role").arg(command.id));
        return refused(command.id, Refusal::Forbidden,
            Tr::tr("Only supervisors and leaders change the org chart; this account's role is "
                   "%1.")
                .arg(roleName(account.role)));
    }
    if (!m_centralServer.isEmpty()) {
        return refused(command.id, Refusal::NotAllowed,
            Tr::tr("This server takes its org chart from %1; the chart is changed there.")
                .arg(m_centralServer));
    }
    auto before = OrgChart::load(m_store);
    if (!before)
        return std::unexpected(before.error());
    if (command.basedOn != before->revision()) {
        return refused(command.id, Refusal::Conflict,
            Tr::tr("The org chart is at revision %1 on the server; this change was made on "
                   "revision %2. Sync to take the newer chart in and make the change again.")
                .arg(before->revision())
                .arg(command.basedOn),
            int(before->revision()));
    }

    // Desks hold the numbers they were sent masked; masked ones that match are the server's.
    OrgParts parts = command.chart;
    keepClearNumbers(parts, *before);
    const bool everywhere = isTop(account.unitCode);
    for (Person &person : parts.people) {
        const Person *held = before->person(person.id);
        // Someone the account may not change keeps the server's numbers whatever the command
        // says, so that no answer tells a right guess at a number from a wrong one.
        if (held && !everywhere && !before->isWithin(held->unitCode, account.unitCode)) {
            if (maskPhone(person.phone) == maskPhone(held->phone))
                person.phone = held->phone;
            if (maskIdNumber(person.idNumber) == maskIdNumber(held->idNumber))
                person.idNumber = held->idNumber;
        }
        if (person.phone.contains(u'*') || person.idNumber.contains(u'*')) {
            return refused(command.id, Refusal::Invalid,
                Tr::tr("A number of person %1 holds \"*\" but is not the masked number on file; "
                       "type the whole number.")
                    .arg(person.id));
        }
    }
    auto after = OrgChart::fromParts(parts, before->revision());
    if (!after)
        return refused(command.id, Refusal::Invalid, after.error().message);
    const QStringList topBefore = topUnits(*before);
    const QStringList topAfter = topUnits(*after);
    if (topAfter != topBefore) {
        auditRefused(account, QStringLiteral("%1 org chart: top").arg(command.id));
        return refused(command.id, Refusal::NotAllowed,
            Tr::tr("The top of the org chart, %1, stays as it is through the server; this change "
                   "makes it %2.")
                .arg(topBefore.join(QStringLiteral(", ")), topAfter.join(QStringLiteral(", "))));
    }
    const QStringList outside = orgChangesOutside(account, *before, *after);
    if (!outside.isEmpty()) {
        auditRefused(account,
            QStringLiteral("%1 org chart: %2").arg(command.id, outside.join(QStringLiteral(", "))));
        return refused(command.id, Refusal::OutsideJurisdiction,
            Tr::tr("Not within unit %1 and the units below it: %2.")
                .arg(account.unitCode, outside.join(QStringLiteral(", "))));
    }

    // The history says what the server found changed, in the account's name: not what the
    // command claims.
    QList<OrgChange> changes = after->changesSince(*before, QDateTime::currentDateTimeUtc());
    for (OrgChange &change : changes) {
        change.by = account.name;
        change.command = command.id;
    }
    after->addChanges(changes);
    auto saved = m_store.transaction([&] { return after->saveWithin(m_store, account.name); });
    if (!saved)
        return std::unexpected(saved.error());
    qCInfo(lcServer) << "org chart revision" << after->revision() << "from" << account.name
                     << "with" << changes.size() << "changes";
    CommandResult result;
    result.id = command.id;
    result.applied = true;
    result.version = int(after->revision());
    return result;
}

QStringList ServerBook::orgChangesOutside(
    const Account &account, const OrgChart &before, const OrgChart &after) const
{
    // The top of the chart answers for all of it.
    if (isTop(account.unitCode))
        return {};
    const QString home = account.unitCode;
    // Within the account's units in the chart as it was, or, for what is new, as it will be.
    auto mine = [&](const QString &code) {
        return before.unit(code) ? before.isWithin(code, home) : after.isWithin(code, home);
    };
    QStringList outside;
    QSet<QString> codes;
    for (const ChartUnit &unit : before.units())
        codes.insert(unit.code);
    for (const ChartUnit &unit : after.units())
        codes.insert(unit.code);
    for (const QString &code : std::as_const(codes)) {
        const ChartUnit *was = before.unit(code);
        const ChartUnit *is = after.unit(code);
        if (was && is && *was == *is)
            continue;
        // A unit's place (its parent and tier), and whether it is there at all, belong to the
        // unit above it.
        bool allowed = mine(code);
        const bool placed =
            !was || !is || was->parentCode != is->parentCode || was->tier != is->tier;
        if (allowed && placed)
            allowed = code != home && (!is || mine(is->parentCode));
        if (!allowed) {
            outside << Tr::tr("unit %1").arg(code);
            continue;
        }
        // A unit may be given only grids the account answers for.
        if (is) {
            for (const QString &grid : is->jurisdiction) {
                if ((!was || !was->jurisdiction.contains(grid)) && !answersFor(home, grid))
                    outside << Tr::tr("grid %1").arg(grid);
            }
        }
    }
    QSet<qint64> people;
    for (const Person &person : before.people())
        people.insert(person.id);
    for (const Person &person : after.people())
        people.insert(person.id);
    for (qint64 id : std::as_const(people)) {
        const Person *was = before.person(id);
        const Person *is = after.person(id);
        if (was && is && *was == *is)
            continue;
        if ((was && !mine(was->unitCode)) || (is && !mine(is->unitCode)))
            outside << Tr::tr("person %1").arg(id);
    }
    QSet<qint64> groups;
    for (const OrgGroup &group : before.groups())
        groups.insert(group.id);
    for (const OrgGroup &group : after.groups())
        groups.insert(group.id);
    for (qint64 id : std::as_const(groups)) {
        const OrgGroup *was = before.group(id);
        const OrgGroup *is = after.group(id);
        if (was && is && *was == *is)
            continue;
        if ((was && !mine(was->unitCode)) || (is && !mine(is->unitCode)))
            outside << Tr::tr("group %1").arg(id);
    }
    outside.sort();
    outside.removeDuplicates();
    return outside;
}

Result<Sync::OrgRevision> ServerBook::orgRevision(qint64 after, bool always) const
{
    Sync::OrgRevision revision;
    revision.revision = m_store.metadata(QStringLiteral("org_revision")).toLongLong();
    if (revision.revision <= after && !always)
        return revision;
    auto chart = OrgChart::load(m_store);
    if (!chart)
        return std::unexpected(chart.error());
    OrgParts parts = chart->parts();
    maskNumbers(parts);
    revision.chart = parts;
    auto changes = OrgChart::historyAfter(m_store, after);
    if (!changes)
        return std::unexpected(changes.error());
    revision.changes = *changes;
    return revision;
}

Result<ServerBook::EditionsPage> ServerBook::editions(int after, int limit)
{
    auto all = GridEditions::list(m_store);
    if (!all)
        return std::unexpected(all.error());
    EditionsPage page;
    for (const GridEdition &edition : std::as_const(*all)) {
        if (edition.number <= after)
            continue;
        if (page.editions.size() == limit) {
            page.more = true;
            break;
        }
        auto changes = GridEditions::changes(m_store, edition.number);
        if (!changes)
            return std::unexpected(changes.error());
        page.editions << Sync::editionJson(*changes);
    }
    return page;
}

void ServerBook::auditRefusal(
    const Account &account, const Sync::Command &command, const QString &what)
{
    auditRefused(account,
        QStringLiteral("%1 on %2 %3: %4")
            .arg(command.id, command.key.source, command.key.externalId, what));
}

void ServerBook::auditRefused(const Account &account, const QString &detail)
{
    AuditEntry entry;
    entry.at = QDateTime::currentDateTimeUtc();
    entry.userName = account.name;
    entry.what = QStringLiteral("command_refused");
    entry.detail = detail;
    if (auto written = appendAudit(m_store, entry); !written)
        qCWarning(lcServer) << "could not write the audit trail:" << written.error().message;
}

std::optional<Sync::CaseKey> ServerBook::keyOf(qint64 caseId) const
{
    auto record = m_book->record(caseId);
    if (!record)
        return std::nullopt;
    return Sync::CaseKey {record->source, record->externalId};
}

Result<Sync::CaseSnapshot> ServerBook::snapshot(const CaseRecord &record) const
{
    auto file = m_book->file(record.id);
    if (!file)
        return std::unexpected(file.error());
    Sync::CaseSnapshot snapshot;
    snapshot.key = Sync::CaseKey {record.source, record.externalId};
    snapshot.record = record;
    snapshot.events = file->events();
    return snapshot;
}

Result<std::optional<Sync::CaseSnapshot>> ServerBook::current(
    const Account &account, const Sync::CaseKey &key) const
{
    auto caseId = caseIdOf(key);
    if (!caseId)
        return std::unexpected(caseId.error());
    if (!*caseId)
        return std::optional<Sync::CaseSnapshot>();
    auto record = m_book->record(**caseId);
    if (!record)
        return std::unexpected(record.error());
    if (!sees(account, *record))
        return std::optional<Sync::CaseSnapshot>();
    auto made = snapshot(*record);
    if (!made)
        return std::unexpected(made.error());
    return std::optional<Sync::CaseSnapshot>(*made);
}

Result<ActionRequest> ServerBook::actingFor(
    const Account &account, const Sync::Command &command) const
{
    ActionRequest request = command.request;
    if (account.role != Role::System) {
        // Whatever the desk says, the account acts.
        request.actor = account.name;
        request.role = account.role;
        request.actorUnit = account.unitCode;
        // What only the server writes is not taken from a desk.
        request.data.remove(Sync::ORIGIN_COMMAND_KEY);
        request.data.remove(Sync::VIA_KEY);
    } else {
        // Another server relays what a person did at one of its desks: the person acts, in
        // their role, for a unit within the relaying server's own.
        if (isBlankText(request.actor)) {
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("A relayed command names the person who acted (\"made_by\")."));
        }
        if (!m_book->setup().units.isWithin(request.actorUnit, account.unitCode)) {
            return fail(ErrorCode::Forbidden,
                Tr::tr("%1 relays for unit %2, not for %3.")
                    .arg(account.name, account.unitCode,
                        request.actorUnit.isEmpty() ? Tr::tr("(none)") : request.actorUnit));
        }
        request.data.insert(Sync::VIA_KEY, account.name);
        const QJsonValue origin = request.data.value(Sync::COMMAND_KEY);
        if (origin.isString())
            request.data.insert(Sync::ORIGIN_COMMAND_KEY, origin);
    }
    request.data.insert(Sync::COMMAND_KEY, command.id);
    return request;
}

Result<CommandResult> ServerBook::decide(const Account &account, const Sync::Command &command)
{
    if (command.kind == Sync::Command::Kind::Report)
        return applyReport(account, command);
    return applyAction(account, command);
}

Result<CommandResult> ServerBook::applyReport(const Account &account, const Sync::Command &command)
{
    auto existing = caseIdOf(command.key);
    if (!existing)
        return std::unexpected(existing.error());
    if (*existing) {
        return refused(command.id, Refusal::DuplicateCase,
            Tr::tr("The server already has case %1 %2.")
                .arg(command.key.source, command.key.externalId));
    }
    CaseRecord record = command.record;
    // The server places the case itself: the desk's grids may be an edition behind.
    place(record);
    if (!sees(account, record)) {
        auditRefusal(account, command,
            QStringLiteral("a report in grid %1, outside unit %2")
                .arg(record.gridCode, account.unitCode));
        return refused(command.id, Refusal::OutsideJurisdiction,
            Tr::tr("Case %1 %2 lies in grid %3, outside the jurisdiction of unit %4.")
                .arg(command.key.source, command.key.externalId,
                    record.gridCode.isEmpty() ? Tr::tr("(none)") : record.gridCode,
                    account.unitCode));
    }
    auto request = actingFor(account, command);
    if (!request)
        return refused(command.id, Sync::refusalFor(request.error().code), request.error().message);
    if (!record.created.isValid())
        record.created = request->at;
    auto event = m_book->report(record, *request);
    if (!event) {
        return refused(command.id, Sync::refusalFor(event.error().code), event.error().message);
    }
    CommandResult result;
    result.id = command.id;
    result.applied = true;
    result.version = event->sequence;
    return result;
}

void ServerBook::place(CaseRecord &record) const
{
    record.id = 0;
    record.flags.clear();
    if (record.location) {
        record.gridCode = m_locator->locate(*record.location).value_or(QString());
        if (record.gridCode.isEmpty())
            record.addFlag(CaseFlags::OUTSIDE_GRIDS);
    } else {
        if (!m_gridParents.contains(record.gridCode))
            record.gridCode.clear();
        record.addFlag(CaseFlags::NO_LOCATION);
    }
}

Result<CaseEvent> ServerBook::fileReport(
    const QString &unitCode, CaseRecord &record, const ActionRequest &request)
{
    place(record);
    Account filer;
    filer.name = request.actor;
    filer.role = Role::System;
    filer.unitCode = unitCode;
    // A report without a place is the filing unit's to sort out; one with a place must lie
    // where the unit answers.
    if (record.hasFlag(CaseFlags::NO_LOCATION) && record.gridCode.isEmpty()) {
        if (!m_book->setup().units.contains(unitCode) && !isTop(unitCode))
            return fail(ErrorCode::Forbidden,
                Tr::tr("The unit %1 is not in the server's org chart.").arg(unitCode));
    } else if (!sees(filer, record)) {
        return fail(ErrorCode::Forbidden,
            Tr::tr("The report lies in grid %1, outside the jurisdiction of unit %2.")
                .arg(record.gridCode.isEmpty() ? Tr::tr("(none)") : record.gridCode, unitCode));
    }
    if (!record.created.isValid())
        record.created = request.at;
    return m_book->report(record, request);
}

Result<CommandResult> ServerBook::applyAction(const Account &account, const Sync::Command &command)
{
    auto caseId = caseIdOf(command.key);
    if (!caseId)
        return std::unexpected(caseId.error());
    if (!*caseId) {
        return refused(command.id, Refusal::UnknownCase,
            Tr::tr("The server has no case %1 %2.")
                .arg(command.key.source, command.key.externalId));
    }
    auto record = m_book->record(**caseId);
    if (!record)
        return std::unexpected(record.error());
    if (!sees(account, *record)) {
        // Answered like a case that does not exist, so that nobody learns what lies outside
        // their jurisdiction; the attempt is audited.
        auditRefusal(
            account, command, QStringLiteral("a case outside unit %1").arg(account.unitCode));
        return refused(command.id, Refusal::UnknownCase,
            Tr::tr("The server has no case %1 %2 that this account may see.")
                .arg(command.key.source, command.key.externalId));
    }

    auto acting = actingFor(account, command);
    if (!acting) {
        return refused(command.id, Sync::refusalFor(acting.error().code), acting.error().message,
            record->version);
    }
    ActionRequest request = *acting;
    if (command.into) {
        auto into = caseIdOf(*command.into);
        if (!into)
            return std::unexpected(into.error());
        std::optional<CaseRecord> target;
        if (*into) {
            auto read = m_book->record(**into);
            if (!read)
                return std::unexpected(read.error());
            target = *read;
        }
        if (target && !sees(account, *target))
            auditRefusal(account, command, QStringLiteral("a merge into a case outside its unit"));
        if (!target || !sees(account, *target)) {
            return refused(command.id, Refusal::UnknownCase,
                Tr::tr("The case to merge into, %1 %2, is not one this account can see.")
                    .arg(command.into->source, command.into->externalId),
                record->version);
        }
        request.data.insert(QStringLiteral("into"), target->id);
    }
    auto event = request.action == CaseAction::Attach ? attachUploaded(**caseId, request)
                                                      : m_book->act(**caseId, request);
    if (!event) {
        return refused(command.id, Sync::refusalFor(event.error().code), event.error().message,
            record->version);
    }
    CommandResult result;
    result.id = command.id;
    result.applied = true;
    result.version = event->sequence;
    return result;
}

Result<CaseEvent> ServerBook::attachUploaded(qint64 caseId, ActionRequest request)
{
    const QString sha256 = request.data.value(QLatin1String("sha256")).toString();
    const QString name = request.data.value(QLatin1String("name")).toString();
    if (!isFileHash(sha256) || isBlankText(name)) {
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("An attach command names its file by \"sha256\" and \"name\"."));
    }
    QSqlQuery file(m_store.database());
    file.prepare(QStringLiteral("SELECT content FROM server_files WHERE sha256 = ?"));
    file.addBindValue(sha256);
    if (auto read = run(file, Tr::tr("Reading an uploaded file")); !read)
        return std::unexpected(read.error());
    if (!file.next()) {
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("The file %1 of this attach command was never uploaded.").arg(name));
    }
    const QByteArray content = file.value(0).toByteArray();
    QString mime = request.data.value(QLatin1String("mime")).toString();
    if (mime.isEmpty())
        mime = QStringLiteral("application/octet-stream");
    for (const char *key : {"sha256", "name", "mime", "size", "attachment"})
        request.data.remove(QLatin1String(key));
    return m_book->attachContent(caseId, name, mime, content, request);
}

bool ServerBook::isFileHash(const QString &text)
{
    static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{64}$"));
    return hex.match(text).hasMatch();
}

Result<void> ServerBook::keepFile(
    const Account &account, const QString &sha256, const QByteArray &content)
{
    QSqlQuery insert(m_store.database());
    insert.prepare(QStringLiteral("INSERT INTO server_files (sha256, size, content, uploaded_by, "
                                  "uploaded_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"));
    insert.addBindValue(sha256);
    insert.addBindValue(qint64(content.size()));
    insert.addBindValue(content);
    insert.addBindValue(account.name);
    insert.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    return run(insert, Tr::tr("Keeping an uploaded file"));
}

Result<std::optional<ServerBook::File>> ServerBook::file(
    const Account &account, const QString &sha256) const
{
    QSqlQuery query(m_store.database());
    query.prepare(QStringLiteral("SELECT case_id, mime, content FROM case_attachments WHERE "
                                 "sha256 = ? ORDER BY id"));
    query.addBindValue(sha256);
    if (auto read = run(query, Tr::tr("Reading an attachment")); !read)
        return std::unexpected(read.error());
    while (query.next()) {
        auto record = m_book->record(query.value(0).toLongLong());
        if (!record)
            return std::unexpected(record.error());
        if (sees(account, *record))
            return File {query.value(2).toByteArray(), query.value(1).toString()};
    }
    return std::optional<File>();
}

Result<ServerBook::FeedPage> ServerBook::feed(const Account &account, qint64 after, int limit) const
{
    limit = std::clamp(limit, 1, Sync::MAX_CASES_PER_PAGE);
    FeedPage page;
    page.cursor = after;
    QList<CaseRecord> visible;
    QSet<qint64> seen;
    QHash<qint64, CaseRecord> records; // read ahead, a batch at a time
    QSqlQuery scan(m_store.database());
    scan.setForwardOnly(true);
    scan.prepare(
        QStringLiteral("SELECT id, case_id FROM case_events WHERE id > ? ORDER BY id LIMIT ?"));
    bool full = false;
    while (!full) {
        scan.addBindValue(page.cursor);
        scan.addBindValue(FEED_SCAN_CHUNK);
        if (auto read = run(scan, Tr::tr("Reading the feed")); !read)
            return std::unexpected(read.error());
        QList<std::pair<qint64, qint64>> events; // event id, case id
        while (scan.next())
            events.append({scan.value(0).toLongLong(), scan.value(1).toLongLong()});
        scan.finish();
        for (qsizetype at = 0; at < events.size() && !full; ++at) {
            const auto [eventId, caseId] = events.at(at);
            if (!seen.contains(caseId)) {
                seen.insert(caseId);
                if (!records.contains(caseId)) {
                    // The rows of the next cases not seen yet, in one read: as many as the
                    // page may still take, and a few more for cases the account does not see.
                    const qsizetype wanted = std::max<qsizetype>(64, limit - visible.size() + 1);
                    QList<qint64> batch {caseId};
                    QSet<qint64> batched {caseId};
                    for (qsizetype next = at + 1; next < events.size() && batch.size() < wanted;
                         ++next) {
                        const qint64 other = events.at(next).second;
                        if (!seen.contains(other) && !batched.contains(other)) {
                            batched.insert(other);
                            batch << other;
                        }
                    }
                    auto read = m_book->records(batch);
                    if (!read)
                        return std::unexpected(read.error());
                    records.insert(*read);
                    if (!records.contains(caseId)) {
                        auto record = m_book->record(caseId); // says what is missing
                        if (!record)
                            return std::unexpected(record.error());
                        records.insert(caseId, *record);
                    }
                }
                const CaseRecord &record = records[caseId];
                if (sees(account, record)) {
                    if (visible.size() == limit) {
                        // A case more than the page holds: the next page starts before it.
                        page.more = true;
                        full = true;
                        break;
                    }
                    visible << record;
                }
            }
            page.cursor = eventId;
        }
        if (events.size() < FEED_SCAN_CHUNK)
            break;
    }

    // The histories with statements prepared once for the page, written straight as JSON.
    const CaseBook::StatementScope statements(*m_book);
    QHash<qint64, Sync::CaseKey> keys;
    const auto keyOf = [&](qint64 id) -> std::optional<Sync::CaseKey> {
        if (auto found = keys.constFind(id); found != keys.constEnd())
            return *found;
        const auto key = this->keyOf(id);
        if (key)
            keys.insert(id, *key);
        return key;
    };
    Sync::JsonWriter json(page.cases);
    for (const CaseRecord &record : visible) {
        auto made = snapshot(record);
        if (!made)
            return std::unexpected(made.error());
        Sync::writeSnapshotJson(json, *made, keyOf);
        ++page.count;
    }
    return page;
}

Result<qint64> ServerBook::lastEventId() const
{
    QSqlQuery query(m_store.database());
    query.prepare(QStringLiteral("SELECT coalesce(max(id), 0) FROM case_events"));
    if (auto read = run(query, Tr::tr("Reading the feed")); !read)
        return std::unexpected(read.error());
    query.next();
    return query.value(0).toLongLong();
}

Result<int> ServerBook::applyDeadlineRules(const CaseTime &now)
{
    auto events = m_book->applyDeadlineRules(now);
    if (!events)
        return std::unexpected(events.error());
    return int(events->size());
}

// The register ---------------------------------------------------------------------------

Result<RegisterBook *> ServerBook::registerBook()
{
    if (!m_register) {
        auto loaded = RegisterBook::load(m_store);
        if (!loaded)
            return std::unexpected(loaded.error());
        m_register = std::make_unique<RegisterBook>(std::move(*loaded));
    }
    return m_register.get();
}

namespace {

/// Leaders and administrators see the register whole, and so does another server relaying for
/// its desks: it masks for its own people as this server does for them.
bool seesRegisterWhole(const Account &account)
{
    return account.role == Role::System || mayRevealRegister(roleKey(account.role));
}

/// Masked values a desk sent back unchanged stand for the clear ones the server holds.
void keepClearValues(const RegisterSchema &schema, RegisterEntry &sent, const RegisterEntry &held)
{
    for (const QString &key : personalKeys(schema, held)) {
        const PersonalClass personal = schema.personalClass(held.kind, key);
        const auto keep = [&](QString clear, QString &value) {
            if (value == maskPersonal(personal, clear) && value != clear)
                value = clear;
        };
        if (key == QLatin1String("name")) {
            keep(held.name, sent.name);
        } else if (key == QLatin1String("address")) {
            keep(held.address, sent.address);
        } else {
            QString value = sent.fields.value(key).toString();
            keep(held.fields.value(key).toString(), value);
            if (sent.fields.contains(key))
                sent.fields.insert(key, value);
        }
    }
}

} // namespace

Result<CommandResult> ServerBook::applyRegister(
    const Account &account, const Sync::RegisterCommand &command)
{
    if (account.role == Role::UnitHandler) {
        auditRefused(
            account, QStringLiteral("%1 register %2: role").arg(command.id, command.entry.code));
        return refused(command.id, Refusal::Forbidden,
            Tr::tr("Unit handlers work on cases; the grid register is kept by operators, "
                   "supervisors and leaders."));
    }
    // A server relaying for its desks passes on who made the change there.
    const QString actor = account.role == Role::System && !isBlankText(command.madeBy)
        ? command.madeBy
        : account.name;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (command.at > now.addDays(1))
        return refused(command.id, Refusal::Invalid,
            Tr::tr("The change is dated %1, more than a day ahead of the server's clock.")
                .arg(command.at.toString(Qt::ISODate)));
    auto loaded = registerBook();
    if (!loaded)
        return std::unexpected(loaded.error());
    RegisterBook &book = **loaded;
    const QString code = command.entry.code;
    const QDateTime at = command.at.isValid() ? command.at : now;
    auto held = book.entry(code);
    if (!held)
        return std::unexpected(held.error());
    const auto outside = [&](const QString &gridCode) {
        return !answersFor(account.unitCode, gridCode);
    };
    const auto refuseOutside = [&](const QString &what, const QString &gridCode) {
        auditRefused(account, QStringLiteral("%1 register %2: jurisdiction").arg(command.id, what));
        return refused(command.id, Refusal::OutsideJurisdiction,
            Tr::tr("The register entry %1 lies in grid %2, outside unit %3 and the units below "
                   "it.")
                .arg(what, gridCode.isEmpty() ? Tr::tr("(none)") : gridCode, account.unitCode));
    };
    const auto conflict = [&](const RegisterEntry &stored) {
        return refused(command.id, Refusal::Conflict,
            Tr::tr("The register entry %1 is at version %2 on the server; this change was made "
                   "on version %3. Sync to take the newer entry in and make the change again.")
                .arg(code)
                .arg(stored.version)
                .arg(command.basedOn),
            stored.version);
    };
    struct Stamp
    {
        RegisterBook &book;
        ~Stamp() { book.setCommand({}); }
    } stamp {book};
    book.setCommand(command.id);

    if (command.action == QLatin1String("merged")) {
        auto gone = book.entry(command.gone);
        if (!gone)
            return std::unexpected(gone.error());
        if (!*held || !*gone)
            return refused(command.id, Refusal::UnknownCase,
                Tr::tr("The server's register has no entry %1.").arg(!*held ? code : command.gone));
        if (outside((*held)->gridCode))
            return refuseOutside(code, (*held)->gridCode);
        if (outside((*gone)->gridCode))
            return refuseOutside(command.gone, (*gone)->gridCode);
        if ((*held)->version != command.basedOn)
            return conflict(**held);
        auto merged = book.merge(code, command.gone, actor, at);
        if (!merged)
            return refused(
                command.id, Sync::refusalFor(merged.error().code), merged.error().message);
        CommandResult result;
        result.id = command.id;
        result.applied = true;
        result.version = merged->version;
        return result;
    }

    RegisterEntry entry = command.entry;
    if (*held)
        keepClearValues(book.schema(), entry, **held);
    if (command.action == QLatin1String("verified")) {
        entry.verifiedBy = actor;
        entry.verifiedAt = at;
    }
    if (auto prepared = book.prepare(entry); !prepared)
        return refused(command.id, Refusal::Invalid, prepared.error().message);
    if (outside(entry.gridCode))
        return refuseOutside(code, entry.gridCode);
    for (const QString &key : personalKeys(book.schema(), entry)) {
        const QString value = key == QLatin1String("name") ? entry.name
            : key == QLatin1String("address")              ? entry.address
                                                           : entry.fields.value(key).toString();
        if (value.contains(u'*')
            && value == maskPersonal(book.schema().personalClass(entry.kind, key), value))
            return refused(command.id, Refusal::Invalid,
                Tr::tr("The value of %1 in entry %2 is masked but is not the masked value on "
                       "file; type it whole.")
                    .arg(key, code));
    }
    auto duplicates = book.duplicatesOf(entry);
    if (!duplicates)
        return std::unexpected(duplicates.error());
    if (!duplicates->isEmpty())
        return refused(command.id, Refusal::DuplicateEntry,
            Tr::tr("%1 \"%2\" duplicates the register entry %3 (\"%4\") on the server; merge "
                   "the two or change that entry instead.")
                .arg(entry.kind, entry.name, duplicates->first().code, duplicates->first().name));

    CommandResult result;
    result.id = command.id;
    result.applied = true;
    if (command.action == QLatin1String("created")) {
        if (*held)
            return refused(command.id, Refusal::DuplicateEntry,
                Tr::tr("The server's register has an entry %1 already; the new entry needs "
                       "another code.")
                    .arg(code));
        if (command.basedOn != 0)
            return refused(command.id, Refusal::Invalid,
                Tr::tr("A new entry is based on version 0, not %1.").arg(command.basedOn));
        if (auto done = book.insert(entry, actor, at); !done)
            return std::unexpected(done.error());
    } else {
        if (!*held)
            return refused(command.id, Refusal::UnknownCase,
                Tr::tr("The server's register has no entry %1.").arg(code));
        if (outside((*held)->gridCode))
            return refuseOutside(code, (*held)->gridCode);
        if ((*held)->version != command.basedOn)
            return conflict(**held);
        if (auto done = book.replace(entry, **held, command.action, actor, at, command.note); !done)
            return std::unexpected(done.error());
    }
    if (auto done = book.updateExtent(); !done)
        return std::unexpected(done.error());
    result.version = entry.version;
    return result;
}

Result<std::optional<Sync::RegisterItem>> ServerBook::registerItem(
    const Account &account, const QString &code)
{
    auto loaded = registerBook();
    if (!loaded)
        return std::unexpected(loaded.error());
    auto held = (*loaded)->entry(code);
    if (!held)
        return std::unexpected(held.error());
    if (!*held || !answersFor(account.unitCode, (*held)->gridCode))
        return std::optional<Sync::RegisterItem>();
    Sync::RegisterItem item;
    item.code = code;
    item.entry = seesRegisterWhole(account) ? **held : maskedEntry((*loaded)->schema(), **held);
    return std::optional<Sync::RegisterItem>(item);
}

Result<ServerBook::RegisterPage> ServerBook::registerFeed(
    const Account &account, qint64 after, int limit)
{
    auto loaded = registerBook();
    if (!loaded)
        return std::unexpected(loaded.error());
    RegisterBook &book = **loaded;
    auto lines = book.historyAfter(after, limit);
    if (!lines)
        return std::unexpected(lines.error());
    RegisterPage page;
    page.cursor = lines->isEmpty() ? after : lines->last().id;
    page.more = lines->size() == limit;
    QList<Sync::RegisterItem> items;
    QHash<QString, qsizetype> itemOf;
    for (const RegisterChange &line : std::as_const(*lines)) {
        if (!itemOf.contains(line.code)) {
            itemOf.insert(line.code, items.size());
            items << Sync::RegisterItem {line.code, std::nullopt, {}};
        }
        items[itemOf.value(line.code)].changes << line;
    }

    const bool clear = seesRegisterWhole(account);
    for (Sync::RegisterItem &item : items) {
        auto held = book.entry(item.code);
        if (!held)
            return std::unexpected(held.error());
        item.entry = *held;
        // An entry gone is seen where it stood.
        QString gridCode;
        if (*held)
            gridCode = (*held)->gridCode;
        else if (item.changes.last().before)
            gridCode = item.changes.last().before->gridCode;
        if (!answersFor(account.unitCode, gridCode))
            continue;
        if (!clear) {
            if (item.entry)
                item.entry = maskedEntry(book.schema(), *item.entry);
            for (RegisterChange &change : item.changes) {
                if (change.before)
                    change.before = maskedEntry(book.schema(), *change.before);
            }
        }
        page.entries << Sync::registerItemJson(item);
    }
    return page;
}

} // namespace GridDesk
