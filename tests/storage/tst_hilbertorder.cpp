// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "storage/hilbertorder.h"

#include "support/testsupport.h"

#include <QCoreApplication>

#include <cstdlib>
#include <vector>

using namespace GridDesk;

class TestHilbertOrder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void curveVisitsACornerBlockCellByCell()
    {
        // The first 4^8 positions of the curve fill the 256 × 256 block at the origin, each
        // cell once, and every step moves to a neighbouring cell.
        constexpr std::uint32_t SIDE = 256;
        std::vector<std::pair<std::uint32_t, std::uint32_t>> cellAt(SIDE * SIDE, {~0u, ~0u});
        for (std::uint32_t x = 0; x < SIDE; ++x) {
            for (std::uint32_t y = 0; y < SIDE; ++y) {
                const std::uint32_t index = hilbertIndex(x, y);
                QVERIFY2(index < SIDE * SIDE, qPrintable(QString::number(index)));
                QCOMPARE(cellAt[index].first, ~0u);
                cellAt[index] = {x, y};
            }
        }
        for (std::size_t i = 1; i < cellAt.size(); ++i) {
            const int dx = std::abs(int(cellAt[i].first) - int(cellAt[i - 1].first));
            const int dy = std::abs(int(cellAt[i].second) - int(cellAt[i - 1].second));
            QCOMPARE(dx + dy, 1);
        }
    }

    void boxesAreOrderedAlongTheCurve()
    {
        // Four boxes in the four quadrants: the curve starts at the origin's quadrant.
        const std::vector<BoundingBox> boxes {
            {9, 9, 10, 10}, {0, 0, 1, 1}, {9, 0, 10, 1}, {0, 9, 1, 10}};
        const std::vector<std::size_t> order = hilbertOrder(boxes);
        QCOMPARE(order.size(), std::size_t(4));
        QCOMPARE(order.front(), std::size_t(1));
        QCOMPARE(order.back(), std::size_t(2));
    }
};

GRIDDESK_TEST_MAIN(TestHilbertOrder, QCoreApplication)
#include "tst_hilbertorder.moc"
