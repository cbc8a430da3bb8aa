// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "open311.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSet>
#include <QStringDecoder>
#include <QUrl>

#include <algorithm>
#include <cmath>

namespace GridDesk::Open311 {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Intake)
};

/// Bounds of what a form may hold, in characters or entries.
constexpr int MAX_FIELDS = 300;
constexpr int MAX_ATTRIBUTE_VALUES = 100;
constexpr int MAX_ID = 128;
constexpr int MAX_NAME = 100;
constexpr int MAX_ADDRESS = 500;
constexpr int MAX_URL = 2048;
constexpr int MAX_TEXT = 4000;
constexpr int MAX_STRING = 1000;

/// The fields of a service request whose values are the reporter's, or a secret.
const QSet<QString> &redactedFields()
{
    static const QSet<QString> fields {QStringLiteral("api_key"), QStringLiteral("email"),
        QStringLiteral("first_name"), QStringLiteral("last_name"), QStringLiteral("phone"),
        QStringLiteral("device_id"), QStringLiteral("account_id")};
    return fields;
}

Refusal malformed(const QString &description)
{
    return Refusal {400, QStringLiteral("malformed"), description};
}

Refusal invalid(const QString &description)
{
    return Refusal {400, QStringLiteral("invalid"), description};
}

/// text without the control characters a report has no use for (tab and line breaks stay).
QString withoutControls(const QString &text)
{
    QString kept;
    kept.reserve(text.size());
    for (const QChar c : text) {
        const bool control =
            c.category() == QChar::Other_Control && c != u'\t' && c != u'\n' && c != u'\r';
        if (!control)
            kept.append(c);
    }
    return kept;
}

/// One part of a form, "+" as space and %XX escapes decoded, as UTF-8; nullopt when the bytes
/// are not UTF-8.
std::optional<QString> formText(QByteArray part)
{
    part.replace('+', ' ');
    const QByteArray bytes = QByteArray::fromPercentEncoding(part);
    auto decoder = QStringDecoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder(bytes);
    if (decoder.hasError())
        return std::nullopt;
    return text;
}

struct FormField
{
    QString name;
    QString value;
};

Checked<QList<FormField>> splitForm(const QByteArray &body)
{
    QList<FormField> fields;
    const QList<QByteArray> parts = body.split('&');
    if (parts.size() > MAX_FIELDS)
        return std::unexpected(
            invalid(Tr::tr("The form has more than %1 fields.").arg(MAX_FIELDS)));
    for (const QByteArray &part : parts) {
        if (part.isEmpty())
            continue;
        const qsizetype equals = part.indexOf('=');
        if (equals <= 0)
            return std::unexpected(malformed(
                Tr::tr("The body is not a form (application/x-www-form-urlencoded): a part has "
                       "no \"name=value\".")));
        const auto name = formText(part.left(equals));
        const auto value = formText(part.mid(equals + 1));
        if (!name || !value)
            return std::unexpected(malformed(Tr::tr("The form is not UTF-8 text.")));
        fields << FormField {*name, *value};
    }
    if (fields.isEmpty())
        return std::unexpected(malformed(Tr::tr("The body holds no form fields.")));
    return fields;
}

/// The code of an "attribute[CODE]" or "attribute[CODE][]" field name; empty for another name,
/// nullopt for a name that starts so but is cut off.
std::optional<QString> attributeCode(const QString &name, bool &multiple)
{
    static const QString prefix = QStringLiteral("attribute[");
    if (!name.startsWith(prefix))
        return QString();
    const qsizetype close = name.indexOf(u']', prefix.size());
    if (close <= prefix.size())
        return std::nullopt;
    const QString rest = name.mid(close + 1);
    if (!rest.isEmpty() && rest != QLatin1String("[]"))
        return std::nullopt;
    multiple = !rest.isEmpty();
    return name.mid(prefix.size(), close - prefix.size());
}

Checked<double> coordinate(const QString &name, const QString &text, double limit)
{
    bool ok = false;
    const double value = text.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(value) || std::abs(value) > limit)
        return std::unexpected(
            invalid(Tr::tr("\"%1\" must be a WGS84 degree from -%2 to %2.").arg(name).arg(limit)));
    return value;
}

