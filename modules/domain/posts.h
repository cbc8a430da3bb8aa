// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace GridDesk {

/// The posts of the organisation, by family: decision, management, general management, the
/// five grid staff posts, joint-handling, co-governance and big-data staff.
enum class Post {
    Decision,
    Management,
    GeneralManagement,
    GridSupervisor,
    GridPatroller,
    InformationCollector,
    GridHead,
    GridAssistant,
    JointHandling,
    CoGovernance,
    BigData,
    Count
};

/// The stable key stored in workspaces and files ("decision", "information_collector" …).
QString postKey(Post post);
/// Parses a key made by postKey(); case-insensitive. Empty when the key is unknown.
std::optional<Post> postFromKey(QString key);
/// Every key, comma-separated, for messages.
QString postKeys();
/// The post's name for people, in the interface language.
QString postName(Post post);
/// Whether the post is one of the five grid staff posts.
bool isGridStaff(Post post);
/// Whether a person in this post heads a unit (decision and management posts).
bool isHeadPost(Post post);

} // namespace GridDesk
