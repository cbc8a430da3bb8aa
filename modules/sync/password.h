// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"

#include <QByteArray>
#include <QString>
#include <QTextStream>

namespace GridDesk::Sync {

/// A password for a command-line program: the first line of file when one is given; else typed
/// at the terminal without echo after prompt (written to err); else the first line of standard
/// input, for scripts that pipe it in. Refused when it comes out empty.
Result<QByteArray> readPassword(const QString &file, const QString &prompt, QTextStream &err);

} // namespace GridDesk::Sync
