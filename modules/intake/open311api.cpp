// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "open311api.h"

#include "logging.h"

#include "domain/text.h"
#include "server/serverbook.h"
#include "storage/workspace.h"

#include <QCoreApplication>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrlQuery>

namespace GridDesk {

using Open311::Format;
using Open311::Refusal;

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Intake)
};

using Status = QHttpServerResponse::StatusCode;

/// How many cases are read from the store at once while answering GET requests.
constexpr int CHUNK = 200;
/// The most service codes or statuses one query may list.
constexpr int MAX_LISTED = 100;

const QString SOURCE = QStringLiteral("open311");

QHttpServerResponse respond(const Open311::Body &body, Status status = Status::Ok)
{
    return QHttpServerResponse(body.contentType, body.content, status);
}

QString peer(const QHttpServerRequest &request)
{
    return request.remoteAddress().toString();
}

QString timeText(const CaseTime &at)
{
    return at.isValid() ? at.toIso() : QString();
}

/// The instant a case time stands for; a time without an offset is read as the server's.
QDateTime instant(const CaseTime &at)
{
    return QDateTime::fromString(at.toIso(), Qt::ISODate).toUTC();
}

/// What the public is told of where a case stands: the reason or result of the latest event
/// that moved it (a dispatch's note, a rejection's reason, how it was handled). Events that
/// left the state as it was (attachments, contacting the reporter) say nothing here.
QString statusNotes(const CaseFile &file)
{
    const QList<CaseEvent> &events = file.events();
    for (auto event = events.crbegin(); event != events.crend(); ++event) {
        const bool moved = event->from && *event->from != event->to;
        if (!moved)
            continue;
        if (!isBlankText(event->reason))
            return event->reason;
        return event->data.value(QLatin1String("result")).toString();
    }
    return {};
}

Result<void> exec(QSqlQuery &query, const QString &doing)
{
    if (query.exec())
        return {};
    return fail(ErrorCode::Database, Tr::tr("%1 failed: %2").arg(doing, query.lastError().text()));
}

/// The address a client reached the endpoint at, for the discovery document: the Host header
/// when it is a plain host and port.
QString endpointUrl(const QHttpServerRequest &request)
{
    static const QRegularExpression plainHost(
        QStringLiteral("^[A-Za-z0-9.\\-]+(:[0-9]{1,5})?$|"
                       "^\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?$"));
    QString host = QString::fromLatin1(request.value(QByteArrayLiteral("Host")));
    if (!plainHost.match(host).hasMatch())
        host = QStringLiteral("localhost");
    return QStringLiteral("https://%1/open311/v2/").arg(host);
}

/// The report a service request files: its attributes, address id, media URL and jurisdiction
/// in the details, the reporter's contact apart under "contact", and the body it came in with
/// the key and the contact redacted.
IntakeReport reportFrom(const Open311::ServiceRequestForm &form, const QJsonObject &attributes)
{
    IntakeReport report;
    report.source = SOURCE;
    report.category = form.serviceCode;
    report.description = form.description;
    report.address = form.addressString;
    report.location = form.location;
    if (!attributes.isEmpty())
        report.details.insert(QStringLiteral("attributes"), attributes);
    const QList<std::pair<const char *, QString>> kept {{"address_id", form.addressId},
        {"media_url", form.mediaUrl}, {"jurisdiction_id", form.jurisdictionId}};
    for (const auto &[name, value] : kept) {
        if (!value.isEmpty())
            report.details.insert(QLatin1String(name), value);
    }
    const QList<std::pair<const char *, QString>> personal {{"email", form.email},
        {"first_name", form.firstName}, {"last_name", form.lastName}, {"phone", form.phone},
        {"device_id", form.deviceId}, {"account_id", form.accountId}};
    QJsonObject contact;
    for (const auto &[name, value] : personal) {
        if (!value.isEmpty())
            contact.insert(QLatin1String(name), value);
    }
    // Personal data: the desks show it masked unless a role that may reveals it with a reason
    // (org/reportercontact.h); the payload kept beside it has it redacted.
    if (!contact.isEmpty())
        report.details.insert(QStringLiteral("contact"), contact);
    report.payload = form.redactedBody;
    report.contentType = QStringLiteral("application/x-www-form-urlencoded");
    return report;
}

} // namespace

