// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "maprender/spatialindex.h"

#include "support/testsupport.h"

#include <QGuiApplication>
#include <QRandomGenerator>

#include <algorithm>

using namespace GridDesk;

class TestSpatialIndex : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void empty();
    void single();
    void matchesBruteForce_data();
    void matchesBruteForce();
};

namespace {
std::vector<quint32> queryAll(const SpatialIndex &index, const IndexBox &box)
{
    std::vector<quint32> found;
    index.query(box, [&found](quint32 item) { found.push_back(item); });
    std::sort(found.begin(), found.end());
    return found;
}
} // namespace

void TestSpatialIndex::empty()
{
    const SpatialIndex index(std::vector<IndexBox> {});
    QVERIFY(queryAll(index, {0, 0, 10, 10}).empty());
}

void TestSpatialIndex::single()
{
    const SpatialIndex index(std::vector<IndexBox> {{1, 1, 2, 2}});
    QCOMPARE(queryAll(index, {0, 0, 1.5, 1.5}), std::vector<quint32> {0});
    QVERIFY(queryAll(index, {3, 3, 4, 4}).empty());
}

void TestSpatialIndex::matchesBruteForce_data()
{
    QTest::addColumn<int>("count");
    QTest::newRow("one-leaf") << 10;
    QTest::newRow("two-levels") << 200;
    QTest::newRow("uneven-tail") << 4099;
}

void TestSpatialIndex::matchesBruteForce()
{
    QFETCH(int, count);
    QRandomGenerator random(42);
    std::vector<IndexBox> boxes;
    for (int i = 0; i < count; ++i) {
        const float x = float(random.bounded(1000.0));
        const float y = float(random.bounded(1000.0));
        boxes.push_back({x, y, x + float(random.bounded(20.0)), y + float(random.bounded(20.0))});
    }
    const SpatialIndex index(boxes);
    QCOMPARE(index.size(), std::size_t(count));

    for (int q = 0; q < 50; ++q) {
        const float x = float(random.bounded(1000.0));
        const float y = float(random.bounded(1000.0));
        const IndexBox query {x, y, x + 80, y + 50};
        std::vector<quint32> expected;
        for (quint32 i = 0; i < boxes.size(); ++i) {
            if (boxes[i].intersects(query))
                expected.push_back(i);
        }
        QCOMPARE(queryAll(index, query), expected);
    }
}

GRIDDESK_TEST_MAIN(TestSpatialIndex, QGuiApplication)

#include "tst_spatialindex.moc"
