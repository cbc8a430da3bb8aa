// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QLatin1StringView>
#include <QString>

namespace GridDesk::Sync {

/// Writes compact JSON straight onto the end of a byte array, for answers made of many small
/// parts (a page of the feed) without building a QJsonObject tree first. For the same values,
/// written in the order a QJsonObject keeps its keys (sorted), the bytes are those
/// QJsonDocument::toJson(QJsonDocument::Compact) gives: texts as UTF-8 with the same escapes,
/// whole numbers up to 2^53 without a fraction, others in their shortest form. The caller
/// keeps the nesting right; the writer only places commas and colons. Not thread-safe.
class JsonWriter
{
public:
    /// out (not owned) must outlive the writer.
    explicit JsonWriter(QByteArray &out)
        : m_out(out)
    { }

    void beginObject();
    void endObject();
    void beginArray();
    void endArray();
    /// A key of the object being written; ASCII without characters JSON escapes.
    void key(QLatin1StringView name);
    /// A key of any text.
    void key(const QString &name);

    void text(const QString &value);
    void integer(qint64 value);
    /// A number as a QJsonValue made from value holds it: whole numbers up to 2^53 as
    /// integers, infinities and NaN as null.
    void number(double value);
    void boolean(bool value);
    void null();
    /// Any value, objects and arrays with all they hold.
    void value(const QJsonValue &value);

private:
    void separate();
    void escaped(const QString &value);

    QByteArray &m_out;
    bool m_comma = false; ///< whether the next value or key follows another in its container
};

} // namespace GridDesk::Sync
