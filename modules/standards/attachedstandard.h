// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include <QDate>
#include <QDateTime>
#include <QString>

#include <optional>

namespace GridDesk {

/// Who issued a standard.
enum class StandardLevel { National, Industry, Local, Group, Internal, Count };

/// Whether a standard applies.
enum class StandardStatus { InForce, Draft, Revised, Withdrawn, Count };

/// The stable key stored in workspaces and files: "national", "industry", "local", "group",
/// "internal".
QString standardLevelKey(StandardLevel level);
/// Parses a key made by standardLevelKey(), case-insensitive; empty when unknown.
std::optional<StandardLevel> standardLevelFromKey(const QString &key);
/// Every level key, comma-separated, for messages.
QString standardLevelKeys();
/// The level's name for people, in the interface language.
QString standardLevelName(StandardLevel level);

/// The stable key: "in_force", "draft", "revised", "withdrawn".
QString standardStatusKey(StandardStatus status);
std::optional<StandardStatus> standardStatusFromKey(const QString &key);
QString standardStatusKeys();
QString standardStatusName(StandardStatus status);

/// One of the organisation's own standards, attached to a node of the standards tree: what
/// the standard detail list holds. The document itself stays in the workspace; only its name
/// and size travel with the record.
struct AttachedStandard
{
    qint64 id = 0; ///< 0 until saved
    qint64 nodeId = 0;
    QString number; ///< "GB/T 34300-2017"
    QString title;
    StandardLevel level = StandardLevel::National;
    StandardStatus status = StandardStatus::InForce;
    QDate published; ///< invalid when unknown
    QDate implemented; ///< invalid when unknown
    QString fileName; ///< empty when no document is kept
    qint64 fileSize = 0;
    QString addedBy;
    QDateTime addedAt;
};

} // namespace GridDesk
