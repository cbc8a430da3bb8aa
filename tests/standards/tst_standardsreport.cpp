// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "standards/standardspdf.h"
#include "standards/standardsreport.h"
#include "standards/standardstree.h"

#include "support/testsupport.h"

#include <QGuiApplication>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace GridDesk;

namespace {

/// Splits RFC 4180 CSV text into rows of fields (quoted fields may hold commas, quotes and
/// line breaks).
QList<QStringList> parseCsv(const QString &text)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text.at(i + 1) == u'"') {
                field += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
            continue;
        }
        if (c == u'"') {
            quoted = true;
        } else if (c == u',') {
            row << field;
            field.clear();
        } else if (c == u'\n') {
            row << field;
            rows << row;
            row.clear();
            field.clear();
        } else if (c != u'\r') {
            field += c;
        }
    }
    return rows;
}

StandardsTree treeWithStandards()
{
    auto tree = StandardsTree::shipped();
    if (!tree)
        qFatal("shipped: %s", qPrintable(tree.error().message));
    AttachedStandard first;
    first.id = 1;
    first.nodeId = tree->nodeByCode(QStringLiteral("TG246-1"))->id;
    first.number = QStringLiteral("GB/T 34300-2017");
    first.title = QStringLiteral("城市网格化管理, \"流程\"规范");
    first.level = StandardLevel::National;
    first.status = StandardStatus::InForce;
    first.published = QDate(2017, 9, 7);
    first.fileName = QStringLiteral("gbt34300.pdf");
    first.fileSize = 1234;
    AttachedStandard second = first;
    second.id = 2;
    second.nodeId = tree->nodeByCode(QStringLiteral("GZ340"))->id;
    second.number = QStringLiteral("Q/GD 004-2024");
    second.title = QStringLiteral("网格员岗位工作标准");
    second.level = StandardLevel::Internal;
    second.status = StandardStatus::Draft;
    second.fileName.clear();
    tree->setAttached({first, second});
    return *tree;
}

QString pdfText(const QString &pdf)
{
    QProcess process;
    process.start(QStringLiteral("pdftotext"),
        {QStringLiteral("-enc"), QStringLiteral("UTF-8"), pdf, QStringLiteral("-")});
    process.waitForFinished(60'000);
    // The PDF's text layer names some CJK glyphs by their Kangxi radical look-alikes (⾏ for
    // 行): compatibility normalisation reads them as the ideographs they are drawn as.
    return QString::fromUtf8(process.readAllStandardOutput())
        .normalized(QString::NormalizationForm_KC);
}

} // namespace

