// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "standardsreport.h"

#include "standardstree.h"
#include "traceability.h"

#include "domain/text.h"

#include <QCoreApplication>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Standards)
};

void appendRow(QString &csv, const QStringList &fields)
{
    QStringList cells;
    for (const QString &field : fields)
        cells << csvField(field);
    csv += cells.join(u',') + QStringLiteral("\r\n");
}

QByteArray withBom(const QString &csv)
{
    return QByteArrayLiteral("\xEF\xBB\xBF") + csv.toUtf8();
}

} // namespace

StandardsReport::StandardsReport(const StandardsTree &tree)
    : m_tree(tree)
{ }

int StandardsReport::standardsInSubtree(qint64 id) const
{
    int count = 0;
    for (qint64 node : m_tree.subtree(id))
        count += int(m_tree.attached(node).size());
    return count;
}

int StandardsReport::nodesWithoutStandardInSubtree(qint64 id) const
{
    int count = 0;
    for (qint64 node : m_tree.subtree(id))
        count += m_tree.attached(node).isEmpty() ? 1 : 0;
    return count;
}

QString StandardsReport::implementedBy(qint64 id) const
{
    const StandardNode *node = m_tree.node(id);
    if (!node)
        return {};
    QStringList names;
    for (const Implementation &implementation : implementationsOf(node->clause))
        names << implementation.name;
    return names.join(QStringLiteral("; "));
}

QList<SubsystemCount> StandardsReport::subsystems() const
{
    QList<SubsystemCount> counts;
    for (qint64 root : m_tree.roots()) {
        const StandardNode &node = *m_tree.node(root);
        SubsystemCount count {node.code, node.titleZh, node.titleEn};
        const QList<qint64> ids = m_tree.subtree(root);
        count.nodes = int(ids.size());
        count.standards = standardsInSubtree(root);
        count.nodesWithoutStandard = nodesWithoutStandardInSubtree(root);
        for (qint64 id : ids)
            count.nodesImplemented += implementationsOf(m_tree.node(id)->clause).isEmpty() ? 0 : 1;
        counts << count;
    }
    return counts;
}

StandardsCoverage StandardsReport::coverage() const
{
    StandardsCoverage coverage;
    for (qint64 id : m_tree.preorder()) {
        const StandardNode &node = *m_tree.node(id);
        ++coverage.nodes;
        coverage.standards += int(m_tree.attached(id).size());
        if (m_tree.attached(id).isEmpty())
            coverage.withoutStandard << node.code;
        if (implementationsOf(node.clause).isEmpty())
            coverage.unimplemented << node.code;
    }
    return coverage;
}

QByteArray StandardsReport::systemTableCsv() const
{
    QString csv;
    appendRow(csv,
        {Tr::tr("Code"), Tr::tr("Clause"), Tr::tr("Depth"), Tr::tr("Title (Chinese)"),
            Tr::tr("Title (English)"), Tr::tr("Standards"), Tr::tr("Standards below"),
            Tr::tr("Categories without a standard below"), Tr::tr("Implemented in GridDesk by")});
    for (qint64 id : m_tree.preorder()) {
        const StandardNode &node = *m_tree.node(id);
        appendRow(csv,
            {node.code, node.clause, QString::number(node.depth), node.titleZh, node.titleEn,
                QString::number(m_tree.attached(id).size()),
                QString::number(standardsInSubtree(id)),
                QString::number(nodesWithoutStandardInSubtree(id)), implementedBy(id)});
    }
    return withBom(csv);
}

QByteArray StandardsReport::detailListCsv() const
{
    QString csv;
    appendRow(csv,
        {Tr::tr("Code"), Tr::tr("Category (Chinese)"), Tr::tr("Category (English)"),
            Tr::tr("Standard number"), Tr::tr("Standard title"), Tr::tr("Level"), Tr::tr("Status"),
            Tr::tr("Published"), Tr::tr("Implemented"), Tr::tr("Document"),
            Tr::tr("Document size (bytes)")});
    for (const AttachedStandard &standard : m_tree.allAttached()) {
        const StandardNode &node = *m_tree.node(standard.nodeId);
        appendRow(csv,
            {node.code, node.titleZh, node.titleEn, standard.number, standard.title,
                standardLevelName(standard.level), standardStatusName(standard.status),
                standard.published.toString(Qt::ISODate),
                standard.implemented.toString(Qt::ISODate), standard.fileName,
                standard.fileName.isEmpty() ? QString() : QString::number(standard.fileSize)});
    }
    return withBom(csv);
}

} // namespace GridDesk