namespace {

/// The query of a GET requests, with the spec's defaults: the last MAX_DAYS days when no dates
/// are given, MAX_DAYS from the one date given.
std::expected<Open311Api::Query, Refusal> readQuery(const QUrlQuery &url, const QDateTime &now)
{
    const auto bad = [](const QString &description) {
        return std::unexpected(Refusal {400, QStringLiteral("bad_query"), description});
    };
    const auto value = [&url](const char *name) {
        return url.queryItemValue(QLatin1String(name), QUrl::FullyDecoded);
    };
    Open311Api::Query query;
    query.ids = Open311::listParameter(value("service_request_id"));
    query.serviceCodes = Open311::listParameter(value("service_code"));
    if (query.ids.size() > Open311Api::MAX_REQUESTS || query.serviceCodes.size() > MAX_LISTED)
        return bad(Tr::tr("A query lists at most %1 service_request_id and %2 service_code.")
                       .arg(Open311Api::MAX_REQUESTS)
                       .arg(MAX_LISTED));
    const QStringList statuses = Open311::listParameter(value("status"));
    for (const QString &status : statuses) {
        if (status != QLatin1String("open") && status != QLatin1String("closed"))
            return bad(Tr::tr("\"status\" is open, closed or both, comma-separated."));
    }
    if (statuses.contains(QLatin1String("open")) != statuses.contains(QLatin1String("closed")))
        query.open = statuses.contains(QLatin1String("open"));

    const QString startText = value("start_date");
    const QString endText = value("end_date");
    query.start = Open311::readDateTime(startText);
    query.end = Open311::readDateTime(endText);
    if ((!startText.isEmpty() && !query.start.isValid())
        || (!endText.isEmpty() && !query.end.isValid()))
        return bad(Tr::tr("\"start_date\" and \"end_date\" are ISO 8601 times with Z or an "
                          "offset, such as 2026-12-01T00:00:00Z."));
    if (!query.start.isValid() && !query.end.isValid())
        query.end = now;
    if (!query.start.isValid())
        query.start = query.end.addDays(-Open311Api::MAX_DAYS);
    if (!query.end.isValid())
        query.end = query.start.addDays(Open311Api::MAX_DAYS);
    if (query.end < query.start || query.start.daysTo(query.end) > Open311Api::MAX_DAYS)
        return bad(Tr::tr("\"start_date\" must come before \"end_date\", at most %n days before.",
            nullptr, Open311Api::MAX_DAYS));
    return query;
}

} // namespace

Open311Api::Open311Api(
    Workspace &store, ServerBook &book, IntakeBook &intake, std::function<void()> changed)
    : m_store(store)
    , m_book(book)
    , m_intake(intake)
    , m_services(store)
    , m_changed(std::move(changed))
    , m_startedAt(QDateTime::currentDateTimeUtc())
{ }

void Open311Api::route(QHttpServer &server)
{
    using Method = QHttpServerRequest::Method;
    server.route(QStringLiteral("/open311/v2/services/<arg>"), Method::Get,
        [this](const QString &resource, const QHttpServerRequest &request) {
            return definition(resource, request);
        });
    server.route(QStringLiteral("/open311/v2/requests/<arg>"), Method::Get,
        [this](const QString &resource, const QHttpServerRequest &request) {
            return lookup(resource, request);
        });
    server.route(QStringLiteral("/open311/v2/<arg>"), Method::Get,
        [this](const QString &resource, const QHttpServerRequest &request) {
            return get(resource, request);
        });
    server.route(QStringLiteral("/open311/v2/<arg>"), Method::Post,
        [this](const QString &resource, const QHttpServerRequest &request) {
            return post(resource, request);
        });
}

QHttpServerResponse Open311Api::refuse(const Refusal &refusal, Format format, const QString &detail)
{
    m_intake.countRefusal(IntakeChannel::Open311, refusal.reason,
        detail + u' ' + refusal.description, QDateTime::currentDateTimeUtc());
    qCInfo(lcIntake).noquote() << "open311 refused:" << refusal.reason << printableText(detail);
    return respond(
        Open311::errorsBody(refusal.status, refusal.description, format), Status(refusal.status));
}

