// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "open311writer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QXmlStreamWriter>

namespace GridDesk::Open311 {

namespace {

const QString SPECIFICATION = QStringLiteral("http://wiki.open311.org/GeoReport_v2");

/// A value of a response, written as JSON or XML: the same tree gives both, so the two
/// formats cannot drift apart.
struct Node
{
    enum class Kind { Null, Text, Number, Integer, Boolean, Object, List };
    Kind kind = Kind::Null;
    QString text;
    double number = 0.0;
    QStringList names; ///< of an object's fields, in order
    QList<Node> values; ///< an object's fields or a list's items
    QString itemName; ///< the XML element of each item of a list

    static Node ofText(const QString &text)
    {
        Node node;
        node.kind = text.isEmpty() ? Kind::Null : Kind::Text;
        node.text = text;
        return node;
    }
    static Node ofNumber(double number)
    {
        Node node;
        node.kind = Kind::Number;
        node.number = number;
        return node;
    }
    static Node ofInteger(int number)
    {
        Node node;
        node.kind = Kind::Integer;
        node.number = number;
        return node;
    }
    static Node ofBoolean(bool value)
    {
        Node node;
        node.kind = Kind::Boolean;
        node.number = value ? 1 : 0;
        return node;
    }
    static Node list(const QString &itemName, QList<Node> items = {})
    {
        Node node;
        node.kind = Kind::List;
        node.itemName = itemName;
        node.values = std::move(items);
        return node;
    }
    static Node object()
    {
        Node node;
        node.kind = Kind::Object;
        return node;
    }

