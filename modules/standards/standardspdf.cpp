// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "standardspdf.h"

#include "printout/htmlpdf.h"

#include "standards/standardsreport.h"
#include "standards/standardstree.h"

#include <QCoreApplication>
#include <QDate>
#include <QPageLayout>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Standards)
};

QString cell(const QString &text, const QString &tag = QStringLiteral("td"))
{
    return QStringLiteral("<%1>%2</%1>").arg(tag, text.toHtmlEscaped());
}

QString row(const QStringList &cells, const QString &tag = QStringLiteral("td"))
{
    QString html = QStringLiteral("<tr>");
    for (const QString &text : cells)
        html += cell(text, tag);
    return html + QStringLiteral("</tr>");
}

/// A table's heading row, repeated at the top of every page the table runs onto.
QString header(const QStringList &cells)
{
    return QStringLiteral("<thead>") + row(cells, QStringLiteral("th"))
        + QStringLiteral("</thead>");
}

QString summarySection(const StandardsReport &report)
{
    QString html =
        QStringLiteral("<h2>%1</h2><table width=\"100%\">").arg(Tr::tr("Counts per sub-system"));
    html += header({Tr::tr("Code"), Tr::tr("Sub-system"), Tr::tr("Categories"), Tr::tr("Standards"),
        Tr::tr("Categories without a standard"), Tr::tr("Implemented in GridDesk")});
    for (const SubsystemCount &count : report.subsystems())
        html += row({count.code, count.titleZh + u' ' + count.titleEn, QString::number(count.nodes),
            QString::number(count.standards), QString::number(count.nodesWithoutStandard),
            QString::number(count.nodesImplemented)});
    html += QStringLiteral("</table>");

    const StandardsCoverage coverage = report.coverage();
    html += QStringLiteral("<h2>%1</h2><p>").arg(Tr::tr("Coverage"));
    html += Tr::tr("%1 categories, %2 standards attached; %3 categories have no standard "
                   "attached; %4 categories are carried out by no part of GridDesk.")
                .arg(coverage.nodes)
                .arg(coverage.standards)
                .arg(coverage.withoutStandard.size())
                .arg(coverage.unimplemented.size())
                .toHtmlEscaped();
    return html + QStringLiteral("</p>");
}

QString systemTable(const StandardsReport &report)
{
    const StandardsTree &tree = report.tree();
    QString html =
        QStringLiteral("<h2>%1</h2><table width=\"100%\">").arg(Tr::tr("Standard system table"));
    html += header({Tr::tr("Code"), Tr::tr("Clause"), Tr::tr("Title"), Tr::tr("Standards"),
        Tr::tr("Implemented in GridDesk by")});
    for (qint64 id : tree.preorder()) {
        const StandardNode &node = *tree.node(id);
        const QString indent = QString(2 * (node.depth - 1), QChar(0x3000));
        html += row({node.code, node.clause, indent + node.titleZh + u' ' + node.titleEn,
            QString::number(tree.attached(id).size()), report.implementedBy(id)});
    }
    return html + QStringLiteral("</table>");
}

QString detailList(const StandardsReport &report)
{
    const StandardsTree &tree = report.tree();
    QString html =
        QStringLiteral("<h2>%1</h2><table width=\"100%\">").arg(Tr::tr("Standard detail list"));
    html += header({Tr::tr("Code"), Tr::tr("Category"), Tr::tr("Standard number"),
        Tr::tr("Standard title"), Tr::tr("Level"), Tr::tr("Status"), Tr::tr("Published"),
        Tr::tr("Implemented"), Tr::tr("Document")});
    for (const AttachedStandard &standard : tree.allAttached()) {
        const StandardNode &node = *tree.node(standard.nodeId);
        html += row({node.code, node.titleZh, standard.number, standard.title,
            standardLevelName(standard.level), standardStatusName(standard.status),
            standard.published.toString(Qt::ISODate), standard.implemented.toString(Qt::ISODate),
            standard.fileName});
    }
    if (tree.allAttached().isEmpty())
        html += QStringLiteral("<tr><td colspan=\"9\">%1</td></tr>")
                    .arg(Tr::tr("No standard is attached yet.").toHtmlEscaped());
    return html + QStringLiteral("</table>");
}

} // namespace

Result<void> writeStandardsPdf(
    const StandardsReport &report, StandardsPrintout printout, const QString &path)
{
    const QString heading = printout == StandardsPrintout::SystemTable
        ? Tr::tr("Standard system table")
        : Tr::tr("Standard detail list");
    QString html = QStringLiteral("<h1>%1</h1><p>%2</p>")
                       .arg(heading.toHtmlEscaped(),
                           Tr::tr("Printed %1").arg(QDate::currentDate().toString(Qt::ISODate)));
    html += summarySection(report);
    html += printout == StandardsPrintout::SystemTable ? systemTable(report) : detailList(report);
    // The detail list has nine columns: it needs the page's long side.
    return writeHtmlPdf(path, heading, html,
        printout == StandardsPrintout::DetailList ? QPageLayout::Landscape : QPageLayout::Portrait);
}

} // namespace GridDesk
