// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "divisionimport.h"

#include "logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QRegularExpression>
#include <QSet>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Org)
};

/// One row of a division table: code, name and the code of the division above.
struct Division
{
    QString code;
    QString name;
    QString parent;
    QString city;
    QString file; ///< where the row stands, for messages
    int line = 0;
};

Result<QList<CsvRecord>> readTable(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(
            ErrorCode::FileNotFound, Tr::tr("%1 cannot be read: %2").arg(path, file.errorString()));
    auto records = parseCsv(file.readAll());
    if (!records)
        return std::unexpected(records.error().at(QDir::toNativeSeparators(path)));
    return records;
}

/// The rows of every file matching pattern in folder, with code, name, the parent column and
/// the city column.
Result<QList<Division>> readDivisions(
    const QDir &folder, const QString &pattern, const QString &parentColumn)
{
    const QStringList files = folder.entryList({pattern}, QDir::Files, QDir::Name);
    if (files.isEmpty())
        return fail(ErrorCode::FileNotFound,
            Tr::tr("%1 has no %2 file.").arg(QDir::toNativeSeparators(folder.path()), pattern));
    QList<Division> divisions;
    for (const QString &name : files) {
        auto records = readTable(folder.filePath(name));
        if (!records)
            return std::unexpected(records.error());
        if (records->isEmpty())
            continue;
        const QStringList header = records->takeFirst().fields;
        const qsizetype code = header.indexOf(QStringLiteral("code"));
        const qsizetype title = header.indexOf(QStringLiteral("name"));
        const qsizetype parent = header.indexOf(parentColumn);
        const qsizetype city = header.indexOf(QStringLiteral("cityCode"));
        if (code < 0 || title < 0 || parent < 0)
            return fail(ErrorCode::MissingField,
                Tr::tr("%1 needs the columns code, name and %2.").arg(name, parentColumn));
        for (const CsvRecord &record : std::as_const(*records)) {
            const QStringList &f = record.fields;
            if (f.size() <= std::max({code, title, parent}))
                return fail(ErrorCode::InvalidRow,
                    Tr::tr("%1, line %2: too few fields.").arg(name).arg(record.line));
            divisions << Division {f.at(code).trimmed(), f.at(title).trimmed(),
                f.at(parent).trimmed(),
                city >= 0 && city < f.size() ? f.at(city).trimmed() : QString(), name, record.line};
        }
    }
    return divisions;
}

/// A unit built from a division is named as the division is (罗湖区, 桂园街道, 桂木园社区): the
/// name stays in the data's own language whatever the importing desk's is, and the tier says
/// what the unit does. A community's committee suffix is dropped: the workstation serves the
/// community.
QString unitName(const QString &division)
{
    static const QRegularExpression committee(
        QStringLiteral("(居民委员会|村民委员会|居委会|村委会)$"));
    const QString name = QString(division).remove(committee);
    return name.isEmpty() ? division : name;
}

ChartUnit treeUnit(const Division &division, int tier, const QString &parentCode)
{
    ChartUnit unit;
    unit.code = divisionCode12(division.code);
    unit.name = unitName(division.name);
    unit.tier = tier;
    unit.parentCode = parentCode;
    return unit;
}

Result<QString> pickCity(const QList<Division> &streets, const QString &rootCode)
{
    if (!rootCode.isEmpty())
        return rootCode.left(4);
    QSet<QString> cities;
    for (const Division &street : streets)
        cities.insert(street.city.isEmpty() ? street.code.left(4) : street.city);
    if (cities.size() != 1)
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("The street files cover %n cities; choose one with a root code.", nullptr,
                int(cities.size())));
    return *cities.cbegin();
}

} // namespace

QString divisionCode12(const QString &text)
{
    static const QRegularExpression digits(QStringLiteral("^\\d+$"));
    const QString code = text.trimmed();
    const bool known =
        code.size() == 4 || code.size() == 6 || code.size() == 9 || code.size() == 12;
    if (!known || !digits.match(code).hasMatch())
        return {};
    return code.leftJustified(12, u'0');
}

