// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "protocol.h"

#include "domain/text.h"
#include "gis/wkb.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>
#include <QUuid>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>

namespace GridDesk::Sync {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Sync)
};

constexpr std::pair<Refusal, const char *> REFUSAL_KEYS[] = {
    {Refusal::Conflict, "conflict"},
    {Refusal::NotAllowed, "not_allowed"},
    {Refusal::Forbidden, "forbidden"},
    {Refusal::OutsideJurisdiction, "outside_jurisdiction"},
    {Refusal::UnknownCase, "unknown_case"},
    {Refusal::Invalid, "invalid"},
    {Refusal::DuplicateCase, "duplicate_case"},
    {Refusal::IdInUse, "id_in_use"},
    {Refusal::DuplicateEntry, "duplicate_entry"},
};
static_assert(std::size(REFUSAL_KEYS) == std::size_t(Refusal::Count));

/// The longest text a command's free-text fields may carry; a reason is a sentence or a
/// paragraph, not a document.
constexpr qsizetype MAX_TEXT = 4000;

std::unexpected<Error> invalid(const QString &field, const QString &problem)
{
    return fail(ErrorCode::InvalidArgument, Tr::tr("\"%1\": %2").arg(field, problem));
}

Result<QString> textField(const QJsonObject &json, const char *field, bool required)
{
    const QJsonValue value = json.value(QLatin1String(field));
    if (value.isUndefined() || value.isNull()) {
        if (required)
            return invalid(QLatin1String(field), Tr::tr("missing"));
        return QString();
    }
    if (!value.isString())
        return invalid(QLatin1String(field), Tr::tr("not a text"));
    const QString text = value.toString();
    if (text.size() > MAX_TEXT)
        return invalid(QLatin1String(field), Tr::tr("longer than %1 characters").arg(MAX_TEXT));
    // A lone surrogate would be stored as bytes that read back as another text.
    if (!text.isValidUtf16())
        return invalid(QLatin1String(field), Tr::tr("not valid Unicode text"));
    if (required && isBlankText(text))
        return invalid(QLatin1String(field), Tr::tr("empty"));
    return text;
}

/// The command's "id": 8 to 64 letters, digits, '-' or '_'.
Result<QString> commandIdField(const QJsonObject &json)
{
    auto id = textField(json, "id", true);
    if (!id)
        return id;
    if (!isCommandId(*id)) {
        return invalid(QStringLiteral("id"),
            Tr::tr("8 to 64 letters, digits, '-' or '_' are expected, not %1")
                .arg(printableText(id->left(80))));
    }
    return id;
}

Result<CaseTime> timeField(const QJsonObject &json, const char *field, bool required)
{
    auto text = textField(json, field, required);
    if (!text)
        return std::unexpected(text.error());
    if (text->isEmpty())
        return CaseTime();
    const auto time = CaseTime::fromIso(*text);
    if (!time)
        return invalid(QLatin1String(field), Tr::tr("not a date and time: %1").arg(*text));
    return *time;
}

QJsonValue timeJson(const CaseTime &time)
{
    return time.isValid() ? QJsonValue(time.toIso()) : QJsonValue();
}

QJsonObject recordJson(const CaseRecord &record)
{
    QJsonObject json {{QStringLiteral("category"), record.category},
        {QStringLiteral("descriptor"), record.descriptor},
        {QStringLiteral("status"), record.status}, {QStringLiteral("agency"), record.agency},
        {QStringLiteral("address"), record.address},
        {QStringLiteral("created"), timeJson(record.created)},
        {QStringLiteral("closed"), timeJson(record.closed)},
        {QStringLiteral("grid"), record.gridCode},
        {QStringLiteral("flags"), QJsonArray::fromStringList(record.flags)}};
    if (record.location) {
        json.insert(
            QStringLiteral("location"), QJsonArray {record.location->lon, record.location->lat});
    }
    return json;
}

Result<CaseRecord> recordFromJson(const QJsonValue &value)
{
    if (!value.isObject())
        return invalid(QStringLiteral("case"), Tr::tr("not an object"));
    const QJsonObject json = value.toObject();
    CaseRecord record;
    const std::pair<QString *, const char *> texts[] = {{&record.category, "category"},
        {&record.descriptor, "descriptor"}, {&record.status, "status"}, {&record.agency, "agency"},
        {&record.address, "address"}, {&record.gridCode, "grid"}};
    for (const auto &[target, field] : texts) {
        auto text = textField(json, field, false);
        if (!text)
            return std::unexpected(text.error());
        *target = *text;
    }
    for (const auto &[target, field] :
        {std::pair {&record.created, "created"}, std::pair {&record.closed, "closed"}}) {
        auto time = timeField(json, field, false);
        if (!time)
            return std::unexpected(time.error());
        *target = *time;
    }
    for (const QJsonValue &flag : json.value(QLatin1String("flags")).toArray())
        record.flags << flag.toString();
    const QJsonValue location = json.value(QLatin1String("location"));
    if (!location.isUndefined() && !location.isNull()) {
        const QJsonArray pair = location.toArray();
        const double lon = pair.size() == 2 ? pair.at(0).toDouble(NAN) : NAN;
        const double lat = pair.size() == 2 ? pair.at(1).toDouble(NAN) : NAN;
        if (!std::isfinite(lon) || !std::isfinite(lat) || std::abs(lon) > 180
            || std::abs(lat) > 90) {
            return invalid(QStringLiteral("location"),
                Tr::tr("not a longitude and latitude in degrees (WGS84)"));
        }
        record.location = GeoPoint {lon, lat};
    }
    return record;
}

} // namespace

QString refusalKey(Refusal refusal)
{
    for (const auto &[value, key] : REFUSAL_KEYS) {
        if (value == refusal)
            return QLatin1String(key);
    }
    return {};
}

std::optional<Refusal> refusalFromKey(const QString &key)
{
    for (const auto &[value, text] : REFUSAL_KEYS) {
        if (key == QLatin1String(text))
            return value;
    }
    return std::nullopt;
}

Refusal refusalFor(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Conflict:
        return Refusal::Conflict;
    case ErrorCode::NotAllowed:
        return Refusal::NotAllowed;
    case ErrorCode::Forbidden:
        return Refusal::Forbidden;
    case ErrorCode::NotFound:
        return Refusal::UnknownCase;
    default:
        return Refusal::Invalid;
    }
}

QString refusalName(Refusal refusal)
{
    switch (refusal) {
    case Refusal::Conflict:
        return Tr::tr("the case changed meanwhile");
    case Refusal::NotAllowed:
        return Tr::tr("not allowed in the case's state");
    case Refusal::Forbidden:
        return Tr::tr("not allowed for the account's role");
    case Refusal::OutsideJurisdiction:
        return Tr::tr("outside the account's jurisdiction");
    case Refusal::UnknownCase:
        return Tr::tr("the server has no such case");
    case Refusal::Invalid:
        return Tr::tr("malformed");
    case Refusal::DuplicateCase:
        return Tr::tr("the server already has this case");
    case Refusal::IdInUse:
        return Tr::tr("the command's id is taken");
    case Refusal::DuplicateEntry:
        return Tr::tr("duplicates a register entry");
    case Refusal::Count:
        break;
    }
    return {};
}

