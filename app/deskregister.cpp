// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "deskregister.h"

#include "logging.h"

#include "register/caselinks.h"
#include "register/registerbook.h"
#include "register/registerprivacy.h"
#include "register/registersearch.h"

namespace GridDesk {

DeskRegister::DeskRegister(CaseBook &cases, std::unique_ptr<RegisterBook> entries)
    : m_cases(cases)
    , m_entries(std::move(entries))
{ }

DeskRegister::~DeskRegister() = default;

Result<std::unique_ptr<DeskRegister>> DeskRegister::open(CaseBook &cases)
{
    auto entries = RegisterBook::load(cases.workspace());
    if (!entries)
        return std::unexpected(entries.error());
    return std::unique_ptr<DeskRegister>(
        new DeskRegister(cases, std::make_unique<RegisterBook>(std::move(*entries))));
}

QString DeskRegister::kindTitle(const QString &kind) const
{
    const RegisterKind *found = m_entries->schema().kind(kind);
    return found ? found->titleZh : kind;
}

QList<OfferedEntry> DeskRegister::offers(
    const std::optional<GeoPoint> &point, const QString &address, double metres) const
{
    auto found = CaseLinks::offers(*m_entries, point, address, metres);
    if (!found) {
        qCWarning(lcApp) << "reading the register's offers failed:" << found.error().message;
        return {};
    }
    QList<OfferedEntry> offers;
    for (const EntryOffer &offer : std::as_const(*found))
        offers << shown(offer.entry, offer.metres);
    return offers;
}

OfferedEntry DeskRegister::shown(const RegisterEntry &masked, std::optional<double> metres) const
{
    return OfferedEntry {masked.code, kindTitle(masked.kind), masked.name, masked.address, metres};
}

QList<OfferedEntry> DeskRegister::reporters(const QString &typed) const
{
    auto found = RegisterSearch::people(*m_entries, typed);
    if (!found) {
        qCWarning(lcApp) << "looking for a reporter in the register failed:"
                         << found.error().message;
        return {};
    }
    QList<OfferedEntry> people;
    for (const RegisterEntry &person : std::as_const(*found))
        people << shown(maskedEntry(m_entries->schema(), person), std::nullopt);
    return people;
}

Result<QList<LinkedEntry>> DeskRegister::linkedEntries(qint64 caseId) const
{
    auto links = CaseLinks::ofCase(m_cases.workspace(), caseId);
    if (!links)
        return std::unexpected(links.error());
    QList<LinkedEntry> linked;
    for (const CaseLink &link : std::as_const(*links)) {
        LinkedEntry shown {link.entryCode, {}, {}, link.role == LinkRole::Reporter, link.linkedBy};
        auto entry = m_entries->entry(link.entryCode);
        if (entry && *entry) {
            const RegisterEntry masked = maskedEntry(m_entries->schema(), **entry);
            shown.kind = kindTitle(masked.kind);
            shown.name = masked.name;
        }
        linked << shown;
    }
    return linked;
}

Result<CaseEvent> DeskRegister::report(CaseRecord &record, const ActionRequest &request,
    const QStringList &codes, const QString &reporter)
{
    QList<EntryChoice> choices;
    for (const QString &code : codes)
        choices << EntryChoice {code, LinkRole::Concerns};
    if (!reporter.isEmpty())
        choices << EntryChoice {reporter, LinkRole::Reporter};
    CaseLinks links(*m_entries, m_cases);
    return links.report(record, request, choices);
}

Result<CaseEvent> DeskRegister::link(
    qint64 caseId, const QString &code, bool reporter, const ActionRequest &request)
{
    CaseLinks links(*m_entries, m_cases);
    return links.link(caseId, {code, reporter ? LinkRole::Reporter : LinkRole::Concerns}, request);
}

Result<CaseEvent> DeskRegister::unlink(
    qint64 caseId, const QString &code, bool reporter, const ActionRequest &request)
{
    CaseLinks links(*m_entries, m_cases);
    return links.unlink(
        caseId, {code, reporter ? LinkRole::Reporter : LinkRole::Concerns}, request);
}

} // namespace GridDesk
