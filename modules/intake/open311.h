// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"
#include "domain/grid.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <expected>
#include <optional>

namespace GridDesk::Open311 {

/// The formats a GeoReport v2 resource is asked for in, by its file suffix.
enum class Format { Json, Xml };

/// A resource name as asked for: "services.json" is ("services", Json). format is empty when
/// the suffix is neither json nor xml; suffix is what was given.
struct Resource
{
    QString name;
    std::optional<Format> format;
    QString suffix;
};
Resource splitResource(const QString &path);

/// Why a request is refused: the HTTP status it is answered with, the key it is counted under
/// (IntakeBook::countRefusal) and the description the client gets.
struct Refusal
{
    int status = 400;
    QString reason;
    QString description;
};

template<typename T>
using Checked = std::expected<T, Refusal>;

/// The kinds of input a service attribute takes.
enum class Datatype { String, Number, Datetime, Text, SingleValueList, MultiValueList };
QString datatypeKey(Datatype datatype);
std::optional<Datatype> datatypeFromKey(const QString &key);

/// One choice of a list attribute.
struct AttributeValue
{
    QString key;
    QString name;
};

/// A question a service asks beyond the standard fields ("Which side of the street?").
struct ServiceAttribute
{
    bool variable = true; ///< false: information for the reporter, no input taken
    QString code;
    Datatype datatype = Datatype::String;
    bool required = false;
    QString datatypeDescription;
    int order = 1;
    QString description;
    QList<AttributeValue> values; ///< the choices of a list attribute
};

/// What an administrator sets for one service beyond its category: the attributes it asks for,
/// the notice a reporter gets when filing, a description and keywords for the service list.
struct ServiceSettings
{
    QList<ServiceAttribute> attributes;
    QString notice;
    QString description;
    QStringList keywords;
};

/// Reads service settings from JSON: {"attributes": [attribute…], "service_notice": …,
/// "description": …, "keywords": […]}, each attribute as a service definition lists it. Refused
/// (InvalidArgument) naming the attribute and field that is wrong.
Result<ServiceSettings> readServiceSettings(const QByteArray &json);
/// The JSON readServiceSettings() reads.
QByteArray serviceSettingsJson(const ServiceSettings &settings);

/// One entry of the service list: a category of the workflow.
struct Service
{
    QString code;
    QString name;
    QString description;
    bool metadata = false; ///< it has attributes: ask for its definition
    QString type = QStringLiteral("realtime");
    QStringList keywords;
    QString group; ///< the parent category's name
};

/// The service discovery document of one endpoint.
struct Discovery
{
    QDateTime changeset; ///< UTC
    QString contact;
    QString keyService;
    QString url; ///< the endpoint's base, ending in "/"
};

/// A POST of a service request, read from its form.
struct ServiceRequestForm
{
    QString apiKey;
    QString jurisdictionId;
    QString serviceCode;
    std::optional<GeoPoint> location;
    QString addressString;
    QString addressId;
    QString email;
    QString deviceId;
    QString accountId;
    QString firstName;
    QString lastName;
    QString phone;
    QString description;
    QString mediaUrl;
    QMap<QString, QStringList> attributes; ///< code → values, in the order given
    QByteArray redactedBody; ///< the body with the key and personal data replaced
};

/// The value personal data and keys are replaced with in a kept payload.
inline constexpr char REDACTED[] = "REDACTED";

/// Reads an application/x-www-form-urlencoded body ("+" for space, %XX escapes, UTF-8), with
/// "attribute[CODE]=value" and "attribute[CODE][]=value" (repeated for several values). Refused
/// with 400 "malformed" for a body that is not such a form, not UTF-8 or repeats a field, and
/// 400 "invalid" for a value out of its bounds (lat/long, lengths, the media URL, a location
/// missing). Control characters but tab and line breaks are taken out of the texts.
Checked<ServiceRequestForm> readServiceRequest(const QByteArray &body);

/// The attributes of form checked against the service's: required ones given, values of their
/// datatype and among the choices, no unknown codes. Returns them as the report's details keep
/// them: code → text, or a list of texts for a multivaluelist. Refused with 400 "invalid".
Checked<QJsonObject> checkAttributes(
    const ServiceRequestForm &form, const QList<ServiceAttribute> &attributes);

/// The texts the comma-separated list parameter text holds, trimmed, empty ones left out.
QStringList listParameter(const QString &text);

/// Reads a GeoReport date and time (ISO 8601 with Z or an offset); invalid for anything else.
QDateTime readDateTime(const QString &text);

} // namespace GridDesk::Open311
