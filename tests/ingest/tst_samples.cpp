// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "ingest/samples.h"
#include "storage/workspace.h"

#include "support/testsupport.h"

#include <QCoreApplication>
#include <QTemporaryDir>

using namespace GridDesk;

class TestSamples : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

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
