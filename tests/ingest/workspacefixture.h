// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "storage/workspace.h"

#include <QTemporaryDir>
#include <QUuid>

#include <memory>

namespace GridDesk::Test {

/// New, empty workspaces in a temporary folder that lives as long as the fixture.
class WorkspaceFixture
{
public:
    /// A workspace of its own file; null when it could not be made.
    std::unique_ptr<Workspace> fresh()
    {
        auto workspace = Workspace::open(
            m_dir.filePath(QUuid::createUuid().toString(QUuid::Id128) + QStringLiteral(".gpkg")));
        return workspace ? std::move(*workspace) : nullptr;
    }

    QString filePath(const QString &name) const { return m_dir.filePath(name); }

private:
    QTemporaryDir m_dir;
};

} // namespace GridDesk::Test
