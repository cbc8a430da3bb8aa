// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "cases/casedetailpanel.h"
#include "cases/reportdialog.h"
#include "domain/error.h"
#include "workflow/casebook.h"

#include <QStringList>

#include <memory>

namespace GridDesk {

class RegisterBook;
struct RegisterEntry;
class Workspace;

/// The register as the case desk uses it: the entries offered to a report, the links of a
/// case, and links made and removed, all on the desk's own workspace connection and through
/// its case book, so that each link is in the case's history and the outbox.
class DeskRegister
{
public:
    /// The register of the workspace the case book works on; fails when it cannot be read.
    static Result<std::unique_ptr<DeskRegister>> open(CaseBook &cases);
    ~DeskRegister();

    /// The entries at a place (within metres of point, or at address), masked, nearest first.
    QList<OfferedEntry> offers(
        const std::optional<GeoPoint> &point, const QString &address, double metres = 50.0) const;
    /// The people a reporter's name or phone number may be, masked.
    QList<OfferedEntry> reporters(const QString &typed) const;
    /// The entries a case is linked to, masked.
    Result<QList<LinkedEntry>> linkedEntries(qint64 caseId) const;

    /// Saves the reported case linked to the entries with these codes and to its reporter's
    /// entry (when not empty), in one transaction.
    Result<CaseEvent> report(CaseRecord &record, const ActionRequest &request,
        const QStringList &codes, const QString &reporter = {});
    Result<CaseEvent> link(
        qint64 caseId, const QString &code, bool reporter, const ActionRequest &request);
    Result<CaseEvent> unlink(
        qint64 caseId, const QString &code, bool reporter, const ActionRequest &request);

private:
    DeskRegister(CaseBook &cases, std::unique_ptr<RegisterBook> entries);
    QString kindTitle(const QString &kind) const;
    OfferedEntry shown(const RegisterEntry &masked, std::optional<double> metres) const;

    CaseBook &m_cases;
    std::unique_ptr<RegisterBook> m_entries;
};

} // namespace GridDesk
