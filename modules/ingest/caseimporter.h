// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "importsummary.h"

#include "domain/caserecord.h"
#include "domain/error.h"

#include <QString>
#include <QStringList>

namespace GridDesk {

class Workspace;

/// Which columns of a hotline or 311 export hold what.
struct CaseProfile
{
    QString key;
    QString idField;
    QString createdField;
    QString closedField;
    QString categoryField;
    QString descriptorField;
    QString statusField;
    QString agencyField;
    QString addressField;

    // The columns a case's history is rebuilt from (see HistoryBuilder); empty when the
    // export has none.
    QString channelField; ///< how it was reported ("Call", "Mobile App", "PHONE")
    QString crewField; ///< the crew the agency gave it to
    QString servicedField; ///< when the unit reported its work done
    QString resultField; ///< what the unit did
    QString dueField; ///< when the agency meant to be done

    /// The profiles GridDesk knows: "nyc311" (NYC Open Data 311) and "la311" (MyLA311).
    static QList<CaseProfile> known();
    /// The known profile whose columns all appear in fields.
    static std::optional<CaseProfile> detect(const QStringList &fields);
};

/// How a hotline import runs beyond its profile.
struct CaseImportOptions
{
    QString profile = QStringLiteral("auto");
    /// Keep each row with its case's report event, as an intake channel keeps its raw payload:
    /// data "intake" holds the file's name as "client", the import's time as "received_at" and
    /// the row's fields as a JSON object in "payload" (at most MAX_KEPT_ROW_BYTES of it).
    bool keepRows = false;
    static constexpr qsizetype MAX_KEPT_ROW_BYTES = 16 * 1024;
};

/// Imports the cases of a CSV export with a profile ("auto" picks one by the columns). Rows
/// without a location, with times that cannot be read or that close before they open are
/// kept and flagged, never dropped. Each located case gets the innermost grid containing it.
/// One transaction: on failure nothing is saved. Cases already imported from the same source
/// with the same id are updated rather than duplicated.
///
/// Each case's history is rebuilt from the export's timestamps and written through the
/// workflow engine as events by "import: <profile>" (see HistoryBuilder); the org units
/// (the city, one per agency and crew) and categories it needs are added to the workspace's
/// workflow setup. A case that already has a history keeps it, and is only continued when
/// the export has moved on from where that history stops. Steps the engine refuses are
/// counted in the summary's notes.
Result<ImportSummary> importCases(
    Workspace &workspace, const QString &path, const QString &profile = QStringLiteral("auto"));

/// The same, for callers that already hold a transaction.
Result<ImportSummary> importCasesInTransaction(
    Workspace &workspace, const QString &path, const QString &profile);
Result<ImportSummary> importCasesInTransaction(
    Workspace &workspace, const QString &path, const CaseImportOptions &options);

/// Assigns every case with a location to the innermost grid containing it, updating flags;
/// returns how many changed grid. Call inside a transaction.
Result<qint64> relocateCases(Workspace &workspace);

} // namespace GridDesk
