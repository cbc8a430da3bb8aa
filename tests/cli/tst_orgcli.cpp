// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
//
// The organisation's commands, run as a script would: import-org, org, org-check, org-move,
// org-merge, org-retire, org-export, org-history and reveal.

#include "clirunner.h"

#include "support/testsupport.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
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

QString maps(const char *file)
{
    return GridDesk::Test::mapsPath(QString::fromLatin1(file));
}

int countTier(const QJsonArray &units, int tier)
{
    return int(std::count_if(units.begin(), units.end(),
        [tier](const QJsonValue &unit) { return unit.toObject().value("tier").toInt() == tier; }));
}

QStringList nycBoroughs(const QString &workspace)
{
    return {"import-org", workspace, maps("nyc/nyc_boroughs.geojson"), "--format", "boundaries",
        "--code-field", "borough_code", "--name-field", "name", "--tier", "2", "--root-code",
        "city", "--as", "tester"};
}

QStringList nycDistricts(const QString &workspace, const QString &file)
{
    return {"import-org", workspace, file, "--format", "boundaries", "--code-field", "boro_cd",
        "--name-field", "name", "--tier", "3", "--parent-field", "boro_cd/100", "--as", "tester"};
}

/// The units as org --json lists them, without their head counts.
QJsonArray withoutPeople(const QJsonArray &units)
{
    QJsonArray stripped;
    for (const QJsonValue &value : units) {
        QJsonObject unit = value.toObject();
        unit.remove("people");
        stripped << unit;
    }
    return stripped;
}

bool writeText(const QString &path, const QByteArray &text)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(text) == text.size();
}

