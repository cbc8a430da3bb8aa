// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/orgunit.h"

#include <QHash>
#include <QList>

#include <optional>

namespace GridDesk {

/// The org units of a workspace by code, with the questions the workflow asks of the tree.
class OrgDirectory
{
public:
    OrgDirectory() = default;
    explicit OrgDirectory(const QList<OrgUnit> &units, const QList<StaffMember> &staff = {});

    bool contains(const QString &code) const { return m_units.contains(code); }
    std::optional<OrgUnit> unit(const QString &code) const;
    QList<OrgUnit> units() const; ///< ordered by tier, then code
    int size() const { return m_units.size(); }

    /// Whether code is ancestor or ancestor itself.
    bool isWithin(const QString &code, const QString &ancestor) const;
    /// The unit's name, or the code when the unit is unknown.
    QString displayName(const QString &code) const;

    /// Active people of the organisation, ordered by name.
    QList<StaffMember> staff() const { return m_staff; }
    std::optional<StaffMember> staffMember(qint64 id) const;
    /// People of a unit and of the units within it.
    QList<StaffMember> staffWithin(const QString &unitCode) const;
    /// People assigned to a grid.
    QList<StaffMember> staffInGrid(const QString &gridCode) const;

private:
    QHash<QString, OrgUnit> m_units;
    QList<StaffMember> m_staff;
};

} // namespace GridDesk
