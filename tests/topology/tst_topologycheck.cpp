// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "topologyfixtures.h"

#include "topology/topologycheck.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QtEndian>

#include <algorithm>
#include <cmath>

using namespace GridDesk;
using namespace GridDesk::TopologyTest;

Q_DECLARE_METATYPE(GridDesk::TopologyOptions)

namespace {
using Kind = TopologyFinding::Kind;

const QString D = QStringLiteral("D");
const QString D01 = QStringLiteral("D01");
const QString D02 = QStringLiteral("D02");
const char *PARENT =
    "POLYGON ((121.50 25.00, 121.52 25.00, 121.52 25.01, 121.50 25.01, 121.50 25.00))";
const char *WEST =
    "POLYGON ((121.50 25.00, 121.51 25.00, 121.51 25.01, 121.50 25.01, 121.50 25.00))";
const char *EAST =
    "POLYGON ((121.51 25.00, 121.52 25.00, 121.52 25.01, 121.51 25.01, 121.51 25.00))";

Grid parentGrid()
{
    return gridOf(D, GridLevel::Street, PARENT, {}, {});
}

Grid child(const QString &code, const char *wkt)
{
    return gridOf(code, GridLevel::Base, wkt, D);
}

/// A polygon's WKB written by hand, so that rings GEOS would refuse can be made.
QByteArray rawPolygon(const std::vector<GeoPoint> &ring)
{
    QByteArray bytes(1, char(1));
    auto put = [&bytes](const auto value) {
        const auto little = qToLittleEndian(value);
        bytes.append(reinterpret_cast<const char *>(&little), sizeof little);
    };
    put(quint32(3));
    put(quint32(1));
    put(quint32(ring.size()));
    for (const GeoPoint &point : ring) {
        put(point.lon);
        put(point.lat);
    }
    return bytes;
}

/// "kind:code,code" for each finding, sorted: what a row expects.
QStringList summary(const QList<TopologyFinding> &findings)
{
    QStringList lines;
    for (const TopologyFinding &finding : findings)
        lines << topologyKindKey(finding.kind) + u':' + finding.codes.join(u',');
    lines.sort();
    return lines;
}

double geodesicM2(const char *wkt)
{
    return Wkb::geodesicAreaM2(wkbOf(wkt)).value_or(-1.0);
}

QList<Grid> bowtieGrids()
{
    auto file = readVectorFile(Test::dataPath(QStringLiteral("nyc/bowtie_grids.geojson")));
    QList<Grid> grids;
    for (const VectorFeature &feature : file->features) {
        Grid grid;
        grid.code = file->value(feature, QStringLiteral("code")).toString();
        grid.level = GridLevel::Fine;
        grid.supervisor = QStringLiteral("Lin");
        grid.wkb = feature.wkb;
        GridEdits::refreshMeasures(grid);
        grids << grid;
    }
    return grids;
}

/// Square metres of each polygon of wkb that reach minimum, sorted.
std::vector<double> partAreas(const GeosContext &geos, const GEOSGeometry *geometry, double minimum)
{
    std::vector<double> areas;
    for (int i = 0; i < GEOSGetNumGeometries_r(geos.handle(), geometry); ++i) {
        const GEOSGeometry *part = GEOSGetGeometryN_r(geos.handle(), geometry, i);
        if (GEOSGeomTypeId_r(geos.handle(), part) != GEOS_POLYGON)
            continue;
        const double area = Wkb::geodesicAreaM2(geos.toWkb(part)).value_or(0.0);
        if (area >= minimum)
            areas.push_back(area);
    }
    std::sort(areas.begin(), areas.end());
    return areas;
}

QList<TopologyFinding> ofKind(const QList<TopologyFinding> &findings, Kind kind)
{
    QList<TopologyFinding> selected;
    for (const TopologyFinding &finding : findings) {
        if (finding.kind == kind)
            selected << finding;
    }
    return selected;
}
} // namespace