QHttpServerResponse Open311Api::notFound(const QString &description, Format format)
{
    return respond(Open311::errorsBody(404, description, format), Status::NotFound);
}

QHttpServerResponse Open311Api::unavailable(const Error &error, Format format)
{
    qCWarning(lcIntake).noquote() << "open311: the store failed:" << error.message;
    return respond(Open311::errorsBody(503,
                       Tr::tr("The server could not read or write its store; try again."), format),
        Status::ServiceUnavailable);
}

QHttpServerResponse Open311Api::get(const QString &path, const QHttpServerRequest &request)
{
    const Open311::Resource resource = Open311::splitResource(path);
    const QStringList known {
        QStringLiteral("discovery"), QStringLiteral("services"), QStringLiteral("requests")};
    if (!known.contains(resource.name))
        return notFound(Tr::tr("There is no Open311 resource %1.").arg(printableText(path)),
            resource.format.value_or(Format::Json));
    if (!resource.format)
        return refuse(Refusal {400, QStringLiteral("bad_format"),
                          Tr::tr("Ask for %1.json or %1.xml.").arg(resource.name)},
            Format::Json, QStringLiteral("from %1").arg(peer(request)));
    if (resource.name == QLatin1String("discovery"))
        return discovery(request, *resource.format);
    if (resource.name == QLatin1String("services"))
        return services(request, *resource.format);
    return requests(request, *resource.format);
}

QHttpServerResponse Open311Api::post(const QString &path, const QHttpServerRequest &request)
{
    const Open311::Resource resource = Open311::splitResource(path);
    if (resource.name != QLatin1String("requests"))
        return notFound(Tr::tr("Service requests are posted to requests.json or requests.xml."),
            resource.format.value_or(Format::Json));
    if (!resource.format)
        return refuse(Refusal {400, QStringLiteral("bad_format"),
                          Tr::tr("Post to requests.json or requests.xml.")},
            Format::Json, QStringLiteral("from %1").arg(peer(request)));
    return file(request, *resource.format);
}

QHttpServerResponse Open311Api::discovery(const QHttpServerRequest &request, Format format)
{
    auto changed = m_services.changedAt();
    if (!changed)
        return unavailable(changed.error(), format);
    Open311::Discovery document;
    document.changeset = changed->isValid() ? std::max(*changed, m_startedAt) : m_startedAt;
    document.keyService =
        Tr::tr("Ask the administrator of this GridDesk server for an API key of an Open311 "
               "client.");
    document.url = endpointUrl(request);
    return respond(Open311::discoveryBody(document, format));
}

Result<QStringList> Open311Api::jurisdictionUnits(const QString &jurisdictionId) const
{
    auto clients = m_intake.clients();
    if (!clients)
        return std::unexpected(clients.error());
    QStringList units;
    for (const IntakeClient &client : std::as_const(*clients)) {
        const bool files = client.channel == IntakeChannel::Open311
            && client.jurisdictionId == jurisdictionId && !units.contains(client.unitCode);
        if (files)
            units << client.unitCode;
    }
    return units;
}

std::expected<QStringList, Refusal> Open311Api::readScope(const QHttpServerRequest &request)
{
    const QString jurisdiction =
        request.query().queryItemValue(QStringLiteral("jurisdiction_id"), QUrl::FullyDecoded);
    if (jurisdiction.isEmpty())
        return QStringList();
    auto units = jurisdictionUnits(jurisdiction);
    if (!units)
        return std::unexpected(Refusal {503, QStringLiteral("store"), units.error().message});
    if (units->isEmpty())
        return std::unexpected(Refusal {404, QStringLiteral("unknown_jurisdiction"),
            Tr::tr("There is no jurisdiction_id %1 here.")
                .arg(printableText(jurisdiction.left(128)))});
    return *units;
}

