// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "orgdirectory.h"

#include <algorithm>

namespace GridDesk {

OrgDirectory::OrgDirectory(const QList<OrgUnit> &units)
{
    for (const OrgUnit &unit : units)
        m_units.insert(unit.code, unit);
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
