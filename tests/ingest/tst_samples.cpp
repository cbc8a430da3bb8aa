// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "ingest/samples.h"
#include "org/orgchart.h"
#include "storage/workspace.h"
#include "workflow/workflowsetup.h"

#include "support/testsupport.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QTemporaryDir>

using namespace GridDesk;

class TestSamples : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    /// The workspace file of a sample, filled from it unless an earlier test did.
    std::unique_ptr<Workspace> sampleWorkspace(const QString &key)
    {
        const QString path = m_dir.filePath(key + QStringLiteral(".gpkg"));
        const bool filled = QFileInfo::exists(path);
        auto workspace = Workspace::open(path);
        if (!workspace)
            return {};
        if (!filled && !importSample(**workspace, QDir(Test::mapsPath()), key))
            return {};
        return std::move(*workspace);
    }

private Q_SLOTS:
    void bundledSamplesAreListed()
    {
        const QList<Sample> samples = availableSamples(QDir(Test::mapsPath()));
        QCOMPARE(samples.size(), 2);
        QCOMPARE(samples.at(0).key, QStringLiteral("nyc"));
        QCOMPARE(samples.at(1).key, QStringLiteral("taipei"));
        for (const Sample &sample : samples)
            QVERIFY(sample.attribution.contains(QLatin1String("open data"), Qt::CaseInsensitive));
    }

    void newYork()
    {
        auto workspace = Workspace::open(m_dir.filePath(QStringLiteral("nyc.gpkg")));
        QVERIFY(workspace.has_value());
        auto summary = importSample(**workspace, QDir(Test::mapsPath()), QStringLiteral("nyc"));
        QVERIFY2(summary.has_value(), Test::why(summary).constData());
        QCOMPARE((*workspace)->grids(GridLevel::District)->size(), 5);
        QCOMPARE((*workspace)->grids(GridLevel::Base)->size(), 59);
        QCOMPARE(*(*workspace)->caseCount(), 2000);
        QCOMPARE(summary->located, 1400);
        QCOMPARE((*workspace)->metadata(QStringLiteral("sample")), QStringLiteral("nyc"));
        const auto districts = (*workspace)->grids(GridLevel::Base);
        for (const Grid &grid : *districts)
            QCOMPARE(grid.parentCode, grid.code.left(1));

        // Every case has the history its timestamps tell; 24 pending and 20 assigned ones
        // are still with their agencies.
        QCOMPARE(summary->histories, 2000);
        const auto cases = (*workspace)->cases();
        QHash<QString, int> states;
        for (const CaseRecord &record : *cases) {
            QVERIFY2(record.version >= 3, qPrintable(record.externalId));
            ++states[record.state];
        }
        QCOMPARE(states.value(QStringLiteral("closed")), 1956);
        QCOMPARE(states.value(QStringLiteral("dispatched")), 24);
        QCOMPARE(states.value(QStringLiteral("in_handling")), 20);
    }

    void newYorkIsReadyToRun()
    {
        auto workspace = Workspace::open(m_dir.filePath(QStringLiteral("nyc-desk.gpkg")));
        QVERIFY(workspace.has_value());
        QVERIFY(importSample(**workspace, QDir(Test::mapsPath()), QStringLiteral("nyc")));
        const auto setup = WorkflowSetup::load(**workspace);
        QVERIFY2(setup.has_value(), Test::why(setup).constData());

        QCOMPARE(setup->units.displayName(QStringLiteral("city")),
            QStringLiteral("New York City supervision centre"));
        QCOMPARE(setup->user(QStringLiteral("Operator Chen"))->role, QStringLiteral("operator"));
        QCOMPARE(setup->user(QStringLiteral("Supervisor Li"))->role, QStringLiteral("supervisor"));
        QCOMPARE(setup->user(QStringLiteral("Leader Wang"))->unitCode, QStringLiteral("city"));
        // The agencies with most cases in the sample: NYPD 619, DOT 502, DOF 340.
        for (const char *agency : {"NYPD", "DOT", "DOF"}) {
            const auto handler =
                setup->user(QString::fromLatin1(agency) + QStringLiteral(" handler"));
            QVERIFY2(handler, agency);
            QCOMPARE(handler->role, QStringLiteral("unit_handler"));
            QVERIFY(setup->units.contains(handler->unitCode));
        }
        QCOMPARE(setup->users.size(), 6);

        // Street Condition (274 cases) is the most common category; DOT handled them all.
        const QList<DispatchRule> &rules = setup->rules.rules();
        QCOMPARE(rules.size(), 5);
        QCOMPARE(rules.first().id, QStringLiteral("R1"));
        QCOMPARE(rules.first().category, QStringLiteral("Street Condition"));
        QCOMPARE(rules.first().unit, QStringLiteral("DOT"));
        for (const DispatchRule &rule : rules)
            QVERIFY2(setup->units.contains(rule.unit), qPrintable(rule.unit));
    }

    void taipei()
    {
        auto workspace = Workspace::open(m_dir.filePath(QStringLiteral("taipei.gpkg")));
        auto summary = importSample(**workspace, QDir(Test::mapsPath()), QStringLiteral("taipei"));
        QVERIFY2(summary.has_value(), Test::why(summary).constData());
        QCOMPARE((*workspace)->grids(GridLevel::District)->size(), 12);
        QCOMPARE((*workspace)->grids(GridLevel::Base)->size(), 456);
        const auto police = (*workspace)->grids(GridLevel::Business);
        QCOMPARE(police->size(), 90);
        for (const Grid &grid : *police)
            QVERIFY2(!grid.parentCode.isEmpty(), qPrintable(grid.name));
        const auto villages = (*workspace)->grids(GridLevel::Base);
        for (const Grid &grid : *villages)
            QVERIFY2(grid.code.startsWith(grid.parentCode) && !grid.parentCode.isEmpty(),
                qPrintable(grid.code + QLatin1Char('/') + grid.parentCode));

        // No cases: the desk starts from the city's twelve district command centres, and the
        // org tree brings the 456 villages' workstations below them.
        const auto setup = WorkflowSetup::load(**workspace);
        QVERIFY2(setup.has_value(), Test::why(setup).constData());
        QCOMPARE(setup->units.size(), 1 + 12 + 456);
        const auto districts = (*workspace)->grids(GridLevel::District);
        for (const Grid &district : *districts) {
            const auto centre = setup->units.unit(district.code);
            QVERIFY2(centre, qPrintable(district.code));
            QCOMPARE(centre->tier, 2);
            QCOMPARE(centre->parentCode, QStringLiteral("city"));
            QVERIFY2(centre->name.startsWith(district.name), qPrintable(centre->name));
        }
        QCOMPARE(setup->users.size(), 6);
        QVERIFY(setup->categories.contains(QStringLiteral("component")));
        QVERIFY(setup->categories.contains(QStringLiteral("event")));
        QVERIFY(setup->rules.isEmpty());
    }

    void newYorkOrgTreeComesFromItsBoundaries()
    {
        const auto workspace = sampleWorkspace(QStringLiteral("nyc"));
        QVERIFY(workspace);
        auto chart = OrgChart::load(*workspace);
        QVERIFY2(chart.has_value(), Test::why(chart).constData());
        const auto boroughs = workspace->grids(GridLevel::District);
        const auto districts = workspace->grids(GridLevel::Base);
        for (const QList<Grid> *grids : {&*boroughs, &*districts}) {
            for (const Grid &grid : *grids) {
                const ChartUnit *unit = chart->unit(grid.code);
                QVERIFY2(unit, qPrintable(grid.code));
                QCOMPARE(unit->name, grid.name);
                QCOMPARE(unit->jurisdiction, QStringList {grid.code});
                QCOMPARE(unit->tier, grid.level == GridLevel::District ? 2 : 3);
                const QString parent =
                    grid.level == GridLevel::District ? QStringLiteral("city") : grid.parentCode;
                QCOMPARE(unit->parentCode, parent);
            }
        }
        // The agencies of the 311 cases are joint-handling units serving the five boroughs.
        const ChartUnit *sanitation = chart->unit(QStringLiteral("DSNY"));
        QVERIFY(sanitation != nullptr);
        QCOMPARE(sanitation->kind, UnitKind::Joint);
        QCOMPARE(sanitation->linkedUnits, (QStringList {"1", "2", "3", "4", "5"}));
        QCOMPARE(chart->jointUnitsFor(QStringLiteral("3")).size(),
            qsizetype(chart->units().size() - 1 - 5 - 59));
    }

    void taipeiOrgTreeSkipsTierThree()
    {
        const auto workspace = sampleWorkspace(QStringLiteral("taipei"));
        QVERIFY(workspace);
        auto chart = OrgChart::load(*workspace);
        QVERIFY2(chart.has_value(), Test::why(chart).constData());
        QCOMPARE(chart->units().size(), 1 + 12 + 456);
        const auto villages = workspace->grids(GridLevel::Base);
        for (const Grid &village : *villages) {
            const ChartUnit *unit = chart->unit(village.code);
            QVERIFY2(unit, qPrintable(village.code));
            QCOMPARE(unit->tier, 4);
            QCOMPARE(unit->parentCode, village.parentCode);
            QCOMPARE(unit->jurisdiction, QStringList {village.code});
            QCOMPARE(chart->unit(unit->parentCode)->tier, 2);
        }
        QCOMPARE(chart->unit(QStringLiteral("6301200"))->name, QStringLiteral("北投區"));
    }

    void unknownSampleIsAnError()
    {
        auto workspace = Workspace::open(m_dir.filePath(QStringLiteral("none.gpkg")));
        auto summary =
            importSample(**workspace, QDir(Test::mapsPath()), QStringLiteral("atlantis"));
        QVERIFY(!summary.has_value());
        QVERIFY(summary.error().message.contains(QLatin1String("atlantis")));
        QCOMPARE(*(*workspace)->gridCount(), 0);
    }
};

GRIDDESK_TEST_MAIN(TestSamples, QCoreApplication)
#include "tst_samples.moc"