QHttpServerResponse Open311Api::services(const QHttpServerRequest &request, Format format)
{
    if (auto scope = readScope(request); !scope)
        return refuse(scope.error(), format, QStringLiteral("from %1").arg(peer(request)));
    if (auto followed = m_book.followStore(); !followed)
        return unavailable(followed.error(), format);
    auto settings = m_services.all();
    if (!settings)
        return unavailable(settings.error(), format);
    return respond(Open311::servicesBody(
        Open311Services::services(m_book.book().setup().categories, *settings), format));
}

QHttpServerResponse Open311Api::definition(const QString &path, const QHttpServerRequest &request)
{
    const Open311::Resource resource = Open311::splitResource(path);
    if (!resource.format)
        return refuse(Refusal {400, QStringLiteral("bad_format"),
                          Tr::tr("Ask for services/CODE.json or services/CODE.xml.")},
            Format::Json, QStringLiteral("from %1").arg(peer(request)));
    const Format format = *resource.format;
    if (auto scope = readScope(request); !scope)
        return refuse(scope.error(), format, QStringLiteral("from %1").arg(peer(request)));
    if (auto followed = m_book.followStore(); !followed)
        return unavailable(followed.error(), format);
    if (!m_book.book().setup().categories.contains(resource.name))
        return notFound(
            Tr::tr("There is no service_code %1.").arg(printableText(resource.name.left(128))),
            format);
    auto settings = m_services.all();
    if (!settings)
        return unavailable(settings.error(), format);
    return respond(
        Open311::definitionBody(resource.name, settings->value(resource.name).attributes, format));
}

QHttpServerResponse Open311Api::lookup(const QString &path, const QHttpServerRequest &request)
{
    const Open311::Resource resource = Open311::splitResource(path);
    if (!resource.format)
        return refuse(Refusal {400, QStringLiteral("bad_format"),
                          Tr::tr("Ask for requests/ID.json or requests/ID.xml.")},
            Format::Json, QStringLiteral("from %1").arg(peer(request)));
    const Format format = *resource.format;
    auto scope = readScope(request);
    if (!scope)
        return refuse(scope.error(), format, QStringLiteral("from %1").arg(peer(request)));
    if (auto followed = m_book.followStore(); !followed)
        return unavailable(followed.error(), format);
    Query query;
    query.ids = {resource.name};
    auto ids = matchingCases(query);
    if (!ids)
        return unavailable(ids.error(), format);
    auto found = views(*ids, *scope, nullptr);
    if (!found)
        return unavailable(found.error(), format);
    if (found->isEmpty())
        return notFound(
            Tr::tr("There is no service request %1.").arg(printableText(resource.name.left(128))),
            format);
    return respond(Open311::requestsBody(*found, format));
}

QHttpServerResponse Open311Api::requests(const QHttpServerRequest &request, Format format)
{
    const QString detail = QStringLiteral("from %1").arg(peer(request));
    auto scope = readScope(request);
    if (!scope)
        return refuse(scope.error(), format, detail);
    auto query = readQuery(request.query(), QDateTime::currentDateTimeUtc());
    if (!query)
        return refuse(query.error(), format, detail);
    if (auto followed = m_book.followStore(); !followed)
        return unavailable(followed.error(), format);
    auto ids = matchingCases(*query);
    if (!ids)
        return unavailable(ids.error(), format);
    auto found = views(*ids, *scope, &*query);
    if (!found)
        return unavailable(found.error(), format);
    return respond(Open311::requestsBody(*found, format));
}

