// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace GridDesk::TextEncoding {

/// The canonical name for an encoding given by a person, a .cpg file or a code page number:
/// "UTF-8", "GBK" (read as GB18030, its superset), "Big5", "ISO-8859-1", "windows-1252".
/// Empty when the name is not one GridDesk reads.
std::optional<QString> canonicalName(const QString &name);

/// Guesses the encoding of attribute text that declares none. Valid UTF-8 wins; otherwise the
/// Chinese encodings are tried and the one whose reading contains more of the characters
/// common in place and organisation names is taken. Empty when no candidate reads all of it.
std::optional<QString> detect(const QList<QByteArray> &samples);

/// Decodes bytes in a canonical encoding; fails naming the first byte that does not decode.
Result<QString> decode(const QByteArray &bytes, const QString &encoding);

} // namespace GridDesk::TextEncoding
