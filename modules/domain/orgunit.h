// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include <QString>
#include <QStringList>

namespace GridDesk {

/// A unit of the organisation: a command centre, a department, a workstation, a grid post.
/// Tiers run from 1 (city supervision centre) to 6 (grid supervisor); a child's tier is
/// always below its parent's, though tiers may be skipped.
struct OrgUnit
{
    QString code;
    QString name;
    int tier = 0;
    QString parentCode;
    bool retired = false; ///< kept for the cases it led; takes no new ones
};

/// A person of the organisation as the loop sees them: who handles a dispatched case, who
/// checks one on site.
struct StaffMember
{
    qint64 id = 0;
    QString name;
    QString post; ///< a post key, see postKey()
    QString unitCode;
    QStringList gridCodes;
};

/// A person the workstation can run as, until the server brings accounts.
struct LocalUser
{
    QString name;
    QString role; ///< a role key ("operator", "supervisor", "unit_handler", "leader")
    QString unitCode;
};

} // namespace GridDesk
