// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "caselinks.h"

#include "logging.h"
#include "registerbook.h"
#include "registerprivacy.h"

#include "storage/workspace.h"
#include "workflow/casebook.h"

#include <QCoreApplication>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <cmath>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Register)
};

Result<void> exec(QSqlQuery &query, const QString &doing)
{
    if (!query.exec())
        return fail(ErrorCode::Database, Tr::tr("%1: %2").arg(doing, query.lastError().text()));
    return {};
}

/// How the history names an entry: its kind and its name as everyone may see it.
QString labelOf(const RegisterSchema &schema, const RegisterEntry &entry)
{
    const RegisterEntry masked = maskedEntry(schema, entry);
    const RegisterKind *kind = schema.kind(entry.kind);
    return QStringLiteral("%1 %2").arg(kind ? kind->titleZh : entry.kind, masked.name);
}

} // namespace

QString linkRoleKey(LinkRole role)
{
    return role == LinkRole::Reporter ? QStringLiteral("reporter") : QStringLiteral("concerns");
}

std::optional<LinkRole> linkRoleFromKey(const QString &key)
{
    if (key == QLatin1String("concerns"))
        return LinkRole::Concerns;
    if (key == QLatin1String("reporter"))
        return LinkRole::Reporter;
    return std::nullopt;
}

CaseLinks::CaseLinks(RegisterBook &entries, CaseBook &cases)
    : m_entries(entries)
    , m_cases(cases)
{
    Q_ASSERT(&entries.workspace() == &cases.workspace());
}

Result<QList<EntryOffer>> CaseLinks::offers(const RegisterBook &entries,
    const std::optional<GeoPoint> &point, const QString &address, double metres, int limit)
{
    QList<EntryOffer> offers;
    QSet<QString> offered;
    if (point) {
        auto near = entries.around(*point, metres, limit);
        if (!near)
            return std::unexpected(near.error());
        for (const auto &[entry, distance] : std::as_const(*near)) {
            offers << EntryOffer {entry, distance, false};
            offered.insert(entry.code);
        }
    }

    auto same = entries.atAddress(address, SHORTEST_PARTIAL_ADDRESS, limit);
    if (!same)
        return std::unexpected(same.error());
    QList<EntryOffer> byAddress;
    for (const RegisterEntry &entry : std::as_const(*same)) {
        if (offered.contains(entry.code))
            continue;
        const std::optional<GeoPoint> anchor = entry.anchor();
        std::optional<double> distance;
        if (point && anchor)
            distance = metresBetween(*point, *anchor);
        byAddress << EntryOffer {entry, distance, true};
    }
    // Those found by address come after those found nearby; among them, nearest first and
    // those without a distance last, in address order.
    std::stable_sort(byAddress.begin(), byAddress.end(), [](const auto &a, const auto &b) {
        return a.metres.value_or(INFINITY) < b.metres.value_or(INFINITY);
    });
    offers << byAddress;
    if (limit >= 0 && offers.size() > limit)
        offers.resize(limit);

    for (EntryOffer &offer : offers)
        offer.entry = maskedEntry(entries.schema(), offer.entry);
    return offers;
}

Result<CaseEvent> CaseLinks::report(
    CaseRecord &record, ActionRequest request, const QList<EntryChoice> &entries)
{
    QSet<std::pair<QString, int>> chosen;
    for (const EntryChoice &choice : entries) {
        if (!chosen.contains({choice.code, int(choice.role)})) {
            chosen.insert({choice.code, int(choice.role)});
            continue;
        }
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("The register entry %1 is chosen twice.").arg(choice.code));
    }

    Workspace &workspace = m_entries.workspace();
    const CaseRecord typed = record;
    auto reported = workspace.transaction<CaseEvent>([&]() -> Result<CaseEvent> {
        auto event = m_cases.report(record, request);
        if (!event)
            return event;
        ActionRequest linking = request;
        linking.reason.clear();
        linking.data = {};
        for (const EntryChoice &choice : entries) {
            if (auto linked = change(record.id, choice, linking, true); !linked)
                return std::unexpected(linked.error());
        }
        return event;
    });
    if (!reported)
        record = typed; // the case was not saved: it has no id
    return reported;
}

Result<CaseEvent> CaseLinks::link(qint64 caseId, const EntryChoice &entry, ActionRequest request)
{
    return m_entries.workspace().transaction<CaseEvent>(
        [&]() { return change(caseId, entry, request, true); });
}

Result<CaseEvent> CaseLinks::unlink(qint64 caseId, const EntryChoice &entry, ActionRequest request)
{
    return m_entries.workspace().transaction<CaseEvent>(
        [&]() { return change(caseId, entry, request, false); });
}

