// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "intakebook.h"
#include "open311services.h"
#include "open311writer.h"

#include "domain/caserecord.h"

#include <QHttpServerResponse>

#include <functional>

class QHttpServer;
class QHttpServerRequest;

namespace GridDesk {

class ServerBook;
class Workspace;

/// Open311 GeoReport v2 under /open311/v2/ (modules/intake/OPEN311.md), each resource in JSON
/// and XML: discovery, the service list (the workflow's categories), service definitions,
/// POST requests (an application/x-www-form-urlencoded form with the api_key of an open311
/// client) filed as reports through IntakeBook, and GET requests and requests/ID reading the
/// cases that came through Open311 back, open or closed. Every refusal is answered in the
/// format asked for as {"code", "description"} errors and counted per reason. Use on the
/// store's thread.
class Open311Api
{
public:
    /// The largest POST body taken: a form of text fields, far below any attachment.
    static constexpr qint64 MAX_REQUEST_BYTES = 64 * 1024;
    /// The most requests one GET requests answers, and the longest span of days it covers.
    static constexpr int MAX_REQUESTS = 1000;
    static constexpr int MAX_DAYS = 90;

    /// changed is called after every report filed, so held feed requests are answered.
    Open311Api(
        Workspace &store, ServerBook &book, IntakeBook &intake, std::function<void()> changed);

    /// Routes the endpoints on server; this must outlive it.
    void route(QHttpServer &server);

    /// GET /open311/v2/RESOURCE: discovery, services or requests, with .json or .xml.
    QHttpServerResponse get(const QString &resource, const QHttpServerRequest &request);
    /// POST /open311/v2/requests.FORMAT: files a service request.
    QHttpServerResponse post(const QString &resource, const QHttpServerRequest &request);
    /// GET /open311/v2/services/CODE.FORMAT: the service's attributes.
    QHttpServerResponse definition(const QString &resource, const QHttpServerRequest &request);
    /// GET /open311/v2/requests/ID.FORMAT: one request, as a list of one.
    QHttpServerResponse lookup(const QString &resource, const QHttpServerRequest &request);

    /// What GET requests asks for.
    struct Query
    {
        QStringList ids; ///< when given, just these, whatever else is asked
        QStringList serviceCodes;
        std::optional<bool> open; ///< empty: open and closed
        QDateTime start; ///< UTC
        QDateTime end; ///< UTC
    };

private:
    QHttpServerResponse discovery(const QHttpServerRequest &request, Open311::Format format);
    QHttpServerResponse services(const QHttpServerRequest &request, Open311::Format format);
    QHttpServerResponse requests(const QHttpServerRequest &request, Open311::Format format);
    QHttpServerResponse file(const QHttpServerRequest &request, Open311::Format format);
    QHttpServerResponse fileFor(const IntakeClient &client, const Open311::ServiceRequestForm &form,
        Open311::Format format, const QDateTime &receivedAt, const QString &detail);
    /// The refusal answered in format, counted and logged; detail says for the count who sent it.
    QHttpServerResponse refuse(
        const Open311::Refusal &refusal, Open311::Format format, const QString &detail);
    QHttpServerResponse notFound(const QString &description, Open311::Format format);
    QHttpServerResponse unavailable(const Error &error, Open311::Format format);
    /// The units of the open311 clients filing under jurisdictionId; none when nobody does.
    Result<QStringList> jurisdictionUnits(const QString &jurisdictionId) const;
    /// The units a read with the request's jurisdiction_id is held to (empty: every unit), or
    /// the refusal for a jurisdiction_id no client files under.
    std::expected<QStringList, Open311::Refusal> readScope(const QHttpServerRequest &request);
    Result<QList<qint64>> matchingCases(const Query &query) const;
    Result<QList<Open311::ServiceRequestView>> views(
        const QList<qint64> &caseIds, const QStringList &units, const Query *query) const;
    Result<Open311::ServiceRequestView> view(
        const CaseRecord &record, const QHash<QString, Open311::ServiceSettings> &settings) const;
    bool withinUnits(const CaseRecord &record, const QStringList &units) const;

    Workspace &m_store;
    ServerBook &m_book;
    IntakeBook &m_intake;
    Open311Services m_services;
    std::function<void()> m_changed;
    QDateTime m_startedAt;
};

} // namespace GridDesk
