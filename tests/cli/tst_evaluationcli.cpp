// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "evaluation/evaluator.h"

#include "clirunner.h"
#include "evaluationfixture.h"
#include "support/testsupport.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QStandardPaths>

using namespace GridDesk;

class TestEvaluationCli : public QObject
{
    Q_OBJECT

    Test::EvaluationCity m_city;
    std::unique_ptr<Workspace> m_workspace;
    QString m_path;
    QTemporaryDir m_out;

    QString out(const QString &name) const { return m_out.filePath(name); }

private Q_SLOTS:
    void initTestCase()
    {
        m_workspace = m_city.build();
        QVERIFY(m_workspace);
        m_path = m_workspace->path();
    }

    void jsonUsesTheSameDefinitionsAsTheModule()
    {
        const Test::Run run = Test::cli({QStringLiteral("evaluation"), m_path,
            QStringLiteral("--from"), QStringLiteral("2026-03-01"), QStringLiteral("--to"),
            QStringLiteral("2026-03-31"), QStringLiteral("--by"), QStringLiteral("grid"),
            QStringLiteral("--as"), QStringLiteral("ray"), QStringLiteral("--json")});
        QVERIFY2(run.status == 0, qPrintable(run.err));
        const QJsonObject json = QJsonDocument::fromJson(run.out).object();
        const QJsonObject filter = json.value(QLatin1String("filter")).toObject();
        QCOMPARE(filter.value(QLatin1String("from")).toString(), QStringLiteral("2026-03-01"));
        QCOMPARE(filter.value(QLatin1String("to")).toString(), QStringLiteral("2026-03-31"));
        QCOMPARE(filter.value(QLatin1String("by")).toString(), QStringLiteral("grid"));
        QCOMPARE(filter.value(QLatin1String("user")).toString(), QStringLiteral("ray"));

        EvaluationFilter same;
        same.from = QDate(2026, 3, 1);
        same.to = QDate(2026, 3, 31);
        same.groupBy = Grouping::Grid;
        same.user = QStringLiteral("ray");
        auto report = Evaluator::run(*m_workspace, same);
        QVERIFY2(report, Test::why(report));
        const QJsonObject indicators = json.value(QLatin1String("total"))
                                           .toObject()
                                           .value(QLatin1String("indicators"))
                                           .toObject();
        for (Indicator indicator : allIndicators()) {
            const QJsonObject printed = indicators.value(indicatorKey(indicator)).toObject();
            QCOMPARE(printed.value(QLatin1String("numerator")).toInteger(),
                report->total.value(indicator).numerator);
        }
        // Roads sees C3 and C4 in March (C7, in its grid, came in April).
        QCOMPARE(indicators.value(QLatin1String("received"))
                     .toObject()
                     .value(QLatin1String("cases"))
                     .toArray(),
            QJsonArray({m_city.id(3), m_city.id(4)}));
        QCOMPARE(json.value(QLatin1String("groups")).toArray().size(), 1);
    }

    void textReportSaysWhatItCounted()
    {
        const Test::Run run = Test::cli({QStringLiteral("evaluation"), m_path,
            QStringLiteral("--period"), QStringLiteral("month")});
        QVERIFY2(run.status == 0, qPrintable(run.err));
        const QString text = QString::fromUtf8(run.out);
        QVERIFY2(text.contains(QLatin1String("Cases reported from the first case to now, per "
                                             "month, every case of the workspace")),
            qPrintable(text));
        QVERIFY(text.contains(QLatin1String("2026-04")));
        QVERIFY(text.contains(QLatin1String("Closure rate")));
        QVERIFY(text.contains(QLatin1String("83.3% (5/6)")));
        QVERIFY(text.contains(QLatin1String("Not ranked")));
    }