QJsonObject caseKeyJson(const CaseKey &key)
{
    return {
        {QStringLiteral("source"), key.source}, {QStringLiteral("external_id"), key.externalId}};
}

Result<CaseKey> caseKeyFromJson(const QJsonValue &value)
{
    if (!value.isObject())
        return invalid(QStringLiteral("case"), Tr::tr("not an object"));
    const QJsonObject json = value.toObject();
    auto source = textField(json, "source", true);
    if (!source)
        return std::unexpected(source.error());
    auto externalId = textField(json, "external_id", true);
    if (!externalId)
        return std::unexpected(externalId.error());
    return CaseKey {*source, *externalId};
}

QString newCommandId()
{
    return QUuid::createUuid().toString(QUuid::Id128);
}

bool isCommandId(const QString &id)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9_-]{8,64}$"));
    return pattern.match(id).hasMatch();
}

QJsonObject commandJson(const Command &command)
{
    const ActionRequest &request = command.request;
    QJsonObject json {{QStringLiteral("id"), command.id},
        {QStringLiteral("kind"),
            command.kind == Command::Kind::Report ? QStringLiteral("report")
                                                  : QStringLiteral("act")},
        {QStringLiteral("case"), caseKeyJson(command.key)},
        {QStringLiteral("action"), caseActionKey(request.action)},
        {QStringLiteral("based_on"), request.basedOnVersion},
        {QStringLiteral("at"), request.at.toIso()}, {QStringLiteral("reason"), request.reason},
        {QStringLiteral("unit"), request.unit},
        {QStringLiteral("co_units"), QJsonArray::fromStringList(request.coUnits)},
        {QStringLiteral("data"), request.data}, {QStringLiteral("made_by"), request.actor},
        {QStringLiteral("made_role"), roleKey(request.role)},
        {QStringLiteral("made_unit"), request.actorUnit}};
    if (command.kind == Command::Kind::Report)
        json.insert(QStringLiteral("report"), recordJson(command.record));
    if (command.into)
        json.insert(QStringLiteral("into"), caseKeyJson(*command.into));
    return json;
}

Result<Command> commandFromJson(const QJsonValue &value)
{
    if (!value.isObject())
        return invalid(QStringLiteral("command"), Tr::tr("not an object"));
    const QJsonObject json = value.toObject();
    Command command;
    auto id = commandIdField(json);
    if (!id)
        return std::unexpected(id.error());
    command.id = *id;

    auto kind = textField(json, "kind", true);
    if (!kind)
        return std::unexpected(kind.error());
    if (*kind == QLatin1String("report"))
        command.kind = Command::Kind::Report;
    else if (*kind == QLatin1String("act"))
        command.kind = Command::Kind::Act;
    else
        return invalid(QStringLiteral("kind"), Tr::tr("\"report\" or \"act\" is expected"));

    auto key = caseKeyFromJson(json.value(QLatin1String("case")));
    if (!key)
        return std::unexpected(key.error());
    command.key = *key;

    ActionRequest &request = command.request;
    auto action = textField(json, "action", true);
    if (!action)
        return std::unexpected(action.error());
    const auto parsedAction = caseActionFromKey(*action);
    if (!parsedAction) {
        return invalid(QStringLiteral("action"),
            Tr::tr("unknown action %1; one of %2 is expected")
                .arg(printableText(action->left(40)), caseActionKeys()));
    }
    request.action = *parsedAction;
    const bool report = command.kind == Command::Kind::Report;
    if (report != (request.action == CaseAction::Report))
        return invalid(QStringLiteral("action"), Tr::tr("a report command takes \"report\""));

    const QJsonValue basedOn = json.value(QLatin1String("based_on"));
    if (!basedOn.isDouble() || basedOn.toDouble() != std::floor(basedOn.toDouble())
        || basedOn.toDouble() < 0 || basedOn.toDouble() > 1e6) {
        return invalid(QStringLiteral("based_on"), Tr::tr("a case version is expected"));
    }
    request.basedOnVersion = basedOn.toInt();

    auto at = timeField(json, "at", true);
    if (!at)
        return std::unexpected(at.error());
    request.at = *at;
    for (const auto &[target, field] :
        {std::pair {&request.reason, "reason"}, std::pair {&request.unit, "unit"},
            std::pair {&request.actor, "made_by"}, std::pair {&request.actorUnit, "made_unit"}}) {
        auto text = textField(json, field, false);
        if (!text)
            return std::unexpected(text.error());
        *target = *text;
    }
    auto madeRole = textField(json, "made_role", false);
    if (!madeRole)
        return std::unexpected(madeRole.error());
    if (!madeRole->isEmpty()) {
        const auto role = roleFromKey(*madeRole);
        // Intake channels (citizens' apps, the hotline, devices) file reports and their
        // repeats as the system; a server relaying them passes that on.
        const bool intake =
            request.action == CaseAction::Report || request.action == CaseAction::Recur;
        if (!role || (*role == Role::System && !intake))
            return invalid(QStringLiteral("made_role"),
                Tr::tr("one of operator, supervisor, unit_handler, leader is expected (system "
                       "only for a report or a repeat an intake channel filed)"));
        request.role = *role;
    }
    for (const QJsonValue &unit : json.value(QLatin1String("co_units")).toArray()) {
        if (!unit.isString() || unit.toString().size() > 200)
            return invalid(QStringLiteral("co_units"), Tr::tr("unit codes are expected"));
        request.coUnits << unit.toString();
    }
    const QJsonValue data = json.value(QLatin1String("data"));
    if (!data.isUndefined() && !data.isNull() && !data.isObject())
        return invalid(QStringLiteral("data"), Tr::tr("not an object"));
    request.data = data.toObject();

    if (report) {
        auto record = recordFromJson(json.value(QLatin1String("report")));
        if (!record)
            return std::unexpected(record.error());
        command.record = *record;
        command.record.source = command.key.source;
        command.record.externalId = command.key.externalId;
    }
    if (json.contains(QLatin1String("into"))) {
        auto into = caseKeyFromJson(json.value(QLatin1String("into")));
        if (!into)
            return std::unexpected(into.error());
        command.into = *into;
    }
    if (request.action == CaseAction::Merge && !command.into)
        return invalid(QStringLiteral("into"), Tr::tr("a merge names the case it goes into"));
    return command;
}

QJsonObject commandResultJson(
    const CommandResult &result, const std::function<std::optional<CaseKey>(qint64)> &keyOf)
{
    QJsonObject json {{QStringLiteral("id"), result.id},
        {QStringLiteral("status"),
            result.applied ? QStringLiteral("applied") : QStringLiteral("rejected")},
        {QStringLiteral("version"), result.version}};
    if (result.refusal) {
        json.insert(QStringLiteral("code"), refusalKey(*result.refusal));
        json.insert(QStringLiteral("reason"), result.reason);
    }
    if (result.repeated)
        json.insert(QStringLiteral("repeated"), true);
    if (result.current && keyOf)
        json.insert(QStringLiteral("case"), snapshotJson(*result.current, keyOf));
    if (result.currentEntry)
        json.insert(QStringLiteral("entry"), registerItemJson(*result.currentEntry));
    return json;
}

