// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "gis/gridlocator.h"
#include "gis/vectorfile.h"

#include "support/testsupport.h"

#include <QCoreApplication>

using namespace GridDesk;

namespace {
QByteArray wkbOf(const GeosContext &geos, const char *wkt)
{
    GEOSWKTReader *reader = GEOSWKTReader_create_r(geos.handle());
    auto geometry = geos.adopt(GEOSWKTReader_read_r(geos.handle(), reader, wkt));
    GEOSWKTReader_destroy_r(geos.handle(), reader);
    return geos.toWkb(geometry.get());
}

Grid grid(const GeosContext &geos, const char *code, GridLevel level, const char *wkt)
{
    Grid result;
    result.code = QString::fromLatin1(code);
    result.level = level;
    result.wkb = wkbOf(geos, wkt);
    return result;
}
} // namespace

class TestGridLocator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void innermostGridWins_data()
    {
        QTest::addColumn<double>("x");
        QTest::addColumn<double>("y");
        QTest::addColumn<QString>("expected");
        QTest::newRow("inside fine grid") << 1.5 << 1.5 << "D1-B1-F1";
        QTest::newRow("base grid outside its fine grids") << 4.5 << 4.5 << "D1-B1";
        QTest::newRow("district only") << 8.0 << 8.0 << "D1";
        QTest::newRow("on a shared edge") << 5.0 << 2.0 << "D1-B1";
        QTest::newRow("outside every grid") << 20.0 << 20.0 << "";
        QTest::newRow("business grids do not count") << 9.5 << 9.5 << "D1";
    }
    void innermostGridWins()
    {
        QFETCH(double, x);
        QFETCH(double, y);
        QFETCH(QString, expected);
        GeosContext geos;
        GridLocator locator;
        QVERIFY(
            locator
                .build({
                    grid(
                        geos, "D1", GridLevel::District, "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))"),
                    grid(geos, "D1-B1", GridLevel::Base, "POLYGON ((0 0, 5 0, 5 5, 0 5, 0 0))"),
                    grid(geos, "D1-B2", GridLevel::Base, "POLYGON ((5 0, 10 0, 10 5, 5 5, 5 0))"),
                    grid(geos, "D1-B1-F1", GridLevel::Fine, "POLYGON ((1 1, 2 1, 2 2, 1 2, 1 1))"),
                    grid(
                        geos, "P1", GridLevel::Business, "POLYGON ((9 9, 10 9, 10 10, 9 10, 9 9))"),
                })
                .has_value());
        QCOMPARE(locator.size(), 4);
        QCOMPARE(locator.locate(GeoPoint {x, y}).value_or(QString()), expected);
    }

    void parentsByContainmentAndMajority()
    {
        GeosContext geos;
        GridLocator locator;
        QVERIFY(locator
                    .build({
                        grid(geos, "D1", GridLevel::District,
                            "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))"),
                        grid(geos, "D2", GridLevel::District,
                            "POLYGON ((10 0, 20 0, 20 10, 10 10, 10 0))"),
                    })
                    .has_value());
        auto child = geos.fromWkb(wkbOf(geos, "POLYGON ((11 1, 12 1, 12 2, 11 2, 11 1))"));
        QCOMPARE(locator.parentOf(child->get(), GridLevel::Base).value_or(QString()),
            QStringLiteral("D2"));
        // A business area mostly in D1 with a sliver in D2.
        auto business = geos.fromWkb(wkbOf(geos, "POLYGON ((2 2, 11 2, 11 3, 2 3, 2 2))"));
        QCOMPARE(locator.parentOf(business->get(), GridLevel::Business).value_or(QString()),
            QStringLiteral("D1"));
        QVERIFY(!locator.parentOf(child->get(), GridLevel::District).has_value());
    }

    void realVillagesLocateTheirOwnCentres()
    {
        auto villages =
            readVectorFile(Test::dataPath(QStringLiteral("taipei/wenshan_villages.geojson")));
        QVERIFY(villages.has_value());
        QList<Grid> grids;
        for (const VectorFeature &feature : villages->features) {
            Grid g;
            g.code = villages->value(feature, QStringLiteral("CPTVID")).toString();
            g.level = GridLevel::Base;
            g.wkb = feature.wkb;
            grids << g;
        }
        GridLocator locator;
        QVERIFY(locator.build(grids).has_value());
        for (const Grid &g : grids) {
            auto geometry = locator.geos().fromWkb(g.wkb);
            const auto inside = locator.geos().pointOnSurface(geometry->get());
            QVERIFY(inside.has_value());
            QCOMPARE(locator.locate(*inside).value_or(QString()), g.code);
        }
    }
};

GRIDDESK_TEST_MAIN(TestGridLocator, QCoreApplication)
#include "tst_gridlocator.moc"
