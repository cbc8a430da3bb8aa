// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "registerentry.h"

#include "domain/caserecord.h"
#include "domain/error.h"
#include "workflow/caseevent.h"
#include "workflow/workflowengine.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace GridDesk {

class CaseBook;
class RegisterBook;
class Workspace;

/// What a register entry is to a case: what the case is about, or the person who reported it.
enum class LinkRole { Concerns, Reporter };

QString linkRoleKey(LinkRole role); ///< "concerns", "reporter"
std::optional<LinkRole> linkRoleFromKey(const QString &key);

/// One link of a case to a register entry, as the workspace keeps it.
struct CaseLink
{
    qint64 caseId = 0;
    QString entryCode;
    LinkRole role = LinkRole::Concerns;
    QString linkedBy;
    QDateTime linkedAt; ///< UTC
    // The case as its row stands, for lists of an entry's cases.
    QString caseState;
    QString caseCategory;
    QString caseDescriptor;
};

/// An entry chosen for a case: which, and as what.
struct EntryChoice
{
    QString code;
    LinkRole role = LinkRole::Concerns;
};

/// A register entry offered to a case reported at a place, its personal data masked.
struct EntryOffer
{
    RegisterEntry entry; ///< masked as lists show it
    std::optional<double> metres; ///< from the case's location; empty without one of the two
    bool sameAddress = false; ///< found by its address rather than by distance
};

/// The links between cases and register entries. Every link made or removed is also an event
/// of the case's history (link_entry, unlink_entry), written in the same transaction as the
/// link, so the case's timeline says who linked what, when.
///
/// The register book and the case book must be of the same workspace; use on its thread.
///
/// The link events travel to the sync server as case commands like any other; the server keeps
/// the links in its cases' histories, and a desk taking a case in from the feed writes the
/// case's link rows as its history leaves them.
class CaseLinks
{
public:
    CaseLinks(RegisterBook &entries, CaseBook &cases);

    /// How far from a case's location entries are offered unless the caller says otherwise.
    static constexpr double DEFAULT_METRES = 50.0;

    /// The entries a case reported at point and address may concern: those standing within
    /// metres of the point (or whose polygon holds it), and those whose address is the one
    /// given, begins it (the building of a flat) or continues it (the flats of a building).
    /// Nearest first, then by address; at most limit. An address shorter than
    /// SHORTEST_PARTIAL_ADDRESS characters matches only as a whole.
    static Result<QList<EntryOffer>> offers(const RegisterBook &entries,
        const std::optional<GeoPoint> &point, const QString &address,
        double metres = DEFAULT_METRES, int limit = 20);
    static constexpr int SHORTEST_PARTIAL_ADDRESS = 6;

    /// Saves a new case as CaseBook::report() does and links it to the entries chosen, each
    /// link an event after the report, all in one transaction: an entry that is not in the
    /// register (NotFound) or chosen twice refuses the whole report and nothing is written.
    Result<CaseEvent> report(
        CaseRecord &record, ActionRequest request, const QList<EntryChoice> &entries);

    /// Links a case to an entry later on (request gives who, in which role, when). Refused
    /// for an entry or case not there, a link that exists, or a role the loop does not allow.
    Result<CaseEvent> link(qint64 caseId, const EntryChoice &entry, ActionRequest request);
    /// Removes a link; refused when the case has no such link.
    Result<CaseEvent> unlink(qint64 caseId, const EntryChoice &entry, ActionRequest request);

    /// The links of a case in workspace, in the order they were made.
    static Result<QList<CaseLink>> ofCase(const Workspace &workspace, qint64 caseId);
    Result<QList<CaseLink>> ofCase(qint64 caseId) const;
    /// The cases linked to an entry, newest case first.
    static Result<QList<CaseLink>> ofEntry(const Workspace &workspace, const QString &code);
    Result<QList<CaseLink>> ofEntry(const QString &code) const;

private:
    Result<CaseEvent> change(
        qint64 caseId, const EntryChoice &choice, ActionRequest request, bool linking);
    Result<void> writeLink(qint64 caseId, const EntryChoice &choice, const ActionRequest &request);
    Result<bool> hasLink(qint64 caseId, const EntryChoice &choice) const;
    static Result<QList<CaseLink>> select(
        const Workspace &workspace, const QString &where, const QVariant &value);

    RegisterBook &m_entries;
    CaseBook &m_cases;
};

} // namespace GridDesk