Result<CommandResult> commandResultFromJson(const QJsonValue &value)
{
    const QJsonObject json = value.toObject();
    CommandResult result;
    result.id = json.value(QLatin1String("id")).toString();
    const QString status = json.value(QLatin1String("status")).toString();
    if (result.id.isEmpty()
        || (status != QLatin1String("applied") && status != QLatin1String("rejected")))
        return invalid(QStringLiteral("results"), Tr::tr("an answer without id or status"));
    result.applied = status == QLatin1String("applied");
    result.version = json.value(QLatin1String("version")).toInt();
    result.repeated = json.value(QLatin1String("repeated")).toBool();
    if (!result.applied) {
        const QString code = json.value(QLatin1String("code")).toString();
        result.refusal = refusalFromKey(code);
        if (!result.refusal)
            return invalid(QStringLiteral("code"),
                Tr::tr("unknown refusal %1").arg(printableText(code.left(40))));
        result.reason = json.value(QLatin1String("reason")).toString();
        if (json.contains(QLatin1String("case"))) {
            auto current = snapshotFromJson(json.value(QLatin1String("case")));
            if (!current)
                return std::unexpected(current.error());
            result.current = *current;
        }
        if (json.contains(QLatin1String("entry"))) {
            auto entry = registerItemFromJson(json.value(QLatin1String("entry")));
            if (!entry)
                return std::unexpected(entry.error());
            result.currentEntry = std::make_shared<const RegisterItem>(*entry);
        }
    }
    return result;
}

QJsonObject snapshotJson(
    const CaseSnapshot &snapshot, const std::function<std::optional<CaseKey>(qint64)> &keyOf)
{
    QJsonArray events;
    for (const CaseEvent &event : snapshot.events) {
        QJsonObject data = event.data;
        for (const char *link : CASE_LINK_KEYS) {
            const QJsonValue id = data.value(QLatin1String(link));
            if (id.isUndefined())
                continue;
            data.remove(QLatin1String(link));
            if (const auto key = keyOf(id.toInteger()))
                data.insert(QLatin1String(link), caseKeyJson(*key));
        }
        events << QJsonObject {{QStringLiteral("sequence"), event.sequence},
            {QStringLiteral("action"), caseActionKey(event.action)},
            {QStringLiteral("actor"), event.actor}, {QStringLiteral("role"), roleKey(event.role)},
            {QStringLiteral("unit"), event.unit}, {QStringLiteral("at"), event.at.toIso()},
            {QStringLiteral("from"),
                event.from ? QJsonValue(caseStateKey(*event.from)) : QJsonValue()},
            {QStringLiteral("to"), caseStateKey(event.to)},
            {QStringLiteral("reason"), event.reason}, {QStringLiteral("data"), data}};
    }
    QJsonObject json = recordJson(snapshot.record);
    json.insert(QStringLiteral("case"), caseKeyJson(snapshot.key));
    json.insert(QStringLiteral("events"), events);
    return json;
}

namespace {

void writeTime(JsonWriter &json, const CaseTime &time)
{
    if (time.isValid())
        json.text(time.toIso());
    else
        json.null();
}

void writeCaseKey(JsonWriter &json, const CaseKey &key)
{
    json.beginObject();
    json.key(QLatin1StringView("external_id"));
    json.text(key.externalId);
    json.key(QLatin1StringView("source"));
    json.text(key.source);
    json.endObject();
}

/// An event's data with the cases it names by row id named by key, as snapshotJson() does.
void writeEventData(JsonWriter &json, const QJsonObject &data,
    const std::function<std::optional<CaseKey>(qint64)> &keyOf)
{
    const bool links = std::any_of(std::begin(CASE_LINK_KEYS), std::end(CASE_LINK_KEYS),
        [&data](const char *link) { return data.contains(QLatin1String(link)); });
    if (!links) {
        json.value(data);
        return;
    }
    QJsonObject named = data;
    for (const char *link : CASE_LINK_KEYS) {
        const QJsonValue id = named.value(QLatin1String(link));
        if (id.isUndefined())
            continue;
        named.remove(QLatin1String(link));
        if (const auto key = keyOf(id.toInteger()))
            named.insert(QLatin1String(link), caseKeyJson(*key));
    }
    json.value(named);
}

void writeEventJson(JsonWriter &json, const CaseEvent &event,
    const std::function<std::optional<CaseKey>(qint64)> &keyOf)
{
    // The keys in the order a QJsonObject keeps them.
    json.beginObject();
    json.key(QLatin1StringView("action"));
    json.text(caseActionKey(event.action));
    json.key(QLatin1StringView("actor"));
    json.text(event.actor);
    json.key(QLatin1StringView("at"));
    json.text(event.at.toIso());
    json.key(QLatin1StringView("data"));
    writeEventData(json, event.data, keyOf);
    json.key(QLatin1StringView("from"));
    if (event.from)
        json.text(caseStateKey(*event.from));
    else
        json.null();
    json.key(QLatin1StringView("reason"));
    json.text(event.reason);
    json.key(QLatin1StringView("role"));
    json.text(roleKey(event.role));
    json.key(QLatin1StringView("sequence"));
    json.integer(event.sequence);
    json.key(QLatin1StringView("to"));
    json.text(caseStateKey(event.to));
    json.key(QLatin1StringView("unit"));
    json.text(event.unit);
    json.endObject();
}

} // namespace

void writeSnapshotJson(JsonWriter &json, const CaseSnapshot &snapshot,
    const std::function<std::optional<CaseKey>(qint64)> &keyOf)
{
    // The keys of recordJson() with "case" and "events", in the order a QJsonObject keeps them.
    const CaseRecord &record = snapshot.record;
    json.beginObject();
    json.key(QLatin1StringView("address"));
    json.text(record.address);
    json.key(QLatin1StringView("agency"));
    json.text(record.agency);
    json.key(QLatin1StringView("case"));
    writeCaseKey(json, snapshot.key);
    json.key(QLatin1StringView("category"));
    json.text(record.category);
    json.key(QLatin1StringView("closed"));
    writeTime(json, record.closed);
    json.key(QLatin1StringView("created"));
    writeTime(json, record.created);
    json.key(QLatin1StringView("descriptor"));
    json.text(record.descriptor);

    json.key(QLatin1StringView("events"));
    json.beginArray();
    for (const CaseEvent &event : snapshot.events)
        writeEventJson(json, event, keyOf);
    json.endArray();

    json.key(QLatin1StringView("flags"));
    json.beginArray();
    for (const QString &flag : record.flags)
        json.text(flag);
    json.endArray();
    json.key(QLatin1StringView("grid"));
    json.text(record.gridCode);
    if (record.location) {
        json.key(QLatin1StringView("location"));
        json.beginArray();
        json.number(record.location->lon);
        json.number(record.location->lat);
        json.endArray();
    }
    json.key(QLatin1StringView("status"));
    json.text(record.status);
    json.endObject();
}

