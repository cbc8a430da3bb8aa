// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "posts.h"

#include <QCoreApplication>

#include <array>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Org)
};

constexpr std::array<const char *, int(Post::Count)> KEYS {"decision", "management",
    "general_management", "grid_supervisor", "grid_patroller", "information_collector", "grid_head",
    "grid_assistant", "joint_handling", "co_governance", "big_data"};

} // namespace

QString postKey(Post post)
{
    return QLatin1String(KEYS.at(std::size_t(post)));
}

std::optional<Post> postFromKey(QString key)
{
    key = key.trimmed().toLower();
    for (int i = 0; i < int(Post::Count); ++i) {
        if (key == QLatin1String(KEYS.at(std::size_t(i))))
            return Post(i);
    }
    return std::nullopt;
}

QString postKeys()
{
    QStringList keys;
    for (const char *key : KEYS)
        keys << QLatin1String(key);
    return keys.join(QStringLiteral(", "));
}

QString postName(Post post)
{
    switch (post) {
    case Post::Decision:
        return Tr::tr("Decision");
    case Post::Management:
        return Tr::tr("Management");
    case Post::GeneralManagement:
        return Tr::tr("General management");
    case Post::GridSupervisor:
        return Tr::tr("Grid supervisor");
    case Post::GridPatroller:
        return Tr::tr("Grid patroller");
    case Post::InformationCollector:
        return Tr::tr("Information collector");
    case Post::GridHead:
        return Tr::tr("Grid head");
    case Post::GridAssistant:
        return Tr::tr("Grid assistant");
    case Post::JointHandling:
        return Tr::tr("Joint-handling staff");
    case Post::CoGovernance:
        return Tr::tr("Co-governance staff");
    case Post::BigData:
        return Tr::tr("Big-data staff");
    case Post::Count:
        break;
    }
    return {};
}

bool isGridStaff(Post post)
{
    return post >= Post::GridSupervisor && post <= Post::GridAssistant;
}

bool isHeadPost(Post post)
{
    return post == Post::Decision || post == Post::Management;
}

} // namespace GridDesk