    void csvAndPdfFilesCarryTheFilter()
    {
        const QString csv = out(QStringLiteral("march.csv"));
        Test::Run run = Test::cli({QStringLiteral("evaluation"), m_path, QStringLiteral("--to"),
            QStringLiteral("2026-03-05"), QStringLiteral("--by"), QStringLiteral("unit"),
            QStringLiteral("--csv"), csv});
        QVERIFY2(run.status == 0, qPrintable(run.err));
        QVERIFY(run.out.contains("march.csv: 7 cases"));
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        QVERIFY(text.contains(QLatin1String("filter,,,to,,2026-03-05")));
        QVERIFY(text.contains(QLatin1String("filter,,,by,,unit")));
        QVERIFY(text.contains(QLatin1String("indicator,all cases,,closure_rate,7.8.2.4,0.6,3,5,")));

        // Written again only when asked to.
        run = Test::cli({QStringLiteral("evaluation"), m_path, QStringLiteral("--csv"), csv});
        QCOMPARE(run.status, 1);
        QVERIFY2(run.err.contains(QLatin1String("--overwrite")), qPrintable(run.err));

        if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty())
            QFAIL("pdftotext (poppler-utils) is missing: run packaging/dev.sh test");
        const QString pdf = out(QStringLiteral("march.pdf"));
        run = Test::cli({QStringLiteral("evaluation"), m_path, QStringLiteral("--to"),
            QStringLiteral("2026-03-05"), QStringLiteral("--as"), QStringLiteral("boss"),
            QStringLiteral("--pdf"), pdf});
        QVERIFY2(run.status == 0, qPrintable(run.err));
        QProcess reader;
        reader.start(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")});
        QVERIFY(reader.waitForFinished(60'000));
        const QString pdfText = QString::fromUtf8(reader.readAllStandardOutput());
        QVERIFY2(pdfText.contains(QLatin1String("to 2026-03-05, as seen by user boss")),
            qPrintable(pdfText));
        QVERIFY(pdfText.contains(QLatin1String("60.0%")));
    }

    void badInputIsRefusedWithWhatIsWrong_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
        const QString ws = QStringLiteral("WS");
        QTest::newRow("bad day") << QStringList {ws, "--from", "2026-13-01"} << 2
                                 << "--from \"2026-13-01\" is not a day";
        QTest::newRow("not a date")
            << QStringList {ws, "--to", "yesterday"} << 2 << "--to \"yesterday\"";
        QTest::newRow("backwards") << QStringList {ws, "--from", "2026-03-05", "--to", "2026-03-01"}
                                   << 2 << "starts on 2026-03-05, after it ends on 2026-03-01";
        QTest::newRow("unknown grouping")
            << QStringList {ws, "--by", "street"} << 2 << "unknown grouping \"street\"";
        QTest::newRow("unknown period")
            << QStringList {ws, "--period", "year"} << 2 << "unknown period \"year\"";
        QTest::newRow("two outputs") << QStringList {ws, "--json", "--pdf", "x.pdf"} << 2
                                     << "choose one of --json, --csv and --pdf";
        QTest::newRow("unwritable") << QStringList {ws, "--csv", "/nonexistent/dir/r.csv"} << 2
                                    << "/nonexistent/dir/r.csv cannot be written";
        QTest::newRow("unknown user")
            << QStringList {ws, "--as", "nobody"} << 1 << "nobody is not a user of this workspace";
        QTest::newRow("no workspace") << QStringList {"/nonexistent/city.gpkg"} << 1
                                      << "/nonexistent/city.gpkg does not exist";
        QTest::newRow("unknown last period")
            << QStringList {ws, "--last", "year"} << 2 << "unknown period \"year\" for --last";
        QTest::newRow("last and from") << QStringList {ws, "--last", "month", "--from",
            "2026-03-01"} << 2 << "--last takes the place of --from and --to";
        QTest::newRow("on without last")
            << QStringList {ws, "--on", "2026-04-10"} << 2 << "--on goes with --last";
        QTest::newRow("bad on day") << QStringList {ws, "--last", "week", "--on", "2026-02-30"} << 2
                                    << "--on \"2026-02-30\" is not a day";
        QTest::newRow("period name without last") << QStringList {ws, "--csv",
            "r-{period}.csv"} << 2 << "{period} in r-{period}.csv names the period of --last";
    }

    void periodicReportsCountTheLastWholePeriod()
    {
        using Span = std::pair<QDate, QDate>;
        // A Wednesday: the week before ran Monday 30 March to Sunday 5 April.
        QCOMPARE(EvaluationFilter::periodBefore(Period::Week, QDate(2026, 4, 8)),
            Span(QDate(2026, 3, 30), QDate(2026, 4, 5)));
        // On a Monday, the week that ended yesterday.
        QCOMPARE(EvaluationFilter::periodBefore(Period::Week, QDate(2026, 4, 6)),
            Span(QDate(2026, 3, 30), QDate(2026, 4, 5)));
        QCOMPARE(EvaluationFilter::periodBefore(Period::Month, QDate(2026, 3, 1)),
            Span(QDate(2026, 2, 1), QDate(2026, 2, 28)));
        QCOMPARE(EvaluationFilter::periodBefore(Period::Quarter, QDate(2026, 4, 1)),
            Span(QDate(2026, 1, 1), QDate(2026, 3, 31)));
        QCOMPARE(EvaluationFilter::periodBefore(Period::Quarter, QDate(2026, 1, 15)),
            Span(QDate(2025, 10, 1), QDate(2025, 12, 31)));

        // The monthly report made on 10 April counts March, and names its file after it.
        const Test::Run periodic =
            Test::cli({QStringLiteral("evaluation"), m_path, QStringLiteral("--last"),
                QStringLiteral("month"), QStringLiteral("--on"), QStringLiteral("2026-04-10"),
                QStringLiteral("--csv"), out(QStringLiteral("monthly-{period}.csv"))});
        QVERIFY2(periodic.status == 0, qPrintable(periodic.err));
        QFile file(out(QStringLiteral("monthly-2026-03.csv")));
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(periodic.out));
        const QString text = QString::fromUtf8(file.readAll());
        QVERIFY(text.contains(QLatin1String("filter,,,from,,2026-03-01")));
        QVERIFY(text.contains(QLatin1String("filter,,,to,,2026-03-31")));

        // The same figures as the report asked for by its days.
        const auto received = [](const QByteArray &json) {
            return QJsonDocument::fromJson(json)
                .object()
                .value(QLatin1String("total"))
                .toObject()
                .value(QLatin1String("indicators"))
                .toObject()
                .value(QLatin1String("received"))
                .toObject()
                .value(QLatin1String("cases"))
                .toArray();
        };
        const Test::Run byLast = Test::cli({QStringLiteral("evaluation"), m_path,
            QStringLiteral("--last"), QStringLiteral("month"), QStringLiteral("--on"),
            QStringLiteral("2026-04-10"), QStringLiteral("--json")});
        const Test::Run byDays = Test::cli({QStringLiteral("evaluation"), m_path,
            QStringLiteral("--from"), QStringLiteral("2026-03-01"), QStringLiteral("--to"),
            QStringLiteral("2026-03-31"), QStringLiteral("--json")});
        QVERIFY2(byLast.status == 0 && byDays.status == 0, qPrintable(byLast.err + byDays.err));
        QVERIFY(!received(byLast.out).isEmpty());
        QCOMPARE(received(byLast.out), received(byDays.out));
        // April's report has the April case (C7) that March's has not.
        const Test::Run april = Test::cli({QStringLiteral("evaluation"), m_path,
            QStringLiteral("--last"), QStringLiteral("month"), QStringLiteral("--on"),
            QStringLiteral("2026-05-02"), QStringLiteral("--json")});
        QVERIFY(received(april.out).contains(m_city.id(7)));
        QVERIFY(!received(byLast.out).contains(m_city.id(7)));
    }

