// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include <QLocale>

namespace GridDesk {

/// The QSettings key of the language chosen in the preferences: "zh_CN", "en", or empty (or
/// absent) to follow the system.
inline constexpr auto LANGUAGE_SETTING = "interface/language";

/// The language GridDesk speaks: $GRIDDESK_LANG ("zh_CN", "en") when set, else the language
/// chosen in the preferences (LANGUAGE_SETTING of the application's QSettings), else the
/// system's. Every Chinese locale gets Simplified Chinese; every other language gets English.
QLocale interfaceLocale();

/// Installs GridDesk's translations (from the executable's :/i18n resources) and Qt's own for
/// locale on the running application, and makes locale the default for dates and numbers.
/// Returns false when GridDesk has no translation for the language (English is then used).
/// Call once from main() after the application object exists.
bool installTranslations(const QLocale &locale);

} // namespace GridDesk
