// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "registerentry.h"

#include "domain/error.h"

#include <QList>
#include <QString>

namespace GridDesk {

class RegisterBook;
struct RegisterQuery;

/// Finding entries by what people say of them.
namespace RegisterSearch {

/// How many digits of a phone number find a person: fewer would match half the register.
inline constexpr int SHORTEST_PHONE_DIGITS = 6;

/// People (entries of the kinds whose name is a private person's) whose name is text or
/// begins with it, or one of whose phone fields ends with the digits of text when it has at
/// least SHORTEST_PHONE_DIGITS of them ("0912-345-678", "345678"). Ordered by name and code,
/// at most limit, unmasked: mask them before showing them. Blank text finds nobody.
Result<QList<RegisterEntry>> people(const RegisterBook &book, const QString &text, int limit = 10);

/// Entries whose name or address begins with text (as typed, letter case kept: addresses and
/// Chinese names have none), narrowed by scope's grid (and the grids below it) and kind,
/// ordered by name and code, at most limit (-1 for all). Unmasked: mask them before showing
/// them. Blank text finds nothing. Served by the indexes on name and on address.
Result<QList<RegisterEntry>> byNameOrAddress(
    const RegisterBook &book, const QString &text, const RegisterQuery &scope, int limit = 200);

/// The condition byNameOrAddress() selects by, its values the text, the end of its range, the
/// text and the end again: for the benchmark's bare query.
QString nameOrAddressCondition();

} // namespace RegisterSearch

} // namespace GridDesk
