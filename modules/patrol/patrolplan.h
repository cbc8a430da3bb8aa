// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"

#include <QDate>
#include <QList>
#include <QString>

#include <optional>

namespace GridDesk {

/// The stretch of calendar a plan asks a number of patrols in.
enum class PlanPeriod { Day, Week, Month, Count };

/// "day", "week", "month"; empty for Count.
QString planPeriodKey(PlanPeriod period);
/// The period in words for people: "day", "week", "month" in the interface language.
QString planPeriodName(PlanPeriod period);
std::optional<PlanPeriod> planPeriodFromKey(const QString &key);
/// Every key, comma-separated, for messages.
QString planPeriodKeys();

/// What a grid's patrols must do: the things to check, how often (times per day, week or
/// month) and by whom, a named person or anyone holding a post of the org chart. A patrol
/// counts for the plan when it saw at least minimumShare of the grid (any part when 0).
struct PatrolPlan
{
    qint64 id = 0; ///< 0 until the workspace keeps it
    QString gridCode;
    QString tasks;
    int times = 1;
    PlanPeriod per = PlanPeriod::Week;
    QString person; ///< a person's name; empty when the plan names a post
    QString post; ///< a post key; empty when the plan names a person
    double minimumShare = 0.0;

    /// "2 × a week by information_collector" in words, for lists.
    QString describe() const;
    /// Fails, saying which field is wrong, when the plan lacks a grid, tasks, a positive
    /// number of times, or has both or neither of person and post, or a share outside 0 to 1.
    Result<void> validate() const;
};

/// One whole day, ISO week (Monday to Sunday) or calendar month of a period, with the patrols
/// that counted in it.
struct PlanSlot
{
    QDate first;
    QDate last;
    int done = 0;
};

/// How a plan fared over a period: each whole slot in it with its patrols, and whether every
/// slot had as many as the plan asks. Slots the period covers only in part are not judged.
struct PlanStatus
{
    PatrolPlan plan;
    QList<PlanSlot> slots;

    /// Empty when the period holds no whole slot, so the plan cannot be judged.
    std::optional<bool> met() const;
    int slotsMet() const;
};

/// The whole slots of period per from first to last (both included), in order.
QList<PlanSlot> wholeSlots(PlanPeriod per, const QDate &first, const QDate &last);

} // namespace GridDesk
