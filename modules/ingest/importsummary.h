// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include <QString>
#include <QStringList>

namespace GridDesk {

/// What an import did, as printed by the command line and shown in the workstation.
struct ImportSummary
{
    qint64 read = 0; ///< features or rows read from the file
    qint64 imported = 0; ///< written to the workspace
    qint64 located = 0; ///< cases with a grid
    qint64 unlocated = 0; ///< cases without coordinates or outside every grid
    qint64 flagged = 0; ///< cases kept with at least one flag
    QString encoding; ///< the text encoding used (declared, detected or given)
    QStringList notes; ///< things a person should know (detected encoding, parents found …)

    ImportSummary &operator+=(const ImportSummary &other);
    /// One line: "read 2000, imported 2000, located 1402, unlocated 598, flagged 598".
    QString toText() const;
    /// The counts as compact JSON, the same in every language, for the import log kept in the
    /// workspace: {"read":2000,"imported":2000,"located":1400,"unlocated":600,"flagged":601}.
    QString toJson() const;
};

} // namespace GridDesk
