// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include <QList>
#include <QString>

namespace GridDesk {

class StandardsTree;

/// A part of GridDesk that carries out a clause of the standard.
struct Implementation
{
    QString clause; ///< "6.4.6.1"
    QString key; ///< stable name for scripts: "workflow.closed-loop"
    QString name; ///< what it is, in the interface language
    QString location; ///< the module and file it lives in: "modules/workflow/transitions.cpp"
};

/// Every part of GridDesk known to carry out a clause, by clause in the standard's order.
/// Kept by hand beside the code: a part that names a clause in its comments is listed here.
QList<Implementation> implementations();

/// The parts that carry out this clause; empty when nothing does.
QList<Implementation> implementationsOf(const QString &clause);

/// Clauses the registry names that the tree has no node for (a mistyped clause, or a node the
/// organisation removed).
QStringList unknownImplementedClauses(const StandardsTree &tree);

} // namespace GridDesk