QByteArray feedPageJson(const QByteArray &cases, qint64 cursor, bool more)
{
    QByteArray page;
    page.reserve(cases.size() + 64);
    page.append("{\"cases\":[");
    page.append(cases);
    page.append("],\"cursor\":");
    page.append(QByteArray::number(cursor));
    page.append(more ? ",\"more\":true}" : ",\"more\":false}");
    return page;
}

Result<CaseSnapshot> snapshotFromJson(const QJsonValue &value)
{
    if (!value.isObject())
        return invalid(QStringLiteral("cases"), Tr::tr("not an object"));
    const QJsonObject json = value.toObject();
    CaseSnapshot snapshot;
    auto key = caseKeyFromJson(json.value(QLatin1String("case")));
    if (!key)
        return std::unexpected(key.error());
    snapshot.key = *key;
    auto record = recordFromJson(json);
    if (!record)
        return std::unexpected(record.error());
    snapshot.record = *record;
    snapshot.record.source = key->source;
    snapshot.record.externalId = key->externalId;

    // Placeholder ids for linked cases: negative, so that they can never be taken for rows.
    qint64 nextPlaceholder = -1;
    for (const QJsonValue &item : json.value(QLatin1String("events")).toArray()) {
        const QJsonObject object = item.toObject();
        CaseEvent event;
        event.sequence = object.value(QLatin1String("sequence")).toInt();
        const auto action = caseActionFromKey(object.value(QLatin1String("action")).toString());
        const auto role = roleFromKey(object.value(QLatin1String("role")).toString());
        const auto at = CaseTime::fromIso(object.value(QLatin1String("at")).toString());
        const auto to = caseStateFromKey(object.value(QLatin1String("to")).toString());
        if (!action || !role || !at || !to || event.sequence != snapshot.events.size() + 1) {
            return invalid(QStringLiteral("events"),
                Tr::tr("event %1 of case %2 %3 cannot be read")
                    .arg(snapshot.events.size() + 1)
                    .arg(printableText(key->source), printableText(key->externalId)));
        }
        event.action = *action;
        event.role = *role;
        event.at = *at;
        event.to = *to;
        const QString from = object.value(QLatin1String("from")).toString();
        if (!from.isEmpty())
            event.from = caseStateFromKey(from);
        event.actor = object.value(QLatin1String("actor")).toString();
        event.unit = object.value(QLatin1String("unit")).toString();
        event.reason = object.value(QLatin1String("reason")).toString();
        event.data = object.value(QLatin1String("data")).toObject();
        for (const char *link : CASE_LINK_KEYS) {
            const QJsonValue linked = event.data.value(QLatin1String(link));
            if (linked.isUndefined())
                continue;
            auto linkedKey = caseKeyFromJson(linked);
            if (!linkedKey)
                return std::unexpected(linkedKey.error());
            snapshot.linked.insert(nextPlaceholder, *linkedKey);
            event.data.insert(QLatin1String(link), nextPlaceholder--);
        }
        snapshot.events << event;
    }
    if (snapshot.events.isEmpty())
        return invalid(QStringLiteral("events"), Tr::tr("a case without history"));
    return snapshot;
}

QJsonObject errorJson(const QString &key, const QString &message)
{
    return {{QStringLiteral("error"), key}, {QStringLiteral("message"), message}};
}

namespace {

/// The most grids one edition may change: a city's whole map several times over.
constexpr qsizetype MAX_EDITION_GRIDS = 200'000;

QJsonObject gridJson(const Grid &grid)
{
    QJsonObject json {{QStringLiteral("code"), grid.code}, {QStringLiteral("name"), grid.name},
        {QStringLiteral("level"), gridLevelKey(grid.level)},
        {QStringLiteral("parent"), grid.parentCode},
        {QStringLiteral("supervisor"), grid.supervisor}, {QStringLiteral("area_m2"), grid.areaM2},
        {QStringLiteral("wkb"), QString::fromLatin1(grid.wkb.toBase64())}};
    if (grid.households)
        json.insert(QStringLiteral("households"), *grid.households);
    if (grid.population)
        json.insert(QStringLiteral("population"), *grid.population);
    return json;
}

Result<std::optional<qint64>> countField(const QJsonObject &json, const char *field)
{
    const QJsonValue value = json.value(QLatin1String(field));
    if (value.isUndefined() || value.isNull())
        return std::optional<qint64>();
    if (!value.isDouble() || value.toDouble() < 0 || value.toDouble() > 1e12
        || value.toDouble() != std::floor(value.toDouble()))
        return invalid(QLatin1String(field), Tr::tr("a whole number of 0 or more is expected"));
    return std::optional<qint64>(value.toInteger());
}

Result<Grid> gridFromJson(const QJsonValue &value, qsizetype index)
{
    const QString where = QStringLiteral("grids[%1]").arg(index);
    if (!value.isObject())
        return invalid(where, Tr::tr("not an object"));
    const QJsonObject json = value.toObject();
    Grid grid;
    for (const auto &[target, field, required] : {std::tuple {&grid.code, "code", true},
             std::tuple {&grid.name, "name", false}, std::tuple {&grid.parentCode, "parent", false},
             std::tuple {&grid.supervisor, "supervisor", false}}) {
        auto text = textField(json, field, required);
        if (!text)
            return std::unexpected(text.error().at(where));
        *target = *text;
    }
    const auto level = gridLevelFromKey(json.value(QLatin1String("level")).toString());
    if (!level)
        return invalid(
            where + QStringLiteral(".level"), Tr::tr("one of %1 is expected").arg(gridLevelKeys()));
    grid.level = *level;
    const QJsonValue area = json.value(QLatin1String("area_m2"));
    if (!area.isDouble() || area.toDouble() < 0)
        return invalid(where + QStringLiteral(".area_m2"), Tr::tr("an area in m² is expected"));
    grid.areaM2 = area.toDouble();
    for (const auto &[target, field] :
        {std::pair {&grid.households, "households"}, std::pair {&grid.population, "population"}}) {
        auto count = countField(json, field);
        if (!count)
            return std::unexpected(count.error().at(where));
        *target = *count;
    }
    const auto decoded =
        QByteArray::fromBase64Encoding(json.value(QLatin1String("wkb")).toString().toLatin1(),
            QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty())
        return invalid(where + QStringLiteral(".wkb"), Tr::tr("base64 WKB is expected"));
    grid.wkb = decoded.decoded;
    auto box = Wkb::envelope(grid.wkb);
    if (!box)
        return invalid(where + QStringLiteral(".wkb"), box.error().message);
    grid.bbox = *box;
    return grid;
}

QJsonArray lineageJson(const QList<LineageLink> &lineage)
{
    QJsonArray links;
    for (const LineageLink &link : lineage)
        links << QJsonObject {{QStringLiteral("from"), link.fromCode},
            {QStringLiteral("to"), link.toCode},
            {QStringLiteral("kind"), lineageKindKey(link.kind)}};
    return links;
}

/// The note, grids, deleted codes and lineage that edition commands and the editions feed
/// share.
Result<void> readChanges(const QJsonObject &json, EditionChanges &changes)
{
    auto note = textField(json, "note", true);
    if (!note)
        return std::unexpected(note.error());
    changes.edition.note = *note;
    const QJsonArray grids = json.value(QLatin1String("grids")).toArray();
    const QJsonArray deleted = json.value(QLatin1String("deleted")).toArray();
    if (grids.size() + deleted.size() > MAX_EDITION_GRIDS)
        return invalid(QStringLiteral("grids"),
            Tr::tr("more than %1 grids in one edition").arg(MAX_EDITION_GRIDS));
    for (qsizetype index = 0; index < grids.size(); ++index) {
        auto grid = gridFromJson(grids.at(index), index);
        if (!grid)
            return std::unexpected(grid.error());
        changes.grids << *grid;
    }
    for (const QJsonValue &code : deleted) {
        if (!code.isString() || isBlankText(code.toString()))
            return invalid(QStringLiteral("deleted"), Tr::tr("grid codes are expected"));
        changes.deleted << code.toString();
    }
    if (changes.grids.isEmpty() && changes.deleted.isEmpty())
        return invalid(QStringLiteral("grids"), Tr::tr("the edition changes no grid"));
    for (const QJsonValue &value : json.value(QLatin1String("lineage")).toArray()) {
        const QJsonObject link = value.toObject();
        const auto kind = lineageKindFromKey(link.value(QLatin1String("kind")).toString());
        if (!kind)
            return invalid(QStringLiteral("lineage"), Tr::tr("an unknown kind of lineage"));
        changes.edition.lineage << LineageLink {link.value(QLatin1String("from")).toString(),
            link.value(QLatin1String("to")).toString(), *kind};
    }
    return {};
}

void writeChanges(QJsonObject &json, const EditionChanges &changes)
{
    QJsonArray grids;
    for (const Grid &grid : changes.grids)
        grids << gridJson(grid);
    json.insert(QStringLiteral("note"), changes.edition.note);
    json.insert(QStringLiteral("grids"), grids);
    json.insert(QStringLiteral("deleted"), QJsonArray::fromStringList(changes.deleted));
    json.insert(QStringLiteral("lineage"), lineageJson(changes.edition.lineage));
}

} // namespace

