// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
//
// The grid map's editing commands: validate, subdivide, publish, editions.

#include "clicontext.h"

#include "domain/text.h"
#include "editions/griddraft.h"
#include "editions/grideditions.h"
#include "storage/workspace.h"
#include "sync/outbox.h"
#include "topology/gridedits.h"
#include "topology/topologycheck.h"
#include "workflow/workflowsetup.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <cmath>

namespace GridDesk::Cli {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Cli)
};

QJsonArray box(const BoundingBox &extent)
{
    if (extent.isEmpty())
        return {};
    return QJsonArray {extent.west, extent.south, extent.east, extent.north};
}

QJsonObject findingJson(const TopologyFinding &finding, const AcceptedFinding *accepted)
{
    QJsonObject object {
        {QStringLiteral("kind"), topologyKindKey(finding.kind)},
        {QStringLiteral("grids"), QJsonArray::fromStringList(finding.codes)},
        {QStringLiteral("location"), QJsonArray {finding.location.lon, finding.location.lat}},
        {QStringLiteral("extent"), box(finding.extent)},
        {QStringLiteral("area_m2"), finding.areaM2},
        {QStringLiteral("detail"), finding.detail},
        {QStringLiteral("key"), finding.key()},
        {QStringLiteral("accepted"), accepted != nullptr},
    };
    if (accepted) {
        object.insert(QStringLiteral("accepted_reason"), accepted->reason);
        object.insert(QStringLiteral("accepted_by"), accepted->acceptedBy);
    }
    return object;
}

/// The supervisor or leader named by --as, who may change the grid map.
Result<QString> mapEditor(Context &context, Workspace &ws)
{
    auto setup = WorkflowSetup::load(ws);
    if (!setup)
        return std::unexpected(setup.error());
    QStringList allowed;
    for (const LocalUser &user : setup->users) {
        if (user.role == QLatin1String("supervisor") || user.role == QLatin1String("leader"))
            allowed << user.name;
    }
    const QString name = context.value("as").trimmed();
    if (allowed.isEmpty()) {
        return fail(ErrorCode::Forbidden,
            Tr::tr("grid editions are published by a supervisor or a leader of this workspace, "
                   "and it has none yet; add one with setup import."));
    }
    if (name.isEmpty() || !allowed.contains(name)) {
        return fail(ErrorCode::Forbidden,
            Tr::tr("grid editions are published by a supervisor or a leader of this workspace; "
                   "name one with --as: %1.")
                .arg(allowed.join(QStringLiteral(", "))));
    }
    return name;
}

} // namespace

int validateCommand(Context &context)
{
    if (context.positional.size() != 2)
        return usageError(context, Tr::tr("validate needs a WORKSPACE."));
    TopologyOptions options;
    if (context.isSet("level")) {
        options.level = gridLevelFromKey(context.value("level"));
        if (!options.level) {
            return usageError(context,
                Tr::tr("unknown level \"%1\"; use one of %2.")
                    .arg(context.value("level"), gridLevelKeys()));
        }
    }
    auto ws = openExistingWorkspace(context.positional.at(1));
    if (!ws)
        return failWith(context, ws.error());
    // What the supervisor sees: the published map with the draft's edits over it.
    auto draft = GridDraft::load(**ws);
    if (!draft)
        return failWith(context, draft.error());
    auto findings = checkTopology(draft->grids(), options);
    if (!findings)
        return failWith(context, findings.error());
    auto accepted = acceptedFindings(**ws);
    if (!accepted)
        return failWith(context, accepted.error());
    QHash<QString, AcceptedFinding> acceptedByKey;
    for (const AcceptedFinding &finding : std::as_const(*accepted))
        acceptedByKey.insert(finding.key, finding);

    // The grids of the level asked for (all grids are read: parents decide gaps and nesting).
    const auto checked = std::count_if(draft->grids().cbegin(), draft->grids().cend(),
        [&](const Grid &grid) { return !options.level || grid.level == *options.level; });
    int open = 0;
    QJsonArray array;
    for (const TopologyFinding &finding : std::as_const(*findings)) {
        const auto found = acceptedByKey.constFind(finding.key());
        const AcceptedFinding *acceptance =
            found == acceptedByKey.constEnd() ? nullptr : &found.value();
        if (!acceptance)
            ++open;
        if (context.isSet("json")) {
            array << findingJson(finding, acceptance);
            continue;
        }
        context.out
            << QStringLiteral("%1\t%2\t%3, %4\t%5%6")
                   .arg(topologyKindKey(finding.kind), finding.codes.join(QStringLiteral(",")))
                   .arg(finding.location.lon, 0, 'f', 6)
                   .arg(finding.location.lat, 0, 'f', 6)
                   .arg(printableText(finding.detail),
                       acceptance ? Tr::tr(" (accepted: %1)").arg(printableText(acceptance->reason))
                                  : QString())
            << '\n';
    }
    if (context.isSet("json")) {
        printJson(context,
            QJsonObject {{QStringLiteral("grids"), int(checked)},
                {QStringLiteral("draft_changes"), int(draft->changedCodes().size())},
                {QStringLiteral("open"), open},
                {QStringLiteral("accepted"), int(findings->size()) - open},
                {QStringLiteral("findings"), array}});
    } else {
        context.out << Tr::tr("%n finding(s) to fix", nullptr, open) << ", "
                    << Tr::tr("%n accepted", nullptr, int(findings->size()) - open) << ", "
                    << Tr::tr("%n grid(s) checked", nullptr, int(checked)) << '\n';
    }
    return open > 0 ? FAILED : OK;
}

