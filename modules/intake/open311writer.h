// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "open311.h"

namespace GridDesk::Open311 {

/// A service request as GET requests answers it. Times are ISO 8601 with their offset; an
/// empty text is written as null (JSON) or an empty element (XML).
struct ServiceRequestView
{
    QString id;
    bool open = true;
    QString statusNotes;
    QString serviceName;
    QString serviceCode;
    QString description;
    QString agencyResponsible;
    QString serviceNotice;
    QString requestedAt;
    QString updatedAt;
    QString expectedAt;
    QString address;
    QString addressId;
    QString zipcode;
    std::optional<GeoPoint> location;
    QString mediaUrl;
};

/// What POST requests answers for the request it took.
struct CreatedRequest
{
    QString id;
    QString notice;
    QString accountId;
};

/// A response body and its Content-Type (UTF-8 JSON, or XML with its declaration).
struct Body
{
    QByteArray content;
    QByteArray contentType;
};

/// The responses of GeoReport v2, with its element names, in format. Texts are written as
/// they are in JSON and with the characters XML 1.0 cannot hold taken out in XML.
Body discoveryBody(const Discovery &discovery, Format format);
Body servicesBody(const QList<Service> &services, Format format);
Body definitionBody(
    const QString &serviceCode, const QList<ServiceAttribute> &attributes, Format format);
Body createdBody(const CreatedRequest &created, Format format);
Body requestsBody(const QList<ServiceRequestView> &requests, Format format);
/// [{"code": status, "description": …}] or <errors><error>…</error></errors>.
Body errorsBody(int code, const QString &description, Format format);

/// text without the characters XML 1.0 cannot hold (most control characters, lone surrogates,
/// U+FFFE and U+FFFF).
QString xmlText(const QString &text);

} // namespace GridDesk::Open311