bool isEditionCommand(const QJsonValue &value)
{
    return value.toObject().value(QLatin1String("kind")).toString() == QLatin1String("edition");
}

QJsonObject editionCommandJson(const EditionCommand &command)
{
    QJsonObject json {{QStringLiteral("id"), command.id},
        {QStringLiteral("kind"), QStringLiteral("edition")},
        {QStringLiteral("based_on"), command.basedOn}, {QStringLiteral("at"), command.at.toIso()},
        {QStringLiteral("made_by"), command.madeBy}};
    writeChanges(json, command.changes);
    QJsonArray accepted;
    for (const AcceptedFinding &finding : command.accepted)
        accepted << QJsonObject {{QStringLiteral("key"), finding.key},
            {QStringLiteral("reason"), finding.reason}, {QStringLiteral("by"), finding.acceptedBy},
            {QStringLiteral("at"), finding.acceptedAt.toUTC().toString(Qt::ISODate)}};
    json.insert(QStringLiteral("accepted"), accepted);
    return json;
}

Result<EditionCommand> editionCommandFromJson(const QJsonValue &value)
{
    if (!value.isObject())
        return invalid(QStringLiteral("command"), Tr::tr("not an object"));
    const QJsonObject json = value.toObject();
    EditionCommand command;
    auto id = commandIdField(json);
    if (!id)
        return std::unexpected(id.error());
    command.id = *id;
    const QJsonValue basedOn = json.value(QLatin1String("based_on"));
    if (!basedOn.isDouble() || basedOn.toDouble() < 1 || basedOn.toDouble() > 1e6
        || basedOn.toDouble() != std::floor(basedOn.toDouble()))
        return invalid(QStringLiteral("based_on"), Tr::tr("an edition number is expected"));
    command.basedOn = basedOn.toInt();
    auto at = timeField(json, "at", true);
    if (!at)
        return std::unexpected(at.error());
    command.at = *at;
    auto madeBy = textField(json, "made_by", false);
    if (!madeBy)
        return std::unexpected(madeBy.error());
    command.madeBy = *madeBy;
    if (auto read = readChanges(json, command.changes); !read)
        return std::unexpected(read.error());
    for (const QJsonValue &each : json.value(QLatin1String("accepted")).toArray()) {
        const QJsonObject finding = each.toObject();
        auto key = textField(finding, "key", true);
        auto reason = key ? textField(finding, "reason", true) : key;
        if (!reason)
            return std::unexpected(reason.error().at(QStringLiteral("accepted")));
        command.accepted << AcceptedFinding {*key, *reason,
            finding.value(QLatin1String("by")).toString(),
            QDateTime::fromString(finding.value(QLatin1String("at")).toString(), Qt::ISODate)};
    }
    return command;
}

QJsonObject editionJson(const EditionChanges &changes)
{
    const GridEdition &edition = changes.edition;
    QJsonObject json {{QStringLiteral("number"), edition.number},
        {QStringLiteral("published_at"), edition.publishedAt.toUTC().toString(Qt::ISODate)},
        {QStringLiteral("published_by"), edition.publishedBy}};
    writeChanges(json, changes);
    return json;
}

Result<EditionChanges> editionFromJson(const QJsonValue &value)
{
    if (!value.isObject())
        return invalid(QStringLiteral("edition"), Tr::tr("not an object"));
    const QJsonObject json = value.toObject();
    EditionChanges changes;
    const QJsonValue number = json.value(QLatin1String("number"));
    if (!number.isDouble() || number.toDouble() < 1)
        return invalid(QStringLiteral("number"), Tr::tr("an edition number is expected"));
    changes.edition.number = number.toInt();
    changes.edition.publishedAt =
        QDateTime::fromString(json.value(QLatin1String("published_at")).toString(), Qt::ISODate);
    if (!changes.edition.publishedAt.isValid())
        return invalid(QStringLiteral("published_at"), Tr::tr("not a date and time"));
    changes.edition.publishedBy = json.value(QLatin1String("published_by")).toString();
    if (auto read = readChanges(json, changes); !read)
        return std::unexpected(read.error());
    return changes;
}

bool isOrgCommand(const QJsonValue &value)
{
    return value.toObject().value(QLatin1String("kind")).toString() == QLatin1String("org");
}

