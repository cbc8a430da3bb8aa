// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
//
// The standards tree's commands: standards, standards-export, standards-attach,
// standards-detach, standards-add, standards-remove, standards-move, standards-renumber and
// standards-history.

#include "clicontext.h"

#include "domain/text.h"

#include "standards/standardspdf.h"
#include "standards/standardsreport.h"
#include "standards/standardsstore.h"
#include "standards/standardstree.h"
#include "standards/traceability.h"
#include "storage/workspace.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QSaveFile>

#include <functional>

namespace GridDesk::Cli {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Cli)
};

/// A workspace and its standards tree, as every standards command starts.
struct Opened
{
    std::unique_ptr<Workspace> workspace;
    StandardsTree tree;
};

Result<Opened> openTree(const QString &path)
{
    auto workspace = openExistingWorkspace(path);
    if (!workspace)
        return std::unexpected(workspace.error());
    auto tree = StandardsStore::load(**workspace);
    if (!tree)
        return std::unexpected(tree.error());
    return Opened {std::move(*workspace), std::move(*tree)};
}

QJsonObject attachedJson(const AttachedStandard &standard)
{
    return QJsonObject {
        {QStringLiteral("id"), standard.id},
        {QStringLiteral("number"), standard.number},
        {QStringLiteral("title"), standard.title},
        {QStringLiteral("level"), standardLevelKey(standard.level)},
        {QStringLiteral("status"), standardStatusKey(standard.status)},
        {QStringLiteral("published"), standard.published.toString(Qt::ISODate)},
        {QStringLiteral("implemented"), standard.implemented.toString(Qt::ISODate)},
        {QStringLiteral("document"), standard.fileName},
        {QStringLiteral("document_size"), standard.fileSize},
    };
}

QJsonObject nodeJson(const StandardsReport &report, qint64 id)
{
    const StandardsTree &tree = report.tree();
    const StandardNode &node = *tree.node(id);
    QJsonArray standards;
    for (const AttachedStandard &standard : tree.attached(id))
        standards << attachedJson(standard);
    QJsonArray implementedBy;
    for (const Implementation &part : implementationsOf(node.clause))
        implementedBy << QJsonObject {{QStringLiteral("key"), part.key},
            {QStringLiteral("name"), part.name}, {QStringLiteral("location"), part.location}};
    QJsonArray children;
    for (qint64 child : tree.children(id))
        children << nodeJson(report, child);
    return QJsonObject {
        {QStringLiteral("code"), node.code},
        {QStringLiteral("clause"), node.clause},
        {QStringLiteral("title_zh"), node.titleZh},
        {QStringLiteral("title_en"), node.titleEn},
        {QStringLiteral("summary_zh"), node.summaryZh},
        {QStringLiteral("summary_en"), node.summaryEn},
        {QStringLiteral("standards"), standards},
        {QStringLiteral("standards_below"), report.standardsInSubtree(id)},
        {QStringLiteral("implemented_by"), implementedBy},
        {QStringLiteral("children"), children},
    };
}

QJsonObject treeJson(const StandardsReport &report)
{
    QJsonArray nodes;
    for (qint64 root : report.tree().roots())
        nodes << nodeJson(report, root);
    QJsonArray subsystems;
    for (const SubsystemCount &count : report.subsystems())
        subsystems << QJsonObject {{QStringLiteral("code"), count.code},
            {QStringLiteral("title_zh"), count.titleZh},
            {QStringLiteral("title_en"), count.titleEn}, {QStringLiteral("nodes"), count.nodes},
            {QStringLiteral("standards"), count.standards},
            {QStringLiteral("nodes_without_standard"), count.nodesWithoutStandard},
            {QStringLiteral("nodes_implemented"), count.nodesImplemented}};
    const StandardsCoverage coverage = report.coverage();
    const QJsonObject coverageObject {
        {QStringLiteral("nodes"), coverage.nodes},
        {QStringLiteral("standards"), coverage.standards},
        {QStringLiteral("without_standard"), QJsonArray::fromStringList(coverage.withoutStandard)},
        {QStringLiteral("unimplemented"), QJsonArray::fromStringList(coverage.unimplemented)},
    };
    return QJsonObject {{QStringLiteral("nodes"), nodes},
        {QStringLiteral("subsystems"), subsystems}, {QStringLiteral("coverage"), coverageObject}};
}

