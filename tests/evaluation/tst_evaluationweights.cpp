// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "evaluation/evaluationweights.h"
#include "storage/workspace.h"

#include "support/testsupport.h"

#include <QCoreApplication>
#include <QTemporaryDir>

using namespace GridDesk;

class TestEvaluationWeights : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_files = 0;

    std::unique_ptr<Workspace> fresh()
    {
        auto workspace = Workspace::open(m_dir.filePath(QStringLiteral("w%1.gpkg").arg(++m_files)));
        return workspace ? std::move(*workspace) : nullptr;
    }

private Q_SLOTS:
    void defaultsUntilSavedAndSavedAfterReopening()
    {
        auto workspace = fresh();
        QVERIFY(workspace);
        auto loaded = EvaluationWeights::load(*workspace);
        QVERIFY2(loaded, Test::why(loaded));
        QCOMPARE(loaded->weights, EvaluationWeights::defaults().weights);
        QCOMPARE(loaded->total(), 100.0);
        QCOMPARE(loaded->minimumCases, 30);
        // Every scored indicator has a weight, each tied to its clause.
        QCOMPARE(loaded->weights.keys(), scoredIndicators());
        QCOMPARE(indicatorClause(Indicator::Satisfaction), QStringLiteral("7.9.1"));
        QCOMPARE(indicatorClause(Indicator::FirstDiscoveryRate), QStringLiteral("7.8.2.4"));

        QVERIFY(loaded->set(QStringLiteral("satisfaction"), QStringLiteral("40")));
        QVERIFY(loaded->set(QStringLiteral("first-discovery-rate"), QStringLiteral("0")));
        loaded->minimumCases = 12;
        QVERIFY(loaded->save(*workspace));
        const QString path = workspace->path();
        workspace.reset();

        auto reopened = Workspace::open(path);
        QVERIFY2(reopened, Test::why(reopened));
        auto again = EvaluationWeights::load(**reopened);
        QVERIFY2(again, Test::why(again));
        QCOMPARE(again->weights.value(Indicator::Satisfaction), 40.0);
        QCOMPARE(again->weights.value(Indicator::FirstDiscoveryRate), 0.0);
        QCOMPARE(again->minimumCases, 12);
        const QString stored =
            (*reopened)->metadata(QLatin1String(EvaluationWeights::METADATA_KEY));
        QVERIFY2(stored.contains(QLatin1String("\"clause\":\"7.9.1\"")), qPrintable(stored));
    }

    void badWeightsAreRefusedWithTheirName_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("named");
        QTest::newRow("unknown") << "speed"
                                 << "3"
                                 << "speed";
        QTest::newRow("a count, not scored") << "received"
                                             << "3"
                                             << "received";
        QTest::newRow("negative") << "closure_rate"
                                  << "-1"
                                  << "closure_rate";
        QTest::newRow("text") << "rework_rate"
                              << "lots"
                              << "lots";
        QTest::newRow("too much") << "rework_rate"
                                  << "5000"
                                  << "5000";
        QTest::newRow("not a number") << "rework_rate"
                                      << "nan"
                                      << "nan";
    }

    void badWeightsAreRefusedWithTheirName()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, named);
        EvaluationWeights weights = EvaluationWeights::defaults();
        auto set = weights.set(key, value);
        QVERIFY(!set);
        QVERIFY2(set.error().message.contains(named), qPrintable(set.error().message));
        QCOMPARE(weights.weights, EvaluationWeights::defaults().weights);
    }

    void allZeroOrNoMinimumIsNotSaved()
    {
        auto workspace = fresh();
        QVERIFY(workspace);
        EvaluationWeights zero = EvaluationWeights::defaults();
        for (Indicator indicator : scoredIndicators())
            QVERIFY(zero.set(indicatorKey(indicator), QStringLiteral("0")));
        QVERIFY(!zero.save(*workspace));
        EvaluationWeights noMinimum = EvaluationWeights::defaults();
        noMinimum.minimumCases = 0;
        QVERIFY(!noMinimum.save(*workspace));
        QVERIFY(workspace->metadata(QLatin1String(EvaluationWeights::METADATA_KEY)).isEmpty());
    }

    void unreadableStoredWeightsFailClearly()
    {
        auto workspace = fresh();
        QVERIFY(workspace);
        QVERIFY(workspace->setMetadata(
            QLatin1String(EvaluationWeights::METADATA_KEY), QStringLiteral("{not json")));
        auto broken = EvaluationWeights::load(*workspace);
        QVERIFY(!broken);
        QVERIFY2(broken.error().message.contains(QLatin1String("weights")),
            qPrintable(broken.error().message));

        QVERIFY(workspace->setMetadata(QLatin1String(EvaluationWeights::METADATA_KEY),
            QStringLiteral(R"({"weights":{"closure_rate":{"weight":"heavy"}}})")));
        broken = EvaluationWeights::load(*workspace);
        QVERIFY(!broken);
        QVERIFY2(broken.error().message.contains(QLatin1String("closure_rate")),
            qPrintable(broken.error().message));
    }
};

GRIDDESK_TEST_MAIN(TestEvaluationWeights, QCoreApplication)
#include "tst_evaluationweights.moc"