Result<QList<ChartUnit>> readDivisionTree(const QString &folder, const QString &rootCode)
{
    const QString root = rootCode.isEmpty() ? QString() : divisionCode12(rootCode);
    if (!rootCode.isEmpty() && root.isEmpty())
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("\"%1\" is not a division code of 4, 6, 9 or 12 digits.").arg(rootCode));
    const QDir dir(folder);
    if (!dir.exists())
        return fail(ErrorCode::FileNotFound,
            Tr::tr("%1 is not a folder.").arg(QDir::toNativeSeparators(folder)));

    auto cities = readDivisions(dir, QStringLiteral("cities.csv"), QStringLiteral("provinceCode"));
    auto areas = readDivisions(dir, QStringLiteral("areas.csv"), QStringLiteral("cityCode"));
    auto streets = readDivisions(dir, QStringLiteral("streets*.csv"), QStringLiteral("areaCode"));
    auto villages =
        readDivisions(dir, QStringLiteral("villages*.csv"), QStringLiteral("streetCode"));
    for (const auto *read : {&cities, &areas, &streets, &villages}) {
        if (!*read)
            return std::unexpected(read->error());
    }
    auto city = pickCity(*streets, root);
    if (!city)
        return std::unexpected(city.error());

    // The whole city, parents first, then cut to the subtree of the root.
    QList<ChartUnit> tree;
    for (const Division &division : std::as_const(*cities)) {
        if (division.code == *city)
            tree << treeUnit(division, 1, {});
    }
    if (tree.isEmpty())
        return fail(ErrorCode::NotFound, Tr::tr("cities.csv has no city %1.").arg(*city));
    for (const Division &division : std::as_const(*areas)) {
        if (division.parent == *city)
            tree << treeUnit(division, 2, tree.first().code);
    }
    // Every street and community must hang under a division of the files: one that does not
    // would silently drop out of the tree, against the promise that an import is all or nothing.
    QSet<QString> placed;
    for (const ChartUnit &unit : std::as_const(tree))
        placed.insert(unit.code);
    for (const auto &[rows, tier] : {std::pair {&*streets, 3}, std::pair {&*villages, 4}}) {
        for (const Division &division : *rows) {
            if (!division.code.startsWith(*city))
                continue;
            const QString code = divisionCode12(division.code);
            const QString parent = divisionCode12(division.parent);
            if (code.isEmpty())
                return fail(ErrorCode::InvalidRow,
                    Tr::tr("%1, line %2: \"%3\" is not a division code of 4, 6, 9 or 12 digits.")
                        .arg(division.file)
                        .arg(division.line)
                        .arg(division.code));
            if (!placed.contains(parent))
                return fail(ErrorCode::InvalidRow,
                    Tr::tr("%1, line %2: %3 %4 lies under %5, which the division files do not "
                           "have; nothing was imported.")
                        .arg(division.file)
                        .arg(division.line)
                        .arg(division.code, division.name, division.parent));
            placed.insert(code);
            tree << treeUnit(division, tier, parent);
        }
    }

    const QString top = root.isEmpty() ? tree.first().code : root;
    QSet<QString> kept {top};
    QList<ChartUnit> subtree;
    for (ChartUnit unit : std::as_const(tree)) {
        if (unit.code == top) {
            unit.parentCode.clear();
        } else if (!kept.contains(unit.parentCode)) {
            continue;
        }
        kept.insert(unit.code);
        subtree << unit;
    }
    if (subtree.isEmpty())
        return fail(ErrorCode::NotFound, Tr::tr("The divisions have no code %1.").arg(rootCode));
    qCInfo(lcOrg) << "division tree of" << top << "has" << subtree.size() << "units";
    return subtree;
}

Result<OrgImportReport> importDivisionTree(OrgChart &chart, const QList<ChartUnit> &tree)
{
    OrgChart changed = chart;
    OrgImportReport report;
    for (const ChartUnit &unit : tree) {
        ChartUnit placed = unit;
        const ChartUnit *known = changed.unit(unit.code);
        if (known) {
            placed = *known;
            placed.name = unit.name;
            placed.tier = unit.tier;
            if (!unit.parentCode.isEmpty())
                placed.parentCode = unit.parentCode;
        }
        if (auto put = changed.putUnit(placed, true); !put)
            return std::unexpected(put.error());
        ++(known ? report.updated : report.added);
    }
    chart = changed;
    return report;
}

} // namespace GridDesk
