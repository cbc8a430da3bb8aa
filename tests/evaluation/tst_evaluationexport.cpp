// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "evaluation/evaluationexport.h"
#include "evaluation/evaluationpdf.h"
#include "evaluation/evaluator.h"

#include "evaluationfixture.h"
#include "support/testsupport.h"

#include <QFile>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>

using namespace GridDesk;

namespace {

/// Splits CSV text into rows of cells, with quoted cells holding commas, quotes and breaks.
QList<QStringList> parseCsv(const QString &text)
{
    QList<QStringList> rows;
    QStringList row;
    QString cell;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted && c == u'"' && i + 1 < text.size() && text.at(i + 1) == u'"') {
            cell += u'"';
            ++i;
        } else if (c == u'"') {
            quoted = !quoted;
        } else if (!quoted && c == u',') {
            row << cell;
            cell.clear();
        } else if (!quoted && c == u'\n') {
            row << cell;
            rows << row;
            row.clear();
            cell.clear();
        } else if (quoted || c != u'\r') {
            cell += c;
        }
    }
    return rows;
}

QString runTool(const QString &tool, const QStringList &arguments)
{
    QProcess process;
    process.start(tool, arguments);
    if (!process.waitForFinished(60'000) || process.exitCode() != 0)
        return {};
    return QString::fromUtf8(process.readAllStandardOutput());
}

} // namespace

class TestEvaluationExport : public QObject
{
    Q_OBJECT

    Test::EvaluationCity m_city;
    std::unique_ptr<Workspace> m_workspace;
    QTemporaryDir m_out;

    Result<EvaluationReport> report()
    {
        EvaluationFilter filter;
        filter.to = QDate(2026, 3, 31);
        filter.groupBy = Grouping::Unit;
        filter.user = QStringLiteral("boss");
        return Evaluator::run(*m_workspace, filter);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_workspace = m_city.build();
        QVERIFY(m_workspace);
    }

    void jsonCarriesTheFilterAndTheCases()
    {
        auto made = report();
        QVERIFY2(made, Test::why(made));
        const QString path = m_out.filePath(QStringLiteral("report.json"));
        const QByteArray bytes = QJsonDocument(EvaluationExport::toJson(*made)).toJson();
        QVERIFY(EvaluationExport::writeFile(path, bytes));

        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
        const QJsonObject filter = json.value(QLatin1String("filter")).toObject();
        QCOMPARE(filter.value(QLatin1String("from")), QJsonValue(QJsonValue::Null));
        QCOMPARE(filter.value(QLatin1String("to")).toString(), QStringLiteral("2026-03-31"));
        QCOMPARE(filter.value(QLatin1String("by")).toString(), QStringLiteral("unit"));
        QCOMPARE(filter.value(QLatin1String("user")).toString(), QStringLiteral("boss"));
        QVERIFY(filter.value(QLatin1String("jurisdiction")).toString().contains(u"city"));

        // C7 was reported in April: seven cases, five due to close, C1, C2, C3 and C8 closed.
        const QJsonObject closure = json.value(QLatin1String("total"))
                                        .toObject()
                                        .value(QLatin1String("indicators"))
                                        .toObject()
                                        .value(QLatin1String("closure_rate"))
                                        .toObject();
        QCOMPARE(closure.value(QLatin1String("numerator")).toInt(), 4);
        QCOMPARE(closure.value(QLatin1String("denominator")).toInt(), 5);
        QCOMPARE(closure.value(QLatin1String("value")).toDouble(), 0.8);
        QJsonArray expected;
        for (qint64 id : m_city.ids({1, 2, 3, 8}))
            expected.append(id);
        QCOMPARE(closure.value(QLatin1String("cases")).toArray(), expected);

        const QJsonArray groups = json.value(QLatin1String("groups")).toArray();
        QCOMPARE(groups.size(), 3);
        QCOMPARE(groups.at(0).toObject().value(QLatin1String("label")).toString(),
            QStringLiteral("(not dispatched)"));
        const QJsonArray unranked = json.value(QLatin1String("unranked")).toArray();
        QCOMPARE(unranked.size(), 2);
        QCOMPARE(unranked.at(0).toObject().value(QLatin1String("unit")).toString(),
            QStringLiteral("roads"));
        QCOMPARE(unranked.at(0).toObject().value(QLatin1String("case_ids")).toArray(),
            QJsonArray({m_city.id(3), m_city.id(4)}));
        QCOMPARE(json.value(QLatin1String("indicators")).toArray().size(), int(Indicator::Count));
    }

    void csvReadsBackRowByRow()
    {
        auto made = report();
        QVERIFY2(made, Test::why(made));
        const QString path = m_out.filePath(QStringLiteral("report.csv"));
        QVERIFY(EvaluationExport::writeFile(path, EvaluationExport::toCsv(*made)));

        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QByteArray bytes = file.readAll();
        QVERIFY(bytes.startsWith("\xEF\xBB\xBF"));
        const QList<QStringList> rows = parseCsv(QString::fromUtf8(bytes.mid(3)));
        QCOMPARE(rows.first(), EvaluationExport::csvColumns());
        QHash<QString, QString> filter;
        QStringList closure;
        QStringList sanitationReceived;
        for (const QStringList &row : rows) {
            QCOMPARE(row.size(), EvaluationExport::csvColumns().size());
            if (row.at(0) == QLatin1String("filter"))
                filter.insert(row.at(3), row.at(5));
            if (row.at(0) == QLatin1String("indicator") && row.at(1) == QLatin1String("all cases")
                && row.at(3) == QLatin1String("closure_rate"))
                closure = row;
            if (row.at(0) == QLatin1String("indicator") && row.at(1) == QLatin1String("sanitation")
                && row.at(3) == QLatin1String("received"))
                sanitationReceived = row;
        }
        QCOMPARE(filter.value(QStringLiteral("to")), QStringLiteral("2026-03-31"));
        QCOMPARE(filter.value(QStringLiteral("by")), QStringLiteral("unit"));
        QCOMPARE(filter.value(QStringLiteral("user")), QStringLiteral("boss"));
        QVERIFY(filter.value(QStringLiteral("described")).contains(u"as seen by user boss"));
        QCOMPARE(closure.value(4), QStringLiteral("7.8.2.4"));
        QCOMPARE(closure.value(5).toDouble(), 0.8);
        QCOMPARE(closure.value(6), QStringLiteral("4"));
        QCOMPARE(closure.value(7), QStringLiteral("5"));
        QStringList ids;
        for (qint64 id : m_city.ids({1, 2, 3, 8}))
            ids << QString::number(id);
        QCOMPARE(closure.value(8), ids.join(u' '));
        QCOMPARE(sanitationReceived.value(6), QStringLiteral("3"));
    }

    void pdfReadsBackAsText()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty())
            QFAIL("pdftotext (poppler-utils) is missing: run packaging/dev.sh test");
        auto made = report();
        QVERIFY2(made, Test::why(made));
        const QString path = m_out.filePath(QStringLiteral("report.pdf"));
        auto written = writeEvaluationPdf(*made, path);
        QVERIFY2(written, Test::why(written));

        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.read(5) == "%PDF-");
        const QString info = runTool(QStringLiteral("pdfinfo"), {path});
        QVERIFY2(info.contains(QLatin1String("Pages:")), qPrintable(info));
        const QString text = runTool(
            QStringLiteral("pdftotext"), {QStringLiteral("-layout"), path, QStringLiteral("-")});
        QVERIFY2(text.contains(QLatin1String("Evaluation report")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("to 2026-03-31, by unit, as seen by user boss")),
            qPrintable(text));
        QVERIFY(text.contains(QLatin1String("Closure rate")));
        QVERIFY(text.contains(QLatin1String("80.0%")));
        QVERIFY(text.contains(QLatin1String("Not ranked")));
        QVERIFY(text.contains(QLatin1String("JSON and CSV")));
        // Every page pdfinfo counts has text on it.
        const int pages =
            info.section(QLatin1String("Pages:"), 1).trimmed().section(u'\n', 0, 0).toInt();
        QVERIFY(pages >= 1);
        QCOMPARE(text.count(u'\f'), pages);
    }

    void unwritableTargetsAreNamed()
    {
        auto made = report();
        QVERIFY2(made, Test::why(made));
        const QString nowhere = m_out.filePath(QStringLiteral("missing/folder/report.pdf"));
        auto pdf = writeEvaluationPdf(*made, nowhere);
        QVERIFY(!pdf);
        QVERIFY2(pdf.error().message.contains(nowhere), qPrintable(pdf.error().message));
        auto csv = EvaluationExport::writeFile(
            m_out.filePath(QStringLiteral("missing/report.csv")), EvaluationExport::toCsv(*made));
        QVERIFY(!csv);
        QVERIFY(csv.error().message.contains(QLatin1String("missing/report.csv")));
    }
};

GRIDDESK_TEST_MAIN(TestEvaluationExport, QGuiApplication)
#include "tst_evaluationexport.moc"
