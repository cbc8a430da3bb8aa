// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "app/deskfixture.h"

#include "sync/outbox.h"
#include "workflow/casebook.h"

namespace GridDesk::Test {

/// A desk workspace's book with its outbox as journal, as the desk and the sync open them.
struct OutboxDesk
{
    std::unique_ptr<Workspace> workspace;
    std::unique_ptr<CaseBook> book;
    std::unique_ptr<Sync::Outbox> outbox;

    static Result<OutboxDesk> open(const QString &path)
    {
        auto workspace = Workspace::open(path);
        if (!workspace)
            return std::unexpected(workspace.error());
        auto setup = WorkflowSetup::load(**workspace);
        if (!setup)
            return std::unexpected(setup.error());
        OutboxDesk desk;
        desk.workspace = std::move(*workspace);
        desk.book = std::make_unique<CaseBook>(*desk.workspace, *setup);
        desk.outbox = std::make_unique<Sync::Outbox>(*desk.workspace);
        desk.book->setJournal(desk.outbox.get());
        return desk;
    }

    /// Reports a noise case from the hotline as actor (an operator) at at; its id.
    Result<qint64> report(const QString &externalId, const QString &actor, const QDateTime &at)
    {
        CaseRecord record;
        record.source = QStringLiteral("hotline");
        record.externalId = externalId;
        record.category = QStringLiteral("noise");
        record.descriptor = QStringLiteral("Loud music at night");
        record.address = QStringLiteral("Section 1, Muzha Road");
        record.created = CaseTime::naive(at.date(), at.time());
        auto event = book->report(record, request(CaseAction::Report, actor, at));
        if (!event)
            return std::unexpected(event.error());
        return record.id;
    }

    static ActionRequest request(CaseAction action, const QString &actor, const QDateTime &at)
    {
        ActionRequest request;
        request.action = action;
        request.basedOnVersion = ActionRequest::CURRENT_VERSION;
        request.actor = actor;
        request.role = Role::Operator;
        request.actorUnit = QStringLiteral("city");
        request.at = CaseTime::naive(at.date(), at.time());
        return request;
    }

    /// The outbox entry that wrote caseId's newest event.
    Result<Sync::OutboxEntry> newestEntryOf(qint64 caseId) const
    {
        auto entries = outbox->entries();
        if (!entries)
            return std::unexpected(entries.error());
        for (auto entry = entries->crbegin(); entry != entries->crend(); ++entry) {
            if (entry->caseId == caseId)
                return *entry;
        }
        return fail(ErrorCode::NotFound, QStringLiteral("no command of case %1").arg(caseId));
    }

    /// Writes the answer a server gives when the case changed meanwhile.
    Result<void> rejectAsConflict(const Sync::OutboxEntry &entry)
    {
        Sync::CommandResult result;
        result.id = entry.commandId;
        result.applied = false;
        result.refusal = Sync::Refusal::Conflict;
        result.reason = QStringLiteral("Case %1 is at version %2; the command was based on %3.")
                            .arg(entry.key.externalId)
                            .arg(entry.basedOn + 1)
                            .arg(entry.basedOn);
        result.version = entry.basedOn + 1;
        return outbox->answer(result);
    }
};

} // namespace GridDesk::Test
