// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "historyimport.h"

#include "logging.h"

#include "storage/workspace.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::HistoryImport)
};

/// How many refusals the summary quotes; the rest are counted.
constexpr int QUOTED_REFUSALS = 3;

Result<qint64> singleNumber(const Workspace &workspace, const QString &sql, const QString &doing)
{
    QSqlQuery query(workspace.database());
    if (!query.exec(sql) || !query.next()) {
        return fail(ErrorCode::Database,
            Tr::tr("%1 failed: %2").arg(doing, query.lastError().text().trimmed()));
    }
    return query.value(0).toLongLong();
}

CaseTime importTime()
{
    const QDateTime now = QDateTime::currentDateTime();
    const QTime time = now.time();
    return CaseTime::naive(now.date(), QTime(time.hour(), time.minute(), time.second()));
}

bool startsWith(const QList<CaseEvent> &events, const QList<ActionRequest> &built)
{
    if (events.size() > built.size())
        return false;
    for (qsizetype i = 0; i < events.size(); ++i) {
        if (events.at(i).action != built.at(i).action)
            return false;
    }
    return true;
}

} // namespace

HistoryImport::HistoryImport(Workspace &workspace, const QString &source, WorkflowSetup setup)
    : m_workspace(workspace)
    , m_setup(setup)
    , m_book(workspace, std::move(setup))
    , m_builder(source, importTime())
    , m_title(workspace.metadata(QStringLiteral("title")))
{ }

Result<std::unique_ptr<HistoryImport>> HistoryImport::open(
    Workspace &workspace, const QString &source)
{
    auto setup = WorkflowSetup::load(workspace);
    if (!setup)
        return std::unexpected(setup.error());
    std::unique_ptr<HistoryImport> import(new HistoryImport(workspace, source, std::move(*setup)));
    auto events = import->eventCount();
    if (!events)
        return std::unexpected(events.error());
    import->m_eventsBefore = *events;
    return import;
}

Result<qint64> HistoryImport::lastCaseId() const
{
    return singleNumber(m_workspace, QStringLiteral("SELECT coalesce(max(fid), 0) FROM cases"),
        Tr::tr("Reading the last case id"));
}

Result<qint64> HistoryImport::eventCount() const
{
    return singleNumber(m_workspace, QStringLiteral("SELECT count(*) FROM case_events"),
        Tr::tr("Counting case events"));
}

Result<void> HistoryImport::ensureUnits(
    const QList<CaseRecord> &cases, const QList<FeedCourse> &courses)
{
    QSet<std::pair<QString, QString>> seen;
    QList<std::pair<QString, QString>> agencyCrews;
    for (qsizetype i = 0; i < cases.size(); ++i) {
        const std::pair unit(HistoryBuilder::unitFor(cases.at(i).agency), courses.at(i).crew);
        if (!seen.contains(unit)) {
            seen.insert(unit);
            agencyCrews << unit;
        }
    }
    if (!WorkflowSeed::ensureHandlingUnits(m_setup, agencyCrews, m_title))
        return {};
    if (auto saved = m_setup.saveUnits(m_workspace); !saved)
        return saved;
    m_book.setSetup(m_setup);
    return {};
}

Result<QList<ActionRequest>> HistoryImport::remainder(
    qint64 caseId, const QList<ActionRequest> &built)
{
    auto file = m_book.file(caseId);
    if (!file && file.error().code == ErrorCode::NotFound)
        return built;
    if (!file)
        return std::unexpected(file.error());
    if (!startsWith(file->events(), built)) {
        ++m_kept;
        return QList<ActionRequest>();
    }
    return built.mid(file->version());
}

Result<void> HistoryImport::addBatch(
    const QList<CaseRecord> &cases, const QList<FeedCourse> &courses, qint64 lastIdBefore)
{
    if (auto units = ensureUnits(cases, courses); !units)
        return units;

    // The later row of a case met twice wins, as it does for the case row itself.
    QList<CaseHistory> histories;
    QHash<qint64, QString> externalIds;
    for (qsizetype i = cases.size() - 1; i >= 0; --i) {
        const CaseRecord &record = cases.at(i);
        if (externalIds.contains(record.id))
            continue;
        externalIds.insert(record.id, record.externalId);
        if (!record.category.isEmpty())
            ++m_tally[record.category][HistoryBuilder::unitFor(record.agency)];

        QList<ActionRequest> built = m_builder.build(record, courses.at(i));
        if (record.id <= lastIdBefore) {
            auto rest = remainder(record.id, built);
            if (!rest)
                return std::unexpected(rest.error());
            built = *rest;
        }
        if (built.isEmpty())
            continue;
        if (!record.created.isValid())
            ++m_timeless;
        histories.prepend(CaseHistory {record.id, built});
    }

    auto refused = m_book.appendHistories(histories);
    if (!refused)
        return std::unexpected(refused.error());
    m_histories += histories.size();
    noteRefusals(*refused, externalIds);
    return {};
}

void HistoryImport::noteRefusals(
    const QList<std::pair<qint64, Error>> &refused, const QHash<qint64, QString> &externalIds)
{
    for (const auto &[caseId, error] : refused) {
        ++m_refused;
        if (m_firstRefusals.size() < QUOTED_REFUSALS) {
            //: %1 is a case's id in the imported file, %2 why a step of its history was refused
            m_firstRefusals << Tr::tr("%1: %2").arg(externalIds.value(caseId), error.message);
        }
        qCDebug(lcIngest) << "history of case" << caseId << "refused:" << error.message;
    }
}

Result<void> HistoryImport::finish(ImportSummary &summary)
{
    if (auto categories = WorkflowSeed::ensureCategories(m_setup, m_tally); !categories)
        return categories;
    if (auto saved = m_setup.saveCategories(m_workspace); !saved)
        return saved;
    m_book.setSetup(m_setup);

    auto events = eventCount();
    if (!events)
        return std::unexpected(events.error());
    summary.histories += m_histories;
    summary.events += *events - m_eventsBefore;

    if (m_refused > 0) {
        summary.notes << Tr::tr("%n case history(ies) stop early because the workflow refused a "
                                "step (first: %1).",
            nullptr, int(m_refused))
                             .arg(m_firstRefusals.join(QStringLiteral("; ")));
    }
    if (m_kept > 0) {
        summary.notes << Tr::tr("%n case(s) already had a history that differs from what the "
                                "file says; it was kept as it was.",
            nullptr, int(m_kept));
    }
    if (m_timeless > 0) {
        summary.notes << Tr::tr("%n case(s) have no readable creation time: their history starts "
                                "at the first time the file gives, or at the time of this import.",
            nullptr, int(m_timeless));
    }
    return {};
}

} // namespace GridDesk