void printTree(Context &context, const StandardsReport &report)
{
    const StandardsTree &tree = report.tree();
    for (qint64 id : tree.preorder()) {
        const StandardNode &node = *tree.node(id);
        const QString indent(2 * (node.depth - 1), u' ');
        context.out << indent << node.code << "  " << (node.clause.isEmpty() ? "-" : node.clause)
                    << "  " << printableText(node.titleZh) << " / " << printableText(node.titleEn)
                    << "  " << Tr::tr("[%n standard(s)]", nullptr, int(tree.attached(id).size()));
        const QString parts = report.implementedBy(id);
        if (!parts.isEmpty())
            context.out << "  " << Tr::tr("implemented by: %1").arg(parts);
        context.out << '\n';
        for (const AttachedStandard &standard : tree.attached(id))
            context.out << indent << "    #" << standard.id << ' ' << printableText(standard.number)
                        << ' ' << printableText(standard.title) << " ("
                        << standardLevelName(standard.level) << ", "
                        << standardStatusName(standard.status) << ")\n";
    }
    context.out << '\n' << Tr::tr("Sub-systems:") << '\n';
    for (const SubsystemCount &count : report.subsystems())
        context.out << "  "
                    << Tr::tr("%1 %2: %3 categories, %4 standards, %5 without a standard, %6 "
                              "implemented in GridDesk")
                           .arg(count.code, count.titleZh)
                           .arg(count.nodes)
                           .arg(count.standards)
                           .arg(count.nodesWithoutStandard)
                           .arg(count.nodesImplemented)
                    << '\n';
    const StandardsCoverage coverage = report.coverage();
    context.out << Tr::tr("Coverage: %1 categories, %2 without a standard attached.")
                       .arg(coverage.nodes)
                       .arg(coverage.withoutStandard.size())
                << '\n'
                << Tr::tr("Implemented by no part of GridDesk (%1): %2")
                       .arg(coverage.unimplemented.size())
                       .arg(coverage.unimplemented.join(QStringLiteral(", ")))
                << '\n';
}

/// Who the standards history names: --as, which every edit needs.
std::optional<QString> actor(Context &context)
{
    const QString who = context.value("as").trimmed();
    if (who.isEmpty())
        return std::nullopt;
    return who;
}

int saveEdit(Context &context, Opened &opened, const QString &who)
{
    const QString done = opened.tree.pendingChanges().isEmpty()
        ? QString()
        : opened.tree.pendingChanges().last().detail;
    if (auto saved = StandardsStore::save(*opened.workspace, opened.tree, who); !saved)
        return failWith(context, saved.error());
    context.out << done << '\n';
    return OK;
}

/// An edit of the tree by the user of --as in the workspace of the first argument, saved with
/// its history; the edit's refusal or the save's ends the command with the reason.
int editTree(Context &context, const std::function<Result<void>(StandardsTree &)> &edit)
{
    const auto who = actor(context);
    if (!who)
        return usageError(context, Tr::tr("say who makes the change with --as USER."));
    auto opened = openTree(context.positional.at(1));
    if (!opened)
        return failWith(context, opened.error());
    if (auto edited = edit(opened->tree); !edited)
        return failWith(context, edited.error());
    return saveEdit(context, *opened, *who);
}

/// The date an option gives, invalid when it is not set; sets wrong when it is set but is no
/// date.
QDate dateOption(Context &context, const char *option, bool &wrong)
{
    if (!context.isSet(option))
        return QDate();
    // Qt::ISODate would take "2017-09-07T10:00" and quietly drop the time.
    const QDate date =
        QDate::fromString(context.value(option).trimmed(), QStringLiteral("yyyy-MM-dd"));
    wrong = wrong || !date.isValid();
    return date;
}

} // namespace

