// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "registerfields.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace GridDesk {

RegisterFields::RegisterFields(const QVariantMap &values)
    : m_map(values)
{ }

RegisterFields::RegisterFields(std::initializer_list<std::pair<QString, QVariant>> values)
    : m_map(values)
{ }

RegisterFields RegisterFields::fromJson(const QByteArray &json)
{
    RegisterFields fields;
    // "{}" (and nothing at all) holds no field: nothing to keep for a parse.
    if (json.size() > 2)
        fields.m_json = json;
    return fields;
}

const QVariantMap &RegisterFields::map() const
{
    if (!m_json.isNull()) {
        m_map = QJsonDocument::fromJson(m_json).object().toVariantMap();
        m_json = QByteArray();
    }
    return m_map;
}

QVariantMap &RegisterFields::parsed()
{
    map();
    return m_map;
}

bool RegisterFields::isEmpty() const
{
    return m_json.isNull() ? m_map.isEmpty() : map().isEmpty();
}

void RegisterFields::insert(const QString &key, const QVariant &value)
{
    parsed().insert(key, value);
}

qsizetype RegisterFields::remove(const QString &key)
{
    return parsed().remove(key);
}

void RegisterFields::clear()
{
    m_json = QByteArray();
    m_map.clear();
}

} // namespace GridDesk
