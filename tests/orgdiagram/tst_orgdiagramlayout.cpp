// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "orgdiagram/orgdiagramlayout.h"

#include "orgfixture.h"
#include "support/testsupport.h"

#include <QRandomGenerator>

#include <algorithm>

using namespace GridDesk;

namespace {

/// A chart of about count units where tiers are skipped at random: each unit sits under a
/// random unit of a higher tier. Deterministic for a seed.
OrgChart generatedChart(int count, quint32 seed)
{
    QRandomGenerator random(seed);
    OrgChart chart;
    QList<QList<QString>> byTier(7);
    const auto add = [&](int tier, const QString &parent) {
        ChartUnit unit;
        unit.code = QStringLiteral("G%1").arg(chart.units().size(), 6, 10, QLatin1Char('0'));
        unit.name = QStringLiteral("单位 %1").arg(unit.code);
        unit.tier = tier;
        unit.parentCode = parent;
        if (!chart.putUnit(unit).has_value())
            qFatal("generated unit refused");
        byTier[tier] << unit.code;
    };
    add(1, {});
    for (int unit = 1; unit < count; ++unit) {
        const int tier = 2 + int(random.bounded(5));
        int parentTier = tier - 1;
        // One unit in five skips one or more tiers, where a unit of that tier exists.
        if (random.bounded(5) == 0)
            parentTier = 1 + int(random.bounded(tier - 1));
        while (byTier[parentTier].isEmpty())
            --parentTier;
        const auto &parents = byTier[parentTier];
        add(tier, parents[int(random.bounded(qsizetype(parents.size())))]);
    }
    return chart;
}

OrgDiagramLayout laidOut(const OrgChart &chart, int collapseFromTier = 7, bool retired = false)
{
    OrgDiagramLayout layout;
    layout.setChart(chart);
    layout.setCollapseFromTier(collapseFromTier);
    layout.setShowRetired(retired);
    layout.update();
    return layout;
}

QString describe(const OrgDiagramBox &box)
{
    return QStringLiteral("%1 at (%2, %3)").arg(box.code).arg(box.rect.x()).arg(box.rect.y());
}

/// Whether any box but the allowed ones meets a vertical segment.
QString boxOnSegment(
    const OrgDiagramLayout &layout, qreal x, qreal top, qreal bottom, const QList<int> &allowed)
{
    std::vector<int> found;
    layout.boxesIn(QRectF(QPointF(x - 0.5, top + 0.5), QPointF(x + 0.5, bottom - 0.5)), found);
    for (const int box : found) {
        if (!allowed.contains(box))
            return describe(layout.boxes()[std::size_t(box)]);
    }
    return {};
}

} // namespace