int standardsCommand(Context &context)
{
    if (context.positional.size() != 2)
        return usageError(context, Tr::tr("standards needs a WORKSPACE."));
    auto opened = openTree(context.positional.at(1));
    if (!opened)
        return failWith(context, opened.error());
    const StandardsReport report(opened->tree);
    if (context.isSet("json"))
        printJson(context, treeJson(report));
    else
        printTree(context, report);
    return OK;
}

int standardsExportCommand(Context &context)
{
    if (context.positional.size() != 3)
        return usageError(context,
            Tr::tr("standards-export needs a WORKSPACE and an OUT.csv or "
                   "OUT.pdf."));
    const QString target = context.positional.at(2);
    const QString suffix = QFileInfo(target).suffix().toLower();
    if (suffix != QLatin1String("csv") && suffix != QLatin1String("pdf"))
        return usageError(context, Tr::tr("standards-export writes .csv or .pdf files."));
    if (QFileInfo::exists(target) && !context.isSet("overwrite"))
        return failWith(context,
            Error {ErrorCode::InvalidArgument,
                Tr::tr("%1 exists; add --overwrite to replace it.").arg(target)});
    auto opened = openTree(context.positional.at(1));
    if (!opened)
        return failWith(context, opened.error());

    const StandardsReport report(opened->tree);
    const bool detail = context.isSet("detail");
    if (suffix == QLatin1String("pdf")) {
        auto written = writeStandardsPdf(report,
            detail ? StandardsPrintout::DetailList : StandardsPrintout::SystemTable, target);
        if (!written)
            return failWith(context, written.error());
    } else {
        QSaveFile file(target);
        const bool written = file.open(QIODevice::WriteOnly)
            && file.write(detail ? report.detailListCsv() : report.systemTableCsv()) >= 0
            && file.commit();
        if (!written)
            return failWith(context,
                Error {ErrorCode::InvalidArgument,
                    Tr::tr("%1 could not be written: %2").arg(target, file.errorString())});
    }
    const StandardsCoverage coverage = report.coverage();
    context.out << (detail
            ? Tr::tr("%1: the detail list of %n standard(s)", nullptr, coverage.standards)
            : Tr::tr("%1: the system table of %n categories", nullptr, coverage.nodes))
                       .arg(target)
                << '\n';
    return OK;
}

int standardsAttachCommand(Context &context)
{
    if (context.positional.size() != 3)
        return usageError(context, Tr::tr("standards-attach needs a WORKSPACE and a CODE."));
    for (const char *option : {"number", "title", "level", "status"}) {
        if (!context.isSet(option))
            return usageError(
                context, Tr::tr("standards-attach needs --%1.").arg(QLatin1String(option)));
    }
    const auto who = actor(context);
    if (!who)
        return usageError(context, Tr::tr("say who attaches the standard with --as USER."));
    const auto level = standardLevelFromKey(context.value("level"));
    if (!level)
        return usageError(context,
            Tr::tr("unknown level \"%1\"; use one of %2.")
                .arg(context.value("level"), standardLevelKeys()));
    const auto status = standardStatusFromKey(context.value("status"));
    if (!status)
        return usageError(context,
            Tr::tr("unknown status \"%1\"; use one of %2.")
                .arg(context.value("status"), standardStatusKeys()));
    bool wrongDate = false;
    const QDate published = dateOption(context, "published", wrongDate);
    const QDate implemented = dateOption(context, "implemented", wrongDate);
    if (wrongDate)
        return usageError(context, Tr::tr("dates are written YYYY-MM-DD, such as 2017-09-07."));

    auto opened = openTree(context.positional.at(1));
    if (!opened)
        return failWith(context, opened.error());
    AttachedStandard standard;
    standard.number = context.value("number");
    standard.title = context.value("title");
    standard.level = *level;
    standard.status = *status;
    standard.published = published;
    standard.implemented = implemented;
    auto id = StandardsStore::attach(*opened->workspace, opened->tree, context.positional.at(2),
        standard, context.value("file"), *who);
    if (!id)
        return failWith(context, id.error());
    context.out << Tr::tr("Attached %1 to %2 as #%3.")
                       .arg(standard.number.trimmed(), context.positional.at(2).toUpper())
                       .arg(*id)
                << '\n';
    return OK;
}

