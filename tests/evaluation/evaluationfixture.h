// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "storage/workspace.h"
#include "workflow/casebook.h"
#include "workflow/workflowsetup.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUuid>

#include <memory>

namespace GridDesk::Test {

/// The hand-built city of the evaluation tests: a city centre over a district with two
/// departments, users in each, one category whose limits are plain calendar hours (so the
/// deadlines are easy to check by hand) and eight cases with known histories:
///
/// - C1 hotline, grid G1: sanitation handles it in 24 h, verified, satisfaction 5;
/// - C2 grid staff, G1: sanitation takes 72 h to handle it (limit 48 h), satisfaction 3;
/// - C3 hotline, G2: returned by sanitation, dispatched to roads, fails verification once,
///   then closed on time;
/// - C4 video patrol, G2: with roads, in handling;
/// - C5 public app, G1: cancelled;
/// - C6 grid staff, G1: merged into C1 as a duplicate;
/// - C7 IoT alarm, G3, reported on 1 April: closed on the spot;
/// - C8 hotline, G1: sanitation, supervised, fed back as referred, verified a week later
///   (verification limit 24 h).
class EvaluationCity
{
public:
    /// Builds the city in a new workspace; null (with a warning) when it could not be made.
    std::unique_ptr<Workspace> build()
    {
        auto opened = Workspace::open(
            m_dir.filePath(QUuid::createUuid().toString(QUuid::Id128) + QStringLiteral(".gpkg")));
        if (!opened) {
            qWarning("workspace: %s", qPrintable(opened.error().message));
            return nullptr;
        }
        std::unique_ptr<Workspace> workspace = std::move(*opened);
        if (!saveSetup(*workspace) || !saveCases(*workspace) || !writeHistories(*workspace))
            return nullptr;
        return workspace;
    }

    /// The id the workspace gave case number n (1 to 8).
    qint64 id(int n) const { return m_ids.value(n - 1); }
    QList<qint64> ids(std::initializer_list<int> numbers) const
    {
        QList<qint64> list;
        for (int n : numbers)
            list << id(n);
        return list;
    }

    static WorkflowSetup setup()
    {
        WorkflowSetup setup;
        setup.units = OrgDirectory({
            {QStringLiteral("city"), QStringLiteral("City centre"), 1, {}},
            {QStringLiteral("district"), QStringLiteral("District centre"), 2,
                QStringLiteral("city")},
            {QStringLiteral("sanitation"), QStringLiteral("Sanitation"), 5,
                QStringLiteral("district")},
            {QStringLiteral("roads"), QStringLiteral("Roads"), 5, QStringLiteral("district")},
        });
        setup.users = {{QStringLiteral("boss"), QStringLiteral("leader"), QStringLiteral("city")},
            {QStringLiteral("dana"), QStringLiteral("unit_handler"), QStringLiteral("sanitation")},
            {QStringLiteral("ray"), QStringLiteral("unit_handler"), QStringLiteral("roads")}};
        using Unit = TimeLimit::Unit;
        Category litter {QStringLiteral("litter"), {}, CategoryKind::Event,
            QStringLiteral("Litter"), QStringLiteral("sanitation"),
            {{Stage::Register, {2, Unit::CalendarHours}},
                {Stage::Dispatch, {2, Unit::CalendarHours}},
                {Stage::Accept, {4, Unit::CalendarHours}},
                {Stage::Handle, {48, Unit::CalendarHours}},
                {Stage::Verify, {24, Unit::CalendarHours}},
                {Stage::Supervise, {48, Unit::CalendarHours}},
                {Stage::Evaluate, {120, Unit::CalendarHours}}}};
        setup.categories = *CategoryTree::build({litter});
        return setup;
    }

private:
    struct Step
    {
        CaseAction action;
        int day; ///< of March 2026; 32 is 1 April
        int hour;
        int minute;
        QString unit; ///< dispatch: the lead unit; otherwise the actor's unit
        QJsonObject data;
        QString reason;
    };

    bool saveSetup(Workspace &workspace)
    {
        auto saved = workspace.transaction([&] { return setup().save(workspace); });
        if (!saved) {
            qWarning("setup: %s", qPrintable(saved.error().message));
            return false;
        }
        // Roads answers for grid G3 besides the cases it leads.
        QSqlQuery query(workspace.database());
        return query.exec(QStringLiteral(
            "INSERT INTO org_unit_details (code, jurisdiction) VALUES ('roads', 'G3')"));
    }

    bool saveCases(Workspace &workspace)
    {
        const QStringList grids {QStringLiteral("G1"), QStringLiteral("G1"), QStringLiteral("G2"),
            QStringLiteral("G2"), QStringLiteral("G1"), QStringLiteral("G1"), QStringLiteral("G3"),
            QStringLiteral("G1")};
        QList<CaseRecord> records;
        for (int n = 0; n < grids.size(); ++n) {
            CaseRecord record;
            record.source = QStringLiteral("desk");
            record.externalId = QStringLiteral("C%1").arg(n + 1);
            record.category = QStringLiteral("litter");
            record.gridCode = grids.at(n);
            records << record;
        }
        auto saved = workspace.transaction([&] { return workspace.saveCases(records); });
        for (const CaseRecord &record : records)
            m_ids << record.id;
        return saved.has_value();
    }

