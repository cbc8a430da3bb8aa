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
    // "{}" (and nothing at all) holds no field: nothing to keep for a parse.
    if (json.size() <= 2)
        return {};
    return fromSlab(std::make_shared<const QByteArray>(json), 0, json.size());
}

RegisterFields RegisterFields::fromSlab(
    const std::shared_ptr<const QByteArray> &slab, qsizetype offset, qsizetype length)
{
    RegisterFields fields;
    if (length <= 2 || !slab)
        return fields;
    fields.m_slab = slab;
    fields.m_offset = offset;
    fields.m_length = length;
    return fields;
}

const QVariantMap &RegisterFields::map() const
{
    if (m_slab) {
        const QByteArray text = QByteArray::fromRawData(m_slab->constData() + m_offset, m_length);
        m_map = QJsonDocument::fromJson(text).object().toVariantMap();
        m_slab.reset();
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
    return m_slab ? map().isEmpty() : m_map.isEmpty();
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
    m_slab.reset();
    m_map.clear();
}

} // namespace GridDesk
