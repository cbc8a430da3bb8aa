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
    qint64 histories = 0; ///< cases whose history the import wrote or continued
    qint64 events = 0; ///< events written to those histories
    QString encoding; ///< the text encoding used (declared, detected or given)
    QStringList notes; ///< things a person should know (detected encoding, parents found …)

    ImportSummary &operator+=(const ImportSummary &other);
    /// One line: "read 2000, imported 2000, located 1402, unlocated 598, flagged 598", followed
    /// by ", 11452 events in 2000 case histories" when the import wrote any.
    QString toText() const;
    /// The counts as compact JSON, the same in every language, for the import log kept in the
    /// workspace: {"read":2000,"imported":2000,"located":1400,"unlocated":600,"flagged":601,
    /// "histories":2000,"events":11452,"encoding":"UTF-8"}.
    QString toJson() const;
};

} // namespace GridDesk