    static QJsonObject result(bool referred = false)
    {
        QJsonObject data {{QStringLiteral("result"), QStringLiteral("Done.")}};
        if (referred)
            data.insert(QStringLiteral("referred"), true);
        return data;
    }

    static QJsonObject report(const char *channel)
    {
        // As the desk reports a case: its channel and category, which sets the stage limits.
        return {{QStringLiteral("channel"), QLatin1String(channel)},
            {QStringLiteral("category"), QStringLiteral("litter")}};
    }

    QList<QList<Step>> histories() const
    {
        const QString san = QStringLiteral("sanitation");
        const QString roads = QStringLiteral("roads");
        const QString city = QStringLiteral("city");
        using A = CaseAction;
        const QJsonObject none;
        return {
            {{A::Report, 2, 9, 0, city, report("hotline")}, {A::Register, 2, 9, 5, city, none},
                {A::Dispatch, 2, 9, 10, san, none}, {A::Accept, 2, 9, 30, san, none},
                {A::ContactReporter, 2, 10, 0, san, result()},
                {A::FeedBack, 3, 9, 30, san, result()}, {A::Verify, 3, 12, 0, city, none},
                {A::Evaluate, 4, 10, 0, city, {{QStringLiteral("satisfaction"), 5}}}},
            {{A::Report, 2, 9, 0, city, report("grid_staff")}, {A::Register, 2, 9, 5, city, none},
                {A::Dispatch, 2, 9, 10, san, none}, {A::Accept, 2, 9, 30, san, none},
                {A::FeedBack, 5, 9, 30, san, result()}, {A::Verify, 5, 10, 0, city, none},
                {A::Evaluate, 5, 11, 0, city, {{QStringLiteral("satisfaction"), 3}}}},
            {{A::Report, 2, 9, 0, city, report("hotline")}, {A::Register, 2, 9, 5, city, none},
                {A::Dispatch, 2, 9, 10, san, none},
                {A::Return, 2, 9, 40, san, none, QStringLiteral("Not ours.")},
                {A::Dispatch, 2, 10, 0, roads, none}, {A::Accept, 2, 10, 20, roads, none},
                {A::FeedBack, 2, 16, 20, roads, result()},
                {A::FailVerification, 2, 17, 0, city, none, QStringLiteral("Still dirty.")},
                {A::FeedBack, 3, 9, 0, roads, result()}, {A::Verify, 3, 10, 0, city, none}},
            {{A::Report, 2, 9, 0, city, report("video")}, {A::Register, 2, 9, 5, city, none},
                {A::Dispatch, 2, 9, 10, roads, none}, {A::Accept, 2, 9, 30, roads, none}},
            {{A::Report, 2, 9, 0, city, report("app")}, {A::Register, 2, 9, 5, city, none},
                {A::Cancel, 2, 9, 20, city, none, QStringLiteral("Withdrawn.")}},
            {{A::Report, 2, 9, 0, city, report("grid_staff")},
                {A::Merge, 2, 9, 10, city, {{QStringLiteral("into"), id(1)}}}},
            {{A::Report, 32, 8, 0, city, report("iot")},
                {A::CloseImmediately, 32, 8, 30, city, result()}},
            {{A::Report, 2, 9, 0, city, report("hotline")}, {A::Register, 2, 9, 5, city, none},
                {A::Dispatch, 2, 9, 10, san, none}, {A::Accept, 2, 9, 30, san, none},
                {A::Supervise, 3, 9, 0, city, none, QStringLiteral("Slow.")},
                {A::ContactReporter, 3, 10, 0, san, result()},
                {A::FeedBack, 3, 15, 0, san, result(true)}, {A::Verify, 10, 10, 0, city, none}},
        };
    }

    bool writeHistories(Workspace &workspace)
    {
        QList<CaseHistory> written;
        const QList<QList<Step>> steps = histories();
        for (int n = 0; n < steps.size(); ++n) {
            CaseHistory history {m_ids.at(n), {}};
            for (const Step &step : steps.at(n))
                history.actions << request(step);
            written << history;
        }
        CaseBook book(workspace, setup());
        auto refused = workspace.transaction<QList<std::pair<qint64, Error>>>(
            [&] { return book.appendHistories(written); });
        if (!refused || !refused->isEmpty()) {
            qWarning("histories: %s",
                qPrintable(refused ? refused->first().second.message : refused.error().message));
            return false;
        }
        return true;
    }

    static ActionRequest request(const Step &step)
    {
        ActionRequest request;
        request.action = step.action;
        request.basedOnVersion = ActionRequest::CURRENT_VERSION;
        const bool dispatch = step.action == CaseAction::Dispatch;
        // Units act for themselves; the city centre registers, dispatches and verifies.
        request.actor = dispatch ? QStringLiteral("centre") : step.unit + QStringLiteral(" staff");
        request.actorUnit = dispatch ? QStringLiteral("city") : step.unit;
        request.role = Role::System;
        request.unit = dispatch ? step.unit : QString();
        const QDate day = QDate(2026, 3, 1).addDays(step.day - 1);
        request.at = CaseTime::naive(day, QTime(step.hour, step.minute));
        request.data = step.data;
        request.reason = step.reason;
        return request;
    }

    QTemporaryDir m_dir;
    QList<qint64> m_ids;
};

} // namespace GridDesk::Test