class TestOrgDiagramLayout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void properties_data()
    {
        QTest::addColumn<OrgChart>("chart");
        QTest::addColumn<int>("collapseFromTier");
        QTest::addColumn<bool>("retired");
        QTest::addColumn<int>("expectedBoxes");
        const OrgChart shenzhen = Test::shenzhenChart();
        QTest::newRow("small") << Test::smallChart() << 7 << false << 10;
        QTest::newRow("small with retired") << Test::smallChart() << 7 << true << 11;
        QTest::newRow("Shenzhen") << shenzhen << 7 << false << 877;
        QTest::newRow("Shenzhen from tier 3 collapsed") << shenzhen << 3 << false << 1 + 9 + 79;
        QTest::newRow("generated, tiers skipped") << generatedChart(2000, 7) << 7 << false << 2000;
    }

    /// No two boxes overlap, each parent is centred over its children, children go left to
    /// right in code order, each box sits in its tier's row, and no link crosses a box.
    void properties()
    {
        QFETCH(OrgChart, chart);
        QFETCH(int, collapseFromTier);
        QFETCH(bool, retired);
        QFETCH(int, expectedBoxes);
        const OrgDiagramLayout layout = laidOut(chart, collapseFromTier, retired);
        const auto &boxes = layout.boxes();
        QCOMPARE(int(boxes.size()), expectedBoxes);

        std::vector<std::vector<const OrgDiagramBox *>> rows(std::size_t(layout.rowCount()));
        for (const OrgDiagramBox &box : boxes) {
            QCOMPARE(box.row, box.tier - 1);
            QCOMPARE(box.rect.top(), OrgDiagramLayout::rowTop(box.row));
            QCOMPARE(
                box.rect.size(), QSizeF(OrgDiagramLayout::BOX_WIDTH, OrgDiagramLayout::BOX_HEIGHT));
            rows[std::size_t(box.row)].push_back(&box);
        }
        // Boxes of one row have one height, so sorted by left edge, neighbours must not touch.
        for (auto &row : rows) {
            std::sort(row.begin(), row.end(),
                [](auto *a, auto *b) { return a->rect.left() < b->rect.left(); });
            for (std::size_t at = 1; at < row.size(); ++at) {
                QVERIFY2(row[at - 1]->rect.right() + OrgDiagramLayout::SIBLING_GAP
                        <= row[at]->rect.left() + 1e-6,
                    qPrintable(describe(*row[at - 1]) + " overlaps " + describe(*row[at])));
            }
        }

        for (std::size_t index = 0; index < boxes.size(); ++index) {
            const OrgDiagramBox &box = boxes[index];
            const auto kids = layout.children(int(index));
            if (kids.empty())
                continue;
            const QRectF &first = boxes[std::size_t(kids.front())].rect;
            const QRectF &last = boxes[std::size_t(kids.back())].rect;
            QVERIFY2(
                qAbs(box.rect.center().x() - (first.center().x() + last.center().x()) / 2) < 1e-6,
                qPrintable(describe(box) + " is not centred over its children"));
            for (std::size_t kid = 1; kid < kids.size(); ++kid) {
                const OrgDiagramBox &before = boxes[std::size_t(kids[kid - 1])];
                const OrgDiagramBox &after = boxes[std::size_t(kids[kid])];
                QVERIFY2(before.code < after.code, qPrintable(before.code + " " + after.code));
                QVERIFY2(before.rect.center().x() < after.rect.center().x(),
                    qPrintable(describe(before) + " is not left of " + describe(after)));
            }

            // The link: down from the parent to the bus, then down to each child.
            const qreal bus = box.rect.bottom() + OrgDiagramLayout::ROW_GAP / 2;
            for (const int kid : kids) {
                const OrgDiagramBox &child = boxes[std::size_t(kid)];
                const QString crossed =
                    boxOnSegment(layout, child.rect.center().x(), bus, child.rect.top(), {kid});
                QVERIFY2(crossed.isEmpty(),
                    qPrintable("the link to " + describe(child) + " crosses " + crossed));
            }
        }
    }

    void tierSkipLeavesRowsEmpty()
    {
        const OrgDiagramLayout layout = laidOut(Test::smallChart());
        const int supervisor = layout.indexOf("1290");
        const int district = layout.indexOf("1200");
        QVERIFY(supervisor >= 0 && district >= 0);
        const OrgDiagramBox &box = layout.boxes()[std::size_t(supervisor)];
        QCOMPARE(box.row, 5);
        QCOMPARE(box.parent, district);
        QCOMPARE(box.rect.top(), OrgDiagramLayout::rowTop(5));
        // Its district's other child is a street in row 2; rows 3 and 4 hold nothing there.
        std::vector<int> found;
        layout.boxesIn(QRectF(QPointF(box.rect.left(), OrgDiagramLayout::rowTop(2)),
                           QPointF(box.rect.right(), OrgDiagramLayout::rowTop(5) - 1)),
            found);
        QVERIFY(found.empty());
        QCOMPARE(layout.rowCount(), 6);
    }

    void collapsedSubtreeIsHidden()
    {
        OrgDiagramLayout layout = laidOut(Test::smallChart());
        QVERIFY(layout.indexOf("1111") >= 0);
        layout.setExpanded("1100", false);
        layout.update();
        QCOMPARE(layout.indexOf("1110"), -1);
        QCOMPARE(layout.indexOf("1111"), -1);
        QCOMPARE(layout.indexOf("1120"), -1);
        const OrgDiagramBox &district = layout.boxes()[std::size_t(layout.indexOf("1100"))];
        QCOMPARE(district.childCount, 0);
        QCOMPARE(district.hiddenChildren, 2); // the retired street does not count while hidden
        QVERIFY(district.expandable());
        QCOMPARE(int(layout.boxes().size()), 10 - 4);

        QVERIFY(layout.reveal("1112"));
        layout.update();
        QVERIFY(layout.indexOf("1112") >= 0);
        QVERIFY(layout.isExpanded("1100"));
        QVERIFY(!layout.reveal("nothing"));
    }

    void collapseFromTierIsTheDefault()
    {
        OrgDiagramLayout layout = laidOut(Test::shenzhenChart(), 3);
        QVERIFY(!layout.isExpanded("440303001000")); // a street
        QVERIFY(layout.isExpanded("440303000000")); // its district
        const OrgDiagramBox &street = layout.boxes()[std::size_t(layout.indexOf("440303001000"))];
        QVERIFY(street.hiddenChildren > 0);
        layout.setExpanded("440303001000", true);
        layout.update();
        QVERIFY(layout.indexOf("440303001002") >= 0);
        QCOMPARE(layout.boxes()[std::size_t(layout.indexOf("440303001002"))].name,
            QStringLiteral("桂木园社区"));
    }

    void expansionSurvivesANewChart()
    {
        OrgChart chart = Test::smallChart();
        OrgDiagramLayout layout = laidOut(chart);
        layout.setExpanded("1110", false);
        layout.setExpanded("1200", false);
        QVERIFY(chart.moveUnit("1120", "1200").has_value());
        QVERIFY(chart.retireUnit("1210", QDateTime::currentDateTimeUtc()).has_value());
        layout.setChart(chart);
        layout.update();
        QVERIFY(!layout.isExpanded("1110"));
        QVERIFY(!layout.isExpanded("1200"));
        QCOMPARE(layout.boxes()[std::size_t(layout.indexOf("1200"))].hiddenChildren, 2);
        QCOMPARE(layout.indexOf("1120"), -1);
    }

    void retiredUnitsShowOnlyWhenAsked()
    {
        OrgDiagramLayout layout = laidOut(Test::smallChart());
        QCOMPARE(layout.indexOf("1130"), -1);
        layout.setShowRetired(true);
        layout.update();
        const int retired = layout.indexOf("1130");
        QVERIFY(retired >= 0);
        QVERIFY(layout.boxes()[std::size_t(retired)].retired);
    }

    void jointUnitsAndPeople()
    {
        const OrgDiagramLayout layout = laidOut(Test::smallChart());
        const int joint = layout.indexOf("1900");
        QVERIFY(joint >= 0);
        QCOMPARE(layout.boxes()[std::size_t(joint)].kind, UnitKind::Joint);
        QStringList served;
        for (const OrgDiagramJointLink &link : layout.jointLinks()) {
            QCOMPARE(link.joint, joint);
            served << layout.boxes()[std::size_t(link.served)].code;
        }
        QCOMPARE(served, QStringList({"1100", "1210"}));
        QCOMPARE(layout.boxes()[std::size_t(layout.indexOf("1111"))].people, 3);
        QCOMPARE(layout.boxes()[std::size_t(layout.indexOf("1112"))].people, 0);
    }

    /// The culled searches find exactly what a scan of every box finds.
    void cullingFindsWhatAScanFinds()
    {
        const OrgDiagramLayout layout = laidOut(generatedChart(3000, 11));
        QRandomGenerator random(5);
        const QRectF bounds = layout.bounds();
        for (int round = 0; round < 200; ++round) {
            const QRectF area(bounds.left() + random.bounded(bounds.width()),
                bounds.top() + random.bounded(bounds.height()), 50 + random.bounded(3000.0),
                50 + random.bounded(1200.0));
            std::vector<int> culled;
            layout.boxesIn(area, culled);
            std::vector<int> scanned;
            for (std::size_t box = 0; box < layout.boxes().size(); ++box) {
                if (layout.boxes()[box].rect.intersects(area))
                    scanned.push_back(int(box));
            }
            std::sort(culled.begin(), culled.end());
            QCOMPARE(culled, scanned);

            std::vector<int> families;
            layout.familiesIn(area, families);
            std::vector<int> scannedFamilies;
            for (std::size_t box = 0; box < layout.boxes().size(); ++box) {
                if (layout.familyRect(int(box)).intersects(area))
                    scannedFamilies.push_back(int(box));
            }
            std::sort(families.begin(), families.end());
            QCOMPARE(families, scannedFamilies);
        }
    }

    void boxAtFindsTheBoxUnderAPoint()
    {
        const OrgDiagramLayout layout = laidOut(Test::smallChart());
        for (std::size_t box = 0; box < layout.boxes().size(); ++box)
            QCOMPARE(layout.boxAt(layout.boxes()[box].rect.center()), int(box));
        const QRectF city = layout.boxes().front().rect;
        QCOMPARE(layout.boxAt(city.bottomLeft() + QPointF(0, 10)), -1);
        QCOMPARE(layout.boxAt(QPointF(-1e6, 0)), -1);
    }
};

GRIDDESK_TEST_MAIN(TestOrgDiagramLayout, QCoreApplication)
#include "tst_orgdiagramlayout.moc"
