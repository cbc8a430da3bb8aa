// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "registermapping.h"

#include "domain/error.h"

#include <QList>
#include <QString>

#include <optional>

namespace GridDesk {

class Workspace;

/// A mapping someone used for files of a source, kept in the workspace for the next file.
struct RememberedMapping
{
    QString pattern; ///< a file name, or one with wildcards: "youbike_*.geojson"
    QString kind;
    RegisterMapping mapping;
};

/// The mappings a workspace remembers, one per file name pattern, in its metadata table.
namespace RegisterMappingStore {

/// The mapping remembered for a file: the one whose pattern is the file name, or else the
/// longest pattern the name matches (case ignored). Empty when none matches. A stored mapping
/// that no longer reads is skipped with a warning in the log.
Result<std::optional<RememberedMapping>> forFile(const Workspace &workspace, const QString &path);

/// Every remembered mapping, by pattern.
Result<QList<RememberedMapping>> all(const Workspace &workspace);

/// Keeps (or replaces) the mapping for a pattern. Refused for a blank pattern or kind.
Result<void> remember(Workspace &workspace, const RememberedMapping &remembered);

} // namespace RegisterMappingStore

} // namespace GridDesk
