// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
//
// The organisation's commands, run as a script would: import-org, org, org-check.

#include "clirunner.h"

#include "support/testsupport.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>

using GridDesk::Test::cli;
using GridDesk::Test::Run;

namespace {

QJsonArray jsonArray(const Run &run)
{
    return QJsonDocument::fromJson(run.out).array();
}

QJsonObject unitOf(const QJsonArray &units, const QString &code)
{
    for (const QJsonValue &value : units) {
        if (value.toObject().value("code").toString() == code)
            return value.toObject();
    }
    return {};
}

} // namespace

class TestOrgCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    const QString m_divisions = GridDesk::Test::dataPath("org/divisions");

private Q_SLOTS:
    void importsShenzhenDivisions()
    {
        const QString workspace = m_dir.filePath("shenzhen.gpkg");
        Run imported = cli({"import-org", workspace, m_divisions, "--format", "divisions"});
        QVERIFY2(imported.status == 0, qPrintable(imported.err));
        QVERIFY(imported.out.contains("877 added"));

        Run listed = cli({"org", workspace, "--json"});
        QCOMPARE(listed.status, 0);
        const QJsonArray units = jsonArray(listed);
        QCOMPARE(units.size(), 877);
        const QJsonObject city = unitOf(units, "440300000000");
        QCOMPARE(city.value("tier").toInt(), 1);
        QCOMPARE(city.value("children").toInt(), 9);
        QCOMPARE(city.value("people").toInt(), 0);
        const QJsonObject luohu = unitOf(units, "440303000000");
        QCOMPARE(luohu.value("parent").toString(), QStringLiteral("440300000000"));
        QCOMPARE(luohu.value("children").toInt(), 10);
    }

    void rootCodeImportsASubtree()
    {
        const QString workspace = m_dir.filePath("luohu.gpkg");
        Run imported = cli({"import-org", workspace, m_divisions, "--format", "divisions",
            "--root-code", "440303"});
        QVERIFY2(imported.status == 0, qPrintable(imported.err));
        const QJsonArray units = jsonArray(cli({"org", workspace, "--json"}));
        QVERIFY(unitOf(units, "440300000000").isEmpty());
        QCOMPARE(unitOf(units, "440303000000").value("parent").toString(), QString());
        for (const QJsonValue &value : units)
            QVERIFY(value.toObject().value("code").toString().startsWith("440303"));
    }

    void csvReportsRefusedRowsAndKeepsTheRest()
    {
        const QString workspace = m_dir.filePath("csv.gpkg");
        Run units = cli({"import-org", workspace, GridDesk::Test::dataPath("org/units.csv"),
            "--format", "csv"});
        QCOMPARE(units.status, 1);
        QVERIFY2(units.err.contains("line 7: ") && units.err.contains("line 10: "),
            qPrintable(units.err));
        Run people = cli({"import-org", workspace, GridDesk::Test::dataPath("org/people.csv"),
            "--format", "csv"});
        QCOMPARE(people.status, 1);
        QVERIFY(people.out.contains("3 added"));
        QVERIFY(people.err.contains("astronaut"));

        const QJsonArray listed = jsonArray(cli({"org", workspace, "--json"}));
        QCOMPARE(listed.size(), 5);
        QCOMPARE(unitOf(listed, "440303001001").value("people").toInt(), 2);
        QCOMPARE(unitOf(listed, "PSB").value("kind").toString(), QStringLiteral("joint"));
    }

    void orgCheckReportsFindings()
    {
        const QString workspace = m_dir.filePath("csv.gpkg");
        Run check = cli({"org-check", workspace, "--json"});
        QCOMPARE(check.status, 1);
        const QJsonArray findings = jsonArray(check);
        QStringList headless;
        for (const QJsonValue &value : findings) {
            const QJsonObject finding = value.toObject();
            QVERIFY(!finding.value("detail").toString().isEmpty());
            if (finding.value("kind").toString() == QLatin1String("unit_without_head"))
                headless << finding.value("codes").toArray().first().toString();
        }
        // 李明 heads the district; the city, the street, the community and PSB have no head.
        QCOMPARE(headless, QStringList({"440300000000", "440303001000", "440303001001", "PSB"}));
    }

    void wrongCallsAreUsageErrors()
    {
        const QString workspace = m_dir.filePath("usage.gpkg");
        QCOMPARE(cli({"import-org", workspace, m_divisions}).status, 2);
        QCOMPARE(cli({"import-org", workspace, m_divisions, "--format", "xml"}).status, 2);
        QCOMPARE(cli({"import-org", workspace, GridDesk::Test::dataPath("org/units.csv"),
                         "--format", "csv", "--root-code", "4403"})
                     .status,
            2);
        Run missing = cli({"import-org", workspace, m_dir.filePath("nothing"), "--format", "csv"});
        QCOMPARE(missing.status, 1);
        Run badRoot = cli(
            {"import-org", workspace, m_divisions, "--format", "divisions", "--root-code", "99"});
        QCOMPARE(badRoot.status, 1);
        QVERIFY(badRoot.err.contains("99"));
    }
};

GRIDDESK_TEST_MAIN(TestOrgCli, QCoreApplication)
#include "tst_orgcli.moc"