int standardsDetachCommand(Context &context)
{
    bool isNumber = false;
    const qint64 id = context.positional.value(2).toLongLong(&isNumber);
    if (context.positional.size() != 3 || !isNumber)
        return usageError(context, Tr::tr("standards-detach needs a WORKSPACE and an ID."));
    const auto who = actor(context);
    if (!who)
        return usageError(context, Tr::tr("say who detaches the standard with --as USER."));
    auto opened = openTree(context.positional.at(1));
    if (!opened)
        return failWith(context, opened.error());
    if (auto done = StandardsStore::detach(*opened->workspace, opened->tree, id, *who); !done)
        return failWith(context, done.error());
    context.out << Tr::tr("Detached #%1.").arg(id) << '\n';
    return OK;
}

int standardsAddCommand(Context &context)
{
    if (context.positional.size() != 3)
        return usageError(context, Tr::tr("standards-add needs a WORKSPACE and a PARENT_CODE."));
    if (!context.isSet("title-zh") || !context.isSet("title-en"))
        return usageError(context, Tr::tr("standards-add needs --title-zh and --title-en."));
    const NewCategory category {context.value("title-zh"), context.value("title-en"),
        context.value("summary-zh"), context.value("summary-en")};
    return editTree(context, [&](StandardsTree &tree) -> Result<void> {
        auto added = tree.addCategory(context.positional.at(2), category);
        return added ? Result<void>() : std::unexpected(added.error());
    });
}

int standardsRemoveCommand(Context &context)
{
    if (context.positional.size() != 3)
        return usageError(context, Tr::tr("standards-remove needs a WORKSPACE and a CODE."));
    return editTree(context,
        [&](StandardsTree &tree) { return tree.removeCategory(context.positional.at(2)); });
}

int standardsMoveCommand(Context &context)
{
    if (context.positional.size() != 3 || !context.isSet("parent"))
        return usageError(
            context, Tr::tr("standards-move needs a WORKSPACE, a CODE and --parent CODE."));
    return editTree(context, [&](StandardsTree &tree) {
        return tree.moveCategory(context.positional.at(2), context.value("parent"));
    });
}

int standardsRenumberCommand(Context &context)
{
    if (context.positional.size() != 4)
        return usageError(
            context, Tr::tr("standards-renumber needs a WORKSPACE, a CODE and the NEW_CODE."));
    return editTree(context, [&](StandardsTree &tree) {
        return tree.renumber(context.positional.at(2), context.positional.at(3));
    });
}

int standardsHistoryCommand(Context &context)
{
    if (context.positional.size() != 2 && context.positional.size() != 3)
        return usageError(context, Tr::tr("standards-history needs a WORKSPACE and maybe a CODE."));
    auto opened = openTree(context.positional.at(1));
    if (!opened)
        return failWith(context, opened.error());
    qint64 nodeId = 0;
    if (context.positional.size() == 3) {
        const StandardNode *node = opened->tree.nodeByCode(context.positional.at(2));
        if (!node)
            return failWith(context,
                Error {ErrorCode::NotFound,
                    Tr::tr("The standards tree has no category %1.")
                        .arg(context.positional.at(2))});
        nodeId = node->id;
    }
    auto changes = StandardsStore::history(*opened->workspace, nodeId);
    if (!changes)
        return failWith(context, changes.error());
    if (context.isSet("json")) {
        QJsonArray array;
        for (const StandardsChange &change : *changes)
            array << QJsonObject {{QStringLiteral("at"), change.at.toString(Qt::ISODateWithMs)},
                {QStringLiteral("by"), change.by}, {QStringLiteral("action"), change.action},
                {QStringLiteral("code"), change.code}, {QStringLiteral("detail"), change.detail}};
        printJson(context, array);
        return OK;
    }
    for (const StandardsChange &change : *changes)
        // One line per change, whatever another program wrote into the tables.
        context.out << change.at.toString(Qt::ISODate) << "  " << printableText(change.by) << "  "
                    << change.action << "  " << change.code << "  " << printableText(change.detail)
                    << '\n';
    return OK;
}

} // namespace GridDesk::Cli
