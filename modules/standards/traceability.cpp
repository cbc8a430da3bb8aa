// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "traceability.h"

#include "standardstree.h"

#include <QCoreApplication>
#include <QStringList>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Standards)
};

struct Entry
{
    const char *clause;
    const char *key;
    const char *name;
    const char *location;
};

// Names are marked for translation here and translated when the list is asked for.
constexpr Entry ENTRIES[] = {
    {"5.1.2", "standards.detail-list",
        QT_TRANSLATE_NOOP(
            "GridDesk::Standards", "The standards tree with its system table and detail list"),
        "modules/standards/standardsreport.cpp"},
    {"6.3.1.2", "workflow.categories",
        QT_TRANSLATE_NOOP("GridDesk::Standards",
            "Case categories (components and events) with their units and time limits"),
        "modules/workflow/categorytree.cpp"},
    {"6.3.3", "workflow.case-types",
        QT_TRANSLATE_NOOP("GridDesk::Standards",
            "Case types: immediate, promised, joint-handling, escalated, returned, rejected, "
            "supplementary, special"),
        "modules/workflow/terms.cpp"},
    {"6.4.1.1", "org.collector-coverage",
        QT_TRANSLATE_NOOP(
            "GridDesk::Standards", "Coverage check: grids without an information collector"),
        "modules/org/coveragecheck.cpp"},
    {"6.4.6.1", "workflow.closed-loop",
        QT_TRANSLATE_NOOP("GridDesk::Standards",
            "The closed loop of a case, from report to evaluation, with supervision and "
            "escalation"),
        "modules/workflow/transitions.cpp"},
    {"6.4.6.1", "workflow.engine",
        QT_TRANSLATE_NOOP("GridDesk::Standards",
            "The workflow engine checking each action against the loop, the role and the unit"),
        "modules/workflow/workflowengine.cpp"},
    {"6.4.6.2", "workflow.case-history",
        QT_TRANSLATE_NOOP(
            "GridDesk::Standards", "Every action on a case kept as an event in its history"),
        "modules/workflow/casebook.cpp"},
    {"7.1.1", "topology.checks",
        QT_TRANSLATE_NOOP("GridDesk::Standards",
            "Grid topology checks: validity, overlaps, gaps, fine grids inside base grids"),
        "modules/topology/topologycheck.cpp"},
    {"7.1.1", "editions.grid-editions",
        QT_TRANSLATE_NOOP(
            "GridDesk::Standards", "Published editions of the grid map with each grid's versions"),
        "modules/editions/grideditions.cpp"},
    {"7.1.1.1", "ingest.grid-import",
        QT_TRANSLATE_NOOP("GridDesk::Standards", "Import of base grids from boundary files"),
        "modules/ingest/gridimporter.cpp"},
    {"7.1.1.2", "topology.subdivide",
        QT_TRANSLATE_NOOP("GridDesk::Standards", "Subdividing a base grid into fine grids"),
        "modules/topology/gridsubdivide.cpp"},
    {"7.1.2.2", "org.tiers",
        QT_TRANSLATE_NOOP("GridDesk::Standards",
            "The org chart's six tiers, from city supervision centre to grid supervisor"),
        "modules/org/orgchart.cpp"},
    {"7.1.2.3", "org.skipped-tiers",
        QT_TRANSLATE_NOOP(
            "GridDesk::Standards", "The tier rule: a tier may be skipped, never inverted"),
        "modules/org/orgchart.cpp"},
    {"7.1.3.4", "org.groups",
        QT_TRANSLATE_NOOP(
            "GridDesk::Standards", "Coordination groups and leading groups of the org chart"),
        "modules/org/orgchart.cpp"},
    {"7.5.1.3.1", "ingest.hotline-import",
        QT_TRANSLATE_NOOP(
            "GridDesk::Standards", "Import of citizen hotline (12345, 311) case exports"),
        "modules/ingest/caseimporter.cpp"},
    {"7.5.4.1", "workflow.dispatch-rules",
        QT_TRANSLATE_NOOP(
            "GridDesk::Standards", "Auto-dispatch: the rule table proposing the responsible unit"),
        "modules/workflow/dispatchrules.cpp"},
    {"7.5.4.1", "workflow.dispatch-dry-run",
        QT_TRANSLATE_NOOP(
            "GridDesk::Standards", "Dispatch dry run of a rule table against past cases"),
        "modules/workflow/dispatchdryrun.cpp"},
    {"7.5.4.1", "worktime.deadlines",
        QT_TRANSLATE_NOOP("GridDesk::Standards",
            "Stage deadlines on the working-time calendar, with warnings and alarms"),
        "modules/worktime/deadlinestate.cpp"},
    {"7.5.8", "org.personal-data",
        QT_TRANSLATE_NOOP("GridDesk::Standards",
            "Masked personal numbers, shown whole only after a recorded reveal"),
        "modules/org/personaldata.cpp"},
    {"7.8.1", "workflow.deadline-rules",
        QT_TRANSLATE_NOOP("GridDesk::Standards",
            "Deadline rules putting overdue cases under supervision or escalating them"),
        "modules/workflow/casebook.cpp"},
    {"7.8.5", "worktime.calendar",
        QT_TRANSLATE_NOOP(
            "GridDesk::Standards", "The working-time calendar with the official holiday schedule"),
        "modules/worktime/workcalendar.cpp"},
    {"8.1", "domain.posts.decision",
        QT_TRANSLATE_NOOP("GridDesk::Standards", "The decision post of the org chart"),
        "modules/domain/posts.cpp"},
    {"8.2", "domain.posts.management",
        QT_TRANSLATE_NOOP("GridDesk::Standards", "The management post of the org chart"),
        "modules/domain/posts.cpp"},
    {"8.3", "domain.posts.general-management",
        QT_TRANSLATE_NOOP("GridDesk::Standards", "The general management post of the org chart"),
        "modules/domain/posts.cpp"},
    {"8.4", "domain.posts.grid-staff",
        QT_TRANSLATE_NOOP("GridDesk::Standards",
            "The five grid staff posts: supervisor, patroller, information collector, grid "
            "head, assistant"),
        "modules/domain/posts.cpp"},
    {"8.5", "domain.posts.joint-handling",
        QT_TRANSLATE_NOOP("GridDesk::Standards", "The joint-handling staff post of the org chart"),
        "modules/domain/posts.cpp"},
    {"8.6", "domain.posts.co-governance",
        QT_TRANSLATE_NOOP("GridDesk::Standards", "The co-governance post of the org chart"),
        "modules/domain/posts.cpp"},
    {"8.7", "domain.posts.big-data",
        QT_TRANSLATE_NOOP("GridDesk::Standards", "The big-data staff post of the org chart"),
        "modules/domain/posts.cpp"},
};

} // namespace

QList<Implementation> implementations()
{
    QList<Implementation> all;
    for (const Entry &entry : ENTRIES)
        all << Implementation {QLatin1String(entry.clause), QLatin1String(entry.key),
            Tr::tr(entry.name), QLatin1String(entry.location)};
    return all;
}

QList<Implementation> implementationsOf(const QString &clause)
{
    QList<Implementation> found;
    if (clause.isEmpty())
        return found;
    for (const Implementation &implementation : implementations()) {
        if (implementation.clause == clause)
            found << implementation;
    }
    return found;
}

QStringList unknownImplementedClauses(const StandardsTree &tree)
{
    QStringList unknown;
    for (const Entry &entry : ENTRIES) {
        const QString clause = QLatin1String(entry.clause);
        if (!tree.nodeByClause(clause) && !unknown.contains(clause))
            unknown << clause;
    }
    return unknown;
}

} // namespace GridDesk
