// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"

#include <QDateTime>
#include <QMap>
#include <QString>
#include <QStringList>

namespace GridDesk {

class Workspace;

/// A unit of one of the six tiers, or a joint-handling department that several tiers call on.
enum class UnitKind { Tier, Joint, Count };

QString unitKindKey(UnitKind kind); ///< "tier" or "joint"
std::optional<UnitKind> unitKindFromKey(const QString &key);

/// An org unit with what the org chart keeps about it beyond the workflow's code, name, tier
/// and parent.
struct ChartUnit
{
    QString code;
    QString name;
    int tier = 0; ///< 1 (city supervision centre) to 6 (grid supervisor)
    QString parentCode;
    UnitKind kind = UnitKind::Tier;
    QString contact;
    QStringList jurisdiction; ///< the grid codes the unit answers for
    bool retired = false;
    QDateTime retiredAt;
};

/// A person of the organisation with a post, a unit and the grids they answer for.
struct Person
{
    qint64 id = 0; ///< 0 until the chart gives one
    QString name;
    QString post; ///< a post key, see postKey()
    QString unitCode;
    QStringList gridCodes;
    QString phone;
    QString idNumber;
    bool retired = false;
};

/// The units and people of a workspace, with the operations that keep the tier rule: a child's
/// tier is always below its parent's (tiers may be skipped, never inverted). Operations change
/// the chart in memory and refuse with a message naming the units and tiers involved; save()
/// writes it back. Not thread-safe; a value type.
class OrgChart
{
public:
    /// Reads units (with their details) and people from the workspace.
    static Result<OrgChart> load(const Workspace &workspace);
    /// Replaces the workspace's units, unit details and people with the chart's, in one
    /// transaction. The reveal log is left alone.
    Result<void> save(Workspace &workspace) const;

    QList<ChartUnit> units() const { return m_units.values(); } ///< ordered by code
    const ChartUnit *unit(const QString &code) const;
    QList<ChartUnit> children(const QString &code) const; ///< retired ones included
    QList<Person> people() const { return m_people.values(); } ///< ordered by id
    const Person *person(qint64 id) const;
    QList<Person> peopleOf(const QString &unitCode) const; ///< retired ones excluded
    /// Whether code is ancestor or lies below it.
    bool isWithin(const QString &code, const QString &ancestor) const;

    /// Adds a unit, or replaces the one with its code when replace is set. Refused when the
    /// code is blank, the tier is outside 1–6, the parent is unknown or retired, the unit
    /// would sit under itself, or its tier is not below its parent's or above its children's.
    Result<void> putUnit(const ChartUnit &unit, bool replace = false);
    /// Moves a unit under another parent (blank: to the top); refused like putUnit().
    Result<void> moveUnit(const QString &code, const QString &parentCode);
    /// Moves the people, children and jurisdiction of retiring into survivor and retires it.
    /// Refused when a child could not sit under survivor, or survivor lies within retiring.
    Result<void> mergeUnit(const QString &retiring, const QString &survivor, const QDateTime &at);
    /// Marks a unit retired at a time; it keeps its row, code and history. Refused while active
    /// units or people remain in it.
    Result<void> retireUnit(const QString &code, const QDateTime &at);
    /// Adds a person (id 0: the next free id) or replaces the one with the id. Refused for an
    /// unknown post, a blank name, or a unit that is unknown or retired. Returns the id.
    Result<qint64> putPerson(Person person);

private:
    Result<void> checkPlacement(const ChartUnit &unit) const;

    QMap<QString, ChartUnit> m_units;
    QMap<qint64, Person> m_people;
};

} // namespace GridDesk
