// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "registermapping.h"

#include "domain/error.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace GridDesk {

class Workspace;

/// How to import a file into the register.
struct RegisterImportOptions
{
    QString kind; ///< the kind every feature becomes
    std::optional<RegisterMapping> mapping; ///< by field name when empty
    /// How to read the file, each over the mapping's own choice when given: a layer of a file
    /// of several, the text encoding of a source that declares none, and the source CRS (an
    /// EPSG code, a PROJ string or "gcj02") of one that declares none or a wrong one.
    std::optional<QString> layer;
    std::optional<QString> encoding;
    std::optional<QString> sourceCrs;
    bool dryRun = false; ///< report what would happen, write nothing
    bool skipRefused = false; ///< import the rest when some features are refused
    QString importedBy;
    QDateTime at = QDateTime::currentDateTimeUtc();
};

/// What happened, or would happen, to one feature.
struct RegisterImportLine
{
    enum class Action { Created, Updated, Unchanged, Refused };
    qint64 feature = 0; ///< 1-based position in the file
    Action action = Action::Created;
    QString code; ///< the entry made or changed (as it would be numbered, in a dry run)
    QString name;
    QString grid;
    QString reason; ///< why it was refused, or what an update changes
};

QString importActionKey(RegisterImportLine::Action action); ///< "created", "updated" …

/// The outcome of an import or a dry run.
struct RegisterImportReport
{
    QString file;
    QString kind;
    QString driver;
    QString encoding;
    QString crs;
    QStringList notes; ///< encoding detected, CRS assumed, source fields not used …
    bool dryRun = false;
    bool written = false; ///< false for a dry run and for an import refused as a whole
    qint64 features = 0;
    qint64 created = 0;
    qint64 updated = 0;
    qint64 unchanged = 0;
    qint64 refused = 0;
    qint64 outsideGrids = 0; ///< entries with a location no grid contains
    QList<RegisterImportLine> lines; ///< one per feature, in file order
};

/// Imports the features of a vector file (any format GDAL reads; CSV with coordinate columns
/// or none; XLSX) as register entries of one kind, in one transaction. A feature matching an
/// entry already there (same code, same identifying field, same name and address, or without
/// an address the same name at the same location) updates
/// it; one matching an earlier feature of the file, without a name, with a value not of its
/// field's type or with a geometry that is not a valid point or polygon is refused, with the
/// reason and the feature number. With refusals and without skipRefused nothing is written
/// (the report says what was refused). Fails, writing nothing, when the file cannot be opened
/// or a feature cannot be read or decoded, or when the mapping names a field the file or the
/// kind does not have.
Result<RegisterImportReport> importRegister(
    Workspace &workspace, const QString &path, const RegisterImportOptions &options);

} // namespace GridDesk
