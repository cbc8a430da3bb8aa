// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "jsonwriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <cmath>

namespace GridDesk::Sync {

namespace {

/// Doubles hold every whole number up to this exactly; a QJsonValue keeps those as integers.
constexpr double EXACT_WHOLE_LIMIT = 9007199254740992.0; // 2^53

char hexDigit(uint nibble)
{
    return char(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
}

void appendUnicodeEscape(QByteArray &out, char16_t unit)
{
    const char escape[] = {'\\', 'u', hexDigit((unit >> 12) & 0xf), hexDigit((unit >> 8) & 0xf),
        hexDigit((unit >> 4) & 0xf), hexDigit(unit & 0xf)};
    out.append(escape, sizeof escape);
}

/// An ASCII character as JSON writes it inside quotes.
void appendAscii(QByteArray &out, char16_t unit)
{
    if (unit >= 0x20 && unit != u'"' && unit != u'\\') {
        out.append(char(unit));
        return;
    }
    out.append('\\');
    switch (unit) {
    case u'"':
        out.append('"');
        break;
    case u'\\':
        out.append('\\');
        break;
    case u'\b':
        out.append('b');
        break;
    case u'\f':
        out.append('f');
        break;
    case u'\n':
        out.append('n');
        break;
    case u'\r':
        out.append('r');
        break;
    case u'\t':
        out.append('t');
        break;
    default:
        out.append("u00", 3);
        out.append(hexDigit(unit >> 4));
        out.append(hexDigit(unit & 0xf));
    }
}

void appendUtf8(QByteArray &out, char32_t point)
{
    if (point < 0x800) {
        out.append(char(0xc0 | (point >> 6)));
    } else if (point < 0x10000) {
        out.append(char(0xe0 | (point >> 12)));
        out.append(char(0x80 | ((point >> 6) & 0x3f)));
    } else {
        out.append(char(0xf0 | (point >> 18)));
        out.append(char(0x80 | ((point >> 12) & 0x3f)));
        out.append(char(0x80 | ((point >> 6) & 0x3f)));
    }
    out.append(char(0x80 | (point & 0x3f)));
}

} // namespace

void JsonWriter::separate()
{
    if (m_comma)
        m_out.append(',');
}

void JsonWriter::beginObject()
{
    separate();
    m_out.append('{');
    m_comma = false;
}

void JsonWriter::endObject()
{
    m_out.append('}');
    m_comma = true;
}

void JsonWriter::beginArray()
{
    separate();
    m_out.append('[');
    m_comma = false;
}

void JsonWriter::endArray()
{
    m_out.append(']');
    m_comma = true;
}

void JsonWriter::key(QLatin1StringView name)
{
    separate();
    m_out.append('"');
    m_out.append(name.data(), name.size());
    m_out.append("\":", 2);
    m_comma = false;
}

void JsonWriter::key(const QString &name)
{
    separate();
    escaped(name);
    m_out.append(':');
    m_comma = false;
}

void JsonWriter::escaped(const QString &value)
{
    m_out.append('"');
    const char16_t *unit = reinterpret_cast<const char16_t *>(value.constData());
    const char16_t *const end = unit + value.size();
    while (unit != end) {
        const char16_t first = *unit++;
        if (first < 0x80) {
            appendAscii(m_out, first);
            continue;
        }
        if (!QChar::isSurrogate(first)) {
            appendUtf8(m_out, first);
            continue;
        }
        // A pair makes one character; a surrogate alone has no UTF-8 form and is escaped.
        const bool pair =
            QChar::isHighSurrogate(first) && unit != end && QChar::isLowSurrogate(*unit);
        if (!pair) {
            appendUnicodeEscape(m_out, first);
            continue;
        }
        appendUtf8(m_out, QChar::surrogateToUcs4(first, *unit++));
    }
    m_out.append('"');
}

void JsonWriter::text(const QString &value)
{
    separate();
    escaped(value);
    m_comma = true;
}

void JsonWriter::integer(qint64 value)
{
    separate();
    m_out.append(QByteArray::number(value));
    m_comma = true;
}

void JsonWriter::number(double value)
{
    if (!std::isfinite(value)) {
        null();
        return;
    }
    if (std::trunc(value) == value && std::abs(value) <= EXACT_WHOLE_LIMIT) {
        integer(qint64(value));
        return;
    }
    separate();
    m_out.append(QByteArray::number(value, 'g', QLocale::FloatingPointShortest));
    m_comma = true;
}

void JsonWriter::boolean(bool value)
{
    separate();
    if (value)
        m_out.append("true", 4);
    else
        m_out.append("false", 5);
    m_comma = true;
}

void JsonWriter::null()
{
    separate();
    m_out.append("null", 4);
    m_comma = true;
}

void JsonWriter::value(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        null();
        return;
    case QJsonValue::Bool:
        boolean(value.toBool());
        return;
    case QJsonValue::String:
        text(value.toString());
        return;
    case QJsonValue::Array:
        beginArray();
        for (const QJsonValue &item : value.toArray())
            this->value(item);
        endArray();
        return;
    case QJsonValue::Object: {
        beginObject();
        const QJsonObject object = value.toObject();
        for (auto item = object.constBegin(); item != object.constEnd(); ++item) {
            key(item.key());
            this->value(item.value());
        }
        endObject();
        return;
    }
    case QJsonValue::Double:
        break;
    }
    // A QJsonValue keeps a number as an integer or a double, which its interface does not
    // tell apart beyond 2^53; there QJsonDocument writes the one value.
    const double number = value.toDouble();
    if (!std::isfinite(number) || std::abs(number) <= EXACT_WHOLE_LIMIT) {
        if (std::isfinite(number) && std::trunc(number) == number)
            integer(value.toInteger());
        else
            this->number(number);
        return;
    }
    const QByteArray alone = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
    separate();
    m_out.append(alone.mid(1, alone.size() - 2));
    m_comma = true;
}

} // namespace GridDesk::Sync
