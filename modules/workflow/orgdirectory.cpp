// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "orgdirectory.h"

#include <algorithm>

namespace GridDesk {

OrgDirectory::OrgDirectory(const QList<OrgUnit> &units, const QList<StaffMember> &staff)
    : m_staff(staff)
{
    for (const OrgUnit &unit : units)
        m_units.insert(unit.code, unit);
    std::sort(m_staff.begin(), m_staff.end(), [](const StaffMember &a, const StaffMember &b) {
        return std::tie(a.name, a.id) < std::tie(b.name, b.id);
    });
}

std::optional<StaffMember> OrgDirectory::staffMember(qint64 id) const
{
    for (const StaffMember &member : m_staff) {
        if (member.id == id)
            return member;
    }
    return std::nullopt;
}

QList<StaffMember> OrgDirectory::staffWithin(const QString &unitCode) const
{
    QList<StaffMember> found;
    for (const StaffMember &member : m_staff) {
        if (isWithin(member.unitCode, unitCode))
            found << member;
    }
    return found;
}

QList<StaffMember> OrgDirectory::staffInGrid(const QString &gridCode) const
{
    QList<StaffMember> found;
    for (const StaffMember &member : m_staff) {
        if (member.gridCodes.contains(gridCode))
            found << member;
    }
    return found;
}

std::optional<OrgUnit> OrgDirectory::unit(const QString &code) const
{
    const auto found = m_units.constFind(code);
    if (found == m_units.constEnd())
        return std::nullopt;
    return *found;
}

QList<OrgUnit> OrgDirectory::units() const
{
    QList<OrgUnit> sorted = m_units.values();
    std::sort(sorted.begin(), sorted.end(), [](const OrgUnit &a, const OrgUnit &b) {
        return std::tie(a.tier, a.code) < std::tie(b.tier, b.code);
    });
    return sorted;
}

bool OrgDirectory::isWithin(const QString &code, const QString &ancestor) const
{
    QString current = code;
    // The tree is edited by people; a cycle must end the walk rather than hang it.
    for (int depth = 0; !current.isEmpty() && depth <= m_units.size(); ++depth) {
        if (current == ancestor)
            return true;
        const auto found = m_units.constFind(current);
        if (found == m_units.constEnd())
            return false;
        current = found->parentCode;
    }
    return false;
}

QString OrgDirectory::displayName(const QString &code) const
{
    const auto found = m_units.constFind(code);
    return found == m_units.constEnd() || found->name.isEmpty() ? code : found->name;
}

} // namespace GridDesk