/// The simple fields of the form: its name → where it goes and how long it may be.
struct SimpleField
{
    QString ServiceRequestForm::*member;
    int limit;
};

const QHash<QString, SimpleField> &simpleFields()
{
    using F = ServiceRequestForm;
    static const QHash<QString, SimpleField> fields {
        {QStringLiteral("api_key"), {&F::apiKey, 256}},
        {QStringLiteral("jurisdiction_id"), {&F::jurisdictionId, MAX_ID}},
        {QStringLiteral("service_code"), {&F::serviceCode, MAX_ID}},
        {QStringLiteral("address_string"), {&F::addressString, MAX_ADDRESS}},
        {QStringLiteral("address_id"), {&F::addressId, MAX_ID}},
        {QStringLiteral("email"), {&F::email, 254}},
        {QStringLiteral("device_id"), {&F::deviceId, MAX_ID}},
        {QStringLiteral("account_id"), {&F::accountId, MAX_ID}},
        {QStringLiteral("first_name"), {&F::firstName, MAX_NAME}},
        {QStringLiteral("last_name"), {&F::lastName, MAX_NAME}},
        {QStringLiteral("phone"), {&F::phone, 40}},
        {QStringLiteral("description"), {&F::description, MAX_TEXT}},
        {QStringLiteral("media_url"), {&F::mediaUrl, MAX_URL}},
    };
    return fields;
}

/// The body with the values of redacted fields replaced, every other byte as it came.
QByteArray redact(const QByteArray &body)
{
    QList<QByteArray> parts = body.split('&');
    for (QByteArray &part : parts) {
        const qsizetype equals = part.indexOf('=');
        const auto name = equals > 0 ? formText(part.left(equals)) : std::nullopt;
        if (name && redactedFields().contains(*name))
            part = part.left(equals + 1) + REDACTED;
    }
    return parts.join('&');
}

Checked<void> takeLocation(ServiceRequestForm &form, const QString &lat, const QString &lon)
{
    if (lat.isEmpty() != lon.isEmpty())
        return std::unexpected(invalid(Tr::tr("\"lat\" and \"long\" are given together.")));
    if (!lat.isEmpty()) {
        auto latitude = coordinate(QStringLiteral("lat"), lat, 90.0);
        if (!latitude)
            return std::unexpected(latitude.error());
        auto longitude = coordinate(QStringLiteral("long"), lon, 180.0);
        if (!longitude)
            return std::unexpected(longitude.error());
        form.location = GeoPoint {*longitude, *latitude};
    }
    if (!form.location && form.addressString.trimmed().isEmpty() && form.addressId.isEmpty())
        return std::unexpected(
            invalid(Tr::tr("A service request needs a location: \"lat\" and \"long\", "
                           "\"address_string\" or \"address_id\".")));
    return {};
}

Checked<void> checkMediaUrl(const QString &text)
{
    if (text.isEmpty())
        return {};
    const QUrl url(text, QUrl::StrictMode);
    const bool web =
        url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("http");
    if (!url.isValid() || !web || url.host().isEmpty())
        return std::unexpected(invalid(Tr::tr("\"media_url\" must be an http or https address.")));
    return {};
}

/// The field's value kept in form, or the refusal for one given twice or too long.
Checked<void> takeField(ServiceRequestForm &form, QSet<QString> &seen, const FormField &field,
    QString &lat, QString &lon)
{
    if (seen.contains(field.name))
        return std::unexpected(malformed(Tr::tr("The field \"%1\" is given twice.")
                                             .arg(withoutControls(field.name.left(MAX_ID)))));
    seen.insert(field.name);
    const QString value = withoutControls(field.value);
    if (field.name == QLatin1String("lat") || field.name == QLatin1String("long")) {
        (field.name == QLatin1String("lat") ? lat : lon) = value.left(64);
        return {};
    }
    const auto known = simpleFields().constFind(field.name);
    // Fields GeoReport v2 does not name are left alone: later versions and extensions add some.
    if (known == simpleFields().constEnd())
        return {};
    if (value.size() > known->limit)
        return std::unexpected(invalid(
            Tr::tr("\"%1\" has more than %n characters.", nullptr, known->limit).arg(field.name)));
    form.*(known->member) =
        known->member == &ServiceRequestForm::description ? value : value.trimmed();
    return {};
}

