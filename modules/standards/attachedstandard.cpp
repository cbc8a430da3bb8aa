// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "attachedstandard.h"

#include <QCoreApplication>
#include <QStringList>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Standards)
};

constexpr const char *LEVEL_KEYS[] = {"national", "industry", "local", "group", "internal"};
constexpr const char *STATUS_KEYS[] = {"in_force", "draft", "revised", "withdrawn"};

template<typename Enum, std::size_t N>
std::optional<Enum> fromKey(const char *const (&keys)[N], const QString &key)
{
    for (std::size_t i = 0; i < N; ++i) {
        if (key.compare(QLatin1String(keys[i]), Qt::CaseInsensitive) == 0)
            return Enum(i);
    }
    return std::nullopt;
}

template<std::size_t N>
QString joined(const char *const (&keys)[N])
{
    QStringList all;
    for (const char *key : keys)
        all << QLatin1String(key);
    return all.join(QStringLiteral(", "));
}

} // namespace

QString standardLevelKey(StandardLevel level)
{
    return QLatin1String(LEVEL_KEYS[int(level)]);
}

std::optional<StandardLevel> standardLevelFromKey(const QString &key)
{
    return fromKey<StandardLevel>(LEVEL_KEYS, key.trimmed());
}

QString standardLevelKeys()
{
    return joined(LEVEL_KEYS);
}

QString standardLevelName(StandardLevel level)
{
    switch (level) {
    case StandardLevel::National:
        return Tr::tr("National standard");
    case StandardLevel::Industry:
        return Tr::tr("Industry standard");
    case StandardLevel::Local:
        return Tr::tr("Local standard");
    case StandardLevel::Group:
        return Tr::tr("Group standard");
    case StandardLevel::Internal:
    case StandardLevel::Count:
        break;
    }
    return Tr::tr("Internal standard");
}

QString standardStatusKey(StandardStatus status)
{
    return QLatin1String(STATUS_KEYS[int(status)]);
}

std::optional<StandardStatus> standardStatusFromKey(const QString &key)
{
    return fromKey<StandardStatus>(STATUS_KEYS, key.trimmed());
}

QString standardStatusKeys()
{
    return joined(STATUS_KEYS);
}

QString standardStatusName(StandardStatus status)
{
    switch (status) {
    case StandardStatus::InForce:
        return Tr::tr("In force");
    case StandardStatus::Draft:
        return Tr::tr("Draft");
    case StandardStatus::Revised:
        return Tr::tr("Revised");
    case StandardStatus::Withdrawn:
    case StandardStatus::Count:
        break;
    }
    return Tr::tr("Withdrawn");
}

} // namespace GridDesk
