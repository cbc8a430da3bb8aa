// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "desklayout.h"

#include <QStringList>

#include <optional>

namespace GridDesk {

/// The named window layouts of the desk and the layout it closed with, kept in QSettings as
/// JSON text (one array of named layouts in the user's order, and the last session).
class LayoutBook
{
public:
    /// The names of the saved layouts, in the order of the Window → Layouts menu.
    QStringList names() const;
    /// The layout saved as name; fails when there is none or it cannot be read, saying why.
    Result<DeskLayout> layout(const QString &name) const;
    /// Saves layout under its name, in place of a layout of that name or after the others.
    void store(const DeskLayout &layout);
    /// Fails when to is empty or taken, or from is not there.
    Result<void> rename(const QString &from, const QString &to);
    void remove(const QString &name);

    /// The layout the desk closed with last, if any; fails when it cannot be read.
    std::optional<Result<DeskLayout>> session() const;
    void storeSession(const DeskLayout &layout);
};

} // namespace GridDesk