Checked<void> takeAttribute(ServiceRequestForm &form, const QString &code, bool multiple,
    const QString &value, QSet<QString> &single)
{
    if (code.size() > MAX_ID)
        return std::unexpected(invalid(Tr::tr("An attribute code is too long.")));
    QStringList &values = form.attributes[code];
    const bool repeated = !values.isEmpty() && (!multiple || single.contains(code));
    if (repeated)
        return std::unexpected(
            malformed(Tr::tr("The attribute \"%1\" is given twice; several values are sent as "
                             "attribute[%1][]=….")
                          .arg(withoutControls(code))));
    if (!multiple)
        single.insert(code);
    if (values.size() >= MAX_ATTRIBUTE_VALUES)
        return std::unexpected(invalid(
            Tr::tr("The attribute \"%1\" has too many values.").arg(withoutControls(code))));
    if (value.size() > MAX_TEXT)
        return std::unexpected(invalid(Tr::tr(
            "A value of the attribute \"%1\" has more than %n characters.", nullptr, MAX_TEXT)
                                           .arg(withoutControls(code))));
    values << withoutControls(value);
    return {};
}

Result<ServiceAttribute> readAttribute(const QJsonObject &object, int index)
{
    const auto wrong = [index](const QString &what) {
        return fail(
            ErrorCode::InvalidArgument, Tr::tr("Attribute %1: %2").arg(index + 1).arg(what));
    };
    ServiceAttribute attribute;
    attribute.code = object.value(QLatin1String("code")).toString().trimmed();
    if (attribute.code.isEmpty() || attribute.code.size() > MAX_ID
        || withoutControls(attribute.code) != attribute.code)
        return wrong(Tr::tr("\"code\" must be a text of 1 to %1 characters.").arg(MAX_ID));
    const auto datatype = datatypeFromKey(object.value(QLatin1String("datatype")).toString());
    if (!datatype)
        return wrong(Tr::tr("\"datatype\" is string, number, datetime, text, singlevaluelist or "
                            "multivaluelist."));
    attribute.datatype = *datatype;
    attribute.variable = object.value(QLatin1String("variable")).toBool(true);
    attribute.required = object.value(QLatin1String("required")).toBool(false);
    attribute.datatypeDescription = object.value(QLatin1String("datatype_description")).toString();
    attribute.description = object.value(QLatin1String("description")).toString();
    const QJsonValue order = object.value(QLatin1String("order"));
    attribute.order = order.isUndefined() ? index + 1 : order.toInt(-1);
    if (attribute.order < 1)
        return wrong(Tr::tr("\"order\" must be a whole number from 1."));

    const bool list = attribute.datatype == Datatype::SingleValueList
        || attribute.datatype == Datatype::MultiValueList;
    const QJsonArray values = object.value(QLatin1String("values")).toArray();
    if (list && values.isEmpty())
        return wrong(Tr::tr("a list attribute needs \"values\", [{\"key\": …, \"name\": …}]."));
    QSet<QString> keys;
    for (const QJsonValue &entry : values) {
        const QJsonValue key = entry.toObject().value(QLatin1String("key"));
        AttributeValue value {key.isDouble() ? QString::number(key.toDouble()) : key.toString(),
            entry.toObject().value(QLatin1String("name")).toString()};
        if (value.key.isEmpty() || value.key.size() > MAX_ID || keys.contains(value.key))
            return wrong(Tr::tr("every value needs a \"key\" of its own."));
        keys.insert(value.key);
        attribute.values << value;
    }
    return attribute;
}

