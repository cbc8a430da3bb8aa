// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/posts.h"
#include "org/divisionimport.h"
#include "org/orgchart.h"

#include "support/testsupport.h"

#include <QAbstractItemModel>
#include <QColor>
#include <QFile>
#include <QTest>

namespace GridDesk::Test {

inline ChartUnit makeUnit(const QString &code, const QString &name, int tier,
    const QString &parent = {}, UnitKind kind = UnitKind::Tier)
{
    ChartUnit made;
    made.code = code;
    made.name = name;
    made.tier = tier;
    made.parentCode = parent;
    made.kind = kind;
    return made;
}

inline Person makePerson(const QString &name, Post post, const QString &unitCode,
    const QString &phone = {}, const QString &idNumber = {})
{
    Person made;
    made.name = name;
    made.post = postKey(post);
    made.unitCode = unitCode;
    made.phone = phone;
    made.idNumber = idNumber;
    return made;
}

/// A small hand-made chart: a city with a district, a street skipping nothing, a community, a
/// business department and a grid supervisor post; a street hung directly under the city
/// (tier 2 skipped); a joint-handling bureau; a retired community; five people.
inline OrgChart smallChart()
{
    OrgChart chart;
    const QList<ChartUnit> units {makeUnit("C", "Riverside city centre", 1),
        makeUnit("D1", "East district centre", 2, "C"),
        makeUnit("S1", "Harbour street sub-centre", 3, "D1"),
        makeUnit("V1", "Lighthouse community", 4, "S1"),
        makeUnit("V2", "Old mill community", 4, "S1"),
        makeUnit("B1", "Lighthouse sanitation office", 5, "V1"),
        makeUnit("G1", "Lighthouse grid post 1", 6, "B1"),
        makeUnit("S9", "Airport street sub-centre", 3, "C"),
        makeUnit("J1", "City management bureau", 2, "C", UnitKind::Joint)};
    for (const ChartUnit &unit : units) {
        if (!chart.putUnit(unit))
            qFatal("the small chart refused a unit");
    }
    if (!chart.retireUnit("V2", QDateTime(QDate(2024, 3, 1), QTime(8, 0), Qt::UTC)))
        qFatal("the small chart refused a retirement");

    const QList<Person> people {
        makePerson("Li Wei", Post::Decision, "C", "13812345678", "440301198001011234"),
        makePerson("Zhang Min", Post::Management, "D1", "13987654321", "440303199002025678"),
        makePerson("Chen Jing", Post::InformationCollector, "V1", "13700001111", ""),
        makePerson("Wang Fang", Post::GridSupervisor, "G1", "", "44030419850505999X"),
        makePerson("Zhao Lei", Post::JointHandling, "J1", "13600002222", "440305197707074321")};
    for (Person person : people) {
        if (person.name == QLatin1String("Chen Jing"))
            person.gridCodes = QStringList {"V1-01", "V1-02"};
        if (person.name == QLatin1String("Wang Fang"))
            person.gridCodes = QStringList {"V1-01"};
        if (!chart.putPerson(person))
            qFatal("the small chart refused a person");
    }
    return chart;
}

/// The Shenzhen division tree of tests/data/org/divisions (1 city, 9 districts, 79 streets,
/// 788 communities).
inline OrgChart shenzhenChart()
{
    OrgChart chart;
    auto tree = readDivisionTree(dataPath(QStringLiteral("org/divisions")));
    if (!tree || !importDivisionTree(chart, *tree))
        qFatal("the Shenzhen division tree could not be read");
    return chart;
}

inline QString flagLetters(Qt::ItemFlags flags)
{
    QString letters;
    letters += flags.testFlag(Qt::ItemIsEnabled) ? u'n' : u'-';
    letters += flags.testFlag(Qt::ItemIsSelectable) ? u's' : u'-';
    letters += flags.testFlag(Qt::ItemIsEditable) ? u'e' : u'-';
    letters += flags.testFlag(Qt::ItemIsDragEnabled) ? u'g' : u'-';
    letters += flags.testFlag(Qt::ItemIsDropEnabled) ? u'd' : u'-';
    return letters;
}

inline void dumpRows(
    const QAbstractItemModel &model, const QModelIndex &parent, int depth, QStringList &lines)
{
    for (int row = 0; row < model.rowCount(parent); ++row) {
        QStringList cells;
        for (int column = 0; column < model.columnCount(parent); ++column) {
            const QModelIndex index = model.index(row, column, parent);
            QString cell = index.data(Qt::DisplayRole).toString();
            const QVariant decoration = index.data(Qt::DecorationRole);
            if (decoration.canConvert<QColor>() && decoration.typeId() == QMetaType::QColor)
                cell = QStringLiteral("{%1} ").arg(decoration.value<QColor>().name()) + cell;
            else if (decoration.isValid())
                cell = QStringLiteral("{%1} ").arg(QLatin1String(decoration.typeName())) + cell;
            cells << QStringLiteral("%1 [%2]").arg(cell, flagLetters(model.flags(index)));
        }
        lines << QString(depth * 2, u' ') + cells.join(QStringLiteral(" | "));
        dumpRows(model, model.index(row, 0, parent), depth + 1, lines);
    }
}

/// The whole model as text: the header, then a line per row (indented by depth) with each
/// cell's display text, its decoration (a colour as #rrggbb, else the type) and its flags as
/// letters: n enabled, s selectable, e editable, g drag, d drop.
inline QString dumpTree(const QAbstractItemModel &model)
{
    QStringList header;
    for (int column = 0; column < model.columnCount(); ++column)
        header << model.headerData(column, Qt::Horizontal).toString();
    QStringList lines {header.join(QStringLiteral(" | "))};
    dumpRows(model, {}, 0, lines);
    return lines.join(u'\n') + u'\n';
}

/// Compares text with tests/data/org/golden/name. With GRIDDESK_WRITE_GOLDEN=1 in the
/// environment, the file is written instead and the comparison fails, so that a new golden is
/// always read by someone before it is committed.
inline bool matchesGolden(const QString &text, const QString &name)
{
    const QString path = dataPath(QStringLiteral("org/golden/") + name);
    if (qEnvironmentVariableIntValue("GRIDDESK_WRITE_GOLDEN") == 1) {
        QFile out(path);
        if (out.open(QIODevice::WriteOnly | QIODevice::Truncate))
            out.write(text.toUtf8());
        qWarning("wrote golden %s; read it, then run again without GRIDDESK_WRITE_GOLDEN",
            qPrintable(path));
        return false;
    }
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly)) {
        qWarning("golden %s missing", qPrintable(path));
        return false;
    }
    const QStringList expected = QString::fromUtf8(in.readAll()).split(u'\n');
    const QStringList actual = text.split(u'\n');
    for (qsizetype line = 0; line < std::max(expected.size(), actual.size()); ++line) {
        const QString want = expected.value(line);
        const QString got = actual.value(line);
        if (want != got) {
            qWarning("golden %s differs at line %lld:\n  expected: %s\n  actual:   %s",
                qPrintable(name), line + 1, qPrintable(want), qPrintable(got));
            return false;
        }
    }
    return true;
}

} // namespace GridDesk::Test