namespace {

QJsonArray textsJson(const QStringList &texts)
{
    return QJsonArray::fromStringList(texts);
}

/// A list of texts under field of json; InvalidArgument when it is there and is not one.
Result<QStringList> textsField(const QJsonObject &json, const char *field)
{
    const QJsonValue value = json.value(QLatin1String(field));
    if (value.isUndefined() || value.isNull())
        return QStringList();
    if (!value.isArray())
        return invalid(QLatin1String(field), Tr::tr("not a list"));
    QStringList texts;
    for (const QJsonValue &each : value.toArray()) {
        if (!each.isString() || each.toString().size() > MAX_TEXT
            || !each.toString().isValidUtf16())
            return invalid(QLatin1String(field), Tr::tr("a list of texts is expected"));
        texts << each.toString();
    }
    return texts;
}

/// A whole number at least 0 under field; 0 when it is not there.
Result<qint64> idField(const QJsonObject &json, const char *field)
{
    const QJsonValue value = json.value(QLatin1String(field));
    if (value.isUndefined() || value.isNull())
        return 0;
    const double number = value.toDouble(-1);
    if (!value.isDouble() || number < 0 || number > 9e15 || number != std::floor(number))
        return invalid(QLatin1String(field), Tr::tr("a whole number is expected"));
    return qint64(number);
}

QJsonObject unitJson(const ChartUnit &unit)
{
    return {{QStringLiteral("code"), unit.code}, {QStringLiteral("name"), unit.name},
        {QStringLiteral("tier"), unit.tier}, {QStringLiteral("parent"), unit.parentCode},
        {QStringLiteral("kind"), unitKindKey(unit.kind)}, {QStringLiteral("contact"), unit.contact},
        {QStringLiteral("jurisdiction"), textsJson(unit.jurisdiction)},
        {QStringLiteral("retired"), unit.retired},
        {QStringLiteral("retired_at"),
            unit.retiredAt.isValid() ? QJsonValue(unit.retiredAt.toUTC().toString(Qt::ISODate))
                                     : QJsonValue()},
        {QStringLiteral("departments"), textsJson(unit.departments)},
        {QStringLiteral("linked_units"), textsJson(unit.linkedUnits)}};
}

Result<ChartUnit> unitFromJson(const QJsonObject &json)
{
    ChartUnit unit;
    auto code = textField(json, "code", true);
    auto name = code ? textField(json, "name", false) : code;
    auto parent = name ? textField(json, "parent", false) : name;
    auto contact = parent ? textField(json, "contact", false) : parent;
    auto retiredAt = contact ? textField(json, "retired_at", false) : contact;
    if (!retiredAt)
        return std::unexpected(retiredAt.error());
    unit.code = *code;
    unit.name = *name;
    unit.parentCode = *parent;
    unit.contact = *contact;
    unit.retiredAt = QDateTime::fromString(*retiredAt, Qt::ISODate);
    auto tier = idField(json, "tier");
    if (!tier)
        return std::unexpected(tier.error());
    unit.tier = int(std::min<qint64>(*tier, 99));
    const auto kind = unitKindFromKey(json.value(QLatin1String("kind")).toString());
    if (!kind)
        return invalid(QStringLiteral("kind"), Tr::tr("\"tier\" or \"joint\" is expected"));
    unit.kind = *kind;
    unit.retired = json.value(QLatin1String("retired")).toBool();
    for (auto [field, list] : {std::pair {"jurisdiction", &unit.jurisdiction},
             std::pair {"departments", &unit.departments},
             std::pair {"linked_units", &unit.linkedUnits}}) {
        auto texts = textsField(json, field);
        if (!texts)
            return std::unexpected(texts.error());
        *list = *texts;
    }
    return unit;
}

QJsonObject personJson(const Person &person)
{
    QJsonArray grids = textsJson(person.gridCodes);
    return {{QStringLiteral("id"), person.id}, {QStringLiteral("name"), person.name},
        {QStringLiteral("post"), person.post}, {QStringLiteral("unit"), person.unitCode},
        {QStringLiteral("grids"), grids}, {QStringLiteral("phone"), person.phone},
        {QStringLiteral("id_number"), person.idNumber},
        {QStringLiteral("retired"), person.retired}};
}

Result<Person> personFromJson(const QJsonObject &json)
{
    Person person;
    auto id = idField(json, "id");
    auto name = id ? textField(json, "name", true) : std::unexpected(id.error());
    auto post = name ? textField(json, "post", true) : name;
    auto unit = post ? textField(json, "unit", true) : post;
    auto phone = unit ? textField(json, "phone", false) : unit;
    auto idNumber = phone ? textField(json, "id_number", false) : phone;
    auto grids = idNumber ? textsField(json, "grids") : std::unexpected(idNumber.error());
    if (!grids)
        return std::unexpected(grids.error());
    person.id = *id;
    person.name = *name;
    person.post = *post;
    person.unitCode = *unit;
    person.phone = *phone;
    person.idNumber = *idNumber;
    person.gridCodes = *grids;
    person.retired = json.value(QLatin1String("retired")).toBool();
    return person;
}

QJsonObject groupJson(const OrgGroup &group)
{
    QJsonArray people;
    for (qint64 id : group.memberPeople)
        people << id;
    return {{QStringLiteral("id"), group.id}, {QStringLiteral("name"), group.name},
        {QStringLiteral("kind"), groupKindKey(group.kind)},
        {QStringLiteral("unit"), group.unitCode}, {QStringLiteral("remit"), group.remit},
        {QStringLiteral("member_units"), textsJson(group.memberUnits)},
        {QStringLiteral("member_people"), people}, {QStringLiteral("dissolved"), group.dissolved}};
}

Result<OrgGroup> groupFromJson(const QJsonObject &json)
{
    OrgGroup group;
    auto id = idField(json, "id");
    auto name = id ? textField(json, "name", true) : std::unexpected(id.error());
    auto unit = name ? textField(json, "unit", true) : name;
    auto remit = unit ? textField(json, "remit", false) : unit;
    auto units = remit ? textsField(json, "member_units") : std::unexpected(remit.error());
    if (!units)
        return std::unexpected(units.error());
    const auto kind = groupKindFromKey(json.value(QLatin1String("kind")).toString());
    if (!kind)
        return invalid(
            QStringLiteral("kind"), Tr::tr("\"coordination\" or \"leading\" is expected"));
    group.id = *id;
    group.name = *name;
    group.kind = *kind;
    group.unitCode = *unit;
    group.remit = *remit;
    group.memberUnits = *units;
    const QJsonValue members = json.value(QLatin1String("member_people"));
    if (!members.isUndefined() && !members.isNull() && !members.isArray())
        return invalid(QStringLiteral("member_people"), Tr::tr("a list of person ids is expected"));
    for (const QJsonValue &member : members.toArray()) {
        const double id = member.toDouble(-1);
        if (!member.isDouble() || id < 1 || id > 9e15 || id != std::floor(id)
            || group.memberPeople.contains(qint64(id)))
            return invalid(
                QStringLiteral("member_people"), Tr::tr("distinct whole person ids are expected"));
        group.memberPeople << qint64(id);
    }
    group.dissolved = json.value(QLatin1String("dissolved")).toBool();
    return group;
}

QJsonObject changeJson(const OrgChange &change)
{
    return {{QStringLiteral("at"), change.at.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("by"), change.by}, {QStringLiteral("unit"), change.unitCode},
        {QStringLiteral("person"), change.personId}, {QStringLiteral("group"), change.groupId},
        {QStringLiteral("action"), change.action}, {QStringLiteral("detail"), change.detail},
        {QStringLiteral("revision"), change.revision}, {QStringLiteral("command"), change.command}};
}

Result<OrgChange> changeFromJson(const QJsonObject &json)
{
    OrgChange change;
    auto at = textField(json, "at", true);
    auto by = at ? textField(json, "by", false) : at;
    auto unit = by ? textField(json, "unit", false) : by;
    auto action = unit ? textField(json, "action", true) : unit;
    auto detail = action ? textField(json, "detail", false) : action;
    auto command = detail ? textField(json, "command", false) : detail;
    auto person = command ? idField(json, "person") : std::unexpected(command.error());
    auto group = person ? idField(json, "group") : person;
    auto revision = group ? idField(json, "revision") : group;
    if (!revision)
        return std::unexpected(revision.error());
    change.at = QDateTime::fromString(*at, Qt::ISODateWithMs);
    if (!change.at.isValid())
        return invalid(QStringLiteral("at"), Tr::tr("not a date and time: %1").arg(*at));
    change.by = *by;
    change.unitCode = *unit;
    change.action = *action;
    change.detail = *detail;
    change.command = *command;
    change.personId = *person;
    change.groupId = *group;
    change.revision = *revision;
    return change;
}

void writeParts(QJsonObject &json, const OrgParts &parts)
{
    QJsonArray units;
    for (const ChartUnit &unit : parts.units)
        units << unitJson(unit);
    QJsonArray people;
    for (const Person &person : parts.people)
        people << personJson(person);
    QJsonArray groups;
    for (const OrgGroup &group : parts.groups)
        groups << groupJson(group);
    json.insert(QStringLiteral("units"), units);
    json.insert(QStringLiteral("people"), people);
    json.insert(QStringLiteral("groups"), groups);
}

/// Reads each object of the list under field with read, naming the field and index of the one
/// that cannot be read.
template<typename T, typename Read>
Result<QList<T>> readList(const QJsonObject &json, const char *field, Read read)
{
    const QJsonValue value = json.value(QLatin1String(field));
    if (!value.isArray())
        return invalid(QLatin1String(field), Tr::tr("a list is expected"));
    QList<T> items;
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isObject())
            return invalid(
                QStringLiteral("%1[%2]").arg(QLatin1String(field)).arg(i), Tr::tr("not an object"));
        auto item = read(array.at(i).toObject());
        if (!item)
            return std::unexpected(
                item.error().at(QStringLiteral("%1[%2]").arg(QLatin1String(field)).arg(i)));
        items << *item;
    }
    return items;
}