/// The values given for attribute checked against its datatype: one text, or a list of keys
/// for a multivaluelist.
Checked<QJsonValue> checkValues(const ServiceAttribute &attribute, const QStringList &values)
{
    const auto wrong = [&attribute](const QString &what) {
        return std::unexpected(
            invalid(Tr::tr("The attribute \"%1\" %2").arg(attribute.code, what)));
    };
    if (attribute.datatype != Datatype::MultiValueList && values.size() > 1)
        return wrong(Tr::tr("takes one value."));
    const QString value = values.first();
    switch (attribute.datatype) {
    case Datatype::String:
        if (value.size() > MAX_STRING)
            return wrong(Tr::tr("takes at most %n characters.", nullptr, MAX_STRING));
        return QJsonValue(value);
    case Datatype::Text:
        return QJsonValue(value);
    case Datatype::Number: {
        bool ok = false;
        const double number = value.trimmed().toDouble(&ok);
        if (!ok || !std::isfinite(number))
            return wrong(Tr::tr("takes a number, such as 12 or 3.5."));
        return QJsonValue(value.trimmed());
    }
    case Datatype::Datetime:
        if (!readDateTime(value).isValid())
            return wrong(Tr::tr("takes a date and time with its offset, such as "
                                "2026-12-05T08:30:00+08:00."));
        return QJsonValue(value.trimmed());
    case Datatype::SingleValueList:
    case Datatype::MultiValueList:
        break;
    }

    QSet<QString> keys;
    for (const AttributeValue &choice : attribute.values)
        keys.insert(choice.key);
    QJsonArray chosen;
    QSet<QString> seen;
    for (const QString &key : values) {
        if (!keys.contains(key))
            return wrong(Tr::tr("has no choice \"%1\".").arg(key.left(MAX_ID)));
        if (!seen.contains(key))
            chosen << key;
        seen.insert(key);
    }
    if (attribute.datatype == Datatype::SingleValueList)
        return chosen.first();
    return QJsonValue(chosen);
}

} // namespace

Resource splitResource(const QString &path)
{
    const qsizetype dot = path.lastIndexOf(u'.');
    if (dot < 0)
        return {path, std::nullopt, QString()};
    Resource resource {path.left(dot), std::nullopt, path.mid(dot + 1)};
    if (resource.suffix == QLatin1String("json"))
        resource.format = Format::Json;
    else if (resource.suffix == QLatin1String("xml"))
        resource.format = Format::Xml;
    return resource;
}

QString datatypeKey(Datatype datatype)
{
    switch (datatype) {
    case Datatype::String:
        return QStringLiteral("string");
    case Datatype::Number:
        return QStringLiteral("number");
    case Datatype::Datetime:
        return QStringLiteral("datetime");
    case Datatype::Text:
        return QStringLiteral("text");
    case Datatype::SingleValueList:
        return QStringLiteral("singlevaluelist");
    case Datatype::MultiValueList:
        return QStringLiteral("multivaluelist");
    }
    return {};
}

std::optional<Datatype> datatypeFromKey(const QString &key)
{
    for (Datatype datatype : {Datatype::String, Datatype::Number, Datatype::Datetime,
             Datatype::Text, Datatype::SingleValueList, Datatype::MultiValueList}) {
        if (datatypeKey(datatype) == key)
            return datatype;
    }
    return std::nullopt;
}

Result<ServiceSettings> readServiceSettings(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || document.isNull())
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("The service settings must be a JSON object {\"attributes\": […]} or a list "
                   "of attributes."));
    // A bare list is the attributes alone, as a service definition lists them.
    const QJsonObject object = document.isArray()
        ? QJsonObject {{QStringLiteral("attributes"), document.array()}}
        : document.object();

    ServiceSettings settings;
    settings.notice = object.value(QLatin1String("service_notice")).toString();
    settings.description = object.value(QLatin1String("description")).toString();
    for (const QJsonValue &keyword : object.value(QLatin1String("keywords")).toArray())
        settings.keywords << keyword.toString();
    const QJsonArray attributes = object.value(QLatin1String("attributes")).toArray();
    QSet<QString> codes;
    for (qsizetype index = 0; index < attributes.size(); ++index) {
        auto attribute = readAttribute(attributes.at(index).toObject(), int(index));
        if (!attribute)
            return std::unexpected(attribute.error());
        if (codes.contains(attribute->code))
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("Two attributes have the code %1.").arg(attribute->code));
        codes.insert(attribute->code);
        settings.attributes << *attribute;
    }
    std::stable_sort(settings.attributes.begin(), settings.attributes.end(),
        [](const ServiceAttribute &a, const ServiceAttribute &b) { return a.order < b.order; });
    return settings;
}

