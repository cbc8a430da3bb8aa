// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "domain/posts.h"
#include "org/orgcsv.h"

#include "support/testsupport.h"

#include <QFile>

using namespace GridDesk;

namespace {

QByteArray fixture(const QString &name)
{
    QFile file(Test::dataPath(QStringLiteral("org/") + name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture");
    return file.readAll();
}

QStringList refusedLines(const OrgImportReport &report)
{
    QStringList lines;
    for (const RefusedRow &row : report.refused)
        lines << QString::number(row.line);
    return lines;
}

} // namespace

class TestOrgCsv : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesQuotedFields()
    {
        auto records = parseCsv("\xef\xbb\xbf"
                                "a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\n\n\"two\nlines\",z\nlast,1");
        QVERIFY(records.has_value());
        QCOMPARE(records->size(), 4);
        QCOMPARE(records->at(1).fields, QStringList({"x, y", "say \"hi\""}));
        QCOMPARE(records->at(2).fields, QStringList({"two\nlines", "z"}));
        QCOMPARE(records->at(2).line, 4);
        QCOMPARE(records->at(3).line, 6);
        QVERIFY(!parseCsv("a,\"open\n").has_value());
    }

    void unitsKeepGoodRowsAndReportBadOnes()
    {
        OrgChart chart;
        auto report = importUnitsCsv(chart, fixture("units.csv"));
        QVERIFY2(report.has_value(), Test::why(report).constData());
        QCOMPARE(report->added, 5);
        QCOMPARE(refusedLines(*report), QStringList({"7", "8", "9", "10"}));
        QVERIFY2(report->refused.at(0).reason.contains(QStringLiteral("(tier 2)")),
            qPrintable(report->refused.at(0).reason));
        QVERIFY(report->refused.at(1).reason.contains(QStringLiteral("NOWHERE")));
        QVERIFY(report->refused.at(2).reason.contains(QStringLiteral("tier")));
        QVERIFY(report->refused.at(3).reason.contains(QStringLiteral("joint")));
        // A child listed before its parent waits for it.
        QCOMPARE(chart.unit("440303001000")->parentCode, QStringLiteral("440303000000"));
        QCOMPARE(chart.unit("PSB")->kind, UnitKind::Joint);
        QCOMPARE(chart.unit("440303000000")->jurisdiction, QStringList({"G1", "G2"}));
    }

    void aMissingColumnRefusesTheFile()
    {
        OrgChart chart;
        auto report = importUnitsCsv(chart, "code,name,parent_code\nA,B,\n");
        QVERIFY(!report.has_value());
        QCOMPARE(report.error().code, ErrorCode::MissingField);
        QVERIFY(report.error().message.contains(QStringLiteral("tier")));
        QVERIFY(!importPeopleCsv(chart, "").has_value());
    }

    void peopleRoundTripWithMaskedNumbers()
    {
        OrgChart chart;
        QVERIFY(importUnitsCsv(chart, fixture("units.csv")).has_value());
        auto report = importPeopleCsv(chart, fixture("people.csv"));
        QVERIFY2(report.has_value(), Test::why(report).constData());
        QCOMPARE(report->added, 3);
        QCOMPARE(refusedLines(*report), QStringList({"5", "6"}));
        QVERIFY(report->refused.at(0).reason.contains(QStringLiteral("astronaut")));

        const QByteArray exported = exportPeopleCsv(chart);
        QVERIFY(exported.contains("138****5678"));
        QVERIFY(exported.contains("4403**********1234"));
        QVERIFY(!exported.contains("13812345678"));

        // Importing the masked export changes no number.
        auto again = importPeopleCsv(chart, exported);
        QVERIFY2(again.has_value(), Test::why(again).constData());
        QCOMPARE(again->updated, 3);
        QCOMPARE(again->added, 0);
        QCOMPARE(chart.person(1)->phone, QStringLiteral("13812345678"));
        QCOMPARE(chart.person(1)->idNumber, QStringLiteral("440303199001011234"));
        QCOMPARE(chart.person(1)->gridCodes, QStringList({"G1", "G2"}));

        // A file without the number columns keeps the numbers on file too.
        const QString post = chart.person(1)->post;
        const QString unit = chart.person(1)->unitCode;
        auto renamed = importPeopleCsv(chart,
            QStringLiteral("id,name,post,unit_code\n1,Renamed,%1,%2\n").arg(post, unit).toUtf8());
        QVERIFY2(renamed.has_value(), Test::why(renamed).constData());
        QCOMPARE(chart.person(1)->name, QStringLiteral("Renamed"));
        QCOMPARE(chart.person(1)->phone, QStringLiteral("13812345678"));
        QCOMPARE(chart.person(1)->idNumber, QStringLiteral("440303199001011234"));
    }

    void textThatIsNotUtf8IsRefusedWithItsLine()
    {
        // "深圳市" in GBK, as a spreadsheet saves it on a Chinese desktop.
        const QByteArray gbk = "code,name,tier,parent_code\nC,City,1,\nSZ,\xc9\xee\xdb\xda\xca\xd0,"
                               "2,C\n";
        auto records = parseCsv(gbk);
        QVERIFY(!records.has_value());
        QCOMPARE(records.error().code, ErrorCode::UnknownEncoding);
        QVERIFY2(records.error().message.contains(QStringLiteral("line 3"), Qt::CaseInsensitive),
            qPrintable(records.error().message));
        OrgChart chart;
        QVERIFY(!importUnitsCsv(chart, gbk).has_value());
        QVERIFY(chart.units().isEmpty());
    }

    void aRepeatedPersonIdIsRefused()
    {
        OrgChart chart;
        QVERIFY(importUnitsCsv(chart, "code,name,tier,parent_code\nC,City,1,\n").has_value());
        auto report = importPeopleCsv(chart,
            "name,post,unit_code,id\nAlice,decision,C,5\nBob,grid_patroller,C,5\n"
            "Alice,management,C,5\n");
        QVERIFY2(report.has_value(), Test::why(report).constData());
        QCOMPARE(report->added, 1);
        QCOMPARE(refusedLines(*report), QStringList({"3", "4"}));
        QVERIFY2(report->refused.at(0).reason.contains(QStringLiteral("line 2")),
            qPrintable(report->refused.at(0).reason));
        QCOMPARE(chart.person(5)->name, QStringLiteral("Alice"));
        QCOMPARE(chart.person(5)->post, QStringLiteral("decision"));

        // An id already in the chart is still updated, once.
        auto update = importPeopleCsv(chart, "name,post,unit_code,id\nAlice,management,C,5\n");
        QVERIFY(update.has_value());
        QCOMPARE(update->updated, 1);
    }

    void formulasReachSpreadsheetsAsText()
    {
        OrgChart chart;
        ChartUnit unit;
        unit.code = "U1";
        unit.name = "=HYPERLINK(\"http://example.invalid\",\"x\")";
        unit.tier = 1;
        unit.contact = "+86 755 1234";
        QVERIFY(chart.putUnit(unit).has_value());
        const QByteArray csv = exportUnitsCsv(chart);
        QVERIFY2(csv.contains("\"'=HYPERLINK("), csv.constData());
        QVERIFY2(csv.contains(",'+86 755 1234"), csv.constData());

        OrgChart back;
        auto report = importUnitsCsv(back, csv);
        QVERIFY2(report.has_value(), Test::why(report).constData());
        QCOMPARE(back.unit("U1")->name, unit.name);
        QCOMPARE(back.unit("U1")->contact, unit.contact);
    }

    void unitsRoundTrip()
    {
        OrgChart chart;
        QVERIFY(importUnitsCsv(chart, fixture("units.csv")).has_value());
        const QByteArray exported = exportUnitsCsv(chart);
        OrgChart copy;
        auto report = importUnitsCsv(copy, exported);
        QVERIFY(report.has_value());
        QVERIFY(report->refused.isEmpty());
        QCOMPARE(exportUnitsCsv(copy), exported);
    }
};

GRIDDESK_TEST_MAIN(TestOrgCsv, QCoreApplication)
#include "tst_orgcsv.moc"
