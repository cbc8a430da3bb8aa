// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "gridlevel.h"

#include <QCoreApplication>
#include <QStringList>

#include <array>

namespace GridDesk {

namespace {
constexpr std::array<const char *, int(GridLevel::Count)> LEVEL_KEYS = {
    "district", "street", "community", "base", "fine", "business"};
constexpr std::array<const char *, int(GridLevel::Count)> LEVEL_NAMES = {
    QT_TRANSLATE_NOOP("GridDesk::GridLevel", "District grid"),
    QT_TRANSLATE_NOOP("GridDesk::GridLevel", "Street grid"),
    QT_TRANSLATE_NOOP("GridDesk::GridLevel", "Community grid"),
    QT_TRANSLATE_NOOP("GridDesk::GridLevel", "Base grid"),
    QT_TRANSLATE_NOOP("GridDesk::GridLevel", "Fine grid"),
    QT_TRANSLATE_NOOP("GridDesk::GridLevel", "Business grid"),
};
} // namespace

QString gridLevelName(GridLevel level)
{
    return QCoreApplication::translate("GridDesk::GridLevel", LEVEL_NAMES.at(std::size_t(level)));
}

QString gridLevelKey(GridLevel level)
{
    return QString::fromLatin1(LEVEL_KEYS.at(std::size_t(level)));
}

std::optional<GridLevel> gridLevelFromKey(QString key)
{
    key = key.trimmed().toLower();
    for (std::size_t i = 0; i < LEVEL_KEYS.size(); ++i) {
        if (key == QLatin1String(LEVEL_KEYS[i]))
            return GridLevel(i);
    }
    return std::nullopt;
}

QString gridLevelKeys()
{
    QStringList keys;
    for (const char *key : LEVEL_KEYS)
        keys << QString::fromLatin1(key);
    return keys.join(QStringLiteral(", "));
}

std::optional<int> gridLevelDepth(GridLevel level)
{
    if (level == GridLevel::Business || level == GridLevel::Count)
        return std::nullopt;
    return int(level);
}

} // namespace GridDesk
