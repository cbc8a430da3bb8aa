// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"
#include "ingest/importsummary.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace GridDesk {

class Workspace;

/// The hotline's work-order exports taken in on the server: CSV or XLSX files (the NYC and LA
/// 311 layouts, or one the profile names) imported with every row kept beside its case's
/// report, idempotent on the source's own ids, so a file read again updates the cases it made
/// instead of doubling them. Use on the store's thread.
class HotlineFeed
{
public:
    HotlineFeed(Workspace &store, QString profile);

    /// Imports one file in one transaction; on failure nothing of it is kept.
    Result<ImportSummary> importFile(const QString &path);

    struct FileOutcome
    {
        QString file; ///< the file's name
        std::optional<ImportSummary> summary; ///< empty when it was unchanged or failed
        QString error; ///< why it failed; empty otherwise
    };
    /// Imports the CSV and XLSX files of folder that are new or changed (by SHA-256) since they
    /// were last taken in, oldest first. A file that fails is reported once and tried again
    /// when it changes; the others go on. Fails only when the store cannot be written.
    Result<QList<FileOutcome>> runFolder(const QString &folder);

private:
    Workspace &m_store;
    QString m_profile;
};

} // namespace GridDesk
