// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "domain/gridlevel.h"

#include "support/testsupport.h"

#include <QCoreApplication>

using namespace GridDesk;

class TestGridLevel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keysRoundTrip()
    {
        for (int i = 0; i < int(GridLevel::Count); ++i) {
            const auto level = GridLevel(i);
            QCOMPARE(gridLevelFromKey(gridLevelKey(level)), std::optional<GridLevel>(level));
        }
        QCOMPARE(
            gridLevelFromKey(QStringLiteral(" Base ")), std::optional<GridLevel>(GridLevel::Base));
        QVERIFY(!gridLevelFromKey(QStringLiteral("planet")).has_value());
        QVERIFY(!gridLevelFromKey(QString()).has_value());
    }

    void nestingOrder()
    {
        QCOMPARE(gridLevelDepth(GridLevel::District), std::optional<int>(0));
        QVERIFY(*gridLevelDepth(GridLevel::Base) < *gridLevelDepth(GridLevel::Fine));
        QVERIFY(!gridLevelDepth(GridLevel::Business).has_value());
        QCOMPARE(
            gridLevelKeys(), QStringLiteral("district, street, community, base, fine, business"));
    }
};

GRIDDESK_TEST_MAIN(TestGridLevel, QCoreApplication)
#include "tst_gridlevel.moc"
