// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"

#include <QDateTime>
#include <QHash>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace GridDesk {

class Workspace;

/// A unit of one of the six tiers, or a joint-handling department that several tiers call on.
enum class UnitKind { Tier, Joint, Count };

QString unitKindKey(UnitKind kind); ///< "tier" or "joint"
/// "City supervision centre" … "Grid supervisor" for tiers 1–6, in the interface language.
QString tierName(int tier);
std::optional<UnitKind> unitKindFromKey(const QString &key);

/// The two standing groups of clause 7.1.3.4: a coordination group for the grid work, and a
/// leading group of the grid's party and government leaders and the heads of the business
/// departments. A case that supervision could not settle goes to the coordination group.
enum class GroupKind { Coordination, Leading, Count };

QString groupKindKey(GroupKind kind); ///< "coordination" or "leading"
std::optional<GroupKind> groupKindFromKey(const QString &key);
QString groupKindName(GroupKind kind);

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
    QStringList departments; ///< the business departments the unit has, by name
    /// A joint-handling unit only: the tier units that call on it, at any number of tiers.
    QStringList linkedUnits;

    friend bool operator==(const ChartUnit &, const ChartUnit &) = default;
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

    friend bool operator==(const Person &, const Person &) = default;
};

/// A coordination or leading group set up by a unit, with the units and people sitting in it.
struct OrgGroup
{
    qint64 id = 0; ///< 0 until the chart gives one
    QString name;
    GroupKind kind = GroupKind::Coordination;
    QString unitCode; ///< the unit that set the group up
    QString remit;
    QStringList memberUnits;
    QList<qint64> memberPeople;
    bool dissolved = false;

    friend bool operator==(const OrgGroup &, const OrgGroup &) = default;
};

/// One recorded change of the chart: who changed what, when. The history is append-only.
struct OrgChange
{
    qint64 id = 0;
    QDateTime at;
    QString by;
    QString unitCode; ///< the unit changed, or the person's or group's unit
    qint64 personId = 0;
    qint64 groupId = 0;
    /// "add", "change", "move", "merge", "retire", "remove", "person", "group"
    QString action;
    QString detail; ///< in words, in the language of the desk that made the change
    qint64 revision = 0; ///< the save of the chart the change came with; 0 before schema 11
    QString command; ///< the sync command that carried the change to the server, if any
};

/// A chart's units, people and groups as they travel between a desk and the server.
struct OrgParts
{
    QList<ChartUnit> units;
    QList<Person> people;
    QList<OrgGroup> groups;
};

/// An OrgChange's action in words ("Added", "Moved" …), in the interface language; unknown
/// keys come back as they are.
QString orgChangeName(const QString &action);

/// The units and people of a workspace, with the operations that keep the tier rule: a child's
/// tier is always below its parent's (tiers may be skipped, never inverted). Operations change
/// the chart in memory and refuse with a message naming the units and tiers involved; save()
/// writes it back. Not thread-safe; a value type.
class OrgChart
{
public:
    /// Reads units (with their details) and people from the workspace.
    static Result<OrgChart> load(const Workspace &workspace);
    /// A chart made of parts another desk or the server sent, taken as saved at revision.
    /// Refused, naming the unit, person or group, when the parts break a rule the operations
    /// below keep: codes and ids unique, parents known, tiers below their parents', people and
    /// groups in known units, members known.
    static Result<OrgChart> fromParts(const OrgParts &parts, qint64 revision);
    OrgParts parts() const;
    /// What differs from before, as the history records it: one change for each unit, person
    /// and group added, changed or removed, at now, by nobody yet.
    QList<OrgChange> changesSince(const OrgChart &before, const QDateTime &now) const;
    /// Whether a role may change the chart: leaders, supervisors and administrators may.
    static bool mayEdit(const QString &role);
    /// Replaces the workspace's units, unit details, people and groups with the chart's and
    /// appends the changes made since load() to the history, all in one transaction under the
    /// write lock. Refused with ErrorCode::Conflict when another program saved the chart since
    /// this one was loaded, so no one's changes are overwritten unseen. The reveal log is left
    /// alone.
    Result<void> save(Workspace &workspace, const QString &by = QString());
    /// The same, for a caller that already holds a Workspace::transaction() and commits the
    /// chart with its own work. The chart counts as saved once this returns; should the caller
    /// roll back, it must drop the chart.
    Result<void> saveWithin(Workspace &workspace, const QString &by = QString());
    /// The recorded changes, oldest first; of one unit (and its people and groups) when
    /// unitCode is given.
    static Result<QList<OrgChange>> history(
        const Workspace &workspace, const QString &unitCode = QString());
    /// The recorded changes that came with saves after revision after, oldest first.
    static Result<QList<OrgChange>> historyAfter(const Workspace &workspace, qint64 after);
    /// Changes made since load() or the last save(), oldest first.
    QList<OrgChange> pendingChanges() const { return m_pending; }
    /// Adds changes made elsewhere to those the next save records, with their own time, person
    /// and command.
    void addChanges(const QList<OrgChange> &changes) { m_pending << changes; }
    /// How many times the chart has been saved in the workspace it came from.
    qint64 revision() const { return m_revision; }

    QList<ChartUnit> units() const { return m_units.values(); } ///< ordered by code
    const ChartUnit *unit(const QString &code) const;
    QList<ChartUnit> children(const QString &code) const; ///< retired ones included
    QStringList childCodes(const QString &code) const; ///< in code order, retired ones included
    int activePeopleCount(const QString &code) const;
    /// Joint-handling units linked to a tier unit, active ones only.
    QList<ChartUnit> jointUnitsFor(const QString &tierUnitCode) const;
    /// Codes of units whose code or name contains text, ignoring case; in code order.
    QStringList findUnits(const QString &text) const;
    /// Ids of people whose name contains text, ignoring case; in id order.
    QList<qint64> findPeople(const QString &text) const;
    QList<OrgGroup> groups() const { return m_groups.values(); } ///< ordered by id
    const OrgGroup *group(qint64 id) const;
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
    /// Adds a group (id 0: the next free id) or replaces the one with the id. Refused for a
    /// blank name, an unknown or retired unit, unknown member units or people. Returns the id.
    Result<qint64> putGroup(OrgGroup group);
    /// Marks a group dissolved; it keeps its row and history.
    Result<void> dissolveGroup(qint64 id);

private:
    struct Index
    {
        QHash<QString, QStringList> children;
        QHash<QString, int> activePeople;
    };

    Result<void> write(Workspace &workspace, const QString &by) const;
    Result<void> checkPlacement(const ChartUnit &unit) const;
    Result<void> checkDetails(const ChartUnit &unit) const;
    Result<void> checkPerson(const Person &person) const;
    Result<void> checkGroup(const OrgGroup &group) const;
    const Index &index() const;
    /// Moves code from the children of from (none: a new unit) to those of to in the index.
    void reparent(const QString &code, const std::optional<QString> &from, const QString &to);
    void changed(const QString &action, const QString &unitCode, const QString &detail,
        qint64 personId = 0, qint64 groupId = 0);

    QMap<QString, ChartUnit> m_units;
    QMap<qint64, Person> m_people;
    QMap<qint64, OrgGroup> m_groups;
    QList<OrgChange> m_pending;
    qint64 m_revision = 0;
    mutable std::optional<Index> m_index; ///< built on first use, kept up to date after
};

} // namespace GridDesk
