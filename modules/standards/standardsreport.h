// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace GridDesk {

class StandardsTree;

/// What one sub-system (JC100, TG200, GL200, GZ300) holds.
struct SubsystemCount
{
    QString code;
    QString titleZh;
    QString titleEn;
    int nodes = 0; ///< the sub-system and every category below it
    int standards = 0; ///< standards attached anywhere in it
    int nodesWithoutStandard = 0;
    int nodesImplemented = 0; ///< nodes some part of GridDesk carries out
};

/// How much of the tree is covered, by attached standards and by GridDesk itself.
struct StandardsCoverage
{
    int nodes = 0;
    int standards = 0;
    QStringList withoutStandard; ///< codes of nodes with no standard attached, in tree order
    QStringList unimplemented; ///< codes of nodes no part of GridDesk carries out
};

/// The outputs of clause 5.1.2 from a standards tree: the standard system table (the tree
/// with codes and counts) and the standard detail list (every attached standard with its
/// node), with counts per sub-system and coverage. The tree must outlive the report.
class StandardsReport
{
public:
    explicit StandardsReport(const StandardsTree &tree);

    const StandardsTree &tree() const { return m_tree; }
    QList<SubsystemCount> subsystems() const;
    StandardsCoverage coverage() const;

    /// Standards attached to the node and everything below it.
    int standardsInSubtree(qint64 id) const;
    /// Nodes at and below the node that have no standard attached.
    int nodesWithoutStandardInSubtree(qint64 id) const;
    /// The names of the parts of GridDesk that carry out the node's clause, joined by "; ".
    QString implementedBy(qint64 id) const;

    /// The system table as CSV: UTF-8 with a byte order mark (so spreadsheet programs read the
    /// Chinese titles right), CRLF line ends, a header row, one row per node in tree order.
    /// A sub-system's row carries its counts.
    QByteArray systemTableCsv() const;
    /// The detail list as CSV, in the same encoding: one row per attached standard.
    QByteArray detailListCsv() const;

private:
    const StandardsTree &m_tree;
};

} // namespace GridDesk