Result<QList<qint64>> Open311Api::matchingCases(const Query &query) const
{
    QString sql = QStringLiteral("SELECT fid FROM cases WHERE source = ?");
    QVariantList values {SOURCE};
    const auto listed = [&](const QString &column, const QStringList &items) {
        sql += QStringLiteral(" AND %1 IN (%2)")
                   .arg(column, QStringList(items.size(), QStringLiteral("?")).join(u','));
        for (const QString &item : items)
            values << item;
    };
    if (!query.ids.isEmpty()) {
        listed(QStringLiteral("external_id"), query.ids);
    } else {
        // Cases keep their time with the server's offset: a day either side catches them all,
        // and the exact window is checked on each.
        sql += QStringLiteral(" AND substr(created, 1, 10) >= ? AND substr(created, 1, 10) <= ?");
        values << query.start.addDays(-1).date().toString(Qt::ISODate)
               << query.end.addDays(1).date().toString(Qt::ISODate);
        if (!query.serviceCodes.isEmpty())
            listed(QStringLiteral("category"), query.serviceCodes);
    }
    sql += QStringLiteral(" ORDER BY fid DESC");

    QSqlQuery select(m_store.database());
    select.prepare(sql);
    for (const QVariant &value : std::as_const(values))
        select.addBindValue(value);
    if (auto read = exec(select, Tr::tr("Looking up Open311 requests")); !read)
        return std::unexpected(read.error());
    QList<qint64> ids;
    while (select.next())
        ids << select.value(0).toLongLong();
    return ids;
}

bool Open311Api::withinUnits(const CaseRecord &record, const QStringList &units) const
{
    if (units.isEmpty())
        return true;
    for (const QString &unit : units) {
        Account reader;
        reader.name = QStringLiteral("open311");
        reader.role = Role::System;
        reader.unitCode = unit;
        if (m_book.sees(reader, record))
            return true;
    }
    return false;
}

Result<QList<Open311::ServiceRequestView>> Open311Api::views(
    const QList<qint64> &caseIds, const QStringList &units, const Query *query) const
{
    auto settings = m_services.all();
    if (!settings)
        return std::unexpected(settings.error());
    const bool windowed = query && query->ids.isEmpty();
    const CaseBook::StatementScope statements(m_book.book());
    QList<Open311::ServiceRequestView> found;
    for (qsizetype from = 0; from < caseIds.size() && found.size() < MAX_REQUESTS; from += CHUNK) {
        const QList<qint64> chunk = caseIds.mid(from, CHUNK);
        auto records = m_book.book().records(chunk);
        if (!records)
            return std::unexpected(records.error());
        for (qint64 id : chunk) {
            const auto record = records->constFind(id);
            if (record == records->constEnd() || !withinUnits(*record, units))
                continue;
            const QDateTime at = instant(record->created);
            if (windowed && (at < query->start || at > query->end))
                continue;
            auto seen = view(*record, *settings);
            if (!seen)
                return std::unexpected(seen.error());
            if (query && query->ids.isEmpty() && query->open && seen->open != *query->open)
                continue;
            found << *seen;
            if (found.size() >= MAX_REQUESTS)
                break;
        }
    }
    return found;
}

Result<Open311::ServiceRequestView> Open311Api::view(
    const CaseRecord &record, const QHash<QString, Open311::ServiceSettings> &settings) const
{
    auto file = m_book.book().file(record.id);
    if (!file)
        return std::unexpected(file.error());
    const WorkflowSetup &setup = m_book.book().setup();
    const QJsonObject reported =
        file->events().isEmpty() ? QJsonObject() : file->events().first().data;
    const auto state = caseStateFromKey(record.state);
    const auto category = setup.categories.category(record.category);

    Open311::ServiceRequestView view;
    view.id = record.externalId;
    view.open = !state || !isFinished(*state);
    view.statusNotes = statusNotes(*file);
    view.serviceCode = record.category;
    view.serviceName = category ? category->name : QString();
    view.description = record.descriptor;
    view.agencyResponsible =
        record.leadUnit.isEmpty() ? QString() : setup.units.displayName(record.leadUnit);
    view.serviceNotice = settings.value(record.category).notice;
    view.requestedAt = timeText(record.created);
    view.updatedAt = file->events().isEmpty() ? QString() : timeText(file->events().last().at);
    view.expectedAt = view.open ? timeText(record.deadline) : QString();
    view.address = record.address;
    view.addressId = reported.value(QLatin1String("address_id")).toString();
    view.location = record.location;
    view.mediaUrl = reported.value(QLatin1String("media_url")).toString();
    return view;
}

