// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "org/divisionimport.h"

#include "support/testsupport.h"

#include <QTemporaryDir>

using namespace GridDesk;

namespace {

QString divisions()
{
    return Test::dataPath(QStringLiteral("org/divisions"));
}

int countTier(const QList<ChartUnit> &units, int tier)
{
    return int(std::count_if(
        units.cbegin(), units.cend(), [tier](const ChartUnit &unit) { return unit.tier == tier; }));
}

} // namespace

class TestDivisionImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void codesBecomeTwelveDigits_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("city") << "4403"
                              << "440300000000";
        QTest::newRow("district") << "440303"
                                  << "440303000000";
        QTest::newRow("street") << "440303001"
                                << "440303001000";
        QTest::newRow("community") << "440303001002"
                                   << "440303001002";
        QTest::newRow("five digits") << "44030"
                                     << "";
        QTest::newRow("letters") << "4403ab"
                                 << "";
    }

    void codesBecomeTwelveDigits()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QCOMPARE(divisionCode12(text), expected);
    }

    void buildsShenzhen()
    {
        auto tree = readDivisionTree(divisions());
        QVERIFY2(tree.has_value(), Test::why(tree).constData());
        QCOMPARE(tree->size(), 1 + 9 + 79 + 788);
        QCOMPARE(countTier(*tree, 1), 1);
        QCOMPARE(countTier(*tree, 2), 9);
        QCOMPARE(countTier(*tree, 3), 79);
        QCOMPARE(countTier(*tree, 4), 788);
        QCOMPARE(tree->first().code, QStringLiteral("440300000000"));
        QVERIFY(tree->first().name.startsWith(QStringLiteral("深圳市")));

        OrgChart chart;
        auto report = importDivisionTree(chart, *tree);
        QVERIFY2(report.has_value(), Test::why(report).constData());
        QCOMPARE(report->added, 877);
        const ChartUnit *community = chart.unit("440303001002");
        QVERIFY(community);
        QCOMPARE(community->parentCode, QStringLiteral("440303001000"));
        QCOMPARE(community->name, QStringLiteral("桂木园社区"));
        QCOMPARE(chart.unit("440303001000")->parentCode, QStringLiteral("440303000000"));
        QVERIFY(chart.isWithin("440303001002", "440300000000"));
        QCOMPARE(chart.children("440303000000").size(), 10); // 罗湖区 has ten streets
    }

    void rootCodeLimitsToASubtree()
    {
        auto tree = readDivisionTree(divisions(), "440303001");
        QVERIFY2(tree.has_value(), Test::why(tree).constData());
        QCOMPARE(countTier(*tree, 3), 1);
        QVERIFY(countTier(*tree, 4) > 1);
        QCOMPARE(tree->first().code, QStringLiteral("440303001000"));
        QVERIFY(tree->first().parentCode.isEmpty());
        for (const ChartUnit &unit : std::as_const(*tree))
            QVERIFY(unit.code.startsWith(QStringLiteral("440303001")));
    }

    void reimportKeepsDetailsAndParent()
    {
        OrgChart chart;
        QVERIFY(importDivisionTree(chart, *readDivisionTree(divisions(), "440303")).has_value());
        ChartUnit district = *chart.unit("440303000000");
        district.contact = "0755-12345";
        QVERIFY(chart.putUnit(district, true).has_value());
        auto again = importDivisionTree(chart, *readDivisionTree(divisions()));
        QVERIFY2(again.has_value(), Test::why(again).constData());
        QCOMPARE(chart.unit("440303000000")->contact, QStringLiteral("0755-12345"));
        QCOMPARE(chart.unit("440303000000")->parentCode, QStringLiteral("440300000000"));
        QVERIFY(again->updated > 0);
    }

    void aConflictingChartChangesNothing()
    {
        OrgChart chart;
        ChartUnit street {"440303001000", "Street", 3, {}, UnitKind::Tier, {}, {}, false, {}};
        ChartUnit below {"X", "Post", 4, "440303001000", UnitKind::Tier, {}, {}, false, {}};
        QVERIFY(chart.putUnit(street).has_value());
        QVERIFY(chart.putUnit(below).has_value());
        // A division tree naming X as a tier-4 community elsewhere is fine; one turning the
        // street into tier 4 is not: make that tree by hand.
        QList<ChartUnit> tree {
            {"440303001000", "Street", 4, {}, UnitKind::Tier, {}, {}, false, {}}};
        auto report = importDivisionTree(chart, tree);
        QVERIFY(!report.has_value());
        QCOMPARE(chart.unit("440303001000")->tier, 3);
    }

    void badInputIsRefused()
    {
        QVERIFY(!readDivisionTree(divisions(), "12345").has_value());
        QVERIFY(!readDivisionTree(divisions(), "1101").has_value());
        auto missing = readDivisionTree(Test::dataPath("org/nowhere"));
        QVERIFY(!missing.has_value());
        QCOMPARE(missing.error().code, ErrorCode::FileNotFound);
    }

    void aRowOutsideTheTreeRefusesTheImport_data()
    {
        QTest::addColumn<QString>("row");
        QTest::addColumn<QString>("inReason");
        QTest::newRow("street under a missing district") << "440399001,无名街道,440399,44,4403"
                                                         << "440399001 无名街道 lies under 440399";
        QTest::newRow("malformed code") << "44030312,短码街道,440303,44,4403"
                                        << "\"44030312\" is not a division code";
    }

    void aRowOutsideTheTreeRefusesTheImport()
    {
        QFETCH(QString, row);
        QFETCH(QString, inReason);
        QTemporaryDir dir;
        for (const QString &name : QDir(divisions()).entryList(QDir::Files))
            QVERIFY(QFile::copy(QDir(divisions()).filePath(name), dir.filePath(name)));
        QFile streets(dir.filePath("streets_shenzhen_4403.csv"));
        QVERIFY(streets.open(QIODevice::Append));
        streets.write(row.toUtf8() + "\n");
        streets.close();

        auto tree = readDivisionTree(dir.path());
        QVERIFY(!tree.has_value());
        QVERIFY2(tree.error().message.contains(inReason), qPrintable(tree.error().message));
        QVERIFY2(tree.error().message.contains("streets_shenzhen_4403.csv, line 81"),
            qPrintable(tree.error().message));
    }
};

GRIDDESK_TEST_MAIN(TestDivisionImport, QCoreApplication)
#include "tst_divisionimport.moc"