int subdivideCommand(Context &context)
{
    if (context.positional.size() != 3)
        return usageError(context, Tr::tr("subdivide needs a WORKSPACE and a grid CODE."));
    if (context.isSet("parts") == context.isSet("target-area"))
        return usageError(context, Tr::tr("subdivide needs either --parts N or --target-area M2."));
    GridEdits::SubdivideTarget target;
    bool ok = false;
    if (context.isSet("parts")) {
        const int parts = context.value("parts").toInt(&ok);
        if (!ok || parts < 2 || parts > 10'000)
            return usageError(context, Tr::tr("--parts must be a whole number from 2 to 10000."));
        target.parts = parts;
    } else {
        const double area = context.value("target-area").toDouble(&ok);
        if (!ok || !(area >= 1.0) || !std::isfinite(area))
            return usageError(
                context, Tr::tr("--target-area must be an area in square metres of at least 1."));
        target.areaM2 = area;
    }

    auto ws = openExistingWorkspace(context.positional.at(1));
    if (!ws)
        return failWith(context, ws.error());
    auto draft = GridDraft::load(**ws);
    if (!draft)
        return failWith(context, draft.error());
    const QString code = context.positional.at(2);
    const std::optional<Grid> parent = draft->grid(code);
    if (!parent)
        return failWith(context,
            Error {ErrorCode::NotFound, Tr::tr("the workspace has no grid %1.").arg(code)});
    if (parent->level != GridLevel::Base) {
        return failWith(context,
            Error {ErrorCode::InvalidArgument,
                Tr::tr("%1 is not a base grid (it is a grid of this level: %2); fine grids are cut "
                       "from base grids.")
                    .arg(code, gridLevelName(parent->level))});
    }
    QStringList children;
    for (const Grid &grid : draft->grids()) {
        if (grid.parentCode == code && grid.level == GridLevel::Fine)
            children << grid.code;
    }
    if (!children.isEmpty()) {
        return failWith(context,
            Error {ErrorCode::Conflict,
                Tr::tr("%1 already has %n fine grid(s) (%2); merge or delete them first.", nullptr,
                    int(children.size()))
                    .arg(code, children.mid(0, 5).join(QStringLiteral(", ")))});
    }

    auto parts = GridEdits::subdivide(*parent, target);
    if (!parts)
        return failWith(context, parts.error());
    GridChange change;
    change.description = Tr::tr("Subdivide %1").arg(code);
    change.after = *parts;
    for (const Grid &part : std::as_const(*parts))
        change.lineage << LineageLink {code, part.code, LineageLink::Kind::Subdivide};
    if (auto applied = draft->apply(**ws, change); !applied)
        return failWith(context, applied.error());
    double smallest = std::numeric_limits<double>::max();
    double largest = 0.0;
    for (const Grid &part : std::as_const(*parts)) {
        smallest = std::min(smallest, part.areaM2);
        largest = std::max(largest, part.areaM2);
    }
    context.out << Tr::tr("%1: %n fine grid(s) drafted, %2 to %3 m² each; publish the draft to "
                          "make them an edition.",
        nullptr, int(parts->size()))
                       .arg(code)
                       .arg(smallest, 0, 'f', 0)
                       .arg(largest, 0, 'f', 0)
                << '\n';
    return OK;
}

int publishCommand(Context &context)
{
    if (context.positional.size() != 2)
        return usageError(context, Tr::tr("publish needs a WORKSPACE."));
    if (isBlankText(context.value("note")))
        return usageError(context, Tr::tr("say what the edition changes with --note TEXT."));
    auto ws = openExistingWorkspace(context.positional.at(1));
    if (!ws)
        return failWith(context, ws.error());
    auto who = mapEditor(context, **ws);
    if (!who)
        return failWith(context, who.error());
    auto draft = GridDraft::load(**ws);
    if (!draft)
        return failWith(context, draft.error());
    // A workspace that syncs has its editions published by its server.
    Sync::Outbox outbox(**ws);
    if (!outbox.server().isEmpty()) {
        auto sent = Sync::submitEdition(
            **ws, outbox, *draft, *who, context.value("note"), QDateTime::currentDateTimeUtc());
        if (!sent)
            return failWith(context, sent.error());
        context.out << Tr::tr("the draft is queued for %1 (command %2), which publishes it once "
                              "its topology checks pass; run sync to send it.")
                           .arg(outbox.server().toString(), sent->id)
                    << '\n';
        return OK;
    }
    auto impact = GridEditions::previewImpact(**ws, *draft);
    if (!impact)
        return failWith(context, impact.error());
    auto edition = GridEditions::publish(
        **ws, *draft, *who, context.value("note"), QDateTime::currentDateTimeUtc());
    if (!edition)
        return failWith(context, edition.error());
    context.out << Tr::tr(
        "edition %1 published: %n grid(s) changed", nullptr, edition->changedCount)
                       .arg(edition->number)
                << ", " << Tr::tr("%n open case(s) re-homed", nullptr, impact->openCasesMoved)
                << '\n';
    return OK;
}

int editionsCommand(Context &context)
{
    if (context.positional.size() != 2)
        return usageError(context, Tr::tr("editions needs a WORKSPACE."));
    auto ws = openExistingWorkspace(context.positional.at(1));
    if (!ws)
        return failWith(context, ws.error());
    auto editions = GridEditions::list(**ws);
    if (!editions)
        return failWith(context, editions.error());
    auto draft = GridDraft::load(**ws);
    if (!draft)
        return failWith(context, draft.error());

    if (!context.isSet("json")) {
        for (const GridEdition &edition : std::as_const(*editions)) {
            context.out << QStringLiteral("%1\t%2\t%3\t%4\t%5")
                               .arg(edition.number)
                               .arg(edition.publishedAt.toString(Qt::ISODate),
                                   printableText(edition.publishedBy))
                               .arg(Tr::tr("%n grid(s)", nullptr, edition.gridCount),
                                   printableText(edition.note))
                        << '\n';
        }
        context.out << Tr::tr(
            "draft: %n grid(s) changed", nullptr, int(draft->changedCodes().size()))
                    << '\n';
        return OK;
    }
    QJsonArray array;
    for (const GridEdition &edition : std::as_const(*editions)) {
        QJsonArray lineage;
        for (const LineageLink &link : edition.lineage) {
            lineage << QJsonObject {{QStringLiteral("from"), link.fromCode},
                {QStringLiteral("to"), link.toCode},
                {QStringLiteral("kind"), lineageKindKey(link.kind)}};
        }
        array << QJsonObject {{QStringLiteral("number"), edition.number},
            {QStringLiteral("published_at"), edition.publishedAt.toString(Qt::ISODate)},
            {QStringLiteral("published_by"), edition.publishedBy},
            {QStringLiteral("note"), edition.note}, {QStringLiteral("grids"), edition.gridCount},
            {QStringLiteral("changed"), edition.changedCount},
            {QStringLiteral("lineage"), lineage}};
    }
    printJson(context,
        QJsonObject {{QStringLiteral("editions"), array},
            {QStringLiteral("draft"),
                QJsonObject {
                    {QStringLiteral("changed"), QJsonArray::fromStringList(draft->changedCodes())},
                    {QStringLiteral("deleted"), QJsonArray::fromStringList(draft->deletedCodes())},
                }}});
    return OK;
}

} // namespace GridDesk::Cli