QList<QByteArray> lines(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll().trimmed().split('\n');
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

    void buildsNewYorkFromBoundaries()
    {
        const QString workspace = m_dir.filePath("nyc.gpkg");
        QCOMPARE(cli({"import-grids", workspace, maps("nyc/nyc_boroughs.geojson"), "--level",
                         "district", "--code-field", "borough_code", "--name-field", "name"})
                     .status,
            0);
        QCOMPARE(cli({"import-grids", workspace, maps("nyc/nyc_community_districts.geojson"),
                         "--level", "base", "--code-field", "boro_cd", "--name-field", "name"})
                     .status,
            0);
        Run boroughs = cli(nycBoroughs(workspace));
        QVERIFY2(boroughs.status == 0, qPrintable(boroughs.err));
        QVERIFY(boroughs.out.contains("nyc_boroughs.geojson: 5 added"));
        Run districts = cli(nycDistricts(workspace, maps("nyc/nyc_community_districts.geojson")));
        QVERIFY2(districts.status == 0, qPrintable(districts.err));
        QVERIFY(districts.out.contains("59 added"));
        // Every unit answers for a grid the workspace has: no note about missing codes.
        QVERIFY2(!districts.out.contains("not grids"), districts.out.constData());

        const QJsonArray units = jsonArray(cli({"org", workspace, "--json"}));
        QCOMPARE(units.size(), 1 + 5 + 59);
        QCOMPARE(countTier(units, 1), 1);
        QCOMPARE(countTier(units, 2), 5);
        QCOMPARE(countTier(units, 3), 59);
        QCOMPARE(unitOf(units, "city").value("children").toInt(), 5);
        QCOMPARE(unitOf(units, "1").value("name").toString(), QStringLiteral("Manhattan"));
        QCOMPARE(unitOf(units, "1").value("children").toInt(), 12);
        QCOMPARE(unitOf(units, "412").value("parent").toString(), QStringLiteral("4"));
        QCOMPARE(unitOf(units, "412").value("tier").toInt(), 3);
    }

    void buildsTaipeiSkippingTierThree()
    {
        const QString workspace = m_dir.filePath("taipei.gpkg");
        Run towns = cli({"import-org", workspace, maps("taipei/taipei_town.geojson"), "--format",
            "boundaries", "--code-field", "CPTID", "--name-field", "TNAME", "--tier", "2",
            "--root-code", "city", "--root-name", "臺北市"});
        QVERIFY2(towns.status == 0, qPrintable(towns.err));
        Run villages = cli({"import-org", workspace, maps("taipei/taipei_village.geojson"),
            "--format", "boundaries", "--code-field", "CPTVID", "--name-field", "VNAME", "--tier",
            "4", "--parent-field", "CPTID"});
        QVERIFY2(villages.status == 0, qPrintable(villages.err));
        QVERIFY(villages.out.contains("456 added"));

        const QJsonArray units = jsonArray(cli({"org", workspace, "--json"}));
        QCOMPARE(units.size(), 1 + 12 + 456);
        QCOMPARE(countTier(units, 3), 0);
        QCOMPARE(countTier(units, 4), 456);
        QCOMPARE(unitOf(units, "city").value("name").toString(), QStringLiteral("臺北市"));
        const QJsonObject hutian = unitOf(units, "6301200042");
        QCOMPARE(hutian.value("name").toString(), QStringLiteral("湖田里"));
        QCOMPARE(hutian.value("parent").toString(), QStringLiteral("6301200"));
        QCOMPARE(unitOf(units, "6300800").value("children").toInt(), 43);
    }

    void boundaryFeaturesAreRefusedOneByOne()
    {
        const QString workspace = m_dir.filePath("traps.gpkg");
        QCOMPARE(cli(nycBoroughs(workspace)).status, 0);
        Run traps = cli(
            nycDistricts(workspace, GridDesk::Test::dataPath("org/nyc_districts_traps.geojson")));
        QCOMPARE(traps.status, 1);
        QVERIFY(traps.out.contains("3 added, 0 updated, 3 refused"));
        QVERIFY2(traps.err.contains("feature 4: the code field \"boro_cd\" is empty"),
            qPrintable(traps.err));
        QVERIFY2(traps.err.contains("feature 5: code 102 is already used by feature 2"),
            qPrintable(traps.err));
        QVERIFY2(traps.err.contains("feature 6: code 906: its parent 9 is not in the chart"),
            qPrintable(traps.err));
        // No grids in this workspace: the report says the jurisdictions point at nothing.
        QVERIFY2(traps.out.contains("not grids of this workspace"), traps.out.constData());
        QCOMPARE(jsonArray(cli({"org", workspace, "--json"})).size(), 1 + 5 + 3);
    }

    void boundaryMistakesAreExplained()
    {
        const QString workspace = m_dir.filePath("traps.gpkg");
        const QString districts = maps("nyc/nyc_community_districts.geojson");
        QStringList wrongField = nycDistricts(workspace, districts);
        wrongField[wrongField.indexOf("boro_cd")] = "CD";
        Run field = cli(wrongField);
        QCOMPARE(field.status, 1);
        QVERIFY2(field.err.contains("nyc_community_districts.geojson has no field \"CD\""),
            qPrintable(field.err));
        QVERIFY(field.err.contains("boro_cd, borough"));

        Run latin1 =
            cli({"import-org", workspace, GridDesk::Test::dataPath("org/wenshan_latin1.geojson"),
                "--format", "boundaries", "--code-field", "CPTVID", "--name-field", "VNAME",
                "--tier", "4", "--root-code", "city"});
        QCOMPARE(latin1.status, 1);
        QVERIFY2(latin1.err.contains("wenshan_latin1.geojson, feature 1, field VNAME"),
            qPrintable(latin1.err));

        QStringList noTier = nycDistricts(workspace, districts);
        noTier.remove(noTier.indexOf("--tier"), 2);
        QCOMPARE(cli(noTier).status, 2);
        QStringList badTier = nycDistricts(workspace, districts);
        badTier[badTier.indexOf("--tier") + 1] = "7";
        QCOMPARE(cli(badTier).status, 2);
        QCOMPARE(cli(nycDistricts(workspace, districts) << "--root-code"
                                                        << "city")
                     .status,
            2);
        QCOMPARE(cli({"import-org", workspace, GridDesk::Test::dataPath("org/units.csv"),
                         "--format", "csv", "--tier", "2"})
                     .status,
            2);
        QCOMPARE(jsonArray(cli({"org", workspace, "--json"})).size(), 1 + 5 + 3);
    }

    void moveIsRefusedOnInversion()
    {
        const QString workspace = m_dir.filePath("nyc.gpkg");
        Run inverted = cli({"org-move", workspace, "101", "--parent", "102", "--as", "tester"});
        QCOMPARE(inverted.status, 1);
        QVERIFY2(inverted.err.contains("never inverted"), qPrintable(inverted.err));
        QCOMPARE(
            unitOf(jsonArray(cli({"org", workspace, "--json"})), "101").value("parent").toString(),
            QStringLiteral("1"));

        Run moved = cli({"org-move", workspace, "101", "--parent", "2", "--as", "tester"});
        QVERIFY2(moved.status == 0, qPrintable(moved.err));
        QVERIFY(moved.out.contains("under 2 Bronx"));
        Run top = cli({"org-move", workspace, "101", "--parent", "", "--as", "tester"});
        QVERIFY2(top.status == 0, qPrintable(top.err));
        QCOMPARE(
            unitOf(jsonArray(cli({"org", workspace, "--json"})), "101").value("parent").toString(),
            QString());
        QCOMPARE(cli({"org-move", workspace, "101", "--parent", "1", "--as", "tester"}).status, 0);
        QCOMPARE(cli({"org-move", workspace, "101"}).status, 2);
        QCOMPARE(cli({"org-move", workspace, "999", "--parent", "1", "--as", "tester"}).status, 1);
    }

    void mergeMovesTheJurisdiction()
    {
        const QString workspace = m_dir.filePath("nyc.gpkg");
        Run below = cli({"org-merge", workspace, "1", "--into", "102", "--as", "tester"});
        QCOMPARE(below.status, 1);
        QVERIFY2(below.err.contains("lies within it"), qPrintable(below.err));

        Run merged = cli({"org-merge", workspace, "503", "--into", "502", "--as", "tester"});
        QVERIFY2(merged.status == 0, qPrintable(merged.err));
        const QJsonArray units = jsonArray(cli({"org", workspace, "--json"}));
        QCOMPARE(unitOf(units, "503").value("retired").toBool(), true);
        QCOMPARE(unitOf(units, "5").value("children").toInt(), 2);
        QCOMPARE(cli({"org-merge", workspace, "502"}).status, 2);
    }

    void retireNeedsAnEmptyUnit()
    {
        const QString workspace = m_dir.filePath("nyc.gpkg");
        const QString people = m_dir.filePath("people.csv");
        QVERIFY(writeText(people,
            "name,post,unit_code,grid_codes,phone,id_number\n"
            "Maria Lopez,information_collector,101,101,2125550143,NY-1985-0042\n"
            "Sam Park,grid_supervisor,101,101,2125550178,\n"
            "Ana Ruiz,information_collector,102,201,,\n"));
        Run imported = cli({"import-org", workspace, people, "--format", "csv", "--as", "tester"});
        QVERIFY2(imported.status == 0, qPrintable(imported.err));

        // The units answer for the grids of their own codes, so the coverage check sees who
        // covers what: 101 has its collector and supervisor, 102's collector works in the Bronx.
        const QJsonArray findings = jsonArray(cli({"org-check", workspace, "--json"}));
        QStringList outside;
        QStringList uncovered;
        for (const QJsonValue &value : findings) {
            const QJsonObject finding = value.toObject();
            const QString grid = finding.value("codes").toArray().first().toString();
            if (finding.value("kind").toString() == QLatin1String("grid_outside_jurisdiction"))
                outside << finding.value("codes").toArray().at(1).toString() + "/" + grid;
            if (finding.value("kind").toString() == QLatin1String("grid_without_collector"))
                uncovered << grid;
        }
        QCOMPARE(outside, QStringList {"102/201"});
        QVERIFY(!uncovered.contains("101"));
        QVERIFY(uncovered.contains("102") && !uncovered.contains("201"));
        QCOMPARE(uncovered.size(), 59 - 2);

        Run busy = cli({"org-retire", workspace, "101", "--as", "tester"});
        QCOMPARE(busy.status, 1);
        QVERIFY2(busy.err.contains("2 person(s)"), qPrintable(busy.err));
        Run retired = cli({"org-retire", workspace, "501", "--as", "tester"});
        QVERIFY2(retired.status == 0, qPrintable(retired.err));
        QCOMPARE(unitOf(jsonArray(cli({"org", workspace, "--json"})), "501").value("retired"),
            QJsonValue(true));
    }

    void exportReadsBack()
    {
        const QString workspace = m_dir.filePath("nyc.gpkg");
        const QString units = m_dir.filePath("units-out.csv");
        Run exported = cli({"org-export", workspace, units, "--units"});
        QVERIFY2(exported.status == 0, qPrintable(exported.err));
        const QList<QByteArray> rows = lines(units);
        QCOMPARE(rows.size(), 1 + 65);
        QVERIFY(rows.first().startsWith("code,name,tier,parent_code"));
        QVERIFY(rows.contains("502,Staten Island Community District 2,3,5,tier,,502;503,0\r"));
        QVERIFY(rows.contains("503,Staten Island Community District 3,3,5,tier,,503,1\r"));

        // What was exported imports again as it is.
        const QString copy = m_dir.filePath("copy.gpkg");
        Run again = cli({"import-org", copy, units, "--format", "csv"});
        QVERIFY2(again.status == 0, qPrintable(again.err));
        QVERIFY(again.out.contains("65 added"));
        QCOMPARE(withoutPeople(jsonArray(cli({"org", copy, "--json"}))),
            withoutPeople(jsonArray(cli({"org", workspace, "--json"}))));

        const QString people = m_dir.filePath("people-out.csv");
        QCOMPARE(cli({"org-export", workspace, people, "--people"}).status, 0);
        const QByteArray text = lines(people).join('\n');
        QVERIFY2(text.contains("212***0143") && !text.contains("2125550143"), text.constData());
        QVERIFY(text.contains("NY-1****0042"));

        Run exists = cli({"org-export", workspace, people, "--people"});
        QCOMPARE(exists.status, 1);
        QVERIFY(exists.err.contains("--overwrite"));
        QCOMPARE(cli({"org-export", workspace, people, "--people", "--overwrite"}).status, 0);
        QCOMPARE(cli({"org-export", workspace, people}).status, 2);
        QCOMPARE(cli({"org-export", workspace, people, "--people", "--units"}).status, 2);
    }

    void historySaysWhoChangedWhat()
    {
        const QString workspace = m_dir.filePath("nyc.gpkg");
        Run all = cli({"org-history", workspace, "--json"});
        QVERIFY2(all.status == 0, qPrintable(all.err));
        QStringList actions;
        for (const QJsonValue &value : jsonArray(all)) {
            QCOMPARE(value.toObject().value("by").toString(), QStringLiteral("tester"));
            actions << value.toObject().value("action").toString();
        }
        for (const char *action : {"add", "move", "merge", "retire", "person"})
            QVERIFY2(actions.contains(QLatin1String(action)), action);

        const QJsonArray moves = jsonArray(cli({"org-history", workspace, "101", "--json"}));
        QStringList of101;
        for (const QJsonValue &value : moves) {
            QCOMPARE(value.toObject().value("unit").toString(), QStringLiteral("101"));
            of101 << value.toObject().value("action").toString();
        }
        QCOMPARE(of101.count("move"), 3);
        Run text = cli({"org-history", workspace, "503"});
        QCOMPARE(text.status, 0);
        QVERIFY2(text.out.contains("  tester  merge  503  "), text.out.constData());
        QCOMPARE(cli({"org-history", workspace, "999"}).status, 1);
    }

    void revealIsRecordedAndRefusedToOthers()
    {
        const QString workspace = m_dir.filePath("nyc.gpkg");
        const QString users = m_dir.filePath("users.json");
        QVERIFY(writeText(users,
            R"({"users": [{"name": "Wang", "role": "leader", "unit": "city"},
                          {"name": "Chen", "role": "operator", "unit": "city"}]})"));
        Run setup = cli({"setup", workspace, "import", users});
        QVERIFY2(setup.status == 0, qPrintable(setup.err));

        Run shown = cli({"reveal", workspace, "1", "--field", "phone", "--reason",
            "calling back about a blocked hydrant", "--as", "Wang"});
        QVERIFY2(shown.status == 0, qPrintable(shown.err));
        QCOMPARE(shown.out.trimmed(), QByteArray("2125550143"));
        Run refused = cli({"reveal", workspace, "1", "--field", "id_number", "--reason", "curious",
            "--as", "Chen"});
        QCOMPARE(refused.status, 1);
        QVERIFY2(refused.err.contains("operator"), qPrintable(refused.err));
        QVERIFY(!refused.out.contains("NY-1985-0042"));
        Run stranger =
            cli({"reveal", workspace, "1", "--field", "phone", "--reason", "x", "--as", "Ghost"});
        QCOMPARE(stranger.status, 1);
        QVERIFY(stranger.err.contains("Ghost"));
        QCOMPARE(
            cli({"reveal", workspace, "1", "--field", "email", "--reason", "x", "--as", "Wang"})
                .status,
            2);
        QCOMPARE(cli({"reveal", workspace, "1", "--field", "phone", "--as", "Wang"}).status, 2);
        QCOMPARE(
            cli({"reveal", workspace, "99", "--field", "phone", "--reason", "x", "--as", "Wang"})
                .status,
            1);

        // One reveal in the log: Wang's, with the reason; the refused ones left no line.
        {
            QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "reveals");
            db.setDatabaseName(workspace);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec("SELECT revealed_by, role, person_id, field, reason "
                               "FROM personal_data_reveals"));
            QVERIFY(query.next());
            QCOMPARE(query.value(0).toString(), QStringLiteral("Wang"));
            QCOMPARE(query.value(1).toString(), QStringLiteral("leader"));
            QCOMPARE(query.value(2).toLongLong(), 1);
            QCOMPARE(query.value(3).toString(), QStringLiteral("phone"));
            QCOMPARE(
                query.value(4).toString(), QStringLiteral("calling back about a blocked hydrant"));
            QVERIFY(!query.next());
        }
        QSqlDatabase::removeDatabase("reveals");
    }

    void hostileCsvIsRefusedNamingTheFile()
    {
        const QString workspace = m_dir.filePath("hostile.gpkg");
        const QString gbk = m_dir.filePath("gbk-units.csv");
        QVERIFY(writeText(gbk, "code,name,tier,parent_code\nSZ,\xc9\xee\xdb\xda\xca\xd0,1,\n"));
        Run refused = cli({"import-org", workspace, gbk, "--format", "csv", "--as", "tester"});
        QCOMPARE(refused.status, 1);
        QVERIFY2(refused.err.contains("gbk-units.csv") && refused.err.contains("UTF-8"),
            qPrintable(refused.err));
        QCOMPARE(jsonArray(cli({"org", workspace, "--json"})).size(), 0);

        const QString empty = m_dir.filePath("empty-units.csv");
        QVERIFY(writeText(empty, ""));
        Run nothing = cli({"import-org", workspace, empty, "--format", "csv", "--as", "tester"});
        QCOMPARE(nothing.status, 1);
        QVERIFY2(nothing.err.contains("empty-units.csv"), qPrintable(nothing.err));

        // A ";" would split the unit's own jurisdiction in two when the chart is read back.
        const QString semicolon = m_dir.filePath("semicolon.csv");
        QVERIFY(writeText(
            semicolon, "code,name,tier,parent_code,jurisdiction\nC,City,1,,\nA;B,Odd,2,C,G1\n"));
        Run odd = cli({"import-org", workspace, semicolon, "--format", "csv", "--as", "tester"});
        QCOMPARE(odd.status, 1);
        QVERIFY2(odd.err.contains("line 3") && odd.err.contains("A;B"), qPrintable(odd.err));
        QCOMPARE(jsonArray(cli({"org", workspace, "--json"})).size(), 1);
    }

    void retiringTwiceKeepsTheFirstDate()
    {
        const QString workspace = m_dir.filePath("twice.gpkg");
        const QString units = m_dir.filePath("twice.csv");
        QVERIFY(writeText(units, "code,name,tier,parent_code\nC,City,1,\nD,District,2,C\n"));
        QCOMPARE(
            cli({"import-org", workspace, units, "--format", "csv", "--as", "tester"}).status, 0);
        QCOMPARE(cli({"org-retire", workspace, "D", "--as", "tester"}).status, 0);
        Run again = cli({"org-retire", workspace, "D", "--as", "tester"});
        QCOMPARE(again.status, 1);
        QVERIFY2(again.err.contains("retired already"), qPrintable(again.err));
        QCOMPARE(cli({"org-merge", workspace, "D", "--into", "C", "--as", "tester"}).status, 1);
        const QJsonArray history = jsonArray(cli({"org-history", workspace, "D", "--json"}));
        int retirements = 0;
        for (const QJsonValue &change : history)
            retirements += change.toObject().value("action").toString() == "retire" ? 1 : 0;
        QCOMPARE(retirements, 1);
    }

    void aTamperedChartIsReportedNotHidden()
    {
        const QString workspace = m_dir.filePath("tampered.gpkg");
        const QString units = m_dir.filePath("tampered.csv");
        QVERIFY(writeText(units,
            "code,name,tier,parent_code\nC,City,1,\nD1,East,2,C\nD2,West,2,C\nS1,Street,3,D1\n"));
        QCOMPARE(
            cli({"import-org", workspace, units, "--format", "csv", "--as", "tester"}).status, 0);
        {
            // Another program writes a circle of parents, an orphan and a homeless person.
            QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "tamper");
            db.setDatabaseName(workspace);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec("UPDATE org_units SET parent_code = 'D2' WHERE code = 'C'"));
            QVERIFY(query.exec("UPDATE org_units SET parent_code = 'GONE' WHERE code = 'S1'"));
            QVERIFY(query.exec("INSERT INTO people (id, name, post, unit_code) "
                               "VALUES (7, 'Ghost', 'decision', 'NOWHERE')"));
        }
        QSqlDatabase::removeDatabase("tamper");

        Run listed = cli({"org", workspace});
        QCOMPARE(listed.status, 0);
        QVERIFY2(listed.err.contains("GONE") && listed.err.contains("NOWHERE")
                && listed.err.contains("circle"),
            qPrintable(listed.err));

        Run check = cli({"org-check", workspace, "--json"});
        QCOMPARE(check.status, 1);
        QStringList kinds;
        for (const QJsonValue &value : jsonArray(check)) {
            const QString kind = value.toObject().value("kind").toString();
            if (!kind.startsWith("unit_without_head"))
                kinds << kind + ' ' + value.toObject().value("codes").toArray().first().toString();
        }
        QCOMPARE(kinds,
            QStringList({"unit_without_parent S1", "unit_in_circle C", "unit_in_circle D2",
                "person_without_unit 7"}));

        // Moving one unit of the circle to the top mends it.
        QCOMPARE(cli({"org-move", workspace, "C", "--parent", "", "--as", "tester"}).status, 0);
        QVERIFY(!cli({"org", workspace}).err.contains("circle"));
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