QHttpServerResponse Open311Api::file(const QHttpServerRequest &request, Format format)
{
    const QDateTime receivedAt = QDateTime::currentDateTimeUtc();
    const QString from = QStringLiteral("from %1").arg(peer(request));
    if (request.body().size() > MAX_REQUEST_BYTES)
        return refuse(Refusal {413, QStringLiteral("too_large"),
                          Tr::tr("The request has %1 bytes; at most %2 are taken.")
                              .arg(request.body().size())
                              .arg(MAX_REQUEST_BYTES)},
            format, from);
    const QByteArray type = request.value(QByteArrayLiteral("Content-Type")).toLower();
    if (!type.isEmpty() && !type.startsWith("application/x-www-form-urlencoded"))
        return refuse(Refusal {415, QStringLiteral("unsupported_type"),
                          Tr::tr("A service request is posted as "
                                 "application/x-www-form-urlencoded, not %1.")
                              .arg(printableText(QString::fromLatin1(type.left(80))))},
            format, from);
    auto form = Open311::readServiceRequest(request.body());
    if (!form)
        return refuse(form.error(), format, from);

    QString key = form->apiKey;
    if (key.isEmpty())
        key = request.query().queryItemValue(QStringLiteral("api_key"), QUrl::FullyDecoded);
    auto client = m_intake.authenticate(IntakeChannel::Open311, key);
    if (!client && client.error().code != ErrorCode::Unauthorized)
        return unavailable(client.error(), format);
    if (!client)
        return refuse(Refusal {403, QStringLiteral("unauthorized"),
                          Tr::tr("The api_key is missing, unknown or revoked.")},
            format, from);
    const QString detail = QStringLiteral("client %1 %2").arg(client->name, from);
    const bool otherJurisdiction = !client->jurisdictionId.isEmpty()
        && !form->jurisdictionId.isEmpty() && form->jurisdictionId != client->jurisdictionId;
    if (otherJurisdiction)
        return refuse(Refusal {403, QStringLiteral("jurisdiction"),
                          Tr::tr("This api_key files requests for jurisdiction_id %1, not %2.")
                              .arg(client->jurisdictionId, printableText(form->jurisdictionId))},
            format, detail);
    return fileFor(*client, *form, format, receivedAt, detail);
}

QHttpServerResponse Open311Api::fileFor(const IntakeClient &client,
    const Open311::ServiceRequestForm &form, Format format, const QDateTime &receivedAt,
    const QString &detail)
{
    if (auto followed = m_book.followStore(); !followed)
        return unavailable(followed.error(), format);
    if (!m_book.book().setup().categories.contains(form.serviceCode))
        return refuse(Refusal {400, QStringLiteral("unknown_service"),
                          Tr::tr("There is no service_code %1; services.json lists them.")
                              .arg(printableText(form.serviceCode))},
            format, detail);
    auto settings = m_services.all();
    if (!settings)
        return unavailable(settings.error(), format);
    const Open311::ServiceSettings service = settings->value(form.serviceCode);
    auto attributes = Open311::checkAttributes(form, service.attributes);
    if (!attributes)
        return refuse(attributes.error(), format, detail);

    const IntakeReport report = reportFrom(form, *attributes);
    auto filed = m_store.transaction<IntakeOutcome>([&]() -> Result<IntakeOutcome> {
        // Under the store's write lock: what another server process changed is seen.
        if (auto followed = m_book.followStore(); !followed)
            return std::unexpected(followed.error());
        return m_intake.file(client, report, receivedAt);
    });
    if (!filed) {
        switch (filed.error().code) {
        case ErrorCode::Forbidden:
            return refuse(Refusal {403, QStringLiteral("outside_jurisdiction"),
                              Tr::tr("The place of this request lies outside the area this "
                                     "api_key files requests for.")},
                format, detail + u' ' + filed.error().message);
        case ErrorCode::InvalidArgument:
            return refuse(
                Refusal {400, QStringLiteral("invalid"), filed.error().message}, format, detail);
        default:
            return unavailable(filed.error(), format);
        }
    }
    if (m_changed)
        m_changed();
    qCInfo(lcIntake).noquote() << "open311 request" << filed->key.externalId << "filed by"
                               << client.name;
    return respond(
        Open311::createdBody({filed->key.externalId, service.notice, QString()}, format));
}

} // namespace GridDesk