Result<OrgParts> readParts(const QJsonObject &json)
{
    OrgParts parts;
    auto units = readList<ChartUnit>(json, "units", unitFromJson);
    if (!units)
        return std::unexpected(units.error());
    auto people = readList<Person>(json, "people", personFromJson);
    if (!people)
        return std::unexpected(people.error());
    auto groups = readList<OrgGroup>(json, "groups", groupFromJson);
    if (!groups)
        return std::unexpected(groups.error());
    return OrgParts {*units, *people, *groups};
}

QJsonArray changesJson(const QList<OrgChange> &changes)
{
    QJsonArray array;
    for (const OrgChange &change : changes)
        array << changeJson(change);
    return array;
}

} // namespace

QJsonObject orgCommandJson(const OrgCommand &command)
{
    QJsonObject json {{QStringLiteral("id"), command.id},
        {QStringLiteral("kind"), QStringLiteral("org")},
        {QStringLiteral("based_on"), command.basedOn}, {QStringLiteral("at"), command.at.toIso()},
        {QStringLiteral("made_by"), command.madeBy},
        {QStringLiteral("changes"), changesJson(command.changes)}};
    writeParts(json, command.chart);
    return json;
}

Result<OrgCommand> orgCommandFromJson(const QJsonValue &value)
{
    if (!value.isObject())
        return invalid(QStringLiteral("command"), Tr::tr("not an object"));
    const QJsonObject json = value.toObject();
    OrgCommand command;
    auto id = commandIdField(json);
    if (!id)
        return std::unexpected(id.error());
    command.id = *id;
    auto basedOn = idField(json, "based_on");
    if (!basedOn)
        return std::unexpected(basedOn.error());
    command.basedOn = *basedOn;
    auto at = timeField(json, "at", true);
    if (!at)
        return std::unexpected(at.error());
    command.at = *at;
    auto madeBy = textField(json, "made_by", false);
    if (!madeBy)
        return std::unexpected(madeBy.error());
    command.madeBy = *madeBy;
    auto parts = readParts(json);
    if (!parts)
        return std::unexpected(parts.error());
    command.chart = *parts;
    auto changes = readList<OrgChange>(json, "changes", changeFromJson);
    if (!changes)
        return std::unexpected(changes.error());
    command.changes = *changes;
    return command;
}

QJsonObject orgPartsJson(const OrgParts &parts)
{
    QJsonObject json;
    writeParts(json, parts);
    return json;
}

QJsonObject orgRevisionJson(const OrgRevision &revision)
{
    QJsonObject json {{QStringLiteral("revision"), revision.revision}};
    if (revision.chart) {
        writeParts(json, *revision.chart);
        json.insert(QStringLiteral("changes"), changesJson(revision.changes));
    }
    return json;
}

Result<OrgRevision> orgRevisionFromJson(const QJsonValue &value)
{
    if (!value.isObject())
        return invalid(QStringLiteral("org"), Tr::tr("not an object"));
    const QJsonObject json = value.toObject();
    OrgRevision revision;
    auto number = idField(json, "revision");
    if (!number)
        return std::unexpected(number.error());
    revision.revision = *number;
    if (!json.contains(QLatin1String("units")))
        return revision;
    auto parts = readParts(json);
    if (!parts)
        return std::unexpected(parts.error());
    revision.chart = *parts;
    auto changes = readList<OrgChange>(json, "changes", changeFromJson);
    if (!changes)
        return std::unexpected(changes.error());
    revision.changes = *changes;
    return revision;
}

bool isRegisterCommand(const QJsonValue &value)
{
    return value.toObject().value(QLatin1String("kind")).toString() == QLatin1String("register");
}