    Node &add(const QString &name, Node value)
    {
        names << name;
        values << std::move(value);
        return *this;
    }
};

QJsonValue toJson(const Node &node)
{
    switch (node.kind) {
    case Node::Kind::Null:
        return QJsonValue(QJsonValue::Null);
    case Node::Kind::Text:
        return node.text;
    case Node::Kind::Number:
        return node.number;
    case Node::Kind::Integer:
        return int(node.number);
    case Node::Kind::Boolean:
        return node.number != 0.0;
    case Node::Kind::Object: {
        QJsonObject object;
        for (qsizetype index = 0; index < node.names.size(); ++index)
            object.insert(node.names.at(index), toJson(node.values.at(index)));
        return object;
    }
    case Node::Kind::List: {
        QJsonArray array;
        for (const Node &item : node.values)
            array << toJson(item);
        return array;
    }
    }
    return {};
}

void writeXml(QXmlStreamWriter &xml, const QString &name, const Node &node)
{
    switch (node.kind) {
    case Node::Kind::Null:
        xml.writeEmptyElement(name);
        return;
    case Node::Kind::Text:
        xml.writeTextElement(name, xmlText(node.text));
        return;
    case Node::Kind::Number:
        xml.writeTextElement(name, QString::number(node.number, 'g', 15));
        return;
    case Node::Kind::Integer:
        xml.writeTextElement(name, QString::number(int(node.number)));
        return;
    case Node::Kind::Boolean:
        xml.writeTextElement(
            name, node.number != 0.0 ? QStringLiteral("true") : QStringLiteral("false"));
        return;
    case Node::Kind::Object:
    case Node::Kind::List:
        break;
    }
    xml.writeStartElement(name);
    for (qsizetype index = 0; index < node.values.size(); ++index) {
        const QString &child =
            node.kind == Node::Kind::Object ? node.names.at(index) : node.itemName;
        writeXml(xml, child, node.values.at(index));
    }
    xml.writeEndElement();
}

/// root as the body of a response: JSON, or XML under the element rootName.
Body body(const QString &rootName, const Node &root, Format format)
{
    if (format == Format::Json) {
        const QJsonValue json = toJson(root);
        const QJsonDocument document =
            json.isArray() ? QJsonDocument(json.toArray()) : QJsonDocument(json.toObject());
        return {document.toJson(QJsonDocument::Compact),
            QByteArrayLiteral("application/json; charset=utf-8")};
    }
    QByteArray content;
    QXmlStreamWriter xml(&content);
    xml.writeStartDocument();
    writeXml(xml, rootName, root);
    xml.writeEndDocument();
    return {content, QByteArrayLiteral("text/xml; charset=utf-8")};
}

QString isoUtc(const QDateTime &at)
{
    return at.toUTC().toString(Qt::ISODate);
}

Node serviceNode(const Service &service)
{
    Node node = Node::object();
    node.add(QStringLiteral("service_code"), Node::ofText(service.code))
        .add(QStringLiteral("service_name"), Node::ofText(service.name))
        .add(QStringLiteral("description"), Node::ofText(service.description))
        .add(QStringLiteral("metadata"), Node::ofBoolean(service.metadata))
        .add(QStringLiteral("type"), Node::ofText(service.type))
        .add(QStringLiteral("keywords"), Node::ofText(service.keywords.join(QStringLiteral(", "))))
        .add(QStringLiteral("group"), Node::ofText(service.group));
    return node;
}

Node attributeNode(const ServiceAttribute &attribute)
{
    Node values = Node::list(QStringLiteral("value"));
    for (const AttributeValue &value : attribute.values) {
        Node choice = Node::object();
        choice.add(QStringLiteral("key"), Node::ofText(value.key))
            .add(QStringLiteral("name"), Node::ofText(value.name));
        values.values << choice;
    }
    Node node = Node::object();
    node.add(QStringLiteral("variable"), Node::ofBoolean(attribute.variable))
        .add(QStringLiteral("code"), Node::ofText(attribute.code))
        .add(QStringLiteral("datatype"), Node::ofText(datatypeKey(attribute.datatype)))
        .add(QStringLiteral("required"), Node::ofBoolean(attribute.required))
        .add(QStringLiteral("datatype_description"), Node::ofText(attribute.datatypeDescription))
        .add(QStringLiteral("order"), Node::ofInteger(attribute.order))
        .add(QStringLiteral("description"), Node::ofText(attribute.description));
    if (!attribute.values.isEmpty())
        node.add(QStringLiteral("values"), values);
    return node;
}

Node requestNode(const ServiceRequestView &request)
{
    Node node = Node::object();
    node.add(QStringLiteral("service_request_id"), Node::ofText(request.id))
        .add(QStringLiteral("status"),
            Node::ofText(request.open ? QStringLiteral("open") : QStringLiteral("closed")))
        .add(QStringLiteral("status_notes"), Node::ofText(request.statusNotes))
        .add(QStringLiteral("service_name"), Node::ofText(request.serviceName))
        .add(QStringLiteral("service_code"), Node::ofText(request.serviceCode))
        .add(QStringLiteral("description"), Node::ofText(request.description))
        .add(QStringLiteral("agency_responsible"), Node::ofText(request.agencyResponsible))
        .add(QStringLiteral("service_notice"), Node::ofText(request.serviceNotice))
        .add(QStringLiteral("requested_datetime"), Node::ofText(request.requestedAt))
        .add(QStringLiteral("updated_datetime"), Node::ofText(request.updatedAt))
        .add(QStringLiteral("expected_datetime"), Node::ofText(request.expectedAt))
        .add(QStringLiteral("address"), Node::ofText(request.address))
        .add(QStringLiteral("address_id"), Node::ofText(request.addressId))
        .add(QStringLiteral("zipcode"), Node::ofText(request.zipcode))
        .add(QStringLiteral("lat"),
            request.location ? Node::ofNumber(request.location->lat) : Node())
        .add(QStringLiteral("long"),
            request.location ? Node::ofNumber(request.location->lon) : Node())
        .add(QStringLiteral("media_url"), Node::ofText(request.mediaUrl));
    return node;
}

} // namespace

QString xmlText(const QString &text)
{
    QString kept;
    kept.reserve(text.size());
    for (qsizetype index = 0; index < text.size(); ++index) {
        const QChar c = text.at(index);
        if (c.isHighSurrogate() && index + 1 < text.size() && text.at(index + 1).isLowSurrogate()) {
            kept.append(c).append(text.at(++index));
            continue;
        }
        const char16_t u = c.unicode();
        const bool allowed =
            u == 0x9 || u == 0xA || u == 0xD || (u >= 0x20 && u <= 0xFFFD && !c.isSurrogate());
        if (allowed)
            kept.append(c);
    }
    return kept;
}

Body discoveryBody(const Discovery &discovery, Format format)
{
    Node formats = Node::list(QStringLiteral("format"),
        {Node::ofText(QStringLiteral("text/xml")),
            Node::ofText(QStringLiteral("application/json"))});
    Node endpoint = Node::object();
    endpoint.add(QStringLiteral("specification"), Node::ofText(SPECIFICATION))
        .add(QStringLiteral("url"), Node::ofText(discovery.url))
        .add(QStringLiteral("changeset"), Node::ofText(isoUtc(discovery.changeset)))
        .add(QStringLiteral("type"), Node::ofText(QStringLiteral("production")))
        .add(QStringLiteral("formats"), formats);
    Node root = Node::object();
    root.add(QStringLiteral("changeset"), Node::ofText(isoUtc(discovery.changeset)))
        .add(QStringLiteral("contact"), Node::ofText(discovery.contact))
        .add(QStringLiteral("key_service"), Node::ofText(discovery.keyService))
        .add(QStringLiteral("endpoints"), Node::list(QStringLiteral("endpoint"), {endpoint}));
    return body(QStringLiteral("discovery"), root, format);
}

Body servicesBody(const QList<Service> &services, Format format)
{
    Node root = Node::list(QStringLiteral("service"));
    for (const Service &service : services)
        root.values << serviceNode(service);
    return body(QStringLiteral("services"), root, format);
}

Body definitionBody(
    const QString &serviceCode, const QList<ServiceAttribute> &attributes, Format format)
{
    Node list = Node::list(QStringLiteral("attribute"));
    for (const ServiceAttribute &attribute : attributes)
        list.values << attributeNode(attribute);
    Node root = Node::object();
    root.add(QStringLiteral("service_code"), Node::ofText(serviceCode))
        .add(QStringLiteral("attributes"), list);
    return body(QStringLiteral("service_definition"), root, format);
}

Body createdBody(const CreatedRequest &created, Format format)
{
    Node request = Node::object();
    request.add(QStringLiteral("service_request_id"), Node::ofText(created.id))
        .add(QStringLiteral("service_notice"), Node::ofText(created.notice))
        .add(QStringLiteral("account_id"), Node::ofText(created.accountId));
    return body(QStringLiteral("service_requests"),
        Node::list(QStringLiteral("request"), {request}), format);
}

Body requestsBody(const QList<ServiceRequestView> &requests, Format format)
{
    Node root = Node::list(QStringLiteral("request"));
    for (const ServiceRequestView &request : requests)
        root.values << requestNode(request);
    return body(QStringLiteral("service_requests"), root, format);
}

Body errorsBody(int code, const QString &description, Format format)
{
    Node error = Node::object();
    error.add(QStringLiteral("code"), Node::ofInteger(code))
        .add(QStringLiteral("description"), Node::ofText(description));
    return body(QStringLiteral("errors"), Node::list(QStringLiteral("error"), {error}), format);
}

} // namespace GridDesk::Open311