QByteArray serviceSettingsJson(const ServiceSettings &settings)
{
    QJsonArray attributes;
    for (const ServiceAttribute &attribute : settings.attributes) {
        QJsonArray values;
        for (const AttributeValue &value : attribute.values)
            values << QJsonObject {
                {QStringLiteral("key"), value.key}, {QStringLiteral("name"), value.name}};
        attributes << QJsonObject {
            {QStringLiteral("variable"), attribute.variable},
            {QStringLiteral("code"), attribute.code},
            {QStringLiteral("datatype"), datatypeKey(attribute.datatype)},
            {QStringLiteral("required"), attribute.required},
            {QStringLiteral("datatype_description"), attribute.datatypeDescription},
            {QStringLiteral("order"), attribute.order},
            {QStringLiteral("description"), attribute.description},
            {QStringLiteral("values"), values},
        };
    }
    const QJsonObject object {
        {QStringLiteral("attributes"), attributes},
        {QStringLiteral("service_notice"), settings.notice},
        {QStringLiteral("description"), settings.description},
        {QStringLiteral("keywords"), QJsonArray::fromStringList(settings.keywords)},
    };
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

Checked<ServiceRequestForm> readServiceRequest(const QByteArray &body)
{
    auto fields = splitForm(body);
    if (!fields)
        return std::unexpected(fields.error());

    ServiceRequestForm form;
    QSet<QString> seen;
    QSet<QString> single;
    QString lat;
    QString lon;
    for (const FormField &field : std::as_const(*fields)) {
        bool multiple = false;
        const auto code = attributeCode(field.name, multiple);
        if (!code)
            return std::unexpected(
                malformed(Tr::tr("An attribute is sent as attribute[CODE]=value or "
                                 "attribute[CODE][]=value.")));
        auto taken = code->isEmpty() ? takeField(form, seen, field, lat, lon)
                                     : takeAttribute(form, *code, multiple, field.value, single);
        if (!taken)
            return std::unexpected(taken.error());
    }

    if (form.serviceCode.isEmpty())
        return std::unexpected(invalid(Tr::tr("A service request needs a \"service_code\".")));
    if (auto located = takeLocation(form, lat, lon); !located)
        return std::unexpected(located.error());
    if (auto media = checkMediaUrl(form.mediaUrl); !media)
        return std::unexpected(media.error());
    form.redactedBody = redact(body);
    return form;
}

QDateTime readDateTime(const QString &text)
{
    const QString trimmed = text.trimmed();
    const bool zoned =
        trimmed.endsWith(u'Z') || trimmed.lastIndexOf(u'+') > 10 || trimmed.lastIndexOf(u'-') > 10;
    QDateTime at = QDateTime::fromString(trimmed, Qt::ISODateWithMs);
    if (!zoned || !at.isValid())
        return {};
    return at.toUTC();
}

Checked<QJsonObject> checkAttributes(
    const ServiceRequestForm &form, const QList<ServiceAttribute> &attributes)
{
    QHash<QString, const ServiceAttribute *> byCode;
    for (const ServiceAttribute &attribute : attributes)
        byCode.insert(attribute.code, &attribute);
    for (auto given = form.attributes.cbegin(); given != form.attributes.cend(); ++given) {
        const ServiceAttribute *attribute = byCode.value(given.key());
        if (!attribute || !attribute->variable)
            return std::unexpected(
                invalid(Tr::tr("The service %1 asks for no attribute \"%2\".")
                            .arg(form.serviceCode, withoutControls(given.key()))));
    }

    QJsonObject kept;
    for (const ServiceAttribute &attribute : attributes) {
        if (!attribute.variable)
            continue;
        QStringList values = form.attributes.value(attribute.code);
        values.removeAll(QString());
        if (values.isEmpty()) {
            if (attribute.required)
                return std::unexpected(
                    invalid(Tr::tr("The service %1 needs the attribute \"%2\" (%3).")
                                .arg(form.serviceCode, attribute.code, attribute.description)));
            continue;
        }
        auto value = checkValues(attribute, values);
        if (!value)
            return std::unexpected(value.error());
        kept.insert(attribute.code, *value);
    }
    return kept;
}

QStringList listParameter(const QString &text)
{
    QStringList items;
    for (const QString &item : text.split(u',')) {
        if (!item.trimmed().isEmpty())
            items << item.trimmed();
    }
    return items;
}

} // namespace GridDesk::Open311