class TestStandardsReport : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void countsPerSubsystemAndCoverage()
    {
        const StandardsTree tree = treeWithStandards();
        const StandardsReport report(tree);
        const QList<SubsystemCount> counts = report.subsystems();
        QCOMPARE(counts.size(), 4);
        QCOMPARE(counts.at(0).code, QStringLiteral("JC100"));
        int nodes = 0;
        for (const SubsystemCount &count : counts)
            nodes += count.nodes;
        QCOMPARE(nodes, 153);
        QCOMPARE(counts.at(0).nodes, 9);
        QCOMPARE(counts.at(1).standards, 1);
        QCOMPARE(counts.at(3).standards, 1);
        QCOMPARE(counts.at(3).nodes, 8);
        QCOMPARE(counts.at(3).nodesWithoutStandard, 7);
        QCOMPARE(counts.at(3).nodesImplemented, 7);

        const StandardsCoverage coverage = report.coverage();
        QCOMPARE(coverage.nodes, 153);
        QCOMPARE(coverage.standards, 2);
        QCOMPARE(coverage.withoutStandard.size(), 151);
        QVERIFY(!coverage.withoutStandard.contains(QStringLiteral("TG246-1")));
        QVERIFY(coverage.unimplemented.contains(QStringLiteral("GL241")));
        QVERIFY(!coverage.unimplemented.contains(QStringLiteral("TG246-1")));
        QCOMPARE(report.standardsInSubtree(tree.nodeByCode(QStringLiteral("TG200"))->id), 1);
    }

    void theSystemTableCsvReadsBack()
    {
        const StandardsTree tree = treeWithStandards();
        const QByteArray csv = StandardsReport(tree).systemTableCsv();
        QVERIFY(csv.startsWith("\xEF\xBB\xBF"));
        const QList<QStringList> rows = parseCsv(QString::fromUtf8(csv.mid(3)));
        QCOMPARE(rows.size(), 154);
        QCOMPARE(rows.first().first(), QStringLiteral("Code"));
        for (const QStringList &row : rows)
            QCOMPARE(row.size(), 9);
        const QStringList loop = rows.at(
            1 + int(tree.preorder().indexOf(tree.nodeByCode(QStringLiteral("TG246-1"))->id)));
        QCOMPARE(loop.at(0), QStringLiteral("TG246-1"));
        QCOMPARE(loop.at(1), QStringLiteral("6.4.6.1"));
        QCOMPARE(loop.at(3), QStringLiteral("七步闭环流程"));
        QCOMPARE(loop.at(5), QStringLiteral("1"));
        QVERIFY(!loop.at(8).isEmpty());
        const QStringList provision = rows.at(10);
        QCOMPARE(provision.at(0), QStringLiteral("TG200"));
        QCOMPARE(provision.at(6), QStringLiteral("1"));
    }

    void theDetailListCsvReadsBack()
    {
        const StandardsTree tree = treeWithStandards();
        const QByteArray csv = StandardsReport(tree).detailListCsv();
        QVERIFY(csv.startsWith("\xEF\xBB\xBF"));
        const QList<QStringList> rows = parseCsv(QString::fromUtf8(csv.mid(3)));
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows.at(1).at(0), QStringLiteral("TG246-1"));
        QCOMPARE(rows.at(1).at(4), QStringLiteral("城市网格化管理, \"流程\"规范"));
        QCOMPARE(rows.at(1).at(7), QStringLiteral("2017-09-07"));
        QCOMPARE(rows.at(1).at(10), QStringLiteral("1234"));
        QCOMPARE(rows.at(2).at(0), QStringLiteral("GZ340"));
        QCOMPARE(rows.at(2).at(3), QStringLiteral("Q/GD 004-2024"));
        QCOMPARE(rows.at(2).at(9), QString());
    }

    void cellsASpreadsheetWouldRunAsFormulasAreDefused_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::newRow("equals") << QStringLiteral("=HYPERLINK(\"http://x\",\"y\")");
        QTest::newRow("plus") << QStringLiteral("+cmd|' /C calc'!A0");
        QTest::newRow("minus") << QStringLiteral("-2+3");
        QTest::newRow("at") << QStringLiteral("@SUM(A1:A9)");
        QTest::newRow("tab") << QStringLiteral("\t=1+1");
    }

    void cellsASpreadsheetWouldRunAsFormulasAreDefused()
    {
        QFETCH(QString, typed);
        StandardsTree tree = treeWithStandards();
        QList<AttachedStandard> standards = tree.allAttached();
        standards.first().number = typed;
        standards.first().title = typed;
        tree.setAttached(standards);
        const StandardsReport report(tree);

        const QList<QStringList> detail =
            parseCsv(QString::fromUtf8(report.detailListCsv().mid(3)));
        QCOMPARE(detail.at(1).at(3), u'\'' + typed);
        QCOMPARE(detail.at(1).at(4), u'\'' + typed);
        QCOMPARE(detail.at(2).at(3), QStringLiteral("Q/GD 004-2024"));
    }

    void thePdfsReadBackAsText()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty())
            QFAIL("pdftotext (poppler-utils) is missing: run packaging/dev.sh test");
        const StandardsTree tree = treeWithStandards();
        const StandardsReport report(tree);
        const QString table = m_dir.filePath(QStringLiteral("table.pdf"));
        const QString detail = m_dir.filePath(QStringLiteral("detail.pdf"));
        QVERIFY(writeStandardsPdf(report, StandardsPrintout::SystemTable, table));
        QVERIFY(writeStandardsPdf(report, StandardsPrintout::DetailList, detail));

        const QString tableText = pdfText(table);
        for (const char *expected : {"Standard system table", "TG246-1", "GZ370", "GL251-3-1",
                 "Counts per sub-system", "Coverage", "151"})
            QVERIFY2(tableText.contains(QLatin1String(expected)), expected);
        QVERIFY2(
            tableText.contains(QStringLiteral("运行流程管理")), qPrintable(tableText.left(400)));
        // The table of 153 rows runs over several pages, each starting with the heading row.
        QVERIFY2(tableText.count(QLatin1String("Implemented in GridDesk by")) >= 3,
            qPrintable(
                QString::number(tableText.count(QLatin1String("Implemented in GridDesk by")))));
        const QString detailText = pdfText(detail);
        QVERIFY(detailText.contains(QLatin1String("Standard detail list")));
        QVERIFY(detailText.contains(QLatin1String("GB/T 34300-2017")));
        QVERIFY(detailText.contains(QStringLiteral("网格员岗位工作标准")));
    }

    void anUnwritablePdfIsRefused()
    {
        const StandardsTree tree = treeWithStandards();
        auto written = writeStandardsPdf(StandardsReport(tree), StandardsPrintout::SystemTable,
            m_dir.filePath(QStringLiteral("no/such/folder/table.pdf")));
        QVERIFY(!written);
    }
};

GRIDDESK_TEST_MAIN(TestStandardsReport, QGuiApplication)
#include "tst_standardsreport.moc"
