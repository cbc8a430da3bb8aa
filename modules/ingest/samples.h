// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "importsummary.h"

#include "domain/error.h"

#include <QDir>
#include <QString>
#include <QStringList>

namespace GridDesk {

class Workspace;

/// A city shipped in maps/: its name, the files its grids and cases come from, and the
/// attribution its sources require.
struct Sample
{
    QString key; ///< "nyc", "taipei"
    QString title; ///< shown to people, e.g. "New York City"
    QString attribution; ///< text for the About box
};

/// The samples found in mapsDir (each a sub-folder with a sample.json describing it).
QList<Sample> availableSamples(const QDir &mapsDir);

/// Where the bundled maps/ folder is: $GRIDDESK_MAPS_DIR, then next to the executable's
/// share folder, then the source tree this build came from.
QDir bundledMapsDir();

/// Fills an empty workspace from a sample: imports its grid layers level by level and its
/// cases (with their histories), in one transaction, through the same importers the command
/// line uses. Then sets the workspace up to run the loop: the city's supervision centre, an
/// operator, a supervisor and a leader in it, and handlers for the three agencies with most
/// cases and starter dispatch rules for the five most common categories; a sample without
/// cases gets a command centre per district grid, handlers for the first three and the
/// standard's two category trees instead. Last, a sample whose description lists org layers
/// gets its org tree from its boundary files, a tier per file, each unit answering for the
/// grid of its own code; the chart is saved, with its history, right after the transaction.
Result<ImportSummary> importSample(Workspace &workspace, const QDir &mapsDir, const QString &key);

} // namespace GridDesk