    void badInputIsRefusedWithWhatIsWrong()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, status);
        QFETCH(QString, message);
        if (arguments.first() == QLatin1String("WS"))
            arguments.first() = m_path;
        const Test::Run run = Test::cli(QStringList {QStringLiteral("evaluation")} + arguments);
        QCOMPARE(run.status, status);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
        QVERIFY(run.out.isEmpty());
    }

    void weightsAreEditedAndUsed()
    {
        Test::Run run = Test::cli({QStringLiteral("evaluation-weights"), m_path,
            QStringLiteral("--set"), QStringLiteral("closure_rate=1"), QStringLiteral("--set"),
            QStringLiteral("on_time_closure_rate=0"), QStringLiteral("--set"),
            QStringLiteral("rework_rate=0"), QStringLiteral("--set"),
            QStringLiteral("supervision_rate=0"), QStringLiteral("--set"),
            QStringLiteral("first_discovery_rate=0"), QStringLiteral("--set"),
            QStringLiteral("satisfaction=0"), QStringLiteral("--minimum-cases"),
            QStringLiteral("2")});
        QVERIFY2(run.status == 0, qPrintable(run.err));
        QVERIFY(run.out.contains("closure_rate (Closure rate, clause 7.8.2.4): 1"));

        run = Test::cli({QStringLiteral("evaluation"), m_path, QStringLiteral("--json")});
        QVERIFY2(run.status == 0, qPrintable(run.err));
        const QJsonArray ranking =
            QJsonDocument::fromJson(run.out).object().value(QLatin1String("ranking")).toArray();
        QCOMPARE(ranking.size(), 2);
        QCOMPARE(ranking.at(0).toObject().value(QLatin1String("unit")).toString(),
            QStringLiteral("sanitation"));
        QCOMPARE(ranking.at(0).toObject().value(QLatin1String("score")).toDouble(), 100.0);
        QCOMPARE(ranking.at(1).toObject().value(QLatin1String("score")).toDouble(), 50.0);

        run = Test::cli({QStringLiteral("evaluation-weights"), m_path, QStringLiteral("--set"),
            QStringLiteral("closure_rate=heavy")});
        QCOMPARE(run.status, 2);
        QVERIFY2(run.err.contains(QLatin1String("\"heavy\"")), qPrintable(run.err));
        run = Test::cli({QStringLiteral("evaluation-weights"), m_path, QStringLiteral("--set"),
            QStringLiteral("speed=3")});
        QCOMPARE(run.status, 2);
        QVERIFY2(run.err.contains(QLatin1String("\"speed\" is not a weighted indicator")),
            qPrintable(run.err));
    }

    void reportPointsToTheEvaluationCommand()
    {
        const Test::Run run = Test::cli({QStringLiteral("report"), m_path, QStringLiteral("--by"),
            QStringLiteral("unit"), QStringLiteral("--pdf"), out(QStringLiteral("r.pdf"))});
        QCOMPARE(run.status, 2);
        QVERIFY2(run.err.contains(QLatin1String("griddesk-cli evaluation WORKSPACE")),
            qPrintable(run.err));
        QVERIFY(!QFile::exists(out(QStringLiteral("r.pdf"))));
    }
};

GRIDDESK_TEST_MAIN(TestEvaluationCli, QCoreApplication)
#include "tst_evaluationcli.moc"