namespace {

const QStringList REGISTER_ACTIONS {QStringLiteral("created"), QStringLiteral("updated"),
    QStringLiteral("verified"), QStringLiteral("merged")};

QJsonValue utcJson(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(time.toUTC().toString(Qt::ISODate)) : QJsonValue();
}

Result<QDateTime> utcField(const QJsonObject &json, const char *field, bool required)
{
    auto text = textField(json, field, required);
    if (!text)
        return std::unexpected(text.error());
    if (text->isEmpty())
        return QDateTime();
    const QDateTime time = QDateTime::fromString(*text, Qt::ISODate);
    if (!time.isValid())
        return invalid(QLatin1String(field), Tr::tr("not a date and time: %1").arg(*text));
    return time.toUTC();
}

/// A register entry as a command or the feed carries it, every value checked for its type so
/// that nothing hostile reaches the register's own checks.
Result<RegisterEntry> entryFromJson(const QJsonValue &value, const char *field)
{
    if (!value.isObject())
        return invalid(QLatin1String(field), Tr::tr("not an object"));
    const QJsonObject json = value.toObject();
    for (const char *key : {"code", "kind", "name", "grid", "address", "source", "verified_by",
             "updated_by", "verified_at", "updated_at", "wkb"}) {
        if (auto text = textField(json, key, false); !text)
            return invalid(QStringLiteral("%1.%2").arg(QLatin1String(field), QLatin1String(key)),
                text.error().message);
    }
    for (const char *key : {"lon", "lat", "version"}) {
        const QJsonValue number = json.value(QLatin1String(key));
        if (!number.isUndefined() && !number.isDouble())
            return invalid(QStringLiteral("%1.%2").arg(QLatin1String(field), QLatin1String(key)),
                Tr::tr("not a number"));
    }
    if (json.contains(QLatin1String("lon")) != json.contains(QLatin1String("lat")))
        return invalid(
            QLatin1String(field), Tr::tr("a longitude without a latitude or the reverse"));
    const QJsonValue fields = json.value(QLatin1String("fields"));
    if (!fields.isUndefined() && !fields.isObject())
        return invalid(
            QStringLiteral("%1.fields").arg(QLatin1String(field)), Tr::tr("not an object"));
    const QJsonObject values = fields.toObject();
    for (auto it = values.begin(); it != values.end(); ++it) {
        const bool fine = it->isNull() || it->isDouble()
            || (it->isString() && it->toString().size() <= MAX_TEXT
                && it->toString().isValidUtf16());
        if (!fine)
            return invalid(QStringLiteral("%1.fields.%2").arg(QLatin1String(field), it.key()),
                Tr::tr("not a text or a number"));
    }
    const QString wkb = json.value(QLatin1String("wkb")).toString();
    for (const QChar c : wkb) {
        if (!isxdigit(c.unicode()) || c.unicode() > 0x7f)
            return invalid(
                QStringLiteral("%1.wkb").arg(QLatin1String(field)), Tr::tr("not hexadecimal"));
    }
    RegisterEntry entry = RegisterEntry::fromJson(json);
    for (const auto &[key, time] : {std::pair {"verified_at", &entry.verifiedAt},
             std::pair {"updated_at", &entry.updatedAt}}) {
        auto read = utcField(json, key, false);
        if (!read)
            return std::unexpected(read.error());
        *time = *read;
    }
    return entry;
}

} // namespace

QJsonObject registerCommandJson(const RegisterCommand &command)
{
    QJsonObject json {{QStringLiteral("id"), command.id}, {QStringLiteral("kind"), "register"},
        {QStringLiteral("action"), command.action}, {QStringLiteral("based_on"), command.basedOn},
        {QStringLiteral("at"), utcJson(command.at)}, {QStringLiteral("made_by"), command.madeBy},
        {QStringLiteral("note"), command.note}, {QStringLiteral("entry"), command.entry.toJson()}};
    if (!command.gone.isEmpty())
        json.insert(QStringLiteral("gone"), command.gone);
    return json;
}

Result<RegisterCommand> registerCommandFromJson(const QJsonValue &value)
{
    if (!value.isObject())
        return invalid(QStringLiteral("command"), Tr::tr("not an object"));
    const QJsonObject json = value.toObject();
    RegisterCommand command;
    auto id = commandIdField(json);
    if (!id)
        return std::unexpected(id.error());
    command.id = *id;
    auto action = textField(json, "action", true);
    if (!action)
        return std::unexpected(action.error());
    if (!REGISTER_ACTIONS.contains(*action))
        return invalid(QStringLiteral("action"),
            Tr::tr("not one of %1").arg(REGISTER_ACTIONS.join(QStringLiteral(", "))));
    command.action = *action;
    auto basedOn = idField(json, "based_on");
    if (!basedOn)
        return std::unexpected(basedOn.error());
    if (*basedOn > std::numeric_limits<int>::max())
        return invalid(QStringLiteral("based_on"), Tr::tr("too large"));
    command.basedOn = int(*basedOn);
    auto at = utcField(json, "at", true);
    if (!at)
        return std::unexpected(at.error());
    command.at = *at;
    for (const auto &[key, target] : {std::pair {"made_by", &command.madeBy},
             std::pair {"note", &command.note}, std::pair {"gone", &command.gone}}) {
        auto text = textField(json, key, false);
        if (!text)
            return std::unexpected(text.error());
        *target = *text;
    }
    auto entry = entryFromJson(json.value(QLatin1String("entry")), "entry");
    if (!entry)
        return std::unexpected(entry.error());
    command.entry = *entry;
    if (isBlankText(command.entry.code))
        return invalid(QStringLiteral("entry.code"), Tr::tr("empty"));
    if ((command.action == QLatin1String("merged")) == command.gone.isEmpty())
        return invalid(QStringLiteral("gone"),
            Tr::tr("a merge names the entry merged away, and nothing else does"));
    return command;
}

QJsonObject registerItemJson(const RegisterItem &item)
{
    QJsonArray changes;
    for (const RegisterChange &change : item.changes) {
        QJsonObject line {{QStringLiteral("version"), change.version},
            {QStringLiteral("action"), change.action}, {QStringLiteral("by"), change.changedBy},
            {QStringLiteral("at"), utcJson(change.changedAt)},
            {QStringLiteral("note"), change.note}};
        if (change.before)
            line.insert(QStringLiteral("before"), change.before->toJson());
        if (!change.command.isEmpty())
            line.insert(QStringLiteral("command"), change.command);
        if (!change.data.isEmpty())
            line.insert(QStringLiteral("data"), change.data);
        changes << line;
    }
    return {{QStringLiteral("code"), item.code},
        {QStringLiteral("entry"), item.entry ? QJsonValue(item.entry->toJson()) : QJsonValue()},
        {QStringLiteral("changes"), changes}};
}

Result<RegisterItem> registerItemFromJson(const QJsonValue &value)
{
    if (!value.isObject())
        return invalid(QStringLiteral("entries"), Tr::tr("not an object"));
    const QJsonObject json = value.toObject();
    RegisterItem item;
    auto code = textField(json, "code", true);
    if (!code)
        return std::unexpected(code.error());
    item.code = *code;
    const QJsonValue entry = json.value(QLatin1String("entry"));
    if (!entry.isNull() && !entry.isUndefined()) {
        auto read = entryFromJson(entry, "entry");
        if (!read)
            return std::unexpected(read.error());
        item.entry = *read;
    }
    for (const QJsonValue &value : json.value(QLatin1String("changes")).toArray()) {
        const QJsonObject line = value.toObject();
        RegisterChange change;
        change.code = item.code;
        change.version = line.value(QLatin1String("version")).toInt();
        change.action = line.value(QLatin1String("action")).toString();
        change.changedBy = line.value(QLatin1String("by")).toString();
        auto at = utcField(line, "at", false);
        if (!at)
            return std::unexpected(at.error());
        change.changedAt = *at;
        change.note = line.value(QLatin1String("note")).toString();
        if (line.contains(QLatin1String("before"))) {
            auto before = entryFromJson(line.value(QLatin1String("before")), "before");
            if (!before)
                return std::unexpected(before.error());
            change.before = *before;
        }
        change.command = line.value(QLatin1String("command")).toString();
        change.data = line.value(QLatin1String("data")).toObject();
        item.changes << change;
    }
    return item;
}

} // namespace GridDesk::Sync
