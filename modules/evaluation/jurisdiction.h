// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"
#include "workflow/orgdirectory.h"

#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

namespace GridDesk {

class Workspace;
struct WorkflowSetup;

/// Which cases a user may count, by the rule the sync server applies to every account: a
/// user of the unit at the top of the chart sees every case; any other user sees a case led
/// or shared by their unit or a unit below it, or lying in a grid (or a grid nested in one)
/// that their unit or a unit below it answers for. Use on one thread.
class Jurisdiction
{
public:
    /// Every case: for reports made without a user.
    Jurisdiction() = default;

    /// The jurisdiction of the local user userName of workspace; every case when userName is
    /// empty. Fails, naming the users there are, when there is no such user, and when the
    /// user's unit is not in the org chart.
    static Result<Jurisdiction> of(
        const Workspace &workspace, const WorkflowSetup &setup, const QString &userName);

    bool isEverything() const { return m_everything; }
    QString unitCode() const { return m_unitCode; }
    /// "every case" or "unit CODE (NAME) and the units and grids below it", for exports.
    QString describe() const;

    /// Whether the user may count a case led by leadUnit, shared with coUnits, in gridCode.
    bool sees(const QString &leadUnit, const QStringList &coUnits, const QString &gridCode);

private:
    bool unitVisible(const QString &unit);
    bool gridVisible(const QString &gridCode);

    bool m_everything = true;
    QString m_unitCode;
    QString m_unitName;
    OrgDirectory m_units;
    QSet<QString> m_grids; ///< grid codes the unit or a unit below it answers for
    QHash<QString, QString> m_gridParents;
    QHash<QString, bool> m_unitAnswers; ///< unit code → within the user's unit
    QHash<QString, bool> m_gridAnswers; ///< grid code → within the jurisdiction
};

} // namespace GridDesk