Result<CaseEvent> CaseLinks::change(
    qint64 caseId, const EntryChoice &choice, ActionRequest request, bool linking)
{
    auto stored = m_entries.entry(choice.code);
    if (!stored)
        return std::unexpected(stored.error());
    if (!*stored)
        return fail(ErrorCode::NotFound, Tr::tr("The register has no entry %1.").arg(choice.code));
    auto linked = hasLink(caseId, choice);
    if (!linked)
        return std::unexpected(linked.error());
    if (linking && *linked)
        return fail(ErrorCode::Conflict,
            Tr::tr("Case %1 is linked to %2 already.").arg(caseId).arg(choice.code));
    if (!linking && !*linked)
        return fail(ErrorCode::NotFound,
            Tr::tr("Case %1 is not linked to %2 as %3.")
                .arg(caseId)
                .arg(choice.code, linkRoleKey(choice.role)));

    request.action = linking ? CaseAction::LinkEntry : CaseAction::UnlinkEntry;
    request.basedOnVersion = ActionRequest::CURRENT_VERSION;
    request.data.insert(QStringLiteral("entry"), choice.code);
    request.data.insert(QStringLiteral("role"), linkRoleKey(choice.role));
    request.data.insert(QStringLiteral("label"), labelOf(m_entries.schema(), **stored));
    auto event = m_cases.act(caseId, request);
    if (!event)
        return event;

    QSqlQuery write(m_entries.workspace().database());
    if (linking) {
        write.prepare(QStringLiteral("INSERT INTO case_entry_links (case_id, entry_code, role, "
                                     "linked_by, linked_at) VALUES (?, ?, ?, ?, ?)"));
        for (const QVariant &value :
            {QVariant(caseId), QVariant(choice.code), QVariant(linkRoleKey(choice.role)),
                QVariant(request.actor), QVariant(request.at.toIso())})
            write.addBindValue(value);
    } else {
        write.prepare(QStringLiteral(
            "DELETE FROM case_entry_links WHERE case_id = ? AND entry_code = ? AND role = ?"));
        for (const QVariant &value :
            {QVariant(caseId), QVariant(choice.code), QVariant(linkRoleKey(choice.role))})
            write.addBindValue(value);
    }
    if (auto done = exec(write, Tr::tr("Linking case %1 to %2").arg(caseId).arg(choice.code));
        !done)
        return std::unexpected(done.error());
    qCInfo(lcRegister) << "case" << caseId << (linking ? "linked to" : "unlinked from")
                       << choice.code << "as" << linkRoleKey(choice.role);
    return event;
}

Result<bool> CaseLinks::hasLink(qint64 caseId, const EntryChoice &choice) const
{
    QSqlQuery query(m_entries.workspace().database());
    query.prepare(QStringLiteral(
        "SELECT count(*) FROM case_entry_links WHERE case_id = ? AND entry_code = ? AND role = ?"));
    query.addBindValue(caseId);
    query.addBindValue(choice.code);
    query.addBindValue(linkRoleKey(choice.role));
    if (auto done = exec(query, Tr::tr("Reading the links of case %1").arg(caseId)); !done)
        return std::unexpected(done.error());
    return query.next() && query.value(0).toInt() > 0;
}

Result<QList<CaseLink>> CaseLinks::select(
    const Workspace &workspace, const QString &where, const QVariant &value)
{
    QSqlQuery query(workspace.database());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT l.case_id, l.entry_code, l.role, l.linked_by, "
                                 "l.linked_at, c.state, c.category, c.descriptor FROM "
                                 "case_entry_links l JOIN cases c ON c.fid = l.case_id %1")
                      .arg(where));
    query.addBindValue(value);
    if (auto done = exec(query, Tr::tr("Reading the links of cases to the register")); !done)
        return std::unexpected(done.error());
    QList<CaseLink> links;
    while (query.next()) {
        CaseLink link;
        link.caseId = query.value(0).toLongLong();
        link.entryCode = query.value(1).toString();
        link.role = linkRoleFromKey(query.value(2).toString()).value_or(LinkRole::Concerns);
        link.linkedBy = query.value(3).toString();
        link.linkedAt = QDateTime::fromString(query.value(4).toString(), Qt::ISODate);
        link.caseState = query.value(5).toString();
        link.caseCategory = query.value(6).toString();
        link.caseDescriptor = query.value(7).toString();
        links << link;
    }
    return links;
}

Result<QList<CaseLink>> CaseLinks::ofCase(const Workspace &workspace, qint64 caseId)
{
    return select(workspace, QStringLiteral("WHERE l.case_id = ? ORDER BY l.rowid"), caseId);
}

Result<QList<CaseLink>> CaseLinks::ofCase(qint64 caseId) const
{
    return ofCase(m_entries.workspace(), caseId);
}

Result<QList<CaseLink>> CaseLinks::ofEntry(const Workspace &workspace, const QString &code)
{
    return select(workspace,
        QStringLiteral("WHERE l.entry_code = ? ORDER BY l.case_id DESC, l.role"), code);
}

Result<QList<CaseLink>> CaseLinks::ofEntry(const QString &code) const
{
    return ofEntry(m_entries.workspace(), code);
}

} // namespace GridDesk
