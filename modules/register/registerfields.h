// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <QVariantMap>

#include <memory>

namespace GridDesk {

/// The values of a register entry's own fields, by key. Read from the register they stay the
/// JSON text they are stored as until one of them is asked for, so that a grid's list of tens
/// of thousands of entries costs no parse for the fields nobody shows; the first read parses
/// them once and keeps the map.
///
/// Copies are cheap (implicitly shared text and map). As the first read of an object fills
/// its map, one object must not be read from two threads at once; copies may.
class RegisterFields
{
public:
    RegisterFields() = default;
    RegisterFields(const QVariantMap &values); // implicit: assigned as a map everywhere
    RegisterFields(std::initializer_list<std::pair<QString, QVariant>> values);

    /// Fields kept as their stored JSON object text, parsed when first read. Text that is not
    /// a JSON object reads as no fields, as a damaged row would have read before.
    static RegisterFields fromJson(const QByteArray &json);
    /// The same for the text at offset and of length in slab, a buffer the texts of many
    /// entries share (one allocation for a page of entries instead of one each). slab must not
    /// change below offset + length afterwards.
    static RegisterFields fromSlab(
        const std::shared_ptr<const QByteArray> &slab, qsizetype offset, qsizetype length);

    /// The values as a map, parsed on the first call.
    const QVariantMap &map() const;
    operator const QVariantMap &() const { return map(); }

    QVariant value(const QString &key) const { return map().value(key); }
    bool contains(const QString &key) const { return map().contains(key); }
    bool isEmpty() const;
    qsizetype size() const { return map().size(); }
    QStringList keys() const { return map().keys(); }
    QVariantMap::const_iterator cbegin() const { return map().cbegin(); }
    QVariantMap::const_iterator cend() const { return map().cend(); }
    QVariantMap::const_iterator begin() const { return map().cbegin(); }
    QVariantMap::const_iterator end() const { return map().cend(); }

    void insert(const QString &key, const QVariant &value);
    qsizetype remove(const QString &key);
    void clear();

    /// Whether the JSON text has been parsed (or the fields were given as a map).
    bool isParsed() const { return !m_slab; }

    friend bool operator==(const RegisterFields &left, const RegisterFields &right)
    {
        return left.map() == right.map();
    }
    friend bool operator!=(const RegisterFields &left, const RegisterFields &right)
    {
        return !(left == right);
    }

private:
    QVariantMap &parsed();

    mutable std::shared_ptr<const QByteArray> m_slab; ///< holds the stored text; null once parsed
    qsizetype m_offset = 0;
    qsizetype m_length = 0;
    mutable QVariantMap m_map;
};

} // namespace GridDesk

// A QVariantMap and a std::shared_ptr (two pointers, none to itself) move as bytes.
Q_DECLARE_TYPEINFO(GridDesk::RegisterFields, Q_RELOCATABLE_TYPE);
