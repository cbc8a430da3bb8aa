// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <optional>

namespace GridDesk {

/// How the fields of a source file become register fields, read from a JSON file:
///
///     {"source": "…", "layer": "…", "encoding": "Big5", "source_crs": "EPSG:3826",
///      "fields": {"地址": ["name", "address"], "面積": "area_m2"},
///      "values": {"place_type": "condemned building"}}
///
/// "fields" maps a source field to one register field or several; "values" sets a register
/// field to the same value for every feature. Register fields are the shared core (code, name,
/// address, grid, source, verified_by, verified_at) or the kind's own.
///
/// The workstation's mapping dialog makes them too, and the workspace remembers the one used
/// for each source (RegisterMappingStore).
struct RegisterMapping
{
    QString source; ///< what entries record as their source; the file name when empty
    QString layer;
    std::optional<QString> encoding;
    std::optional<QString> sourceCrs;
    QList<std::pair<QString, QString>> fields; ///< source field → register field, file order
    QVariantMap values;

    /// Reads a mapping file. Fails naming the file when it is not JSON of this shape.
    static Result<RegisterMapping> load(const QString &path);
    static Result<RegisterMapping> fromJson(const QByteArray &json, const QString &fileName);
    /// The mapping as the JSON object fromJson() reads (a source field mapped to several
    /// register fields as a list).
    QJsonObject toJson() const;

    /// The mapping used without a file: every source field named like a register field (core
    /// or the kind's own, ignoring case) maps to it.
    static RegisterMapping byName(const QStringList &sourceFields, const QStringList &targets);

    /// The source fields mapped to a register field.
    QStringList sourcesOf(const QString &target) const;
};

} // namespace GridDesk
