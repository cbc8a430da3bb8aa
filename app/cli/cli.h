// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include <QStringList>
#include <QTextStream>

namespace GridDesk::Cli {

/// Runs one griddesk-cli command (arguments without the program name). Results go to out,
/// messages for people to err. Returns the process exit status: 0 on success, 1 when the
/// command failed, 2 when it was called wrongly.
int run(const QStringList &arguments, QTextStream &out, QTextStream &err);

} // namespace GridDesk::Cli