class TestTopologyCheck : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void kindKeysRoundTrip()
    {
        QStringList keys;
        for (int i = 0; i < int(Kind::Count); ++i) {
            const QString key = topologyKindKey(Kind(i));
            QVERIFY(!key.isEmpty());
            QCOMPARE(topologyKindFromKey(key), std::optional<Kind>(Kind(i)));
            QVERIFY(!topologyKindName(Kind(i)).isEmpty());
            keys << key;
        }
        keys.removeDuplicates();
        QCOMPARE(keys.size(), int(Kind::Count));
        QCOMPARE(topologyKindKey(Kind::Gap), QStringLiteral("gap"));
        QVERIFY(!topologyKindFromKey(QStringLiteral("sliver")).has_value());
    }

    void craftedCoverages_data()
    {
        QTest::addColumn<QList<Grid>>("grids");
        QTest::addColumn<TopologyOptions>("options");
        QTest::addColumn<QStringList>("expected");
        const TopologyOptions defaults;

        QTest::newRow("clean") << QList<Grid> {parentGrid(), child(D01, WEST), child(D02, EAST)}
                               << defaults << QStringList {};
        QTest::newRow("bow tie") << bowtieGrids() << defaults
                                 << QStringList {"invalid-geometry:T2"};
        QTest::newRow("spike") << QList<Grid> {gridOf(QStringLiteral("S"), GridLevel::Base,
            "POLYGON ((121.50 25.00, 121.51 25.00, 121.51 25.01, 121.50502 25.01, "
            "121.505 25.015, 121.50498 25.01, 121.50 25.01, 121.50 25.00))")}
                               << defaults << QStringList {"invalid-geometry:S"};
        Grid flat = child(D01, WEST);
        flat.wkb = rawPolygon({{121.50, 25.00}, {121.51, 25.00}, {121.50, 25.00}});
        QTest::newRow("ring of three points")
            << QList<Grid> {flat} << defaults << QStringList {"invalid-geometry:D01"};
        QTest::newRow("duplicate code")
            << QList<Grid> {parentGrid(), child(D01, WEST), child(D01, EAST)} << defaults
            << QStringList {"duplicate-code:D01"};
        QTest::newRow("overlap") << QList<Grid> {parentGrid(), child(D01, WEST),
            child(D02,
                "POLYGON ((121.508 25.00, 121.52 25.00, 121.52 25.01, 121.508 25.01, "
                "121.508 25.00))")}
                                 << defaults << QStringList {"overlap:D01,D02"};
        QTest::newRow("overlap across parents")
            << QList<Grid> {gridOf(QStringLiteral("E"), GridLevel::Street, WEST),
                   gridOf(QStringLiteral("F"), GridLevel::Street, EAST),
                   gridOf(QStringLiteral("E1"), GridLevel::Base,
                       "POLYGON ((121.50 25.00, 121.512 25.00, 121.512 25.01, 121.50 25.01, "
                       "121.50 25.00))",
                       QStringLiteral("E")),
                   gridOf(QStringLiteral("F1"), GridLevel::Base, EAST, QStringLiteral("F"))}
            << defaults << QStringList {"outside-parent:E1,E", "overlap:E1,F1"};
        QTest::newRow("only a corner touches") << QList<Grid> {child(D01, WEST),
            child(D02,
                "POLYGON ((121.51 25.01, 121.52 25.01, 121.52 25.02, 121.51 25.02, "
                "121.51 25.01))")} << defaults << QStringList {};
        QTest::newRow("gap") << QList<Grid> {parentGrid(), child(D01, WEST),
            child(D02,
                "POLYGON ((121.512 25.00, 121.52 25.00, 121.52 25.01, 121.512 25.01, "
                "121.512 25.00))")}
                             << defaults << QStringList {"gap:D"};
        QTest::newRow("child outside its parent") << QList<Grid> {parentGrid(), child(D01, WEST),
            child(D02,
                "POLYGON ((121.51 25.00, 121.525 25.00, 121.525 25.01, 121.51 25.01, "
                "121.51 25.00))")} << defaults << QStringList {"outside-parent:D02,D"};
        QTest::newRow("malformed codes")
            << QList<Grid> {parentGrid(), child(QStringLiteral("X01"), WEST), child(D, EAST)}
            << defaults
            << QStringList {"duplicate-code:D", "malformed-code:D", "malformed-code:X01"};
        QTest::newRow("blank code") << QList<Grid> {parentGrid(), child(D01, WEST), child({}, EAST)}
                                    << defaults << QStringList {"malformed-code:"};
        Grid unsupervised = child(D02, EAST);
        unsupervised.supervisor = QStringLiteral("  ");
        QTest::newRow("no supervisor") << QList<Grid> {parentGrid(), child(D01, WEST), unsupervised}
                                       << defaults << QStringList {"no-supervisor:D02"};
        TopologyOptions lenient;
        lenient.requireSupervisor = false;
        QTest::newRow("supervisor not required") << QList<Grid> {parentGrid(), child(D01, WEST),
            unsupervised} << lenient << QStringList {};
        const char *across =
            "POLYGON ((121.505 25.00, 121.515 25.00, 121.515 25.01, 121.505 25.01, 121.505 25.00))";
        QTest::newRow("business grids over base grids")
            << QList<Grid> {parentGrid(), child(D01, WEST), child(D02, EAST),
                   gridOf(QStringLiteral("P1"), GridLevel::Business, across)}
            << defaults << QStringList {};
        QTest::newRow("business grids among themselves")
            << QList<Grid> {gridOf(QStringLiteral("P1"), GridLevel::Business, across),
                   gridOf(QStringLiteral("P2"), GridLevel::Business, EAST)}
            << defaults << QStringList {"overlap:P1,P2"};
        TopologyOptions fineOnly;
        fineOnly.level = GridLevel::Fine;
        QTest::newRow("another level asked for") << QList<Grid> {parentGrid(), child(D01, WEST),
            child(D01, EAST)} << fineOnly << QStringList {};
        QTest::newRow("overlap under the minimum") << QList<Grid> {parentGrid(), child(D01, WEST),
            child(D02,
                "POLYGON ((121.509999999 25.00, 121.52 25.00, 121.52 25.01, 121.509999999 25.01, "
                "121.509999999 25.00))")} << defaults
                                                   << QStringList {};
    }
    void craftedCoverages()
    {
        QFETCH(QList<Grid>, grids);
        QFETCH(TopologyOptions, options);
        QFETCH(QStringList, expected);
        auto findings = checkTopology(grids, options);
        QVERIFY2(findings.has_value(), Test::why(findings));
        QVERIFY2(summary(*findings) == expected, qPrintable(summary(*findings).join(u' ')));
        for (const TopologyFinding &finding : *findings) {
            QVERIFY2(!finding.detail.isEmpty(), qPrintable(finding.key()));
            QVERIFY2(!finding.extent.isEmpty(), qPrintable(finding.key()));
            for (const QString &code : finding.codes)
                QVERIFY2(finding.detail.contains(code), qPrintable(finding.detail));
        }
    }

    void areasAreInSquareMetres()
    {
        const QList<Grid> grids {parentGrid(), child(D01, WEST),
            child(D02,
                "POLYGON ((121.508 25.00, 121.525 25.00, 121.525 25.01, 121.508 25.01, "
                "121.508 25.00))")};
        auto findings = checkTopology(grids);
        QVERIFY2(findings.has_value(), Test::why(findings));
        QCOMPARE(summary(*findings), QStringList({"outside-parent:D02,D", "overlap:D01,D02"}));
        const double overlap = geodesicM2(
            "POLYGON ((121.508 25.00, 121.51 25.00, 121.51 25.01, 121.508 25.01, 121.508 25.00))");
        const double outside = geodesicM2(
            "POLYGON ((121.52 25.00, 121.525 25.00, 121.525 25.01, 121.52 25.01, 121.52 25.00))");
        const TopologyFinding nesting = ofKind(*findings, Kind::OutsideParent).front();
        const TopologyFinding shared = ofKind(*findings, Kind::Overlap).front();
        QVERIFY2(std::abs(shared.areaM2 - overlap) < 1e-6 * overlap,
            qPrintable(QStringLiteral("%1 != %2").arg(shared.areaM2).arg(overlap)));
        QVERIFY2(std::abs(nesting.areaM2 - outside) < 1e-6 * outside,
            qPrintable(QStringLiteral("%1 != %2").arg(nesting.areaM2).arg(outside)));
        QVERIFY(shared.location.lon > 121.508 && shared.location.lon < 121.51);
        QVERIFY(nesting.location.lon > 121.52);
        QVERIFY(std::abs(Wkb::geodesicAreaM2(shared.wkb).value_or(0) - overlap) < 1e-6 * overlap);
        QVERIFY(shared.detail.contains(QStringLiteral("121.50")));
    }

    void realVillagesAgainstABruteForceCount()
    {
        // The villages of Wenshan inside the districts of Taipei, as published: whatever the
        // check reports must be what pairwise GEOS overlays find with the same 1 m² minimum.
        const QList<Grid> districts = taipeiDistricts();
        const QList<Grid> villages = wenshanVillages();
        QCOMPARE(districts.size(), 12);
        QCOMPARE(villages.size(), 43);
        auto findings = checkTopology(districts + villages);
        QVERIFY2(findings.has_value(), Test::why(findings));
        for (const TopologyFinding &finding : *findings)
            qInfo().noquote() << finding.key() << finding.areaM2 << finding.detail;

        GeosContext geos;
        const Grid *wenshan = findGrid(districts, QStringLiteral("6300800"));
        QVERIFY(wenshan);
        auto district = geos.fromWkb(wenshan->wkb);
        auto covered = geos.fromWkb(unionOf(villages));
        auto gaps = geos.adopt(GEOSDifference_r(geos.handle(), district->get(), covered->get()));
        const std::vector<double> expectedGaps = partAreas(geos, gaps.get(), 1.0);
        std::vector<double> reportedGaps;
        for (const TopologyFinding &gap : ofKind(*findings, Kind::Gap)) {
            QCOMPARE(gap.codes, QStringList {wenshan->code});
            reportedGaps.push_back(gap.areaM2);
        }
        std::sort(reportedGaps.begin(), reportedGaps.end());
        QCOMPARE(reportedGaps.size(), expectedGaps.size());
        // The check rounds coordinates to 1e-9 degrees (a tenth of a millimetre), which moves
        // the area of a one square metre sliver by a few square centimetres at most.
        for (std::size_t i = 0; i < expectedGaps.size(); ++i)
            QVERIFY2(std::abs(reportedGaps[i] - expectedGaps[i]) < 0.01,
                qPrintable(QStringLiteral("%1 != %2").arg(reportedGaps[i]).arg(expectedGaps[i])));

        QStringList outside;
        QStringList overlapping;
        for (qsizetype i = 0; i < villages.size(); ++i) {
            auto village = geos.fromWkb(villages[i].wkb);
            auto beyond =
                geos.adopt(GEOSDifference_r(geos.handle(), village->get(), district->get()));
            if (!partAreas(geos, beyond.get(), 0.0).empty()
                && Wkb::geodesicAreaM2(geos.toWkb(beyond.get())).value_or(0) >= 1.0)
                outside << villages[i].code + u',' + wenshan->code;
            for (qsizetype j = i + 1; j < villages.size(); ++j) {
                auto other = geos.fromWkb(villages[j].wkb);
                auto shared =
                    geos.adopt(GEOSIntersection_r(geos.handle(), village->get(), other->get()));
                if (Wkb::geodesicAreaM2(geos.toWkb(shared.get())).value_or(0) >= 1.0) {
                    QStringList pair {villages[i].code, villages[j].code};
                    pair.sort();
                    overlapping << pair.join(u',');
                }
            }
        }
        QStringList reportedOutside;
        for (const TopologyFinding &finding : ofKind(*findings, Kind::OutsideParent))
            reportedOutside << finding.codes.join(u',');
        outside.sort();
        reportedOutside.sort();
        QCOMPARE(reportedOutside, outside);
        QStringList reportedOverlaps;
        for (const TopologyFinding &finding : ofKind(*findings, Kind::Overlap))
            reportedOverlaps << finding.codes.join(u',');
        reportedOverlaps.sort();
        overlapping.sort();
        QCOMPARE(reportedOverlaps, overlapping);

        // Nothing else is wrong with the published data: every boundary is valid, every code
        // starts with its district's, every village has the supervisor the fixture gives it.
        QCOMPARE(findings->size(),
            reportedGaps.size() + reportedOutside.size() + reportedOverlaps.size());
        qInfo() << "Wenshan:" << reportedGaps.size() << "gaps," << reportedOutside.size()
                << "villages outside the district," << reportedOverlaps.size() << "overlaps";
    }

    void keysAreStable()
    {
        const QList<Grid> grids {parentGrid(), child(D01, WEST),
            child(D02,
                "POLYGON ((121.508 25.00, 121.52 25.00, 121.52 25.01, 121.508 25.01, "
                "121.508 25.00))")};
        auto first = checkTopology(grids);
        QList<Grid> reordered {grids[2], grids[0], grids[1]};
        auto second = checkTopology(reordered);
        QVERIFY(first.has_value() && second.has_value());
        QCOMPARE(first->size(), 1);
        QCOMPARE(second->front().key(), first->front().key());
        QVERIFY2(first->front().key().startsWith(QStringLiteral("overlap|D01,D02|121.50")),
            qPrintable(first->front().key()));

        TopologyFinding swapped = first->front();
        swapped.codes = {D02, D01};
        QCOMPARE(swapped.key(), first->front().key());
        TopologyFinding nudged = first->front();
        nudged.location.lon += 1e-7;
        QCOMPARE(nudged.key(), first->front().key());
        nudged.location.lon += 1e-3;
        QVERIFY(nudged.key() != first->front().key());
    }

    void findingsComeOrderedByKindThenCode()
    {
        Grid unsupervised = child(QStringLiteral("D03"), EAST);
        unsupervised.supervisor.clear();
        const QList<Grid> grids {
            parentGrid(), child(D02, WEST), unsupervised, child(QStringLiteral("X9"), WEST)};
        auto findings = checkTopology(grids);
        QVERIFY2(findings.has_value(), Test::why(findings));
        QVERIFY(findings->size() >= 3);
        for (qsizetype i = 1; i < findings->size(); ++i) {
            const TopologyFinding &before = findings->at(i - 1);
            const TopologyFinding &after = findings->at(i);
            QVERIFY(before.kind < after.kind
                || (before.kind == after.kind
                    && before.codes.join(u',') <= after.codes.join(u',')));
        }
    }

    void aroundAnEditOnlyItsOwnFindings()
    {
        // An overlap far away stays out of the check after an edit of D01.
        QList<Grid> grids {parentGrid(), child(D01, WEST),
            child(D02,
                "POLYGON ((121.512 25.00, 121.52 25.00, 121.52 25.01, 121.512 25.01, "
                "121.512 25.00))"),
            gridOf(QStringLiteral("F"), GridLevel::Street,
                "POLYGON ((121.60 25.00, 121.62 25.00, 121.62 25.01, 121.60 25.01, 121.60 25.00))"),
            gridOf(QStringLiteral("F1"), GridLevel::Base,
                "POLYGON ((121.60 25.00, 121.611 25.00, 121.611 25.01, 121.60 25.01, 121.60 "
                "25.00))",
                QStringLiteral("F")),
            gridOf(QStringLiteral("F2"), GridLevel::Base,
                "POLYGON ((121.61 25.00, 121.62 25.00, 121.62 25.01, 121.61 25.01, 121.61 25.00))",
                QStringLiteral("F"))};
        auto everything = checkTopology(grids);
        QVERIFY(everything.has_value());
        QCOMPARE(summary(*everything), QStringList({"gap:D", "overlap:F1,F2"}));
        auto around = checkTopologyAround(grids, {D01});
        QVERIFY2(around.has_value(), Test::why(around));
        QCOMPARE(summary(*around), QStringList {"gap:D"});
        auto aroundF = checkTopologyAround(grids, {QStringLiteral("F2")});
        QVERIFY(aroundF.has_value());
        QCOMPARE(summary(*aroundF), QStringList {"overlap:F1,F2"});

        // A code repeated far from the edit is still found.
        grids[4].code = D01;
        auto repeated = checkTopologyAround(grids, {D01});
        QVERIFY(repeated.has_value());
        QVERIFY2(summary(*repeated).contains(QStringLiteral("duplicate-code:D01")),
            qPrintable(summary(*repeated).join(u' ')));
    }

    void closingAGapGivesItToTheLongestNeighbour()
    {
        const QList<Grid> grids {parentGrid(), child(D01, WEST),
            child(D02,
                "POLYGON ((121.512 25.00, 121.52 25.00, 121.52 25.01, 121.512 25.01, "
                "121.512 25.00))")};
        auto findings = checkTopology(grids);
        QVERIFY(findings.has_value());
        QCOMPARE(findings->size(), 1);
        auto closed = closeGap(grids, findings->front());
        QVERIFY2(closed.has_value(), Test::why(closed));
        QCOMPARE(closed->size(), 1);
        // Both border the gap along its full height; the first found of equal length wins.
        const Grid &grown = closed->front();
        QVERIFY(grown.areaM2 > findGrid(grids, grown.code)->areaM2);
        auto after = checkTopology(replaced(grids, *closed));
        QVERIFY(after.has_value());
        QCOMPARE(summary(*after), QStringList {});

        TopologyFinding notAGap = findings->front();
        notAGap.kind = Kind::Overlap;
        QVERIFY(!closeGap(grids, notAGap).has_value());
    }

    void clippingAnOverlapOrAnOverhang()
    {
        const QList<Grid> grids {parentGrid(), child(D01, WEST),
            child(D02,
                "POLYGON ((121.508 25.00, 121.525 25.00, 121.525 25.01, 121.508 25.01, "
                "121.508 25.00))")};
        auto findings = checkTopology(grids);
        QVERIFY(findings.has_value());
        const TopologyFinding overlap = ofKind(*findings, Kind::Overlap).front();
        const TopologyFinding overhang = ofKind(*findings, Kind::OutsideParent).front();

        auto kept = clipOverlap(grids, overlap, D02);
        QVERIFY2(kept.has_value(), Test::why(kept));
        QCOMPARE(kept->size(), 1);
        QCOMPARE(kept->front().code, D01);
        QVERIFY(std::abs(kept->front().areaM2
                    - geodesicM2("POLYGON ((121.50 25.00, 121.508 25.00, "
                                 "121.508 25.01, 121.50 25.01, 121.50 "
                                 "25.00))"))
            < 1.0);
        QVERIFY(!clipOverlap(grids, overlap, QStringLiteral("Z")).has_value());

        auto inside = clipOverlap(replaced(grids, *kept), overhang, {});
        QVERIFY2(inside.has_value(), Test::why(inside));
        QCOMPARE(inside->front().code, D02);
        auto after = checkTopology(replaced(replaced(grids, *kept), *inside));
        QVERIFY(after.has_value());
        QCOMPARE(summary(*after), QStringList {});
    }
};

GRIDDESK_TEST_MAIN(TestTopologyCheck, QCoreApplication)
#include "tst_topologycheck.moc"
