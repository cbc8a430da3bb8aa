// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "org/boundaryimport.h"

#include "support/testsupport.h"

#include <QCoreApplication>
#include <QTemporaryDir>

using namespace GridDesk;

namespace {

QString nyc(const char *file)
{
    return Test::mapsPath(QStringLiteral("nyc/") + QLatin1String(file));
}

QString taipei(const char *file)
{
    return Test::mapsPath(QStringLiteral("taipei/") + QLatin1String(file));
}

BoundaryImportOptions nycBoroughs()
{
    BoundaryImportOptions options;
    options.codeField = QStringLiteral("borough_code");
    options.nameField = QStringLiteral("name");
    options.rootCode = QStringLiteral("city");
    options.rootName = QStringLiteral("New York City supervision centre");
    options.tier = 2;
    return options;
}

BoundaryImportOptions nycDistricts()
{
    BoundaryImportOptions options;
    options.codeField = QStringLiteral("boro_cd");
    options.nameField = QStringLiteral("name");
    options.parentField = QStringLiteral("boro_cd/100");
    options.tier = 3;
    return options;
}

BoundaryImportOptions taipeiDistricts()
{
    BoundaryImportOptions options;
    options.codeField = QStringLiteral("CPTID");
    options.nameField = QStringLiteral("TNAME");
    options.rootCode = QStringLiteral("city");
    options.rootName = QStringLiteral("臺北市");
    options.tier = 2;
    return options;
}

BoundaryImportOptions taipeiVillages(const QString &parent = QStringLiteral("CPTID"))
{
    BoundaryImportOptions options;
    options.codeField = QStringLiteral("CPTVID");
    options.nameField = QStringLiteral("VNAME");
    options.parentField = parent;
    options.tier = 4;
    return options;
}

/// The chart after importing each file with its options, failing the test on the first error.
OrgChart imported(const QList<std::pair<QString, BoundaryImportOptions>> &steps)
{
    OrgChart chart;
    for (const auto &[file, options] : steps) {
        auto report = importBoundaries(chart, file, options);
        if (!report) {
            qWarning() << report.error().message;
            return {};
        }
        if (!report->refused.isEmpty())
            qWarning() << file << "refused" << report->refused.first().reason;
    }
    return chart;
}

int countTier(const OrgChart &chart, int tier)
{
    const QList<ChartUnit> units = chart.units();
    return int(std::count_if(
        units.cbegin(), units.cend(), [tier](const ChartUnit &unit) { return unit.tier == tier; }));
}

QString codesOf(const QList<ChartUnit> &units)
{
    QStringList codes;
    for (const ChartUnit &unit : units)
        codes << unit.code;
    return codes.join(u',');
}

} // namespace

class TestBoundaryImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void buildsNewYork()
    {
        OrgChart chart;
        auto boroughs = importBoundaries(chart, nyc("nyc_boroughs.geojson"), nycBoroughs());
        QVERIFY2(boroughs.has_value(), Test::why(boroughs).constData());
        QCOMPARE(boroughs->added, 5);
        QVERIFY(boroughs->refused.isEmpty());
        auto districts =
            importBoundaries(chart, nyc("nyc_community_districts.geojson"), nycDistricts());
        QVERIFY2(districts.has_value(), Test::why(districts).constData());
        QCOMPARE(districts->added, 59);
        QVERIFY(districts->refused.isEmpty());

        QCOMPARE(chart.units().size(), 1 + 5 + 59);
        QCOMPARE(countTier(chart, 1), 1);
        QCOMPARE(countTier(chart, 2), 5);
        QCOMPARE(countTier(chart, 3), 59);
        const ChartUnit *city = chart.unit(QStringLiteral("city"));
        QVERIFY(city);
        QCOMPARE(city->name, QStringLiteral("New York City supervision centre"));
        QCOMPARE(city->parentCode, QString());
        QCOMPARE(codesOf(chart.children(QStringLiteral("city"))), QStringLiteral("1,2,3,4,5"));
        QCOMPARE(chart.unit(QStringLiteral("1"))->name, QStringLiteral("Manhattan"));
        QCOMPARE(chart.unit(QStringLiteral("5"))->name, QStringLiteral("Staten Island"));
        // Manhattan has 12 community districts, Brooklyn 18, Staten Island 3.
        QCOMPARE(chart.children(QStringLiteral("1")).size(), 12);
        QCOMPARE(chart.children(QStringLiteral("3")).size(), 18);
        QCOMPARE(codesOf(chart.children(QStringLiteral("5"))), QStringLiteral("501,502,503"));
        const ChartUnit *district = chart.unit(QStringLiteral("318"));
        QVERIFY(district);
        QCOMPARE(district->parentCode, QStringLiteral("3"));
        QCOMPARE(district->name, QStringLiteral("Brooklyn Community District 18"));

        // Each unit answers for the grid its own boundary makes in the sample (same code field).
        for (const ChartUnit &unit : chart.units()) {
            const QStringList expected =
                unit.code == QLatin1String("city") ? QStringList() : QStringList {unit.code};
            QCOMPARE(unit.jurisdiction, expected);
        }
    }

    void buildsTaipeiSkippingTierThree()
    {
        const OrgChart chart = imported({{taipei("taipei_town.geojson"), taipeiDistricts()},
            {taipei("taipei_village.geojson"), taipeiVillages()}});
        QCOMPARE(chart.units().size(), 1 + 12 + 456);
        QCOMPARE(countTier(chart, 2), 12);
        QCOMPARE(countTier(chart, 3), 0);
        QCOMPARE(countTier(chart, 4), 456);
        const ChartUnit *beitou = chart.unit(QStringLiteral("6301200"));
        QVERIFY(beitou);
        QCOMPARE(beitou->name, QStringLiteral("北投區"));
        QCOMPARE(beitou->parentCode, QStringLiteral("city"));
        const ChartUnit *hutian = chart.unit(QStringLiteral("6301200042"));
        QVERIFY(hutian);
        QCOMPARE(hutian->name, QStringLiteral("湖田里"));
        QCOMPARE(hutian->parentCode, QStringLiteral("6301200"));
        QCOMPARE(hutian->jurisdiction, QStringList {QStringLiteral("6301200042")});
        QCOMPARE(chart.children(QStringLiteral("6300800")).size(), 43); // 文山區
        for (const ChartUnit &unit : chart.units()) {
            if (unit.tier == 4)
                QVERIFY2(unit.code.startsWith(unit.parentCode), qPrintable(unit.code));
        }
    }

    void parentExpressions_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::newRow("field") << "CPTID";
        QTest::newRow("left") << "left(CPTVID,7)";
        QTest::newRow("left, spaced and capitalised") << "LEFT( CPTVID , 7 )";
    }

    void parentExpressions()
    {
        QFETCH(QString, expression);
        const OrgChart chart = imported({{taipei("taipei_town.geojson"), taipeiDistricts()},
            {taipei("taipei_village.geojson"), taipeiVillages(expression)}});
        QCOMPARE(countTier(chart, 4), 456);
        QCOMPARE(chart.unit(QStringLiteral("6300800001"))->parentCode, QStringLiteral("6300800"));
    }

    void refusedFeaturesAreReportedOneByOne()
    {
        OrgChart chart = imported({{nyc("nyc_boroughs.geojson"), nycBoroughs()}});
        auto report = importBoundaries(chart,
            Test::dataPath(QStringLiteral("org/nyc_districts_traps.geojson")), nycDistricts());
        QVERIFY2(report.has_value(), Test::why(report).constData());
        QCOMPARE(report->added, 3);
        QCOMPARE(report->refused.size(), 3);
        QCOMPARE(report->refused.at(0).line, 4);
        QVERIFY2(report->refused.at(0).reason.contains(QLatin1String("\"boro_cd\" is empty")),
            qPrintable(report->refused.at(0).reason));
        QCOMPARE(report->refused.at(1).line, 5);
        QVERIFY2(report->refused.at(1).reason.contains(QLatin1String("102 is already used by "
                                                                     "feature 2")),
            qPrintable(report->refused.at(1).reason));
        QCOMPARE(report->refused.at(2).line, 6);
        QVERIFY2(
            report->refused.at(2).reason.contains(QLatin1String("parent 9 is not in the chart")),
            qPrintable(report->refused.at(2).reason));
        QCOMPARE(codesOf(chart.children(QStringLiteral("1"))), QStringLiteral("101,102,103"));
        QVERIFY(!chart.unit(QStringLiteral("906")));
        // The duplicate did not replace the first feature's unit.
        QCOMPARE(chart.unit(QStringLiteral("102"))->name,
            QStringLiteral("Manhattan Community District 2"));
    }

    void tierInversionIsRefusedPerFeature()
    {
        OrgChart chart = imported({{nyc("nyc_boroughs.geojson"), nycBoroughs()}});
        BoundaryImportOptions sameTier = nycDistricts();
        sameTier.tier = 2;
        auto report = importBoundaries(chart, nyc("nyc_community_districts.geojson"), sameTier);
        QVERIFY2(report.has_value(), Test::why(report).constData());
        QCOMPARE(report->added, 0);
        QCOMPARE(report->refused.size(), 59);
        QVERIFY2(report->refused.first().reason.contains(QLatin1String("never inverted")),
            qPrintable(report->refused.first().reason));
        QCOMPARE(chart.units().size(), 6);
    }

    void importingAgainUpdatesAndKeepsDetails()
    {
        OrgChart chart = imported({{nyc("nyc_boroughs.geojson"), nycBoroughs()},
            {nyc("nyc_community_districts.geojson"), nycDistricts()}});
        ChartUnit manhattan = *chart.unit(QStringLiteral("1"));
        manhattan.contact = QStringLiteral("+1 212 000 0000");
        manhattan.jurisdiction << QStringLiteral("GOV-ISLAND");
        QVERIFY(chart.putUnit(manhattan, true));

        auto again = importBoundaries(chart, nyc("nyc_boroughs.geojson"), nycBoroughs());
        QVERIFY2(again.has_value(), Test::why(again).constData());
        QCOMPARE(again->added, 0);
        QCOMPARE(again->updated, 5);
        QCOMPARE(chart.units().size(), 65);
        QCOMPARE(chart.unit(QStringLiteral("1"))->contact, QStringLiteral("+1 212 000 0000"));
        QCOMPARE(chart.unit(QStringLiteral("1"))->jurisdiction,
            QStringList({QStringLiteral("1"), QStringLiteral("GOV-ISLAND")}));
    }

    void aRootAtOrBelowTheTierIsRefused()
    {
        OrgChart chart = imported({{nyc("nyc_boroughs.geojson"), nycBoroughs()}});
        BoundaryImportOptions underBorough = nycDistricts();
        underBorough.parentField.clear();
        underBorough.rootCode = QStringLiteral("1");
        underBorough.tier = 2;
        auto report = importBoundaries(chart, nyc("nyc_community_districts.geojson"), underBorough);
        QVERIFY(!report.has_value());
        QVERIFY2(report.error().message.contains(QLatin1String("Manhattan")),
            qPrintable(report.error().message));
        QCOMPARE(chart.units().size(), 6);
    }

    void badInputNamesFileAndField_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("codeField");
        QTest::addColumn<QString>("nameField");
        QTest::addColumn<QString>("parentField");
        QTest::addColumn<int>("tier");
        QTest::addColumn<QStringList>("mentions");
        const QString districts = nyc("nyc_community_districts.geojson");
        QTest::newRow("missing file") << nyc("no_such_file.geojson") << "boro_cd"
                                      << ""
                                      << "" << 3 << QStringList {"no_such_file.geojson"};
        QTest::newRow("wrong code field")
            << districts << "CD"
            << "name"
            << "" << 3
            << QStringList {"nyc_community_districts.geojson", "\"CD\"", "boro_cd, borough"};
        QTest::newRow("wrong name field")
            << districts << "boro_cd"
            << "NAME"
            << "" << 3 << QStringList {"nyc_community_districts.geojson", "\"NAME\"", "names"};
        QTest::newRow("wrong parent field")
            << districts << "boro_cd"
            << "name"
            << "boro/100" << 3
            << QStringList {"nyc_community_districts.geojson", "\"boro\"", "parents"};
        QTest::newRow("dividing by zero")
            << districts << "boro_cd"
            << "name"
            << "boro_cd/0" << 3 << QStringList {"boro_cd/0", "1 or more"};
        QTest::newRow("no tier") << districts << "boro_cd"
                                 << "name"
                                 << "" << 0 << QStringList {"tier from 1 to 6"};
        QTest::newRow("no code field") << districts << ""
                                       << "name"
                                       << "" << 3 << QStringList {"codes"};
        QTest::newRow("no features")
            << Test::dataPath(QStringLiteral("org/no_features.geojson")) << "boro_cd"
            << "name"
            << "" << 3 << QStringList {"no_features.geojson", "no features"};
        QTest::newRow("text that is not UTF-8")
            << Test::dataPath(QStringLiteral("org/wenshan_latin1.geojson")) << "CPTVID"
            << "VNAME"
            << "" << 4 << QStringList {"wenshan_latin1.geojson", "VNAME"};
    }

    void badInputNamesFileAndField()
    {
        QFETCH(QString, file);
        QFETCH(QString, codeField);
        QFETCH(QString, nameField);
        QFETCH(QString, parentField);
        QFETCH(int, tier);
        QFETCH(QStringList, mentions);
        OrgChart chart = imported({{nyc("nyc_boroughs.geojson"), nycBoroughs()}});
        BoundaryImportOptions options;
        options.codeField = codeField;
        options.nameField = nameField;
        options.parentField = parentField;
        options.tier = tier;
        auto report = importBoundaries(chart, file, options);
        QVERIFY(!report.has_value());
        for (const QString &mention : mentions)
            QVERIFY2(report.error().message.contains(mention), qPrintable(report.error().message));
        QCOMPARE(chart.units().size(), 6);
    }

    void rootAndParentFieldAreExclusive()
    {
        OrgChart chart;
        BoundaryImportOptions options = nycDistricts();
        options.rootCode = QStringLiteral("city");
        auto report = importBoundaries(chart, nyc("nyc_community_districts.geojson"), options);
        QVERIFY(!report.has_value());
        QCOMPARE(report.error().code, ErrorCode::InvalidArgument);
        QVERIFY(chart.units().isEmpty());
    }
};

GRIDDESK_TEST_MAIN(TestBoundaryImport, QCoreApplication)
#include "tst_boundaryimport.moc"
